import { existsSync } from "node:fs";
import { startKurin } from "./app/start.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startTelegramBot } from "./telegram/bot-start.ts";

// `pnpm start`: read .env if there is one, validate the configuration, start, stop cleanly on a signal.
for (const file of [".env", "../.env"]) if (existsSync(file)) process.loadEnvFile(file);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
try {
  const kurin = await startKurin(config, logger);
  logger.info(`kurin is serving GraphQL at ${kurin.url}/graphql, the dashboard at ${kurin.url}/ (health: ${kurin.url}/health)`);
  const bot = await startTelegramBot(config, { url: kurin.url, tokens: kurin.auth.tokens, logger });
  let stopping = false;
  const shutdown = async (signal: string) => {
    // A second signal while stopping ends the process at once (an operator's second Ctrl-C).
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "stopping");
    await bot?.stop();
    await kurin.stop();
    logger.info("stopped");
    process.exit(0);
  };
  // `on`, not `once`: a second signal must reach the guard above.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
} catch (error) {
  logger.fatal({ err: error }, `kurin could not start: ${(error as Error).message}`);
  process.exit(1);
}
