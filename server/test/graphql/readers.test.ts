import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, codes, MonitorLog, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// Readers and their loans: the seed's "user books with status" in one SQL query and one Redis round trip,
// librarians' lists, phones for librarians only, the library's statistics.

const DAY = 86_400_000;

describe("a reader's loans", () => {
  let t: LendingKurin;
  let readerId: number;
  let books: string[];

  beforeAll(async () => {
    t = await startLendingKurin("readers", { env: { AUTH_CACHE_SECONDS: "600" } });
    const me = await t.reader(1).gql<{ me: { id: string } }>(`{ me { id } }`);
    readerId = Number(me.data!.me.id);
    books = availableBooks(t, 30);
    // 30 loans: 25 closed long ago, 5 open (as if booked through kurin; the Sheet agrees for the open ones).
    const now = Date.now();
    for (const [i, bookId] of books.entries()) {
      const open = i >= 25;
      await t.kurin.prisma.loan.create({
        data: {
          bookId,
          readerId,
          openBookId: open ? bookId : null,
          bookedAt: new Date(now - (40 - i) * DAY),
          deliveredAt: open ? null : new Date(now - (39 - i) * DAY),
          pickedUpAt: open ? null : new Date(now - (38 - i) * DAY),
          dueAt: open ? null : new Date(now - (24 - i) * DAY),
          returnedAt: open ? null : new Date(now - (30 - i) * DAY),
          confirmedAt: open ? null : new Date(now - (29 - i) * DAY),
        },
      });
      if (open) t.emulator.setCell(bookId, "Status", "booked");
    }
    // The cache learns the Sheet's statuses; the 5 changes it finds are announced as hand edits in the
    // background: wait for them, so their PUBLISH cannot land among the commands a test counts.
    const events = t.kurin.lending.events.subscribe()[Symbol.asyncIterator]();
    await t.kurin.books.refresh(0);
    for (let i = 0; i < 5; i++) await events.next();
    await events.return?.();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("me { loans { book { status } } } with 30 loans: ONE SQL query and ONE Redis round trip", async () => {
    const query = `{ me { id name loans { id state bookedAt dueDate overdue book { id title status statusRaw dueDate } } } }`;
    await t.reader(1).gql(query); // warm: the token and the reader are known, lastUsedAt written
    const log = new MonitorLog(t.prefix);
    await log.start();
    const sqlBefore = t.sql.length;
    t.emulator.resetCalls();

    const result = await t.reader(1).gql<{ me: { loans: Array<{ id: string; state: string; book: { id: string; status: string } }> } }>(query);
    await log.settle();
    log.stop();
    const sql = t.sql.slice(sqlBefore);

    expect(result.errors).toBeUndefined();
    const loans = result.data!.me.loans;
    expect(loans).toHaveLength(30);
    expect(loans.filter((l) => l.book.status === "BOOKED")).toHaveLength(5);
    expect(loans.filter((l) => l.state === "CLOSED")).toHaveLength(25);
    // One SQL statement: the reader's loans (who is asking was answered from memory).
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT .* FROM `Loan` WHERE `Loan`\.`readerId` IN \(\?\) ORDER BY `Loan`\.`id` DESC$/);
    // One Redis command: HMGET books:all with the 30 book ids.
    expect(log.commands.map((c) => c[0]!.toLowerCase())).toEqual(["hmget"]);
    expect(log.commands[0]![1]).toBe(`${t.prefix}books:all`);
    expect(log.commands[0]!.slice(2).sort()).toEqual([...books].sort());
    expect(t.emulator.calls.reads).toBe(0);
  });

  it("loans(open: true) and loans(open: false)", async () => {
    const result = await t.reader(1).gql<{ me: { open: Array<{ bookId: string }>; closed: Array<{ bookId: string }> } }>(
      `{ me { open: loans(open: true) { bookId } closed: loans(open: false) { bookId } } }`,
    );
    expect(result.data!.me.open.map((l) => l.bookId).sort()).toEqual(books.slice(25).sort());
    expect(result.data!.me.closed).toHaveLength(25);
  });

  it("a reader sets their phone; librarians see it, other readers and the bot do not", async () => {
    const set = await t.reader(1).gql<{ setMyPhone: { phone: string } }>(`mutation { setMyPhone(phone: "+380 (50) 123-45-67") { phone } }`);
    expect(set.data!.setMyPhone.phone).toBe("+380501234567");
    expect((await t.reader(1).gql<{ me: { phone: string } }>(`{ me { phone } }`)).data!.me.phone).toBe("+380501234567");

    const bad = await t.reader(1).gql(`mutation { setMyPhone(phone: "call me maybe") { phone } }`);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0]!.message).toBe('"call me maybe" is not a phone number: use the international form, e.g. +380501234567');

    const listed = `{ loans(first: 1, readerId: "${readerId}") { nodes { reader { name telegramId phone } } } }`;
    const byLibrarian = await t.librarian().gql<{ loans: { nodes: Array<{ reader: { phone: string } }> } }>(listed);
    expect(byLibrarian.data!.loans.nodes[0]!.reader).toEqual({ name: "Reader 1", telegramId: "700001", phone: "+380501234567" });

    const byBot = await t.as({ token: t.tokens.bot }).gql<{ loans: { nodes: Array<{ reader: { phone: string | null } | null }> } }>(listed);
    expect(codes(byBot)).toEqual(["FORBIDDEN"]);
    expect(byBot.errors![0]!.message).toBe("Readers' phone numbers are for librarians only");

    const otherReader = await t.reader(2).gql(listed);
    expect(codes(otherReader)).toEqual(["FORBIDDEN"]);

    expect((await t.reader(1).gql<{ setMyPhone: { phone: null } }>(`mutation { setMyPhone(phone: null) { phone } }`)).data!.setMyPhone.phone).toBeNull();
  });
});

