import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { PrivateRedis } from "../support/redis-server.ts";

// One library, two server instances, a cold cache and a crowd at the door.

describe("cold cache across two instances", () => {
  const running: TestKurin[] = [];
  const redises: PrivateRedis[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.stop();
    for (const redis of redises) await redis.stop();
  });

  it("500 concurrent requests spread over two instances make exactly ONE Sheets read", async () => {
    const a = await startTestKurin("stampede", { warm: false });
    running.push(a);
    const b = await startTestKurin("stampede-b", { warm: false, sameLibraryAs: a });
    running.push(b);
    a.emulator.resetCalls();
    a.emulator.setFaults({ latencyMs: 300 }); // Google's usual answer time keeps the race window wide open

    const query = `{ books(first: 10) { totalCount nodes { id status } } }`;
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? a : b).gql<{ books: { totalCount: number } }>(query)));
    a.emulator.setFaults({});

    expect(results.filter((r) => r.errors !== undefined)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.books.totalCount))).toEqual(new Set([304]));
    expect(a.emulator.calls.reads).toBe(1);
    // one instance read the Sheet, the other adopted its result from Redis; the stats of both say so
    await b.kurin.stats.flush();
    const stats = await a.kurin.stats.report();
    expect(stats.refreshes).toBe(1);
    expect(stats.sheetsReads).toBe(1);
  });

  it("a request that missed while the other instance was writing its read starts no second read", async () => {
    // A private Redis: the test pauses its writes, which must not touch anything shared.
    const redis = await PrivateRedis.start();
    redises.push(redis);
    // Commands wait out the pause instead of timing out (a failed write would rightly make B read itself).
    const env = { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "5000" };
    const a = await startTestKurin("refill-race", { warm: false, env });
    running.push(a);
    const b = await startTestKurin("refill-race-b", { warm: false, env, sameLibraryAs: a });
    running.push(b);
    const admin = new Redis(redis.url);
    const misses: number[] = [];
    b.kurin.books.on("miss", (n) => misses.push(n));
    a.emulator.resetCalls();
    a.emulator.setFaults({ hang: "read" });
    const query = `{ books(first: 10) { nodes { id status } } }`;
    try {
      // A asks the Sheet; the emulator holds the answer until Redis holds every write: A's result lands late.
      const first = a.gql(query);
      await until(() => a.emulator.hangingRequests === 1, "A never asked the Sheet");
      await admin.call("CLIENT", "PAUSE", "4000", "WRITE");
      a.emulator.setFaults({});
      // A has read the Sheet but not yet written Redis: B's request misses now, then gets A's result.
      await until(() => a.emulator.calls.reads === 1, "the Sheet never answered A");
      // One book by id: its HMGET is sent first (a listing needs the catalogue first and so waits for A).
      const second = b.gql(`{ book(id: "7") { id status } }`);
      const [ra, rb] = await Promise.all([first, second]);
      expect(ra.errors).toBeUndefined();
      expect(rb.errors).toBeUndefined();
      // Time for a second read, if one were started in the background, to reach the emulator.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(misses).toEqual([1]); // B did miss, before A's result was in Redis
      expect(rb.data).toEqual({ book: { id: "7", status: expect.any(String) } });
      expect(a.emulator.calls.reads).toBe(1);
    } finally {
      a.emulator.setFaults({});
      await admin.call("CLIENT", "UNPAUSE").catch(() => undefined);
      admin.disconnect();
    }
  });
});

/** Waits (up to 3.5 s, inside the 4 s pause, itself inside the 5 s command timeout) for a step of the race this test sets up. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3500;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error(`the race this test sets up did not happen: ${what}`);
}
