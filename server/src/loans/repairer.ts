import type { Logger } from "pino";
import { toReaderRecord } from "../auth/readers.ts";
import type { BookService } from "../books/book-service.ts";
import type { SheetCatalogue, SheetRow } from "../catalog/sheet-catalogue.ts";
import { BookNotInSheetError } from "../catalog/sheets-errors.ts";
import type { PrismaClient } from "../db/client.ts";
import type { BookLocks } from "./book-lock.ts";
import { transitionEvent, type LoanEventBus } from "./events.ts";
import { SheetWriteState, type SheetWrite, type SheetWriteLedger } from "./ledger.ts";
import { bookAfter, cellChanges, holds, sameWord } from "./sheet-cells.ts";
import { TRANSITION_TABLE, TRANSITIONS, type Transition } from "./transitions.ts";

/**
 * Settles the status changes a crash (or an unanswered Sheets call) left half-done, from the SheetWrite
 * records in MySQL: at start-up and every LOAN_REPAIR_SECONDS, for records older than
 * LOAN_REPAIR_AFTER_SECONDS (a live request is done with its record well before), under the same per-book lock
 * as the transitions. Invariant 2 (docs/ARCHITECTURE.md): an accepted transition reaches the Sheet or is undone.
 *
 * PENDING (the loan changed in MySQL, the Sheet write not confirmed). The book's row is read:
 *   - the cells already hold the change          -> done (the write had landed; only the record lagged);
 *   - the status is still one the transition     -> FINISH it: write the cells, done. The reader asked for the
 *     starts from                                   change and MySQL accepted it, so it goes through;
 *   - anything else (a librarian changed the     -> UNDO the loan change: the Sheet owns the status, and a
 *     status by hand meanwhile), or no such book    hand edit wins over a change kurin never completed.
 * REVERT (the loan change was undone after a Sheets write that never answered): if the cells hold the change
 *   after all, the old values are put back; then the record is closed.
 *
 * Finished changes are written through the cache and announced like any other.
 * CACHE_MISSED (the Sheet has the change, Redis missed it): the book's row is written to Redis, at any age.
 */

export interface RepairReport {
  finished: number;
  confirmed: number;
  undone: number;
  reverted: number;
  skipped: number;
  failed: number;
  /** Books whose change Redis had missed, written to it from the Sheet. */
  recached: number;
}

export interface SheetWriteRepairerOptions {
  prisma: PrismaClient;
  ledger: SheetWriteLedger;
  catalogue: SheetCatalogue;
  books: BookService;
  locks: BookLocks;
  events: LoanEventBus;
  logger: Logger;
  /** Records younger than this are left to the request that made them. */
  repairAfterMs: number;
  /** How often to look (0: only at start-up). */
  intervalMs: number;
  now?: () => number;
}

