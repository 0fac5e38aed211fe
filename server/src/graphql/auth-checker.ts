import type { IncomingHttpHeaders } from "node:http";
import type { AuthCheckerFn } from "type-graphql";
import { AuthError, type Auth, type Authenticator, type Credentials } from "../auth/authenticator.ts";
import type { Role } from "../db/client.ts";
import { DatabaseUnavailable } from "../db/database-guard.ts";
import type { Context } from "./context.ts";
import { refusal, toGraphQLError } from "./errors.ts";

/**
 * `@Authorized()` needs any token; `@Authorized(Role.LIBRARIAN, ...)` one of those roles. Refusals say which
 * and carry UNAUTHENTICATED or FORBIDDEN.
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  const auth = context.auth;
  if (!auth.token) throw refusal("UNAUTHENTICATED", "This needs a token: send Authorization: Bearer <token>");
  if (roles.length === 0 || roles.some((role) => auth.roles.has(role))) return true;
  const acting = auth.roles.size > 0 ? [...auth.roles].join(" and ") : auth.token.role;
  throw refusal("FORBIDDEN", `This is for ${roles.join(" or ")} only; you act as ${acting}`);
};

/** Who is asking, from an HTTP request's headers; refusals fail the whole request with a status. */
export async function authenticateHttp(authenticator: Authenticator, headers: IncomingHttpHeaders): Promise<Auth> {
  return authenticateOrRefuse(authenticator, {
    authorization: headers.authorization,
    telegramUser: headers["x-telegram-user"],
  });
}

export async function authenticateOrRefuse(authenticator: Authenticator, credentials: Credentials): Promise<Auth> {
  try {
    return await authenticator.authenticate(credentials);
  } catch (error) {
    // Refused, or the database is not answering and the token was not seen lately (503, UPSTREAM_UNAVAILABLE).
    if (error instanceof AuthError || error instanceof DatabaseUnavailable) throw toGraphQLError(error, { wholeRequest: true });
    throw error;
  }
}
