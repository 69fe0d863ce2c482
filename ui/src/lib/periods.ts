// Why: calendar dates are `YYYY-MM-DD` strings in the person's local time; the presets and labels built from them take the clock as an argument so tests are exact.

/** A day range, both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

/** The period choices of the expense filter. */
export type PeriodPreset = "all" | "this-month" | "last-month" | "this-year" | "custom";

export const PERIOD_PRESETS: readonly PeriodPreset[] = ["all", "this-month", "last-month", "this-year", "custom"];

export function isPeriodPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DD` of a year, month (1-12) and day. */
export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The local calendar date of `now` (not UTC: at 00:30 in Paris it is already tomorrow here). */
export function todayIso(now: Date = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `text` is a real `YYYY-MM-DD` date (2025-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The first and last day of a month (1-12). */
export function monthRange(year: number, month: number): DateRange {
  return { from: isoDay(year, month, 1), to: isoDay(year, month, daysInMonth(year, month)) };
}

/** The range a preset stands for on the local date of `now`; null for "all" and "custom" (no fixed range). */
export function presetRange(preset: PeriodPreset, now: Date): DateRange | null {
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  switch (preset) {
    case "this-month":
      return monthRange(year, month);
    case "last-month":
      return month === 1 ? monthRange(year - 1, 12) : monthRange(year, month - 1);
    case "this-year":
      return { from: isoDay(year, 1, 1), to: isoDay(year, 12, 31) };
    case "all":
    case "custom":
      return null;
  }
}

/** `YYYY-MM` → the month before it, `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${pad(y - 1, 4)}-12` : `${pad(y, 4)}-${pad(m - 1)}`;
}

/** `YYYY-MM` → the month after it, `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${pad(y + 1, 4)}-01` : `${pad(y, 4)}-${pad(m + 1)}`;
}

/** The local month of `now`, `YYYY-MM`. */
export function currentMonth(now: Date = new Date()): string {
  return todayIso(now).slice(0, 7);
}

/** A `YYYY-MM-DD` or `YYYY-MM` as a UTC instant, so formatting in UTC shows exactly that calendar day. */
function utcInstant(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** "October" (or "October 2025" with the year) for `YYYY-MM`. */
export function monthLabel(month: string, locale?: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale, { month: "long", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(
    utcInstant(month),
  );
}

/** A `YYYY-MM-DD` for reading: "24 Nov 2026" / "Nov 24, 2026" (medium) or "24/11/2026" (short). */
export function formatDay(iso: string, locale?: string, style: "medium" | "short" | "long" = "medium"): string {
  if (!isIsoDate(iso)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(utcInstant(iso));
}
