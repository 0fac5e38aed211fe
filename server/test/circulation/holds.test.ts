import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, lendBook, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { waitUntil } from "../support/wait.ts";

/**
 * The waiting list (circulation/holds.ts, circulation/hold-offers.ts) on real MariaDB, Redis and the Sheets
 * emulator with the test's clock: the queue's order as readers join and librarians reorder; a confirmed
 * return gives the book to the first in line; an unused pickup window passes it to the next reader, then back
 * to the shelf; a hand edit in the Sheet releases the queue.
 */

const HOUR = 3600_000;
const PLACE = `mutation($bookId: ID!) { placeHold(bookId: $bookId) { id state position estimatedOn } }`;
const QUEUE = `query($bookId: ID!) { holds(bookId: $bookId) { id state position reader { name } } }`;
const MINE = `{ myHolds { bookId state position estimatedOn expiresAt } }`;
const TAKE = `mutation { takeNotifications(first: 100) { id claim kind bookId recipientTelegramId pickupBy } }`;

interface QueueEntry {
  id: string;
  state: string;
  position: number | null;
  reader: { name: string };
}

let clock = Date.parse("2026-12-01T10:00:00Z");
let k: LendingKurin;
beforeAll(async () => {
  k = await startLendingKurin("holds", { now: () => clock, env: { HOLDS_MAX: "2", HOLD_PICKUP_HOURS: "48", LIBRARY_TIME_ZONE: "Europe/Kyiv" } });
});
afterAll(async () => {
  await k?.stop();
});


async function queue(bookId: string): Promise<Array<[string, string, number | null]>> {
  const result = await k.librarian().gql<{ holds: QueueEntry[] }>(QUEUE, { bookId });
  expect(result.errors).toBeUndefined();
  return result.data!.holds.map((h) => [h.reader.name, h.state, h.position]);
}

const openLoanOf = (bookId: string) => k.kurin.prisma.loan.findUnique({ where: { openBookId: bookId }, include: { reader: true } });

