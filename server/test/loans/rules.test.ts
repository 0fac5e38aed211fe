import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoanEventSource, type LoanEvent } from "../../src/loans/events.ts";
import { localDate } from "../../src/loans/rules.ts";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin, type LoanResult } from "../support/lending.ts";
import { waitUntil } from "../support/wait.ts";

// The library's rules (configurable), refusals with clear errors, and bad input that must never crash.

describe("loan rules", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("rules");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("at most 3 open loans: the 4th booking is LIMIT_REACHED, before any Sheets call", async () => {
    const books = availableBooks(t, 4);
    for (const bookId of books.slice(0, 3)) expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    t.emulator.resetCalls();
    const fourth = await t.reader(1).gql(MUTATIONS.bookItem, { bookId: books[3] });
    expect(codes(fourth)).toEqual(["LIMIT_REACHED"]);
    expect(fourth.errors![0]!.message).toBe("You already have 3 books booked or on loan; the library lends at most 3 at a time");
    expect(t.emulator.calls.reads + t.emulator.calls.writes).toBe(0);
    // Cancelling one makes room.
    expect((await t.reader(1).gql(MUTATIONS.cancelBooking, { bookId: books[0] })).errors).toBeUndefined();
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId: books[3] })).errors).toBeUndefined();
  });

  it("holds when one reader books several books at the same moment", async () => {
    const books = availableBooks(t, 6);
    const results = await Promise.all(books.map((bookId) => t.reader(2).gql(MUTATIONS.bookItem, { bookId })));
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.flatMap(codes).sort()).toEqual(["LIMIT_REACHED", "LIMIT_REACHED", "LIMIT_REACHED"]);
    const me = await t.reader(2).gql<{ me: { loans: unknown[] } }>(`{ me { loans(open: true) { id } } }`);
    expect(me.data!.me.loans).toHaveLength(3);
    // The Sheet has exactly the three that were accepted.
    const booked = books.filter((id) => t.emulator.getCell(id, "Status") === "booked");
    expect(booked).toHaveLength(3);
  });

  it("no new booking while a book is overdue", async () => {
    const [late, wanted] = availableBooks(t, 2) as [string, string];
    const me = await t.reader(3).gql<{ me: { id: string } }>(`{ me { id } }`);
    const now = Date.now();
    await t.kurin.prisma.loan.create({
      data: {
        bookId: late,
        openBookId: late,
        readerId: Number(me.data!.me.id),
        bookedAt: new Date(now - 20 * 86_400_000),
        deliveredAt: new Date(now - 19 * 86_400_000),
        pickedUpAt: new Date(now - 18 * 86_400_000),
        dueAt: new Date(now - 4 * 86_400_000),
      },
    });
    const result = await t.reader(3).gql(MUTATIONS.bookItem, { bookId: wanted });
    expect(codes(result)).toEqual(["LIMIT_REACHED"]);
    expect(result.errors![0]!.message).toBe("You have an overdue book: return it before booking another");
    const overdue = await t.reader(3).gql<{ me: { loans: Array<{ overdue: boolean }> } }>(`{ me { loans { overdue } } }`);
    expect(overdue.data!.me.loans).toEqual([{ overdue: true }]);
  });
});

describe("rules from the configuration", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("rules-config", { env: { LOAN_PERIOD_DAYS: "7", LOAN_MAX_OPEN: "1", LIBRARY_TIME_ZONE: "America/New_York" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a 7-day loan, dated in the library's time zone, and one book at a time", async () => {
    const [bookId, other] = availableBooks(t, 2) as [string, string];
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    expect(codes(await t.reader(1).gql(MUTATIONS.bookItem, { bookId: other }))).toEqual(["LIMIT_REACHED"]);
    expect((await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId })).errors).toBeUndefined();
    const picked = await t.reader(1).gql<{ markAsPickedUp: LoanResult }>(MUTATIONS.markAsPickedUp, { bookId });
    const dueAt = new Date(picked.data!.markAsPickedUp.dueAt!);
    const loan = await t.kurin.prisma.loan.findFirstOrThrow({ where: { bookId } });
    expect(dueAt.getTime() - loan.pickedUpAt!.getTime()).toBe(7 * 86_400_000);
    expect(t.emulator.getCell(bookId, "Заброньовано до:")).toBe(localDate(dueAt, "America/New_York"));
  });

  it("refuses a time zone that does not exist, naming the variable", async () => {
    const { loadConfig } = await import("../../src/config.ts");
    expect(() => loadConfig({ LIBRARY_TIME_ZONE: "Mars/Olympus" })).toThrow(
      'Invalid configuration: LIBRARY_TIME_ZONE: must be an IANA time zone such as Europe/Kyiv (got "Mars/Olympus")',
    );
    expect(() => loadConfig({ LOAN_MAX_OPEN: "0" })).toThrow(/^Invalid configuration: LOAN_MAX_OPEN/);
  });
});

