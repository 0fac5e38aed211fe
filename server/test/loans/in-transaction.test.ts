import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KurinError } from "../../src/errors.ts";
import type { LoanChangeInTransaction } from "../../src/loans/loan-writes.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { asciiJson, availableBooks, MUTATIONS, telegramUser, type LoanResult } from "../support/lending.ts";

// The place where rows that must commit with a loan change are added (docs/ARCHITECTURE.md, the write path,
// step 6): an InTransaction step sees the change inside its transaction, and a step that fails undoes it all.

describe("steps inside a loan change's transaction", () => {
  let t: TestKurin;
  let bot: string;
  const seen: Array<LoanChangeInTransaction & { loansSeen: number }> = [];
  let refuse: string | undefined;

  beforeAll(async () => {
    t = await startTestKurin("in-transaction", {
      env: { LOAN_REPAIR_SECONDS: "0" },
      start: {
        statsFlushMs: 0,
        inTransaction: [
          async (tx, change) => {
            // The loan row is visible here: this runs in the same transaction, before it commits.
            seen.push({ ...change, loansSeen: await tx.loan.count({ where: { id: change.loan.id } }) });
            if (change.bookId === refuse) throw new KurinError("CONFLICT", `no messages for book ${change.bookId}`);
          },
        ],
      },
    });
    bot = (await t.kurin.auth.tokens.create("bot", "BOT")).token;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const asReader = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${bot}`, "x-telegram-user": asciiJson(telegramUser(1)) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };

  it("runs once per change, with the loan and its SheetWrite, inside the transaction", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    const booked = await asReader<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
    expect(booked.errors).toBeUndefined();
    const cancelled = await asReader<{ cancelBooking: LoanResult }>(MUTATIONS.cancelBooking, { bookId });
    expect(cancelled.errors).toBeUndefined();

    expect(seen.map((s) => [s.transition, s.bookId, String(s.loan.id), s.loansSeen])).toEqual([
      ["bookItem", bookId, booked.data!.bookItem.id, 1],
      ["cancelBooking", bookId, booked.data!.bookItem.id, 1],
    ]);
    const writes = await t.kurin.prisma.sheetWrite.findMany({ where: { bookId }, orderBy: { id: "asc" } });
    expect(seen.map((s) => s.sheetWrite.id)).toEqual(writes.map((w) => w.id));
    expect(seen[1]!.loan.cancelledAt).toBeInstanceOf(Date);
  });

  it("a step that fails undoes the whole change: no loan, no SheetWrite, the Sheet as it was", async () => {
    const [, bookId] = availableBooks(t, 2) as [string, string];
    refuse = bookId;
    const result = await asReader<{ bookItem: LoanResult }>(MUTATIONS.bookItem, { bookId });
    refuse = undefined;

    expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["CONFLICT", `no messages for book ${bookId}`]]);
    expect(seen.filter((s) => s.bookId === bookId)).toHaveLength(1);
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(0);
    expect(await t.kurin.prisma.sheetWrite.count({ where: { bookId } })).toBe(0);
    expect(t.emulator.getCell(bookId, "Status") ?? "").toBe("");
  });
});
