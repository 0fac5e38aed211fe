import type { InlineKeyboardButton } from "telegraf/types";
import type { BookFieldsOf, CardData, LoanState } from "../api/operations.ts";
import { escapeHtml, type Texts } from "../i18n/index.ts";
import { bookCallback, CATEGORIES } from "./callbacks.ts";
import { button, cutText, MAX_MESSAGE, type View } from "./view.ts";

/**
 * A book's card: every field of its Sheet row the API gives, its status in words, and only the buttons that
 * apply to this person (their own loan, or a librarian's next step) and this status.
 */

/** Room the description may take in one message, after the other fields. */
const DESCRIPTION_MAX = MAX_MESSAGE - 1000;

type OwnHold = CardData["myHolds"][number];

export function cardView(texts: Texts, book: BookFieldsOf, me: CardData["me"], note?: string, hold?: OwnHold): View {
  const own = me?.loans.find((loan) => loan.bookId === book.id)?.state;
  const { t } = texts;
  const lines: string[] = [];
  if (note) lines.push(`<i>${escapeHtml(note)}</i>`, "");
  lines.push(`<b>${escapeHtml(book.title)}</b>`);
  if (book.author) lines.push(`${t("author")}: ${escapeHtml(book.author)}`);
  if (book.edition) lines.push(`${t("edition")}: ${escapeHtml(book.edition)}`);
  if (book.pages) lines.push(t("pages", { count: book.pages }));
  if (book.categories.length > 0) lines.push(`${t("categories")}: ${escapeHtml(book.categories.join(", "))}`);
  if (book.description) lines.push("", escapeHtml(cutText(book.description, DESCRIPTION_MAX)));
  lines.push("", `${t("status")}: ${t(`status_${book.status}`)}`);
  if (book.dueDate) lines.push(`${t("dueDate")}: ${texts.date(book.dueDate)}`);
  if (own && own !== "CLOSED" && own !== "CANCELLED") lines.push("", `<b>${t(`yourLoan_${own}`)}</b>`);
  if (hold?.state === "WAITING") {
    const estimate = hold.estimatedOn ? t("holdEstimate", { date: texts.date(hold.estimatedOn) }) : "";
    lines.push("", `<b>${t("holdPosition", { position: hold.position })}</b>${estimate}`);
  }
  return { text: lines.join("\n"), keyboard: cardButtons(texts, book, own, me?.role === "LIBRARIAN", hold) };
}

function cardButtons(texts: Texts, book: BookFieldsOf, own: LoanState | undefined, librarian: boolean, hold?: OwnHold): InlineKeyboardButton[][] {
  const { t } = texts;
  const actions: InlineKeyboardButton[] = [];
  if (own === "BOOKED" || own === "DELIVERED") {
    if (own === "DELIVERED") actions.push(...button(t("pickedUpButton"), bookCallback("pickedUp", book.id)));
    actions.push(...button(t("cancelButton"), bookCallback("cancel", book.id)));
  } else if (own === "PICKED_UP") {
    actions.push(...button(t("returnedButton"), bookCallback("returned", book.id)), ...button(t("renewButton"), bookCallback("renew", book.id)));
  } else if (!own && book.status === "AVAILABLE" && !hold) {
    actions.push(...button(t("bookButton"), bookCallback("book", book.id)));
  } else if (!own && hold?.state === "WAITING") {
    actions.push(...button(t("leaveListButton"), bookCallback("unhold", book.id)));
  } else if (!own && !hold && book.status !== "UNKNOWN") {
    // Out with someone else: the reader may wait for it.
    actions.push(...button(t("joinListButton"), bookCallback("hold", book.id)));
  }
  if (librarian) {
    if (book.status === "BOOKED") actions.push(...button(t("deliveredButton"), bookCallback("delivered", book.id)));
    if (book.status === "RETURNED") actions.push(...button(t("confirmReturnButton"), bookCallback("confirmReturn", book.id)));
    if (!own && (book.status === "BOOKED" || book.status === "DELIVERED")) actions.push(...button(t("cancelButton"), bookCallback("cancel", book.id)));
  }
  return [...actions.map((b) => [b]), [{ text: t("backToCategoriesButton"), callback_data: CATEGORIES }]];
}
