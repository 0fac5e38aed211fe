import { LRUCache } from "lru-cache";
import { Composer } from "telegraf";
import { message } from "telegraf/filters";
import { ApiError } from "../api/client.ts";
import {
  BookCard,
  BookItem,
  CancelBooking,
  CancelHold,
  PlaceHold,
  RenewLoan,
  ConfirmBookReturn,
  MarkAsDelivered,
  MarkAsPickedUp,
  MarkAsReturnedByUser,
  MyBooks,
  type LoanAfterOf,
} from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, type TextKey } from "../i18n/index.ts";
import { bookActionPattern, bookCallback, type BookAction } from "../ui/callbacks.ts";
import { button, show } from "../ui/view.ts";
import { showCard, showCardAfter } from "./card.ts";
import { bookLink, DEEP_LINK, phoneKeyboard } from "./start.ts";

/**
 * Lending from Telegram: Book (with a confirmation step), Cancel, I picked it up, I returned it (with a photo of
 * the book back on the shelf), and the librarian's Delivered and Confirm. The API decides; a refusal becomes one
 * sentence in the person's language above the card as it is NOW, so an old button never does an old thing.
 */

/**
 * A booking waiting for the reader's phone number, by Telegram user id. In memory, for an hour: if the bot
 * restarts in between, the reader presses Book again (nothing is lost but a press).
 */
export class PendingBookings {
  private readonly waiting = new LRUCache<number, string>({ max: 10_000, ttl: 3_600_000 });
  remember(userId: number, bookId: string): void {
    this.waiting.set(userId, bookId);
  }
  take(userId: number): string | undefined {
    const bookId = this.waiting.get(userId);
    this.waiting.delete(userId);
    return bookId;
  }
}

export interface LendingOptions {
  pending: PendingBookings;
  /** Booking needs a phone number (BOT_REQUIRE_PHONE). */
  requirePhone: boolean;
  /** Sent after each booking (LIBRARY_RULES_TEXT, Telegram HTML). */
  rulesText?: string;
}

/** Codes the API refuses a lending step with, each with its own sentence. */
const REFUSALS = new Set(["LIMIT_REACHED", "CONFLICT", "INVALID_TRANSITION", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "RENEWAL_REFUSED"]);

/** The confirmation step of a booking, or the card as it is now when the book cannot be booked any more. */
export async function askToConfirm(ctx: BotContext, bookId: string, options: LendingOptions): Promise<void> {
  const { book, me } = await ctx.kurin.request(BookCard, { id: bookId });
  const { t } = ctx.texts;
  if (!book) return show(ctx, { text: t("unknownBook", { id: bookId }) });
  if (book.status !== "AVAILABLE" || me?.loans.some((l) => l.bookId === bookId)) return stale(ctx, bookId);
  if (options.requirePhone && !me?.phone) {
    options.pending.remember(ctx.from!.id, bookId);
    await ctx.reply(t("askPhoneToBook"), phoneKeyboard(ctx));
    return;
  }
  await show(ctx, {
    text: t("confirmBooking", { title: book.title }),
    keyboard: [[...button(t("yesBookButton"), bookCallback("confirmBooking", bookId)), ...button(t("noButton"), bookCallback("view", bookId))]],
  });
}

