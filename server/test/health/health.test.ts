import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthReport } from "../../src/health/health.ts";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { freePort } from "../support/redis-server.ts";

/** GET /health as a librarian: the parts' error texts, not only ok/degraded. */
async function healthOf(t: TestKurin): Promise<HealthReport> {
  const { token } = await new ApiTokens(t.kurin.prisma).create(`health-${Math.random().toString(36).slice(2)}`, "LIBRARIAN");
  return (await (await fetch(`${t.kurin.url}/health`, { headers: { authorization: `Bearer ${token}` } })).json()) as HealthReport;
}

describe("GET /health", () => {
  let t: TestKurin;
  beforeAll(async () => {
    t = await startTestKurin("health");
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("reports each part ok, without spending a Sheets read", async () => {
    t.emulator.resetCalls();
    const response = await fetch(`${t.kurin.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthReport;
    expect(body, JSON.stringify(body)).toMatchObject({ status: "ok", redis: "ok", database: "ok", sheets: "ok" });
    expect(body.catalogue.books).toBeGreaterThanOrEqual(200);
    expect(t.emulator.calls.reads).toBe(0);
  });

  it("reports the Sheet's last failure in words", async () => {
    t.emulator.setFaults({ failNext: { status: 500, count: 1 } });
    await expect(t.kurin.books.refresh()).rejects.toThrow(/Google Sheets failed \(500\)/);
    const body = await healthOf(t);
    expect(body.status).toBe("degraded");
    expect(body.sheets).toMatch(/^Google Sheets failed \(500\)/);
    // anyone may learn that something is wrong; only librarians and integrators learn what
    const anonymous = (await (await fetch(`${t.kurin.url}/health`)).json()) as HealthReport;
    expect(anonymous).toMatchObject({ status: "degraded", sheets: "degraded", redis: "ok", database: "ok" });
    const withUnknownToken = await fetch(`${t.kurin.url}/health`, { headers: { authorization: "Bearer kurin_nope" } });
    expect(((await withUnknownToken.json()) as HealthReport).sheets).toBe("degraded");
    // kurin backs off after a failure; once the wait is over, a read succeeds and health recovers
    expect(t.kurin.quota.backoffUntil).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, t.kurin.quota.backoffUntil - Date.now()) + 10));
    await t.kurin.books.refresh();
    expect((await healthOf(t)).sheets).toBe("ok");
  });
});

describe("without Redis", () => {
  let t: TestKurin;
  beforeAll(async () => {
    t = await startTestKurin("noredis", { env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_COMMAND_TIMEOUT_MS: "200" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("still serves the catalogue with statuses, from memory, and says so once", async () => {
    t.emulator.resetCalls();
    for (let i = 0; i < 20; i++) {
      const result = await t.gql<{ books: { nodes: Array<{ id: string; status: string }> } }>(`{ books(first: 30) { nodes { id status } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.books.nodes).toHaveLength(30);
    }
    const one = await t.gql<{ book: { status: string } }>(`{ book(id: "63") { status } }`);
    expect(one.data!.book.status).toBe("DELIVERED");
    // the start-up read serves everything until the TTL: no Sheets read per request
    expect(t.emulator.calls.reads).toBe(0);
    const warnings = t.logs.filter((l) => String(l.msg).startsWith("Redis unavailable"));
    expect(warnings).toHaveLength(1);

    const health = await healthOf(t);
    expect(health.status).toBe("degraded");
    expect(health.redis).not.toMatch(/^(ok|degraded)$/); // what is wrong, in words
    expect(health.database).toBe("ok");
  });
});
