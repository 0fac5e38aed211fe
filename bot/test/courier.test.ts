import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Courier } from "../src/delivery/courier.ts";
import { FakeBotApi } from "./support/fake-bot-api.ts";

let fake: FakeBotApi;
let telegram: Telegram;
beforeAll(async () => {
  fake = await FakeBotApi.start();
  telegram = new Telegram(fake.token, { apiRoot: fake.url });
});
afterAll(async () => {
  await fake?.stop();
});

describe("the courier keeps Telegram's limits", () => {
  it("a 429 is honoured: the message is sent again after retry_after, once", async () => {
    const courier = new Courier({ chatIntervalMs: 0 });
    fake.tooManyRequests("sendMessage", 1, 501);
    const outcome = await courier.deliver(501, () => telegram.sendMessage(501, "hello"));
    expect(outcome).toBe("sent");
    const calls = fake.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 501);
    expect(calls.map((c) => c.answer)).toEqual([429, "ok"]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(fake.messagesTo(501).map((m) => m.text)).toEqual(["hello"]);
    await courier.stop();
  });

  it("a 403 says blocked and is not retried", async () => {
    const courier = new Courier({ chatIntervalMs: 0 });
    fake.block(502);
    expect(await courier.deliver(502, () => telegram.sendMessage(502, "hello"))).toBe("blocked");
    expect(fake.calls.filter((c) => c.params.chat_id === 502).map((c) => c.answer)).toEqual([403]);
    await courier.stop();
  });

  it("one chat gets at most one message a second; other chats are not held up by it", async () => {
    const courier = new Courier({ chatIntervalMs: 1000 });
    await Promise.all([
      ...[1, 2, 3].map((n) => courier.deliver(503, () => telegram.sendMessage(503, `m${n}`))),
      ...[1, 2, 3].map((n) => courier.deliver(600 + n, () => telegram.sendMessage(600 + n, "x"))),
    ]);
    const toOne = fake.calls.filter((c) => c.params.chat_id === 503);
    expect(toOne.map((c) => c.params.text)).toEqual(["m1", "m2", "m3"]);
    for (let i = 1; i < toOne.length; i++) expect(toOne[i]!.at - toOne[i - 1]!.at).toBeGreaterThanOrEqual(950);
    const others = fake.calls.filter((c) => [601, 602, 603].includes(c.params.chat_id as number));
    // Sent while chat 503 still waited for its second turn.
    expect(Math.max(...others.map((c) => fake.calls.indexOf(c)))).toBeLessThan(fake.calls.indexOf(toOne[1]!));
    await courier.stop();
  });
});
