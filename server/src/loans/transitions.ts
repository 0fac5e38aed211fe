import { BookStatus } from "../catalog/book.ts";
import type { Loan } from "../db/client.ts";

/**
 * The lending state machine, as one table (docs/ARCHITECTURE.md, "The write path"). Pure: no I/O; the clock
 * comes in as an argument. The loan service asks it two questions — may this actor attempt this transition at
 * all, and does the book's CURRENT status in the Sheet allow it — and takes from the row what to write: the
 * loan's columns (`patch`) and the due-date cell (`dueDate`). It does the I/O around the answers.
 *
 *   transition            from                  to          who
 *   bookItem              AVAILABLE             BOOKED      any reader (a Telegram person; librarians too)
 *   markAsDelivered       BOOKED                DELIVERED   a librarian
 *   markAsPickedUp        DELIVERED             PICKED_UP   the reader who booked it
 *   markAsReturnedByUser  PICKED_UP             RETURNED    the reader who booked it
 *   confirmBookReturn     RETURNED              AVAILABLE   a librarian
 *   cancelBooking         BOOKED, DELIVERED     AVAILABLE   the reader who booked it, or a librarian
 *   renewLoan             PICKED_UP             PICKED_UP   the reader who has it (by the rules), or a librarian
 *
 * A status kurin does not know (UNKNOWN: a librarian wrote "lost" by hand) allows nothing.
 */

export const TRANSITIONS = [
  "bookItem",
  "markAsDelivered",
  "markAsPickedUp",
  "markAsReturnedByUser",
  "confirmBookReturn",
  "cancelBooking",
  "renewLoan",
] as const;

export type Transition = (typeof TRANSITIONS)[number];

/** Who may perform a transition: any reader, the reader who owns the book's open loan, a librarian. */
export type Party = "reader" | "owner" | "librarian";

/** The loan columns a transition sets; undo puts the old values back where these are still there. */
export type LoanPatch = Partial<Pick<Loan, "openBookId" | "deliveredAt" | "pickedUpAt" | "dueAt" | "returnedAt" | "returnPhotoFileId" | "confirmedAt" | "cancelledAt" | "renewals">>;

/** What a transition's patch is made from. */
export interface PatchInput {
  now: Date;
  /** The book's open loan as read (null for a booking: the booking creates it). */
  loan: Pick<Loan, "deliveredAt" | "renewals"> | null;
  /** The due date this transition sets: a pickup's from now, a renewal's from the current due date. */
  dueAt: Date;
  /** The photo of the book back on the shelf (a return). */
  photoFileId: string | null;
}

export interface TransitionRule {
  from: readonly BookStatus[];
  to: Exclude<BookStatus, BookStatus.UNKNOWN>;
  by: readonly Party[];
  /** What the due-date cell becomes: set to the new due date, cleared, or left as it is. */
  dueDate: "set" | "clear" | "keep";
  /** The new due date counts from the loan's current one (a renewal), not from now. */
  extendsDueDate?: true;
  /** The loan's columns this transition sets (a booking creates the loan instead: none). */
  patch: (input: PatchInput) => LoanPatch;
  /** For messages: "mark a book as delivered" (who may), "Marking as delivered" (what it needs). */
  action: string;
  gerund: string;
}

