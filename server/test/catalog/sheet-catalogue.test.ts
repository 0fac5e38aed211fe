import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { BookStatus } from "../../src/catalog/book.ts";
import { SheetCatalogue } from "../../src/catalog/sheet-catalogue.ts";
import { createSheetsClient } from "../../src/catalog/sheets-client.ts";
import { StatusVocabulary } from "../../src/catalog/status-words.ts";
import { loadConfig } from "../../src/config.ts";
import { startTestKurin } from "../support/kurin.ts";

// The real @googleapis/sheets client against the loopback emulator.

const defaults = loadConfig({}).sheets;

function catalogueFor(emulator: SheetsEmulator, overrides: Partial<typeof defaults> = {}) {
  const settings = { ...defaults, ...overrides };
  return new SheetCatalogue({
    client: createSheetsClient(settings, emulator.url),
    spreadsheetId: emulator.spreadsheetId,
    sheetName: overrides.sheetName ?? emulator.sheetName,
    columns: settings.columns,
    vocabulary: new StatusVocabulary(settings.statusWords),
  });
}

// Columns in another order than the real sheet, an extra column, and every kind of row librarians make.
const MESSY_SHEET = [
  ["Status", "Автор", "Примітка бібліотекаря", "Назва", "id", "Categories", "Заброньовано до:", "К-сть с."],
  ["", "Іван Франко", "подарунок", "Захар Беркут", "1", "українська класика, історичний роман", "", "224"],
  ["booked", "Леся Українка", "", "Лісова пісня", "2", "драматургія", "", "160 с."],
  [],
  ["", "", "", "Нові надходження 2025:"],
  ["delivered", "Victor Hugo", "", "Les Misérables", "3", "світова класика", "", "1200"],
  ["booked", "Ольга Кобилянська", "", "Земля", "4", "українська класика", "09.12.2026", ""],
  ["", "Дубль", "", "Той самий id", "2", "", "", ""],
  ["загублена", "Михайло Коцюбинський", "", "Тіні забутих предків", "5", "українська класика", "", "сто"],
  ["picked_up", "Jules Verne", "", "Навколо світу за 80 днів", "6", "пригоди", "2026-13-45", ""],
  ["RETURNED ", "Марко Вовчок", "", "Інститутка", "7", "", "", ""],
];

