/**
 * Run the Sheets API emulator on its own:
 *
 *   pnpm --filter @kurin/sheets-emulator start [--port 8790] [--host 127.0.0.1] [--csv FILE]
 *                                              [--working-copy FILE | --in-memory] [--fresh]
 *                                              [--spreadsheet-id ID] [--sheet NAME]
 *
 * Status changes go to a working copy (default: .kurin/catalogue.csv at the repository root, git-ignored), so they
 * survive a restart; the CSV it started from is never written. --fresh starts again from the CSV.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_CATALOGUE_CSV, SheetsEmulator } from "./emulator.ts";

const DEFAULT_PORT = 8790;
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const { values: flags } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    csv: { type: "string" },
    "working-copy": { type: "string" },
    "in-memory": { type: "boolean" },
    fresh: { type: "boolean" },
    "spreadsheet-id": { type: "string" },
    sheet: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (flags.help) {
  console.log(
    "Usage: sheets-emulator [--port N] [--host H] [--csv FILE] [--working-copy FILE | --in-memory] [--fresh]\n" +
      "                       [--spreadsheet-id ID] [--sheet NAME]",
  );
  process.exit(0);
}

const port = flags.port === undefined ? DEFAULT_PORT : Number(flags.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not ${flags.port}`);
  process.exit(2);
}
const csvPath = flags.csv === undefined ? DEMO_CATALOGUE_CSV : resolve(flags.csv);
const workingCopyPath = flags["in-memory"]
  ? undefined
  : resolve(flags["working-copy"] ?? resolve(REPO_ROOT, ".kurin", "catalogue.csv"));

const resumed = workingCopyPath !== undefined && !flags.fresh && existsSync(workingCopyPath);

const emulator = await SheetsEmulator.start({
  csvPath,
  workingCopyPath,
  resumeFromWorkingCopy: !flags.fresh,
  port,
  ...(flags.host === undefined ? {} : { host: flags.host }),
  ...(flags["spreadsheet-id"] === undefined ? {} : { spreadsheetId: flags["spreadsheet-id"] }),
  ...(flags.sheet === undefined ? {} : { sheetName: flags.sheet }),
});

const dataRows = emulator.rows().length - 1;
console.log(`Sheets API emulator: ${emulator.url}`);
console.log(`spreadsheet id:      ${emulator.spreadsheetId}`);
console.log(`tab:                 ${emulator.sheetName} (${dataRows} rows under the header)`);
console.log(`loaded from:         ${resumed ? `${workingCopyPath} (working copy; --fresh starts again from ${csvPath})` : csvPath}`);
console.log(`working copy:        ${workingCopyPath ?? "none (changes stay in memory)"}`);

const shutdown = () => {
  void emulator.stop().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
