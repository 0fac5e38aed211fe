import type { SheetColumns } from "../config.ts";
import { BookStatus, type Book } from "./book.ts";
import type { StatusVocabulary } from "./status-words.ts";

/**
 * Turns the values of the Books tab into Books. Columns are found by header name, in any order; a row the
 * catalogue cannot use is skipped and reported, never fatal, because librarians edit this sheet by hand.
 */

export type Field = keyof SheetColumns;

/** Where each field's column is (0-based), and which sheet row holds the headers (1-based). */
export interface SheetLayout {
  headerRow: number;
  columns: Record<Field, number | undefined>;
}

export interface RowProblem {
  /** 1-based row number in the Sheet at the time of the read (for the librarian to look at, never to write by). */
  row: number;
  bookId?: string;
  kind: "missing-id" | "duplicate-id" | "unknown-status" | "bad-due-date" | "bad-pages" | "missing-column";
  message: string;
  /** The text at fault: the row's first text, the status word, the date, the page count, the missing header. */
  value?: string;
  /** For a duplicate id: the row that has it first. */
  firstRow?: number;
}

export interface MappedSheet {
  layout: SheetLayout;
  books: Book[];
  problems: RowProblem[];
}

export class SheetLayoutError extends Error {
  override name = "SheetLayoutError";
}

const REQUIRED: Field[] = ["id", "title", "status"];
// Real sheets sometimes have a title line above the headers; look a few rows down for them.
const HEADER_SEARCH_ROWS = 10;

export function findLayout(values: string[][], headers: SheetColumns): SheetLayout {
  const wanted = Object.entries(headers).map(([field, name]) => [field as Field, normaliseHeader(name)] as const);
  for (let r = 0; r < Math.min(values.length, HEADER_SEARCH_ROWS); r++) {
    const cells = (values[r] ?? []).map((c) => normaliseHeader(c ?? ""));
    const columns = Object.fromEntries(wanted.map(([field, name]) => [field, indexOrUndefined(cells.indexOf(name))])) as Record<
      Field,
      number | undefined
    >;
    if (REQUIRED.every((f) => columns[f] !== undefined)) return { headerRow: r + 1, columns };
  }
  const names = REQUIRED.map((f) => `"${headers[f]}"`).join(", ");
  throw new SheetLayoutError(`The sheet has no header row with the columns ${names} in its first ${HEADER_SEARCH_ROWS} rows`);
}

export function mapSheet(values: string[][], headers: SheetColumns, vocabulary: StatusVocabulary): MappedSheet {
  const layout = findLayout(values, headers);
  const problems: RowProblem[] = missingColumns(layout, headers);
  const books: Book[] = [];
  const seen = new Map<string, number>();
  for (let r = layout.headerRow; r < values.length; r++) {
    const cells = values[r] ?? [];
    if (cells.every((c) => (c ?? "").trim() === "")) continue; // a blank line between sections
    const book = mapRow(cells, r + 1, layout, vocabulary, seen, problems);
    if (book) books.push(book);
  }
  return { layout, books, problems };
}

/** A problem on the header row for each configured column the Sheet does not have. */
function missingColumns(layout: SheetLayout, headers: SheetColumns): RowProblem[] {
  return (Object.keys(headers) as Field[])
    .filter((field) => layout.columns[field] === undefined)
    .map((field) => ({
      row: layout.headerRow,
      kind: "missing-column",
      message:
        field === "dueDate"
          ? `No column headed "${headers[field]}": due dates cannot be read, and pickups cannot be recorded until it is added`
          : `No column headed "${headers[field]}": every book's ${field} is empty`,
      value: headers[field],
    }));
}

/** One row as a book, or undefined when it is skipped; what is wrong with it goes to `problems`. */
function mapRow(
  cells: string[],
  row: number,
  layout: SheetLayout,
  vocabulary: StatusVocabulary,
  seen: Map<string, number>,
  problems: RowProblem[],
): Book | undefined {
  const cell = (field: Field): string => {
    const c = layout.columns[field];
    return c === undefined ? "" : (cells[c] ?? "").trim();
  };
  const id = cell("id");
  if (id === "") {
    // Section headings such as "Нові надходження 2025:" live in these rows.
    const text = cells.map((c) => (c ?? "").trim()).find((c) => c !== "") ?? "";
    problems.push({ row, kind: "missing-id", message: `Row ${row} has no id and was skipped ("${text.slice(0, 60)}")`, value: text.slice(0, 60) });
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    problems.push({ row, bookId: id, kind: "duplicate-id", message: `Row ${row} repeats id ${id} of row ${first} and was skipped`, firstRow: first });
    return undefined;
  }
  seen.set(id, row);

  const { dueDate, pages, statusRaw, status } = readCells(cells, row, id, layout, vocabulary, problems);
  return {
    id,
    title: cell("title"),
    author: cell("author") || null,
    edition: cell("edition") || null,
    pages,
    description: cell("description") || null,
    categories: splitCategories(cell("categories")),
    dueDate,
    statusRaw,
    status,
  };
}

