import type { sheets_v4 } from "@googleapis/sheets";
import type { Config } from "../config.ts";
import type { MappedSheet } from "../catalog/row-mapping.ts";
import type { Outcome } from "./outcome.ts";

/** What the checks share: the environment, the configuration once valid, and the Sheet's one read. */
export interface DoctorContext {
  env: Record<string, string | undefined>;
  /** Set by the configuration check when the configuration is valid. */
  config?: Config;
  /** Set by the spreadsheet check after its one read. */
  sheet?: SheetFindings;
  /** Undone, in reverse, when the run ends (an embedded emulator, connections). */
  cleanups: Array<() => Promise<unknown>>;
}

export interface SheetFindings {
  client: sheets_v4.Sheets;
  spreadsheetId: string;
  /** The values of the tab, as read. */
  values: string[][];
  /** The rows as kurin maps them; undefined when the header row was not found. */
  mapped?: MappedSheet;
  /** The service account's e-mail, when signing in to Google. */
  account?: string;
}

/** One step of the doctor: what it found, in one or more lines. */
export type Check = (ctx: DoctorContext) => Promise<Outcome[]>;
