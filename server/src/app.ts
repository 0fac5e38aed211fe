import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Redis } from "ioredis";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { unwrapResolverError } from "@apollo/server/errors";
import { BookService, CatalogueUnavailable } from "./books/book-service.ts";
import { CatalogueWatch } from "./books/catalogue-watch.ts";
import { createSheetWebhook } from "./books/sheet-webhook.ts";
import { BookCache } from "./cache/book-cache.ts";
import { cacheKeys } from "./cache/keys.ts";
import { connectRedis, createRedis } from "./cache/redis-client.ts";
import { RedisGuard } from "./cache/redis-guard.ts";
import { SheetsQuota } from "./catalog/quota.ts";
import { SheetCatalogue } from "./catalog/sheet-catalogue.ts";
import { createSheetsClient } from "./catalog/sheets-client.ts";
import { StatusVocabulary } from "./catalog/status-words.ts";
import type { Config } from "./config.ts";
import { createPrisma, type PrismaClient } from "./db/client.ts";
import { deployMigrations, ensureDatabase } from "./db/migrate.ts";
import type { Context } from "./graphql/context.ts";
import { buildKurinSchema } from "./graphql/schema.ts";
import { createArmor } from "./graphql/armor.ts";
import { authenticateHttp, authenticateOrRefuse } from "./graphql/auth-checker.ts";
import { serveSubscriptions } from "./graphql/subscriptions.ts";
import { Lending } from "./loans/lending.ts";
import type { LendingFaults } from "./loans/lending-service.ts";
import { createHealthCheck } from "./health/health.ts";
import type { Logger } from "./logger.ts";
import { CacheStats } from "./observability/cache-stats.ts";
import { observe } from "./observability/events.ts";
import { Metrics } from "./observability/metrics.ts";

/**
 * Wiring: every part is built here from the configuration and handed its dependencies. Tests start kurin
 * through this same function, with their own database, key prefix and Sheets emulator.
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
  /** Loans, readers, tokens, loan events, the repairer of interrupted Sheet writes. */
  lending: Lending;
  redis: Redis;
  prisma: PrismaClient;
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
  /** The Prisma client to use (tests pass one that logs its SQL). */
  createPrisma?: (databaseUrl: string) => PrismaClient;
  /** Test hooks: a crash at a point of a status change. */
  lendingFaults?: LendingFaults;
}

