import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { MonitorLog } from "../support/redis-monitor.ts";

// The hot path on real parts: demo catalogue in the Sheets emulator, MariaDB, the machine's Redis.

interface BooksPage {
  books: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{ id: string; title: string; author: string | null; status: string; statusRaw: string; categories: string[] }>;
    edges: Array<{ cursor: string; node: { id: string } }>;
  };
}

describe("read path, warm", () => {
  let t: TestKurin;
  beforeAll(async () => {
    // No background stats writes: MONITOR must see the request's commands alone.
    t = await startTestKurin("warm", { start: { statsFlushMs: 0 } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("lists 100 books with status in ONE Redis round trip and ZERO Sheets calls", async () => {
    const log = new MonitorLog(t.prefix);
    await log.start();
    t.emulator.resetCalls();
    let roundTrips = 0;
    const countRoundTrip = () => void roundTrips++;
    t.kurin.cache.on("roundTrip", countRoundTrip);

    const result = await t.gql<BooksPage>(`{ books(first: 100) { totalCount nodes { id title status statusRaw } } }`);
    await log.settle();
    log.stop();

    expect(result.errors).toBeUndefined();
    expect(result.data!.books.nodes).toHaveLength(100);
    expect(t.emulator.calls.reads).toBe(0);
    t.kurin.cache.off("roundTrip", countRoundTrip);
    expect(roundTrips).toBe(1);
    // Seen from the Redis server itself: a single HMGET on books:all naming all 100 ids.
    expect(log.commands.map((c) => c[0]!.toLowerCase())).toEqual(["hmget"]);
    expect(log.commands[0]![1]).toBe(`${t.prefix}books:all`);
    expect(log.commands[0]!.slice(2).sort()).toEqual(result.data!.books.nodes.map((b) => b.id).sort());

    // And the statuses are the Sheet's.
    for (const book of result.data!.books.nodes) {
      expect(book.statusRaw).toBe(t.emulator.getCell(book.id, "Status") ?? "");
    }
  });

  it("keeps the seed's per-book keys: redis-cli GET book:status:{id} returns the word in the Sheet", () => {
    const rows = t.emulator.rows();
    const header = rows[0]!;
    const idCol = header.indexOf("id");
    const statusCol = header.indexOf("Status");
    const dueCol = header.indexOf("Заброньовано до:");
    const booked = rows.find((r) => r[statusCol] === "booked" && r[idCol] && !r[dueCol])!;
    const available = rows.find((r) => (r[statusCol] ?? "") === "" && r[idCol])!;
    const redisCli = (...args: string[]) => execFileSync("redis-cli", ["-h", "127.0.0.1", "-p", "6379", ...args], { encoding: "utf8" }).trim();

    expect(redisCli("GET", `${t.prefix}book:status:${booked[idCol]}`)).toBe("booked");
    expect(redisCli("GET", `${t.prefix}book:status:${available[idCol]}`)).toBe("");
    expect(JSON.parse(redisCli("GET", `${t.prefix}book:info:${booked[idCol]}`))).toMatchObject({ id: booked[idCol], statusRaw: "booked" });
    expect(JSON.parse(redisCli("HGET", `${t.prefix}books:all`, booked[idCol]!))).toMatchObject({ id: booked[idCol], status: "BOOKED" });
    expect(Number(redisCli("TTL", `${t.prefix}book:status:${booked[idCol]}`))).toBeGreaterThan(0);
    expect(Number(redisCli("TTL", `${t.prefix}books:all`))).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(redisCli("GET", `${t.prefix}books:status:last_update`)))).toBe(false);
  });

  it("answers null for an unknown id without reading the Sheet", async () => {
    t.emulator.resetCalls();
    const result = await t.gql(`{ book(id: "no-such-book") { id status } other: book(id: "999999") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ book: null, other: null });
    expect(t.emulator.calls.reads).toBe(0);
  });

  it("answers one book by id with its status", async () => {
    // the demo catalogue: book 1 on the shelf, book 63 delivered, book 16 booked with a due date (on loan)
    for (const [id, status] of [["1", "AVAILABLE"], ["63", "DELIVERED"], ["16", "PICKED_UP"]] as const) {
      const result = await t.gql<{ book: { id: string; title: string; status: string } }>(`query($id: ID!) { book(id: $id) { id title status } }`, { id });
      expect(result.data!.book).toEqual({ id, title: t.emulator.getCell(id, "Назва"), status });
    }
  });

  it.each([-1, 0, 101, 100000])("rejects books(first: %i) with a clear validation error", async (first) => {
    const result = await t.gql(`query($first: Int!) { books(first: $first) { totalCount } }`, { first });
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0]!.message).toBe(`first must be between 1 and 100, got ${first}`);
  });

  it("rejects a cursor it did not give out", async () => {
    const result = await t.gql(`{ books(first: 5, after: "bm9wZQ") { totalCount } }`);
    expect(result.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0]!.message).toMatch(/^after is not a cursor/);
  });

  it("pages through the whole catalogue with cursors, each book once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const result: { data?: BooksPage } = await t.gql<BooksPage>(
        `query($after: String) { books(first: 37, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes { id } } }`,
        { after },
      );
      const books = result.data!.books;
      total = books.totalCount;
      expect(books.edges.map((e) => e.node.id)).toEqual(books.nodes.map((n) => n.id));
      seen.push(...books.nodes.map((n) => n.id));
      if (!books.pageInfo.hasNextPage) break;
      after = books.pageInfo.endCursor;
    }
    const idsInSheet = t.emulator.rows().slice(1).map((r) => r[0]).filter((id) => id);
    expect(total).toBe(idsInSheet.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...idsInSheet].sort());
  });

  it("searches title and author ignoring case and accents, Cyrillic included", async () => {
    const search = async (text: string) =>
      (await t.gql<BooksPage>(`query($s: String) { books(first: 100, search: $s) { nodes { title author } } }`, { s: text })).data!.books.nodes;
    const shevchenko = await search("ШЕВЧЕНКО");
    expect(shevchenko.length).toBeGreaterThan(0);
    expect(shevchenko.every((b) => `${b.title} ${b.author}`.toLowerCase().includes("шевченк"))).toBe(true);
    // ї and й without their marks, and a title word with an author word
    const kobzar = await search("кобзар шевченко");
    expect(kobzar.map((b) => b.title)).toContain("Кобзар");
    expect(await search("zzzz-nothing")).toEqual([]);
  });

  it("lists categories with counts and filters books by category and status", async () => {
    const result = await t.gql<{ categories: Array<{ name: string; bookCount: number }> }>(`{ categories { name bookCount } }`);
    const categories = result.data!.categories;
    expect(categories.length).toBeGreaterThan(5);
    const poetry = categories.find((c) => c.name === "поезія")!;
    const byCategory = await t.gql<BooksPage>(`{ books(first: 100, category: "ПОЕЗІЯ") { totalCount nodes { categories } } }`);
    expect(byCategory.data!.books.totalCount).toBe(poetry.bookCount);
    expect(byCategory.data!.books.nodes.every((b) => b.categories.includes("поезія"))).toBe(true);

    const booked = await t.gql<BooksPage>(`{ books(first: 100, status: BOOKED) { totalCount nodes { id status statusRaw } } }`);
    const rows = t.emulator.rows();
    const h = rows[0]!;
    const expected = rows.filter((r) => r[h.indexOf("id")] && r[h.indexOf("Status")] === "booked" && !r[h.indexOf("Заброньовано до:")]);
    expect(booked.data!.books.totalCount).toBe(expected.length);
    expect(booked.data!.books.nodes.every((b) => b.status === "BOOKED" && b.statusRaw === "booked")).toBe(true);
  });

  it("serves the old bot's loans (booked with a due date) as PICKED_UP with the date", async () => {
    const result = await t.gql<{ books: { nodes: Array<{ id: string; dueDate: string; statusRaw: string }> } }>(
      `{ books(first: 100, status: PICKED_UP) { nodes { id dueDate statusRaw } } }`,
    );
    const legacy = result.data!.books.nodes.filter((b) => b.statusRaw === "booked");
    expect(legacy.length).toBeGreaterThan(0);
    for (const b of legacy) expect(b.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("read path, cold", () => {
  let t: TestKurin;
  beforeAll(async () => {
    t = await startTestKurin("cold", { warm: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("50 concurrent books queries on a cold cache make exactly ONE Sheets read", async () => {
    t.emulator.resetCalls();
    t.emulator.setFaults({ latencyMs: 200 }); // a realistic Google answer time widens the race window
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.gql<BooksPage>(`{ books(first: 20) { totalCount nodes { id status } } }`)),
    );
    t.emulator.setFaults({});
    expect(t.emulator.calls.reads).toBe(1);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const first = JSON.stringify(results[0]!.data);
    expect(results.every((r) => JSON.stringify(r.data) === first)).toBe(true);
    expect(results[0]!.data!.books.nodes).toHaveLength(20);
  });
});
