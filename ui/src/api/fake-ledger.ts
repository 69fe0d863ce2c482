// Why: the dev-only fake's in-memory ledger (expenses, categories, totals, paging, undo, budgets) with Rust's rules and error codes, roughly, so every screen can be built in a plain browser.
import type { AlertSettings } from "./bindings/AlertSettings";
import type { AppError } from "./bindings/AppError";
import type { BudgetAlert } from "./bindings/BudgetAlert";
import type { BudgetMonth } from "./bindings/BudgetMonth";
import type { CategoryInput } from "./bindings/CategoryInput";
import type { CategoryList } from "./bindings/CategoryList";
import type { CurrencyInfo } from "./bindings/CurrencyInfo";
import type { DeleteCategoryRequest } from "./bindings/DeleteCategoryRequest";
import type { ExpenseFilter } from "./bindings/ExpenseFilter";
import type { ExpenseInput } from "./bindings/ExpenseInput";
import type { ExpensePage } from "./bindings/ExpensePage";
import type { ExpensePageRequest } from "./bindings/ExpensePageRequest";
import type { ExpenseView } from "./bindings/ExpenseView";
import type { HomeOverview } from "./bindings/HomeOverview";
import type { Report } from "./bindings/Report";
import type { ReportRequest } from "./bindings/ReportRequest";
import type { SetBudgetRequest } from "./bindings/SetBudgetRequest";
import type { Totals } from "./bindings/Totals";
import { currentMonth, isIsoDate, isoDay, previousMonth, todayIso } from "../lib/periods";
import { FakeBudgets, keyMonth, monthKey } from "./fake-budgets";
import { buildReport } from "./fake-reports";

export function fail(code: AppError["code"], message: string): never {
  const error: AppError = { code, message };
  throw error;
}

/** A sample of what the real shell offers (it knows every ISO 4217 currency). */
export const FAKE_CURRENCIES: CurrencyInfo[] = [
  ["AUD", 2], ["BHD", 3], ["BRL", 2], ["CAD", 2], ["CHF", 2], ["CNY", 2], ["DKK", 2], ["EUR", 2], ["GBP", 2],
  ["INR", 2], ["JPY", 0], ["KRW", 0], ["KWD", 3], ["MXN", 2], ["NOK", 2], ["NZD", 2], ["PLN", 2], ["SEK", 2],
  ["SGD", 2], ["USD", 2], ["ZAR", 2],
].map(([code, minorUnits]) => ({ code: code as string, minorUnits: minorUnits as number }));

const MAX_AMOUNT = 99_999_999_999;

const DEFAULT_CATEGORIES: [string, string][] = [
  ["Groceries", "#15803d"], ["Rent", "#6d28d9"], ["Transport", "#0369a1"], ["Dining", "#c2410c"],
  ["Utilities", "#a16207"], ["Health", "#b91c1c"], ["Entertainment", "#be185d"], ["Shopping", "#7e22ce"],
  ["Travel", "#0f766e"], ["Education", "#1d4ed8"], ["Gifts", "#9d174d"], ["Other", "#475569"],
];

