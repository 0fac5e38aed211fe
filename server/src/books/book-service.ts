import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Book } from "../catalog/book.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { BookCache, CachedBook, ChangeMessage, SheetProblemsReport } from "../cache/book-cache.ts";
import type { RedisLocks } from "../cache/lock.ts";
import type { SheetsQuota } from "./quota.ts";
import { Refresher } from "./refresher.ts";
import type { CatalogueSnapshot } from "./snapshot.ts";
import {
  CatalogueUnavailable,
  RefreshRefused,
  type BookEvents,
  type CategoryCount,
  type Freshness,
  type Precondition,
  type RefreshOutcome,
} from "./types.ts";

/**
 * The read side of the catalogue, as one facade: what the API lists, searches and resolves statuses from
 * (docs/ARCHITECTURE.md, "The read path").
 *
 * Statuses are read from Redis, one HMGET per request batch (`loadMany`). The book list itself (titles,
 * authors, categories) changes rarely, so each instance keeps a snapshot of the whole catalogue in memory; it
 * serves listing and search, and it is the fallback that answers when Redis is down. Other instances' changes
 * reach it through pub/sub (`applyChangeMessage`), and a periodic version check catches any message that was lost.
 *
 * This is the only part that decides to read the Sheet; the Refresher does the reading. Past the freshness TTL
 * the current values keep being served while one refresh runs in the background; while the Sheet cannot be
 * read they are served, marked stale, for up to the grace period.
 */

export interface BookServiceOptions {
  catalogue: SheetCatalogue;
  cache: BookCache;
  locks: RedisLocks;
  quota: SheetsQuota;
  logger: Logger;
  ttlSeconds: number;
  graceSeconds: number;
  /** How long the refresh lock is held at most (longer than one Sheets call). */
  lockTtlMs: number;
  /** How long an instance waits for another's refresh before serving what it has. */
  lockWaitMs: number;
  now?: () => number;
  /** Identifies this instance on the change channel. */
  instanceId?: string;
  /** How often changes Redis missed are written again while it does not take them (the breaker's half-open interval). */
  rewriteEveryMs?: number;
}

