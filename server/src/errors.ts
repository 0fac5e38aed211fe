/**
 * Domain errors carry the stable code the API reports (`extensions.code`). Services throw them; the GraphQL
 * layer maps them in one place (graphql/errors.ts) without knowing the cases. See docs/ARCHITECTURE.md, "Errors".
 */

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_TRANSITION"
  | "LIMIT_REACHED"
  /** A renewal the library's rules refuse; `reason` says which (HELD, OVERDUE, LIMIT). */
  | "RENEWAL_REFUSED"
  | "CONFLICT"
  /** The Sheet cannot be read or written now, and nothing usable is cached. */
  | "UPSTREAM_UNAVAILABLE"
  /** A refresh of the catalogue refused: the Sheets budget, a backoff after a failure, or another instance reading. */
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

export class KurinError extends Error {
  override name = "KurinError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, string> },
  ) {
    super(message, options);
    this.details = options?.details;
  }

  /** More `extensions` for clients (e.g. the reason of a refused refresh). */
  readonly details?: Record<string, string>;
}
