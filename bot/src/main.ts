import { KurinApi } from "./api.ts";
import { createBot } from "./bot.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { commandMenu } from "./texts.ts";

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const api = new KurinApi(config.apiUrl);
const bot = createBot({ token: config.token, api, telegramApiRoot: config.telegramApiRoot });

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[bot] ${signal}: stopping`);
    bot.stop(signal);
  });
}

try {
  // launch() resolves only when polling stops; the callback runs once polling has started.
  await bot.launch(() => {
    console.log(`[bot] @${bot.botInfo?.username ?? "?"} is polling; kurin API at ${config.apiUrl}`);
    bot.telegram.setMyCommands([...commandMenu]).catch((error: unknown) => console.warn("[bot] setMyCommands failed:", error));
  });
  console.log("[bot] stopped");
} catch (error) {
  console.error(`[bot] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
