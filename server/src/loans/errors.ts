import { KurinError } from "../errors.ts";

/** Why a lending request was refused, with the stable code the API reports (mapped in graphql/errors.ts). */

export type LendingErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_TRANSITION"
  | "LIMIT_REACHED"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE";

export class LendingError extends KurinError {
  override name = "LendingError";
  constructor(code: LendingErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
