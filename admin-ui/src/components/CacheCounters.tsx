import { formatCount, formatMs } from "../format.ts";
import type { CacheStats } from "../operations.ts";
import { cacheTexts } from "../texts.ts";

/** The counters an operator watches for trouble; a non-zero error count is shown in red. */
export function CacheCounters({ stats }: { stats: CacheStats }) {
  const items: { label: string; value: string; bad?: boolean }[] = [
    { label: cacheTexts.staleServes, value: formatCount(stats.staleServes), bad: stats.staleServes > 0 },
    { label: cacheTexts.refreshes, value: formatCount(stats.refreshes) },
    { label: cacheTexts.averageRefresh, value: formatMs(stats.averageRefreshMs) },
    { label: cacheTexts.sheets429, value: formatCount(stats.sheets429), bad: stats.sheets429 > 0 },
    { label: cacheTexts.redisErrors, value: formatCount(stats.redisErrors), bad: stats.redisErrors > 0 },
  ];
  return (
    <dl className="counters">
      {items.map((item) => (
        <div key={item.label} className={item.bad ? "counter bad" : "counter"}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