export async function startKurin(config: Config, logger: Logger, options: StartOptions = {}): Promise<Kurin> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => logger.warn({ err: error }, "stop step failed"));
  };
  try {
    // The database: created when missing, migrated, then used through Prisma.
    if (await ensureDatabase(config.databaseUrl)) logger.info("created the database");
    await deployMigrations(config.databaseUrl, { logger });
    const prisma = (options.createPrisma ?? createPrisma)(config.databaseUrl);
    cleanups.push(() => prisma.$disconnect());

    // The catalogue: the configured Google Sheet, or the embedded emulator with the demo catalogue.
    let emulator: SheetsEmulator | undefined;
    let apiUrl = config.sheets.apiUrl;
    let spreadsheetId = config.sheets.spreadsheetId;
    if (!spreadsheetId) {
      emulator = await SheetsEmulator.start({ workingCopyPath: resolve(config.sheets.emulatorDataFile), sheetName: config.sheets.sheetName });
      cleanups.push(() => emulator!.stop());
      apiUrl = emulator.url;
      spreadsheetId = emulator.spreadsheetId;
      logger.info(
        { sheetsApi: apiUrl, workingCopy: resolve(config.sheets.emulatorDataFile) },
        "no GOOGLE_SPREADSHEET_ID: serving the demo catalogue from the embedded Sheets emulator",
      );
    }
    const catalogue = new SheetCatalogue({
      client: createSheetsClient(config.sheets, apiUrl),
      spreadsheetId,
      sheetName: config.sheets.sheetName,
      columns: config.sheets.columns,
      vocabulary: new StatusVocabulary(config.sheets.statusWords),
    });
    // Each failure is counted; BookService logs a refresh problem once, not once per call.
    catalogue.on("failure", ({ operation, error }) => logger.debug({ operation, err: error.message }, "Google Sheets call failed"));

    // The cache: Redis if it is there, behind a circuit breaker; kurin serves without it, degraded.
    const now = options.now ?? Date.now;
    const redis = createRedis(config.redis, logger);
    cleanups.push(async () => redis.disconnect());
    await connectRedis(redis);
    const keys = cacheKeys(config.redis.keyPrefix);
    const guard = new RedisGuard({ failuresToOpen: config.redis.breakerFailures, halfOpenAfterMs: config.redis.breakerHalfOpenMs });
    guard.on("state", (state) => logger[state === "closed" ? "info" : "warn"]({ breaker: state }, `Redis circuit ${state}`));
    const cache = new BookCache(redis, keys, guard, { ttlSeconds: config.redis.ttlSeconds, graceSeconds: config.redis.graceSeconds });
    const quota = new SheetsQuota({
      readsPerMinute: config.sheets.readsPerMinute,
      redis: { client: redis, key: keys.sheetsReads, available: () => guard.available() },
      now,
    });
    const books = new BookService({
      catalogue,
      cache,
      quota,
      logger,
      ttlSeconds: config.redis.ttlSeconds,
      graceSeconds: config.redis.graceSeconds,
      lockTtlMs: config.sheets.timeoutMs + 5000,
      lockWaitMs: config.sheets.timeoutMs + 2000,
      now,
    });
    // Stats in Redis (all instances), Prometheus metrics of this instance: both listen to the same events.
    const stats = new CacheStats({ redis, keys, cache, quota, now }, options.statsFlushMs ?? 1000);
    cleanups.push(async () => stats.stop());
    const metrics = new Metrics(quota);
    observe({ books, catalogue, guard }, [stats, metrics]);
    const watch = new CatalogueWatch({
      books,
      subscriber: createRedis({ ...config.redis, commandTimeoutMs: 0 }, logger.child({ connection: "subscriber" }), { quiet: true }),
      channel: keys.changes,
      pollMs: config.sheets.pollSeconds * 1000,
      versionCheckMs: config.redis.versionCheckMs,
      logger,
    });
    // Lending: status changes, readers, tokens, loan events across instances, the repairer of interrupted writes.
    const lending = new Lending({
      settings: config.lending,
      auth: config.auth,
      keyPrefix: config.redis.keyPrefix,
      prisma,
      catalogue,
      books,
      quota,
      redis,
      guard,
      subscriber: createRedis({ ...config.redis, commandTimeoutMs: 0 }, logger.child({ connection: "loan-events" }), { quiet: true }),
      logger,
      now,
      faults: options.lendingFaults,
    });
    // Librarians' hand edits found in a Sheet read become SHEET_EDIT loan events.
    books.on("sheetEdits", (changes) => {
      lending.service.sheetEdited(changes).catch((error) => logger.warn({ err: (error as Error).message }, "could not announce hand edits"));
    });
    const health = createHealthCheck({ cache, catalogue, books, pingDatabase: async () => void (await prisma.$queryRaw`SELECT 1`) });

    if (options.warm ?? true) {
      try {
        logger.info({ outcome: await books.refresh(config.redis.ttlSeconds * 1000) }, "catalogue ready");
      } catch (error) {
        logger.error({ err: (error as Error).message }, "could not read the catalogue at start-up; will retry on the first request");
      }
    }
    watch.start();
    cleanups.push(() => watch.stop());
    lending.start();
    cleanups.push(() => lending.stop());

    // The API.
    const app = express();
    const httpServer: Server = createServer(app);
    const schema = await buildKurinSchema({ pubSub: lending.events.pubSub });
    const armor = createArmor(config.graphql);
    const apollo = new ApolloServer<Context>({
      schema,
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ...armor.plugins],
      validationRules: armor.validationRules,
      parseOptions: armor.maxTokens ? { maxTokens: armor.maxTokens } : {},
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      introspection: true,
      formatError: (formatted, error) => {
        // The Sheet unreachable with nothing usable cached: say so with a stable code, not "internal error".
        if (unwrapResolverError(error) instanceof CatalogueUnavailable) {
          return { ...formatted, extensions: { ...formatted.extensions, code: "UPSTREAM_UNAVAILABLE" } };
        }
        return formatted;
      },
    });
    await apollo.start();
    cleanups.push(() => apollo.stop());
    // Subscriptions (graphql-ws) on the same server and path; closed before Apollo drains the HTTP server.
    const subscriptions = serveSubscriptions({
      httpServer,
      path: "/graphql",
      schema,
      armor,
      authenticate: (credentials) => authenticateOrRefuse(lending.authenticator, credentials),
      context: (auth) => ({
        books: books.forRequest(),
        operations: { books, stats, ttlMs: config.redis.ttlSeconds * 1000 },
        auth,
        lending: lending.forRequest(auth),
      }),
    });
    cleanups.push(() => subscriptions.close());
    app.disable("x-powered-by");
    app.get("/health", async (_req, res) => {
      res.json(await health());
    });
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    if (config.sheets.webhookSecret) {
      app.post(
        "/webhooks/sheet-edit",
        express.raw({ type: "*/*", limit: "16kb" }),
        createSheetWebhook({
          secret: config.sheets.webhookSecret,
          books,
          redis,
          nonceKey: keys.webhookNonce,
          redisAvailable: () => guard.available(),
          onRejected: (reason) => {
            stats.count("webhookRejected", 1);
            metrics.count("webhookRejected", 1);
            logger.warn({ reason }, "refused a sheet-edit webhook request");
          },
          now,
        }),
      );
    }
    app.use(
      "/graphql",
      express.json({ limit: "100kb" }),
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<Context> => {
          const auth = await authenticateHttp(lending.authenticator, req.headers);
          return {
            books: books.forRequest(),
            operations: { books, stats, ttlMs: config.redis.ttlSeconds * 1000 },
            auth,
            lending: lending.forRequest(auth),
          };
        },
      }),
    );

    // The librarians' dashboard, when built (`pnpm start` builds it), on the same origin as the API.
    const adminUi = config.adminUiDir ?? fileURLToPath(new URL("../../admin-ui/dist", import.meta.url));
    if (existsSync(join(adminUi, "index.html"))) {
      app.use(express.static(adminUi));
      app.get(/^\/(?!graphql|health|metrics|webhooks).*/, (_req, res) => res.sendFile(join(adminUi, "index.html")));
    }

    await new Promise<void>((resolveListen, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(config.port, config.host, () => resolveListen());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    return { url: `http://${host}:${port}`, port, books, cache, guard, quota, stats, metrics, watch, catalogue, lending, redis, prisma, emulator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
