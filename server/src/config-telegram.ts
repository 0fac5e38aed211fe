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
  // The bot's @username for the dashboard's QR codes (https://t.me/<bot>?start=book_<id>); without it the
  // server asks Telegram's getMe with the token.
  TELEGRAM_BOT_USERNAME: z.preprocess(unset, z.string().regex(/^@?[A-Za-z0-9_]{5,32}$/, "expected the bot's @username").optional()),
  // How long the server waits for Telegram (the dashboard's return photos, getMe).
  TELEGRAM_TIMEOUT_MS: int(10_000, 100, 120_000),
  // How long the bot holds a message taken from the outbox before another taker may send it.
  NOTIFICATION_LEASE_SECONDS: int(120, 5, 3600),
};

export interface TelegramSettings {
  /** The bot's token from @BotFather; the bot starts with the server when set. */
  botToken?: string;
  apiRoot?: string;
  /** The bot's username without its @, when configured (else asked with getMe). */
  botUsername?: string;
  /** How long the server waits for the Bot API. */
  timeoutMs: number;
  notificationLeaseSeconds: number;
}

export function telegramSettings(e: {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_BOT_USERNAME?: string;
  TELEGRAM_TIMEOUT_MS: number;
  NOTIFICATION_LEASE_SECONDS: number;
}): TelegramSettings {
  return {
    botToken: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    botUsername: e.TELEGRAM_BOT_USERNAME?.replace(/^@/, ""),
    timeoutMs: e.TELEGRAM_TIMEOUT_MS,
    notificationLeaseSeconds: e.NOTIFICATION_LEASE_SECONDS,
  };
}
