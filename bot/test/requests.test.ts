import type { User } from "telegraf/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person } from "./support/fake-bot-api.ts";
import { GraphQLCounter } from "./support/graphql-counter.ts";
import { startBotHarness, type BotHarness } from "./support/harness.ts";

/**
 * Each screen a reader opens costs the bot ONE GraphQL request: the real bot, through the loopback Bot API, on a
 * whole kurin, with a relay in front of kurin counting the requests made for each Telegram person.
 */

let h: BotHarness;
let counter: GraphQLCounter;
beforeAll(async () => {
  // Room for /my with five loans and one more booked on top (the library default is 3 at a time).
  h = await startBotHarness("bot-requests", { env: { LOAN_MAX_OPEN: "10" } });
  counter = await GraphQLCounter.start(h.kurin.kurin.url);
  await h.startBot({ KURIN_API_URL: `${counter.url}/graphql` });
});
afterAll(async () => {
  await h?.stop();
  await counter?.stop();
});

/** The GraphQL requests the bot made for `reader` while handling one update. */
async function requestsFor(reader: User, inject: () => number): Promise<number> {
  const before = counter.requestsFor(reader.id);
  await h.act(inject);
  return counter.requestsFor(reader.id) - before;
}

/** The callback_data of the button with this text on the reader's newest message. */
function buttonData(reader: User, text: (label: string) => boolean): string {
  const found = h.fake.buttonsOf(h.fake.last(reader.id)).find((b) => text(b.text));
  if (!found?.callback_data) throw new Error(`no such button in ${JSON.stringify(h.fake.buttonsOf(h.fake.last(reader.id)).map((b) => b.text))}`);
  return found.callback_data;
}

describe("one GraphQL request per screen", () => {
  it("a book card, the categories, a category page and the next one: one request each", async () => {
    const reader = person("en");
    expect(await requestsFor(reader, () => h.fake.text(reader, "/start book_101"))).toBe(1);
    expect(h.fake.last(reader.id).text).toContain("<b>Кобзар</b>");

    expect(await requestsFor(reader, () => h.fake.text(reader, "/books"))).toBe(1);
    expect(h.fake.buttonsOf(h.fake.last(reader.id)).map((b) => b.text)).toContain("All books · 26");

    const history = buttonData(reader, (label) => label.startsWith("історія"));
    expect(await requestsFor(reader, () => h.fake.press(reader, history))).toBe(1);
    expect(h.fake.last(reader.id).text).toContain("1–10 of 23");

    const next = buttonData(reader, (label) => label === "▶️");
    expect(await requestsFor(reader, () => h.fake.press(reader, next))).toBe(1);
    expect(h.fake.last(reader.id).text).toContain("11–20 of 23");
    expect(h.fake.last(reader.id).text).toContain("Історія том 11");

    const last = buttonData(reader, (label) => label === "▶️");
    expect(await requestsFor(reader, () => h.fake.press(reader, last))).toBe(1);
    expect(h.fake.last(reader.id).text).toContain("21–23 of 23");
  });

  it("/my with five loans, and a booking with its confirmation step: one request each", async () => {
    const reader = person("en");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "+380501234567", first_name: reader.first_name, user_id: reader.id } }));
    const api = h.kurin.as({ token: h.kurin.tokens.bot, telegramUser: { id: reader.id, first_name: reader.first_name, last_name: reader.last_name, username: reader.username, language_code: "en" } });
    for (const bookId of ["1", "2", "3", "4", "5"]) {
      const booked = await api.gql(`mutation($id: ID!) { bookItem(bookId: $id) { id } }`, { id: bookId });
      expect(booked.errors).toBeUndefined();
    }
    expect(await requestsFor(reader, () => h.fake.text(reader, "/my"))).toBe(1);
    const mine = h.fake.last(reader.id).text!;
    for (const n of [1, 2, 3, 4, 5]) expect(mine).toContain(`Історія том ${n}`);

    expect(await requestsFor(reader, () => h.fake.text(reader, "/start book_6"))).toBe(1);
    expect(await requestsFor(reader, () => h.fake.press(reader, "k:6"))).toBe(1);
    expect(h.fake.buttonsIn(reader.id)).toContain("K:6");
    expect(await requestsFor(reader, () => h.fake.press(reader, "K:6"))).toBe(1);
    // The card after booking (the confirmation edited in place, the library's rules below it), from the booking's
    // own answer: the book booked, and the reader's buttons for it.
    const card = h.fake.messagesTo(reader.id).at(-2)!;
    expect(h.fake.last(reader.id).text).toContain("The library's rules");
    expect(card.text).toContain("Історія том 6");
    expect(card.text).toContain("Status: booked");
    expect(h.fake.buttonsOf(card).map((b) => b.callback_data)).toContain("x:6");
    expect(h.fake.buttonsOf(card).map((b) => b.callback_data)).not.toContain("k:6");

    // Cancelling closes the loan: the card is asked for afresh (the waiting list may concern the reader again).
    expect(await requestsFor(reader, () => h.fake.press(reader, "x:6"))).toBe(2);
    const after = h.fake.messagesTo(reader.id).at(-2)!;
    expect(after.message_id).toBe(card.message_id);
    expect(after.text).toContain("Status: on the shelf");
    expect(h.fake.buttonsOf(after).map((b) => b.callback_data)).toContain("k:6");
  });

  it("a category page from before a restart (its key unknown) costs one request more, and still opens", async () => {
    const reader = person("en");
    await h.act(() => h.fake.text(reader, "/books"));
    const poetry = buttonData(reader, (label) => label.startsWith("поезія"));
    await h.stopBot();
    await h.startBot({ KURIN_API_URL: `${counter.url}/graphql` });
    expect(await requestsFor(reader, () => h.fake.press(reader, poetry))).toBe(2);
    expect(h.fake.last(reader.id).text).toContain("1–3 of 3");
  });
});
