import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MUTATIONS, startLendingKurin, type LendingKurin } from "../../server/test/support/lending.ts";
import { loadConfig } from "../src/config.ts";
import { runBot, type RunningBot } from "../src/run.ts";
import { FakeBotApi, person, waitUntil } from "./support/fake-bot-api.ts";
import { catalogueRows, startBotHarness, TEST_PACE, type BotHarness } from "./support/harness.ts";
import type { User } from "telegraf/types";

/** The outbox: every message a person must get arrives once, whatever was down meanwhile. */

let h: BotHarness;
let librarian: User;
beforeAll(async () => {
  h = await startBotHarness("bot-notify");
  librarian = person("en");
  await h.makeLibrarian(librarian);
});
afterAll(async () => {
  await h?.stop();
});

const asReader = (u: User) =>
  h.kurin.as({ token: h.kurin.tokens.bot, telegramUser: { id: u.id, first_name: u.first_name, last_name: u.last_name, username: u.username, language_code: u.language_code } });

async function setPhone(u: User) {
  await asReader(u).gql(`mutation { setMyPhone(phone: "+380501230000") { id } }`);
}

async function book(u: User, bookId: string) {
  const result = await asReader(u).gql(MUTATIONS.bookItem, { bookId });
  expect(result.errors).toBeUndefined();
}

const bookingsTo = (chatId: number, bookIds: string[]) =>
  h.fake.messagesTo(chatId).filter((m) => bookIds.some((id) => h.fake.buttonsOf(m).some((b) => b.callback_data === `d:${id}`)));

describe("notifications", () => {
  it("bot stopped while 5 bookings happen, started again: 5 messages to the librarian, each once", async () => {
    const readers = [person(), person(), person(), person(), person()];
    for (const r of readers) await setPhone(r);
    const ids = ["1", "2", "3", "4", "5"];
    for (const [i, r] of readers.entries()) await book(r, ids[i]!);
    expect(bookingsTo(librarian.id, ids)).toHaveLength(0);

    await h.startBot();
    await waitUntil(() => bookingsTo(librarian.id, ids).length === 5, 20_000, "5 booking messages");
    const messages = bookingsTo(librarian.id, ids);
    expect(messages[0]!.text).toContain("New booking");
    expect(messages.some((m) => m.text!.includes(`+380501230000, @${readers[0]!.username}`))).toBe(true);
    // Woken again (and again): nothing is sent twice.
    await h.bot!.wake();
    await h.bot!.wake();
    expect(bookingsTo(librarian.id, ids)).toHaveLength(5);
    expect(h.fake.callsOf("sendMessage").filter((c) => c.params.chat_id === String(librarian.id) || c.params.chat_id === librarian.id)).toHaveLength(5);
  });

  it("a 429 is honoured: the message is sent again after retry_after, and arrives once", async () => {
    const reader = person();
    await setPhone(reader);
    h.fake.tooManyRequests("sendMessage", 1, librarian.id);
    await book(reader, "6");
    await waitUntil(() => bookingsTo(librarian.id, ["6"]).length === 1, 20_000, "the booking of book 6");
    const calls = h.fake.callsOf("sendMessage").filter((c) => Number(c.params.chat_id) === librarian.id && String(c.params.text).includes("Історія том 6"));
    expect(calls.map((c) => c.answer)).toEqual([429, "ok"]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("a 403 marks the reader who blocked the bot: not retried, and nothing more is queued for them", async () => {
    const reader = person();
    await setPhone(reader);
    await book(reader, "7");
    h.fake.block(reader.id);
    const delivered = await h.kurin.librarian().gql(MUTATIONS.markAsDelivered, { bookId: "7" });
    expect(delivered.errors).toBeUndefined();
    await waitUntil(() => h.fake.calls.some((c) => Number(c.params.chat_id) === reader.id && c.answer === 403), 20_000, "the 403");
    await h.bot!.wake(); // the run that met the 403 has acknowledged it
    const row = await h.kurin.kurin.prisma.reader.findUniqueOrThrow({ where: { telegramId: BigInt(reader.id) } });
    expect(row.botBlockedAt).not.toBeNull();
    // A librarian cancels: a message the reader would get, but they blocked the bot.
    await h.kurin.librarian().gql(MUTATIONS.cancelBooking, { bookId: "7" });
    await h.bot!.wake();
    expect(h.fake.calls.filter((c) => Number(c.params.chat_id) === reader.id)).toHaveLength(1);
    const rows = await h.kurin.kurin.prisma.notification.findMany({ where: { recipientId: row.id } });
    expect(rows.map((r) => r.state)).toEqual(["BLOCKED"]);
    // They write to the bot again: the mark is lifted.
    await h.fake.handled(h.fake.text(reader, "/my"));
    const again = await h.kurin.kurin.prisma.reader.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.botBlockedAt).toBeNull();
  });
});

describe("two server instances", () => {
  let a: LendingKurin | undefined;
  let b: LendingKurin | undefined;
  let fake: FakeBotApi | undefined;
  const bots: RunningBot[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await fake?.stop();
    await b?.stop();
    await a?.stop();
  });

  it("events on both, a bot on each: every message still arrives once", async () => {
    a = await startLendingKurin("bot-two-a", { emulator: { rows: catalogueRows() } });
    b = await startLendingKurin("bot-two-b", { sameLibraryAs: a });
    fake = await FakeBotApi.start();
    const lib = person("en");
    const libAs = a.as({ token: a.tokens.bot, telegramUser: { id: lib.id, first_name: lib.first_name } });
    const me = await libAs.gql<{ me: { id: string } }>("{ me { id } }");
    await a.librarian().gql(`mutation($id: ID!) { setReaderRole(readerId: $id, role: LIBRARIAN) { id } }`, { id: me.data!.me.id });
    for (const k of [a, b]) {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, KURIN_API_URL: `${k.kurin.url}/graphql`, KURIN_API_TOKEN: k.tokens.bot });
      bots.push(await runBot(config, { log: () => undefined, logError: () => undefined, pace: TEST_PACE }));
    }
    const ids = ["10", "11", "12", "13", "14", "15"];
    await Promise.all(
      ids.map(async (bookId, i) => {
        const k = i % 2 === 0 ? a! : b!;
        const r = person();
        const as = k.as({ token: k.tokens.bot, telegramUser: { id: r.id, first_name: r.first_name, username: r.username } });
        await as.gql(`mutation { setMyPhone(phone: "+380501230001") { id } }`);
        const result = await as.gql(MUTATIONS.bookItem, { bookId });
        expect(result.errors).toBeUndefined();
      }),
    );
    const booked = () => fake!.messagesTo(lib.id).filter((m) => ids.some((id) => fake!.buttonsOf(m).some((btn) => btn.callback_data === `d:${id}`)));
    await waitUntil(() => booked().length >= 6, 20_000, "6 booking messages");
    await Promise.all(bots.map((bot) => bot.wake()));
    expect(booked()).toHaveLength(6);
    for (const id of ids) expect(booked().filter((m) => fake!.buttonsOf(m).some((btn) => btn.callback_data === `d:${id}`))).toHaveLength(1);
    expect(fake.messagesTo(lib.id)).toHaveLength(6);
  });
});
