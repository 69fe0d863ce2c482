// Why: one made-up report (November 2026: four categories, one over budget, a burn-up that crosses its budget) shared by the report tests.
import type { Report } from "../src/api";

export function sampleReport(more: Partial<Report> = {}): Report {
  return {
    from: "2026-11-01",
    to: "2026-11-30",
    label: "November 2026",
    fileStem: "2026-11",
    currency: "EUR",
    total: 100_000,
    count: 12,
    byCategory: [
      { categoryId: 1, name: "Groceries", color: "#15803d", amount: 45_000, count: 7, shareBp: 4500 },
      { categoryId: 2, name: "Rent", color: "#6d28d9", amount: 30_000, count: 1, shareBp: 3000 },
      { categoryId: 3, name: "Dining", color: "#c2410c", amount: 24_960, count: 3, shareBp: 2496 },
      { categoryId: 4, name: "Other", color: "#475569", amount: 40, count: 1, shareBp: 4 },
    ],
    monthly: {
      months: [
        { month: "2026-09", amount: 80_000, shareBp: 2963 },
        { month: "2026-10", amount: 90_000, shareBp: 3333 },
        { month: "2026-11", amount: 100_000, shareBp: 3704 },
      ],
      average: 90_000,
      total: 270_000,
    },
    budget: {
      month: "2026-11",
      rows: [
        { categoryId: 3, name: "Dining", color: "#c2410c", limit: 20_000, spent: 24_960, remaining: -4_960, percent: 124 },
        { categoryId: 1, name: "Groceries", color: "#15803d", limit: 50_000, spent: 45_000, remaining: 5_000, percent: 90 },
        { categoryId: 2, name: "Rent", color: "#6d28d9", limit: null, spent: 30_000, remaining: null, percent: null },
      ],
    },
    burnUp: {
      month: "2026-11",
      limit: 120_000,
      days: [
        { date: "2026-11-01", spent: 30_000, cumulative: 30_000 },
        { date: "2026-11-02", spent: 0, cumulative: 30_000 },
        { date: "2026-11-03", spent: 70_000, cumulative: 100_000 },
      ],
      projected: 1_000_000,
      overOn: "2026-11-04",
    },
    ...more,
  };
}
