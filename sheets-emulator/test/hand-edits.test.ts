import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SheetsEmulator } from "../src/index.ts";
import { batchUpdate, get, smallCatalogue, update } from "./helpers.ts";

let emu: SheetsEmulator;

beforeAll(async () => {
  emu = await SheetsEmulator.start({ rows: smallCatalogue() });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setRows(smallCatalogue());
  emu.beforeWrite = undefined;
  emu.resetCalls();
});

describe("editing by hand", () => {
  it("setCell and getCell address a book by id and a column by header", async () => {
    expect(emu.getCell("2", "Status")).toBe("booked");
    emu.setCell("2", "Status", "delivered");
    expect(emu.getCell("2", "Status")).toBe("delivered");
    expect((await get(emu, "Books!E3")).json.values).toEqual([["delivered"]]);
    expect(emu.calls.reads).toBe(1); // hand edits are not API calls
    expect(emu.calls.writes).toBe(0);
  });

  it("getCell answers undefined and setCell throws for an unknown book or header", () => {
    expect(emu.getCell("99", "Status")).toBeUndefined();
    expect(emu.getCell("1", "Полиця")).toBeUndefined();
    expect(() => emu.setCell("99", "Status", "booked")).toThrow(/99/);
    expect(() => emu.setCell("1", "Полиця", "A3")).toThrow(/Полиця/);
  });

  it("setCell on a short row extends it", () => {
    emu.setRows([["id", "Назва", "Status"], ["1", "Кобзар"]]);
    emu.setCell("1", "Status", "returned");
    expect(emu.rows()).toEqual([["id", "Назва", "Status"], ["1", "Кобзар", "returned"]]);
  });

  it("rows() returns copies", () => {
    const rows = emu.rows();
    rows[1]![4] = "changed";
    expect(emu.getCell("1", "Status")).toBe("");
  });

  it("moveRow moves a data row and shifts the others, like dragging it in the sheet", () => {
    emu.moveRow(5, 2);
    expect(emu.rows().map((r) => r[0])).toEqual(["id", "3", "1", "2", ""]);
    emu.moveRow(2, 5);
    expect(emu.rows().map((r) => r[0])).toEqual(["id", "1", "2", "", "3"]);
    expect(() => emu.moveRow(1, 3)).toThrow(RangeError);
    expect(() => emu.moveRow(2, 6)).toThrow(RangeError);
  });
});

describe("beforeWrite", () => {
  it("runs between a client's read and its write: a write addressed by row position hits the wrong book", async () => {
    // The client reads the sheet and finds book 2 on row 3 ...
    const read = await get(emu, "Books");
    const row = read.json.values.findIndex((r: string[]) => r[0] === "2") + 1;
    expect(row).toBe(3);
    // ... a librarian sorts the sheet before the write arrives ...
    emu.beforeWrite = () => emu.moveRow(3, 5);
    // ... and the positional write lands on whatever is on row 3 now.
    expect((await update(emu, `Books!E${row}`, { values: [["delivered"]] })).status).toBe(200);
    expect(emu.getCell("2", "Status")).toBe("booked");
    expect(emu.rows()[2]).toEqual(["", "Нові надходження 2025:", "", "", "delivered"]);
  });

  it("is awaited, runs once per write request, after the values are checked", async () => {
    const seen: string[] = [];
    emu.beforeWrite = async () => {
      await new Promise((r) => setTimeout(r, 30));
      seen.push(emu.getCell("1", "Status") ?? "?");
    };
    await update(emu, "Books!E2", { values: [["booked"]] });
    await batchUpdate(emu, { valueInputOption: "RAW", data: [{ range: "Books!E2", values: [[""]] }, { range: "Books!E3", values: [[""]] }] });
    await get(emu, "Books");
    // A request refused while checking never reaches the hook.
    await update(emu, "Каталог!E2", { values: [["booked"]] });
    expect(seen).toEqual(["", "booked"]);
    expect(emu.getCell("1", "Status")).toBe("");
  });

  it("is told the ranges each request writes; a hook that never settles holds the write unapplied and unanswered", async () => {
    const told: Array<readonly string[]> = [];
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    emu.beforeWrite = (ranges) => {
      told.push(ranges);
      if (!ranges.includes("Books!E3")) return;
      received();
      return new Promise<void>(() => undefined);
    };
    await update(emu, "Books!E2", { values: [["booked"]] });
    let answered = false;
    void batchUpdate(emu, { valueInputOption: "RAW", data: [{ range: "Books!E3", values: [["delivered"]] }] }).then(
      () => (answered = true),
      () => undefined,
    );
    await arrived;
    // The reads go on answering meanwhile, and show the held write's cell as it was.
    expect((await get(emu, "Books!E3")).json.values).toEqual([["booked"]]);
    expect(told).toEqual([["Books!E2"], ["Books!E3"]]);
    expect(emu.getCell("2", "Status")).toBe("booked");
    expect(answered).toBe(false);
    expect(emu.calls.batchUpdate).toBe(0);
  });

  it("a hand edit in the hook survives where the write does not touch it", async () => {
    emu.beforeWrite = () => emu.setCell("3", "Status", "returned");
    await update(emu, "Books!E2", { values: [["booked"]] });
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(emu.getCell("3", "Status")).toBe("returned");
  });
});
