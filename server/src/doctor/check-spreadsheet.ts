import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import type { Config } from "../config.ts";
import { mapSheet, SheetLayoutError } from "../catalog/row-mapping.ts";
import { quoteSheetName } from "../catalog/sheet-catalogue.ts";
import { createSheetsClient } from "../catalog/sheets-client.ts";
import { describeSheetsError } from "../catalog/sheets-errors.ts";
import { StatusVocabulary } from "../catalog/status-words.ts";
import { NO_CONFIGURATION } from "./check-config.ts";
import type { DoctorContext } from "./context.ts";
import { fail, ok, skip, type Outcome } from "./outcome.ts";

/**
 * Google credentials and the spreadsheet: where the catalogue comes from, then ONE read of the whole tab (the
 * later checks look at that read; Google rations reads). With no GOOGLE_SPREADSHEET_ID this is the embedded
 * demo catalogue `pnpm start` serves, read from the same working copy, in memory (nothing is written).
 */

interface Source {
  apiUrl?: string;
  spreadsheetId: string;
  where: string;
  account?: string;
}

export async function checkSpreadsheet(ctx: DoctorContext): Promise<Outcome[]> {
  const config = ctx.config;
  if (!config) return [skip("Google credentials", NO_CONFIGURATION), skip("spreadsheet", NO_CONFIGURATION)];
  const found = await source(config, ctx);
  if ("verdict" in found) return [found, skip("spreadsheet", "no usable Google credentials")];
  const credentials = found.account
    ? ok("Google credentials", `service account ${found.account}`)
    : skip("Google credentials", config.sheets.spreadsheetId ? `not used: the Sheets API is ${found.where}` : "not used: the embedded demo catalogue needs none");
  return [credentials, await readTab(ctx, config, found)];
}

async function source(config: Config, ctx: DoctorContext): Promise<Source | Outcome> {
  const sheets = config.sheets;
  if (!sheets.spreadsheetId) {
    const workingCopy = resolve(sheets.emulatorDataFile);
    const resume = existsSync(workingCopy);
    // In memory: the doctor's emulator never writes the working copy pnpm start keeps.
    const emulator = await SheetsEmulator.start({ csvPath: resume ? workingCopy : undefined, sheetName: sheets.sheetName });
    ctx.cleanups.push(() => emulator.stop());
    const copy = resume ? `its working copy ${workingCopy}` : "the bundled demo catalogue (no working copy yet)";
    return { apiUrl: emulator.url, spreadsheetId: emulator.spreadsheetId, where: `the embedded demo catalogue (no GOOGLE_SPREADSHEET_ID), ${copy}` };
  }
  if (sheets.apiUrl) return { apiUrl: sheets.apiUrl, spreadsheetId: sheets.spreadsheetId, where: `at ${sheets.apiUrl} (SHEETS_API_URL)` };
  const account = serviceAccount(sheets);
  if (typeof account !== "string") return account;
  return { spreadsheetId: sheets.spreadsheetId, where: "Google", account };
}

/** The service account's e-mail from its JSON key, or what is wrong with the key. */
function serviceAccount(sheets: Config["sheets"]): string | Outcome {
  const variable = sheets.credentialsJson ? "GOOGLE_SERVICE_ACCOUNT_JSON" : "GOOGLE_APPLICATION_CREDENTIALS";
  const fix = "create a JSON key for the service account in Google Cloud (IAM → Service accounts → Keys) and point GOOGLE_APPLICATION_CREDENTIALS at it";
  let text: string;
  try {
    text = sheets.credentialsJson ?? readFileSync(sheets.credentialsFile!, "utf8");
  } catch (error) {
    return fail("Google credentials", `${variable}: cannot read ${sheets.credentialsFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, fix);
  }
  let key: { type?: string; client_email?: string; private_key?: string };
  try {
    key = JSON.parse(text);
  } catch {
    return fail("Google credentials", `${variable}: the key is not JSON`, fix);
  }
  if (key.type !== "service_account" || !key.client_email || !key.private_key) {
    return fail("Google credentials", `${variable}: not a service-account key (needs "type": "service_account", client_email and private_key)`, fix);
  }
  return key.client_email;
}

/** The one read of the tab. */
async function readTab(ctx: DoctorContext, config: Config, found: Source): Promise<Outcome> {
  const { sheets } = config;
  const subject = `spreadsheet ${found.where === "Google" ? found.spreadsheetId : ""}`.trim();
  const client = createSheetsClient(sheets, found.apiUrl);
  let values: string[][];
  try {
    const response = await client.spreadsheets.values.get({ spreadsheetId: found.spreadsheetId, range: quoteSheetName(sheets.sheetName) });
    values = (response.data.values ?? []) as string[][];
  } catch (error) {
    const described = describeSheetsError(error, sheets.sheetName);
    return fail(subject, described.message, readFix(described.httpStatus, sheets.sheetName, found.account));
  }
  let mapped;
  try {
    mapped = mapSheet(values, sheets.columns, new StatusVocabulary(sheets.statusWords));
  } catch (error) {
    if (!(error instanceof SheetLayoutError)) throw error;
  }
  ctx.sheet = { client, spreadsheetId: found.spreadsheetId, values, mapped, account: found.account };
  const where = found.where === "Google" ? "" : `${found.where}: `;
  return ok(subject, `${where}tab "${sheets.sheetName}" read, ${values.length} rows`);
}

function readFix(status: number | undefined, tab: string, account: string | undefined): string {
  switch (status) {
    case 404:
      return "set GOOGLE_SPREADSHEET_ID to the id in the sheet's address (between /d/ and /edit)";
    case 403:
      return `share the sheet with ${account ?? "the service account's e-mail"} as an editor`;
    case 400:
      return `name the tab "${tab}" in the sheet, or set GOOGLE_SHEET_NAME to the tab that holds the books`;
    case 401:
      return "the key was not accepted: create a new JSON key for the service account";
    case 429:
      return "Google's read quota is spent for this minute: wait a minute and run the doctor again";
    case undefined:
      return "check that this machine reaches the Sheets API (or SHEETS_API_URL)";
    default:
      return "try again in a minute; if it persists, look at https://www.google.com/appsstatus";
  }
}
