import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { Book } from "../catalog/book.ts";
import type { RowProblem } from "../catalog/row-mapping.ts";
import type { CacheKeys } from "./keys.ts";
import type { RedisGuard } from "./redis-guard.ts";

/**
 * The books in Redis under the seed's key layout. Every method is ONE round trip (a command, a MULTI or a
 * script) and goes through the circuit breaker, so a Redis outage costs callers nothing but a fast error.
 *
 * Keys live for the freshness TTL plus the grace period: past the TTL a value is stale but still served
 * while the Sheet cannot be read; freshness itself is `books:all:read_at`.
 */

/** A book as cached: written through by a mutation at `changedAt` (ms), or read from the Sheet. */
export type CachedBook = Book & { changedAt?: number };

/** A message on the change channel; every instance applies those of the others. */
export type ChangeMessage =
  | { type: "book"; origin: string; book: CachedBook; lastUpdate: string }
  | { type: "refresh"; origin: string; readAt: number; changed: string[] };

export interface CachedCatalogue {
  books: CachedBook[];
  readAt: number;
  lastUpdate: string | null;
}

/** The rows of a Sheet read that kurin could not use as they are, as every instance shows them to librarians. */
export interface SheetProblemsReport {
  /** The Sheet read they come from (ms); null before any. */
  readAt: number | null;
  totalCount: number;
  /** The first ones, in row order (a sheet broken on every row must not make a huge key). */
  rows: RowProblem[];
}

export const MAX_REPORTED_PROBLEMS = 200;

export interface RefreshWrite {
  /** When the Sheet read began: entries written through after it are newer than the read and are kept. */
  readStartedAt: number;
  readAt: number;
  /** Books whose cached entry differs from the Sheet's; `statusChanged` marks a new status word. */
  upserts: Array<{ book: CachedBook; statusChanged: boolean }>;
  removals: string[];
  /** Books unchanged since the last read: only their per-book keys' lifetime is renewed. */
  unchanged: string[];
  problems: SheetProblemsReport;
}

// Applies a refresh atomically, skipping any book a mutation wrote through after the Sheet read began
// (its entry carries a newer changedAt), so a slow read never overwrites a newer status.
const APPLY_REFRESH = `
local all, readAtKey, lastUpdateKey, channel, problemsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local readStartedAt, lifetime, readAt, changedAt, statusPrefix, infoPrefix, message, problems =
  tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local applied, statusChanged = {}, false
local function newer(id)
  local current = redis.call('HGET', all, id)
  if not current then return false end
  local ok, old = pcall(cjson.decode, current)
  return ok and type(old) == 'table' and tonumber(old.changedAt or 0) > readStartedAt
end
local i = 9
while i <= #ARGV do
  local op, id = ARGV[i], ARGV[i + 1]
  if op == 'set' then
    local json, statusRaw, changes = ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
    i = i + 5
    if not newer(id) then
      redis.call('HSET', all, id, json)
      redis.call('SET', statusPrefix .. id, statusRaw, 'EX', lifetime)
      redis.call('SET', infoPrefix .. id, json, 'EX', lifetime)
      applied[#applied + 1] = id
      if changes == '1' then statusChanged = true end
    end
  elseif op == 'del' then
    i = i + 2
    if not newer(id) then
      redis.call('HDEL', all, id)
      redis.call('DEL', statusPrefix .. id, infoPrefix .. id)
      applied[#applied + 1] = id
    end
  else -- touch: renew the per-book keys, recreating them from the hash if they went missing
    i = i + 2
    if redis.call('EXPIRE', statusPrefix .. id, lifetime) == 0 or redis.call('EXPIRE', infoPrefix .. id, lifetime) == 0 then
      local current = redis.call('HGET', all, id)
      if current then
        local ok, book = pcall(cjson.decode, current)
        if ok then
          redis.call('SET', statusPrefix .. id, book.statusRaw, 'EX', lifetime)
          redis.call('SET', infoPrefix .. id, current, 'EX', lifetime)
        end
      end
    end
  end
end
redis.call('EXPIRE', all, lifetime)
redis.call('SET', readAtKey, readAt, 'EX', lifetime)
redis.call('SET', problemsKey, problems, 'EX', lifetime)
if statusChanged or redis.call('EXISTS', lastUpdateKey) == 0 then redis.call('SET', lastUpdateKey, changedAt) end
local changedJson = '[]'
if #applied > 0 then changedJson = cjson.encode(applied) end
redis.call('PUBLISH', channel, (string.gsub(message, '"changed":%[%]', '"changed":' .. changedJson)))
return {applied, redis.call('GET', lastUpdateKey)}`;

