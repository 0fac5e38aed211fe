import type { Logger } from "pino";
import { toReaderRecord } from "../auth/readers.ts";
import type { BookChange } from "../books/types.ts";
import { BookStatus } from "../catalog/book.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import type { PrismaClient } from "../db/client.ts";
import { sheetEditEvent, type LoanEvent, type LoanEventBus } from "./events.ts";
import { SheetWriteState } from "./ledger.ts";
import { TRANSITION_TABLE } from "./transitions.ts";

/**
 * A librarian's hand edits of the Status column, found by a read of the Sheet (the poll, the webhook, a
 * refresh): each is announced as a SHEET_EDIT event. The Sheet owns the status, so a book put back on the
 * shelf by hand (available) closes its open loan in kurin, unless a change of kurin's own is still on its
 * way to the Sheet. Wired to BookService's `sheetEdits` event; callable by anything else that finds edits.
 */
export class HandEdits {
  constructor(
    private readonly options: { prisma: PrismaClient; events: LoanEventBus; logger: Logger; now: () => number },
  ) {}

  async apply(changes: readonly BookChange[]): Promise<LoanEvent[]> {
    const edits = changes.filter(
      (c): c is { before: CachedBook; after: CachedBook } =>
        c.before !== undefined && c.after !== undefined && (c.before.statusRaw !== c.after.statusRaw || c.before.dueDate !== c.after.dueDate),
    );
    if (edits.length === 0) return [];
    const { prisma, logger } = this.options;
    const ids = edits.map((e) => e.after.id);
    const [open, unsettled] = await Promise.all([
      prisma.loan.findMany({ where: { openBookId: { in: ids } }, include: { reader: true } }),
      prisma.sheetWrite.findMany({ where: { bookId: { in: ids }, state: { in: [SheetWriteState.PENDING, SheetWriteState.REVERT] } }, select: { bookId: true } }),
    ]);
    const openByBook = new Map(open.map((loan) => [loan.bookId, loan]));
    const busy = new Set(unsettled.map((w) => w.bookId));
    const now = new Date(this.options.now());
    const events: LoanEvent[] = [];
    for (const edit of edits) {
      const loan = openByBook.get(edit.after.id);
      if (loan && edit.after.status === BookStatus.AVAILABLE && !busy.has(edit.after.id)) {
        // Closed as a librarian would have: a return confirmed if it was picked up, else a booking cancelled.
        const close = TRANSITION_TABLE[loan.pickedUpAt ? "confirmBookReturn" : "cancelBooking"].patch({ now, loan, dueAt: now, photoFileId: null });
        const { count } = await prisma.loan.updateMany({ where: { id: loan.id, updatedAt: loan.updatedAt }, data: close });
        if (count === 1) logger.info({ bookId: edit.after.id, loanId: loan.id }, "a librarian put the book back on the shelf in the Sheet: its loan is closed");
      }
      const event = sheetEditEvent(edit, loan ? { ...loan, reader: toReaderRecord(loan.reader) } : undefined, now);
      await this.options.events.publish(event);
      events.push(event);
    }
    return events;
  }
}
