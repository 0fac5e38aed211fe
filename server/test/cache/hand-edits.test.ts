import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookChange } from "../../src/books/types.ts";
import { signWebhook } from "../../src/books/sheet-webhook.ts";
import { Redis } from "ioredis";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { PrivateRedis } from "../support/redis-server.ts";
import { waitUntil } from "../support/wait.ts";

// A librarian edits the Sheet by hand; kurin must notice without waiting for the cache TTL.

const SECRET = "test-webhook-secret-0123456789";

describe("hand edits in the Sheet", () => {
  let t: TestKurin;
  const edits: BookChange[][] = [];
  beforeAll(async () => {
    t = await startTestKurin("edits", { env: { SHEETS_WEBHOOK_SECRET: SECRET, SHEETS_POLL_SECONDS: "30" } });
    t.kurin.books.on("sheetEdits", (changes) => edits.push(changes));
  });
  afterAll(async () => {
    await t?.stop();
  });

  const statusOf = async (id: string) =>
    (await t.gql<{ book: { status: string; statusRaw: string } }>(`query($id: ID!) { book(id: $id) { status statusRaw } }`, { id })).data!.book;

  it("a cell changed in the Sheet is served after one poll, which writes only what changed", async () => {
    expect(await statusOf("4")).toMatchObject({ status: "AVAILABLE" });
    t.emulator.setCell("4", "Status", "загублена");
    // a poll right after a read is shared (skipped): the Sheet was read less than an interval ago
    t.emulator.resetCalls();
    expect(await t.kurin.watch.pollOnce()).toMatchObject({ kind: "fresh" });
    expect(t.emulator.calls.reads).toBe(0);
    expect(await t.kurin.redis.exists(`${t.prefix}kurin:refresh:lock`)).toBe(0); // the lock was given back
    expect(await statusOf("4")).toMatchObject({ status: "AVAILABLE" });

    // the next interval's poll reads the Sheet once and serves the edit
    const poll = t.kurin.books.refresh(0); // what pollOnce does once the interval has passed
    expect(await poll).toMatchObject({ kind: "read", changed: 1 });
    expect(t.emulator.calls.reads).toBe(1);
    expect(await statusOf("4")).toEqual({ status: "UNKNOWN", statusRaw: "загублена" });
    expect(edits.at(-1)!.map((c) => [c.before?.statusRaw, c.after?.statusRaw])).toEqual([["", "загублена"]]);
  });

  it("a signed webhook makes the edit visible at once", async () => {
    t.emulator.setCell("5", "Status", "delivered");
    const body = JSON.stringify({ sheet: "Books", row: 6, column: 9 });
    const timestamp = Date.now();
    const response = await fetch(`${t.kurin.url}/webhooks/sheet-edit`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-kurin-timestamp": String(timestamp), "x-kurin-signature": signWebhook(SECRET, timestamp, body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(await statusOf("5")).toEqual({ status: "DELIVERED", statusRaw: "delivered" });

    // the same request again is a replay
    const replay = await fetch(`${t.kurin.url}/webhooks/sheet-edit`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-kurin-timestamp": String(timestamp), "x-kurin-signature": signWebhook(SECRET, timestamp, body) },
      body,
    });
    expect(replay.status).toBe(409);
  });

  it("a burst of 60 signed webhooks costs two Sheets reads per wave, not one per request, and an edit made during it is served", async () => {
    // Two waves of 30 requests sent at once (a librarian pasting a column), the edit between them. Each wave
    // shares one read, plus at most one more for the requests that came in after it started.
    const wave = async (from: number) => {
      const before = t.emulator.calls.reads;
      const statuses = (await Promise.all(Array.from({ length: 30 }, (_, i) => webhook(from + i)))).map((r) => r.status);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      return t.emulator.calls.reads - before;
    };
    t.emulator.resetCalls();
    const first = await wave(0);
    t.emulator.setCell("6", "Status", "delivered"); // an edit in the middle of the burst
    const second = await wave(30);
    expect([first, second].map((reads) => reads >= 1 && reads <= 2)).toEqual([true, true]);
    expect(await statusOf("6")).toEqual({ status: "DELIVERED", statusRaw: "delivered" });

    function webhook(i: number) {
      const body = JSON.stringify({ sheet: "Books", row: 7, column: 9, n: i });
      const timestamp = Date.now();
      return fetch(`${t.kurin.url}/webhooks/sheet-edit`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-kurin-timestamp": String(timestamp), "x-kurin-signature": signWebhook(SECRET, timestamp, body) },
        body,
      });
    }
  });

  it("refuses unsigned, wrongly signed and stale requests, and counts them", async () => {
    const before = (await t.kurin.stats.report()).webhookRejected;
    const body = JSON.stringify({ row: 2 });
    const post = (headers: Record<string, string>) =>
      fetch(`${t.kurin.url}/webhooks/sheet-edit`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const now = Date.now();
    t.emulator.resetCalls();
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-kurin-timestamp": String(now), "x-kurin-signature": signWebhook("another-secret-0123456789", now, body) })).status).toBe(401);
    const old = now - 10 * 60_000;
    expect((await post({ "x-kurin-timestamp": String(old), "x-kurin-signature": signWebhook(SECRET, old, body) })).status).toBe(401);
    expect(t.emulator.calls.reads).toBe(0);
    expect((await t.kurin.stats.report()).webhookRejected - before).toBe(3);
  });
});

