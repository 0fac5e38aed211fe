/**
 * The Redis key layout, a contract with operators who read it with redis-cli (see DESIGN.md):
 *   book:status:{id}          status word as written in the Sheet
 *   book:info:{id}            the whole book as JSON
 *   books:all                 HASH id -> book JSON, the bulk cache the read path uses
 *   books:status:last_update  ISO time of the last status change
 * An optional prefix lets several libraries (or test runs) share one Redis.
 */
export interface CacheKeys {
  status(bookId: string): string;
  info(bookId: string): string;
  all: string;
  lastUpdate: string;
  /** Pattern matching every kurin key of this prefix, for SCAN. */
  pattern: string;
}

export function cacheKeys(prefix: string): CacheKeys {
  return {
    status: (bookId) => `${prefix}book:status:${bookId}`,
    info: (bookId) => `${prefix}book:info:${bookId}`,
    all: `${prefix}books:all`,
    lastUpdate: `${prefix}books:status:last_update`,
    pattern: `${escapeGlob(prefix)}book*`,
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
