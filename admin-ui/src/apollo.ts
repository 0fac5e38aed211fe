import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient, type Client } from "graphql-ws";
import { authProblem } from "./errors.ts";
import type { TokenStore } from "./session.ts";

/**
 * The dashboard's Apollo Client, on the same origin as the server (`/graphql`; Vite proxies it in development).
 *
 *   subscriptions  over graphql-ws at the same path, the token in connectionParams; a new token reconnects
 *                  (and empties the cache: nothing answered to one token is shown to the next)
 *   ErrorLink      a token the server refuses (UNAUTHENTICATED) is forgotten and the request sent again
 *                  without it, so the public catalogue keeps working and the panels ask for a new token
 *   auth link      `Authorization: Bearer TOKEN` while a librarian is signed in
 *   HttpLink
 */
export function createApolloClient(session: TokenStore): { client: ApolloClient; live: Client } {
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

  const live = createLiveClient(session);
  const http = ApolloLink.from([refusedToken, auth, new HttpLink({ uri: "/graphql" })]);
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    new GraphQLWsLink(live),
    http,
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  // What one token was answered (its name and role, readers, loans) is not another's: a new token starts afresh.
  let token = session.token;
  session.subscribe(() => {
    if (session.token === token) return;
    token = session.token;
    void client.resetStore().catch(() => undefined);
  });
  return { client, live };
}

/** graphql-ws on this page's origin; it reconnects by itself (a server restart, a laptop waking up). */
function createLiveClient(session: TokenStore): Client {
  const url = new URL("/graphql", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const client = createClient({
    url: url.href,
    lazy: true,
    connectionParams: () => (session.token ? { authorization: `Bearer ${session.token}` } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
  });
  // The socket authenticates once, when it opens: another token needs another socket.
  let token = session.token;
  session.subscribe(() => {
    if (session.token === token) return;
    token = session.token;
    client.terminate();
  });
  return client;
}
