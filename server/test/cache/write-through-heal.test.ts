import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { PrivateRedis } from "../support/redis-server.ts";
import { waitUntil } from "../support/wait.ts";

// A status change made while Redis is away (its circuit open, so the write-through is never sent): once Redis
// answers again it still holds the old status. kurin must not serve that as fresh, and must put it right.

describe("a write-through Redis missed", () => {
  let redis: PrivateRedis;
  let t: LendingKurin;
  let admin: Redis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startLendingKurin("heal", { env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "300", REDIS_BREAKER_HALF_OPEN_MS: "200" } });
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await t?.stop();
    await redis?.stop();
  });

  const statusOf = async (id: string) =>
    (await t.gql<{ book: { status: string; stale: boolean } }>(`query($id: ID!) { book(id: $id) { status stale } }`, { id })).data!.book;

  it("is served as changed as soon as Redis is back, and written to Redis again", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const missed: string[] = [];
    t.kurin.books.on("writeThroughMissed", (id) => missed.push(id));
    redis.pause();
    try {
      for (let i = 0; i < 10 && t.kurin.guard.state !== "open"; i++) await statusOf(bookId);
      expect(t.kurin.guard.state).toBe("open");
      expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
      // Redis missed it. (Read here, not from Redis after it resumes: any background read may heal it first.)
      expect(missed).toContain(bookId);
    } finally {
      redis.resume();
    }
    await waitUntil(async () => (await t.kurin.cache.ping().catch(() => undefined), t.kurin.guard.state === "closed"), "the breaker to close", { everyMs: 50 });
    expect(t.kurin.guard.state).toBe("closed");

    expect(await statusOf(bookId)).toEqual({ status: "BOOKED", stale: false });
    await waitUntil(async () => JSON.parse((await admin.hget(`${t.prefix}books:all`, bookId))!).statusRaw === "booked", "the missed change to be written to Redis");
    expect(JSON.parse((await admin.hget(`${t.prefix}books:all`, bookId))!).statusRaw).toBe("booked");
    expect(await admin.get(`${t.prefix}book:status:${bookId}`)).toBe("booked");
  });
});
