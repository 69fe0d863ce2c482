// Why: restoring a backup as a new profile, before anyone unlocks: choosing the file (the shell's open dialog, from the picker or the first-run create screen), then a screen that shows what the file claims, asks for a name (another one when the backup's is taken here) and what opens it — its password, or its recovery code with a new password — and ends on "Save your recovery code", as creating a profile does.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createRef, ref } from "lit-html/directives/ref.js";
import { chooseBackup, isAppError, restoreBackupAsNew, type BackupChoice } from "../api";
import { createBackupSecretField, type BackupSecretErrors } from "../components/backup-secret";
import { iconAlert } from "../components/icon-alert";
import { createNewPasswordFields } from "../components/new-password-fields";
import { buttonSpinner } from "../components/spinner";
import { restoreAsNewRequest, restoreNameSuggestion, WRONG_BACKUP_CODE, WRONG_BACKUP_PASSWORD, weakBackupPasswordNote } from "../lib/backup";
import { formatDateTime, isoDate } from "../lib/format";
import { RECOVERY_CODE_SHAPE_ERROR } from "../lib/recovery";
import { validateName, validateNewPassword } from "../lib/validation";
import type { Host, ScreenView } from "./host";
import { authShell } from "./profiles";

// ----- choosing the file -----------------------------------------------------------------------------------------------

export interface BackupChooserOptions {
  refresh(): void;
  /** A file was chosen (the shell remembers it for the restore). */
  chosen(choice: BackupChoice): void;
  /** The message for a failure, or null when the owner dealt with it (Settings: `locked` goes to the unlock screen). */
  failure?(error: unknown): string | null;
}

export interface BackupChooser {
  /** The open dialog is up. */
  busy(): boolean;
  /** Shows the shell's open dialog; a cancelled dialog changes nothing. */
  choose(): Promise<void>;
  /** The last failure (`not_a_backup`, `damaged_backup`…) as `#restore-choose-error`, or nothing. */
  alert(): TemplateResult | typeof nothing;
}

