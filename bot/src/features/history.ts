import { Composer } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import { History, type HistoryPage } from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, type TextKey, type Texts } from "../i18n/index.ts";
import { callbackData, HISTORY, MAX_CALLBACK_BYTES } from "../ui/callbacks.ts";
import { show, type View } from "../ui/view.ts";

/**
 * /history: the reader's loans, newest first, ten at a time (the API's `me.history` connection); "More"
 * carries the page's end cursor in its button, so nothing is remembered here.
 */

const PAGE = 10;

export function historyView(texts: Texts, page: HistoryPage): View {
  const { t } = texts;
  if (page.totalCount === 0) return { text: t("historyEmpty") };
  const lines = [t("historyTitle", { count: page.totalCount }), ""];
  for (const loan of page.nodes) {
    const title = escapeHtml(loan.book?.title ?? loan.bookId);
    lines.push(t("historyLine", { title, date: texts.date(loan.bookedAt), state: t(`historyState_${loan.state}` as TextKey), interpolation: { escapeValue: false } }));
  }
  const cursor = page.pageInfo.endCursor;
  const more: InlineKeyboardButton[][] =
    page.pageInfo.hasNextPage && cursor && HISTORY.length + 1 + cursor.length <= MAX_CALLBACK_BYTES
      ? [[{ text: t("historyMore"), callback_data: callbackData(HISTORY, cursor) }]]
      : [];
  return { text: lines.join("\n"), keyboard: more };
}

export function historyFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const showPage = async (ctx: BotContext, after: string | null) => {
    const { me } = await ctx.kurin.request(History, { first: PAGE, after });
    if (!me) return;
    await show(ctx, historyView(ctx.texts, me.history));
  };
  feature.command("history", (ctx) => showPage(ctx, null));
  feature.action(new RegExp(`^${HISTORY}:(.+)$`), (ctx) => showPage(ctx, ctx.match[1]!));
  return feature;
}
