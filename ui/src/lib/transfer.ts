// Why: import and export's words and rules that need no DOM (the summary sentence, problem lines, export file names, column choices, when Import may run, which duplicates go in, where unknown categories go, what a slow import's progress bar says), kept pure for tests.
import type { CategoryChoice } from "../api/bindings/CategoryChoice";
import type { CategoryView } from "../api/bindings/CategoryView";
import type { ColumnChoice } from "../api/bindings/ColumnChoice";
import type { CurrencyInfo } from "../api/bindings/CurrencyInfo";
import type { DateFormatChoice } from "../api/bindings/DateFormatChoice";
import type { ExpenseFilter } from "../api/bindings/ExpenseFilter";
import type { ExportFormat } from "../api/bindings/ExportFormat";
import type { ImportBatchView } from "../api/bindings/ImportBatchView";
import type { ImportPreview } from "../api/bindings/ImportPreview";
import type { ImportProgress } from "../api/bindings/ImportProgress";
import type { PreviewRow } from "../api/bindings/PreviewRow";
import type { ProblemRow } from "../api/bindings/ProblemRow";
import type { SignChoice } from "../api/bindings/SignChoice";
import type { SkippedRow } from "../api/bindings/SkippedRow";
import type { TextEncodingChoice } from "../api/bindings/TextEncodingChoice";
import type { UnknownCategory } from "../api/bindings/UnknownCategory";
import { countLabel } from "./format";
import { formatMoney } from "./money";
import { daysInMonth, isIsoDate } from "./periods";

/** What the drop overlay and the pick dialog accept (Rust decides from the bytes, not the name). */
export const IMPORT_FORMATS = "CSV, TSV, XLSX, XLS or ODS";

export const DROP_TEXT = `Drop a bank export to import it — ${IMPORT_FORMATS}`;

/** Shown instead when a drop cannot open the import dialog right now. */
export const DROP_BLOCKED_TEXT = "Close the open dialog first, then drop the file again";

// ----- names of things ----------------------------------------------------------------------------------------------

export const DATE_FORMAT_LABELS: Readonly<Record<DateFormatChoice, string>> = {
  yearMonthDay: "Year-month-day (2025-03-14)",
  dayMonthYear: "Day/month/year (14/03/2025)",
  monthDayYear: "Month/day/year (03/14/2025)",
  excelSerial: "Spreadsheet day numbers (45730)",
};

export const ALL_DATE_FORMATS: readonly DateFormatChoice[] = ["dayMonthYear", "monthDayYear", "yearMonthDay", "excelSerial"];

/** The message beside the date format when the file's dates fit more than one. */
export const AMBIGUOUS_DATES_TEXT = "These dates read both ways (03/04/2025): choose the format";

export const ENCODING_LABELS: Readonly<Record<TextEncodingChoice, string>> = {
  utf8: "UTF-8",
  utf16: "UTF-16",
  windows1252: "Windows-1252 (older Windows exports)",
};

export const ALL_ENCODINGS: readonly TextEncodingChoice[] = ["utf8", "windows1252", "utf16"];

export const SIGN_LABELS: Readonly<Record<SignChoice, string>> = {
  spendingNegative: "Spending is negative (most bank exports)",
  spendingPositive: "Spending is positive",
};

/** A meaning a column of the file can have (the fields of `ColumnChoice`). */
export type ColumnRole = keyof ColumnChoice;

/** In the order the dialog shows them. */
export const COLUMN_ROLES: readonly ColumnRole[] = ["date", "amount", "debit", "credit", "description", "category", "notes", "paymentMethod"];

export const COLUMN_LABELS: Readonly<Record<ColumnRole, string>> = {
  date: "Date",
  amount: "Amount (signed)",
  debit: "Money out (debit)",
  credit: "Money in (credit)",
  description: "Description",
  category: "Category",
  notes: "Notes",
  paymentMethod: "Payment method",
};

/** The select of each role: `#import-col-date`, … `#import-col-payment`. */
export const COLUMN_IDS: Readonly<Record<ColumnRole, string>> = {
  date: "import-col-date",
  amount: "import-col-amount",
  debit: "import-col-debit",
  credit: "import-col-credit",
  description: "import-col-description",
  category: "import-col-category",
  notes: "import-col-notes",
  paymentMethod: "import-col-payment",
};

