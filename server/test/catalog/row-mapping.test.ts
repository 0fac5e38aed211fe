import { describe, expect, it } from "vitest";
import { BookStatus } from "../../src/catalog/book.ts";
import { columnLetter, mapSheet, parseDueDate, parsePages, splitCategories } from "../../src/catalog/row-mapping.ts";
import { StatusVocabulary } from "../../src/catalog/status-words.ts";
import { loadConfig } from "../../src/config.ts";
import { quoteSheetName } from "../../src/catalog/sheet-catalogue.ts";
import { matches, normaliseForSearch } from "../../src/books/search.ts";

describe("cell parsing", () => {
  it.each([
    ["2026-12-05", "2026-12-05"],
    ["09.12.2026", "2026-12-09"],
    ["9.1.2027", "2027-01-09"],
    ["09/12/2026", "2026-12-09"],
    ["31.02.2026", null],
    ["2026-13-01", null],
    ["завтра", null],
    ["", null],
  ])("due date %s -> %s", (text, expected) => {
    expect(parseDueDate(text)).toBe(expected);
  });

  it.each([
    ["640", 640],
    ["22 с.", 22],
    ["22c.", 22], // a Latin c
    ["208p.", 208],
    ["179р.", 179], // a Cyrillic р
    ["604с., іл.", 604],
    ["σελ. 120", 120],
    ["320 стор.", 320],
    ["96 pages", 96],
    ["сто", null],
    ["12-15", null],
    ["640 с. 2 т.", null],
  ])("page count %s -> %s", (text, expected) => {
    expect(parsePages(text)).toBe(expected);
  });

  it("splits categories on commas and drops repeats and blanks", () => {
    expect(splitCategories("мистецтво, біографії (про художників)")).toEqual(["мистецтво", "біографії (про художників)"]);
    expect(splitCategories(" поезія,,поезія ;  казки ")).toEqual(["поезія", "казки"]);
    expect(splitCategories("")).toEqual([]);
  });

  it("names columns and quotes tabs like A1 notation", () => {
    expect([0, 8, 25, 26, 51, 702].map(columnLetter)).toEqual(["A", "I", "Z", "AA", "AZ", "AAA"]);
    expect(quoteSheetName("Books")).toBe("Books");
    expect(quoteSheetName("Книги")).toBe("'Книги'");
    expect(quoteSheetName("Lib's books")).toBe("'Lib''s books'");
  });
});

describe("search normalisation", () => {
  it("ignores case, accents and the marks of ї and й", () => {
    expect(normaliseForSearch("ЇЖАК Й Les Misérables")).toBe("іжак и les miserables");
    expect(matches(normaliseForSearch("Кобзар Тарас Шевченко"), normaliseForSearch("шевченко КОБЗАР"))).toBe(true);
    expect(matches(normaliseForSearch("Камінний хрест Василь Стефаник"), normaliseForSearch("стефаник франко"))).toBe(false);
    expect(matches(normaliseForSearch("Пам’ять"), normaliseForSearch("пам'ять"))).toBe(true);
  });

  it("ignores soft hyphens and zero-width characters inside words", () => {
    expect(matches(normaliseForSearch("Кобза\u00ADр Шев\u200Bченко"), normaliseForSearch("кобзар шевченко"))).toBe(true);
    expect(matches(normaliseForSearch("Лісова\u2060 пісня\uFEFF"), normaliseForSearch("лісова пісня"))).toBe(true);
  });
});

describe("a row's status, as the old bot read it", () => {
  const config = loadConfig({});
  const header = ["id", "Назва", "Заброньовано до:", "Status"];
  const map = (rows: string[][]) => {
    const mapped = mapSheet([header, ...rows], config.sheets.columns, new StatusVocabulary(config.sheets.statusWords));
    // this small sheet lacks the other columns on purpose
    return { ...mapped, problems: mapped.problems.filter((p) => p.kind !== "missing-column") };
  };

  it("a note in the due-date column makes the book not available: UNKNOWN, with the note quoted among the problems", () => {
    const { books, problems } = map([
      ["1", "Кобзар", "RIP", ""],
      ["2", "Енеїда", "до 10.06", ""],
      ["3", "Тіні забутих предків", "", ""],
    ]);
    expect(books.map((b) => [b.id, b.status, b.dueDate])).toEqual([
      ["1", BookStatus.UNKNOWN, null],
      ["2", BookStatus.UNKNOWN, null],
      ["3", BookStatus.AVAILABLE, null],
    ]);
    expect(problems.filter((p) => p.kind === "bad-due-date").map((p) => [p.bookId, p.value])).toEqual([
      ["1", "RIP"],
      ["2", "до 10.06"],
    ]);
    expect(problems.find((p) => p.bookId === "1")!.message).toContain('"RIP"');
  });

  it("a date with a blank Status is a book lent by hand until then (on loan), never available", () => {
    const { books, problems } = map([["1", "Кобзар", "09.12.2026", ""]]);
    expect(books[0]).toMatchObject({ status: BookStatus.PICKED_UP, dueDate: "2026-12-09", statusRaw: "" });
    expect(problems).toEqual([]);
  });

  it("statusRaw is the cell exactly as written; status is its meaning", () => {
    const { books, problems } = map([
      ["1", "Кобзар", "", " booked "],
      ["2", "Енеїда", "", "Delivered"],
    ]);
    expect(books.map((b) => [b.statusRaw, b.status])).toEqual([
      [" booked ", BookStatus.BOOKED],
      ["Delivered", BookStatus.DELIVERED],
    ]);
    expect(problems).toEqual([]);
  });
});
