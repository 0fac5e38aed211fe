import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CachedBook } from "../../src/cache/book-cache.ts";
import { RequestBooks } from "../../src/graphql/book-loader.ts";
import { cacheKeys } from "../../src/cache/keys.ts";
import { REDIS_URL, startTestKurin, type TestKurin } from "../support/kurin.ts";
import { waitUntil } from "../support/wait.ts";

// Two instances of one library: what one learns, the other serves at once.

describe("two instances agree", () => {
  let a: TestKurin;
  let b: TestKurin;
  beforeAll(async () => {
    a = await startTestKurin("agree");
    b = await startTestKurin("agree-b", { sameLibraryAs: a });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const search = async (t: TestKurin, text: string) =>
    (await t.gql<{ books: { nodes: Array<{ id: string; title: string }> } }>(`query($s: String) { books(first: 5, search: $s) { nodes { id title } } }`, { s: text }))
      .data!.books.nodes;
  const statusOn = async (t: TestKurin, id: string) =>
    (await t.gql<{ book: { status: string; statusRaw: string } }>(`query($id: ID!) { book(id: $id) { status statusRaw } }`, { id })).data!.book;

  it("a status change written through on A is what B serves on its next read, no TTL wait", async () => {
    const id = "1";
    expect((await statusOn(b, id)).status).toBe("AVAILABLE");
    const book = (await new RequestBooks(a.kurin.books).load(id))!;
    // what a mutation does after the Sheet write succeeded
    a.emulator.setCell(id, "Status", "booked");
    await a.kurin.books.writeThrough({ ...book, statusRaw: "booked", status: "BOOKED" as CachedBook["status"] });
    expect(await statusOn(b, id)).toEqual({ status: "BOOKED", statusRaw: "booked" });
  });

  it("a catalogue change read by A reaches B's in-memory catalogue through pub/sub", async () => {
    a.emulator.setCell("2", "Назва", "Енеїда (нове видання)");
    const outcome = await a.kurin.books.refresh(0);
    expect(outcome).toMatchObject({ kind: "read", changed: 1 });
    // B's search runs on its in-memory snapshot: the new title is there without B reading the Sheet
    await expect.poll(async () => (await search(b, "нове видання")).map((n) => n.id), { timeout: 15_000, interval: 20 }).toEqual(["2"]);
  });

  it("a lost message is caught by the version check on books:status:last_update", async () => {
    // B stops hearing the channel (a dropped connection, a lost message): only the version check is left.
    await b.kurin.watch.unsubscribe();
    // Another listener on the channel says when A's message is out: B, had it listened, would have it then.
    const listener = new Redis(REDIS_URL);
    let published = false;
    listener.on("message", () => (published = true));
    try {
      await listener.subscribe(cacheKeys(a.prefix).changes);
      a.emulator.setCell("3", "Назва", "Книга, про яку B не почув");
      await a.kurin.books.refresh(0);
      await waitUntil(() => published, "A's change message on the channel");
    } finally {
      listener.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // time enough to apply the message, had B heard it
    expect(await search(b, "не почув")).toEqual([]);
    // the periodic check (CACHE_VERSION_CHECK_MS) compares versions in Redis and reloads
    expect(await b.kurin.books.checkVersion()).toBe(true);
    expect((await search(b, "не почув")).map((n) => n.id)).toEqual(["3"]);
    expect(await b.kurin.books.checkVersion()).toBe(false); // nothing new: nothing reloaded
  });
});

describe("the version check", () => {
  it("reloads nothing after a refresh that changed no status (its version matches Redis)", async () => {
    const t = await startTestKurin("version");
    try {
      t.emulator.setCell("7", "Назва", "Нова назва, статус той самий");
      expect(await t.kurin.books.refresh(0)).toMatchObject({ kind: "read", changed: 1 });
      expect(await t.kurin.books.checkVersion()).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
