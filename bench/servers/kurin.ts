import type * as Start from "../../server/src/app/start.ts";
import type * as Config from "../../server/src/config.ts";
import type * as Logger from "../../server/src/logger.ts";
import { failStart, serveParent } from "./ipc.ts";

/**
 * One kurin instance, started exactly as `pnpm start` starts it (startKurin), configured by the environment the
 * parent passes. BENCH_WARM=0 starts it cold (no read of the Sheet before listening).
 * It runs the compiled server (`pnpm build`) with plain node: the parent transpiles this file and ipc.ts to
 * JavaScript (lib/children.ts) and names the server's dist/ folder in KURIN_SERVER_DIST.
 */
try {
  const dist = process.env.KURIN_SERVER_DIST;
  if (!dist) throw new Error("KURIN_SERVER_DIST is not set");
  const { startKurin } = (await import(`${dist}/app/start.js`)) as typeof Start;
  const { loadConfig } = (await import(`${dist}/config.js`)) as typeof Config;
  const { createLogger } = (await import(`${dist}/logger.js`)) as typeof Logger;
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const kurin = await startKurin(config, logger, { warm: process.env.BENCH_WARM !== "0" });

  // The parts of a refresh, from the catalogue's own event: the Sheets call with mapping, then the cache fill.
  let sheetMs = NaN;
  kurin.catalogue.on("read", (read) => (sheetMs = read.durationMs));
  // The cache's own count of Redis round trips, as a cross-check of what the bench sees from Redis.
  let roundTrips = 0;
  kurin.cache.on("roundTrip", () => void roundTrips++);

  serveParent(
    kurin.url,
    {
      stats: (options) => {
        if ((options as { gc?: boolean } | undefined)?.gc) (globalThis as { gc?: () => void }).gc?.();
        return { roundTrips, memory: process.memoryUsage() };
      },
      refresh: async () => {
        sheetMs = NaN;
        const started = performance.now();
        // refresh() answers the number of books, or (since the issue 4 work) an outcome that holds it.
        const outcome: unknown = await kurin.books.refresh();
        const totalMs = performance.now() - started;
        const books = typeof outcome === "number" ? outcome : (outcome as { books?: number }).books;
        return { books, totalMs, sheetMs, outcome };
      },
    },
    () => kurin.stop(),
  );
} catch (error) {
  failStart(error);
}
