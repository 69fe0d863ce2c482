// Why: the set/change/remove budget dialog of the budgets screen: amount, "from this month on" or "this month only", rollover for categories, and Rust's verdict beside the right field.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createRef, ref } from "lit-html/directives/ref.js";
import { setBudget, type AppError, type BudgetLine, type BudgetMonth, type BudgetSpan, type CurrencyInfo } from "../api";
import { budgetName } from "../components/budget-line";
import { iconAlert } from "../components/icon-alert";
import { modal } from "../components/modal";
import { buttonSpinner } from "../components/spinner";
import { budgetTitle } from "../lib/budgets";
import { budgetFieldFor } from "../lib/field-errors";
import { amountPlaceholder, currencySymbol, formatMoney, plainAmount } from "../lib/money";
import { monthLabel } from "../lib/periods";

export interface BudgetEditorDeps {
  currency: CurrencyInfo;
  refresh(): void;
  /** Normalises a failure; null when it was `locked` and the app already went to the unlock screen. */
  fail(error: unknown): AppError | null;
  /** After a save or removal, with the dialog already closed: the month as Rust now sees it, and what to say. */
  saved(month: BudgetMonth, message: string, line: BudgetLine): void;
  /** The category is gone (deleted elsewhere): the screen should reload. */
  stale(): void;
  /** Where focus goes when the element that opened the dialog is gone. */
  fallbackFocus(): void;
}

export interface BudgetEditor {
  /** Opens for `line` (with or without a budget) in `month` (`YYYY-MM`); `opener` gets focus back on close. */
  open(line: BudgetLine, month: string, opener: Element | null): void;
  close(): void;
  isOpen(): boolean;
  template(): TemplateResult | typeof nothing;
}

interface Target {
  line: BudgetLine;
  month: string;
}

