import { formatCount, formatRate } from "../format.ts";
import { cacheTexts } from "../texts.ts";

/** The hit rate, big, with the counts behind it. */
export function HitRate({ hitRate, hits, misses }: { hitRate: number; hits: number; misses: number }) {
  return (
    <div className="summary-card">
      <div className="summary-label">{cacheTexts.hitRate}</div>
      <div className="hit-rate" data-testid="hit-rate" data-value={hitRate}>
        {formatRate(hitRate)}
      </div>
      <div className="muted">
        {cacheTexts.hits}: {formatCount(hits)} · {cacheTexts.misses}: {formatCount(misses)}
      </div>
    </div>
  );
}
