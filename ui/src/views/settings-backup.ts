// Why: the Settings screen's "Backups" section: saving an encrypted backup of the unlocked profile (its password first; the shell asks where), and rolling the profile back to a backup of itself — in a dialog that says what will be lost and waits for the name typed exactly — while a backup of another profile is sent to the picker, where it can become a profile of its own.
import { html, nothing, type TemplateResult } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { restoreUnlocked, saveBackup, type BackupChoice, type BackupSaved } from "../api";
import { createBackupSecretField, type BackupSecretErrors } from "../components/backup-secret";
import { confirmNameField } from "../components/confirm-name-field";
import { iconAlert } from "../components/icon-alert";
import { modal } from "../components/modal";
import { buttonSpinner } from "../components/spinner";
import {
  backupSavedMessage,
  lastSavedLine,
  otherProfileNote,
  restoredNotice,
  restoreUnlockedRequest,
  takenText,
  WRONG_BACKUP_CODE,
  WRONG_BACKUP_PASSWORD,
} from "../lib/backup";
import { isoDate } from "../lib/format";
import { RECOVERY_CODE_SHAPE_ERROR } from "../lib/recovery";
import { confirmsName } from "../lib/validation";
import { createPasswordProof } from "./password-proof";
import { createBackupChooser } from "./restore";
import { sectionCard, type SectionContext, type SettingsSection } from "./settings-section";

/** The backup saved last, and by which profile: "this session" ends when the profile locks (main.ts forgets it). */
let lastSaved: { profileId: string; saved: BackupSaved } | null = null;

/** Called when the profile locks: the next session starts without "Last saved this session". */
export function forgetLastBackup(): void {
  lastSaved = null;
}

