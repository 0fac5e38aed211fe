import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { PrivateRedis } from "../support/redis-server.ts";
import { waitUntil } from "../support/wait.ts";

// Redis stops answering (SIGSTOP) in the middle of a booking and then resumes: the lock command kurin gave up
// on still runs when Redis works off its queue. The book must not stay locked for the lock's whole TTL.

describe("a Redis pause during a lending step", () => {
  let redis: PrivateRedis;
  let t: LendingKurin;
  let admin: Redis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startLendingKurin("redis-pause", {
      env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "300", REDIS_BREAKER_HALF_OPEN_MS: "200", LOAN_LOCK_TTL_MS: "30000" },
    });
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await t?.stop();
    await redis?.stop();
  });

  it("leaves no book locked once Redis answers again: the next step on it succeeds at once", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    redis.pause();
    let booked;
    try {
      booked = await t.reader(1).gql(MUTATIONS.bookItem, { bookId }); // the lock's SET times out on kurin's side
    } finally {
      redis.resume();
    }
    expect(booked.errors).toBeUndefined();
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    // Redis ran the queued SET after all: the book's lock is held in Redis by a token nobody would give back.
    const lockKey = `${t.prefix}kurin:loan:lock:${bookId}`;
    expect(await admin.exists(lockKey)).toBe(1);
    await waitUntil(async () => (await t.kurin.cache.ping().catch(() => undefined), t.kurin.guard.state === "closed"), "the breaker to close", { everyMs: 50 });
    expect(t.kurin.guard.state).toBe("closed");

    const cancelled = await t.reader(1).gql(MUTATIONS.cancelBooking, { bookId });
    expect(codes(cancelled)).toEqual([]);
    expect(t.emulator.getCell(bookId, "Status")).toBe("");
    expect(await admin.exists(lockKey)).toBe(0);
  });
});
