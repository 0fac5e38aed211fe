import type { Logger } from "pino";
import type { ReaderRecord } from "../auth/readers.ts";
import { BookNotInSheetError, SheetsCallError } from "../catalog/sheets-errors.ts";
import { isUniqueViolation, type Loan, type PrismaClient, type Reader } from "../db/client.ts";
import { LendingError } from "./errors.ts";
import { SheetWriteLedger, SheetWriteState, TRANSACTION_OPTIONS, type CellPlan, type SheetWrite, type Tx } from "./ledger.ts";
import { bookingRefusal, type LoanRules } from "./rules.ts";
import type { LoanPatch, Ownership, Transition } from "./transitions.ts";

/**
 * Step 5 of a status change (loans/lending-service.ts): the loan change and the record of the Sheet write to
 * come, in ONE MySQL transaction; and, when the Sheet write then fails, undoing it.
 */

export type OpenLoan = Loan & { reader: Reader };

/** A loan change as its transaction sees it, for the steps that add rows to it. */
export interface LoanChangeInTransaction {
  transition: Transition;
  bookId: string;
  /** The loan as it is after the change. */
  loan: Loan;
  /** The record of the Sheet write to come. */
  sheetWrite: SheetWrite;
  /** Whose loan it was for the one asking ("none" for a booking): a librarian's cancel is not the reader's. */
  ownership: Ownership;
}

/**
 * A step run inside the transaction of every loan change, after the loan and its SheetWrite are written: rows
 * that must exist exactly when the change does (e.g. messages to send) are added here, and a step that throws
 * undoes the whole change. Steps are registered where lending is built (loans/lending.ts).
 */
export type InTransaction = (tx: Tx, change: LoanChangeInTransaction) => Promise<void>;

export class LoanWrites {
  constructor(
    private readonly options: {
      prisma: PrismaClient;
      ledger: SheetWriteLedger;
      rules: LoanRules;
      logger: Logger;
      inTransaction: readonly InTransaction[];
    },
  ) {}

  /** A new loan and its Sheet write; the reader's limits re-checked under a lock on the reader's row. */
  async book(reader: ReaderRecord, plan: CellPlan, now: Date): Promise<{ loan: Loan; write: SheetWrite }> {
    try {
      return await this.options.prisma.$transaction(async (tx) => {
        // Serialises one reader's bookings (several books at once must not slip past the limit).
        await tx.$queryRaw`SELECT id FROM \`Reader\` WHERE id = ${reader.id} FOR UPDATE`;
        const open = await tx.loan.findMany({ where: { readerId: reader.id, openBookId: { not: null } } });
        const refusal = bookingRefusal(open, this.options.rules, now);
        if (refusal) throw new LendingError("LIMIT_REACHED", refusal);
        const loan = await tx.loan.create({ data: { bookId: plan.bookId, readerId: reader.id, openBookId: plan.bookId, bookedAt: now } });
        const write = await this.options.ledger.record(tx, loan.id, plan, { created: true });
        await this.alsoInTransaction(tx, { transition: plan.transition, bookId: plan.bookId, loan, sheetWrite: write, ownership: "none" });
        return { loan, write };
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // The database's guarantee: one open loan per book, whatever the lock did (Redis down, lock expired).
      if (isUniqueViolation(error, "Loan_openBookId_key")) throw new LendingError("CONFLICT", `Book ${plan.bookId} has just been booked by another reader`);
      throw error;
    }
  }

  /** The loan change, only if the loan is still as read (another change would have moved updatedAt). */
  updateLoan(open: OpenLoan, patch: LoanPatch, plan: CellPlan, ownership: Ownership): Promise<{ loan: Loan; write: SheetWrite }> {
    const before = Object.fromEntries(Object.keys(patch).map((column) => [column, open[column as keyof LoanPatch]])) as LoanPatch;
    return this.options.prisma.$transaction(async (tx) => {
      const { count } = await tx.loan.updateMany({ where: { id: open.id, updatedAt: open.updatedAt }, data: patch });
      if (count !== 1) throw new LendingError("CONFLICT", `Loan ${open.id} of book ${plan.bookId} changed meanwhile; try again`);
      const write = await this.options.ledger.record(tx, open.id, plan, { before, after: patch });
      const { reader: _reader, ...unchanged } = open;
      const loan = { ...unchanged, ...patch };
      await this.alsoInTransaction(tx, { transition: plan.transition, bookId: plan.bookId, loan, sheetWrite: write, ownership });
      return { loan, write };
    }, TRANSACTION_OPTIONS);
  }

  /** After a failed Sheet write: undo the loan change; the error to report. */
  async abandon(write: SheetWrite, error: unknown): Promise<Error> {
    const gone = error instanceof BookNotInSheetError;
    // An error answer means the write did not happen; no answer at all means it may have (checked later).
    const unanswered = error instanceof SheetsCallError && error.httpStatus === undefined;
    const reason = (error as Error).message;
    try {
      await this.options.ledger.undo(write, unanswered ? SheetWriteState.REVERT : SheetWriteState.UNDONE, reason);
    } catch (undoError) {
      // The record stays PENDING: the repairer will finish or undo it.
      this.options.logger.error({ err: (undoError as Error).message, sheetWrite: write.id }, "could not undo a loan change after a failed Sheet write; the repairer will");
    }
    if (gone) return new LendingError("NOT_FOUND", `Book ${write.bookId} is no longer in the Sheet; nothing was changed`);
    if (error instanceof SheetsCallError) {
      return new LendingError("UPSTREAM_UNAVAILABLE", `The Google Sheet could not be written, so nothing was changed; try again later. ${reason}`, { cause: error });
    }
    return error as Error;
  }

  private async alsoInTransaction(tx: Tx, change: LoanChangeInTransaction): Promise<void> {
    for (const step of this.options.inTransaction) await step(tx, change);
  }
}
