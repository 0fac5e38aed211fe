import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, lendBook, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";
import { waitUntil } from "../support/wait.ts";

/**
 * Reminders (circulation/reminders.ts) on real MariaDB, Redis and the Sheets emulator, with a clock the test
 * moves: every instance ticks, a restart forgets nothing, and each (kind, loan, round) reaches the outbox once;
 * quiet hours hold them; a returned loan gets none. The library is in Europe/Kyiv (UTC+2 in December).
 */

const TAKE = `mutation { takeNotifications(first: 100) { id claim kind bookId recipientTelegramId dueDate overdueRound overdue { bookId bookTitle readerName readerPhone dueDate } } }`;
const ACK = `mutation($id: ID!, $claim: String!) { ackNotification(id: $id, claim: $claim, outcome: SENT) }`;
const LIBRARIAN = 90;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Taken {
  id: string;
  claim: string;
  kind: string;
  bookId: string;
  recipientTelegramId: string;
  dueDate: string | null;
  overdueRound: number | null;
  overdue: Array<{ bookId: string; bookTitle: string | null; readerName: string; readerPhone: string | null; dueDate: string }>;
}

let clock = Date.parse("2026-12-01T10:00:00Z"); // 12:00 in Kyiv
const now = () => clock;
const env = { LIBRARIAN_TELEGRAM_IDS: String(telegramUser(LIBRARIAN).id), LIBRARY_TIME_ZONE: "Europe/Kyiv" };
let a: LendingKurin;
let b: LendingKurin;

