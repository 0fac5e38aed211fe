import type { Logger } from "pino";
import { BookStatus, type Book } from "../catalog/book.ts";
import type { SheetsQuota } from "../catalog/quota.ts";
import { BookNotInSheetError, CatalogueUnavailableError, type SheetCatalogue, type SheetRow } from "../catalog/sheet-catalogue.ts";
import type { BookChange, BookService } from "../books/book-service.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import { isUniqueViolation, type Loan, type PrismaClient, type Reader } from "../db/client.ts";
import type { BookLocks } from "./book-lock.ts";
import { LendingError } from "./errors.ts";
import { EVENT_OF_TRANSITION, LoanEventSource, LoanEventType, newEventId, type EventReader, type LoanEvent, type LoanEventBus } from "./events.ts";
import { SheetWriteLedger, SheetWriteState, TRANSACTION_OPTIONS, type CellPlan, type LoanPatch, type SheetWrite } from "./ledger.ts";
import { toReaderRecord, type ReaderRecord } from "./readers.ts";
import { bookingRefusal, dueDateFor, type LoanRules } from "./rules.ts";
import { TRANSITION_TABLE, decide, describeStatus, mayAttempt, type Actor, type Ownership, type Transition } from "./transitions.ts";

/**
 * Changing a book's status: the five transitions of the seed, and cancel. Each one, in this order:
 *
 *  1. who: refuse at once whoever may never do this (no lock, no reads);
 *  2. a short per-book lock in Redis, so one change of a book runs at a time across instances;
 *  3. the book's open loan in MySQL: whose it is (a reader acts on their own loans only), and for a booking
 *     the reader's limits — all before any Sheets call, so losers of a race cost Google nothing;
 *  4. the book's CURRENT row in the Sheet (never the cache): its status must allow the transition;
 *  5. ONE MySQL transaction: the loan change and the record of the Sheet write to come (SheetWrite);
 *  6. the Sheet write, checked to have landed in the book's row;
 *  7. the record marked done, the cache written through (every instance serves the new status), an event.
 *
 * If the Sheet write fails, the loan change is undone and the caller told; the cache was never touched. A
 * crash between 5 and 7 leaves a PENDING record that SheetWriteRepairer settles at start-up and periodically.
 */

export interface LendingActor {
  /** The Telegram reader acting, if any. */
  reader: ReaderRecord | null;
  /** Acting as a librarian (a librarian's token, or a reader made librarian). */
  librarian: boolean;
}

export interface LoanChange {
  loan: Loan;
  /** The book as the Sheet now holds it. */
  book: Book;
  event: LoanEvent;
}

/** Test hooks standing for a crash at a point of a transition. */
export interface LendingFaults {
  afterDatabaseWrite?: (bookId: string) => void | Promise<void>;
  afterSheetWrite?: (bookId: string) => void | Promise<void>;
}

export interface LendingServiceOptions {
  prisma: PrismaClient;
  catalogue: SheetCatalogue;
  books: BookService;
  locks: BookLocks;
  events: LoanEventBus;
  rules: LoanRules;
  logger: Logger;
  /** The shared Sheets read budget: transition reads are counted in it (never refused by it). */
  quota?: SheetsQuota;
  now?: () => number;
  faults?: LendingFaults;
}

type OpenLoan = Loan & { reader: Reader };

const MAX_BOOK_ID_LENGTH = 64;
const PHOTO_FILE_ID = /^[A-Za-z0-9_-]{1,255}$/;

export class LendingService {
  readonly ledger: SheetWriteLedger;
  /** The clock (tests may simulate time). */
  readonly now: () => number;

  constructor(private readonly options: LendingServiceOptions) {
    this.ledger = new SheetWriteLedger(options.prisma);
    this.now = options.now ?? Date.now;
  }

  get rules(): LoanRules {
    return this.options.rules;
  }

