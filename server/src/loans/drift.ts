import { randomUUID } from "node:crypto";
import type { BookService } from "../books/book-service.ts";
import type { SheetsQuota } from "../books/quota.ts";
import { BookStatus, type Book } from "../catalog/book.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import type { Loan, PrismaClient } from "../db/client.ts";
import type { BookLocks } from "./book-lock.ts";
import { LendingError } from "./errors.ts";
import { LoanEventSource, LoanEventType, type LoanEventBus } from "./events.ts";
import { LoanState, loanState } from "./rules.ts";
import { bookAfter, readCurrentRow } from "./sheet-cells.ts";

/**
 * Where the Sheet and kurin disagree about who has a book:
 *
 *   outside    the Sheet shows the book booked, delivered, on loan or returned, and kurin has no open loan
 *              (lent by the old bot, or by hand). A librarian puts it back on the shelf once it is there
 *              (`returnToShelf`), or leaves it.
 *   unmatched  kurin has an open loan, and the book's row says something else (or is gone).
 *
 * Both lists come from this instance's catalogue snapshot (kept current by write-through and other instances'
 * messages) and ONE query for the open loans: no Sheets call, and no cache lookups counted as reader traffic.
 */

const LENT: ReadonlySet<BookStatus> = new Set([BookStatus.BOOKED, BookStatus.DELIVERED, BookStatus.PICKED_UP, BookStatus.RETURNED]);

/** The book status an open loan in each state should have in the Sheet. */
const SHEET_STATUS_OF: Readonly<Partial<Record<LoanState, BookStatus>>> = {
  [LoanState.BOOKED]: BookStatus.BOOKED,
  [LoanState.DELIVERED]: BookStatus.DELIVERED,
  [LoanState.PICKED_UP]: BookStatus.PICKED_UP,
  [LoanState.RETURNED]: BookStatus.RETURNED,
};

export interface DriftReport {
  outside: CachedBook[];
  unmatched: Loan[];
}

export interface LendingDriftOptions {
  prisma: PrismaClient;
  catalogue: SheetCatalogue;
  books: BookService;
  locks: BookLocks;
  events: LoanEventBus;
  quota?: SheetsQuota;
  now: () => number;
}

export class LendingDrift {
  constructor(private readonly options: LendingDriftOptions) {}

  async find(): Promise<DriftReport> {
    const [snapshot, open] = await Promise.all([
      this.options.books.catalogue(),
      this.options.prisma.loan.findMany({ where: { openBookId: { not: null } }, orderBy: { id: "desc" } }),
    ]);
    const lentByKurin = new Set(open.map((loan) => loan.bookId));
    const outside = snapshot.books.filter((book) => LENT.has(book.status) && !lentByKurin.has(book.id));
    const unmatched = open.filter((loan) => snapshot.byId.get(loan.bookId)?.status !== SHEET_STATUS_OF[loanState(loan)]);
    return { outside, unmatched };
  }

  /**
   * A book lent outside kurin is back: its Status and due-date cells are cleared (the row found by the book's
   * id, as every write), the cache written through, and a STATUS_EDITED event sent. Refused when kurin has an
   * open loan of it (its own actions close that) or when the Sheet already shows it on the shelf. Nothing is
   * written to MySQL, so a failed Sheet write leaves nothing to undo.
   */
  async returnToShelf(bookId: string): Promise<Book> {
    const lock = await this.options.locks.acquire(bookId);
    if (lock.kind === "busy") throw new LendingError("CONFLICT", `Book ${bookId} is being changed by another request right now; try again in a moment`);
    try {
      const open = await this.options.prisma.loan.findUnique({ where: { openBookId: bookId } });
      if (open) {
        throw new LendingError("INVALID_TRANSITION", `kurin lent book ${bookId} itself (loan ${open.id}): confirm its return or cancel it instead`);
      }
      const row = await readCurrentRow(this.options.catalogue, this.options.quota, bookId);
      if (row.book.status === BookStatus.AVAILABLE) throw new LendingError("INVALID_TRANSITION", `Book ${bookId} is on the shelf in the Sheet already`);
      try {
        await this.options.catalogue.writeCells(row, { statusRaw: "", dueDate: null });
      } catch (error) {
        throw new LendingError("UPSTREAM_UNAVAILABLE", `The Google Sheet could not be written, so nothing was changed; try again later. ${(error as Error).message}`, {
          cause: error,
        });
      }
      const now = new Date(this.options.now());
      const after = bookAfter(row.book, "", null, this.options.catalogue.vocabulary);
      await this.options.books.writeThrough(after, now);
      await this.options.events.publish({
        id: randomUUID(),
        type: LoanEventType.STATUS_EDITED,
        source: LoanEventSource.MUTATION,
        at: now.toISOString(),
        bookId,
        bookTitle: after.title,
        loanId: null,
        readerId: null,
        reader: null,
        from: row.book.status,
        to: after.status,
        statusRaw: after.statusRaw,
        dueDate: after.dueDate,
        byLibrarian: true,
      });
      return after;
    } finally {
      await lock.release();
    }
  }
}
