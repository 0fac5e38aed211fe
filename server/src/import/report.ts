import type { LoanKind, LoanPlan } from "./plan-loans.ts";
import type { ReaderPlan } from "./plan-readers.ts";

/**
 * The import's summary, as lines for the person running it: what was (or, in a dry run, would be) written,
 * and every old record left behind with the reason, so that they can put it right and run the import again.
 */

export interface ImportReport {
  source: string;
  target: string;
  dryRun: boolean;
  books: number;
  sheetName: string;
  oldUsers: number;
  readers: ReaderPlan;
  loans: LoanPlan;
  /** A dry run against a database that is not there or not migrated yet. */
  assumedEmpty: boolean;
}

export function reportLines(report: ImportReport): string[] {
  const { readers, loans } = report;
  const lines = [
    `kurin-bot → kurin: from ${report.source} into ${report.target}`,
    ...(report.dryRun ? ["DRY RUN: nothing is written. This is what the import would do:"] : []),
    ...(report.assumedEmpty ? [`  (kurin's database is not there or not migrated yet: taken as empty)`] : []),
    `The Sheet: ${report.books} books read once (tab ${report.sheetName}); nothing is written to it.`,
    `Readers: ${report.oldUsers} in the old bot: ${readers.create.length} new, ${readers.link.length} matched to a kurin reader with the same Telegram id, ${readers.importedBefore} imported before, ${readers.skipped.size} skipped`,
    `  phones: ${readers.phones.normalised} normalised (${readers.phones.fromLocal} from the local form 0XX…), ${readers.phones.kept.length} kept as written, ${readers.phones.none} without a phone`,
    ...readers.phones.kept.map(({ reader, phone }) => `  phone kept as written (not a number kurin can read): ${reader}: "${phone}"`),
    ...[...readers.skipped].map(([id, why]) => `  skipped old user ${id}: ${why}`),
    `Librarians (--admin-ids): ${readers.librarians.length === 0 ? "none" : readers.librarians.join("; ")}`,
    ...readers.unknownAdmins.map((id) => `  admin ${id} is not a reader to make librarian: list it in LIBRARIAN_TELEGRAM_IDS, and they become one when they first write to the bot`),
    `Closed loans: ${count(loans, "closed")} as history, ${count(loans, "returned")} returned and waiting for a librarian's confirmation (the Sheet shows "returned")`,
    `Open loans matched with the Sheet: ${count(loans, "pickedUp") + count(loans, "booked") + count(loans, "delivered")} (${count(loans, "pickedUp")} on loan with a due date, ${count(loans, "booked")} booked, ${count(loans, "delivered")} delivered)`,
    ...loans.dueDateNotes.map((note) => `  ${note}`),
    `Loans imported before: ${loans.importedBefore}`,
    `Mismatches: ${loans.mismatches.length}${loans.mismatches.length > 0 ? " old loans not imported (put the Sheet or the old record right, then run again):" : ""}`,
    ...loans.mismatches.map((m) => `  old loan ${m.oldLoanId}, book ${m.bookId}, ${m.reader}: ${m.why}`),
    outcome(report),
  ];
  return lines;
}

/** Whether the plan writes anything at all. */
export function hasWrites(readers: ReaderPlan, loans: LoanPlan): boolean {
  return readers.create.length + readers.link.length + readers.promote.length + loans.create.length > 0;
}

function outcome(report: ImportReport): string {
  if (!hasWrites(report.readers, report.loans)) return "Nothing to write: kurin has all of it already.";
  if (report.dryRun) return "Dry run: nothing was written. Run again without --dry-run to import.";
  return "Written in one transaction.";
}

function count(plan: LoanPlan, kind: LoanKind): number {
  return plan.create.filter((loan) => loan.kind === kind).length;
}
