/**
 * A1 notation as the Sheets API reads it.
 *
 *   Books            the whole tab
 *   Books!A1:Z       columns A..Z from row 1 down to the last row of the grid
 *   Books!A:A        one whole column
 *   Books!1:1        one whole row
 *   Books!C5         one cell (for a write: the top-left cell the values start at)
 *   'Книги'!A1:Z     a quoted tab name (needed for spaces and non-Latin letters; '' is a quote)
 *   A1:Z             no tab: the first tab of the spreadsheet
 *
 * Row and column numbers here are 1-based, as in the notation itself. A bound left out of the
 * notation ("A1:Z" has no last row) stays undefined, so callers can tell an open range from a closed one.
 */

/** The Sheets maximum: column ZZZ. */
export const MAX_COLUMNS = 18_278;
export const MAX_ROWS = 10_000_000;

export interface CellRef {
  col?: number;
  row?: number;
}

export interface A1Range {
  /** Tab name, unquoted. Undefined when the notation names no tab. */
  sheetName?: string;
  /** Undefined: the whole tab. */
  start?: CellRef;
  /** Undefined with a start: a single cell. */
  end?: CellRef;
}

/** A concrete rectangle of a tab, 1-based and inclusive. */
export interface GridRect {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

export class A1ParseError extends Error {
  constructor(readonly input: string) {
    super(`Unable to parse range: ${input}`);
    this.name = "A1ParseError";
  }
}

/** 1 -> "A", 26 -> "Z", 27 -> "AA". */
export function columnToLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new RangeError(`Invalid column number ${col}`);
  let letters = "";
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" -> 1, "z" -> 26, "AA" -> 27. */
export function lettersToColumn(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new RangeError(`Invalid column letters ${letters}`);
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

/** Quote a tab name the way Google writes it back: plain names bare, anything else in single quotes. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^R[0-9]*C[0-9]*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL_PART = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;

function parseCellPart(part: string, input: string): CellRef {
  const m = CELL_PART.exec(part);
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new A1ParseError(input);
  const ref: CellRef = {};
  if (m[1] !== undefined) {
    ref.col = lettersToColumn(m[1]);
    if (ref.col > MAX_COLUMNS) throw new A1ParseError(input);
  }
  if (m[2] !== undefined) {
    ref.row = Number(m[2]);
    if (ref.row < 1 || ref.row > MAX_ROWS) throw new A1ParseError(input);
  }
  return ref;
}

/** Parse the part after the "!" ("A1:Z", "C5", "1:1"). Throws A1ParseError. */
function parseArea(area: string, input: string): Pick<A1Range, "start" | "end"> {
  const parts = area.split(":");
  if (parts.length === 1) {
    const cell = parseCellPart(parts[0] ?? "", input);
    // A lone "A" or "5" is not a range; a single cell needs both.
    if (cell.col === undefined || cell.row === undefined) throw new A1ParseError(input);
    return { start: cell };
  }
  if (parts.length !== 2) throw new A1ParseError(input);
  const a = parseCellPart(parts[0] ?? "", input);
  const b = parseCellPart(parts[1] ?? "", input);
  // Rows-only ("1:3") and columns ("A:B", "A1:Z", "A1:Z9") are fine; mixing "A1:5" is not.
  if ((a.col === undefined) !== (b.col === undefined)) throw new A1ParseError(input);
  if (a.col === undefined && (a.row === undefined || b.row === undefined)) throw new A1ParseError(input);
  // Google accepts corners in either order ("B2:A1") and means the same rectangle.
  const start: CellRef = {};
  const end: CellRef = {};
  if (a.col !== undefined && b.col !== undefined) {
    start.col = Math.min(a.col, b.col);
    end.col = Math.max(a.col, b.col);
  }
  if (a.row !== undefined && b.row !== undefined) {
    start.row = Math.min(a.row, b.row);
    end.row = Math.max(a.row, b.row);
  } else if (a.row !== undefined) {
    start.row = a.row;
  } else if (b.row !== undefined) {
    end.row = b.row;
  }
  return { start, end };
}

function looksLikeArea(text: string): boolean {
  try {
    parseArea(text, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parse A1 notation (already URL-decoded). Throws A1ParseError with Google's message,
 * `Unable to parse range: <input>`.
 *
 * Text without "!" is a cell area if it reads as one ("A1:B2", "C5"), otherwise a tab name. A tab
 * whose name itself reads as an area ("A1") must then be checked by the caller before parsing.
 */
export function parseA1(input: string): A1Range {
  if (input.length === 0) throw new A1ParseError(input);
  let sheetName: string | undefined;
  let area: string | undefined;

  if (input.startsWith("'")) {
    let i = 1;
    let name = "";
    for (;;) {
      if (i >= input.length) throw new A1ParseError(input); // unterminated quote
      const ch = input[i];
      if (ch === "'") {
        if (input[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      name += ch;
      i += 1;
    }
    if (name.length === 0) throw new A1ParseError(input);
    sheetName = name;
    if (i < input.length) {
      if (input[i] !== "!") throw new A1ParseError(input);
      area = input.slice(i + 1);
      if (area.length === 0) throw new A1ParseError(input);
    }
  } else {
    const bang = input.lastIndexOf("!");
    if (bang >= 0) {
      sheetName = input.slice(0, bang);
      area = input.slice(bang + 1);
      if (sheetName.length === 0 || area.length === 0 || sheetName.includes("'")) throw new A1ParseError(input);
    } else if (looksLikeArea(input)) {
      area = input;
    } else {
      sheetName = input;
    }
  }

  const range: A1Range = {};
  if (sheetName !== undefined) range.sheetName = sheetName;
  if (area !== undefined) Object.assign(range, parseArea(area, input));
  return range;
}

/** The concrete rectangle a range covers on a grid of the given size (open bounds run to the grid's edge). */
export function resolveRect(range: A1Range, gridRows: number, gridCols: number): GridRect {
  const { start, end } = range;
  if (start === undefined) return { startRow: 1, startCol: 1, endRow: gridRows, endCol: gridCols };
  if (end === undefined) {
    const row = start.row ?? 1;
    const col = start.col ?? 1;
    return { startRow: row, startCol: col, endRow: row, endCol: col };
  }
  return {
    startRow: start.row ?? 1,
    startCol: start.col ?? 1,
    endRow: end.row ?? gridRows,
    endCol: end.col ?? gridCols,
  };
}

/**
 * Where a write starts and how far it may reach. A single cell or a whole tab only anchors the
 * write (the values may extend right and down); a closed bound limits it.
 */
export interface WriteTarget {
  startRow: number;
  startCol: number;
  /** Last row the values may reach; undefined: unlimited. */
  maxRow?: number;
  maxCol?: number;
}

export function writeTarget(range: A1Range): WriteTarget {
  const { start, end } = range;
  if (start === undefined) return { startRow: 1, startCol: 1 };
  if (end === undefined) return { startRow: start.row ?? 1, startCol: start.col ?? 1 };
  const target: WriteTarget = { startRow: start.row ?? 1, startCol: start.col ?? 1 };
  if (end.row !== undefined) target.maxRow = end.row;
  if (end.col !== undefined) target.maxCol = end.col;
  return target;
}

/** `Books!A1:Z1000`, or `Books!C5` for a single cell. */
export function formatRect(sheetName: string, rect: GridRect): string {
  const a = `${columnToLetters(rect.startCol)}${rect.startRow}`;
  const b = `${columnToLetters(rect.endCol)}${rect.endRow}`;
  return `${quoteSheetName(sheetName)}!${a === b ? a : `${a}:${b}`}`;
}

/** A range written back as given, open bounds kept open (`Books!A1:Z`, `Books!A:A`), on a known tab. */
export function formatRange(sheetName: string, range: A1Range): string {
  const tab = quoteSheetName(sheetName);
  if (range.start === undefined) return tab;
  const part = (ref: CellRef) => `${ref.col === undefined ? "" : columnToLetters(ref.col)}${ref.row ?? ""}`;
  return range.end === undefined ? `${tab}!${part(range.start)}` : `${tab}!${part(range.start)}:${part(range.end)}`;
}
