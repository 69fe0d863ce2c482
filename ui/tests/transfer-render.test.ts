// Why: an imported file is hostile input — its descriptions, headers, category names, problem texts and its own name must reach the page as text — and the import dialog must show duplicates, problems, the date-format choice and a slow run's progress the way the person needs them.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportBatchView, ImportPreview, PreviewRow } from "../src/api";
import { importCancelledNote, importContent, importProgress, importTitle, type ImportViewProps } from "../src/components/import-preview";
import { createToaster } from "../src/components/toast";
import { importsMenuContent } from "../src/components/transfer-menus";
import { AMBIGUOUS_DATES_TEXT, importedMessage, importProgressView } from "../src/lib/transfer";
import { toHtml } from "./lit-text";

const EUR = { code: "EUR", minorUnits: 2 };
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

function row(line: number, more: Partial<PreviewRow> = {}): PreviewRow {
  return { line, date: "2026-11-03", amount: 1_250, category: null, description: "Bakery", notes: null, paymentMethod: null, duplicate: false, ...more };
}

function preview(more: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: "bank.csv",
    sheets: [],
    remembered: false,
    sheet: null,
    encoding: "utf8",
    headers: ["Date", "Text", "Amount", "Category"],
    columns: { date: 0, amount: 2, debit: null, credit: null, description: 1, category: 3, notes: null, paymentMethod: null },
    dateFormat: "dayMonthYear",
    dateFormats: ["dayMonthYear"],
    sign: "spendingNegative",
    rows: [row(2), row(3, { duplicate: true }), row(4, { duplicate: true })],
    rowCount: 3,
    duplicateCount: 2,
    total: 1_250,
    skipped: [],
    skippedCount: 0,
    problems: [],
    problemCount: 0,
    unknownCategories: [],
    ...more,
  };
}

function props(p: ImportPreview, more: Partial<ImportViewProps> = {}): ImportViewProps {
  const nop = () => undefined;
  return {
    preview: p,
    currency: EUR,
    categories: [
      { id: 1, name: "Groceries", color: "#15803d", expenseCount: 0, total: 0 },
      { id: 12, name: "Other", color: "#475569", expenseCount: 0, total: 0 },
    ],
    choices: { sheet: null, encoding: null, dateFormat: null, sign: null },
    columns: p.columns,
    columnsError: null,
    dateError: null,
    ticked: new Set(),
    categoryMap: new Map(p.unknownCategories.map((u) => [u.name, u.suggestion])),
    defaultCategoryId: 12,
    leaveOutProblems: false,
    loading: false,
    busy: false,
    onSheet: nop,
    onEncoding: nop,
    onColumn: nop,
    onDateFormat: nop,
    onSign: nop,
    onTick: nop,
    onCategoryMap: nop,
    onDefaultCategory: nop,
    onLeaveOut: nop,
    ...more,
  };
}

/** How many times `needle` occurs. */
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("file content stays text", () => {
  it("in the preview: descriptions, notes, headers, categories, problems, skipped rows", () => {
    const hostile = preview({
      headers: ["Date", EVIL, "Amount", "Category"],
      rows: [row(2, { description: EVIL, notes: EVIL, paymentMethod: EVIL, category: EVIL }), row(3, { description: EVIL, duplicate: true })],
      problems: [{ line: 9, column: EVIL, reason: `“${EVIL}” is not a date` }],
      problemCount: 1,
      skipped: [{ line: 7, reason: EVIL }],
      skippedCount: 1,
      unknownCategories: [{ name: EVIL, rows: 1, suggestion: null }],
    });
    const out = toHtml(importContent(props(hostile)));
    expect(out).not.toContain("<img");
    // Description (title attribute and text), notes, payment, header option, category badge, map label, select's
    // data-name, its "Create" option, the problem's column and reason, the skipped reason: all there, all escaped.
    expect(count(out, ESCAPED)).toBeGreaterThanOrEqual(12);
    expect(out).toContain(`data-name=${ESCAPED}`);
    expect(out).toContain(`Create “${ESCAPED}”`);
    expect(out).toContain(`Row 9, “${ESCAPED}”: “${ESCAPED}” is not a date`);
  });

  it("in the title, the toast and the recent imports: the file's name", () => {
    const name = `${EVIL}.csv`;
    expect(toHtml(importTitle(name))).toContain(`Import “${ESCAPED}.csv”`);
    expect(toHtml(importTitle(name))).not.toContain("<img");

    vi.useFakeTimers();
    try {
      const toaster = createToaster(() => undefined);
      toaster.show(importedMessage({ count: 3, fileName: name }), { label: "Undo", id: "toast-undo-import", run: () => undefined });
      const toast = toHtml(toaster.item());
      expect(toast).toContain(`Imported 3 expenses from ${ESCAPED}.csv`);
      expect(toast).toContain("id=toast-undo-import");
      expect(toast).not.toContain("<img");
    } finally {
      vi.useRealTimers();
    }

    const batch: ImportBatchView = { id: 7, fileName: name, importedAt: 1_795_000_000, count: 3, total: 3_750 };
    const menu = toHtml(importsMenuContent({ batches: [batch], error: null, undoing: null, currency: EUR, onUndo: () => undefined }));
    expect(menu).toContain("data-batch-id=7");
    expect(menu).toContain(`Undo the import of ${ESCAPED}.csv: remove its 3 expenses`);
    expect(count(menu, ESCAPED)).toBe(3);
    expect(menu).not.toContain("<img");
  });
});

