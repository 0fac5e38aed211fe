import type { sheets_v4 } from "@googleapis/sheets";
import type { RowHighlight } from "../config-sheet.ts";
import { BookStatus } from "./book.ts";
import { columnLetter } from "./row-mapping.ts";
import type { StatusVocabulary } from "./status-words.ts";

/**
 * One request that writes a book's cells into a sheet row and answers which book that row holds AFTER the
 * write, so the caller can tell whether the row was still the book's (SheetCatalogue.writeCells). Two shapes
 * of the same guarantee: values.batchUpdate when only values change, spreadsheets.batchUpdate when the row's
 * background colour changes with them (a format cannot be written through the values endpoints).
 */

export interface RowCells {
  spreadsheetId: string;
  /** The tab in A1 notation, quoted if need be. */
  tab: string;
  /** 1-based sheet row. */
  row: number;
  /** 0-based column of the book ids. */
  idColumn: number;
  /** 0-based column -> the text to write ("" clears the cell). */
  cells: ReadonlyMap<number, string>;
}

export interface RowPaint {
  /** The tab's numeric id: formatting requests address a tab by it, not by name. */
  sheetId: number;
  colour: { red: number; green: number; blue: number };
  /** Columns painted, from A: the header's width (the old bot painted A to the last header column). */
  width: number;
}

/** The statuses whose row is highlighted; the old bot painted the others white (1,1,1), not unfilled. */
const LENT: ReadonlySet<BookStatus> = new Set([BookStatus.BOOKED, BookStatus.DELIVERED, BookStatus.PICKED_UP, BookStatus.RETURNED]);
const WHITE = { red: 1, green: 1, blue: 1 };

/** The colour a row takes when its Status cell becomes `statusRaw`: the highlight while lent, else white; none when off. */
export function rowColour(vocabulary: StatusVocabulary, highlight: RowHighlight | null | undefined, statusRaw: string): RowPaint["colour"] | undefined {
  if (!highlight) return undefined;
  return LENT.has(vocabulary.toStatus(statusRaw, false)) ? highlight.rgb : WHITE;
}

/**
 * values.batchUpdate over the row from its first to its last written cell, the id column included with null
 * (left as it is) and the values asked back. Undefined when the answer carries no values.
 */
export async function writeValues(client: sheets_v4.Sheets, write: RowCells): Promise<string | undefined> {
  const columns = [write.idColumn, ...write.cells.keys()];
  const first = Math.min(...columns);
  const last = Math.max(...columns);
  const values = Array.from({ length: last - first + 1 }, (_, i) => write.cells.get(first + i) ?? null);
  const range = `${write.tab}!${columnLetter(first)}${write.row}:${columnLetter(last)}${write.row}`;
  const answer = await client.spreadsheets.values.batchUpdate({
    spreadsheetId: write.spreadsheetId,
    requestBody: { valueInputOption: "RAW", includeValuesInResponse: true, data: [{ range, values: [values] }] },
  });
  const written = answer.data.responses?.[0]?.updatedData?.values?.[0];
  return written ? String(written[write.idColumn - first] ?? "").trim() : undefined;
}

/**
 * spreadsheets.batchUpdate: each cell's value (a string value is taken as written, like valueInputOption RAW;
 * no value clears the cell), the row's background, and the spreadsheet after the write for the row's id cell
 * only. The id cell itself is not in any request, so it is never changed. Undefined when the answer carries
 * no spreadsheet.
 */
export async function writeValuesAndPaint(client: sheets_v4.Sheets, write: RowCells, paint: RowPaint): Promise<string | undefined> {
  const { sheetId } = paint;
  const rowIndex = write.row - 1;
  const requests: sheets_v4.Schema$Request[] = [...write.cells].map(([columnIndex, text]) => ({
    updateCells: {
      start: { sheetId, rowIndex, columnIndex },
      rows: [{ values: [text === "" ? {} : { userEnteredValue: { stringValue: text } }] }],
      fields: "userEnteredValue",
    },
  }));
  requests.push({
    repeatCell: {
      range: { sheetId, startRowIndex: rowIndex, endRowIndex: write.row, startColumnIndex: 0, endColumnIndex: paint.width },
      cell: { userEnteredFormat: { backgroundColor: paint.colour } },
      fields: "userEnteredFormat.backgroundColor",
    },
  });
  const answer = await client.spreadsheets.batchUpdate({
    spreadsheetId: write.spreadsheetId,
    requestBody: {
      requests,
      includeSpreadsheetInResponse: true,
      responseRanges: [`${write.tab}!${columnLetter(write.idColumn)}${write.row}`],
      responseIncludeGridData: true,
    },
  });
  const sheet = answer.data.updatedSpreadsheet?.sheets?.find((s) => s.properties?.sheetId === sheetId);
  if (!sheet) return undefined;
  const cell = sheet.data?.[0]?.rowData?.[0]?.values?.[0];
  return String(cell?.formattedValue ?? "").trim();
}

/** The numeric id of the tab named `name` (Google also takes a tab's name in another letter case). */
export async function lookUpSheetId(client: sheets_v4.Sheets, spreadsheetId: string, name: string): Promise<number | undefined> {
  const answer = await client.spreadsheets.get({ spreadsheetId, fields: "sheets.properties(sheetId,title)" });
  const tabs = (answer.data.sheets ?? []).map((sheet) => sheet.properties ?? {});
  const tab = tabs.find((t) => t.title === name) ?? tabs.find((t) => t.title?.toLowerCase() === name.toLowerCase());
  return typeof tab?.sheetId === "number" ? tab.sheetId : undefined;
}