export function lendingFeature(options: LendingOptions): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const step = (action: BookAction, handler: (ctx: BotContext, bookId: string) => Promise<void>) =>
    feature.action(bookActionPattern(action), (ctx) => refusalsAsCard(ctx, ctx.match[1]!, () => handler(ctx, ctx.match[1]!)));

  step("book", (ctx, bookId) => askToConfirm(ctx, bookId, options));
  step("confirmBooking", async (ctx, bookId) => {
    const { bookItem } = await ctx.kurin.request(BookItem, { bookId });
    await showCardAfter(ctx, bookItem, ctx.texts.t("booked", { title: bookItem.book?.title ?? bookId, interpolation: { escapeValue: false } }));
    if (options.rulesText) await sendRules(ctx, options.rulesText);
  });
  step("cancel", (ctx, bookId) => thenCard(ctx, bookId, "cancelled", async () => (await ctx.kurin.request(CancelBooking, { bookId })).cancelBooking));
  step("pickedUp", (ctx, bookId) => thenCard(ctx, bookId, "pickedUp", async () => (await ctx.kurin.request(MarkAsPickedUp, { bookId })).markAsPickedUp));
  step("delivered", (ctx, bookId) => thenCard(ctx, bookId, "delivered", async () => (await ctx.kurin.request(MarkAsDelivered, { bookId })).markAsDelivered));
  step("confirmReturn", (ctx, bookId) =>
    thenCard(ctx, bookId, "returnConfirmed", async () => (await ctx.kurin.request(ConfirmBookReturn, { bookId })).confirmBookReturn),
  );
  step("renew", (ctx, bookId) => thenCard(ctx, bookId, "renewed", async () => (await ctx.kurin.request(RenewLoan, { bookId })).renewLoan));
  step("hold", async (ctx, bookId) => {
    const { placeHold } = await ctx.kurin.request(PlaceHold, { bookId });
    const note = ctx.texts.t("joinedList", { title: placeHold.book?.title ?? bookId, position: placeHold.position, interpolation: { escapeValue: false } });
    await ctx.answerCbQuery(note.slice(0, 200));
    await showCard(ctx, bookId, note);
  });
  step("unhold", async (ctx, bookId) => {
    await ctx.kurin.request(CancelHold, { bookId });
    await showCard(ctx, bookId, ctx.texts.t("leftList"));
  });
  step("returned", async (ctx, bookId) => {
    const { book, me } = await ctx.kurin.request(BookCard, { id: bookId });
    const own = me?.loans.find((l) => l.bookId === bookId);
    if (!book || own?.state !== "PICKED_UP") return stale(ctx, bookId);
    // The book travels in the prompt itself (a link to its card), so the photo that answers it needs no memory here.
    const title = `<a href="${bookLink(ctx.botInfo?.username, bookId)}">${escapeHtml(book.title)}</a>`;
    await ctx.reply(ctx.texts.t("askReturnPhoto", { title, interpolation: { escapeValue: false } }), {
      parse_mode: "HTML",
      reply_markup: { force_reply: true },
    });
  });

  feature.on(message("photo"), async (ctx) => {
    const bookId = await returnedBook(ctx);
    if (!bookId) return;
    const photo = ctx.message.photo.at(-1)!; // the largest size
    await refusalsAsCard(ctx, bookId, async () => {
      await ctx.kurin.request(MarkAsReturnedByUser, { bookId, photoFileId: photo.file_id });
      await ctx.reply(ctx.texts.t("returnedThanks"));
    });
  });

  return feature;
}

/** The book a photo returns: the one named in the prompt it replies to, else the reader's only book on loan. */
async function returnedBook(ctx: BotContext): Promise<string | undefined> {
  const replyTo = ctx.message && "reply_to_message" in ctx.message ? ctx.message.reply_to_message : undefined;
  const entities = replyTo && "entities" in replyTo ? (replyTo.entities ?? []) : [];
  for (const entity of entities) {
    if (entity.type !== "text_link" || replyTo?.from?.id !== ctx.botInfo?.id) continue;
    const link = DEEP_LINK.exec(new URL(entity.url).searchParams.get("start") ?? "");
    if (link) return link[1];
  }
  const { me } = await ctx.kurin.request(MyBooks, {});
  const onLoan = me?.loans.filter((loan) => loan.state === "PICKED_UP") ?? [];
  if (onLoan.length === 1) return onLoan[0]!.bookId;
  await ctx.reply(ctx.texts.t(onLoan.length === 0 ? "photoWithoutReturn" : "whichBookPhoto"));
  return undefined;
}

/** A lending step done: what was done, above the card as it is now. */
async function thenCard(ctx: BotContext, bookId: string, done: TextKey, run: () => Promise<LoanAfterOf>): Promise<void> {
  const loan = await run();
  const note = ctx.texts.t(done, { title: loan.book?.title ?? bookId, date: loan.dueDate ? ctx.texts.date(loan.dueDate) : "", interpolation: { escapeValue: false } });
  await ctx.answerCbQuery(note.slice(0, 200));
  await showCardAfter(ctx, loan, note);
}

/** Runs a lending step; an API refusal shows the card as it is now, with the sentence for the refusal above it. */
async function refusalsAsCard(ctx: BotContext, bookId: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ApiError) || error.failure !== "REFUSED" || !REFUSALS.has(error.code ?? "")) throw error;
    // A refused renewal says why (someone waits, overdue, renewed already).
    const key = error.code === "RENEWAL_REFUSED" ? `error_RENEWAL_REFUSED_${error.reason ?? "LIMIT"}` : `error_${error.code}`;
    const sentence = ctx.texts.t(key as TextKey);
    if (ctx.callbackQuery) await ctx.answerCbQuery(sentence.slice(0, 200), { show_alert: error.code === "LIMIT_REACHED" });
    await showCard(ctx, bookId, sentence);
  }
}

/** A button whose moment has passed: the card as it is now. */
async function stale(ctx: BotContext, bookId: string): Promise<void> {
  const note = ctx.texts.t("changed");
  if (ctx.callbackQuery) await ctx.answerCbQuery(note);
  await showCard(ctx, bookId, note);
}

async function sendRules(ctx: BotContext, rules: string): Promise<void> {
  const text = `${ctx.texts.t("rulesTitle")}\n\n${rules}`;
  try {
    await ctx.reply(text, { parse_mode: "HTML" });
  } catch {
    // The rules' HTML is the library's own: if Telegram cannot parse it, the words still go out.
    await ctx.reply(text.replace(/<[^>]+>/g, ""));
  }
}
