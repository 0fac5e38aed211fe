import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult } from "../support/lending.ts";

// A reader's status change reads the book's row from the Sheet. That read is counted in the shared Sheets budget
// (so refreshes leave room), but it is never refused by it: a reader must not wait for the next minute.

describe("status changes and the Sheets read budget", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("budget", { env: { SHEETS_READS_PER_MINUTE: "2" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("books a book with the minute's budget spent, and counts that read too", async () => {
    while ((await t.kurin.quota.tryAcquire()) === undefined);
    expect(await t.kurin.quota.readsLastMinute()).toBe(2);
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.resetCalls();

    const result = await t.reader(1).gql<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.bookItem.book!.status).toBe("BOOKED");
    expect(t.emulator.calls.reads).toBe(1);
    expect(await t.kurin.quota.readsLastMinute()).toBe(3);
    // and a refresh is still refused: the budget is over-spent, not reset
    expect(await t.kurin.quota.tryAcquire()).toBe("budget");
  });

  it("counts a read that failed, by the time the refusal is answered", async () => {
    const [, bookId] = availableBooks(t, 2) as [string, string];
    const before = await t.kurin.quota.readsLastMinute();
    t.emulator.setFaults({ failNext: { status: 500, count: 1, only: "read" } });
    const result = await t.reader(2).gql<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
    t.emulator.setFaults({});
    expect(result.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(await t.kurin.quota.readsLastMinute()).toBe(before + 1);
  });
});
