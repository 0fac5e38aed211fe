import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { KurinError, type ErrorCode } from "../errors.ts";

/**
 * The one error map: a domain error (KurinError: lending refusals, auth, the catalogue unavailable, a refused
 * refresh) becomes a GraphQL error with its stable `extensions.code`. Resolvers let domain errors through;
 * `domainErrorsPlugin` maps them on their way out, and the request context uses `toGraphQLError` for the
 * refusals that fail a whole request. See docs/ARCHITECTURE.md, "Errors".
 */

/** HTTP status for errors that refuse a whole request (before any field runs). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

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

/** Gives every error a resolver let through its domain code, before Apollo formats the response. */
export function domainErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const domain = unwrapResolverError(error);
            // A GraphQLError's extensions object is its own and mutable: the formatter reads it next.
            if (domain instanceof KurinError) Object.assign(error.extensions, extensionsOf(domain, false));
          }
        },
      };
    },
  };
}

function extensionsOf(error: KurinError, wholeRequest: boolean): Record<string, unknown> {
  const status = wholeRequest ? HTTP_STATUS[error.code] : undefined;
  return { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) };
}
