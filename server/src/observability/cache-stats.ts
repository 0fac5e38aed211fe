import type { Redis } from "ioredis";
import type { BookCache } from "../cache/book-cache.ts";
import type { CacheKeys } from "../cache/keys.ts";
import type { SheetsQuota } from "../books/quota.ts";
import { COUNTERS, type CounterName, type ObservationSink } from "./events.ts";

/**
 * Cache statistics summed over every instance: each instance adds its counts to hashes in Redis (a total
 * and one per minute, kept two hours), in one pipeline a second rather than a write per request, so the
 * hot path keeps its single round trip.
 */

export interface MinuteStats {
  minute: Date;
  hits: number;
  misses: number;
  staleServes: number;
  sheetsReads: number;
  sheetsWrites: number;
  sheets429: number;
  refreshes: number;
  redisErrors: number;
}

export interface CacheStatsReport extends Record<CounterName, number> {
  hitRate: number;
  averageRefreshMs: number;
  sheetsReadsLastMinute: number;
  sheetsReadBudgetPerMinute: number;
  breakerState: string;
  totalKeys: number;
  statusKeys: number;
  infoKeys: number;
  allBooksCached: boolean;
  lastUpdate: string | null;
  /** This instance's numbers only: Redis could not be read. */
  partial: boolean;
  series: MinuteStats[];
}

type ReportBase = Pick<CacheStatsReport, "sheetsReadsLastMinute" | "sheetsReadBudgetPerMinute" | "breakerState">;

const MINUTE_MS = 60_000;
const KEEP_MINUTES_S = 2 * 3600;

export class CacheStats implements ObservationSink {
  private pending = new Map<CounterName, number>();
  private local = new Map<CounterName, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: { redis: Redis; keys: CacheKeys; cache: BookCache; quota: SheetsQuota; now: () => number },
    flushEveryMs = 1000,
  ) {
    if (flushEveryMs > 0) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), flushEveryMs);
      this.timer.unref();
    }
  }

  count(name: CounterName, n: number): void {
    if (n === 0) return;
    this.pending.set(name, (this.pending.get(name) ?? 0) + n);
    this.local.set(name, (this.local.get(name) ?? 0) + n);
  }

  /** Adds this instance's pending counts to the shared totals. Kept for the next flush if Redis fails. */
  async flush(): Promise<void> {
    if (this.pending.size === 0 || !this.deps.cache.guard.available()) return;
    const batch = this.pending;
    this.pending = new Map();
    const minuteKey = this.deps.keys.statsMinute(Math.floor(this.deps.now() / MINUTE_MS));
    const pipeline = this.deps.redis.multi();
    for (const [name, n] of batch) pipeline.hincrby(this.deps.keys.stats, name, n).hincrby(minuteKey, name, n);
    pipeline.expire(minuteKey, KEEP_MINUTES_S);
    await this.deps.cache.guard.tryRedis(
      () => this.deps.cache.guard.run(() => pipeline.exec()),
      () => {
        for (const [name, n] of batch) this.pending.set(name, (this.pending.get(name) ?? 0) + n);
      },
    );
  }

  /** The shared totals and the last hour; this instance's own counts (partial) when Redis cannot answer. */
  async report(): Promise<CacheStatsReport> {
    await this.flush();
    const { cache, quota } = this.deps;
    const base = {
      sheetsReadsLastMinute: await quota.readsLastMinute(),
      sheetsReadBudgetPerMinute: quota.readsPerMinute,
      breakerState: cache.guard.state,
    };
    return cache.guard.tryRedis(
      () => cache.guard.run(() => this.sharedReport(base)),
      () => this.localReport(base),
    );
  }

  private async sharedReport(base: ReportBase): Promise<CacheStatsReport> {
    const { redis, keys, now } = this.deps;
    const thisMinute = Math.floor(now() / MINUTE_MS);
    const minutes = Array.from({ length: 60 }, (_, i) => thisMinute - 59 + i);
    const pipeline = redis.multi().hgetall(keys.stats).exists(keys.all).get(keys.lastUpdate);
    for (const m of minutes) pipeline.hgetall(keys.statsMinute(m));
    const results = (await pipeline.exec()) ?? [];
    const [totals, allExists, lastUpdate, ...perMinute] = results.map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Record<string, string>, number, string | null, ...Array<Record<string, string>>];
    const [statusKeys, infoKeys] = await Promise.all([countKeys(redis, keys.statusPattern), countKeys(redis, keys.infoPattern)]);
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, Number(totals[c] ?? 0)])) as Record<CounterName, number>;
    return {
      ...counters,
      ...base,
      ...derived(counters),
      totalKeys: statusKeys + infoKeys + (allExists ? 1 : 0) + (lastUpdate ? 1 : 0),
      statusKeys,
      infoKeys,
      allBooksCached: allExists === 1,
      lastUpdate,
      partial: false,
      series: minutes.map((m, i) => minuteStats(m, perMinute[i] ?? {})),
    };
  }

  private localReport(base: ReportBase): CacheStatsReport {
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, this.local.get(c) ?? 0])) as Record<CounterName, number>;
    return {
      ...counters,
      ...base,
      ...derived(counters),
      totalKeys: 0,
      statusKeys: 0,
      infoKeys: 0,
      allBooksCached: false,
      lastUpdate: null,
      partial: true,
      series: [],
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function derived(c: Record<CounterName, number>) {
  const lookups = c.hits + c.misses;
  return { hitRate: lookups === 0 ? 0 : c.hits / lookups, averageRefreshMs: c.refreshes === 0 ? 0 : c.refreshMs / c.refreshes };
}

function minuteStats(minute: number, fields: Record<string, string>): MinuteStats {
  const n = (k: CounterName) => Number(fields[k] ?? 0);
  return {
    minute: new Date(minute * MINUTE_MS),
    hits: n("hits"),
    misses: n("misses"),
    staleServes: n("staleServes"),
    sheetsReads: n("sheetsReads"),
    sheetsWrites: n("sheetsWrites"),
    sheets429: n("sheets429"),
    refreshes: n("refreshes"),
    redisErrors: n("redisErrors"),
  };
}

/** Counts keys matching a pattern with SCAN (never KEYS: it blocks Redis). */
async function countKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = "0";
  let count = 0;
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    count += found.length;
  } while (cursor !== "0");
  return count;
}
