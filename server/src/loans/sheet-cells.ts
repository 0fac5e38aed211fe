import type { Book } from "../catalog/book.ts";
import { parseDueDate } from "../catalog/row-mapping.ts";
import type { SheetCatalogue, SheetRow } from "../catalog/sheet-catalogue.ts";
import { BookNotInSheetError, SheetsCallError } from "../catalog/sheets-errors.ts";
import type { SheetsQuota } from "../books/quota.ts";
import type { SheetWrite } from "../db/generated/client.ts";
import { LendingError } from "./errors.ts";

/** The Sheet cells a loan change writes, as a SheetWrite record states them, and what the book is after. */

/**
 * A book's row as the Sheet holds it NOW (never the cache), for a change of it. Counted in the shared Sheets
 * budget so refreshes leave room, but never refused by it; failures become lending refusals with their codes.
 */
export async function readCurrentRow(catalogue: SheetCatalogue, quota: SheetsQuota | undefined, bookId: string): Promise<SheetRow> {
  // Counted while the read is on its way: the count never holds a read back, so the read need not wait for it.
  const counted = quota?.countRead();
  try {
    const row = await catalogue.readBook(bookId);
    await counted;
    quota?.succeeded();
    return row;
  } catch (error) {
    await counted;
    if (error instanceof BookNotInSheetError) throw new LendingError("NOT_FOUND", `There is no book ${bookId} in the catalogue`);
    if (error instanceof SheetsCallError) {
      if (error.httpStatus === 429) quota?.failed(error);
      throw new LendingError("UPSTREAM_UNAVAILABLE", `The Google Sheet cannot be read now, so nothing was changed; try again later. ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** The book after its cells were written. */
export function bookAfter(book: Book, toWord: string, toDueDate: string | null | undefined, vocabulary: SheetCatalogue["vocabulary"]): Book {
  const dueDate = toDueDate === undefined ? book.dueDate : toDueDate;
  return { ...book, statusRaw: toWord, dueDate, status: vocabulary.toStatus(toWord, dueDate !== null) };
}

/** The Sheet cells a record asks for, in SheetCatalogue terms. */
export function cellChanges(write: Pick<SheetWrite, "toWord" | "toDueDate">): { statusRaw: string; dueDate?: string | null } {
  if (write.toDueDate === null) return { statusRaw: write.toWord };
  return { statusRaw: write.toWord, dueDate: write.toDueDate === "" ? null : write.toDueDate };
}

/** Whether the row's cells already hold what the record asks for. */
export function holds(row: SheetRow, write: SheetWrite): boolean {
  if (!sameWord(row.statusCell, write.toWord)) return false;
  if (write.toDueDate === null || row.dueDateCell === null) return true;
  if (write.toDueDate === "") return row.dueDateCell === "";
  return parseDueDate(row.dueDateCell) === write.toDueDate;
}

export function sameWord(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
