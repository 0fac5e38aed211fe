import { timingSafeEqual } from "node:crypto";
import type express from "express";
import type { RequestHandler } from "express";
import helmet from "helmet";
import type { Authenticator } from "../auth/authenticator.ts";
import { Role } from "../db/client.ts";
import type { HealthReport } from "../health/health.ts";
import type { Metrics } from "../observability/metrics.ts";

/**
 * What operators and browsers get besides GraphQL: security headers on every answer, /health and /metrics.
 * Anyone may ask /health whether kurin is well (a load balancer, a librarian's phone); only librarians and
 * integrators learn what is wrong, because error texts name hosts, databases and Google's replies.
 */

/** helmet's headers, with a policy the dashboard needs: its own scripts only, the shelf photos as blob: URLs. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        // kurin is often served over plain http inside a library's network: do not force https.
        "upgrade-insecure-requests": null,
      },
    },
    referrerPolicy: { policy: "no-referrer" },
  });
}

export interface OperationsParts {
  health: () => Promise<HealthReport>;
  metrics: Metrics;
  authenticator: Authenticator;
}

export function routeOperations(app: express.Express, parts: OperationsParts, metricsToken: string | null): void {
  app.get("/health", async (req, res) => {
    const report = await parts.health();
    res.json((await mayReadDetails(parts.authenticator, req.header("authorization"))) ? report : brief(report));
  });
  app.get("/metrics", async (req, res) => {
    if (metricsToken !== null && !sameSecret(req.header("authorization") ?? "", `Bearer ${metricsToken}`)) {
      res.status(401).json({ errors: [{ message: "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>", extensions: { code: "UNAUTHENTICATED" } }] });
      return;
    }
    res.type(parts.metrics.registry.contentType).send(await parts.metrics.registry.metrics());
  });
}

/** ok or degraded for each part, without the error texts. */
export function brief(report: HealthReport): HealthReport {
  const word = (part: string) => (part === "ok" ? "ok" : "degraded");
  return { ...report, redis: word(report.redis), database: word(report.database), sheets: word(report.sheets) };
}

async function mayReadDetails(authenticator: Authenticator, authorization: string | undefined): Promise<boolean> {
  if (!authorization) return false;
  try {
    const auth = await authenticator.authenticate({ authorization });
    return auth.roles.has(Role.LIBRARIAN) || auth.roles.has(Role.INTEGRATOR);
  } catch {
    return false; // an unknown token is told what anyone is told
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
