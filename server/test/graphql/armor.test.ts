import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// Invariant 8: oversized or abusive GraphQL gets a clear error, never a crash; real queries of this API pass.

const BOOK_FIELDS = "id title author edition pages description categories dueDate status statusRaw stale asOf";
const LOAN_FIELDS = "id bookId state overdue bookedAt deliveredAt pickedUpAt dueAt dueDate returnedAt returnPhotoFileId confirmedAt cancelledAt";

describe("abuse limits (graphql-armor)", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("armor");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("lets the API's real queries through: a full page of books, a reader's loans with their books, introspection", async () => {
    const page = await t.as({}).gql<{ books: { nodes: unknown[] } }>(
      `{ books(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${BOOK_FIELDS} } edges { cursor node { ${BOOK_FIELDS} } } } categories { name bookCount } }`,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.books.nodes).toHaveLength(100);
    const mine = await t.reader(1).gql(
      `{ me { id name username languageCode phone role createdAt loans { ${LOAN_FIELDS} book { ${BOOK_FIELDS} } reader { id name } } } }`,
    );
    expect(mine.errors).toBeUndefined();
    const list = await t.librarian().gql(
      `{ loans(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LOAN_FIELDS} book { ${BOOK_FIELDS} } reader { id name phone telegramId } } } libraryStats { readers pickups topBooks { pickups book { title } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const introspection = await t.as({}).gql<{ __schema: { types: unknown[] } }>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it.each([
    [
      "too deep",
      `{ me { loans { reader { loans { reader { loans { reader { loans { reader { id } } } } } } } } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      "Syntax Error: Query depth limit of 8 exceeded, found 10.",
    ],
    [
      "too many aliases",
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: book(id: "${i + 1}") { id }`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      "Syntax Error: Aliases limit of 15 exceeded, found 20.",
    ],
    [
      "too long",
      `{ books(first: 1) { nodes { ${"id ".repeat(1200)} } } }`,
      "GRAPHQL_PARSE_FAILED",
      "Syntax Error: Document contains more that 1000 tokens. Parsing aborted.",
    ],
    [
      "too costly",
      `{ ${[1, 2, 3].map((i) => `p${i}: books(first: 100) { nodes { ${BOOK_FIELDS} } edges { node { ${BOOK_FIELDS} } } }`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /^Syntax Error: Query Cost limit of 20000 exceeded, found \d+/,
    ],
  ])("rejects a query that is %s with a clear 400 (%s)", async (_what, query, code, message) => {
    const result = await t.as({}).gql(query);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual([code]);
    expect(result.errors![0]!.message).toMatch(message);
    expect(result.data).toBeUndefined();
  });

  it("rejects batched requests (one HTTP request, many operations)", async () => {
    const response = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ categories { name } }" }, { query: "{ categories { name } }" }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it("hides field suggestions (no schema discovery by typo)", async () => {
    const result = await t.as({}).gql(`{ book(id: "1") { titl } }`);
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it("applies over graphql-ws too", async () => {
    const client = t.ws({ authorization: `Bearer ${t.tokens.librarian}` });
    const deep = `subscription { loanEvents { reader { loans { reader { loans { reader { loans { reader { loans { id } } } } } } } } } }`;
    const errors = await new Promise<Array<{ message: string }>>((resolve) => {
      client.subscribe({ query: deep }, { next: () => undefined, error: (e) => resolve(e as Array<{ message: string }>), complete: () => resolve([]) });
    });
    expect(errors[0]!.message).toMatch(/depth limit of 8 exceeded/i);
  });
});
