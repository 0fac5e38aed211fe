import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrivateRedis } from "../support/redis-server.ts";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// Invariant 1: at most one open loan per book, enforced by the database, even with many instances racing.
// 50 readers book the same book at the same moment.

const READERS = 50;

async function race(instances: LendingKurin[], bookId: string, firstReader: number) {
  // Each reader is known before the race (first sight creates them), so the race is about the book only.
  await Promise.all(
    Array.from({ length: READERS }, (_, i) => instances[i % instances.length]!.reader(firstReader + i).gql(`{ me { id } }`)),
  );
  const results = await Promise.all(
    Array.from({ length: READERS }, (_, i) => instances[i % instances.length]!.reader(firstReader + i).gql(MUTATIONS.bookItem, { bookId })),
  );
  const winners = results.filter((r) => r.errors === undefined);
  const losers = results.filter((r) => r.errors !== undefined);
  // What everyone got, e.g. { ok: 1, CONFLICT: 49 } (a failure shows any other outcome with its message).
  const outcomes: Record<string, number> = {};
  for (const r of results) {
    const key = r.errors ? `${r.errors[0]!.extensions?.code}${r.errors[0]!.extensions?.code === "CONFLICT" ? "" : `: ${r.errors[0]!.message}`}` : "ok";
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return { winners, losers, results, outcomes };
}

describe("50 readers book one book at once", () => {
  let a: LendingKurin;
  let b: LendingKurin;
  beforeAll(async () => {
    a = await startLendingKurin("race");
    b = await startLendingKurin("race-b", { sameLibraryAs: a });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("on one instance: exactly one succeeds, 49 get CONFLICT, one open loan, the losers cost no Sheets call", async () => {
    const [bookId] = availableBooks(a, 1) as [string];
    a.emulator.resetCalls();
    a.emulator.setFaults({ latencyMs: 50 }); // Google's answer time widens the race window
    const { winners, losers, outcomes } = await race([a], bookId, 1000);
    a.emulator.setFaults({});
    expect(outcomes).toEqual({ ok: 1, CONFLICT: READERS - 1 });
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(READERS - 1);
    expect(losers.flatMap(codes).every((code) => code === "CONFLICT")).toBe(true);
    expect(losers[0]!.errors![0]!.message).toMatch(/being changed by another request|has just been booked by another reader/);
    expect(await a.kurin.prisma.loan.count({ where: { bookId, openBookId: bookId } })).toBe(1);
    expect(await a.kurin.prisma.loan.count({ where: { bookId } })).toBe(1);
    expect(a.emulator.getCell(bookId, "Status")).toBe("booked");
    expect({ reads: a.emulator.calls.reads, writes: a.emulator.calls.writes }).toEqual({ reads: 1, writes: 1 });
  });

  it("across two instances sharing Redis and MariaDB: the same", async () => {
    const [, bookId] = availableBooks(a, 2) as [string, string];
    a.emulator.resetCalls();
    a.emulator.setFaults({ latencyMs: 50 });
    const { winners, losers, outcomes } = await race([a, b], bookId, 2000);
    a.emulator.setFaults({});
    expect(outcomes).toEqual({ ok: 1, CONFLICT: READERS - 1 });
    expect(winners).toHaveLength(1);
    expect(losers.flatMap(codes).every((code) => code === "CONFLICT")).toBe(true);
    expect(losers).toHaveLength(READERS - 1);
    expect(await a.kurin.prisma.loan.count({ where: { bookId } })).toBe(1);
    expect(a.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(a.emulator.calls.writes).toBe(1);
    // Both instances serve the new status at once.
    for (const t of [a, b]) {
      const read = await t.gql<{ book: { status: string } }>(`query($id: ID!) { book(id: $id) { status } }`, { id: bookId });
      expect(read.data!.book.status).toBe("BOOKED");
    }
  });
});

describe("50 readers book one book at once with Redis down (no lock)", () => {
  let redis: PrivateRedis;
  let a: LendingKurin;
  let b: LendingKurin;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "100" };
    a = await startLendingKurin("race-noredis", { env });
    b = await startLendingKurin("race-noredis-b", { env, sameLibraryAs: a });
    await redis.kill();
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    // PrivateRedis.stop() waits for an exit a killed server already had: give it a live one to stop.
    await redis?.restart();
    await redis?.stop();
  });

  it("the database's unique open loan still lets exactly one through (the two instances race in MariaDB)", async () => {
    const [bookId] = availableBooks(a, 1) as [string];
    a.emulator.setFaults({ latencyMs: 50 });
    a.emulator.resetCalls();
    const { winners, losers, outcomes } = await race([a, b], bookId, 3000);
    a.emulator.setFaults({});
    expect(outcomes).toEqual({ ok: 1, CONFLICT: READERS - 1 });
    // Each instance still changes a book once at a time: at most one Sheets read per instance.
    expect(a.emulator.calls.reads).toBeLessThanOrEqual(2);
    expect(a.emulator.calls.writes).toBe(1);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(READERS - 1);
    expect(losers.flatMap(codes).every((code) => code === "CONFLICT")).toBe(true);
    expect(await a.kurin.prisma.loan.count({ where: { bookId } })).toBe(1);
    expect(a.emulator.getCell(bookId, "Status")).toBe("booked");
    // Losers of the database race leave no trace in the Sheet or in the write records.
    expect(await a.kurin.prisma.sheetWrite.count({ where: { bookId } })).toBe(1);
  });
});
