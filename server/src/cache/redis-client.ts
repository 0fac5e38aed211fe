import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { RedisSettings } from "../config.ts";

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
  const redis = settings.url
    ? new Redis(settings.url, options)
    : new Redis({ ...options, host: settings.host, port: settings.port, db: settings.db, password: settings.password });

  if (quiet) {
    redis.on("error", () => undefined); // the main connection reports outages
    return redis;
  }
  // One line per change of state, whichever event (error or close) reports the loss first.
  let up: boolean | undefined;
  const down = (reason: string) => {
    if (up !== false) logger.warn({ redis: describe(settings), err: reason }, "Redis unavailable: serving degraded, without the shared cache");
    up = false;
  };
  redis.on("ready", () => {
    if (up !== true) logger.info({ redis: describe(settings) }, "Redis connected: serving from the cache");
    up = true;
  });
  redis.on("error", (error: Error) => down(error.message));
  redis.on("close", () => {
    if (up === true) down("connection closed");
  });
  return redis;
}

/** Connects, or leaves it reconnecting in the background: kurin serves without Redis. */
export async function connectRedis(redis: Redis): Promise<boolean> {
  try {
    await redis.connect();
    return true;
  } catch {
    return false;
  }
}

function describe(settings: RedisSettings): string {
  if (settings.url) return settings.url.replace(/\/\/[^@/]*@/, "//***@");
  return `${settings.host}:${settings.port}/${settings.db}`;
}
