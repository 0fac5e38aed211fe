import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parser } from "@prometheus-io/lezer-promql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// The Grafana dashboard and Prometheus scrape config in ops/monitoring/ (docker compose --profile monitoring)
// against what kurin's real /metrics exports: a panel querying a metric kurin does not export would stay empty.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const MONITORING = resolve(ROOT, "ops/monitoring");
const METRICS_TOKEN = "metrics-token-for-prometheus";

interface Panel {
  title: string;
  type: string;
  datasource?: { uid: string };
  targets?: Array<{ expr: string }>;
  panels?: Panel[];
}

const dashboard = JSON.parse(readFileSync(resolve(MONITORING, "grafana/dashboards/kurin.json"), "utf8")) as { panels: Panel[] };
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== "row");

/** The metric names a PromQL expression selects, from Prometheus' own PromQL grammar; throws on a syntax error. */
function metricNames(expr: string): string[] {
  const names: string[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) throw new Error(`PromQL syntax error at ${cursor.from} in: ${expr}`);
    if (cursor.name === "Identifier" && cursor.node.parent?.name === "VectorSelector") names.push(expr.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return names;
}

/** Every series name a Prometheus text exposition offers (a histogram's _bucket, _sum and _count included). */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(`${name}${suffix}`);
    if (type === "summary") for (const suffix of ["_sum", "_count"]) names.add(`${name}${suffix}`);
  }
  return names;
}

describe("the Grafana dashboard and /metrics", () => {
  let t: LendingKurin;
  let scraped: string;
  beforeAll(async () => {
    // A librarian on Telegram: each booking puts a message for them into the outbox.
    t = await startLendingKurin("monitoring", { env: { METRICS_TOKEN, LIBRARIAN_TELEGRAM_IDS: String(700_099) } });
    expect((await t.reader(99).gql(`{ me { id } }`)).errors).toBeUndefined();
    // A booking that goes through and one that is refused: the lending counter has both kinds of series.
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    expect((await t.reader(2).gql(MUTATIONS.bookItem, { bookId })).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    // As Prometheus scrapes it (prometheus.yml: bearer credentials from METRICS_TOKEN).
    const response = await fetch(`${t.kurin.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    scraped = await response.text();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("reads the metric names out of PromQL, so a misspelt one is caught", () => {
    expect(metricNames(`sum by (step) (rate(kurin_nope_total{outcome!="ok"}[5m])) / clamp_min(max(kurin_other), 1)`)).toEqual(["kurin_nope_total", "kurin_other"]);
    expect(() => metricNames("sum(rate(kurin_hits_total[5m])")).toThrow(/syntax error/);
  });

  it("every metric each panel queries is one kurin's /metrics exports", () => {
    const exported = exportedNames(scraped);
    expect(panels.length).toBeGreaterThanOrEqual(10);
    const missing: string[] = [];
    for (const panel of panels) {
      expect({ panel: panel.title, queries: panel.targets?.length ?? 0 }).not.toMatchObject({ queries: 0 });
      for (const target of panel.targets!) {
        const names = metricNames(target.expr);
        expect({ panel: panel.title, names: names.length }).not.toMatchObject({ names: 0 });
        missing.push(...names.filter((n) => !exported.has(n)).map((n) => `${panel.title}: ${n}`));
      }
    }
    expect(missing).toEqual([]);
  });

  it("the dashboard covers hit rate, the Sheets budget, refresh time, the breaker, lending and the notification backlog", () => {
    const queried = new Set(panels.flatMap((p) => p.targets!.flatMap((target) => metricNames(target.expr))));
    for (const name of [
      "kurin_hits_total",
      "kurin_misses_total",
      "kurin_sheets_reads_last_minute",
      "kurin_sheets_read_budget_per_minute",
      "kurin_catalogue_refresh_seconds_bucket",
      "kurin_redis_breaker_state",
      "kurin_lending_steps_total",
      "kurin_notifications_pending",
    ]) {
      expect(queried.has(name), name).toBe(true);
    }
  });

  it("exports lending steps by outcome and the outbox as MySQL has it", async () => {
    expect(scraped).toMatch(/^kurin_lending_steps_total\{step="bookItem",outcome="ok"\} 1$/m);
    expect(scraped).toMatch(/^kurin_lending_steps_total\{step="bookItem",outcome="CONFLICT"\} 1$/m);
    const pending = await t.kurin.prisma.notification.count({ where: { state: "PENDING" } });
    expect(pending).toBeGreaterThanOrEqual(1); // the booking's message to the librarian
    expect(scraped).toMatch(new RegExp(`^kurin_notifications_pending ${pending}$`, "m"));
    expect(scraped).toMatch(/^kurin_notifications_oldest_pending_seconds \d/m);
    // Without the token Prometheus would be refused: the scrape config must send it.
    expect((await fetch(`${t.kurin.url}/metrics`)).status).toBe(401);
  });

  it("Prometheus sends METRICS_TOKEN as a bearer token, written where prometheus.yml reads it; Grafana's data source is the one the panels use", () => {
    const prometheus = parseYaml(readFileSync(resolve(MONITORING, "prometheus.yml"), "utf8"));
    const job = prometheus.scrape_configs.find((c: { job_name: string }) => c.job_name === "kurin");
    expect(job).toMatchObject({ metrics_path: "/metrics", authorization: { type: "Bearer" } });
    const compose = parseYaml(readFileSync(resolve(ROOT, "docker-compose.yml"), "utf8"));
    for (const name of ["prometheus", "grafana"]) {
      const service = compose.services[name];
      expect(service.profiles).toEqual(["monitoring"]);
      for (const volume of service.volumes as string[]) {
        const source = volume.split(":")[0]!;
        if (source.startsWith("./")) expect(existsSync(resolve(ROOT, source)), volume).toBe(true);
      }
    }
    expect(compose.services.prometheus.entrypoint.join(" ")).toContain(`"$$METRICS_TOKEN" > ${job.authorization.credentials_file}`);
    expect(compose.services.prometheus.environment.METRICS_TOKEN).toBe("${METRICS_TOKEN:-}");
    const datasource = parseYaml(readFileSync(resolve(MONITORING, "grafana/provisioning/datasources/prometheus.yml"), "utf8")).datasources[0];
    expect(datasource).toMatchObject({ type: "prometheus", url: "http://prometheus:9090" });
    expect(new Set(panels.map((p) => p.datasource?.uid))).toEqual(new Set([datasource.uid]));
  });
});
