import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "telegraf/types";
import { MUTATIONS } from "../../server/test/support/lending.ts";
import { person, waitUntil } from "./support/fake-bot-api.ts";
import { startBotHarness, type BotHarness } from "./support/harness.ts";

/**
 * The waiting list, renewals and /history in Telegram, through the fake Bot API on a whole kurin: the
 * buttons a reader sees on a card, what pressing them does, and the message when a held book is theirs.
 */

const clock = Date.parse("2026-12-01T10:00:00Z");
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness("bot-circulation", { now: () => clock, env: { LIBRARY_TIME_ZONE: "Europe/Kyiv", LOAN_MAX_OPEN: "20" } });
  await h.startBot();
});
afterAll(async () => {
  await h?.stop();
});

const asReader = (u: User) => h.kurin.as({ token: h.kurin.tokens.bot, telegramUser: { id: u.id, first_name: u.first_name, last_name: u.last_name, username: u.username, language_code: u.language_code } });

async function lend(u: User, bookId: string): Promise<void> {
  for (const [who, mutation] of [[asReader(u), MUTATIONS.bookItem], [h.kurin.librarian(), MUTATIONS.markAsDelivered], [asReader(u), MUTATIONS.markAsPickedUp]] as const) {
    expect((await who.gql(mutation, { bookId, photo: "AgACshelf" })).errors).toBeUndefined();
  }
}

describe("circulation in the bot", () => {
  it("a book out with someone: Join the waiting list, the position on the card; its holder cannot renew it (someone waits)", async () => {
    const holder = person("en");
    const waiter = person("en");
    await lend(holder, "7");
    // The card of a book on loan offers the waiting list, not a booking.
    await h.act(() => h.fake.text(waiter, "/start book_7"));
    expect(h.fake.buttonsOf(h.fake.last(waiter.id)).map((b) => b.callback_data)).toContain("h:7");
    expect(h.fake.buttonsIn(waiter.id)).not.toContain("k:7");
    await h.act(() => h.fake.press(waiter, "h:7"));
    const card = h.fake.last(waiter.id);
    expect(card.text).toContain("You are in the waiting list for “Історія том 7”: number 1.");
    expect(card.text).toContain("<b>You are number 1 in the waiting list</b> (it may come about December 15, 2026)");
    expect(h.fake.buttonsOf(card).map((b) => b.callback_data)).toContain("u:7");

    await h.act(() => h.fake.text(holder, "/start book_7"));
    expect(h.fake.buttonsOf(h.fake.last(holder.id)).map((b) => b.callback_data)).toEqual(expect.arrayContaining(["r:7", "w:7"]));
    await h.act(() => h.fake.press(holder, "w:7"));
    expect(h.fake.last(holder.id).text).toContain("another reader is waiting for it");

    // Returned and confirmed: on the next tick it is booked for the waiter, who is told with the pickup deadline.
    await asReader(holder).gql(MUTATIONS.markAsReturnedByUser, { bookId: "7", photo: "AgACshelf" });
    await h.kurin.librarian().gql(MUTATIONS.confirmBookReturn, { bookId: "7" });
    await h.kurin.kurin.reminders.tick();
    await h.bot!.wake();
    await waitUntil(() => h.fake.messagesTo(waiter.id).some((m) => m.text?.includes("which you waited for, is booked for you")), 20_000, "HOLD_READY");
    const ready = h.fake.messagesTo(waiter.id).find((m) => m.text?.includes("which you waited for"))!;
    expect(ready.text).toContain("Pick it up by December 3, 2026 12:00");
    expect(h.fake.buttonsOf(ready).map((b) => b.callback_data)).toEqual(["v:7"]);
  });

  it("Renew moves the due date; a second press says the limit is reached", async () => {
    const reader = person("uk");
    await lend(reader, "8");
    await h.act(() => h.fake.text(reader, "/start book_8"));
    await h.act(() => h.fake.press(reader, "w:8"));
    expect(h.fake.last(reader.id).text).toContain("Продовжено: «Історія том 8» тепер треба повернути до 29 грудня 2026 р.");
    expect(h.kurin.emulator.getCell("8", "Заброньовано до:")).toBe("2026-12-29");
    await h.act(() => h.fake.press(reader, "w:8"));
    expect(h.fake.last(reader.id).text).toContain("вже продовжували стільки разів");
  });

  it("/history lists the reader's books newest first, ten a page, with More", async () => {
    const reader = person("en");
    for (let i = 9; i <= 19; i++) {
      expect((await asReader(reader).gql(MUTATIONS.bookItem, { bookId: String(i) })).errors).toBeUndefined();
      expect((await asReader(reader).gql(MUTATIONS.cancelBooking, { bookId: String(i) })).errors).toBeUndefined();
    }
    await h.act(() => h.fake.text(reader, "/history"));
    const first = h.fake.last(reader.id);
    expect(first.text).toContain("Your books</b> (11 in all)");
    expect(first.text!.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(10);
    expect(first.text).toContain("• Історія том 19 — December 1, 2026, cancelled");
    const more = h.fake.buttonsOf(first)[0]!.callback_data!;
    expect(more).toMatch(/^H:/);
    await h.act(() => h.fake.press(reader, more));
    const second = h.fake.last(reader.id);
    expect(second.text!.split("\n").filter((l) => l.startsWith("• "))).toEqual(["• Історія том 9 — December 1, 2026, cancelled"]);
    expect(h.fake.buttonsOf(second)).toEqual([]);
  });
});