describe("the import dialog's content", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows likely duplicates left out, with a box to import each anyway", () => {
    const out = toHtml(importContent(props(preview(), { ticked: new Set([4]) })));
    expect(count(out, 'class="form-check-input import-include"')).toBe(2);
    expect(out).toContain('id="import-include-3"');
    expect(out).toContain('id="import-include-4"');
    expect(out).not.toContain('id="import-include-2"');
    expect(count(out, "Likely duplicate</span>")).toBe(2);
    // Line 3 is left out (struck through); line 4 was ticked, so it is not.
    expect(count(out, "is-left-out")).toBe(1);
    expect(out).toMatch(/is-duplicate is-left-out"\s*data-line=3/u);
  });

  it("says when the choices are the ones remembered for this header", () => {
    expect(toHtml(importContent(props(preview())))).not.toContain('id="import-remembered"');
    const out = toHtml(importContent(props(preview({ remembered: true }))));
    expect(out).toContain('id="import-remembered"');
    expect(out).toContain("as you chose them for the last file like this one");
  });

  it("offers to leave out problem rows only when there are some", () => {
    expect(toHtml(importContent(props(preview())))).not.toContain("import-leave-out-problems");
    const broken = preview({ problems: [{ line: 5, column: "Date", reason: "“x” is not a date" }], problemCount: 4 });
    const out = toHtml(importContent(props(broken)));
    expect(out).toContain('id="import-leave-out-problems"');
    expect(out).toContain("Import the other rows and leave out the 4 rows with problems");
    expect(out).toContain("and 3 more not listed");
  });

  it("asks for the date format when the dates read both ways", () => {
    const ambiguous = preview({ dateFormat: null, dateFormats: ["dayMonthYear", "monthDayYear"], rows: [], rowCount: 0, duplicateCount: 0, total: 0 });
    const out = toHtml(importContent(props(ambiguous)));
    expect(out).toContain(AMBIGUOUS_DATES_TEXT);
    expect(out).toContain("import-needs-choice");
    expect(out).toContain("Choose…");
    expect(out).not.toContain('id="import-rows"');
    expect(toHtml(importContent(props(preview())))).not.toContain(AMBIGUOUS_DATES_TEXT);
  });

  it("shows the sheet choice for workbooks with several sheets and the encoding for text files only", () => {
    const text = toHtml(importContent(props(preview())));
    expect(text).toContain('id="import-encoding"');
    expect(text).not.toContain('id="import-sheet"');
    const book = toHtml(importContent(props(preview({ encoding: null, sheets: ["Umsätze", "Kreditkarte"], sheet: "Umsätze" }))));
    expect(book).toContain('id="import-sheet"');
    expect(book).not.toContain('id="import-encoding"');
    expect(toHtml(importContent(props(preview({ encoding: null, sheets: ["Only"], sheet: "Only" }))))).not.toContain('id="import-sheet"');
  });

  it("has a select per column role, and a select per unknown category", () => {
    const withUnknown = preview({ unknownCategories: [{ name: "Lebensmittel", rows: 10, suggestion: 1 }, { name: "Haushalt", rows: 2, suggestion: null }] });
    const out = toHtml(importContent(props(withUnknown)));
    for (const id of ["date", "amount", "debit", "credit", "description", "category", "notes", "payment"]) expect(out).toContain(`id=import-col-${id}`);
    expect(count(out, "import-category-map\"")).toBe(2);
    expect(out).toContain("data-name=Lebensmittel");
    expect(out).toContain('id="import-default-category"');
  });
});

describe("a slow run's progress", () => {
  const block = (view: { text: string; percent: number | null }, cancelling = false) =>
    toHtml(importProgress({ view, cancelling, onCancel: () => undefined }));

  it("is a determinate progressbar while importing with a known total", () => {
    const out = block(importProgressView({ phase: "writing", rows: 120_000 }, 1_000_000, "en-US"));
    expect(out).toContain('id="import-progress"');
    expect(count(out, 'role="progressbar"')).toBe(1);
    expect(out).toContain("aria-valuenow=12");
    expect(out).toContain("Importing 120,000 of 1,000,000 expenses…");
    expect(out).not.toContain("progress-bar-animated");
    // The width goes through cssVars (CSSOM), never a style attribute.
    expect(out).not.toContain("style=");
  });

  it("is an indeterminate progressbar, with no value, while reading", () => {
    const out = block(importProgressView({ phase: "reading", rows: 250_000 }, null, "en-US"));
    expect(count(out, 'role="progressbar"')).toBe(1);
    expect(out).not.toContain("aria-valuenow");
    expect(out).toContain("progress-bar-striped progress-bar-animated");
    expect(out).toContain("Reading the file… 250,000 rows so far");
  });

  it("has a Cancel button that says when it was pressed", () => {
    const idle = block({ text: "Reading the file…", percent: null });
    expect(idle).toContain('id="import-cancel-run"');
    expect(idle).toMatch(/>\s*Cancel\s*<\/button>/u);
    expect(idle).toContain("aria-disabled=false");
    const cancelling = block({ text: "Reading the file…", percent: null }, true);
    expect(cancelling).toContain("Cancelling…");
    expect(cancelling).toContain("aria-disabled=true");
  });

  it("ends, when cancelled, in a neutral note that nothing was imported", () => {
    const out = toHtml(importCancelledNote());
    expect(out).toContain('id="import-cancelled"');
    expect(out).toContain("Import cancelled — nothing was imported.");
    expect(out).toContain('role="status"');
    expect(out).toContain("alert-secondary");
    expect(out).not.toContain("danger");
  });
});
