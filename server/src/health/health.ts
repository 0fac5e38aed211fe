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
  catalogue: { books: number | null; lastReadAt: string | null };
}

export interface HealthDeps {
  cache: BookCache;
  pingDatabase: () => Promise<void>;
  catalogue: SheetCatalogue;
  timeoutMs?: number;
}

export function createHealthCheck({ cache, pingDatabase, catalogue, timeoutMs = 1000 }: HealthDeps): () => Promise<HealthReport> {
  let sheets = "not read yet";
  let books: number | null = null;
  let lastReadAt: string | null = null;
  catalogue.on("read", (event) => {
    sheets = "ok";
    books = event.books;
    lastReadAt = new Date().toISOString();
  });
  catalogue.on("write", () => (sheets = "ok"));
  catalogue.on("failure", ({ error }) => (sheets = error.message));

  return async () => {
    const [redis, database] = await Promise.all([check(() => cache.ping(), timeoutMs), check(pingDatabase, timeoutMs)]);
    const healthy = redis === "ok" && database === "ok" && (sheets === "ok" || sheets === "not read yet");
    return { status: healthy ? "ok" : "degraded", redis, database, sheets, catalogue: { books, lastReadAt } };
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
