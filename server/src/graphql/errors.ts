import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { DATABASE_DOWN, DatabaseUnavailable, isDatabaseUnavailable } from "../db/database-guard.ts";
import { KurinError, type ErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";

/**
 * The one error map: a domain error (KurinError: lending refusals, auth, the catalogue unavailable, a refused
 * refresh) becomes a GraphQL error with its stable `extensions.code`. Resolvers let domain errors through;
 * `domainErrorsPlugin` maps them on their way out, and the request context uses `toGraphQLError` for the
 * refusals that fail a whole request. See docs/ARCHITECTURE.md, "Errors".
 */

/** HTTP status for errors that refuse a whole request (before any field runs). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, UPSTREAM_UNAVAILABLE: 503 };

/** A domain error as GraphQL reports it; `wholeRequest` also sets the HTTP status (errors raised before execution). */
export function toGraphQLError(error: KurinError, options: { wholeRequest?: boolean } = {}): GraphQLError {
  return new GraphQLError(error.message, { extensions: extensionsOf(error, options.wholeRequest ?? false), originalError: error });
}

/** An error with a stable code, raised by the GraphQL layer itself (argument checks, roles). */
export function refusal(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argument } });
}

/** Gives every error a resolver let through its domain code, before the response is formatted. */
export function giveDomainCodes(errors: readonly GraphQLError[] | undefined): void {
  for (const error of errors ?? []) {
    const domain = asDomainError(unwrapResolverError(error));
    // A GraphQLError's extensions object is its own and mutable: the formatter reads it next.
    if (domain) Object.assign(error.extensions, extensionsOf(domain, false));
  }
}

/** The map for queries and mutations over HTTP (subscriptions.ts applies it to graphql-ws results). */
export function domainErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          giveDomainCodes(errors);
        },
      };
    },
  };
}

/** A domain error, or the database's failure (under Prisma's wrapping) as the domain error it means. */
function asDomainError(error: unknown): KurinError | undefined {
  if (error instanceof KurinError) return error;
  return isDatabaseUnavailable(error) ? new DatabaseUnavailable() : undefined;
}

function extensionsOf(error: KurinError, wholeRequest: boolean): Record<string, unknown> {
  const status = wholeRequest ? HTTP_STATUS[error.code] : undefined;
  return { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) };
}

/**
 * Apollo's formatError: an error no one meant for a client (a bug, a driver's message with paths and SQL) is
 * logged in full and answered with a plain sentence. With introspection off, "Did you mean …?" hints go too:
 * they would spell out the schema that introspection hides.
 */
export function formatErrors(logger: Logger, options: { suggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (!(original instanceof KurinError) && isDatabaseUnavailable(original)) {
      // Prisma's text quotes the calling source; the client learns only that the database is away.
      logger.warn({ err: (original as Error).message, path: formatted.path }, "a GraphQL request found the database not answering");
      return { ...formatted, message: DATABASE_DOWN, extensions: { ...formatted.extensions, code: "UPSTREAM_UNAVAILABLE" } };
    }
    if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" && !(original instanceof KurinError)) {
      logger.error({ err: original, path: formatted.path }, "a GraphQL request failed inside kurin");
      return { ...formatted, message: "Something went wrong in kurin; it is logged" };
    }
    if (formatted.extensions?.validationErrorCode === "INTROSPECTION_DISABLED") {
      return { ...formatted, message: "Introspection is off on this server (GRAPHQL_INTROSPECTION=true turns it on); kurin's schema is server/schema.graphql in its repository" };
    }
    if (!options.suggestions && / Did you mean /.test(formatted.message)) {
      return { ...formatted, message: formatted.message.replace(/ Did you mean .*$/s, "") };
    }
    return formatted;
  };
}
