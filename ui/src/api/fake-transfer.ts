// Why: the dev-only fake's import and export: made-up bank exports (a German current account as CSV or as a two-sheet workbook, an ambiguous-date file, a large one, an unreadable one) read roughly as the Rust importer does, so the import dialog can be built in a plain browser; commit and undo act on the fake ledger.
//
// Which file is made up depends on the name: `.xlsx`/`.xls`/`.ods` → a workbook with the sheets "Umsätze" and
// "Kreditkarte" (debit and credit columns); a name with "ambiguous" → dates like 03/04/2025; "large" → 1,200 rows, whose
// preview and import are slow (about 1.5 s), report `import-progress` and can be cancelled (`FakeImportRuns`);
// "unreadable" or another extension → `import_unreadable`. An export path with "readonly" fails with `export_failed`.
import type { CategoryChoice } from "./bindings/CategoryChoice";
import type { ColumnChoice } from "./bindings/ColumnChoice";
import type { DateFormatChoice } from "./bindings/DateFormatChoice";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ImportBatchView } from "./bindings/ImportBatchView";
import type { ImportCommitRequest } from "./bindings/ImportCommitRequest";
import type { ImportPhase } from "./bindings/ImportPhase";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportPreviewRequest } from "./bindings/ImportPreviewRequest";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { PreviewRow } from "./bindings/PreviewRow";
import type { ProblemRow } from "./bindings/ProblemRow";
import type { SignChoice } from "./bindings/SignChoice";
import type { SkippedRow } from "./bindings/SkippedRow";
import type { TextEncodingChoice } from "./bindings/TextEncodingChoice";
import type { UnknownCategory } from "./bindings/UnknownCategory";
import { plainAmount } from "../lib/money";
import { isIsoDate, isoDay } from "../lib/periods";
import { fail, type FakeLedger } from "./fake-ledger";

/** Where the fake's dialogs pretend files are. */
export const FAKE_DOWNLOADS = "/home/alice/Downloads";
export const FAKE_DOCUMENTS = "/home/alice/Documents";
/** What the fake open dialog picks, and `?screen=import` opens. */
export const FAKE_IMPORT_FILE = "Umsaetze_Girokonto_DE12500105170648489890.csv";

/** How many rows, skips and problems a preview lists (as Rust). */
const LIST_LIMIT = 500;

/** The expenses of a "large" file, before the duplicates, income and the broken row are added. */
const LARGE_ROWS = 1_200;
/** A slow run reports every this many rows (the shell: every 5,000)… */
const LARGE_STEP_ROWS = 100;
/** …each step taking this long: about 1.3 s for a large file, on top of the command's usual delay. */
const LARGE_STEP_MS = 100;

/** One table of a file: a header row, then data rows starting at `firstLine`. */
interface Table {
  headers: string[];
  rows: string[][];
  firstLine: number;
  /** What detection proposes. */
  columns: ColumnChoice;
  sign: SignChoice;
}

interface FakeFile {
  name: string;
  /** Spreadsheets: sheet name → table; text files: one table under "". */
  tables: [string, Table][];
  spreadsheet: boolean;
}

interface Converted {
  line: number;
  date: string;
  /** Minor units of the ledger's currency, positive. */
  amount: number;
  category: string | null;
  description: string;
  notes: string | null;
  paymentMethod: string | null;
  duplicate: boolean;
}

interface Reading {
  file: FakeFile;
  sheet: string | null;
  encoding: TextEncodingChoice | null;
  headers: string[];
  columns: ColumnChoice;
  dateFormat: DateFormatChoice | null;
  dateFormats: DateFormatChoice[];
  sign: SignChoice;
  rows: Converted[];
  skipped: SkippedRow[];
  problems: ProblemRow[];
}

interface Batch {
  view: ImportBatchView;
  ids: number[];
}