export function createBudgetEditor(deps: BudgetEditorDeps): BudgetEditor {
  const amountRef = createRef<HTMLInputElement>();
  const formRef = createRef<HTMLFormElement>();
  const rolloverRef = createRef<HTMLInputElement>();
  let target: Target | null = null;
  let opener: Element | null = null;
  let span: BudgetSpan = "fromThisMonthOn";
  let amountError: string | null = null;
  let formError: string | null = null;
  let busy: "save" | "remove" | null = null;

  const close = () => {
    if (target === null) return;
    target = null;
    deps.refresh();
    const back = opener;
    opener = null;
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
    else deps.fallbackFocus();
  };

  const spanWords = (month: string) =>
    span === "thisMonth" ? `for ${monthLabel(month, undefined, true)} only` : `from ${monthLabel(month, undefined, true)} on`;

  /** Sends the change; `amount` null removes the budget for the chosen span. */
  const send = async (amount: string | null) => {
    if (target === null || busy !== null) return;
    const { line, month } = target;
    const name = budgetName(line);
    formError = null;
    amountError = null;
    busy = amount === null ? "remove" : "save";
    deps.refresh();
    try {
      const fresh = await setBudget({
        categoryId: line.categoryId,
        month,
        span,
        amount,
        rollover: line.categoryId !== null && (rolloverRef.value?.checked ?? false),
      });
      busy = null;
      const after = line.categoryId === null ? fresh.overall : fresh.categories.find((c) => c.categoryId === line.categoryId);
      const message =
        amount === null
          ? `Removed the ${name} budget ${spanWords(month)}`
          : `${name} budget: ${formatMoney(after?.amount ?? 0, deps.currency)} ${spanWords(month)}`;
      close();
      deps.saved(fresh, message, after ?? line);
    } catch (error) {
      busy = null;
      const failure = deps.fail(error);
      if (failure === null) return;
      if (budgetFieldFor(failure.code) === "amount") amountError = failure.message;
      else if (failure.code === "unknown_category") {
        formError = "This category was deleted in the meantime. Close this dialog to see the current list.";
        deps.stale();
      } else formError = failure.message;
      deps.refresh();
      amountRef.value?.focus();
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (target === null || busy !== null) return;
    const text = amountRef.value?.value.trim() ?? "";
    if (text === "") {
      amountError =
        target.line.amount === null ? "Enter what you mean to spend in a month." : "Enter an amount, or use Remove to take the budget away.";
      deps.refresh();
      amountRef.value?.focus();
      return;
    }
    void send(text);
  };

  /** Enter saves from anywhere in the form: a radio or a checkbox needs help to submit. */
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing) return;
    const t = e.target as HTMLInputElement;
    if (t.tagName === "INPUT" && (t.type === "radio" || t.type === "checkbox")) {
      e.preventDefault();
      formRef.value?.requestSubmit();
    }
  };

  const spanRadio = (value: BudgetSpan, id: string, label: string) =>
    html`<div class="form-check">
      <input
        class="form-check-input"
        type="radio"
        name="budget-span"
        id=${id}
        value=${value}
        .checked=${span === value}
        @change=${() => {
          span = value;
          deps.refresh();
        }}
      />
      <label class="form-check-label" for=${id}>${label}</label>
    </div>`;

  const form = (t: Target): TemplateResult => {
    const { line, month } = t;
    const label = monthLabel(month, undefined, true);
    const isCategory = line.categoryId !== null;
    const exists = line.amount !== null;
    return html`<form id="budget-form" class="coffer-modal-form" novalidate ${ref(formRef)} @submit=${submit} @keydown=${onKeydown}>
      <div class="modal-body">
        ${iconAlert({ id: "budget-form-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
        <fieldset ?disabled=${busy !== null} class="budget-form-fields">
          <div class="mb-3">
            <label for="budget-amount" class="form-label">${isCategory ? "Spend at most, per month" : "Spend at most, per month, in all"}</label>
            <div class="input-group has-validation">
              <span class="input-group-text amount-addon" id="budget-amount-currency" title=${deps.currency.code}>${currencySymbol(deps.currency)}</span>
              <input
                ${ref(amountRef)}
                id="budget-amount"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                class="form-control amount-input ${amountError === null ? "" : "is-invalid"}"
                placeholder=${amountPlaceholder(deps.currency.minorUnits)}
                .value=${line.amount === null ? "" : plainAmount(line.amount, deps.currency.minorUnits)}
                aria-invalid=${amountError === null ? "false" : "true"}
                aria-describedby=${ifDefined(["budget-amount-currency", ...(amountError === null ? [] : ["budget-amount-error"])].join(" "))}
                @input=${() => {
                  if (amountError === null) return;
                  amountError = null;
                  deps.refresh();
                }}
              />
              <div id="budget-amount-error" class="invalid-feedback">${amountError ?? ""}</div>
            </div>
          </div>
          <fieldset class="mb-3" aria-describedby="budget-span-help">
            <legend class="form-label fs-6">Applies</legend>
            ${spanRadio("fromThisMonthOn", "budget-span-from", `From ${label} on`)} ${spanRadio("thisMonth", "budget-span-this", `${label} only`)}
            <div id="budget-span-help" class="form-text">
              ${span === "thisMonth"
                ? `Only ${label} changes; the months before and after keep their budget.`
                : `Replaces any change planned after ${label}; earlier months keep what they had.`}
            </div>
          </fieldset>
          ${isCategory
            ? html`<div class="form-check form-switch mb-1">
                <input
                  ${ref(rolloverRef)}
                  class="form-check-input"
                  type="checkbox"
                  role="switch"
                  id="budget-rollover"
                  .checked=${line.rollover}
                  aria-describedby="budget-rollover-help"
                />
                <label class="form-check-label" for="budget-rollover">Roll over to the next month</label>
                <div id="budget-rollover-help" class="form-text">
                  What is left at the end of a month is added to the next month's budget; what is overspent is taken off it.
                </div>
              </div>`
            : nothing}
        </fieldset>
      </div>
      <div class="modal-footer">
        ${exists
          ? html`<button
              id="budget-remove"
              type="button"
              class="btn btn-outline-danger me-auto"
              ?disabled=${busy !== null}
              @click=${() => void send(null)}
            >
              ${busy === "remove" ? html`${buttonSpinner()}Removing…` : span === "thisMonth" ? `Remove for ${label}` : "Remove"}
            </button>`
          : nothing}
        <button id="budget-cancel" type="button" class="btn btn-outline-secondary" ?disabled=${busy !== null} @click=${close}>Cancel</button>
        <button id="budget-save" type="submit" class="btn btn-primary" ?disabled=${busy !== null}>
          ${busy === "save" ? html`${buttonSpinner()}Saving…` : exists ? "Save budget" : "Set budget"}
        </button>
      </div>
    </form>`;
  };

  return {
    open(line, month, from) {
      if (target !== null) return;
      target = { line, month };
      opener = from;
      span = "fromThisMonthOn";
      amountError = null;
      formError = null;
      busy = null;
      deps.refresh();
      amountRef.value?.focus();
      amountRef.value?.select();
    },
    close() {
      if (busy === null) close();
    },
    isOpen: () => target !== null,
    template() {
      if (target === null) return nothing;
      return modal({
        id: "budget-modal",
        labelledBy: "budget-modal-title",
        onClose: () => {
          if (busy === null) close();
        },
        header: html`<h2 id="budget-modal-title" class="modal-title">${budgetTitle(target.line.categoryId === null ? null : budgetName(target.line), target.month)}</h2>`,
        body: form(target),
      });
    },
  };
}
