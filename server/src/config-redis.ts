import { z } from "zod";
import { optionalText, text, unset } from "./config-values.ts";

/**
 * Where kurin's Redis is: one server (REDIS_URL, or host/port/db/password in config.ts), or a primary watched by
 * Redis Sentinel. With REDIS_SENTINELS set, every connection kurin makes asks the sentinels for the current
 * primary (ioredis' own Sentinel support) and follows a failover by itself. Part of config.ts's schema.
 */

// host:port, or [v6 address]:port
const SENTINEL = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/;

export const redisSentinelEnv = {
  // Sentinels to ask for the primary, comma-separated: "10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379".
  REDIS_SENTINELS: z.preprocess(
    unset,
    z
      .string()
      .transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""))
      .refine((list) => list.length > 0 && list.every((s) => SENTINEL.test(s) && Number(SENTINEL.exec(s)![2]) <= 65535), {
        message: "expected host:port of each sentinel, comma-separated, e.g. 10.0.0.1:26379,10.0.0.2:26379",
      })
      .transform((list) => list.map((s) => ({ host: SENTINEL.exec(s)![1]!.replace(/^\[|\]$/g, ""), port: Number(SENTINEL.exec(s)![2]) })))
      .optional(),
  ),
  // The name the sentinels monitor the primary under (`sentinel monitor <name> ...`).
  REDIS_SENTINEL_NAME: text("mymaster"),
  // The sentinels' own password (`requirepass` in sentinel.conf), when they have one. REDIS_PASSWORD is the data nodes'.
  REDIS_SENTINEL_PASSWORD: optionalText(),
};

export interface SentinelSettings {
  sentinels: Array<{ host: string; port: number }>;
  /** The monitored primary's name. */
  name: string;
  password?: string;
}

export interface RedisSettings {
  url?: string;
  host: string;
  port: number;
  db: number;
  password?: string;
  /** Set: the primary is found through these sentinels (url, host and port are not used). */
  sentinel?: SentinelSettings;
  keyPrefix: string;
  ttlSeconds: number;
  graceSeconds: number;
  versionCheckMs: number;
  commandTimeoutMs: number;
  breakerFailures: number;
  breakerHalfOpenMs: number;
}

export function sentinelSettings(e: {
  REDIS_URL?: string;
  REDIS_SENTINELS?: SentinelSettings["sentinels"];
  REDIS_SENTINEL_NAME: string;
  REDIS_SENTINEL_PASSWORD?: string;
}): SentinelSettings | undefined {
  if (!e.REDIS_SENTINELS) return undefined;
  return { sentinels: e.REDIS_SENTINELS, name: e.REDIS_SENTINEL_NAME, password: e.REDIS_SENTINEL_PASSWORD };
}

/** A REDIS_URL names one server: with sentinels too, which one kurin should use would be a guess. */
export function sentinelConflict(e: { REDIS_URL?: string; REDIS_SENTINELS?: unknown }): string | undefined {
  if (e.REDIS_URL && e.REDIS_SENTINELS) {
    return "Invalid configuration: REDIS_SENTINELS: set either REDIS_URL (one Redis server) or REDIS_SENTINELS (a primary found through Sentinel), not both";
  }
  return undefined;
}
