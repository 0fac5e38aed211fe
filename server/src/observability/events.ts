import type { BookService } from "../books/book-service.ts";
import type { RedisGuard, BreakerState } from "../cache/redis-guard.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { LendingService } from "../loans/lending-service.ts";

/**
 * Observability is a listener: the few places where a decision is made (BookService, the catalogue, the
 * Redis circuit) emit events, and stats, metrics and logs subscribe here — no counters sprinkled in code.
 */

export type CounterName =
  | "hits"
  | "misses"
  | "staleServes"
  | "refreshes"
  | "refreshMs"
  | "refreshesRefused"
  | "refreshesFailed"
  | "sheetsReads"
  | "sheetsWrites"
  | "sheets429"
  | "sheetsErrors"
  | "redisErrors"
  | "webhookRejected";

export const COUNTERS: readonly CounterName[] = [
  "hits",
  "misses",
  "staleServes",
  "refreshes",
  "refreshMs",
  "refreshesRefused",
  "refreshesFailed",
  "sheetsReads",
  "sheetsWrites",
  "sheets429",
  "sheetsErrors",
  "redisErrors",
  "webhookRejected",
];

export interface ObservationSink {
  count(name: CounterName, n: number): void;
  breaker?(state: BreakerState): void;
  refreshDuration?(ms: number): void;
  lendingStep?(transition: string, outcome: string): void;
}

export function observe(sources: { books: BookService; catalogue: SheetCatalogue; guard: RedisGuard }, sinks: ObservationSink[]): void {
  const count = (name: CounterName, n = 1) => {
    for (const sink of sinks) sink.count(name, n);
  };
  const { books, catalogue, guard } = sources;
  books.on("hit", (n) => count("hits", n));
  books.on("miss", (n) => count("misses", n));
  books.on("stale", (n) => count("staleServes", n));
  books.on("refresh", (outcome) => {
    if (outcome.kind !== "read") return;
    count("refreshes");
    count("refreshMs", Math.round(outcome.durationMs));
    for (const sink of sinks) sink.refreshDuration?.(outcome.durationMs);
  });
  books.on("refreshRefused", () => count("refreshesRefused"));
  books.on("refreshFailed", () => count("refreshesFailed"));
  catalogue.on("read", () => count("sheetsReads"));
  catalogue.on("write", () => count("sheetsWrites"));
  catalogue.on("failure", ({ error }) => {
    count(error.httpStatus === 429 ? "sheets429" : "sheetsErrors");
  });
  guard.on("failure", () => count("redisErrors"));
  guard.on("state", (state) => {
    for (const sink of sinks) sink.breaker?.(state);
  });
}

/** Lending is built after the read side (it needs the books): its steps are observed once it exists. */
export function observeLending(lending: LendingService, sinks: ObservationSink[]): void {
  lending.on("step", (transition, outcome) => {
    for (const sink of sinks) sink.lendingStep?.(transition, outcome);
  });
}
