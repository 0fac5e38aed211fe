import { Telegraf, type Context } from "telegraf";
import type { BotApi } from "./api.ts";
import { categoriesFeature } from "./features/categories.ts";
import { searchFeature } from "./features/search.ts";
import { startFeature } from "./features/start.ts";
import { texts } from "./texts.ts";

export interface CreateBotOptions {
  token: string;
  api: BotApi;
  /** Another Bot API server (a loopback fake in tests); Telegram's own when absent. */
  telegramApiRoot?: string;
  /** Where handler errors are reported (default: console.error). */
  logError?: (message: string, error: unknown) => void;
}

const defaultLogError = (message: string, error: unknown) => console.error(message, error);

/**
 * Builds the reader bot. One Composer per feature; lending flows (booking, my books, pickup, return) will be added
 * as further features before `searchFeature`, which answers any remaining text message.
 */
export function createBot({ token, api, telegramApiRoot, logError = defaultLogError }: CreateBotOptions): Telegraf<Context> {
  const bot = new Telegraf<Context>(token, telegramApiRoot ? { telegram: { apiRoot: telegramApiRoot } } : {});

  bot.use(startFeature());
  bot.use(categoriesFeature(api));
  bot.use(searchFeature(api));

  bot.catch(async (error, ctx) => {
    logError(`[bot] update ${ctx.update.update_id} (${ctx.updateType}) failed:`, error);
    if (!ctx.chat) return;
    try {
      await ctx.reply(texts.error);
    } catch (replyError) {
      logError(`[bot] could not tell chat ${ctx.chat.id} about the failure:`, replyError);
    }
  });

  return bot;
}
