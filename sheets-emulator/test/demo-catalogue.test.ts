import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOGUE_CSV, SheetsEmulator } from "../src/index.ts";
import { get } from "./helpers.ts";

const HEADER = ["id", "Назва", "Автор", "Видавництво та рік видання", "К-сть с.", "Короткий опис", "Заброньовано до:", "Categories", "Status"];
const CATEGORIES = new Set([
  "українська класика",
  "світова класика",
  "поезія",
  "драматургія",
  "пригоди",
  "дитяча література",
  "фантастика",
  "детектив",
  "історичний роман",
  "мистецтво",
  "біографії (про художників)",
  "філософія",
  "казки",
]);

// Strict parse: every record must have as many fields as the header.
const rows = parse(readFileSync(DEMO_CATALOGUE_CSV, "utf8"), { bom: true }) as string[][];
const [header, ...data] = rows;
const books = data.filter((r) => r[0] !== "");
const col = (name: string) => HEADER.indexOf(name);

describe("the bundled demo catalogue", () => {
  it("has the real sheet's headers, in order", () => {
    expect(header).toEqual(HEADER);
  });

  it("has at least 220 books with unique numeric ids", () => {
    expect(books.length).toBeGreaterThanOrEqual(220);
    const ids = books.map((r) => r[0]!);
    expect(ids.every((id) => /^[1-9][0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has exactly one section heading row without an id, followed by the newest books", () => {
    const headings = data.map((r, i) => [r, i] as const).filter(([r]) => r[0] === "");
    expect(headings).toHaveLength(1);
    const [row, index] = headings[0]!;
    expect(row[col("Назва")]).toBe("Нові надходження 2025:");
    expect(row.filter((cell) => cell !== "")).toHaveLength(1);
    const after = data.slice(index + 1);
    expect(after.length).toBeGreaterThan(5);
    expect(after.every((r) => /, 202[45]$/.test(r[col("Видавництво та рік видання")]!))).toBe(true);
  });

  it("fills every book's title, author, edition, pages, description and 1-3 known categories", () => {
    for (const book of books) {
      expect(book[col("Назва")], book.join(",")).not.toBe("");
      expect(book[col("Автор")]).not.toBe("");
      expect(book[col("Видавництво та рік видання")]).toMatch(/^.+, (19[5-9][0-9]|20[0-2][0-9])$/);
      expect(Number(book[col("К-сть с.")])).toBeGreaterThanOrEqual(32);
      expect(book[col("Короткий опис")]!.length).toBeGreaterThan(20);
      const categories = book[col("Categories")]!.split(",").map((c) => c.trim());
      expect(categories.length).toBeGreaterThanOrEqual(1);
      expect(categories.length).toBeLessThanOrEqual(3);
      for (const c of categories) expect(CATEGORIES.has(c), c).toBe(true);
    }
  });

  it("is mostly available, with every status style the old system left behind", () => {
    const status = (r: string[]) => r[col("Status")]!;
    const due = (r: string[]) => r[col("Заброньовано до:")]!;
    expect(new Set(books.map(status))).toEqual(new Set(["", "booked", "delivered", "returned", "picked_up"]));
    expect(books.filter((r) => status(r) === "").length / books.length).toBeGreaterThan(0.8);
    expect(books.filter((r) => status(r) === "booked" && due(r) === "").length).toBeGreaterThanOrEqual(5);
    expect(books.filter((r) => status(r) === "booked" && /^\d{2}\.\d{2}\.\d{4}$/.test(due(r))).length).toBeGreaterThanOrEqual(3);
    expect(books.filter((r) => status(r) === "picked_up").every((r) => /^\d{4}-\d{2}-\d{2}$/.test(due(r)))).toBe(true);
    expect(books.filter((r) => status(r) === "picked_up").length).toBeGreaterThanOrEqual(1);
    // A due date only where a loan is open.
    expect(books.filter((r) => due(r) !== "").every((r) => ["booked", "picked_up"].includes(status(r)))).toBe(true);
  });

  describe("served by the emulator", () => {
    let emu: SheetsEmulator;
    beforeAll(async () => {
      emu = await SheetsEmulator.start();
    });
    afterAll(() => emu.stop());

    it("is the default catalogue, in the Books tab of demo-catalogue", async () => {
      expect(emu.spreadsheetId).toBe("demo-catalogue");
      expect(emu.sheetName).toBe("Books");
      const { json } = await get(emu, "Books!A1:Z");
      expect(json.range).toBe("Books!A1:Z1000");
      expect(json.values).toHaveLength(rows.length);
      // Available books end before the Status column: the row is shorter than the header.
      const available = json.values.find((r: string[]) => r[0] !== "id" && r[0] !== "" && r.length < HEADER.length);
      expect(available).toBeDefined();
      expect(json.values.find((r: string[]) => r[0] === "")).toEqual(["", "Нові надходження 2025:"]);
    });
  });
});
