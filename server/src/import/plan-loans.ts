import { BookStatus, type Book } from "../catalog/book.ts";
import { describeStatus } from "../loans/transitions.ts";
import { localDate } from "../loans/rules.ts";
import type { OldLoan } from "./old-bot-database.ts";

/**
 * What each of the old bot's loans becomes in kurin (pure). A returned loan is history: closed, or, while the
 * Sheet still shows the book `returned` (the librarian has not checked the shelf yet) and it is the book's
 * latest return, an open loan waiting for the librarian's confirmation. An open loan is matched with the book's
 * CURRENT status in the Sheet: booked or delivered for a loan never picked up, on loan (booked with a due date)
 * for one picked up. Anything else is a mismatch, reported and not imported: kurin does not guess who has a book.
 */

export type LoanKind = "closed" | "returned" | "booked" | "delivered" | "pickedUp";

export interface NewLoan {
  oldLoanId: number;
  oldUserId: number;
  bookId: string;
  kind: LoanKind;
  bookedAt: Date;
  deliveredAt: Date | null;
  pickedUpAt: Date | null;
  dueAt: Date | null;
  returnedAt: Date | null;
  confirmedAt: Date | null;
}

export interface Mismatch {
  oldLoanId: number;
  reader: string;
  bookId: string;
  why: string;
}

export interface LoanPlan {
  create: NewLoan[];
  mismatches: Mismatch[];
  importedBefore: number;
  /** Picked-up loans whose due date was taken from the Sheet, the old database saying otherwise. */
  dueDateNotes: string[];
}

export interface LoanContext {
  /** The catalogue as the Sheet shows it now, by book id. */
  books: ReadonlyMap<string, Book>;
  importedLoanIds: ReadonlySet<number>;
  /** kurin's open loans: book id -> loan id. */
  openLoans: ReadonlyMap<string, number>;
  /** Old users who do not become readers, with why. */
  skippedUsers: ReadonlyMap<number, string>;
  labels: ReadonlyMap<number, string>;
  timeZone: string;
  loanPeriodDays: number;
  now: Date;
}

const DAY_MS = 24 * 3600 * 1000;

export function planLoans(loans: readonly OldLoan[], ctx: LoanContext): LoanPlan {
  const plan: LoanPlan = { create: [], mismatches: [], importedBefore: 0, dueDateNotes: [] };
  const openByBook = groupBy(loans.filter((l) => !l.returned), (l) => String(l.bookId));
  const latestReturn = latestReturns(loans);
  for (const loan of loans) {
    if (ctx.importedLoanIds.has(loan.id)) {
      plan.importedBefore++;
      continue;
    }
    const bookId = String(loan.bookId);
    const mismatch = (why: string) => plan.mismatches.push({ oldLoanId: loan.id, reader: ctx.labels.get(loan.userId) ?? `old user ${loan.userId}`, bookId, why });
    const skipped = ctx.skippedUsers.get(loan.userId) ?? (ctx.labels.has(loan.userId) ? undefined : "there is no such user");
    if (skipped) {
      mismatch(`its reader is not imported: ${skipped}`);
    } else if (loan.returned) {
      const awaiting = latestReturn.get(bookId) === loan.id && ctx.books.get(bookId)?.status === BookStatus.RETURNED && !openByBook.has(bookId) && !ctx.openLoans.has(bookId);
      plan.create.push(returnedLoan(loan, awaiting, ctx.now));
    } else {
      const others = (openByBook.get(bookId) ?? []).filter((l) => l.id !== loan.id);
      const kurinLoan = ctx.openLoans.get(bookId);
      if (others.length > 0) {
        mismatch(`the old bot also has it open for ${others.map((o) => ctx.labels.get(o.userId) ?? `old user ${o.userId}`).join(", ")} (old loan ${others.map((o) => o.id).join(", ")}): kurin lends a book to one reader at a time`);
      } else if (kurinLoan !== undefined) {
        mismatch(`kurin already has an open loan of it (loan ${kurinLoan})`);
      } else {
        const matched = matchOpenLoan(loan, ctx.books.get(bookId), ctx);
        if ("why" in matched) mismatch(matched.why);
        else {
          plan.create.push(matched.loan);
          if (matched.note) plan.dueDateNotes.push(`${ctx.labels.get(loan.userId)}, book ${bookId}: ${matched.note}`);
        }
      }
    }
  }
  return plan;
}