  async change(transition: Transition, bookId: string, actor: LendingActor, extra: { photoFileId?: string | null } = {}): Promise<LoanChange> {
    if (bookId.trim() === "" || bookId.length > MAX_BOOK_ID_LENGTH) throw new LendingError("NOT_FOUND", `There is no book "${bookId.slice(0, 80)}"`);
    const photoFileId = extra.photoFileId ?? null;
    if (photoFileId !== null && !PHOTO_FILE_ID.test(photoFileId)) {
      throw new LendingError("BAD_USER_INPUT", "photoFileId must be a Telegram file id (letters, digits, _ and -, at most 255)");
    }
    // 1. Who may never do this, whatever the book: no lock, no query.
    const party: Actor = { reader: actor.reader !== null, librarian: actor.librarian };
    const never = mayAttempt(transition, party, "none");
    if (never && !never.allowed) throw new LendingError(never.code, never.reason);

    // 2. One change of a book at a time, across instances.
    const lock = await this.options.locks.acquire(bookId);
    if (lock.kind === "busy") {
      throw new LendingError("CONFLICT", `Book ${bookId} is being changed by another request right now; try again in a moment`);
    }
    try {
      return await this.changeLocked(transition, bookId, actor, party, photoFileId);
    } finally {
      await lock.release();
    }
  }

  private async changeLocked(transition: Transition, bookId: string, actor: LendingActor, party: Actor, photoFileId: string | null): Promise<LoanChange> {
    const { prisma } = this.options;
    const now = new Date(this.now());

    // 3. The open loan: whose it is; for a booking, the reader's limits. No Sheets call yet.
    const open: OpenLoan | null = await prisma.loan.findUnique({ where: { openBookId: bookId }, include: { reader: true } });
    const ownership: Ownership = !open ? "none" : actor.reader && open.readerId === actor.reader.id ? "own" : "other";
    if (transition === "bookItem") {
      if (open) {
        throw new LendingError(
          "CONFLICT",
          ownership === "own" ? `You have already booked book ${bookId}` : `Book ${bookId} has just been booked by another reader`,
        );
      }
      const refusal = bookingRefusal(await this.openLoansOf(actor.reader!.id), this.rules, now);
      if (refusal) throw new LendingError("LIMIT_REACHED", refusal);
    } else {
      const refused = mayAttempt(transition, party, ownership);
      if (refused && !refused.allowed) throw new LendingError(refused.code, `${refused.reason}: book ${bookId} is another reader's loan`);
    }

    // 4. The book as the Sheet holds it now.
    const row = await this.readRow(bookId);
    const decision = decide(transition, row.book.status, party, ownership);
    if (!decision.allowed) {
      const written = row.book.status === BookStatus.UNKNOWN ? ` (the Sheet says "${row.statusCell}")` : "";
      throw new LendingError(decision.code, `Book ${bookId} ("${row.book.title}"): ${decision.reason}${written}`);
    }
    if (transition !== "bookItem" && !open) {
      throw new LendingError(
        "INVALID_TRANSITION",
        `Book ${bookId} ("${row.book.title}") is ${describeStatus(row.book.status)} in the Sheet, but kurin has no open loan for it ` +
          `(set by hand, or by the old bot): change it in the Sheet`,
      );
    }

    // 5. The loan change and the record of the Sheet write to come, in one transaction.
    const rule = TRANSITION_TABLE[transition];
    const toWord = this.options.catalogue.vocabulary.toWord(decision.to);
    let toDueDate: string | null | undefined = rule.dueDate === "clear" ? null : undefined;
    let patch: LoanPatch = {};
    switch (transition) {
      case "bookItem":
        break;
      case "markAsDelivered":
        patch = { deliveredAt: now };
        break;
      case "markAsPickedUp": {
        const due = dueDateFor(now, this.rules);
        patch = { deliveredAt: open!.deliveredAt ?? now, pickedUpAt: now, dueAt: due.dueAt };
        toDueDate = due.dueDate;
        break;
      }
      case "markAsReturnedByUser":
        patch = { returnedAt: now, returnPhotoFileId: photoFileId };
        break;
      case "confirmBookReturn":
        patch = { confirmedAt: now, openBookId: null };
        break;
      case "cancelBooking":
        patch = { cancelledAt: now, openBookId: null };
        break;
    }
    const plan: CellPlan = { transition, bookId, fromWord: row.statusCell, toWord, fromDueDate: row.dueDateCell, toDueDate };
    const { loan, write } =
      transition === "bookItem" ? await this.recordBooking(actor.reader!, plan, now) : await this.recordChange(open!, patch, plan);
    await this.options.faults?.afterDatabaseWrite?.(bookId);

    // 6. The Sheet. If it fails, nothing stays changed.
    try {
      await this.options.catalogue.writeCells(row, { statusRaw: toWord, dueDate: toDueDate });
    } catch (error) {
      throw await this.abandon(write, error);
    }
    await this.options.faults?.afterSheetWrite?.(bookId);

    // 7. Settled: record it, write the cache through, tell everyone. The Sheet has the change, so it stands
    // even if the record cannot be marked now (the repairer will find it PENDING with the cells written).
    await this.ledger.done(write.id).catch((error) =>
      this.options.logger.warn({ err: (error as Error).message, sheetWrite: write.id }, "could not mark a Sheet write done; the repairer will"),
    );
    const after = bookAfter(row.book, toWord, toDueDate, this.options.catalogue.vocabulary);
    await this.options.books.recordChange(after, now);
    // Done as a librarian when the reader's own right would not have allowed it.
    const asReader = (rule.by.includes("reader") && party.reader) || (rule.by.includes("owner") && ownership === "own");
    const reader = open ? eventReader(open.reader) : toEventReader(actor.reader!);
    const event = transitionEvent(transition, { loan, reader, before: row.book, after, at: now, byLibrarian: !asReader });
    await this.options.events.publish(event);
    return { loan, book: after, event };
  }

