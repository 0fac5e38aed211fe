import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";
import { PROBE, untilSubscribed } from "../support/loan-events.ts";
import { waitUntil } from "../support/wait.ts";

// Loan events over graphql-ws, on the same port and path as queries: every transition and every hand edit,
// seen by subscribers on every instance; only BOT and LIBRARIAN tokens may listen.

const EVENTS = `subscription { loanEvents { id type source at bookId bookTitle loanId readerId from to statusRaw dueDate byLibrarian reader { name } } }`;

interface EventPayload {
  type: string;
  source: string;
  bookId: string;
  loanId: string | null;
  readerId: string | null;
  from: string | null;
  to: string;
  statusRaw: string;
  dueDate: string | null;
  byLibrarian: boolean;
  bookTitle: string;
  reader: { name: string; phone?: string | null } | null;
}

type Result = { data?: { loanEvents: EventPayload } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

/** Subscribes and collects results (probe events aside: they only tell that the subscription is live). */
function listen(client: Client, query = EVENTS) {
  const results: Result[] = [];
  let failure: unknown;
  let probed = false;
  const iterator = client.iterate<EventPayload>({ query: query.replace("loanEvents {", "loanEvents { bookId ") });
  const done = (async () => {
    try {
      for await (const result of iterator) {
        if ((result as Result).data?.loanEvents.bookId === PROBE) probed = true;
        else results.push(result as Result);
      }
    } catch (error) {
      failure = error;
    }
  })();
  return {
    results,
    get failure() {
      return failure;
    },
    get probed() {
      return probed;
    },
    done,
    async waitFor(count: number): Promise<Result[]> {
      await waitUntil(() => results.length >= count || failure !== undefined, `${count} events`, { state: () => results }).catch(() => undefined);
      return results;
    },
    stop: () => iterator.return?.(),
  };
}

/** Resolves when the client's socket closes, with the close code and reason. */
function closed(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.on("closed", (event) => resolve(event as { code: number; reason: string })));
}

/** Until every listener has heard a probe event: its subscription is live on every instance. */
async function ready(from: LendingKurin, ...listeners: Array<ReturnType<typeof listen>>) {
  await untilSubscribed(from, () => listeners.every((l) => l.probed));
}

