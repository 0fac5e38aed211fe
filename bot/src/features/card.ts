import { Composer } from "telegraf";
import { BookCard } from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { bookActionPattern } from "../ui/callbacks.ts";
import { cardView } from "../ui/card.ts";
import { show } from "../ui/view.ts";

/** A book's card as it is now, with a note above it (why it is shown again), or "no such book". */
export async function showCard(ctx: BotContext, bookId: string, note?: string): Promise<void> {
  const { book, me, myHolds } = await ctx.kurin.request(BookCard, { id: bookId });
  if (!book) {
    await show(ctx, { text: ctx.texts.t("unknownBook", { id: bookId }) });
    return;
  }
  await show(ctx, cardView(ctx.texts, book, me, note, myHolds.find((h) => h.bookId === bookId)));
}

export function cardFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.action(bookActionPattern("view"), (ctx) => showCard(ctx, ctx.match[1]!));
  return feature;
}
