import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult } from "../support/lending.ts";
import { changedRows } from "../support/sheet-rows.ts";

// A librarian sorts the tab between kurin's read of a book's row and its write: the write must still land in
// the book's row, and no other row may keep anything kurin wrote by mistake.

describe("a row moved between the read and the write, through bookItem", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("row-moved");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("writes the book's row, puts back the row it hit first, changes nothing else", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const rows = t.emulator.rows();
    const from = rows.findIndex((r) => r[0] === bookId) + 1; // 1-based sheet row
    const last = rows.length;
    // Just before kurin's first write is applied, a librarian drags the book to the bottom of the tab:
    // every row below it moves up one, so kurin's row number now holds the next book.
    let moves = 0;
    t.emulator.beforeWrite = () => {
      if (moves++ === 0) t.emulator.moveRow(from, last);
    };
    const hit = rows[from]![0]!; // the book that moves up into the book's old row
    const before = t.emulator.rows();
    t.emulator.resetCalls();
    try {
      const result = await t.reader(1).gql<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
      expect(result.errors).toBeUndefined();
      expect(result.data!.bookItem.book!.status).toBe("BOOKED");
    } finally {
      t.emulator.beforeWrite = undefined;
    }
    const after = t.emulator.rows();
    expect(after.at(-1)![0]).toBe(bookId); // it really moved
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(t.emulator.getCell(hit, "Status") ?? "").toBe(rows[from]![rows[0]!.indexOf("Status")] ?? "");
    expect(changedRows(before, after)).toEqual([bookId]);
    // The first write (wrong row), putting it back, a fresh read, the right write.
    expect({ reads: t.emulator.calls.reads, writes: t.emulator.calls.writes }).toEqual({ reads: 2, writes: 3 });
    // The cache has the book's new status, and the other book's old one.
    const read = await t.gql<{ a: { status: string }; b: { status: string } }>(`query($a: ID!, $b: ID!) { a: book(id: $a) { status } b: book(id: $b) { status } }`, {
      a: bookId,
      b: hit,
    });
    expect(read.data).toEqual({ a: { status: "BOOKED" }, b: { status: "AVAILABLE" } });
  });
});
