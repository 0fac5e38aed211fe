import { z } from "zod";
import { int, unset } from "./config-values.ts";

/**
 * Circulation beyond the status changes: reminders, quiet hours, the librarians' morning summary (README,
 * "Circulation"). Part of config.ts's schema; the time zone is LIBRARY_TIME_ZONE, shared with lending.
 */

const clockTime = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day as HH:MM, e.g. 21:00")
      .default(fallback),
  );

export const circulationEnv = {
  // "Due in N days" is sent this many days before the due date (0: never).
  REMINDER_DUE_SOON_DAYS: int(2, 0, 60),
  // After the due date: an overdue reminder every this many days ...
  REMINDER_OVERDUE_EVERY_DAYS: int(3, 1, 60),
  // ... at most this many times (0: none).
  REMINDER_OVERDUE_TIMES: int(5, 0, 99),
  // How often each instance looks for reminders to write (every instance may; each is written once).
  REMINDER_CHECK_SECONDS: int(60, 0, 86_400),
  // Quiet hours in LIBRARY_TIME_ZONE: reminders written then wait until the end (equal times: no quiet hours).
  QUIET_HOURS_START: clockTime("21:00"),
  QUIET_HOURS_END: clockTime("09:00"),
  // Librarians get the summary of overdue loans once a day from this time (LIBRARY_TIME_ZONE).
  LIBRARIAN_SUMMARY_TIME: clockTime("09:00"),
  // Renewals: how many a reader may make of one loan (0: none; a librarian may always renew) ...
  RENEWALS_MAX: int(1, 0, 100),
  // ... how many days each adds to the due date (default: LOAN_PERIOD_DAYS) ...
  RENEWAL_DAYS: z.preprocess(unset, z.coerce.number().int().min(1).max(365).optional()),
  // ... and how many days past the due date a reader may still renew.
  RENEWAL_GRACE_DAYS: int(0, 0, 365),
  // Loans closed longer ago than this lose their reader (given to the anonymous reader); 0: kept forever.
  LOAN_HISTORY_DAYS: int(0, 0, 36_500),
  // The waiting list: holds a reader may have at once, and how long the first in line has to pick a book up.
  HOLDS_MAX: int(3, 0, 100),
  HOLD_PICKUP_HOURS: int(48, 1, 24 * 30),
};

export interface CirculationSettings {
  dueSoonDays: number;
  overdueEveryDays: number;
  overdueTimes: number;
  checkSeconds: number;
  /** Minutes after local midnight. */
  quietStart: number;
  quietEnd: number;
  summaryAt: number;
  timeZone: string;
  renewal: { maxRenewals: number; renewalDays: number; graceDays: number };
  /** 0: forever. */
  historyDays: number;
  holds: { max: number; pickupHours: number };
}

type CirculationEnv = z.infer<z.ZodObject<typeof circulationEnv>> & { LIBRARY_TIME_ZONE: string; LOAN_PERIOD_DAYS: number };

export function circulationSettings(e: CirculationEnv): CirculationSettings {
  return {
    dueSoonDays: e.REMINDER_DUE_SOON_DAYS,
    overdueEveryDays: e.REMINDER_OVERDUE_EVERY_DAYS,
    overdueTimes: e.REMINDER_OVERDUE_TIMES,
    checkSeconds: e.REMINDER_CHECK_SECONDS,
    quietStart: minutes(e.QUIET_HOURS_START),
    quietEnd: minutes(e.QUIET_HOURS_END),
    summaryAt: minutes(e.LIBRARIAN_SUMMARY_TIME),
    timeZone: e.LIBRARY_TIME_ZONE,
    historyDays: e.LOAN_HISTORY_DAYS,
    holds: { max: e.HOLDS_MAX, pickupHours: e.HOLD_PICKUP_HOURS },
    renewal: { maxRenewals: e.RENEWALS_MAX, renewalDays: e.RENEWAL_DAYS ?? e.LOAN_PERIOD_DAYS, graceDays: e.RENEWAL_GRACE_DAYS },
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}
