import type { Prisma, PrismaClient } from "../db/client.ts";
import type { SheetWrite } from "../db/generated/client.ts";
import { SheetWriteState } from "../db/generated/enums.ts";
import type { LoanPatch, Transition } from "./transitions.ts";

/**
 * The record of each status change on its way to the Sheet (table SheetWrite). The loan change and its
 * record are written in ONE transaction; the record says what to write in the Sheet and how to undo the loan
 * change, so whichever step a crash interrupts, the repairer can finish or undo it from the database alone.
 */

export { SheetWriteState, type SheetWrite };


export interface CellPlan {
  transition: Transition;
  bookId: string;
  fromWord: string;
  toWord: string;
  /** The due-date cell before (null: no such column). */
  fromDueDate: string | null;
  /** undefined: leave the cell; null: clear it; text: write it. */
  toDueDate: string | null | undefined;
}

interface UndoRecord {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A Prisma client inside a transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * Lending's transactions are short, but a burst (50 readers racing for a book while Redis is down, so no lock
 * spreads them out) queues them for the connection pool: wait for a connection longer than Prisma's 2 s.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

const DATE_COLUMNS = new Set(["deliveredAt", "pickedUpAt", "dueAt", "returnedAt", "confirmedAt", "cancelledAt"]);

export class SheetWriteLedger {
  constructor(private readonly prisma: PrismaClient) {}

  /** Inside the loan's transaction: what is about to be written to the Sheet, and how to undo the loan change. */
  record(tx: Tx, loanId: number, plan: CellPlan, undo: { created: true } | { before: LoanPatch; after: LoanPatch }): Promise<SheetWrite> {
    return tx.sheetWrite.create({
      data: {
        loanId,
        bookId: plan.bookId,
        transition: plan.transition,
        fromWord: plan.fromWord,
        toWord: plan.toWord,
        fromDueDate: plan.fromDueDate,
        // NULL leaves the cell alone, "" clears it.
        toDueDate: plan.toDueDate === undefined ? null : (plan.toDueDate ?? ""),
        undo: "created" in undo ? null : JSON.stringify({ before: undo.before, after: undo.after } satisfies UndoRecord),
      },
    });
  }

  /**
   * The Sheet holds the change (and Redis too, unless `cacheMissed`: then CACHE_MISSED, until some instance
   * writes the book to Redis). False when someone (the repairer) settled it first.
   */
  async done(id: number, options: { cacheMissed?: boolean } = {}): Promise<boolean> {
    const { count } = await this.prisma.sheetWrite.updateMany({
      where: { id, state: SheetWriteState.PENDING },
      data: { state: options.cacheMissed ? SheetWriteState.CACHE_MISSED : SheetWriteState.DONE, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /** Redis holds the book again (written by whichever instance): its CACHE_MISSED records are done. */
  async cached(bookId: string): Promise<void> {
    await this.prisma.sheetWrite.updateMany({ where: { bookId, state: SheetWriteState.CACHE_MISSED }, data: { state: SheetWriteState.DONE } });
  }

  /** Books with a change the Sheet holds and Redis missed (any age: the Sheet's row is right to write at once). */
  async cacheMissed(limit = 100): Promise<string[]> {
    const rows = await this.prisma.sheetWrite.findMany({ where: { state: SheetWriteState.CACHE_MISSED }, distinct: ["bookId"], select: { bookId: true }, take: limit });
    return rows.map((row) => row.bookId);
  }

  /**
   * Undoes the loan change and closes the record, in one transaction: `UNDONE` when the Sheet surely never got
   * the change, `REVERT` when a Sheets call went unanswered and the cell must be checked (and put back) later.
   * Returns false when the loan had moved on and nothing was undone.
   */
  async undo(write: SheetWrite, state: typeof SheetWriteState.UNDONE | typeof SheetWriteState.REVERT, reason: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const undone = await undoLoan(tx, write);
      await tx.sheetWrite.update({
        where: { id: write.id },
        data: { state, lastError: undone ? reason : `${reason}; the loan had changed since, so it was left as it is`, attempts: { increment: 1 } },
      });
      return undone;
    }, TRANSACTION_OPTIONS);
  }

  /** A REVERT record whose cell was checked (and put back if needed). */
  async reverted(id: number): Promise<void> {
    await this.prisma.sheetWrite.update({ where: { id }, data: { state: SheetWriteState.UNDONE, attempts: { increment: 1 } } });
  }

  async failedAttempt(id: number, error: string): Promise<void> {
    await this.prisma.sheetWrite.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 2000) } });
  }

  /** Records still to settle (PENDING or REVERT) created before `before`, oldest first. */
  unsettled(before: Date, limit = 100): Promise<SheetWrite[]> {
    return this.prisma.sheetWrite.findMany({
      where: { state: { in: [SheetWriteState.PENDING, SheetWriteState.REVERT] }, createdAt: { lt: before } },
      orderBy: { id: "asc" },
      take: limit,
    });
  }
}

async function undoLoan(tx: Tx, write: SheetWrite): Promise<boolean> {
  if (write.undo === null) {
    // The change created the loan (a booking): remove it, unless it went further meanwhile.
    const { count } = await tx.loan.deleteMany({ where: { id: write.loanId, deliveredAt: null, cancelledAt: null } });
    return count === 1;
  }
  const { before, after } = JSON.parse(write.undo) as UndoRecord;
  const { count } = await tx.loan.updateMany({ where: { id: write.loanId, ...revive(after) }, data: revive(before) });
  return count === 1;
}

function revive(columns: Record<string, unknown>): LoanPatch {
  return Object.fromEntries(
    Object.entries(columns).map(([column, value]) => [column, DATE_COLUMNS.has(column) && typeof value === "string" ? new Date(value) : value]),
  ) as LoanPatch;
}
