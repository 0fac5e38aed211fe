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
