import type { InlineKeyboardButton } from "telegraf/types";
import type { Notification } from "../api/notification-operations.ts";
import { textsFor } from "../i18n/index.ts";
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
  // Raw values: the text escapes them once (titles are cut so a caption stays within Telegram's 1024).
  const values = {
    title: cutText(n.bookTitle ?? n.bookId, 300),
    author: n.bookAuthor ? ` — ${cutText(n.bookAuthor, 200)}` : "",
    reader: [n.readerName, n.readerPhone ?? t("noPhone"), n.readerUsername ? `@${n.readerUsername}` : null].filter(Boolean).join(", "),
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
    case "RETURN_CONFIRMED":
    case "CANCELLED":
      return { chatId: n.recipientTelegramId, text, keyboard: [] };
  }
}
