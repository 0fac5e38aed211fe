import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MonitorLog, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// What a booking costs with the answer the bot asks for (the card after the step: the book, and the reader with
// their open loans), and that the answer is right: the book as just written, and only the open loans.

const BOOK_ITEM = `mutation($bookId: ID!) {
  bookItem(bookId: $bookId) {
    id bookId state dueDate
    book { id title author status statusRaw dueDate }
    reader { id telegramId role phone loans(open: true) { bookId state } }
  }
}`;

interface Answer {
  bookItem: {
    state: string;
    book: { id: string; status: string; statusRaw: string };
    reader: { loans: Array<{ bookId: string; state: string }> };
  };
}

describe("a booking's answer", () => {
  let t: LendingKurin;
  let books: string[];
  const reader = () => t.reader(1);

  beforeAll(async () => {
    t = await startLendingKurin("booking-answer");
    books = availableBooks(t, 3);
    // History: the book booked and cancelled twice, and another book on loan.
    for (let i = 0; i < 2; i++) {
      expect((await reader().gql(MUTATIONS.bookItem, { bookId: books[0] })).errors).toBeUndefined();
      expect((await reader().gql(MUTATIONS.cancelBooking, { bookId: books[0] })).errors).toBeUndefined();
    }
    expect((await reader().gql(MUTATIONS.bookItem, { bookId: books[1] })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("shows the book as written and the reader's open loans only, with one Sheets read, one write, and no Redis read after the change", async () => {
    const monitor = new MonitorLog(t.prefix);
    await monitor.start();
    t.sql.length = 0;
    t.emulator.resetCalls();
    const result = await reader().gql<Answer>(BOOK_ITEM, { bookId: books[0] });
    await monitor.settle();
    await monitor.stop();

    expect(result.errors).toBeUndefined();
    const answer = result.data!.bookItem;
    expect(answer.state).toBe("BOOKED");
    expect(answer.book).toMatchObject({ id: books[0], status: "BOOKED" });
    expect(answer.book.statusRaw).toBe(t.emulator.getCell(books[0]!, "Status"));
    // The two cancelled loans of this book are history, not open loans.
    expect(answer.reader.loans).toEqual([
      { bookId: books[0], state: "BOOKED" },
      { bookId: books[1], state: "BOOKED" },
    ]);
    expect({ reads: t.emulator.calls.reads, writes: t.emulator.calls.writes }).toEqual({ reads: 1, writes: 1 });

    // The open loans are asked for as such: a long-time reader's history is not read for a card.
    expect(t.sql.at(-1)).toMatch(/^SELECT .* FROM `Loan` WHERE \(`Loan`\.`readerId` IN \(\?\) AND `Loan`\.`openBookId` IS NOT NULL\) ORDER BY `Loan`\.`id` DESC$/);

    // Redis: the catalogue look-up before the lock (step 1b) is the only HMGET; the answer's book is the one the
    // change wrote through, not read back once the lock is released.
    const names = monitor.commands.map((c) => c[0]!.toLowerCase());
    const written = names.indexOf("hset");
    expect(written).toBeGreaterThan(-1);
    expect(names.filter((name) => name === "hmget")).toHaveLength(1);
    expect(names.slice(written)).not.toContain("hmget");
    const cached = JSON.parse((await t.kurin.redis.hget(`${t.prefix}books:all`, books[0]!))!) as { status: string; statusRaw: string };
    expect(cached).toMatchObject({ status: answer.book.status, statusRaw: answer.book.statusRaw });
  });

  it("asks for a reader's whole history when that is what the query wants", async () => {
    const result = await reader().gql<{ me: { all: Array<{ state: string }>; closed: Array<{ state: string }> } }>(
      `{ me { all: loans { state } closed: loans(open: false) { state } } }`,
    );
    expect(result.data!.me.all.map((l) => l.state)).toEqual(["BOOKED", "BOOKED", "CANCELLED", "CANCELLED"]);
    expect(result.data!.me.closed.map((l) => l.state)).toEqual(["CANCELLED", "CANCELLED"]);
  });
});
