import { describe, expect, it } from "vitest";
import {
  A1ParseError,
  columnToLetters,
  formatRange,
  formatRect,
  lettersToColumn,
  parseA1,
  quoteSheetName,
  resolveRect,
  writeTarget,
} from "../src/a1.ts";

describe("column letters", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [18_278, "ZZZ"],
  ])("%i <-> %s", (n, letters) => {
    expect(columnToLetters(n)).toBe(letters);
    expect(lettersToColumn(letters)).toBe(n);
  });

  it("reads lower case", () => expect(lettersToColumn("ab")).toBe(28));
});

describe("parseA1", () => {
  it("a bare tab name is the whole tab", () => {
    expect(parseA1("Books")).toEqual({ sheetName: "Books" });
  });

  it("an area with an open last row", () => {
    expect(parseA1("Books!A1:Z")).toEqual({ sheetName: "Books", start: { col: 1, row: 1 }, end: { col: 26 } });
  });

  it("a whole column and a whole row", () => {
    expect(parseA1("Books!A:A")).toEqual({ sheetName: "Books", start: { col: 1 }, end: { col: 1 } });
    expect(parseA1("Books!1:1")).toEqual({ sheetName: "Books", start: { row: 1 }, end: { row: 1 } });
  });

  it("a single cell", () => {
    expect(parseA1("Books!C5")).toEqual({ sheetName: "Books", start: { col: 3, row: 5 } });
  });

  it("quoted tab names with non-Latin letters, spaces and escaped quotes", () => {
    expect(parseA1("'Книги'!A1:Z")).toEqual({ sheetName: "Книги", start: { col: 1, row: 1 }, end: { col: 26 } });
    expect(parseA1("'Нові книги 2025'!B2")).toEqual({ sheetName: "Нові книги 2025", start: { col: 2, row: 2 } });
    expect(parseA1("'Читацькі''s list'")).toEqual({ sheetName: "Читацькі's list" });
    expect(parseA1("'It''s'!A1")).toEqual({ sheetName: "It's", start: { col: 1, row: 1 } });
  });

  it("an unquoted non-Latin tab name", () => {
    expect(parseA1("Книги!A2:I")).toEqual({ sheetName: "Книги", start: { col: 1, row: 2 }, end: { col: 9 } });
  });

  it("columns beyond Z", () => {
    expect(parseA1("Books!AA1:AZ10")).toEqual({ sheetName: "Books", start: { col: 27, row: 1 }, end: { col: 52, row: 10 } });
  });

  it("no tab: the first tab is meant", () => {
    expect(parseA1("A1:C3")).toEqual({ start: { col: 1, row: 1 }, end: { col: 3, row: 3 } });
    expect(parseA1("B7")).toEqual({ start: { col: 2, row: 7 } });
  });

  it("corners in either order, lower case, $ signs", () => {
    expect(parseA1("Books!c3:a1")).toEqual({ sheetName: "Books", start: { col: 1, row: 1 }, end: { col: 3, row: 3 } });
    expect(parseA1("Books!$A$1:$B$2")).toEqual({ sheetName: "Books", start: { col: 1, row: 1 }, end: { col: 2, row: 2 } });
  });

  it.each(["", "Books!", "'Books", "''!A1", "Books!A", "Books!A1:5", "Books!A0", "Books!A1:B2:C3", "Books!AAAA1", "Bo'oks!A1", "'Books'A1"])(
    "rejects %j with Google's message",
    (input) => {
      expect(() => parseA1(input)).toThrow(A1ParseError);
      expect(() => parseA1(input)).toThrow(`Unable to parse range: ${input}`);
    },
  );
});

describe("resolving and formatting", () => {
  it("open bounds run to the edge of the grid", () => {
    expect(resolveRect(parseA1("Books"), 1000, 26)).toEqual({ startRow: 1, startCol: 1, endRow: 1000, endCol: 26 });
    expect(resolveRect(parseA1("Books!A1:Z"), 1000, 26)).toEqual({ startRow: 1, startCol: 1, endRow: 1000, endCol: 26 });
    expect(resolveRect(parseA1("Books!A:A"), 1000, 26)).toEqual({ startRow: 1, startCol: 1, endRow: 1000, endCol: 1 });
    expect(resolveRect(parseA1("Books!1:1"), 1000, 26)).toEqual({ startRow: 1, startCol: 1, endRow: 1, endCol: 26 });
    expect(resolveRect(parseA1("Books!C5"), 1000, 26)).toEqual({ startRow: 5, startCol: 3, endRow: 5, endCol: 3 });
  });

  it("formats like Google: whole grid, single cell, quoted names", () => {
    expect(formatRect("Books", { startRow: 1, startCol: 1, endRow: 1000, endCol: 26 })).toBe("Books!A1:Z1000");
    expect(formatRect("Books", { startRow: 5, startCol: 3, endRow: 5, endCol: 3 })).toBe("Books!C5");
    expect(formatRect("Книги", { startRow: 1, startCol: 1, endRow: 2, endCol: 28 })).toBe("'Книги'!A1:AB2");
    expect(formatRange("Books", parseA1("Books!A1:Z"))).toBe("Books!A1:Z");
    expect(formatRange("Books", parseA1("Books!A:A"))).toBe("Books!A:A");
    expect(formatRange("Books", parseA1("Books"))).toBe("Books");
  });

  it("quotes names that need it", () => {
    expect(quoteSheetName("Books")).toBe("Books");
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("My books")).toBe("'My books'");
    expect(quoteSheetName("It's")).toBe("'It''s'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("Книги")).toBe("'Книги'");
  });

  it("write targets: a cell or a tab anchors, closed bounds limit", () => {
    expect(writeTarget(parseA1("Books"))).toEqual({ startRow: 1, startCol: 1 });
    expect(writeTarget(parseA1("Books!C5"))).toEqual({ startRow: 5, startCol: 3 });
    expect(writeTarget(parseA1("Books!A2:B3"))).toEqual({ startRow: 2, startCol: 1, maxRow: 3, maxCol: 2 });
    expect(writeTarget(parseA1("Books!A2:B"))).toEqual({ startRow: 2, startCol: 1, maxCol: 2 });
    expect(writeTarget(parseA1("Books!3:3"))).toEqual({ startRow: 3, startCol: 1, maxRow: 3 });
  });
});
