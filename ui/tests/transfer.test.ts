// Why: import and export say and decide things in pure functions (the summary, problem lines, export names, the column choice, when Import may run, which duplicates and categories go where, a slow run's progress); each must read and count exactly right.
import { describe, expect, it } from "vitest";
import type { ColumnChoice, ImportPreview, PreviewRow } from "../src/api";
import {
  batchDetails,
  categoryChoices,
  categoryMapDefaults,
  chooseColumn,
  columnsProblem,
  commitBlocker,
  commitLabel,
  defaultCategoryFor,
  exportedMessage,
  exportFileName,
  fileNameOf,
  headerLabel,
  importCount,
  importedMessage,
  importProgressView,
  importSummary,
  importTotal,
  includedDuplicates,
  leaveOutLabel,
  problemLine,
  severalFilesNote,
  skippedLine,
  undoneMessage,
  type CommitCheck,
} from "../src/lib/transfer";

const EUR = { code: "EUR", minorUnits: 2 };
const US = "en-US";

function row(line: number, amount: number, duplicate = false): PreviewRow {
  return { line, date: "2026-11-03", amount, category: null, description: `Row ${line}`, notes: null, paymentMethod: null, duplicate };
}

/** 38 expenses in all, 2 of them likely duplicates (lines 5 and 9, €10.00 and €2.50), the rest summing to €1,234.56. */
function preview(more: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: "bank.csv",
    sheets: [],
    remembered: false,
    sheet: null,
    encoding: "utf8",
    headers: ["Date", "Text", "Amount"],
    columns: { date: 0, amount: 2, debit: null, credit: null, description: 1, category: null, notes: null, paymentMethod: null },
    dateFormat: "dayMonthYear",
    dateFormats: ["dayMonthYear"],
    sign: "spendingNegative",
    rows: [row(2, 100_000), row(5, 1_000, true), row(7, 23_456), row(9, 250, true)],
    rowCount: 38,
    duplicateCount: 2,
    total: 123_456,
    skipped: [],
    skippedCount: 3,
    problems: [],
    problemCount: 1,
    unknownCategories: [],
    ...more,
  };
}

describe("importSummary", () => {
  it("says what will be imported, what is left out, skipped and wrong", () => {
    expect(importSummary(preview(), new Set(), EUR, US)).toBe("36 expenses, €1,234.56 · 2 likely duplicates left out · 3 rows skipped · 1 problem");
  });

  it("counts ticked duplicates in, with their amounts", () => {
    expect(importSummary(preview(), new Set([5]), EUR, US)).toBe("37 expenses, €1,244.56 · 1 likely duplicate left out · 3 rows skipped · 1 problem");
    expect(importSummary(preview(), new Set([5, 9]), EUR, US)).toBe("38 expenses, €1,247.06 · 2 likely duplicates included · 3 rows skipped · 1 problem");
  });

  it("leaves out the parts with nothing to say, and counts in the singular", () => {
    const clean = preview({ rows: [row(2, 1_234)], rowCount: 1, duplicateCount: 0, total: 1_234, skippedCount: 0, problemCount: 0 });
    expect(importSummary(clean, new Set(), EUR, US)).toBe("1 expense, €12.34");
    const some = preview({ skippedCount: 1, problemCount: 2 });
    expect(importSummary(some, new Set(), EUR, US)).toBe("36 expenses, €1,234.56 · 2 likely duplicates left out · 1 row skipped · 2 problems");
  });

  it("ignores a tick on a line that is not a duplicate", () => {
    expect(importCount(preview(), new Set([2, 7]))).toBe(36);
    expect(importTotal(preview(), new Set([2, 7]))).toBe(123_456);
  });
});

describe("row lines", () => {
  it("names the row, the column and what is wrong", () => {
    expect(problemLine({ line: 5, column: "Transaction Date", reason: "“13/01/2025” is not a date" }, US)).toBe(
      "Row 5, “Transaction Date”: “13/01/2025” is not a date",
    );
    expect(problemLine({ line: 1234, column: "  ", reason: "the row has 2 cells, not 7" }, US)).toBe("Row 1,234: the row has 2 cells, not 7");
    expect(skippedLine({ line: 4, reason: "money coming in (income or a refund)" }, US)).toBe("Row 4: money coming in (income or a refund)");
  });

  it("words the leave-out box and the commit button", () => {
    expect(leaveOutLabel(1, US)).toBe("Import the other rows and leave out the 1 row with problems");
    expect(leaveOutLabel(3, US)).toBe("Import the other rows and leave out the 3 rows with problems");
    expect(commitLabel(38, US)).toBe("Import 38 expenses");
    expect(commitLabel(1, US)).toBe("Import 1 expense");
    expect(commitLabel(0, US)).toBe("Import");
  });
});

