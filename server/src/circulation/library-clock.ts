import type { CirculationSettings } from "../config.ts";
import { formatterByZone, localDate } from "../loans/rules.ts";

/**
 * The library's wall clock (LIBRARY_TIME_ZONE), pure: the time of day, quiet hours, whole days between dates.
 * Written with Intl rather than a date library: these three questions need a dozen lines, and Intl already
 * carries the time-zone database.
 */

const DAY_MS = 24 * 3600 * 1000;

/** The HH:MM (00:00 to 23:59) formatter of a time zone. */
export const timeFormat = formatterByZone((timeZone) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));

/** Minutes after local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = timeFormat(timeZone).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}

/** Within quiet hours (start inclusive, end exclusive; the window may cross midnight; start = end: never). */
export function isQuiet(at: Date, settings: Pick<CirculationSettings, "quietStart" | "quietEnd" | "timeZone">): boolean {
  const { quietStart: start, quietEnd: end } = settings;
  if (start === end) return false;
  const m = localMinutes(at, settings.timeZone);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** Whole calendar days from the library's date of `from` to its date of `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date, timeZone: string): number {
  return Math.round((Date.parse(localDate(to, timeZone)) - Date.parse(localDate(from, timeZone))) / DAY_MS);
}

/** The library's date of `at` as a number, YYYYMMDD (the summary's round: one a day). */
export function dayNumber(at: Date, timeZone: string): number {
  return Number(localDate(at, timeZone).replaceAll("-", ""));
}
