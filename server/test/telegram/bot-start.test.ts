import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startTelegramBot } from "../../src/telegram/bot-start.ts";
import { startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { FakeBotApi, person } from "../../../bot/test/support/fake-bot-api.ts";

/** `pnpm start` with TELEGRAM_BOT_TOKEN: the server starts the bot and makes the API token it needs. */

let k: LendingKurin;
let fake: FakeBotApi;
beforeAll(async () => {
  k = await startLendingKurin("bot-start");
  fake = await FakeBotApi.start();
});
afterAll(async () => {
  await fake?.stop();
  await k?.stop();
});

function logger() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "info" }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { log, lines };
}

describe("the server starts the bot", () => {
  it("without TELEGRAM_BOT_TOKEN: one log line says how to turn it on", async () => {
    const { log, lines } = logger();
    const started = await startTelegramBot(loadConfig({}), { url: k.kurin.url, tokens: k.kurin.auth.tokens, logger: log, env: {} });
    expect(started).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toContain("set TELEGRAM_BOT_TOKEN");
  });

  it("with it: the bot runs on a BOT token made for it (the previous one revoked), and answers", async () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
    const parts = { url: k.kurin.url, tokens: k.kurin.auth.tokens, logger: logger().log, env: {} };
    const first = await startTelegramBot(config, parts);
    await first!.stop();
    const second = await startTelegramBot(config, parts);
    try {
      const auto = (await k.kurin.auth.tokens.list()).filter((t) => t.name.startsWith("telegram-bot-auto-"));
      expect(auto.map((t) => [t.role, t.revokedAt === null])).toEqual([
        ["BOT", false],
        ["BOT", true],
      ]);
      const reader = person("en");
      await fake.handled(fake.text(reader, "/start"));
      expect(fake.messagesTo(reader.id)[0]!.text).toContain(`Welcome, ${reader.first_name}!`);
    } finally {
      await second?.stop();
    }
  });
});
