// Why: the dev-only fake stands in for Rust's importer in the browser; its previews, commit and undo must follow the wire contract (duplicates left out, problems refused unless confirmed, unknown categories mapped or created) or the dialog gets built against the wrong rules.
import { describe, expect, it } from "vitest";
import type { ImportPreviewRequest, ImportProgress } from "../src/api";
import { FakeLedger } from "../src/api/fake-ledger";
import { FakeImportRuns, FakeTransfer } from "../src/api/fake-transfer";
import { categoryChoices, categoryMapDefaults, defaultCategoryFor } from "../src/lib/transfer";

const EUR = { code: "EUR", minorUnits: 2 };
const NOW = new Date(2026, 10, 24, 12);
const request = (path: string, more: Partial<ImportPreviewRequest> = {}): ImportPreviewRequest => ({
  path,
  encoding: null,
  sheet: null,
  columns: null,
  dateFormat: null,
  sign: null,
  ...more,
});

const fresh = () => {
  const ledger = new FakeLedger(EUR);
  return { ledger, transfer: new FakeTransfer(ledger, () => NOW) };
};

describe("FakeTransfer preview", () => {
  it("reads the German export: duplicates, skips, a problem, an unknown category suggesting Groceries", () => {
    const { ledger, transfer } = fresh();
    const p = transfer.preview(request("/home/alice/Downloads/Umsaetze.csv"));
    expect(p.fileName).toBe("Umsaetze.csv");
    expect(p.encoding).toBe("utf8");
    expect(p.dateFormat).toBe("dayMonthYear");
    expect(p.duplicateCount).toBeGreaterThanOrEqual(2);
    expect(p.rows.filter((r) => r.duplicate)).toHaveLength(p.duplicateCount);
    expect(p.skippedCount).toBe(3);
    expect(p.problems).toEqual([{ line: expect.any(Number) as number, column: "Buchungstag", reason: expect.stringContaining("is not a date") as string }]);
    const groceries = ledger.categories().categories.find((c) => c.name === "Groceries")?.id;
    expect(p.unknownCategories.find((u) => u.name === "Lebensmittel")?.suggestion).toBe(groceries);
    expect(p.total).toBe(p.rows.filter((r) => !r.duplicate).reduce((s, r) => s + r.amount, 0));
  });

  it("leaves the date format to the person when the dates read both ways", () => {
    const { transfer } = fresh();
    const p = transfer.preview(request("/x/ambiguous.csv"));
    expect(p.dateFormat).toBeNull();
    expect(p.dateFormats).toEqual(["dayMonthYear", "monthDayYear"]);
    expect(p.rows).toEqual([]);
    const chosen = transfer.preview(request("/x/ambiguous.csv", { dateFormat: "monthDayYear" }));
    expect(chosen.dateFormat).toBe("monthDayYear");
    expect(chosen.rowCount).toBe(14);
  });

  it("refuses what it cannot read, and incomplete columns", () => {
    const { transfer } = fresh();
    expect(() => transfer.preview(request("/x/statement.pdf"))).toThrow(expect.objectContaining({ code: "import_unreadable" }) as Error);
    const columns = { date: 0, amount: null, debit: 5, credit: null, description: 2, category: null, notes: null, paymentMethod: null };
    expect(() => transfer.preview(request("/x/a.csv", { columns }))).toThrow(expect.objectContaining({ code: "invalid_columns" }) as Error);
  });
});

