import type { RequestBooks } from "../books/book-service.ts";

/** What every resolver gets: per-request services (each with its own DataLoader). */
export interface Context {
  books: RequestBooks;
}
