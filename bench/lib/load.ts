import autocannon, { type Result } from "autocannon";

/**
 * Load over HTTP on loopback with autocannon: a GraphQL POST, closed loop (a fixed number of connections, each
 * sending its next request when the last answered) or open loop (a fixed rate). Every run is bounded in time or
 * in count. A run answers requests/s and latency percentiles in milliseconds (autocannon's histogram has 1 ms
 * resolution, so sub-millisecond medians read 0 or 1).
 */

export interface LoadOptions {
  connections?: number;
  /** seconds; ignored when amount is set */
  seconds?: number;
  /** stop after this many requests */
  amount?: number;
  /** requests per second over all connections (open loop) */
  rate?: number;
  /** extra request headers (authorization, ...) */
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  /** mean latency, ms (not rounded to the histogram's 1 ms) */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** connection errors, timeouts and non-2xx answers */
  failures: number;
  /** CPU the server process spent per request (ms), when the run was made with loadOn */
  cpuMsPerRequest?: number;
}

/** Runs one load; `query` is a GraphQL document, or several to send in turn. */
export async function load(url: string, query: string | string[], options: LoadOptions = {}): Promise<LoadResult> {
  const bodies = (Array.isArray(query) ? query : [query]).map((q) => JSON.stringify({ query: q }));
  let next = 0;
  const result: Result = await autocannon({
    url: `${url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: bodies[0],
    requests:
      bodies.length > 1 ? [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }] : undefined,
    connections: options.connections ?? 10,
    duration: options.seconds ?? 3,
    amount: options.amount,
    overallRate: options.rate,
    timeout: 20,
  });
  return {
    requests: result["2xx"],
    seconds: result.duration,
    rps: result["2xx"] / result.duration,
    mean: result.latency.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** load() against a server process, also measuring the CPU it spent per request (from /proc). */
export async function loadOn(
  server: { url: string; cpuMs(): number },
  query: string | string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const before = server.cpuMs();
  const result = await load(server.url, query, options);
  return { ...result, cpuMsPerRequest: (server.cpuMs() - before) / Math.max(1, result.requests) };
}

/** One GraphQL request; throws unless it answers data without errors. */
export async function graphql<T = unknown>(url: string, query: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!response.ok || body.errors || body.data === undefined) {
    throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return body.data;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs every variant once per round, round after round (a, b, c, a, b, c, ...), so slow drifts of a shared,
 * noisy machine hit all variants alike. Answers each variant's runs.
 */
export async function interleaved<K extends string>(
  variants: Record<K, () => Promise<LoadResult>>,
  rounds: number,
): Promise<Record<K, LoadResult[]>> {
  const names = Object.keys(variants) as K[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as LoadResult[]])) as unknown as Record<K, LoadResult[]>;
  for (let round = 0; round < rounds; round++) {
    // Alternate the order too, so no variant always runs right after the same neighbour.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) runs[name].push(await variants[name]());
  }
  return runs;
}

/** A variant's runs in one figure: medians of requests/s and of the percentiles. */
export interface Summary {
  rps: number;
  /** median CPU ms per request of the server, when measured */
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  runs: LoadResult[];
}

export function summarise(runs: LoadResult[]): Summary {
  return {
    rps: median(runs.map((r) => r.rps)),
    cpuMsPerRequest: median(runs.map((r) => r.cpuMsPerRequest ?? NaN)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    runs,
  };
}

/** The median over rounds of a/b measured in the same round: robust to drift between rounds. */
export function pairedRatio(a: LoadResult[], b: LoadResult[], figure: (r: LoadResult) => number = (r) => r.rps): number {
  return median(a.map((run, i) => figure(run) / figure(b[i]!)));
}
