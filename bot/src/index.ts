/** What the server's `pnpm start` needs to run the bot in its own process. */
export { loadConfig, ConfigError, type BotConfig } from "./config.ts";
export { runBot, type RunningBot, type RunOptions } from "./run.ts";
