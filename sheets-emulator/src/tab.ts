/**
 * One tab of the spreadsheet: its cells and its grid size.
 *
 * Cells are kept as the formatted strings a sheet shows (the Sheets API's default FORMATTED_VALUE), in ragged
 * rows: a row is as long as its last written cell. The grid is the sheet's size as Google reports it: a new
 * sheet is 1000 rows x 26 columns even when three cells are filled, and reads name the whole grid
 * (`Books!A1:Z1000`) while leaving out the empty cells at the end.
 */
import { type GridRect, type WriteTarget, columnToLetters, formatRect, MAX_COLUMNS } from "./a1.ts";
import { ApiError } from "./errors.ts";

export const DEFAULT_GRID_ROWS = 1000;
export const DEFAULT_GRID_COLS = 26;

export type Dimension = "ROWS" | "COLUMNS";

/** A value to write: a string, or null to leave the cell as it is. */
export type CellInput = string | null;

export interface WriteResult {
  /** The rectangle the values covered, e.g. `Books!I5`; the requested range when nothing was sent. */
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

export class Tab {
  rows: string[][] = [];
  /** Background colours (`#RRGGBB`) of the cells, ragged like `rows`; "" = no fill. Moves with its row. */
  fills: string[][] = [];
  gridRows = DEFAULT_GRID_ROWS;
  gridCols = DEFAULT_GRID_COLS;

  constructor(
    readonly name: string,
    rows: readonly (readonly string[])[] = [],
    /** The numeric id Google gives a tab (the `gid` in its URL); formatting requests address tabs by it. */
    public sheetId = 0,
  ) {
    this.replaceRows(rows);
  }

  /** Replace every cell (and drop every fill); the grid becomes the default size or the data's size if larger. */
  replaceRows(rows: readonly (readonly string[])[]): void {
    // Array.from also fills the holes of a sparse row.
    this.rows = rows.map((row) => Array.from(row, (cell) => String(cell ?? "")));
    this.fills = [];
    this.gridRows = Math.max(DEFAULT_GRID_ROWS, this.rows.length);
    this.gridCols = Math.max(DEFAULT_GRID_COLS, widthOf(this.rows));
  }

  copyRows(): string[][] {
    return this.rows.map((row) => [...row]);
  }

  /** 1-based rows; the row's values and fills move together, as a sort in Google Sheets moves formats. */
  moveRow(from: number, to: number): void {
    while (this.fills.length < this.rows.length) this.fills.push([]);
    for (const lines of [this.rows, this.fills]) {
      const [moved] = lines.splice(from - 1, 1);
      lines.splice(to - 1, 0, moved!);
    }
  }

  /** 1-based; "" when the cell has no background colour. */
  fill(row: number, col: number): string {
    return this.fills[row - 1]?.[col - 1] ?? "";
  }

  /** 1-based; `colour` is `#RRGGBB`, or "" to take the fill away. */
  setFill(row: number, col: number, colour: string): void {
    while (this.fills.length < row) this.fills.push([]);
    const cells = this.fills[row - 1]!;
    while (cells.length < col) cells.push("");
    cells[col - 1] = colour;
    this.gridRows = Math.max(this.gridRows, row);
    this.gridCols = Math.max(this.gridCols, col);
  }

  /** 1-based. */
  cell(row: number, col: number): string {
    return this.rows[row - 1]?.[col - 1] ?? "";
  }

  /** 1-based; grows the rows (and the grid) as needed. */
  setCell(row: number, col: number, value: string): void {
    while (this.rows.length < row) this.rows.push([]);
    const cells = this.rows[row - 1]!;
    while (cells.length < col) cells.push("");
    cells[col - 1] = value;
    this.gridRows = Math.max(this.gridRows, row);
    this.gridCols = Math.max(this.gridCols, col);
  }

  /** Throws Google's "exceeds grid limits" error when the rectangle reaches past the grid. */
  checkInsideGrid(rect: GridRect): void {
    if (rect.endRow > this.gridRows || rect.endCol > this.gridCols) {
      throw new ApiError(
        400,
        `Range (${formatRect(this.name, rect)}) exceeds grid limits. Max rows: ${this.gridRows}, max columns: ${this.gridCols}`,
      );
    }
  }

