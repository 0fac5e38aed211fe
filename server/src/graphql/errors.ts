import { GraphQLError } from "graphql";

/** Stable `extensions.code` values clients can rely on. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UPSTREAM_UNAVAILABLE"
  /** A refresh of the catalogue refused: the Sheets budget, a backoff after a failure, or another instance reading. */
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR"
  // lending and auth
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_TRANSITION"
  | "LIMIT_REACHED"
  | "CONFLICT";

/** HTTP status for errors that refuse a whole request (before any field runs). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/** An error with a stable code; `wholeRequest` also sets the HTTP status (for errors raised before execution). */
export function refusal(code: ErrorCode, message: string, options: { wholeRequest?: boolean } = {}): GraphQLError {
  const http = options.wholeRequest && HTTP_STATUS[code] ? { http: { status: HTTP_STATUS[code] } } : {};
  return new GraphQLError(message, { extensions: { code, ...http } });
}

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argument } });
}

export function upstreamUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UPSTREAM_UNAVAILABLE" } });
}
