import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../src/loans/rules.ts";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult, type MutationName } from "../support/lending.ts";

// The seed's lending cycle on real parts: book -> deliver -> pick up -> return -> confirm, checking after every
// step the Sheet's cells, the loan's dates in MariaDB, the seed's Redis keys and books:status:last_update.

const DUE = "Заброньовано до:";

describe("the lending cycle", () => {
  let t: LendingKurin;
  let bookId: string;
  const reader = () => t.reader(1);

  beforeAll(async () => {
    t = await startLendingKurin("happy");
    [bookId] = availableBooks(t, 1) as [string];
  });
  afterAll(async () => {
    await t?.stop();
  });

  const redisKeys = async () => {
    const redis = t.kurin.redis;
    const [status, info, all, lastUpdate] = await Promise.all([
      redis.get(`${t.prefix}book:status:${bookId}`),
      redis.get(`${t.prefix}book:info:${bookId}`),
      redis.hget(`${t.prefix}books:all`, bookId),
      redis.get(`${t.prefix}books:status:last_update`),
    ]);
    return { status, info: JSON.parse(info!), all: JSON.parse(all!), lastUpdate: lastUpdate! };
  };
  const loan = () => t.kurin.prisma.loan.findFirstOrThrow({ where: { bookId }, orderBy: { id: "desc" } });

  /** Runs one step; checks the Sheets calls it made (one read, one write) and the cache afterwards. */
  async function step(name: MutationName, as: ReturnType<LendingKurin["as"]>, word: string, status: string, extra: Record<string, unknown> = {}) {
    const before = await redisKeys();
    t.emulator.resetCalls();
    const result = await as.gql<Record<string, LoanResult>>(MUTATIONS[name], { bookId, ...extra });
    expect(result.errors).toBeUndefined();
    const answer = result.data![name]!;
    // The answer already shows the new status.
    expect(answer.book!.status).toBe(status);
    expect(answer.book!.statusRaw).toBe(word);
    // The Sheet: one read of the current row, one write (verified in the same call).
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe(word);
    expect({ reads: t.emulator.calls.reads, writes: t.emulator.calls.writes }).toEqual({ reads: 1, writes: 1 });
    // The seed's keys, written through.
    const after = await redisKeys();
    expect(after.status).toBe(word);
    expect(after.info).toMatchObject({ id: bookId, statusRaw: word, status });
    expect(after.all).toMatchObject({ id: bookId, statusRaw: word, status });
    expect(after.lastUpdate).not.toBe(before.lastUpdate);
    expect(Date.parse(after.lastUpdate)).toBeGreaterThan(Date.parse(before.lastUpdate));
    // Every instance's read path serves it (no Sheets read needed).
    t.emulator.resetCalls();
    const read = await t.gql<{ book: { status: string } }>(`query($id: ID!) { book(id: $id) { status } }`, { id: bookId });
    expect(read.data!.book.status).toBe(status);
    expect(t.emulator.calls.reads).toBe(0);
    return answer;
  }

  it("books: the Sheet says booked, the loan is open", async () => {
    const answer = await step("bookItem", reader(), "booked", "BOOKED");
    expect(answer.state).toBe("BOOKED");
    expect(t.emulator.getCell(bookId, DUE) ?? "").toBe("");
    const row = await loan();
    expect(row).toMatchObject({ openBookId: bookId, deliveredAt: null, pickedUpAt: null, dueAt: null });
    expect(row.bookedAt).toBeInstanceOf(Date);
    expect(String(row.id)).toBe(answer.id);
  });

  it("a librarian marks it delivered", async () => {
    const answer = await step("markAsDelivered", t.librarian(), "delivered", "DELIVERED");
    expect(answer.state).toBe("DELIVERED");
    expect((await loan()).deliveredAt).toBeInstanceOf(Date);
  });

  it("the reader picks it up: due in 14 days, the date written in the Sheet", async () => {
    const answer = await step("markAsPickedUp", reader(), "picked_up", "PICKED_UP");
    const row = await loan();
    expect(row.pickedUpAt).toBeInstanceOf(Date);
    expect(row.dueAt!.getTime() - row.pickedUpAt!.getTime()).toBe(14 * 24 * 3600 * 1000);
    const due = localDate(row.dueAt!, "Europe/Kyiv");
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.emulator.getCell(bookId, DUE)).toBe(due);
    expect(answer.dueDate).toBe(due);
    expect(answer.book!.dueDate).toBe(due);
    expect((await redisKeys()).info.dueDate).toBe(due);
  });

  it("the reader returns it with a photo; the date stays until a librarian confirms", async () => {
    const due = t.emulator.getCell(bookId, DUE);
    const answer = await step("markAsReturnedByUser", reader(), "returned", "RETURNED", { photo: "AgACAgIAAxkBAAIB-photo_1" });
    expect(answer.returnPhotoFileId).toBe("AgACAgIAAxkBAAIB-photo_1");
    expect(t.emulator.getCell(bookId, DUE)).toBe(due);
    const row = await loan();
    expect(row.returnedAt).toBeInstanceOf(Date);
    expect(row.returnPhotoFileId).toBe("AgACAgIAAxkBAAIB-photo_1");
  });

  it("a librarian confirms the return: status and date cleared, the loan closed", async () => {
    const answer = await step("confirmBookReturn", t.librarian(), "", "AVAILABLE");
    expect(answer.state).toBe("CLOSED");
    expect(t.emulator.getCell(bookId, DUE) ?? "").toBe("");
    const row = await loan();
    expect(row.openBookId).toBeNull();
    expect(row.confirmedAt).toBeInstanceOf(Date);
    // Every date of the cycle, in order.
    const dates = [row.bookedAt, row.deliveredAt, row.pickedUpAt, row.returnedAt, row.confirmedAt].map((d) => d!.getTime());
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    // Every Sheet write is settled.
    expect(await t.kurin.prisma.sheetWrite.groupBy({ by: ["state"], _count: { _all: true } })).toEqual([{ state: "DONE", _count: { _all: 5 } }]);
  });

  it("the book can be booked again, and a booking cancelled by its reader", async () => {
    await step("bookItem", t.reader(2), "booked", "BOOKED");
    const answer = await step("cancelBooking", t.reader(2), "", "AVAILABLE");
    expect(answer.state).toBe("CANCELLED");
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(2);
  });

  it("two changes of one book in one document: each answer shows its own status", async () => {
    const result = await t.reader(3).gql<Record<string, LoanResult & { state: string }>>(
      `mutation($bookId: ID!) {
        booked: bookItem(bookId: $bookId) { state book { status statusRaw } }
        cancelled: cancelBooking(bookId: $bookId) { state book { status statusRaw } }
      }`,
      { bookId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.booked).toMatchObject({ state: "BOOKED", book: { status: "BOOKED", statusRaw: "booked" } });
    expect(result.data!.cancelled).toMatchObject({ state: "CANCELLED", book: { status: "AVAILABLE", statusRaw: "" } });
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe("");
  });
});