describe("librarians' lists and statistics", () => {
  let t: LendingKurin;
  const ids: Record<string, number> = {};
  let books: string[];

  beforeAll(async () => {
    t = await startLendingKurin("lists");
    for (const n of [1, 2, 3]) ids[n] = Number((await t.reader(n).gql<{ me: { id: string } }>(`{ me { id } }`)).data!.me.id);
    books = availableBooks(t, 8);
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * DAY);
    const rows = [
      // reader, book, state
      { r: 1, b: 0, bookedAt: ago(1) }, // BOOKED
      { r: 2, b: 1, bookedAt: ago(2), deliveredAt: ago(1) }, // DELIVERED
      { r: 2, b: 2, bookedAt: ago(20), deliveredAt: ago(19), pickedUpAt: ago(18), dueAt: ago(4) }, // PICKED_UP, overdue
      { r: 3, b: 3, bookedAt: ago(5), deliveredAt: ago(4), pickedUpAt: ago(3), dueAt: new Date(now + 11 * DAY) }, // PICKED_UP
      { r: 3, b: 4, bookedAt: ago(9), deliveredAt: ago(8), pickedUpAt: ago(7), dueAt: ago(-7), returnedAt: ago(1) }, // RETURNED
      { r: 1, b: 2, closed: true, bookedAt: ago(60), deliveredAt: ago(59), pickedUpAt: ago(58), dueAt: ago(44), returnedAt: ago(45), confirmedAt: ago(44) },
      { r: 1, b: 3, closed: true, bookedAt: ago(12), deliveredAt: ago(11), pickedUpAt: ago(10), dueAt: ago(-4), returnedAt: ago(8), confirmedAt: ago(7) },
      { r: 2, b: 5, closed: true, bookedAt: ago(3), cancelledAt: ago(2) }, // CANCELLED
    ];
    for (const { r, b, closed, ...dates } of rows) {
      const open = !closed && !("cancelledAt" in dates);
      await t.kurin.prisma.loan.create({ data: { readerId: ids[r]!, bookId: books[b]!, openBookId: open ? books[b]! : null, ...dates } });
    }
  });
  afterAll(async () => {
    await t?.stop();
  });

  type Page = { loans: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; bookId: string; state: string; overdue: boolean; reader: { id: string } }> } };
  const list = (args: string) =>
    t.librarian().gql<Page>(`{ loans(${args}) { totalCount pageInfo { hasNextPage endCursor } nodes { id bookId state overdue reader { id } } } }`);

  it("filters by state and overdue, newest first", async () => {
    const all = await list("first: 100");
    expect(all.data!.loans.totalCount).toBe(8);
    const idsInOrder = all.data!.loans.nodes.map((n) => Number(n.id));
    expect([...idsInOrder].sort((a, b) => b - a)).toEqual(idsInOrder);
    const count = async (args: string) => (await list(args)).data!.loans.totalCount;
    expect(await count("state: BOOKED")).toBe(1);
    expect(await count("state: DELIVERED")).toBe(1);
    expect(await count("state: PICKED_UP")).toBe(2);
    expect(await count("state: RETURNED")).toBe(1);
    expect(await count("state: CLOSED")).toBe(2);
    expect(await count("state: CANCELLED")).toBe(1);
    const overdue = await list("overdue: true");
    expect(overdue.data!.loans.nodes.map((n) => [n.bookId, n.state, n.overdue, n.reader.id])).toEqual([[books[2], "PICKED_UP", true, String(ids[2])]]);
    expect(await count("overdue: false")).toBe(7);
    expect(await count("state: PICKED_UP, overdue: false")).toBe(1);
    expect(await count(`readerId: "${ids[1]}"`)).toBe(3);
    expect(await count(`bookId: "${books[2]}"`)).toBe(2);
  });

  it("pages with cursors, each loan once; SQL and Redis stay flat", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const sqlBefore = t.sql.length;
      const page: Page = (await list(`first: 3${after ? `, after: "${after}"` : ""}`)).data!;
      // count, page, readers (books come from Redis in one HMGET)
      expect(t.sql.length - sqlBefore).toBe(3);
      seen.push(...page.loans.nodes.map((n) => n.id));
      if (!page.loans.pageInfo.hasNextPage) break;
      after = page.loans.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const bad = await list(`first: 3, after: "bm9wZQ"`);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await list("first: 0"))).toEqual(["BAD_USER_INPUT"]);
  });

  it("is for librarians and the bot only", async () => {
    expect((await t.as({ token: t.tokens.bot }).gql(`{ loans { totalCount } }`)).errors).toBeUndefined();
    for (const who of [t.as({ token: t.tokens.integrator }), t.reader(1)]) {
      const result = await who.gql(`{ loans { totalCount } }`);
      expect(codes(result)).toEqual(["FORBIDDEN"]);
      expect(result.errors![0]!.message).toMatch(/^This is for LIBRARIAN or BOT only; you act as /);
    }
  });

  it("libraryStats(days): readers, pickups, returns, open, overdue, queues, the top books", async () => {
    type Stats = {
      libraryStats: Record<string, number> & { topBooks: Array<{ bookId: string; pickups: number; book: { title: string } }> };
    };
    const query = (days: number) =>
      `{ libraryStats(days: ${days}) { days readers bookings pickups returns open overdue waitingForDelivery waitingForConfirmation topBooks { bookId pickups book { title } } } }`;
    const month = (await t.librarian().gql<Stats>(query(30))).data!.libraryStats;
    expect(month).toMatchObject({
      days: 30,
      readers: 3,
      bookings: 7,
      pickups: 4,
      returns: 2,
      open: 5,
      overdue: 1,
      waitingForDelivery: 1,
      waitingForConfirmation: 1,
    });
    expect(month.topBooks.map((b) => [b.bookId, b.pickups])).toEqual(
      [
        [books[2]!, 1],
        [books[3]!, 2],
        [books[4]!, 1],
      ].sort((a, b) => Number(b[1]) - Number(a[1]) || String(a[0]).localeCompare(String(b[0]))),
    );
    expect(month.topBooks[0]!.book.title).toBe(t.emulator.getCell(books[3]!, "Назва"));
    const year = (await t.as({ token: t.tokens.integrator }).gql<Stats>(query(365))).data!.libraryStats;
    expect(year.pickups).toBe(5);
    expect(codes(await t.librarian().gql(query(0)))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await t.reader(1).gql(query(30)))).toEqual(["FORBIDDEN"]);
  });
});
