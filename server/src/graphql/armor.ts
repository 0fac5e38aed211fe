import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import type { ValidationRule } from "graphql";
import type { GraphQLLimits } from "../config.ts";

/**
 * Abuse limits (graphql-armor): query depth, aliases, tokens, cost, directives, and no field suggestions. The
 * limits suit this schema: a full `books(first: 100)` page and `me { loans { book { ... } } }` pass; a query
 * nested through reader -> loans -> reader ... or repeated with a hundred aliases does not. Rejections are
 * BAD_USER_INPUT errors that name the limit.
 */

export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** For other transports (graphql-ws): the token limit, applied by graphql's own parser. */
  maxTokens: number | undefined;
}

export function createArmor(limits: GraphQLLimits): Armor {
  if (!limits.armor) return { plugins: [], validationRules: [], maxTokens: undefined };
  const message = "Query rejected by kurin's abuse limits.";
  const protection = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, errorMessage: message },
    maxAliases: { n: limits.maxAliases, errorMessage: message },
    maxTokens: { n: limits.maxTokens, errorMessage: message },
    costLimit: { maxCost: limits.maxCost, errorMessage: message },
    maxDirectives: { n: 20, errorMessage: message },
  }).protect();
  // graphql-armor is typed against Apollo's CommonJS declarations; the plugins are plain objects either way.
  return { plugins: protection.plugins as unknown as ApolloServerPlugin[], validationRules: protection.validationRules, maxTokens: limits.maxTokens };
}
