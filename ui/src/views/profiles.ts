// Why: everything before a profile is unlocked: the picker, creating a profile (with the first-run welcome), where restoring a backup starts (restore.ts), and unlocking — with the password, or with the recovery code and a new password — including the wait after repeated mistakes.
import { html, nothing, type TemplateResult } from "lit-html";
import { createRef, type Ref } from "lit-html/directives/ref.js";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createProfile, isAppError, recover, unlock, type AppError, type ProfileSummary } from "../api";
import { avatar } from "../components/avatar";
import { iconAlert } from "../components/icon-alert";
import { lockoutAlert } from "../components/lockout-alert";
import { createNewPasswordFields } from "../components/new-password-fields";
import { createNewProfileFields } from "../components/new-profile-fields";
import { brand } from "../components/logo";
import { passwordField } from "../components/password-field";
import { recoveryCodeField } from "../components/recovery-code-field";
import { buttonSpinner } from "../components/spinner";
import { createLockoutClock } from "../lib/lockout";
import { RECOVERED_NOTICE, RECOVERY_CODE_SHAPE_ERROR, WRONG_RECOVERY_CODE } from "../lib/recovery";
import { hasErrors, validateCreate, validateNewPassword, type CreateErrors } from "../lib/validation";
import type { Host, ScreenView } from "./host";
import { createBackupChooser } from "./restore";

/** How wide the card is: the picker and unlock, the create form, the recovery code (six groups on one line). */
export type AuthWidth = "normal" | "wide" | "recovery";

/** The centred card the screens before Home share, with the theme toggle in the window's corner. */
export function authShell(host: Host, body: TemplateResult, width: AuthWidth = "normal"): TemplateResult {
  const { version } = host.snapshot();
  return html`<div class="auth-shell">
    <div class="auth-corner">${host.themeToggle()}</div>
    <div class="auth-column ${width === "normal" ? "" : `auth-column-${width}`}">
      <div class="card auth-card">
        <div class="card-body">${body}</div>
      </div>
      <p class="auth-footer">
        <i class="bi bi-shield-lock" aria-hidden="true"></i>
        Encrypted on this computer · Coffer ${version}
      </p>
    </div>
  </div>`;
}

/** Clears a password input: its value must not linger in the DOM once it has been used. */
function wipe(input: Ref<HTMLInputElement>): void {
  if (input.value) input.value.value = "";
}

// ----- picker ---------------------------------------------------------------------------------------------------

export function pickerScreen(host: Host): ScreenView {
  const chooser = createBackupChooser({ refresh: () => host.refresh(), chosen: (choice) => host.showRestore(choice) });
  const profileItem = (p: ProfileSummary): TemplateResult => {
    const damaged = p.damaged !== null;
    return html`<li class="profile-row">
      <button
        type="button"
        class="profile-item ${damaged ? "is-damaged" : ""}"
        data-profile-name=${p.name}
        data-profile-id=${p.id}
        ?disabled=${damaged}
        aria-describedby=${ifDefined(damaged ? `damaged-${p.id}` : undefined)}
        @click=${() => host.showUnlock(p.id)}
      >
        ${avatar(p)}
        <span class="profile-text">
          <span class="profile-name" title=${p.name}>${p.name}</span>
          ${damaged
            ? html`<span id="damaged-${p.id}" class="profile-damaged">
                <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i>
                <span>Can't be opened: ${p.damaged}</span>
              </span>`
            : nothing}
        </span>
        ${p.role === "admin" ? html`<span class="badge role-badge">Admin</span>` : nothing}
        ${damaged ? nothing : html`<i class="bi bi-chevron-right profile-chevron" aria-hidden="true"></i>`}
      </button>
    </li>`;
  };

  return {
    name: "picker",
    template() {
      const { profiles, membersMayCreateProfiles } = host.snapshot();
      // The first profile (an admin) can always be created; later ones only while the house rules let anyone.
      const creationOpen = membersMayCreateProfiles || profiles.length === 0;
      return authShell(
        host,
        html`<header class="auth-header">
            ${brand("lg")}
            <h1 class="auth-title" tabindex="-1">Who's using Coffer?</h1>
            <p class="auth-subtitle">Choose your profile to unlock it.</p>
          </header>
          <ul id="profile-list" class="profile-list" aria-label="Profiles">
            ${profiles.map(profileItem)}
          </ul>
          ${creationOpen
            ? html`${chooser.alert()}
                <div class="picker-actions">
                  <button id="new-profile-btn" type="button" class="btn btn-new-profile" @click=${() => host.showCreate()}>
                    <i class="bi bi-plus-lg me-2" aria-hidden="true"></i>New profile
                  </button>
                  <button id="restore-backup-btn" type="button" class="btn btn-outline-secondary btn-restore-backup" ?disabled=${chooser.busy()} @click=${() => void chooser.choose()}>
                    ${chooser.busy() ? buttonSpinner() : html`<i class="bi bi-archive me-2" aria-hidden="true"></i>`}Restore a backup
                  </button>
                </div>`
            : html`<p id="creation-closed" class="creation-closed">
                <i class="bi bi-person-lock" aria-hidden="true"></i><span>Only an admin can create profiles on this computer.</span>
              </p>`}`,
      );
    },
  };
}

