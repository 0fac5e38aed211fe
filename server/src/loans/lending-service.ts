import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { ReaderRecord } from "../auth/readers.ts";
import { toReaderRecord } from "../auth/readers.ts";
import type { BookService } from "../books/book-service.ts";
import type { SheetsQuota } from "../books/quota.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import { BookStatus, type Book } from "../catalog/book.ts";
import { parseDueDate } from "../catalog/row-mapping.ts";
import type { SheetCatalogue, SheetRow } from "../catalog/sheet-catalogue.ts";
import type { Loan, PrismaClient } from "../db/client.ts";
import type { BookLocks } from "./book-lock.ts";
import { KurinError } from "../errors.ts";
import { LendingError } from "./errors.ts";
import { transitionEvent, type LoanEvent, type LoanEventBus } from "./events.ts";
import { SheetWriteLedger, type CellPlan } from "./ledger.ts";
import { LoanWrites, type InTransaction, type OpenLoan } from "./loan-writes.ts";
import { bookingRefusal, dueDateFor, renewalRefusal, renewedDueDate, type LoanRules } from "./rules.ts";
import { bookAfter, readCurrentRow } from "./sheet-cells.ts";
import { TRANSITION_TABLE, decide, describeStatus, mayAttempt, type Actor, type Ownership, type Transition, type TransitionRule } from "./transitions.ts";

/**
 * Changing a book's status: the five transitions of the seed, and cancel (docs/ARCHITECTURE.md, "The write
 * path"). Each one, in this order:
 *
 *  1. who: refuse at once whoever may never do this (no lock, no reads);
 *  2. a short per-book lock in Redis, so one change of a book runs at a time across instances;
 *  3. the book's open loan in MySQL: whose it is (a reader acts on their own loans only), and for a booking
 *     the reader's limits — all before any Sheets call, so losers of a race cost Google nothing;
 *  4. the book's CURRENT row in the Sheet (never the cache): its status must allow the transition;
 *  5. ONE MySQL transaction: the loan change (its patch from the transition table), the record of the Sheet
 *     write to come (SheetWrite), and any rows the InTransaction steps add (loans/loan-writes.ts);
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
  /** The book as the Sheet now holds it, as written through to the cache. */
  book: CachedBook;
  event: LoanEvent;
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
  /** Steps that add rows to every loan change's transaction (step 5). */
  inTransaction?: readonly InTransaction[];
  /** How many readers wait for a book (the waiting list); a renewal is refused while any do. */
  waitingFor?: (bookId: string) => Promise<number>;
}

/** One transition under way: who asks, for which book, and what steps 3 and 4 found. */
interface Attempt {
  transition: Transition;
  bookId: string;
  actor: LendingActor;
  party: Actor;
  photoFileId: string | null;
  /** A librarian renewing regardless of the renewal rules. */
  override: boolean;
  /** A booking for the first reader of the waiting list (circulation/hold-offers.ts): the list does not stop it. */
  forHold: boolean;
  now: Date;
  open: OpenLoan | null;
  ownership: Ownership;
}

type ChangeExtra = { photoFileId?: string | null; override?: boolean; forHold?: boolean };

const MAX_BOOK_ID_LENGTH = 64;
const PHOTO_FILE_ID = /^[A-Za-z0-9_-]{1,255}$/;

/** Each step asked for, as it ended: "ok" or the error code it was refused with ("INTERNAL_SERVER_ERROR" for a failure). Metrics listen. */
export interface LendingEvents {
  step: [transition: Transition, outcome: string];
}

export class LendingService extends EventEmitter<LendingEvents> {
  readonly ledger: SheetWriteLedger;
  /** The clock (tests may simulate time). */
  readonly now: () => number;
  private readonly writes: LoanWrites;

  constructor(private readonly options: LendingServiceOptions) {
    super();
    this.ledger = new SheetWriteLedger(options.prisma);
    this.now = options.now ?? Date.now;
    this.writes = new LoanWrites({ ...options, ledger: this.ledger, inTransaction: options.inTransaction ?? [] });
  }

  get rules(): LoanRules {
    return this.options.rules;
  }

  async change(transition: Transition, bookId: string, actor: LendingActor, extra: ChangeExtra = {}): Promise<LoanChange> {
    try {
      const change = await this.attempt(transition, bookId, actor, extra);
      this.emit("step", transition, "ok");
      return change;
    } catch (error) {
      this.emit("step", transition, error instanceof KurinError ? error.code : "INTERNAL_SERVER_ERROR");
      throw error;
    }
  }

