import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSITIONS } from "../../src/loans/transitions.ts";
import { CRASHES, crashMidway, type Case, expectFinished, expectInterrupted, lastWrite, prepare, settledReports, unsettled } from "../support/crash-cases.ts";
import { eventually, openProcessLibrary, type ProcessLibrary } from "../support/process-library.ts";

// Invariant 2 through a real crash: kurin runs as its own process and is killed with SIGKILL after a status
// change's MySQL transaction committed and before its Sheet write landed (the Sheets emulator holds that write:
// received, never applied, never answered). No `finally` runs, so the book's lock stays in Redis until its TTL.
// A fresh process settles what was left by its own start-up repair, once the lock has expired.
// (Records younger than LOAN_REPAIR_AFTER_SECONDS: crash-young.test.ts.)

it("the table of crashes covers every transition", () => {
  expect(CRASHES.map((c) => c.transition).sort()).toEqual([...TRANSITIONS].sort());
});

describe("kurin killed (SIGKILL) between the MySQL commit and the Sheet write, in every transition", () => {
  const LOCK_TTL_MS = 20_000;
  let lib: ProcessLibrary;
  beforeAll(async () => {
    lib = await openProcessLibrary("crash");
  });
  afterAll(async () => {
    await lib?.stop();
  });

  it("leaves each book locked and its change PENDING; a fresh instance's start-up repair finishes 7, confirms 1 whose write landed, undoes 1 edited by hand", { timeout: 400_000 }, async () => {
    const settings = { LOAN_LOCK_TTL_MS: String(LOCK_TTL_MS), LOAN_REPAIR_SECONDS: "0" };
    const first = await lib.start({ ...settings, LOAN_REPAIR_AFTER_SECONDS: "3600" });
    const cases = await prepare(lib, first, [...CRASHES, CRASHES[0]!, CRASHES[0]!], 1);
    const [landed, handEdited] = cases.splice(-2) as [Case, Case];
    // One booking's write lands in the Sheet and only Google's answer is lost: the crash comes after the Sheet write.
    const answers = await crashMidway(lib, first, [...cases, landed, handEdited], new Map([[landed.bookId, { Status: "booked" }]]));
    expect(answers).toEqual(Array(cases.length + 2).fill("no answer"));

    await expectInterrupted(lib, [...cases, handEdited]);
    expect(await lib.redis.pttl(lib.keys.loanLock(landed.bookId))).toBeGreaterThan(0);
    expect(await lastWrite(lib, landed.bookId)).toMatchObject({ state: "PENDING", transition: "bookItem", toWord: "booked" });
    expect([lib.cell(landed.bookId), await lib.redis.get(lib.keys.status(landed.bookId))]).toEqual(["booked", ""]);
    // Meanwhile a librarian marks one of the books lost by hand: that edit must win over the unfinished booking.
    lib.emulator.setCell(handEdited.bookId, "Status", "загублена");

    // Only once every lock has expired by itself, a fresh instance that repairs at start-up only.
    const locks = [...cases, landed, handEdited].map((c) => lib.keys.loanLock(c.bookId));
    expect(await eventually(async () => (await lib.redis.exists(...locks)) === 0, LOCK_TTL_MS + 10_000)).toBe(true);
    lib.emulator.beforeWrite = undefined;
    const fresh = await lib.start({ ...settings, LOAN_REPAIR_AFTER_SECONDS: "2" });
    // The start-up pass logs its report once it is over (every lock given back).
    expect(await eventually(async () => settledReports(fresh).length > 0, 60_000)).toBe(true);
    expect(await unsettled(lib)).toBe(0);

    await expectFinished(lib, fresh, [...cases, landed]);
    expect(await lastWrite(lib, handEdited.bookId)).toMatchObject({ state: "UNDONE", transition: "bookItem" });
    expect(await lib.prisma.loan.count({ where: { bookId: handEdited.bookId } })).toBe(0);
    expect(lib.cell(handEdited.bookId)).toBe("загублена");
    expect(settledReports(fresh)).toMatchObject([{ finished: 7, confirmed: 1, undone: 1, reverted: 0, skipped: 0, failed: 0 }]);
  });
});
