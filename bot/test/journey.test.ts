import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { photoReply, person, waitUntil } from "./support/fake-bot-api.ts";
import { startBotHarness, type BotHarness } from "./support/harness.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness("bot-journey");
  await h.startBot();
});
afterAll(async () => {
  await h?.stop();
});

const status = (bookId: string) => h.kurin.emulator.getCell(bookId, "Status");

describe("a reader's whole journey, and a librarian's, in Telegram", () => {
  it("registers with their own phone, books with a confirmation, and the book goes round to the shelf again", async () => {
    const reader = person("uk");
    const librarian = person("en");
    await h.act(() => h.fake.text(librarian, "/start"));
    await h.makeLibrarian(librarian);

    // /start: a greeting, the phone asked for with a request_contact button.
    await h.act(() => h.fake.text(reader, "/start"));
    const ask = h.fake.messagesTo(reader.id).find((m) => m.text?.includes("номером телефону"))!;
    expect(JSON.stringify(ask.reply_markup)).toContain('"request_contact":true');
    // Someone else's contact is refused; their own is saved.
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "+380501112233", first_name: "Other", user_id: reader.id + 1 } }));
    expect(h.fake.last(reader.id).text).toContain("чужий контакт");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "380 50 765 43 21", first_name: reader.first_name, user_id: reader.id } }));
    expect(h.fake.last(reader.id).text).toContain("номер збережено");

    // /books -> a category -> the next page -> a card -> Book -> confirm.
    await h.act(() => h.fake.text(reader, "/books"));
    const history = h.fake.buttonsOf(h.fake.last(reader.id)).find((b) => b.text.startsWith("історія"))!.callback_data!;
    await h.act(() => h.fake.press(reader, history));
    const next = h.fake.buttonsOf(h.fake.last(reader.id)).find((b) => b.text === "▶️")!.callback_data!;
    await h.act(() => h.fake.press(reader, next));
    await h.act(() => h.fake.press(reader, "v:12"));
    expect(h.fake.last(reader.id).text).toContain("Історія том 12");
    await h.act(() => h.fake.press(reader, "k:12"));
    expect(h.fake.last(reader.id).text).toContain("Забронювати «Історія том 12»?");
    expect(status("12")).toBe("");
    await h.act(() => h.fake.press(reader, "K:12"));
    expect(status("12")).toBe("booked");
    const rules = h.fake.last(reader.id);
    expect(rules.text).toContain("Повертайте книжки <b>вчасно</b>.");
    expect(h.fake.messagesTo(reader.id).at(-2)!.text).toContain("заброньовано для вас");

    // /my: waiting for delivery, with Cancel.
    await h.act(() => h.fake.text(reader, "/my"));
    const mine = h.fake.last(reader.id);
    expect(mine.text).toContain("Чекають доставки");
    expect(mine.text).toContain("Історія том 12");
    expect(h.fake.buttonsOf(mine).map((b) => b.callback_data)).toEqual(["x:12"]);

    // The librarian is told at once: the book, the reader's name, phone and @username, and Delivered on it.
    const told = (chat: number, words: string) => waitUntil(() => h.fake.messagesTo(chat).some((m) => (m.text ?? m.caption ?? "").includes(words)), 20_000, words);
    await told(librarian.id, "New booking");
    const booking = h.fake.messagesTo(librarian.id).find((m) => m.text?.includes("New booking"))!;
    for (const part of ["Історія том 12", reader.first_name, "+380507654321", `@${reader.username}`]) expect(booking.text).toContain(part);
    expect(h.fake.buttonsOf(booking).map((b) => b.callback_data)).toEqual(["d:12"]);
    // The same in /pending.
    await h.act(() => h.fake.text(librarian, "/pending"));
    expect(h.fake.last(librarian.id).text).toContain("+380507654321");
    await h.act(() => h.fake.pressOn(librarian, booking, "d:12"));
    expect(booking.text).toContain("is at the pickup point"); // the message pressed on now shows the card
    expect(status("12")).toBe("delivered");

    // The reader is told the book waits at the pickup point, and presses "I picked it up" on that message.
    await told(reader.id, "чекає на вас на пункті видачі");
    await h.act(() => h.fake.text(reader, "/my"));
    expect(h.fake.last(reader.id).text).toContain("Готові");
    const ready = h.fake.messagesTo(reader.id).find((m) => m.text?.includes("чекає на вас на пункті видачі"))!;
    await h.act(() => h.fake.pressOn(reader, ready, "p:12"));
    expect(ready.text).toContain("Приємного читання");
    expect(status("12")).toBe("picked_up");
    expect(h.kurin.emulator.getCell("12", "Заброньовано до:")).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Returned with a photo answering the prompt.
    await h.act(() => h.fake.press(reader, "r:12"));
    const prompt = h.fake.last(reader.id);
    expect(prompt.text).toContain("надішліть фото");
    await h.act(() => photoReply(h.fake, reader, prompt, "shelf-photo-12"));
    expect(h.fake.last(reader.id).text).toContain("Дякуємо");
    expect(status("12")).toBe("returned");

    // The librarian gets the shelf photo with Confirm on it, and confirms; the reader is told.
    await waitUntil(() => h.fake.messagesTo(librarian.id).some((m) => m.photo === "shelf-photo-12"), 20_000, "the shelf photo");
    const photo = h.fake.messagesTo(librarian.id).find((m) => m.photo === "shelf-photo-12")!;
    expect(photo.caption).toContain("A book is back");
    expect(photo.caption).toContain("+380507654321");
    expect(h.fake.buttonsOf(photo).map((b) => b.callback_data)).toEqual(["f:12"]);
    await h.act(() => h.fake.pressOn(librarian, photo, "f:12"));
    expect(status("12")).toBe("");
    await told(reader.id, "підтвердив повернення");
    await h.act(() => h.fake.text(reader, "/my"));
    expect(h.fake.last(reader.id).text).toContain("немає книжок");
  });

  it("booking without a phone asks for it, then goes on to the confirmation", async () => {
    const reader = person("en");
    await h.act(() => h.fake.text(reader, "/start book_3"));
    await h.act(() => h.fake.press(reader, "k:3"));
    expect(h.fake.last(reader.id).text).toContain("Booking needs your phone number");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "+447700900123", first_name: reader.first_name, user_id: reader.id } }));
    expect(h.fake.last(reader.id).text).toContain("Book “Історія том 3”?");
    await h.act(() => h.fake.press(reader, "K:3"));
    expect(status("3")).toBe("booked");
  });

  it("two readers pressing Book on the same card at once: one gets it, the other is told it was just taken", async () => {
    const [a, b] = [person("en"), person("en", {})];
    for (const r of [a, b]) {
      await h.act(() => h.fake.message(r, { contact: { phone_number: `+38050${String(r.id).slice(-7)}`, first_name: r.first_name, user_id: r.id } }));
      await h.act(() => h.fake.text(r, "/start book_5"));
      await h.act(() => h.fake.press(r, "k:5"));
    }
    // Both presses in one batch of updates: the bot handles them concurrently.
    const ids = [h.fake.press(a, "K:5"), h.fake.press(b, "K:5")];
    await h.fake.handled(Math.max(...ids));
    const texts = [h.fake.last(a.id).text!, h.fake.last(b.id).text!];
    expect(texts.filter((t) => t.includes("is booked for you"))).toHaveLength(0); // the last message is the rules
    const cards = [a, b].map((r) => h.fake.messagesTo(r.id).find((m) => m.text?.includes("Історія том 5") && /booked for you|just booked/.test(m.text))!.text!);
    expect(cards.filter((t) => t.includes("is booked for you"))).toHaveLength(1);
    expect(cards.filter((t) => t.includes("Someone else has just booked this book"))).toHaveLength(1);
    expect(status("5")).toBe("booked");
  });

  it("a stale button answers with the card as it is now, never an error", async () => {
    const reader = person("en");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "+380931234567", first_name: reader.first_name, user_id: reader.id } }));
    await h.act(() => h.fake.text(reader, "/start book_7"));
    const oldCard = h.fake.last(reader.id);
    // Meanwhile a librarian marks it taken by hand in the Sheet, and kurin notices.
    h.kurin.emulator.setCell("7", "Status", "booked");
    await h.kurin.kurin.books.refresh(0);
    await h.act(() => h.fake.pressOn(reader, oldCard, "k:7"));
    const now = h.fake.last(reader.id);
    expect(now.text).toContain("The book has just changed");
    expect(now.text).toContain("Status: booked");
    expect(h.fake.buttonsOf(now).map((b) => b.callback_data)).not.toContain("k:7");
    const answer = h.fake.callsOf("answerCallbackQuery").at(-1)!;
    expect(answer.params.text).toContain("The book has just changed");
  });

  it("a refusal of the API is one sentence saying what to do, above the card as it is now", async () => {
    const reader = person("en");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "+380931234999", first_name: reader.first_name, user_id: reader.id } }));
    for (const id of ["15", "16", "17"]) {
      await h.act(() => h.fake.text(reader, `/start book_${id}`));
      await h.act(() => h.fake.press(reader, `k:${id}`));
      await h.act(() => h.fake.press(reader, `K:${id}`));
    }
    await h.act(() => h.fake.text(reader, "/start book_18"));
    await h.act(() => h.fake.press(reader, "k:18"));
    await h.act(() => h.fake.press(reader, "K:18"));
    expect(h.fake.last(reader.id).text).toContain("You cannot take more books now: return one of yours (/my), then book.");
    const answer = h.fake.callsOf("answerCallbackQuery").at(-1)!;
    expect(answer.params).toMatchObject({ show_alert: true });
    expect(status("18")).toBe("");
  });

  it("a photo that returns nothing, and a contact that is not a phone, are answered in one sentence", async () => {
    const reader = person("en");
    await h.act(() => photoReply(h.fake, reader, undefined, "random-photo"));
    expect(h.fake.last(reader.id).text).toBe("I take photos only to confirm a return: first press “↩️ I returned it” on the book (/my).");
    await h.act(() => h.fake.message(reader, { contact: { phone_number: "call me", first_name: reader.first_name, user_id: reader.id } }));
    expect(h.fake.last(reader.id).text).toBe("That did not work: check what you sent and try again.");
    const me = await h.kurin.kurin.prisma.reader.findUniqueOrThrow({ where: { telegramId: BigInt(reader.id) } });
    expect(me.phone).toBeNull();
  });

  it("every button press was answered once, and every callback_data sent was at most 64 bytes", () => {
    const ids = h.fake.callsOf("answerCallbackQuery").map((c) => c.params.callback_query_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(h.fake.pressCount);
    expect(ids.length).toBeGreaterThan(12);
    const data = h.fake.calls
      .filter((c) => c.params.reply_markup)
      .flatMap((c) => ((c.params.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> }).inline_keyboard ?? []).flat())
      .map((b) => b.callback_data)
      .filter((d): d is string => d !== undefined);
    expect(data.length).toBeGreaterThan(50);
    for (const d of data) expect(Buffer.byteLength(d, "utf8")).toBeLessThanOrEqual(64);
    expect(h.errors).toEqual([]);
  });
});
