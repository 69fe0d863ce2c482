// Why: the add/edit expense dialog every unlocked screen shares: its form state, quick checks, saving, and Rust's verdict beside the right field.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createRef, ref, type Ref } from "lit-html/directives/ref.js";
import { addExpense, updateExpense, type AppError, type CategoryList, type CurrencyInfo, type ExpenseInput, type ExpenseView } from "../api";
import { iconAlert } from "../components/icon-alert";
import { modal } from "../components/modal";
import { buttonSpinner } from "../components/spinner";
import { checkExpenseDraft, expenseFieldFor, firstErrorField, type ExpenseErrors, type ExpenseField } from "../lib/field-errors";
import { amountPlaceholder, currencySymbol, plainAmount } from "../lib/money";
import { todayIso } from "../lib/periods";

export interface EditorDeps {
  currency: CurrencyInfo;
  categories(): CategoryList | null;
  loadCategories(): Promise<CategoryList>;
  refresh(): void;
  /** Normalises a failure; null when it was `locked` and the app already went to the unlock screen. */
  fail(error: unknown): AppError | null;
  /** After a successful save, with the dialog already closed. */
  saved(expense: ExpenseView, created: boolean): void;
  /** Where focus goes when the element that opened the dialog is gone. */
  fallbackFocus(): void;
}

export interface ExpenseEditor {
  /** Opens for a new expense (null) or to edit one; `opener` gets focus back on close. */
  open(expense: ExpenseView | null, opener: Element | null): Promise<void>;
  close(): void;
  isOpen(): boolean;
  template(): TemplateResult | typeof nothing;
}

interface Initial {
  date: string;
  amount: string;
  categoryId: number | null;
  description: string;
  notes: string;
  payment: string;
}

const PAYMENT_SUGGESTIONS = ["Card", "Cash", "Bank transfer", "Direct debit", "Mobile payment"];