describe("the waiting list", () => {
  it("keeps readers in order with estimates; refuses what it must; librarians reorder and remove", async () => {
    const [book, shelf, other] = availableBooks(k, 3);
    await lendBook(k, 1, book!);
    await lendBook(k, 9, other!);
    for (const n of [2, 3, 4]) expect((await k.reader(n).gql(PLACE, { bookId: book })).errors).toBeUndefined();
    const mine = await k.reader(3).gql<{ myHolds: Array<{ position: number; estimatedOn: string }> }>(MINE);
    // Due 2026-12-15; one reader ahead: a loan period later.
    expect(mine.data!.myHolds).toEqual([{ bookId: book, state: "WAITING", position: 2, estimatedOn: "2026-12-29", expiresAt: null }]);

    expect(codes(await k.reader(1).gql(PLACE, { bookId: book }))).toEqual(["CONFLICT"]); // they have it
    expect(codes(await k.reader(2).gql(PLACE, { bookId: book }))).toEqual(["CONFLICT"]); // already waiting
    expect(codes(await k.reader(5).gql(PLACE, { bookId: shelf }))).toEqual(["INVALID_TRANSITION"]); // on the shelf
    expect(codes(await k.reader(5).gql(PLACE, { bookId: "no-such-book" }))).toEqual(["NOT_FOUND"]);
    const [lost] = availableBooks(k, 1) as [string];
    k.emulator.setCell(lost, "Status", "загублена"); // a librarian's own word: kurin does not know it
    await k.kurin.books.refresh(0);
    expect(codes(await k.reader(5).gql(PLACE, { bookId: lost }))).toEqual(["INVALID_TRANSITION"]);
    expect((await k.reader(2).gql(PLACE, { bookId: other })).errors).toBeUndefined();
    expect(codes(await k.reader(2).gql(PLACE, { bookId: (await lendAnother(8))! }))).toEqual(["LIMIT_REACHED"]); // HOLDS_MAX=2

    // Someone waits: the reader who has the book may not renew it.
    const renew = await k.reader(1).gql(MUTATIONS.renewLoan, { bookId: book });
    expect(codes(renew)).toEqual(["RENEWAL_REFUSED"]);
    expect(renew.errors![0]!.extensions!.reason).toBe("HELD");

    expect(await queue(book!)).toEqual([["Reader 2", "WAITING", 1], ["Reader 3", "WAITING", 2], ["Reader 4", "WAITING", 3]]);
    const ids = (await k.librarian().gql<{ holds: QueueEntry[] }>(QUEUE, { bookId: book })).data!.holds.map((h) => h.id);
    expect((await k.librarian().gql(`mutation($id: ID!) { moveHold(holdId: $id, position: 1) { id } }`, { id: ids[2] })).errors).toBeUndefined();
    expect(codes(await k.librarian().gql(`mutation($id: ID!) { moveHold(holdId: $id, position: 9) { id } }`, { id: ids[2] }))).toEqual(["BAD_USER_INPUT"]);
    expect((await k.librarian().gql(`mutation($id: ID!) { removeHold(holdId: $id) }`, { id: ids[1] })).data).toEqual({ removeHold: true });
    expect(codes(await k.reader(4).gql(`mutation($id: ID!) { removeHold(holdId: $id) }`, { id: ids[0] }))).toEqual(["FORBIDDEN"]);
    expect(await queue(book!)).toEqual([["Reader 4", "WAITING", 1], ["Reader 2", "WAITING", 2]]);
    expect(codes(await k.librarian().gql(`mutation { moveHold(holdId: "abc", position: 1) { id } }`))).toEqual(["NOT_FOUND"]);
    expect(codes(await k.librarian().gql(`mutation($id: ID!) { removeHold(holdId: $id) }`, { id: ids[1] }))).toEqual(["NOT_FOUND"]); // removed already

    // Reader 2 leaves the other book's list; leaving twice is a clear error.
    const leave = `mutation($bookId: ID!) { cancelHold(bookId: $bookId) }`;
    expect((await k.reader(2).gql(leave, { bookId: other })).data).toEqual({ cancelHold: true });
    expect(codes(await k.reader(2).gql(leave, { bookId: other }))).toEqual(["NOT_FOUND"]);
    expect(await queue(other!)).toEqual([]);
  });

  it("a confirmed return books the book for the first in line; an unused window passes it on, then back to the shelf", async () => {
    const book = await bookHeldByQueue();
    expect((await k.reader(1).gql(MUTATIONS.markAsReturnedByUser, { bookId: book, photo: "AgACshelf" })).errors).toBeUndefined();
    expect((await k.librarian().gql(MUTATIONS.confirmBookReturn, { bookId: book })).errors).toBeUndefined();
    // Nobody else may book it meanwhile: it is kept for the list.
    expect(codes(await k.reader(6).gql(MUTATIONS.bookItem, { bookId: book }))).toEqual(["CONFLICT"]);
    await bothTick();
    expect((await openLoanOf(book))!.reader.name).toBe("Reader 4");
    expect(k.emulator.getCell(book, "Status")).toBe("booked");
    expect(await queue(book)).toEqual([["Reader 4", "READY", null], ["Reader 2", "WAITING", 1]]);
    const told = (await k.as({ token: k.tokens.bot }).gql<{ takeNotifications: Array<{ kind: string; bookId: string; pickupBy: string }> }>(TAKE)).data!.takeNotifications;
    const ready = told.filter((n) => n.kind === "HOLD_READY");
    expect(ready.map((n) => [n.bookId, n.pickupBy])).toEqual([[book, new Date(clock + 48 * HOUR).toISOString()]]);

    // 49 hours later, not picked up: cancelled, and booked for reader 2.
    clock += 49 * HOUR;
    await bothTick();
    expect((await openLoanOf(book))!.reader.name).toBe("Reader 2");
    expect(await queue(book)).toEqual([["Reader 2", "READY", null]]);
    const expired = await k.kurin.prisma.hold.findMany({ where: { bookId: book, state: "EXPIRED" } });
    expect(expired).toHaveLength(1);

    // Reader 2 lets it pass too: nobody is left, the book goes back to the shelf.
    clock += 49 * HOUR;
    await bothTick();
    expect(await openLoanOf(book)).toBeNull();
    expect(k.emulator.getCell(book, "Status") ?? "").toBe("");
    expect(await queue(book)).toEqual([]);
    expect((await k.reader(6).gql(MUTATIONS.bookItem, { bookId: book })).errors).toBeUndefined();
  });

  it("a librarian putting a book back by hand in the Sheet releases its queue to the first in line", async () => {
    const [book] = availableBooks(k, 1) as [string];
    await lendBook(k, 10, book);
    expect((await k.reader(11).gql(PLACE, { bookId: book })).errors).toBeUndefined();
    k.emulator.setCell(book, "Status", "");
    k.emulator.setCell(book, "Заброньовано до:", "");
    await k.kurin.books.refresh(0); // what the poll or the webhook does
    await waitUntil(async () => (await openLoanOf(book)) === null, "the hand edit to close the loan", { everyMs: 50 });
    await bothTick();
    expect((await openLoanOf(book))!.reader.name).toBe("Reader 11");
    expect(await queue(book)).toEqual([["Reader 11", "READY", null]]);
    // Picked up: the hold is fulfilled and leaves the queue.
    expect((await k.librarian().gql(MUTATIONS.markAsDelivered, { bookId: book })).errors).toBeUndefined();
    expect((await k.reader(11).gql(MUTATIONS.markAsPickedUp, { bookId: book })).errors).toBeUndefined();
    await bothTick();
    expect(await queue(book)).toEqual([]);
    expect(await k.kurin.prisma.hold.count({ where: { bookId: book, state: "FULFILLED" } })).toBe(1);
  });

  it("a book booked for the first in line and put back by hand passes to the next reader", async () => {
    const [book] = availableBooks(k, 1) as [string];
    await lendBook(k, 12, book);
    for (const n of [13, 14]) expect((await k.reader(n).gql(PLACE, { bookId: book })).errors).toBeUndefined();
    await k.reader(12).gql(MUTATIONS.markAsReturnedByUser, { bookId: book, photo: "AgACshelf" });
    await k.librarian().gql(MUTATIONS.confirmBookReturn, { bookId: book });
    await bothTick();
    expect(await queue(book)).toEqual([["Reader 13", "READY", null], ["Reader 14", "WAITING", 1]]);
    // The librarian empties the Status cell of the booked book: reader 13's booking ends, reader 14 is next.
    k.emulator.setCell(book, "Status", "");
    await k.kurin.books.refresh(0);
    await waitUntil(async () => (await openLoanOf(book)) === null, "the hand edit to close the loan", { everyMs: 50 });
    await bothTick();
    expect(await queue(book)).toEqual([["Reader 14", "READY", null]]);
    expect(await k.kurin.prisma.hold.count({ where: { bookId: book, state: "EXPIRED" } })).toBe(1);
  });
});

let heldBook = "";
/** The first test's book, still out with reader 1 and held by readers 4 and 2. */
async function bookHeldByQueue(): Promise<string> {
  if (!heldBook) {
    const hold = await k.kurin.prisma.hold.findFirstOrThrow({ where: { state: "WAITING", reader: { name: "Reader 4" } } });
    heldBook = hold.bookId;
  }
  return heldBook;
}

/** A book lent to reader `n`, so it can be held. */
async function lendAnother(n: number): Promise<string> {
  const [bookId] = availableBooks(k, 1);
  await lendBook(k, n, bookId!);
  return bookId!;
}

/** The scheduler ticks on two moments of one instance (another instance would do the same, once). */
async function bothTick(): Promise<void> {
  await Promise.all([k.kurin.reminders.tick(), k.kurin.reminders.tick()]);
}
