import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { buildKurinSchema } from "./schema.ts";

// `pnpm --filter @kurin/server schema` writes server/schema.graphql, the API's contract for clients.
// A test fails when the file and the code disagree.

export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

export async function printKurinSchema(): Promise<string> {
  return `${printSchema(await buildKurinSchema())}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await printKurinSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