describe("exportFileName", () => {
  const TODAY = "2026-11-24";
  const range = (from: string | null, to: string | null) => ({ from, to });

  it("is dated today without a filter or without dates", () => {
    expect(exportFileName("csv", null, TODAY)).toBe("coffer-expenses-2026-11-24.csv");
    expect(exportFileName("xlsx", range(null, null), TODAY)).toBe("coffer-expenses-2026-11-24.xlsx");
  });

  it("follows the filter's dates: a month, a year, a day, a range, an open end", () => {
    expect(exportFileName("csv", range("2026-10-01", "2026-10-31"), TODAY)).toBe("coffer-expenses-2026-10.csv");
    expect(exportFileName("csv", range("2024-02-01", "2024-02-29"), TODAY)).toBe("coffer-expenses-2024-02.csv");
    expect(exportFileName("xlsx", range("2026-01-01", "2026-12-31"), TODAY)).toBe("coffer-expenses-2026.xlsx");
    expect(exportFileName("csv", range("2026-03-05", "2026-03-05"), TODAY)).toBe("coffer-expenses-2026-03-05.csv");
    expect(exportFileName("csv", range("2026-01-15", "2026-03-31"), TODAY)).toBe("coffer-expenses-2026-01-15-to-2026-03-31.csv");
    expect(exportFileName("csv", range("2026-10-01", "2026-10-30"), TODAY)).toBe("coffer-expenses-2026-10-01-to-2026-10-30.csv");
    expect(exportFileName("csv", range("2026-01-01", null), TODAY)).toBe("coffer-expenses-from-2026-01-01.csv");
    expect(exportFileName("csv", range(null, "2026-03-31"), TODAY)).toBe("coffer-expenses-to-2026-03-31.csv");
  });

  it("never puts text that is not a date into a file name", () => {
    expect(exportFileName("csv", range("../../etc", "2026-02-30"), TODAY)).toBe("coffer-expenses-2026-11-24.csv");
  });

  it("says what went where, by file name", () => {
    expect(exportedMessage(1234, "/home/alice/Documents/coffer-expenses-2026-11-24.csv", US)).toBe(
      "Exported 1,234 expenses to coffer-expenses-2026-11-24.csv",
    );
    expect(exportedMessage(1, "C:\\Users\\Alice\\x.xlsx", US)).toBe("Exported 1 expense to x.xlsx");
    expect(fileNameOf("/a/b/c.csv")).toBe("c.csv");
  });
});

describe("choosing columns", () => {
  const signed: ColumnChoice = { date: 0, amount: 5, debit: null, credit: null, description: 2, category: 4, notes: 3, paymentMethod: 6 };
  const split: ColumnChoice = { ...signed, amount: null, debit: 5, credit: 7 };

  it("clears debit and credit when an amount column is chosen", () => {
    expect(chooseColumn(split, "amount", 8)).toEqual({ ...split, amount: 8, debit: null, credit: null });
  });

  it("clears the amount when debit or credit is chosen, and then needs the other one", () => {
    const debitOnly = chooseColumn(signed, "debit", 5);
    expect(debitOnly).toEqual({ ...signed, amount: null, debit: 5 });
    expect(columnsProblem(debitOnly)).toBe("Choose the money in (credit) column too, or one signed amount column instead.");
    const both = chooseColumn(debitOnly, "credit", 7);
    expect(both).toEqual({ ...signed, amount: null, debit: 5, credit: 7 });
    expect(columnsProblem(both)).toBeNull();
    expect(columnsProblem(chooseColumn(signed, "credit", 7))).toBe("Choose the money out (debit) column too, or one signed amount column instead.");
  });

  it("needs some money column", () => {
    expect(columnsProblem(signed)).toBeNull();
    expect(columnsProblem(chooseColumn(signed, "amount", null))).toBe("Choose the amount column, or the money out and money in columns.");
  });

  it("gives a column one meaning, and always keeps a date", () => {
    // The notes column becomes the description: notes let go of it.
    expect(chooseColumn(signed, "description", 3)).toEqual({ ...signed, description: 3, notes: null });
    expect(chooseColumn(signed, "date", null)).toBe(signed);
    expect(chooseColumn(signed, "date", 1)).toEqual({ ...signed, date: 1 });
  });

  it("labels columns whose header is empty", () => {
    expect(headerLabel(["Datum", "", "  "], 0)).toBe("Datum");
    expect(headerLabel(["Datum", "", "  "], 1)).toBe("Column 2");
    expect(headerLabel(["Datum", "", "  "], 2)).toBe("Column 3");
  });
});

