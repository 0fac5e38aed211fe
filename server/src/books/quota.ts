import { ExponentialBackoff, type IBackoff } from "cockatiel";
import type { Redis } from "ioredis";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { SheetsCallError } from "../catalog/sheets-errors.ts";

/**
 * Google allows 60 Sheets reads a minute per user. kurin keeps its own budget under that (50 by default),
 * shared by every instance through a sorted set in Redis (an exact sliding minute; a local one while Redis
 * is down), and after a failure waits an exponentially growing, jittered delay — or what a 429 asks for —
 * before the next attempt. Refreshes ask `tryAcquire()` first and serve what they have when refused.
 */

const WINDOW_MS = 60_000;

// One atomic step: forget reads older than a minute, refuse when the budget is spent, else record this one.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - ${WINDOW_MS})
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ${WINDOW_MS + 1000})
return 1`;

export type QuotaRefusal = "budget" | "backoff";

export interface SheetsQuotaOptions {
  readsPerMinute: number;
  /** Shared store, asked through the guard so an open circuit skips it. */
  redis?: { client: Redis; key: string; guard: RedisGuard };
  now: () => number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class SheetsQuota {
  private readonly local: number[] = [];
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private backoff: IBackoff<unknown> | undefined;
  private notBefore = 0;
  private seq = 0;

  constructor(private readonly options: SheetsQuotaOptions) {
    this.backoffFactory = new ExponentialBackoff({
      initialDelay: options.initialBackoffMs ?? 1000,
      // Google caps its suggested backoff at 32-64 s; 30 s keeps a long outage at about two reads a minute.
      maxDelay: options.maxBackoffMs ?? 30_000,
    });
  }

  get readsPerMinute(): number {
    return this.options.readsPerMinute;
  }

  /** Time before which no read should be attempted (after failures), or 0. */
  get backoffUntil(): number {
    return this.notBefore;
  }

  /** Takes one read from the budget; undefined when granted, else why not. */
  async tryAcquire(): Promise<QuotaRefusal | undefined> {
    const now = this.options.now();
    if (now < this.notBefore) return "backoff";
    const shared = this.options.redis;
    const granted = shared
      ? await shared.guard.tryRedis(
          () => shared.guard.run(() => shared.client.eval(ACQUIRE, 1, shared.key, now, this.options.readsPerMinute, this.member(now))),
          () => undefined, // Redis failed mid-way: fall through to this instance's own count.
        )
      : undefined;
    if (granted !== undefined) return granted === 1 ? undefined : "budget";
    while (this.local.length > 0 && this.local[0]! <= now - WINDOW_MS) this.local.shift();
    if (this.local.length >= this.options.readsPerMinute) return "budget";
    this.local.push(now);
    return undefined;
  }

  /**
   * Counts a read that is made whatever the budget says (a reader's status change must not wait a minute), so
   * that refreshes leave room for it and the figures stay exact.
   */
  async countRead(): Promise<void> {
    const now = this.options.now();
    const shared = this.options.redis;
    const counted = shared
      ? await shared.guard.tryRedis(
          async () => {
            await shared.guard.run(() => shared.client.multi().zadd(shared.key, now, this.member(now)).pexpire(shared.key, WINDOW_MS + 1000).exec());
            return true;
          },
          () => false, // Redis failed mid-way: count it here.
        )
      : false;
    if (!counted) this.local.push(now);
  }

  private member(now: number): string {
    return `${now}:${process.pid}:${++this.seq}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Reads made in the last minute (all instances when Redis is there). */
  async readsLastMinute(): Promise<number> {
    const now = this.options.now();
    const shared = this.options.redis;
    const local = () => this.local.filter((t) => t > now - WINDOW_MS).length;
    return shared ? shared.guard.tryRedis(() => shared.guard.run(() => shared.client.zcount(shared.key, now - WINDOW_MS, "+inf")), local) : local();
  }

  succeeded(): void {
    this.backoff = undefined;
    this.notBefore = 0;
  }

  /** After a failed call: wait before the next one, at least what a 429's Retry-After asked for. */
  failed(error: SheetsCallError): void {
    this.backoff = (this.backoff ?? this.backoffFactory).next(undefined);
    const retryAfterMs = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
    this.notBefore = this.options.now() + Math.max(this.backoff.duration, retryAfterMs);
  }
}