/** "Restore a backup…" wherever it is offered: one dialog at a time, and the file's problem said where the button is. */
export function createBackupChooser(o: BackupChooserOptions): BackupChooser {
  let busy = false;
  let error: string | null = null;
  return {
    busy: () => busy,
    async choose() {
      if (busy) return;
      busy = true;
      error = null;
      o.refresh();
      try {
        const choice = await chooseBackup();
        busy = false;
        if (choice !== null) {
          o.chosen(choice);
          return;
        }
      } catch (failure) {
        busy = false;
        error = o.failure !== undefined ? o.failure(failure) : isAppError(failure) ? failure.message : "Coffer could not read this file.";
      }
      o.refresh();
    },
    alert: () => iconAlert({ id: "restore-choose-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: error }),
  };
}

// ----- the restore screen ----------------------------------------------------------------------------------------------

/** The form's messages: `#restore-name-error`, the backup's secret, `#restore-new-password-error`, `#restore-new-confirm-error`. */
interface RestoreErrors {
  name?: string;
  backupPassword?: string;
  code?: string;
  password?: string;
  confirm?: string;
}

const FIELD_ORDER: readonly (keyof RestoreErrors)[] = ["name", "backupPassword", "code", "password", "confirm"];

export function restoreScreen(host: Host, choice: BackupChoice): ScreenView {
  const nameRef = createRef<HTMLInputElement>();
  const suggested = restoreNameSuggestion(
    choice.profileName,
    host.snapshot().profiles.map((p) => p.name),
    choice.existsHere,
  );
  let name = suggested;
  const renamed = suggested !== choice.profileName.trim();
  const secret = createBackupSecretField({
    ids: { password: "restore-backup-password", code: "restore-backup-code", useCode: "restore-with-code", usePassword: "restore-with-password" },
    passwordLabel: "The backup's password",
    passwordHint: "The password the profile had when the backup was made. The restored profile keeps it.",
    codeLabel: "The backup's recovery code",
    codeHint: "The recovery code the profile had when the backup was made. Spaces and dashes do not matter.",
    refresh: () => host.refresh(),
  });
  const newPassword = createNewPasswordFields({ prefix: "restore-new", labels: { password: "New password", confirm: "Confirm new password" }, refresh: () => host.refresh() });
  /** The quick checks (kept in step with typing after the first submit). */
  let checks: RestoreErrors = {};
  /** Rust's verdicts; each stays until its field is edited. */
  let verdicts: RestoreErrors = {};
  let attempted = false;
  let busy = false;
  /** `#restore-screen-error`: what has no field (a damaged file, creation closed…). */
  let formError: string | null = null;
  /** The backup's own password is too short for the house rules here: a new one is needed as well. */
  let backupPasswordTooShort = false;

  const wantsNewPassword = () => secret.mode() === "code" || backupPasswordTooShort;

  const check = (): RestoreErrors => {
    const errors: RestoreErrors = {};
    const nameProblem = validateName(name);
    if (nameProblem !== null) errors.name = nameProblem;
    const s = secret.check();
    if (s.password !== undefined) errors.backupPassword = s.password;
    if (s.code !== undefined) errors.code = s.code;
    if (wantsNewPassword()) {
      const { password, confirm } = newPassword.values();
      Object.assign(errors, validateNewPassword(password, confirm, host.snapshot().policy));
    }
    return errors;
  };

  const shown = (): RestoreErrors => ({ ...checks, ...verdicts });

  const focusFirst = () => {
    const errors = shown();
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first === "name") nameRef.value?.focus();
    else if (first === "backupPassword" || first === "code") secret.focus();
    else if (first === "password") newPassword.passwordRef.value?.focus();
    else if (first === "confirm") newPassword.confirmRef.value?.focus();
    else secret.focus();
  };

  const onInput = (field: keyof RestoreErrors) => {
    delete verdicts[field];
    formError = null;
    if (attempted) checks = check();
    host.refresh();
  };

  const wipeAll = () => {
    secret.wipe();
    newPassword.wipe();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    attempted = true;
    formError = null;
    verdicts = {};
    checks = check();
    if (FIELD_ORDER.some((f) => checks[f] !== undefined)) {
      host.refresh();
      focusFirst();
      return;
    }
    busy = true;
    host.refresh();
    try {
      const created = await restoreBackupAsNew(
        restoreAsNewRequest({
          name,
          mode: secret.mode(),
          secret: secret.typed(),
          newPassword: wantsNewPassword() ? newPassword.values().password : null,
        }),
      );
      wipeAll();
      host.showRecoveryCode(created);
      return;
    } catch (failure) {
      busy = false;
      // The Rust side is authoritative: its verdict goes beside the field it is about.
      if (!isAppError(failure)) {
        formError = "Coffer could not restore this backup.";
        wipeAll();
      } else if (failure.code === "wrong_password") {
        verdicts = { backupPassword: WRONG_BACKUP_PASSWORD };
        secret.wipe();
      } else if (failure.code === "wrong_recovery_code") {
        verdicts = { code: WRONG_BACKUP_CODE };
      } else if (failure.code === "invalid_recovery_code") {
        verdicts = { code: RECOVERY_CODE_SHAPE_ERROR };
      } else if (failure.code === "invalid_name" || failure.code === "duplicate_name") {
        verdicts = { name: failure.message };
      } else if (failure.code === "weak_password") {
        if (wantsNewPassword()) {
          verdicts = { password: failure.message };
        } else {
          // The backup's password is shorter than the rules here allow: the restored profile needs a new one.
          backupPasswordTooShort = true;
          verdicts = { password: weakBackupPasswordNote(host.snapshot().policy.minLength) };
        }
        newPassword.wipe();
      } else if (failure.code === "creation_closed") {
        // An admin closed creation since the picker was drawn: say so, and let the picker know for next time.
        formError = failure.message;
        wipeAll();
        void host.reloadSnapshot();
      } else {
        // damaged_backup, not_a_backup, invalid_request, storage: the message names the file and says what happened.
        formError = failure.message;
        wipeAll();
      }
    }
    host.refresh();
    if (formError === null) focusFirst();
  };

  const nameField = (errors: RestoreErrors): TemplateResult => {
    const invalid = errors.name !== undefined;
    return html`<div class="mb-3">
      <label for="restore-name" class="form-label">Name of the new profile</label>
      <input
        ${ref(nameRef)}
        id="restore-name"
        name="restore-name"
        type="text"
        class="form-control form-control-lg ${invalid ? "is-invalid" : ""}"
        autocomplete="off"
        spellcheck="false"
        .value=${name}
        aria-invalid=${invalid ? "true" : "false"}
        aria-describedby=${invalid ? "restore-name-error restore-name-hint" : "restore-name-hint"}
        data-autofocus
        @input=${(e: Event) => {
          name = (e.currentTarget as HTMLInputElement).value;
          onInput("name");
        }}
      />
      <div id="restore-name-error" class="invalid-feedback">${errors.name ?? ""}</div>
      <div id="restore-name-hint" class="form-text">
        ${renamed
          ? html`<span class="restore-quoted">“${choice.profileName}”</span> is already on this computer, so the restored copy gets a name of
              its own. You can change it.`
          : "The name the profile had. You can change it."}
      </div>
    </div>`;
  };

  const facts = (): TemplateResult => html`<dl id="restore-facts" class="restore-facts">
      <div class="restore-fact">
        <dt>Profile</dt>
        <dd id="restore-backup-name">${choice.profileName}</dd>
      </div>
      <div class="restore-fact">
        <dt>Taken</dt>
        <dd id="restore-backup-taken"><time datetime=${ifDefined(isoDate(choice.takenAt) || undefined)}>${formatDateTime(choice.takenAt)}</time></dd>
      </div>
      <div class="restore-fact">
        <dt>File</dt>
        <dd id="restore-backup-file">${choice.fileName}</dd>
      </div>
    </dl>
    <p class="restore-facts-note">
      This is what the file says about itself; Coffer checks it when the password or recovery code opens it.
    </p>`;

  return {
    name: "restore",
    template() {
      const { policy, profiles } = host.snapshot();
      const errors = shown();
      const secretErrors: BackupSecretErrors = { password: errors.backupPassword, code: errors.code };
      return authShell(
        host,
        html`<button id="restore-back" type="button" class="btn btn-link auth-back" ?disabled=${busy} @click=${() => host.showPicker()}>
            <i class="bi bi-arrow-left me-1" aria-hidden="true"></i>${profiles.length === 0 ? "Back" : "All profiles"}
          </button>
          <header class="auth-header auth-header-compact">
            <span class="restore-icon" aria-hidden="true"><i class="bi bi-archive"></i></span>
            <h1 class="auth-title" tabindex="-1">Restore a backup</h1>
            <p class="auth-subtitle">
              The backup becomes a new profile on this computer, with its own recovery code. The file itself stays as it is.
            </p>
          </header>
          ${facts()}
          ${iconAlert({ id: "restore-screen-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
          <form id="restore-form" class="auth-form" novalidate @submit=${submit} aria-busy=${busy ? "true" : "false"}>
            <fieldset ?disabled=${busy}>
              ${nameField(errors)}
              <div class="mb-3">
                ${secret.template({
                  errors: secretErrors,
                  canUseCode: choice.hasRecoveryCode,
                  onInput: (field) => onInput(field === "password" ? "backupPassword" : "code"),
                  onSwitch: () => {
                    verdicts = {};
                    checks = {};
                    attempted = false;
                    formError = null;
                    newPassword.wipe();
                  },
                })}
              </div>
              ${wantsNewPassword()
                ? html`<p id="restore-new-note" class="form-text restore-new-note">
                      ${secret.mode() === "code"
                        ? "Opening it with the recovery code, choose a password for the restored profile."
                        : "Choose a password for the restored profile."}
                    </p>
                    ${newPassword.template({ policy, errors: { password: errors.password, confirm: errors.confirm }, onInput: (field) => onInput(field) })}`
                : nothing}
              <button id="restore-submit" type="submit" class="btn btn-primary btn-lg w-100">
                ${busy ? html`${buttonSpinner()}Restoring and encrypting…` : html`<i class="bi bi-archive me-2" aria-hidden="true"></i>Restore`}
              </button>
            </fieldset>
          </form>`,
        "wide",
      );
    },
    unmounted() {
      // Nothing typed stays behind: not a secret, not the name.
      wipeAll();
      secret.reset();
      name = "";
      if (nameRef.value) nameRef.value.value = "";
    },
  };
}