  private async attempt(transition: Transition, bookId: string, actor: LendingActor, extra: ChangeExtra): Promise<LoanChange> {
    if (bookId.trim() === "" || bookId.length > MAX_BOOK_ID_LENGTH) throw new LendingError("NOT_FOUND", `There is no book "${bookId.slice(0, 80)}"`);
    const photoFileId = extra.photoFileId ?? null;
    if (photoFileId !== null && !PHOTO_FILE_ID.test(photoFileId)) {
      throw new LendingError("BAD_USER_INPUT", "photoFileId must be a Telegram file id (letters, digits, _ and -, at most 255)");
    }
    // 1. Who may never do this, whatever the book: no lock, no query.
    const party: Actor = { reader: actor.reader !== null, librarian: actor.librarian };
    const never = mayAttempt(transition, party, "none");
    if (never && !never.allowed) throw new LendingError(never.code, never.reason);
    const override = extra.override ?? false;
    if (override && !actor.librarian) throw new LendingError("FORBIDDEN", "Only a librarian may renew a loan regardless of the renewal rules");

    // 1b. An id the catalogue does not have costs no lock and no Sheets read: each would spend Google's quota.
    if ((await this.options.books.loadMany([bookId]))[0] === null) {
      throw new LendingError("NOT_FOUND", `There is no book "${bookId.slice(0, 80)}" in the catalogue`);
    }

    // 2. One change of a book at a time, across instances.
    const lock = await this.options.locks.acquire(bookId);
    if (lock.kind === "busy") {
      throw new LendingError("CONFLICT", `Book ${bookId} is being changed by another request right now; try again in a moment`);
    }
    try {
      const attempt = await this.findOpenLoan({ transition, bookId, actor, party, photoFileId, override, forHold: extra.forHold ?? false, now: new Date(this.now()) });
      return await this.changeLocked(attempt);
    } finally {
      await lock.release();
    }
  }

  /** 3. The open loan: whose it is; for a booking, the reader's limits. No Sheets call yet. */
  private async findOpenLoan(asked: Omit<Attempt, "open" | "ownership">): Promise<Attempt> {
    const { transition, bookId, actor, party, now } = asked;
    const booking = transition === "bookItem";
    // A booking's three questions do not depend on one another: asked at once, they cost one wait instead of three.
    // The answers are still looked at in the same order, so a refusal is the same one.
    const [open, readerLoans, waitingFor]: [OpenLoan | null, Loan[] | undefined, number | undefined] = await Promise.all([
      this.options.prisma.loan.findUnique({ where: { openBookId: bookId }, include: { reader: true } }),
      booking ? this.openLoansOf(actor.reader!.id) : undefined,
      booking && !asked.forHold ? this.options.waitingFor?.(bookId) : undefined,
    ]);
    const ownership: Ownership = !open ? "none" : actor.reader && open.readerId === actor.reader.id ? "own" : "other";
    if (booking) {
      if (open) {
        throw new LendingError(
          "CONFLICT",
          ownership === "own" ? `You have already booked book ${bookId}` : `Book ${bookId} has just been booked by another reader`,
        );
      }
      const refusal = bookingRefusal(readerLoans!, this.rules, now);
      if (refusal) throw new LendingError("LIMIT_REACHED", refusal);
      const waiting = waitingFor ?? 0;
      if (waiting > 0) throw new LendingError("CONFLICT", `Book ${bookId} is kept for the ${waiting} reader(s) of its waiting list: join the list (placeHold)`);
    } else {
      const refused = mayAttempt(transition, party, ownership);
      if (refused && !refused.allowed) throw new LendingError(refused.code, `${refused.reason}: book ${bookId} is another reader's loan`);
      if (transition === "renewLoan" && open && !asked.override) await this.mayRenew(open, now);
    }
    return { ...asked, open, ownership };
  }

  /** 3, for a renewal: the library's rules (waiting readers, overdue, how many times), unless a librarian overrides. */
  private async mayRenew(open: OpenLoan, now: Date): Promise<void> {
    // Only a loan on loan has rules to check; any other is refused by its status in step 4.
    if (!open.pickedUpAt || open.returnedAt) return;
    const waiting = (await this.options.waitingFor?.(open.bookId)) ?? 0;
    const refusal = renewalRefusal(open, waiting, this.rules.renewal, now);
    if (refusal) throw new LendingError("RENEWAL_REFUSED", `Book ${open.bookId}: ${refusal.message}`, { details: { reason: refusal.reason } });
  }

