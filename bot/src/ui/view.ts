import type { InlineKeyboardButton } from "telegraf/types";
import type { BotContext } from "../context.ts";

/** What the bot shows: HTML text and its inline buttons. */
export interface View {
  text: string;
  keyboard?: InlineKeyboardButton[][];
}

/** Telegram's limits: 4096 characters a message, 1024 a photo's caption. */
export const MAX_MESSAGE = 4096;
export const MAX_CAPTION = 1024;

export function button(text: string, data: string | null): InlineKeyboardButton[] {
  return data === null ? [] : [{ text, callback_data: data }];
}

/** Buttons in rows of `perRow`. */
export function rows(buttons: InlineKeyboardButton[], perRow: number): InlineKeyboardButton[][] {
  const out: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

/**
 * Shows a view: a button press edits the message it was pressed on (the conversation does not grow with each
 * press); anything else, or a message that cannot be edited (a photo), gets a new message.
 */
export async function show(ctx: BotContext, view: View): Promise<void> {
  const extra = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: view.keyboard ?? [] } };
  const message = ctx.callbackQuery?.message;
  if (message && "text" in message) {
    try {
      await ctx.editMessageText(view.text, extra);
      return;
    } catch (error) {
      // Pressing a button that leads to the same view: nothing to change, and nothing is wrong.
      if (String((error as Error).message).includes("message is not modified")) return;
      throw error;
    }
  }
  await ctx.reply(view.text, extra);
}

/**
 * Cuts plain text to `max` characters at a word boundary (before any HTML escaping, so no entity is ever cut
 * in half), marking the cut with an ellipsis.
 */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join("");
  const head = chars.slice(0, max - 1).join("");
  const space = head.search(/\s\S*$/);
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** A short label for a button (Telegram shows about 30 characters of one). */
export function shortTitle(title: string, max = 28): string {
  return cutText(title, max);
}