  /** The values of a rectangle as values.get answers them: trailing empty cells and trailing empty rows (or columns) left out. */
  read(rect: GridRect, dimension: Dimension): string[][] {
    const lastRow = Math.min(rect.endRow, this.rows.length);
    const out: string[][] = [];
    if (dimension === "ROWS") {
      for (let r = rect.startRow; r <= lastRow; r++) {
        const cells = this.rows[r - 1] ?? [];
        const line: string[] = [];
        for (let c = rect.startCol; c <= Math.min(rect.endCol, cells.length); c++) line.push(cells[c - 1] ?? "");
        out.push(trimEnd(line));
      }
    } else {
      let widest = 0;
      for (let r = rect.startRow; r <= lastRow; r++) widest = Math.max(widest, this.rows[r - 1]?.length ?? 0);
      for (let c = rect.startCol; c <= Math.min(rect.endCol, widest); c++) {
        const line: string[] = [];
        for (let r = rect.startRow; r <= lastRow; r++) line.push(this.cell(r, c));
        out.push(trimEnd(line));
      }
    }
    while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }

  /**
   * Check that `values` (row-major) fit the target, without changing anything. Google refuses the whole
   * request when one value falls outside a closed range.
   */
  checkWrite(target: WriteTarget, values: readonly (readonly CellInput[])[], requested: string): void {
    const lastRow = target.startRow + values.length - 1;
    const width = widthOf(values);
    const lastCol = target.startCol + width - 1;
    if (target.maxRow !== undefined && values.length > 0 && lastRow > target.maxRow) {
      throw new ApiError(400, `Requested writing within range [${requested}], but tried writing to row [${target.maxRow + 1}]`);
    }
    if (target.maxCol !== undefined && width > 0 && lastCol > target.maxCol) {
      throw new ApiError(
        400,
        `Requested writing within range [${requested}], but tried writing to column [${columnToLetters(target.maxCol + 1)}]`,
      );
    }
    if (lastCol > MAX_COLUMNS) throw new ApiError(400, `Range (${requested}) exceeds the maximum of ${MAX_COLUMNS} columns`);
  }

  /** Write row-major values at the target: null leaves a cell, "" clears it. Call checkWrite first. */
  write(target: WriteTarget, values: readonly (readonly CellInput[])[], requested: string): WriteResult {
    const width = widthOf(values);
    if (values.length === 0 || width === 0) {
      return { updatedRange: requested, updatedRows: 0, updatedColumns: 0, updatedCells: 0 };
    }
    let cells = 0;
    const rowsTouched = new Set<number>();
    const colsTouched = new Set<number>();
    values.forEach((line, i) => {
      line.forEach((value, j) => {
        if (value === null) return;
        const row = target.startRow + i;
        const col = target.startCol + j;
        this.setCell(row, col, value);
        cells++;
        rowsTouched.add(row);
        colsTouched.add(col);
      });
    });
    // Writing past the last row or column of the grid grows it, as adding rows by hand would.
    this.gridRows = Math.max(this.gridRows, target.startRow + values.length - 1);
    this.gridCols = Math.max(this.gridCols, target.startCol + width - 1);
    const rect: GridRect = {
      startRow: target.startRow,
      startCol: target.startCol,
      endRow: target.startRow + values.length - 1,
      endCol: target.startCol + width - 1,
    };
    return {
      updatedRange: formatRect(this.name, rect),
      updatedRows: rowsTouched.size,
      updatedColumns: colsTouched.size,
      updatedCells: cells,
    };
  }
}

/** The length of the longest line. */
function widthOf(lines: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const line of lines) if (line.length > width) width = line.length;
  return width;
}

function trimEnd(line: string[]): string[] {
  let end = line.length;
  while (end > 0 && line[end - 1] === "") end--;
  line.length = end;
  return line;
}

/** Column-major values (majorDimension COLUMNS) to row-major; the gaps of ragged columns become null (unchanged). */
export function columnsToRows(columns: readonly (readonly CellInput[])[]): CellInput[][] {
  const height = widthOf(columns);
  const rows: CellInput[][] = [];
  for (let r = 0; r < height; r++) {
    const row: CellInput[] = [];
    columns.forEach((col, c) => {
      row[c] = col[r] ?? null;
    });
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  return rows;
}