// A write-through made again after Redis missed it: written (and announced) only over an older entry, so a
// late retry never puts back a status another instance has changed since.
const PUT_OVER_OLDER = `
local all, statusKey, infoKey, lastUpdateKey, channel = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id, json, statusRaw, lifetime, lastUpdate, message, changedAt = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local current = redis.call('HGET', all, id)
if current then
  local ok, old = pcall(cjson.decode, current)
  if ok and type(old) == 'table' and tonumber(old.changedAt or 0) >= changedAt then return 0 end
end
redis.call('HSET', all, id, json)
redis.call('SET', statusKey, statusRaw, 'EX', lifetime)
redis.call('SET', infoKey, json, 'EX', lifetime)
redis.call('SET', lastUpdateKey, lastUpdate)
redis.call('PUBLISH', channel, message)
return 1`;

/** Entries of the parse memo: far more than a community library's catalogue, bounded all the same. */
const PARSED_BOOKS_MAX = 50_000;

/** What the cache tells listeners (tests and the bench count them): a Redis round trip, a book's JSON parsed. */
export interface BookCacheEvents {
  roundTrip: [];
  parse: [];
}

export class BookCache extends EventEmitter<BookCacheEvents> {
  private readonly lifetimeSeconds: number;
  /**
   * The last entry parsed per book, as bytes and as the (frozen) object it gave. An entry changes only when its
   * book does, so the hot path compares bytes instead of decoding and parsing 100 books of JSON on every
   * request: that was the largest cost of a warm page after the network.
   */
  private readonly parsed = new LRUCache<string, { json: Buffer; book: CachedBook }>({ max: PARSED_BOOKS_MAX });

  constructor(
    readonly redis: Redis,
    readonly keys: CacheKeys,
    readonly guard: RedisGuard,
    options: { ttlSeconds: number; graceSeconds: number },
  ) {
    super();
    this.lifetimeSeconds = options.ttlSeconds + options.graceSeconds;
  }

  private run<T>(command: () => Promise<T>): Promise<T> {
    this.emit("roundTrip");
    return this.guard.run(command);
  }

