import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import type { RedisSettings } from "../config.ts";

/** The part of the settings that says where Redis is. */
export type RedisAddress = Pick<RedisSettings, "url" | "host" | "port" | "db" | "password" | "sentinel">;

/**
 * A connection to kurin's Redis with these options: to the URL, the host and port, or to whichever server the
 * sentinels name as primary now. Under Sentinel ioredis asks the sentinels again on every reconnect, listens for
 * their `+switch-master` (failoverDetector) and checks the server's role, so a failover needs no restart. Tools
 * and tests that need a connection of their own build it here too, so they reach the same Redis.
 */
export function redisConnection(address: RedisAddress, options: RedisOptions = {}): Redis {
  if (address.sentinel) {
    const { sentinels, name, password: sentinelPassword } = address.sentinel;
    return new Redis({
      ...options,
      sentinels,
      name,
      sentinelPassword,
      password: address.password,
      db: address.db,
      failoverDetector: true,
      // Sentinels that do not answer are not waited for long: the next one in the list is asked.
      sentinelCommandTimeout: options.connectTimeout,
      // A former primary that comes back is turned into a replica: commands it refuses send us to the new one.
      reconnectOnError: (error) => error.message.startsWith("READONLY"),
    });
  }
  if (address.url) return new Redis(address.url, options);
  return new Redis({ ...options, host: address.host, port: address.port, db: address.db, password: address.password });
}

/**
 * A Redis connection that never makes a reader wait for Redis: commands fail at once while it is down
 * (no offline queue) or after a short timeout, and it keeps reconnecting in the background. State changes
 * are logged once each, not per request.
 */
export function createRedis(settings: RedisSettings, logger: Logger, { quiet = false } = {}): Redis {
  const options = {
    lazyConnect: !quiet,
    // A subscriber (quiet) may queue its SUBSCRIBE until connected; request-path clients must not wait.
    enableOfflineQueue: quiet,
    maxRetriesPerRequest: quiet ? null : 0,
    commandTimeout: settings.commandTimeoutMs || undefined,
    connectTimeout: Math.max(1000, settings.commandTimeoutMs * 2),
    retryStrategy: (attempt: number) => Math.min(attempt * 250, 5000),
  };
  const redis = redisConnection(settings, options);

  if (quiet) {
    redis.on("error", () => undefined); // the main connection reports outages
    return redis;
  }
  // One line per change of state, whichever event (error or close) reports the loss first.
  let up: boolean | undefined;
  const down = (reason: string) => {
    if (up !== false) logger.warn({ redis: describeRedis(settings), err: reason }, "Redis unavailable: serving degraded, without the shared cache");
    up = false;
  };
  redis.on("ready", () => {
    if (up !== true) logger.info({ redis: describeRedis(settings) }, "Redis connected: serving from the cache");
    up = true;
  });
  redis.on("error", (error: Error) => down(error.message));
  redis.on("close", () => {
    if (up === true) down("connection closed");
  });
  return redis;
}

/**
 * Connects, or leaves it reconnecting in the background: kurin serves without Redis. The first error decides,
 * because under Sentinel connect() does not settle while no sentinel names a primary (it keeps asking them).
 */
export async function connectRedis(redis: Redis): Promise<boolean> {
  let failed: () => void = () => undefined;
  const firstError = new Promise<boolean>((resolve) => (failed = () => resolve(false)));
  redis.once("error", failed);
  try {
    return await Promise.race([redis.connect().then(() => true, () => false), firstError]);
  } finally {
    redis.off("error", failed);
  }
}

/** Where Redis is, for logs and the doctor, without its password. */
export function describeRedis(settings: RedisAddress): string {
  if (settings.sentinel) return `sentinel ${settings.sentinel.name}@${settings.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(",")}`;
  if (settings.url) return settings.url.replace(/\/\/[^@/]*@/, "//***@");
  return `${settings.host}:${settings.port}/${settings.db}`;
}
