import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SheetsEmulator } from "../src/index.ts";
import { batchUpdate, call, get, smallCatalogue, update, valuesPath } from "./helpers.ts";

let emu: SheetsEmulator;

beforeAll(async () => {
  emu = await SheetsEmulator.start({ rows: smallCatalogue() });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setRows(smallCatalogue());
  emu.resetCalls();
  emu.beforeWrite = undefined;
});

describe("values.update", () => {
  it("writes one status cell and answers the counts", async () => {
    const { status, json } = await update(emu, "Books!E2", { values: [["booked"]] });
    expect(status).toBe(200);
    expect(json).toEqual({ spreadsheetId: "demo-catalogue", updatedRange: "Books!E2", updatedRows: 1, updatedColumns: 1, updatedCells: 1 });
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(emu.calls).toMatchObject({ update: 1, writes: 1, reads: 0, failed: 0 });
  });

  it("null leaves a cell as it is, an empty string clears it", async () => {
    const { json } = await update(emu, "Books!B3:E3", { range: "Books!B3:E3", majorDimension: "ROWS", values: [[null, null, "", "delivered"]] });
    expect(json).toEqual({ spreadsheetId: "demo-catalogue", updatedRange: "Books!B3:E3", updatedRows: 1, updatedColumns: 2, updatedCells: 2 });
    expect(emu.rows()[2]).toEqual(["2", "Захар Беркут", "Іван Франко", "", "delivered"]);
  });

  it("a single cell anchors a block of values", async () => {
    const { json } = await update(emu, "Books!D2", { values: [["01.12.2026", "booked"], [null, "picked_up"]] });
    expect(json.updatedRange).toBe("Books!D2:E3");
    expect(json.updatedCells).toBe(3);
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(emu.getCell("2", "Status")).toBe("picked_up");
    expect(emu.getCell("2", "Заброньовано до:")).toBe("09.12.2026");
  });

  it("majorDimension=COLUMNS writes down a column", async () => {
    const { json } = await update(emu, "Books!E2:E3", { majorDimension: "COLUMNS", values: [["returned", ""]] });
    expect(json).toMatchObject({ updatedRange: "Books!E2:E3", updatedRows: 2, updatedColumns: 1, updatedCells: 2 });
    expect(emu.rows().map((r) => r[4])).toEqual(["Status", "returned", "", "", "delivered"]);
  });

  it("stores numbers and booleans as a sheet shows them", async () => {
    await update(emu, "Books!F2", { values: [[14, true, 2.5]] });
    expect(emu.rows()[1]!.slice(5)).toEqual(["14", "TRUE", "2.5"]);
  });

  it("grows the sheet when writing past its last row or column", async () => {
    const { status, json } = await update(emu, "Books!A1001", { values: [["999", "Нова книга"]] });
    expect(status).toBe(200);
    expect(json.updatedRange).toBe("Books!A1001:B1001");
    expect((await get(emu, "Books")).json.range).toBe("Books!A1:Z1001");
    await update(emu, "Books!AB1", { values: [["extra"]] });
    expect((await get(emu, "Books")).json.range).toBe("Books!A1:AB1001");
  });

  it("refuses values that spill out of a closed range", async () => {
    const rows = await update(emu, "Books!A2:B2", { values: [["1", "Кобзар"], ["2", "Захар Беркут"]] });
    expect(rows.status).toBe(400);
    expect(rows.json.error.message).toBe("Requested writing within range [Books!A2:B2], but tried writing to row [3]");
    const cols = await update(emu, "Books!A2:B2", { values: [["1", "Кобзар", "x"]] });
    expect(cols.json.error.message).toBe("Requested writing within range [Books!A2:B2], but tried writing to column [C]");
    expect(emu.rows()).toEqual(smallCatalogue());
  });

  it("needs a valid valueInputOption", async () => {
    const missing = await update(emu, "Books!E2", { values: [["booked"]] }, {});
    expect(missing.status).toBe(400);
    expect(missing.json.error).toEqual({ code: 400, status: "INVALID_ARGUMENT", message: "'valueInputOption' is required but not specified" });
    const wrong = await update(emu, "Books!E2", { values: [["booked"]] }, { valueInputOption: "FORMATTED" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain('"FORMATTED"');
    expect((await update(emu, "Books!E2", { values: [["booked"]] }, { valueInputOption: "USER_ENTERED" })).status).toBe(200);
    expect(emu.calls).toMatchObject({ update: 3, failed: 2 });
  });

  it("refuses a body range that differs from the URL's", async () => {
    const { status, json } = await update(emu, "Books!E2", { range: "Books!E3", values: [["booked"]] });
    expect(status).toBe(400);
    expect(json.error.message).toBe("Invalid ValueRange range Books!E3 -- must match the requested range Books!E2");
    expect((await update(emu, "Books!E2", { range: "books!E2", values: [["booked"]] })).status).toBe(200);
  });

  it("refuses values that are not strings, numbers, booleans or null", async () => {
    const { status, json } = await update(emu, "Books!E2", { values: [[{ formula: "=1" }]] });
    expect(status).toBe(400);
    expect(json.error.status).toBe("INVALID_ARGUMENT");
    const notJson = await call(emu, "PUT", valuesPath(emu, "Books!E2"), { query: { valueInputOption: "RAW" } });
    expect(notJson.status).toBe(200); // an empty body writes nothing
    expect(notJson.json).toEqual({ spreadsheetId: "demo-catalogue", updatedRange: "Books!E2" });
  });

  it("includeValuesInResponse returns the written cells", async () => {
    const { json } = await update(emu, "Books!D3:E3", { values: [[null, "delivered"]] }, { valueInputOption: "RAW", includeValuesInResponse: "true" });
    expect(json.updatedData).toEqual({ range: "Books!D3:E3", majorDimension: "ROWS", values: [["09.12.2026", "delivered"]] });
  });
});

describe("values.batchUpdate", () => {
  it("writes several ranges and sums the counts", async () => {
    const { status, json } = await batchUpdate(emu, {
      valueInputOption: "RAW",
      data: [
        { range: "Books!E2", values: [["booked"]] },
        { range: "Books!D5:E5", majorDimension: "ROWS", values: [["", ""]] },
        { range: "Books!B2", values: [[null]] },
      ],
    });
    expect(status).toBe(200);
    expect(json).toEqual({
      spreadsheetId: "demo-catalogue",
      totalUpdatedRows: 2,
      totalUpdatedColumns: 3,
      totalUpdatedCells: 3,
      totalUpdatedSheets: 1,
      responses: [
        { spreadsheetId: "demo-catalogue", updatedRange: "Books!E2", updatedRows: 1, updatedColumns: 1, updatedCells: 1 },
        { spreadsheetId: "demo-catalogue", updatedRange: "Books!D5:E5", updatedRows: 1, updatedColumns: 2, updatedCells: 2 },
        { spreadsheetId: "demo-catalogue", updatedRange: "Books!B2" },
      ],
    });
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(emu.getCell("3", "Status")).toBe("");
    expect(emu.getCell("1", "Назва")).toBe("Кобзар");
    expect(emu.calls).toMatchObject({ batchUpdate: 1, writes: 1 });
  });

  it("counts the tabs it touched", async () => {
    emu.setRows([["id"]], "Архів");
    const { json } = await batchUpdate(emu, {
      valueInputOption: "RAW",
      data: [
        { range: "Books!E2", values: [["booked"]] },
        { range: "'Архів'!A2", values: [["1"]] },
      ],
    });
    expect(json.totalUpdatedSheets).toBe(2);
    expect(emu.rows("Архів")).toEqual([["id"], ["1"]]);
  });

  it("is all or nothing: one bad range writes nothing", async () => {
    const { status, json } = await batchUpdate(emu, {
      valueInputOption: "RAW",
      data: [
        { range: "Books!E2", values: [["booked"]] },
        { range: "Каталог!E2", values: [["booked"]] },
      ],
    });
    expect(status).toBe(400);
    expect(json.error.message).toBe("Unable to parse range: Каталог!E2");
    expect(emu.rows()).toEqual(smallCatalogue());
  });

  it("needs valueInputOption in the body", async () => {
    const { status, json } = await batchUpdate(emu, { data: [{ range: "Books!E2", values: [["booked"]] }] });
    expect(status).toBe(400);
    expect(json.error.message).toBe("'valueInputOption' is required but not specified");
  });
});
