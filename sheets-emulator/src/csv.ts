/** The catalogue on disk: one tab as CSV, header row first. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export function readCsv(path: string): string[][] {
  const text = readFileSync(path, "utf8");
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/**
 * Write rows as CSV, padded to a rectangle so any CSV reader accepts the file. Synchronous and atomic
 * (a temporary file renamed over the old one): two writes never interleave and a crash never leaves half a file.
 */
export function writeCsv(path: string, rows: readonly (readonly string[])[]): void {
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length);
  const padded = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringify(padded));
  renameSync(tmp, path);
}