describe("SheetCatalogue reading a hand-edited sheet", () => {
  let emulator: SheetsEmulator;
  beforeAll(async () => {
    emulator = await SheetsEmulator.start({ rows: MESSY_SHEET });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("reads the whole tab in one API call and maps columns by header name", async () => {
    emulator.resetCalls();
    const { books, problems } = await catalogueFor(emulator).readAll();
    expect(emulator.calls.reads).toBe(1);
    expect(books.map((b) => b.id)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(books[0]).toEqual({
      id: "1",
      title: "Захар Беркут",
      author: "Іван Франко",
      edition: null,
      pages: 224,
      description: null,
      categories: ["українська класика", "історичний роман"],
      dueDate: null,
      statusRaw: "",
      status: BookStatus.AVAILABLE,
    });
    const byId = new Map(books.map((b) => [b.id, b]));
    expect(byId.get("2")).toMatchObject({ status: BookStatus.BOOKED, pages: 160, title: "Лісова пісня" });
    expect(byId.get("3")).toMatchObject({ status: BookStatus.DELIVERED });
    // the old bot's loan: booked plus a due date in a Ukrainian-locale format
    expect(byId.get("4")).toMatchObject({ status: BookStatus.PICKED_UP, statusRaw: "booked", dueDate: "2026-12-09" });
    expect(byId.get("5")).toMatchObject({ status: BookStatus.UNKNOWN, statusRaw: "загублена", pages: null });
    expect(byId.get("6")).toMatchObject({ status: BookStatus.PICKED_UP, dueDate: null });
    expect(byId.get("7")).toMatchObject({ status: BookStatus.RETURNED, statusRaw: "RETURNED " }); // the cell exactly as written

    const kinds = problems.map((p) => [p.kind, p.row]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["missing-id", 5],
        ["duplicate-id", 8],
        ["unknown-status", 9],
        ["bad-pages", 9],
        ["bad-due-date", 10],
        ["missing-column", 1],
      ]),
    );
    expect(problems.find((p) => p.kind === "missing-id")!.message).toContain("Нові надходження 2025:");
    expect(problems.find((p) => p.kind === "duplicate-id")!.message).toBe("Row 8 repeats id 2 of row 3 and was skipped");
  });

  it("uses configured header names and status words", async () => {
    const english = await SheetsEmulator.start({
      rows: [
        ["Title", "Book no", "State"],
        ["Dracula", "b-1", "on loan"],
        ["Emma", "b-2", "free"],
      ],
    });
    try {
      const catalogue = catalogueFor(english, {
        columns: { ...defaults.columns, id: "Book no", title: "title", status: "STATE" },
        statusWords: { ...defaults.statusWords, pickedUp: "on loan", available: "free" },
      });
      const { books } = await catalogue.readAll();
      expect(books.map((b) => [b.id, b.title, b.status])).toEqual([
        ["b-1", "Dracula", BookStatus.PICKED_UP],
        ["b-2", "Emma", BookStatus.AVAILABLE],
      ]);
    } finally {
      await english.stop();
    }
  });

  it("refuses a sheet without the id, title and status headers, naming them", async () => {
    const wrong = await SheetsEmulator.start({ rows: [["Name", "Writer"], ["Emma", "Austen"]] });
    try {
      await expect(catalogueFor(wrong).readAll()).rejects.toThrow('The sheet has no header row with the columns "id", "Назва", "Status"');
    } finally {
      await wrong.stop();
    }
  });

  it("writes status and due date into the row found by id, after the rows were sorted by hand", async () => {
    const sheet = await SheetsEmulator.start({ rows: MESSY_SHEET });
    try {
      const catalogue = catalogueFor(sheet);
      await catalogue.readAll();
      sheet.moveRow(2, 11); // book 1 goes to the bottom, everything else moves up
      const before = sheet.rows();
      const previous = await catalogue.writeBook("1", { statusRaw: "picked_up", dueDate: "2026-12-24" });
      expect(previous.status).toBe(BookStatus.AVAILABLE);
      expect(sheet.getCell("1", "Status")).toBe("picked_up");
      expect(sheet.getCell("1", "Заброньовано до:")).toBe("2026-12-24");
      // nothing else changed
      const after = sheet.rows();
      const changed = after.flatMap((row, r) => row.map((v, c) => [r, c, v] as const)).filter(([r, c, v]) => (before[r]?.[c] ?? "") !== v);
      expect(changed).toHaveLength(2);
      await catalogue.writeBook("1", { statusRaw: "", dueDate: null });
      expect(sheet.getCell("1", "Status") ?? "").toBe("");
      expect(sheet.getCell("1", "Заброньовано до:") ?? "").toBe("");
    } finally {
      await sheet.stop();
    }
  });

  it("refuses to write a book the sheet does not have", async () => {
    await expect(catalogueFor(emulator).writeBook("404", { statusRaw: "booked" })).rejects.toThrow("Book 404 is not in the sheet");
  });

  it("turns Google's errors into one sentence an operator can act on", async () => {
    emulator.setFaults({ failNext: { status: 429, count: 1 } });
    await expect(catalogueFor(emulator).readAll()).rejects.toThrow(/^Google Sheets quota exceeded \(429\)/);
    emulator.setFaults({ failNext: { status: 403, count: 1 } });
    await expect(catalogueFor(emulator).readAll()).rejects.toThrow(/share the sheet with the service account/);
    emulator.setFaults({});
    await expect(catalogueFor(emulator, { sheetName: "Книги" }).readAll()).rejects.toThrow(/tab named "Книги"/);
    const wrongId = new SheetCatalogue({
      client: createSheetsClient(defaults, emulator.url),
      spreadsheetId: "not-this-one",
      sheetName: emulator.sheetName,
      columns: defaults.columns,
      vocabulary: new StatusVocabulary(defaults.statusWords),
    });
    await expect(wrongId.readAll()).rejects.toThrow(/^Spreadsheet not found \(404\)/);
  });

  it("gives up on a Sheets call that does not answer within SHEETS_TIMEOUT_MS", async () => {
    emulator.setFaults({ hang: "read" });
    try {
      await expect(catalogueFor(emulator, { timeoutMs: 300 }).readAll()).rejects.toThrow(/^Google Sheets did not answer/);
    } finally {
      emulator.setFaults({});
    }
  });
});

describe("a messy sheet through the API", () => {
  it("serves good rows, skips bad ones, marks unknown words UNKNOWN, and reports the rest in the log", async () => {
    const t = await startTestKurin("messy", { emulator: { rows: MESSY_SHEET } });
    try {
      const result = await t.gql<{ books: { totalCount: number; nodes: Array<{ id: string; status: string; statusRaw: string }> } }>(
        `{ books(first: 50) { totalCount nodes { id status statusRaw } } }`,
      );
      expect(result.data!.books.totalCount).toBe(7);
      expect(result.data!.books.nodes.find((b) => b.id === "5")).toEqual({ id: "5", status: "UNKNOWN", statusRaw: "загублена" });
      const report = t.logs.find((l) => String(l.msg).includes("row(s) kurin could not use"));
      expect(report).toBeDefined();
      expect((report!.problems as string[]).some((m) => m.includes("Row 8 repeats id 2"))).toBe(true);

      // Logged when they change, not at every read.
      const reports = () => t.logs.filter((l) => String(l.msg).includes("row(s) kurin could not use")).length;
      await t.kurin.books.refresh(0);
      await t.kurin.books.refresh(0);
      expect(reports()).toBe(1);
      t.emulator.setCell("1", "Status", "на реставрації");
      await t.kurin.books.refresh(0);
      expect(reports()).toBe(2);
    } finally {
      await t.stop();
    }
  });
});
