import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentStore } from "../../src/graphql/documents.ts";
import { startLendingKurin, type LendingKurin } from "../support/lending.ts";

// Unique long documents must not grow the server without bound: over the size limit they are refused before
// parsing, and parsed ones are kept in a store bounded by bytes, source text included.

const query = `{ books(first: 1) { totalCount } }`;
const withComment = (bytes: number, n = 0) => `# ${n} ${"x".repeat(bytes)}\n${query}`;

describe("GraphQL documents", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("documents", { env: { GRAPHQL_MAX_DOCUMENT_BYTES: "4096" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a document over GRAPHQL_MAX_DOCUMENT_BYTES is a 413 naming the limit; one under it is answered", async () => {
    const big = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: withComment(5_000) }),
    });
    expect(big.status).toBe(413);
    const refusal = (await big.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(refusal.errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(refusal.errors[0]!.message).toMatch(/kurin accepts at most 4096 \(GRAPHQL_MAX_DOCUMENT_BYTES\)$/);

    const small = await t.gql<{ books: { totalCount: number } }>(withComment(3_500));
    expect(small.errors).toBeUndefined();
    expect(small.data!.books.totalCount).toBeGreaterThan(0);
  });

  it("the same limit holds for GET and for graphql-ws", async () => {
    const get = await fetch(`${t.kurin.url}/graphql?query=${encodeURIComponent(withComment(5_000))}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(get.status).toBe(413);

    const client = t.ws({ authorization: `Bearer ${t.tokens.librarian}` });
    try {
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: `# ${"x".repeat(5_000)}\nsubscription { loanEvents { kind } }` }, { next: resolve, error: resolve, complete: () => resolve("complete") });
      });
      expect(JSON.stringify(outcome)).toMatch(/kurin accepts at most 4096/);
    } finally {
      await client.dispose();
    }
  });

  it("parsed documents are kept within the store's bytes, each counted with its source text", async () => {
    const store = documentStore(1_000_000);
    await store.set("first", parse(withComment(15_000)));
    expect(store.size).toBeGreaterThan(15_000);
    for (let n = 0; n < 300; n++) await store.set(`doc-${n}`, parse(withComment(15_000, n)));
    expect(store.size).toBeLessThanOrEqual(1_000_000);
    expect(await store.get("first")).toBeUndefined(); // the oldest went first
    expect(await store.get("doc-299")).toBeDefined();
  });
});
