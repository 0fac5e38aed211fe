import { formatCount, formatDateTime } from "../format.ts";
import type { CacheStats } from "../operations.ts";
import { cacheTexts } from "../texts.ts";

/** The seed's get_cache_stats(): kurin's book keys in Redis. */
export function CacheKeys({ stats }: { stats: CacheStats }) {
  return (
    <div className="cache-keys">
      <h3>{cacheTexts.keys}</h3>
      <dl className="key-list">
        <div>
          <dt>{cacheTexts.totalKeys}</dt>
          <dd>{formatCount(stats.totalKeys)}</dd>
        </div>
        <div>
          <dt>{cacheTexts.statusKeys}</dt>
          <dd>{formatCount(stats.statusKeys)}</dd>
        </div>
        <div>
          <dt>{cacheTexts.infoKeys}</dt>
          <dd>{formatCount(stats.infoKeys)}</dd>
        </div>
        <div>
          <dt>{cacheTexts.allBooksCached}</dt>
          <dd className={stats.allBooksCached ? "" : "bad-text"}>{stats.allBooksCached ? cacheTexts.present : cacheTexts.absent}</dd>
        </div>
        <div>
          <dt>{cacheTexts.lastUpdate}</dt>
          <dd>{stats.lastUpdate ? formatDateTime(stats.lastUpdate) : cacheTexts.never}</dd>
        </div>
      </dl>
    </div>
  );
}
