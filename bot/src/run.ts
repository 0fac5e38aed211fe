import { randomBytes } from "node:crypto";
import type { Telegraf } from "telegraf";
import { KurinClient } from "./api/client.ts";
import { createBot } from "./bot.ts";
import type { BotConfig } from "./config.ts";
import type { BotContext } from "./context.ts";
import { Courier, type CourierOptions } from "./delivery/courier.ts";
import { Notifier } from "./delivery/notifier.ts";
import { COMMANDS } from "./i18n/commands.ts";

export interface RunningBot {
  bot: Telegraf<BotContext>;
  /** Looks in kurin's outbox now; resolves when it is empty (or kurin cannot be asked). */
  wake(): Promise<void>;
  /** Stops taking updates and delivering notifications; resolves when both have stopped. */
  stop(): Promise<void>;
}

export interface RunOptions {
  log?: (message: string) => void;
  logError?: (message: string, error: unknown) => void;
  /** Telegram's pace (tests may quicken the per-chat interval). */
  pace?: CourierOptions;
  /** How often the outbox is looked at without a wake-up (default 30 s). */
  outboxPollMs?: number;
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
  // Messages people must get: kurin's outbox, delivered at Telegram's pace.
  const courier = new Courier(options.pace);
  const notifier = new Notifier({ kurin, token: config.apiToken, telegram: bot.telegram, courier, pollMs: options.outboxPollMs, logError: options.logError });
  notifier.start();
  return {
    bot,
    wake: () => notifier.wake(),
    async stop() {
      await notifier.stop();
      await courier.stop();
      bot.stop("stop");
      await launched.catch(() => undefined);
    },
  };
}
