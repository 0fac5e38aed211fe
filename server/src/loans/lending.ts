import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { Authenticator, type Auth } from "../auth/authenticator.ts";
import { ApiTokens } from "../auth/tokens.ts";
import type { BookService } from "../books/book-service.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { SheetsQuota } from "../catalog/quota.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { AuthSettings, LendingSettings } from "../config.ts";
import type { PrismaClient } from "../db/client.ts";
import { BookLocks } from "./book-lock.ts";
import { LoanEventBus } from "./events.ts";
import { LendingService, type LendingFaults } from "./lending-service.ts";
import { LoanQueries, RequestLoans } from "./loan-queries.ts";
import { ReaderService } from "./readers.ts";
import { SheetWriteRepairer } from "./repairer.ts";

/**
 * Lending's parts, built from their dependencies in one place so the wiring (app.ts) stays a few lines:
 * the transitions, readers, queries, events across instances, the repairer of interrupted Sheet writes, and
 * who-is-asking (tokens and the Telegram reader a bot acts for).
 */

/** Redis keys of lending, under REDIS_KEY_PREFIX like every other kurin key. */
export function lendingKeys(prefix: string) {
  return {
    /** One status change of a book at a time, across instances. */
    lock: (bookId: string) => `${prefix}kurin:loan:lock:${bookId}`,
    /** Pub/sub channel of loan events. */
    events: `${prefix}kurin:loans:events`,
  };
}

export interface LendingDependencies {
  settings: LendingSettings;
  auth: AuthSettings;
  keyPrefix: string;
  prisma: PrismaClient;
  catalogue: SheetCatalogue;
  books: BookService;
  quota: SheetsQuota;
  redis: Redis;
  guard: RedisGuard;
  /** A Redis connection of its own for the event channel. */
  subscriber: Redis;
  logger: Logger;
  now?: () => number;
  faults?: LendingFaults;
}

/** What resolvers get, per request. */
export interface LendingRequest {
  service: LendingService;
  readers: ReaderService;
  queries: LoanQueries;
  /** This request's loaders (loans by reader, readers by id). */
  loans: RequestLoans;
  events: LoanEventBus;
  authenticator: Authenticator;
}

export class Lending {
  readonly service: LendingService;
  readonly readers: ReaderService;
  readonly queries: LoanQueries;
  readonly events: LoanEventBus;
  readonly repairer: SheetWriteRepairer;
  readonly tokens: ApiTokens;
  readonly authenticator: Authenticator;
  readonly locks: BookLocks;

  constructor(deps: LendingDependencies) {
    const { settings, prisma, logger } = deps;
    const keys = lendingKeys(deps.keyPrefix);
    const now = deps.now ?? Date.now;
    this.locks = new BookLocks(deps.redis, deps.guard, keys.lock, settings.lockTtlMs);
    this.events = new LoanEventBus({ redis: deps.redis, guard: deps.guard, subscriber: deps.subscriber, channel: keys.events, logger });
    this.readers = new ReaderService(prisma);
    this.queries = new LoanQueries(prisma, now);
    this.service = new LendingService({
      prisma,
      catalogue: deps.catalogue,
      books: deps.books,
      locks: this.locks,
      events: this.events,
      rules: { loanPeriodDays: settings.loanPeriodDays, maxOpenLoans: settings.maxOpenLoans, timeZone: settings.timeZone },
      logger,
      quota: deps.quota,
      now,
      faults: deps.faults,
    });
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
    this.tokens = new ApiTokens(prisma);
    this.authenticator = new Authenticator({ tokens: this.tokens, readers: this.readers, cacheMs: deps.auth.cacheSeconds * 1000, logger, now });
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
    return { service: this.service, readers: this.readers, queries: this.queries, loans, events: this.events, authenticator: this.authenticator };
  }
}
