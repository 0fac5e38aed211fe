import type { BookService, RequestBooks } from "../books/book-service.ts";
import type { CacheStats } from "../observability/cache-stats.ts";
import type { Auth } from "../auth/authenticator.ts";
import type { LendingRequest } from "../loans/lending.ts";

/** What every resolver gets: per-request services (each with its own DataLoader) and the shared ones. */
export interface Context {
  books: RequestBooks;
  /** Cache operations for librarians and integrators. */
  operations: { books: BookService; stats: CacheStats; ttlMs: number };
  /** Who is asking (anonymous: no token). */
  auth: Auth;
  /** Loans, readers and loan events, with this request's loaders. */
  lending: LendingRequest;
}
