import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { runBot, type RunningBot } from "../src/run.ts";
import { FakeBotApi, person } from "./support/fake-bot-api.ts";

/** The bot's ways of running that need no kurin: webhook mode, and kurin unreachable. */

let fake: FakeBotApi;
let deadApi: string;
beforeAll(async () => {
  fake = await FakeBotApi.start();
  // A port nobody listens on: kurin "down".
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  deadApi = `http://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await fake?.stop();
});

function config(env: Record<string, string> = {}) {
  return loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, KURIN_API_URL: deadApi, KURIN_API_TOKEN: "kurin_test", ...env });
}

describe("running the bot", () => {
  it("kurin unreachable: a friendly 'try again in a minute', a pressed button answered, and the bot goes on", async () => {
    const running = await runBot(config(), { log: () => undefined, logError: () => undefined });
    try {
      const reader = person("en");
      await fake.handled(fake.text(reader, "/books"));
      expect(fake.last(reader.id).text).toBe("The library is unavailable for a minute. Please try again in a minute.");
      await fake.handled(fake.pressOn(reader, { message_id: 1, chat_id: reader.id, fromBot: true }, "k:1"));
      const answer = fake.callsOf("answerCallbackQuery").at(-1)!;
      expect(answer.params.text).toContain("unavailable for a minute");
      await fake.handled(fake.text(reader, "/my"));
      expect(fake.messagesTo(reader.id)).toHaveLength(3);
    } finally {
      await running.stop();
    }
  });

  it("webhook mode: sets the webhook with a secret token, and refuses updates without it", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let running: RunningBot | undefined;
    try {
      running = await runBot(config({ BOT_WEBHOOK_URL: "https://bot.example.org/telegram/hook", BOT_WEBHOOK_PORT: String(port), BOT_WEBHOOK_HOST: "127.0.0.1" }), {
        log: () => undefined,
        logError: () => undefined,
      });
      const hook = fake.webhookInfo!;
      expect(hook.url).toBe("https://bot.example.org/telegram/hook");
      expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const reader = person("en");
      const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: reader.id, type: "private" }, from: reader, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] } };
      const post = (secret?: string) =>
        fetch(`http://127.0.0.1:${port}/telegram/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
          body: JSON.stringify(update),
        });
      expect((await post()).status).toBe(403);
      expect((await post("wrong")).status).toBe(403);
      expect(fake.messagesTo(reader.id)).toHaveLength(0);
      expect((await post(hook.secret)).status).toBe(200);
      expect(fake.last(reader.id).text).toContain("How it works");
    } finally {
      await running?.stop();
    }
  });
});
