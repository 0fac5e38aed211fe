import { Bench, ms, perSecond, sleep, type Row, type SectionResult } from "../lib/bench.ts";
import { load, type LoadResult } from "../lib/load.ts";

/**
 * Section 3: how often the Sheet is read, counted by the emulator.
 *  - Sustained: two kurin instances of one library (one key prefix) serving `book(id) { status }` at BENCH_RATE
 *    requests/s (2,000) for BENCH_SUSTAIN_SECONDS (60), with a 10 s cache TTL so several refreshes fall inside the
 *    window; then the same at 1% of the rate, for half as long; then the seed's per-key cache-aside at the full
 *    rate, for comparison. kurin's count should follow the refresh interval, not the load.
 *  - Cold stampede: two fresh instances with an empty cache, 500 concurrent requests (250 each) at once.
 */

const TTL_SECONDS = 10;
const STATUS_QUERIES = Array.from({ length: 50 }, (_, i) => `{ book(id: "${1 + ((i * 37) % 300)}") { status } }`);

export async function sheetsReads(bench: Bench): Promise<SectionResult> {
  const { sustainSeconds, rate } = bench.options;
  const sheets = await bench.sheets();
  const ttl = { REDIS_CACHE_TTL: String(TTL_SECONDS) };

  // Sustained load on two warm instances. The second starts after the first filled the cache.
  const prefix = bench.prefix("sustain");
  const one = await bench.kurin("kurin-sustain-1", sheets, prefix, ttl);
  const two = await bench.kurin("kurin-sustain-2", sheets, prefix, ttl);
  const sustained = async (ratePerSecond: number, seconds: number, servers = [one, two]) => {
    const before = sheets.reads;
    const runs = await Promise.all(
      servers.map((s) => load(s.url, STATUS_QUERIES, { rate: ratePerSecond / servers.length, connections: 50, seconds })),
    );
    const reads = sheets.reads - before;
    return { reads, readsPerMinute: (reads * 60) / seconds, seconds, ...combine(runs) };
  };
  const high = await sustained(rate, sustainSeconds);
  const lowSeconds = Math.max(10, Math.round(sustainSeconds / 2));
  const low = await sustained(rate / 100, lowSeconds);
  await bench.stop(one, two);

  // The seed's cache-aside at the same rate: every request that finds its key expired reads the Sheet.
  const perKeyPrefix = bench.prefix("sustain-per-key");
  const perKeySeconds = Math.min(20, sustainSeconds);
  const perKeyServers = [
    await bench.baseline("per-key", "baseline-per-key-sustain-1", sheets, perKeyPrefix, ttl),
    await bench.baseline("per-key", "baseline-per-key-sustain-2", sheets, perKeyPrefix, ttl),
  ];
  const perKey = await sustained(rate, perKeySeconds, perKeyServers);
  await bench.stop(...perKeyServers);

  // Cold start: both instances up with nothing cached, then 500 requests at once.
  const coldPrefix = bench.prefix("cold");
  const cold = await Promise.all([
    bench.kurin("kurin-cold-1", sheets, coldPrefix, { BENCH_WARM: "0" }),
    bench.kurin("kurin-cold-2", sheets, coldPrefix, { BENCH_WARM: "0" }),
  ]);
  const coldBefore = sheets.reads;
  const started = performance.now();
  const stampede = await Promise.all(cold.map((s) => load(s.url, STATUS_QUERIES[0]!, { connections: 250, amount: 250 })));
  const stampedeMs = performance.now() - started;
  // A read started in the background by the stampede is counted when it answers: give it time to.
  await sleep(3000);
  const coldReads = sheets.reads - coldBefore;
  await bench.stop(...cold);
  await bench.stopSheets(sheets);

  // At most one refresh per TTL for the whole library, plus one for a window edge.
  const bound = Math.ceil(60 / TTL_SECONDS) + 1;
  const answered = stampede.reduce((n, r) => n + r.requests, 0);
  const rows: Row[] = [
    {
      section: "3",
      figure: `served status queries, 2 instances, ${high.seconds} s`,
      value: `${perSecond(high.rps)} (asked ${rate}/s), p99 ${ms(high.p99)}`,
    },
    {
      section: "3",
      figure: `Sheets reads/min at ${perSecond(high.rps)} (TTL ${TTL_SECONDS} s)`,
      value: `${round(high.readsPerMinute)} (${high.reads} in ${high.seconds} s)`,
      target: `<= ${bound}`,
      met: high.readsPerMinute <= bound,
    },
    {
      section: "3",
      figure: `Sheets reads/min at ${perSecond(low.rps)} (same TTL)`,
      value: `${round(low.readsPerMinute)} (${low.reads} in ${low.seconds} s)`,
      target: "same as at full load",
      met: high.readsPerMinute <= Math.max(bound, low.readsPerMinute * 1.5),
    },
    {
      section: "3",
      figure: `per-key cache-aside: Sheets reads/min at ${perSecond(perKey.rps)}`,
      value: `${round(perKey.readsPerMinute)} (${perKey.reads} in ${perKey.seconds} s)`,
    },
    {
      section: "3",
      figure: "cold start, 500 concurrent over 2 instances: Sheets reads",
      value: `${coldReads} (${answered}/500 answered in ${ms(stampedeMs)})`,
      target: "1",
      met: coldReads === 1 && answered === 500,
    },
  ];
  return {
    rows,
    data: { ttlSeconds: TTL_SECONDS, bound, high, low, perKey, cold: { reads: coldReads, answered, wallMs: stampedeMs, runs: stampede } },
  };
}

/** Two instances' runs of the same length as one: summed rates, the worse percentiles. */
function combine(runs: LoadResult[]) {
  return {
    rps: runs.reduce((n, r) => n + r.rps, 0),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
