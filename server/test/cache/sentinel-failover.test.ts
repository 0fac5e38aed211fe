import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RefreshOutcome } from "../../src/books/types.ts";
import { loadConfig } from "../../src/config.ts";
import { checkRedis } from "../../src/doctor/check-redis.ts";
import { deleteKeys } from "../support/kurin.ts";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { SENTINEL_NAME, SentinelRedis, until } from "../support/redis-sentinel.ts";

// Redis under Sentinel: a primary, a replica, three sentinels; two kurin instances of one library under read and
// lending load; the primary is killed (SIGKILL). Reads keep being answered, lending goes on after the failover,
// no loan is lost or doubled, and the catalogue is read from the Sheet at most once to refill the cache.

interface Booking {
  bookId: string;
  reader: number;
  startedAt: number;
  outcome: string; // "ok" or the error code
}

const QUERIES = [
  `{ books(first: 5, search: "шевченко") { totalCount nodes { id status } } }`,
  `query($id: ID!) { book(id: $id) { id title status } }`,
];

describe("Redis Sentinel failover under load, two instances", () => {
  let set: SentinelRedis;
  let a: LendingKurin;
  let b: LendingKurin;
  beforeAll(async () => {
    set = await SentinelRedis.start({ downAfterMs: 1000, failoverTimeoutMs: 2000 });
    const env = {
      REDIS_URL: "", // no single server: the sentinels name the primary
      REDIS_SENTINELS: set.sentinels,
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
      REDIS_COMMAND_TIMEOUT_MS: "500",
      REDIS_BREAKER_HALF_OPEN_MS: "200",
    };
    a = await startLendingKurin("sentinel", { env });
    b = await startLendingKurin("sentinel-b", { env, sameLibraryAs: a });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await set?.stop();
  });

  it("primary killed: 0 failed reads, bookings succeed after the failover, every loan once in MySQL and the Sheet, the cache refilled at most once", async () => {
    const instances = [a, b];
    const books = availableBooks(a, 80);
    const ids = a.emulator.rows().slice(1).map((row) => row[0]!).filter((id) => /^\d+$/.test(id)).slice(0, 50);
    expect(await set.primaryNow()).toBe(set.primaryPort);

    let running = true;
    let killedAt = Infinity;
    let failedOverAt: number | undefined = undefined;
    const reads = { answered: 0, failed: 0, duringOutage: 0, failures: [] as string[] };
    const refills: RefreshOutcome[] = [];
    for (const t of instances) t.kurin.books.on("refresh", (outcome) => void (Date.now() >= killedAt && outcome.kind === "read" && refills.push(outcome)));

    const reader = async (t: LendingKurin, worker: number) => {
      for (let i = 0; running; i++) {
        const query = QUERIES[i % QUERIES.length]!;
        const result = await t.gql<{ books?: { totalCount: number }; book?: { status: string } }>(query, { id: ids[(i + worker) % ids.length] }).catch((e: Error) => ({ errors: [{ message: e.message }], data: undefined }));
        const ok = !result.errors && (result.data?.books?.totalCount ?? 0) + (result.data?.book?.status ? 1 : 0) > 0;
        if (ok) reads.answered++;
        else {
          reads.failed++;
          reads.failures.push(JSON.stringify(result.errors ?? result.data));
        }
        if (ok && Date.now() >= killedAt && failedOverAt === undefined) reads.duringOutage++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const bookings: Booking[] = [];
    let next = 0;
    const lender = async (t: LendingKurin) => {
      while (running && next < books.length) {
        const n = next++;
        const booking: Booking = { bookId: books[n]!, reader: 9000 + n, startedAt: Date.now(), outcome: "pending" };
        bookings.push(booking);
        const result = await t.reader(booking.reader).gql(MUTATIONS.bookItem, { bookId: booking.bookId });
        booking.outcome = result.errors ? String(result.errors[0]!.extensions?.code ?? result.errors[0]!.message) : "ok";
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };

    const load = [...instances.flatMap((t) => [reader(t, 0), reader(t, 7)]), ...instances.map((t) => lender(t))];
    const tally = () => JSON.stringify(bookings.map((x) => x.outcome));
    let attemptsBefore = 0;
    try {
      await until(async () => bookings.filter((x) => x.outcome === "ok").length >= 4, 30_000, "bookings before the kill", tally);

      // The failover: SIGKILL the primary, and time until the sentinels name the replica.
      // Sheets reads are counted from here: bookings started from now on, and the ones under way now, read their row.
      a.emulator.resetCalls();
      attemptsBefore = bookings.filter((x) => x.outcome !== "pending").length;
      killedAt = Date.now();
      await set.kill(set.primaryPort);
      await until(async () => (await set.primaryNow()) === set.replicaPort, 20_000, "the sentinels to promote the replica");
      failedOverAt = Date.now();
      // Load goes on until lending has clearly resumed: bookings started after the failover succeed.
      await until(async () => bookings.filter((x) => x.startedAt > failedOverAt! && x.outcome === "ok").length >= 5, 30_000, "bookings after the failover", tally);
    } finally {
      // The load stops whatever happened, before the instances do.
      running = false;
      await Promise.all(load);
    }

    const after = bookings.filter((x) => x.startedAt > failedOverAt!);
    const outcomes: Record<string, number> = {};
    for (const x of bookings) outcomes[x.outcome] = (outcomes[x.outcome] ?? 0) + 1;
    const sheetsReads = a.emulator.calls.reads;
    console.log(
      `Sentinel failover: new primary ${failedOverAt - killedAt} ms after SIGKILL; reads answered ${reads.answered} ` +
        `(${reads.duringOutage} while no primary), failed ${reads.failed}; bookings ${JSON.stringify(outcomes)}, ` +
        `${after.filter((x) => x.outcome === "ok").length}/${after.length} ok after the failover; ` +
        `Sheets reads since the kill ${sheetsReads} (${bookings.length - attemptsBefore} booking attempts, catalogue refills ${refills.length})`,
    );

    // Reads: every one answered, also while there was no primary.
    expect(reads.failures).toEqual([]);
    expect(reads.duringOutage).toBeGreaterThan(0);
    // Lending resumed: every booking started after the failover succeeded.
    expect(after.length).toBeGreaterThanOrEqual(5);
    expect(after.map((x) => x.outcome)).toEqual(after.map(() => "ok"));

    // No loan lost or doubled: MySQL has one open loan for each successful booking and none for the others,
    // and the Sheet says `booked` exactly for those books.
    const loans = await a.kurin.prisma.loan.findMany({ where: { bookId: { in: bookings.map((x) => x.bookId) } }, include: { reader: true } });
    const succeeded = bookings.filter((x) => x.outcome === "ok");
    expect(loans.map((l) => l.bookId).sort()).toEqual(succeeded.map((x) => x.bookId).sort());
    for (const x of succeeded) {
      const loan = loans.find((l) => l.bookId === x.bookId)!;
      expect({ reader: loan.reader.telegramId, open: loan.openBookId }).toEqual({ reader: BigInt(700_000 + x.reader), open: x.bookId });
    }
    for (const x of bookings) expect([x.bookId, a.emulator.getCell(x.bookId, "Status")]).toEqual([x.bookId, x.outcome === "ok" ? "booked" : ""]);

    // The catalogue was read from the Sheet at most once to refill the cache; every other Sheets read since the
    // kill is a booking's own look at its row (one each).
    expect(refills.length).toBeLessThanOrEqual(1);
    expect(sheetsReads).toBeLessThanOrEqual(bookings.length - attemptsBefore + 1);

    // Both instances are back on Redis (the new primary), the commands' connection and the pub/sub one alike.
    // A breaker opened late (a command slow on a loaded machine) closes on the next request's probe; the tests'
    // instances run no background version check, so readers make those requests here.
    const closed = async () => {
      await Promise.all([a, b].map((t) => t.gql(`{ book(id: "1") { status } }`)));
      return a.kurin.guard.state === "closed" && b.kurin.guard.state === "closed";
    };
    await until(closed, 30_000, "both circuits to close");
    const primary = set.connect(set.replicaPort);
    try {
      // A booking whose write-through Redis missed (its instance's breaker open) is written again once that
      // breaker has closed, just after: the new primary holds it then.
      const last = succeeded.at(-1)!;
      const inPrimary = async () => (JSON.parse((await primary.hget(`${a.prefix}books:all`, last.bookId)) ?? "{}") as { statusRaw?: string }).statusRaw;
      await until(async () => (await inPrimary()) === "booked", 10_000, `book ${last.bookId} booked in the new primary`);
      expect(await inPrimary()).toBe("booked");
    } finally {
      primary.disconnect();
    }
    // Every booking is served as booked by both instances, those written through just before the kill included.
    for (const t of instances) {
      const served = await t.gql<{ books: { nodes: Array<{ id: string; status: string }> } }>(`{ books(first: 100, status: BOOKED) { nodes { id status } } }`);
      const booked = new Set(served.data!.books.nodes.map((n) => n.id));
      expect(succeeded.filter((x) => !booked.has(x.bookId)).map((x) => x.bookId)).toEqual([]);
    }
    a.emulator.setCell("3", "Назва", "Почута після зміни первинного");
    await a.kurin.books.refresh(0);
    await until(async () => JSON.stringify(await b.gql(`{ books(first: 1, search: "первинного") { nodes { id } } }`)).includes(`"3"`), 5000, "B to hear A's change");
  }, 90_000); // a failover, and load before and after it, on a machine shared with other test files

  it("a new primary without the cache (a replica that had not synced yet): two instances under read load refill it with ONE Sheets read", async () => {
    const primary = await set.primaryNow();
    expect(primary).toBe(set.replicaPort); // after the failover above
    await deleteKeys(a.prefix, { url: `redis://127.0.0.1:${primary}`, host: "", port: 0, db: 0 });
    a.emulator.resetCalls();
    const refills: RefreshOutcome[] = [];
    for (const t of [a, b]) t.kurin.books.on("refresh", (outcome) => void (outcome.kind === "read" && refills.push(outcome)));
    const ids = a.emulator.rows().slice(1).map((row) => row[0]!).filter((id) => /^\d+$/.test(id)).slice(0, 40);
    const results = await Promise.all(
      ids.flatMap((id) => [a, b].map((t) => t.gql<{ book: { status: string } | null }>(`query($id: ID!) { book(id: $id) { id status } }`, { id }))),
    );
    console.log(`Refill on an empty primary: ${results.length} concurrent reads on two instances, Sheets reads ${a.emulator.calls.reads}, catalogue refills ${refills.length}`);
    expect(results.filter((r) => r.errors !== undefined || !r.data?.book?.status)).toEqual([]);
    await until(async () => (await a.kurin.redis.hlen(`${a.prefix}books:all`)) === 304, 10_000, "books:all refilled");
    expect({ reads: a.emulator.calls.reads, refills: refills.length }).toEqual({ reads: 1, refills: 1 });
  });

  it("a REDIS_SENTINEL_NAME the sentinels do not know: kurin starts, serves without Redis, and the log says which primary it looked for", async () => {
    const t = await startLendingKurin("sentinel-wrong-name", {
      env: { REDIS_URL: "", REDIS_SENTINELS: set.sentinels, REDIS_SENTINEL_NAME: "no-such-primary", REDIS_COMMAND_TIMEOUT_MS: "300" },
    });
    try {
      const read = await t.gql<{ book: { status: string } }>(`{ book(id: "1") { status } }`);
      expect(read.errors).toBeUndefined();
      expect(read.data!.book.status).toBe("AVAILABLE");
      const health = (await (await fetch(`${t.kurin.url}/health`)).json()) as { redis: string };
      expect(health.redis).toBe("degraded");
      const warning = t.logs.find((line) => String(line.msg).startsWith("Redis unavailable"));
      expect(warning).toMatchObject({ redis: expect.stringMatching(/^sentinel no-such-primary@127\.0\.0\.1:\d+,/) });
      expect(String(warning!.err)).toMatch(/No such master with that name/);
    } finally {
      await t.stop();
    }
  });

  it("`pnpm run doctor` checks the primary the sentinels name, and says what to fix when they name none", async () => {
    const doctor = async (name: string) => {
      const config = loadConfig({ REDIS_SENTINELS: set.sentinels, REDIS_SENTINEL_NAME: name });
      return (await checkRedis({ env: {}, config, cleanups: [] }))[0]!;
    };
    const sound = await doctor(SENTINEL_NAME);
    expect(sound).toMatchObject({ verdict: "ok", subject: expect.stringMatching(/^Redis sentinel kurin@127\.0\.0\.1:\d+/) });
    expect(sound.summary).toMatch(/^Redis \d+\.\d+\.\d+, ping [\d.]+ ms/);
    const wrong = await doctor("no-such-primary");
    expect(wrong).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/does not answer \(.*No such master with that name/) });
    expect(wrong.fix).toMatch(/^check REDIS_SENTINELS .* and REDIS_SENTINEL_NAME/);
  });
});
