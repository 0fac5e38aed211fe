import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { authProblem, errorSentence } from "../errors.ts";
import { formatTime } from "../format.ts";
import { CACHE_STATS } from "../operations.ts";
import { cacheTexts, sessionTexts } from "../texts.ts";
import { BreakerState } from "./BreakerState.tsx";
import { CacheActions } from "./CacheActions.tsx";
import { CacheCounters } from "./CacheCounters.tsx";
import { CacheKeys } from "./CacheKeys.tsx";
import { HitRate } from "./HitRate.tsx";
import { SheetsBudget } from "./SheetsBudget.tsx";
import { SignInPrompt } from "./SignInPrompt.tsx";
import { useIsLibrarian } from "./useViewer.ts";

const POLL_MS = 10_000;
// recharts is half the dashboard's code: loaded only once a librarian has signed in.
const CacheChart = lazy(() => import("./CacheChart.tsx").then((module) => ({ default: module.CacheChart })));

/** `cacheStats`, polled every 10 s and on "Оновити", with the operator's actions below. */
export function CacheStatsView() {
  const { data, previousData, error, networkStatus, refetch } = useQuery(CACHE_STATS, {
    pollInterval: POLL_MS,
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const stats = (data ?? previousData)?.cacheStats;
  const librarian = useIsLibrarian();
  const busy = networkStatus !== NetworkStatus.ready && networkStatus !== NetworkStatus.error;

  // When the numbers were last answered (a poll may bring the very same numbers).
  const [answeredAt, setAnsweredAt] = useState<Date | null>(null);
  useEffect(() => {
    if (networkStatus === NetworkStatus.ready && data) setAnsweredAt(new Date());
  }, [networkStatus, data]);

  const header = (
    <div className="panel-header">
      <h2 id="cache-title">{cacheTexts.title}</h2>
      <span className="panel-tools">
        {answeredAt && <span className="muted small-inline">{cacheTexts.updatedAt(formatTime(answeredAt))}</span>}
        <button type="button" className="link-button" onClick={() => void refetch().catch(() => undefined)} disabled={busy}>
          {cacheTexts.refresh}
        </button>
      </span>
    </div>
  );

  if (authProblem(error) === "FORBIDDEN") {
    return (
      <section className="panel cache-panel" aria-labelledby="cache-title">
        <h2 id="cache-title">{cacheTexts.title}</h2>
        <SignInPrompt reason="forbidden" />
      </section>
    );
  }

  return (
    <section className="panel cache-panel" aria-labelledby="cache-title" aria-busy={busy}>
      {header}
      {error && (
        <p className="error" role="alert">
          {cacheTexts.loadFailed} {errorSentence(error)}
        </p>
      )}
      {!stats && !error && <p className="muted">{cacheTexts.loading}</p>}
      {stats && (
        <>
          {stats.partial && (
            <p className="notice warn" role="alert">
              {cacheTexts.partial}
            </p>
          )}
          <div className="cache-summary">
            <HitRate hitRate={stats.hitRate} hits={stats.hits} misses={stats.misses} />
            <SheetsBudget reads={stats.sheetsReadsLastMinute} budget={stats.sheetsReadBudgetPerMinute} />
            <BreakerState state={stats.breakerState} />
          </div>
          <CacheCounters stats={stats} />
          <CacheKeys stats={stats} />
          <Suspense fallback={<p className="muted">{cacheTexts.loading}</p>}>
            <CacheChart series={stats.series} />
          </Suspense>
        </>
      )}
      {librarian ? <CacheActions /> : <p className="muted small">{sessionTexts.actionsForLibrarians}</p>}
    </section>
  );
}
