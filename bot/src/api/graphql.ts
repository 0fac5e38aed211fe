import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

/**
 * `graphql()` types each of the bot's operations from server/schema.graphql (gql.tada reads the introspection
 * that `pnpm --filter @kurin/bot typecheck` generates from it): a schema change that breaks an operation fails
 * the type check. Nothing about the API's shapes is written by hand in the bot.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: { DateTimeISO: string; ID: string };
}>();

export type { ResultOf, VariablesOf, TadaDocumentNode } from "gql.tada";
