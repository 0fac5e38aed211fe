import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { ConfigError, loadConfig } from "../config.ts";
import { importKurinBot, type ImportOptions } from "./import-kurin-bot.ts";
import { OldDatabaseError, parseOldDatabaseUrl } from "./old-bot-database.ts";

/**
 * `pnpm run import-kurin-bot --from mysql://user:password@host:3306/kurin_bot [--admin-ids 123,456] [--dry-run]`
 *
 * Moves the old kurin-bot's readers and loans into kurin's database (DATABASE_URL), matching open loans with
 * the Sheet kurin is configured for (GOOGLE_SPREADSHEET_ID …, or the embedded demo catalogue). Exit codes: 0
 * done (mismatches are reported, not failures), 1 a database or the Sheet could not be used (nothing written),
 * 2 bad arguments or configuration.
 */

const USAGE = `Usage:
  pnpm run import-kurin-bot --from mysql://USER:PASSWORD@HOST:3306/DATABASE [--admin-ids 123,456] [--dry-run]

  --from        the old bot's database (its DATABASE_URL; mysql+pymysql:// is accepted as it is)
  --admin-ids   the old bot's ADMIN_IDS (Telegram ids, comma-separated): they become librarians
  --dry-run     print what the import would do and write nothing
kurin's own database, the Sheet and the time zone come from kurin's configuration (.env), as for pnpm start.`;

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArgs(args: readonly string[]): ImportOptions | "help" {
  let from: string | undefined;
  let adminIds: string[] = [];
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--dry-run") {
      dryRun = true;
      continue;
    }
    const match = /^--(from|admin-ids)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}".\n${USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${match[1]} needs a value.\n${USAGE}`);
    if (match[1] === "from") from = value;
    else adminIds = parseAdminIds(value);
  }
  if (from === undefined) throw new UsageError(`--from is required: the old bot's database.\n${USAGE}`);
  return { from: parseOldDatabaseUrl(from), adminIds, dryRun };
}

function parseAdminIds(value: string): string[] {
  const ids = value.split(",").map((id) => id.trim()).filter((id) => id !== "");
  const bad = ids.filter((id) => !/^\d{1,19}$/.test(id));
  if (bad.length > 0) throw new UsageError(`--admin-ids takes Telegram ids (numbers), comma-separated; not ${bad.map((b) => `"${b}"`).join(", ")}`);
  return [...new Set(ids)];
}

async function main(args: string[]): Promise<number> {
  let options: ImportOptions | "help";
  let config;
  try {
    options = parseArgs(args);
    if (options === "help") {
      console.log(USAGE);
      return 0;
    }
    config = loadConfig();
  } catch (error) {
    if (error instanceof UsageError || error instanceof OldDatabaseError || error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const logger = pino({ level: "warn" }, pino.destination(2));
  try {
    const lines = await importKurinBot(options, { config, logger, now: new Date() });
    for (const line of lines) console.log(line);
    return 0;
  } catch (error) {
    console.error(`import-kurin-bot failed, nothing was imported: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of [".env", "../.env"]) if (existsSync(file)) process.loadEnvFile(file);
  process.exitCode = await main(process.argv.slice(2));
}
