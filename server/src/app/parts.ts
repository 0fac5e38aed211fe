import { resolve } from "node:path";
import type { Redis } from "ioredis";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { AuthService } from "../auth/auth-service.ts";
import { BookService } from "../books/book-service.ts";
import { CatalogueWatch } from "../books/catalogue-watch.ts";
import { SheetsQuota } from "../books/quota.ts";
import { BookCache } from "../cache/book-cache.ts";
import { cacheKeys, type CacheKeys } from "../cache/keys.ts";
import { RedisLocks } from "../cache/lock.ts";
import { connectRedis, createRedis } from "../cache/redis-client.ts";
import { RedisGuard } from "../cache/redis-guard.ts";
import { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import { createSheetsClient } from "../catalog/sheets-client.ts";
import { StatusVocabulary } from "../catalog/status-words.ts";
import type { Config } from "../config.ts";
import { databaseAdapter, PrismaClient, type DatabaseAdapter } from "../db/client.ts";
import { DatabaseGuard } from "../db/database-guard.ts";
import { deployMigrations, ensureDatabase } from "../db/migrate.ts";
import { isQuiet } from "../circulation/library-clock.ts";
import { HoldOffers } from "../circulation/hold-offers.ts";
import { Holds } from "../circulation/holds.ts";
import { Privacy } from "../circulation/privacy.ts";
import { ReminderScheduler } from "../circulation/reminders.ts";
import { Lending, type LendingDependencies } from "../loans/lending.ts";
import { Outbox } from "../notifications/outbox.ts";
import type { Logger } from "../logger.ts";
import { CacheStats } from "../observability/cache-stats.ts";
import { observe } from "../observability/events.ts";
import { Metrics } from "../observability/metrics.ts";
import { TelegramFiles } from "../telegram/telegram-files.ts";

/**
 * The steps of the wiring (app/start.ts runs them in this order), each building one part from the
 * configuration and the parts before it. `stopping` collects what to undo, in reverse, on stop.
 * See docs/ARCHITECTURE.md, "Parts".
 */

export type Cleanups = Array<() => Promise<unknown>>;

/**
 * The database: created when missing, migrated, then used through Prisma, behind the guard that answers at once
 * while it is away (db/database-guard.ts).
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  stopping: Cleanups,
  client: (adapter: DatabaseAdapter) => PrismaClient = (adapter) => new PrismaClient({ adapter }),
): Promise<{ prisma: PrismaClient; database: DatabaseGuard }> {
  if (await ensureDatabase(config.databaseUrl)) logger.info("created the database");
  await deployMigrations(config.databaseUrl, { logger });
  const database = new DatabaseGuard({ retryAfterMs: config.database.retryAfterMs });
  database.on("state", (state) => logger[state === "closed" ? "info" : "warn"]({ database: state }, `database circuit ${state}`));
  const prisma = client(database.guardAdapter(databaseAdapter(config.databaseUrl, { acquireTimeoutMs: config.database.acquireTimeoutMs })));
  stopping.push(() => prisma.$disconnect());
  // Open the pool now: the first request (or health check) then does not pay for the connection.
  await prisma.$queryRaw`SELECT 1`;
  return { prisma, database };
}

/** The catalogue: the configured Google Sheet, or the embedded emulator with the demo catalogue. */
export async function openCatalogue(config: Config, logger: Logger, stopping: Cleanups): Promise<{ catalogue: SheetCatalogue; emulator?: SheetsEmulator }> {
  let emulator: SheetsEmulator | undefined;
  let apiUrl = config.sheets.apiUrl;
  let spreadsheetId = config.sheets.spreadsheetId;
  if (!spreadsheetId) {
    const workingCopy = resolve(config.sheets.emulatorDataFile);
    const started = await SheetsEmulator.start({ workingCopyPath: workingCopy, sheetName: config.sheets.sheetName });
    stopping.push(() => started.stop());
    emulator = started;
    apiUrl = started.url;
    spreadsheetId = started.spreadsheetId;
    logger.info({ sheetsApi: apiUrl, workingCopy }, "no GOOGLE_SPREADSHEET_ID: serving the demo catalogue from the embedded Sheets emulator");
  }
  const catalogue = new SheetCatalogue({
    client: createSheetsClient(config.sheets, apiUrl),
    spreadsheetId,
    sheetName: config.sheets.sheetName,
    columns: config.sheets.columns,
    vocabulary: new StatusVocabulary(config.sheets.statusWords),
    highlight: config.sheets.highlight,
  });
  // Each failure is counted; the refresher logs a refresh problem once, not once per call.
  catalogue.on("failure", ({ operation, error }) => logger.debug({ operation, err: error.message }, "Google Sheets call failed"));
  // Painting rows addresses the tab by its numeric id: found now, so no status change pays a call for it.
  if (config.sheets.highlight) {
    await catalogue.locateTab().catch((error: Error) => logger.warn({ err: error.message }, "could not look up the Sheet's tab id; the first status change will"));
  }
  return { catalogue, emulator };
}

export interface CacheParts {
  redis: Redis;
  keys: CacheKeys;
  guard: RedisGuard;
  cache: BookCache;
  locks: RedisLocks;
}

/** The cache: Redis if it is there, behind a circuit breaker; kurin serves without it, degraded. */
export async function connectCache(config: Config, logger: Logger, stopping: Cleanups): Promise<CacheParts> {
  const redis = createRedis(config.redis, logger);
  stopping.push(async () => redis.disconnect());
  await connectRedis(redis);
  const keys = cacheKeys(config.redis.keyPrefix);
  const guard = new RedisGuard({ failuresToOpen: config.redis.breakerFailures, halfOpenAfterMs: config.redis.breakerHalfOpenMs });
  guard.on("state", (state) => logger[state === "closed" ? "info" : "warn"]({ breaker: state }, `Redis circuit ${state}`));
  const cache = new BookCache(redis, keys, guard, { ttlSeconds: config.redis.ttlSeconds, graceSeconds: config.redis.graceSeconds });
  return { redis, keys, guard, cache, locks: new RedisLocks(redis, guard) };
}

/** A Redis connection of its own for one pub/sub channel (a subscribed connection can do nothing else). */
export function subscriber(config: Config, logger: Logger, name: string): Redis {
  return createRedis({ ...config.redis, commandTimeoutMs: 0 }, logger.child({ connection: name }), { quiet: true });
}

export interface BookParts {
  books: BookService;
  quota: SheetsQuota;
  watch: CatalogueWatch;
}

/** The read side: the Sheets budget, the book service, and what keeps this instance's catalogue current. */
export function buildBooks(config: Config, logger: Logger, parts: { catalogue: SheetCatalogue } & CacheParts, now: () => number): BookParts {
  const { redis, keys, guard, cache, locks, catalogue } = parts;
  const quota = new SheetsQuota({ readsPerMinute: config.sheets.readsPerMinute, redis: { client: redis, key: keys.sheetsReads, guard }, now });
  const books = new BookService({
    catalogue,
    cache,
    locks,
    quota,
    logger,
    ttlSeconds: config.redis.ttlSeconds,
    graceSeconds: config.redis.graceSeconds,
    lockTtlMs: config.sheets.timeoutMs + 5000,
    lockWaitMs: config.sheets.timeoutMs + 2000,
    rewriteEveryMs: config.redis.breakerHalfOpenMs,
    now,
  });
  const watch = new CatalogueWatch({
    books,
    subscriber: subscriber(config, logger, "subscriber"),
    guard,
    channel: keys.changes,
    pollMs: config.sheets.pollSeconds * 1000,
    versionCheckMs: config.redis.versionCheckMs,
    logger,
  });
  return { books, quota, watch };
}

/** Stats in Redis (all instances) and Prometheus metrics of this instance: both listen to the same events. */
export function buildObservability(parts: CacheParts & BookParts & { catalogue: SheetCatalogue }, statsFlushMs: number, now: () => number, stopping: Cleanups) {
  const { redis, keys, cache, quota, books, catalogue, guard } = parts;
  const stats = new CacheStats({ redis, keys, cache, quota, now }, statsFlushMs);
  stopping.push(async () => stats.stop());
  const metrics = new Metrics(quota);
  observe({ books, catalogue, guard }, [stats, metrics]);
  return { stats, metrics };
}

/** Readers, tokens and who-is-asking, built once. */
export function buildAuth(config: Config, logger: Logger, prisma: PrismaClient, now: () => number): AuthService {
  return new AuthService({ prisma, settings: config.auth, outageGraceSeconds: config.database.authGraceSeconds, logger, now });
}

/** The Telegram bot's side the dashboard needs: the bot's username (QR codes) and readers' return photos. */
export function buildTelegram(config: Config): TelegramFiles {
  return new TelegramFiles(config.telegram);
}

/** The outbox of messages the bot delivers; its rows are written by every loan change (buildLending). */
export function buildNotifications(config: Config, prisma: PrismaClient, auth: AuthService, now: () => number): Outbox {
  const blocked = (telegramId: string) => auth.authenticator.forgetReader(telegramId);
  // Reminders wait out the library's quiet hours; a message caused by someone's action goes at once.
  const quiet = (at: Date) => isQuiet(at, config.circulation);
  return new Outbox(prisma, { leaseMs: config.telegram.notificationLeaseSeconds * 1000, now, blocked, quiet });
}

/** The waiting list's table (lending asks it whether anyone waits for a book). */
export function buildHolds(config: Config, prisma: PrismaClient, books: BookService, now: () => number): Holds {
  const { lending, circulation } = config;
  return new Holds({ prisma, books, settings: circulation.holds, loanPeriodDays: lending.loanPeriodDays, timeZone: lending.timeZone, now });
}

/** Reminders, the librarians' summary, the waiting list's offers, the history's limit: one tick, every instance. */
export function buildCirculation(
  config: Config,
  logger: Logger,
  parts: { prisma: PrismaClient; outbox: Outbox; auth: AuthService; holds: Holds; lending: Lending; books: BookService },
  now: () => number,
  stopping: Cleanups,
) {
  const { prisma, outbox, auth, holds, lending, books } = parts;
  const forgotten = (telegramId: string) => auth.authenticator.forgetReader(telegramId);
  const privacy = new Privacy({ prisma, historyDays: config.circulation.historyDays, forgotten });
  const offers = new HoldOffers({ prisma, holds, lending: lending.service, books, outbox, pickupHours: config.circulation.holds.pickupHours, logger });
  const settings = config.circulation;
  const reminders = new ReminderScheduler({ prisma, outbox, privacy, offers, settings, logger: logger.child({ part: "reminders" }), now });
  reminders.start();
  stopping.push(() => reminders.stop());
  return { reminders, privacy };
}

/** Lending: status changes, loan events across instances, hand edits, the repairer of interrupted writes. */
export function buildLending(
  config: Config,
  logger: Logger,
  parts: Omit<LendingDependencies, "settings" | "subscriber" | "logger">,
): Lending {
  const lending = new Lending({ ...parts, settings: config.lending, subscriber: subscriber(config, logger, "loan-events"), logger });
  // Librarians' hand edits found in a Sheet read become SHEET_EDIT loan events.
  parts.books.on("sheetEdits", (changes) => {
    lending.handEdits.apply(changes).catch((error) => logger.warn({ err: (error as Error).message }, "could not announce hand edits"));
  });
  return lending;
}