export function createExpenseEditor(deps: EditorDeps): ExpenseEditor {
  const refs: Record<ExpenseField, Ref<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>> = {
    date: createRef(),
    amount: createRef(),
    category: createRef(),
    description: createRef(),
    notes: createRef(),
    payment: createRef(),
  };
  const formRef = createRef<HTMLFormElement>();
  let open = false;
  let editing: ExpenseView | null = null;
  let initial: Initial | null = null;
  let opener: Element | null = null;
  let errors: ExpenseErrors = {};
  let formError: string | null = null;
  let busy = false;

  const value = (f: ExpenseField) => refs[f].value?.value ?? "";

  const focusField = (f: ExpenseField) => refs[f].value?.focus();

  const close = () => {
    if (!open) return;
    open = false;
    editing = null;
    initial = null;
    deps.refresh();
    const back = opener;
    opener = null;
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
    else deps.fallbackFocus();
  };

  const defaultCategory = (list: CategoryList | null): number | null => {
    if (list === null || list.categories.length === 0) return null;
    const last = list.lastUsed;
    if (last !== null && list.categories.some((c) => c.id === last)) return last;
    return list.categories[0]?.id ?? null;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || initial === null) return;
    formError = null;
    errors = checkExpenseDraft({
      date: value("date"),
      amount: value("amount"),
      description: value("description"),
      notes: value("notes"),
      payment: value("payment"),
    });
    const categoryId = Number(value("category"));
    if (value("category") === "" || !Number.isSafeInteger(categoryId)) errors.category = "Choose a category.";
    const first = firstErrorField(errors);
    if (first !== null) {
      deps.refresh();
      focusField(first);
      return;
    }
    const input: ExpenseInput = {
      date: value("date").trim(),
      amount: value("amount").trim(),
      categoryId,
      description: value("description").trim(),
      notes: value("notes"),
      paymentMethod: value("payment").trim(),
    };
    const wasEditing = editing;
    busy = true;
    deps.refresh();
    try {
      const saved = wasEditing === null ? await addExpense(input) : await updateExpense(wasEditing.id, input);
      busy = false;
      close();
      deps.saved(saved, wasEditing === null);
    } catch (error) {
      busy = false;
      const failure = deps.fail(error);
      if (failure === null) return;
      const field = expenseFieldFor(failure.code);
      if (field !== null) errors = { [field]: failure.message };
      else if (failure.code === "unknown_expense") formError = "This expense was deleted in the meantime. Cancel to see the current list.";
      else formError = failure.message;
      deps.refresh();
      if (field !== null) focusField(field);
      else focusField("amount");
    }
  };

  const clearError = (f: ExpenseField) => () => {
    if (errors[f] === undefined) return;
    const rest = { ...errors };
    delete rest[f];
    errors = rest;
    deps.refresh();
  };

  /** Enter submits from anywhere in the form (a select needs help); Ctrl/⌘+Enter from the notes. */
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing) return;
    const target = e.target as HTMLElement;
    const fromNotes = target.tagName === "TEXTAREA";
    if ((fromNotes && (e.ctrlKey || e.metaKey)) || target.tagName === "SELECT") {
      e.preventDefault();
      formRef.value?.requestSubmit();
    }
  };

  const invalid = (f: ExpenseField) => (errors[f] === undefined ? "" : "is-invalid");
  const ariaInvalid = (f: ExpenseField) => (errors[f] === undefined ? "false" : "true");
  const described = (f: ExpenseField, ...more: string[]) =>
    [...more, ...(errors[f] === undefined ? [] : [`expense-${f}-error`])].join(" ") || undefined;
  const label = (f: ExpenseField, text: string, optional = false) =>
    html`<label for="expense-${f}" class="form-label">${text}${optional ? html` <span class="form-optional">(optional)</span>` : nothing}</label>`;
  const feedback = (f: ExpenseField) => html`<div id="expense-${f}-error" class="invalid-feedback">${errors[f] ?? ""}</div>`;

  const form = (init: Initial): TemplateResult => {
    const list = deps.categories()?.categories ?? [];
    return html`<form id="expense-form" class="coffer-modal-form" novalidate ${ref(formRef)} @submit=${submit} @keydown=${onKeydown}>
      <div class="modal-body">
        ${iconAlert({ id: "expense-form-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
        <fieldset ?disabled=${busy} class="row g-3">
          <div class="col-sm-6">
            ${label("amount", "Amount")}
            <div class="input-group has-validation">
              <span class="input-group-text amount-addon" id="expense-amount-currency" title=${deps.currency.code}
                >${currencySymbol(deps.currency)}</span
              >
              <input
                ${ref(refs.amount)}
                id="expense-amount"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                class="form-control amount-input ${invalid("amount")}"
                placeholder=${amountPlaceholder(deps.currency.minorUnits)}
                .value=${init.amount}
                aria-invalid=${ariaInvalid("amount")}
                aria-describedby=${ifDefined(described("amount", "expense-amount-currency"))}
                @input=${clearError("amount")}
              />
              ${feedback("amount")}
            </div>
          </div>
          <div class="col-sm-6">
            ${label("date", "Date")}
            <input
              ${ref(refs.date)}
              id="expense-date"
              type="date"
              class="form-control ${invalid("date")}"
              .value=${init.date}
              aria-invalid=${ariaInvalid("date")}
              aria-describedby=${ifDefined(described("date"))}
              @input=${clearError("date")}
            />
            ${feedback("date")}
          </div>
          <div class="col-12">
            ${label("description", "Description")}
            <input
              ${ref(refs.description)}
              id="expense-description"
              type="text"
              autocomplete="off"
              class="form-control ${invalid("description")}"
              placeholder="e.g. Weekly shop"
              .value=${init.description}
              aria-invalid=${ariaInvalid("description")}
              aria-describedby=${ifDefined(described("description"))}
              @input=${clearError("description")}
            />
            ${feedback("description")}
          </div>
          <div class="col-sm-6">
            ${label("category", "Category")}
            <select
              ${ref(refs.category)}
              id="expense-category"
              class="form-select ${invalid("category")}"
              aria-invalid=${ariaInvalid("category")}
              aria-describedby=${ifDefined(described("category"))}
              @change=${clearError("category")}
            >
              ${list.map((c) => html`<option value=${c.id} ?selected=${c.id === init.categoryId}>${c.name}</option>`)}
            </select>
            ${feedback("category")}
          </div>
          <div class="col-sm-6">
            ${label("payment", "Payment method", true)}
            <input
              ${ref(refs.payment)}
              id="expense-payment"
              type="text"
              autocomplete="off"
              list="expense-payment-options"
              class="form-control ${invalid("payment")}"
              placeholder="e.g. Card"
              .value=${init.payment}
              aria-invalid=${ariaInvalid("payment")}
              aria-describedby=${ifDefined(described("payment"))}
              @input=${clearError("payment")}
            />
            <datalist id="expense-payment-options">${PAYMENT_SUGGESTIONS.map((p) => html`<option value=${p}></option>`)}</datalist>
            ${feedback("payment")}
          </div>
          <div class="col-12">
            ${label("notes", "Notes", true)}
            <textarea
              ${ref(refs.notes)}
              id="expense-notes"
              rows="2"
              class="form-control ${invalid("notes")}"
              .value=${init.notes}
              aria-invalid=${ariaInvalid("notes")}
              aria-describedby=${ifDefined(described("notes", "expense-notes-hint"))}
              @input=${clearError("notes")}
            ></textarea>
            <div id="expense-notes-hint" class="form-text">Press <kbd>Ctrl+Enter</kbd> (<kbd>⌘↩</kbd> on a Mac) to save from here.</div>
            ${feedback("notes")}
          </div>
        </fieldset>
      </div>
      <div class="modal-footer">
        <button id="expense-cancel" type="button" class="btn btn-outline-secondary" ?disabled=${busy} @click=${close}>Cancel</button>
        <button id="expense-save" type="submit" class="btn btn-primary" ?disabled=${busy}>
          ${busy ? html`${buttonSpinner()}Saving…` : editing === null ? "Add expense" : "Save changes"}
        </button>
      </div>
    </form>`;
  };

  return {
    async open(expense, from) {
      if (open) return;
      let list = deps.categories();
      if (list === null) {
        try {
          list = await deps.loadCategories();
        } catch (error) {
          deps.fail(error);
          return;
        }
      }
      const minorUnits = deps.currency.minorUnits;
      initial =
        expense === null
          ? { date: todayIso(), amount: "", categoryId: defaultCategory(list), description: "", notes: "", payment: "" }
          : {
              date: expense.date,
              amount: plainAmount(expense.amount, minorUnits),
              categoryId: expense.categoryId,
              description: expense.description,
              notes: expense.notes ?? "",
              payment: expense.paymentMethod ?? "",
            };
      editing = expense;
      opener = from;
      errors = {};
      formError = null;
      busy = false;
      open = true;
      deps.refresh();
      refs.amount.value?.focus();
    },
    close() {
      if (!busy) close();
    },
    isOpen: () => open,
    template() {
      if (!open || initial === null) return nothing;
      return modal({
        id: "expense-modal",
        labelledBy: "expense-modal-title",
        onClose: () => {
          if (!busy) close();
        },
        header: html`<h2 id="expense-modal-title" class="modal-title">${editing === null ? "Add expense" : "Edit expense"}</h2>`,
        body: form(initial),
      });
    },
  };
}
