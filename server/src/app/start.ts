import "reflect-metadata";
import type { Redis } from "ioredis";
import type { SheetsEmulator } from "@kurin/sheets-emulator";
import type { AuthService } from "../auth/auth-service.ts";
import type { BookService } from "../books/book-service.ts";
import type { CatalogueWatch } from "../books/catalogue-watch.ts";
import type { SheetsQuota } from "../books/quota.ts";
import type { BookCache } from "../cache/book-cache.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { Config } from "../config.ts";
import type { DatabaseAdapter, PrismaClient } from "../db/client.ts";
import { pingDatabase, type DatabaseGuard } from "../db/database-guard.ts";
import { mappingFingerprint, trustedCacheAge } from "../books/mapping.ts";
import { createHealthCheck } from "../health/health.ts";
import type { Lending } from "../loans/lending.ts";
import type { InTransaction } from "../loans/loan-writes.ts";
import type { Logger } from "../logger.ts";
import type { CacheStats } from "../observability/cache-stats.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { TelegramFiles } from "../telegram/telegram-files.ts";
import { observeLending } from "../observability/events.ts";
import { serveHttp } from "./http.ts";
import type { Outbox } from "../notifications/outbox.ts";
import type { Holds } from "../circulation/holds.ts";
import type { Privacy } from "../circulation/privacy.ts";
import type { ReminderScheduler } from "../circulation/reminders.ts";
import { buildAuth, buildBooks, buildCirculation, buildHolds, buildLending, buildNotifications, buildObservability, buildTelegram, connectCache, openCatalogue, openDatabase, type Cleanups } from "./parts.ts";

/**
 * Wiring: every part is built here from the configuration and handed its dependencies, in named steps
 * (app/parts.ts, app/http.ts). `pnpm start` (main.ts) and the tests start kurin through this same function,
 * the tests with their own database, key prefix and Sheets emulator. See docs/ARCHITECTURE.md, "Parts".
 */

export interface Kurin {
  /** http://host:port (GraphQL at /graphql, health at /health) */
  url: string;
  port: number;
  books: BookService;
  cache: BookCache;
  guard: RedisGuard;
  quota: SheetsQuota;
  stats: CacheStats;
  metrics: Metrics;
  watch: CatalogueWatch;
  catalogue: SheetCatalogue;
  /** Readers, tokens, who is asking. */
  auth: AuthService;
  /** The outbox of messages the bot delivers. */
  notifications: Outbox;
  /** Writes reminders and the librarians' summary to the outbox (tests call `tick` with their clock). */
  reminders: ReminderScheduler;
  /** Readers' personal data: forgetReader, LOAN_HISTORY_DAYS. */
  privacy: Privacy;
  /** The waiting list. */
  holds: Holds;
  /**
   * Loans, loan events, hand edits, the repairer of interrupted Sheet writes.
   */
  lending: Lending;
  /** The Telegram bot's side kurin uses (its username, return photos). */
  telegram: TelegramFiles;
  redis: Redis;
  prisma: PrismaClient;
  /** The breaker in front of MySQL (open: the database is not answering). */
  database: DatabaseGuard;
  /** The embedded emulator, when no real spreadsheet is configured. */
  emulator?: SheetsEmulator;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Read the Sheet before listening, so the first readers find a warm cache. Default true. */
  warm?: boolean;
  /** The clock for freshness, budgets and backoff (tests simulate time with it). */
  now?: () => number;
  /** How often stats go to Redis (0: only when read). */
  statsFlushMs?: number;
  /** The Prisma client to make with kurin's guarded adapter (tests pass one that logs its SQL). */
  createPrisma?: (adapter: DatabaseAdapter) => PrismaClient;
  /** Steps that add rows to every loan change's transaction (loans/loan-writes.ts). */
  inTransaction?: readonly InTransaction[];
}

export async function startKurin(config: Config, logger: Logger, options: StartOptions = {}): Promise<Kurin> {
  const stopping: Cleanups = [];
  const stop = async () => {
    for (const cleanup of stopping.reverse()) await cleanup().catch((error) => logger.warn({ err: error }, "stop step failed"));
  };
  try {
    const now = options.now ?? Date.now;
    const { prisma, database } = await openDatabase(config, logger, stopping, options.createPrisma);
    const { catalogue, emulator } = await openCatalogue(config, logger, stopping);
    const cacheParts = await connectCache(config, logger, stopping);
    const bookParts = buildBooks(config, logger, { ...cacheParts, catalogue }, now);
    const { stats, metrics } = buildObservability({ ...cacheParts, ...bookParts, catalogue }, options.statsFlushMs ?? 1000, now, stopping);
    const auth = buildAuth(config, logger, prisma, now);
    const notifications = buildNotifications(config, prisma, auth, now);
    const { books, quota, watch } = bookParts;
    stopping.push(async () => books.stop());
    const holds = buildHolds(config, prisma, books, now);
    const lending = buildLending(config, logger, {
      ...cacheParts,
      prisma,
      catalogue,
      books,
      quota,
      readers: auth.readers,
      now,
      inTransaction: [notifications.inTransaction, ...(options.inTransaction ?? [])],
      waitingFor: (bookId) => holds.waiting(bookId),
    });
    observeLending(lending.service, [metrics]);
    metrics.notificationBacklog(() => notifications.backlog());
    const health = createHealthCheck({ cache: cacheParts.cache, catalogue, books, pingDatabase: () => pingDatabase(prisma) });

    await warmUp(config, logger, { books, cache: cacheParts.cache, guard: cacheParts.guard }, options);
    watch.start();
    stopping.push(() => watch.stop());
    lending.start();
    stopping.push(() => lending.stop());
    const { reminders, privacy } = buildCirculation(config, logger, { prisma, outbox: notifications, auth, holds, lending, books }, now, stopping);

    const telegram = buildTelegram(config);
    const { url, port } = await serveHttp(
      config,
      logger,
      { ...cacheParts, books, stats, lending, notifications, privacy, holds, metrics, health, now, telegram, authenticator: auth.authenticator, pubSub: lending.events.pubSub, ttlMs: config.redis.ttlSeconds * 1000 },
      stopping,
    );
    return { url, port, books, cache: cacheParts.cache, guard: cacheParts.guard, quota, stats, metrics, watch, catalogue, auth, notifications, reminders, privacy, holds, lending, telegram, redis: cacheParts.redis, prisma, database, emulator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads the Sheet before listening (unless told not to), so the first readers find a warm cache. */
async function warmUp(config: Config, logger: Logger, parts: { books: BookService; cache: BookCache; guard: RedisGuard }, options: StartOptions): Promise<void> {
  if (!(options.warm ?? true)) return;
  const { books, cache, guard } = parts;
  try {
    const fingerprint = mappingFingerprint(config.sheets);
    const maxAgeMs = await trustedCacheAge(cache, guard, fingerprint, config.redis.ttlSeconds * 1000);
    if (maxAgeMs === 0) logger.info("the cache was filled with another column mapping or status words (or none recorded): reading the Sheet");
    logger.info({ outcome: await books.refresh(maxAgeMs) }, "catalogue ready");
    await guard.tryRedis(() => cache.setMapping(fingerprint), () => undefined);
  } catch (error) {
    logger.error({ err: (error as Error).message }, "could not read the catalogue at start-up; will retry on the first request");
  }
}
