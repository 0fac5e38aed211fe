import { Bench, mb, ms, perSecond, x, type Row, type SectionResult } from "../lib/bench.ts";
import type { ServerProcess } from "../lib/children.ts";
import { graphql, interleaved, load, loadOn, median, pairedRatio, summarise } from "../lib/load.ts";
import { catalogueRows, type SlowSheets } from "../lib/sheets.ts";
import { PAGE_QUERY } from "./read-path.ts";

/**
 * Section 5: catalogues of 200, 2,000 and 10,000 books in the demo layout, one kurin instance (and one Sheets
 * emulator) each. A full refresh is timed inside the instance with the emulator's latency off, so what is left
 * is kurin's own work (the HTTP read and JSON of the values, mapping rows, the diff, the Redis script) plus the
 * emulator building its answer on loopback. Then the same page of 100 is served by all three, interleaved.
 */

export const SIZES = [200, 2000, 10000] as const;
const REFRESHES = 3;

interface RefreshTiming {
  books: number;
  totalMs: number;
  sheetMs: number;
}

export async function scale(bench: Bench): Promise<SectionResult> {
  const { seconds, rounds } = bench.options;
  const instances: Array<{ size: number; sheets: SlowSheets; server: ServerProcess; refresh: RefreshTiming[]; rssIdle: number }> = [];
  for (const size of SIZES) {
    const sheets = await bench.sheets(catalogueRows(bench.demoRows, size));
    // No hand-edit polls during the load runs: a poll is a full refresh (timed below, and its cost grows with
    // the catalogue by nature); landing in some 3 s runs and not others, it would blur the request's own cost.
    const server = await bench.kurin(`kurin-scale-${size}`, sheets, bench.prefix(`scale-${size}`), { SHEETS_POLL_SECONDS: "0" });
    sheets.latency(false);
    const refresh: RefreshTiming[] = [];
    for (let i = 0; i < REFRESHES; i++) refresh.push(await server.call<RefreshTiming>("refresh"));
    sheets.latency(true);
    const page = await graphql<{ books: { nodes: unknown[] } }>(server.url, PAGE_QUERY);
    if (page.books.nodes.length !== 100) throw new Error(`kurin with ${size} books answered ${page.books.nodes.length}`);
    instances.push({ size, sheets, server, refresh, rssIdle: server.rss() });
  }

  for (const { server } of instances) await load(server.url, PAGE_QUERY, { seconds: 1 });
  const runs = await interleaved(
    Object.fromEntries(instances.map(({ size, server }) => [String(size), () => loadOn(server, PAGE_QUERY, { seconds })])),
    rounds,
  );
  const rssLoaded = instances.map(({ server }) => server.rss());
  // What the catalogue itself takes: the heap after a full collection.
  const heapAfterGc: number[] = [];
  for (const { server } of instances) heapAfterGc.push((await server.call<{ memory: NodeJS.MemoryUsage }>("stats", { gc: true })).memory.heapUsed);
  const smallest = runs[String(SIZES[0])]!;

  const rows: Row[] = [];
  const figures = instances.map(({ size, refresh, rssIdle }, i) => {
    const summary = summarise(runs[String(size)]!);
    return {
      size,
      books: refresh[0]?.books,
      refreshMs: median(refresh.map((r) => r.totalMs)),
      refreshSheetMs: median(refresh.map((r) => r.sheetMs)),
      rssIdle,
      rssLoaded: rssLoaded[i]!,
      heapAfterGc: heapAfterGc[i]!,
      summary,
      rpsToSmallest: pairedRatio(runs[String(size)]!, smallest),
      p99ToSmallest: pairedRatio(runs[String(size)]!, smallest, (r) => Math.max(r.p99, 1)),
      cpuToSmallest: pairedRatio(runs[String(size)]!, smallest, (r) => r.cpuMsPerRequest ?? NaN),
    };
  });
  for (const f of figures) {
    rows.push({
      section: "5",
      figure: `${f.size} books: full refresh (no Sheets latency)`,
      value: `${ms(f.refreshMs)} (Sheets call + mapping ${ms(f.refreshSheetMs)})`,
    });
  }
  for (const f of figures) {
    rows.push({
      section: "5",
      figure: `${f.size} books: RSS per instance (idle / after load); heap after GC`,
      value: `${mb(f.rssIdle)} / ${mb(f.rssLoaded)}; ${mb(f.heapAfterGc)}`,
    });
  }
  for (const f of figures) {
    rows.push({
      section: "5",
      figure: `${f.size} books: page of 100`,
      value: `${perSecond(f.summary.rps)}, p99 ${ms(f.summary.p99)}, CPU ${ms(f.summary.cpuMsPerRequest)}/req`,
    });
  }
  const largest = figures.at(-1)!;
  rows.push({
    section: "5",
    figure: `request cost ${SIZES.at(-1)} vs ${SIZES[0]} books (req/s ratio)`,
    value: x(largest.rpsToSmallest),
    target: ">= 0.9x (flat)",
    met: largest.rpsToSmallest >= 0.9,
  });
  rows.push({
    section: "5",
    figure: `CPU per request ${SIZES.at(-1)} vs ${SIZES[0]} books`,
    value: x(largest.cpuToSmallest),
    target: "<= 1.1x (flat)",
    met: largest.cpuToSmallest <= 1.1,
  });
  await bench.stop(...instances.map((i) => i.server));
  for (const { sheets } of instances) await bench.stopSheets(sheets);
  return { rows, data: { sizes: SIZES, refreshesTimed: REFRESHES, figures } };
}