// ----- create ---------------------------------------------------------------------------------------------------

export function createScreen(host: Host): ScreenView {
  const fields = createNewProfileFields({
    prefix: "create",
    nameAttr: "name",
    nameLabel: "Profile name",
    placeholder: "e.g. Alex",
    autofocus: true,
    passwordLabel: "Password",
    offered: host.snapshot().currencies.map((c) => c.code),
    refresh: () => host.refresh(),
  });
  let errors: CreateErrors = {};
  let formError: string | null = null;
  let attempted = false;
  let busy = false;
  /** First run only: "Restore from a backup instead". */
  const chooser = createBackupChooser({ refresh: () => host.refresh(), chosen: (choice) => host.showRestore(choice) });

  const onInput = () => {
    formError = null;
    // Before the first submit, stay quiet while the person types; after it, keep the messages in step.
    if (attempted) errors = validateCreate(fields.values(), host.snapshot().policy);
    host.refresh();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    attempted = true;
    formError = null;
    const input = fields.values();
    errors = validateCreate(input, host.snapshot().policy);
    if (hasErrors(errors)) {
      host.refresh();
      fields.focusFirstInvalid(errors);
      return;
    }
    busy = true;
    host.refresh();
    try {
      const created = await createProfile({ name: input.name.trim(), password: input.password, currency: fields.currency() });
      fields.passwords.wipe();
      host.showRecoveryCode(created);
    } catch (error) {
      busy = false;
      // The Rust side is authoritative: its verdict goes beside the field it is about.
      const verdict = fields.verdict(error);
      if (verdict !== null) {
        errors = verdict;
      } else if (isAppError(error, "creation_closed")) {
        // An admin closed creation since the picker was drawn: say so, and let the picker know for next time.
        errors = {};
        formError = error.message;
        fields.passwords.wipe();
        void host.reloadSnapshot();
      } else {
        errors = {};
        formError = isAppError(error) ? error.message : "Coffer could not create the profile.";
      }
      host.refresh();
      fields.focusAfter(errors, formError);
    }
  };

  return {
    name: "create",
    template() {
      const { profiles, policy } = host.snapshot();
      const firstRun = profiles.length === 0;
      const header = firstRun
        ? html`<header class="auth-header">
            ${brand("lg")}
            <h1 class="auth-title">Welcome to Coffer</h1>
            <p class="auth-subtitle">Your expenses, kept privately. Create your profile to begin.</p>
          </header>
          <div class="welcome-note">
            <i class="bi bi-shield-lock-fill" aria-hidden="true"></i>
            <p>
              Everything you enter is <strong>encrypted on this computer</strong> with your password and never sent
              anywhere. Next, Coffer gives you a <strong>recovery code</strong>: the only way back in if you forget the
              password.
            </p>
          </div>`
        : html`<header class="auth-header auth-header-compact">
            <h1 class="auth-title">New profile</h1>
            <p class="auth-subtitle">
              Each profile has its own password, its own recovery code and its own encrypted data.
            </p>
          </header>`;

      return authShell(
        host,
        html`${header}
          ${iconAlert({
            id: "create-error",
            tone: "danger",
            icon: "bi-exclamation-octagon-fill",
            role: "alert",
            text: formError,
          })}
          <form id="create-form" class="auth-form" novalidate @submit=${submit} aria-busy=${busy ? "true" : "false"}>
            <fieldset ?disabled=${busy}>
              ${fields.template({ currencies: host.snapshot().currencies, policy, errors, onInput })}
              <button id="create-submit" type="submit" class="btn btn-primary btn-lg w-100">
                ${busy ? html`${buttonSpinner()}Creating and encrypting…` : "Create profile"}
              </button>
              ${firstRun
                ? html`<button
                    id="restore-backup-link"
                    type="button"
                    class="btn btn-link w-100 mt-2 auth-secondary"
                    ?disabled=${chooser.busy()}
                    @click=${() => void chooser.choose()}
                  >
                    ${chooser.busy() ? buttonSpinner() : html`<i class="bi bi-archive me-2" aria-hidden="true"></i>`}Restore from a backup instead
                  </button>`
                : html`<button id="create-cancel" type="button" class="btn btn-link w-100 mt-2 auth-secondary" @click=${() => host.showPicker()}>
                    Cancel
                  </button>`}
            </fieldset>
          </form>
          ${firstRun ? chooser.alert() : nothing}`,
        "wide",
      );
    },
  };
}

