import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { BookResolver } from "./book-resolver.ts";

export function buildKurinSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [BookResolver], validate: false });
}