function returnedLoan(loan: OldLoan, awaitingConfirmation: boolean, now: Date): NewLoan {
  const returnedAt = loan.returnedAt ?? loan.dueAt ?? loan.pickedUpAt ?? now;
  return {
    oldLoanId: loan.id,
    oldUserId: loan.userId,
    bookId: String(loan.bookId),
    kind: awaitingConfirmation ? "returned" : "closed",
    bookedAt: loan.pickedUpAt ?? returnedAt,
    deliveredAt: loan.pickedUpAt,
    pickedUpAt: loan.pickedUpAt,
    dueAt: loan.dueAt,
    returnedAt,
    // The old bot kept no time of the librarian's check: the reader's return stands for it.
    confirmedAt: awaitingConfirmation ? null : returnedAt,
  };
}

type Matched = { loan: NewLoan; note?: string } | { why: string };

/** An open loan against its book's status in the Sheet now. */
function matchOpenLoan(loan: OldLoan, book: Book | undefined, ctx: LoanContext): Matched {
  if (!book) return { why: "the book is no longer in the Sheet" };
  const base = { oldLoanId: loan.id, oldUserId: loan.userId, bookId: book.id, returnedAt: null, confirmedAt: null };
  const shows = sheetShows(book);
  if (loan.pickedUpAt) {
    const pickedUp = `the old bot recorded its pickup on ${localDate(loan.pickedUpAt, ctx.timeZone)}`;
    if (book.status !== BookStatus.PICKED_UP) return { why: `${shows}, but ${pickedUp}` };
    const { dueAt, note } = dueAtFrom(loan, loan.pickedUpAt, book, ctx);
    const at = loan.pickedUpAt;
    return { loan: { ...base, kind: "pickedUp", bookedAt: at, deliveredAt: at, pickedUpAt: at, dueAt }, note };
  }
  // The old bot stored no time for a booking or a delivery: the import's time stands for both.
  if (book.status === BookStatus.BOOKED) return { loan: { ...base, kind: "booked", bookedAt: ctx.now, deliveredAt: null, pickedUpAt: null, dueAt: null } };
  if (book.status === BookStatus.DELIVERED) return { loan: { ...base, kind: "delivered", bookedAt: ctx.now, deliveredAt: ctx.now, pickedUpAt: null, dueAt: null } };
  return { why: `${shows}, but the old bot has it booked and not picked up` };
}

function sheetShows(book: Book): string {
  if (book.status === BookStatus.AVAILABLE) return "the Sheet shows it available (Status and due date blank)";
  const date = book.dueDate ? ` with the due date ${book.dueDate}` : "";
  return `the Sheet shows "${book.statusRaw}"${date} (${describeStatus(book.status)})`;
}

/**
 * The due date of a picked-up loan: the old database's, unless the Sheet's due-date cell names another day (a
 * librarian extended the loan by hand): then the Sheet's day, at the old due time of day.
 */
function dueAtFrom(loan: OldLoan, pickedUpAt: Date, book: Book, ctx: LoanContext): { dueAt: Date; note?: string } {
  const old = loan.dueAt ?? new Date(pickedUpAt.getTime() + ctx.loanPeriodDays * DAY_MS);
  const oldDay = localDate(old, ctx.timeZone);
  if (!book.dueDate || book.dueDate === oldDay) return { dueAt: old };
  const shift = Math.round((Date.parse(book.dueDate) - Date.parse(oldDay)) / DAY_MS);
  const note = `due ${book.dueDate} as the Sheet says (the old database: ${loan.dueAt ? oldDay : "none"})`;
  return { dueAt: new Date(old.getTime() + shift * DAY_MS), note };
}

/** Each book's latest returned loan: its old id. */
function latestReturns(loans: readonly OldLoan[]): Map<string, number> {
  const latest = new Map<string, OldLoan>();
  for (const loan of loans) {
    if (!loan.returned) continue;
    const key = String(loan.bookId);
    const current = latest.get(key);
    const at = (l: OldLoan) => (l.returnedAt ?? l.dueAt ?? l.pickedUpAt)?.getTime() ?? 0;
    if (!current || at(loan) > at(current) || (at(loan) === at(current) && loan.id > current.id)) latest.set(key, loan);
  }
  return new Map([...latest].map(([book, loan]) => [book, loan.id]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
