import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("Telegram settings", () => {
  it("LIBRARIAN_TELEGRAM_IDS: ids separated by commas; anything else stops start-up naming the variable", () => {
    expect(loadConfig({}).auth.librarianTelegramIds).toEqual([]);
    expect(loadConfig({ LIBRARIAN_TELEGRAM_IDS: " 123456789, 987654321 ," }).auth.librarianTelegramIds).toEqual([123456789n, 987654321n]);
    for (const bad of ["@librarian", "12,abc", "1;2"]) {
      expect(() => loadConfig({ LIBRARIAN_TELEGRAM_IDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ LIBRARIAN_TELEGRAM_IDS: bad })).toThrow(/^Invalid configuration: LIBRARIAN_TELEGRAM_IDS: expected Telegram user ids/);
    }
  });

  it("the bot is off without TELEGRAM_BOT_TOKEN; the outbox lease is bounded", () => {
    expect(loadConfig({}).telegram).toEqual({ botToken: undefined, apiRoot: undefined, botUsername: undefined, timeoutMs: 10_000, notificationLeaseSeconds: 120 });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_API_ROOT: "http://127.0.0.1:1" }).telegram.botToken).toBe("1:x");
    expect(() => loadConfig({ NOTIFICATION_LEASE_SECONDS: "1" })).toThrow(/NOTIFICATION_LEASE_SECONDS/);
  });
});
