import { describe, expect, it } from "vitest";
import { BookStatus, type Book } from "../../src/catalog/book.ts";
import { Role } from "../../src/db/client.ts";
import type { OldLoan, OldUser } from "../../src/import/old-bot-database.ts";
import { parseArgs, UsageError } from "../../src/import/cli.ts";
import { importPhone } from "../../src/import/phones.ts";
import { planLoans, type LoanContext } from "../../src/import/plan-loans.ts";
import { planReaders, type KurinReader } from "../../src/import/plan-readers.ts";

/** The import's decisions, without databases: phones, readers, and each old loan against the Sheet. */

const NOW = new Date("2026-12-02T10:00:00Z");

describe("importPhone", () => {
  it("normalises as setMyPhone does, gives a local Ukrainian number its country code, keeps what it cannot read", () => {
    expect(importPhone("380501234567")).toEqual({ kind: "normalised", phone: "+380501234567", fromLocal: false });
    expect(importPhone("+38 (050) 123-45-67")).toEqual({ kind: "normalised", phone: "+380501234567", fromLocal: false });
    expect(importPhone("067 123 45 67")).toEqual({ kind: "normalised", phone: "+380671234567", fromLocal: true });
    expect(importPhone("8 067 123-45-67")).toEqual({ kind: "normalised", phone: "+380671234567", fromLocal: true });
    expect(importPhone("тел. 12-34")).toEqual({ kind: "kept", phone: "тел. 12-34" });
    expect(importPhone("  ")).toEqual({ kind: "none" });
    expect(importPhone(null)).toEqual({ kind: "none" });
  });
});

const user = (id: number, telegramId: string, phone = ""): OldUser => ({ id, name: `Читач ${id}`, phone, telegramId, createdAt: null });
const kurinReader = (id: number, telegramId: string, extra: Partial<KurinReader> = {}): KurinReader => ({
  id, telegramId, name: `kurin ${id}`, role: Role.READER, phone: null, kurinBotUserId: null, ...extra,
});

describe("the command's arguments", () => {
  it("takes --from (the old bot's mysql+pymysql:// form too), --admin-ids and --dry-run", () => {
    const options = parseArgs(["--from=mysql+pymysql://kurin_user:pw@db:3306/kurin_bot", "--admin-ids", " 123, 456,123 ", "--dry-run"]);
    expect(options).toEqual({ from: new URL("mysql://kurin_user:pw@db:3306/kurin_bot"), adminIds: ["123", "456"], dryRun: true });
  });

  it("refuses what it cannot use, saying what is wrong", () => {
    expect(() => parseArgs([])).toThrow(UsageError);
    expect(() => parseArgs([])).toThrow(/--from is required/);
    expect(() => parseArgs(["--from"])).toThrow(/--from needs a value/);
    expect(() => parseArgs(["--from", "mysql://db/kurin_bot", "--admin-ids", "123,@olena"])).toThrow(/--admin-ids takes Telegram ids \(numbers\), comma-separated; not "@olena"/);
    expect(() => parseArgs(["--from", "mysql://db/kurin_bot", "--force"])).toThrow(/Unexpected argument "--force"/);
    expect(() => parseArgs(["--from", "not a url"])).toThrow(/is not a URL/);
  });
});

describe("planReaders", () => {
  it("matches a reader kurin knows by Telegram id (phone only where it has none), skips an id that is not a number", () => {
    const plan = planReaders(
      [user(1, "501", "0501112233"), user(2, "502", "0502223344"), user(3, "@olena"), user(4, "504")],
      [kurinReader(10, "501"), kurinReader(11, "502", { phone: "+380999999999" })],
      ["504", "777"],
      NOW,
    );
    expect(plan.link).toEqual([
      { readerId: 10, oldUserId: 1, phone: "+380501112233" },
      { readerId: 11, oldUserId: 2 },
    ]);
    expect(plan.skipped).toEqual(new Map([[3, 'its Telegram id "@olena" is not a number']]));
    expect(plan.create.map((r) => [r.oldUserId, r.telegramId, r.role, r.createdAt])).toEqual([[4, 504n, Role.LIBRARIAN, NOW]]);
    expect(plan.unknownAdmins).toEqual(["777"]);
  });

  it("makes an existing reader a librarian once, and never takes the role away", () => {
    const readers = [kurinReader(10, "501", { kurinBotUserId: 1 }), kurinReader(11, "502", { kurinBotUserId: 2, role: Role.LIBRARIAN })];
    const plan = planReaders([user(1, "501"), user(2, "502")], readers, ["501"], NOW);
    expect(plan.importedBefore).toBe(2);
    expect(plan.promote).toEqual([{ readerId: 10, label: "Читач 1 (telegram 501, old user 1)" }]);
    const again = planReaders([user(1, "501"), user(2, "502")], [{ ...readers[0]!, role: Role.LIBRARIAN }, readers[1]!], ["501"], NOW);
    expect(again.promote).toEqual([]);
  });
});

