import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookStatus } from "../../src/catalog/book.ts";
import { TRANSITIONS, type Transition } from "../../src/loans/transitions.ts";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// The role matrix on real parts: every mutation x every role x own/other's loan, allowed or refused as designed.

type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN" | "CONFLICT";
type Acting = "anonymous" | "integrator" | "bot" | "librarian token" | "reader" | "librarian reader";
type Whose = "own" | "other";

const OWNER = { reader: 1, "librarian reader": 2 } as const;
const SOMEONE_ELSE = 3;

/** The expected outcome, written from the table in docs/ARCHITECTURE.md (not from the code). */
function expected(transition: Transition, acting: Acting, whose: Whose): Outcome {
  if (acting === "anonymous") return "UNAUTHENTICATED";
  if (acting === "integrator" || acting === "bot") return "FORBIDDEN";
  const librarian = acting === "librarian token" || acting === "librarian reader";
  const reader = acting === "reader" || acting === "librarian reader";
  switch (transition) {
    case "bookItem":
      if (!reader) return "FORBIDDEN";
      return whose === "own" ? "ok" : "CONFLICT"; // "other": the book is another reader's booking
    case "markAsDelivered":
    case "confirmBookReturn":
      return librarian ? "ok" : "FORBIDDEN";
    case "markAsPickedUp":
    case "markAsReturnedByUser":
      return reader && whose === "own" ? "ok" : "FORBIDDEN";
    case "cancelBooking":
    case "renewLoan":
      return librarian || (reader && whose === "own") ? "ok" : "FORBIDDEN";
  }
}

// The status each mutation starts from, and the loan dates that go with it.
const FROM: Record<Transition, BookStatus> = {
  bookItem: BookStatus.AVAILABLE,
  markAsDelivered: BookStatus.BOOKED,
  markAsPickedUp: BookStatus.DELIVERED,
  markAsReturnedByUser: BookStatus.PICKED_UP,
  confirmBookReturn: BookStatus.RETURNED,
  cancelBooking: BookStatus.DELIVERED,
  renewLoan: BookStatus.PICKED_UP,
};
const WORD: Record<string, string> = { AVAILABLE: "", BOOKED: "booked", DELIVERED: "delivered", PICKED_UP: "picked_up", RETURNED: "returned" };

const ACTING: Acting[] = ["anonymous", "integrator", "bot", "librarian token", "reader", "librarian reader"];
const cases = TRANSITIONS.flatMap((transition) =>
  ACTING.flatMap((acting) =>
    (acting === "reader" || acting === "librarian reader" ? (["own", "other"] as Whose[]) : (["other"] as Whose[])).map((whose) => ({
      transition,
      acting,
      whose,
      outcome: expected(transition, acting, whose),
    })),
  ),
);

describe("who may change a book's status", () => {
  let t: LendingKurin;
  let books: string[];
  let readerIds: Record<number, number>;

  beforeAll(async () => {
    t = await startLendingKurin("roles", { env: { LOAN_MAX_OPEN: "100" } });
    books = availableBooks(t, cases.length);
    readerIds = {};
    for (const n of [1, 2, SOMEONE_ELSE]) {
      const me = await t.reader(n).gql<{ me: { id: string } }>(`{ me { id } }`);
      readerIds[n] = Number(me.data!.me.id);
    }
    // Reader 2 is made a librarian (a librarian who also uses the bot).
    const promoted = await t.librarian().gql<{ setReaderRole: { role: string } }>(`mutation($id: ID!) { setReaderRole(readerId: $id, role: LIBRARIAN) { role } }`, {
      id: String(readerIds[2]),
    });
    expect(promoted.data!.setReaderRole.role).toBe("LIBRARIAN");
  });

  it("roles are given only from a LIBRARIAN token: not by a librarian acting through the bot (a leaked BOT token must not)", async () => {
    const mutation = `mutation($id: ID!) { setReaderRole(readerId: $id, role: LIBRARIAN) { role } }`;
    const throughBot = await t.reader(2).gql(mutation, { id: String(readerIds[SOMEONE_ELSE]) });
    expect(codes(throughBot)).toEqual(["FORBIDDEN"]);
    expect(throughBot.errors![0]!.message).toMatch(/librarian's own API token/);
    const reader = await t.kurin.prisma.reader.findUniqueOrThrow({ where: { id: readerIds[SOMEONE_ELSE]! } });
    expect(reader.role).toBe("READER");
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A book in `status` in the Sheet, with an open loan of reader `n` in the matching state (none if available). */
  async function fixture(bookId: string, status: BookStatus, n: number): Promise<void> {
    t.emulator.setCell(bookId, "Status", WORD[status]!);
    if (status === BookStatus.AVAILABLE) return;
    const at = new Date();
    const delivered = status !== BookStatus.BOOKED ? at : null;
    const picked = status === BookStatus.PICKED_UP || status === BookStatus.RETURNED ? at : null;
    await t.kurin.prisma.loan.create({
      data: {
        bookId,
        openBookId: bookId,
        readerId: readerIds[n]!,
        deliveredAt: delivered,
        pickedUpAt: picked,
        dueAt: picked ? new Date(at.getTime() + 14 * 86_400_000) : null,
        returnedAt: status === BookStatus.RETURNED ? at : null,
      },
    });
  }

  function client(acting: Acting) {
    switch (acting) {
      case "anonymous":
        return t.as({});
      case "integrator":
        return t.as({ token: t.tokens.integrator });
      case "bot":
        return t.as({ token: t.tokens.bot });
      case "librarian token":
        return t.librarian();
      case "reader":
        return t.reader(1);
      case "librarian reader":
        return t.reader(2);
    }
  }

  it("covers every mutation, every role, own and other's loans", () => {
    expect(cases).toHaveLength(7 * 8);
    expect(new Set(cases.map((c) => c.outcome))).toEqual(new Set(["ok", "UNAUTHENTICATED", "FORBIDDEN", "CONFLICT"]));
  });

  it.each(cases.map((c, i) => ({ ...c, i })))("$transition by $acting on $whose loan: $outcome", async ({ transition, acting, whose, outcome, i }) => {
    const bookId = books[i]!;
    const owner = acting === "reader" || acting === "librarian reader" ? (whose === "own" ? OWNER[acting] : SOMEONE_ELSE) : SOMEONE_ELSE;
    // bookItem "own" is an available book; "other" a book another reader booked.
    const from = transition === "bookItem" && whose === "other" ? BookStatus.BOOKED : FROM[transition];
    await fixture(bookId, from, owner);
    // A renewal keeps the status and moves the due date.
    const cell = transition === "renewLoan" ? "Заброньовано до:" : "Status";
    const before = t.emulator.getCell(bookId, cell) ?? "";
    const result = await client(acting).gql(MUTATIONS[transition], { bookId, photo: null });
    if (outcome === "ok") {
      expect(result.errors).toBeUndefined();
      expect(t.emulator.getCell(bookId, cell) ?? "").not.toBe(before);
    } else {
      expect(codes(result)).toEqual([outcome]);
      expect(t.emulator.getCell(bookId, cell) ?? "").toBe(before);
      // A refusal for who is asking leaves no trace.
      expect(await t.kurin.prisma.sheetWrite.count({ where: { bookId } })).toBe(0);
    }
  });
});