  private async changeLocked(attempt: Attempt): Promise<LoanChange> {
    const { transition, bookId, actor, now, open } = attempt;
    // 4. The book as the Sheet holds it now.
    const row = await this.readRow(bookId);
    const to = this.allowedTarget(attempt, row);

    // 5. The loan change and the record of the Sheet write to come, in one transaction.
    const rule = TRANSITION_TABLE[transition];
    const due = rule.extendsDueDate && open ? renewedDueDate(open, now, this.rules) : dueDateFor(now, this.rules);
    const toWord = this.options.catalogue.vocabulary.toWord(to);
    const toDueDate = rule.dueDate === "set" ? due.dueDate : rule.dueDate === "clear" ? null : undefined;
    const plan: CellPlan = { transition, bookId, fromWord: row.statusCell, toWord, fromDueDate: row.dueDateCell, toDueDate };
    const { loan, write } =
      transition === "bookItem"
        ? await this.writes.book(actor.reader!, plan, now)
        : await this.writes.updateLoan(open!, rule.patch({ now, loan: open, dueAt: due.dueAt, photoFileId: attempt.photoFileId }), plan, attempt.ownership);

    // 6. The Sheet. If it fails, nothing stays changed.
    try {
      await this.options.catalogue.writeCells(row, { statusRaw: toWord, dueDate: toDueDate });
    } catch (error) {
      throw await this.writes.abandon(write, error);
    }
    return this.settle(attempt, loan, write.id, bookAfter(row.book, toWord, toDueDate, this.options.catalogue.vocabulary), row.book);
  }

  /** 4, continued: the status the Sheet shows must allow the transition, and kurin must know the loan. */
  private allowedTarget(attempt: Attempt, row: SheetRow): TransitionRule["to"] {
    const { transition, bookId, party, ownership, open } = attempt;
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
    if (TRANSITION_TABLE[transition].dueDate === "set" && row.dueDateCell === null) {
      throw new LendingError(
        "INVALID_TRANSITION",
        `The Sheet has no "${this.options.catalogue.columns.dueDate}" column for due dates: a pickup cannot be recorded until a ` +
          `librarian adds it (or SHEET_COLUMN_DUE_DATE names the column the Sheet has)`,
      );
    }
    const unreadable = unreadableDueDate(row);
    if (unreadable !== null && TRANSITION_TABLE[transition].dueDate !== "keep") {
      throw new LendingError(
        "INVALID_TRANSITION",
        `Book ${bookId} ("${row.book.title}"): its due-date cell says "${unreadable}", which is not a date; kurin will not overwrite a ` +
          `librarian's note: clear or correct that cell in the Sheet first`,
      );
    }
    return decision.to;
  }

  /**
   * 7. Settled: record it, write the cache through, tell everyone. The Sheet has the change, so it stands
   * even if the record cannot be marked now (the repairer will find it PENDING with the cells written).
   */
  private async settle(attempt: Attempt, loan: Loan, writeId: number, after: Book, before: Book): Promise<LoanChange> {
    const { transition, actor, party, ownership, open, now } = attempt;
    // A write-through Redis missed is recorded in MySQL, so Redis is put right even if this process dies.
    const cached = await this.options.books.writeThrough(after, now);
    await this.ledger.done(writeId, { cacheMissed: !cached }).catch((error) =>
      this.options.logger.warn({ err: (error as Error).message, sheetWrite: writeId }, "could not mark a Sheet write done; the repairer will"),
    );
    // Done as a librarian when the reader's own right would not have allowed it.
    const rule = TRANSITION_TABLE[transition];
    const asReader = (rule.by.includes("reader") && party.reader) || (rule.by.includes("owner") && ownership === "own");
    const reader = open ? toReaderRecord(open.reader) : actor.reader!;
    const event = transitionEvent(transition, { loan, reader, before, after, at: now, byLibrarian: !asReader });
    await this.options.events.publish(event);
    return { loan, book: { ...after, changedAt: now.getTime() }, event };
  }

  /** The book's row, read from the Sheet now. */
  private readRow(bookId: string): Promise<SheetRow> {
    return readCurrentRow(this.options.catalogue, this.options.quota, bookId);
  }

  private openLoansOf(readerId: number): Promise<Loan[]> {
    return this.options.prisma.loan.findMany({ where: { readerId, openBookId: { not: null } } });
  }
}

/** The due-date cell when it holds something kurin cannot read as a date (a note such as "RIP"), else null. */
function unreadableDueDate(row: SheetRow): string | null {
  const cell = row.dueDateCell?.trim() ?? "";
  return cell !== "" && parseDueDate(cell) === null ? cell : null;
}
