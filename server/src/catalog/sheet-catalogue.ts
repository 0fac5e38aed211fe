import { EventEmitter } from "node:events";
import type { sheets_v4 } from "@googleapis/sheets";
import type { SheetColumns } from "../config.ts";
import type { RowHighlight } from "../config-sheet.ts";
import type { Book } from "./book.ts";
import { columnLetter, mapSheet, type MappedSheet, type RowProblem } from "./row-mapping.ts";
import { lookUpSheetId, type RowCells, type RowPaint, rowColour, writeValues, writeValuesAndPaint } from "./row-write.ts";
import { BookNotInSheetError, describeSheetsError, SheetsCallError } from "./sheets-errors.ts";
import type { StatusVocabulary } from "./status-words.ts";

/**
 * The catalogue is the Google Sheet. Reading it is one values.get of the whole tab; writing changes one
 * book's cells, addressed by the book id read back from the Sheet just before, never by a remembered row
 * number (librarians sort and edit the tab by hand). A write that changes the Status cell also paints the
 * row as librarians read it (SHEET_HIGHLIGHT_COLOR while the book is lent, white when it is not), in the
 * same request.
 */

export interface CatalogueRead {
  books: Book[];
  problems: RowProblem[];
  readAt: Date;
}

export interface BookCellChanges {
  statusRaw?: string;
  /** YYYY-MM-DD (or any text to put back as it was), or null to clear the cell; undefined leaves it alone. */
  dueDate?: string | null;
}

/** One whole read of the tab, with where each book's row was, what its cells held, and how wide the header is. */
export type SheetRead = MappedSheet & { rowNumbers: Map<string, number>; rowValues: Map<string, string[]>; headerWidth: number };

/** A book's row as just read from the Sheet, for a change of its cells. */
export interface SheetRow {
  book: Book;
  /** 1-based row number in that read. */
  row: number;
  /** The Status cell as written (trimmed). */
  statusCell: string;
  /** The due-date cell as written; null when the sheet has no due-date column. */
  dueDateCell: string | null;
  /** The read it came from. */
  read: SheetRead;
}

export interface WriteOutcome {
  /** The row the cells were written to. */
  row: number;
  /** Writes it took (1 unless rows moved). */
  attempts: number;
  /** Rows written by mistake and put back, because the book's row had moved. */
  movedFrom: number[];
}

/** How many times a write follows a moving row before it gives up. */
const MAX_WRITE_ATTEMPTS = 3;

export interface CatalogueEvents {
  /** `missingWritable`: headers of the columns kurin writes that this read did not find (the due date's). */
  read: [{ durationMs: number; books: number; problems: number; missingWritable: string[] }];
  write: [{ durationMs: number; bookId: string }];
  failure: [{ operation: "read" | "write"; error: SheetsCallError }];
}

export interface SheetCatalogueOptions {
  client: sheets_v4.Sheets;
  spreadsheetId: string;
  sheetName: string;
  columns: SheetColumns;
  vocabulary: StatusVocabulary;
  /** The colour of a lent book's row; null or absent: writes paint nothing. */
  highlight?: RowHighlight | null;
}

export class SheetCatalogue extends EventEmitter<CatalogueEvents> {
  private readonly client: sheets_v4.Sheets;
  private readonly spreadsheetId: string;
  private readonly tab: string;
  /** The tab's numeric id, which formatting requests need; looked up once (locateTab). */
  private sheetId: number | undefined;

  constructor(private readonly options: SheetCatalogueOptions) {
    super();
    this.client = options.client;
    this.spreadsheetId = options.spreadsheetId;
    this.tab = quoteSheetName(options.sheetName);
  }

  get vocabulary(): StatusVocabulary {
    return this.options.vocabulary;
  }

  /** The headers kurin looks for. */
  get columns(): SheetColumns {
    return this.options.columns;
  }

  /** The Status column is required to read at all; the due date's is needed to record a pickup. */
  private missingWritable(read: { layout: { columns: Record<string, number | undefined> } }): string[] {
    return read.layout.columns.dueDate === undefined ? [this.options.columns.dueDate] : [];
  }

  /** Reads and maps the whole tab in ONE Sheets API call. */
  async readAll(): Promise<CatalogueRead> {
    const started = performance.now();
    const mapped = await this.readMapped("read");
    this.emit("read", { durationMs: performance.now() - started, books: mapped.books.length, problems: mapped.problems.length, missingWritable: this.missingWritable(mapped) });
    return { books: mapped.books, problems: mapped.problems, readAt: new Date() };
  }

