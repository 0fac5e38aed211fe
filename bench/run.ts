/**
 * `pnpm bench`: kurin's read path against its baselines and the physical limit, side by side, in one run.
 *
 * It starts everything it needs (a private redis-server on a free port, its own database, Sheets emulators with
 * Google's 200-500 ms latency, kurin instances and baselines as child processes), drives load over loopback HTTP
 * with autocannon, prints a table and writes bench/results/bench-<time>.json. Every figure is a count, or a ratio
 * of two things measured in the same run, interleaved, because this machine is shared and noisy.
 * Knobs: bench/README.md.
 */
import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Bench, benchOptions, type Row, type SectionResult } from "./lib/bench.ts";
import { createBenchDatabase, type BenchDatabase } from "./lib/database.ts";
import { PrivateRedis } from "./lib/redis-server.ts";
import { SlowSheets } from "./lib/sheets.ts";
import { footprint } from "./sections/footprint.ts";
import { loans } from "./sections/loans.ts";
import { redisRoundTrips, startReadPathServers, warmPath } from "./sections/read-path.ts";
import { redisDown } from "./sections/redis-down.ts";
import { scale } from "./sections/scale.ts";
import { sheetsReads } from "./sections/sheets-reads.ts";

const options = benchOptions();
const started = Date.now();
const log = (text: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}`);

const sections: Record<string, SectionResult> = {};
const timings: Record<string, number> = {};
let failure: Error | undefined;

let redis: PrivateRedis | undefined;
let db: BenchDatabase | undefined;
let bench: Bench | undefined;
const shutdown = async () => {
  await bench?.stopAll().catch((error) => log(`stopping servers: ${(error as Error).message}`));
  await db?.drop().catch((error) => log(`dropping ${db?.name}: ${(error as Error).message}`));
  await redis?.stop().catch((error) => log(`stopping redis-server: ${(error as Error).message}`));
};
process.once("SIGINT", () => {
  log("interrupted: cleaning up");
  void shutdown().then(() => process.exit(130));
});

try {
  redis = await PrivateRedis.start();
  db = await createBenchDatabase();
  const demo = await SlowSheets.start();
  const demoRows = demo.emulator.rows();
  await demo.stop();
  bench = new Bench(options, redis, db, demoRows);
  log(`private redis-server on port ${redis.port}, database ${db.name}, key prefix ${bench.prefix("*")}`);

  // A section that fails is reported as failed; the others still run.
  const run = async (id: string, title: string, section: () => Promise<SectionResult>) => {
    if (!options.sections.has(id)) return;
    log(`section ${id}: ${title}`);
    const t = Date.now();
    try {
      sections[id] = await section();
    } catch (error) {
      const message = (error as Error).stack ?? String(error);
      log(`section ${id} FAILED: ${message}`);
      sections[id] = { rows: [{ section: id, figure: title, value: `FAILED: ${(error as Error).message}`.slice(0, 160), met: false }], data: { error: message } };
      failure ??= error as Error;
      await bench!.stopAll(); // whatever it left running
    }
    timings[id] = (Date.now() - t) / 1000;
  };

  if (options.sections.has("1") || options.sections.has("2")) {
    const servers = await startReadPathServers(bench);
    await run("1", "warm page of 100 statuses vs constants, per-key, no cache", () => warmPath(bench!, servers));
    const kurinRps = (sections["1"]?.data.summary as { kurin?: { rps: number } } | undefined)?.kurin?.rps;
    await run("2", "Redis commands and round trips per request; the raw HMGET floor", () => redisRoundTrips(bench!, servers, kurinRps));
    await bench.stop(servers.kurin, servers.constants, servers.perKey, servers.noCache);
    await bench.stopSheets(servers.sheets);
  }
  await run("3", `Sheets reads under ${options.rate}/s for ${options.sustainSeconds} s; cold stampede`, () => sheetsReads(bench!));
  await run("4", "me{loans{book{status}}} with 50 loans", () => loans(bench!));
  await run("5", "catalogues of 200, 2,000 and 10,000 books", () => scale(bench!));
  await run("6", "Redis down: the in-process fallback", () => redisDown(bench!));
  await run("7", "footprint: start-up, server and bot memory, as started in production", () => footprint(bench!, log));
} catch (error) {
  failure = error as Error;
  log(`FAILED: ${failure.stack ?? failure.message}`);
} finally {
  await shutdown();
}

const totalSeconds = (Date.now() - started) / 1000;
const rows = Object.keys(sections)
  .sort()
  .flatMap((id) => sections[id]!.rows);
console.log(table(rows));
console.log(`\npnpm bench took ${Math.round(totalSeconds)} s on ${cpus().length} cores (load average ${loadavg().map((l) => l.toFixed(1)).join(" ")})`);

const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}bench-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(
  file,
  `${JSON.stringify(
    {
      startedAt: new Date(started).toISOString(),
      totalSeconds,
      sectionSeconds: timings,
      options: { ...options, sections: [...options.sections] },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadavgAtEnd: loadavg() },
      code: gitState(),
      rows,
      sections: Object.fromEntries(Object.entries(sections).map(([id, s]) => [id, s.data])),
      error: failure?.message,
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${file}`);
process.exit(failure ? 1 : 0);

function table(rows: Row[]): string {
  const cells = rows.map((r) => [r.section, r.figure, r.value, r.target ?? "", r.met === undefined ? "" : r.met ? "met" : "MISSED"]);
  const header = ["§", "figure", "measured", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

function gitState(): { commit?: string; dirty?: boolean } {
  try {
    const commit = execSync("git rev-parse HEAD", { encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain -- server sheets-emulator", { encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch {
    return {};
  }
}
