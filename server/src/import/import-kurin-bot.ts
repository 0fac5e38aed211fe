import { openCatalogue, type Cleanups } from "../app/parts.ts";
import type { Book } from "../catalog/book.ts";
import type { Config } from "../config.ts";
import { createPrisma } from "../db/client.ts";
import { databaseNameFromUrl, deployMigrations, ensureDatabase } from "../db/migrate.ts";
import type { Logger } from "../logger.ts";
import { EMPTY_STATE, kurinDatabaseReady, readKurinState, writePlan, type KurinState } from "./kurin-database.ts";
import { describeUrl, readOldBot, type OldBotData } from "./old-bot-database.ts";
import { planLoans } from "./plan-loans.ts";
import { planReaders } from "./plan-readers.ts";
import { hasWrites, reportLines, type ImportReport } from "./report.ts";

/**
 * Moving a library over from the old kurin-bot, in this order, so that anything that cannot be read stops the
 * import before kurin's database is touched:
 *
 *   1. the old bot's database: every user and loan (read only);
 *   2. the Sheet, ONCE, through kurin's own SheetCatalogue and configuration (read only: it shows the state);
 *   3. kurin's database (created and migrated, as `pnpm start` would; a dry run only reads it);
 *   4. the plan (plan-readers.ts, plan-loans.ts: pure), then ONE transaction, unless it is a dry run.
 *
 * Imported records carry their old ids (Reader.kurinBotUserId, Loan.kurinBotLoanId), so a second run finds
 * them and writes nothing.
 */

export interface ImportOptions {
  from: URL;
  /** The old bot's ADMIN_IDS: Telegram ids to make librarians. */
  adminIds: string[];
  dryRun: boolean;
}

export interface ImportDeps {
  config: Config;
  logger: Logger;
  now: Date;
}

export async function importKurinBot(options: ImportOptions, deps: ImportDeps): Promise<string[]> {
  const old = await readOldBot(options.from);
  const books = await readSheetOnce(deps.config, deps.logger);
  const databaseUrl = deps.config.databaseUrl;
  const assumedEmpty = await prepareKurinDatabase(databaseUrl, options.dryRun, deps.logger);
  const prisma = createPrisma(databaseUrl);
  try {
    const state = assumedEmpty ? EMPTY_STATE : await readKurinState(prisma, telegramIdsOf(old, options.adminIds), bookIdsOf(old));
    const report = plan(old, books, state, options, deps);
    if (!options.dryRun && hasWrites(report.readers, report.loans)) await writePlan(prisma, report.readers, report.loans.create);
    return reportLines({ ...report, source: describeUrl(options.from), target: `kurin's database ${databaseNameFromUrl(databaseUrl)}`, assumedEmpty });
  } finally {
    await prisma.$disconnect();
  }
}

type Plan = Omit<ImportReport, "source" | "target" | "assumedEmpty">;

function plan(old: OldBotData, books: Map<string, Book>, state: KurinState, options: ImportOptions, deps: ImportDeps): Plan {
  const readers = planReaders(old.users, state.readers, options.adminIds, deps.now);
  const loans = planLoans(old.loans, {
    books,
    importedLoanIds: state.importedLoanIds,
    openLoans: state.openLoans,
    skippedUsers: readers.skipped,
    labels: readers.labels,
    timeZone: deps.config.lending.timeZone,
    loanPeriodDays: deps.config.lending.loanPeriodDays,
    now: deps.now,
  });
  return { dryRun: options.dryRun, books: books.size, sheetName: deps.config.sheets.sheetName, oldUsers: old.users.length, readers, loans };
}

/** The catalogue as the Sheet shows it now: one read (the embedded demo catalogue when no sheet is configured). */
async function readSheetOnce(config: Config, logger: Logger): Promise<Map<string, Book>> {
  const stopping: Cleanups = [];
  try {
    const { catalogue } = await openCatalogue(config, logger, stopping);
    const read = await catalogue.readAll();
    return new Map(read.books.map((book) => [book.id, book]));
  } catch (error) {
    throw new Error(`Cannot read the Sheet (tab ${config.sheets.sheetName}): ${(error as Error).message}`, { cause: error });
  } finally {
    for (const stop of stopping.reverse()) await stop();
  }
}

/**
 * kurin's database made ready as `pnpm start` would (created, migrated); a dry run only looks. Returns whether
 * a dry run must take it as empty (not there, or not migrated to this version).
 */
async function prepareKurinDatabase(databaseUrl: string, dryRun: boolean, logger: Logger): Promise<boolean> {
  try {
    if (dryRun) return !(await kurinDatabaseReady(databaseUrl));
    await ensureDatabase(databaseUrl);
    await deployMigrations(databaseUrl, { logger });
    return false;
  } catch (error) {
    throw new Error(`Cannot use kurin's database ${databaseNameFromUrl(databaseUrl)} (DATABASE_URL): ${(error as Error).message}`, { cause: error });
  }
}

function telegramIdsOf(old: OldBotData, adminIds: readonly string[]): bigint[] {
  const ids = [...old.users.map((u) => u.telegramId.trim()), ...adminIds].filter((id) => /^-?\d{1,19}$/.test(id));
  return [...new Set(ids)].map(BigInt).filter((id) => id <= 2n ** 63n - 1n && id >= -(2n ** 63n - 1n));
}

function bookIdsOf(old: OldBotData): string[] {
  return [...new Set(old.loans.map((l) => String(l.bookId)))];
}
