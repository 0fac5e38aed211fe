import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

interface Stats {
  cacheStats: {
    hits: number;
    misses: number;
    hitRate: number;
    sheetsReads: number;
    sheetsReadsLastMinute: number;
    sheetsReadBudgetPerMinute: number;
    breakerState: string;
    totalKeys: number;
    statusKeys: number;
    infoKeys: number;
    allBooksCached: boolean;
    lastUpdate: string | null;
    series: Array<{ minute: string; hits: number; misses: number }>;
  };
}

describe("cache statistics over two instances", () => {
  let a: TestKurin;
  let b: TestKurin;
  const as: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    a = await startTestKurin("stats", { start: { statsFlushMs: 0 } });
    b = await startTestKurin("stats-b", { sameLibraryAs: a, start: { statsFlushMs: 0 } });
    const tokens = new ApiTokens(a.kurin.prisma);
    for (const role of ["LIBRARIAN", "INTEGRATOR", "BOT"]) {
      as[role] = { authorization: `Bearer ${(await tokens.create(role.toLowerCase(), role)).token}` };
    }
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("hitRate after N known hits and M misses on two instances is N/(N+M)", async () => {
    const one = (t: TestKurin, id: string) => t.gql(`query($id: ID!) { book(id: $id) { status } }`, { id });
    const N = { a: 7, b: 5 };
    const M = { a: 2, b: 4 };
    for (let i = 0; i < N.a; i++) await one(a, String(i + 1));
    for (let i = 0; i < N.b; i++) await one(b, String(i + 20));
    for (let i = 0; i < M.a; i++) await one(a, `missing-${i}`);
    for (let i = 0; i < M.b; i++) await one(b, `missing-b-${i}`);
    await b.kurin.stats.flush(); // B's counts reach Redis at its next flush; A's report flushes A's own

    const { data } = await a.gql<Stats>(
      `{ cacheStats { hits misses hitRate sheetsReads sheetsReadsLastMinute sheetsReadBudgetPerMinute breakerState totalKeys statusKeys infoKeys allBooksCached lastUpdate series { minute hits misses } } }`,
      undefined,
      as.INTEGRATOR,
    );
    const stats = data!.cacheStats;
    const hits = N.a + N.b;
    const misses = M.a + M.b;
    expect(stats.hits).toBe(hits);
    expect(stats.misses).toBe(misses);
    expect(stats.hitRate).toBeCloseTo(hits / (hits + misses), 10);
    // the seed's get_cache_stats() fields
    expect(stats.statusKeys).toBe(304);
    expect(stats.infoKeys).toBe(304);
    expect(stats.totalKeys).toBe(304 * 2 + 2);
    expect(stats.allBooksCached).toBe(true);
    expect(Number.isNaN(Date.parse(stats.lastUpdate!))).toBe(false);
    // quota and breaker
    expect(stats.sheetsReads).toBe(1);
    expect(stats.sheetsReadsLastMinute).toBe(1);
    expect(stats.sheetsReadBudgetPerMinute).toBe(50);
    expect(stats.breakerState).toBe("closed");
    expect(stats.series).toHaveLength(60);
    expect(stats.series.at(-1)).toMatchObject({ hits, misses });
  });

  it("exposes this instance's counters as Prometheus text at /metrics", async () => {
    const text = await (await fetch(`${a.kurin.url}/metrics`)).text();
    expect(text).toMatch(/^kurin_hits_total 7$/m);
    expect(text).toMatch(/^kurin_misses_total 2$/m);
    expect(text).toMatch(/^kurin_sheets_read_budget_per_minute 50$/m);
    expect(text).toMatch(/^kurin_sheets_reads_last_minute 1$/m);
    expect(text).toMatch(/^kurin_catalogue_refresh_seconds_count 1$/m);
  });
  it("shows stats to librarians and integrators only; only librarians pull the levers", async () => {
    const stats = `{ cacheStats { hitRate } }`;
    expect((await a.gql(stats)).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    expect((await a.gql(stats, undefined, as.BOT)).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect((await a.gql(stats, undefined, as.LIBRARIAN)).errors).toBeUndefined();
    for (const lever of [`mutation { refreshCatalog { kind } }`, `mutation { warmCache { kind } }`, `mutation { invalidateBook(id: "1") }`]) {
      expect((await a.gql(lever)).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
      expect((await a.gql(lever, undefined, as.INTEGRATOR)).errors![0]!.extensions!.code).toBe("FORBIDDEN");
      expect((await a.gql(lever, undefined, as.BOT)).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    }
    a.emulator.resetCalls();
    const warm = await a.gql<{ warmCache: { kind: string } }>(`mutation { warmCache { kind } }`, undefined, as.LIBRARIAN);
    expect(warm.data!.warmCache.kind).toBe("fresh");
    expect(a.emulator.calls.reads).toBe(0);
    const refresh = await a.gql<{ refreshCatalog: { kind: string; books: number; changed: number } }>(`mutation { refreshCatalog { kind books changed } }`, undefined, as.LIBRARIAN);
    expect(refresh.data!.refreshCatalog).toEqual({ kind: "read", books: 304, changed: 0 });
    expect(a.emulator.calls.reads).toBe(1);
    expect((await a.gql(`mutation { invalidateBook(id: "no-such") }`, undefined, as.LIBRARIAN)).data).toEqual({ invalidateBook: false });
    expect((await a.gql(`mutation { invalidateBook(id: "1") }`, undefined, as.LIBRARIAN)).data).toEqual({ invalidateBook: true });
    expect(await a.kurin.redis.hexists(`${a.prefix}books:all`, "1")).toBe(0);
  });
});
