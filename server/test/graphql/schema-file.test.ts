import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, printKurinSchema } from "../../src/graphql/print-schema.ts";

describe("server/schema.graphql", () => {
  it("is what the code builds (run `pnpm --filter @kurin/server schema` after changing the API)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printKurinSchema());
  });
});