describe("FakeTransfer commit and undo", () => {
  it("imports what the preview promised, then finds it all again as duplicates, and undo removes exactly it", () => {
    const { ledger, transfer } = fresh();
    const all = { from: null, to: null, categories: [], minAmount: null, maxAmount: null, text: null };
    const r = request("/x/Umsaetze.csv");
    const p = transfer.preview(r);
    const categories = ledger.categories().categories;
    const map = categoryMapDefaults(p.unknownCategories, categories);
    const commit = { preview: r, includeDuplicates: [], categories: categoryChoices(p.unknownCategories, map), defaultCategoryId: defaultCategoryFor(categories) ?? 0 };

    expect(() => transfer.commit({ ...commit, leaveOutProblems: false })).toThrow(expect.objectContaining({ code: "import_problems" }) as Error);
    expect(ledger.totals(all).count).toBe(0);

    const batch = transfer.commit({ ...commit, leaveOutProblems: true }, 1_795_000_000);
    expect(batch).toMatchObject({ fileName: "Umsaetze.csv", count: p.rowCount - p.duplicateCount, total: p.total, importedAt: 1_795_000_000 });
    expect(ledger.totals(all)).toEqual({ count: batch.count, total: batch.total });
    // "Haushalt" had no suggestion, so it was created; "Lebensmittel" went to Groceries.
    expect(ledger.categories().categories.some((c) => c.name === "Haushalt")).toBe(true);
    expect(ledger.categories().categories.some((c) => c.name === "Lebensmittel")).toBe(false);

    const again = transfer.preview(r);
    expect(again.duplicateCount).toBe(again.rowCount);
    expect(transfer.batchList().map((b) => b.id)).toEqual([batch.id]);

    expect(transfer.undo(batch.id)).toBe(batch.count);
    expect(ledger.totals(all).count).toBe(0);
    expect(transfer.batchList()).toEqual([]);
    expect(() => transfer.undo(batch.id)).toThrow(expect.objectContaining({ code: "unknown_import" }) as Error);
  });

  it("imports a ticked duplicate, and nothing when every row is left out", () => {
    const { ledger, transfer } = fresh();
    const r = request("/x/Umsaetze.csv");
    const p = transfer.preview(r);
    const defaultCategoryId = defaultCategoryFor(ledger.categories().categories) ?? 0;
    const dup = p.rows.find((x) => x.duplicate);
    expect(dup).toBeDefined();
    const batch = transfer.commit({ preview: r, includeDuplicates: [dup?.line ?? 0], categories: [], defaultCategoryId, leaveOutProblems: true });
    expect(batch.count).toBe(p.rowCount - p.duplicateCount + 1);
    expect(() => transfer.commit({ preview: r, includeDuplicates: [], categories: [], defaultCategoryId, leaveOutProblems: true })).toThrow(
      expect.objectContaining({ code: "nothing_to_import" }) as Error,
    );
  });
});

describe("FakeImportRuns", () => {
  /** Runs whose waits do not wait, recording every report; `onReport` runs after each. */
  const runs = (onReport: (p: ImportProgress, all: FakeImportRuns) => void = () => undefined) => {
    const reports: ImportProgress[] = [];
    const r: FakeImportRuns = new FakeImportRuns(
      (p) => {
        reports.push(p);
        onReport(p, r);
      },
      () => Promise.resolve(),
    );
    return { r, reports };
  };

  it("reports a large file's rows every 100, in the run's phase, and none for another file", async () => {
    const { r, reports } = runs();
    await r.run("writing", "/x/large.csv", 450);
    expect(reports).toHaveLength(13);
    expect(reports[0]).toEqual({ phase: "writing", rows: 0 });
    expect(reports[12]).toEqual({ phase: "writing", rows: 1_200 });
    reports.length = 0;
    await r.run("reading", "/x/Umsaetze.csv", 220);
    expect(reports).toEqual([]);
  });

  it("stops with import_cancelled at the report after cancel, and the next run starts afresh", async () => {
    let cancelAt: number | null = 200;
    const { r, reports } = runs((p, all) => {
      if (p.rows === cancelAt) all.cancel();
    });
    await expect(r.run("reading", "/x/LARGE-export.csv", 0)).rejects.toEqual({
      code: "import_cancelled",
      message: "The import was cancelled; nothing was written.",
    });
    expect(reports.map((p) => p.rows)).toEqual([0, 100, 200]);
    // A request made before a run is forgotten when the run starts (as the shell's `import_run`).
    cancelAt = null;
    r.cancel();
    reports.length = 0;
    await r.run("writing", "/x/large.csv", 0);
    expect(reports).toHaveLength(13);
  });
});
