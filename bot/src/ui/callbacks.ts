import { createHash } from "node:crypto";

/**
 * callback_data of every button the bot sends. Telegram allows 1-64 bytes, so data is a one-letter action and
 * its arguments: a book id, or a category's short hash (a category name in Cyrillic is ~40 bytes) and a page.
 * `callbackData` refuses anything longer, so no button the bot builds can be rejected by Telegram.
 *
 *   v:<book>   the book's card           k:<book>  Book (asks to confirm)    K:<book>  yes, book it
 *   x:<book>   cancel the booking        p:<book>  I picked it up            r:<book>  I returned it (asks a photo)
 *   d:<book>   delivered (librarian)     f:<book>  confirm the return (librarian)
 *   w:<book>   renew the loan            h:<book>  join the waiting list     u:<book>  leave it
 *   H:<cursor> a page of /history (a loan cursor, ~12 bytes)
 *   c:<hash>:<page>[:<cursor>]  a page of a category ("*": all books), with the cursor that leads to it when known
 *   C  categories    m  my books    P  pending    n  nothing
 */

export const MAX_CALLBACK_BYTES = 64;

export const BOOK_ACTIONS = {
  view: "v",
  book: "k",
  confirmBooking: "K",
  cancel: "x",
  pickedUp: "p",
  returned: "r",
  delivered: "d",
  confirmReturn: "f",
  renew: "w",
  hold: "h",
  unhold: "u",
} as const;
export type BookAction = keyof typeof BOOK_ACTIONS;

export const CATEGORIES = "C";
export const MY_BOOKS = "m";
export const PENDING = "P";
export const NOTHING = "n";
export const HISTORY = "H";
export const ALL_BOOKS = "*";

export class CallbackTooLongError extends Error {
  override name = "CallbackTooLongError";
}

export function callbackData(...parts: Array<string | number>): string {
  const data = parts.join(":");
  if (Buffer.byteLength(data, "utf8") > MAX_CALLBACK_BYTES) throw new CallbackTooLongError(`callback_data over ${MAX_CALLBACK_BYTES} bytes: ${data.slice(0, 80)}`);
  return data;
}

/** The button data for an action on a book, or null when the id is too long for one (the button is left out). */
export function bookCallback(action: BookAction, bookId: string): string | null {
  const data = `${BOOK_ACTIONS[action]}:${bookId}`;
  return Buffer.byteLength(data, "utf8") <= MAX_CALLBACK_BYTES ? data : null;
}

/** Matches the data of one book action; the book id is the first group. */
export function bookActionPattern(action: BookAction): RegExp {
  return new RegExp(`^${BOOK_ACTIONS[action]}:(.+)$`);
}

/** A category's key in button data: 8 characters of its name's hash (the name is looked up again on a press). */
export function categoryKey(name: string): string {
  return createHash("sha256").update(name, "utf8").digest("base64url").slice(0, 8);
}

/**
 * A page of a category. `after` is the API's cursor that leads to it (the endCursor of the page before): with it
 * the page is one request; it is left out when it would not fit, and the page is then reached from the start.
 */
export function categoryCallback(key: string, page: number, after?: string | null): string {
  if (after && CURSOR.test(after) && Buffer.byteLength(`c:${key}:${page}:${after}`, "utf8") <= MAX_CALLBACK_BYTES) return callbackData("c", key, page, after);
  return callbackData("c", key, page);
}

const CURSOR = /^[A-Za-z0-9_-]{1,40}$/;
export const CATEGORY_PAGE_PATTERN = /^c:([A-Za-z0-9_*-]{1,8}):(\d{1,5})(?::([A-Za-z0-9_-]{1,40}))?$/;
