import { KurinError, type ErrorCode } from "../errors.ts";

/** Why a lending request was refused, with the stable code the API reports (mapped in graphql/errors.ts). */

export type LendingErrorCode = Exclude<ErrorCode, "RATE_LIMITED" | "INTERNAL_SERVER_ERROR">;

export class LendingError extends KurinError {
  override name = "LendingError";
  constructor(code: LendingErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, string> }) {
    super(code, message, options);
  }
}