/** The cells kurin parses (due date, pages, status); what does not parse goes to `problems`. */
function readCells(cells: string[], row: number, id: string, layout: SheetLayout, vocabulary: StatusVocabulary, problems: RowProblem[]) {
  const dueText = rawCell(cells, layout.columns.dueDate).trim();
  const dueDate = parseDueDate(dueText);
  if (dueText !== "" && dueDate === null) {
    problems.push({
      row,
      bookId: id,
      kind: "bad-due-date",
      message: `Row ${row} (book ${id}): due date "${dueText}" is not a date; kurin will not overwrite it, nor lend the book while it is there`,
      value: dueText,
    });
  }
  const pagesText = rawCell(cells, layout.columns.pages).trim();
  const pages = parsePages(pagesText);
  if (pagesText !== "" && pages === null) {
    problems.push({ row, bookId: id, kind: "bad-pages", message: `Row ${row} (book ${id}): page count "${pagesText}" is not a number`, value: pagesText });
  }
  // The cell exactly as written (a librarian's trailing space included); its meaning comes from the trimmed word.
  const statusRaw = rawCell(cells, layout.columns.status);
  const status = statusOf(vocabulary, statusRaw, dueText, dueDate);
  if (status === BookStatus.UNKNOWN && statusRaw.trim() !== "") {
    problems.push({ row, bookId: id, kind: "unknown-status", message: `Row ${row} (book ${id}): status "${statusRaw}" is not a known word`, value: statusRaw });
  }
  return { dueDate, pages, statusRaw, status };
}

/**
 * The old bot's rule, kept: a book is available only when both Status and the due-date cell are blank. A blank
 * Status beside a date is a book lent by hand until that date (on loan); beside anything else ("RIP", "до 10.06")
 * it is a librarian's note, which kurin cannot read: UNKNOWN, so nobody books it and the note is never erased.
 */
function statusOf(vocabulary: StatusVocabulary, statusRaw: string, dueText: string, dueDate: string | null): BookStatus {
  // Only a date makes the old bot's "booked" a loan; "booked" beside a note stays booked.
  if (statusRaw.trim() !== "" || dueText === "") return vocabulary.toStatus(statusRaw, dueDate !== null);
  return dueDate !== null ? BookStatus.PICKED_UP : BookStatus.UNKNOWN;
}

function rawCell(cells: string[], column: number | undefined): string {
  return column === undefined ? "" : (cells[column] ?? "");
}

/** Accepts ISO dates and the day-first dates a Ukrainian-locale sheet displays (09.12.2026, 9/12/2026). */
export function parseDueDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Page counts as librarians write them: "640", "22 с.", "22c." (a Latin c), "208p.", "179р." (a Cyrillic р),
 * "604с., іл." (illustrated), "σελ. 120", "320 стор.", "96 pages". Anything else is a problem row, not a guess.
 */
const PAGES = /^(?:(?:σελ|стор|pp?|pages?|с)\.?\s*)?(\d{1,6})\s*(?:(?:с|c|р|p|pp|стор|сторінок|pages?|σελ)\.?)?(?:\s*[,;].*)?$/iu;

export function parsePages(text: string): number | null {
  const match = PAGES.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** "мистецтво, біографії (про художників)" -> ["мистецтво", "біографії (про художників)"] */
export function splitCategories(text: string): string[] {
  const names = text
    .split(/[,;\n]/)
    .map((c) => c.trim().replace(/\s+/g, " "))
    .filter((c) => c !== "");
  return [...new Set(names)];
}

function normaliseHeader(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

function indexOrUndefined(i: number): number | undefined {
  return i < 0 ? undefined : i;
}

/** 0-based column index -> A1 letters (0 -> A, 26 -> AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
