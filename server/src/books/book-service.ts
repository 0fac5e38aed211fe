import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import DataLoader from "dataloader";
import type { Logger } from "pino";
import type { Book, BookStatus } from "../catalog/book.ts";
import type { QuotaRefusal, SheetsQuota } from "../catalog/quota.ts";
import { CatalogueUnavailableError, type SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import {
  MAX_REPORTED_PROBLEMS,
  type BookCache,
  type CachedBook,
  type CachedCatalogue,
  type ChangeMessage,
  type SheetProblemsReport,
} from "../cache/book-cache.ts";
import { matches, normaliseForSearch } from "./search.ts";

/**
 * The read side of the catalogue: what the API lists, searches and resolves statuses from.
 *
 * Statuses are read from Redis, one HMGET per request batch. The book list itself (titles, authors,
 * categories) changes rarely, so each instance keeps a snapshot of the whole catalogue in memory; it serves
 * listing and search, and it is the fallback that answers when Redis is down. Other instances' changes reach
 * it through pub/sub, and a periodic version check catches any message that was lost.
 *
 * The Sheet is read by `refresh()`: one read at a time in this process (single flight) and across
 * instances (a Redis lock; the others wait for the result), within the Sheets budget and backoff. Past the
 * freshness TTL the current values keep being served while one refresh runs in the background; while the
 * Sheet cannot be read they are served, marked stale, for up to the grace period.
 */

interface Snapshot {
  books: CachedBook[];
  byId: Map<string, CachedBook>;
  /** normalised "title author" per book, same order as books */
  searchText: string[];
  /** when the Sheet read behind it happened (ms) */
  readAt: number;
  /** books:status:last_update when it was taken, for the version check */
  lastUpdate: string | null;
}

export interface BookQuery {
  search?: string | null;
  status?: BookStatus | null;
  category?: string | null;
}

export interface CategoryCount {
  name: string;
  bookCount: number;
}

export interface Freshness {
  /** Time of the newest information behind the value: the Sheet read, or the status change written through. */
  asOf: Date;
  /** Older than the freshness TTL: the Sheet could not be read lately. */
  stale: boolean;
}

/** A status that changed, seen in a Sheet read (a librarian's hand edit) or written by a mutation. */
export interface BookChange {
  before: CachedBook | undefined;
  after: CachedBook | undefined;
}

/** Checked under the refresh lock: false when the read is no longer needed (another instance did it). */
export type Precondition = () => Promise<boolean>;

export type RefreshOutcome =
  | { kind: "read"; books: number; changed: number; durationMs: number }
  | { kind: "shared"; books: number }
  | { kind: "fresh"; books: number };

export interface BookServiceEvents {
  hit: [count: number];
  miss: [count: number];
  stale: [count: number];
  refresh: [outcome: RefreshOutcome];
  refreshRefused: [reason: QuotaRefusal | "busy"];
  refreshFailed: [error: Error];
  /** Status changes found in a Sheet read: the librarians' hand edits. */
  sheetEdits: [changes: BookChange[]];
}

/** The catalogue cannot be served: the Sheet is unreachable and nothing usable is cached. */
export class CatalogueUnavailable extends Error {
  override name = "CatalogueUnavailable";
}

export class RefreshRefused extends Error {
  override name = "RefreshRefused";
  constructor(readonly reason: QuotaRefusal | "busy") {
    super(
      reason === "budget"
        ? "the Sheets read budget for this minute is spent"
        : reason === "backoff"
          ? "waiting after a failed Sheets call before trying again"
          : "another instance is reading the Sheet",
    );
  }
}

export interface BookServiceOptions {
  catalogue: SheetCatalogue;
  cache: BookCache;
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
}

export class BookService extends EventEmitter<BookServiceEvents> {
  readonly instanceId: string;
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private refreshing: Promise<RefreshOutcome> | undefined;
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly graceMs: number;
  private readonly collator = new Intl.Collator("uk");
  private lastRefreshProblem: string | undefined;
  /** What this instance's own last Sheet read found wrong: shown when Redis cannot tell. */
  private ownProblems: SheetProblemsReport = { readAt: null, totalCount: 0, rows: [] };

  constructor(private readonly options: BookServiceOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlSeconds * 1000;
    this.graceMs = options.graceSeconds * 1000;
    this.instanceId = options.instanceId ?? randomUUID();
  }

  /** A per-request view: one DataLoader, so every Book.status of a request shares one Redis round trip. */
  forRequest(): RequestBooks {
    return new RequestBooks(this);
  }

  // --- the hot path -------------------------------------------------------------------------------

  /** Books by id, status included, in ONE Redis round trip; null for ids the catalogue does not have. */
  async loadMany(ids: readonly string[]): Promise<Array<CachedBook | null>> {
    let cached: Array<CachedBook | undefined>;
    try {
      cached = await this.options.cache.getMany(ids);
    } catch {
      // Redis is down (or its circuit is open): answer from this instance's snapshot.
      const snapshot = await this.current();
      this.countServed(ids.length, snapshot);
      return ids.map((id) => snapshot.byId.get(id) ?? null);
    }
    const missing = cached.reduce((n, book) => (book === undefined ? n + 1 : n), 0);
    if (missing === 0) {
      this.emit("hit", ids.length);
      const snapshot = this.snapshot ?? (await this.current());
      if (this.isStale(snapshot)) {
        this.emit("stale", ids.length);
        this.refreshInBackground(this.ttlMs);
      }
      return cached as CachedBook[];
    }

    // Ids the catalogue does not have are answered null without going to the Sheet (an unknown id must
    // not cost a read). Known ids missing from Redis mean it lost the catalogue (flushed, restarted, or
    // expired past the grace): answer from the snapshot and rebuild Redis from the Sheet in the background.
    const snapshot = await this.current();
    const lost = ids.filter((id, i) => cached[i] === undefined && snapshot.byId.has(id));
    this.emit("hit", ids.length - missing);
    this.emit("miss", missing);
    // Read the Sheet again only if Redis still lacks them once this instance holds the refresh lock: in a cold
    // stampede the read that answered this request has usually refilled Redis by then, whenever it landed.
    if (lost.length > 0) this.refreshInBackground(0, () => this.stillMissing(lost));
    return ids.map((id, i) => cached[i] ?? snapshot.byId.get(id) ?? null);
  }

  /** Books matching the query, in id order, with the metadata of the snapshot. */
  async list(query: BookQuery, statusOf: (ids: string[]) => Promise<Array<Book | null>>): Promise<readonly CachedBook[]> {
    const snapshot = await this.current();
    const search = normaliseForSearch(query.search ?? "");
    const category = query.category ? normaliseForSearch(query.category) : undefined;
    // The whole catalogue, the most common query: no copy (callers only slice it).
    if (!search && category === undefined && !query.status) return snapshot.books;
    let found = snapshot.books.filter(
      (book, i) =>
        matches(snapshot.searchText[i]!, search) &&
        (category === undefined || book.categories.some((c) => normaliseForSearch(c) === category)),
    );
    if (query.status) {
      // Statuses come from the shared cache (fresh), not from the snapshot.
      const current = await statusOf(found.map((b) => b.id));
      found = found.filter((_, i) => current[i]?.status === query.status);
    }
    return found;
  }

  async categories(): Promise<CategoryCount[]> {
    const snapshot = await this.current();
    const counts = new Map<string, number>();
    for (const book of snapshot.books) for (const c of book.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts].map(([name, bookCount]) => ({ name, bookCount })).sort((a, b) => this.collator.compare(a.name, b.name));
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
  async sheetProblems(): Promise<SheetProblemsReport> {
    try {
      const shared = await this.options.cache.sheetProblems();
      if (shared && (shared.readAt ?? 0) >= (this.ownProblems.readAt ?? 0)) return shared;
    } catch {
      // Redis is down: this instance's own last read is what there is.
    }
    return this.ownProblems;
  }

  // --- writes ---------------------------------------------------------------------------------------

  /**
   * After a status change reached the Sheet: write it through the shared cache and this instance's snapshot
   * and announce it to the other instances, so no reader anywhere is served the old status afterwards.
   */
  async recordChange(book: Book, changedAt: Date = new Date(this.now())): Promise<void> {
    const cached: CachedBook = { ...book, changedAt: changedAt.getTime() };
    this.replaceInSnapshot(cached, changedAt.toISOString());
    try {
      await this.options.cache.putBook(cached, this.instanceId);
    } catch (error) {
      // The others catch up through the version check once Redis is back (the Sheet has the change).
      this.options.logger.warn({ bookId: book.id, err: (error as Error).message }, "could not write a status change through to Redis");
    }
  }

  /** Applies another instance's announcement (pub/sub). */
  async applyChangeMessage(message: ChangeMessage): Promise<void> {
    if (message.origin === this.instanceId) return;
    if (message.type === "book") {
      const known = this.snapshot?.byId.get(message.book.id);
      if (!known || (known.changedAt ?? 0) <= (message.book.changedAt ?? 0)) this.replaceInSnapshot(message.book, message.lastUpdate);
      return;
    }
    if (!this.snapshot || message.readAt > this.snapshot.readAt || message.changed.length > 0) await this.reloadFromCache();
  }

  /** The safety net under pub/sub: reload the snapshot when Redis holds a newer catalogue or change. */
  async checkVersion(): Promise<boolean> {
    const snapshot = this.snapshot;
    if (!snapshot) return false;
    let versions;
    try {
      versions = await this.options.cache.versions();
    } catch {
      return false;
    }
    if (versions.readAt === null) {
      // Redis lost the catalogue (restarted empty): put it back.
      this.refreshInBackground(0);
      return false;
    }
    if (versions.readAt > snapshot.readAt || (versions.lastUpdate !== null && versions.lastUpdate !== snapshot.lastUpdate)) {
      return this.reloadFromCache();
    }
    return false;
  }

  /** Forgets one book in Redis (operators). */
  async invalidate(bookId: string): Promise<boolean> {
    if (!this.snapshot?.byId.has(bookId)) return false;
    await this.options.cache.invalidate(bookId);
    return true;
  }

  // --- refreshing from the Sheet ---------------------------------------------------------------------

  /**
   * Reads the Sheet unless the shared cache was filled within `maxAgeMs` (then it adopts that), under the
   * cross-instance lock and the Sheets budget. Concurrent callers in this process share one refresh.
   */
  refresh(maxAgeMs = 0, needed?: Precondition): Promise<RefreshOutcome> {
    this.refreshing ??= this.refreshOnce(maxAgeMs, needed).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Starts a refresh without waiting for it; failures are counted and logged once, and stale values served. */
  refreshInBackground(maxAgeMs = this.ttlMs, needed?: Precondition): void {
    this.refresh(maxAgeMs, needed).catch(() => undefined);
  }

  /** Whether any of these books is still missing from Redis (false when it cannot tell: Redis is down). */
  private async stillMissing(ids: readonly string[]): Promise<boolean> {
    try {
      return (await this.options.cache.getMany(ids)).some((book) => book === undefined);
    } catch {
      return false;
    }
  }

  private async refreshOnce(maxAgeMs: number, needed?: Precondition): Promise<RefreshOutcome> {
    const cache = this.options.cache;
    const token = randomUUID();
    let locked = false;
    try {
      if (cache.guard.available()) {
        const lock = await this.takeRefreshLock(token, maxAgeMs, needed);
        locked = lock.locked;
        if (lock.outcome) return lock.outcome;
      }
      const refusal = await this.options.quota.tryAcquire();
      if (refusal) {
        this.emit("refreshRefused", refusal);
        throw new RefreshRefused(refusal);
      }
      return await this.readSheet();
    } catch (error) {
      if (!(error instanceof RefreshRefused)) this.emit("refreshFailed", error as Error);
      this.noteProblem(error as Error);
      throw error;
    } finally {
      if (locked) await cache.releaseRefreshLock(token).catch(() => undefined);
    }
  }

  /**
   * One instance reads the Sheet at a time. The others wait for its result and adopt it; if it does not
   * come in time, an instance with something to serve serves it (busy), one with nothing reads itself.
   * Without Redis there is no lock: this process's single flight is all there is.
   */
  private async takeRefreshLock(token: string, maxAgeMs: number, needed?: Precondition): Promise<{ locked: boolean; outcome?: RefreshOutcome }> {
    let locked = false;
    try {
      locked = await this.options.cache.acquireRefreshLock(token, this.options.lockTtlMs);
      if (locked) {
        // Re-check under the lock: another instance may have refreshed just before.
        const outcome = (await this.adoptIfFresh(maxAgeMs)) ?? (needed && !(await needed()) ? await this.adoptLatest() : undefined);
        return { locked, outcome };
      }
      const outcome = await this.waitForOtherRefresh();
      if (outcome) return { locked: false, outcome };
      if (this.snapshot) {
        this.emit("refreshRefused", "busy");
        throw new RefreshRefused("busy");
      }
      return { locked: false };
    } catch (error) {
      if (error instanceof RefreshRefused) throw error;
      return { locked }; // Redis failed mid-way: go on alone (giving back the lock if it was taken)
    }
  }

  private async readSheet(): Promise<RefreshOutcome> {
    const started = this.now();
    let read;
    try {
      read = await this.options.catalogue.readAll();
    } catch (error) {
      if (error instanceof CatalogueUnavailableError) this.options.quota.failed(error);
      throw error;
    }
    this.options.quota.succeeded();
    const readAt = this.now();
    if (read.problems.length > 0) {
      this.options.logger.warn({ problems: read.problems.map((p) => p.message) }, `the Sheet has ${read.problems.length} row(s) kurin could not use as they are`);
    }
    const problems: SheetProblemsReport = {
      readAt,
      totalCount: read.problems.length,
      rows: [...read.problems].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_PROBLEMS),
    };
    this.ownProblems = problems;

    // Diff against what Redis holds (or, without Redis, against the snapshot) and write only what changed.
    let previous: Map<string, CachedBook>;
    let fromRedis = false;
    try {
      previous = new Map(Object.entries(await this.options.cache.entries()).map(([id, json]) => [id, JSON.parse(json) as CachedBook]));
      fromRedis = true;
    } catch {
      previous = new Map(this.snapshot?.byId ?? []);
    }
    const upserts: Array<{ book: CachedBook; statusChanged: boolean }> = [];
    const unchanged: string[] = [];
    const edits: BookChange[] = [];
    for (const book of read.books) {
      const before = previous.get(book.id);
      if (before && sameBook(before, book)) {
        unchanged.push(book.id);
        continue;
      }
      const statusChanged = !before || before.statusRaw !== book.statusRaw || before.dueDate !== book.dueDate;
      upserts.push({ book, statusChanged });
      // A change is a hand edit only if it is newer than what a mutation wrote through.
      if (before && statusChanged && (before.changedAt ?? 0) <= started) edits.push({ before, after: book });
    }
    const ids = new Set(read.books.map((b) => b.id));
    const removals = [...previous.keys()].filter((id) => !ids.has(id));
    for (const id of removals) edits.push({ before: previous.get(id), after: undefined });

    let books = read.books as CachedBook[];
    // The snapshot remembers books:status:last_update as Redis has it after the write, for the version check.
    let lastUpdate: string | null = new Date(readAt).toISOString();
    if (fromRedis) {
      try {
        const write = { readStartedAt: started, readAt, upserts, removals, unchanged, problems };
        lastUpdate = (await this.options.cache.applyRefresh(write, this.instanceId)).lastUpdate;
        // Entries written through during the read were kept by the script; serve them too.
        books = read.books.map((b) => {
          const before = previous.get(b.id);
          return before && (before.changedAt ?? 0) > started ? before : b;
        });
      } catch (error) {
        this.options.logger.debug({ err: (error as Error).message }, "could not write the refresh to Redis");
      }
    }
    this.snapshot = makeSnapshot(books, readAt, lastUpdate);
    this.lastRefreshProblem = undefined;
    if (previous.size > 0 && edits.length > 0) this.emit("sheetEdits", edits);
    const outcome: RefreshOutcome = { kind: "read", books: books.length, changed: upserts.length + removals.length, durationMs: this.now() - started };
    this.emit("refresh", outcome);
    return outcome;
  }

  /** Another instance holds the lock: wait (bounded) for its result in Redis, then adopt it. */
  private async waitForOtherRefresh(): Promise<RefreshOutcome | undefined> {
    const since = this.snapshot?.readAt ?? 0;
    // Real time, not this.now(): this waits for another process, whatever clock this one is given.
    const deadline = Date.now() + this.options.lockWaitMs;
    while (Date.now() < deadline) {
      await sleep(25);
      const { readAt } = await this.options.cache.versions();
      if (readAt !== null && readAt > since && (await this.reloadFromCache())) {
        const outcome: RefreshOutcome = { kind: "shared", books: this.snapshot!.books.length };
        this.emit("refresh", outcome);
        return outcome;
      }
    }
    return undefined;
  }

  private async adoptIfFresh(maxAgeMs: number): Promise<RefreshOutcome | undefined> {
    if (maxAgeMs <= 0) return undefined;
    const { readAt } = await this.options.cache.versions();
    if (readAt === null || this.now() - readAt >= maxAgeMs) return undefined;
    if (!this.snapshot || readAt > this.snapshot.readAt) await this.reloadFromCache();
    return { kind: "fresh", books: this.snapshot?.books.length ?? 0 };
  }

  /** What Redis holds is what was wanted: take it if it is newer than the snapshot, and read nothing. */
  private async adoptLatest(): Promise<RefreshOutcome> {
    const { readAt } = await this.options.cache.versions();
    if (readAt !== null && (!this.snapshot || readAt > this.snapshot.readAt)) await this.reloadFromCache();
    return { kind: "fresh", books: this.snapshot?.books.length ?? 0 };
  }

  private async reloadFromCache(): Promise<boolean> {
    let cached: CachedCatalogue | undefined;
    try {
      cached = await this.options.cache.readAll();
    } catch {
      return false;
    }
    if (!cached) return false;
    this.snapshot = makeSnapshot(cached.books, cached.readAt, cached.lastUpdate);
    return true;
  }

  // --- the snapshot --------------------------------------------------------------------------------

  /**
   * The snapshot to answer from. Fresh: as is. Past the TTL: as is, while one refresh runs in the
   * background. Past the grace period, or none yet: wait for a load, and fail clearly if there is none.
   */
  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && !this.isStale(snapshot)) return snapshot;
    if (snapshot && this.now() - snapshot.readAt <= this.ttlMs + this.graceMs) {
      this.refreshInBackground(this.ttlMs);
      return snapshot;
    }
    this.loading ??= this.loadOrFail().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async loadOrFail(): Promise<Snapshot> {
    // Another instance (or an earlier run) may have filled the shared cache: no need to ask Google.
    if (await this.reloadFromCache()) {
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

  private isStale(snapshot: Snapshot): boolean {
    return this.now() - snapshot.readAt > this.ttlMs;
  }

  private countServed(count: number, snapshot: Snapshot): void {
    if (this.isStale(snapshot)) this.emit("stale", count);
  }

  private replaceInSnapshot(book: CachedBook, lastUpdate: string): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const index = snapshot.books.findIndex((b) => b.id === book.id);
    if (index < 0) return;
    snapshot.books[index] = book;
    snapshot.byId.set(book.id, book);
    snapshot.lastUpdate = lastUpdate;
  }

  private noteProblem(error: Error): void {
    const problem = error.message;
    if (problem !== this.lastRefreshProblem) {
      this.options.logger.warn({ err: problem }, "could not refresh the catalogue from the Sheet; serving cached values");
      this.lastRefreshProblem = problem;
    }
  }
}

/** Per-request access to books: memoises and batches through one DataLoader. */
export class RequestBooks {
  private readonly loader: DataLoader<string, CachedBook | null>;
  /** Books this request has loaded: their status is current, so status fields read it without waiting. */
  private readonly loaded = new WeakSet<CachedBook>();
  /** Status fields that had to wait for the loader (tests count them: a listed page should need none). */
  waits = 0;

  constructor(private readonly service: BookService) {
    this.loader = new DataLoader(
      async (ids) => {
        const books = await service.loadMany(ids);
        for (const book of books) if (book) this.loaded.add(book);
        return books;
      },
      { maxBatchSize: 1000 },
    );
  }

  load(id: string): Promise<CachedBook | null> {
    return this.loader.load(id);
  }

  /**
   * The current state of a book, for status fields. A book this request loaded answers at once; a book
   * from the listing snapshot is loaded first (batched with every other book of the response). Answering
   * synchronously matters: a page of 100 books asks this for 100 books times every status field.
   */
  current<T>(book: CachedBook, pick: (current: CachedBook) => T): T | Promise<T> {
    if (this.loaded.has(book)) return pick(book);
    this.waits++;
    return this.loader.load(book.id).then((current) => pick(current ?? book));
  }

  /** Forgets what this request loaded for a book whose status it just changed: later fields read the new one. */
  forget(id: string): void {
    this.loader.clear(id);
  }

  /** Loads the books of a page in one batch; a book that cannot be loaded stays as listed. */
  async loadPage(books: readonly CachedBook[]): Promise<CachedBook[]> {
    const loaded = await this.loader.loadMany(books.map((b) => b.id));
    return loaded.map((book, i) => (book instanceof Error || book === null ? books[i]! : book));
  }

  list(query: BookQuery): Promise<readonly CachedBook[]> {
    return this.service.list(query, async (ids) => {
      const books = await this.loader.loadMany(ids);
      return books.map((b) => (b instanceof Error ? null : b));
    });
  }

  categories(): Promise<CategoryCount[]> {
    return this.service.categories();
  }

  freshness(book: CachedBook): Freshness {
    return this.service.freshness(book);
  }
}

function makeSnapshot(books: CachedBook[], readAt: number, lastUpdate: string | null): Snapshot {
  const ordered = byId(books);
  return {
    books: ordered,
    byId: new Map(ordered.map((b) => [b.id, b])),
    searchText: ordered.map((b) => normaliseForSearch(`${b.title} ${b.author ?? ""}`)),
    readAt,
    lastUpdate,
  };
}

const BOOK_FIELDS = ["id", "title", "author", "edition", "pages", "description", "dueDate", "statusRaw", "status"] as const;

/** Equal as the Sheet describes them (a written-through copy carries its changedAt besides). */
function sameBook(cached: CachedBook, fresh: Book): boolean {
  return (
    BOOK_FIELDS.every((field) => cached[field] === fresh[field]) &&
    cached.categories.length === fresh.categories.length &&
    cached.categories.every((c, i) => c === fresh.categories[i])
  );
}

/**
 * Listing order is by id (numerically: 2 before 10), the same on every instance whether its snapshot came
 * from the Sheet or from the hash in Redis (which keeps no order), so cursors mean the same thing everywhere.
 */
const idCollator = new Intl.Collator("uk", { numeric: true });
function byId(books: CachedBook[]): CachedBook[] {
  return [...books].sort((a, b) => idCollator.compare(a.id, b.id));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
