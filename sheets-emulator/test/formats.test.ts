import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SheetsEmulator } from "../src/index.ts";
import { call, encodeParam, smallCatalogue } from "./helpers.ts";

// spreadsheets.get and spreadsheets.batchUpdate: a row's values and its background colour in one request,
// the fills recorded per cell so tests can read them, and every request checked before any is applied.

const YELLOW = { red: 1, green: 1, blue: 0 };
const SHEET_ID = 4242;

let emu: SheetsEmulator;

const spreadsheet = (query: Record<string, string | string[]> = {}) => call(emu, "GET", `v4/spreadsheets/${encodeParam(emu.spreadsheetId)}`, { query });
const batchUpdate = (body: unknown) => call(emu, "POST", `v4/spreadsheets/${encodeParam(emu.spreadsheetId)}:batchUpdate`, { body });

/** Status (column E, index 4) of sheet row `row` and the fill of A..E, as kurin sends them. */
function statusAndFill(row: number, status: string, colour: object | undefined = YELLOW) {
  return [
    { updateCells: { start: { sheetId: SHEET_ID, rowIndex: row - 1, columnIndex: 4 }, rows: [{ values: [status === "" ? {} : { userEnteredValue: { stringValue: status } }] }], fields: "userEnteredValue" } },
    {
      repeatCell: {
        range: { sheetId: SHEET_ID, startRowIndex: row - 1, endRowIndex: row, startColumnIndex: 0, endColumnIndex: 5 },
        cell: { userEnteredFormat: { backgroundColor: colour } },
        fields: "userEnteredFormat.backgroundColor",
      },
    },
  ];
}

beforeAll(async () => {
  emu = await SheetsEmulator.start({ rows: smallCatalogue(), sheetId: SHEET_ID });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setRows(smallCatalogue());
  emu.resetCalls();
  emu.beforeWrite = undefined;
});

describe("spreadsheets.get", () => {
  it("lists the tabs with their numeric ids, as a read", async () => {
    const { status, json } = await spreadsheet();
    expect(status).toBe(200);
    expect(json.sheets).toEqual([{ properties: { sheetId: SHEET_ID, title: "Books", index: 0, sheetType: "GRID", gridProperties: { rowCount: 1000, columnCount: 26 } } }]);
    expect(emu.calls).toMatchObject({ getSpreadsheet: 1, reads: 1, writes: 0 });
  });

  it("answers a range's cells with their values and fills when grid data is asked for", async () => {
    emu.setFill(3, 1, 2, "#ffff00");
    const { json } = await spreadsheet({ ranges: "Books!A3:C3", includeGridData: "true" });
    expect(json.sheets[0].data).toEqual([
      {
        startRow: 2,
        startColumn: 0,
        rowData: [
          {
            values: [
              { userEnteredValue: { stringValue: "2" }, effectiveValue: { stringValue: "2" }, formattedValue: "2", userEnteredFormat: { backgroundColor: YELLOW } },
              { userEnteredValue: { stringValue: "Захар Беркут" }, effectiveValue: { stringValue: "Захар Беркут" }, formattedValue: "Захар Беркут", userEnteredFormat: { backgroundColor: YELLOW } },
              { userEnteredValue: { stringValue: "Іван Франко" }, effectiveValue: { stringValue: "Іван Франко" }, formattedValue: "Іван Франко" },
            ],
          },
        ],
      },
    ]);
  });
});

