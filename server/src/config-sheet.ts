import { z } from "zod";

/**
 * How kurin marks lent books in the Sheet the way librarians read it: the old bot painted a book's row
 * yellow while it was booked, on loan or returned, and white again when it came back to the shelf.
 * Part of config.ts's schema.
 */

/** A colour as the Sheets API takes it (each part 0..1), with the `#RRGGBB` it came from. */
export interface RowHighlight {
  hex: string;
  rgb: { red: number; green: number; blue: number };
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

export const sheetLookEnv = {
  // The background of a lent book's row (#RRGGBB). Set but empty (or "none"): kurin paints nothing.
  // Not `unset`: here an empty value means "off", not "the default".
  SHEET_HIGHLIGHT_COLOR: z
    .string()
    .default("#FFFF00")
    .transform((value) => value.trim())
    .refine((value) => value === "" || value.toLowerCase() === "none" || HEX.test(value), "expected a colour as #RRGGBB (e.g. #FFFF00), or empty to paint nothing")
    .transform((value): RowHighlight | null => (value === "" || value.toLowerCase() === "none" ? null : parseHex(value))),
};

function parseHex(value: string): RowHighlight {
  let digits = value.replace(/^#/, "").toUpperCase();
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join("");
  const n = Number.parseInt(digits, 16);
  // Four decimals tell every 8-bit channel value apart and keep the requests short.
  const part = (shift: number) => Math.round((((n >> shift) & 255) / 255) * 10_000) / 10_000;
  return { hex: `#${digits}`, rgb: { red: part(16), green: part(8), blue: part(0) } };
}