/** A header cell as an option's text: an empty header becomes "Column 3" (1-based, as a spreadsheet person counts). */
export function headerLabel(headers: readonly string[], index: number): string {
  const text = headers[index]?.trim() ?? "";
  return text === "" ? `Column ${index + 1}` : text;
}

/** The last part of a path, whichever separator the OS uses. */
export function fileNameOf(path: string): string {
  const parts = path.split(/[/\\]/u);
  return parts[parts.length - 1] || path;
}

// ----- columns ------------------------------------------------------------------------------------------------------

/**
 * The columns after giving `role` the column `index` (null: none). One column has one meaning, so another optional role
 * that had it lets go; a signed amount and debit/credit exclude each other, so choosing one clears the other. The date
 * always has a column: null for it changes nothing.
 */
export function chooseColumn(columns: ColumnChoice, role: ColumnRole, index: number | null): ColumnChoice {
  if (role === "date" && index === null) return columns;
  const next: ColumnChoice = { ...columns };
  if (index !== null) {
    for (const other of COLUMN_ROLES) {
      if (other !== role && other !== "date" && next[other] === index) next[other] = null;
    }
  }
  if (role === "date") next.date = index as number;
  else next[role] = index;
  if (index !== null && role === "amount") {
    next.debit = null;
    next.credit = null;
  }
  if (index !== null && (role === "debit" || role === "credit")) next.amount = null;
  return next;
}

/** What is missing before these columns can be read (Rust needs the amount, or both debit and credit), or null. */
export function columnsProblem(c: ColumnChoice): string | null {
  if (c.amount !== null) return null;
  if (c.debit !== null && c.credit !== null) return null;
  if (c.debit !== null) return "Choose the money in (credit) column too, or one signed amount column instead.";
  if (c.credit !== null) return "Choose the money out (debit) column too, or one signed amount column instead.";
  return "Choose the amount column, or the money out and money in columns.";
}

export function sameColumns(a: ColumnChoice, b: ColumnChoice): boolean {
  return COLUMN_ROLES.every((r) => a[r] === b[r]);
}

// ----- what will be imported ----------------------------------------------------------------------------------------

/** The lines of the likely duplicates the person ticked, in file order: what `includeDuplicates` sends. */
export function includedDuplicates(rows: readonly PreviewRow[], ticked: ReadonlySet<number>): number[] {
  return rows.filter((r) => r.duplicate && ticked.has(r.line)).map((r) => r.line);
}

/** How many expenses Import would add: the file's, less the duplicates left out. */
export function importCount(preview: Pick<ImportPreview, "rows" | "rowCount" | "duplicateCount">, ticked: ReadonlySet<number>): number {
  return preview.rowCount - preview.duplicateCount + includedDuplicates(preview.rows, ticked).length;
}

/** Their sum, minor units (Rust's total leaves every duplicate out; the ticked ones are added back). */
export function importTotal(preview: Pick<ImportPreview, "rows" | "total">, ticked: ReadonlySet<number>): number {
  let total = preview.total;
  for (const r of preview.rows) if (r.duplicate && ticked.has(r.line)) total += r.amount;
  return total;
}

const plural = (n: number, one: string, other: string, locale?: string) => countLabel(n, one, other, locale);

/**
 * The dialog's summary: "38 expenses, €1,234.56 · 2 likely duplicates left out · 3 rows skipped · 1 problem"
 * (parts with nothing to say are left out; ticked duplicates count in, and say "included" once all are).
 */
export function importSummary(
  preview: Pick<ImportPreview, "rows" | "rowCount" | "duplicateCount" | "total" | "skippedCount" | "problemCount">,
  ticked: ReadonlySet<number>,
  currency: CurrencyInfo,
  locale?: string,
): string {
  const parts = [`${plural(importCount(preview, ticked), "expense", "expenses", locale)}, ${formatMoney(importTotal(preview, ticked), currency, locale)}`];
  if (preview.duplicateCount > 0) {
    const leftOut = preview.duplicateCount - includedDuplicates(preview.rows, ticked).length;
    parts.push(
      leftOut > 0
        ? `${plural(leftOut, "likely duplicate", "likely duplicates", locale)} left out`
        : `${plural(preview.duplicateCount, "likely duplicate", "likely duplicates", locale)} included`,
    );
  }
  if (preview.skippedCount > 0) parts.push(`${plural(preview.skippedCount, "row", "rows", locale)} skipped`);
  if (preview.problemCount > 0) parts.push(plural(preview.problemCount, "problem", "problems", locale));
  return parts.join(" · ");
}

