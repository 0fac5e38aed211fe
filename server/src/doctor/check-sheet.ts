import type { SheetColumns } from "../config.ts";
import { columnLetter, type Field } from "../catalog/row-mapping.ts";
import type { DoctorContext } from "./context.ts";
import { fail, ok, skip, warn, type Outcome } from "./outcome.ts";

/**
 * What the spreadsheet check's one read holds, through the catalogue's own mapping (catalog/row-mapping.ts):
 * every expected header, the status words with their counts, and the rows kurin cannot use.
 */

/** How many rows at fault are listed one by one. */
const LISTED_PROBLEMS = 10;
const HEADER_SEARCH_ROWS = 10;

export async function checkSheetContents(ctx: DoctorContext): Promise<Outcome[]> {
  const subjects = ["headers", "status words", "rows"];
  if (!ctx.sheet || !ctx.config) return subjects.map((s) => skip(s, "the spreadsheet was not read"));
  return [headers(ctx), statusWords(ctx), rows(ctx)];
}

function headers(ctx: DoctorContext): Outcome {
  const columns = ctx.config!.sheets.columns;
  const { mapped, values } = ctx.sheet!;
  const fields = Object.keys(columns) as Field[];
  const fix = (missing: string[]) =>
    `add ${missing.length > 1 ? "columns" : "a column"} headed ${missing.join(", ")} to the header row, or set the SHEET_COLUMN_* variable to the header your sheet uses`;
  if (!mapped) {
    // The layout needs id, title and Status in one row: say which configured headers appear nowhere.
    const seen = new Set(values.slice(0, HEADER_SEARCH_ROWS).flat().map(normalise));
    const missing = fields.filter((f) => !seen.has(normalise(columns[f]))).map((f) => `"${columns[f]}"`);
    return fail("headers", `no header row with "${columns.id}", "${columns.title}" and "${columns.status}" in the first ${HEADER_SEARCH_ROWS} rows; missing: ${missing.join(", ") || "(none alone)"}`, fix(missing.length ? missing : [`"${columns.id}"`]));
  }
  const missing = fields.filter((f) => mapped.layout.columns[f] === undefined).map((f) => `"${columns[f]}"`);
  if (missing.length > 0) {
    return fail("headers", `${missing.length} of ${fields.length} not found in row ${mapped.layout.headerRow}: ${missing.join(", ")}`, fix(missing));
  }
  return ok("headers", `all ${fields.length} found in row ${mapped.layout.headerRow}: ${placed(columns, mapped.layout.columns)}`);
}

function placed(columns: SheetColumns, at: Record<Field, number | undefined>): string {
  return (Object.keys(columns) as Field[]).map((f) => `${columns[f]} ${columnLetter(at[f]!)}`).join(", ");
}

function statusWords(ctx: DoctorContext): Outcome {
  const mapped = ctx.sheet!.mapped;
  if (!mapped) return skip("status words", "no header row");
  const counts = new Map<string, number>();
  for (const book of mapped.books) {
    const word = book.statusRaw.trim();
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const unknown = new Set(mapped.problems.filter((p) => p.kind === "unknown-status").map((p) => (p.value ?? "").trim()));
  const seen = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([word, n]) => `${word === "" ? "(empty)" : word} ${n}${unknown.has(word) ? " (not a status word)" : ""}`);
  return ok("status words", `${mapped.books.length} books: ${seen.join(", ") || "none"}`);
}

function rows(ctx: DoctorContext): Outcome {
  const mapped = ctx.sheet!.mapped;
  if (!mapped) return skip("rows", "no header row");
  // Missing headers are the header check's; here, rows.
  const problems = mapped.problems.filter((p) => p.kind !== "missing-column");
  if (problems.length === 0) return ok("rows", `every row is usable (${mapped.books.length} books)`);
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => p.message);
  if (problems.length > LISTED_PROBLEMS) listed.push(`… and ${problems.length - LISTED_PROBLEMS} more (the dashboard lists them all: «Проблеми в таблиці»)`);
  const summary = `${problems.length} row${problems.length > 1 ? "s" : ""} kurin skips or cannot read (${mapped.books.length} books usable)`;
  return warn("rows", summary, "put right in the sheet each row above that is a book (a section heading without an id is fine); kurin serves the others meanwhile", listed);
}

function normalise(name: string | undefined): string {
  return (name ?? "").trim().replace(/\s+/g, " ").toLowerCase();
}
