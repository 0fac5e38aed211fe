import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRASHES, crashMidway, expectFinished, expectInterrupted, prepare, settledReports, unsettled } from "../support/crash-cases.ts";
import { eventually, openProcessLibrary, type ProcessLibrary } from "../support/process-library.ts";

// Invariant 2 through a real crash (as in crash.test.ts: a kurin process SIGKILLed between the MySQL commit and
// the Sheet write, in every transition): a fresh instance leaves records younger than LOAN_REPAIR_AFTER_SECONDS
// to the request that may still be making them, and settles them once they are that old.

describe("records younger than LOAN_REPAIR_AFTER_SECONDS after a crash", () => {
  let lib: ProcessLibrary;
  beforeAll(async () => {
    lib = await openProcessLibrary("crash-young");
  });
  afterAll(async () => {
    await lib?.stop();
  });

  it("are left alone by a fresh instance until they are that old, then settled by its periodic repair", { timeout: 400_000 }, async () => {
    const settings = { LOAN_LOCK_TTL_MS: "20000", LOAN_REPAIR_SECONDS: "1" };
    const first = await lib.start(settings);
    // Long enough for the fresh instance to start and look a few times while the records are young, on this
    // machine as busy as it is now (its first start says how busy).
    const REPAIR_AFTER_S = Math.max(15, Math.ceil((first.startupMs * 2.5) / 1000) + 5);
    const cases = await prepare(lib, first, CRASHES, 100);
    expect(await crashMidway(lib, first, cases)).toEqual(Array(cases.length).fill("no answer"));
    await expectInterrupted(lib, cases);
    lib.emulator.beforeWrite = undefined;

    const fresh = await lib.start({ ...settings, LOAN_REPAIR_AFTER_SECONDS: String(REPAIR_AFTER_S) });
    const records = await lib.prisma.sheetWrite.findMany({ where: { state: "PENDING" }, orderBy: { createdAt: "asc" } });
    expect(records).toHaveLength(cases.length);
    const oldEnoughAt = records[0]!.createdAt.getTime() + REPAIR_AFTER_S * 1000;
    // The fresh instance ran its start-up pass, and passes every second, while every record was young.
    expect(oldEnoughAt - Date.now(), "the fresh instance started too late to see the records young").toBeGreaterThan(3000);

    // Young: untouched, pass after pass (not one attempt), the Sheet and the cache as the crash left them.
    let looks = 0;
    while (Date.now() < oldEnoughAt - 1000) {
      expect(await lib.prisma.sheetWrite.findMany({ where: { id: { in: records.map((r) => r.id) } }, select: { state: true, attempts: true } })).toEqual(
        records.map(() => ({ state: "PENDING", attempts: 0 })),
      );
      for (const c of cases) {
        expect(lib.cell(c.bookId), c.crash.transition).toBe(c.cells.status);
        expect(await lib.redis.get(lib.keys.status(c.bookId)), c.crash.transition).toBe(c.cells.status);
      }
      looks++;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(looks).toBeGreaterThan(2);
    expect(settledReports(fresh)).toEqual([]);

    // Old enough: the next passes settle them all (each pass logs its report once it is over, locks given back).
    const settled = () => settledReports(fresh).reduce((sum, report) => sum + Number(report.finished), 0);
    expect(await eventually(async () => settled() === cases.length, 60_000)).toBe(true);
    expect(await unsettled(lib)).toBe(0);
    await expectFinished(lib, fresh, cases);
    for (const record of await lib.prisma.sheetWrite.findMany({ where: { id: { in: records.map((r) => r.id) } } })) {
      expect(record.updatedAt.getTime() - record.createdAt.getTime()).toBeGreaterThanOrEqual(REPAIR_AFTER_S * 1000);
    }
  });
});
