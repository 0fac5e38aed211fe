import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult } from "../support/lending.ts";

// Invariants 2 and 7: a status change whose Sheet write fails leaves nothing behind and says so. (A crash
// between the MySQL write and the Sheet write, repaired by the next instance: crash.test.ts, crash-young.test.ts.)

const status = async (t: LendingKurin, bookId: string) =>
  (await t.gql<{ book: { status: string; statusRaw: string } }>(`query($id: ID!) { book(id: $id) { status statusRaw } }`, { id: bookId })).data!.book;
const redisStatus = (t: LendingKurin, bookId: string) => t.kurin.redis.get(`${t.prefix}book:status:${bookId}`);

describe("the Sheet write fails", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    // Short enough for the test whose write hangs, long enough for every call that does answer on a busy
    // machine (a read or write missing 400 ms would fail the other tests with a timeout they do not expect).
    t = await startLendingKurin("sheet-fails", { env: { SHEETS_TIMEOUT_MS: "2000" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each([500, 429, 503])("with %i: no loan remains, the cache still says available, a clear error", async (httpStatus) => {
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.setFaults({ failNext: { status: httpStatus, count: 1, only: "write" } });
    const result = await t.reader(1).gql(MUTATIONS.bookItem, { bookId });
    expect(codes(result)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(result.errors![0]!.message).toMatch(/^The Google Sheet could not be written, so nothing was changed; try again later\. Google Sheets/);
    expect(result.data).toBeNull();
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(0);
    expect(await t.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "UNDONE" }]);
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe("");
    expect(await redisStatus(t, bookId)).toBe("");
    expect(await status(t, bookId)).toEqual({ status: "AVAILABLE", statusRaw: "" });
    // and the reader can try again once Google is back
    const again = await t.reader(1).gql<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
    expect(again.data!.bookItem.book!.status).toBe("BOOKED");
  });

  it("on a later step: the loan goes back to what it was, the Sheet and the cache keep the old status", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(2).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    const before = await t.kurin.prisma.loan.findFirstOrThrow({ where: { bookId, openBookId: bookId } });
    t.emulator.setFaults({ failNext: { status: 500, count: 1, only: "write" } });
    const result = await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId });
    expect(codes(result)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    const after = await t.kurin.prisma.loan.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.deliveredAt).toBeNull();
    expect(after.openBookId).toBe(bookId);
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(await status(t, bookId)).toEqual({ status: "BOOKED", statusRaw: "booked" });
    expect((await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId })).errors).toBeUndefined();
  });

  it("the Sheet cannot be read: refused before anything is written", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.setFaults({ failNext: { status: 429, count: 1, only: "read" } });
    const result = await t.reader(3).gql(MUTATIONS.bookItem, { bookId });
    expect(codes(result)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(result.errors![0]!.message).toMatch(/^The Google Sheet cannot be read now, so nothing was changed/);
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(0);
    expect(await t.kurin.prisma.sheetWrite.count({ where: { bookId } })).toBe(0);
  });

  it("times out: undone, and if the write lands later after all, the repairer puts the cell back", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.setFaults({ hang: "write" });
    const result = await t.reader(4).gql(MUTATIONS.bookItem, { bookId });
    expect(codes(result)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(result.errors![0]!.message).toMatch(/Google Sheets did not answer/);
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(0);
    // Nobody knows whether Google applied the write: the record asks for the cell to be checked.
    expect(await t.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "REVERT" }]);
    expect(await status(t, bookId)).toMatchObject({ status: "AVAILABLE" });

    // Google applies it late (the write the emulator was holding, or a librarian's identical edit).
    t.emulator.setFaults({});
    t.emulator.setCell(bookId, "Status", "booked");
    const report = await t.kurin.lending.repairer.runOnce({ repairAfterMs: 0 });
    expect(report).toMatchObject({ reverted: 1, failed: 0 });
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe("");
    expect(await t.kurin.prisma.sheetWrite.findMany({ where: { bookId }, select: { state: true } })).toEqual([{ state: "UNDONE" }]);
    expect(await status(t, bookId)).toMatchObject({ status: "AVAILABLE" });
  });
});