/** "Row 5, “Transaction Date”: “13/01/2025” is not a date" (the column left out when the file has no header for it). */
export function problemLine(p: ProblemRow, locale?: string): string {
  const row = `Row ${new Intl.NumberFormat(locale).format(p.line)}`;
  return p.column.trim() === "" ? `${row}: ${p.reason}` : `${row}, “${p.column}”: ${p.reason}`;
}

/** "Row 4: money coming in (income or a refund)". */
export function skippedLine(s: SkippedRow, locale?: string): string {
  return `Row ${new Intl.NumberFormat(locale).format(s.line)}: ${s.reason}`;
}

/** The leave-out checkbox's label. */
export function leaveOutLabel(problemCount: number, locale?: string): string {
  return `Import the other rows and leave out the ${plural(problemCount, "row", "rows", locale)} with problems`;
}

/** The commit button: "Import 38 expenses", "Import 1 expense". */
export function commitLabel(count: number, locale?: string): string {
  return count > 0 ? `Import ${plural(count, "expense", "expenses", locale)}` : "Import";
}

/** What the commit decision looks at. */
export interface CommitCheck {
  /** `columnsProblem` of the columns as chosen. */
  columnsProblem: string | null;
  /** The date format is known: detected by Rust or chosen by the person. */
  datesResolved: boolean;
  problemCount: number;
  leaveOutProblems: boolean;
  /** `importCount`. */
  count: number;
  defaultCategoryId: number | null;
}

/** Why Import cannot run yet (the button is disabled and says so), or null when it can. */
export function commitBlocker(c: CommitCheck, locale?: string): string | null {
  if (c.columnsProblem !== null) return c.columnsProblem;
  if (!c.datesResolved) return "Choose how the dates are written first.";
  if (c.problemCount > 0 && !c.leaveOutProblems) {
    return `${plural(c.problemCount, "row", "rows", locale)} cannot be read: fix the file, or tick the box to leave ${c.problemCount === 1 ? "it" : "them"} out.`;
  }
  if (c.count === 0) return "Nothing to import: tick a likely duplicate to import it anyway.";
  if (c.defaultCategoryId === null) return "Choose the category for rows without one.";
  return null;
}

// ----- categories ---------------------------------------------------------------------------------------------------

/** The category for rows whose file names none: "Other" if there is one, else the first. */
export function defaultCategoryFor(categories: readonly Pick<CategoryView, "id" | "name">[]): number | null {
  const other = categories.find((c) => c.name.trim().toLowerCase() === "other");
  return other?.id ?? categories[0]?.id ?? null;
}

/**
 * Where each unknown category goes, keeping what the person already chose for a name: Rust's suggestion when that
 * category exists, else null ("create it").
 */
export function categoryMapDefaults(
  unknown: readonly UnknownCategory[],
  categories: readonly Pick<CategoryView, "id">[],
  chosen: ReadonlyMap<string, number | null> = new Map(),
): Map<string, number | null> {
  const ids = new Set(categories.map((c) => c.id));
  const map = new Map<string, number | null>();
  for (const u of unknown) {
    const kept = chosen.get(u.name);
    if (kept !== undefined && (kept === null || ids.has(kept))) map.set(u.name, kept);
    else map.set(u.name, u.suggestion !== null && ids.has(u.suggestion) ? u.suggestion : null);
  }
  return map;
}

/** The wire list, one per unknown name, in the order Rust listed them. */
export function categoryChoices(unknown: readonly UnknownCategory[], map: ReadonlyMap<string, number | null>): CategoryChoice[] {
  return unknown.map((u) => ({ name: u.name, categoryId: map.get(u.name) ?? null }));
}

// ----- a slow preview or import -------------------------------------------------------------------------------------

/** The progress bar and its Cancel appear once a preview or an import has run this long. */
export const IMPORT_SLOW_MS = 500;

/** Said in the dialog when the person cancelled the import: it stays open on the preview. */
export const IMPORT_CANCELLED_NOTE = "Import cancelled — nothing was imported.";

/** The toast when the person cancelled reading the file: the dialog has closed. */
export const IMPORT_CANCELLED_TOAST = "Import cancelled.";

/** What the progress bar shows: its words, and how full it is (null: not known, so the bar is indeterminate). */
export interface ProgressView {
  text: string;
  /** 0 to 100, whole. */
  percent: number | null;
}

