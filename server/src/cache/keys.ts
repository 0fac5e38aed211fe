/**
 * Every Redis key kurin writes, in one place: a contract with operators who read them with redis-cli
 * (docs/ARCHITECTURE.md, "Redis keys"). The seed's layout:
 *   book:status:{id}          status word as written in the Sheet
 *   book:info:{id}            the whole book as JSON
 *   books:all                 HASH id -> book JSON, the bulk cache the read path uses
 *   books:status:last_update  ISO time of the last status change
 * kurin's own additions, also under the prefix:
 *   books:all:read_at         ms time of the Sheet read books:all reflects (its freshness)
 *   kurin:refresh:lock        one instance at a time reads the Sheet
 *   kurin:loan:lock:{id}      one status change of a book at a time
 *   kurin:sheets:reads        ZSET of recent Sheets reads, the shared per-minute budget
 *   kurin:books:changed       pub/sub channel: a book or the catalogue changed
 *   kurin:loans:events        pub/sub channel: loan events
 *   kurin:stats, kurin:stats:{minute}   counters summed over all instances
 *   kurin:webhook:nonce:{n}   seen webhook nonces (replay protection)
 *   kurin:sheet:problems      rows of the last Sheet read kurin could not use as they are (JSON)
 *   kurin:catalogue:mapping   fingerprint of the column headers and status words the cache was read with
 *   kurin:rate:{reader|token}:{id}   mutations counted this minute (rate-limiter-flexible)
 * An optional prefix lets several libraries (or test runs) share one Redis. A new key gets its name here.
 */
export interface CacheKeys {
  status(bookId: string): string;
  info(bookId: string): string;
  all: string;
  lastUpdate: string;
  readAt: string;
  refreshLock: string;
  loanLock(bookId: string): string;
  sheetsReads: string;
  changes: string;
  loanEvents: string;
  stats: string;
  statsMinute(minute: number): string;
  webhookNonce(nonce: string): string;
  sheetProblems: string;
  catalogueMapping: string;
  /** Prefix of the mutation limiter's counters. */
  rateLimit: string;
  /** Patterns matching the seed's book keys of this prefix, for SCAN. */
  statusPattern: string;
  infoPattern: string;
}

export function cacheKeys(prefix: string): CacheKeys {
  return {
    status: (bookId) => `${prefix}book:status:${bookId}`,
    info: (bookId) => `${prefix}book:info:${bookId}`,
    all: `${prefix}books:all`,
    lastUpdate: `${prefix}books:status:last_update`,
    readAt: `${prefix}books:all:read_at`,
    refreshLock: `${prefix}kurin:refresh:lock`,
    loanLock: (bookId) => `${prefix}kurin:loan:lock:${bookId}`,
    sheetsReads: `${prefix}kurin:sheets:reads`,
    changes: `${prefix}kurin:books:changed`,
    loanEvents: `${prefix}kurin:loans:events`,
    stats: `${prefix}kurin:stats`,
    statsMinute: (minute) => `${prefix}kurin:stats:${minute}`,
    webhookNonce: (nonce) => `${prefix}kurin:webhook:nonce:${nonce}`,
    sheetProblems: `${prefix}kurin:sheet:problems`,
    catalogueMapping: `${prefix}kurin:catalogue:mapping`,
    rateLimit: `${prefix}kurin:rate`,
    statusPattern: `${escapeGlob(prefix)}book:status:*`,
    infoPattern: `${escapeGlob(prefix)}book:info:*`,
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
