import { columnLetter } from "../catalog/row-mapping.ts";
import { quoteSheetName } from "../catalog/sheet-catalogue.ts";
import { describeSheetsError } from "../catalog/sheets-errors.ts";
import type { DoctorContext } from "./context.ts";
import { fail, ok, skip, type Outcome } from "./outcome.ts";

/**
 * The columns kurin writes: Status at every lending step, the due date at pickup. Both must be there, and the
 * sheet must let kurin edit it: a write of nothing (a null value leaves a cell as it is, in Google's API)
 * into the Status header proves edit access without changing a cell.
 */
export async function checkWritableColumns(ctx: DoctorContext): Promise<Outcome[]> {
  const subject = "columns kurin writes";
  const mapped = ctx.sheet?.mapped;
  if (!ctx.sheet || !ctx.config || !mapped) return [skip(subject, "the spreadsheet's header row was not read")];
  const { columns } = ctx.config.sheets;
  const { status, dueDate } = mapped.layout.columns;
  const missing = [status === undefined ? columns.status : "", dueDate === undefined ? columns.dueDate : ""].filter(Boolean);
  if (missing.length > 0) {
    return [fail(subject, `no column headed ${missing.map((m) => `"${m}"`).join(" or ")}: kurin cannot record ${dueDate === undefined ? "a pickup's due date" : "a status"}`, `add the column ${missing.map((m) => `"${m}"`).join(", ")} to the header row (or set SHEET_COLUMN_DUE_DATE / SHEET_COLUMN_STATUS to its header)`)];
  }
  const { sheetName } = ctx.config.sheets;
  const cell = `${quoteSheetName(sheetName)}!${columnLetter(status!)}${mapped.layout.headerRow}`;
  try {
    await ctx.sheet.client.spreadsheets.values.batchUpdate({
      spreadsheetId: ctx.sheet.spreadsheetId,
      requestBody: { valueInputOption: "RAW", data: [{ range: cell, values: [[null]] }] },
    });
  } catch (error) {
    const described = describeSheetsError(error, sheetName);
    const fix = described.httpStatus === 403 ? `share the sheet with ${ctx.sheet.account ?? "the service account's e-mail"} as an EDITOR (it may only read it now)` : "run the doctor again; if it persists, see the spreadsheet line above";
    return [fail(subject, `the sheet refused an edit: ${described.message}`, fix)];
  }
  return [ok(subject, `"${columns.status}" (column ${columnLetter(status!)}) and "${columns.dueDate}" (column ${columnLetter(dueDate!)}); editing allowed (checked with a write that changes nothing)`)];
}
