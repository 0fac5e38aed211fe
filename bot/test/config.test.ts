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

  it("an empty variable is an unset one (FOO= in .env and compose files); values are trimmed where it matters", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: " 123456:ABC-def_1 ", KURIN_API_TOKEN: " kurin_x ", KURIN_API_URL: "", TELEGRAM_API_ROOT: "", BOT_WEBHOOK_URL: "", BOT_REQUIRE_PHONE: "" });
    expect(config).toEqual({
      telegramToken: "123456:ABC-def_1",
      apiUrl: "http://127.0.0.1:4000/graphql",
      apiToken: "kurin_x",
      telegramApiRoot: undefined,
      webhook: undefined,
      requirePhone: true,
      rulesText: undefined,
    });
    const hooked = loadConfig({ ...OK, BOT_WEBHOOK_URL: "https://bot.example.org/hook", BOT_WEBHOOK_PORT: "", BOT_WEBHOOK_SECRET: "s3cret_-", BOT_REQUIRE_PHONE: "no" });
    expect(hooked.webhook).toEqual({ url: "https://bot.example.org/hook", secret: "s3cret_-", port: 8443, host: "0.0.0.0" });
    expect(hooked.requirePhone).toBe(false);
    expect(loadConfig({ ...OK, BOT_WEBHOOK_URL: "https://bot.example.org/hook", BOT_WEBHOOK_PORT: "8080" }).webhook?.port).toBe(8080);
  });

  it("a bad or missing value is one line naming the variable, never echoing a secret", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ KURIN_API_TOKEN: "kurin_x" }, /^Invalid configuration: TELEGRAM_BOT_TOKEN: is required/],
      [{ ...OK, TELEGRAM_BOT_TOKEN: "not-a-token" }, /^Invalid configuration: TELEGRAM_BOT_TOKEN: expected a token like/],
      [{ TELEGRAM_BOT_TOKEN: OK.TELEGRAM_BOT_TOKEN }, /^Invalid configuration: KURIN_API_TOKEN: is required/],
      [{ ...OK, BOT_WEBHOOK_URL: "http://bot.example.org/hook" }, /^Invalid configuration: BOT_WEBHOOK_URL: expected an https URL/],
      [{ ...OK, BOT_WEBHOOK_SECRET: "has spaces" }, /^Invalid configuration: BOT_WEBHOOK_SECRET/],
      [{ ...OK, BOT_REQUIRE_PHONE: "maybe" }, /^Invalid configuration: BOT_REQUIRE_PHONE: expected true or false \(got "maybe"\)/],
      [{ ...OK, KURIN_API_URL: "ftp://kurin.example.org/graphql" }, /^Invalid configuration: KURIN_API_URL: expected an http\(s\) URL/],
      [{ ...OK, KURIN_API_TOKEN: "   " }, /^Invalid configuration: KURIN_API_TOKEN/],
      [{ ...OK, BOT_WEBHOOK_PORT: "1.5" }, /^Invalid configuration: BOT_WEBHOOK_PORT: expected a whole number \(got "1.5"\)/],
      [{ ...OK, BOT_WEBHOOK_PORT: "70000" }, /^Invalid configuration: BOT_WEBHOOK_PORT: .*\(got "70000"\)/],
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