/**
 * The progress of a running preview or import. Writing with a known `total` (what the Import button said): a determinate
 * bar, "Importing 120,000 of 1,000,000 expenses…". Rust counts the file's data rows, skipped and left-out ones too, so
 * rows past the total are shown as the total (100 %). Reading, or no total: an indeterminate bar, "Reading the file…
 * 250,000 rows so far" ("Importing… 250,000 rows so far"), the count left out until there is one.
 */
export function importProgressView(progress: ImportProgress, total: number | null, locale?: string): ProgressView {
  const number = new Intl.NumberFormat(locale);
  const rows = Math.max(0, Math.floor(progress.rows));
  if (progress.phase === "writing" && total !== null && total > 0) {
    const done = Math.min(rows, total);
    return {
      text: `Importing ${number.format(done)} of ${plural(total, "expense", "expenses", locale)}…`,
      percent: Math.min(100, Math.floor((done * 100) / total)),
    };
  }
  const doing = progress.phase === "writing" ? "Importing…" : "Reading the file…";
  return { text: rows === 0 ? doing : `${doing} ${plural(rows, "row", "rows", locale)} so far`, percent: null };
}

// ----- export -------------------------------------------------------------------------------------------------------

const wholeMonth = (from: string, to: string) =>
  from.slice(0, 7) === to.slice(0, 7) && from.endsWith("-01") && Number(to.slice(8)) === daysInMonth(Number(to.slice(0, 4)), Number(to.slice(5, 7)));

/**
 * The save dialog's suggested name: "coffer-expenses-2026-11-24.csv" (today's date), or after the filter's dates:
 * "coffer-expenses-2026-11.xlsx" (a whole month), "coffer-expenses-2026.csv" (a whole year),
 * "coffer-expenses-2026-01-15-to-2026-03-31.csv", "coffer-expenses-from-2026-01-01.csv", "coffer-expenses-to-2026-03-31.csv".
 */
export function exportFileName(format: ExportFormat, filter: Pick<ExpenseFilter, "from" | "to"> | null, today: string): string {
  const from = filter?.from != null && isIsoDate(filter.from) ? filter.from : null;
  const to = filter?.to != null && isIsoDate(filter.to) ? filter.to : null;
  let span: string;
  if (from !== null && to !== null) {
    if (from.slice(5) === "01-01" && to.slice(5) === "12-31" && from.slice(0, 4) === to.slice(0, 4)) span = from.slice(0, 4);
    else if (wholeMonth(from, to)) span = from.slice(0, 7);
    else if (from === to) span = from;
    else span = `${from}-to-${to}`;
  } else if (from !== null) span = `from-${from}`;
  else if (to !== null) span = `to-${to}`;
  else span = today;
  return `coffer-expenses-${span}.${format}`;
}

/** The toast after an export: "Exported 1,234 expenses to coffer-expenses-2026-11-24.csv". */
export function exportedMessage(count: number, path: string, locale?: string): string {
  return `Exported ${plural(count, "expense", "expenses", locale)} to ${fileNameOf(path)}`;
}

// ----- after an import ----------------------------------------------------------------------------------------------

/** The toast after an import: "Imported 38 expenses from file.csv". */
export function importedMessage(batch: Pick<ImportBatchView, "count" | "fileName">, locale?: string): string {
  return `Imported ${plural(batch.count, "expense", "expenses", locale)} from ${batch.fileName}`;
}

/** The toast after Undo: "Removed the 38 expenses imported from file.csv". */
export function undoneMessage(removed: number, fileName: string, locale?: string): string {
  return removed === 1
    ? `Removed the expense imported from ${fileName}`
    : `Removed the ${plural(removed, "expense", "expenses", locale)} imported from ${fileName}`;
}

/** A past import's second line: "38 expenses · €1,234.56 · 24 Nov 2026, 14:05". */
export function batchDetails(batch: ImportBatchView, currency: CurrencyInfo, locale?: string, timeZone?: string): string {
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(batch.importedAt * 1000));
  return `${plural(batch.count, "expense", "expenses", locale)} · ${formatMoney(batch.total, currency, locale)} · ${when}`;
}

/** Said in the dialog when several files were dropped at once. */
export function severalFilesNote(paths: readonly string[], locale?: string): string | null {
  if (paths.length < 2) return null;
  return `You dropped ${plural(paths.length, "file", "files", locale)}; Coffer imports one at a time, so this is the first, “${fileNameOf(paths[0] ?? "")}”. Drop the others after it.`;
}
