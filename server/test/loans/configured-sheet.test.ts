import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// A library whose Sheet has its own headers and status words: every step reads and writes them, never the
// defaults.

const HEADERS = ["Шифр", "Заголовок", "Автор книги", "Стан", "Повернути до"];
const ENV = {
  SHEET_COLUMN_ID: "Шифр",
  SHEET_COLUMN_TITLE: "Заголовок",
  SHEET_COLUMN_AUTHOR: "Автор книги",
  SHEET_COLUMN_STATUS: "Стан",
  SHEET_COLUMN_DUE_DATE: "Повернути до",
  SHEET_STATUS_BOOKED: "заброньована",
  SHEET_STATUS_DELIVERED: "на видачі",
  SHEET_STATUS_PICKED_UP: "у читача",
  SHEET_STATUS_RETURNED: "повернута",
  SHEET_BOOKED_WITH_DUE_DATE_IS_PICKED_UP: "false",
};

describe("a Sheet with the library's own headers and status words", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("configured", {
      env: ENV,
      emulator: {
        rows: [
          HEADERS,
          ["K-1", "Кобзар", "Тарас Шевченко", "", ""],
          ["K-2", "Енеїда", "Іван Котляревський", "заброньована", "09.12.2026"],
          ["K-3", "Лісова пісня", "Леся Українка", "booked", ""],
        ],
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("reads the words it was given: its booked word beside a date stays booked (the old bot's rule off); the default words are unknown", async () => {
    const books = await t.gql<{ books: { nodes: Array<{ id: string; title: string; author: string; status: string; dueDate: string | null }> } }>(
      `{ books(first: 10) { nodes { id title author status dueDate } } }`,
    );
    expect(books.data!.books.nodes).toEqual([
      { id: "K-1", title: "Кобзар", author: "Тарас Шевченко", status: "AVAILABLE", dueDate: null },
      { id: "K-2", title: "Енеїда", author: "Іван Котляревський", status: "BOOKED", dueDate: "2026-12-09" },
      { id: "K-3", title: "Лісова пісня", author: "Леся Українка", status: "UNKNOWN", dueDate: null },
    ]);
  });

  it("writes its own words at every step, in its own columns", async () => {
    // the emulator's own helpers look for a column headed "id": read the rows as they are instead
    const cells = () => {
      const [header, ...rows] = t.emulator.rows();
      const row = rows.find((r) => r[header!.indexOf("Шифр")] === "K-1")!;
      return [row[header!.indexOf("Стан")] ?? "", row[header!.indexOf("Повернути до")] ?? ""];
    };
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId: "K-1" })).errors).toBeUndefined();
    expect(cells()).toEqual(["заброньована", ""]);
    expect((await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId: "K-1" })).errors).toBeUndefined();
    expect(cells()).toEqual(["на видачі", ""]);
    const pickup = await t.reader(1).gql<{ markAsPickedUp: { dueDate: string } }>(MUTATIONS.markAsPickedUp, { bookId: "K-1" });
    expect(pickup.errors).toBeUndefined();
    expect(cells()).toEqual(["у читача", pickup.data!.markAsPickedUp.dueDate]);
    expect((await t.reader(1).gql(MUTATIONS.markAsReturnedByUser, { bookId: "K-1", photo: "AgACAgIAAxkBAAIB" })).errors).toBeUndefined();
    expect(cells()).toEqual(["повернута", pickup.data!.markAsPickedUp.dueDate]);
    expect((await t.librarian().gql(MUTATIONS.confirmBookReturn, { bookId: "K-1" })).errors).toBeUndefined();
    expect(cells()).toEqual(["", ""]);
    expect((await t.reader(2).gql(MUTATIONS.bookItem, { bookId: "K-1" })).errors).toBeUndefined();
    expect((await t.reader(2).gql(MUTATIONS.cancelBooking, { bookId: "K-1" })).errors).toBeUndefined();
    expect(cells()).toEqual(["", ""]);
    // a word of the defaults is not this library's: nothing may be done with that book
    expect(codes(await t.reader(3).gql(MUTATIONS.bookItem, { bookId: "K-3" }))).toEqual(["INVALID_TRANSITION"]);
  });
});
