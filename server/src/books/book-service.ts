import DataLoader from "dataloader";
import type { Logger } from "pino";
import type { Book, BookStatus } from "../catalog/book.ts";
import type { SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import type { BookCache } from "../cache/book-cache.ts";
import { matches, normaliseForSearch } from "./search.ts";

/**
 * The read side of the catalogue: what the API lists, searches and resolves statuses from.
 *
 * The book list itself (titles, authors, categories) changes rarely, so each instance keeps a snapshot of it
 * in memory for as long as the shared cache lives. Statuses change often, so they are always read from
 * Redis, one HMGET per request batch. The Sheet is read only when the shared cache is empty or expired,
 * and then once for all concurrent callers of this process.
 */

interface Snapshot {
  books: Book[];
  byId: Map<string, Book>;
  /** normalised "title author" per book, same order as books */
  searchText: string[];
  /** where it came from: a read of the Sheet, or the shared cache another instance filled */
  source: "sheet" | "cache";
  expiresAt: number;
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

export interface BookServiceOptions {
  catalogue: SheetCatalogue;
  cache: BookCache;
  ttlSeconds: number;
  logger: Logger;
  now?: () => number;
}

export class BookService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private readonly now: () => number;
  private readonly collator = new Intl.Collator("uk");

  constructor(private readonly options: BookServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A per-request view: one DataLoader, so every Book.status of a request shares one Redis round trip. */
  forRequest(): RequestBooks {
    return new RequestBooks(this);
  }

  /** Reads the Sheet now and refills the shared cache (start-up warm-up, operators). */
  async refresh(): Promise<number> {
    const snapshot = await this.singleFlight(() => this.readSheet());
    return snapshot.books.length;
  }

  /**
   * After a status change reached the Sheet: write it through the shared cache and this instance's snapshot,
   * so no reader is served the old status once the change is acknowledged.
   */
  async recordChange(book: Book, changedAt: Date = new Date()): Promise<void> {
    const snapshot = this.snapshot;
    if (snapshot?.byId.has(book.id)) {
      snapshot.byId.set(book.id, book);
      snapshot.books[snapshot.books.findIndex((b) => b.id === book.id)] = book;
    }
    try {
      await this.options.cache.putBook(book, changedAt);
    } catch (error) {
      this.options.logger.warn({ bookId: book.id, err: (error as Error).message }, "could not write a status change through to Redis");
    }
  }

  // --- the hot path -------------------------------------------------------------------------------

  /** Books by id, status included, in ONE Redis round trip; null for ids the catalogue does not have. */
  async loadMany(ids: readonly string[]): Promise<Array<Book | null>> {
    let cached: Array<Book | undefined>;
    try {
      cached = await this.options.cache.getMany(ids);
    } catch (error) {
      // Redis is down: answer from this instance's snapshot (refreshed from the Sheet once per TTL).
      this.options.logger.debug({ err: (error as Error).message }, "cache read failed, answering from memory");
      const snapshot = await this.current();
      return ids.map((id) => snapshot.byId.get(id) ?? null);
    }
    if (cached.every((book) => book !== undefined)) return cached as Book[];

    // Some ids are not in books:all. Ids the catalogue does not have are answered null without going
    // to the Sheet (an unknown id must not cost a read). Known ids missing from Redis mean the bulk
    // cache expired or was flushed: refill it from the Sheet once, unless we have just read it.
    let snapshot = await this.current();
    const lost = ids.some((id, i) => cached[i] === undefined && snapshot.byId.has(id));
    if (lost && snapshot.source === "cache") snapshot = await this.singleFlight(() => this.readSheet());
    return ids.map((id, i) => cached[i] ?? snapshot.byId.get(id) ?? null);
  }

  /** Books matching the query, in id order, with the metadata of the snapshot. */
  async list(query: BookQuery, statusOf: (ids: string[]) => Promise<Array<Book | null>>): Promise<Book[]> {
    const snapshot = await this.current();
    const search = normaliseForSearch(query.search ?? "");
    const category = query.category ? normaliseForSearch(query.category) : undefined;
    let found = snapshot.books.filter(
      (book, i) =>
        matches(snapshot.searchText[i]!, search) &&
        (category === undefined || book.categories.some((c) => normaliseForSearch(c) === category)),
    );
    if (query.status) {
      // Statuses come from the shared cache (fresh), not from the snapshot (as old as the last read).
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

  // --- the snapshot --------------------------------------------------------------------------------

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() < snapshot.expiresAt) return snapshot;
    return this.singleFlight(() => this.load());
  }

  /** Concurrent callers in this process share one load: a cold start makes ONE Sheets read. */
  private singleFlight(load: () => Promise<Snapshot>): Promise<Snapshot> {
    this.loading ??= load()
      .then((snapshot) => (this.snapshot = snapshot))
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    // Another instance (or an earlier run) may have filled the shared cache: no need to ask Google.
    try {
      const cached = await this.options.cache.readAll();
      if (cached) return this.makeSnapshot(cached.books, "cache", cached.expiresInMs);
    } catch {
      // Redis is down; the Sheet it is (redis-client logs the outage once).
    }
    return this.readSheet();
  }

  private async readSheet(): Promise<Snapshot> {
    const { books, problems, readAt } = await this.options.catalogue.readAll();
    if (problems.length > 0) {
      this.options.logger.warn({ problems: problems.map((p) => p.message) }, `the Sheet has ${problems.length} row(s) kurin could not use as they are`);
    }
    try {
      await this.options.cache.fill(books, readAt);
    } catch (error) {
      this.options.logger.debug({ err: (error as Error).message }, "could not fill the shared cache");
    }
    return this.makeSnapshot(books, "sheet", this.options.ttlSeconds * 1000);
  }

  private makeSnapshot(books: Book[], source: Snapshot["source"], lifetimeMs: number): Snapshot {
    const ordered = byId(books);
    return {
      books: ordered,
      byId: new Map(ordered.map((b) => [b.id, b])),
      searchText: ordered.map((b) => normaliseForSearch(`${b.title} ${b.author ?? ""}`)),
      source,
      expiresAt: this.now() + lifetimeMs,
    };
  }
}

/** Per-request access to books: memoises and batches through one DataLoader. */
export class RequestBooks {
  private readonly loader: DataLoader<string, Book | null>;

  constructor(private readonly service: BookService) {
    this.loader = new DataLoader((ids) => service.loadMany(ids), { maxBatchSize: 1000 });
  }

  load(id: string): Promise<Book | null> {
    return this.loader.load(id);
  }

  list(query: BookQuery): Promise<Book[]> {
    return this.service.list(query, async (ids) => {
      const books = await this.loader.loadMany(ids);
      return books.map((b) => (b instanceof Error ? null : b));
    });
  }

  categories(): Promise<CategoryCount[]> {
    return this.service.categories();
  }
}

/**
 * Listing order is by id (numerically: 2 before 10), the same on every instance whether its snapshot came
 * from the Sheet or from the hash in Redis (which keeps no order), so cursors mean the same thing everywhere.
 */
function byId(books: Book[]): Book[] {
  const collator = new Intl.Collator("uk", { numeric: true });
  return [...books].sort((a, b) => collator.compare(a.id, b.id));
}
