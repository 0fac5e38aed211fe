import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import compression from "compression";
import express from "express";
import type { PubSub } from "type-graphql";
import type { Redis } from "ioredis";
import type { Authenticator } from "../auth/authenticator.ts";
import type { BookService } from "../books/book-service.ts";
import { createSheetWebhook } from "../books/sheet-webhook.ts";
import type { CacheKeys } from "../cache/keys.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { Config } from "../config.ts";
import { createArmor } from "../graphql/armor.ts";
import { authenticateHttp, authenticateOrRefuse } from "../graphql/auth-checker.ts";
import { createContext, type Context, type ContextParts } from "../graphql/context.ts";
import { documentStore, limitDocumentSize } from "../graphql/documents.ts";
import { domainErrorsPlugin, formatErrors } from "../graphql/errors.ts";
import { mutationLimitPlugin } from "../graphql/mutation-limit.ts";
import { MutationLimiter } from "../auth/mutation-limiter.ts";
import { buildKurinSchema } from "../graphql/schema.ts";
import { serveSubscriptions } from "../graphql/subscriptions.ts";
import type { HealthReport } from "../health/health.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { returnPhotoRoute } from "../telegram/photo-route.ts";
import { jsonErrors, notFound } from "./http-errors.ts";
import { routeOperations, securityHeaders } from "./operations.ts";
import type { Cleanups } from "./parts.ts";

/**
 * The last step of the wiring: one HTTP server with GraphQL (queries, mutations, and subscriptions over
 * graphql-ws on the same path), /health, /metrics, the Sheet's edit webhook and the librarians' dashboard.
 * Every GraphQL operation gets its context from the one factory, `createContext`.
 */

export interface HttpParts extends ContextParts {
  authenticator: Authenticator;
  /** The instance's PubSub for subscriptions (loan events). */
  pubSub: PubSub;
  health: () => Promise<HealthReport>;
  metrics: Metrics;
  redis: Redis;
  guard: RedisGuard;
  keys: CacheKeys;
  now: () => number;
}

export async function serveHttp(config: Config, logger: Logger, parts: HttpParts, stopping: Cleanups): Promise<{ url: string; port: number }> {
  const app = express();
  const httpServer: Server = createServer(app);
  const schema = await buildKurinSchema({ pubSub: parts.pubSub });
  const armor = createArmor(config.graphql);
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      domainErrorsPlugin(),
      mutationLimitPlugin(new MutationLimiter({ redis: parts.redis, guard: parts.guard, keyPrefix: parts.keys.rateLimit, limits: config.graphql.mutationsPerMinute })),
      ...armor.plugins,
    ],
    validationRules: armor.validationRules,
    parseOptions: armor.maxTokens ? { maxTokens: armor.maxTokens } : {},
    allowBatchedHttpRequests: false,
    // main.ts owns the signals: Apollo's own handler (on outside NODE_ENV=test) stopped Apollo, then re-raised the
    // signal, killing the process (exit 143) before the bot, the outbox and the database were closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection: config.graphql.introspection,
    documentStore: documentStore(),
    formatError: formatErrors(logger, { suggestions: config.graphql.introspection }),
  });
  await apollo.start();
  stopping.push(() => apollo.stop());
  // Subscriptions (graphql-ws) on the same server and path; closed before Apollo drains the HTTP server.
  const subscriptions = serveSubscriptions({
    httpServer,
    path: "/graphql",
    schema,
    armor,
    maxDocumentBytes: config.graphql.maxDocumentBytes,
    recheckMs: Math.max(1, config.auth.cacheSeconds) * 1000,
    authenticate: (credentials) => authenticateOrRefuse(parts.authenticator, credentials),
    context: (auth) => createContext(parts, auth),
  });
  stopping.push(() => subscriptions.close());

  app.disable("x-powered-by");
  app.use(securityHeaders());
  routeOperations(app, parts, config.metricsToken);
  routeReturnPhotos(app, parts);
  if (config.sheets.webhookSecret) routeSheetWebhook(app, config.sheets.webhookSecret, parts, logger);
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    limitDocumentSize(config.graphql.maxDocumentBytes),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(parts, await authenticateHttp(parts.authenticator, req.headers)) }),
  );
  routeDashboard(app, config);
  app.use(notFound, jsonErrors(logger));
  return listen(httpServer, config);
}

function routeSheetWebhook(app: express.Express, secret: string, parts: HttpParts, logger: Logger): void {
  const books: BookService = parts.books;
  app.post(
    "/webhooks/sheet-edit",
    express.raw({ type: "*/*", limit: "16kb" }),
    createSheetWebhook({
      secret,
      books,
      redis: parts.redis,
      nonceKey: parts.keys.webhookNonce,
      guard: parts.guard,
      onRejected: (reason) => {
        parts.stats.count("webhookRejected", 1);
        parts.metrics.count("webhookRejected", 1);
        logger.warn({ reason }, "refused a sheet-edit webhook request");
      },
      now: parts.now,
    }),
  );
}

/** The reader's photo of a returned book, for the librarians' dashboard (telegram/photo-route.ts). */
function routeReturnPhotos(app: express.Express, parts: HttpParts): void {
  app.get(
    "/photos/returns/:loanId",
    returnPhotoRoute({
      authenticate: (credentials) => parts.authenticator.authenticate(credentials),
      photoOf: (loanId) => parts.lending.queries.returnPhotoOf(loanId),
      files: parts.telegram,
    }),
  );
}

/**
 * The librarians' dashboard, when built (`pnpm start` builds it), on the same origin as the API. Its files go out
 * gzipped (a third of their size on a library's slow line); GraphQL answers are left as they are, since the
 * dashboard routes come after the API's and only its own requests reach this middleware.
 */
function routeDashboard(app: express.Express, config: Config): void {
  const adminUi = config.adminUiDir ?? fileURLToPath(new URL("../../../admin-ui/dist", import.meta.url));
  if (existsSync(join(adminUi, "index.html"))) {
    app.use(compression(), express.static(adminUi));
    app.get(/^\/(?!graphql|health|metrics|webhooks|photos\/).*/, (_req, res) => res.sendFile(join(adminUi, "index.html")));
  }
}

async function listen(httpServer: Server, config: Config): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolveListen, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolveListen());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return { url: `http://${host}:${port}`, port };
}
