import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// What every answer carries for browsers, and who may read /metrics.

describe("security headers and /metrics", () => {
  let t: TestKurin;
  beforeAll(async () => {
    t = await startTestKurin("headers", { env: { METRICS_TOKEN: "metrics-secret-0123456789" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each(["/health", "/graphql?query=%7B__typename%7D", "/no/such/page"])("%s carries CSP (no framing), nosniff and no referrer", async (path) => {
    const response = await fetch(`${t.kurin.url}${path}`, { headers: { "apollo-require-preflight": "1" } });
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("/metrics answers only its token when METRICS_TOKEN is set", async () => {
    const open = await fetch(`${t.kurin.url}/metrics`);
    expect(open.status).toBe(401);
    expect(((await open.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect((await fetch(`${t.kurin.url}/metrics`, { headers: { authorization: "Bearer metrics-secret-012345678" } })).status).toBe(401);
    const allowed = await fetch(`${t.kurin.url}/metrics`, { headers: { authorization: "Bearer metrics-secret-0123456789" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^# HELP /m);
  });
});
