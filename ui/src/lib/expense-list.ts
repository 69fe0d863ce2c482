// Why: the expense list's rules that need no DOM (what the filter bar sends, whether anything filters, the pager's text), kept pure for tests.
import type { ExpenseFilter } from "../api/bindings/ExpenseFilter";
import { presetRange, type PeriodPreset } from "./periods";

/** Rows per page. */
export const PAGE_SIZE = 50;

/** The filter bar as the person set it (text exactly as typed). */
export interface FilterState {
  preset: PeriodPreset;
  /** Custom range ends, `YYYY-MM-DD` or "" (only used with the "custom" preset). */
  from: string;
  to: string;
  /** Selected category ids; empty means every category. */
  categories: readonly number[];
  min: string;
  max: string;
  text: string;
}

export const NO_FILTER: FilterState = { preset: "all", from: "", to: "", categories: [], min: "", max: "", text: "" };

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/** The wire filter for the state on the local date of `now` (presets become concrete dates). */
export function toExpenseFilter(s: FilterState, now: Date): ExpenseFilter {
  const range = s.preset === "custom" ? { from: s.from, to: s.to } : presetRange(s.preset, now);
  return {
    from: orNull(range?.from ?? ""),
    to: orNull(range?.to ?? ""),
    categories: [...s.categories],
    minAmount: orNull(s.min),
    maxAmount: orNull(s.max),
    text: orNull(s.text),
  };
}

/** Whether the state narrows the list at all (decides "nothing matches" versus "no expenses yet"). */
export function isFilterActive(s: FilterState): boolean {
  const custom = s.preset === "custom" && (s.from.trim() !== "" || s.to.trim() !== "");
  return (
    (s.preset !== "all" && s.preset !== "custom") ||
    custom ||
    s.categories.length > 0 ||
    s.min.trim() !== "" ||
    s.max.trim() !== "" ||
    s.text.trim() !== ""
  );
}

/** "51–100 of 1,234" for the page at `pageIndex` (0-based) holding `rows` rows; "0 of 0" when empty. */
export function pageRangeLabel(pageIndex: number, rows: number, total: number, locale?: string): string {
  const n = new Intl.NumberFormat(locale);
  if (rows === 0) return `0 of ${n.format(total)}`;
  const first = pageIndex * PAGE_SIZE + 1;
  return `${n.format(first)}–${n.format(first + rows - 1)} of ${n.format(total)}`;
}

/** The category button's text: "All categories", the one name, or "3 categories". */
export function categoryFilterLabel(selectedNames: readonly string[]): string {
  if (selectedNames.length === 0) return "All categories";
  if (selectedNames.length === 1) return selectedNames[0] as string;
  return `${selectedNames.length} categories`;
}
