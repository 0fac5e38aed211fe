import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SheetsEmulator } from "../src/index.ts";
import { batchGet, get, smallCatalogue } from "./helpers.ts";

let emu: SheetsEmulator;

beforeAll(async () => {
  emu = await SheetsEmulator.start({ rows: smallCatalogue() });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setRows(smallCatalogue());
  emu.resetCalls();
});

describe("values.get", () => {
  it("names the whole grid but leaves out trailing empty cells", async () => {
    const { status, json } = await get(emu, "Books");
    expect(status).toBe(200);
    expect(json).toEqual({
      range: "Books!A1:Z1000",
      majorDimension: "ROWS",
      values: [
        ["id", "Назва", "Автор", "Заброньовано до:", "Status"],
        ["1", "Кобзар", "Тарас Шевченко"],
        ["2", "Захар Беркут", "Іван Франко", "09.12.2026", "booked"],
        ["", "Нові надходження 2025:"],
        ["3", "Лісова пісня", "Леся Українка", "", "delivered"],
      ],
    });
  });

  it("normalises open ranges and keeps empty rows in the middle as []", async () => {
    emu.setCell("2", "Назва", "");
    emu.setCell("2", "Автор", "");
    emu.setCell("2", "Заброньовано до:", "");
    emu.setCell("2", "Status", "");
    emu.setCell("3", "Status", "");
    const { json } = await get(emu, "Books!B1:Z");
    expect(json.range).toBe("Books!B1:Z1000");
    // Row 3 keeps only its id in column A, outside this range: an empty row inside the data.
    expect(json.values).toEqual([["Назва", "Автор", "Заброньовано до:", "Status"], ["Кобзар", "Тарас Шевченко"], [], ["Нові надходження 2025:"], ["Лісова пісня", "Леся Українка"]]);
  });

  it("drops trailing empty rows", async () => {
    emu.setRows([["id", "Назва"], ["1", "Кобзар"], ["", ""], [""]]);
    const { json } = await get(emu, "Books!A1:B10");
    expect(json).toEqual({ range: "Books!A1:B10", majorDimension: "ROWS", values: [["id", "Назва"], ["1", "Кобзар"]] });
  });

  it("has no values key when the range is empty", async () => {
    const { status, json } = await get(emu, "Books!F1:G20");
    expect(status).toBe(200);
    expect(json).toEqual({ range: "Books!F1:G20", majorDimension: "ROWS" });
    expect("values" in json).toBe(false);

    emu.setRows([]);
    expect((await get(emu, "Books")).json).toEqual({ range: "Books!A1:Z1000", majorDimension: "ROWS" });
  });

  it("reads one column with majorDimension=COLUMNS", async () => {
    const { json } = await get(emu, "Books!E:E", { majorDimension: "COLUMNS" });
    expect(json).toEqual({ range: "Books!E1:E1000", majorDimension: "COLUMNS", values: [["Status", "", "booked", "", "delivered"]] });

    const ids = await get(emu, "Books!A:A", { majorDimension: "COLUMNS" });
    expect(ids.json.values).toEqual([["id", "1", "2", "", "3"]]);
  });

  it("COLUMNS trims each column and drops trailing empty columns", async () => {
    const { json } = await get(emu, "Books!C1:H3", { majorDimension: "COLUMNS" });
    expect(json.values).toEqual([["Автор", "Тарас Шевченко", "Іван Франко"], ["Заброньовано до:", "", "09.12.2026"], ["Status", "", "booked"]]);
  });

  it("reads one row and one cell", async () => {
    expect((await get(emu, "Books!1:1")).json).toEqual({
      range: "Books!A1:Z1",
      majorDimension: "ROWS",
      values: [["id", "Назва", "Автор", "Заброньовано до:", "Status"]],
    });
    expect((await get(emu, "Books!B3")).json).toEqual({ range: "Books!B3", majorDimension: "ROWS", values: [["Захар Беркут"]] });
    expect((await get(emu, "B3")).json.range).toBe("Books!B3");
  });

  it("accepts a tab name in another letter case and answers with the real name", async () => {
    expect((await get(emu, "books!A1:B2")).json.range).toBe("Books!A1:B2");
  });

  it("quoted non-Latin tab names", async () => {
    emu.setRows([["id", "Назва"], ["7", "Енеїда"]], "Книги");
    const { status, json } = await get(emu, "'Книги'!A1:Z");
    expect(status).toBe(200);
    expect(json).toEqual({ range: "'Книги'!A1:Z1000", majorDimension: "ROWS", values: [["id", "Назва"], ["7", "Енеїда"]] });
    expect((await get(emu, "Книги")).json.values).toEqual([["id", "Назва"], ["7", "Енеїда"]]);
  });

  it("columns beyond Z once the grid is wide enough", async () => {
    const wide = smallCatalogue();
    wide[0]![27] = "AB-header";
    emu.setRows(wide);
    const { json } = await get(emu, "Books!AA1:AB2");
    expect(json).toEqual({ range: "Books!AA1:AB2", majorDimension: "ROWS", values: [["", "AB-header"]] });
  });

  it("refuses a range beyond the grid like Google", async () => {
    const { status, json } = await get(emu, "Books!A1:Z5000");
    expect(status).toBe(400);
    expect(json.error).toEqual({
      code: 400,
      status: "INVALID_ARGUMENT",
      message: "Range (Books!A1:Z5000) exceeds grid limits. Max rows: 1000, max columns: 26",
    });
    expect((await get(emu, "Books!A1:AA")).status).toBe(400);
  });

  it("UNFORMATTED_VALUE gives numbers, and dates as serial numbers", async () => {
    const { json } = await get(emu, "Books!A3:D3", { valueRenderOption: "UNFORMATTED_VALUE" });
    expect(json.values).toEqual([[2, "Захар Беркут", "Іван Франко", 46365]]);
    const formatted = await get(emu, "Books!A3:D3", { valueRenderOption: "UNFORMATTED_VALUE", dateTimeRenderOption: "FORMATTED_STRING" });
    expect(formatted.json.values).toEqual([[2, "Захар Беркут", "Іван Франко", "09.12.2026"]]);
  });

  it("rejects unknown enum values", async () => {
    expect((await get(emu, "Books", { majorDimension: "DIAGONAL" })).json.error.status).toBe("INVALID_ARGUMENT");
    expect((await get(emu, "Books", { valueRenderOption: "PRETTY" })).status).toBe(400);
  });
});

