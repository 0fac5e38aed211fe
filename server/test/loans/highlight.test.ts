import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult, type MutationName } from "../support/lending.ts";

// Librarians read the Sheet by colour: the old bot painted a book's row yellow while it was booked, on loan or
// returned, and white when it came back to the shelf. kurin paints it in the same request as the status write
// (spreadsheets.batchUpdate), row-safe like every write, at no extra Sheets call.

const YELLOW = "#FFFF00";
const WHITE = "#FFFFFF";

/** The rows that have any fill, by book id (or sheet row number for rows without an id), with their colour. */
function paintedRows(t: LendingKurin): Record<string, string | null> {
  const rows = t.emulator.rows();
  const painted: Record<string, string | null> = {};
  t.emulator.fills().forEach((fills, r) => {
    if (!fills.some((fill) => fill !== null)) return;
    const id = (rows[r]?.[0] ?? "").trim();
    painted[id === "" ? `row ${r + 1}` : id] = id === "" ? fills.join(",") : t.emulator.rowFill(id);
  });
  return painted;
}

async function step(t: LendingKurin, name: MutationName, bookId: string, who: "reader" | "librarian", extra: Record<string, unknown> = {}) {
  t.emulator.resetCalls();
  const result = await (who === "reader" ? t.reader(1) : t.librarian()).gql<Record<string, LoanResult>>(MUTATIONS[name], { bookId, ...extra });
  expect(result.errors).toBeUndefined();
  return { ...t.emulator.calls };
}

describe("the row's colour at each lending step (SHEET_HIGHLIGHT_COLOR default #FFFF00)", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("highlight");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("booked, delivered, picked up and returned: yellow; confirmed: white; one read and ONE write per step", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const steps: Array<[MutationName, "reader" | "librarian", string, Record<string, unknown>?]> = [
      ["bookItem", "reader", YELLOW],
      ["markAsDelivered", "librarian", YELLOW],
      ["markAsPickedUp", "reader", YELLOW],
      ["renewLoan", "reader", YELLOW],
      ["markAsReturnedByUser", "reader", YELLOW, { photo: "AgACAgIAAxkBAAIB-photo_1" }],
      ["confirmBookReturn", "librarian", WHITE],
    ];
    const seen: string[] = [];
    for (const [name, who, colour, extra] of steps) {
      const calls = await step(t, name, bookId, who, extra);
      // The status and the colour went in one spreadsheets.batchUpdate: no values write, no look-up, no extra read.
      expect({ name, reads: calls.reads, get: calls.get, writes: calls.writes, batchUpdateSpreadsheet: calls.batchUpdateSpreadsheet }).toEqual({
        name,
        reads: 1,
        get: 1,
        writes: 1,
        batchUpdateSpreadsheet: 1,
      });
      seen.push(`${name}: ${t.emulator.getCell(bookId, "Status") || "(empty)"} ${t.emulator.rowFill(bookId)}`);
      // Only the book's row has a fill.
      expect(paintedRows(t)).toEqual({ [bookId]: colour });
    }
    expect(seen).toEqual([
      `bookItem: booked ${YELLOW}`,
      `markAsDelivered: delivered ${YELLOW}`,
      `markAsPickedUp: picked_up ${YELLOW}`,
      `renewLoan: picked_up ${YELLOW}`,
      `markAsReturnedByUser: returned ${YELLOW}`,
      `confirmBookReturn: (empty) ${WHITE}`,
    ]);
  });

  it("a cancelled booking (booked or delivered) paints the row white again", async () => {
    const [first, second] = availableBooks(t, 2) as [string, string];
    await step(t, "bookItem", first, "reader");
    expect(t.emulator.rowFill(first)).toBe(YELLOW);
    await step(t, "cancelBooking", first, "reader");
    expect(t.emulator.rowFill(first)).toBe(WHITE);

    await step(t, "bookItem", second, "reader");
    await step(t, "markAsDelivered", second, "librarian");
    expect(t.emulator.rowFill(second)).toBe(YELLOW);
    const calls = await step(t, "cancelBooking", second, "librarian");
    expect(t.emulator.rowFill(second)).toBe(WHITE);
    expect({ reads: calls.reads, writes: calls.writes }).toEqual({ reads: 1, writes: 1 });
  });

  it("a write that fails paints nothing and changes nothing", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const before = t.emulator.rowFill(bookId);
    t.emulator.setFaults({ failNext: { status: 503, count: 1, only: "write" } });
    const result = await t.reader(1).gql(MUTATIONS.bookItem, { bookId });
    t.emulator.setFaults({});
    expect(result.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe("");
    expect(t.emulator.rowFill(bookId)).toBe(before);
  });

  it("a row that moved between the read and the write: the book's new row is painted, the row hit first is put back", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const rows = t.emulator.rows();
    const from = rows.findIndex((r) => r[0] === bookId) + 1;
    const hit = rows[from]![0]!; // moves up into the book's old row
    // The book hit by mistake is on loan (set by hand, painted by hand): it must stay yellow and keep its word.
    t.emulator.setCell(hit, "Status", "delivered");
    t.emulator.setFill(from + 1, 1, rows[0]!.length, YELLOW);
    // A librarian's own colour on another row is none of kurin's business.
    const other = rows.findIndex((r, i) => i > from + 1 && (r[0] ?? "").trim() !== "");
    const otherId = rows[other]![0]!;
    t.emulator.setFill(other + 1, 1, 2, "#00FF00");
    const before = paintedRows(t);
    t.emulator.beforeWrite = () => {
      t.emulator.beforeWrite = undefined;
      t.emulator.moveRow(from, rows.length);
    };
    const calls = await step(t, "bookItem", bookId, "reader");
    expect(t.emulator.rows().at(-1)![0]).toBe(bookId);
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(t.emulator.getCell(hit, "Status")).toBe("delivered");
    expect(paintedRows(t)).toEqual({ ...before, [bookId]: YELLOW, [hit]: YELLOW, [otherId]: `mixed: #00FF00,#00FF00,${Array(rows[0]!.length - 2).fill("none").join(",")}` });
    // The write into the wrong row, putting it back, a fresh read, the right write: as without colours.
    expect({ reads: calls.reads, writes: calls.writes, batchUpdateSpreadsheet: calls.batchUpdateSpreadsheet }).toEqual({ reads: 2, writes: 3, batchUpdateSpreadsheet: 3 });
  });

  it("a row hit by mistake that held an available book is painted white, not left yellow", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const rows = t.emulator.rows();
    const from = rows.findIndex((r) => r[0] === bookId) + 1;
    const hit = rows[from]![0]!;
    t.emulator.setCell(hit, "Status", ""); // on the shelf (set by hand), yet painted: it ends white
    t.emulator.setFill(from + 1, 1, 3, YELLOW);
    t.emulator.beforeWrite = () => {
      t.emulator.beforeWrite = undefined;
      t.emulator.moveRow(from, rows.length);
    };
    await step(t, "bookItem", bookId, "reader");
    expect(t.emulator.rowFill(bookId)).toBe(YELLOW);
    expect(t.emulator.rowFill(hit)).toBe(WHITE);
    expect(t.emulator.getCell(hit, "Status") ?? "").toBe("");
  });

  it("a tab id that could not be looked up at start-up is looked up by the first status change, which still paints", async () => {
    // A second instance starts while Google fails its first read: the look-up; the warm-up adopts Redis's cache.
    t.emulator.setFaults({ failNext: { status: 503, count: 1, only: "read" } });
    const second = await startLendingKurin("highlight-late", { sameLibraryAs: t });
    try {
      expect(second.logs.some((line) => String(line.msg).startsWith("could not look up the Sheet's tab id"))).toBe(true);
      const [bookId] = availableBooks(t, 1) as [string];
      t.emulator.resetCalls();
      const result = await second.reader(5).gql<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
      expect(result.errors).toBeUndefined();
      expect(t.emulator.rowFill(bookId)).toBe(YELLOW);
      expect({ getSpreadsheet: t.emulator.calls.getSpreadsheet, reads: t.emulator.calls.reads, writes: t.emulator.calls.writes }).toEqual({ getSpreadsheet: 1, reads: 2, writes: 1 });
      // Once known, it is not asked again.
      t.emulator.resetCalls();
      expect((await second.reader(5).gql(MUTATIONS.cancelBooking, { bookId })).errors).toBeUndefined();
      expect(t.emulator.rowFill(bookId)).toBe(WHITE);
      expect({ getSpreadsheet: t.emulator.calls.getSpreadsheet, reads: t.emulator.calls.reads, writes: t.emulator.calls.writes }).toEqual({ getSpreadsheet: 0, reads: 1, writes: 1 });
    } finally {
      t.emulator.setFaults({});
      await second.stop();
    }
  });

  it("a tab made again under another id is looked up again when Google refuses the old one, and the step goes through", async () => {
    t.emulator.renumberTab(90_210); // a librarian deleted the tab and pasted it back: same cells, new id
    const [bookId] = availableBooks(t, 1) as [string];
    const calls = await step(t, "bookItem", bookId, "reader");
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(t.emulator.rowFill(bookId)).toBe(YELLOW);
    // The write to the old id refused (400, nothing written), one look-up, the write again.
    expect({ reads: calls.reads, getSpreadsheet: calls.getSpreadsheet, writes: calls.writes, failed: calls.failed }).toEqual({ reads: 2, getSpreadsheet: 1, writes: 2, failed: 1 });
    const again = await step(t, "cancelBooking", bookId, "reader");
    expect({ reads: again.reads, writes: again.writes, failed: again.failed }).toEqual({ reads: 1, writes: 1, failed: 0 });
    expect(t.emulator.rowFill(bookId)).toBe(WHITE);
  });
});

