import type { Redis } from "ioredis";
import { pino } from "pino";
import { connectRedis, createRedis, describeRedis } from "../cache/redis-client.ts";
import { NO_CONFIGURATION } from "./check-config.ts";
import type { DoctorContext } from "./context.ts";
import { fail, messageOf, ok, skip, type Outcome } from "./outcome.ts";

/**
 * Redis as kurin connects to it (cache/redis-client.ts): answers, how fast, which version, and whether its
 * eviction policy would throw the catalogue out. kurin keeps the catalogue, locks and counters there; a policy
 * that evicts any key under memory pressure (allkeys-*) drops them at random.
 */

const PINGS = 5;
// ioredis 6, kurin's client, speaks RESP3 and needs Redis 6.2 or newer.
const OLDEST = [6, 2];
const SAFE_POLICY = /^(noeviction|volatile-.+)$/;

export async function checkRedis(ctx: DoctorContext): Promise<Outcome[]> {
  if (!ctx.config) return [skip("Redis", NO_CONFIGURATION)];
  const settings = ctx.config.redis;
  const subject = `Redis ${describeRedis(settings)}`;
  const redis = createRedis(settings, pino({ level: "silent" }));
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => (lastError ??= error));
  try {
    if (!(await connectRedis(redis))) {
      const reason = messageOf(lastError ?? new Error("no answer"), [settings.password]);
      const auth = /NOAUTH|WRONGPASS|invalid password/i.test(reason);
      const fix = auth
        ? "set REDIS_PASSWORD (or the password in REDIS_URL) to Redis's password"
        : settings.sentinel
          ? "check REDIS_SENTINELS (the sentinels' host:port) and REDIS_SENTINEL_NAME (the name in their `sentinel monitor` line); without a primary kurin serves degraded, without the shared cache"
          : "start Redis there (redis-server), or set REDIS_URL (or REDIS_HOST and REDIS_PORT) to where it runs; without it kurin serves degraded, without the shared cache";
      return [fail(subject, `does not answer (${reason})`, fix)];
    }
    return [await inspect(redis, subject)];
  } catch (error) {
    return [fail(subject, `answered with an error: ${messageOf(error, [settings.password])}`, "check that this is a Redis server kurin may use (REDIS_URL)")];
  } finally {
    redis.disconnect();
  }
}

async function inspect(redis: Redis, subject: string): Promise<Outcome> {
  const latencies: number[] = [];
  for (let i = 0; i < PINGS; i++) {
    const started = performance.now();
    await redis.ping();
    latencies.push(performance.now() - started);
  }
  const ping = latencies.sort((a, b) => a - b)[Math.floor(PINGS / 2)]!;
  const info = parseInfo(`${await redis.info("server")}\n${await redis.info("memory")}`);
  const version = info.get("redis_version") ?? "?";
  const policy = info.get("maxmemory_policy") ?? "?";
  const maxmemory = Number(info.get("maxmemory") ?? 0);
  const limit = maxmemory > 0 ? `maxmemory ${Math.round(maxmemory / 1024 / 1024)} MB` : "no memory limit";
  const summary = `Redis ${version}, ping ${ping.toFixed(1)} ms (median of ${PINGS}), maxmemory-policy ${policy} (${limit})`;
  if (olderThan(version, OLDEST)) return fail(subject, summary, `upgrade Redis to ${OLDEST.join(".")} or newer (kurin's client needs it)`);
  if (!SAFE_POLICY.test(policy)) {
    return fail(
      subject,
      `${summary}: under memory pressure Redis would evict the catalogue, locks and counters`,
      "redis-cli CONFIG SET maxmemory-policy noeviction (and put maxmemory-policy noeviction in redis.conf to keep it after a restart)",
    );
  }
  return ok(subject, summary);
}

function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) fields.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return fields;
}

function olderThan(version: string, oldest: number[]): boolean {
  const parts = version.split(".").map(Number);
  for (let i = 0; i < oldest.length; i++) {
    if ((parts[i] ?? 0) !== oldest[i]) return (parts[i] ?? 0) < oldest[i]!;
  }
  return false;
}