describe("bad input and books in odd states", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("lending-input");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each([
    ["an unknown book", "no-such-book"],
    ["an empty id", ""],
    ["an id longer than any book's", "x".repeat(65)],
  ])("%s is NOT_FOUND, for readers and librarians alike", async (_what, bookId) => {
    for (const [who, name] of [
      [t.reader(1), "bookItem"],
      [t.librarian(), "markAsDelivered"],
      [t.reader(1), "cancelBooking"],
    ] as const) {
      const result = await who.gql(MUTATIONS[name], { bookId });
      expect(codes(result)).toEqual(["NOT_FOUND"]);
      expect(result.errors![0]!.message).toMatch(/^There is no book /);
    }
  });

  it("100 bookings of ids the catalogue does not have cost no Sheets read", async () => {
    t.emulator.resetCalls();
    // ten readers, ten each: one reader alone would meet the per-reader limit of changes a minute first
    for (let i = 0; i < 100; i++) {
      const result = await t.reader(50 + (i % 10)).gql(MUTATIONS.bookItem, { bookId: `no-such-${i}` });
      expect(codes(result)).toEqual(["NOT_FOUND"]);
    }
    expect(t.emulator.calls.reads + t.emulator.calls.writes).toBe(0);
  });

  it("a book a librarian marked by hand with a word kurin does not know: INVALID_TRANSITION saying what the Sheet says", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.setCell(bookId, "Status", "загублена");
    const result = await t.reader(1).gql(MUTATIONS.bookItem, { bookId });
    expect(codes(result)).toEqual(["INVALID_TRANSITION"]);
    expect(result.errors![0]!.message).toMatch(/Booking needs a book that is available; this one is marked with a status kurin does not know \(the Sheet says "загублена"\)$/);
    expect(await t.kurin.prisma.loan.count({ where: { bookId } })).toBe(0);
  });

  it("a book booked in the Sheet without a loan in kurin (by hand, or by the old bot): INVALID_TRANSITION", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    t.emulator.setCell(bookId, "Status", "booked");
    const result = await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId });
    expect(codes(result)).toEqual(["INVALID_TRANSITION"]);
    expect(result.errors![0]!.message).toMatch(/kurin has no open loan for it \(set by hand, or by the old bot\): change it in the Sheet$/);
  });

  it("a librarian's note in the due-date column: the book is not bookable and the note is never overwritten", async () => {
    const [noted, booked] = availableBooks(t, 2) as [string, string];
    t.emulator.setCell(noted, "Заброньовано до:", "RIP");
    await t.kurin.books.refresh(0);
    const card = await t.gql<{ book: { status: string; statusRaw: string } }>(`query($id: ID!) { book(id: $id) { status statusRaw } }`, { id: noted });
    expect(card.data!.book).toEqual({ status: "UNKNOWN", statusRaw: "" });
    const problems = await t.librarian().gql<{ sheetProblems: { rows: Array<{ bookId: string; value: string }> } }>(
      `{ sheetProblems { rows { bookId value } } }`,
    );
    expect(problems.data!.sheetProblems.rows).toContainEqual({ bookId: noted, value: "RIP" });
    const refused = await t.reader(4).gql(MUTATIONS.bookItem, { bookId: noted });
    expect(codes(refused)).toEqual(["INVALID_TRANSITION"]);
    expect(t.emulator.getCell(noted, "Заброньовано до:")).toBe("RIP");

    // A note written beside a loan kurin knows: the next step that would clear the cell refuses, quoting it.
    expect((await t.reader(4).gql(MUTATIONS.bookItem, { bookId: booked })).errors).toBeUndefined();
    t.emulator.setCell(booked, "Заброньовано до:", "до 10.06");
    t.emulator.resetCalls();
    const delivered = await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId: booked });
    expect(codes(delivered)).toEqual(["INVALID_TRANSITION"]);
    expect(delivered.errors![0]!.message).toContain('its due-date cell says "до 10.06", which is not a date');
    expect(t.emulator.calls.writes).toBe(0);
    expect(t.emulator.getCell(booked, "Заброньовано до:")).toBe("до 10.06");
    expect(t.emulator.getCell(booked, "Status")).toBe("booked");
  });

  it("a step out of order is INVALID_TRANSITION, and changes nothing", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(2).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    const early = await t.reader(2).gql(MUTATIONS.markAsPickedUp, { bookId });
    expect(codes(early)).toEqual(["INVALID_TRANSITION"]);
    expect(early.errors![0]!.message).toMatch(/Marking as picked up needs a book that is delivered to the pickup point; this one is booked$/);
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    const again = await t.reader(2).gql(MUTATIONS.bookItem, { bookId });
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors![0]!.message).toBe(`You have already booked book ${bookId}`);
  });

  it("a photo file id that is not one is BAD_USER_INPUT", async () => {
    const result = await t.reader(1).gql(MUTATIONS.markAsReturnedByUser, { bookId: "1", photo: "../../etc/passwd" });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
  });

  it("a hand edit putting a booked book back on the shelf closes its loan and is announced", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(4).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    const heard: LoanEvent[] = [];
    const events = t.kurin.lending.events.pubSub.subscribe("loanEvent")[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await events.next(); !next.done; next = await events.next()) heard.push(next.value);
    })();
    t.emulator.setCell(bookId, "Status", "");
    await t.kurin.books.refresh(0); // what the poll or the webhook does
    await waitUntil(async () => (await t.kurin.prisma.loan.count({ where: { bookId, openBookId: bookId } })) === 0, "the hand edit to close the loan", { everyMs: 50 });
    const loan = await t.kurin.prisma.loan.findFirstOrThrow({ where: { bookId } });
    expect(loan.openBookId).toBeNull();
    expect(loan.cancelledAt).toBeInstanceOf(Date);
    await waitUntil(() => heard.some((e) => e.bookId === bookId), "the hand edit's loan event");
    expect(heard.filter((e) => e.bookId === bookId)).toEqual([
      expect.objectContaining({ source: LoanEventSource.SHEET_EDIT, from: "BOOKED", to: "AVAILABLE", loanId: loan.id, statusRaw: "" }),
    ]);
    await events.return?.();
    // and the book can be booked again
    expect((await t.reader(5).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
  });
});
