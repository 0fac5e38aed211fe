import { EventEmitter } from "node:events";
import type { sheets_v4 } from "@googleapis/sheets";
import type { SheetColumns } from "../config.ts";
import type { Book } from "./book.ts";
import { columnLetter, mapSheet, type MappedSheet, type RowProblem } from "./row-mapping.ts";
import type { StatusVocabulary } from "./status-words.ts";

/**
 * The catalogue is the Google Sheet. Reading it is one values.get of the whole tab; writing changes one
 * book's cells, addressed by the book id read back from the Sheet just before, never by a remembered row
 * number (librarians sort and edit the tab by hand).
 */

export interface CatalogueRead {
  books: Book[];
  problems: RowProblem[];
  readAt: Date;
}

export interface BookCellChanges {
  statusRaw?: string;
  /** YYYY-MM-DD, or null to clear the cell. */
  dueDate?: string | null;
}

export interface CatalogueEvents {
  read: [{ durationMs: number; books: number; problems: number }];
  write: [{ durationMs: number; bookId: string }];
  failure: [{ operation: "read" | "write"; error: CatalogueUnavailableError }];
}

/** The Sheet could not be read or written: Google is down, slow, over quota, or the sheet is not shared. */
export class CatalogueUnavailableError extends Error {
  override name = "CatalogueUnavailableError";
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** What a 429 or 503 asked for in its Retry-After header. */
  readonly retryAfterSeconds?: number;
}

export class BookNotInSheetError extends Error {
  override name = "BookNotInSheetError";
}

export interface SheetCatalogueOptions {
  client: sheets_v4.Sheets;
  spreadsheetId: string;
  sheetName: string;
  columns: SheetColumns;
  vocabulary: StatusVocabulary;
}

export class SheetCatalogue extends EventEmitter<CatalogueEvents> {
  private readonly client: sheets_v4.Sheets;
  private readonly spreadsheetId: string;
  private readonly tab: string;

  constructor(private readonly options: SheetCatalogueOptions) {
    super();
    this.client = options.client;
    this.spreadsheetId = options.spreadsheetId;
    this.tab = quoteSheetName(options.sheetName);
  }

  get vocabulary(): StatusVocabulary {
    return this.options.vocabulary;
  }

  /** Reads and maps the whole tab in ONE Sheets API call. */
  async readAll(): Promise<CatalogueRead> {
    const started = performance.now();
    const mapped = await this.readMapped("read");
    this.emit("read", { durationMs: performance.now() - started, books: mapped.books.length, problems: mapped.problems.length });
    return { books: mapped.books, problems: mapped.problems, readAt: new Date() };
  }

  /**
   * Writes one book's status (and due-date) cells. The row is found by the book id in a fresh read, and both
   * cells go in one batchUpdate. Returns the book as it was in that read (before the change).
   */
  async writeBook(bookId: string, changes: BookCellChanges): Promise<Book> {
    const started = performance.now();
    const mapped = await this.readMapped("write");
    const rowIndex = this.rowOf(mapped, bookId);
    const before = mapped.books.find((b) => b.id === bookId)!;
    const data: sheets_v4.Schema$ValueRange[] = [];
    const cellRange = (column: number | undefined) => `${this.tab}!${columnLetter(column!)}${rowIndex}`;
    if (changes.statusRaw !== undefined) data.push({ range: cellRange(mapped.layout.columns.status), values: [[changes.statusRaw]] });
    if (changes.dueDate !== undefined) {
      if (mapped.layout.columns.dueDate === undefined) {
        throw new CatalogueUnavailableError(`The sheet has no "${this.options.columns.dueDate}" column to write the due date into`);
      }
      data.push({ range: cellRange(mapped.layout.columns.dueDate), values: [[changes.dueDate ?? ""]] });
    }
    if (data.length === 0) return before;
    try {
      await this.client.spreadsheets.values.batchUpdate({
        spreadsheetId: this.spreadsheetId,
        requestBody: { valueInputOption: "RAW", data },
      });
    } catch (error) {
      throw this.failed("write", error);
    }
    this.emit("write", { durationMs: performance.now() - started, bookId });
    return before;
  }

  private rowOf(mapped: MappedSheet & { rowNumbers: Map<string, number> }, bookId: string): number {
    const row = mapped.rowNumbers.get(bookId);
    if (row === undefined || !mapped.books.some((b) => b.id === bookId)) throw new BookNotInSheetError(`Book ${bookId} is not in the sheet`);
    return row;
  }

  private async readMapped(operation: "read" | "write"): Promise<MappedSheet & { rowNumbers: Map<string, number> }> {
    let values: string[][];
    try {
      const response = await this.client.spreadsheets.values.get({ spreadsheetId: this.spreadsheetId, range: this.tab });
      values = (response.data.values ?? []) as string[][];
    } catch (error) {
      throw this.failed(operation, error);
    }
    const mapped = mapSheet(values, this.options.columns, this.options.vocabulary);
    const rowNumbers = new Map<string, number>();
    const idColumn = mapped.layout.columns.id!;
    for (let r = mapped.layout.headerRow; r < values.length; r++) {
      const id = (values[r]?.[idColumn] ?? "").trim();
      if (id !== "" && !rowNumbers.has(id)) rowNumbers.set(id, r + 1);
    }
    return { ...mapped, rowNumbers };
  }

  private failed(operation: "read" | "write", error: unknown): CatalogueUnavailableError {
    const wrapped = describeSheetsError(error, this.options.sheetName);
    this.emit("failure", { operation, error: wrapped });
    return wrapped;
  }
}

/** A1 notation quotes tab names that are not plain Latin words: 'Книги', 'My Books' ('' escapes a quote). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  response?: {
    status?: number;
    data?: { error?: { message?: string; status?: string } };
    headers?: Headers | Record<string, string | undefined>;
  };
  message?: string;
}

/** Turns a Google API failure into one sentence a librarian or operator can act on. */
export function describeSheetsError(error: unknown, sheetName: string): CatalogueUnavailableError {
  const e = (error ?? {}) as GaxiosLike;
  const status = e.response?.status ?? (typeof e.status === "number" ? e.status : undefined);
  const apiMessage = e.response?.data?.error?.message ?? e.message ?? String(error);
  let message: string;
  switch (status) {
    case 429:
      message = `Google Sheets quota exceeded (429): ${apiMessage}`;
      break;
    case 403:
      message = `Google Sheets refused access (403): share the sheet with the service account's e-mail. ${apiMessage}`;
      break;
    case 404:
      message = `Spreadsheet not found (404): check GOOGLE_SPREADSHEET_ID. ${apiMessage}`;
      break;
    case 400:
      message = `Google Sheets rejected the request (400): is there a tab named "${sheetName}"? ${apiMessage}`;
      break;
    case 401:
      message = `Google Sheets did not accept the credentials (401): ${apiMessage}`;
      break;
    case undefined:
      message = `Google Sheets did not answer: ${apiMessage}`;
      break;
    default:
      message = `Google Sheets failed (${status}): ${apiMessage}`;
  }
  const headers = e.response?.headers;
  const retryAfter = headers instanceof Headers ? headers.get("retry-after") : headers?.["retry-after"];
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new CatalogueUnavailableError(message, status, { cause: error, retryAfterSeconds });
}
