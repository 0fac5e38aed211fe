/**
 * valueRenderOption / dateTimeRenderOption for reads.
 *
 * Cells are stored as the sheet displays them (FORMATTED_VALUE, the default). UNFORMATTED_VALUE and FORMULA give
 * back what a typed cell would hold in a real sheet: numbers as JSON numbers (an id typed as 17 reads 17, not "17"),
 * TRUE/FALSE as booleans, and a date shown as `09.12.2026` as its serial day number unless
 * dateTimeRenderOption=FORMATTED_STRING.
 */
import { invalidArgument } from "./errors.ts";

export type ValueRender = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";
export type DateTimeRender = "SERIAL_NUMBER" | "FORMATTED_STRING";
export type CellOutput = string | number | boolean;

export function parseValueRender(value: string | null): ValueRender {
  if (value === null || value === "FORMATTED_VALUE") return "FORMATTED_VALUE";
  if (value === "UNFORMATTED_VALUE" || value === "FORMULA") return value;
  throw invalidArgument(
    `Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "${value}"`,
  );
}

export function parseDateTimeRender(value: string | null): DateTimeRender {
  if (value === null || value === "SERIAL_NUMBER") return "SERIAL_NUMBER";
  if (value === "FORMATTED_STRING") return value;
  throw invalidArgument(
    `Invalid value at 'date_time_render_option' (type.googleapis.com/google.apps.sheets.v4.DateTimeRenderOption), "${value}"`,
  );
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const DOTTED_DATE = /^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$/;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export function renderCell(cell: string, value: ValueRender, dateTime: DateTimeRender): CellOutput {
  if (value === "FORMATTED_VALUE") return cell;
  if (NUMBER.test(cell)) return Number(cell);
  if (cell === "TRUE") return true;
  if (cell === "FALSE") return false;
  const date = DOTTED_DATE.exec(cell);
  if (date && dateTime === "SERIAL_NUMBER") {
    const ms = Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1]));
    return Math.round((ms - SERIAL_EPOCH) / 86_400_000);
  }
  return cell;
}
