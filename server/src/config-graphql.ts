import { flag, int, optionalFlag, optionalText } from "./config-values.ts";

/** The GraphQL layer's settings: abuse limits and what the API tells about itself. Part of config.ts's schema. */

export const graphqlEnv = {
  // GraphQL abuse limits (graphql-armor); GRAPHQL_ARMOR=false turns them off.
  GRAPHQL_ARMOR: flag(true),
  GRAPHQL_MAX_DEPTH: int(8, 2, 100),
  GRAPHQL_MAX_ALIASES: int(15, 0, 1000),
  GRAPHQL_MAX_TOKENS: int(1000, 50, 100_000),
  GRAPHQL_MAX_COST: int(20_000, 10, 10_000_000),
  GRAPHQL_MAX_DOCUMENT_BYTES: int(16_384, 1024, 1_048_576),
  // Mutations a minute: per Telegram reader, and per API token (the bot's token carries all its readers).
  MUTATIONS_PER_MINUTE_PER_READER: int(30, 1, 100_000),
  MUTATIONS_PER_MINUTE_PER_TOKEN: int(1200, 1, 1_000_000),
  // Schema introspection: on in development, off when NODE_ENV=production unless this turns it on.
  GRAPHQL_INTROSPECTION: optionalFlag(),
  NODE_ENV: optionalText(),
};

export interface GraphQLLimits {
  armor: boolean;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Larger documents are refused before they are parsed. */
  maxDocumentBytes: number;
  /** Whether the schema may be introspected (off in production unless configured). */
  introspection: boolean;
  mutationsPerMinute: { perReader: number; perToken: number };
}

interface GraphQLEnv {
  GRAPHQL_ARMOR: boolean;
  GRAPHQL_MAX_DEPTH: number;
  GRAPHQL_MAX_ALIASES: number;
  GRAPHQL_MAX_TOKENS: number;
  GRAPHQL_MAX_COST: number;
  GRAPHQL_MAX_DOCUMENT_BYTES: number;
  MUTATIONS_PER_MINUTE_PER_READER: number;
  MUTATIONS_PER_MINUTE_PER_TOKEN: number;
  GRAPHQL_INTROSPECTION?: boolean;
  NODE_ENV?: string;
}

export function graphqlSettings(e: GraphQLEnv): GraphQLLimits {
  return {
    armor: e.GRAPHQL_ARMOR,
    maxDepth: e.GRAPHQL_MAX_DEPTH,
    maxAliases: e.GRAPHQL_MAX_ALIASES,
    maxTokens: e.GRAPHQL_MAX_TOKENS,
    maxCost: e.GRAPHQL_MAX_COST,
    maxDocumentBytes: e.GRAPHQL_MAX_DOCUMENT_BYTES,
    introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== "production",
    mutationsPerMinute: { perReader: e.MUTATIONS_PER_MINUTE_PER_READER, perToken: e.MUTATIONS_PER_MINUTE_PER_TOKEN },
  };
}
