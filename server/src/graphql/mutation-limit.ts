import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { MutationLimiter } from "../auth/mutation-limiter.ts";
import type { Context } from "./context.ts";

/**
 * Every mutation document counts against its reader's and its token's limits before anything runs: one reader
 * must not be able to spend the library's Sheets quota or flood the librarians. Over a limit: RATE_LIMITED,
 * HTTP 429 with Retry-After, and `extensions.retryAfterSeconds`.
 */
export function mutationLimitPlugin(limiter: MutationLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const wait = await limiter.consume(contextValue.auth);
          if (wait === null) return;
          throw new GraphQLError(`Too many changes in a minute; try again in ${wait} s`, {
            extensions: { code: "RATE_LIMITED", reason: "mutations", retryAfterSeconds: wait, http: { status: 429, headers: new Map([["retry-after", String(wait)]]) } },
          });
        },
      };
    },
  };
}