describe("commitBlocker", () => {
  const ok: CommitCheck = { columnsProblem: null, datesResolved: true, problemCount: 0, leaveOutProblems: false, count: 38, defaultCategoryId: 12 };

  it("lets a complete, readable file with something in it be imported", () => {
    expect(commitBlocker(ok, US)).toBeNull();
  });

  it("waits for the columns, then for the date format", () => {
    expect(commitBlocker({ ...ok, columnsProblem: "Choose the amount column." }, US)).toBe("Choose the amount column.");
    expect(commitBlocker({ ...ok, datesResolved: false }, US)).toBe("Choose how the dates are written first.");
  });

  it("needs problems confirmed before leaving their rows out", () => {
    expect(commitBlocker({ ...ok, problemCount: 1 }, US)).toBe("1 row cannot be read: fix the file, or tick the box to leave it out.");
    expect(commitBlocker({ ...ok, problemCount: 3 }, US)).toBe("3 rows cannot be read: fix the file, or tick the box to leave them out.");
    expect(commitBlocker({ ...ok, problemCount: 3, leaveOutProblems: true }, US)).toBeNull();
  });

  it("needs something to import and a category for rows without one", () => {
    expect(commitBlocker({ ...ok, count: 0 }, US)).toBe("Nothing to import: tick a likely duplicate to import it anyway.");
    expect(commitBlocker({ ...ok, defaultCategoryId: null }, US)).toBe("Choose the category for rows without one.");
  });
});

describe("includedDuplicates", () => {
  it("sends only the ticked lines that are likely duplicates, in file order", () => {
    const rows = [row(2, 1), row(5, 1, true), row(7, 1), row(9, 1, true), row(11, 1, true)];
    expect(includedDuplicates(rows, new Set())).toEqual([]);
    expect(includedDuplicates(rows, new Set([11, 2, 5, 99]))).toEqual([5, 11]);
  });
});

describe("categories", () => {
  const categories = [
    { id: 1, name: "Groceries" },
    { id: 3, name: "Transport" },
    { id: 12, name: "Other" },
  ];

  it("takes Rust's suggestion when it exists, else creates the category", () => {
    const unknown = [
      { name: "Lebensmittel", rows: 10, suggestion: 1 },
      { name: "Haushalt", rows: 13, suggestion: null },
      { name: "Gone", rows: 2, suggestion: 99 },
    ];
    const map = categoryMapDefaults(unknown, categories);
    expect([...map.entries()]).toEqual([
      ["Lebensmittel", 1],
      ["Haushalt", null],
      ["Gone", null],
    ]);
    expect(categoryChoices(unknown, map)).toEqual([
      { name: "Lebensmittel", categoryId: 1 },
      { name: "Haushalt", categoryId: null },
      { name: "Gone", categoryId: null },
    ]);
  });

  it("keeps what the person chose when the file is read again", () => {
    const unknown = [{ name: "Lebensmittel", rows: 10, suggestion: 1 }];
    expect(categoryMapDefaults(unknown, categories, new Map([["Lebensmittel", 3]])).get("Lebensmittel")).toBe(3);
    expect(categoryMapDefaults(unknown, categories, new Map([["Lebensmittel", null]])).get("Lebensmittel")).toBeNull();
    // A chosen category deleted meanwhile falls back to the suggestion.
    expect(categoryMapDefaults(unknown, categories, new Map([["Lebensmittel", 42]])).get("Lebensmittel")).toBe(1);
  });

  it("puts rows without a category in Other, else the first category", () => {
    expect(defaultCategoryFor(categories)).toBe(12);
    expect(defaultCategoryFor([{ id: 4, name: "Rent" }, { id: 2, name: "  other " }])).toBe(2);
    expect(defaultCategoryFor([{ id: 4, name: "Rent" }, { id: 2, name: "Dining" }])).toBe(4);
    expect(defaultCategoryFor([])).toBeNull();
  });
});