describe("values.batchGet", () => {
  it("answers every range in order, each shaped like values.get", async () => {
    const { status, json } = await batchGet(emu, ["Books!A1:B2", "Books!E:E", "Books!H1:H9"]);
    expect(status).toBe(200);
    expect(json).toEqual({
      spreadsheetId: "demo-catalogue",
      valueRanges: [
        { range: "Books!A1:B2", majorDimension: "ROWS", values: [["id", "Назва"], ["1", "Кобзар"]] },
        { range: "Books!E1:E1000", majorDimension: "ROWS", values: [["Status"], [], ["booked"], [], ["delivered"]] },
        { range: "Books!H1:H9", majorDimension: "ROWS" },
      ],
    });
    expect(emu.calls).toMatchObject({ batchGet: 1, reads: 1, get: 0 });
  });

  it("applies majorDimension to every range", async () => {
    const { json } = await batchGet(emu, ["Books!A:A", "Books!E:E"], { majorDimension: "COLUMNS" });
    expect(json.valueRanges.map((v: { values: string[][] }) => v.values)).toEqual([
      [["id", "1", "2", "", "3"]],
      [["Status", "", "booked", "", "delivered"]],
    ]);
  });

  it("fails as a whole when one range names an unknown tab", async () => {
    const { status, json } = await batchGet(emu, ["Books!A1", "Nope!A1"]);
    expect(status).toBe(400);
    expect(json.error.message).toBe("Unable to parse range: Nope!A1");
  });

  it("without ranges answers only the spreadsheet id", async () => {
    expect((await batchGet(emu, [])).json).toEqual({ spreadsheetId: "demo-catalogue" });
  });
});
