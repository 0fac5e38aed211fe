import { useCallback, useEffect, useState } from "react";
import { useSession } from "../session.ts";
import { healthTexts } from "../texts.ts";

interface Health {
  status: "ok" | "degraded" | string;
  redis: string;
  database: string;
  sheets: string;
}

type State = { kind: "loading" } | { kind: "ok"; health: Health; checkedAt: Date } | { kind: "error"; message: string; checkedAt: Date };

const REFRESH_MS = 30_000;

const parts: { key: keyof Omit<Health, "status">; label: string }[] = [
  { key: "database", label: healthTexts.parts.database },
  { key: "redis", label: healthTexts.parts.redis },
  { key: "sheets", label: healthTexts.parts.sheets },
];

/** Accepts the server's /health body; without an overall `status`, it is derived from the parts. */
function toHealth(value: unknown): Health | null {
  if (typeof value !== "object" || value === null) return null;
  const body = value as Record<string, unknown>;
  if (!["status", ...parts.map((p) => p.key)].some((key) => typeof body[key] === "string")) return null;
  const part = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : healthTexts.noData);
  const health = { redis: part("redis"), database: part("database"), sheets: part("sheets") };
  const derived = Object.values(health).every((v) => v === "ok") ? "ok" : "degraded";
  return { status: typeof body.status === "string" ? body.status : derived, ...health };
}

/** The server's GET /health, checked on load, every 30 s and on demand. */
export function HealthPanel() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const { token } = useSession();

  const check = useCallback(async (signal?: AbortSignal) => {
    try {
      // With a librarian's or integrator's token the server says what is wrong, not only that something is.
      const headers: Record<string, string> = { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
      // A degraded server may answer 503 with the same JSON body: read it whatever the status code.
      const response = await fetch("/health", { headers, signal });
      const health = toHealth(await response.json().catch(() => null));
      if (!health) throw new Error(healthTexts.httpStatus(response.status));
      setState({ kind: "ok", health, checkedAt: new Date() });
    } catch (error) {
      if (signal?.aborted) return;
      setState({ kind: "error", message: error instanceof Error ? error.message : String(error), checkedAt: new Date() });
    }
  }, [token]);

  useEffect(() => {
    const controller = new AbortController();
    void check(controller.signal);
    const timer = setInterval(() => void check(controller.signal), REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [check]);

  return (
    <section className="panel" aria-labelledby="health-title">
      <div className="panel-header">
        <h2 id="health-title">{healthTexts.title}</h2>
        <button type="button" className="link-button" onClick={() => void check()}>
          {healthTexts.check}
        </button>
      </div>
      {state.kind === "loading" && <p className="muted">{healthTexts.checking}</p>}
      {state.kind === "error" && (
        <p className="health-overall bad" role="alert">
          {healthTexts.unreachable(state.message)}
        </p>
      )}
      {state.kind === "ok" && (
        <>
          <p className={`health-overall ${state.health.status === "ok" ? "good" : "bad"}`}>
            {state.health.status === "ok" ? healthTexts.allGood : healthTexts.degraded}
          </p>
          <ul className="health-list">
            {parts.map(({ key, label }) => {
              const value = state.health[key];
              const ok = value === "ok";
              return (
                <li key={key}>
                  <span className={`dot ${ok ? "good" : "bad"}`} aria-hidden="true" />
                  <span className="health-label">{label}</span>
                  <span className={ok ? "muted" : "health-error"}>{ok ? healthTexts.works : value}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {state.kind !== "loading" && <p className="muted small">{healthTexts.checkedAt(state.checkedAt.toLocaleTimeString("uk-UA"))}</p>}
    </section>
  );
}