// ----- made-up files --------------------------------------------------------------------------------------------------

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    // mulberry32, as the ledger's demo data
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Cents as a German bank writes them: "-1.234,56". */
function germanAmount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const [whole = "0", frac = "00"] = plainAmount(Math.abs(cents), 2).split(".");
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/gu, ".")},${frac}`;
}

/** Name, purpose, category as the bank writes it ("" for none), cents range, payment. */
const MERCHANTS: [string, string, string, [number, number], string][] = [
  ["REWE Markt GmbH", "Wocheneinkauf", "Lebensmittel", [1800, 9500], "Girocard"],
  ["Lidl sagt Danke", "", "Lebensmittel", [800, 4500], "Girocard"],
  ["EDEKA Center Schwabing", "", "Lebensmittel", [1200, 6800], "Girocard"],
  ["Deutsche Bahn", "ICE München – Berlin", "Mobilität", [2990, 12990], "Kreditkarte"],
  ["MVG Automat", "Streifenkarte", "Mobilität", [1470, 1470], "Girocard"],
  ["Aral Tankstelle", "", "Mobilität", [4000, 8000], "Girocard"],
  ["IKEA Deutschland", "Regal, Kissen", "Haushalt", [2500, 14900], "Kreditkarte"],
  ["dm-drogerie markt", "", "Haushalt", [500, 3500], "Girocard"],
  ["Stadtwerke München", "Abschlag Strom", "", [7800, 7800], "Lastschrift"],
  ["Vodafone GmbH", "Mobilfunk Rechnung", "", [3999, 3999], "Lastschrift"],
  ["Netflix.com", "", "", [1399, 1399], "Kreditkarte"],
  ["Apotheke am Markt", "", "", [650, 2800], "Girocard"],
  ["Augustiner Bräustuben", "Abendessen mit Jonas", "", [3500, 8900], "Kreditkarte"],
  ["<b>Kiosk</b> & “Späti”", "Zeitung <script>alert(1)</script>", "", [350, 350], "Girocard"],
  ["Amazon EU S.à r.l.", "Bestellung 302-1234567-7654321", "Haushalt", [1299, 5999], "Kreditkarte"],
];

const GIRO_HEADERS = ["Buchungstag", "Valuta", "Auftraggeber / Empfänger", "Verwendungszweck", "Kategorie", "Betrag (EUR)", "Zahlungsart"];
const GIRO_COLUMNS: ColumnChoice = { date: 0, amount: 5, debit: null, credit: null, description: 2, category: 4, notes: 3, paymentMethod: 6 };

/** A current account's export, newest first: expenses, two likely duplicates, income, a zero line and a broken date. */
function giroTable(now: Date, large: boolean): Table {
  const random = seeded(large ? 0xb16 : 0x9170);
  const count = large ? LARGE_ROWS : 38;
  const span = large ? 360 : 28;
  const dayOf = (back: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
  const german = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const m = MERCHANTS[Math.floor(random() * MERCHANTS.length)] as (typeof MERCHANTS)[number];
    const [lo, hi] = m[3];
    const cents = lo + Math.round(random() * (hi - lo));
    const day = dayOf(Math.floor((i * span) / count));
    rows.push([german(day), german(day), m[0], m[1], m[2], germanAmount(-cents), m[4]]);
  }
  // Two rows the bank listed twice.
  for (const at of [3, 11]) {
    const copy = rows[at];
    if (copy) rows.splice(at + 1, 0, [...copy]);
  }
  rows.splice(5, 0, [german(dayOf(4)), german(dayOf(4)), "Arbeitgeber GmbH", "Gehalt", "", germanAmount(245_000), "Überweisung"]);
  rows.splice(14, 0, [german(dayOf(9)), german(dayOf(9)), "Amazon EU S.à r.l.", "Rückerstattung", "", germanAmount(1_999), "Gutschrift"]);
  rows.splice(20, 0, [german(dayOf(12)), german(dayOf(12)), "Sparplan", "Umbuchung", "", "0,00", "Umbuchung"]);
  const broken = dayOf(16);
  rows.splice(17, 0, [`31.02.${broken.getFullYear()}`, german(broken), "Bäckerei Rischart", "", "Lebensmittel", germanAmount(-640), "Girocard"]);
  return { headers: GIRO_HEADERS, rows, firstLine: 2, columns: GIRO_COLUMNS, sign: "spendingNegative" };
}

/** The workbook's second sheet: a credit card, ISO dates, separate debit and credit columns. */
function cardTable(now: Date): Table {
  const random = seeded(0xcafe);
  const rows: string[][] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i * 2);
    const m = MERCHANTS[Math.floor(random() * MERCHANTS.length)] as (typeof MERCHANTS)[number];
    const cents = m[3][0] + Math.round(random() * (m[3][1] - m[3][0]));
    const iso = isoDay(d.getFullYear(), d.getMonth() + 1, d.getDate());
    rows.push(i === 5 ? [iso, "Gutschrift Hotel", "", germanAmount(8_900)] : [iso, m[0], germanAmount(cents), ""]);
  }
  return {
    headers: ["Datum", "Beschreibung", "Belastung", "Gutschrift"],
    rows,
    firstLine: 2,
    columns: { date: 0, amount: null, debit: 2, credit: 3, description: 1, category: null, notes: null, paymentMethod: null },
    sign: "spendingNegative",
  };
}

/** Dates that read both ways: every day of the month is 12 or less. */
function ambiguousTable(now: Date): Table {
  const random = seeded(0xa1b2);
  const items: [string, string][] = [["Whole Foods", "Groceries"], ["Blue Bottle Coffee", "Coffee"], ["Shell", "Transport"], ["Trader Joe's", "Groceries"], ["Chipotle", "Dining"]];
  const rows: string[][] = [];
  for (let i = 0; i < 14; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - 1 - (i % 2), 1 + (i % 12));
    const [name, category] = items[i % items.length] as [string, string];
    const cents = 400 + Math.round(random() * 9000);
    rows.push([`${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()}`, name, `-${plainAmount(cents, 2)}`, category]);
  }
  return {
    headers: ["Date", "Description", "Amount", "Category"],
    rows,
    firstLine: 2,
    columns: { date: 0, amount: 2, debit: null, credit: null, description: 1, category: 3, notes: null, paymentMethod: null },
    sign: "spendingNegative",
  };
}

function fileNameOf(path: string): string {
  const parts = path.split(/[/\\]/u);
  return parts[parts.length - 1] || path;
}

function fakeFile(path: string, now: Date): FakeFile {
  const name = fileNameOf(path);
  const ext = name.includes(".") ? (name.split(".").pop() ?? "").toLowerCase() : "";
  if (name.toLowerCase().includes("unreadable")) fail("import_unreadable", `“${name}” is not a bank export Coffer can read: it looks like a binary file.`);
  if (!["csv", "tsv", "txt", "xlsx", "xls", "ods"].includes(ext)) {
    fail("import_unreadable", `“${name}” is not a bank export Coffer can read: use a CSV, TSV, XLSX, XLS or ODS file.`);
  }
  const large = name.toLowerCase().includes("large");
  if (name.toLowerCase().includes("ambiguous")) return { name, tables: [["", ambiguousTable(now)]], spreadsheet: false };
  if (["xlsx", "xls", "ods"].includes(ext)) {
    return { name, tables: [["Umsätze", giroTable(now, large)], ["Kreditkarte", cardTable(now)]], spreadsheet: true };
  }
  return { name, tables: [["", giroTable(now, large)]], spreadsheet: false };
}

// ----- reading ----------------------------------------------------------------------------------------------------------

const DATE_FORMATS: DateFormatChoice[] = ["yearMonthDay", "dayMonthYear", "monthDayYear", "excelSerial"];

function readDate(cell: string, format: DateFormatChoice): string | null {
  const t = cell.trim();
  let parts: [number, number, number] | null = null;
  let m: RegExpExecArray | null;
  switch (format) {
    case "yearMonthDay":
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(t);
      if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
      break;
    case "dayMonthYear":
      m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/u.exec(t);
      if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1])];
      break;
    case "monthDayYear":
      m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(t);
      if (m) parts = [Number(m[3]), Number(m[1]), Number(m[2])];
      break;
    case "excelSerial": {
      if (!/^\d{5}$/u.test(t)) return null;
      const d = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
      parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      break;
    }
  }
  if (parts === null) return null;
  const iso = isoDay(...parts);
  return isIsoDate(iso) ? iso : null;
}

/** A signed amount as banks write it ("-1.234,56", "12.30-", "+5", "€ 3,50"), in cents; null when it is not one. */
function readCents(cell: string): number | null {
  let t = cell.trim().replace(/€|EUR|\s/gu, "");
  let negative = false;
  if (/^[-\u2212]/u.test(t)) {
    negative = true;
    t = t.slice(1);
  } else if (t.endsWith("-")) {
    negative = true;
    t = t.slice(0, -1);
  } else if (t.startsWith("+")) t = t.slice(1);
  if (!/^\d[\d.,]*$/u.test(t)) return null;
  const decimals = /[.,](\d{1,2})$/u.exec(t);
  const whole = (decimals ? t.slice(0, decimals.index) : t).replace(/[.,]/gu, "");
  const cents = Number(whole) * 100 + Number((decimals?.[1] ?? "").padEnd(2, "0"));
  return negative ? -cents : cents;
}

/** What a UTF-8 file's umlauts look like read as Windows-1252. */
const MOJIBAKE: Readonly<Record<string, string>> = {
  ä: "Ã¤", ö: "Ã¶", ü: "Ã¼", ß: "ÃŸ", Ä: "Ã„", Ö: "Ã–", Ü: "Ãœ", "€": "â‚¬", "–": "â€“", "“": "â€œ", "”": "â€\u009d", à: "Ã ", "è": "Ã¨",
};

const mojibake = (s: string) => Array.from(s, (c) => MOJIBAKE[c] ?? c).join("");

/** Rough stand-in for Rust's closeness rule: a few words in a few languages. */
const SUGGESTIONS: Readonly<Record<string, string>> = {
  lebensmittel: "Groceries",
  mobilität: "Transport",
  "mobilitã¤t": "Transport",
  freizeit: "Entertainment",
  restaurant: "Dining",
  gesundheit: "Health",
  grocery: "Groceries",
  groceries: "Groceries",
};

const oneLine = (s: string) => s.replace(/\s+/gu, " ").trim();

/**
 * The shell's import runs, in the fake: a run forgets an earlier cancel request when it starts; a "large" file's run
 * then reports its rows every 100 and, at each report, stops with `import_cancelled` once `cancel()` was asked (nothing
 * is written: the fake commits only after its run). `wait` is the fake's sleep (a test passes one that does not wait).
 */
export class FakeImportRuns {
  private cancelRequested = false;

  constructor(
    private readonly emit: (progress: ImportProgress) => void,
    private readonly wait: (ms: number) => Promise<void>,
  ) {}

  /** Runs for `path`: `delayMs` (the command's usual delay), then the slow reporting part for a large file. */
  async run(phase: ImportPhase, path: string, delayMs: number): Promise<void> {
    this.cancelRequested = false;
    await this.wait(delayMs);
    if (!fileNameOf(path).toLowerCase().includes("large")) return;
    for (let rows = 0; rows <= LARGE_ROWS; rows += LARGE_STEP_ROWS) {
      this.emit({ phase, rows });
      if (this.cancelRequested) fail("import_cancelled", "The import was cancelled; nothing was written.");
      await this.wait(LARGE_STEP_MS);
    }
  }

  /** `cancel_import`: the running run stops at its next report. */
  cancel(): void {
    this.cancelRequested = true;
  }
}

export class FakeTransfer {
  private batches: Batch[] = [];
  private nextBatchId = 1;

  constructor(
    private readonly ledger: FakeLedger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private scale(cents: number): number {
    const units = this.ledger.currency.minorUnits;
    return units === 2 ? cents : units === 0 ? Math.max(1, Math.round(cents / 100)) : cents * 10 ** (units - 2);
  }

  private read(r: ImportPreviewRequest): Reading {
    const file = fakeFile(r.path, this.now());
    const [sheetName, base] =
      (r.sheet === null ? undefined : file.tables.find(([name]) => name === r.sheet)) ?? (file.tables[0] as [string, Table]);
    let encoding: TextEncodingChoice | null = null;
    let table = base;
    if (!file.spreadsheet) {
      encoding = r.encoding ?? "utf8";
      if (encoding === "utf16") fail("import_unreadable", `“${file.name}” is not UTF-16 text (it has no byte-order mark): choose UTF-8 or Windows-1252.`);
      if (encoding === "windows1252") table = { ...base, headers: base.headers.map(mojibake), rows: base.rows.map((row) => row.map(mojibake)) };
    }
    const { headers } = table;
    const columns = r.columns ?? table.columns;
    const width = headers.length;
    const check = (index: number | null, label: string) => {
      if (index !== null && (index < 0 || index >= width)) {
        fail("invalid_columns", `The ${label} column: “${file.name}” has ${width} columns, so column ${index + 1} does not exist.`);
      }
    };
    check(columns.date, "date");
    for (const [key, label] of [["amount", "amount"], ["debit", "debit"], ["credit", "credit"], ["description", "description"], ["category", "category"], ["notes", "notes"], ["paymentMethod", "payment method"]] as const) {
      check(columns[key], label);
    }
    if (columns.amount === null && (columns.debit === null || columns.credit === null)) {
      fail("invalid_columns", "Choose the amount column, or both the debit (money out) and the credit (money in) column.");
    }
    if (columns.amount === columns.date || columns.debit === columns.date) {
      fail("invalid_columns", `“${headers[columns.date] ?? ""}” cannot be both the date and the amount.`);
    }
    const sign = r.sign ?? table.sign;

    // The formats that read every date some format reads (a broken date is a problem, not a vote).
    const cells = table.rows.map((row) => row[columns.date] ?? "").filter((c) => c.trim() !== "");
    const readable = cells.filter((c) => DATE_FORMATS.some((f) => readDate(c, f) !== null));
    const dateFormats = DATE_FORMATS.filter((f) => readable.length > 0 && readable.every((c) => readDate(c, f) !== null));
    const dateFormat = r.dateFormat ?? (dateFormats.length === 1 ? (dateFormats[0] ?? null) : null);
    const reading: Reading = { file, sheet: file.spreadsheet ? sheetName : null, encoding, headers, columns, dateFormat, dateFormats, sign, rows: [], skipped: [], problems: [] };
    if (dateFormat === null) return reading;

    const seen = new Set<string>();
    table.rows.forEach((row, i) => {
      const line = table.firstLine + i;
      const cell = (index: number | null) => (index === null ? "" : (row[index] ?? "").trim());
      const header = (index: number | null) => (index === null ? "" : (headers[index] ?? ""));
      const date = readDate(cell(columns.date), dateFormat);
      if (date === null) {
        const text = cell(columns.date);
        reading.problems.push({ line, column: header(columns.date), reason: text === "" ? "the date is missing" : `“${text}” is not a date` });
        return;
      }
      let spent: number;
      if (columns.amount !== null) {
        const cents = readCents(cell(columns.amount));
        if (cents === null) {
          reading.problems.push({ line, column: header(columns.amount), reason: `“${cell(columns.amount)}” is not an amount` });
          return;
        }
        if (cents === 0) {
          reading.skipped.push({ line, reason: "a zero amount" });
          return;
        }
        if ((sign === "spendingNegative") !== cents < 0) {
          reading.skipped.push({ line, reason: "money coming in (income or a refund)" });
          return;
        }
        spent = Math.abs(cents);
      } else {
        const debit = cell(columns.debit) === "" ? 0 : readCents(cell(columns.debit));
        const credit = cell(columns.credit) === "" ? 0 : readCents(cell(columns.credit));
        if (debit === null) {
          reading.problems.push({ line, column: header(columns.debit), reason: `“${cell(columns.debit)}” is not an amount` });
          return;
        }
        if (debit === 0) {
          reading.skipped.push({ line, reason: credit === 0 ? "no amount" : "money coming in (income or a refund)" });
          return;
        }
        spent = Math.abs(debit);
      }
      const amount = this.scale(spent);
      const description = Array.from(oneLine(cell(columns.description)) || oneLine(cell(columns.notes)) || "Imported expense").slice(0, 200).join("");
      const key = `${date}|${amount}|${description}`;
      const duplicate = seen.has(key) || this.ledger.hasSame(date, amount, description);
      seen.add(key);
      reading.rows.push({
        line,
        date,
        amount,
        category: oneLine(cell(columns.category)) || null,
        description,
        notes: oneLine(cell(columns.notes)) || null,
        paymentMethod: Array.from(oneLine(cell(columns.paymentMethod))).slice(0, 40).join("") || null,
        duplicate,
      });
    });
    return reading;
  }

  /** Category names of the file the profile does not have, with how many rows use each. */
  private unknownCategories(rows: readonly Converted[]): UnknownCategory[] {
    const existing = this.ledger.categories().categories;
    const byName = (name: string) => existing.find((c) => c.name.toLowerCase() === name.toLowerCase());
    const counts = new Map<string, number>();
    for (const r of rows) if (r.category !== null && byName(r.category) === undefined) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    return [...counts.entries()].map(([name, n]) => {
      const suggested = SUGGESTIONS[name.toLowerCase()];
      return { name, rows: n, suggestion: suggested === undefined ? null : (byName(suggested)?.id ?? null) };
    });
  }

  preview(r: ImportPreviewRequest): ImportPreview {
    const reading = this.read(r);
    const toRow = (c: Converted): PreviewRow => ({ ...c });
    const kept = reading.rows.filter((c) => !c.duplicate);
    return {
      fileName: reading.file.name,
      sheets: reading.file.spreadsheet ? reading.file.tables.map(([name]) => name) : [],
      sheet: reading.sheet,
      encoding: reading.encoding,
      headers: reading.headers,
      columns: reading.columns,
      dateFormat: reading.dateFormat,
      dateFormats: reading.dateFormats,
      sign: reading.sign,
      remembered: false,
      rows: reading.rows.slice(0, LIST_LIMIT).map(toRow),
      rowCount: reading.rows.length,
      duplicateCount: reading.rows.length - kept.length,
      total: kept.reduce((s, c) => s + c.amount, 0),
      skipped: reading.skipped.slice(0, LIST_LIMIT),
      skippedCount: reading.skipped.length,
      problems: reading.problems.slice(0, LIST_LIMIT),
      problemCount: reading.problems.length,
      unknownCategories: this.unknownCategories(reading.rows),
    };
  }

  commit(r: ImportCommitRequest, nowSeconds = Math.floor(Date.now() / 1000)): ImportBatchView {
    const reading = this.read(r.preview);
    const name = reading.file.name;
    if (reading.dateFormat === null) {
      fail("ambiguous_dates", `The dates in “${name}” read both ways (03/04/2025 could be 3 April or March 4): choose the date format.`);
    }
    if (reading.problems.length > 0 && !r.leaveOutProblems) {
      fail("import_problems", `${reading.problems.length} row(s) of “${name}” cannot be read; nothing was imported.`);
    }
    const existing = this.ledger.categories().categories;
    const known = (id: number) => existing.some((c) => c.id === id);
    if (!known(r.defaultCategoryId)) fail("unknown_category", "The category for rows without one does not exist (any more). Pick another one.");
    for (const c of r.categories) {
      if (c.categoryId !== null && !known(c.categoryId)) fail("unknown_category", `The category chosen for “${c.name}” does not exist (any more).`);
    }
    const include = new Set(r.includeDuplicates);
    const rows = reading.rows.filter((c) => !c.duplicate || include.has(c.line));
    if (rows.length === 0) fail("nothing_to_import", `Nothing to import: every expense in “${name}” is a likely duplicate that was left out.`);

    // Where each named category goes: an existing one by name, the person's choice, or a new one.
    const choices = new Map<string, CategoryChoice>(r.categories.map((c) => [c.name, c]));
    const target = new Map<string, number>();
    const palette = ["#0e7490", "#4d7c0f", "#b45309", "#7c3aed", "#be123c", "#0f766e"];
    const resolve = (categoryName: string): number => {
      const hit = target.get(categoryName);
      if (hit !== undefined) return hit;
      const same = this.ledger.categories().categories.find((c) => c.name.toLowerCase() === categoryName.toLowerCase());
      let id = same?.id ?? choices.get(categoryName)?.categoryId ?? null;
      if (id === null) {
        const list = this.ledger.createCategory({ name: categoryName, color: palette[target.size % palette.length] as string });
        id = list.categories.find((c) => c.name === categoryName)?.id ?? r.defaultCategoryId;
      }
      target.set(categoryName, id);
      return id;
    };
    const units = this.ledger.currency.minorUnits;
    const ids: number[] = [];
    let total = 0;
    for (const c of rows) {
      const added = this.ledger.add(
        {
          date: c.date,
          amount: plainAmount(c.amount, units),
          categoryId: c.category === null ? r.defaultCategoryId : resolve(c.category),
          description: c.description,
          notes: c.notes ?? "",
          paymentMethod: c.paymentMethod ?? "",
        },
        nowSeconds,
      );
      ids.push(added.id);
      total += added.amount;
    }
    const view: ImportBatchView = { id: this.nextBatchId++, fileName: name, importedAt: nowSeconds, count: ids.length, total };
    this.batches.push({ view, ids });
    return view;
  }

  /** Newest first. */
  batchList(): ImportBatchView[] {
    return [...this.batches].reverse().map((b) => b.view);
  }

  undo(id: number): number {
    const batch = this.batches.find((b) => b.view.id === id) ?? fail("unknown_import", "That import was already undone.");
    this.batches = this.batches.filter((b) => b !== batch);
    return this.ledger.removeMany(batch.ids);
  }

  /** How many expenses an export writes. */
  exportCount(r: ExportRequest): number {
    const name = fileNameOf(r.path);
    if (r.path.toLowerCase().includes("readonly")) fail("export_failed", `Coffer could not write “${name}”: permission denied.`);
    const filter = r.filter ?? { from: null, to: null, categories: [], minAmount: null, maxAmount: null, text: null };
    return this.ledger.totals(filter).count;
  }
}
