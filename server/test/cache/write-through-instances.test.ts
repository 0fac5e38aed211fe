import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookStatus } from "../../src/catalog/book.ts";
import { startKurinProcess, type KurinProcess } from "../support/kurin-process.ts";
import { availableBooks, asciiJson, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";
import { PrivateRedis } from "../support/redis-server.ts";
import { waitUntil } from "../support/wait.ts";

// A status change Redis missed (its circuit open on the instance that made it, so the write-through was never
// sent), seen from the other instances: Redis is put right as soon as it answers, by the instance that made the
// change without anyone reading there, or, when that instance was killed (-9), by any other from MySQL's record.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BOOK = `query($id: ID!) { book(id: $id) { status stale } }`;

async function statusOf(t: LendingKurin, id: string): Promise<{ status: string; stale: boolean }> {
  return (await t.gql<{ book: { status: string; stale: boolean } }>(BOOK, { id })).data!.book;
}

/** Redis's status word for a book, as operators read it. */
async function cachedWord(admin: Redis, prefix: string, bookId: string): Promise<string | undefined> {
  const json = await admin.hget(`${prefix}books:all`, bookId);
  return json === null ? undefined : (JSON.parse(json) as { statusRaw: string }).statusRaw;
}

/**
 * Whoever heals a missed write-through writes Redis first, then marks the book's CACHE_MISSED records DONE in
 * MySQL: once Redis shows the change, the record follows a moment later.
 */
function healRecorded(t: LendingKurin, bookId: string): Promise<void> {
  return waitUntil(async () => (await t.kurin.prisma.sheetWrite.count({ where: { bookId, state: "CACHE_MISSED" } })) === 0, "the healed write recorded as DONE");
}

describe("a write-through Redis missed, across instances", () => {
  let redis: PrivateRedis;
  let a: LendingKurin;
  let b: LendingKurin;
  let admin: Redis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "300", REDIS_BREAKER_HALF_OPEN_MS: "300" };
    a = await startLendingKurin("heal-a", { env });
    b = await startLendingKurin("heal-b", { env, sameLibraryAs: a });
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await b?.stop();
    await a?.stop();
    await redis?.stop();
  });

  it("is written again by instance A as soon as Redis answers, with no read on A; B never serves the old status as fresh after A's breaker closes", async () => {
    const [bookId] = availableBooks(a, 1) as [string];
    expect(await statusOf(b, bookId)).toEqual({ status: "AVAILABLE", stale: false });
    const missed: string[] = [];
    const healed: string[] = [];
    a.kurin.books.on("writeThroughMissed", (id) => missed.push(id));
    a.kurin.books.on("writeThroughHealed", (id) => healed.push(id));
    let aClosed = false;
    redis.pause();
    try {
      for (let i = 0; i < 10 && a.kurin.guard.state !== "open"; i++) await statusOf(a, bookId);
      expect(a.kurin.guard.state).toBe("open");
      expect((await a.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
      expect(missed).toEqual([bookId]);
      expect(await a.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "CACHE_MISSED" }]);
      a.kurin.guard.on("state", (state) => (aClosed ||= state === "closed"));
    } finally {
      redis.resume();
    }

    // From here on nobody asks A anything. B is read over and over; each answer is noted with whether A's breaker
    // had closed before it was asked.
    const answers: Array<{ status: string; stale: boolean; afterAClosed: boolean }> = [];
    let readsAfterClose = 0;
    const deadline = Date.now() + 30_000; // A's breaker closes on its own timer: a loaded machine may take seconds
    while (readsAfterClose < 20 && Date.now() < deadline) {
      const afterAClosed = aClosed;
      answers.push({ ...(await statusOf(b, bookId)), afterAClosed });
      if (afterAClosed) readsAfterClose++;
      await sleep(10);
    }
    expect(readsAfterClose, "B's reads after A's breaker closed").toBe(20);
    expect(answers.filter((x) => x.afterAClosed && x.status !== "BOOKED" && !x.stale)).toEqual([]);
    expect(answers.at(-1)).toMatchObject({ status: "BOOKED", stale: false });

    expect(healed).toEqual([bookId]);
    expect(await cachedWord(admin, a.prefix, bookId)).toBe("booked");
    expect(await admin.get(`${a.prefix}book:status:${bookId}`)).toBe("booked");
    // A wrote it and recorded it: nothing left for a repairer.
    await healRecorded(a, bookId);
    expect(await a.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "DONE" }]);
  });

  it("writes a missed change again only over an older entry: a later change made elsewhere is never put back", async () => {
    const bookId = availableBooks(a, 2)[1]!;
    const book = (await a.kurin.books.loadMany([bookId]))[0]!;
    const at = Date.now();
    expect(await a.kurin.cache.putBook({ ...book, status: BookStatus.DELIVERED, statusRaw: "delivered", changedAt: at }, "elsewhere")).toBe(true);
    const missed = { ...book, status: BookStatus.BOOKED, statusRaw: "booked" };
    expect(await a.kurin.cache.putBook({ ...missed, changedAt: at - 1000 }, a.kurin.books.instanceId, { overOlder: true })).toBe(false);
    expect(await cachedWord(admin, a.prefix, bookId)).toBe("delivered");
    expect(await admin.get(`${a.prefix}book:status:${bookId}`)).toBe("delivered");
    expect(await a.kurin.cache.putBook({ ...missed, changedAt: at + 1000 }, a.kurin.books.instanceId, { overOlder: true })).toBe(true);
    expect(await cachedWord(admin, a.prefix, bookId)).toBe("booked");
  });
});