beforeAll(async () => {
  a = await startLendingKurin("reminders", { env, now });
  b = await startLendingKurin("reminders-b", { env, now, sameLibraryAs: a });
  await a.reader(LIBRARIAN).gql("{ me { id } }");
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

/** Every instance ticks, twice, at once: what each wrote, summed. */
async function tickEverywhere(): Promise<number> {
  const outcomes = await Promise.all([a, b, a, b].map((k) => k.kurin.reminders.tick()));
  return outcomes.reduce((sum, o) => sum + o.written, 0);
}

/** What the bot takes now (through either instance), acknowledged as sent. */
async function deliver(via: LendingKurin = b): Promise<Taken[]> {
  const bot = via.as({ token: via.tokens.bot });
  const result = await bot.gql<{ takeNotifications: Taken[] }>(TAKE);
  expect(result.errors).toBeUndefined();
  const taken = result.data!.takeNotifications;
  for (const n of taken) expect((await bot.gql(ACK, { id: n.id, claim: n.claim })).data).toEqual({ ackNotification: true });
  return taken;
}


describe("reminders", () => {
  // A month of ticks on two instances and a restart: well over 30 s on a loaded 2-core machine.
  it("each kind is written once across two instances and a restart, and the bot takes it once", { timeout: 120_000 }, async () => {
    const [bookId] = availableBooks(a, 1);
    clock = Date.parse("2026-12-01T10:00:00Z");
    await a.reader(1).gql(`mutation { setMyPhone(phone: "+380501112233") { id } }`);
    await lendBook(a, 1, bookId!);
    await deliver(); // the booking's and the delivery's messages
    const reader = String(telegramUser(1).id);

    // Due 2026-12-15 (12:00 Kyiv). Eleven days before: nothing to say.
    clock = Date.parse("2026-12-04T10:00:00Z");
    expect(await tickEverywhere()).toBe(0);

    // Two days before: "due soon", once, whichever instance ticks.
    clock = Date.parse("2026-12-13T10:00:00Z");
    expect(await tickEverywhere()).toBe(1);
    expect((await deliver()).map((n) => [n.kind, n.recipientTelegramId, n.dueDate])).toEqual([["DUE_SOON", reader, "2026-12-15"]]);

    // A restart of instance b: nothing in memory to lose, nothing written twice; the day after is the same stage.
    await b.stop();
    b = await startLendingKurin("reminders-b", { env, now, sameLibraryAs: a });
    clock = Date.parse("2026-12-14T10:00:00Z");
    expect(await tickEverywhere()).toBe(0);
    expect(await deliver()).toEqual([]);

    // The due date, before the due time: "due today", once.
    clock = Date.parse("2026-12-15T07:30:00Z");
    expect(await tickEverywhere()).toBe(1);
    expect((await deliver(a)).map((n) => n.kind)).toEqual(["DUE_TODAY"]);

    // Past due: overdue #1 to the reader and the morning summary to the librarian, with the reader's phone.
    clock = Date.parse("2026-12-16T08:00:00Z");
    expect(await tickEverywhere()).toBe(2);
    const overdue = await deliver();
    expect(overdue.map((n) => [n.kind, n.overdueRound]).sort()).toEqual([["OVERDUE", 1], ["OVERDUE_SUMMARY", null]]);
    const summary = overdue.find((n) => n.kind === "OVERDUE_SUMMARY")!;
    expect(summary.recipientTelegramId).toBe(String(telegramUser(LIBRARIAN).id));
    expect(summary.overdue).toEqual([{ bookId, bookTitle: expect.any(String), readerName: "Reader 1", readerPhone: "+380501112233", dueDate: "2026-12-15" }]);

    // Later the same day: nothing new (one summary a day, overdue #1 already out).
    clock = Date.parse("2026-12-16T15:00:00Z");
    expect(await tickEverywhere()).toBe(0);

    // Every three days another overdue reminder (and a summary each morning), at most five.
    const rounds: number[] = [];
    for (let day = 17; day <= 40; day++) {
      clock = Date.parse("2026-12-01T08:00:00Z") + (day - 1) * DAY;
      await tickEverywhere();
      rounds.push(...(await deliver()).filter((n) => n.kind === "OVERDUE").map((n) => n.overdueRound!));
    }
    expect(rounds).toEqual([2, 3, 4, 5]);
    const rows = await a.kurin.prisma.notification.groupBy({ by: ["kind"], where: { bookId }, _count: true });
    expect(Object.fromEntries(rows.map((r) => [r.kind, r._count]))).toMatchObject({ DUE_SOON: 1, DUE_TODAY: 1, OVERDUE: 5 });
    expect(await a.kurin.prisma.notification.count({ where: { kind: "OVERDUE_SUMMARY" } })).toBe(25); // Dec 16 .. Jan 9
  });

  it("an instance started with the scheduler on writes what is due by itself, and nothing twice", async () => {
    const [bookId] = availableBooks(a, 1);
    clock = Date.parse("2027-01-05T10:00:00Z");
    await lendBook(a, 5, bookId!);
    clock = Date.parse("2027-01-17T10:00:00Z"); // two days before the due date
    const c = await startLendingKurin("reminders-c", { env: { ...env, REMINDER_CHECK_SECONDS: "3600" }, now, sameLibraryAs: a });
    try {
      const dueSoon = () => a.kurin.prisma.notification.count({ where: { bookId, kind: "DUE_SOON" } });
      await waitUntil(async () => (await dueSoon()) > 0, "instance C's scheduler to write the DUE_SOON reminder", { everyMs: 50 });
      expect(await dueSoon()).toBe(1);
      await tickEverywhere(); // a and b tick too
      expect(await dueSoon()).toBe(1);
      expect(await a.kurin.prisma.notification.count({ where: { kind: "OVERDUE_SUMMARY", round: 20270117 } })).toBe(1);
    } finally {
      await c.stop();
    }
  });

  it("quiet hours: nothing is written at night, and what was written before waits for the morning", async () => {
    const [bookId] = availableBooks(a, 1);
    clock = Date.parse("2027-02-01T10:00:00Z");
    await lendBook(a, 2, bookId!);
    await deliver();
    // 22:30 in Kyiv, two days before the due date: quiet, nothing written.
    clock = Date.parse("2027-02-13T20:30:00Z");
    const night = await a.kurin.reminders.tick();
    expect(night).toMatchObject({ quiet: true, written: 0 });
    // 20:50: written; at 21:10 the bot finds nothing; at 09:05 the next morning it gets it.
    clock = Date.parse("2027-02-13T18:50:00Z");
    expect((await a.kurin.reminders.tick()).written).toBeGreaterThanOrEqual(1);
    clock = Date.parse("2027-02-13T19:10:00Z");
    expect(await deliver()).toEqual([]);
    clock = Date.parse("2027-02-14T07:05:00Z");
    expect((await deliver()).filter((n) => n.bookId === bookId).map((n) => n.kind)).toEqual(["DUE_SOON"]);
  });

  it("a loan returned before its reminder goes out gets none, and one returned before it is written gets none either", async () => {
    const [early, late] = availableBooks(a, 2);
    clock = Date.parse("2027-03-01T10:00:00Z");
    await lendBook(a, 3, early!);
    await lendBook(a, 4, late!);
    await deliver();
    // Reader 3 hands the book back before anything is due.
    expect((await a.reader(3).gql(MUTATIONS.markAsReturnedByUser, { bookId: early })).errors).toBeUndefined();
    await deliver();
    clock = Date.parse("2027-03-13T10:00:00Z");
    await tickEverywhere();
    const written = await a.kurin.prisma.notification.findMany({ where: { bookId: { in: [early!, late!] }, sheetWriteId: null } });
    expect(written.map((r) => [r.bookId, r.kind])).toEqual([[late, "DUE_SOON"]]); // reader 4's only
    // Reader 4 returns it before the bot takes the reminder: it is never sent, and marked skipped.
    expect((await a.reader(4).gql(MUTATIONS.markAsReturnedByUser, { bookId: late })).errors).toBeUndefined();
    const taken = await deliver();
    expect(taken.filter((n) => n.kind === "DUE_SOON")).toEqual([]);
    expect((await a.kurin.reminders.tick()).skipped).toBe(1);
    const reminders = await a.kurin.prisma.notification.findMany({ where: { bookId: { in: [early!, late!] }, kind: { in: ["DUE_SOON", "DUE_TODAY", "OVERDUE"] } } });
    expect(reminders.map((r) => [r.bookId, r.state])).toEqual([[late, "SKIPPED"]]);
    // Weeks later: still nothing for either.
    clock = Date.parse("2027-04-01T10:00:00Z");
    await tickEverywhere();
    expect((await deliver()).filter((n) => n.bookId === early || n.bookId === late)).toEqual([]);
  });
});
