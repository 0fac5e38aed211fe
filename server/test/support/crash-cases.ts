import { expect } from "vitest";
import { BookStatus } from "../../src/catalog/book.ts";
import { LoanState, loanState } from "../../src/loans/rules.ts";
import type { Transition } from "../../src/loans/transitions.ts";
import type { KurinProcess } from "./kurin-process.ts";
import { MUTATIONS } from "./lending.ts";
import type { ProcessLibrary } from "./process-library.ts";

/**
 * Crashes in every transition, for the tests that kill a kurin process (loans/crash*.test.ts): the table of
 * transitions, bringing a book to where each starts, the kill itself, and what the stores must say after the
 * crash and after the repair.
 */

export interface Crash {
  transition: Transition;
  /** The steps that bring a book to where the transition can start. */
  before: Transition[];
  /** The loan as MySQL has it once the transition committed. */
  loan: LoanState;
  /** The book's status once the change reached the Sheet. */
  status: BookStatus;
}

const ON_LOAN: Transition[] = ["bookItem", "markAsDelivered", "markAsPickedUp"];

export const CRASHES: Crash[] = [
  { transition: "bookItem", before: [], loan: LoanState.BOOKED, status: BookStatus.BOOKED },
  { transition: "markAsDelivered", before: ["bookItem"], loan: LoanState.DELIVERED, status: BookStatus.DELIVERED },
  { transition: "markAsPickedUp", before: ["bookItem", "markAsDelivered"], loan: LoanState.PICKED_UP, status: BookStatus.PICKED_UP },
  { transition: "markAsReturnedByUser", before: ON_LOAN, loan: LoanState.RETURNED, status: BookStatus.RETURNED },
  { transition: "confirmBookReturn", before: [...ON_LOAN, "markAsReturnedByUser"], loan: LoanState.CLOSED, status: BookStatus.AVAILABLE },
  { transition: "cancelBooking", before: ["bookItem", "markAsDelivered"], loan: LoanState.CANCELLED, status: BookStatus.AVAILABLE },
  { transition: "renewLoan", before: ON_LOAN, loan: LoanState.PICKED_UP, status: BookStatus.PICKED_UP },
];

/** Steps only a librarian takes; a reader (the one whose loan it is) takes the others. */
const BY_LIBRARIAN = new Set<Transition>(["markAsDelivered", "confirmBookReturn"]);

export interface Case {
  crash: Crash;
  bookId: string;
  reader: number;
  /** The Status and due-date cells before the crashed change. */
  cells: { status: string; due: string };
}

const as = (c: Case, step: Transition) => (BY_LIBRARIAN.has(step) ? ("librarian" as const) : c.reader);

/** Brings each case's book to where its transition starts, through `kurin`, each step checked. */
export async function prepare(lib: ProcessLibrary, kurin: KurinProcess, crashes: Crash[], firstReader: number): Promise<Case[]> {
  const books = lib.availableBooks(crashes.length);
  const cases = crashes.map((crash, i) => ({ crash, bookId: books[i]!, reader: firstReader + i, cells: { status: "", due: "" } }));
  for (const c of cases) {
    for (const step of c.crash.before) {
      const result = await lib.gql(kurin, as(c, step), MUTATIONS[step], { bookId: c.bookId });
      expect(result.errors, `${step} of book ${c.bookId}`).toBeUndefined();
    }
    c.cells = { status: lib.cell(c.bookId), due: lib.cell(c.bookId, "Заброньовано до:") };
  }
  return cases;
}

/**
 * Starts every case's transition at once, waits until the Sheets emulator has received each one's write (so
 * each MySQL transaction has committed), and SIGKILLs the process. Returns what each request got back. The
 * writes of books in `landed` land (those cells set) and only their answers are lost.
 */
export async function crashMidway(lib: ProcessLibrary, kurin: KurinProcess, cases: Case[], landed?: ReadonlyMap<string, Record<string, string>>): Promise<string[]> {
  const received = lib.holdWrites(
    cases.map((c) => c.bookId),
    landed,
  );
  const answers = cases.map((c) =>
    lib.gql(kurin, as(c, c.crash.transition), MUTATIONS[c.crash.transition], { bookId: c.bookId }).then(
      (result) => `answered ${JSON.stringify(result)}`,
      () => "no answer",
    ),
  );
  await Promise.all(received.values());
  await kurin.kill("SIGKILL");
  return Promise.all(answers);
}

export const lastWrite = (lib: ProcessLibrary, bookId: string) => lib.prisma.sheetWrite.findFirstOrThrow({ where: { bookId }, orderBy: { id: "desc" } });
const loanOf = (lib: ProcessLibrary, bookId: string) => lib.prisma.loan.findFirstOrThrow({ where: { bookId }, orderBy: { id: "desc" } });

/** What a crash leaves: the change in MySQL, its record PENDING, the lock held; the Sheet and the cache as before. */
export async function expectInterrupted(lib: ProcessLibrary, cases: Case[]): Promise<void> {
  for (const c of cases) {
    const what = `${c.crash.transition} of book ${c.bookId}`;
    expect(await lib.redis.pttl(lib.keys.loanLock(c.bookId)), what).toBeGreaterThan(0);
    expect(await lastWrite(lib, c.bookId), what).toMatchObject({ transition: c.crash.transition, state: "PENDING", attempts: 0 });
    const loan = await loanOf(lib, c.bookId);
    expect(loanState(loan), what).toBe(c.crash.loan);
    if (c.crash.transition === "renewLoan") expect(loan.renewals, what).toBe(1);
    expect({ status: lib.cell(c.bookId), due: lib.cell(c.bookId, "Заброньовано до:") }, what).toEqual(c.cells);
    expect(await lib.redis.get(lib.keys.status(c.bookId)), what).toBe(c.cells.status);
  }
}

/** Settled: the record DONE, the Sheet, Redis and the API saying what MySQL says, the lock given back. */
export async function expectFinished(lib: ProcessLibrary, kurin: KurinProcess, cases: Case[]): Promise<void> {
  for (const c of cases) {
    const what = `${c.crash.transition} of book ${c.bookId}`;
    const write = await lastWrite(lib, c.bookId);
    expect(write.state, what).toBe("DONE");
    expect(lib.cell(c.bookId), what).toBe(write.toWord);
    if (write.toDueDate !== null) expect(lib.cell(c.bookId, "Заброньовано до:"), what).toBe(write.toDueDate);
    expect(await lib.redis.get(lib.keys.status(c.bookId)), what).toBe(write.toWord);
    expect(loanState(await loanOf(lib, c.bookId)), what).toBe(c.crash.loan);
    expect(await lib.redis.exists(lib.keys.loanLock(c.bookId)), what).toBe(0);
    const served = await lib.gql<{ book: { status: string } }>(kurin, "librarian", `query($id: ID!) { book(id: $id) { status } }`, { id: c.bookId });
    expect(served.data?.book.status, what).toBe(c.crash.status);
  }
}

export const settledReports = (kurin: KurinProcess) => kurin.logs.filter((line) => line.msg === "settled interrupted Sheet writes");
export const unsettled = (lib: ProcessLibrary) => lib.prisma.sheetWrite.count({ where: { state: { in: ["PENDING", "REVERT"] } } });

