import { describe, expect, it } from "vitest";
import { columnLetter, parseDueDate, splitCategories } from "../../src/catalog/row-mapping.ts";
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
});
