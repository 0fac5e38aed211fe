import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthReport } from "../../src/health/health.ts";
import { availableBooks, codes, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// A Sheet without the due-date column: kurin reads it, says so once and clearly, and refuses the one step that
// must write that column with an error that names it (retrying could never help).

describe("a Sheet without the due-date column", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("no-due-column");
    const rows = t.emulator.rows();
    const due = rows[0]!.indexOf("Заброньовано до:");
    t.emulator.setRows(rows.map((row) => row.filter((_, i) => i !== due)));
    await t.kurin.books.refresh(0);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("is in the log, /health and sheetProblems, naming the column and what it stops", async () => {
    const logged = t.logs.filter((l) => JSON.stringify(l).includes('No column headed \\"Заброньовано до:\\": due dates cannot be read, and pickups cannot be recorded'));
    expect(logged).toHaveLength(1);
    const health = (await (await fetch(`${t.kurin.url}/health`, { headers: { authorization: `Bearer ${t.tokens.librarian}` } })).json()) as HealthReport;
    expect(health.status).toBe("degraded");
    expect(health.sheets).toBe('the Sheet has no column "Заброньовано до:": pickups cannot be recorded');
    const problems = await t.librarian().gql<{ sheetProblems: { rows: Array<{ kind: string; value: string }> } }>(`{ sheetProblems { rows { kind value } } }`);
    expect(problems.data!.sheetProblems.rows).toContainEqual({ kind: "MISSING_COLUMN", value: "Заброньовано до:" });
  });

  it("books and delivers as usual; a pickup is INVALID_TRANSITION naming the column, and changes nothing", async () => {
    const [bookId] = availableBooks(t, 1) as [string];
    expect((await t.reader(1).gql(MUTATIONS.bookItem, { bookId })).errors).toBeUndefined();
    expect((await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId })).errors).toBeUndefined();
    t.emulator.resetCalls();
    const pickup = await t.reader(1).gql(MUTATIONS.markAsPickedUp, { bookId });
    expect(codes(pickup)).toEqual(["INVALID_TRANSITION"]);
    expect(pickup.errors![0]!.message).toMatch(/^The Sheet has no "Заброньовано до:" column for due dates: a pickup cannot be recorded/);
    expect(t.emulator.calls.writes).toBe(0);
    expect(t.emulator.getCell(bookId, "Status")).toBe("delivered");
    const loan = await t.kurin.prisma.loan.findUniqueOrThrow({ where: { openBookId: bookId } });
    expect(loan.pickedUpAt).toBeNull();
  });
});