export class SheetWriteRepairer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RepairReport> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SheetWriteRepairerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A run now and then every interval; failures are logged, never thrown. */
  start(): void {
    const run = () => {
      this.runOnce().catch((error) => this.options.logger.warn({ err: (error as Error).message }, "repairing Sheet writes failed; will retry"));
    };
    run();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(run, this.options.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the unsettled records (one pass at a time in this process). */
  runOnce(options: { repairAfterMs?: number } = {}): Promise<RepairReport> {
    this.running ??= this.pass(options.repairAfterMs ?? this.options.repairAfterMs).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(repairAfterMs: number): Promise<RepairReport> {
    const report: RepairReport = { finished: 0, confirmed: 0, undone: 0, reverted: 0, skipped: 0, failed: 0, recached: 0 };
    report.recached = await this.recache();
    const writes = await this.options.ledger.unsettled(new Date(this.now() - repairAfterMs));
    for (const write of writes) {
      const lock = await this.options.locks.acquire(write.bookId);
      if (lock.kind === "busy") {
        report.skipped++;
        continue;
      }
      try {
        // Another instance may have settled it while this one waited for the lock.
        const current = await this.options.prisma.sheetWrite.findUnique({ where: { id: write.id } });
        if (!current || (current.state !== SheetWriteState.PENDING && current.state !== SheetWriteState.REVERT)) {
          report.skipped++;
          continue;
        }
        const outcome = await this.settle(current);
        report[outcome]++;
      } catch (error) {
        report.failed++;
        const message = (error as Error).message;
        await this.options.ledger.failedAttempt(write.id, message).catch(() => undefined);
        this.options.logger.warn({ sheetWrite: write.id, bookId: write.bookId, err: message }, "could not settle a Sheet write yet; will retry");
      } finally {
        await lock.release();
      }
    }
    if (writes.length > 0 || report.recached > 0) this.options.logger.info({ ...report }, "settled interrupted Sheet writes");
    return report;
  }

  /**
   * Books whose change reached the Sheet while Redis missed it (CACHE_MISSED), however young: the instance that
   * made it may have died with it, and the book's row as the Sheet has it now is right to write at any time
   * (under the book's lock, so no change of it runs meanwhile). If Redis misses this too, this instance now keeps
   * it and writes it again when Redis answers. One Sheets read a book.
   */
  private async recache(): Promise<number> {
    let recached = 0;
    for (const bookId of await this.options.ledger.cacheMissed()) {
      const lock = await this.options.locks.acquire(bookId);
      if (lock.kind === "busy") continue;
      try {
        const row = await this.options.catalogue.readBook(bookId);
        if (await this.options.books.writeThrough(row.book)) {
          await this.options.ledger.cached(bookId);
          recached++;
        }
      } catch (error) {
        this.options.logger.warn({ bookId, err: (error as Error).message }, "could not write a book Redis had missed; will retry");
      } finally {
        await lock.release();
      }
    }
    return recached;
  }

  private async settle(write: SheetWrite): Promise<Exclude<keyof RepairReport, "skipped" | "failed">> {
    const { ledger, catalogue, logger } = this.options;
    let row: SheetRow | undefined;
    try {
      row = await catalogue.readBook(write.bookId);
    } catch (error) {
      if (!(error instanceof BookNotInSheetError)) throw error;
    }

    if (write.state === SheetWriteState.REVERT) {
      if (row && holds(row, write) && !sameWord(write.fromWord, write.toWord)) {
        // The unanswered write landed after all: put the cells back as they were.
        const restore = { statusRaw: write.fromWord, ...(write.toDueDate === null ? {} : { dueDate: write.fromDueDate || null }) };
        await catalogue.writeCells(row, restore);
        await this.options.books.writeThrough(bookAfter(row.book, restore.statusRaw, restore.dueDate, catalogue.vocabulary));
        logger.warn({ sheetWrite: write.id, bookId: write.bookId }, "a Sheet write that had timed out landed later; the cells were put back");
        await ledger.reverted(write.id);
        return "reverted";
      }
      await ledger.reverted(write.id);
      return "undone";
    }

    const transition = write.transition as Transition;
    if (!row || !TRANSITIONS.includes(transition)) {
      await ledger.undo(write, SheetWriteState.UNDONE, "the book is no longer in the Sheet");
      return "undone";
    }
    if (holds(row, write)) {
      await this.finish(write, transition, row, row.book);
      return "confirmed";
    }
    if (TRANSITION_TABLE[transition].from.includes(row.book.status)) {
      const changes = cellChanges(write);
      await catalogue.writeCells(row, changes);
      await this.finish(write, transition, row, bookAfter(row.book, changes.statusRaw, changes.dueDate, catalogue.vocabulary));
      return "finished";
    }
    await ledger.undo(write, SheetWriteState.UNDONE, `the Sheet says "${row.statusCell}" now (changed by hand?), so the change was undone`);
    logger.warn({ sheetWrite: write.id, bookId: write.bookId, statusRaw: row.statusCell }, "undid an interrupted change: the Sheet had changed meanwhile");
    return "undone";
  }

  /** Marks a record done, writes the book through the cache, and announces the (late) change. */
  private async finish(write: SheetWrite, transition: Transition, row: SheetRow, after: SheetRow["book"]): Promise<void> {
    if (!(await this.options.ledger.done(write.id))) return;
    await this.options.books.writeThrough(after);
    const loan = await this.options.prisma.loan.findUnique({ where: { id: write.loanId }, include: { reader: true } });
    if (!loan) return;
    const { reader, ...plain } = loan;
    const before = { ...row.book, status: this.options.catalogue.vocabulary.toStatus(write.fromWord, (write.fromDueDate ?? "") !== "") };
    const event = transitionEvent(transition, { loan: plain, reader: toReaderRecord(reader), before, after, at: new Date(this.now()), byLibrarian: false });
    await this.options.events.publish(event);
  }
}
