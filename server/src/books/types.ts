import type { BookStatus } from "../catalog/book.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import { KurinError } from "../errors.ts";
import type { QuotaRefusal } from "./quota.ts";

/** The read side's shared vocabulary: queries, answers, events and errors of books/. */

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

/** What the read side decides, for observability to count (observability/events.ts listens). */
export interface BookEvents {
  hit: [count: number];
  miss: [count: number];
  stale: [count: number];
  refresh: [outcome: RefreshOutcome];
  refreshRefused: [reason: QuotaRefusal | "busy"];
  refreshFailed: [error: Error];
  /** Status changes found in a Sheet read: the librarians' hand edits. */
  sheetEdits: [changes: BookChange[]];
  /** A status change Redis did not take (it was away); it is served over Redis and written again. */
  writeThroughMissed: [bookId: string];
  /** A change Redis missed was written to it again (BookService.rewrite). */
  writeThroughHealed: [bookId: string];
}

/** The catalogue cannot be served: the Sheet is unreachable and nothing usable is cached. */
export class CatalogueUnavailable extends KurinError {
  override name = "CatalogueUnavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super("UPSTREAM_UNAVAILABLE", message, options);
  }
}

/** A refresh not made: the Sheets budget is spent, a backoff runs, or another instance is reading. */
export class RefreshRefused extends KurinError {
  override name = "RefreshRefused";
  /** `prefix`: what the message starts with for whoever asked (a librarian's refresh). */
  constructor(
    readonly reason: QuotaRefusal | "busy",
    prefix = "",
  ) {
    super(
      "RATE_LIMITED",
      prefix +
        (reason === "budget"
        ? "the Sheets read budget for this minute is spent"
        : reason === "backoff"
          ? "waiting after a failed Sheets call before trying again"
          : "another instance is reading the Sheet"),
      { details: { reason } },
    );
  }
}
