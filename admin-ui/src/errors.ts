import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { errorTexts } from "./texts.ts";

/** The two refusals a panel answers by asking for a (different) token. */
export type AuthProblem = "UNAUTHENTICATED" | "FORBIDDEN";

/**
 * UNAUTHENTICATED (no token, or one the server does not know) or FORBIDDEN (a token without the role), read
 * from `extensions.code`; a refusal that came back as a bare HTTP 401 / 403 counts too.
 */
export function authProblem(error: unknown): AuthProblem | null {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = error.errors.map((e) => e.extensions?.code);
    if (codes.includes("UNAUTHENTICATED")) return "UNAUTHENTICATED";
    if (codes.includes("FORBIDDEN")) return "FORBIDDEN";
    return null;
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return "UNAUTHENTICATED";
    if (error.statusCode === 403) return "FORBIDDEN";
  }
  return null;
}

/** The first `extensions.code` of a GraphQL error, or null (a network error, or no code). */
export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors.find((e) => typeof e.extensions?.code === "string")?.extensions?.code;
  return typeof code === "string" ? code : null;
}

/**
 * What went wrong, as a sentence saying what to do: mapped from `extensions.code`; a network failure says the
 * server did not answer. The server's own English words stay in the element's title, for whoever debugs.
 */
export function errorSentence(error: unknown): string {
  if (ServerError.is(error) && (error.statusCode === 401 || error.statusCode === 403)) {
    return errorTexts.codes[error.statusCode === 401 ? "UNAUTHENTICATED" : "FORBIDDEN"];
  }
  const limited = CombinedGraphQLErrors.is(error) ? error.errors.find((e) => e.extensions?.reason === "mutations") : undefined;
  if (limited) return errorTexts.tooManyChanges(Number(limited.extensions?.retryAfterSeconds) || 60);
  const code = errorCode(error);
  if (code && code in errorTexts.codes) return errorTexts.codes[code as keyof typeof errorTexts.codes];
  if (CombinedGraphQLErrors.is(error)) return errorTexts.unknown;
  return errorTexts.network;
}

/** The server's own words for what went wrong (GraphQL errors), or the network error's: for tooltips and logs. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join("; ");
  return error instanceof Error ? error.message : String(error);
}

/** Why the server refused to read the Sheet now (`RATE_LIMITED`), or null for any other error. */
export type RefreshRefusal = "budget" | "backoff" | "busy";

export function refreshRefusal(error: unknown): RefreshRefusal | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const refused = error.errors.find((e) => e.extensions?.code === "RATE_LIMITED");
  const reason = refused?.extensions?.reason;
  return reason === "budget" || reason === "backoff" || reason === "busy" ? reason : null;
}

/** Why the rules refused a renewal (`RENEWAL_REFUSED` with `extensions.reason`), or null for any other error. */
export type RenewalRefusal = "HELD" | "OVERDUE" | "LIMIT";

export function renewalRefusal(error: unknown): RenewalRefusal | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const reason = error.errors.find((e) => e.extensions?.code === "RENEWAL_REFUSED")?.extensions?.reason;
  return reason === "HELD" || reason === "OVERDUE" || reason === "LIMIT" ? reason : null;
}
