import { loadConfig } from "../../bot/src/config.ts";
import { runBot } from "../../bot/src/run.ts";
import { failStart, serveParent } from "./ipc.ts";

/**
 * The Telegram bot, started as its own process the way bot/src/main.ts starts it (runBot with the configuration
 * from the environment the parent passes: the loopback Bot API, the kurin to ask, its BOT token). It answers the
 * parent's stats (its memory) and stop.
 */
try {
  const config = loadConfig(process.env);
  const running = await runBot(config, { log: () => undefined });
  serveParent(config.apiUrl, { stats: () => ({ memory: process.memoryUsage() }) }, () => running.stop());
} catch (error) {
  failStart(error);
}
