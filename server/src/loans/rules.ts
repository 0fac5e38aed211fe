/**
 * The library's lending rules and the lifecycle of one loan, pure. A loan's state is read from its dates (the
 * book's status lives in the Sheet; the loan only says what happened and when).
 */

export interface LoanRules {
  /** Days from pickup to the due date (the old bot: 14). */
  loanPeriodDays: number;
  /** Open loans (booked, delivered, picked up, returned-not-confirmed) a reader may have at once. */
  maxOpenLoans: number;
  /** The library's time zone: the due date written in the Sheet is a date there. */
  timeZone: string;
  renewal: RenewalRules;
}

export interface RenewalRules {
  /** Renewals a reader may make of one loan (a librarian may renew beyond). */
  maxRenewals: number;
  /** Days a renewal adds to the due date. */
  renewalDays: number;
  /** A loan overdue by more than this many days may not be renewed by its reader. */
  graceDays: number;
}

export type RenewalRefusalReason = "HELD" | "OVERDUE" | "LIMIT";

/** Why the reader may not renew this loan, or undefined when they may (a librarian's override skips this). */
export function renewalRefusal(
  loan: { dueAt: Date | null; renewals: number },
  waiting: number,
  rules: RenewalRules,
  now: Date,
): { reason: RenewalRefusalReason; message: string } | undefined {
  if (waiting > 0) return { reason: "HELD", message: "Another reader is waiting for this book, so it cannot be renewed: please return it by its due date" };
  if (loan.dueAt && now.getTime() > loan.dueAt.getTime() + rules.graceDays * DAY_MS) {
    return { reason: "OVERDUE", message: "This book is overdue, so it cannot be renewed: please return it" };
  }
  if (loan.renewals >= rules.maxRenewals) {
    return { reason: "LIMIT", message: `This loan has been renewed ${loan.renewals} time(s); the library allows ${rules.maxRenewals}` };
  }
  return undefined;
}

/** A renewal's due date: `renewalDays` after the current due date (or after now, for a loan already past it). */
export function renewedDueDate(loan: { dueAt: Date | null }, now: Date, rules: LoanRules): { dueAt: Date; dueDate: string } {
  const from = Math.max(loan.dueAt?.getTime() ?? now.getTime(), now.getTime());
  const dueAt = new Date(from + rules.renewal.renewalDays * DAY_MS);
  return { dueAt, dueDate: localDate(dueAt, rules.timeZone) };
}

const DAY_MS = 24 * 3600 * 1000;

export enum LoanState {
  BOOKED = "BOOKED",
  DELIVERED = "DELIVERED",
  PICKED_UP = "PICKED_UP",
  RETURNED = "RETURNED",
  /** A librarian confirmed the return. */
  CLOSED = "CLOSED",
  CANCELLED = "CANCELLED",
}

export interface LoanDates {
  openBookId: string | null;
  deliveredAt: Date | null;
  pickedUpAt: Date | null;
  dueAt: Date | null;
  returnedAt: Date | null;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

export function loanState(loan: LoanDates): LoanState {
  if (loan.cancelledAt) return LoanState.CANCELLED;
  if (loan.confirmedAt) return LoanState.CLOSED;
  if (loan.returnedAt) return LoanState.RETURNED;
  if (loan.pickedUpAt) return LoanState.PICKED_UP;
  if (loan.deliveredAt) return LoanState.DELIVERED;
  return LoanState.BOOKED;
}

/** Picked up, not handed back, and past its due date. */
export function isOverdue(loan: LoanDates, now: Date): boolean {
  return loan.openBookId !== null && loan.pickedUpAt !== null && loan.returnedAt === null && loan.dueAt !== null && loan.dueAt < now;
}

/** Why a reader with these open loans may not book another, or undefined when they may. */
export function bookingRefusal(openLoans: readonly LoanDates[], rules: LoanRules, now: Date): string | undefined {
  const overdue = openLoans.filter((loan) => isOverdue(loan, now)).length;
  if (overdue > 0) {
    return `You have ${overdue === 1 ? "an overdue book" : `${overdue} overdue books`}: return ${overdue === 1 ? "it" : "them"} before booking another`;
  }
  if (openLoans.length >= rules.maxOpenLoans) {
    return `You already have ${openLoans.length} books booked or on loan; the library lends at most ${rules.maxOpenLoans} at a time`;
  }
  return undefined;
}

/** The due date of a loan picked up at `pickedUpAt`: the instant, and the date the Sheet shows (YYYY-MM-DD). */
export function dueDateFor(pickedUpAt: Date, rules: LoanRules): { dueAt: Date; dueDate: string } {
  const dueAt = new Date(pickedUpAt.getTime() + rules.loanPeriodDays * 24 * 3600 * 1000);
  return { dueAt, dueDate: localDate(dueAt, rules.timeZone) };
}

/**
 * One formatter per time zone, made on first use: making one costs far more than using it, and a response may
 * format dozens of dates, every take of the outbox the time. An unknown zone throws in `make`, before anything is
 * remembered.
 */
export function formatterByZone(make: (timeZone: string) => Intl.DateTimeFormat): (timeZone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = made.get(timeZone);
    if (!format) {
      format = make(timeZone);
      made.set(timeZone, format);
    }
    return format;
  };
}

// en-CA formats dates as YYYY-MM-DD.
const dateFormat = formatterByZone((timeZone) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }));

/** YYYY-MM-DD of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return dateFormat(timeZone).format(at);
}
