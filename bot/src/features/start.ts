import { Composer, Markup } from "telegraf";
import { message } from "telegraf/filters";
import { Me, SetMyPhone } from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../i18n/index.ts";
import { CATEGORIES, MY_BOOKS, PENDING } from "../ui/callbacks.ts";
import type { View } from "../ui/view.ts";
import { showCard } from "./card.ts";
import type { PendingBookings } from "./lending.ts";

/** Deep links from a QR code or a post: t.me/<bot>?start=book_<id>. Telegram allows A-Z a-z 0-9 _ - in them. */
export const DEEP_LINK = /^book_([A-Za-z0-9_-]{1,59})$/;

export function bookLink(botUsername: string | undefined, bookId: string): string {
  return `https://t.me/${botUsername ?? "bot"}?start=book_${bookId}`;
}

/**
 * /start (a greeting, the phone asked for, a deep link opening a book), /help, and the contact a reader shares:
 * only their own (a forwarded contact card of someone else is refused), saved through setMyPhone. If a booking
 * was waiting for the phone, it goes on.
 */
export function startFeature(pending: PendingBookings, continueBooking: (ctx: BotContext, bookId: string) => Promise<void>): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.start(async (ctx) => {
    const link = DEEP_LINK.exec(ctx.payload.trim());
    if (link) return showCard(ctx, link[1]!);
    const { me } = await ctx.kurin.request(Me, {});
    const { t } = ctx.texts;
    await ctx.reply(t("greeting", { name: ctx.from.first_name }), me?.phone ? Markup.removeKeyboard() : {});
    if (!me?.phone) await ctx.reply(t("askPhone"), phoneKeyboard(ctx));
    await showMenu(ctx, me?.role === "LIBRARIAN");
  });

  feature.help((ctx) => ctx.reply(ctx.texts.t("help"), { parse_mode: "HTML" }));
  feature.hears(/^📚/u, async (ctx, next) => {
    // The reply keyboard's "Books" button: the same as /books.
    if (ctx.message.text !== ctx.texts.t("booksButton")) return next();
    const { me } = await ctx.kurin.request(Me, {});
    await showMenu(ctx, me?.role === "LIBRARIAN");
  });

  feature.on(message("contact"), async (ctx) => {
    const { contact } = ctx.message;
    const { t } = ctx.texts;
    if (contact.user_id !== ctx.from.id) {
      await ctx.reply(t("contactNotYours"), phoneKeyboard(ctx));
      return;
    }
    await ctx.kurin.request(SetMyPhone, { phone: contact.phone_number });
    await ctx.reply(t("phoneSaved"), Markup.removeKeyboard());
    const bookId = pending.take(ctx.from.id);
    if (bookId) await continueBooking(ctx, bookId);
  });

  return feature;
}

export function phoneKeyboard(ctx: BotContext) {
  const { t } = ctx.texts;
  return Markup.keyboard([[Markup.button.contactRequest(t("sharePhoneButton"))], [t("booksButton")]]).resize().oneTime();
}

export function menuView(ctx: BotContext, librarian: boolean): View {
  const { t } = ctx.texts;
  const keyboard = [[{ text: t("booksButton"), callback_data: CATEGORIES }], [{ text: t("myBooksButton"), callback_data: MY_BOOKS }]];
  if (librarian) keyboard.push([{ text: t("pendingButton"), callback_data: PENDING }]);
  return { text: escapeHtml(t("menu")), keyboard };
}

async function showMenu(ctx: BotContext, librarian: boolean): Promise<void> {
  const view = menuView(ctx, librarian);
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: { inline_keyboard: view.keyboard ?? [] } });
}
