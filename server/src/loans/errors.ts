/**
 * Why a lending request was refused, with the stable code the API reports (`extensions.code`). The services
 * throw these; the GraphQL layer turns them into errors without knowing the cases.
 */

export type LendingErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_TRANSITION"
  | "LIMIT_REACHED"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE";

export class LendingError extends Error {
  override name = "LendingError";
  constructor(
    readonly code: LendingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
