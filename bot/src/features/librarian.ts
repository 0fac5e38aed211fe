import { Composer } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import { Me, PendingWork, type LibrarianLoan } from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, type Texts } from "../i18n/index.ts";
import { bookCallback, PENDING } from "../ui/callbacks.ts";
import { button, cutText, shortTitle, show, type View } from "../ui/view.ts";

/**
 * /pending for librarians: books to take to the pickup point (Delivered), returns to confirm (the shelf photo,
 * Confirm), and overdue loans with the reader's name, phone and @username. The kurin API says who is a
 * librarian (the LIBRARIAN role, or LIBRARIAN_TELEGRAM_IDS); the queues come from its `loans` query.
 */

const QUEUE_SIZE = 30;

/** "Name, +380…, @username" for librarians' eyes. */
export function readerLine(texts: Texts, reader: { name: string; phone: string | null; username: string | null }): string {
  return texts.t("readerLine", { name: reader.name, phone: reader.phone ?? texts.t("noPhone"), username: reader.username ? `, @${reader.username}` : "" });
}

function loanLine(texts: Texts, loan: LibrarianLoan, withDue: boolean): string {
  // Cut so that a line always fits a photo's caption (1024 characters).
  const title = escapeHtml(cutText(loan.book?.title ?? loan.bookId, 300));
  const author = loan.book?.author ? ` — ${escapeHtml(cutText(loan.book.author, 200))}` : "";
  const due = withDue && loan.dueDate ? ` (${texts.t("dueDate")}: ${texts.date(loan.dueDate)})` : "";
  return `• <b>${title}</b>${author}${due}\n   ${readerLine(texts, loan.reader)}`;
}

export function pendingView(texts: Texts, work: { deliveries: Queue; returns: Queue; overdue: Queue }): View {
  const { t } = texts;
  const lines = [t("pendingTitle")];
  const keyboard: InlineKeyboardButton[][] = [];
  if (work.deliveries.totalCount + work.returns.totalCount + work.overdue.totalCount === 0) return { text: `${lines[0]}\n\n${t("pendingNone")}` };
  if (work.deliveries.totalCount > 0) {
    lines.push("", t("pendingDeliveries", { books: t("books", { count: work.deliveries.totalCount }) }), ...work.deliveries.nodes.map((l) => loanLine(texts, l, false)));
    for (const loan of work.deliveries.nodes) keyboard.push(button(`${t("deliveredButton")} · ${shortTitle(loan.book?.title ?? loan.bookId)}`, bookCallback("delivered", loan.bookId)));
  }
  if (work.returns.totalCount > 0) {
    lines.push("", t("pendingReturns", { books: t("books", { count: work.returns.totalCount }) }), ...work.returns.nodes.map((l) => loanLine(texts, l, false)));
    for (const loan of work.returns.nodes) keyboard.push(button(`${t("confirmReturnButton")} · ${shortTitle(loan.book?.title ?? loan.bookId)}`, bookCallback("confirmReturn", loan.bookId)));
  }
  if (work.overdue.totalCount > 0) {
    lines.push("", t("pendingOverdue", { books: t("books", { count: work.overdue.totalCount }) }), ...work.overdue.nodes.map((l) => loanLine(texts, l, true)));
  }
  return { text: lines.join("\n"), keyboard: keyboard.filter((row) => row.length > 0) };
}

type Queue = { totalCount: number; nodes: LibrarianLoan[] };

export function librarianFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const showPending = async (ctx: BotContext) => {
    const { me } = await ctx.kurin.request(Me, {});
    if (me?.role !== "LIBRARIAN") return show(ctx, { text: ctx.texts.t("notLibrarian") });
    const work = await ctx.kurin.request(PendingWork, { first: QUEUE_SIZE });
    await show(ctx, pendingView(ctx.texts, work));
    // The shelf photos, each with its Confirm button (a photo cannot be part of the list message).
    for (const loan of work.returns.nodes) {
      if (!loan.returnPhotoFileId) continue;
      const confirm = button(ctx.texts.t("confirmReturnButton"), bookCallback("confirmReturn", loan.bookId));
      await ctx.replyWithPhoto(loan.returnPhotoFileId, {
        caption: loanLine(ctx.texts, loan, false),
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [confirm] },
      });
    }
  };
  feature.command("pending", showPending);
  feature.action(PENDING, showPending);
  return feature;
}
