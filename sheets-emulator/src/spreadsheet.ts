/**
 * The spreadsheet resource (`GET /v4/spreadsheets/{id}`) and `spreadsheets.batchUpdate`, for the requests a
 * client writing a row's values and background colour sends: `updateCells` and `repeatCell` with the field
 * masks `userEnteredValue`, `userEnteredFormat.backgroundColor` and `userEnteredFormat`. Any other request or
 * field is refused with a 400 that says the emulator does not know it, so a test never passes on a request
 * Google would treat differently. Formats other than the background colour are not kept; fills live in memory
 * only (the CSV working copy holds values).
 */
import { type A1Range, formatRect, resolveRect } from "./a1.ts";
import { invalidArgument } from "./errors.ts";
import type { Tab } from "./tab.ts";

/** Google's Color: each part from 0 to 1, a missing part is 0. */
export interface Colour {
  red?: number;
  green?: number;
  blue?: number;
  alpha?: number;
}

export interface SpreadsheetTabs {
  spreadsheetId: string;
  tabs: readonly Tab[];
  /** The tab and area an A1 range names (throws Google's 400 for a bad one). */
  resolve(text: string): { tab: Tab; range: A1Range };
}

/** One cell's change, 1-based: a value ("" clears) and/or a fill ("" takes it away); undefined leaves it. */
interface CellEdit {
  tab: Tab;
  row: number;
  col: number;
  value?: string;
  fill?: string;
}

type Field = "value" | "fill";

const FIELD_MASKS: Record<string, Field[]> = {
  userEnteredValue: ["value"],
  "userEnteredFormat.backgroundColor": ["fill"],
  userEnteredFormat: ["fill"],
  "*": ["value", "fill"],
};

export function toHex(colour: Colour | undefined): string {
  const part = (value: number | undefined) =>
    Math.round(Math.min(1, Math.max(0, value ?? 0)) * 255)
      .toString(16)
      .toUpperCase()
      .padStart(2, "0");
  return `#${part(colour?.red)}${part(colour?.green)}${part(colour?.blue)}`;
}