export class BookService extends EventEmitter<BookEvents> {
  readonly instanceId: string;
  private snapshot: CatalogueSnapshot | undefined;
  private loading: Promise<CatalogueSnapshot> | undefined;
  private readonly refresher: Refresher;
  private readonly cache: BookCache;
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly graceMs: number;
  /** Status changes Redis did not take when they were written through (it was away), by book id. */
  private readonly unwritten = new Map<string, CachedBook>();
  private healing: Promise<unknown> | undefined;
  private rewriteTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: BookServiceOptions) {
    super();
    this.cache = options.cache;
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlSeconds * 1000;
    this.graceMs = options.graceSeconds * 1000;
    this.instanceId = options.instanceId ?? randomUUID();
    this.refresher = new Refresher({
      ...options,
      now: this.now,
      instanceId: this.instanceId,
      events: this,
      snapshot: { get: () => this.snapshot, set: (snapshot) => void (this.snapshot = snapshot) },
    });
    // Whatever probe closed the breaker, the missed changes go to Redis at once.
    this.cache.guard.on("state", (state) => state === "closed" && this.unwritten.size > 0 && void this.rewrite());
  }

  // --- the hot path -------------------------------------------------------------------------------

  /** Books by id, status included, in ONE Redis round trip; null for ids the catalogue does not have. */
  async loadMany(ids: readonly string[]): Promise<Array<CachedBook | null>> {
    const fromRedis = await this.cache.guard.tryRedis(() => this.cache.getMany(ids), () => undefined);
    const cached = fromRedis && this.unwritten.size > 0 ? this.overUnwritten(ids, fromRedis) : fromRedis;
    if (!cached) {
      // Redis is down (or its circuit is open): answer from this instance's snapshot.
      const snapshot = await this.catalogue();
      if (this.isStale(snapshot)) this.emit("stale", ids.length);
      return ids.map((id) => snapshot.byId.get(id) ?? null);
    }
    const missing = cached.reduce((n, book) => (book === undefined ? n + 1 : n), 0);
    if (missing === 0) {
      this.emit("hit", ids.length);
      let snapshot = this.snapshot ?? (await this.catalogue());
      // Past the grace period nothing is served as it was: load again, or fail clearly (UPSTREAM_UNAVAILABLE).
      if (this.now() - snapshot.readAt > this.ttlMs + this.graceMs) snapshot = await this.catalogue();
      if (this.isStale(snapshot)) {
        this.emit("stale", ids.length);
        this.refreshInBackground(this.ttlMs);
      }
      return cached as CachedBook[];
    }

    // Ids the catalogue does not have are answered null without going to the Sheet (an unknown id must
    // not cost a read). Known ids missing from Redis mean it lost the catalogue (flushed, restarted, or
    // expired past the grace): answer from the snapshot and rebuild Redis from the Sheet in the background.
    const snapshot = await this.catalogue();
    const lost = ids.filter((id, i) => cached[i] === undefined && snapshot.byId.has(id));
    this.emit("hit", ids.length - missing);
    this.emit("miss", missing);
    // Read the Sheet again only if Redis still lacks them once this instance holds the refresh lock: in a cold
    // stampede the read that answered this request has usually refilled Redis by then, whenever it landed.
    if (lost.length > 0) this.refreshInBackground(0, () => this.stillMissing(lost));
    return ids.map((id, i) => cached[i] ?? snapshot.byId.get(id) ?? null);
  }

  /**
   * The snapshot to answer from. Fresh: as is. Past the TTL: as is, while one refresh runs in the
   * background. Past the grace period, or none yet: wait for a load, and fail clearly if there is none.
   */
  async catalogue(): Promise<CatalogueSnapshot> {
    const snapshot = this.snapshot;
    if (snapshot && !this.isStale(snapshot)) return snapshot;
    if (snapshot && this.now() - snapshot.readAt <= this.ttlMs + this.graceMs) {
      this.refreshInBackground(this.ttlMs);
      return snapshot;
    }
    this.loading ??= this.loadOrFail().finally(() => (this.loading = undefined));
    return this.loading;
  }

  async categories(): Promise<CategoryCount[]> {
    return (await this.catalogue()).categories();
  }

  /** How old the information behind a book's status is. */
  freshness(book: CachedBook): Freshness {
    const readAt = this.snapshot?.readAt ?? 0;
    const asOf = Math.max(readAt, book.changedAt ?? 0);
    return { asOf: new Date(asOf), stale: this.now() - readAt > this.ttlMs };
  }

  /** Freshness of the whole catalogue, for operators. */
  catalogueFreshness(): { readAt: Date | null; stale: boolean; books: number } {
    const snapshot = this.snapshot;
    return { readAt: snapshot ? new Date(snapshot.readAt) : null, stale: !snapshot || this.isStale(snapshot), books: snapshot?.books.length ?? 0 };
  }

  /** Rows of the newest Sheet read (by any instance) that kurin could not use as they are, for librarians. */
  sheetProblems(): Promise<SheetProblemsReport> {
    return this.refresher.sheetProblems();
  }

  // --- writes ---------------------------------------------------------------------------------------

  /**
   * After a status change reached the Sheet: write it through the shared cache and this instance's snapshot
   * and announce it to the other instances, so no reader anywhere is served the old status afterwards. False
   * when Redis did not take it: this instance then serves it over Redis's old value and writes it again.
   */
  async writeThrough(book: Book, changedAt: Date = new Date(this.now())): Promise<boolean> {
    const cached: CachedBook = { ...book, changedAt: changedAt.getTime() };
    this.snapshot?.replace(cached, changedAt.toISOString());
    const written = await this.cache.guard.tryRedis(() => this.cache.putBook(cached, this.instanceId), (error) => error as Error);
    if (written === true) {
      this.unwritten.delete(book.id);
      return true;
    }
    this.unwritten.set(book.id, cached);
    this.emit("writeThroughMissed", book.id);
    this.options.logger.warn({ bookId: book.id, err: (written as Error).message }, "could not write a status change through to Redis; will write it again");
    this.rewriteSoon();
    return false;
  }

  /** Redis answered: the changes it missed are served over what it holds, and written to it again meanwhile. */
  private overUnwritten(ids: readonly string[], fromRedis: Array<CachedBook | undefined>): Array<CachedBook | undefined> {
    void this.rewrite();
    return ids.map((id, i) => this.unwritten.get(id) ?? fromRedis[i]);
  }

  /**
   * Writes the changes Redis missed again, oldest first, each only over an older entry (another instance may
   * have changed the book since). It runs as soon as Redis answers, without waiting for a reader: every
   * `rewriteEveryMs` while any are left, so the retry itself is the breaker's half-open probe, and the write
   * that closes the breaker is the one that heals (and on the breaker closing, for any probe that beat it).
   * So once this instance sees Redis back, Redis holds its changes; other instances could read the old value
   * only between Redis coming back and that probe (one half-open interval), and never after. The changes stay
   * in MySQL too (SheetWrite CACHE_MISSED), so any instance repairs them if this one dies first.
   */
  private rewrite(): Promise<unknown> {
    this.healing ??= (async () => {
      for (const book of [...this.unwritten.values()].sort((a, b) => (a.changedAt ?? 0) - (b.changedAt ?? 0))) {
        const taken = await this.cache.guard.tryRedis(async () => (await this.cache.putBook(book, this.instanceId, { overOlder: true }), true), () => false);
        if (!taken) break;
        if (this.unwritten.get(book.id) === book) this.unwritten.delete(book.id);
        this.emit("writeThroughHealed", book.id);
      }
      if (this.unwritten.size > 0) this.rewriteSoon();
    })().finally(() => (this.healing = undefined));
    return this.healing;
  }

  private rewriteSoon(): void {
    if (this.rewriteTimer || this.stopped) return;
    this.rewriteTimer = setTimeout(() => {
      this.rewriteTimer = undefined;
      void this.rewrite();
    }, this.options.rewriteEveryMs ?? 1000);
    this.rewriteTimer.unref();
  }

  /** Stops writing missed changes again (kurin is stopping). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.rewriteTimer);
  }

  /** Applies another instance's announcement (pub/sub). */
  async applyChangeMessage(message: ChangeMessage): Promise<void> {
    if (message.origin === this.instanceId) return;
    if (message.type === "book") {
      const known = this.snapshot?.byId.get(message.book.id);
      if (!known || (known.changedAt ?? 0) <= (message.book.changedAt ?? 0)) this.snapshot?.replace(message.book, message.lastUpdate);
      return;
    }
    if (!this.snapshot || message.readAt > this.snapshot.readAt || message.changed.length > 0) await this.refresher.adopt();
  }

  /** The safety net under pub/sub: reload the snapshot when Redis holds a newer catalogue or change. */
  async checkVersion(): Promise<boolean> {
    const snapshot = this.snapshot;
    if (!snapshot) return false;
    const versions = await this.cache.guard.tryRedis(() => this.cache.versions(), () => undefined);
    if (!versions) return false;
    if (versions.readAt === null) {
      // Redis lost the catalogue (restarted empty): put it back.
      this.refreshInBackground(0);
      return false;
    }
    if (versions.readAt > snapshot.readAt || (versions.lastUpdate !== null && versions.lastUpdate !== snapshot.lastUpdate)) {
      return this.refresher.adopt();
    }
    return false;
  }

  /** Forgets one book in Redis (operators). */
  async invalidate(bookId: string): Promise<boolean> {
    if (!this.snapshot?.byId.has(bookId)) return false;
    await this.cache.invalidate(bookId);
    return true;
  }

  // --- refreshing from the Sheet ---------------------------------------------------------------------

  /** Reads the Sheet unless the shared cache was filled within `maxAgeMs`; see Refresher. */
  refresh(maxAgeMs = 0, needed?: Precondition): Promise<RefreshOutcome> {
    return this.refresher.refresh(maxAgeMs, needed);
  }

  /** A refresh asked for by a librarian: a refusal says why, a failure says the Sheet could not be read. */
  async refreshNow(maxAgeMs: number): Promise<RefreshOutcome> {
    try {
      return await this.refresh(maxAgeMs);
    } catch (error) {
      if (error instanceof RefreshRefused) throw new RefreshRefused(error.reason, "The Sheet was not read now: ");
      throw new CatalogueUnavailable(`The Sheet could not be read: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Starts a refresh without waiting for it; failures are counted and logged once, and stale values served. */
  refreshInBackground(maxAgeMs = this.ttlMs, needed?: Precondition): void {
    this.refresh(maxAgeMs, needed).catch(() => undefined);
  }

  /** Whether any of these books is still missing from Redis (false when it cannot tell: Redis is down). */
  private stillMissing(ids: readonly string[]): Promise<boolean> {
    return this.cache.guard.tryRedis(async () => (await this.cache.getMany(ids)).some((book) => book === undefined), () => false);
  }

  private async loadOrFail(): Promise<CatalogueSnapshot> {
    // Another instance (or an earlier run) may have filled the shared cache: no need to ask Google.
    if (await this.refresher.adopt()) {
      const snapshot = this.snapshot!;
      if (this.now() - snapshot.readAt <= this.ttlMs + this.graceMs) {
        if (this.isStale(snapshot)) this.refreshInBackground(this.ttlMs);
        return snapshot;
      }
    }
    try {
      await this.refresh(this.ttlMs);
    } catch (error) {
      throw new CatalogueUnavailable(`The catalogue cannot be read now: ${(error as Error).message}`, { cause: error });
    }
    return this.snapshot!;
  }

  private isStale(snapshot: CatalogueSnapshot): boolean {
    return this.now() - snapshot.readAt > this.ttlMs;
  }
}
