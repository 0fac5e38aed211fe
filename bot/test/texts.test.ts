import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { languageOf, textsFor } from "../src/i18n/index.ts";
import { uk } from "../src/i18n/uk.ts";
import { cutText } from "../src/ui/view.ts";
import { bookCallback, callbackData, categoryCallback, categoryKey, CallbackTooLongError } from "../src/ui/callbacks.ts";

describe("texts", () => {
  it("Ukrainian plural forms for 1, 2, 5, 21 (книжка, книжки, книжок, книжка)", () => {
    const { t } = textsFor("uk");
    expect([1, 2, 5, 21].map((count) => t("books", { count }))).toEqual(["1 книжка", "2 книжки", "5 книжок", "21 книжка"]);
    expect([1, 2, 5, 21].map((count) => t("daysLeft", { count }))).toEqual(["залишився 1 день", "залишилося 2 дні", "залишилося 5 днів", "залишився 21 день"]);
    expect([1, 2, 5, 21].map((count) => t("pages", { count }))).toEqual(["1 сторінка", "2 сторінки", "5 сторінок", "21 сторінка"]);
  });

  it("English plural forms for 1, 2, 5, 21", () => {
    const { t } = textsFor("en-GB");
    expect([1, 2, 5, 21].map((count) => t("books", { count }))).toEqual(["1 book", "2 books", "5 books", "21 books"]);
    expect([1, 2, 5, 21].map((count) => t("daysOverdue", { count }))).toEqual(["1 day overdue", "2 days overdue", "5 days overdue", "21 days overdue"]);
  });

  it("Ukrainian for every language but English; dates as the person's locale writes them", () => {
    expect(["uk", "ru", "pl", undefined, ""].map(languageOf)).toEqual(["uk", "uk", "uk", "uk", "uk"]);
    expect(["en", "en-US", "EN-gb"].map(languageOf)).toEqual(["en", "en", "en"]);
    expect(textsFor("uk").date("2026-12-16")).toBe("16 грудня 2026 р.");
    expect(textsFor("en-US").date("2026-12-16")).toBe("December 16, 2026");
    expect(textsFor("en-GB").date("2026-12-16")).toBe("16 December 2026");
  });

  it("every key has a text in both languages, and every refusal code one sentence", () => {
    const ukKeys = Object.keys(uk).map((k) => k.replace(/_(one|few|many|other)$/, ""));
    const enKeys = Object.keys(en).map((k) => k.replace(/_(one|few|many|other)$/, ""));
    expect(new Set(ukKeys)).toEqual(new Set(enKeys));
    for (const code of ["LIMIT_REACHED", "CONFLICT", "INVALID_TRANSITION", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "UNAUTHENTICATED"]) {
      for (const language of ["uk", "en"]) {
        const sentence = textsFor(language).t(`error_${code}` as never);
        expect(sentence).not.toBe(`error_${code}`);
        expect(sentence.split(/[.!?]\s/).length).toBeLessThanOrEqual(2);
      }
    }
  });

  it("values go into HTML escaped; long text is cut at a word, never inside an entity", () => {
    expect(textsFor("en").t("cancelled", { title: "A & B <i>" })).toBe("The booking of “A &amp; B &lt;i&gt;” is cancelled.");
    expect(cutText("one two three four", 12)).toBe("one two…");
    expect(cutText("short", 12)).toBe("short");
  });
});

describe("callback_data", () => {
  it("stays within 64 bytes: long Cyrillic categories by a short key, too-long book ids get no button", () => {
    const category = categoryCallback(categoryKey("українська література та літературознавство"), 99_999);
    expect(Buffer.byteLength(category)).toBeLessThanOrEqual(64);
    expect(bookCallback("confirmReturn", "x".repeat(62))).toBe(`f:${"x".repeat(62)}`);
    expect(bookCallback("confirmReturn", "x".repeat(63))).toBeNull();
    expect(bookCallback("view", "книга-".repeat(6))).toBeNull(); // 2 bytes a letter
    expect(() => callbackData("c", "я".repeat(40))).toThrow(CallbackTooLongError);
  });
});
