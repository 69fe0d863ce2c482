// Why: the unlocked profile's Settings — its password (change it), its recovery code (make a new one, shown once in a dialog), when it locks (settings-locking.ts), its backups (save one, roll back to one: settings-backup.ts) and, for an admin, the household (household.ts) — drawn as a list of independent sections, so more can join without touching these.
import { html } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { changePassword, regenerateRecoveryCode, type AppError, type SessionInfo } from "../api";
import { iconAlert } from "../components/icon-alert";
import { lockoutAlert } from "../components/lockout-alert";
import { createNewPasswordFields } from "../components/new-password-fields";
import { passwordField } from "../components/password-field";
import { createRecoveryCodePanel, recoveryCodeModal, type RecoveryCodePanel } from "../components/recovery-code";
import { buttonSpinner } from "../components/spinner";
import { createLockoutClock } from "../lib/lockout";
import { validateNewPassword } from "../lib/validation";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";
import { householdSection } from "./household";
import { createPasswordProof } from "./password-proof";
import { backupSection } from "./settings-backup";
import { lockingSection } from "./settings-locking";
import { sectionCard, wipe, type SectionContext, type SettingsSection } from "./settings-section";

// ----- password ---------------------------------------------------------------------------------------------------------

/** The change form's fields: `#change-<field>` with its message `#change-<field>-error`. */
interface ChangeErrors {
  current?: string;
  new?: string;
  confirm?: string;
}

function passwordSection(ctx: SectionContext): SettingsSection {
  const { host, frame } = ctx;
  const currentRef = createRef<HTMLInputElement>();
  const newPassword = createNewPasswordFields({ prefix: "change", key: "new", labels: { password: "New password", confirm: "Confirm new password" }, refresh: () => host.refresh() });
  let checks: ChangeErrors = {};
  /** Rust's verdicts; each stays until its field is edited. */
  let verdicts: ChangeErrors = {};
  let attempted = false;
  let busy = false;
  let formError: string | null = null;
  let revealed = false;

  const values = () => {
    const { password, confirm } = newPassword.values();
    return { current: currentRef.value?.value ?? "", next: password, confirm };
  };

  const check = (): ChangeErrors => {
    const v = values();
    const pair = validateNewPassword(v.next, v.confirm, host.snapshot().policy);
    const errors: ChangeErrors = {};
    if (v.current === "") errors.current = "Enter your current password.";
    if (pair.password !== undefined) errors.new = pair.password;
    else if (v.current !== "" && v.next === v.current) errors.new = "This is the password already. Choose a new one.";
    if (pair.confirm !== undefined) errors.confirm = pair.confirm;
    return errors;
  };

  const shown = (): ChangeErrors => ({ ...checks, ...verdicts });

  const focusFirst = () => {
    const e = shown();
    (e.current ? currentRef : e.new ? newPassword.passwordRef : e.confirm ? newPassword.confirmRef : currentRef).value?.focus();
  };

  const onInput = (field: keyof ChangeErrors) => () => {
    delete verdicts[field];
    formError = null;
    if (attempted) checks = check();
    host.refresh();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || ctx.lockout.active()) return;
    attempted = true;
    formError = null;
    verdicts = {};
    checks = check();
    if (checks.current !== undefined || checks.new !== undefined || checks.confirm !== undefined) {
      host.refresh();
      focusFirst();
      return;
    }
    const v = values();
    busy = true;
    host.refresh();
    try {
      await changePassword({ current: v.current, new: v.next });
      wipe(currentRef);
      newPassword.wipe();
      attempted = false;
      checks = {};
      busy = false;
      frame.toast.show("Password changed.");
      host.refresh();
      // The fields were disabled while it ran: the focus went with them.
      document.getElementById("change-submit")?.focus();
      return;
    } catch (error) {
      const failure: AppError | null = frame.fail(error);
      if (failure === null) return;
      if (failure.code === "wrong_password") {
        verdicts = { current: "This is not the current password." };
        wipe(currentRef);
        await ctx.learnLockout();
      } else if (failure.code === "weak_password") {
        verdicts = { new: failure.message };
        newPassword.wipe();
      } else if (failure.code === "locked_out") {
        if (!(await ctx.learnLockout())) formError = failure.message;
      } else {
        formError = failure.message;
      }
    }
    busy = false;
    host.refresh();
    focusFirst();
  };

  return {
    template() {
      const { policy } = host.snapshot();
      const errors = shown();
      return sectionCard(
        "settings-password",
        "bi-key",
        "Password",
        html`You type it every time you unlock <strong>${ctx.session.profile.name}</strong>. Changing it leaves your data and your
          recovery code as they are.`,
        html`${iconAlert({ id: "change-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
          <form id="change-form" class="auth-form" novalidate @submit=${submit} aria-busy=${busy ? "true" : "false"}>
            <fieldset ?disabled=${busy}>
              <div class="mb-3">
                ${passwordField({
                  id: "change-current",
                  label: "Current password",
                  autocomplete: "current-password",
                  revealed,
                  onToggleReveal: () => {
                    revealed = !revealed;
                    host.refresh();
                  },
                  inputRef: currentRef,
                  errorId: "change-current-error",
                  error: errors.current ?? null,
                  onInput: onInput("current"),
                })}
              </div>
              ${newPassword.template({
                policy,
                errors: { password: errors.new, confirm: errors.confirm },
                onInput: (field) => onInput(field === "password" ? "new" : "confirm")(),
              })}
              <button id="change-submit" type="submit" class="btn btn-primary" ?disabled=${ctx.lockout.active()}>
                ${busy ? html`${buttonSpinner()}Changing…` : "Change password"}
              </button>
            </fieldset>
          </form>`,
      );
    },
    leave() {
      wipe(currentRef);
      newPassword.wipe();
    },
  };
}

