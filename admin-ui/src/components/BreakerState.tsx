import { breakerLabels, cacheTexts } from "../texts.ts";

const levels: Record<string, string> = { closed: "good", "half-open": "warn", open: "bad" };

/** The Redis circuit breaker: closed (green), half-open (amber), open (red). */
export function BreakerState({ state }: { state: string }) {
  const level = levels[state] ?? "warn";
  return (
    <div className="summary-card">
      <div className="summary-label">{cacheTexts.breaker}</div>
      <div className={`breaker ${level}`} data-testid="breaker" data-state={state}>
        <span className={`dot ${level}`} aria-hidden="true" />
        <span className="mono">{state}</span>
      </div>
      <div className="muted">{breakerLabels[state] ?? state}</div>
    </div>
  );
}
