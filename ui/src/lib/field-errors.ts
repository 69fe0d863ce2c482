// Why: the backend names what went wrong by error code; this decides which form field a code belongs beside (anything else is a form-level message).
import type { ErrorCode } from "../api/bindings/ErrorCode";
import { isIsoDate } from "./periods";
import { charCount } from "./validation";

/** The expense form's fields; each has the input `#expense-<field>` and its message `#expense-<field>-error`. */
export type ExpenseField = "date" | "amount" | "category" | "description" | "notes" | "payment";

export const EXPENSE_FIELDS: readonly ExpenseField[] = ["date", "amount", "category", "description", "notes", "payment"];

const EXPENSE_FIELD_BY_CODE: Partial<Record<ErrorCode, ExpenseField>> = {
  invalid_date: "date",
  invalid_amount: "amount",
  invalid_category: "category",
  unknown_category: "category",
  invalid_description: "description",
  invalid_notes: "notes",
  invalid_payment_method: "payment",
};

/** The expense field an error is about, or null for a form-level error. */
export function expenseFieldFor(code: ErrorCode): ExpenseField | null {
  return EXPENSE_FIELD_BY_CODE[code] ?? null;
}

/** The id of the input an error code belongs to (`expense-amount`), or null. */
export function expenseFieldId(code: ErrorCode): string | null {
  const field = expenseFieldFor(code);
  return field === null ? null : `expense-${field}`;
}

/** The category forms' fields (add and inline edit share the codes). */
export type CategoryField = "name" | "color";

const CATEGORY_FIELD_BY_CODE: Partial<Record<ErrorCode, CategoryField>> = {
  invalid_category_name: "name",
  duplicate_category: "name",
  invalid_color: "color",
};

export function categoryFieldFor(code: ErrorCode): CategoryField | null {
  return CATEGORY_FIELD_BY_CODE[code] ?? null;
}

/** The budget dialog's field: `#budget-amount` and its message `#budget-amount-error`. */
export type BudgetField = "amount";

const BUDGET_FIELD_BY_CODE: Partial<Record<ErrorCode, BudgetField>> = {
  invalid_amount: "amount",
};

/** The budget field an error is about, or null (`invalid_month`, `unknown_category`… are dialog-level). */
export function budgetFieldFor(code: ErrorCode): BudgetField | null {
  return BUDGET_FIELD_BY_CODE[code] ?? null;
}

/** The alert settings dialog's field: `#alert-thresholds` and its message `#alert-thresholds-error`. */
export type AlertSettingsField = "thresholds";

const ALERT_SETTINGS_FIELD_BY_CODE: Partial<Record<ErrorCode, AlertSettingsField>> = {
  invalid_threshold: "thresholds",
};

export function alertSettingsFieldFor(code: ErrorCode): AlertSettingsField | null {
  return ALERT_SETTINGS_FIELD_BY_CODE[code] ?? null;
}

// ----- the expense form's quick checks (Rust re-checks everything and words the rest) -------------------------------

export const DESCRIPTION_MAX_CHARS = 200;
export const NOTES_MAX_CHARS = 2000;
export const PAYMENT_MAX_CHARS = 40;

export interface ExpenseDraft {
  date: string;
  amount: string;
  description: string;
  notes: string;
  payment: string;
}

export type ExpenseErrors = Partial<Record<ExpenseField, string>>;

/** Instant, friendly messages for what needs no currency knowledge; the amount's format is left to Rust. */
export function checkExpenseDraft(d: ExpenseDraft): ExpenseErrors {
  const errors: ExpenseErrors = {};
  if (d.date.trim() === "") errors.date = "Choose the date of the expense.";
  else if (!isIsoDate(d.date.trim())) errors.date = "This is not a real date.";
  if (d.amount.trim() === "") errors.amount = "Enter an amount.";
  const description = d.description.trim();
  if (description === "") errors.description = "Describe the expense (e.g. “Weekly shop”).";
  else if (charCount(description) > DESCRIPTION_MAX_CHARS) {
    errors.description = `Use at most ${DESCRIPTION_MAX_CHARS} characters (this has ${charCount(description)}).`;
  }
  const notes = charCount(d.notes.trim());
  if (notes > NOTES_MAX_CHARS) errors.notes = `Notes have at most ${NOTES_MAX_CHARS} characters (these have ${notes}).`;
  const payment = charCount(d.payment.trim());
  if (payment > PAYMENT_MAX_CHARS) errors.payment = `Use at most ${PAYMENT_MAX_CHARS} characters (this has ${payment}).`;
  return errors;
}

/** The first field with a message, in form order (to focus it). */
export function firstErrorField(errors: ExpenseErrors): ExpenseField | null {
  return EXPENSE_FIELDS.find((f) => errors[f] !== undefined) ?? null;
}
