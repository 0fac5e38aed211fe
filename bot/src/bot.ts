import { Telegraf } from "telegraf";
import { ApiError, type KurinClient } from "./api/client.ts";
import type { BotContext } from "./context.ts";
import { browseFeature, CategoryNames } from "./features/browse.ts";
import { cardFeature } from "./features/card.ts";
import { askToConfirm, lendingFeature, PendingBookings } from "./features/lending.ts";
import { librarianFeature } from "./features/librarian.ts";
import { historyFeature } from "./features/history.ts";
import { myBooksFeature } from "./features/my-books.ts";
import { startFeature } from "./features/start.ts";
import { textsFor, type TextKey } from "./i18n/index.ts";

export interface CreateBotOptions {
  token: string;
  kurin: KurinClient;
  /** Another Bot API server (a loopback fake in tests, a self-hosted one); Telegram's own when absent. */
  telegramApiRoot?: string;
  /** Booking needs a phone number (BOT_REQUIRE_PHONE, default true). */
  requirePhone?: boolean;
  /** Sent after each booking (LIBRARY_RULES_TEXT). */
  rulesText?: string;
  logError?: (message: string, error: unknown) => void;
  now?: () => number;
}

/**
 * The bot: one Composer per feature, in the order they claim updates (browse last: it takes any text as a
 * search). Every handler has the person's texts and the kurin API acting for them on its context; every button
 * press is answered exactly once; an API that is down gets "try again in a minute", and the bot keeps running.
 */
export function createBot(options: CreateBotOptions): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(options.token, options.telegramApiRoot ? { telegram: { apiRoot: options.telegramApiRoot } } : {});
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const lending = { pending: new PendingBookings(), requirePhone: options.requirePhone ?? true, rulesText: options.rulesText };

  bot.use(async (ctx, next) => {
    ctx.texts = textsFor(ctx.from?.language_code);
    const person = ctx.from;
    ctx.kurin = { request: (document, variables) => options.kurin.request(document, variables, person) };
    return next();
  });
  bot.use(answerEveryPress);
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      await tellWhatWentWrong(ctx, error, logError);
    }
  });

  bot.use(startFeature(lending.pending, (ctx, bookId) => askToConfirm(ctx, bookId, lending)));
  bot.use(cardFeature());
  bot.use(lendingFeature(lending));
  bot.use(myBooksFeature(options.now));
  bot.use(historyFeature());
  bot.use(librarianFeature());
  bot.use(browseFeature(new CategoryNames()));

  bot.catch((error, ctx) => logError(`[bot] update ${ctx.update.update_id} (${ctx.updateType}) failed:`, error));
  return bot;
}

/** A button left unanswered spins in the person's app: answer every press once, whatever the handler did. */
async function answerEveryPress(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  if (!ctx.callbackQuery) return next();
  let answered = false;
  const answer = ctx.answerCbQuery.bind(ctx);
  ctx.answerCbQuery = (...args) => {
    if (answered) return Promise.resolve(true);
    answered = true;
    return answer(...args);
  };
  try {
    await next();
  } finally {
    if (!answered) await answer().catch(() => undefined);
  }
}

/** One sentence in the person's language; what went wrong is logged for the operator, unless it is theirs. */
async function tellWhatWentWrong(ctx: BotContext, error: unknown, logError: (message: string, error: unknown) => void): Promise<void> {
  let key: TextKey = "error";
  if (error instanceof ApiError && error.failure === "UNREACHABLE") key = "unreachable";
  else if (error instanceof ApiError && error.failure === "REFUSED" && error.code) key = `error_${error.code}` as TextKey;
  if (key === "error" || key === "error_UNAUTHENTICATED") logError(`[bot] update ${ctx.update.update_id} (${ctx.updateType}) failed:`, error);
  const text = ctx.texts.t(key) === key ? ctx.texts.t("error") : ctx.texts.t(key);
  if (ctx.callbackQuery) await ctx.answerCbQuery(text.slice(0, 200)).catch(() => undefined);
  if (ctx.chat) await ctx.reply(text).catch((replyError: unknown) => logError(`[bot] could not tell chat ${ctx.chat!.id}:`, replyError));
}
