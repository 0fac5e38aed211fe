import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { BreakerState } from "../cache/redis-guard.ts";
import type { SheetsQuota } from "../books/quota.ts";
import { COUNTERS, type CounterName, type ObservationSink } from "./events.ts";

/** Prometheus metrics of this instance (GET /metrics), on a registry of its own (no global default). */
export class Metrics implements ObservationSink {
  readonly registry = new Registry();
  private readonly counters: Map<CounterName, Counter>;
  private readonly breakerGauge: Gauge;
  private readonly refreshHistogram: Histogram;
  private readonly lendingSteps: Counter<"step" | "outcome">;

  constructor(quota: SheetsQuota) {
    this.counters = new Map(
      COUNTERS.filter((c) => c !== "refreshMs").map((name) => [
        name,
        new Counter({ name: `kurin_${snake(name)}_total`, help: HELP[name], registers: [this.registry] }),
      ]),
    );
    this.breakerGauge = new Gauge({
      name: "kurin_redis_breaker_state",
      help: "Redis circuit breaker: 0 closed, 1 half-open, 2 open",
      registers: [this.registry],
    });
    this.refreshHistogram = new Histogram({
      name: "kurin_catalogue_refresh_seconds",
      help: "Time to read the Sheet and update the cache",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [this.registry],
    });
    new Gauge({
      name: "kurin_sheets_reads_last_minute",
      help: "Sheets reads in the last minute, all instances",
      registers: [this.registry],
      async collect() {
        this.set(await quota.readsLastMinute());
      },
    });
    this.lendingSteps = new Counter({
      name: "kurin_lending_steps_total",
      help: "Lending steps asked for (bookItem, markAsDelivered, ...), by outcome: ok or the error code",
      labelNames: ["step", "outcome"],
      registers: [this.registry],
    });
    new Gauge({ name: "kurin_sheets_read_budget_per_minute", help: "Sheets reads allowed a minute", registers: [this.registry] }).set(
      quota.readsPerMinute,
    );
  }

  count(name: CounterName, n: number): void {
    this.counters.get(name)?.inc(n);
  }

  breaker(state: BreakerState): void {
    this.breakerGauge.set(state === "closed" ? 0 : state === "half-open" ? 1 : 2);
  }

  refreshDuration(ms: number): void {
    this.refreshHistogram.observe(ms / 1000);
  }

  lendingStep(transition: string, outcome: string): void {
    this.lendingSteps.inc({ step: transition, outcome });
  }

  /**
   * The outbox the bot delivers, as MySQL has it at each scrape (the same figure on every instance: one
   * outbox; ages in real time, as MySQL stamps the rows). A backlog that grows, or an oldest message that ages, means no bot is delivering.
   */
  notificationBacklog(backlog: () => Promise<{ pending: number; oldest: Date | null }>): void {
    type Backlog = { pending: number; oldest: Date | null } | undefined;
    let last: Promise<Backlog> | undefined;
    // prom-client collects every metric of a scrape at once: one query serves both gauges. MySQL away: the
    // gauges keep their last values, and /metrics still answers.
    const read = () =>
      (last ??= backlog()
        .catch(() => undefined)
        .finally(() => (last = undefined)));
    new Gauge({
      name: "kurin_notifications_pending",
      help: "Messages in the outbox not yet delivered by the bot",
      registers: [this.registry],
      async collect() {
        const found = await read();
        if (found) this.set(found.pending);
      },
    });
    new Gauge({
      name: "kurin_notifications_oldest_pending_seconds",
      help: "Age of the oldest message the bot has not delivered (0: none waiting)",
      registers: [this.registry],
      async collect() {
        const found = await read();
        if (found) this.set(found.oldest ? Math.max(0, (Date.now() - found.oldest.getTime()) / 1000) : 0);
      },
    });
  }
}

const HELP: Record<CounterName, string> = {
  hits: "Book lookups answered from Redis",
  misses: "Book lookups Redis could not answer",
  staleServes: "Book lookups answered with values older than the TTL",
  refreshes: "Catalogue refreshes that read the Sheet",
  refreshMs: "",
  refreshesRefused: "Refreshes not made: budget spent, backing off, or another instance reading",
  refreshesFailed: "Refreshes that failed",
  sheetsReads: "Sheets API reads",
  sheetsWrites: "Sheets API writes",
  sheets429: "Sheets API answers 429 (quota)",
  sheetsErrors: "Sheets API failures other than 429",
  redisErrors: "Redis commands that failed",
  webhookRejected: "Sheet-edit webhook requests refused (bad signature, replay, expired)",
};

function snake(name: string): string {
  return name.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);
}
