import type { Server } from "node:http";
import { documentTooLarge } from "./documents.ts";
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Auth, Credentials } from "../auth/authenticator.ts";
import type { Armor } from "./armor.ts";
import type { Context } from "./context.ts";
import { giveDomainCodes } from "./errors.ts";

/**
 * GraphQL subscriptions (loanEvents) over graphql-ws, on the same HTTP server and path as queries
 * (ws://host:port/graphql). A client authenticates once, in connectionParams:
 *
 *   { "authorization": "Bearer <token>", "telegramUser": { "id": 1, "first_name": "Ann" } }   // telegramUser: BOT only
 *
 * An unknown token closes the socket with 4401, a token that may not do this with 4403, a malformed Telegram
 * user with 4400, a token that cannot be checked because the database is not answering with 4503; the reason
 * says why. The same abuse limits apply as over HTTP.
 */

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  armor: Armor;
  /** Larger documents are refused before they are parsed. */
  maxDocumentBytes: number;
  /** Who is asking; throws a GraphQLError with an UNAUTHENTICATED / FORBIDDEN / BAD_USER_INPUT code. */
  authenticate(credentials: Credentials): Promise<Auth>;
  /** A context for one operation of a connection. */
  context(auth: Auth): Context;
  /** How often open connections are authenticated again, so a revoked token's socket is closed. */
  recheckMs: number;
}

/** What an open connection keeps: who it is, and the credentials to ask again with. */
interface ConnectionExtra extends Record<PropertyKey, unknown> {
  auth?: Auth;
  credentials?: Credentials;
  socket: { close(code: number, reason: string): void };
}

const CLOSE_CODES: Record<string, number> = { UNAUTHENTICATED: 4401, FORBIDDEN: 4403, BAD_USER_INPUT: 4400, UPSTREAM_UNAVAILABLE: 4503 };

export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: 100 * 1024 });
  const rules = [...specifiedRules, ...options.armor.validationRules];
  const open = new Set<ConnectionExtra>();
  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credentials: Credentials = {
          authorization: stringOrNull(params.authorization ?? params.Authorization),
          telegramUser: params.telegramUser ?? params["x-telegram-user"] ?? params["X-Telegram-User"],
        };
        const accepted = await authenticateSocket(options, ctx.extra, credentials);
        if (accepted) open.add(ctx.extra);
        return accepted;
      },
      onClose: (ctx) => void open.delete(ctx.extra),
      context: (ctx) => options.context(ctx.extra.auth!),
      onNext: (_ctx, _id, _payload, _args, result) => void giveDomainCodes(result.errors),
      // Refused before parsing, as an error message on the operation (the connection stays open).
      onSubscribe: (_ctx, _id, payload) => {
        const tooLarge = documentTooLarge(payload.query, options.maxDocumentBytes);
        return tooLarge ? [tooLarge] : undefined;
      },
      parse: (source) => parse(source, options.armor.maxTokens ? { maxTokens: options.armor.maxTokens } : undefined),
      validate: (schema, document) => validate(schema, document, rules),
    },
    wsServer,
  );
  // A token revoked (or a reader gone) while its socket is open: the socket is closed within this interval.
  const recheck = setInterval(() => {
    for (const extra of open) void authenticateSocket(options, extra, extra.credentials!).then((ok) => ok || open.delete(extra));
  }, options.recheckMs);
  recheck.unref();
  return {
    async close() {
      clearInterval(recheck);
      await server.dispose();
    },
  };
}

/** Authenticates a connection (again); a refusal closes its socket with the code that says why. */
async function authenticateSocket(options: SubscriptionServerOptions, extra: ConnectionExtra, credentials: Credentials): Promise<boolean> {
  try {
    extra.auth = await options.authenticate(credentials);
    extra.credentials = credentials;
    return true;
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : "";
    // A connection already accepted stays open while the database cannot be asked: nothing was revoked.
    if (code === "UPSTREAM_UNAVAILABLE" && extra.auth) return true;
    extra.socket.close(CLOSE_CODES[code] ?? 4500, closeReason(error instanceof Error ? error.message : "Forbidden"));
    return false;
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}