// ----- recovery code ----------------------------------------------------------------------------------------------------

function recoverySection(ctx: SectionContext): SettingsSection {
  const { host } = ctx;
  /** The new code's dialog, while it shows. */
  let panel: RecoveryCodePanel | null = null;

  const closeDialog = () => {
    panel?.forget();
    panel = null;
    host.refresh();
    document.getElementById("regen-submit")?.focus();
  };

  const proof = createPasswordProof(ctx, {
    prefix: "regen",
    button: { className: "btn-outline-secondary", icon: "bi-arrow-repeat", label: "Make a new recovery code", busyLabel: "Making a new code…" },
    run: async (password) => {
      const { code } = await regenerateRecoveryCode({ password });
      panel = createRecoveryCodePanel({
        code,
        profileName: ctx.session.profile.name,
        replaced: true,
        continueLabel: "Done",
        refresh: () => host.refresh(),
        done: closeDialog,
      });
      return () => document.getElementById("recovery-modal")?.focus();
    },
  });

  const dialog = () => recoveryCodeModal(panel, html`Save your new recovery code`, closeDialog);

  return {
    template() {
      return html`${sectionCard(
        "settings-recovery",
        "bi-shield-lock",
        "Recovery code",
        html`It opens <strong>${ctx.session.profile.name}</strong> if you forget your password. Make a new one if you lost it or
          someone may have seen it: the old one stops working at once.`,
        proof.template(),
      )}${dialog()}`;
    },
    dialogOpen: () => panel !== null,
    leave() {
      proof.leave();
      panel?.forget();
      panel = null;
    },
  };
}

// ----- the screen --------------------------------------------------------------------------------------------------------

export function settingsScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  const lockout = createLockoutClock(() => host.refresh());
  const lockedUntilIn = (profiles: readonly { id: string; lockedUntil: number | null }[]) =>
    profiles.find((p) => p.id === session.profile.id)?.lockedUntil ?? null;
  lockout.set(lockedUntilIn(host.snapshot().profiles));

  const learnLockout = async (): Promise<boolean> => {
    const fresh = await host.reloadSnapshot();
    if (fresh !== null) lockout.set(lockedUntilIn(fresh.profiles));
    return lockout.active();
  };

  let sections: SettingsSection[] = [];
  const frame = createFrame(host, session, "settings", {
    dialogOpen: () => sections.some((s) => s.dialogOpen?.() === true),
    escape: () => sections.some((s) => s.escape?.() === true),
  });
  const ctx: SectionContext = { host, frame, session, lockout, learnLockout };
  // In the order they show; a new section is one more entry. A member gets no household markup at all, not even hidden:
  // Rust refuses its commands anyway, and there is nothing to learn from the page.
  sections = [passwordSection(ctx), recoverySection(ctx), lockingSection(ctx), backupSection(ctx), ...(session.profile.role === "admin" ? [householdSection(ctx)] : [])];

  return frame.screen(
    () => html`<header class="page-header">
        <div class="page-heading">
          <h1 id="settings-title" class="page-title" tabindex="-1">Settings</h1>
          <p class="page-lead">How <strong>${session.profile.name}</strong> is kept safe on this computer.</p>
        </div>
      </header>
      <div class="settings-sections">
        ${lockoutAlert("settings-lockout", lockout.until(), lockout.secondsLeft())} ${sections.map((s) => s.template())}
      </div>`,
    () => {
      void learnLockout().then(() => host.refresh());
      for (const s of sections) s.mounted?.();
    },
    () => {
      lockout.dispose();
      for (const s of sections) s.leave?.();
    },
  );
}
