import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../src/loans/rules.ts";
import { MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { createOldBotDatabase, type OldBotDatabase, type OldLoanRow, type OldUserRow } from "../support/old-bot-database.ts";

/**
 * `pnpm run import-kurin-bot`, run as an operator runs it, against the old bot's schema in a database of its
 * own, a kurin database and the Sheets emulator: what it writes, what it reports, and that a dry run, a second
 * run and every kind of failure write nothing.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DAY = 24 * 3600 * 1000;
const now = Date.now();
const at = (days: number) => new Date(Math.floor((now + days * DAY) / 1000) * 1000);
const kyivDate = (d: Date) => localDate(d, "Europe/Kyiv");
const dotted = (iso: string) => iso.split("-").reverse().join(".");

const HEADER = ["id", "Назва", "Автор", "Видавництво та рік видання", "К-сть с.", "Короткий опис", "Заброньовано до:", "Categories", "Status"];
const book = (id: string, title: string, author: string, due: string, status: string) => [id, title, author, "Фоліо, 2019", "320", "", due, "українська література", status];

// Тарас's book on loan, Ярина's overdue one (the due date as a Ukrainian-locale sheet shows it).
const tarasDue = at(7);
const yarynaDue = at(-6);
const SHEET = [
  HEADER,
  book("101", "Кобзар", "Тарас Шевченко", "", ""),
  book("102", "Тіні забутих предків", "Михайло Коцюбинський", kyivDate(tarasDue), "booked"),
  book("103", "Лісова пісня", "Леся Українка", "", "delivered"),
  book("104", "Захар Беркут", "Іван Франко", kyivDate(at(-2)), "returned"),
  book("105", "Intermezzo", "Михайло Коцюбинський", "", ""),
  book("106", "Місто", "Валер'ян Підмогильний", "", "booked"),
  book("107", "Сад Гетсиманський", "Іван Багряний", dotted(kyivDate(yarynaDue)), "booked"),
];

const USERS: OldUserRow[] = [
  { id: 1, name: "Олена Коваль", phone: "380671112233", telegram_id: "111001", created_at: at(-400) },
  { id: 2, name: "Тарас Шевчук", phone: "0671234567", telegram_id: "111002", created_at: at(-300) },
  { id: 3, name: "Марія Іваненко", phone: "", telegram_id: "111003", created_at: at(-200) },
  { id: 4, name: "Богдан Мельник", phone: "+38 (050) 765-43-21", telegram_id: "111004", created_at: at(-100) },
  { id: 5, name: "Ярина Бондар", phone: "тел. 12-34", telegram_id: "111005", created_at: at(-50) },
];

const open = (id: number, user: number, bookId: number, pickedUp: Date | null, due: Date | null): OldLoanRow => ({
  id, user_id: user, book_id: bookId, date_booked: pickedUp, expiry_date: due, returned: false, returned_at: null,
});
const returned = (id: number, user: number, bookId: number, pickedUp: Date, back: Date): OldLoanRow => ({
  id, user_id: user, book_id: bookId, date_booked: pickedUp, expiry_date: new Date(pickedUp.getTime() + 14 * DAY), returned: true, returned_at: back,
});
const LOANS: OldLoanRow[] = [
  returned(1, 1, 101, at(-90), at(-80)), // history
  open(2, 2, 102, at(-7), tarasDue), // Тарас: two open loans, one on loan...
  open(3, 2, 103, null, null), // ...and one delivered, waiting for him
  open(4, 3, 999, at(-10), at(4)), // a book no longer in the Sheet
  returned(5, 3, 104, at(-16), at(-2)), // back on the shelf, the librarian has not confirmed it
  open(6, 4, 105, null, null), // the Sheet shows it available: a mismatch
  open(7, 4, 106, null, null), // booked
  returned(8, 5, 102, at(-200), at(-190)), // history of a book now lent to someone else
  open(9, 5, 107, at(-20), yarynaDue), // overdue
];

function runImport(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("pnpm", ["run", "--silent", "import-kurin-bot", ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("pnpm run import-kurin-bot", () => {
  let k: LendingKurin;
  let old: OldBotDatabase;
  let env: Record<string, string>;
  const counts = async () => ({ readers: await k.kurin.prisma.reader.count(), loans: await k.kurin.prisma.loan.count() });

  beforeAll(async () => {
    k = await startLendingKurin("import", { emulator: { rows: SHEET } });
    old = await createOldBotDatabase(USERS, LOANS);
    env = {
      DATABASE_URL: k.databaseUrl,
      GOOGLE_SPREADSHEET_ID: k.emulator.spreadsheetId,
      SHEETS_API_URL: k.emulator.url,
      GOOGLE_SHEET_NAME: k.emulator.sheetName,
      LIBRARY_TIME_ZONE: "Europe/Kyiv",
    };
  }, 240_000);
  afterAll(async () => {
    await k?.stop();
    await old?.drop();
  });

  it("refuses a bad --from, an unreachable database, one without the old bot's tables, a Sheet or a kurin database it cannot use, writing nothing", async () => {
    const before = await counts();
    const empty = await createOldBotDatabase([], [], { schema: false });
    try {
      // Independent runs, none of which writes: side by side.
      const [badUrl, noDatabase, unreachable, missing, wrongSheet, noKurin] = await Promise.all([
        runImport(["--from", "postgres://root@127.0.0.1/kurin_bot"], env),
        runImport(["--from", "mysql://root@127.0.0.1"], env),
        runImport(["--from", "mysql://kurin_user:secret@127.0.0.1:1/kurin_bot"], env),
        runImport(["--from", empty.url], env),
        runImport(["--from", old.url], { ...env, GOOGLE_SPREADSHEET_ID: "not-the-library-sheet" }),
        runImport(["--from", old.url], { ...env, DATABASE_URL: "mysql://root@127.0.0.1:1/kurin" }),
      ]);
      expect(badUrl.code).not.toBe(0);
      expect(badUrl.stderr).toContain("--from must be a mysql:// URL");
      expect(noDatabase.code).not.toBe(0);
      expect(noDatabase.stderr).toContain("names no database");
      expect(unreachable.code).not.toBe(0);
      expect(unreachable.stderr).toContain("Cannot open the old bot's database mysql://kurin_user:***@127.0.0.1:1/kurin_bot");
      expect(unreachable.stderr).not.toContain("secret");
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain(`The database ${empty.name} has no table "users"`);
      expect(wrongSheet.code).not.toBe(0);
      expect(wrongSheet.stderr).toContain("Cannot read the Sheet (tab Books)");
      expect(noKurin.code).not.toBe(0);
      expect(noKurin.stderr).toContain("Cannot use kurin's database kurin (DATABASE_URL)");
    } finally {
      await empty.drop();
    }
    expect(await counts()).toEqual(before);
  }, 480_000);

  it("--dry-run prints the plan and writes nothing", async () => {
    const before = await counts();
    const run = await runImport(["--from", old.url, "--admin-ids", "111001", "--dry-run"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("DRY RUN: nothing is written.");
    expect(run.stdout).toContain("Readers: 5 in the old bot: 5 new, 0 matched to a kurin reader with the same Telegram id, 0 imported before, 0 skipped");
    expect(run.stdout).toContain("Open loans matched with the Sheet: 4 (2 on loan with a due date, 1 booked, 1 delivered)");
    expect(run.stdout).toContain("Dry run: nothing was written.");
    expect(await counts()).toEqual(before);
    expect(before).toEqual({ readers: 0, loans: 0 });
  }, 240_000);

  it("a failure half-way (the database refuses a loan) leaves nothing imported", async () => {
    const trigger = `CREATE TRIGGER import_test_refuse BEFORE INSERT ON \`Loan\` FOR EACH ROW BEGIN
      IF NEW.kurinBotLoanId = 9 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the disk is full (test)'; END IF; END`;
    await k.kurin.prisma.$executeRawUnsafe(trigger);
    try {
      const run = await runImport(["--from", old.url, "--admin-ids", "111001"], env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("import-kurin-bot failed, nothing was imported");
      expect(run.stderr).toContain("the disk is full (test)");
    } finally {
      await k.kurin.prisma.$executeRawUnsafe("DROP TRIGGER IF EXISTS import_test_refuse");
    }
    expect(await counts()).toEqual({ readers: 0, loans: 0 });
  }, 240_000);

  it("imports readers with their phones, history, open loans matched with the Sheet, librarians; reports the rest", async () => {
    const sheetBefore = { ...k.emulator.calls };
    const rowsBefore = k.emulator.rows();
    const run = await runImport(["--from", old.url, "--admin-ids", "111001,999999"], env);
    // The Sheet's values read once, nothing written.
    expect(k.emulator.calls.get + k.emulator.calls.batchGet - sheetBefore.get - sheetBefore.batchGet).toBe(1);
    expect(k.emulator.calls.writes).toBe(sheetBefore.writes);
    expect(k.emulator.rows()).toEqual(rowsBefore);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "The Sheet: 7 books read once (tab Books); nothing is written to it.",
        "  phones: 3 normalised (1 from the local form 0XX…), 1 kept as written, 1 without a phone",
        '  phone kept as written (not a number kurin can read): Ярина Бондар (telegram 111005, old user 5): "тел. 12-34"',
        "Librarians (--admin-ids): Олена Коваль (telegram 111001, old user 1)",
        "  admin 999999 is not a reader to make librarian: list it in LIBRARIAN_TELEGRAM_IDS, and they become one when they first write to the bot",
        'Closed loans: 2 as history, 1 returned and waiting for a librarian\'s confirmation (the Sheet shows "returned")',
        "Open loans matched with the Sheet: 4 (2 on loan with a due date, 1 booked, 1 delivered)",
        "Mismatches: 2 old loans not imported (put the Sheet or the old record right, then run again):",
        "  old loan 4, book 999, Марія Іваненко (telegram 111003, old user 3): the book is no longer in the Sheet",
        "  old loan 6, book 105, Богдан Мельник (telegram 111004, old user 4): the Sheet shows it available (Status and due date blank), but the old bot has it booked and not picked up",
        "Written in one transaction.",
      ]),
    );

    const readers = await k.kurin.prisma.reader.findMany({ orderBy: { kurinBotUserId: "asc" } });
    expect(readers.map((r) => [r.kurinBotUserId, r.telegramId.toString(), r.name, r.phone, r.role])).toEqual([
      [1, "111001", "Олена Коваль", "+380671112233", "LIBRARIAN"],
      [2, "111002", "Тарас Шевчук", "+380671234567", "READER"],
      [3, "111003", "Марія Іваненко", null, "READER"],
      [4, "111004", "Богдан Мельник", "+380507654321", "READER"],
      [5, "111005", "Ярина Бондар", "тел. 12-34", "READER"],
    ]);
    expect(readers[1]!.createdAt).toEqual(USERS[1]!.created_at);

    const loans = await k.kurin.prisma.loan.findMany({ orderBy: { kurinBotLoanId: "asc" }, include: { reader: true } });
    const shape = loans.map((l) => [l.kurinBotLoanId, l.reader.kurinBotUserId, l.bookId, l.openBookId, !!l.deliveredAt, l.pickedUpAt, l.dueAt, l.returnedAt, !!l.confirmedAt]);
    expect(shape).toEqual([
      [1, 1, "101", null, true, LOANS[0]!.date_booked, LOANS[0]!.expiry_date, LOANS[0]!.returned_at, true],
      [2, 2, "102", "102", true, LOANS[1]!.date_booked, tarasDue, null, false],
      [3, 2, "103", "103", true, null, null, null, false],
      [5, 3, "104", "104", true, LOANS[4]!.date_booked, LOANS[4]!.expiry_date, LOANS[4]!.returned_at, false],
      [7, 4, "106", "106", false, null, null, null, false],
      [8, 5, "102", null, true, LOANS[7]!.date_booked, LOANS[7]!.expiry_date, LOANS[7]!.returned_at, true],
      [9, 5, "107", "107", true, LOANS[8]!.date_booked, yarynaDue, null, false],
    ]);
    expect(loans[0]!.confirmedAt).toEqual(LOANS[0]!.returned_at);
  }, 240_000);

  it("run again, it changes nothing: same rows, same update times", async () => {
    const snapshot = async () => ({
      readers: (await k.kurin.prisma.reader.findMany({ orderBy: { id: "asc" } })).map((r) => [r.id, r.role, r.phone, r.updatedAt.toISOString()]),
      loans: (await k.kurin.prisma.loan.findMany({ orderBy: { id: "asc" } })).map((l) => [l.id, l.openBookId, l.updatedAt.toISOString()]),
    });
    const before = await snapshot();
    const run = await runImport(["--from", old.url, "--admin-ids", "111001"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Readers: 5 in the old bot: 0 new, 0 matched to a kurin reader with the same Telegram id, 5 imported before, 0 skipped");
    expect(run.stdout).toContain("Librarians (--admin-ids): Олена Коваль (telegram 111001, old user 1), a librarian already");
    expect(run.stdout).toContain("Loans imported before: 7");
    expect(run.stdout).toContain("Mismatches: 2 old loans not imported");
    expect(run.stdout).toContain("Nothing to write: kurin has all of it already.");
    expect(await snapshot()).toEqual(before);
  }, 240_000);

  it("a later run with another admin id makes that reader a librarian, and nothing else", async () => {
    const run = await runImport(["--from", old.url, "--admin-ids", "111001,111004"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Librarians (--admin-ids): Олена Коваль (telegram 111001, old user 1), a librarian already; Богдан Мельник (telegram 111004, old user 4)");
    const roles = await k.kurin.prisma.reader.findMany({ orderBy: { kurinBotUserId: "asc" }, select: { role: true } });
    expect(roles.map((r) => r.role)).toEqual(["LIBRARIAN", "READER", "READER", "LIBRARIAN", "READER"]);
    expect(await counts()).toEqual({ readers: 5, loans: 7 });
  }, 240_000);

  it("imported loans work with kurin's lending: the reader sees them, returns one, a librarian confirms an imported return", async () => {
    const taras = k.as({ token: k.tokens.bot, telegramUser: { id: 111002, first_name: "Тарас", last_name: "Шевчук" } });
    const mine = await taras.gql<{ me: { name: string; phone: string; loans: Array<{ bookId: string; state: string; dueDate: string | null; book: { title: string } }> } }>(
      "{ me { name phone loans(open: true) { bookId state dueDate book { title } } } }",
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me.phone).toBe("+380671234567");
    expect(mine.data!.me.loans.map((l) => [l.bookId, l.state, l.dueDate, l.book.title]).sort()).toEqual([
      ["102", "PICKED_UP", kyivDate(tarasDue), "Тіні забутих предків"],
      ["103", "DELIVERED", null, "Лісова пісня"],
    ]);

    const back = await taras.gql<{ markAsReturnedByUser: { state: string; book: { statusRaw: string } } }>(MUTATIONS.markAsReturnedByUser, { bookId: "102", photo: "AgACAgIAAxkBAAIB-shelf" });
    expect(back.errors).toBeUndefined();
    expect(back.data!.markAsReturnedByUser).toMatchObject({ state: "RETURNED", book: { statusRaw: "returned" } });

    const confirmed = await k.librarian().gql<{ confirmBookReturn: { state: string; book: { status: string } } }>(MUTATIONS.confirmBookReturn, { bookId: "104" });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmBookReturn).toMatchObject({ state: "CLOSED", book: { status: "AVAILABLE" } });
    const loan = await k.kurin.prisma.loan.findUniqueOrThrow({ where: { kurinBotLoanId: 5 } });
    expect(loan.openBookId).toBeNull();
    expect(loan.confirmedAt).not.toBeNull();
  }, 240_000);
});
