import { spawnSync } from "node:child_process";
import { Bench, ms, perSecond, x, type Row, type SectionResult } from "../lib/bench.ts";
import type { ServerProcess } from "../lib/children.ts";
import { graphql, interleaved, load, loadOn, pairedRatio, summarise } from "../lib/load.ts";
import { describeCommands, requestCost } from "../lib/request-cost.ts";
import type { SlowSheets } from "../lib/sheets.ts";

/**
 * Sections 1 and 2: one page of 100 statuses, `books(first: 100) { nodes { id status } }`, on the demo
 * catalogue (304 books), served by kurin with a warm cache and by three baselines on the same stack:
 *   constants  resolvers returning constants: the ceiling of Apollo + type-graphql on this machine;
 *   per-key    the seed's cache-aside, one Redis GET of book:status:{id} per book;
 *   no-cache   every request reads the Sheet (200-500 ms).
 * Then what each request costs Redis, counted by the private Redis itself, and the raw Redis floor.
 */

export const PAGE_QUERY = "{ books(first: 100) { nodes { id status } } }";

export interface ReadPathServers {
  sheets: SlowSheets;
  prefix: string;
  kurin: ServerProcess;
  constants: ServerProcess;
  perKey: ServerProcess;
  noCache: ServerProcess;
}

export async function startReadPathServers(bench: Bench): Promise<ReadPathServers> {
  const sheets = await bench.sheets();
  const prefix = bench.prefix("warm");
  const [kurin, constants, perKey, noCache] = await Promise.all([
    bench.kurin("kurin-warm", sheets, prefix),
    bench.baseline("constants", "baseline-constants", sheets, bench.prefix("constants")),
    bench.baseline("per-key", "baseline-per-key", sheets, bench.prefix("per-key")),
    bench.baseline("no-cache", "baseline-no-cache", sheets, bench.prefix("no-cache")),
  ]);
  return { sheets, prefix, kurin: kurin!, constants: constants!, perKey: perKey!, noCache: noCache! };
}

const cpu = (r: { cpuMsPerRequest?: number }) => r.cpuMsPerRequest ?? NaN;

type Page = { books: { nodes: Array<{ id: string; status: string }> } };

export async function warmPath(bench: Bench, servers: ReadPathServers): Promise<SectionResult> {
  const { seconds, rounds } = bench.options;
  const { kurin, constants, perKey, noCache } = servers;

  // The same answer from every server that reads the catalogue (the constants server makes its statuses up).
  const answers = await Promise.all([kurin, perKey, noCache, constants].map((s) => graphql<Page>(s.url, PAGE_QUERY)));
  const signature = (page: Page) => page.books.nodes.map((n) => `${n.id}:${n.status}`).join(",");
  const sameAnswer = answers.slice(0, 3).every((a) => signature(a) === signature(answers[0]!));
  if (answers.some((a) => a.books.nodes.length !== 100)) throw new Error("a server did not answer 100 books");

  // Warm-up (JIT, connection pools), then the interleaved rounds.
  for (const server of [kurin, constants, perKey]) await load(server.url, PAGE_QUERY, { seconds: 1 });
  const reads = servers.sheets.reads;
  const runs = await interleaved(
    {
      kurin: () => loadOn(kurin, PAGE_QUERY, { seconds }),
      constants: () => loadOn(constants, PAGE_QUERY, { seconds }),
      perKey: () => loadOn(perKey, PAGE_QUERY, { seconds }),
      noCache: () => loadOn(noCache, PAGE_QUERY, { seconds }),
    },
    rounds,
  );
  const sheetsReads = servers.sheets.reads - reads;
  const s = {
    kurin: summarise(runs.kurin),
    constants: summarise(runs.constants),
    perKey: summarise(runs.perKey),
    noCache: summarise(runs.noCache),
  };
  const ratios = {
    kurinToConstants: pairedRatio(runs.kurin, runs.constants),
    kurinOverPerKey: pairedRatio(runs.kurin, runs.perKey),
    kurinOverNoCache: pairedRatio(runs.kurin, runs.noCache),
    constantsOverPerKey: pairedRatio(runs.constants, runs.perKey),
    p50KurinToConstants: pairedRatio(runs.kurin, runs.constants, (r) => Math.max(r.p50, 1)),
    // The same comparisons in server CPU per request (less sensitive to what else the machine runs).
    cpuKurinToConstants: pairedRatio(runs.kurin, runs.constants, cpu),
    cpuKurinToPerKey: pairedRatio(runs.kurin, runs.perKey, cpu),
  };
  const line = (v: ReturnType<typeof summarise>) =>
    `${perSecond(v.rps)}, p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, CPU ${ms(v.cpuMsPerRequest)}/req`;
  const rows: Row[] = [
    { section: "1", figure: "kurin warm: books(first:100){nodes{id status}}", value: line(s.kurin) },
    { section: "1", figure: "(a) constants server (ceiling)", value: line(s.constants) },
    { section: "1", figure: "(b) per-key cache-aside (100 GETs)", value: line(s.perKey) },
    { section: "1", figure: "(c) no cache (Sheet every request)", value: line(s.noCache) },
    { section: "1", figure: "kurin / constants ceiling (req/s)", value: x(ratios.kurinToConstants), target: ">= 0.5x", met: ratios.kurinToConstants >= 0.5 },
    { section: "1", figure: "kurin over per-key (req/s)", value: x(ratios.kurinOverPerKey), target: ">= 5x", met: ratios.kurinOverPerKey >= 5 },
    { section: "1", figure: "kurin over no cache (req/s)", value: x(ratios.kurinOverNoCache, 0) },
    { section: "1", figure: "ceiling over per-key (most any cache could gain)", value: x(ratios.constantsOverPerKey) },
    {
      section: "1",
      figure: "server CPU per request: kurin / constants, kurin / per-key",
      value: `${x(ratios.cpuKurinToConstants)}, ${x(ratios.cpuKurinToPerKey)}`,
    },
  ];
  if (!sameAnswer) rows.push({ section: "1", figure: "kurin, per-key and no-cache answer the same page", value: "NO: see the JSON", met: false });
  const failures = Object.values(s).reduce((n, v) => n + v.failures, 0);
  if (failures > 0) rows.push({ section: "1", figure: "failed requests (errors, timeouts, non-2xx)", value: String(failures) });
  return {
    rows,
    data: { query: PAGE_QUERY, connections: 10, seconds, rounds, sameAnswer, sheetsReadsDuringRuns: sheetsReads, summary: s, ratios },
  };
}

