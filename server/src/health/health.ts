import type { BookService } from "../books/book-service.ts";
import type { BookCache } from "../cache/book-cache.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";

/**
 * GET /health: each part answers "ok" or what is wrong. Redis and the database are asked (with a short
 * timeout); the Sheet is NOT read for a health check (reads are rationed by Google), its last outcome is
 * reported instead.
 */

export interface HealthReport {
  status: "ok" | "degraded";
  redis: string;
  database: string;
  sheets: string;
  catalogue: { books: number; readAt: string | null; stale: boolean };
}

export interface HealthDeps {
  cache: BookCache;
  pingDatabase: () => Promise<void>;
  catalogue: SheetCatalogue;
  books: BookService;
  timeoutMs?: number;
}

export function createHealthCheck({ cache, pingDatabase, catalogue, books, timeoutMs = 1000 }: HealthDeps): () => Promise<HealthReport> {
  // The outcome of this instance's last Sheets call; none yet is fine while the catalogue is fresh (another
  // instance read it, or this one adopted it from Redis).
  let lastCall: string | undefined;
  // A Sheet without a column kurin writes reads fine but cannot take every step: degraded, saying which.
  catalogue.on("read", ({ missingWritable }) => {
    lastCall = missingWritable.length === 0 ? "ok" : `the Sheet has no column ${missingWritable.map((c) => `"${c}"`).join(", ")}: pickups cannot be recorded`;
  });
  catalogue.on("write", () => (lastCall = "ok"));
  catalogue.on("failure", ({ error }) => (lastCall = error.message));

  return async () => {
    const [redis, database] = await Promise.all([check(() => cache.ping(), timeoutMs), check(pingDatabase, timeoutMs)]);
    const freshness = books.catalogueFreshness();
    const sheets = lastCall ?? (freshness.stale ? "not read yet" : "ok");
    const healthy = redis === "ok" && database === "ok" && sheets === "ok";
    return {
      status: healthy ? "ok" : "degraded",
      redis,
      database,
      sheets,
      catalogue: { books: freshness.books, readAt: freshness.readAt?.toISOString() ?? null, stale: freshness.stale },
    };
  };
}

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return "ok";
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    clearTimeout(timer);
  }
}
