import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import type { ValidationRule } from "graphql";
import type { GraphQLLimits } from "../config.ts";

/**
 * Abuse limits: query depth, aliases, cost and directives (graphql-armor validation rules), a token limit
 * (graphql's own parser option, so an oversized document is a 400 GRAPHQL_PARSE_FAILED rather than armor's
 * 500), and no field suggestions. The defaults suit this schema: a full `books(first: 100)` page with nodes
 * and edges (cost about 9,700), a librarian's `loans(first: 100)` page with books and readers, and
 * `me { loans { book { ... } } }` pass; the same page three times over, or reader -> loans -> reader ... ten
 * levels deep, do not. Rejections are 400 GRAPHQL_VALIDATION_FAILED errors naming the limit.
 */

export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** For graphql's parse (Apollo's parseOptions, graphql-ws's parse). */
  maxTokens: number | undefined;
}

export function createArmor(limits: GraphQLLimits): Armor {
  if (!limits.armor) return { plugins: [], validationRules: [], maxTokens: undefined };
  const protection = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
  }).protect();
  // graphql-armor is typed against Apollo's CommonJS declarations; the plugins are plain objects either way.
  return { plugins: protection.plugins as unknown as ApolloServerPlugin[], validationRules: protection.validationRules, maxTokens: limits.maxTokens };
}