/** `kurinRps`: kurin's warm requests/s from section 1, to set against the raw floor. */
export async function redisRoundTrips(bench: Bench, servers: ReadPathServers, kurinRps = NaN): Promise<SectionResult> {
  const redis = bench.redis;
  const requests = 300;

  // What a page costs Redis, counted by the private Redis (see lib/request-cost.ts).
  const kurinRoundTrips0 = await servers.kurin.call<{ roundTrips: number }>("stats");
  const kurin = await requestCost({ redis, url: servers.kurin.url, query: PAGE_QUERY, requests });
  const kurinRoundTrips1 = await servers.kurin.call<{ roundTrips: number }>("stats");
  const perKey = await requestCost({ redis, url: servers.perKey.url, query: PAGE_QUERY, requests });

  // The physical floor: the one command kurin sends per page, HMGET of 100 fields of books:all, from an
  // ioredis loop (1 and 10 in flight) and from redis-benchmark (10 clients).
  const key = `${servers.prefix}books:all`;
  const ids = (await graphql<Page>(servers.kurin.url, PAGE_QUERY)).books.nodes.map((n) => n.id);
  const client = redis.client;
  if ((await client.hlen(key)) === 0) throw new Error(`${key} is empty: kurin did not fill the cache`);
  const loop = async (inFlight: number, forMs: number) => {
    let done = 0;
    const end = performance.now() + forMs;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < end) {
          await client.hmget(key, ...ids);
          done++;
        }
      }),
    );
    return done / (forMs / 1000);
  };
  await loop(1, 300);
  const hmget1 = await loop(1, 2000);
  const hmget10 = await loop(10, 2000);
  const benchmark = redisBenchmark(redis.port, key, ids);

  const rows: Row[] = [
    {
      section: "2",
      figure: "kurin: Redis round trips per request",
      value: String(kurin.redisRoundTripsPerRequest),
      target: "1",
      met: Math.abs(kurin.redisRoundTripsPerRequest - 1) < 0.05,
    },
    { section: "2", figure: "kurin: Redis commands per request", value: describeCommands(kurin.redisCommands) },
    { section: "2", figure: "kurin: background Redis commands/s (idle)", value: String(kurin.backgroundRedisCommandsPerSecond) },
    {
      section: "2",
      figure: "per-key: round trips / commands per request",
      value: `${perKey.redisRoundTripsPerRequest} / ${describeCommands(perKey.redisCommands)}`,
    },
    { section: "2", figure: "raw HMGET 100 fields, ioredis, 1 in flight", value: perSecond(hmget1) },
    { section: "2", figure: "raw HMGET 100 fields, ioredis, 10 in flight", value: perSecond(hmget10) },
    { section: "2", figure: "raw HMGET 100 fields, redis-benchmark -c 10", value: benchmark ? perSecond(benchmark) : "redis-benchmark not found" },
  ];
  if (Number.isFinite(kurinRps)) {
    rows.push({ section: "2", figure: "kurin req/s / raw HMGET (10 in flight)", value: x(kurinRps / hmget10, 3) });
  }
  return {
    rows,
    data: {
      requestsMeasured: requests,
      // kurin's own count of BookCache's roundTrip events over the same window (background included), as a cross-check
      kurin: { ...kurin, ownRoundTripCounter: (kurinRoundTrips1.roundTrips - kurinRoundTrips0.roundTrips) / kurin.requests },
      perKey,
      floor: { key, fields: ids.length, ioredisOneInFlight: hmget1, ioredisTenInFlight: hmget10, redisBenchmark: benchmark },
    },
  };
}

function redisBenchmark(port: number, key: string, fields: string[]): number | undefined {
  const result = spawnSync("redis-benchmark", ["-h", "127.0.0.1", "-p", String(port), "-c", "10", "-n", "20000", "--csv", "HMGET", key, ...fields], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) return undefined;
  // --csv: a header line ("test","rps",...) then "HMGET ...","12345.67",...
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  const rps = Number(/^"[^"]*","([\d.]+)"/.exec(line)?.[1]);
  return Number.isFinite(rps) ? rps : undefined;
}

