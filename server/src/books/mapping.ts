import { createHash } from "node:crypto";
import type { BookCache } from "../cache/book-cache.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { SheetsSettings } from "../config.ts";

/**
 * The cached catalogue is only as right as the column headers and status words it was read with. A library that
 * changes them (SHEET_COLUMN_*, SHEET_STATUS_*) and restarts must not be served the old mapping's statuses from
 * Redis until someone presses refresh: a fingerprint of the mapping is stored beside the cache, and a start-up
 * that finds another one reads the Sheet again.
 */

export function mappingFingerprint(sheets: Pick<SheetsSettings, "columns" | "statusWords">): string {
  const { columns, statusWords } = sheets;
  const canonical = JSON.stringify([Object.entries(columns).sort(), Object.entries(statusWords).sort()]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/** How old a cached catalogue may be to be trusted at start-up: as usual, or not at all if the mapping changed. */
export async function trustedCacheAge(cache: BookCache, guard: RedisGuard, fingerprint: string, ttlMs: number): Promise<number> {
  // Redis down: there is no cached catalogue to distrust.
  const stored = await guard.tryRedis(() => cache.mapping(), () => fingerprint);
  return stored === fingerprint ? ttlMs : 0;
}
