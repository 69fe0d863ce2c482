// Why: every date the person reads goes through Intl here, so formatting follows their locale and stays testable.

/** Options a caller (or a test) may pin; by default the webview's locale and time zone are used. */
export interface FormatOptions {
  locale?: string | readonly string[];
  timeZone?: string;
}

/** Unix seconds (as sent over IPC) → Date. */
export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** A calendar date such as "24 November 2026" / "November 24, 2026"; an empty string for a timestamp that is not a finite number. */
export function formatDate(unixSeconds: number, options: FormatOptions = {}): string {
  if (!Number.isFinite(unixSeconds)) return "";
  const fmt = new Intl.DateTimeFormat(options.locale as string | string[] | undefined, {
    dateStyle: "long",
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  return fmt.format(fromUnixSeconds(unixSeconds));
}

/** A date with its time of day, such as "24 November 2026 at 14:05" / "November 24, 2026 at 2:05 PM"; empty for a timestamp that is not a finite number. */
export function formatDateTime(unixSeconds: number, options: FormatOptions = {}): string {
  if (!Number.isFinite(unixSeconds)) return "";
  const fmt = new Intl.DateTimeFormat(options.locale as string | string[] | undefined, {
    dateStyle: "long",
    timeStyle: "short",
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  return fmt.format(fromUnixSeconds(unixSeconds));
}

/** The same instant as a machine-readable value for `<time datetime>`. */
export function isoDate(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) return "";
  return fromUnixSeconds(unixSeconds).toISOString();
}

/**
 * The first user-perceived character of a name, upper-cased, for avatars.
 * Uses grapheme segmentation so "Élodie", "👩‍💻 Dev" or "ñu" keep their whole first character.
 */
export function initialOf(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") return "?";
  let first: string | undefined;
  if (typeof Intl.Segmenter === "function") {
    const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    first = seg.segment(trimmed)[Symbol.iterator]().next().value?.segment;
  }
  first ??= Array.from(trimmed)[0] ?? "?";
  return first.toLocaleUpperCase();
}

/** "1 expense", "1,234 expenses": the count in the locale's digits, with the English noun in the right number. */
export function countLabel(count: number, one: string, other: string, locale?: string): string {
  const noun = new Intl.PluralRules("en").select(count) === "one" ? one : other;
  return `${new Intl.NumberFormat(locale).format(count)} ${noun}`;
}
