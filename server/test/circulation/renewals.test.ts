import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, lendBook, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

/**
 * Renewals (renewLoan, a row of loans/transitions.ts) on real MariaDB, Redis and the Sheets emulator with the
 * test's clock: the new due date reaches the loan and the Sheet's row; the rules refuse with a reason; a
 * librarian may override them. Settings: one renewal, 14 more days, no grace.
 */

const DAY = 24 * 3600_000;
const RENEW = `mutation($bookId: ID!, $override: Boolean) { renewLoan(bookId: $bookId, override: $override) { id dueDate book { status dueDate } } }`;
let clock = Date.parse("2026-12-01T10:00:00Z");
let k: LendingKurin;

beforeAll(async () => {
  k = await startLendingKurin("renewals", { now: () => clock, env: { LIBRARY_TIME_ZONE: "Europe/Kyiv", RENEWALS_MAX: "1", RENEWAL_GRACE_DAYS: "0" } });
});
afterAll(async () => {
  await k?.stop();
});


type Renewed = { renewLoan: { dueDate: string; book: { status: string; dueDate: string } } };

describe("renewLoan", () => {
  it("moves the due date 14 days on, in the loan and in the book's row; a second renewal is refused (LIMIT)", async () => {
    const [bookId] = availableBooks(k, 1);
    clock = Date.parse("2026-12-01T10:00:00Z");
    await lendBook(k, 1, bookId!);
    expect(k.emulator.getCell(bookId!, "Заброньовано до:")).toBe("2026-12-15");
    clock += 10 * DAY;
    const renewed = await k.reader(1).gql<Renewed>(RENEW, { bookId });
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.renewLoan).toMatchObject({ dueDate: "2026-12-29", book: { status: "PICKED_UP", dueDate: "2026-12-29" } });
    expect(k.emulator.getCell(bookId!, "Заброньовано до:")).toBe("2026-12-29");
    expect(k.emulator.getCell(bookId!, "Status")).toBe("picked_up");
    const loan = await k.kurin.prisma.loan.findFirstOrThrow({ where: { bookId, openBookId: bookId } });
    expect(loan.renewals).toBe(1);

    const again = await k.reader(1).gql(RENEW, { bookId });
    expect(codes(again)).toEqual(["RENEWAL_REFUSED"]);
    expect(again.errors![0]!.extensions!.reason).toBe("LIMIT");
    expect(again.errors![0]!.message).toMatch(/renewed 1 time\(s\); the library allows 1/);
    expect(k.emulator.getCell(bookId!, "Заброньовано до:")).toBe("2026-12-29");
  });

  it("an overdue loan is refused (OVERDUE); a librarian's override renews it from today; a reader may not override", async () => {
    const [bookId] = availableBooks(k, 1);
    clock = Date.parse("2027-01-10T10:00:00Z");
    await lendBook(k, 2, bookId!);
    clock = Date.parse("2027-01-26T10:00:00Z"); // two days past 2027-01-24
    const refused = await k.reader(2).gql(RENEW, { bookId });
    expect(codes(refused)).toEqual(["RENEWAL_REFUSED"]);
    expect(refused.errors![0]!.extensions!.reason).toBe("OVERDUE");
    expect(codes(await k.reader(2).gql(RENEW, { bookId, override: true }))).toEqual(["FORBIDDEN"]);
    expect(await k.kurin.prisma.sheetWrite.count({ where: { bookId, transition: "renewLoan" } })).toBe(0);

    // Without the override a librarian gets the same answer as the reader; with it, the renewal.
    expect(codes(await k.librarian().gql(RENEW, { bookId }))).toEqual(["RENEWAL_REFUSED"]);
    const overridden = await k.librarian().gql<Renewed>(RENEW, { bookId, override: true });
    expect(overridden.errors).toBeUndefined();
    expect(overridden.data!.renewLoan.dueDate).toBe("2027-02-09");
    expect(k.emulator.getCell(bookId!, "Заброньовано до:")).toBe("2027-02-09");
  });

  it("a book that is not on loan cannot be renewed, and another reader's loan is not theirs to renew", async () => {
    const [booked, lent] = availableBooks(k, 2);
    clock = Date.parse("2027-03-01T10:00:00Z");
    await k.reader(3).gql(MUTATIONS.bookItem, { bookId: booked });
    expect(codes(await k.reader(3).gql(RENEW, { bookId: booked }))).toEqual(["INVALID_TRANSITION"]);
    await lendBook(k, 4, lent!);
    expect(codes(await k.reader(3).gql(RENEW, { bookId: lent }))).toEqual(["FORBIDDEN"]);
    expect(codes(await k.reader(3).gql(RENEW, { bookId: "no-such-book" }))).toEqual(["NOT_FOUND"]);
  });
});
