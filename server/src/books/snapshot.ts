import type { CachedBook } from "../cache/book-cache.ts";
import { matches, normaliseForSearch } from "./search.ts";
import type { BookQuery, CategoryCount } from "./types.ts";

/**
 * The whole catalogue in this instance's memory: what listing, search and categories answer from, and the
 * fallback for statuses when Redis is down. No I/O: BookService decides when it is replaced (a Sheet read,
 * Redis's copy) and changes single books in it (write-through, other instances' messages).
 */

const collator = new Intl.Collator("uk");

/**
 * Listing order is by id (numerically: 2 before 10), the same on every instance whether its snapshot came
 * from the Sheet or from the hash in Redis (which keeps no order), so cursors mean the same thing everywhere.
 */
const idCollator = new Intl.Collator("uk", { numeric: true });

export class CatalogueSnapshot {
  readonly books: CachedBook[];
  readonly byId: Map<string, CachedBook>;
  /** normalised "title author" per book, same order as books */
  private readonly searchText: string[];

  /**
   * @param readAt when the Sheet read behind it happened (ms)
   * @param lastUpdate books:status:last_update when it was taken, for the version check
   */
  constructor(
    books: CachedBook[],
    readonly readAt: number,
    public lastUpdate: string | null,
  ) {
    this.books = [...books].sort((a, b) => idCollator.compare(a.id, b.id));
    this.byId = new Map(this.books.map((b) => [b.id, b]));
    this.searchText = this.books.map((b) => normaliseForSearch(`${b.title} ${b.author ?? ""}`));
  }

  /** Books matching the search and category of the query, in id order (the status filter is the caller's). */
  find(query: BookQuery): readonly CachedBook[] {
    const search = normaliseForSearch(query.search ?? "");
    const category = query.category ? normaliseForSearch(query.category) : undefined;
    // The whole catalogue, the most common query: no copy (callers only slice it).
    if (!search && category === undefined) return this.books;
    return this.books.filter(
      (book, i) =>
        matches(this.searchText[i]!, search) &&
        (category === undefined || book.categories.some((c) => normaliseForSearch(c) === category)),
    );
  }

  categories(): CategoryCount[] {
    const counts = new Map<string, number>();
    for (const book of this.books) for (const c of book.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts].map(([name, bookCount]) => ({ name, bookCount })).sort((a, b) => collator.compare(a.name, b.name));
  }

  /** Puts a newer copy of a book in place (a known book only: the list itself changes with a Sheet read). */
  replace(book: CachedBook, lastUpdate: string): void {
    const index = this.books.findIndex((b) => b.id === book.id);
    if (index < 0) return;
    this.books[index] = book;
    this.byId.set(book.id, book);
    this.lastUpdate = lastUpdate;
  }
}