// ----- unlock ---------------------------------------------------------------------------------------------------

/** The recovery form's fields, each with its message `#recover-<field>-error`. */
interface RecoverErrors {
  code?: string;
  password?: string;
  confirm?: string;
}

export function unlockScreen(host: Host, profile: ProfileSummary, notice: string | null): ScreenView {
  const passwordRef = createRef<HTMLInputElement>();
  const codeRef = createRef<HTMLInputElement>();
  const newPassword = createNewPasswordFields({ prefix: "recover", labels: { password: "New password", confirm: "Confirm new password" }, refresh: () => host.refresh() });
  /** Which form shows: the password, or "Forgot your password?" (the recovery code and a new password). */
  let mode: "password" | "recover" = "password";
  let busy = false;
  /** The message above the form (`#unlock-error`): wrong password, and what has no field. */
  let error: string | null = null;
  let revealed = false;
  /** The quick checks' messages (kept in step with typing after the first submit). */
  let recoverErrors: RecoverErrors = {};
  /** Rust's verdicts; each stays until its field is edited. */
  let verdicts: RecoverErrors = {};
  let recoverAttempted = false;
  const lockout = createLockoutClock(() => host.refresh());
  lockout.set(profile.lockedUntil);

  /** After a refused attempt (or on arrival): the profile's wait, from a fresh snapshot. True while it waits. */
  const learnLockout = async (): Promise<boolean> => {
    const fresh = await host.reloadSnapshot();
    const mine = fresh?.profiles.find((p) => p.id === profile.id);
    if (mine !== undefined) lockout.set(mine.lockedUntil);
    return lockout.active();
  };

  /** `locked_out`: the countdown when the snapshot knows the wait, else Rust's own words (which say how long). */
  const lockedOut = async (failure: AppError): Promise<void> => {
    error = (await learnLockout()) ? null : failure.message;
  };

  const submitPassword = async (e: Event) => {
    e.preventDefault();
    if (busy || lockout.active()) return;
    const password = passwordRef.value?.value ?? "";
    if (password === "") {
      error = "Enter your password.";
      host.refresh();
      passwordRef.value?.focus();
      return;
    }
    busy = true;
    error = null;
    notice = null;
    host.refresh();
    try {
      const session = await unlock({ profileId: profile.id, password });
      wipe(passwordRef);
      host.unlocked(session);
      return;
    } catch (failure) {
      wipe(passwordRef);
      if (isAppError(failure, "wrong_password")) {
        // Deliberately says nothing else: not whether the profile exists, not how many tries are left. Once this
        // mistake starts a wait, the countdown says it all.
        error = (await learnLockout()) ? null : "Wrong password. Try again.";
      } else if (isAppError(failure, "locked_out")) {
        await lockedOut(failure);
      } else if (isAppError(failure)) {
        // damaged_profile, tampered_ledger and the rest carry a message written for people.
        error = failure.message;
      } else {
        error = "Coffer could not unlock this profile.";
      }
    }
    busy = false;
    host.refresh();
    passwordRef.value?.focus();
  };

  const recoverValues = () => ({ code: codeRef.value?.value ?? "", ...newPassword.values() });

  const checkRecover = (): RecoverErrors => {
    const v = recoverValues();
    const errors: RecoverErrors = validateNewPassword(v.password, v.confirm, host.snapshot().policy);
    if (v.code.trim() === "") errors.code = "Enter your recovery code.";
    return errors;
  };

  const shownErrors = (): RecoverErrors => ({ ...recoverErrors, ...verdicts });

  const focusFirstRecoverError = () => {
    const shown = shownErrors();
    const target = shown.code ? codeRef : shown.password ? newPassword.passwordRef : shown.confirm ? newPassword.confirmRef : null;
    target?.value?.focus();
  };

  /** After typing in `field`: Rust's verdict on it goes, the quick checks follow (once a submit was tried). */
  const onRecoverInput = (field: keyof RecoverErrors) => {
    delete verdicts[field];
    if (recoverAttempted) recoverErrors = checkRecover();
    host.refresh();
  };

  const submitRecover = async (e: Event) => {
    e.preventDefault();
    if (busy || lockout.active()) return;
    recoverAttempted = true;
    error = null;
    verdicts = {};
    recoverErrors = checkRecover();
    if (recoverErrors.code !== undefined || recoverErrors.password !== undefined || recoverErrors.confirm !== undefined) {
      host.refresh();
      focusFirstRecoverError();
      return;
    }
    const v = recoverValues();
    busy = true;
    notice = null;
    host.refresh();
    try {
      const session = await recover({ profileId: profile.id, recoveryCode: v.code, newPassword: v.password });
      wipe(codeRef);
      newPassword.wipe();
      host.unlocked(session, RECOVERED_NOTICE);
      return;
    } catch (failure) {
      // The Rust side is authoritative: its verdict goes beside the field it is about.
      if (isAppError(failure, "wrong_recovery_code")) {
        // Kept beside the code while a wait starts: it says which part was wrong.
        verdicts = { code: WRONG_RECOVERY_CODE };
        await learnLockout();
      } else if (isAppError(failure, "invalid_recovery_code")) {
        verdicts = { code: RECOVERY_CODE_SHAPE_ERROR };
      } else if (isAppError(failure, "weak_password")) {
        verdicts = { password: failure.message };
        newPassword.wipe();
      } else if (isAppError(failure, "locked_out")) {
        await lockedOut(failure);
      } else {
        error = isAppError(failure) ? failure.message : "Coffer could not unlock this profile.";
      }
    }
    busy = false;
    host.refresh();
    if (verdicts.code !== undefined || verdicts.password !== undefined) focusFirstRecoverError();
    else codeRef.value?.focus();
  };

  const switchTo = (next: "password" | "recover") => {
    if (busy) return;
    mode = next;
    error = null;
    recoverErrors = {};
    verdicts = {};
    recoverAttempted = false;
    // The other form replaces this one: the new password's fields (and their strength meter) start afresh.
    newPassword.wipe();
    host.refresh();
    (next === "recover" ? codeRef : passwordRef).value?.focus();
  };

  const passwordForm = () => html`<form id="unlock-form" class="auth-form" novalidate @submit=${submitPassword} aria-busy=${busy ? "true" : "false"}>
    <fieldset ?disabled=${busy}>
      <div class="mb-4">
        ${passwordField({
          id: "unlock-password",
          label: `Password for ${profile.name}`,
          labelHidden: true,
          autocomplete: "current-password",
          revealed,
          onToggleReveal: () => {
            revealed = !revealed;
            host.refresh();
          },
          inputRef: passwordRef,
          autofocus: true,
          describedBy: error === null ? [] : ["unlock-error"],
        })}
      </div>
      <button id="unlock-submit" type="submit" class="btn btn-primary btn-lg w-100" ?disabled=${lockout.active()}>
        ${busy ? html`${buttonSpinner()}Unlocking…` : html`<i class="bi bi-unlock me-2" aria-hidden="true"></i>Unlock`}
      </button>
      <button id="forgot-password" type="button" class="btn btn-link w-100 mt-2 auth-secondary" @click=${() => switchTo("recover")}>
        Forgot your password?
      </button>
    </fieldset>
  </form>`;

  const recoverForm = () => {
    const { policy } = host.snapshot();
    const errors = shownErrors();
    return html`<form id="recover-form" class="auth-form" novalidate @submit=${submitRecover} aria-busy=${busy ? "true" : "false"}>
      <fieldset ?disabled=${busy}>
        <div class="mb-3">
          ${recoveryCodeField({
            id: "recover-code",
            label: "Recovery code",
            hint: "The code Coffer gave you for this profile. Spaces and dashes do not matter.",
            inputRef: codeRef,
            error: errors.code,
            onInput: () => onRecoverInput("code"),
          })}
        </div>
        ${newPassword.template({ policy, errors, onInput: onRecoverInput })}
        <button id="recover-submit" type="submit" class="btn btn-primary btn-lg w-100" ?disabled=${lockout.active()}>
          ${busy ? html`${buttonSpinner()}Unlocking…` : html`<i class="bi bi-key me-2" aria-hidden="true"></i>Set password and unlock`}
        </button>
        <button id="use-password" type="button" class="btn btn-link w-100 mt-2 auth-secondary" @click=${() => switchTo("password")}>
          Use my password instead
        </button>
      </fieldset>
    </form>`;
  };

  return {
    name: "unlock",
    template() {
      return authShell(
        host,
        html`<button id="unlock-back" type="button" class="btn btn-link auth-back" @click=${() => host.showPicker()}>
            <i class="bi bi-arrow-left me-1" aria-hidden="true"></i>All profiles
          </button>
          <header class="auth-header unlock-header">
            ${avatar(profile, "lg")}
            <h1 class="auth-title" id="unlock-profile-name">${profile.name}</h1>
            ${profile.role === "admin" ? html`<span class="badge role-badge">Admin</span>` : nothing}
            <p class="auth-subtitle">
              ${mode === "password"
                ? "Enter your password to unlock this profile."
                : "Enter your recovery code and choose a new password for this profile."}
            </p>
          </header>
          ${iconAlert({
            id: "unlock-notice",
            tone: "primary",
            icon: "bi-lock-fill",
            role: "status",
            text: notice,
          })}
          ${lockoutAlert("unlock-lockout", lockout.until(), lockout.secondsLeft())}
          ${iconAlert({
            id: "unlock-error",
            tone: "danger",
            icon: "bi-exclamation-octagon-fill",
            role: "alert",
            text: error,
          })}
          ${mode === "password" ? passwordForm() : recoverForm()}`,
      );
    },
    mounted() {
      // The snapshot the picker drew from may predate mistakes made since: ask again.
      void learnLockout().then(() => host.refresh());
    },
    unmounted() {
      lockout.dispose();
    },
  };
}
