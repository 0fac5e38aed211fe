import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";

/**
 * The outbox (notifications/outbox.ts) over GraphQL, as the bot uses it: rows made in the loan change's own
 * transaction, one per recipient, taken once, acknowledged; nothing for a change that was undone.
 */

const TAKE = `mutation($first: Int!) { takeNotifications(first: $first) { id claim kind bookId recipientTelegramId readerName readerPhone bookTitle } }`;
const ACK = `mutation($id: ID!, $claim: String!, $outcome: NotificationOutcome!) { ackNotification(id: $id, claim: $claim, outcome: $outcome) }`;

interface Taken {
  id: string;
  claim: string;
  kind: string;
  bookId: string;
  recipientTelegramId: string;
  readerName: string;
  readerPhone: string | null;
  bookTitle: string | null;
}

let k: LendingKurin;
beforeAll(async () => {
  k = await startLendingKurin("outbox", { env: { LIBRARIAN_TELEGRAM_IDS: `${telegramUser(90).id}, ${telegramUser(91).id}` } });
  // Two librarians from LIBRARIAN_TELEGRAM_IDS, made so when they first write to the bot.
  for (const n of [90, 91]) {
    const me = await k.reader(n).gql<{ me: { role: string } }>("{ me { role } }");
    expect(me.data!.me.role).toBe("LIBRARIAN");
  }
});
afterAll(async () => {
  await k?.stop();
});

const bot = () => k.as({ token: k.tokens.bot });
const take = async (first = 50) => {
  const result = await bot().gql<{ takeNotifications: Taken[] }>(TAKE, { first });
  expect(result.errors).toBeUndefined();
  return result.data!.takeNotifications;
};

describe("the notification outbox", () => {
  it("a booking makes one message per librarian, with the reader's phone; taken once, then acknowledged", async () => {
    const [bookId] = availableBooks(k, 1);
    await k.reader(1).gql(`mutation { setMyPhone(phone: "+380501110000") { id } }`);
    expect((await k.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    const taken = await take();
    expect(taken.map((n) => [n.kind, n.bookId, n.recipientTelegramId]).sort()).toEqual(
      [90, 91].map((n) => ["BOOKED", bookId, String(telegramUser(n).id)]).sort(),
    );
    expect(taken[0]!.readerName).toBe("Reader 1");
    expect(taken[0]!.readerPhone).toBe("+380501110000");
    expect(taken[0]!.bookTitle).toBeTruthy();
    // Leased: a second take (another bot, another instance) gets nothing.
    expect(await take()).toEqual([]);
    for (const n of taken) expect((await bot().gql(ACK, { id: n.id, claim: n.claim, outcome: "SENT" })).data).toEqual({ ackNotification: true });
    // A wrong claim is refused.
    expect((await bot().gql(ACK, { id: taken[0]!.id, claim: "not-mine", outcome: "SENT" })).data).toEqual({ ackNotification: false });
    const rows = await k.kurin.prisma.notification.findMany({ where: { bookId } });
    expect(rows.map((r) => r.state)).toEqual(["SENT", "SENT"]);
  });

  it("a take that finds nothing to send costs one statement (the bot takes on every loan event)", async () => {
    expect(await take()).toEqual([]);
    k.sql.length = 0;
    expect(await take()).toEqual([]);
    expect(k.sql.filter((statement) => /Notification/.test(statement))).toHaveLength(1);
    expect(k.sql.filter((statement) => /Notification/.test(statement))[0]).toMatch(/^\s*UPDATE `Notification` SET `claim`/);
  });

  it("the reader hears of a delivery without the phone in it; a reader's own cancel makes no message", async () => {
    const [a, b] = availableBooks(k, 2);
    await k.reader(2).gql(MUTATIONS.bookItem, { bookId: a });
    await k.reader(2).gql(MUTATIONS.bookItem, { bookId: b });
    await k.librarian().gql(MUTATIONS.markAsDelivered, { bookId: a });
    await k.reader(2).gql(MUTATIONS.cancelBooking, { bookId: b });
    const taken = await take();
    const toReader = taken.filter((n) => n.recipientTelegramId === String(telegramUser(2).id));
    expect(toReader.map((n) => [n.kind, n.bookId])).toEqual([["DELIVERED", a]]);
    expect(toReader[0]!.readerPhone).toBeNull();
    expect(taken.filter((n) => n.kind === "CANCELLED")).toEqual([]);
    await k.librarian().gql(MUTATIONS.cancelBooking, { bookId: a });
    expect((await take()).map((n) => n.kind)).toEqual(["CANCELLED"]);
  });

  it("a change the Sheet refused is undone, and nobody is told of it", async () => {
    const [bookId] = availableBooks(k, 1);
    k.emulator.setFaults({ failNext: { status: 500, count: 1, only: "write" } });
    const refused = await k.reader(3).gql(MUTATIONS.bookItem, { bookId });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(await take()).toEqual([]);
    // Booked again, successfully: told once, for this change.
    expect((await k.reader(3).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    expect((await take()).map((n) => [n.kind, n.bookId])).toEqual([
      ["BOOKED", bookId],
      ["BOOKED", bookId],
    ]);
  });

  it("only the bot's own token may take or acknowledge", async () => {
    for (const who of [k.librarian(), k.reader(4), k.as({ token: k.tokens.integrator })]) {
      const result = await who.gql(TAKE, { first: 5 });
      expect(result.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    expect((await bot().gql(TAKE, { first: 500 })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
