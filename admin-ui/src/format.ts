/** Numbers and times as a Ukrainian reader expects them (1 234,5; 97,3 %; 14:03:07). */

const LOCALE = "uk-UA";
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const milliseconds = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: "2-digit", month: "2-digit", year: "numeric" });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 0.973 -> "97,3 %" */
export function formatRate(rate: number): string {
  return percent.format(rate);
}

export function formatMs(ms: number): string {
  return `${milliseconds.format(ms)} мс`;
}

export function formatTime(date: Date): string {
  return date.toLocaleTimeString(LOCALE);
}

/** An ISO time as дд.мм.рррр гг:хх:сс, or the text itself when it is not one. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateFormat.format(date)} ${date.toLocaleTimeString(LOCALE)}`;
}

/** "14:03" of a minute in the chart. */
export function formatMinute(iso: string): string {
  return new Date(iso).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
}

/** Ukrainian plural: plural(5, ["книга", "книги", "книг"]) -> "книг". */
export function plural(n: number, [one, few, many]: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const DAY_MS = 86_400_000;

/** дд.мм.рррр of an ISO time, or of a calendar date ("2026-12-02"), which is read as that day wherever the browser is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) return `${calendar[3]}.${calendar[2]}.${calendar[1]}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** дд.мм.рррр гг:хх */
export function formatDateAndTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateFormat.format(date)} ${formatMinute(iso)}`;
}

/** Whole days from a calendar date (YYYY-MM-DD) or an ISO time to `now`; 0 for today or the future. */
export function daysSince(value: string | null | undefined, now: Date = new Date()): number {
  if (!value) return 0;
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const start = calendar ? Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3])) : startOfUtcDay(new Date(value));
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.round((today - start) / DAY_MS));
}

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}
