import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema, ValidationRule } from "graphql";

/**
 * The HTTP + Apollo part of server/src/app.ts, line for line, for the baselines: the same express, body
 * parser, Apollo Server 5 and integration, and kurin's abuse limits when the server has them, so a baseline
 * differs from kurin only in its resolvers.
 */
export async function serveGraphQL<C extends object>(
  schema: GraphQLSchema,
  context: () => C,
  armor: Armor = { plugins: [], validationRules: [] },
): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<C>({
    schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ...(armor.plugins as ApolloServerPlugin<C>[])],
    validationRules: armor.validationRules,
    parseOptions: armor.maxTokens ? { maxTokens: armor.maxTokens } : {},
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
  await apollo.start();
  app.disable("x-powered-by");
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo, { context: async () => context() }));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => apollo.stop() };
}

export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  maxTokens?: number;
}

/**
 * kurin's graphql-armor plugins and rules (server/src/graphql/armor.ts, from the issue 3 work), built from the
 * same GRAPHQL_* settings, when this version of the server has them; none otherwise. Loaded by path at run time
 * so the bench keeps working on a server without them.
 */
export async function kurinArmor(config: object): Promise<Armor> {
  const limits = (config as { graphql?: unknown }).graphql;
  if (!limits) return { plugins: [], validationRules: [] };
  try {
    const module = (await import(new URL("../../server/src/graphql/armor.ts", import.meta.url).href)) as {
      createArmor?: (limits: unknown) => Armor;
    };
    return module.createArmor?.(limits) ?? { plugins: [], validationRules: [] };
  } catch {
    return { plugins: [], validationRules: [] };
  }
}