const sheetBook = (id: string, status: BookStatus, statusRaw: string, dueDate: string | null = null): Book => ({
  id, title: `Книга ${id}`, author: null, edition: null, pages: null, description: null, categories: [], dueDate, statusRaw, status,
});
const oldLoan = (id: number, userId: number, bookId: number, extra: Partial<OldLoan> = {}): OldLoan => ({
  id, userId, bookId, pickedUpAt: null, dueAt: null, returned: false, returnedAt: null, ...extra,
});

function context(books: Book[], extra: Partial<LoanContext> = {}): LoanContext {
  return {
    books: new Map(books.map((b) => [b.id, b])),
    importedLoanIds: new Set(),
    openLoans: new Map(),
    skippedUsers: new Map(),
    labels: new Map([[1, "Олена"], [2, "Тарас"]]),
    timeZone: "Europe/Kyiv",
    loanPeriodDays: 14,
    now: NOW,
    ...extra,
  };
}

describe("planLoans", () => {
  it("reports both of two open loans of one book (the old bot's double booking) and imports neither", () => {
    const plan = planLoans([oldLoan(1, 1, 7), oldLoan(2, 2, 7)], context([sheetBook("7", BookStatus.BOOKED, "booked")]));
    expect(plan.create).toEqual([]);
    expect(plan.mismatches.map((m) => [m.oldLoanId, m.why])).toEqual([
      [1, "the old bot also has it open for Тарас (old loan 2): kurin lends a book to one reader at a time"],
      [2, "the old bot also has it open for Олена (old loan 1): kurin lends a book to one reader at a time"],
    ]);
  });

  it("takes the due date the Sheet shows when a librarian moved it, at the old time of day, and says so", () => {
    const pickedUpAt = new Date("2026-11-25T09:30:00Z");
    const dueAt = new Date("2026-12-09T09:30:00Z");
    const plan = planLoans([oldLoan(1, 1, 7, { pickedUpAt, dueAt })], context([sheetBook("7", BookStatus.PICKED_UP, "booked", "2026-12-16")]));
    expect(plan.create.map((l) => [l.kind, l.pickedUpAt, l.dueAt])).toEqual([["pickedUp", pickedUpAt, new Date("2026-12-16T09:30:00Z")]]);
    expect(plan.dueDateNotes).toEqual(["Олена, book 7: due 2026-12-16 as the Sheet says (the old database: 2026-12-09)"]);
  });

  it("reports a pickup the Sheet does not show, a book kurin lends already, and a reader not imported", () => {
    const pickedUpAt = new Date("2026-11-25T09:30:00Z");
    const plan = planLoans(
      [oldLoan(1, 1, 7, { pickedUpAt, dueAt: new Date("2026-12-09T09:30:00Z") }), oldLoan(2, 2, 8), oldLoan(3, 3, 9)],
      context([sheetBook("7", BookStatus.DELIVERED, "delivered"), sheetBook("8", BookStatus.BOOKED, "booked"), sheetBook("9", BookStatus.BOOKED, "booked")], {
        openLoans: new Map([["8", 41]]),
        skippedUsers: new Map([[3, 'its Telegram id "x" is not a number']]),
        labels: new Map([[1, "Олена"], [2, "Тарас"], [3, "Ярко"]]),
      }),
    );
    expect(plan.create).toEqual([]);
    expect(plan.mismatches.map((m) => [m.oldLoanId, m.why])).toEqual([
      [1, 'the Sheet shows "delivered" (delivered to the pickup point), but the old bot recorded its pickup on 2026-11-25'],
      [2, "kurin already has an open loan of it (loan 41)"],
      [3, 'its reader is not imported: its Telegram id "x" is not a number'],
    ]);
  });

  it("leaves a return waiting for confirmation only for the book's latest return while the Sheet shows it returned", () => {
    const loans = [
      oldLoan(1, 1, 7, { returned: true, pickedUpAt: new Date("2026-10-01T10:00:00Z"), returnedAt: new Date("2026-10-10T10:00:00Z") }),
      oldLoan(2, 2, 7, { returned: true, pickedUpAt: new Date("2026-11-01T10:00:00Z"), returnedAt: new Date("2026-11-20T10:00:00Z") }),
    ];
    const returned = planLoans(loans, context([sheetBook("7", BookStatus.RETURNED, "returned")]));
    expect(returned.create.map((l) => [l.oldLoanId, l.kind, l.confirmedAt])).toEqual([
      [1, "closed", new Date("2026-10-10T10:00:00Z")],
      [2, "returned", null],
    ]);
    const shelved = planLoans(loans, context([sheetBook("7", BookStatus.AVAILABLE, "")]));
    expect(shelved.create.map((l) => l.kind)).toEqual(["closed", "closed"]);
  });
});
