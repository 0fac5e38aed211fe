/** Numbers and times as a Ukrainian reader expects them (1 234,5; 97,3 %; 14:03:07). */

const LOCALE = "uk-UA";
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const milliseconds = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

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

/** An ISO time as date and time, or the text itself when it is not one. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(LOCALE, { dateStyle: "short", timeStyle: "medium" });
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
