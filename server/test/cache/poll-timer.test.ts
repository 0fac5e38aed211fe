import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { MonitorLog } from "../support/redis-monitor.ts";

// The hand-edit poll and the Sheets budget on their real timers, across two instances of one library (one
// Sheet, one database, one Redis prefix): nothing here calls pollOnce or sets a clock.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (real time) until `done()` holds; the test's own timeout is the limit. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await sleep(50);
}

describe("the hand-edit poll on its timer, two instances (SHEETS_POLL_SECONDS=1)", () => {
  let a: TestKurin;
  let b: TestKurin;
  let monitor: MonitorLog;
  beforeAll(async () => {
    const env = { SHEETS_POLL_SECONDS: "1" };
    a = await startTestKurin("poll-timer-a", { env });
    b = await startTestKurin("poll-timer-b", { env, sameLibraryAs: a });
    monitor = new MonitorLog(a.prefix);
    await monitor.start();
  });
  afterAll(async () => {
    monitor?.stop();
    await b?.stop();
    await a?.stop();
  });

  it("reads the Sheet about once an interval for the whole library, not once per instance", async () => {
    const lockKey = `${a.prefix}kurin:refresh:lock`;
    await monitor.settle();
    monitor.commands.length = 0;
    a.emulator.resetCalls();
    // Every tick of either instance's poll asks for the refresh lock (SET NX): the ticks, counted in Redis.
    await until(() => a.emulator.calls.reads >= 6);
    await monitor.settle();
    const reads = a.emulator.calls.reads;
    const ticks = monitor.commands.filter((c) => c[0]?.toLowerCase() === "set" && c[1] === lockKey).length;
    // Two instances tick once an interval each; one read serves both (one instance reading per tick would make
    // reads == ticks). The bounds allow for a tick in flight while counting, and for a tick skipped because the
    // read before it ended more than 10% of the interval after its own tick (a busy machine, a 1 s interval).
    expect(ticks).toBeGreaterThanOrEqual(2 * reads - 2);
    expect(reads).toBeGreaterThanOrEqual(Math.floor(ticks / 4));
    expect(a.emulator.calls.failed).toBe(0);
  }, 60_000);

  it("a hand edit in the Sheet reaches both instances' answers by the poll alone, within a read or two", async () => {
    const query = `{ book(id: "63") { status statusRaw } }`;
    const status = async (t: TestKurin) => (await t.gql<{ book: { status: string; statusRaw: string } }>(query)).data!.book;
    expect([await status(a), await status(b)]).toEqual([
      { status: "DELIVERED", statusRaw: "delivered" },
      { status: "DELIVERED", statusRaw: "delivered" },
    ]);
    a.emulator.resetCalls();
    a.emulator.setCell("63", "Status", "returned"); // a librarian, by hand
    // The reads counted when both first answer with the edit: polls keep ticking after that, once a second.
    let readsWhenSeen = 0;
    await until(async () => {
      const seen = (await status(a)).status === "RETURNED" && (await status(b)).status === "RETURNED";
      readsWhenSeen = a.emulator.calls.reads;
      return seen;
    });
    expect(await status(b)).toEqual({ status: "RETURNED", statusRaw: "returned" });
    // The reads of books above come from the cache: only the polls read the Sheet.
    expect(readsWhenSeen).toBeLessThanOrEqual(2);
    expect(readsWhenSeen).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe("the Sheets budget shared by two instances under load (SHEETS_READS_PER_MINUTE=3)", () => {
  let a: TestKurin;
  let b: TestKurin;
  let librarian: Record<string, string>;
  beforeAll(async () => {
    // Short Sheets timeout: an instance waiting for the other's refresh gives up after it (+2 s) and says "busy".
    const env = { SHEETS_READS_PER_MINUTE: "3", SHEETS_TIMEOUT_MS: "1000" };
    a = await startTestKurin("budget-shared-a", { env });
    b = await startTestKurin("budget-shared-b", { env, sameLibraryAs: a });
    librarian = { authorization: `Bearer ${(await new ApiTokens(a.kurin.prisma).create("olena", "LIBRARIAN")).token}` };
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("many concurrent refreshes on both instances never read more than the budget; the rest are refused as documented", async () => {
    const spentAtStart = await a.kurin.quota.readsLastMinute(); // the warm start's read
    expect(spentAtStart).toBeLessThanOrEqual(3);
    a.emulator.resetCalls();
    const answers: Array<{ kind?: string; code?: unknown; reason?: unknown; message?: string }> = [];
    // Six rounds of ten refreshes at once, five on each instance: more than the budget could ever serve.
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).gql<{ refreshCatalog: { kind: string } }>(`mutation { refreshCatalog { kind } }`, undefined, librarian)),
      );
      for (const result of results) {
        const error = result.errors?.[0];
        answers.push(error ? { code: error.extensions?.code, reason: error.extensions?.reason, message: error.message } : { kind: result.data!.refreshCatalog.kind });
      }
    }
    // Never more Sheets reads than the minute's budget, over both instances, counted by the Sheet itself.
    expect(a.emulator.calls.reads).toBe(3 - spentAtStart);
    expect(await a.kurin.quota.readsLastMinute()).toBe(3);
    expect(await b.kurin.quota.readsLastMinute()).toBe(3);
    // Concurrent callers on one instance share its one refresh, so several answers may say "read" for one read.
    const kinds = (kind: string) => answers.filter((x) => x.kind === kind).length;
    expect(kinds("read")).toBeGreaterThanOrEqual(3 - spentAtStart);
    // The others shared a read another request made, or were told why not, in the documented words.
    const refused = answers.filter((x) => x.code !== undefined);
    expect(refused.length + kinds("read") + kinds("shared") + kinds("fresh")).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    for (const refusal of refused) {
      expect(refusal.code).toBe("RATE_LIMITED");
      expect(["budget", "busy"]).toContain(refusal.reason);
      expect(refusal.message).toMatch(/^The Sheet was not read now: /);
    }
    expect(refused.some((x) => x.reason === "budget")).toBe(true);
    expect(refused.find((x) => x.reason === "budget")!.message).toBe("The Sheet was not read now: the Sheets read budget for this minute is spent");
    // Both instances still serve the catalogue.
    for (const t of [a, b]) expect((await t.gql<{ books: { totalCount: number } }>(`{ books(first: 1) { totalCount } }`)).data!.books.totalCount).toBe(304);
  }, 60_000);
});
