import "reflect-metadata";
import { createPubSub } from "@graphql-yoga/subscription";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { authChecker } from "./auth-checker.ts";
import { BookResolver } from "./book-resolver.ts";
import { CacheResolver } from "./cache-resolver.ts";
import { DESK_RESOLVERS } from "./desk-resolver.ts";
import { LENDING_RESOLVERS } from "./lending-resolver.ts";
import { BookHistoryResolver, ReaderHistoryResolver } from "./history-resolver.ts";
import { HoldResolver } from "./hold-resolver.ts";
import { NotificationResolver } from "./notification-resolver.ts";
import { SheetResolver } from "./sheet-resolver.ts";

export interface SchemaOptions {
  /** The instance's PubSub (loan events); printing the schema needs none. */
  pubSub?: PubSub;
}

export function buildKurinSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [BookResolver, CacheResolver, SheetResolver, ...LENDING_RESOLVERS, NotificationResolver, ...DESK_RESOLVERS, ReaderHistoryResolver, BookHistoryResolver, HoldResolver],
    validate: false,
    authChecker,
    pubSub: options.pubSub ?? createPubSub(),
  });
}
