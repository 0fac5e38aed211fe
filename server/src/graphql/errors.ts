import { GraphQLError } from "graphql";

/** Stable `extensions.code` values clients can rely on. */
export type ErrorCode = "BAD_USER_INPUT" | "UPSTREAM_UNAVAILABLE" | "INTERNAL_SERVER_ERROR";

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argument } });
}

export function upstreamUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UPSTREAM_UNAVAILABLE" } });
}