  /**
   * One book's row as the Sheet holds it NOW (never the cache): ONE values.get of the whole tab. The result
   * carries that read, so `writeCells` can write without reading again and can put things right if the row
   * moved in between.
   */
  async readBook(bookId: string): Promise<SheetRow> {
    const started = performance.now();
    const read = await this.readMapped("write");
    this.emit("read", { durationMs: performance.now() - started, books: read.books.length, problems: read.problems.length, missingWritable: this.missingWritable(read) });
    return this.rowIn(read, bookId);
  }

  /**
   * Writes one book's status (and due-date) cells. The row is found by the book id in a fresh read, and both
   * cells go in one batchUpdate. Returns the book as it was in that read (before the change).
   */
  async writeBook(bookId: string, changes: BookCellChanges): Promise<Book> {
    const row = await this.readBook(bookId);
    await this.writeCells(row, changes);
    return row.book;
  }

  /**
   * Writes a book's cells into the row `row` was read from, and makes sure it WAS that book's row: the write
   * spans the id column too (null there leaves it as it is) and asks for the values back, so the answer says
   * which book the row holds after the write — no extra read. If a librarian sorted the tab in between and the
   * row now holds another book, that book's cells are put back as they were read, the book's new row is found
   * by a fresh read, and the write is made again (at most MAX_WRITE_ATTEMPTS times).
   */
  async writeCells(row: SheetRow, changes: BookCellChanges): Promise<WriteOutcome> {
    const started = performance.now();
    const bookId = row.book.id;
    let read = row.read;
    let rowNumber = row.row;
    const moves: number[] = [];
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const landedIn = await this.writeRowChecked(read, rowNumber, changes);
      if (landedIn === bookId) {
        this.emit("write", { durationMs: performance.now() - started, bookId });
        return { row: rowNumber, attempts: attempt, movedFrom: moves };
      }
      // The row moved under us: undo what we wrote into another book's row, find ours again, write again.
      moves.push(rowNumber);
      await this.restoreRow(read, rowNumber, landedIn, changes);
      read = await this.readMapped("write");
      rowNumber = this.rowIn(read, bookId).row;
    }
    throw this.refused(`The rows of the sheet kept moving while book ${bookId} was written (${MAX_WRITE_ATTEMPTS} attempts); try again`);
  }

  /**
   * The tab's numeric id (formatting requests address a tab by it, not by its name): one spreadsheets.get,
   * made at start-up so no status change pays for it, and again only when a write addressed by it was refused.
   */
  async locateTab(): Promise<number> {
    if (this.sheetId !== undefined) return this.sheetId;
    let found: number | undefined;
    try {
      found = await lookUpSheetId(this.client, this.spreadsheetId, this.options.sheetName);
    } catch (error) {
      throw this.failed("read", error);
    }
    if (found === undefined) throw this.refused(`The spreadsheet has no tab named "${this.options.sheetName}"`, "read");
    this.sheetId = found;
    return found;
  }

  /** Writes `changes` into row `rowNumber`; returns the id that row holds after the write ("" for none). */
  private async writeRowChecked(read: SheetRead, rowNumber: number, changes: BookCellChanges): Promise<string> {
    const { columns } = read.layout;
    const write: RowCells = { spreadsheetId: this.spreadsheetId, tab: this.tab, row: rowNumber, idColumn: columns.id!, cells: this.cellsOf(read, changes) };
    // Putting back a row written by mistake paints it by the status put back: its own colour was never read.
    const colour = changes.statusRaw === undefined ? undefined : rowColour(this.options.vocabulary, this.options.highlight, changes.statusRaw);
    const paint: RowPaint | undefined = colour && { sheetId: await this.locateTab(), colour, width: read.headerWidth };
    let landedIn: string | undefined;
    try {
      landedIn = paint ? await this.writePainted(write, paint) : await writeValues(this.client, write);
    } catch (error) {
      throw error instanceof SheetsCallError ? error : this.failed("write", error);
    }
    // An answer without the row's cells (not seen so far): read the id cell back instead.
    return landedIn ?? (await this.readIdCell(rowNumber, write.idColumn));
  }

  /** A 400 may mean the tab was deleted and made again under another id (nothing was written): look it up again, once. */
  private async writePainted(write: RowCells, paint: RowPaint): Promise<string | undefined> {
    try {
      return await writeValuesAndPaint(this.client, write, paint);
    } catch (error) {
      if (describeSheetsError(error, this.options.sheetName).httpStatus !== 400) throw error;
      this.sheetId = undefined;
      const sheetId = await this.locateTab();
      if (sheetId === paint.sheetId) throw error;
      return writeValuesAndPaint(this.client, write, { ...paint, sheetId });
    }
  }

  private cellsOf(read: SheetRead, changes: BookCellChanges): Map<number, string> {
    const { columns } = read.layout;
    const cells = new Map<number, string>();
    if (changes.statusRaw !== undefined) cells.set(columns.status!, changes.statusRaw);
    if (changes.dueDate !== undefined) {
      if (columns.dueDate !== undefined) cells.set(columns.dueDate, changes.dueDate ?? "");
      else if (changes.dueDate !== null) {
        throw new SheetsCallError(`The sheet has no "${this.options.columns.dueDate}" column to write the due date into`);
      }
    }
    return cells;
  }

  private async readIdCell(rowNumber: number, idColumn: number): Promise<string> {
    try {
      const check = await this.client.spreadsheets.values.get({ spreadsheetId: this.spreadsheetId, range: `${this.tab}!${columnLetter(idColumn)}${rowNumber}` });
      return String(check.data.values?.[0]?.[0] ?? "").trim();
    } catch (error) {
      throw this.failed("write", error);
    }
  }

  /**
   * Puts back the cells a write overwrote in row `rowNumber`, which turned out to hold book `otherId`: its
   * status and due-date cells as `read` saw them. A row without an id (a section heading) had nothing there.
   */
  private async restoreRow(read: SheetRead, rowNumber: number, otherId: string, changes: BookCellChanges): Promise<void> {
    const { columns } = read.layout;
    const original = otherId === "" ? undefined : read.rowValues.get(otherId);
    const cell = (column: number | undefined) => (column === undefined ? undefined : (original?.[column] ?? ""));
    const restore: BookCellChanges = {};
    if (changes.statusRaw !== undefined) restore.statusRaw = cell(columns.status) ?? "";
    if (changes.dueDate !== undefined && columns.dueDate !== undefined) restore.dueDate = cell(columns.dueDate) ?? null;
    const landedIn = await this.writeRowChecked(read, rowNumber, restore);
    if (landedIn !== otherId) {
      throw this.refused(`Row ${rowNumber} of the sheet kept changing while kurin put back the cells of book ${otherId || "(no id)"} it had written by mistake`);
    }
  }

  private rowIn(read: SheetRead, bookId: string): SheetRow {
    const row = this.rowOf(read, bookId);
    const book = read.books.find((b) => b.id === bookId)!;
    const values = read.rowValues.get(bookId) ?? [];
    const { status, dueDate } = read.layout.columns;
    return {
      book,
      row,
      statusCell: status === undefined ? "" : (values[status] ?? "").trim(),
      dueDateCell: dueDate === undefined ? null : (values[dueDate] ?? "").trim(),
      read,
    };
  }

  private rowOf(mapped: SheetRead, bookId: string): number {
    const row = mapped.rowNumbers.get(bookId);
    if (row === undefined || !mapped.books.some((b) => b.id === bookId)) throw new BookNotInSheetError(`Book ${bookId} is not in the sheet`);
    return row;
  }

  private async readMapped(operation: "read" | "write"): Promise<SheetRead> {
    let values: string[][];
    try {
      const response = await this.client.spreadsheets.values.get({ spreadsheetId: this.spreadsheetId, range: this.tab });
      values = (response.data.values ?? []) as string[][];
    } catch (error) {
      throw this.failed(operation, error);
    }
    const mapped = mapSheet(values, this.options.columns, this.options.vocabulary);
    const rowNumbers = new Map<string, number>();
    const rowValues = new Map<string, string[]>();
    const idColumn = mapped.layout.columns.id!;
    const headerWidth = 1 + (values[mapped.layout.headerRow - 1] ?? []).findLastIndex((header) => header.trim() !== "");
    for (let r = mapped.layout.headerRow; r < values.length; r++) {
      const id = (values[r]?.[idColumn] ?? "").trim();
      if (id !== "" && !rowNumbers.has(id)) {
        rowNumbers.set(id, r + 1);
        rowValues.set(id, values[r] ?? []);
      }
    }
    return { ...mapped, rowNumbers, rowValues, headerWidth };
  }

  /** A write (or look-up) kurin gave up on by itself (the sheet kept changing), reported like a failed call. */
  private refused(message: string, operation: "read" | "write" = "write"): SheetsCallError {
    const error = new SheetsCallError(message);
    this.emit("failure", { operation, error });
    return error;
  }

  private failed(operation: "read" | "write", error: unknown): SheetsCallError {
    const wrapped = describeSheetsError(error, this.options.sheetName);
    this.emit("failure", { operation, error: wrapped });
    return wrapped;
  }
}

/** A1 notation quotes tab names that are not plain Latin words: 'Книги', 'My Books' ('' escapes a quote). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
