// Why: what a new profile is made of — a name, its currency for good, a first password and its confirmation — drawn, checked and answered the same way wherever a profile is made (the create form, an admin adding a member); only the ids and the words differ.
import { html, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createRef, ref } from "lit-html/directives/ref.js";
import { isAppError, type CurrencyInfo, type PasswordPolicy } from "../api";
import { defaultCurrency } from "../lib/currencies";
import type { CreateErrors } from "../lib/validation";
import { currencySelect } from "./currency-select";
import { createNewPasswordFields, type NewPasswordFields } from "./new-password-fields";

export interface NewProfileFieldsOptions {
  /** The form's prefix: `#<prefix>-name`, `#<prefix>-currency`, `#<prefix>-password`, `#<prefix>-confirm`. */
  prefix: string;
  /** The name input's `name` attribute. */
  nameAttr: string;
  nameLabel: string;
  placeholder: string;
  /** The name field is the one the screen router focuses when the screen opens. */
  autofocus?: boolean;
  passwordLabel: string;
  /** The currency codes offered, for the preselection. */
  offered: readonly string[];
  refresh: () => void;
}

export interface NewProfileFieldsProps {
  currencies: readonly CurrencyInfo[];
  policy: PasswordPolicy;
  errors: CreateErrors;
  /** After typing in a field (the strength is already up to date). */
  onInput: (field: keyof CreateErrors) => void;
}

export interface NewProfileFields {
  readonly passwords: NewPasswordFields;
  values(): { name: string; password: string; confirm: string };
  /** The currency chosen (the preselected one while the select is not drawn). */
  currency(): string;
  /** Forgets the currency's verdict (a new submit). */
  clearCurrencyError(): void;
  /** Rust's verdict on a field (`invalid_name`, `duplicate_name`, `invalid_currency`, `weak_password`: the passwords are wiped), or null for one the form has no field for. */
  verdict(failure: unknown): CreateErrors | null;
  /** Focus after a refused submit: the currency when Rust refused it, else the first field with a message (`formError` null) or the name. */
  focusAfter(errors: CreateErrors, formError: string | null): void;
  /** Focus the first field with a message. */
  focusFirstInvalid(errors: CreateErrors): void;
  focusName(): void;
  /** Empties the name and wipes the passwords (after a profile was made). */
  clear(): void;
  template(p: NewProfileFieldsProps): TemplateResult;
}

export function createNewProfileFields(o: NewProfileFieldsOptions): NewProfileFields {
  const nameRef = createRef<HTMLInputElement>();
  const currencyRef = createRef<HTMLSelectElement>();
  const preselected = defaultCurrency(navigator.languages ?? [navigator.language], o.offered);
  const passwords = createNewPasswordFields({ prefix: o.prefix, labels: { password: o.passwordLabel, confirm: "Confirm password" }, refresh: o.refresh });
  let currencyError: string | null = null;

  const focusFirstInvalid = (errors: CreateErrors) => {
    const target = errors.name ? nameRef : errors.password ? passwords.passwordRef : errors.confirm ? passwords.confirmRef : null;
    target?.value?.focus();
  };

  return {
    passwords,
    values: () => ({ name: nameRef.value?.value ?? "", ...passwords.values() }),
    currency: () => currencyRef.value?.value || preselected,
    clearCurrencyError() {
      currencyError = null;
    },
    verdict(failure) {
      currencyError = null;
      if (!isAppError(failure)) return null;
      if (failure.code === "invalid_name" || failure.code === "duplicate_name") return { name: failure.message };
      if (failure.code === "invalid_currency") {
        currencyError = failure.message;
        return {};
      }
      if (failure.code === "weak_password") {
        passwords.wipe();
        return { password: failure.message };
      }
      return null;
    },
    focusAfter(errors, formError) {
      if (currencyError !== null) currencyRef.value?.focus();
      else if (formError === null) focusFirstInvalid(errors);
      else nameRef.value?.focus();
    },
    focusFirstInvalid,
    focusName: () => nameRef.value?.focus(),
    clear() {
      passwords.wipe();
      if (nameRef.value) nameRef.value.value = "";
    },
    template(p) {
      const id = `${o.prefix}-name`;
      const nameInvalid = p.errors.name !== undefined;
      return html`<div class="mb-3">
          <label for=${id} class="form-label">${o.nameLabel}</label>
          <input
            ${ref(nameRef)}
            id=${id}
            name=${o.nameAttr}
            type="text"
            class="form-control form-control-lg ${nameInvalid ? "is-invalid" : ""}"
            autocomplete="off"
            spellcheck="false"
            placeholder=${o.placeholder}
            aria-invalid=${nameInvalid ? "true" : "false"}
            aria-describedby=${ifDefined(nameInvalid ? `${id}-error` : undefined)}
            ?data-autofocus=${o.autofocus === true}
            @input=${() => p.onInput("name")}
          />
          <div id="${id}-error" class="invalid-feedback">${p.errors.name ?? ""}</div>
        </div>
        <div class="mb-3">
          ${currencySelect({
            id: `${o.prefix}-currency`,
            selectRef: currencyRef,
            currencies: p.currencies,
            preselected,
            error: currencyError,
            large: true,
            onChange: () => {
              currencyError = null;
              o.refresh();
            },
          })}
        </div>
        ${passwords.template({ policy: p.policy, errors: p.errors, onInput: p.onInput })}`;
    },
  };
}
