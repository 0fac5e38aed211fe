import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const OK = { TELEGRAM_BOT_TOKEN: "123456:ABC-def_1", KURIN_API_TOKEN: "kurin_x" };

describe("the bot's settings", () => {
  it("long polling by default; webhook mode with an https URL; booking needs a phone unless told otherwise", () => {
    const config = loadConfig(OK);
    expect(config).toMatchObject({ apiUrl: "http://127.0.0.1:4000/graphql", requirePhone: true, webhook: undefined });
    const hooked = loadConfig({ ...OK, BOT_WEBHOOK_URL: "https://bot.example.org/hook", BOT_REQUIRE_PHONE: "false" });
    expect(hooked.webhook).toEqual({ url: "https://bot.example.org/hook", secret: undefined, port: 8443, host: "0.0.0.0" });
    expect(hooked.requirePhone).toBe(false);
  });

  it("a bad or missing value is one line naming the variable, never echoing a secret", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ KURIN_API_TOKEN: "kurin_x" }, /^Invalid configuration: TELEGRAM_BOT_TOKEN: is required/],
      [{ ...OK, TELEGRAM_BOT_TOKEN: "not-a-token" }, /^Invalid configuration: TELEGRAM_BOT_TOKEN: expected a token like/],
      [{ TELEGRAM_BOT_TOKEN: OK.TELEGRAM_BOT_TOKEN }, /^Invalid configuration: KURIN_API_TOKEN: is required/],
      [{ ...OK, BOT_WEBHOOK_URL: "http://bot.example.org/hook" }, /^Invalid configuration: BOT_WEBHOOK_URL: expected an https URL/],
      [{ ...OK, BOT_WEBHOOK_SECRET: "has spaces" }, /^Invalid configuration: BOT_WEBHOOK_SECRET/],
      [{ ...OK, BOT_REQUIRE_PHONE: "maybe" }, /^Invalid configuration: BOT_REQUIRE_PHONE: expected true or false \(got "maybe"\)/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
      expect((error as Error).message).not.toContain("not-a-token");
    }
  });
});
