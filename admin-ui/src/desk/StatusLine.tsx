import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { errorSentence, refreshRefusal } from "../errors.ts";
import { formatMinute } from "../format.ts";
import { DESK_SHEET_STATE, REFRESH_CATALOG } from "../operations.ts";
import { useIsLibrarian } from "../components/useViewer.ts";
import { useSession } from "../session.ts";
import { actionTexts, statusLineTexts } from "../texts.ts";

const HEALTH_MS = 30_000;

interface Health {
  redis?: string;
  sheets?: string;
}

/**
 * One plain line about the machinery under the desk ("Таблицю прочитано о 14:03 · усе працює", or what is
 * wrong), and the one button a librarian may need: read the Sheet again. Everything else is on "Технічне".
 */
export function StatusLine() {
  const { token } = useSession();
  const librarian = useIsLibrarian();
  const health = useHealth();
  const sheet = useQuery(DESK_SHEET_STATE, { skip: !token, pollInterval: HEALTH_MS, fetchPolicy: "cache-and-network" });
  const state = sheet.data?.sheetProblems;

  const parts: string[] = [];
  let good = true;
  if (health === "unreachable") {
    parts.push(statusLineTexts.unavailable);
    good = false;
  } else {
    if (state) parts.push(state.readAt ? statusLineTexts.readAt(formatMinute(state.readAt)) : statusLineTexts.neverRead);
    if (health?.sheets && health.sheets !== "ok") parts.push(statusLineTexts.stale);
    if (health?.redis && health.redis !== "ok") parts.push(statusLineTexts.redisDown);
    good = !parts.some((p) => p === statusLineTexts.stale || p === statusLineTexts.redisDown);
    if (good) parts.push(statusLineTexts.allGood);
  }

  return (
    <section className={`status-line ${good ? "good" : "bad"}`} aria-label={statusLineTexts.reread}>
      <p data-testid="status-line">
        <span className={`dot ${good ? "good" : "bad"}`} aria-hidden="true" /> {parts.join(" · ")}
        {state && state.totalCount > 0 && (
          <>
            {" · "}
            <Link to="/technical">{statusLineTexts.problems(state.totalCount)}</Link>
          </>
        )}
      </p>
      {librarian && <RereadButton onDone={() => void sheet.refetch().catch(() => undefined)} />}
    </section>
  );
}

function RereadButton({ onDone }: { onDone: () => void }) {
  const [refresh, { loading }] = useMutation(REFRESH_CATALOG);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  async function press() {
    setOutcome(null);
    try {
      const { data } = await refresh({ refetchQueries: "active" });
      if (data) setOutcome({ ok: true, text: actionTexts.refreshed(data.refreshCatalog) });
      onDone();
    } catch (error) {
      const refused = refreshRefusal(error);
      setOutcome({ ok: false, text: refused ? actionTexts.refused[refused] : errorSentence(error) });
    }
  }
  return (
    <div className="reread">
      <button type="button" className="button" onClick={() => void press()} disabled={loading}>
        {loading ? actionTexts.working : statusLineTexts.reread}
      </button>
      <p className="muted small">{statusLineTexts.rereadHint}</p>
      {outcome && (
        <p className={outcome.ok ? "outcome good" : "outcome bad"} role={outcome.ok ? "status" : "alert"} data-testid="reread-outcome">
          {outcome.text}
        </p>
      )}
    </div>
  );
}

/** GET /health every 30 s: the parts' states, or "unreachable". */
function useHealth(): Health | "unreachable" | null {
  const [health, setHealth] = useState<Health | "unreachable" | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const check = async () => {
      try {
        // A degraded server answers 503 with the same JSON body: read it whatever the status.
        const response = await fetch("/health", { headers: { accept: "application/json" }, signal: controller.signal });
        setHealth(((await response.json()) as Health) ?? "unreachable");
      } catch {
        if (!controller.signal.aborted) setHealth("unreachable");
      }
    };
    void check();
    const timer = setInterval(() => void check(), HEALTH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);
  return health;
}