  /** Books by id from `books:all`, undefined where the hash has no entry: ONE HMGET. */
  getMany(ids: readonly string[]): Promise<Array<CachedBook | undefined>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(async () => {
      // As bytes: an unchanged entry is compared byte for byte and never decoded (decoding was a cost too).
      const values = await this.redis.hmgetBuffer(this.keys.all, ...ids);
      return values.map((json, i) => (json == null ? undefined : this.parse(ids[i]!, json)));
    });
  }

  private parse(id: string, json: Buffer): CachedBook {
    const known = this.parsed.get(id);
    if (known?.json.equals(json)) return known.book;
    this.emit("parse");
    const book = JSON.parse(json.toString()) as CachedBook;
    // Shared by every request that reads this book until it changes: nobody may change it in place.
    Object.freeze(book.categories);
    Object.freeze(book);
    this.parsed.set(id, { json, book });
    return book;
  }

  /** The whole bulk cache with its read time, or undefined when there is none. */
  readAll(): Promise<CachedCatalogue | undefined> {
    return this.run(async () => {
      const results = await this.redis.multi().hvals(this.keys.all).get(this.keys.readAt).get(this.keys.lastUpdate).exec();
      const [values, readAt, lastUpdate] = unwrap(results) as [string[], string | null, string | null];
      if (values.length === 0 || !readAt) return undefined;
      return { books: values.map((json) => JSON.parse(json) as CachedBook), readAt: Number(readAt), lastUpdate };
    });
  }

  /** The versions every instance compares: when books:all was last read, and the last status change. */
  versions(): Promise<{ readAt: number | null; lastUpdate: string | null }> {
    return this.run(async () => {
      const [readAt, lastUpdate] = await this.redis.mget(this.keys.readAt, this.keys.lastUpdate);
      return { readAt: readAt ? Number(readAt) : null, lastUpdate: lastUpdate ?? null };
    });
  }

  /** The current cached entries as id -> JSON, for diffing a fresh read against. */
  entries(): Promise<Record<string, string>> {
    return this.run(() => this.redis.hgetall(this.keys.all));
  }

  /** Writes a refresh in one script call and tells the other instances; returns the ids it applied. */
  applyRefresh(write: RefreshWrite, origin: string): Promise<{ applied: string[]; lastUpdate: string | null }> {
    const args: Array<string | number> = [
      write.readStartedAt,
      this.lifetimeSeconds,
      write.readAt,
      new Date(write.readAt).toISOString(),
      this.keys.status(""),
      this.keys.info(""),
      JSON.stringify({ type: "refresh", origin, readAt: write.readAt, changed: [] } satisfies ChangeMessage),
      JSON.stringify(write.problems),
    ];
    for (const { book, statusChanged } of write.upserts) args.push("set", book.id, JSON.stringify(book), book.statusRaw, statusChanged ? "1" : "0");
    for (const id of write.removals) args.push("del", id);
    for (const id of write.unchanged) args.push("touch", id);
    return this.run(async () => {
      const keys = [this.keys.all, this.keys.readAt, this.keys.lastUpdate, this.keys.changes, this.keys.sheetProblems];
      const [applied, lastUpdate] = (await this.redis.eval(APPLY_REFRESH, keys.length, ...keys, ...args)) as [string[], string | null];
      return { applied, lastUpdate };
    });
  }

  /** What the last Sheet read (by any instance) found wrong, or undefined when Redis has no report. */
  sheetProblems(): Promise<SheetProblemsReport | undefined> {
    return this.run(async () => {
      const json = await this.redis.get(this.keys.sheetProblems);
      return json == null ? undefined : (JSON.parse(json) as SheetProblemsReport);
    });
  }

  /**
   * Writes one book through after a status change and announces it, in one MULTI. `overOlder`: only if Redis's
   * entry is older than `book.changedAt` (a write made again after Redis missed it); false when it was not.
   */
  async putBook(book: CachedBook, origin: string, options: { overOlder?: boolean } = {}): Promise<boolean> {
    const json = JSON.stringify(book);
    const lastUpdate = new Date(book.changedAt ?? Date.now()).toISOString();
    const message: ChangeMessage = { type: "book", origin, book, lastUpdate };
    if (options.overOlder) {
      const { all, lastUpdate: lastUpdateKey, changes } = this.keys;
      const args = [book.id, json, book.statusRaw, this.lifetimeSeconds, lastUpdate, JSON.stringify(message), book.changedAt ?? 0];
      return (await this.run(() => this.redis.eval(PUT_OVER_OLDER, 5, all, this.keys.status(book.id), this.keys.info(book.id), lastUpdateKey, changes, ...args))) === 1;
    }
    await this.run(() =>
      execOrThrow(
        this.redis
          .multi()
          .hset(this.keys.all, book.id, json)
          .set(this.keys.status(book.id), book.statusRaw, "EX", this.lifetimeSeconds)
          .set(this.keys.info(book.id), json, "EX", this.lifetimeSeconds)
          .set(this.keys.lastUpdate, lastUpdate)
          .publish(this.keys.changes, JSON.stringify(message)),
      ),
    );
    return true;
  }

  /** Forgets one book (operators): the next read of it refills from the Sheet. */
  invalidate(bookId: string): Promise<void> {
    return this.run(async () => {
      await this.redis.multi().hdel(this.keys.all, bookId).del(this.keys.status(bookId), this.keys.info(bookId)).exec();
    });
  }

  /** The fingerprint of the column mapping and status words the cached catalogue was read with (null: none). */
  mapping(): Promise<string | null> {
    return this.run(() => this.redis.get(this.keys.catalogueMapping));
  }

  setMapping(fingerprint: string): Promise<unknown> {
    return this.run(() => this.redis.set(this.keys.catalogueMapping, fingerprint));
  }

  ping(): Promise<unknown> {
    return this.run(() => this.redis.ping());
  }
}

function unwrap(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error("Redis transaction was discarded");
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

async function execOrThrow(tx: ReturnType<Redis["multi"]>): Promise<void> {
  unwrap(await tx.exec());
}
