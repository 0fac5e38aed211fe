import { afterAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// One library, two server instances, a cold cache and a crowd at the door.

describe("cold cache across two instances", () => {
  const running: TestKurin[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.stop();
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
});
