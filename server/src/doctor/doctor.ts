import { checkAppsScript } from "./check-apps-script.ts";
import { checkConfiguration } from "./check-config.ts";
import { checkMysql } from "./check-mysql.ts";
import { checkRedis } from "./check-redis.ts";
import { checkSheetContents } from "./check-sheet.ts";
import { checkSpreadsheet } from "./check-spreadsheet.ts";
import { checkTelegram } from "./check-telegram.ts";
import { checkWritableColumns } from "./check-writable.ts";
import type { Check, DoctorContext } from "./context.ts";
import { fail, formatOutcome, messageOf, verdictOf, type Outcome } from "./outcome.ts";

/**
 * `pnpm run doctor`: the checks, in order, each printed as soon as it is done. Later checks use what earlier
 * ones found (the valid configuration, the Sheet's one read). Returns the exit code: 0 only when none failed.
 */

export const CHECKS: Check[] = [
  checkConfiguration,
  checkSpreadsheet,
  checkSheetContents,
  checkWritableColumns,
  checkRedis,
  checkMysql,
  checkTelegram,
  checkAppsScript,
];

export async function runDoctor(env: Record<string, string | undefined>, print: (line: string) => void, checks = CHECKS): Promise<number> {
  const ctx: DoctorContext = { env, cleanups: [] };
  const outcomes: Outcome[] = [];
  try {
    for (const check of checks) {
      let found: Outcome[];
      try {
        found = await check(ctx);
      } catch (error) {
        // A check that breaks is a failed check, not a stack trace: the others still run.
        found = [fail(check.name.replace(/^check/, "") || "check", `could not be checked: ${messageOf(error)}`, "report this output to kurin's maintainers")];
      }
      for (const outcome of found) for (const line of formatOutcome(outcome)) print(line);
      outcomes.push(...found);
    }
  } finally {
    for (const cleanup of ctx.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  const { exitCode, line } = verdictOf(outcomes);
  print("");
  print(line);
  return exitCode;
}