export function backupSection(ctx: SectionContext): SettingsSection {
  const { host, frame, session } = ctx;
  const profileName = session.profile.name;

  // ----- saving a backup -----------------------------------------------------------------------------------------------

  const proof = createPasswordProof(ctx, {
    prefix: "backup",
    button: { className: "btn-primary", icon: "bi-download", label: "Save a backup…", busyLabel: "Saving the backup…" },
    run: async (password) => {
      const saved = await saveBackup({ password });
      // null: the person cancelled the save dialog; nothing was written and nothing needs saying.
      if (saved !== null) {
        lastSaved = { profileId: session.profile.id, saved };
        frame.toast.show(backupSavedMessage(saved));
      }
    },
  });

  // ----- choosing a backup to roll back to -------------------------------------------------------------------------------

  /** A backup of another profile was chosen: said in the card (`#restore-other`), no dialog. */
  let other: BackupChoice | null = null;
  /** The backup of this profile chosen, while the dialog shows. */
  let restoring: BackupChoice | null = null;

  const secret = createBackupSecretField({
    ids: { password: "restore-password", code: "restore-code", useCode: "restore-use-code", usePassword: "restore-use-password" },
    passwordLabel: "Password when the backup was made",
    codeLabel: "Recovery code when the backup was made",
    codeHint: "The code this profile had when the backup was made. Spaces and dashes do not matter.",
    refresh: () => host.refresh(),
  });
  const confirmRef = createRef<HTMLInputElement>();
  let typed = "";
  let secretErrors: BackupSecretErrors = {};
  let confirmVerdict: string | null = null;
  let restoreError: string | null = null;
  let restoreBusy = false;

  const openRestore = (choice: BackupChoice) => {
    secret.reset();
    typed = "";
    secretErrors = {};
    confirmVerdict = null;
    restoreError = null;
    restoring = choice;
    host.refresh();
    secret.focus();
  };

  const chooser = createBackupChooser({
    refresh: () => host.refresh(),
    chosen: (choice) => {
      if (choice.ofUnlockedProfile) {
        other = null;
        openRestore(choice);
      } else {
        other = choice;
        host.refresh();
      }
    },
    failure: (error) => frame.fail(error)?.message ?? null,
  });

  const choose = () => {
    other = null;
    void chooser.choose();
  };

  const closeRestore = () => {
    if (restoreBusy || restoring === null) return;
    secret.reset();
    typed = "";
    restoring = null;
    host.refresh();
    document.getElementById("restore-choose")?.focus();
  };

  const submitRestore = async (e: Event) => {
    e.preventDefault();
    const choice = restoring;
    if (choice === null || restoreBusy || !confirmsName(typed, profileName)) return;
    restoreError = null;
    confirmVerdict = null;
    secretErrors = secret.check();
    if (secretErrors.password !== undefined || secretErrors.code !== undefined) {
      host.refresh();
      secret.focus();
      return;
    }
    restoreBusy = true;
    host.refresh();
    try {
      const restored = await restoreUnlocked(restoreUnlockedRequest({ mode: secret.mode(), secret: secret.typed(), confirmName: typed }));
      secret.wipe();
      restoreBusy = false;
      restoring = null;
      typed = "";
      // Like an unlock: Home, with what just happened in a toast.
      host.unlocked(restored, restoredNotice(profileName, choice.takenAt));
      return;
    } catch (error) {
      restoreBusy = false;
      const failure = frame.fail(error);
      if (failure === null) return;
      if (failure.code === "confirmation_mismatch") {
        confirmVerdict = failure.message;
      } else if (failure.code === "wrong_password") {
        secretErrors = { password: WRONG_BACKUP_PASSWORD };
        secret.wipe();
      } else if (failure.code === "wrong_recovery_code") {
        secretErrors = { code: WRONG_BACKUP_CODE };
      } else if (failure.code === "invalid_recovery_code") {
        secretErrors = { code: RECOVERY_CODE_SHAPE_ERROR };
      } else {
        // damaged_backup, backup_of_another_profile, storage: nothing was replaced; the message says why.
        restoreError = failure.message;
        secret.wipe();
      }
    }
    host.refresh();
    if (confirmVerdict !== null) confirmRef.value?.focus();
    else secret.focus();
  };

  const restoreDialog = (): TemplateResult | typeof nothing => {
    if (restoring === null) return nothing;
    const choice = restoring;
    const confirmed = confirmsName(typed, profileName);
    return modal({
      id: "restore-modal",
      labelledBy: "restore-modal-title",
      onClose: closeRestore,
      extraClass: "restore-modal",
      header: html`<h2 id="restore-modal-title" class="modal-title">Restore <span class="remove-name">${profileName}</span> from a backup</h2>`,
      body: html`<form id="restore-unlocked-form" novalidate @submit=${submitRestore} aria-busy=${restoreBusy ? "true" : "false"}>
        <div class="modal-body">
          <p class="restore-file">
            <i class="bi bi-file-earmark-lock" aria-hidden="true"></i
            ><span><span id="restore-file-name" class="restore-file-name">${choice.fileName}</span>,
              <span id="restore-taken"><time datetime=${isoDate(choice.takenAt)}>${takenText(choice.takenAt)}</time></span></span
            >
          </p>
          <div id="restore-warning" class="remove-warning restore-warning" role="note">
            <i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i>
            <div>
              <p>
                Everything recorded in <strong>${profileName}</strong> after that moment — expenses, budgets, categories, imports —
                will be replaced by the backup and <strong>cannot be brought back</strong>.
              </p>
              <p>Your current password and recovery code keep working.</p>
            </div>
          </div>
          ${iconAlert({ id: "restore-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: restoreError })}
          <fieldset ?disabled=${restoreBusy}>
            <div class="mb-3">
              ${secret.template({
                errors: secretErrors,
                canUseCode: choice.hasRecoveryCode,
                onInput: (field) => {
                  delete secretErrors[field];
                  restoreError = null;
                  host.refresh();
                },
                onSwitch: () => {
                  secretErrors = {};
                  restoreError = null;
                },
              })}
            </div>
          </fieldset>
          ${confirmNameField({
            id: "restore-confirm-name",
            name: profileName,
            value: typed,
            error: confirmVerdict,
            disabled: restoreBusy,
            inputRef: confirmRef,
            onInput: (text) => {
              typed = text;
              confirmVerdict = null;
              host.refresh();
            },
          })}
        </div>
        <div class="modal-footer">
          <button id="restore-cancel" type="button" class="btn btn-outline-secondary" ?disabled=${restoreBusy} @click=${closeRestore}>Cancel</button>
          <button id="restore-submit" type="submit" class="btn btn-danger" ?disabled=${!confirmed || restoreBusy}>
            ${restoreBusy ? html`${buttonSpinner()}Restoring…` : html`<i class="bi bi-clock-history me-2" aria-hidden="true"></i>Replace with the backup`}
          </button>
        </div>
      </form>`,
    });
  };

  // ----- the section --------------------------------------------------------------------------------------------------

  return {
    template() {
      const last = lastSaved !== null && lastSaved.profileId === session.profile.id ? lastSaved.saved : null;
      return html`${sectionCard(
        "settings-backup",
        "bi-archive",
        "Backups",
        html`A backup is one file with everything of <strong>${profileName}</strong>, encrypted like the profile: it opens only with
          this password or recovery code, as they are now. Keep it somewhere safe, away from this computer — another disk, say.`,
        html`${proof.template()}
          ${last === null
            ? nothing
            : html`<p id="backup-last" class="backup-last"><i class="bi bi-check-circle-fill" aria-hidden="true"></i><span>${lastSavedLine(last)}</span></p>`}
          <div class="backup-restore">
            <h3 id="restore-title" class="backup-subheading">Roll back to a backup</h3>
            <p class="settings-text mb-3">
              Replace what <strong>${profileName}</strong> holds now with a backup of it. You see when it was taken, and confirm,
              before anything changes.
            </p>
            ${chooser.alert()}
            ${other === null
              ? nothing
              : iconAlert({ id: "restore-other", tone: "primary", icon: "bi-info-circle-fill", role: "status", text: otherProfileNote(other, profileName) })}
            <button id="restore-choose" type="button" class="btn btn-outline-secondary" ?disabled=${chooser.busy()} @click=${choose}>
              ${chooser.busy() ? html`${buttonSpinner()}Choosing a backup…` : html`<i class="bi bi-clock-history me-2" aria-hidden="true"></i>Restore from a backup…`}
            </button>
          </div>`,
      )}${restoreDialog()}`;
    },
    dialogOpen: () => restoring !== null,
    leave() {
      proof.leave();
      secret.reset();
      typed = "";
      restoring = null;
    },
  };
}
