import type { ApiTokens } from "../auth/tokens.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";

/**
 * `pnpm start` runs the Telegram bot (bot/) in the server's process when TELEGRAM_BOT_TOKEN is set, with an API
 * token of role BOT it makes itself at each start: nobody has to create one by hand. The previous tokens made
 * this way are revoked (only the hash is kept, so an old one could not be reused anyway). Without the token,
 * one log line says how to turn the bot on.
 */

const TOKEN_PREFIX = "telegram-bot-auto-";

export interface StartedBot {
  stop(): Promise<void>;
}

export async function startTelegramBot(
  config: Config,
  parts: { url: string; tokens: ApiTokens; logger: Logger; env?: Record<string, string | undefined> },
): Promise<StartedBot | undefined> {
  const { logger } = parts;
  if (!config.telegram.botToken) {
    logger.info('Telegram bot off: set TELEGRAM_BOT_TOKEN (the token from @BotFather) and start again to run it with the server (README, "The Telegram bot")');
    return undefined;
  }
  const token = await issueBotToken(parts.tokens);
  // Loaded only when wanted: a server without the bot never loads Telegraf.
  const { loadConfig, runBot } = await import("@kurin/bot");
  const botConfig = loadConfig({
    ...(parts.env ?? process.env),
    TELEGRAM_BOT_TOKEN: config.telegram.botToken,
    TELEGRAM_API_ROOT: config.telegram.apiRoot,
    KURIN_API_URL: `${parts.url}/graphql`,
    KURIN_API_TOKEN: token,
  });
  const bot = logger.child({ part: "telegram-bot" });
  return runBot(botConfig, { log: (message) => bot.info(message), logError: (message, error) => bot.error({ err: error }, message) });
}

async function issueBotToken(tokens: ApiTokens): Promise<string> {
  const now = new Date();
  for (const old of await tokens.list()) if (old.name.startsWith(TOKEN_PREFIX) && old.revokedAt === null) await tokens.revoke(old.name, now);
  const stamp = now.toISOString().replace(/[-:.TZ]/g, "");
  return (await tokens.create(`${TOKEN_PREFIX}${stamp}`, "BOT")).token;
}
