import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "telegraf/types";
import { MUTATIONS } from "../../server/test/support/lending.ts";
import { person, waitUntil } from "./support/fake-bot-api.ts";
import { startBotHarness, type BotHarness } from "./support/harness.ts";

/**
 * Reminders reach readers through the bot, once each, in their language, with the button that returns the
 * book; librarians get the morning summary with the readers' phones. The clock is the test's.
 */

let clock = Date.parse("2026-12-01T10:00:00Z");
let h: BotHarness;
let librarian: User;
const reader = person("en");

beforeAll(async () => {
  h = await startBotHarness("bot-reminders", { now: () => clock, env: { LIBRARY_TIME_ZONE: "Europe/Kyiv" } });
  librarian = person("uk");
  await h.makeLibrarian(librarian);
});
afterAll(async () => {
  await h?.stop();
});

const asReader = (u: User) => h.kurin.as({ token: h.kurin.tokens.bot, telegramUser: { id: u.id, first_name: u.first_name, last_name: u.last_name, username: u.username, language_code: u.language_code } });
const texts = (chatId: number) => h.fake.messagesTo(chatId).map((m) => m.text ?? "");

describe("reminders through the bot", () => {
  it("due soon, due today and overdue arrive once each with the return (and renew) button; the summary lists the overdue loan", async () => {
    await asReader(reader).gql(`mutation { setMyPhone(phone: "+380509990011") { id } }`);
    for (const [who, mutation] of [[asReader(reader), MUTATIONS.bookItem], [h.kurin.librarian(), MUTATIONS.markAsDelivered], [asReader(reader), MUTATIONS.markAsPickedUp]] as const) {
      expect((await who.gql(mutation, { bookId: "5" })).errors).toBeUndefined();
    }
    await h.startBot();
    const steps: Array<[string, RegExp]> = [
      ["2026-12-13T10:00:00Z", /is due back on December 15, 2026/],
      ["2026-12-15T07:30:00Z", /is due back today/],
      ["2026-12-16T08:00:00Z", /was due back on December 15, 2026/],
    ];
    for (const [at, text] of steps) {
      clock = Date.parse(at);
      await h.kurin.kurin.reminders.tick();
      await h.kurin.kurin.reminders.tick(); // a second tick (another instance) changes nothing
      await h.bot!.wake();
      await waitUntil(() => texts(reader.id).some((t) => text.test(t)), 20_000, `the reminder ${text}: ${JSON.stringify(texts(reader.id))}`);
    }
    await h.bot!.wake();
    const reminders = h.fake.messagesTo(reader.id).filter((m) => /due back/.test(m.text ?? ""));
    expect(reminders).toHaveLength(3);
    // Before the due date the reader may also renew; once overdue, only return.
    expect(reminders.map((m) => h.fake.buttonsOf(m).map((b) => b.callback_data))).toEqual([["r:5", "w:5"], ["r:5", "w:5"], ["r:5"]]);
    await waitUntil(() => texts(librarian.id).some((t) => t.includes("Прострочені сьогодні зранку")), 20_000, "the morning summary");
    const summary = texts(librarian.id).filter((t) => t.includes("Прострочені сьогодні зранку"));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toContain("1 книжка");
    expect(summary[0]).toContain("«Історія том 5», до 15 грудня 2026 р.: Reader");
    expect(summary[0]).toContain("+380509990011");
  });
});
