import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, codes, lendBook, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";

/**
 * History (graphql/history-resolver.ts) and privacy (circulation/privacy.ts) on real MariaDB, Redis and the
 * Sheets emulator: a reader's and a book's loans page by page, newest first; forgetReader removes names and
 * phones and keeps the counts; LOAN_HISTORY_DAYS gives old loans to the anonymous reader.
 */

const DAY = 24 * 3600_000;
const MY_HISTORY = `query($after: String) { me { history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id bookId state } } } }`;
const BOOK_HISTORY = `query($id: ID!, $after: String) { book(id: $id) { history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id state reader { name } } } } }`;

interface HistoryPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{ id: string; bookId?: string; state: string; reader?: { name: string } }>;
}

let clock = Date.parse("2026-12-01T10:00:00Z");
let k: LendingKurin;
beforeAll(async () => {
  k = await startLendingKurin("history", { now: () => clock, env: { LOAN_HISTORY_DAYS: "365", LOAN_MAX_OPEN: "10" } });
});
afterAll(async () => {
  await k?.stop();
});

/** Reader `n` borrows and returns `bookId`; the librarian confirms. */
async function borrowAndReturn(n: number, bookId: string): Promise<void> {
  for (const [who, mutation] of [
    [k.reader(n), MUTATIONS.bookItem],
    [k.librarian(), MUTATIONS.markAsDelivered],
    [k.reader(n), MUTATIONS.markAsPickedUp],
    [k.reader(n), MUTATIONS.markAsReturnedByUser],
    [k.librarian(), MUTATIONS.confirmBookReturn],
  ] as const) {
    const result = await who.gql(mutation, { bookId, photo: "AgACshelf_photo" });
    expect(result.errors).toBeUndefined();
  }
}

async function allPages(read: (after: string | null) => Promise<HistoryPage>): Promise<HistoryPage[]> {
  const pages: HistoryPage[] = [];
  let after: string | null = null;
  do {
    const page = await read(after);
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return pages;
}

describe("history", () => {
  it("a reader's five loans come newest first in pages of 2, 2 and 1; a book's three loans in 2 and 1", async () => {
    const books = availableBooks(k, 5);
    for (const bookId of books) await borrowAndReturn(1, bookId);
    for (const n of [2, 3]) await borrowAndReturn(n, books[0]!);
    const mine = await allPages(async (after) => (await k.reader(1).gql<{ me: { history: HistoryPage } }>(MY_HISTORY, { after })).data!.me.history);
    expect(mine.map((p) => p.nodes.length)).toEqual([2, 2, 1]);
    expect(mine.every((p) => p.totalCount === 5)).toBe(true);
    expect(mine.flatMap((p) => p.nodes.map((n) => n.bookId))).toEqual([...books].reverse());
    expect(new Set(mine.flatMap((p) => p.nodes.map((n) => n.state)))).toEqual(new Set(["CLOSED"]));

    const read = async (after: string | null) => (await k.librarian().gql<{ book: { history: HistoryPage } }>(BOOK_HISTORY, { id: books[0], after })).data!.book.history;
    const ofBook = await allPages(read);
    expect(ofBook.map((p) => p.nodes.map((n) => n.reader!.name))).toEqual([["Reader 3", "Reader 2"], ["Reader 1"]]);
    // A reader sees no book's history (whose loans it would show); a bad cursor is a clear error.
    expect(codes(await k.reader(1).gql(BOOK_HISTORY, { id: books[0] }))).toEqual(["FORBIDDEN"]);
    expect(codes(await k.reader(1).gql(MY_HISTORY, { after: "not-a-cursor" }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("forgetReader removes the name, username, phone and photos, keeps the loans counted, and refuses while a book is out", async () => {
    const [kept, out] = availableBooks(k, 2);
    await k.reader(4).gql(`mutation { setMyPhone(phone: "+380671234567") { id } }`);
    await borrowAndReturn(4, kept!);
    await k.reader(4).gql(MUTATIONS.bookItem, { bookId: out });
    const me = await k.reader(4).gql<{ me: { id: string } }>("{ me { id } }");
    const readerId = me.data!.me.id;
    const forget = `mutation($id: ID!) { forgetReader(readerId: $id) { id name username phone telegramId } }`;

    const refused = await k.librarian().gql(forget, { id: readerId });
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0]!.message).toMatch(/1 book\(s\) booked or on loan/);
    expect(codes(await k.reader(90).gql(forget, { id: readerId }))).toEqual(["FORBIDDEN"]);
    expect(codes(await k.librarian().gql(forget, { id: "999999" }))).toEqual(["NOT_FOUND"]);

    await k.reader(4).gql(MUTATIONS.cancelBooking, { bookId: out });
    await lendBook(k, 5, out!);
    expect((await k.reader(4).gql(`mutation($b: ID!) { placeHold(bookId: $b) { id } }`, { b: out })).errors).toBeUndefined();
    const statsBefore = await k.librarian().gql<{ libraryStats: Record<string, unknown> }>(`{ libraryStats { pickups } }`);
    const forgotten = await k.librarian().gql<{ forgetReader: Record<string, string | null> }>(forget, { id: readerId });
    expect(forgotten.errors).toBeUndefined();
    expect(forgotten.data!.forgetReader).toEqual({ id: readerId, name: "", username: null, phone: null, telegramId: `-${readerId}` });

    const row = await k.kurin.prisma.reader.findUniqueOrThrow({ where: { id: Number(readerId) } });
    expect([row.name, row.username, row.phone, row.languageCode, row.forgottenAt !== null]).toEqual(["", null, null, null, true]);
    expect(await k.kurin.prisma.reader.count({ where: { telegramId: BigInt(telegramUser(4).id) } })).toBe(0);
    const loans = await k.kurin.prisma.loan.findMany({ where: { readerId: Number(readerId) } });
    expect(loans).toHaveLength(2); // the returned loan and the cancelled booking, anonymous now
    expect(loans.map((l) => l.returnPhotoFileId)).toEqual([null, null]);
    expect((await k.librarian().gql(`{ libraryStats { pickups } }`)).data).toEqual(statsBefore.data);
    expect(await k.kurin.prisma.hold.findMany({ where: { readerId: Number(readerId) }, select: { state: true } })).toEqual([{ state: "CANCELLED" }]);

    // The same person writing to the bot again is a new reader with an empty history.
    const again = await k.reader(4).gql<{ me: { id: string; history: HistoryPage } }>(`{ me { id history(first: 5) { totalCount } } }`);
    expect(again.data!.me.id).not.toBe(readerId);
    expect(again.data!.me.history.totalCount).toBe(0);
  });

  it("LOAN_HISTORY_DAYS: loans closed a year ago leave the reader's history for the anonymous reader", async () => {
    const before = (await k.reader(1).gql<{ me: { history: HistoryPage } }>(MY_HISTORY)).data!.me.history.totalCount;
    expect(before).toBe(5);
    clock += 366 * DAY;
    const { anonymized } = await k.kurin.reminders.tick();
    expect(anonymized).toBeGreaterThanOrEqual(5);
    expect((await k.reader(1).gql<{ me: { history: HistoryPage } }>(MY_HISTORY)).data!.me.history.totalCount).toBe(0);
    const anonymous = await k.kurin.prisma.reader.findUniqueOrThrow({ where: { telegramId: 0n } });
    expect(await k.kurin.prisma.loan.count({ where: { readerId: anonymous.id } })).toBe(anonymized);
    expect((await k.kurin.reminders.tick()).anonymized).toBe(0);
  });
});
