import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../../src/auth/authenticator.ts";
import { RequestBooks } from "../../src/graphql/book-loader.ts";
import { BookStatus } from "../../src/catalog/book.ts";
import type { Context } from "../../src/graphql/context.ts";
import { buildKurinSchema } from "../../src/graphql/schema.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// What a warm page costs beyond its one HMGET: status fields that wait for the loader, and JSON parsed.
// Executed against kurin's schema with a request context of the running instance (real Redis underneath),
// so the per-request counters can be read after the request.

describe("a warm page of books", () => {
  let t: TestKurin;
  let schema: GraphQLSchema;

  // What the cache tells its listeners, counted.
  const counts = { roundTrips: 0, parses: 0 };
  beforeAll(async () => {
    t = await startTestKurin("warm-page");
    schema = await buildKurinSchema();
    t.kurin.cache.on("roundTrip", () => void counts.roundTrips++);
    t.kurin.cache.on("parse", () => void counts.parses++);
  });
  afterAll(async () => {
    await t?.stop();
  });

  interface Shelf {
    books: { nodes: Array<Record<string, string> & { id: string }>; edges: Array<{ node: { status: string } }> };
    book: { status: string };
  }

  async function run(source: string, variables?: Record<string, unknown>) {
    let waits = 0;
    const books: RequestBooks = new RequestBooks(t.kurin.books, () => void waits++);
    const contextValue: Context = {
      books,
      operations: { books: t.kurin.books, stats: t.kurin.stats, ttlMs: 300_000 },
      auth: ANONYMOUS,
      lending: t.kurin.lending.forRequest(ANONYMOUS),
      telegram: t.kurin.telegram,
      notifications: t.kurin.notifications,
      privacy: t.kurin.privacy,
      holds: t.kurin.holds,
    };
    const roundTrips = counts.roundTrips;
    const result = await graphql({ schema, source, contextValue, variableValues: variables });
    expect(result.errors).toBeUndefined();
    return { data: result.data as unknown as Shelf, waits, roundTrips: counts.roundTrips - roundTrips };
  }

  it("answers every status field of a page of 100 from the page's one load: no field waits", async () => {
    const { data, waits, roundTrips } = await run(
      `{ books(first: 100) { nodes { id status statusRaw dueDate stale asOf } edges { node { status } } } }`,
    );
    expect(data.books.nodes).toHaveLength(100);
    expect(waits).toBe(0);
    expect(roundTrips).toBe(1);
    // The statuses are the Sheet's, on nodes and edges alike.
    for (const [i, book] of data.books.nodes.entries()) {
      expect(book.statusRaw).toBe(t.emulator.getCell(book.id, "Status") ?? "");
      expect(data.books.edges[i]!.node.status).toBe(book.status);
    }
  });

  it("sees status fields through fragments, and a book(id) answers without waiting too", async () => {
    const viaFragment = await run(`{ books(first: 5) { nodes { ...Shelf } } } fragment Shelf on Book { id ... on Book { status } }`);
    expect(viaFragment.waits).toBe(0);
    expect(viaFragment.roundTrips).toBe(1);
    const one = await run(`query ($id: ID!) { book(id: $id) { status statusRaw asOf } }`, { id: viaFragment.data.books.nodes[0]!.id });
    expect(one.waits).toBe(0);
    expect(one.data.book.status).toBe(viaFragment.data.books.nodes[0]!.status);
  });

  it("does not touch Redis for a page that asks no status", async () => {
    const { data, roundTrips } = await run(`{ books(first: 100) { totalCount nodes { id title categories } } }`);
    expect(data.books.nodes).toHaveLength(100);
    expect(roundTrips).toBe(0);
  });

  it("parses each book's JSON once while it does not change, and again after it changes", async () => {
    const query = `{ books(first: 100) { nodes { id status } } }`;
    await run(query);
    const parses = counts.parses;
    await run(query);
    await run(query);
    expect(counts.parses - parses).toBe(0);

    // A status change written through gives a new entry: that book alone is parsed again, and served changed.
    const first = (await run(query)).data.books.nodes[0]!;
    const book = (await t.kurin.cache.getMany([first.id]))[0]!;
    const after = counts.parses;
    await t.kurin.books.writeThrough({ ...book, statusRaw: "booked", status: BookStatus.BOOKED });
    const again = await run(query);
    expect(again.data.books.nodes[0]!.status).toBe("BOOKED");
    expect(counts.parses - after).toBe(1);
    await t.kurin.books.writeThrough(book, new Date(Date.now() + 1));
  });

  it("serves books that cannot be changed in place by accident", async () => {
    const [book] = await t.kurin.cache.getMany([(await run(`{ books(first: 1) { nodes { id } } }`)).data.books.nodes[0]!.id]);
    expect(Object.isFrozen(book)).toBe(true);
    expect(() => {
      (book as { status: string }).status = "RETURNED";
    }).toThrow(TypeError);
  });
});
