import { Composer } from "telegraf";
import { BookCard, type LoanAfterOf } from "../api/operations.ts";
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

/** Loan states in which the loan is still the reader's (what `loans(open: true)` answers). */
const OPEN_STATES = new Set(["BOOKED", "DELIVERED", "PICKED_UP", "RETURNED"]);

/**
 * The card after a lending step. When the person acted on their own loan and it is still open, the step's answer
 * holds everything the card shows (the book now, their role, phone and open loans; no waiting-list place, since
 * no one waits for a book they have), so the card costs no second request. Otherwise it is asked for afresh.
 */
export async function showCardAfter(ctx: BotContext, loan: LoanAfterOf, note: string): Promise<void> {
  const own = ctx.from !== undefined && loan.reader.telegramId === String(ctx.from.id);
  if (!own || !loan.book || !OPEN_STATES.has(loan.state)) return showCard(ctx, loan.bookId, note);
  await show(ctx, cardView(ctx.texts, loan.book, loan.reader, note));
}

export function cardFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.action(bookActionPattern("view"), (ctx) => showCard(ctx, ctx.match[1]!));
  return feature;
}
