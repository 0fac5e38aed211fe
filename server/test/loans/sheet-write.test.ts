import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { SheetCatalogue } from "../../src/catalog/sheet-catalogue.ts";
import { createSheetsClient } from "../../src/catalog/sheets-client.ts";
import { StatusVocabulary } from "../../src/catalog/status-words.ts";
import { loadConfig } from "../../src/config.ts";
import { changedRows } from "../support/sheet-rows.ts";

// SheetCatalogue's write side: a write goes to the row of the book's id, checked in the same call, and a row a
// librarian moved in between is followed (the row hit by mistake put back as it was).

describe("SheetCatalogue.writeCells when rows move", () => {
  const SHEET = [
    ["id", "Назва", "Status", "Заброньовано до:"],
    ["1", "Захар Беркут", "", ""],
    ["2", "Лісова пісня", "delivered", ""],
    ["3", "Земля", "booked", "09.12.2026"],
    [],
    ["", "Нові надходження 2025:"],
    ["4", "Інститутка", "", ""],
  ];
  let emulator: SheetsEmulator;
  let catalogue: SheetCatalogue;
  beforeAll(async () => {
    emulator = await SheetsEmulator.start({ rows: SHEET });
    const settings = loadConfig({}).sheets;
    catalogue = new SheetCatalogue({
      client: createSheetsClient(settings, emulator.url),
      spreadsheetId: emulator.spreadsheetId,
      sheetName: emulator.sheetName,
      columns: settings.columns,
      vocabulary: new StatusVocabulary(settings.statusWords),
    });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("checks the row in the same call as the write when nothing moved (one write, no extra read)", async () => {
    emulator.setRows(SHEET);
    const row = await catalogue.readBook("1");
    emulator.resetCalls();
    const outcome = await catalogue.writeCells(row, { statusRaw: "booked", dueDate: null });
    expect(outcome).toEqual({ row: 2, attempts: 1, movedFrom: [] });
    expect(emulator.calls).toMatchObject({ reads: 0, writes: 1 });
    expect(changedRows(SHEET, emulator.rows())).toEqual(["1"]);
  });

  it("a section heading sorted into the book's row: the heading row is left as it was", async () => {
    emulator.setRows(SHEET);
    const row = await catalogue.readBook("2"); // row 3
    let moved = false;
    emulator.beforeWrite = () => {
      if (!moved) emulator.moveRow(6, 3); // the heading goes to row 3, book 2 to row 4
      moved = true;
    };
    try {
      const outcome = await catalogue.writeCells(row, { statusRaw: "picked_up", dueDate: "2026-12-24" });
      expect(outcome).toMatchObject({ row: 4, attempts: 2, movedFrom: [3] });
    } finally {
      emulator.beforeWrite = undefined;
    }
    expect(emulator.getCell("2", "Status")).toBe("picked_up");
    expect(emulator.getCell("2", "Заброньовано до:")).toBe("2026-12-24");
    expect(changedRows(SHEET, emulator.rows())).toEqual(["2"]);
  });

  it("a book's cells written by mistake are put back exactly as they were (raw date text included)", async () => {
    emulator.setRows(SHEET);
    const row = await catalogue.readBook("2"); // row 3
    let moved = false;
    emulator.beforeWrite = () => {
      if (!moved) emulator.moveRow(3, 7); // book 2 to the bottom: book 3 ("booked", "09.12.2026") moves up into row 3
      moved = true;
    };
    try {
      await catalogue.writeCells(row, { statusRaw: "", dueDate: null });
    } finally {
      emulator.beforeWrite = undefined;
    }
    expect(emulator.getCell("3", "Status")).toBe("booked");
    expect(emulator.getCell("3", "Заброньовано до:")).toBe("09.12.2026");
    expect(emulator.getCell("2", "Status") ?? "").toBe("");
    expect(changedRows(SHEET, emulator.rows())).toEqual(["2"]);
  });

  it("gives up, with the rows restored, when the sheet keeps moving", async () => {
    emulator.setRows(SHEET);
    const row = await catalogue.readBook("1");
    let writes = 0;
    // Every write of the book finds another book in the row it aims at (the writes putting cells back do not).
    emulator.beforeWrite = () => {
      if (writes++ % 2 !== 0) return;
      const rows = emulator.rows();
      const at = rows.findIndex((r) => r[0] === "1") + 1;
      emulator.moveRow(at, at === 2 ? 4 : 2);
    };
    try {
      await expect(catalogue.writeCells(row, { statusRaw: "booked" })).rejects.toThrow(/kept (moving|changing)/);
    } finally {
      emulator.beforeWrite = undefined;
    }
    expect(writes).toBe(6); // three attempts, each put back
    expect(emulator.getCell("1", "Status") ?? "").toBe("");
    expect(changedRows(SHEET, emulator.rows())).toEqual([]);
  });
});
