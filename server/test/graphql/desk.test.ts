import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, codes, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";
import { PROBE, untilSubscribed } from "../support/loan-events.ts";
import { FakeBotApi } from "../../../bot/test/support/fake-bot-api.ts";

/**
 * What the librarians' desk asks beyond lending: who is signed in, the bot's username, readers with their
 * open and overdue loans, and the books the Sheet and kurin disagree about (and putting one back on the shelf).
 */

interface Drift {
  lendingDrift: { outside: Array<{ id: string; status: string; dueDate: string | null }>; unmatched: Array<{ id: string; bookId: string; state: string }> };
}
const DRIFT = `{ lendingDrift { outside { id status dueDate } unmatched { id bookId state } } }`;
const RETURN_TO_SHELF = `mutation($b: ID!) { returnToShelf(bookId: $b) { id status statusRaw dueDate } }`;
const DAY_MS = 86_400_000;

describe("the desk's API", () => {
  let t: LendingKurin;
  let telegram: FakeBotApi;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    telegram = await FakeBotApi.start();
    t = await startLendingKurin("desk-api", {
      env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url },
      now: () => Date.now() + clockOffsetMs,
    });
  });

  afterAll(async () => {
    await t?.stop();
    await telegram?.stop();
  });

  it("names the token of a request and its role, and nobody for a bot acting for a reader", async () => {
    const librarian = await t.librarian().gql<{ viewer: { name: string; role: string } }>(`{ viewer { name role } }`);
    expect(librarian.data?.viewer).toEqual({ name: "librarian", role: "LIBRARIAN" });
    const integrator = await t.as({ token: t.tokens.integrator }).gql<{ viewer: { role: string } }>(`{ viewer { role } }`);
    expect(integrator.data?.viewer.role).toBe("INTEGRATOR");
    expect((await t.reader(1).gql<{ viewer: null }>(`{ viewer { name } }`)).data?.viewer).toBeNull();
    expect(codes(await t.as({}).gql(`{ viewer { name } }`))).toEqual(["UNAUTHENTICATED"]);
  });

  it("gives the bot's username from Telegram's getMe, asked once", async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await t.as({}).gql<{ library: { botUsername: string } }>(`{ library { botUsername } }`);
      expect(answer.data?.library.botUsername).toBe(telegram.username);
    }
    expect(telegram.callsOf("getMe")).toHaveLength(1);
  });

  it("lists readers by name with their open and overdue loans, searchable by name, @username or phone", async () => {
    const [a, b, c] = availableBooks(t, 3);
    await t.reader(11, { first_name: "Олена", last_name: "Петренко", username: "olena_p" }).gql(`mutation { setMyPhone(phone: "+380501110011") { id } }`);
    await t.reader(12, { first_name: "Андрій", last_name: "Коваль", username: "kovalA" }).gql(`{ me { id } }`);
    const olena = t.reader(11, { first_name: "Олена", last_name: "Петренко", username: "olena_p" });
    // Two loans 20 days ago, one picked up (overdue now), one only booked (a reader with an overdue book
    // may not book another, so it comes first).
    clockOffsetMs = -20 * DAY_MS;
    try {
      for (const [who, mutation, bookId] of [
        [olena, MUTATIONS.bookItem, b],
        [olena, MUTATIONS.bookItem, a],
        [t.librarian(), MUTATIONS.markAsDelivered, a],
        [olena, MUTATIONS.markAsPickedUp, a],
      ] as const) {
        expect((await who.gql(mutation, { bookId })).errors).toBeUndefined();
      }
    } finally {
      clockOffsetMs = 0;
    }
    const andrii = t.reader(12, { first_name: "Андрій", last_name: "Коваль", username: "kovalA" });
    expect((await andrii.gql(MUTATIONS.bookItem, { bookId: c })).errors).toBeUndefined();

    const query = `query($s: String) { readers(search: $s, first: 10) { totalCount nodes { name username phone openLoanCount overdueLoanCount } } }`;
    type Readers = { readers: { totalCount: number; nodes: Array<{ name: string; username: string; phone: string | null; openLoanCount: number; overdueLoanCount: number }> } };
    const all = await t.librarian().gql<Readers>(query, {});
    // Reader 1 of the test before has no loans; by name, Latin letters sort before Cyrillic.
    expect(all.data?.readers.nodes.map((r) => r.name)).toEqual(["Reader 1", "Андрій Коваль", "Олена Петренко"]);
    expect(all.data?.readers.nodes[2]).toMatchObject({ username: "olena_p", phone: "+380501110011", openLoanCount: 2, overdueLoanCount: 1 });
    expect(all.data?.readers.nodes[1]).toMatchObject({ openLoanCount: 1, overdueLoanCount: 0 });
    expect(all.data?.readers.nodes[0]).toMatchObject({ openLoanCount: 0, overdueLoanCount: 0 });
    for (const search of ["петрен", "@OLENA", "0501110"]) {
      const found = await t.librarian().gql<Readers>(query, { s: search });
      expect(found.data?.readers.nodes.map((r) => r.name)).toEqual(["Олена Петренко"]);
    }
    expect((await t.librarian().gql<Readers>(query, { s: "нікого-такого" })).data?.readers.totalCount).toBe(0);
    expect(codes(await t.as({ token: t.tokens.integrator }).gql(query, {}))).toEqual(["FORBIDDEN"]);
    expect(codes(await t.librarian().gql(query, { s: "x".repeat(201) }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("finds one reader by id, null for an unknown one", async () => {
    const me = await t.reader(12, telegramUser(12, { first_name: "Андрій", last_name: "Коваль", username: "kovalA" })).gql<{ me: { id: string } }>(`{ me { id } }`);
    const id = me.data!.me.id;
    const found = await t.librarian().gql<{ reader: { name: string } | null }>(`query($id: ID!) { reader(id: $id) { name } }`, { id });
    expect(found.data?.reader?.name).toBe("Андрій Коваль");
    expect((await t.librarian().gql<{ reader: null }>(`{ reader(id: "999999") { name } }`)).data?.reader).toBeNull();
    expect((await t.librarian().gql<{ reader: null }>(`{ reader(id: "not-a-number") { name } }`)).data?.reader).toBeNull();
  });

  it("lists the books the Sheet shows lent that kurin did not lend, and kurin's loans the Sheet shows otherwise", async () => {
    const drift = (await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift;
    // The demo catalogue has books lent by the old bot: every lent row of the Sheet without a kurin loan.
    const { books } = (await t.librarian().gql<{ books: { nodes: Array<{ id: string; status: string }> } }>(`{ books(first: 100) { nodes { id status } } }`)).data!;
    const openLoans = (await t.librarian().gql<{ loans: { nodes: Array<{ bookId: string }> } }>(`{ loans(first: 100) { nodes { bookId state } } }`)).data!;
    expect(drift.outside.length).toBeGreaterThan(0);
    expect(drift.outside.every((b) => ["BOOKED", "DELIVERED", "PICKED_UP", "RETURNED"].includes(b.status))).toBe(true);
    const kurins = new Set(openLoans.loans.nodes.map((l) => l.bookId));
    expect(drift.outside.some((b) => kurins.has(b.id))).toBe(false);
    const firstPage = books.nodes.filter((b) => b.status !== "AVAILABLE" && b.status !== "UNKNOWN" && !kurins.has(b.id)).map((b) => b.id);
    expect(drift.outside.map((b) => b.id)).toEqual(expect.arrayContaining(firstPage));
    expect(drift.unmatched).toEqual([]);

    // A librarian writes "delivered" into a book a reader only booked, and kurin reads the Sheet.
    const booked = (await t.librarian().gql<{ loans: { nodes: Array<{ bookId: string }> } }>(`{ loans(state: BOOKED, first: 1) { nodes { bookId } } }`)).data!.loans.nodes[0]!;
    t.emulator.setCell(booked.bookId, "Status", "delivered");
    await t.kurin.books.refresh(0);
    const after = (await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift;
    expect(after.unmatched.map((l) => [l.bookId, l.state])).toEqual([[booked.bookId, "BOOKED"]]);
    t.emulator.setCell(booked.bookId, "Status", "booked");
    await t.kurin.books.refresh(0);
  });

  it("puts a book lent outside kurin back on the shelf: Status and due date cleared in its row, an event, gone from the list", async () => {
    const { outside } = (await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift;
    const lent = outside.find((b) => b.dueDate !== null) ?? outside[0]!;
    const events: Array<{ type: string; bookId: string; to: string }> = [];
    const ws = t.ws({ authorization: `Bearer ${t.tokens.librarian}` });
    const unsubscribe = ws.subscribe<{ loanEvents: { type: string; bookId: string; to: string } }>(
      { query: `subscription { loanEvents { type bookId to } }` },
      { next: (m) => void (m.data && events.push(m.data.loanEvents)), error: () => undefined, complete: () => undefined },
    );
    await untilSubscribed(t, () => events.some((e) => e.bookId === PROBE));

    const answer = await t.librarian().gql<{ returnToShelf: { id: string; status: string; statusRaw: string; dueDate: string | null } }>(RETURN_TO_SHELF, { b: lent.id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.returnToShelf).toEqual({ id: lent.id, status: "AVAILABLE", statusRaw: "", dueDate: null });
    expect(t.emulator.getCell(lent.id, "Status")).toBe("");
    expect(t.emulator.getCell(lent.id, "Заброньовано до:")).toBe("");
    const listed = (await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift.outside.map((b) => b.id);
    expect(listed).not.toContain(lent.id);
    expect(listed).toHaveLength(outside.length - 1);
    await expect.poll(() => events.filter((e) => e.bookId === lent.id)).toEqual([{ type: "STATUS_EDITED", bookId: lent.id, to: "AVAILABLE" }]);
    unsubscribe();
    // ...and a reader can book it now
    expect((await t.reader(13).gql(MUTATIONS.bookItem, { bookId: lent.id })).errors).toBeUndefined();
  });

  it("refuses to put back a book kurin lent itself, one on the shelf, an unknown one, and a reader's request, writing nothing", async () => {
    const { loans } = (await t.librarian().gql<{ loans: { nodes: Array<{ bookId: string }> } }>(`{ loans(state: BOOKED, first: 1) { nodes { bookId } } }`)).data!;
    const kurins = loans.nodes[0]!.bookId;
    const [available] = availableBooks(t, 1);
    const writesBefore = t.emulator.calls.writes;
    expect(codes(await t.librarian().gql(RETURN_TO_SHELF, { b: kurins }))).toEqual(["INVALID_TRANSITION"]);
    expect(codes(await t.librarian().gql(RETURN_TO_SHELF, { b: available }))).toEqual(["INVALID_TRANSITION"]);
    expect(codes(await t.librarian().gql(RETURN_TO_SHELF, { b: "no-such-book" }))).toEqual(["NOT_FOUND"]);
    expect(codes(await t.reader(1).gql(RETURN_TO_SHELF, { b: kurins }))).toEqual(["FORBIDDEN"]);
    expect(t.emulator.calls.writes).toBe(writesBefore);
    expect(t.emulator.getCell(kurins, "Status")).toBe("booked");
  });

  it("says UPSTREAM_UNAVAILABLE when the Sheet refuses the write, and the book stays lent", async () => {
    const { outside } = (await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift;
    const lent = outside[0]!;
    const status = t.emulator.getCell(lent.id, "Status");
    t.emulator.setFaults({ failNext: { status: 503, count: 5, only: "write" } });
    try {
      expect(codes(await t.librarian().gql(RETURN_TO_SHELF, { b: lent.id }))).toEqual(["UPSTREAM_UNAVAILABLE"]);
    } finally {
      t.emulator.setFaults({});
    }
    expect(t.emulator.getCell(lent.id, "Status")).toBe(status);
    expect((await t.librarian().gql<Drift>(DRIFT)).data!.lendingDrift.outside.map((b) => b.id)).toContain(lent.id);
  });
});
