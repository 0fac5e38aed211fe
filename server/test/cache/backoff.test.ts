import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// After a failed Sheets read kurin waits an exponentially growing (jittered) delay before the next one, up to
// 30 s, and a success ends the backoff. Counted in steps of a simulated clock: one forced refresh (what the poll
// and "Оновити каталог" do) every two simulated seconds, and which of them reached the Sheet.

const STEP_MS = 2000;
const PER_MINUTE = 60_000 / STEP_MS;

describe("the backoff after consecutive Sheets failures", () => {
  let t: TestKurin;
  let clock = Date.UTC(2026, 11, 2, 9, 0, 0);
  beforeAll(async () => {
    t = await startTestKurin("backoff-grows", { start: { now: () => clock } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** `steps` forced refreshes STEP_MS apart; the steps at which the Sheet was asked. */
  async function attempts(steps: number): Promise<number[]> {
    const asked: number[] = [];
    for (let step = 0; step < steps; step++) {
      clock += STEP_MS;
      const before = t.emulator.calls.reads;
      await t.kurin.books.refresh(0).catch(() => undefined);
      if (t.emulator.calls.reads > before) asked.push(step);
    }
    return asked;
  }
  const gaps = (steps: number[]) => steps.slice(1).map((step, i) => step - steps[i]!);
  const inMinute = (steps: number[], minute: number) => steps.filter((s) => Math.floor(s / PER_MINUTE) === minute).length;

  it("spaces the reads out more and more while the Sheet keeps failing, up to one every 30 s", async () => {
    t.emulator.setFaults({ failNext: { status: 500, count: 1_000_000, only: "read" } });
    t.emulator.resetCalls();
    const asked = await attempts(6 * PER_MINUTE); // six simulated minutes
    expect(t.emulator.calls.failed).toBe(asked.length); // every attempt failed, none was retried behind our back
    const spacing = gaps(asked);
    // The first retry comes at the next step (kurin's first wait is under 1.4 s); the last ones wait the full 30 s.
    expect(spacing[0]).toBe(1);
    expect(spacing.slice(-5)).toEqual(Array(5).fill(30_000 / STEP_MS));
    // More and more: the early gaps are shorter than the later ones, and the count per minute falls.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(spacing.slice(0, 4))).toBeLessThan(mean(spacing.slice(4, 8)));
    expect(mean(spacing.slice(4, 8))).toBeLessThan(mean(spacing.slice(-4)));
    expect(inMinute(asked, 0)).toBeGreaterThanOrEqual(6);
    expect(inMinute(asked, 5)).toBe(2);
    // Six minutes of a broken Sheet cost about what 30 s spacing allows, not the 50-a-minute budget.
    expect(asked.length).toBeLessThanOrEqual(6 + (6 * 60) / 30 + 2);
  }, 120_000);

  it("a success ends the backoff: the next failure is retried quickly again", async () => {
    t.emulator.setFaults({});
    clock = Math.max(clock, t.kurin.quota.backoffUntil);
    await expect(t.kurin.books.refresh(0)).resolves.toMatchObject({ kind: "read" });
    expect(t.kurin.quota.backoffUntil).toBe(0);
    t.emulator.setFaults({ failNext: { status: 500, count: 1_000_000, only: "read" } });
    const asked = await attempts(10);
    expect(asked[0]).toBe(0); // asked at once
    expect(gaps(asked)[0]).toBe(1);
    t.emulator.setFaults({});
  });
});
