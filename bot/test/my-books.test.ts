import { describe, expect, it } from "vitest";
import type { OwnLoan } from "../src/api/operations.ts";
import { myBooksView } from "../src/features/my-books.ts";
import { textsFor } from "../src/i18n/index.ts";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const DAY = 24 * 3600 * 1000;

function loan(bookId: string, state: OwnLoan["state"], extra: Partial<OwnLoan> = {}): OwnLoan {
  return { id: bookId, bookId, state, overdue: false, dueAt: null, dueDate: null, book: { title: `Book ${bookId}`, author: null, status: "BOOKED" }, ...extra };
}

describe("/my", () => {
  it("groups the reader's books, with days left and days overdue in the reader's plural forms", () => {
    const loans = [
      loan("1", "BOOKED"),
      loan("2", "DELIVERED"),
      loan("3", "PICKED_UP", { dueAt: new Date(NOW + 5 * DAY).toISOString(), dueDate: "2026-12-07" }),
      loan("4", "PICKED_UP", { overdue: true, dueAt: new Date(NOW - 2 * DAY).toISOString(), dueDate: "2026-11-30" }),
      loan("5", "RETURNED"),
    ];
    const view = myBooksView(textsFor("uk"), loans, NOW);
    const text = view.text;
    const order = ["Готові", "Чекають доставки", "Прострочені", "На руках", "Повернені"].map((g) => text.indexOf(g));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).toContain("Book 3 (7 грудня 2026 р.; залишилося 5 днів)");
    expect(text).toContain("Book 4 (30 листопада 2026 р.; прострочено на 2 дні)");
    expect(view.keyboard!.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["p:2", "x:2", "x:1", "r:4", "r:3", "v:5"]);
    expect(myBooksView(textsFor("en"), [loan("3", "PICKED_UP", { dueAt: new Date(NOW + 1 * DAY).toISOString(), dueDate: "2026-12-03" })], NOW).text).toContain("1 day left");
    expect(myBooksView(textsFor("en"), [], NOW).text).toBe("You have no books now. Find one in /books!");
  });
});
