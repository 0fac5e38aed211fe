import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.ts";
import { runBot } from "./run.ts";

// The bot on its own (docker compose's bot service); `pnpm start` of the server runs it in-process instead.
for (const file of [".env", "../.env"]) if (existsSync(file)) process.loadEnvFile(file);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

try {
  const running = await runBot(config);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`[bot] ${signal}: stopping`);
      void running.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(`[bot] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