describe("loanEvents", () => {
  let a: LendingKurin;
  let b: LendingKurin;
  beforeAll(async () => {
    a = await startLendingKurin("events");
    b = await startLendingKurin("events-b", { sameLibraryAs: a });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("a librarian on instance B hears every step of a loan made on instance A, in order", async () => {
    const librarianOnB = listen(b.ws({ authorization: `Bearer ${b.tokens.librarian}` }));
    const botOnA = listen(a.ws({ authorization: `Bearer ${a.tokens.bot}` }));
    await ready(a, librarianOnB, botOnA);
    const [bookId] = availableBooks(a, 1) as [string];
    await a.reader(1).gql(`mutation { setMyPhone(phone: "+380501112233") { id } }`);
    const steps = [
      [a.reader(1), "bookItem"],
      [a.librarian(), "markAsDelivered"],
      [a.reader(1), "markAsPickedUp"],
      [a.reader(1), "markAsReturnedByUser"],
      [a.librarian(), "confirmBookReturn"],
    ] as const;
    for (const [who, name] of steps) expect((await who.gql(MUTATIONS[name], { bookId, photo: "photo_1" })).errors).toBeUndefined();

    const heard = await librarianOnB.waitFor(5);
    expect(heard.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const events = heard.map((r) => r.data!.loanEvents);
    expect(events.map((e) => [e.type, e.from, e.to, e.statusRaw, e.byLibrarian])).toEqual([
      ["BOOKED", "AVAILABLE", "BOOKED", "booked", false],
      ["DELIVERED", "BOOKED", "DELIVERED", "delivered", true],
      ["PICKED_UP", "DELIVERED", "PICKED_UP", "picked_up", false],
      ["RETURNED", "PICKED_UP", "RETURNED", "returned", false],
      ["RETURN_CONFIRMED", "RETURNED", "AVAILABLE", "", true],
    ]);
    const loan = await a.kurin.prisma.loan.findFirstOrThrow({ where: { bookId } });
    for (const e of events) {
      expect(e).toMatchObject({ source: "MUTATION", bookId, loanId: String(loan.id), readerId: String(loan.readerId), reader: { name: "Reader 1" } });
      expect(e.bookTitle).toBe(a.emulator.getCell(bookId, "Назва"));
    }
    expect(events[2]!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The bot on A heard the same five.
    expect((await botOnA.waitFor(5)).map((r) => r.data!.loanEvents.type)).toEqual(events.map((e) => e.type));
    await librarianOnB.stop();
    await botOnA.stop();
  });

  it("phones in events are for librarians only", async () => {
    const query = `subscription { loanEvents { type reader { name phone } } }`;
    const librarian = listen(a.ws({ authorization: `Bearer ${a.tokens.librarian}` }), query);
    const bot = listen(b.ws({ authorization: `Bearer ${b.tokens.bot}` }), query);
    await ready(a, librarian, bot);
    const [bookId] = availableBooks(a, 1) as [string];
    expect((await a.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    const [toLibrarian] = await librarian.waitFor(1);
    expect(toLibrarian!.data!.loanEvents.reader).toEqual({ name: "Reader 1", phone: "+380501112233" });
    const [toBot] = await bot.waitFor(1);
    expect(toBot!.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect(toBot!.errors![0]!.message).toBe("Readers' phone numbers are for librarians only");
    expect(toBot!.data!.loanEvents.reader).toEqual({ name: "Reader 1", phone: null });
    await librarian.stop();
    await bot.stop();
  });

  it("a librarian's hand edit in the Sheet is heard as a SHEET_EDIT event", async () => {
    const librarianOnB = listen(b.ws({ authorization: `Bearer ${b.tokens.librarian}` }));
    await ready(a, librarianOnB);
    const [bookId] = availableBooks(a, 1) as [string];
    a.emulator.setCell(bookId, "Status", "загублена");
    await a.kurin.books.refresh(0); // the poll, or the Apps Script webhook
    const [heard] = await librarianOnB.waitFor(1);
    expect(heard!.data!.loanEvents).toMatchObject({
      type: "STATUS_EDITED",
      source: "SHEET_EDIT",
      bookId,
      from: "AVAILABLE",
      to: "UNKNOWN",
      statusRaw: "загублена",
      loanId: null,
      reader: null,
      byLibrarian: true,
    });
    await librarianOnB.stop();
  });

  it("readers, integrators and anonymous clients may not listen", async () => {
    const reader = listen(a.ws({ authorization: `Bearer ${a.tokens.bot}`, telegramUser: telegramUser(7) }));
    const integrator = listen(a.ws({ authorization: `Bearer ${a.tokens.integrator}` }));
    const anonymous = listen(a.ws({}));
    for (const [who, code] of [
      [reader, "FORBIDDEN"],
      [integrator, "FORBIDDEN"],
      [anonymous, "UNAUTHENTICATED"],
    ] as const) {
      await who.done;
      const errors = (who.failure as Array<{ extensions?: { code?: string } }> | undefined) ?? who.results[0]?.errors;
      expect(errors?.[0]?.extensions?.code).toBe(code);
    }
  });

  it.each([
    ["an unknown token", 4401, { authorization: "Bearer kurin_nope" }, "Unknown or revoked token"],
    ["a malformed Authorization", 4401, { authorization: "kurin_nope" }, 'The Authorization header must be "Bearer <token>"'],
    ["a librarian acting for a Telegram user", 4403, { authorization: "LIBRARIAN", telegramUser: { id: 1, first_name: "A" } }, /^Only a BOT token may act/],
    ["a malformed Telegram user", 4400, { authorization: "BOT", telegramUser: { id: "x" } }, /id must be a positive integer/],
  ] as const)("%s closes the connection with %i and a reason", async (_what, code, params, reason) => {
    const authorization =
      params.authorization === "LIBRARIAN" ? `Bearer ${a.tokens.librarian}` : params.authorization === "BOT" ? `Bearer ${a.tokens.bot}` : params.authorization;
    const client = a.ws({ ...params, authorization });
    const close = closed(client);
    const attempt = listen(client);
    const event = await close;
    expect(event.code).toBe(code);
    if (typeof reason === "string") expect(event.reason).toBe(reason);
    else expect(event.reason).toMatch(reason);
    await attempt.done;
  });
});

describe("a token revoked while its socket is open", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("events-revoked", { env: { AUTH_CACHE_SECONDS: "1" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("closes that socket (4401) within AUTH_CACHE_SECONDS or so, and hears nothing more; other sockets stay open", async () => {
    const { token } = await t.kurin.auth.tokens.create("revoked-librarian", "LIBRARIAN");
    const revokedClient = t.ws({ authorization: `Bearer ${token}` });
    const staying = listen(t.ws({ authorization: `Bearer ${t.tokens.librarian}` }));
    const revoked = listen(revokedClient);
    await ready(t, revoked, staying);
    const close = closed(revokedClient);
    await t.kurin.auth.tokens.revoke("revoked-librarian");
    const event = await close;
    expect(event).toMatchObject({ code: 4401, reason: "Unknown or revoked token" });

    // a reader's booking after the revocation reaches the librarian who stayed, and not the revoked socket
    const heardBefore = revoked.results.length;
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    await waitUntil(() => staying.results.some((r) => JSON.stringify(r).includes(bookId)), "the staying librarian to hear the booking");
    expect(revoked.results.length).toBe(heardBefore);
  });
});
