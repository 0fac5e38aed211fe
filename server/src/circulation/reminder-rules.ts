import type { CirculationSettings } from "../config.ts";
import { daysBetween } from "./library-clock.ts";

/**
 * Which reminder a loan on loan is due for now, pure (docs/ARCHITECTURE.md, "Reminders"). One answer per
 * moment, and each answer is a (kind, round) that the outbox stores at most once: asking again, from another
 * instance or after a restart, names the same row.
 *
 *   before the due date, within dueSoonDays   DUE_SOON    round base
 *   on the due date, before dueAt             DUE_TODAY   round base
 *   past dueAt: the n-th period of overdueEveryDays, n ≤ overdueTimes
 *                                             OVERDUE     round base + n
 *
 * base = renewals × 100: a renewed loan gets its reminders again, for its new due date. A scheduler that was
 * down names only the current stage: missed reminders are not sent late, in a burst.
 */

export type ReminderKind = "DUE_SOON" | "DUE_TODAY" | "OVERDUE";

export const REMINDER_KINDS: readonly ReminderKind[] = ["DUE_SOON", "DUE_TODAY", "OVERDUE"];

/** Rounds of one renewal: overdue reminders are numbered below this. */
export const ROUNDS_PER_RENEWAL = 100;

const DAY_MS = 24 * 3600 * 1000;

export interface ReminderDue {
  kind: ReminderKind;
  round: number;
}

export function reminderDue(
  loan: { dueAt: Date; renewals: number },
  now: Date,
  settings: Pick<CirculationSettings, "dueSoonDays" | "overdueEveryDays" | "overdueTimes" | "timeZone">,
): ReminderDue | null {
  const base = loan.renewals * ROUNDS_PER_RENEWAL;
  if (now.getTime() > loan.dueAt.getTime()) {
    const n = Math.floor((now.getTime() - loan.dueAt.getTime()) / (settings.overdueEveryDays * DAY_MS)) + 1;
    return n <= settings.overdueTimes ? { kind: "OVERDUE", round: base + n } : null;
  }
  const daysLeft = daysBetween(now, loan.dueAt, settings.timeZone);
  if (daysLeft === 0) return { kind: "DUE_TODAY", round: base };
  if (daysLeft <= settings.dueSoonDays) return { kind: "DUE_SOON", round: base };
  return null;
}
