import { describe, expect, it } from "vitest";
import { BookStatus } from "../../src/catalog/book.ts";
import { decide, TRANSITIONS, type Actor, type Ownership, type Transition } from "../../src/loans/transitions.ts";

// Every status x every transition x every role x own/other/no loan, against the table in docs/ARCHITECTURE.md written out
// again here by hand (so a slip in the module's table cannot agree with itself).

const ROLES: Record<string, Actor> = {
  reader: { reader: true, librarian: false },
  "librarian (Telegram reader)": { reader: true, librarian: true },
  "librarian (token)": { reader: false, librarian: true },
  "bot or integrator (no reader, no librarian)": { reader: false, librarian: false },
};
const OWNERSHIPS: Ownership[] = ["own", "other", "none"];
const STATUSES = Object.values(BookStatus);

// from the design table: mutation | from -> to | who
const DESIGN: Record<Transition, { from: BookStatus[]; to: BookStatus; who: (a: Actor, o: Ownership) => boolean }> = {
  bookItem: { from: [BookStatus.AVAILABLE], to: BookStatus.BOOKED, who: (a) => a.reader },
  markAsDelivered: { from: [BookStatus.BOOKED], to: BookStatus.DELIVERED, who: (a) => a.librarian },
  markAsPickedUp: { from: [BookStatus.DELIVERED], to: BookStatus.PICKED_UP, who: (a, o) => a.reader && o !== "other" },
  markAsReturnedByUser: { from: [BookStatus.PICKED_UP], to: BookStatus.RETURNED, who: (a, o) => a.reader && o !== "other" },
  confirmBookReturn: { from: [BookStatus.RETURNED], to: BookStatus.AVAILABLE, who: (a) => a.librarian },
  cancelBooking: {
    from: [BookStatus.BOOKED, BookStatus.DELIVERED],
    to: BookStatus.AVAILABLE,
    who: (a, o) => a.librarian || (a.reader && o !== "other"),
  },
  renewLoan: { from: [BookStatus.PICKED_UP], to: BookStatus.PICKED_UP, who: (a, o) => a.librarian || (a.reader && o !== "other") },
};

const cases = TRANSITIONS.flatMap((transition) =>
  STATUSES.flatMap((status) =>
    Object.entries(ROLES).flatMap(([role, actor]) => OWNERSHIPS.map((ownership) => ({ transition, status, role, actor, ownership }))),
  ),
);

describe("the lending state machine", () => {
  it("has the seven transitions of the design", () => {
    expect([...TRANSITIONS].sort()).toEqual(Object.keys(DESIGN).sort());
    expect(cases).toHaveLength(7 * 6 * 4 * 3);
  });

  it.each(cases)("$transition on a $status book by $role ($ownership loan)", ({ transition, status, actor, ownership }) => {
    const design = DESIGN[transition];
    const decision = decide(transition, status, actor, ownership);
    if (!design.who(actor, ownership)) {
      // Who comes first: a refusal for the role never depends on the status (and costs no Sheets read).
      expect(decision).toMatchObject({ allowed: false, code: "FORBIDDEN" });
    } else if (!design.from.includes(status)) {
      expect(decision).toMatchObject({ allowed: false, code: "INVALID_TRANSITION" });
      if (!decision.allowed) expect(decision.reason).toMatch(/ needs a book that is .*; this one is /);
    } else {
      expect(decision).toEqual({ allowed: true, to: design.to });
    }
  });

  it("allows nothing on a status kurin does not know (a librarian wrote \"lost\")", () => {
    for (const transition of TRANSITIONS) {
      for (const actor of Object.values(ROLES)) {
        expect(decide(transition, BookStatus.UNKNOWN, actor, "own").allowed).toBe(false);
      }
    }
  });

  it("explains refusals in words", () => {
    expect(decide("markAsDelivered", BookStatus.BOOKED, ROLES.reader!, "own")).toEqual({
      allowed: false,
      code: "FORBIDDEN",
      reason: "Only a librarian may mark a book as delivered",
    });
    expect(decide("bookItem", BookStatus.UNKNOWN, ROLES.reader!, "none")).toEqual({
      allowed: false,
      code: "INVALID_TRANSITION",
      reason: "Booking needs a book that is available; this one is marked with a status kurin does not know",
    });
  });
});