describe("SHEET_HIGHLIGHT_COLOR set empty", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("highlight-off", { env: { SHEET_HIGHLIGHT_COLOR: "" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("writes no format: the values alone, through values.batchUpdate, and no tab look-up at start-up", async () => {
    expect(t.emulator.calls.getSpreadsheet).toBe(0);
    const [bookId] = availableBooks(t, 1) as [string];
    const calls = await step(t, "bookItem", bookId, "reader");
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect({ reads: calls.reads, writes: calls.writes, batchUpdate: calls.batchUpdate, batchUpdateSpreadsheet: calls.batchUpdateSpreadsheet }).toEqual({
      reads: 1,
      writes: 1,
      batchUpdate: 1,
      batchUpdateSpreadsheet: 0,
    });
    await step(t, "cancelBooking", bookId, "reader");
    expect(paintedRows(t)).toEqual({});
  });
});

describe("a custom SHEET_HIGHLIGHT_COLOR on a tab that is not the spreadsheet's first (sheet id 517426)", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("highlight-custom", { env: { SHEET_HIGHLIGHT_COLOR: "#a4c2f4" }, emulator: { sheetId: 517_426 } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("looked the tab's id up once at start-up, and paints the row in the configured colour", async () => {
    expect(t.emulator.calls.getSpreadsheet).toBe(1);
    const [bookId] = availableBooks(t, 1) as [string];
    const calls = await step(t, "bookItem", bookId, "reader");
    expect(calls.getSpreadsheet).toBe(0);
    expect(t.emulator.rowFill(bookId)).toBe("#A4C2F4");
    await step(t, "cancelBooking", bookId, "reader");
    expect(t.emulator.rowFill(bookId)).toBe(WHITE);
  });
});