export const TRANSITION_TABLE: Readonly<Record<Transition, TransitionRule>> = {
  bookItem: {
    from: [BookStatus.AVAILABLE],
    to: BookStatus.BOOKED,
    by: ["reader"],
    dueDate: "clear",
    patch: () => ({}),
    action: "book books",
    gerund: "Booking",
  },
  markAsDelivered: {
    from: [BookStatus.BOOKED],
    to: BookStatus.DELIVERED,
    by: ["librarian"],
    dueDate: "clear",
    patch: ({ now }) => ({ deliveredAt: now }),
    action: "mark a book as delivered",
    gerund: "Marking as delivered",
  },
  markAsPickedUp: {
    from: [BookStatus.DELIVERED],
    to: BookStatus.PICKED_UP,
    by: ["owner"],
    dueDate: "set",
    // A book put at the pickup point by hand in the Sheet has no deliveredAt in its loan: delivered now, then.
    patch: ({ now, loan, dueAt }) => ({ deliveredAt: loan?.deliveredAt ?? now, pickedUpAt: now, dueAt }),
    action: "mark a book as picked up",
    gerund: "Marking as picked up",
  },
  markAsReturnedByUser: {
    from: [BookStatus.PICKED_UP],
    to: BookStatus.RETURNED,
    by: ["owner"],
    dueDate: "keep",
    patch: ({ now, photoFileId }) => ({ returnedAt: now, returnPhotoFileId: photoFileId }),
    action: "mark a book as returned",
    gerund: "Marking as returned",
  },
  confirmBookReturn: {
    from: [BookStatus.RETURNED],
    to: BookStatus.AVAILABLE,
    by: ["librarian"],
    dueDate: "clear",
    patch: ({ now }) => ({ confirmedAt: now, openBookId: null }),
    action: "confirm a return",
    gerund: "Confirming a return",
  },
  cancelBooking: {
    from: [BookStatus.BOOKED, BookStatus.DELIVERED],
    to: BookStatus.AVAILABLE,
    by: ["owner", "librarian"],
    dueDate: "clear",
    patch: ({ now }) => ({ cancelledAt: now, openBookId: null }),
    action: "cancel a booking",
    gerund: "Cancelling a booking",
  },
  renewLoan: {
    from: [BookStatus.PICKED_UP],
    to: BookStatus.PICKED_UP,
    by: ["owner", "librarian"],
    dueDate: "set",
    extendsDueDate: true,
    patch: ({ loan, dueAt }) => ({ dueAt, renewals: (loan?.renewals ?? 0) + 1 }),
    action: "renew a loan",
    gerund: "Renewing",
  },
};

/** The acting person: a Telegram reader (maybe also a librarian), or a librarian's token without a reader. */
export interface Actor {
  /** Acts as a Telegram reader. */
  reader: boolean;
  /** Has the LIBRARIAN role (a librarian's token, or a Telegram reader promoted to librarian). */
  librarian: boolean;
}

/** Whose is the book's open loan, from the actor's point of view. */
export type Ownership = "own" | "other" | "none";

export type Decision =
  | { allowed: true; to: TransitionRule["to"] }
  | { allowed: false; code: "FORBIDDEN" | "INVALID_TRANSITION"; reason: string };

/**
 * Whether `actor` is someone who may ever perform `transition` on a book whose open loan is `ownership`
 * (checked before the Sheet is read, so a refusal costs no Sheets call).
 */
export function mayAttempt(transition: Transition, actor: Actor, ownership: Ownership): Decision | undefined {
  const rule = TRANSITION_TABLE[transition];
  const parties = rule.by;
  const ok =
    (parties.includes("reader") && actor.reader) ||
    (parties.includes("librarian") && actor.librarian) ||
    // "none": nobody owns a loan; the status check will say what is wrong (it cannot be the actor's role)
    (parties.includes("owner") && actor.reader && ownership !== "other");
  if (ok) return undefined;
  return { allowed: false, code: "FORBIDDEN", reason: `Only ${describeParties(parties)} may ${rule.action}` };
}

/** The full decision: who, then the book's current status. */
export function decide(transition: Transition, status: BookStatus, actor: Actor, ownership: Ownership): Decision {
  const refused = mayAttempt(transition, actor, ownership);
  if (refused) return refused;
  const rule = TRANSITION_TABLE[transition];
  if (!rule.from.includes(status)) {
    return {
      allowed: false,
      code: "INVALID_TRANSITION",
      reason: `${rule.gerund} needs a book that is ${rule.from.map(describeStatus).join(" or ")}; this one is ${describeStatus(status)}`,
    };
  }
  return { allowed: true, to: rule.to };
}

export function describeStatus(status: BookStatus): string {
  switch (status) {
    case BookStatus.AVAILABLE:
      return "available";
    case BookStatus.BOOKED:
      return "booked";
    case BookStatus.DELIVERED:
      return "delivered to the pickup point";
    case BookStatus.PICKED_UP:
      return "picked up";
    case BookStatus.RETURNED:
      return "returned (waiting for a librarian's confirmation)";
    case BookStatus.UNKNOWN:
      return "marked with a status kurin does not know";
  }
}

function describeParties(parties: readonly Party[]): string {
  const names = parties.map((p) => (p === "reader" ? "a reader" : p === "owner" ? "the reader who booked it" : "a librarian"));
  return names.join(" or ");
}