describe("the hand-edit poll", () => {
  it("reads the Sheet at every SHEETS_POLL_SECONDS tick, though each read ends a moment after its tick", async () => {
    let clock = Date.UTC(2026, 11, 2, 9, 0, 0);
    const t = await startTestKurin("poll", { env: { SHEETS_POLL_SECONDS: "30" }, start: { now: () => clock } });
    try {
      t.emulator.resetCalls();
      for (let tick = 0; tick < 4; tick++) {
        clock += 29_500; // the next tick, 30 s after the previous one, whose read ended 0.5 s after it
        expect(await t.kurin.watch.pollOnce()).toMatchObject({ kind: "read" });
        clock += 500;
      }
      expect(t.emulator.calls.reads).toBe(4);
    } finally {
      await t.stop();
    }
  });
});

describe("the hand-edit poll on two instances", () => {
  it("is shared: two instances polling every 30 s, 20 s apart, read the Sheet once an interval", async () => {
    let clock = Date.UTC(2026, 11, 2, 9, 0, 0);
    const a = await startTestKurin("poll-a", { env: { SHEETS_POLL_SECONDS: "30" }, start: { now: () => clock } });
    const b = await startTestKurin("poll-b", { env: { SHEETS_POLL_SECONDS: "30" }, start: { now: () => clock }, sameLibraryAs: a });
    try {
      a.emulator.resetCalls();
      for (let interval = 0; interval < 3; interval++) {
        clock += 10_000; // A's tick
        await a.kurin.watch.pollOnce();
        clock += 20_000; // B's tick, 20 s later: A's read is fresh enough for it
        await b.kurin.watch.pollOnce();
      }
      expect(a.emulator.calls.reads).toBe(3);
    } finally {
      await b.stop();
      await a.stop();
    }
  });
});

describe("a webhook accepted while Redis was away", () => {
  it("cannot be replayed to another instance once Redis is back", async () => {
    const redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url, SHEETS_WEBHOOK_SECRET: SECRET, REDIS_COMMAND_TIMEOUT_MS: "300", REDIS_BREAKER_HALF_OPEN_MS: "200" };
    const a = await startTestKurin("webhook-outage", { env });
    const b = await startTestKurin("webhook-outage-b", { env, sameLibraryAs: a });
    const admin = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    admin.on("error", () => undefined);
    const send = (t: TestKurin, n: number, timestamp = Date.now()) => {
      const body = JSON.stringify({ sheet: "Books", row: 2, column: 9, n });
      const headers = { "content-type": "application/json", "x-kurin-timestamp": String(timestamp), "x-kurin-signature": signWebhook(SECRET, timestamp, body) };
      return { headers, body, response: fetch(`${t.kurin.url}/webhooks/sheet-edit`, { method: "POST", headers, body }) };
    };
    try {
      await redis.kill();
      const first = send(a, 1);
      expect([200, 202]).toContain((await first.response).status);
      await redis.restart();
      // A's next webhook once Redis answers writes the signature it kept in memory.
      const key = `${a.prefix}kurin:webhook:nonce:${first.headers["x-kurin-signature"].slice("sha256=".length)}`;
      let n = 2;
      await waitUntil(
        async () => {
          await (await send(a, n++).response).text();
          return (await admin.exists(key).catch(() => 0)) === 1;
        },
        "A to write the kept signature once Redis is back",
        { everyMs: 100 },
      );
      expect(await admin.exists(key)).toBe(1);
      const replay = await fetch(`${b.kurin.url}/webhooks/sheet-edit`, { method: "POST", headers: first.headers, body: first.body });
      expect(replay.status).toBe(409);
    } finally {
      admin.disconnect();
      await b.stop();
      await a.stop();
      await redis.stop();
    }
  });
});
