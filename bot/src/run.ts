import { randomBytes } from "node:crypto";
import type { Telegraf } from "telegraf";
import { KurinClient } from "./api/client.ts";
import { createBot } from "./bot.ts";
import type { BotConfig } from "./config.ts";
import type { BotContext } from "./context.ts";
import { COMMANDS } from "./i18n/commands.ts";

export interface RunningBot {
  bot: Telegraf<BotContext>;
  /** Stops taking updates and delivering notifications; resolves when both have stopped. */
  stop(): Promise<void>;
}

export interface RunOptions {
  log?: (message: string) => void;
  logError?: (message: string, error: unknown) => void;
}

/**
 * Starts the bot: long polling, or a webhook when BOT_WEBHOOK_URL is set (Telegram must then send the secret
 * token in X-Telegram-Bot-Api-Secret-Token; one is made up at each start when none is configured).
 */
export async function runBot(config: BotConfig, options: RunOptions = {}): Promise<RunningBot> {
  const log = options.log ?? ((message) => console.log(message));
  const kurin = new KurinClient({ url: config.apiUrl, token: config.apiToken });
  const bot = createBot({
    token: config.telegramToken,
    kurin,
    telegramApiRoot: config.telegramApiRoot,
    requirePhone: config.requirePhone,
    rulesText: config.rulesText,
    logError: options.logError,
  });
  let launched: Promise<void>;
  await new Promise<void>((started, failed) => {
    const onLaunch = () => started();
    if (config.webhook) {
      const url = new URL(config.webhook.url);
      const secretToken = config.webhook.secret ?? randomBytes(24).toString("base64url");
      launched = bot.launch({ webhook: { domain: url.host, path: url.pathname, port: config.webhook.port, host: config.webhook.host, secretToken } }, onLaunch);
    } else {
      launched = bot.launch(onLaunch);
    }
    launched.catch(failed);
  });
  log(`[bot] @${bot.botInfo?.username ?? "?"} is ${config.webhook ? `receiving updates at ${config.webhook.url}` : "polling"}; kurin API at ${config.apiUrl}`);
  for (const [language, commands] of Object.entries(COMMANDS)) {
    await bot.telegram.setMyCommands(commands, language === "uk" ? {} : { language_code: language }).catch((error: unknown) => options.logError?.("[bot] setMyCommands failed:", error));
  }
  return {
    bot,
    async stop() {
      bot.stop("stop");
      await launched.catch(() => undefined);
    },
  };
}