describe("spreadsheets.batchUpdate", () => {
  it("writes a status cell and paints the row in one write, recorded per cell", async () => {
    const { status, json } = await batchUpdate({ requests: statusAndFill(2, "booked") });
    expect(status).toBe(200);
    expect(json).toEqual({ spreadsheetId: "demo-catalogue", replies: [{}, {}] });
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(emu.rowFill("1")).toBe("#FFFF00");
    expect(emu.fills()[1]).toEqual(["#FFFF00", "#FFFF00", "#FFFF00", "#FFFF00", "#FFFF00"]);
    expect(emu.rowFill("2")).toBeNull();
    expect(emu.calls).toMatchObject({ batchUpdateSpreadsheet: 1, writes: 1, reads: 0, failed: 0 });
  });

  it("white is a fill of its own, and a cell without a value is cleared", async () => {
    await batchUpdate({ requests: statusAndFill(3, "", { red: 1, green: 1, blue: 1 }) });
    expect(emu.getCell("2", "Status")).toBe("");
    expect(emu.rowFill("2")).toBe("#FFFFFF");
  });

  it("answers the spreadsheet after the write for the response ranges (how a writer checks the row it hit)", async () => {
    emu.beforeWrite = () => emu.moveRow(2, 5); // the row moves after the request was checked, before it is applied
    const { json } = await batchUpdate({
      requests: statusAndFill(2, "booked"),
      includeSpreadsheetInResponse: true,
      responseRanges: ["Books!A2"],
      responseIncludeGridData: true,
    });
    expect(json.updatedSpreadsheet.sheets[0].properties.sheetId).toBe(SHEET_ID);
    expect(json.updatedSpreadsheet.sheets[0].data[0].rowData[0].values[0].formattedValue).toBe("2");
    // Book 2 moved up into row 2 and took the write; book 1 (now at the bottom) kept its cells and no fill.
    expect(emu.getCell("2", "Status")).toBe("booked");
    expect(emu.rowFill("2")).toBe("#FFFF00");
    expect(emu.rowFill("1")).toBeNull();
  });

  it("moves a row's fills with its values when the tab is sorted", async () => {
    emu.setFill(2, 1, 5, "#FFFF00");
    emu.moveRow(2, 5);
    expect(emu.rows()[4]![0]).toBe("1");
    expect(emu.rowFill("1")).toBe("#FFFF00");
    expect(emu.rowFill("2")).toBeNull();
  });

  it("refuses the whole batch when one request is wrong, and changes nothing", async () => {
    const wrong = [
      { requests: [...statusAndFill(2, "booked"), { updateCells: { start: { sheetId: 1, rowIndex: 1, columnIndex: 4 }, rows: [{ values: [{}] }], fields: "userEnteredValue" } }] },
      { requests: [...statusAndFill(2, "booked"), { mergeCells: { range: { sheetId: SHEET_ID } } }] },
      { requests: [{ repeatCell: { range: { sheetId: SHEET_ID, startRowIndex: 1, endRowIndex: 2 }, cell: {}, fields: "userEnteredFormat.textFormat" } }] },
      { requests: [{ repeatCell: { range: { sheetId: SHEET_ID, startRowIndex: 1, endRowIndex: 2000 }, cell: {}, fields: "userEnteredFormat" } }] },
      { requests: [] },
    ];
    const messages: string[] = [];
    for (const body of wrong) {
      const { status, json } = await batchUpdate(body);
      expect(status).toBe(400);
      expect(json.error.status).toBe("INVALID_ARGUMENT");
      messages.push(json.error.message);
    }
    expect(messages[0]).toContain("No grid with id: 1");
    expect(messages[1]).toContain('does not implement "mergeCells"');
    expect(messages[2]).toContain('field mask "userEnteredFormat.textFormat"');
    expect(messages[3]).toContain("exceeds grid limits");
    expect(emu.rows()).toEqual(smallCatalogue());
    expect(emu.fills().flat().filter((fill) => fill !== null)).toEqual([]);
    expect(emu.calls).toMatchObject({ batchUpdateSpreadsheet: wrong.length, failed: wrong.length });
  });

  it("takes injected write faults like the values endpoints", async () => {
    emu.setFaults({ failNext: { status: 429, count: 1, only: "write" } });
    const { status } = await batchUpdate({ requests: statusAndFill(2, "booked") });
    expect(status).toBe(429);
    expect(emu.getCell("1", "Status")).toBe("");
    expect(emu.rowFill("1")).toBeNull();
  });
});
