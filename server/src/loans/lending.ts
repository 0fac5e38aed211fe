import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Auth } from "../auth/authenticator.ts";
import type { ReaderService } from "../auth/readers.ts";
import type { BookService } from "../books/book-service.ts";
import type { SheetsQuota } from "../books/quota.ts";
import type { CacheKeys } from "../cache/keys.ts";
import type { RedisLocks } from "../cache/lock.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { LendingSettings } from "../config.ts";
import type { PrismaClient } from "../db/client.ts";
import { BookLocks } from "./book-lock.ts";
import { LendingDrift } from "./drift.ts";
import { LoanEventBus } from "./events.ts";
import { HandEdits } from "./hand-edits.ts";
import { LendingService } from "./lending-service.ts";
import type { InTransaction } from "./loan-writes.ts";
import { LoanQueries, RequestLoans } from "./loan-queries.ts";
import { SheetWriteRepairer } from "./repairer.ts";

/**
 * Lending's parts, built from their dependencies in one place so the wiring stays a few lines: the
 * transitions, queries, events across instances, hand edits, and the repairer of interrupted Sheet writes.
 */

/** How long after Redis comes back an instance writes the changes other instances made and Redis missed. */
const RECACHE_AFTER_REDIS_BACK_MS = 5000;

export interface LendingDependencies {
  settings: LendingSettings;
  keys: CacheKeys;
  prisma: PrismaClient;
  catalogue: SheetCatalogue;
  books: BookService;
  readers: ReaderService;
  quota: SheetsQuota;
  redis: Redis;
  guard: RedisGuard;
  locks: RedisLocks;
  /** A Redis connection of its own for the event channel. */
  subscriber: Redis;
  logger: Logger;
  now?: () => number;
  /** Steps that add rows to every loan change's transaction (see loans/loan-writes.ts). */
  inTransaction?: readonly InTransaction[];
  /** Readers waiting for a book (the waiting list, circulation/holds.ts). */
  waitingFor?: (bookId: string) => Promise<number>;
}

/** What resolvers get, per request. */
export interface LendingRequest {
  service: LendingService;
  readers: ReaderService;
  queries: LoanQueries;
  /** This request's loaders (loans by reader, readers by id). */
  loans: RequestLoans;
  events: LoanEventBus;
  /** Books lent outside kurin, and loans the Sheet does not show. */
  drift: LendingDrift;
}

export class Lending {
  readonly service: LendingService;
  readonly readers: ReaderService;
  readonly queries: LoanQueries;
  readonly events: LoanEventBus;
  readonly handEdits: HandEdits;
  readonly drift: LendingDrift;
  readonly repairer: SheetWriteRepairer;
  readonly locks: BookLocks;

  constructor(deps: LendingDependencies) {
    const { settings, prisma, logger } = deps;
    const now = deps.now ?? Date.now;
    this.readers = deps.readers;
    this.locks = new BookLocks(deps.locks, deps.guard, deps.keys.loanLock, settings.lockTtlMs);
    this.events = new LoanEventBus({ redis: deps.redis, guard: deps.guard, subscriber: deps.subscriber, channel: deps.keys.loanEvents, logger });
    this.queries = new LoanQueries(prisma, now);
    this.service = new LendingService({
      prisma,
      catalogue: deps.catalogue,
      books: deps.books,
      locks: this.locks,
      events: this.events,
      rules: { loanPeriodDays: settings.loanPeriodDays, maxOpenLoans: settings.maxOpenLoans, timeZone: settings.timeZone, renewal: settings.renewal },
      logger,
      quota: deps.quota,
      now,
      inTransaction: deps.inTransaction,
      waitingFor: deps.waitingFor,
    });
    this.drift = new LendingDrift({ prisma, catalogue: deps.catalogue, books: deps.books, locks: this.locks, events: this.events, quota: deps.quota, now });
    this.handEdits = new HandEdits({ prisma, events: this.events, logger, now });
    this.repairer = new SheetWriteRepairer({
      prisma,
      ledger: this.service.ledger,
      catalogue: deps.catalogue,
      books: deps.books,
      locks: this.locks,
      events: this.events,
      logger,
      repairAfterMs: settings.repairAfterSeconds * 1000,
      intervalMs: settings.repairIntervalSeconds * 1000,
      now,
    });
    // Redis back after this instance found it away: changes any instance made meanwhile and Redis missed (their
    // instance may have died since) are written from the Sheet soon, not at the next periodic pass. Soon, not at
    // once: an instance still alive writes its own within one breaker half-open interval, costing no Sheets read.
    deps.guard.on("state", (state) => state === "closed" && this.repairer.recacheSoon(RECACHE_AFTER_REDIS_BACK_MS));
    // A change Redis missed is in Redis again (this instance wrote it when Redis came back): its record is done.
    deps.books.on("writeThroughHealed", (bookId) => {
      this.service.ledger.cached(bookId).catch((error) => logger.warn({ bookId, err: (error as Error).message }, "could not record a rewritten change; the repairer will"));
    });
  }

  /** Starts hearing other instances' events and settling interrupted Sheet writes (now and periodically). */
  start(): void {
    this.events.start();
    this.repairer.start();
  }

  async stop(): Promise<void> {
    await this.repairer.stop();
    await this.events.stop();
  }

  forRequest(auth: Auth): LendingRequest {
    const loans = new RequestLoans(this.queries, this.readers);
    if (auth.reader) loans.primeReader(auth.reader);
    return { service: this.service, readers: this.readers, queries: this.queries, loans, events: this.events, drift: this.drift };
  }
}