  /** A new loan and its Sheet write; the reader's limits re-checked under a lock on the reader's row. */
  private async recordBooking(reader: ReaderRecord, plan: CellPlan, now: Date): Promise<{ loan: Loan; write: SheetWrite }> {
    try {
      return await this.options.prisma.$transaction(async (tx) => {
        // Serialises one reader's bookings (several books at once must not slip past the limit).
        await tx.$queryRaw`SELECT id FROM \`Reader\` WHERE id = ${reader.id} FOR UPDATE`;
        const open = await tx.loan.findMany({ where: { readerId: reader.id, openBookId: { not: null } } });
        const refusal = bookingRefusal(open, this.rules, now);
        if (refusal) throw new LendingError("LIMIT_REACHED", refusal);
        const loan = await tx.loan.create({ data: { bookId: plan.bookId, readerId: reader.id, openBookId: plan.bookId, bookedAt: now } });
        const write = await this.ledger.record(tx, loan.id, plan, { created: true });
        return { loan, write };
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // The database's guarantee: one open loan per book, whatever the lock did (Redis down, lock expired).
      if (isUniqueViolation(error, "Loan_openBookId_key")) throw new LendingError("CONFLICT", `Book ${plan.bookId} has just been booked by another reader`);
      throw error;
    }
  }

  /** The loan change, only if the loan is still as read (another change would have moved updatedAt). */
  private async recordChange(open: OpenLoan, patch: LoanPatch, plan: CellPlan): Promise<{ loan: Loan; write: SheetWrite }> {
    const before = Object.fromEntries(Object.keys(patch).map((column) => [column, open[column as keyof LoanPatch]])) as LoanPatch;
    return this.options.prisma.$transaction(async (tx) => {
      const { count } = await tx.loan.updateMany({ where: { id: open.id, updatedAt: open.updatedAt }, data: patch });
      if (count !== 1) throw new LendingError("CONFLICT", `Loan ${open.id} of book ${plan.bookId} changed meanwhile; try again`);
      const write = await this.ledger.record(tx, open.id, plan, { before, after: patch });
      const { reader: _reader, ...loan } = open;
      return { loan: { ...loan, ...patch }, write };
    }, TRANSACTION_OPTIONS);
  }

  /** After a failed Sheet write: undo the loan change; the error to report. */
  private async abandon(write: SheetWrite, error: unknown): Promise<Error> {
    const gone = error instanceof BookNotInSheetError;
    // An error answer means the write did not happen; no answer at all means it may have (checked later).
    const unanswered = error instanceof CatalogueUnavailableError && error.httpStatus === undefined;
    const reason = (error as Error).message;
    try {
      await this.ledger.undo(write, unanswered ? SheetWriteState.REVERT : SheetWriteState.UNDONE, reason);
    } catch (undoError) {
      // The record stays PENDING: the repairer will finish or undo it.
      this.options.logger.error({ err: (undoError as Error).message, sheetWrite: write.id }, "could not undo a loan change after a failed Sheet write; the repairer will");
    }
    if (gone) return new LendingError("NOT_FOUND", `Book ${write.bookId} is no longer in the Sheet; nothing was changed`);
    if (error instanceof CatalogueUnavailableError) {
      return new LendingError("UPSTREAM_UNAVAILABLE", `The Google Sheet could not be written, so nothing was changed; try again later. ${reason}`, { cause: error });
    }
    return error as Error;
  }

  /** The book's row, read from the Sheet now. */
  private async readRow(bookId: string): Promise<SheetRow> {
    // Counted in the shared budget so refreshes leave room; a transition is never refused by it.
    await this.options.quota?.record().catch(() => undefined);
    try {
      const row = await this.options.catalogue.readBook(bookId);
      this.options.quota?.succeeded();
      return row;
    } catch (error) {
      if (error instanceof BookNotInSheetError) throw new LendingError("NOT_FOUND", `There is no book ${bookId} in the catalogue`);
      if (error instanceof CatalogueUnavailableError) {
        if (error.httpStatus === 429) this.options.quota?.failed(error);
        throw new LendingError("UPSTREAM_UNAVAILABLE", `The Google Sheet cannot be read now, so nothing was changed; try again later. ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * A librarian's hand edits of the Status column, found by a read of the Sheet (the poll, the webhook, a
   * refresh): each is announced as a SHEET_EDIT event. The Sheet owns the status, so a book put back on the
   * shelf by hand (available) closes its open loan in kurin, unless a change of kurin's own is still on its
   * way to the Sheet. Wired to BookService's `sheetEdits` event; callable by anything else that finds edits.
   */
  async sheetEdited(changes: readonly BookChange[]): Promise<LoanEvent[]> {
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
    const now = new Date(this.now());
    const events: LoanEvent[] = [];
    for (const { before, after } of edits) {
      const loan = openByBook.get(after.id);
      if (loan && after.status === BookStatus.AVAILABLE && !busy.has(after.id)) {
        const close = loan.pickedUpAt ? { confirmedAt: now, openBookId: null } : { cancelledAt: now, openBookId: null };
        const { count } = await prisma.loan.updateMany({ where: { id: loan.id, updatedAt: loan.updatedAt }, data: close });
        if (count === 1) logger.info({ bookId: after.id, loanId: loan.id }, "a librarian put the book back on the shelf in the Sheet: its loan is closed");
      }
      const event: LoanEvent = {
        id: newEventId(),
        type: LoanEventType.STATUS_EDITED,
        source: LoanEventSource.SHEET_EDIT,
        at: new Date(after.changedAt ?? now.getTime()).toISOString(),
        bookId: after.id,
        bookTitle: after.title,
        loanId: loan?.id ?? null,
        readerId: loan?.readerId ?? null,
        reader: loan ? eventReader(loan.reader) : null,
        from: before.status,
        to: after.status,
        statusRaw: after.statusRaw,
        dueDate: after.dueDate,
        byLibrarian: true,
      };
      await this.options.events.publish(event);
      events.push(event);
    }
    return events;
  }

  private openLoansOf(readerId: number): Promise<Loan[]> {
    return this.options.prisma.loan.findMany({ where: { readerId, openBookId: { not: null } } });
  }
}

/** The book after its cells were written. */
export function bookAfter(
  book: Book,
  toWord: string,
  toDueDate: string | null | undefined,
  vocabulary: SheetCatalogue["vocabulary"],
): Book {
  const dueDate = toDueDate === undefined ? book.dueDate : toDueDate;
  return { ...book, statusRaw: toWord, dueDate, status: vocabulary.toStatus(toWord, dueDate !== null) };
}

export function eventReader(reader: Reader): EventReader {
  return { ...toReaderRecord(reader), createdAt: reader.createdAt.toISOString() };
}

export function toEventReader(reader: ReaderRecord): EventReader {
  return { ...reader, createdAt: reader.createdAt.toISOString() };
}

export function transitionEvent(
  transition: Transition,
  change: { loan: Loan; reader: EventReader | null; before: Book; after: Book; at: Date; byLibrarian: boolean },
): LoanEvent {
  return {
    id: newEventId(),
    type: EVENT_OF_TRANSITION[transition],
    source: LoanEventSource.MUTATION,
    at: change.at.toISOString(),
    bookId: change.after.id,
    bookTitle: change.after.title,
    loanId: change.loan.id,
    readerId: change.loan.readerId,
    reader: change.reader,
    from: change.before.status,
    to: change.after.status,
    statusRaw: change.after.statusRaw,
    dueDate: change.after.dueDate,
    byLibrarian: change.byLibrarian,
  };
}
