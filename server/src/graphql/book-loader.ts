import DataLoader from "dataloader";
import type { BookService } from "../books/book-service.ts";
import type { BookQuery, CategoryCount, Freshness } from "../books/types.ts";
import type { CachedBook } from "../cache/book-cache.ts";

/**
 * Per-request access to books, one per GraphQL context: memoises and batches through one DataLoader, so every
 * Book.status of a response shares ONE Redis round trip (BookService.loadMany).
 */
export class RequestBooks {
  private readonly loader: DataLoader<string, CachedBook | null>;
  /** Books this request has loaded: their status is current, so status fields read it without waiting. */
  private readonly loaded = new WeakSet<CachedBook>();
  constructor(
    private readonly service: BookService,
    /** Called when a status field has to wait for the loader (a listed page should need none). */
    private readonly onWait?: () => void,
  ) {
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
    this.onWait?.();
    return this.loader.load(book.id).then((current) => pick(current ?? book));
  }

  /** Forgets what this request loaded for a book whose status it just changed: later fields read the new one. */
  forget(id: string): void {
    this.loader.clear(id);
  }

  /**
   * A book whose status this request just changed, as it was written through to the cache: later fields show it
   * without asking Redis for what was just put there (and show this change, whatever came after it).
   */
  remember(book: CachedBook): void {
    this.loader.clear(book.id).prime(book.id, book);
    this.loaded.add(book);
  }

  /** Loads the books of a page in one batch; a book that cannot be loaded stays as listed. */
  async loadPage(books: readonly CachedBook[]): Promise<CachedBook[]> {
    const loaded = await this.loader.loadMany(books.map((b) => b.id));
    return loaded.map((book, i) => (book instanceof Error || book === null ? books[i]! : book));
  }

  /** Books matching the query, in id order, with the metadata of the snapshot; a status filter reads current statuses. */
  async list(query: BookQuery): Promise<readonly CachedBook[]> {
    const found = (await this.service.catalogue()).find(query);
    if (!query.status) return found;
    // Statuses come from the shared cache (fresh), not from the snapshot.
    const current = await this.loader.loadMany(found.map((b) => b.id));
    return found.filter((_, i) => {
      const book = current[i];
      return !(book instanceof Error) && book?.status === query.status;
    });
  }

  categories(): Promise<CategoryCount[]> {
    return this.service.categories();
  }

  freshness(book: CachedBook): Freshness {
    return this.service.freshness(book);
  }
}
