import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { authProblem } from "./errors.ts";
import type { TokenStore } from "./session.ts";

/**
 * The dashboard's Apollo Client, on the same origin as the server (`/graphql`; Vite proxies it in development).
 *
 *   ErrorLink    a token the server refuses (UNAUTHENTICATED) is forgotten and the request sent again
 *                without it, so the public catalogue keeps working and the panels ask for a new token
 *   auth link    `Authorization: Bearer TOKEN` while a librarian is signed in
 *   HttpLink
 */
export function createApolloClient(session: TokenStore): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    const token = session.token;
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => {
      const { authorization: _previous, ...rest } = headers;
      return { headers: token ? { ...rest, authorization: `Bearer ${token}` } : rest, sentToken: token };
    });
    return forward(operation);
  });

  const refusedToken = new ErrorLink(({ error, operation, forward }) => {
    const sent = (operation.getContext() as { sentToken?: string | null }).sentToken;
    if (!sent || authProblem(error) !== "UNAUTHENTICATED") return;
    session.reject(sent);
    return forward(operation); // through the auth link again, now without the token
  });

  return new ApolloClient({
    link: ApolloLink.from([refusedToken, auth, new HttpLink({ uri: "/graphql" })]),
    cache: new InMemoryCache(),
  });
}