function fromHex(hex: string): Colour {
  const n = Number.parseInt(hex.slice(1), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

/** The spreadsheet as `spreadsheets.get` answers it; with `ranges`, only their tabs, with their cells if asked. */
export function spreadsheetResource(sheet: SpreadsheetTabs, ranges: readonly string[], includeGridData: boolean): object {
  const wanted = ranges.map((text) => sheet.resolve(text));
  const tabs = wanted.length === 0 ? sheet.tabs : sheet.tabs.filter((tab) => wanted.some((w) => w.tab === tab));
  return {
    spreadsheetId: sheet.spreadsheetId,
    properties: { title: sheet.spreadsheetId, locale: "uk_UA", timeZone: "Europe/Kyiv" },
    sheets: tabs.map((tab) => {
      const properties = {
        sheetId: tab.sheetId,
        title: tab.name,
        index: sheet.tabs.indexOf(tab),
        sheetType: "GRID",
        gridProperties: { rowCount: tab.gridRows, columnCount: tab.gridCols },
      };
      if (!includeGridData) return { properties };
      const areas = wanted.filter((w) => w.tab === tab).map((w) => w.range);
      return { properties, data: (areas.length > 0 ? areas : [{}]).map((area) => gridData(tab, area)) };
    }),
  };
}

function gridData(tab: Tab, area: A1Range): object {
  const rect = resolveRect(area, tab.gridRows, tab.gridCols);
  tab.checkInsideGrid(rect);
  const rowData: object[] = [];
  for (let r = rect.startRow; r <= rect.endRow; r++) {
    const values: object[] = [];
    for (let c = rect.startCol; c <= rect.endCol; c++) values.push(cellData(tab.cell(r, c), tab.fill(r, c)));
    while (values.length > 0 && Object.keys(values[values.length - 1]!).length === 0) values.pop();
    rowData.push(values.length > 0 ? { values } : {});
  }
  while (rowData.length > 0 && Object.keys(rowData[rowData.length - 1]!).length === 0) rowData.pop();
  return { startRow: rect.startRow - 1, startColumn: rect.startCol - 1, ...(rowData.length > 0 ? { rowData } : {}) };
}

function cellData(value: string, fill: string): object {
  const cell: Record<string, unknown> = {};
  if (value !== "") Object.assign(cell, { userEnteredValue: { stringValue: value }, effectiveValue: { stringValue: value }, formattedValue: value });
  if (fill !== "") cell.userEnteredFormat = { backgroundColor: fromHex(fill) };
  return cell;
}

/**
 * Checks every request of a batchUpdate and returns the cell edits they make, changing nothing: one bad
 * request fails the whole batch, as on Google.
 */
export function planRequests(sheet: SpreadsheetTabs, body: Record<string, unknown>): CellEdit[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw invalidArgument("Must specify at least one request.");
  return requests.flatMap((request: unknown, i) => {
    const where = `requests[${i}]`;
    if (request === null || typeof request !== "object") throw invalidArgument(`Invalid ${where}`);
    const kinds = Object.keys(request);
    if (kinds.length !== 1) throw invalidArgument(`Invalid ${where}: exactly one kind of request expected, got ${kinds.join(", ") || "none"}`);
    const kind = kinds[0]!;
    const inner = (request as Record<string, unknown>)[kind] as Record<string, unknown>;
    if (kind === "updateCells") return updateCells(sheet, inner, `${where}.updateCells`);
    if (kind === "repeatCell") return repeatCell(sheet, inner, `${where}.repeatCell`);
    throw invalidArgument(`Invalid ${where}: the emulator does not implement "${kind}" (only updateCells and repeatCell)`);
  });
}

/** The cells the edits touch, one A1 range per row of a tab (`Books!A5:I5`), for `beforeWrite`. */
export function editedRanges(edits: readonly CellEdit[]): string[] {
  const rows = new Map<string, { tab: Tab; row: number; from: number; to: number }>();
  for (const edit of edits) {
    const key = `${edit.tab.name}\u0000${edit.row}`;
    const seen = rows.get(key);
    if (seen) {
      seen.from = Math.min(seen.from, edit.col);
      seen.to = Math.max(seen.to, edit.col);
    } else rows.set(key, { tab: edit.tab, row: edit.row, from: edit.col, to: edit.col });
  }
  return [...rows.values()].map(({ tab, row, from, to }) => formatRect(tab.name, { startRow: row, endRow: row, startCol: from, endCol: to }));
}

export function applyEdits(edits: readonly CellEdit[]): void {
  for (const edit of edits) {
    if (edit.value !== undefined) edit.tab.setCell(edit.row, edit.col, edit.value);
    if (edit.fill !== undefined) edit.tab.setFill(edit.row, edit.col, edit.fill);
  }
}

function updateCells(sheet: SpreadsheetTabs, request: Record<string, unknown>, where: string): CellEdit[] {
  const fields = parseFields(request.fields, where);
  const rows = Array.isArray(request.rows) ? (request.rows as Array<{ values?: unknown[] }>) : [];
  if (request.start !== undefined && request.range !== undefined) throw invalidArgument(`Invalid ${where}: start and range are exclusive`);
  const edits: CellEdit[] = [];
  if (request.range !== undefined) {
    // A range: every cell in it takes the fields; cells the rows leave out are cleared of them.
    const { tab, rect } = gridRange(sheet, request.range, where);
    for (let r = rect.startRow; r <= rect.endRow; r++) {
      for (let c = rect.startCol; c <= rect.endCol; c++) {
        edits.push(edit(tab, r, c, rows[r - rect.startRow]?.values?.[c - rect.startCol], fields, where));
      }
    }
    return edits;
  }
  const start = (request.start ?? {}) as { sheetId?: number; rowIndex?: number; columnIndex?: number };
  const tab = tabById(sheet, start.sheetId, where);
  rows.forEach((line, i) => {
    (line.values ?? []).forEach((cell, j) => {
      const row = (start.rowIndex ?? 0) + i + 1;
      const col = (start.columnIndex ?? 0) + j + 1;
      tab.checkInsideGrid({ startRow: row, startCol: col, endRow: row, endCol: col });
      edits.push(edit(tab, row, col, cell, fields, where));
    });
  });
  return edits;
}

function repeatCell(sheet: SpreadsheetTabs, request: Record<string, unknown>, where: string): CellEdit[] {
  const fields = parseFields(request.fields, where);
  const { tab, rect } = gridRange(sheet, request.range, where);
  const edits: CellEdit[] = [];
  for (let r = rect.startRow; r <= rect.endRow; r++) {
    for (let c = rect.startCol; c <= rect.endCol; c++) edits.push(edit(tab, r, c, request.cell, fields, where));
  }
  return edits;
}

function edit(tab: Tab, row: number, col: number, raw: unknown, fields: Set<Field>, where: string): CellEdit {
  const cell = (raw ?? {}) as { userEnteredValue?: Record<string, unknown>; userEnteredFormat?: { backgroundColor?: Colour } };
  const change: CellEdit = { tab, row, col };
  if (fields.has("value")) change.value = cellValue(cell.userEnteredValue, where);
  if (fields.has("fill")) {
    const colour = cell.userEnteredFormat?.backgroundColor;
    change.fill = colour === undefined ? "" : toHex(colour);
  }
  return change;
}

/** An ExtendedValue as the cell shows it; no value clears the cell. */
function cellValue(value: Record<string, unknown> | undefined, where: string): string {
  if (value === undefined) return "";
  if (typeof value.stringValue === "string") return value.stringValue;
  if (typeof value.numberValue === "number") return String(value.numberValue);
  if (typeof value.boolValue === "boolean") return value.boolValue ? "TRUE" : "FALSE";
  throw invalidArgument(`Invalid ${where}: the emulator keeps string, number and bool values only, not ${JSON.stringify(value)}`);
}

function parseFields(raw: unknown, where: string): Set<Field> {
  if (typeof raw !== "string" || raw.trim() === "") throw invalidArgument(`Invalid ${where}: 'fields' is required`);
  const fields = new Set<Field>();
  for (const mask of raw.split(",").map((f) => f.trim())) {
    const known = FIELD_MASKS[mask];
    if (known === undefined) throw invalidArgument(`Invalid ${where}: the emulator does not implement the field mask "${mask}"`);
    for (const field of known) fields.add(field);
  }
  return fields;
}

function tabById(sheet: SpreadsheetTabs, sheetId: number | undefined, where: string): Tab {
  const tab = sheet.tabs.find((t) => t.sheetId === (sheetId ?? 0));
  if (tab === undefined) throw invalidArgument(`Invalid ${where}: No grid with id: ${sheetId ?? 0}`);
  return tab;
}

/** A GridRange (0-based, end exclusive, open ends run to the grid's edge) as a 1-based inclusive rectangle. */
function gridRange(sheet: SpreadsheetTabs, raw: unknown, where: string) {
  const range = (raw ?? {}) as { sheetId?: number; startRowIndex?: number; endRowIndex?: number; startColumnIndex?: number; endColumnIndex?: number };
  const tab = tabById(sheet, range.sheetId, where);
  const rect = {
    startRow: (range.startRowIndex ?? 0) + 1,
    endRow: range.endRowIndex ?? tab.gridRows,
    startCol: (range.startColumnIndex ?? 0) + 1,
    endCol: range.endColumnIndex ?? tab.gridCols,
  };
  if (rect.startRow > rect.endRow || rect.startCol > rect.endCol) throw invalidArgument(`Invalid ${where}: the range is empty or reversed`);
  tab.checkInsideGrid(rect);
  return { tab, rect };
}
