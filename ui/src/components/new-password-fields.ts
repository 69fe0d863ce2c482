// Why: a new password and its confirmation — the two fields with their show/hide buttons, the strength meter, the policy's rule and each field's message — as the create, add-member, recovery and change-password forms all draw them; only the ids and the labels differ.
import { html, type TemplateResult } from "lit-html";
import { createRef, type Ref } from "lit-html/directives/ref.js";
import type { PasswordPolicy } from "../api";
import { estimateStrength, type Strength } from "../lib/strength";
import { passwordRule, type NewPasswordErrors } from "../lib/validation";
import { passwordField } from "./password-field";
import { passwordStrength } from "./password-strength";

export interface NewPasswordFieldsOptions {
  /** The form's prefix: the fields are `#<prefix>-<key>` and `#<prefix>-confirm`, each with its `-error`. */
  prefix: string;
  /** The new password's part of its id: `password` (`#create-password`) or `new` (`#change-new`); its rule is `#<prefix>-<key>-rule`. */
  key?: string;
  labels: { password: string; confirm: string };
  refresh: () => void;
}

export interface NewPasswordFieldsProps {
  policy: PasswordPolicy;
  errors: NewPasswordErrors;
  /** After typing in one of them (the strength is already up to date). */
  onInput: (field: "password" | "confirm") => void;
}

export interface NewPasswordFields {
  readonly passwordRef: Ref<HTMLInputElement>;
  readonly confirmRef: Ref<HTMLInputElement>;
  values(): { password: string; confirm: string };
  /** Clears both inputs (a password must not linger in the DOM once used) and the strength meter. */
  wipe(): void;
  template(p: NewPasswordFieldsProps): TemplateResult;
}

export function createNewPasswordFields(o: NewPasswordFieldsOptions): NewPasswordFields {
  const passwordRef = createRef<HTMLInputElement>();
  const confirmRef = createRef<HTMLInputElement>();
  const key = o.key ?? "password";
  const ruleId = `${o.prefix}-${key}-rule`;
  const revealed = { password: false, confirm: false };
  let strength: Strength | null = null;

  const field = (which: "password" | "confirm", inputRef: Ref<HTMLInputElement>, p: NewPasswordFieldsProps, describedBy: string[] = []) => {
    const id = `${o.prefix}-${which === "password" ? key : "confirm"}`;
    return passwordField({
      id,
      label: o.labels[which],
      autocomplete: "new-password",
      revealed: revealed[which],
      onToggleReveal: () => {
        revealed[which] = !revealed[which];
        o.refresh();
      },
      inputRef,
      errorId: `${id}-error`,
      error: p.errors[which] ?? null,
      describedBy,
      onInput: () => {
        if (which === "password") {
          const pw = passwordRef.value?.value ?? "";
          strength = pw === "" ? null : estimateStrength(pw);
        }
        p.onInput(which);
      },
    });
  };

  return {
    passwordRef,
    confirmRef,
    values: () => ({ password: passwordRef.value?.value ?? "", confirm: confirmRef.value?.value ?? "" }),
    wipe() {
      if (passwordRef.value) passwordRef.value.value = "";
      if (confirmRef.value) confirmRef.value.value = "";
      strength = null;
    },
    template: (p) =>
      html`<div class="mb-3">${field("password", passwordRef, p, [ruleId])} ${passwordStrength(strength, passwordRule(p.policy), ruleId)}</div>
        <div class="mb-4">${field("confirm", confirmRef, p)}</div>`,
  };
}
