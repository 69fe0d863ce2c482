// Why: what opens a backup — the password the profile had when it was made, or (a link away, and back) its recovery code then — as one field that knows which of the two shows (the requests built from it carry exactly that one: lib/backup.ts), checks it is not empty and wipes it; shared by the restore dialog in Settings and the restore screen.
import { html, nothing, type TemplateResult } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { EMPTY_BACKUP_CODE, EMPTY_BACKUP_PASSWORD, type SecretMode } from "../lib/backup";
import { passwordField } from "./password-field";
import { recoveryCodeField } from "./recovery-code-field";

export interface BackupSecretIds {
  /** The password input (its message `#<password>-error`). */
  password: string;
  /** The recovery code input (its message `#<code>-error`, its hint `#<code>-hint`). */
  code: string;
  /** The link from the password to the recovery code. */
  useCode: string;
  /** The link back. */
  usePassword: string;
}

export interface BackupSecretOptions {
  ids: BackupSecretIds;
  passwordLabel: string;
  codeLabel: string;
  /** Under the password (`#<password>-hint`), or none. */
  passwordHint?: string;
  codeHint: string;
  /** The password field is the one the screen router focuses when the screen opens. */
  autofocus?: boolean;
  refresh: () => void;
}

/** A message per input; the one for the field not showing is ignored. */
export interface BackupSecretErrors {
  password?: string;
  code?: string;
}

export interface BackupSecretProps {
  errors: BackupSecretErrors;
  /** False when the backup holds no recovery code slot: only its password opens it, so no link to the code. */
  canUseCode: boolean;
  /** After typing in the field showing. */
  onInput: (field: keyof BackupSecretErrors) => void;
  /** After switching (the field is empty and focused): the owner drops its messages about the other one. */
  onSwitch: (mode: SecretMode) => void;
}

export interface BackupSecretField {
  mode(): SecretMode;
  /** What is typed in the field showing. */
  typed(): string;
  /** The quick check: the field showing must not be empty. */
  check(): BackupSecretErrors;
  focus(): void;
  /** Clears both inputs: a secret must not linger in the DOM once used. */
  wipe(): void;
  /** Wiped, and back to the password (a dialog opening afresh). */
  reset(): void;
  template(p: BackupSecretProps): TemplateResult;
}

export function createBackupSecretField(o: BackupSecretOptions): BackupSecretField {
  const passwordRef = createRef<HTMLInputElement>();
  const codeRef = createRef<HTMLInputElement>();
  let mode: SecretMode = "password";
  let revealed = false;

  const typed = () => (mode === "password" ? passwordRef : codeRef).value?.value ?? "";
  const focus = () => (mode === "password" ? passwordRef : codeRef).value?.focus();
  const wipe = () => {
    if (passwordRef.value) passwordRef.value.value = "";
    if (codeRef.value) codeRef.value.value = "";
  };

  const switchTo = (next: SecretMode, p: BackupSecretProps) => {
    wipe();
    mode = next;
    revealed = false;
    p.onSwitch(next);
    o.refresh();
    focus();
  };

  const switchLink = (id: string, label: string, next: SecretMode, p: BackupSecretProps) =>
    html`<button id=${id} type="button" class="btn btn-link btn-sm px-0 auth-secondary secret-switch" @click=${() => switchTo(next, p)}>${label}</button>`;

  return {
    mode: () => mode,
    typed,
    check() {
      if (typed() !== "") return {};
      return mode === "password" ? { password: EMPTY_BACKUP_PASSWORD } : { code: EMPTY_BACKUP_CODE };
    },
    focus,
    wipe,
    reset() {
      wipe();
      mode = "password";
      revealed = false;
    },
    template(p) {
      if (mode === "code") {
        return html`${recoveryCodeField({
          id: o.ids.code,
          label: o.codeLabel,
          hint: o.codeHint,
          inputRef: codeRef,
          error: p.errors.code,
          onInput: () => p.onInput("code"),
        })}
        ${switchLink(o.ids.usePassword, "Use the password instead", "password", p)}`;
      }
      const hintId = `${o.ids.password}-hint`;
      return html`${passwordField({
          id: o.ids.password,
          label: o.passwordLabel,
          autocomplete: "current-password",
          revealed,
          onToggleReveal: () => {
            revealed = !revealed;
            o.refresh();
          },
          inputRef: passwordRef,
          errorId: `${o.ids.password}-error`,
          error: p.errors.password ?? null,
          describedBy: o.passwordHint === undefined ? [] : [hintId],
          autofocus: o.autofocus ?? false,
          onInput: () => p.onInput("password"),
        })}
        ${o.passwordHint === undefined ? nothing : html`<div id=${hintId} class="form-text">${o.passwordHint}</div>`}
        ${p.canUseCode ? switchLink(o.ids.useCode, "Use the recovery code instead", "code", p) : nothing}`;
    },
  };
}
