import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The dashboard's GraphQL operations typed from the server's schema (graphql-codegen's client preset). Run by
 * `pnpm typecheck` before tsc, so a schema change that breaks an operation fails the check.
 */
const config: CodegenConfig = {
  schema: "../server/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: "string" },
        skipTypename: true,
      },
    },
  },
};

export default config;
