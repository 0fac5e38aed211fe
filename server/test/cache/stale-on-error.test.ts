import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// Google misbehaving for two minutes of simulated time: 429s, then 500s, then no answer at all.

interface StatusPage {
  books: { nodes: Array<{ id: string; status: string; stale: boolean; asOf: string }> };
}

describe("when the Sheet cannot be read", () => {
  let t: TestKurin;
  let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
  const query = `{ books(first: 20) { nodes { id status stale asOf } } }`;

  beforeAll(async () => {
    t = await startTestKurin("stale", {
      // The hang phase needs a short Sheets timeout; the reads that do answer (the start-up read, Google back)
      // must still fit in it on a busy machine, which 200 ms did not always.
      env: { REDIS_CACHE_TTL: "30", SHEETS_TIMEOUT_MS: "1000", SHEETS_READS_PER_MINUTE: "50" },
      start: { now: () => clock },
    });
    // The start-up read can miss this test's short Sheets timeout on a busy machine; the story needs a warm
    // catalogue to begin with, so read again (past any backoff) until there is one.
    for (let attempt = 0; t.kurin.books.catalogueFreshness().readAt === null && attempt < 10; attempt++) {
      clock = Math.max(clock, t.kurin.quota.backoffUntil) + 1;
      await t.kurin.books.refresh(0).catch(() => undefined);
    }
    expect(t.kurin.books.catalogueFreshness().readAt).not.toBeNull();
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Settles any background refresh a request started, so counts are read after it. */
  async function settle() {
    await t.kurin.books.refresh(60_000).catch(() => undefined);
  }

  it("keeps serving every read from the cache, marked stale, within the Sheets budget, until the first success", async () => {
    const warmReadAt = clock;
    t.emulator.resetCalls();
    const readsPerMinute = new Map<number, number>();
    const phases: Array<{ fault: Parameters<typeof t.emulator.setFaults>[0]; seconds: number }> = [
      { fault: { failNext: { status: 429, count: 1_000_000 } }, seconds: 40 },
      { fault: { failNext: { status: 500, count: 1_000_000 } }, seconds: 40 },
      { fault: { hang: "read" }, seconds: 40 },
    ];
    const start = clock;
    let answered = 0;
    const failures: string[] = [];
    t.kurin.books.on("refreshFailed", (error) => failures.push(error.message));
    for (const phase of phases) {
      t.emulator.setFaults(phase.fault);
      for (let s = 0; s < phase.seconds; s += 2) {
        clock += 2000;
        const before = t.emulator.calls.reads + t.emulator.calls.failed;
        const result = await t.gql<StatusPage>(query);
        await settle();
        expect(result.errors).toBeUndefined();
        const nodes = result.data!.books.nodes;
        expect(nodes).toHaveLength(20);
        answered++;
        // past the 30 s TTL every value says it is stale, and how old it is
        const expectStale = clock - warmReadAt > 30_000;
        expect(nodes.every((b) => b.stale === expectStale)).toBe(true);
        expect(new Set(nodes.map((b) => b.asOf))).toEqual(new Set([new Date(warmReadAt).toISOString()]));
        const minute = Math.floor((clock - start) / 60_000);
        const attempts = t.emulator.calls.reads + t.emulator.calls.failed - before;
        readsPerMinute.set(minute, (readsPerMinute.get(minute) ?? 0) + attempts);
      }
    }
    expect(answered).toBe(60);
    // each kind of failure was met (and retried only after a growing wait)
    expect(failures.some((m) => m.startsWith("Google Sheets quota exceeded (429)"))).toBe(true);
    expect(failures.some((m) => m.startsWith("Google Sheets failed (500)"))).toBe(true);
    expect(failures.some((m) => m.startsWith("Google Sheets did not answer"))).toBe(true);
    expect(failures.length).toBeLessThan(20);
    // backoff keeps attempts far below the budget; never above it in any simulated minute
    for (const [, attempts] of readsPerMinute) expect(attempts).toBeLessThanOrEqual(50);
    const stats = await t.kurin.stats.report();
    expect(stats.staleServes).toBeGreaterThan(0);
    expect(stats.refreshesFailed).toBeGreaterThan(0);
    expect(stats.sheets429).toBeGreaterThan(0);

    // Google is back: once the backoff wait is over, the next request's refresh succeeds and clears the flag.
    t.emulator.setFaults({});
    clock = Math.max(clock, t.kurin.quota.backoffUntil) + 1;
    await t.gql<StatusPage>(query);
    await settle();
    const after = await t.gql<StatusPage>(query);
    expect(after.data!.books.nodes.every((b) => !b.stale)).toBe(true);
    expect(new Date(after.data!.books.nodes[0]!.asOf).getTime()).toBeGreaterThan(warmReadAt);
  });
});

// Its own instance, with the default Sheets timeout: each of its 50 reads must answer, and one missing a short
// timeout on a busy machine would count as refused.
describe("forced refreshes", () => {
  let t: TestKurin;
  let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
  beforeAll(async () => {
    t = await startTestKurin("stale-budget", { env: { SHEETS_READS_PER_MINUTE: "50" }, start: { now: () => clock } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("never reads the Sheet more than the budget allows in a minute, however hard it is pushed", async () => {
    t.emulator.setFaults({});
    clock += 120_000; // a new minute, an empty window
    t.emulator.resetCalls();
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 80; i++) {
      clock += 100;
      try {
        await t.kurin.books.refresh(0); // forced: an operator hammering refreshCatalog
        outcomes.read++;
      } catch (error) {
        expect((error as Error).message).toBe("the Sheets read budget for this minute is spent");
        outcomes.refused++;
      }
    }
    expect(outcomes).toEqual({ read: 50, refused: 30 });
    expect(t.emulator.calls.reads).toBe(50);
    expect(await t.kurin.quota.readsLastMinute()).toBe(50);
    clock += 60_000;
    await t.kurin.books.refresh(0);
    expect(t.emulator.calls.reads).toBe(51);
  });
});

describe("when the Sheet cannot be read and nothing is cached", () => {
  it("answers UPSTREAM_UNAVAILABLE with what went wrong, and serves once Google is back", async () => {
    const t = await startTestKurin("nothing", { warm: false });
    try {
      t.emulator.setFaults({ failNext: { status: 403, count: 1 } });
      const result = await t.gql(`{ books(first: 5) { totalCount } }`);
      expect(result.data).toBeNull();
      expect(result.errors![0]!.extensions!.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(result.errors![0]!.message).toMatch(/^The catalogue cannot be read now: Google Sheets refused access \(403\): share the sheet/);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, t.kurin.quota.backoffUntil - Date.now()) + 10));
      const again = await t.gql<{ books: { totalCount: number } }>(`{ books(first: 5) { totalCount } }`);
      expect(again.data!.books.totalCount).toBe(304);
    } finally {
      await t.stop();
    }
  });
});

describe("when the Sheet stays unreadable past CACHE_GRACE_SECONDS", () => {
  let t: TestKurin;
  let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
  beforeAll(async () => {
    t = await startTestKurin("grace", { env: { REDIS_CACHE_TTL: "30", CACHE_GRACE_SECONDS: "60" }, start: { now: () => clock } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("reads answer UPSTREAM_UNAVAILABLE instead of statuses older than the grace, and serve again once Google is back", async () => {
    t.emulator.setFaults({ failNext: { status: 500, count: 1_000_000 } });
    clock += 50_000; // past the TTL, within the grace: served, marked stale
    const within = await t.gql<{ book: { status: string; stale: boolean } }>(`{ book(id: "63") { status stale } }`);
    expect(within.data!.book).toEqual({ status: "DELIVERED", stale: true });

    clock += 50_000; // 100 s after the read: past TTL + grace
    for (const query of [`{ book(id: "63") { status } }`, `{ books(first: 5) { nodes { id status } } }`]) {
      const past = await t.gql(query);
      expect(past.errors?.map((e) => (e as { extensions?: { code?: string } }).extensions?.code)).toEqual(["UPSTREAM_UNAVAILABLE"]);
      expect(past.errors![0]!.message).toMatch(/^The catalogue cannot be read now: /);
    }

    t.emulator.setFaults({});
    clock = Math.max(clock, t.kurin.quota.backoffUntil) + 1;
    const back = await t.gql<{ book: { status: string; stale: boolean } }>(`{ book(id: "63") { status stale } }`);
    expect(back.data!.book).toEqual({ status: "DELIVERED", stale: false });
  });
});

describe("a 429 that says when to come back", () => {
  let t: TestKurin;
  let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
  beforeAll(async () => {
    t = await startTestKurin("retry-after", { start: { now: () => clock } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("waits at least its Retry-After before reading again, longer than kurin's own first backoff", async () => {
    t.emulator.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 45 } });
    await expect(t.kurin.books.refresh(0)).rejects.toThrow(/quota exceeded \(429\)/);
    expect(t.kurin.quota.backoffUntil).toBeGreaterThanOrEqual(clock + 45_000);
    t.emulator.resetCalls();
    clock += 44_000;
    await expect(t.kurin.books.refresh(0)).rejects.toThrow();
    expect(t.emulator.calls.reads).toBe(0); // still waiting: Google was not asked
    clock += 2_000;
    await expect(t.kurin.books.refresh(0)).resolves.toMatchObject({ kind: "read" });
    expect(t.emulator.calls.reads).toBe(1);
  });
});