describe("after an import", () => {
  it("words the toasts and the recent imports", () => {
    expect(importedMessage({ count: 38, fileName: "file.csv" }, US)).toBe("Imported 38 expenses from file.csv");
    expect(undoneMessage(38, "file.csv", US)).toBe("Removed the 38 expenses imported from file.csv");
    expect(undoneMessage(1, "file.csv", US)).toBe("Removed the expense imported from file.csv");
    const batch = { id: 3, fileName: "file.csv", importedAt: Date.UTC(2026, 10, 24, 14, 5) / 1000, count: 1234, total: 123_456 };
    // ICU versions differ on the space before "PM" (U+0020 or U+202F).
    expect(batchDetails(batch, EUR, US, "UTC").replace(/\s/gu, " ")).toBe("1,234 expenses · €1,234.56 · Nov 24, 2026, 2:05 PM");
  });

  it("says when several files were dropped", () => {
    expect(severalFilesNote(["/a/one.csv"], US)).toBeNull();
    expect(severalFilesNote(["/a/one.csv", "/a/two.csv", "/a/three.xlsx"], US)).toBe(
      "You dropped 3 files; Coffer imports one at a time, so this is the first, “one.csv”. Drop the others after it.",
    );
  });
});

describe("importProgressView", () => {
  it("fills the bar while writing with a known total, in the words of the Import button", () => {
    expect(importProgressView({ phase: "writing", rows: 120_000 }, 1_000_000, US)).toEqual({
      text: "Importing 120,000 of 1,000,000 expenses…",
      percent: 12,
    });
    expect(importProgressView({ phase: "writing", rows: 0 }, 38, US)).toEqual({ text: "Importing 0 of 38 expenses…", percent: 0 });
    // Whole percentages, rounded down: 100 only once every expense is in.
    expect(importProgressView({ phase: "writing", rows: 2 }, 3, US).percent).toBe(66);
    expect(importProgressView({ phase: "writing", rows: 1 }, 1, US)).toEqual({ text: "Importing 1 of 1 expense…", percent: 100 });
  });

  it("caps at the total: Rust counts the file's rows, skipped and left-out ones too", () => {
    expect(importProgressView({ phase: "writing", rows: 1_206 }, 1_100, US)).toEqual({ text: "Importing 1,100 of 1,100 expenses…", percent: 100 });
    expect(importProgressView({ phase: "writing", rows: 5_000_000 }, 1_000_000, US).percent).toBe(100);
  });

  it("counts rows on an indeterminate bar while reading, whatever the total", () => {
    expect(importProgressView({ phase: "reading", rows: 250_000 }, null, US)).toEqual({ text: "Reading the file… 250,000 rows so far", percent: null });
    expect(importProgressView({ phase: "reading", rows: 250_000 }, 1_000_000, US).percent).toBeNull();
    expect(importProgressView({ phase: "reading", rows: 1 }, null, US).text).toBe("Reading the file… 1 row so far");
    expect(importProgressView({ phase: "reading", rows: 0 }, null, US)).toEqual({ text: "Reading the file…", percent: null });
  });

  it("counts rows on an indeterminate bar while writing without a total", () => {
    expect(importProgressView({ phase: "writing", rows: 5_000 }, null, US)).toEqual({ text: "Importing… 5,000 rows so far", percent: null });
    expect(importProgressView({ phase: "writing", rows: 5_000 }, 0, US).percent).toBeNull();
    expect(importProgressView({ phase: "writing", rows: 0 }, null, US).text).toBe("Importing…");
  });

  it("writes numbers the locale's way", () => {
    expect(importProgressView({ phase: "writing", rows: 120_000 }, 1_000_000, "de-DE").text).toBe("Importing 120.000 of 1.000.000 expenses…");
    expect(importProgressView({ phase: "reading", rows: 250_000 }, null, "de-DE").text).toBe("Reading the file… 250.000 rows so far");
  });
});
