import { int } from "./config-values.ts";

/**
 * What kurin does when MySQL does not answer (a restart, a network cut). Part of config.ts's schema.
 *
 * A request for a connection waits at most DATABASE_ACQUIRE_TIMEOUT_MS (the driver's default is 10 s, long
 * enough for a reader's Telegram client to give up); once the database has failed to answer, every query is
 * refused at once for DATABASE_RETRY_AFTER_MS, then one query tries again. Tokens and readers seen in the last
 * AUTH_OUTAGE_GRACE_SECONDS stay honoured while the database is away, so browsing with a token keeps working.
 */

export const databaseEnv = {
  DATABASE_ACQUIRE_TIMEOUT_MS: int(1000, 100, 60_000),
  DATABASE_RETRY_AFTER_MS: int(2000, 100, 600_000),
  AUTH_OUTAGE_GRACE_SECONDS: int(600, 0, 7 * 24 * 3600),
};

export interface DatabaseSettings {
  /** How long a query waits for a connection from the pool (its connect timeout is at most this). */
  acquireTimeoutMs: number;
  /** After the database failed to answer: how long queries are refused at once before one tries again. */
  retryAfterMs: number;
  /** How long a token or reader verified before is honoured while the database cannot be asked. */
  authGraceSeconds: number;
}

interface DatabaseEnv {
  DATABASE_ACQUIRE_TIMEOUT_MS: number;
  DATABASE_RETRY_AFTER_MS: number;
  AUTH_OUTAGE_GRACE_SECONDS: number;
}

export function databaseSettings(e: DatabaseEnv): DatabaseSettings {
  return { acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS, retryAfterMs: e.DATABASE_RETRY_AFTER_MS, authGraceSeconds: e.AUTH_OUTAGE_GRACE_SECONDS };
}
