import { Redis } from "ioredis";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthReport } from "../../src/health/health.ts";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { REDIS_URL } from "../support/kurin.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";

// MySQL cut off (a TCP proxy between kurin and MariaDB, closed by the test): readers and tokens seen before keep
// browsing; whatever needs the database answers UPSTREAM_UNAVAILABLE naming it, at once once it is known to be
// away, leaves the Sheet and Redis as they were; and everything works again when the proxy reopens.

const ACQUIRE_TIMEOUT_MS = 3000;
const CATALOGUE = `{ books(first: 3) { edges { node { id title status } } } }`;
const DATABASE_DOWN = /database is not answering/;

describe("the database cut off", () => {
  let proxy: TcpProxy;
  let t: LendingKurin;
  let redis: Redis;
  let bookId: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: "127.0.0.1", port: 3306 });
    t = await startLendingKurin("db-outage", {
      databaseUrlFor: (url) => proxy.through(url),
      // AUTH_CACHE_SECONDS=0: every request asks the database who is asking; only the outage grace can answer it.
      env: { AUTH_CACHE_SECONDS: "0", AUTH_OUTAGE_GRACE_SECONDS: "600", DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS), DATABASE_RETRY_AFTER_MS: "4000" },
    });
    redis = new Redis(REDIS_URL);
    [bookId] = availableBooks(t, 1) as [string];
    // Seen while the database answers: the bot acting for reader 1, the librarian.
    expect((await t.reader(1).gql(CATALOGUE)).errors).toBeUndefined();
    expect((await t.librarian().gql(CATALOGUE)).errors).toBeUndefined();
    await proxy.close();
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    redis?.disconnect();
    await proxy?.open();
    await t?.stop();
    await proxy?.close();
  });

  const cachedBook = async () => [await redis.hget(`${t.prefix}books:all`, bookId), await redis.get(`${t.prefix}book:status:${bookId}`)];

  it("a reader seen before still browses the catalogue through the bot's token", async () => {
    const answer = await t.reader(1).gql<{ books: { edges: Array<{ node: { id: string; status: string } }> } }>(CATALOGUE);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.books.edges).toHaveLength(3);
    expect((await t.librarian().gql(CATALOGUE)).errors).toBeUndefined();
  });

  it(
    "a booking answers UPSTREAM_UNAVAILABLE naming the database, without Prisma's text, and changes neither the Sheet nor Redis",
    async () => {
      const sheetBefore = JSON.stringify(t.emulator.rows());
      const redisBefore = await cachedBook();
      const writesBefore = t.emulator.calls.writes;

      const first = await t.reader(1).gql(MUTATIONS.bookItem, { bookId });
      expect(codes(first)).toEqual(["UPSTREAM_UNAVAILABLE"]);
      expect(first.errors![0]!.message).toMatch(DATABASE_DOWN);
      expect(JSON.stringify(first)).not.toMatch(/prisma|invocation|\.ts:|node_modules|45028/i);
      // The first query waited the pool's acquire timeout and opened the breaker: the next one does not wait.
      expect(t.kurin.database.state).toBe("open");
      const second = await Promise.race([
        t.librarian().gql(MUTATIONS.markAsDelivered, { bookId }),
        new Promise<"still waiting">((resolve) => setTimeout(() => resolve("still waiting"), ACQUIRE_TIMEOUT_MS)),
      ]);
      expect(second === "still waiting" ? second : codes(second)).toEqual(["UPSTREAM_UNAVAILABLE"]);

      expect(JSON.stringify(t.emulator.rows())).toBe(sheetBefore);
      expect(t.emulator.calls.writes).toBe(writesBefore);
      expect(await cachedBook()).toEqual(redisBefore);
    },
    ACQUIRE_TIMEOUT_MS * 3,
  );

  it("an unknown token, or a reader never seen, is told the database cannot check them (503), not a 500", async () => {
    const stranger = await t.as({ token: `kurin_${"x".repeat(43)}` }).gql(CATALOGUE);
    expect(stranger.status).toBe(503);
    expect(codes(stranger)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(stranger.errors![0]!.message).toMatch(DATABASE_DOWN);
    const newcomer = await t.reader(99).gql(CATALOGUE);
    expect(newcomer.status).toBe(503);
    expect(codes(newcomer)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(JSON.stringify([stranger, newcomer])).not.toMatch(/prisma|invocation|\.ts:|node_modules/i);
  });

  it("over graphql-ws: a known token connects, an unknown one is closed with 4503 naming the database", async () => {
    const known = t.ws({ authorization: `Bearer ${t.tokens.librarian}` });
    sockets.push(known);
    const answer = await new Promise<unknown>((resolve, reject) => {
      known.subscribe({ query: CATALOGUE.replace("{ books", "query { books") }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect((answer as { errors?: unknown }).errors).toBeUndefined();

    const stranger = t.ws({ authorization: `Bearer kurin_${"y".repeat(43)}` });
    sockets.push(stranger);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => stranger.on("closed", (event) => resolve(event as { code: number; reason: string })));
    expect(closed.code).toBe(4503);
    expect(closed.reason).toMatch(DATABASE_DOWN);
  });

  it("/health shows the database down", async () => {
    const detailed = (await (await fetch(`${t.kurin.url}/health`, { headers: { authorization: `Bearer ${t.tokens.librarian}` } })).json()) as HealthReport;
    expect(detailed.status).toBe("degraded");
    expect(detailed.database).toMatch(/not answering/);
    expect(detailed.redis).toBe("ok");
    const anonymous = (await (await fetch(`${t.kurin.url}/health`)).json()) as HealthReport;
    expect(anonymous.database).toBe("degraded");
  });

  it("recovers by itself once the proxy reopens: the same booking succeeds and reaches the Sheet", async () => {
    await proxy.open();
    let booked: Awaited<ReturnType<ReturnType<LendingKurin["reader"]>["gql"]>> | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      booked = await t.reader(1).gql(MUTATIONS.bookItem, { bookId });
      if (!codes(booked).includes("UPSTREAM_UNAVAILABLE")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(booked!.errors).toBeUndefined();
    expect(t.kurin.database.state).toBe("closed");
    expect(t.emulator.getCell(bookId, "Status")).toBe("booked");
    expect(JSON.parse((await redis.hget(`${t.prefix}books:all`, bookId))!).statusRaw).toBe("booked");
    const health = (await (await fetch(`${t.kurin.url}/health`, { headers: { authorization: `Bearer ${t.tokens.librarian}` } })).json()) as HealthReport;
    expect(health.database).toBe("ok");
  });
});
