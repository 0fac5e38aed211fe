import { load } from "./load.ts";
import { infoDelta, type PrivateRedis } from "./redis-server.ts";
import type { SqlCounter } from "./sql-counter.ts";

/**
 * What one request costs the stores, counted by them (never by the server under test): Redis commands and
 * round trips from INFO on the private Redis, SQL statements from the counting proxy. Requests go one at a time,
 * so one socket read on the Redis server is one round trip. The instance's background work (version check,
 * stats flush, polls, repairs) is measured over an idle window just before, and subtracted at its rate.
 */

export interface RequestCost {
  requests: number;
  /** per request, by command name */
  redisCommands: Record<string, number>;
  redisCommandsPerRequest: number;
  redisRoundTripsPerRequest: number;
  backgroundRedisCommandsPerSecond: number;
  sqlStatementsPerRequest?: number;
  backgroundSqlStatementsPerSecond?: number;
}

export async function requestCost(options: {
  redis: PrivateRedis;
  sql?: SqlCounter;
  url: string;
  query: string;
  headers?: Record<string, string>;
  requests: number;
  idleMs?: number;
}): Promise<RequestCost> {
  const { redis, sql } = options;
  const idleMs = options.idleMs ?? 2000;

  const idleStart = await redis.info();
  const idleSql = sql?.statements ?? 0;
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const idle = infoDelta(idleStart, await redis.info());
  const idleStatements = (sql?.statements ?? 0) - idleSql;

  const before = await redis.info();
  const sqlBefore = sql?.statements ?? 0;
  const started = performance.now();
  const run = await load(options.url, options.query, { connections: 1, amount: options.requests, headers: options.headers });
  const elapsedMs = performance.now() - started;
  const delta = infoDelta(before, await redis.info());
  const statements = (sql?.statements ?? 0) - sqlBefore;
  if (run.requests !== options.requests) throw new Error(`${run.requests} of ${options.requests} requests answered 2xx`);

  const scale = elapsedMs / idleMs;
  const redisCommands: Record<string, number> = {};
  for (const [name, calls] of Object.entries(delta.commands)) {
    const net = (calls - (idle.commands[name] ?? 0) * scale) / run.requests;
    if (net > 0.005) redisCommands[name] = round(net);
  }
  const cost: RequestCost = {
    requests: run.requests,
    redisCommands,
    redisCommandsPerRequest: round(Object.values(redisCommands).reduce((a, b) => a + b, 0)),
    redisRoundTripsPerRequest: round((delta.readsProcessed - idle.readsProcessed * scale) / run.requests),
    backgroundRedisCommandsPerSecond: round(Object.values(idle.commands).reduce((a, b) => a + b, 0) / (idleMs / 1000)),
  };
  if (sql) {
    cost.sqlStatementsPerRequest = round(Math.max(0, statements - idleStatements * scale) / run.requests);
    cost.backgroundSqlStatementsPerSecond = round(idleStatements / (idleMs / 1000));
  }
  return cost;
}

/** "1 HMGET + 0.01 HINCRBY" */
export function describeCommands(commands: Record<string, number>): string {
  const entries = Object.entries(commands).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return "0";
  return entries.map(([name, n]) => `${n} ${name.toUpperCase()}`).join(" + ");
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