describe("a write-through Redis missed, then kill -9 of the instance that made it", () => {
  let redis: PrivateRedis;
  let b: LendingKurin;
  let c: LendingKurin | undefined;
  const children: KurinProcess[] = [];
  let admin: Redis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    b = await startLendingKurin("heal-kill", { env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "300", REDIS_BREAKER_HALF_OPEN_MS: "300" } });
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const child of children) await child.kill();
    admin?.disconnect();
    await c?.stop();
    await b?.stop();
    await redis?.stop();
  });

  /**
   * A: kurin in its own process, in B's library. Its breaker, once open, stays open (it never probes Redis again
   * before it dies). Returns its GraphQL, as the bot acting for reader 1.
   */
  async function startA() {
    const a = await startKurinProcess({
      DATABASE_URL: b.databaseUrl,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: b.prefix,
      GOOGLE_SPREADSHEET_ID: b.emulator.spreadsheetId,
      SHEETS_API_URL: b.emulator.url,
      GOOGLE_SHEET_NAME: b.emulator.sheetName,
      PORT: "0",
      LOG_LEVEL: "info",
      SHEETS_POLL_SECONDS: "0",
      CACHE_VERSION_CHECK_MS: "0",
      REMINDER_CHECK_SECONDS: "0",
      LOAN_REPAIR_SECONDS: "0",
      REDIS_COMMAND_TIMEOUT_MS: "300",
      REDIS_BREAKER_HALF_OPEN_MS: "600000",
    });
    children.push(a);
    const headers = { authorization: `Bearer ${b.tokens.bot}`, "x-telegram-user": asciiJson(telegramUser(1)), "content-type": "application/json" };
    const gql = async (query: string, variables: Record<string, unknown>) =>
      (await (await fetch(`${a.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) })).json()) as { errors?: unknown[] };
    return { a, gql };
  }

  /** While Redis is paused: A's breaker opened by failed reads (REDIS_BREAKER_FAILURES, 3), A books, A is killed. */
  async function bookOnAThenKill(bookId: string, alsoWhilePaused: () => Promise<void> = async () => undefined) {
    const { a, gql } = await startA();
    redis.pause();
    try {
      await alsoWhilePaused();
      for (let i = 0; i < 4; i++) await gql(BOOK, { id: bookId });
      expect((await gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
      expect(b.emulator.getCell(bookId, "Status")).toBe("booked");
      expect(await b.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "CACHE_MISSED" }]);
      await a.kill("SIGKILL");
    } finally {
      redis.resume();
    }
  }

  it("is put right in Redis by a freshly started instance, from the record in MySQL", { timeout: 120_000 }, async () => {
    const [bookId] = availableBooks(b, 1) as [string];
    await bookOnAThenKill(bookId);
    // Redis still has the old status: A never sent the change, and died holding it.
    expect(await cachedWord(admin, b.prefix, bookId)).toBe("");

    c = await startLendingKurin("heal-kill-c", { env: { REDIS_URL: redis.url }, sameLibraryAs: b });
    await waitUntil(async () => (await cachedWord(admin, b.prefix, bookId)) === "booked", "C to write what A missed into Redis");
    expect(await cachedWord(admin, b.prefix, bookId)).toBe("booked");
    expect(await admin.get(`${b.prefix}book:status:${bookId}`)).toBe("booked");
    await healRecorded(b, bookId);
    expect(await b.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "DONE" }]);
    expect(await statusOf(c, bookId)).toEqual({ status: "BOOKED", stale: false });
    // B heard of it too (the write through C is announced like any other).
    await waitUntil(async () => (await statusOf(b, bookId)).status === "BOOKED", "B to hear of C's write");
    expect(await statusOf(b, bookId)).toEqual({ status: "BOOKED", stale: false });
  });

  it("is put right by a surviving instance once Redis answers it again, with no restart", { timeout: 120_000 }, async () => {
    const bookId = availableBooks(b, 1)[0]!;
    // B finds Redis away too (its breaker opens), as a running instance's version check would.
    await bookOnAThenKill(bookId, async () => {
      for (let i = 0; i < 10 && b.kurin.guard.state !== "open"; i++) await statusOf(b, bookId);
      expect(b.kurin.guard.state).toBe("open");
    });
    // B's next use of Redis closes its breaker; a few seconds later B writes what A had missed.
    await waitUntil(async () => (await b.kurin.cache.ping().catch(() => undefined), b.kurin.guard.state === "closed"), "B's breaker to close", { everyMs: 50 });
    expect(b.kurin.guard.state).toBe("closed");
    await waitUntil(async () => (await cachedWord(admin, b.prefix, bookId)) === "booked", "B to write what A missed into Redis", { everyMs: 50 });
    expect(await cachedWord(admin, b.prefix, bookId)).toBe("booked");
    await healRecorded(b, bookId);
    expect(await b.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "DONE" }]);
  });
});
