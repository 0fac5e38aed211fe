import { z } from "zod";
import { int, optionalText, unset } from "./config-values.ts";

/**
 * The Telegram side: who is a librarian from day one, and the bot that `pnpm start` runs with the server when
 * its token is set (README, "The Telegram bot"). The bot validates its own settings (BOT_WEBHOOK_URL, ...);
 * the server only needs to know whether to start it. Part of config.ts's schema.
 */

const TELEGRAM_IDS = /^\s*\d{1,19}\s*(,\s*\d{1,19}\s*)*,?\s*$/;

export const telegramEnv = {
  // Telegram people who are librarians from the start (the old bot's ADMIN_IDS): numeric ids, comma-separated.
  LIBRARIAN_TELEGRAM_IDS: z.preprocess(
    unset,
    z
      .string()
      .regex(TELEGRAM_IDS, "expected Telegram user ids separated by commas, e.g. 123456789,987654321")
      .transform((v) => v.split(",").map((id) => id.trim()).filter((id) => id !== "").map((id) => BigInt(id)))
      .default([]),
  ),
  TELEGRAM_BOT_TOKEN: optionalText(),
  TELEGRAM_API_ROOT: optionalText(),
  // How long the bot holds a message taken from the outbox before another taker may send it.
  NOTIFICATION_LEASE_SECONDS: int(120, 5, 3600),
};

export interface TelegramSettings {
  /** The bot's token from @BotFather; the bot starts with the server when set. */
  botToken?: string;
  apiRoot?: string;
  notificationLeaseSeconds: number;
}

export function telegramSettings(e: { TELEGRAM_BOT_TOKEN?: string; TELEGRAM_API_ROOT?: string; NOTIFICATION_LEASE_SECONDS: number }): TelegramSettings {
  return { botToken: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT, notificationLeaseSeconds: e.NOTIFICATION_LEASE_SECONDS };
}
