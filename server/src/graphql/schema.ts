import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { BookResolver } from "./book-resolver.ts";
import { CacheResolver } from "./cache-resolver.ts";

export function buildKurinSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [BookResolver, CacheResolver], validate: false });
}
