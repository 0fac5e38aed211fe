import type { InlineKeyboardButton } from "telegraf/types";
import type { Notification } from "../api/notification-operations.ts";
import { textsFor, type Texts } from "../i18n/index.ts";
import { bookCallback } from "../ui/callbacks.ts";
import { button, cutText } from "../ui/view.ts";

/** A notification as a Telegram message: HTML text (a caption under the shelf photo), and the next step's button. */
export interface Outgoing {
  chatId: string;
  text: string;
  photo?: string;
  keyboard: InlineKeyboardButton[][];
}

export function outgoing(n: Notification): Outgoing {
  const texts = textsFor(n.recipientLanguage);
  const { t } = texts;
  if (n.kind === "OVERDUE_SUMMARY") return { chatId: n.recipientTelegramId, text: summaryText(n, texts), keyboard: [] };
  // Raw values: the text escapes them once (titles are cut so a caption stays within Telegram's 1024).
  const values = {
    title: cutText(n.bookTitle ?? n.bookId, 300),
    author: n.bookAuthor ? ` — ${cutText(n.bookAuthor, 200)}` : "",
    reader: readerLine(n, texts),
    due: n.dueDate ? texts.date(n.dueDate) : "",
    pickupBy: n.pickupByLocal ? localMoment(n.pickupByLocal, texts) : "",
  };
  const text = t(`notify_${n.kind}`, values);
  const next = (action: Parameters<typeof bookCallback>[0], label: Parameters<typeof t>[0]) => button(t(label), bookCallback(action, n.bookId));
  switch (n.kind) {
    case "BOOKED":
      return { chatId: n.recipientTelegramId, text, keyboard: [next("delivered", "deliveredButton")] };
    case "DELIVERED":
      return { chatId: n.recipientTelegramId, text, keyboard: [next("pickedUp", "pickedUpButton"), next("cancel", "cancelButton")] };
    case "RETURNED":
      return { chatId: n.recipientTelegramId, text, photo: n.photoFileId ?? undefined, keyboard: [next("confirmReturn", "confirmReturnButton")] };
    case "DUE_SOON":
    case "DUE_TODAY":
      return { chatId: n.recipientTelegramId, text, keyboard: [next("returned", "returnedButton"), next("renew", "renewButton")] };
    case "OVERDUE":
      return { chatId: n.recipientTelegramId, text, keyboard: [next("returned", "returnedButton")] };
    case "HOLD_READY":
      return { chatId: n.recipientTelegramId, text, keyboard: [next("view", "openBookButton")] };
    case "RETURN_CONFIRMED":
    case "CANCELLED":
      return { chatId: n.recipientTelegramId, text, keyboard: [] };
  }
}

/** "YYYY-MM-DD HH:MM" on the library's clock, as the person's locale writes the date. */
function localMoment(value: string, texts: Texts): string {
  const [date, time] = value.split(" ");
  return `${texts.date(date!)} ${time ?? ""}`.trim();
}

type Person = { readerName: string; readerPhone: string | null; readerUsername: string | null };

function readerLine(p: Person, texts: Texts): string {
  return [p.readerName, p.readerPhone ?? texts.t("noPhone"), p.readerUsername ? `@${p.readerUsername}` : null].filter(Boolean).join(", ");
}

/** The librarians' morning summary: one line per overdue loan (cut to stay within Telegram's 4096). */
function summaryText(n: Notification, texts: Texts): string {
  const lines = n.overdue.slice(0, 40).map((loan) =>
    texts.t("summaryLine", { title: cutText(loan.bookTitle ?? loan.bookId, 80), due: texts.date(loan.dueDate), reader: readerLine(loan, texts) }),
  );
  if (n.overdue.length > lines.length) lines.push("…");
  return texts.t("notify_OVERDUE_SUMMARY", { books: texts.t("books", { count: n.overdue.length }), lines: lines.join("\n") });
}
