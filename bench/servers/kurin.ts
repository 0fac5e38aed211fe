import { startKurin } from "../../server/src/app/start.ts";
import { loadConfig } from "../../server/src/config.ts";
import { createLogger } from "../../server/src/logger.ts";
import { failStart, serveParent } from "./ipc.ts";

/**
 * One kurin instance, started exactly as `pnpm start` starts it (startKurin), configured by the environment the
 * parent passes. BENCH_WARM=0 starts it cold (no read of the Sheet before listening).
 */
try {
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
