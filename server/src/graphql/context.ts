import type { Auth } from "../auth/authenticator.ts";
import type { BookService } from "../books/book-service.ts";
import type { Holds } from "../circulation/holds.ts";
import type { Privacy } from "../circulation/privacy.ts";
import type { Lending, LendingRequest } from "../loans/lending.ts";
import type { Outbox } from "../notifications/outbox.ts";
import type { CacheStats } from "../observability/cache-stats.ts";
import type { TelegramFiles } from "../telegram/telegram-files.ts";
import { RequestBooks } from "./book-loader.ts";

/** What every resolver gets: per-request services (each with its own DataLoader) and the shared ones. */
export interface Context {
  books: RequestBooks;
  /** Cache operations for librarians and integrators. */
  operations: { books: BookService; stats: CacheStats; ttlMs: number };
  /** Who is asking (anonymous: no token). */
  auth: Auth;
  /** Loans, readers and loan events, with this request's loaders. */
  lending: LendingRequest;
  /** The Telegram bot's side kurin uses (its username, return photos). */
  telegram: TelegramFiles;
  /** The outbox the bot takes its messages from. */
  notifications: Outbox;
  /** Readers' personal data: forgetReader. */
  privacy: Privacy;
  /** The waiting list. */
  holds: Holds;
}

/** The shared services a context is made from; a new per-request service is added here and in createContext. */
export interface ContextParts {
  books: BookService;
  stats: CacheStats;
  lending: Lending;
  telegram: TelegramFiles;
  notifications: Outbox;
  privacy: Privacy;
  holds: Holds;
  ttlMs: number;
}

/** The one context factory, for HTTP requests and subscription operations alike. */
export function createContext(parts: ContextParts, auth: Auth): Context {
  return {
    books: new RequestBooks(parts.books),
    operations: { books: parts.books, stats: parts.stats, ttlMs: parts.ttlMs },
    auth,
    lending: parts.lending.forRequest(auth),
    telegram: parts.telegram,
    notifications: parts.notifications,
    privacy: parts.privacy,
    holds: parts.holds,
  };
}