const chars = (s: string) => Array.from(s).length;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Port of `coffer_ledger::money::parse_amount`: minor units, or the sentence Rust would say. */
export function parseAmount(text: string, currency: CurrencyInfo): number | string {
  const trimmed = text.trim();
  if (trimmed === "") return "enter an amount";
  const notANumber = `“${Array.from(trimmed).slice(0, 40).join("")}” is not an amount; write it like 12.34`;
  if (trimmed.startsWith("-") || trimmed.startsWith("\u2212")) return "the amount must be more than zero";
  const compact = trimmed.replace(/[ \u00a0\u202f'’]/gu, "");
  if (compact === "" || !/^[0-9.,]+$/u.test(compact)) return notANumber;
  const dot = compact.lastIndexOf(".");
  const comma = compact.lastIndexOf(",");
  let mark: number | null = null;
  if (dot >= 0 && comma >= 0) mark = Math.max(dot, comma);
  else if (dot >= 0 || comma >= 0) {
    const at = Math.max(dot, comma);
    const ch = compact[at] as string;
    const single = compact.split(ch).length === 2;
    const thousands = ch === "," && compact.length - at - 1 === 3 && currency.minorUnits < 3;
    mark = single && !thousands ? at : null;
  }
  const whole = mark === null ? compact : compact.slice(0, mark);
  const fraction = mark === null ? "" : compact.slice(mark + 1);
  if (/[.,]/u.test(fraction) || (mark !== null && fraction === "")) return notANumber;
  if (whole !== "" && !/^\d+$/u.test(whole) && !/^\d{1,3}([.,]\d{3})+$/u.test(whole)) return notANumber;
  const wholeDigits = whole.replace(/[.,]/gu, "").replace(/^0+/u, "");
  if (fraction.length > currency.minorUnits) {
    return `${currency.code} amounts have ${currency.minorUnits === 0 ? "no decimal places" : `at most ${currency.minorUnits} decimal places`}`;
  }
  if (wholeDigits.length > 12) return "the amount is too large";
  const minor = Number(wholeDigits || "0") * 10 ** currency.minorUnits + Number(fraction.padEnd(currency.minorUnits, "0") || "0");
  if (minor === 0) return "the amount must be more than zero";
  if (minor > MAX_AMOUNT) return "the amount is too large";
  return minor;
}

/** Days since 1970-01-01 (the cursor key of a date sort, as in Rust). */
function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

interface Category {
  id: number;
  name: string;
  color: string;
}

function line(text: string, max: number, code: AppError["code"], label: string): string {
  const t = text.trim();
  if (chars(t) > max) fail(code, `The ${label} has at most ${max} characters (this one has ${chars(t)}).`);
  if (CONTROL.test(t)) fail(code, `The ${label} cannot contain line breaks or control characters.`);
  return t;
}

export class FakeLedger {
  private categoriesById = new Map<number, Category>();
  private expenses: ExpenseView[] = [];
  private deleted: ExpenseView[] = [];
  private nextId = 1;
  private nextCategoryId = 1;
  private readonly budgets: FakeBudgets;
  /** The profile's own choice to lock when the window is minimised or hidden (kept in its ledger, as in Rust). */
  lockWhenHidden = false;

  constructor(readonly currency: CurrencyInfo) {
    for (const [name, color] of DEFAULT_CATEGORIES) this.categoriesById.set(this.nextCategoryId, { id: this.nextCategoryId++, name, color });
    this.budgets = new FakeBudgets({ categories: () => this.categories().categories, spent: (month, c) => this.spentIn(month, c) });
  }

  /** Spent in `month` (`YYYY-MM`) in a category, or in all of them (null). */
  private spentIn(month: string, categoryId: number | null): number {
    let sum = 0;
    for (const e of this.expenses) if (e.date.startsWith(month) && (categoryId === null || e.categoryId === categoryId)) sum += e.amount;
    return sum;
  }

  // ----- categories -------------------------------------------------------------------------------------------------

  categories(): CategoryList {
    const usage = new Map<number, { count: number; total: number }>();
    for (const e of this.expenses) {
      const u = usage.get(e.categoryId) ?? { count: 0, total: 0 };
      usage.set(e.categoryId, { count: u.count + 1, total: u.total + e.amount });
    }
    const categories = [...this.categoriesById.values()]
      .map((c) => ({ ...c, expenseCount: usage.get(c.id)?.count ?? 0, total: usage.get(c.id)?.total ?? 0 }))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
    const last = [...this.expenses].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)[0];
    return { categories, lastUsed: last?.categoryId ?? null };
  }

  private checkCategory(input: CategoryInput, except: number | null): Category {
    const name = input.name.trim();
    if (name === "") fail("invalid_category_name", "Give the category a name.");
    if (chars(name) > 40) fail("invalid_category_name", `A category name has at most 40 characters (this one has ${chars(name)}).`);
    if (CONTROL.test(name)) fail("invalid_category_name", "A category name cannot contain line breaks or control characters.");
    const color = input.color.trim();
    if (!/^#[0-9a-f]{6}$/iu.test(color)) fail("invalid_color", `“${color.slice(0, 20)}” is not a colour; use the form #rrggbb.`);
    for (const c of this.categoriesById.values()) {
      if (c.id !== except && c.name.toLowerCase() === name.toLowerCase()) fail("duplicate_category", `There is already a category called “${c.name}”.`);
    }
    return { id: except ?? 0, name, color: color.toLowerCase() };
  }

  createCategory(input: CategoryInput): CategoryList {
    const c = this.checkCategory(input, null);
    const id = this.nextCategoryId++;
    this.categoriesById.set(id, { ...c, id });
    return this.categories();
  }

  updateCategory(id: number, input: CategoryInput): CategoryList {
    if (!this.categoriesById.has(id)) fail("unknown_category", "That category does not exist (any more). Pick another one.");
    this.categoriesById.set(id, this.checkCategory(input, id));
    return this.categories();
  }

  deleteCategory(r: DeleteCategoryRequest): CategoryList {
    const c = this.categoriesById.get(r.id) ?? fail("unknown_category", "That category does not exist (any more). Pick another one.");
    if (this.categoriesById.size === 1) fail("last_category", "This is the only category left; every expense needs one. Create another first.");
    const count = this.expenses.filter((e) => e.categoryId === c.id).length;
    if (count > 0) {
      if (r.moveTo === null) fail("category_in_use", `“${c.name}” has ${count} expense(s). Choose the category they should move to.`);
      if (r.moveTo === c.id) fail("invalid_category", "Move the expenses to a different category.");
      if (!this.categoriesById.has(r.moveTo)) fail("unknown_category", "That category does not exist (any more). Pick another one.");
      const moveTo = r.moveTo;
      this.expenses = this.expenses.map((e) => (e.categoryId === c.id ? { ...e, categoryId: moveTo } : e));
    }
    this.categoriesById.delete(c.id);
    return this.categories();
  }

  // ----- expenses ---------------------------------------------------------------------------------------------------

  private fields(input: ExpenseInput): Omit<ExpenseView, "id" | "createdAt" | "updatedAt"> {
    if (!isIsoDate(input.date.trim())) fail("invalid_date", `“${input.date.slice(0, 20)}” is not a date; write it like 2026-11-24.`);
    const amount = parseAmount(input.amount, this.currency);
    if (typeof amount === "string") fail("invalid_amount", capitalise(`${amount}.`));
    if (!this.categoriesById.has(input.categoryId)) fail("unknown_category", "That category does not exist (any more). Pick another one.");
    const description = line(input.description, 200, "invalid_description", "description");
    if (description === "") fail("invalid_description", "Describe the expense (e.g. “Weekly shop”).");
    const notes = input.notes.trim().replace(/\r\n/gu, "\n");
    if (chars(notes) > 2000) fail("invalid_notes", `Notes have at most 2000 characters (these have ${chars(notes)}).`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/u.test(notes)) fail("invalid_notes", "Notes cannot contain control characters.");
    const payment = line(input.paymentMethod, 40, "invalid_payment_method", "payment method");
    return { date: input.date.trim(), amount, categoryId: input.categoryId, description, notes: notes || null, paymentMethod: payment || null };
  }

  add(input: ExpenseInput, now = Math.floor(Date.now() / 1000)): ExpenseView {
    const e: ExpenseView = { id: this.nextId++, ...this.fields(input), createdAt: now, updatedAt: now };
    this.expenses.push(e);
    return e;
  }

  update(id: number, input: ExpenseInput): ExpenseView {
    const i = this.expenses.findIndex((e) => e.id === id);
    const old = this.expenses[i] ?? fail("unknown_expense", "That expense does not exist (any more).");
    const e: ExpenseView = { ...old, ...this.fields(input), updatedAt: Math.floor(Date.now() / 1000) };
    this.expenses[i] = e;
    return e;
  }

  delete(id: number): ExpenseView {
    const e = this.expenses.find((x) => x.id === id) ?? fail("unknown_expense", "That expense does not exist (any more).");
    this.expenses = this.expenses.filter((x) => x.id !== id);
    this.deleted = [...this.deleted.slice(-19), e];
    return e;
  }

  undo(id: number): ExpenseView {
    const e = this.deleted.find((x) => x.id === id) ?? fail("nothing_to_undo", "That expense can no longer be brought back.");
    this.deleted = this.deleted.filter((x) => x.id !== id);
    this.expenses.push(e);
    return e;
  }

  forgetUndo(): void {
    this.deleted = [];
  }

  /** A copy sharing nothing with this ledger (what a backup holds, and a profile restored from it); Undo is not copied. */
  copy(): FakeLedger {
    const c = new FakeLedger(this.currency);
    c.categoriesById = new Map([...this.categoriesById].map(([id, category]) => [id, { ...category }]));
    c.expenses = this.expenses.map((e) => ({ ...e }));
    c.nextId = this.nextId;
    c.nextCategoryId = this.nextCategoryId;
    c.lockWhenHidden = this.lockWhenHidden;
    c.budgets.copyFrom(this.budgets);
    return c;
  }

  /** How many expenses it holds (a made-up backup's size grows with it). */
  expenseCount(): number {
    return this.expenses.length;
  }

  /** Whether an expense has this date, amount and description (the importer's likely-duplicate rule). */
  hasSame(date: string, amount: number, description: string): boolean {
    return this.expenses.some((e) => e.date === date && e.amount === amount && e.description === description);
  }

  /** Removes these expenses for good (undoing an import: no Undo of its own); answers how many were still there. */
  removeMany(ids: readonly number[]): number {
    const gone = new Set(ids);
    const before = this.expenses.length;
    this.expenses = this.expenses.filter((e) => !gone.has(e.id));
    return before - this.expenses.length;
  }

  // ----- queries ----------------------------------------------------------------------------------------------------

  private matcher(f: ExpenseFilter): (e: ExpenseView) => boolean {
    const date = (text: string | null, label: string): string | null => {
      const t = text?.trim() ?? "";
      if (t === "") return null;
      if (!isIsoDate(t)) fail("invalid_filter", `The ${label} date: “${t.slice(0, 20)}” is not a date; write it like 2026-11-24.`);
      return t;
    };
    const amount = (text: string | null, label: string): number | null => {
      const t = text?.trim() ?? "";
      if (t === "") return null;
      const v = parseAmount(t, this.currency);
      if (typeof v === "string") fail("invalid_filter", `The ${label} amount: ${v}.`);
      return v;
    };
    const from = date(f.from, "start");
    const to = date(f.to, "end");
    const min = amount(f.minAmount, "smallest");
    const max = amount(f.maxAmount, "largest");
    if (from !== null && to !== null && from > to) fail("invalid_filter", "The start date is after the end date.");
    if (min !== null && max !== null && min > max) fail("invalid_filter", "The smallest amount is larger than the largest.");
    const text = f.text?.trim().toLowerCase() ?? "";
    if (chars(text) > 200) fail("invalid_filter", `Search for at most 200 characters (this is ${chars(text)}).`);
    const cats = new Set(f.categories);
    return (e) =>
      (from === null || e.date >= from) &&
      (to === null || e.date <= to) &&
      (cats.size === 0 || cats.has(e.categoryId)) &&
      (min === null || e.amount >= min) &&
      (max === null || e.amount <= max) &&
      (text === "" || e.description.toLowerCase().includes(text) || (e.notes ?? "").toLowerCase().includes(text));
  }

  page(r: ExpensePageRequest): ExpensePage {
    const match = this.matcher(r.filter);
    const key = (e: ExpenseView) => (r.sort === "date" ? dayNumber(e.date) : e.amount);
    const dir = r.descending ? -1 : 1;
    const cmp = (a: [number, number], b: [number, number]) => (a[0] - b[0] || a[1] - b[1]) * dir;
    const limit = Math.min(Math.max(r.limit, 1), 500);
    const rows = this.expenses
      .filter(match)
      .filter((e) => r.after === null || cmp([key(e), e.id], [r.after.key, r.after.id]) > 0)
      .sort((a, b) => cmp([key(a), a.id], [key(b), b.id]));
    const expenses = rows.slice(0, limit);
    const last = expenses[expenses.length - 1];
    return { expenses, next: rows.length > limit && last ? { key: key(last), id: last.id } : null };
  }

  totals(f: ExpenseFilter): Totals {
    const rows = this.expenses.filter(this.matcher(f));
    return { total: rows.reduce((s, e) => s + e.amount, 0), count: rows.length };
  }

  overview(profileName: string, today: string): HomeOverview {
    if (!isIsoDate(today)) fail("invalid_request", `Today's date: “${today}” is not a date.`);
    const month = today.slice(0, 7);
    const last = previousMonth(month);
    const inMonth = (m: string) => this.expenses.filter((e) => e.date.startsWith(m));
    const sum = (rows: ExpenseView[]): Totals => ({ total: rows.reduce((s, e) => s + e.amount, 0), count: rows.length });
    const byCategory = new Map<number, Totals>();
    for (const e of inMonth(month)) {
      const t = byCategory.get(e.categoryId) ?? { total: 0, count: 0 };
      byCategory.set(e.categoryId, { total: t.total + e.amount, count: t.count + 1 });
    }
    return {
      profileName,
      month,
      thisMonth: sum(inMonth(month)),
      lastMonth: sum(inMonth(last)),
      byCategory: [...byCategory.entries()].map(([categoryId, t]) => ({ categoryId, ...t })).sort((a, b) => b.total - a.total),
      recent: [...this.expenses].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id)).slice(0, 10),
      expenseCount: this.expenses.length,
    };
  }

  // ----- budgets ----------------------------------------------------------------------------------------------------

  /** `today` is the person's local date, as the shell reads it. */
  budgetMonth(month: string, today = todayIso()): BudgetMonth {
    return this.budgets.month(month, today);
  }

  setBudget(r: SetBudgetRequest, today = todayIso()): BudgetMonth {
    monthKey(r.month);
    let amount: number | null = null;
    if (r.amount !== null) {
      const parsed = parseAmount(r.amount, this.currency);
      if (typeof parsed === "string") fail("invalid_amount", `The budget: ${parsed}.`);
      amount = parsed;
    }
    return this.budgets.set(r.categoryId, r.month, r.span, amount, r.rollover, today);
  }

  copyBudgets(month: string, today = todayIso()): BudgetMonth {
    return this.budgets.copy(month, today);
  }

  alertSettings(): AlertSettings {
    return this.budgets.alertSettings();
  }

  setAlertSettings(settings: AlertSettings): AlertSettings {
    return this.budgets.setAlertSettings(settings);
  }

  /** Thresholds newly reached in today's month, each reported once (what Rust announces after a change or at unlock). */
  budgetAlerts(today = todayIso()): BudgetAlert[] {
    return this.budgets.evaluate(today);
  }

  /**
   * Budgets for the last few months, sized from the seeded spending so that some are on track, some near and one over;
   * what they have reached already counts as announced.
   */
  private seedBudgets(now: Date): void {
    const today = todayIso(now);
    const key = monthKey(currentMonth(now));
    const id = (name: string) => [...this.categoriesById.values()].find((c) => c.name === name)?.id ?? null;
    const average = (categoryId: number | null) => {
      let sum = 0;
      for (let m = key - 3; m < key; m++) sum += this.spentIn(keyMonth(m), categoryId);
      return sum / 3;
    };
    const step = 10 * 10 ** this.currency.minorUnits;
    const nice = (minor: number) => Math.max(step, Math.round(minor / step) * step);
    const plan: [string | null, number, number, boolean][] = [
      [null, 1.05, 3, false],
      ["Groceries", 1.0, 3, true],
      ["Dining", 0.85, 3, false],
      ["Transport", 1.4, 2, false],
      ["Entertainment", 0.7, 4, false],
      ["Shopping", 1.2, 3, true],
    ];
    for (const [name, factor, back, rollover] of plan) {
      const categoryId = name === null ? null : id(name);
      if (name !== null && categoryId === null) continue;
      this.budgets.set(categoryId, keyMonth(key - back), "fromThisMonthOn", nice(average(categoryId) * factor), rollover, today);
    }
    // A one-off: a smaller transport budget this month only.
    const transport = id("Transport");
    if (transport !== null) this.budgets.set(transport, keyMonth(key), "thisMonth", nice(average(transport) * 0.9), false, today);
    this.budgets.evaluate(today);
  }

  // ----- reports ----------------------------------------------------------------------------------------------------

  /** Every expense's date, amount and category (what the reports read). */
  spending(): readonly Pick<ExpenseView, "date" | "amount" | "categoryId">[] {
    return this.expenses;
  }

  /** The report Rust would answer on `today`. */
  report(request: ReportRequest, today = todayIso()): Report {
    return buildReport(
      {
        currency: this.currency,
        categories: () => this.categories().categories,
        spending: () => this.spending(),
        budgetMonth: (month, day) => this.budgetMonth(month, day),
      },
      request,
      today,
    );
  }

  // ----- demo data --------------------------------------------------------------------------------------------------

  /** A few hundred plausible expenses over the 14 months up to `now`, the same every time. */
  seedDemo(now: Date, withLargest = false): void {
    let state = 0x5eed;
    const random = () => {
      // mulberry32
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const id = (name: string) => [...this.categoriesById.values()].find((c) => c.name === name)?.id ?? 1;
    // Amounts are written in euro cents and scaled to the profile's currency.
    const scale = this.currency.minorUnits === 0 ? 1.6 : this.currency.minorUnits === 3 ? 4 : 1;
    const plan: [string, number, [number, number], string[], string[]][] = [
      ["Groceries", 9, [1200, 11000], ["Weekly shop", "Farmers' market", "Bakery", "Corner shop", "Organic store"], ["Card", "Cash"]],
      ["Dining", 5, [900, 7800], ["Lunch with Sam", "Pizza night", "Coffee & croissant", "Sushi", "Brunch"], ["Card"]],
      ["Transport", 6, [250, 6500], ["Metro pass top-up", "Fuel", "Taxi home", "Train ticket", "Bike repair"], ["Card", "Mobile payment"]],
      ["Utilities", 2, [3500, 14000], ["Electricity", "Internet", "Water", "Phone plan"], ["Direct debit"]],
      ["Entertainment", 2, [900, 6500], ["Cinema", "Concert tickets", "Streaming subscription", "Board game"], ["Card"]],
      ["Shopping", 2, [1500, 18000], ["Running shoes", "Books", "Kitchen knife", "Winter coat", "Desk lamp"], ["Card"]],
      ["Health", 1, [800, 9000], ["Pharmacy", "Dentist", "Physio session"], ["Card"]],
      ["Other", 1, [300, 4000], ["Post office", "Haircut", "Dry cleaning"], ["Cash"]],
    ];
    const notes = ["Split with Alex", "Receipt in the drawer", "Reimbursable\nAsk finance next week", "<b>not bold</b> & “quoted”", null, null, null, null];
    for (let back = 13; back >= 0; back--) {
      const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
      const year = d.getFullYear();
      const month = d.getMonth() + 1;
      const lastDay = back === 0 ? now.getDate() : new Date(year, month, 0).getDate();
      const add = (category: string, cents: number, description: string, day: number, payment: string | null, note: string | null) => {
        const amount = Math.max(1, Math.round(cents * scale));
        const e: ExpenseView = {
          id: this.nextId++,
          date: isoDay(year, month, Math.min(day, lastDay)),
          amount,
          categoryId: id(category),
          description,
          notes: note,
          paymentMethod: payment,
          createdAt: Math.floor(Date.UTC(year, month - 1, Math.min(day, lastDay)) / 1000) + 3600 * 18,
          updatedAt: 0,
        };
        e.updatedAt = e.createdAt;
        this.expenses.push(e);
      };
      add("Rent", 115000, "Rent", 1, "Bank transfer", null);
      for (const [category, perMonth, [lo, hi], descriptions, payments] of plan) {
        const n = Math.max(0, perMonth + Math.round((random() - 0.5) * perMonth * 0.6));
        for (let i = 0; i < n; i++) {
          add(category, lo + Math.round(random() * (hi - lo)), pick(descriptions), 1 + Math.floor(random() * 28), pick(payments), pick(notes));
        }
      }
      if (random() < 0.3) add("Travel", 18000 + Math.round(random() * 60000), pick(["Weekend in Lisbon", "Flights to Rome", "Hotel in Vienna"]), 10, "Card", null);
      if (random() < 0.2) add("Gifts", 2000 + Math.round(random() * 8000), pick(["Birthday present for Mum", "Wedding gift"]), 15, "Card", null);
      if (random() < 0.15) add("Education", 4900 + Math.round(random() * 20000), pick(["Online course", "Language class"]), 5, "Card", null);
    }
    this.addLayoutSamples(now, withLargest);
    this.seedBudgets(now);
  }

  /** A very long description (and, when asked, the largest amount there is) to check that layouts hold. */
  private addLayoutSamples(now: Date, withLargest: boolean): void {
    const date = isoDay(now.getFullYear(), now.getMonth() + 1, Math.max(1, now.getDate() - 1));
    const categoryId = [...this.categoriesById.values()].find((c) => c.name === "Other")?.id ?? 1;
    const sample = { date, categoryId, paymentMethod: "Bank transfer" };
    this.add({
      ...sample,
      amount: this.currency.minorUnits === 0 ? "4200" : "42",
      description: "An unusually long description that goes on and on, to show that the table cuts it with an ellipsis instead of wrapping",
      notes: "",
    });
    if (withLargest) {
      const units = this.currency.minorUnits;
      const amount = units === 0 ? "99999999999" : units === 3 ? "99999999.999" : "999999999.99";
      this.add({ ...sample, amount, description: "The largest amount one expense may have", notes: "" });
    }
  }
}
