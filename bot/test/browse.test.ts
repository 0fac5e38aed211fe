import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person } from "./support/fake-bot-api.ts";
import { startBotHarness, type BotHarness } from "./support/harness.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness("bot-browse");
  await h.startBot();
});
afterAll(async () => {
  await h?.stop();
});

describe("browsing", () => {
  it("/books lists the categories with counts; a category pages by 10 with marks and prev/next", async () => {
    const reader = person("en");
    await h.act(() => h.fake.text(reader, "/books"));
    const categories = h.fake.last(reader.id);
    const labels = h.fake.buttonsOf(categories).map((b) => b.text);
    expect(labels).toContain("історія · 23");
    expect(labels).toContain("поезія · 3");
    expect(labels).toContain("All books · 26");

    const history = h.fake.buttonsOf(categories).find((b) => b.text.startsWith("історія"))!.callback_data!;
    await h.act(() => h.fake.press(reader, history));
    const page1 = h.fake.last(reader.id);
    expect(page1.text).toContain("1–10 of 23");
    expect(page1.text?.match(/🟢/g)?.length).toBe(11); // ten books and the legend
    const nav = h.fake.buttonsOf(page1).map((b) => b.text);
    expect(nav).toContain("1 / 3");
    expect(nav).not.toContain("◀️");

    const next = h.fake.buttonsOf(page1).find((b) => b.text === "▶️")!.callback_data!;
    await h.act(() => h.fake.press(reader, next));
    const page2 = h.fake.last(reader.id);
    expect(page2.message_id).toBe(page1.message_id); // edited in place
    expect(page2.text).toContain("11–20 of 23");
    expect(page2.text).toContain("Історія том 11");
    const next2 = h.fake.buttonsOf(page2).find((b) => b.text === "▶️")!.callback_data!;
    await h.act(() => h.fake.press(reader, next2));
    expect(h.fake.last(reader.id).text).toContain("21–23 of 23");
    expect(h.fake.buttonsOf(h.fake.last(reader.id)).map((b) => b.text)).toEqual(expect.arrayContaining(["◀️", "3 / 3"]));
  });

  it("any text is a search by title and author; the card shows every field, escaped, and a long description cut at a word", async () => {
    const reader = person("uk");
    await h.act(() => h.fake.text(reader, "шевченко"));
    const found = h.fake.last(reader.id);
    expect(found.text).toContain("Знайдено 1 книжку");
    expect(found.text).toContain("Кобзар");
    await h.act(() => h.fake.press(reader, "v:101"));
    const card = h.fake.last(reader.id).text!;
    for (const part of ["<b>Кобзар</b>", "Тарас Шевченко", "Дніпро, 1985", "640 сторінок", "поезія, українська література", "Вірші &amp; поеми &lt;класика&gt;", "на полиці"]) {
      expect(card).toContain(part);
    }
    expect(h.fake.buttonsOf(h.fake.last(reader.id)).map((b) => b.callback_data)).toContain("k:101");

    await h.act(() => h.fake.text(reader, "/start book_102"));
    const long = h.fake.last(reader.id).text!;
    expect(long.length).toBeLessThanOrEqual(4096);
    expect(long).toMatch(/Слово…\n/);
  });

  it("a deep link opens a book's card; an unknown id says so", async () => {
    const reader = person("en");
    await h.act(() => h.fake.text(reader, "/start book_103"));
    const card = h.fake.last(reader.id);
    expect(card.text).toContain("Взята книжка");
    expect(card.text).toContain("Status: on loan"); // booked with a due date: the old bot's loan
    expect(card.text).toContain("Due: January 1, 2026");
    expect(h.fake.buttonsOf(card).map((b) => b.callback_data)).not.toContain("k:103"); // not available: no Book button

    await h.act(() => h.fake.text(reader, "/start book_999"));
    expect(h.fake.last(reader.id).text).toBe("The catalogue has no book number 999.");
  });
});
