import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakerState } from "../../src/cache/redis-guard.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { PrivateRedis } from "../support/redis-server.ts";
import { waitUntil } from "../support/wait.ts";

// The test's own redis-server is killed under a steady query load, then started again, empty.

describe("Redis outage under load", () => {
  let redis: PrivateRedis;
  let t: TestKurin;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestKurin("outage", {
      env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "200", REDIS_BREAKER_HALF_OPEN_MS: "300", CACHE_VERSION_CHECK_MS: "200" },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await redis?.stop();
  });

  it("answers every read, opens and closes the breaker, and refills the cache by itself", async () => {
    const states: BreakerState[] = [];
    t.kurin.guard.on("state", (state) => states.push(state));
    t.emulator.resetCalls();
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    let slowest = 0;
    const worker = async () => {
      while (!stop) {
        const started = performance.now();
        const result = await t.gql<{ books: { nodes: Array<{ status: string }> } }>(`{ books(first: 50) { nodes { id status } } }`);
        slowest = Math.max(slowest, performance.now() - started);
        if (result.errors || result.data?.books.nodes.length !== 50) failures.push(JSON.stringify(result.errors ?? result.data));
        else ok++;
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    /** Until `more` further reads are answered (or one fails: the assertions below show it). */
    const answered = (more: number, what: string) => {
      const from = ok;
      return waitUntil(() => ok >= from + more || failures.length > 0, what, { state: () => failures });
    };
    const probe = new Redis(redis.url);
    const keyAll = `${t.prefix}books:all`;
    let duringOutage = 0;
    try {
      await answered(8, "reads before the outage");
      const beforeOutage = ok;
      await redis.kill();
      // The outage lasts until reads were answered with the breaker open, not a fixed 1.5 s (a busy machine may not
      // even have opened it by then).
      await waitUntil(() => states.includes("open"), "the breaker to open");
      await answered(8, "reads while Redis is down");
      duringOutage = ok - beforeOutage;
      await redis.restart(); // empty: nothing was persisted
      const refilled = async () => (await probe.exists(keyAll)) === 1 && t.kurin.guard.state === "closed";
      await waitUntil(refilled, "the breaker to close and books:all to be refilled", { everyMs: 100, state: () => states });
      await answered(8, "reads after the outage");
    } finally {
      stop = true;
      await load;
    }

    expect(failures).toEqual([]);
    expect(duringOutage).toBeGreaterThan(0);
    expect(states).toContain("open");
    expect(states.at(-1)).toBe("closed");
    expect(await probe.exists(keyAll)).toBe(1);
    expect(await probe.hlen(keyAll)).toBe(304);
    expect(await probe.get(`${t.prefix}book:status:1`)).not.toBeNull();
    probe.disconnect();
    // the whole outage cost at most a couple of Sheets reads (the refill), not one per request
    expect(t.emulator.calls.reads).toBeLessThanOrEqual(2);
    // The logs say it once per state change, not once per request.
    const redisLogs = t.logs.map((l) => String(l.msg)).filter((m) => /^Redis (unavailable|connected)/.test(m));
    expect(redisLogs.map((m) => m.split(":")[0])).toEqual(["Redis connected", "Redis unavailable", "Redis connected"]);
    console.info(`redis outage: ${ok} reads answered, ${duringOutage} while Redis was down, slowest ${slowest.toFixed(0)} ms, breaker ${states.join(" -> ")}`);
  });
});
