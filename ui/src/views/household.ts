// Why: the admin's part of Settings — every profile on this computer (make admin or member, end a wait, remove one after typing its name), adding a member (its recovery code shown once, to hand over) and the house rules — which never shows anyone's money, because an admin cannot read it: each profile is locked with its own key.
import { html, nothing, type TemplateResult } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { repeat } from "lit-html/directives/repeat.js";
import {
  createMember,
  household as fetchHousehold,
  removeProfile,
  resetLockout,
  setPolicy,
  setRole,
  type AppError,
  type Household,
  type HouseholdProfile,
  type PasswordPolicy,
  type PolicyView,
  type ProfileSummary,
} from "../api";
import { avatar } from "../components/avatar";
import { confirmNameField } from "../components/confirm-name-field";
import { iconAlert } from "../components/icon-alert";
import { createMenu, type Menu } from "../components/menu";
import { modal } from "../components/modal";
import { createNewProfileFields } from "../components/new-profile-fields";
import { createRecoveryCodePanel, recoveryCodeModal, type RecoveryCodePanel } from "../components/recovery-code";
import { buttonSpinner } from "../components/spinner";
import { formatDate } from "../lib/format";
import { confirmsName, hasErrors, validateCreate, type CreateErrors } from "../lib/validation";
import { sectionCard, type SectionContext, type SettingsSection } from "./settings-section";

/** The sentence under the section's heading: what an admin can do, and what it cannot. */
export const HOUSEHOLD_INTRO =
  "As an admin you manage who has a profile and the house rules. You cannot see anyone else's money: each profile is locked with its own key.";

/** The house rules' ranges (Policy::MIN_PASSWORD_LENGTHS, Policy::AUTO_LOCK_MINUTES); Rust checks them again. */
export const POLICY_MIN_LENGTH = { min: 8, max: 128 } as const;
export const POLICY_AUTO_LOCK = { min: 1, max: 240 } as const;

/** Whether a profile waits after repeated wrong attempts at `nowMs` (`lockedUntil` may lie in the past: no wait). */
export function isWaiting(p: ProfileSummary, nowMs: number): boolean {
  return p.lockedUntil !== null && p.lockedUntil * 1000 > nowMs;
}

/** "14:05": when a wait ends, on a 24-hour clock in the person's digits (a wait lasts an hour at most). */
export function waitEnd(lockedUntil: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(lockedUntil * 1000));
}

/** What the removal dialog compares: exactly the name, case and spaces included, as Rust does. */
export function removalConfirmed(typed: string, name: string): boolean {
  return confirmsName(typed, name);
}

/** The rules form as typed: numbers stay text until submitted, so a half-typed one is not corrected under the caret. */
interface PolicyDraft {
  minLength: string;
  autoLock: string;
  membersCreate: boolean;
  notifications: boolean;
}

interface PolicyErrors {
  minLength?: string;
  autoLock?: string;
}

const draftOf = (p: PolicyView): PolicyDraft => ({
  minLength: String(p.minPasswordLength),
  autoLock: String(p.autoLockMinutes),
  membersCreate: p.membersMayCreateProfiles,
  notifications: p.notificationsByDefault,
});

/** A whole number in `range`, or null. */
function wholeIn(text: string, range: { min: number; max: number }): number | null {
  if (!/^\s*\d+\s*$/u.test(text)) return null;
  const n = Number(text);
  return n >= range.min && n <= range.max ? n : null;
}

/** The draft as rules, or a message per field that is not a whole number in its range. */
export function checkPolicyDraft(d: { minLength: string; autoLock: string; membersCreate: boolean; notifications: boolean }): { policy: PolicyView } | { errors: PolicyErrors } {
  const minLength = wholeIn(d.minLength, POLICY_MIN_LENGTH);
  const autoLock = wholeIn(d.autoLock, POLICY_AUTO_LOCK);
  const errors: PolicyErrors = {};
  if (minLength === null) errors.minLength = `Enter a whole number from ${POLICY_MIN_LENGTH.min} to ${POLICY_MIN_LENGTH.max}.`;
  if (autoLock === null) errors.autoLock = `Enter a whole number of minutes from ${POLICY_AUTO_LOCK.min} to ${POLICY_AUTO_LOCK.max}.`;
  if (minLength === null || autoLock === null) return { errors };
  return { policy: { minPasswordLength: minLength, autoLockMinutes: autoLock, membersMayCreateProfiles: d.membersCreate, notificationsByDefault: d.notifications } };
}

export function householdSection(ctx: SectionContext): SettingsSection {
  const { host, frame } = ctx;

  // ----- the household as last read --------------------------------------------------------------------------------
  let data: Household | null = null;
  let loading = false;
  let loadError: string | null = null;
  /** Set once Rust says this profile is no longer an admin (made a member since it unlocked): only a note shows. */
  let noLongerAdmin: string | null = null;
  /** A row action's failure (last admin…), above the table. */
  let tableError: string | null = null;
  /** The profile a row action is running for. */
  let rowBusy: string | null = null;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  const menus = new Map<string, Menu>();

  const menuOf = (id: string): Menu => {
    let menu = menus.get(id);
    if (menu === undefined) {
      menu = createMenu(() => host.refresh());
      menus.set(id, menu);
    }
    return menu;
  };

  const closeMenus = () => {
    for (const m of menus.values()) if (m.isOpen()) m.close(false);
  };

  /** Redraws when the first wait shown ends, so that "Waiting until" goes by itself. */
  const scheduleWaitEnd = () => {
    if (waitTimer !== undefined) clearTimeout(waitTimer);
    waitTimer = undefined;
    const now = Date.now();
    const ends = (data?.profiles ?? []).map((h) => h.profile).filter((p) => isWaiting(p, now)).map((p) => (p.lockedUntil ?? 0) * 1000);
    if (ends.length === 0) return;
    waitTimer = setTimeout(
      () => {
        waitTimer = undefined;
        host.refresh();
        scheduleWaitEnd();
      },
      Math.min(...ends) - now + 50,
    );
  };

  let draft: PolicyDraft | null = null;

  const apply = (fresh: Household) => {
    data = fresh;
    loadError = null;
    const me = fresh.profiles.find((h) => h.isYou);
    if (me !== undefined && me.profile.role !== "admin") noLongerAdmin = `${me.profile.name} is now a member: only an admin manages the household.`;
    draft ??= draftOf(fresh.policy);
    scheduleWaitEnd();
  };

  /** A refused admin call: `locked` goes to the unlock screen (null), `forbidden` means this profile is no longer an admin. */
  const refused = (error: unknown): AppError | null => {
    const failure = frame.fail(error);
    if (failure === null) return null;
    if (failure.code === "forbidden") {
      noLongerAdmin = failure.message;
      closeMenus();
      return null;
    }
    return failure;
  };

  const load = async () => {
    loading = true;
    loadError = null;
    host.refresh();
    try {
      apply(await fetchHousehold());
    } catch (error) {
      const failure = refused(error);
      if (failure !== null) loadError = failure.message;
    }
    loading = false;
    host.refresh();
  };

  /** The password rule for a new member: the house rules as last read (they may have changed since the snapshot). */
  const policy = (): PasswordPolicy => ({ minLength: data?.policy.minPasswordLength ?? host.snapshot().policy.minLength });

  // ----- row actions ---------------------------------------------------------------------------------------------------

  const rowAction = async (p: ProfileSummary, run: () => Promise<Household>, done: string) => {
    menuOf(p.id).close(false);
    if (rowBusy !== null) return;
    rowBusy = p.id;
    tableError = null;
    host.refresh();
    try {
      apply(await run());
      frame.toast.show(done);
    } catch (error) {
      const failure = refused(error);
      if (failure !== null) tableError = failure.message;
    }
    rowBusy = null;
    host.refresh();
    document.getElementById(`profile-actions-${p.id}`)?.focus();
  };

  // ----- removing a profile ------------------------------------------------------------------------------------------

  let removing: ProfileSummary | null = null;
  let typed = "";
  let removeVerdict: string | null = null;
  let removeError: string | null = null;
  let removeBusy = false;
  const removeInput = createRef<HTMLInputElement>();

  const openRemove = (p: ProfileSummary) => {
    menuOf(p.id).close(false);
    removing = p;
    typed = "";
    removeVerdict = null;
    removeError = null;
    tableError = null;
    host.refresh();
    removeInput.value?.focus();
  };

  const closeRemove = () => {
    if (removeBusy || removing === null) return;
    const id = removing.id;
    removing = null;
    typed = "";
    host.refresh();
    document.getElementById(`profile-actions-${id}`)?.focus();
  };

  const submitRemove = async (e: Event) => {
    e.preventDefault();
    const target = removing;
    if (target === null || removeBusy || !removalConfirmed(typed, target.name)) return;
    removeBusy = true;
    removeError = null;
    removeVerdict = null;
    host.refresh();
    try {
      apply(await removeProfile({ profileId: target.id, confirmName: typed }));
      removeBusy = false;
      removing = null;
      typed = "";
      menus.delete(target.id);
      frame.toast.show(`${target.name} was removed, with its key and its expenses.`);
      host.refresh();
      document.getElementById("household-profiles-title")?.focus();
      return;
    } catch (error) {
      removeBusy = false;
      const failure = frame.fail(error);
      if (failure === null) return;
      if (failure.code === "confirmation_mismatch") removeVerdict = failure.message;
      else removeError = failure.message;
    }
    host.refresh();
    removeInput.value?.focus();
  };

  const removeDialog = () => {
    if (removing === null) return nothing;
    const p = removing;
    const confirmed = removalConfirmed(typed, p.name);
    return modal({
      id: "remove-modal",
      labelledBy: "remove-modal-title",
      onClose: closeRemove,
      extraClass: "remove-modal",
      header: html`<h2 id="remove-modal-title" class="modal-title">Remove <span class="remove-name">${p.name}</span>?</h2>`,
      body: html`<form id="remove-form" novalidate @submit=${submitRemove} aria-busy=${removeBusy ? "true" : "false"}>
        <div class="modal-body">
          <p id="remove-warning" class="remove-warning">
            <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i
            ><span
              >Removing <strong>${p.name}</strong> deletes its key. Its expenses become unreadable for ever — nobody, not even an
              admin, can get them back.</span
            >
          </p>
          ${iconAlert({ id: "remove-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: removeError })}
          ${confirmNameField({
            id: "remove-confirm-name",
            name: p.name,
            value: typed,
            error: removeVerdict,
            disabled: removeBusy,
            inputRef: removeInput,
            onInput: (text) => {
              typed = text;
              removeVerdict = null;
              host.refresh();
            },
          })}
        </div>
        <div class="modal-footer">
          <button id="remove-cancel" type="button" class="btn btn-outline-secondary" ?disabled=${removeBusy} @click=${closeRemove}>Cancel</button>
          <button id="remove-submit" type="submit" class="btn btn-danger" ?disabled=${!confirmed || removeBusy}>
            ${removeBusy ? html`${buttonSpinner()}Removing…` : html`<i class="bi bi-trash3 me-2" aria-hidden="true"></i>Remove for ever`}
          </button>
        </div>
      </form>`,
    });
  };

  // ----- the profiles table -------------------------------------------------------------------------------------------

  const actionItem = (action: string, icon: string, label: string, note: string, run: () => void, danger = false) =>
    html`<button type="button" class="dropdown-item menu-item ${danger ? "menu-item-danger" : ""}" data-action=${action} @click=${run}>
      <i class="bi ${icon}" aria-hidden="true"></i>
      <span class="menu-item-text">${label}<span class="menu-item-note">${note}</span></span>
    </button>`;

  const rowActions = (h: HouseholdProfile, waiting: boolean): TemplateResult => {
    const p = h.profile;
    const damaged = p.damaged !== null;
    const busy = rowBusy === p.id;
    return menuOf(p.id).template({
      id: `profile-actions-${p.id}-menu`,
      buttonId: `profile-actions-${p.id}`,
      buttonClass: "btn btn-sm btn-row-action household-actions-toggle",
      label: busy ? buttonSpinner() : html`<i class="bi bi-three-dots" aria-hidden="true"></i>`,
      ariaLabel: `Actions for ${p.name}`,
      title: `Actions for ${p.name}`,
      disabled: rowBusy !== null,
      panelLabel: `Actions for ${p.name}`,
      alignEnd: true,
      content: () => html`${damaged
        ? nothing
        : p.role === "admin"
          ? actionItem(
              "make-member",
              "bi-person-down",
              "Make member",
              h.isYou ? "You will no longer manage the household" : "No longer manages profiles or house rules",
              () => void rowAction(p, () => setRole({ profileId: p.id, role: "member" }), `${p.name} is now a member.`),
            )
          : actionItem(
              "make-admin",
              "bi-person-up",
              "Make admin",
              "Manages profiles and house rules, never others' money",
              () => void rowAction(p, () => setRole({ profileId: p.id, role: "admin" }), `${p.name} is now an admin.`),
            )}
      ${waiting
        ? actionItem("reset-lockout", "bi-hourglass-bottom", "End the wait", "It may try its password again now", () =>
            void rowAction(p, () => resetLockout(p.id), `${p.name} can try again now.`),
          )
        : nothing}
      ${h.isYou
        ? nothing
        : html`${damaged ? nothing : html`<div class="dropdown-divider" role="presentation"></div>`}
          ${actionItem("remove", "bi-trash3", "Remove…", "Deletes its key: its expenses are lost", () => openRemove(p), true)}`}`,
    });
  };

  const status = (p: ProfileSummary, waiting: boolean): TemplateResult => {
    if (p.damaged !== null) {
      return html`<span class="household-status household-damaged"
        ><i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i><span>Can't be opened: ${p.damaged}</span></span
      >`;
    }
    if (waiting && p.lockedUntil !== null) {
      return html`<span class="household-status household-waiting" data-until=${p.lockedUntil}
        ><i class="bi bi-hourglass-split" aria-hidden="true"></i
        ><span>Waiting until ${waitEnd(p.lockedUntil)}<span class="household-status-note">after too many wrong attempts</span></span></span
      >`;
    }
    return html`<span class="household-status household-ok"><span aria-hidden="true">—</span><span class="visually-hidden">Can be unlocked</span></span>`;
  };

  const row = (h: HouseholdProfile, now: number): TemplateResult => {
    const p = h.profile;
    const waiting = isWaiting(p, now);
    return html`<tr
      data-profile-id=${p.id}
      data-profile-name=${p.name}
      class="${p.damaged !== null ? "is-damaged" : ""} ${h.isYou ? "is-you" : ""}"
      aria-busy=${rowBusy === p.id ? "true" : "false"}
    >
      <th scope="row" class="household-who">
        <span class="household-person">
          ${avatar(p, "sm")}
          <span class="household-person-text">
            <span class="household-name-line"
              ><span class="household-name" title=${p.name}>${p.name}</span>${h.isYou ? html`<span class="badge you-badge">You</span>` : nothing}</span
            >
            <span class="household-since">Since ${formatDate(p.createdAt)}</span>
          </span>
        </span>
      </th>
      <td class="household-role">
        ${p.role === "admin" ? html`<span class="badge role-badge">Admin</span>` : html`<span class="badge member-badge">Member</span>`}
      </td>
      <td class="household-state">${status(p, waiting)}</td>
      <td class="col-actions">${rowActions(h, waiting)}</td>
    </tr>`;
  };

  const profilesCard = (): TemplateResult => {
    let body: TemplateResult;
    if (data === null) {
      body =
        loadError !== null
          ? html`${iconAlert({ id: "household-load-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: loadError })}
              <button id="household-retry" type="button" class="btn btn-outline-secondary" @click=${() => void load()}>Try again</button>`
          : html`<p class="household-loading" role="status"><span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>Loading the profiles…</p>`;
    } else {
      const now = Date.now();
      body = html`${iconAlert({ id: "household-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: tableError })}
        <div class="household-table-scroll">
          <table id="household-profiles" class="table household-table mb-0" aria-labelledby="household-profiles-title" aria-busy=${loading ? "true" : "false"}>
            <thead>
              <tr>
                <th scope="col">Profile</th>
                <th scope="col" class="col-role">Role</th>
                <th scope="col">Status</th>
                <th scope="col" class="col-actions"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${repeat(
                data.profiles,
                (h) => h.profile.id,
                (h) => row(h, now),
              )}
            </tbody>
          </table>
        </div>`;
    }
    const count = data?.profiles.length ?? null;
    return html`<section id="household-profiles-card" class="card settings-card household-card" aria-labelledby="household-profiles-title">
      <div class="card-body household-card-body">
        <div class="household-card-head">
          <h3 id="household-profiles-title" class="card-heading" tabindex="-1"><i class="bi bi-people" aria-hidden="true"></i>Profiles</h3>
          <p class="settings-text">
            ${count === null ? "Everyone who has a profile on this computer." : count === 1 ? "1 profile on this computer." : `${count} profiles on this computer.`}
          </p>
        </div>
        ${body}
      </div>
    </section>`;
  };

  // ----- adding a member ------------------------------------------------------------------------------------------------

  const fields = createNewProfileFields({
    prefix: "member",
    nameAttr: "member-name",
    nameLabel: "Name",
    placeholder: "e.g. Sam",
    passwordLabel: "First password",
    offered: host.snapshot().currencies.map((c) => c.code),
    refresh: () => host.refresh(),
  });
  let memberErrors: CreateErrors = {};
  let memberError: string | null = null;
  let memberAttempted = false;
  let memberBusy = false;
  /** The new member's recovery code, while its dialog shows. */
  let panel: RecoveryCodePanel | null = null;
  let panelName = "";

  const onMemberInput = () => {
    memberError = null;
    // Before the first submit, stay quiet while the admin types; after it, keep the messages in step.
    if (memberAttempted) memberErrors = validateCreate(fields.values(), policy());
    host.refresh();
  };

  const closeRecovery = () => {
    panel?.forget();
    panel = null;
    host.refresh();
    fields.focusName();
  };

  const submitMember = async (e: Event) => {
    e.preventDefault();
    if (memberBusy) return;
    memberAttempted = true;
    memberError = null;
    fields.clearCurrencyError();
    const input = fields.values();
    memberErrors = validateCreate(input, policy());
    if (hasErrors(memberErrors)) {
      host.refresh();
      fields.focusFirstInvalid(memberErrors);
      return;
    }
    memberBusy = true;
    host.refresh();
    try {
      const created = await createMember({ name: input.name.trim(), password: input.password, currency: fields.currency() });
      fields.clear();
      memberBusy = false;
      memberAttempted = false;
      memberErrors = {};
      panelName = created.profile.name;
      panel = createRecoveryCodePanel({
        code: created.recoveryCode,
        profileName: created.profile.name,
        replaced: false,
        handOver: true,
        continueLabel: "Done",
        refresh: () => host.refresh(),
        done: closeRecovery,
      });
      host.refresh();
      document.getElementById("recovery-modal")?.focus();
      // The table behind the dialog gains the new row.
      try {
        apply(await fetchHousehold());
      } catch (error) {
        const failure = refused(error);
        if (failure !== null) tableError = failure.message;
      }
      host.refresh();
      return;
    } catch (error) {
      memberBusy = false;
      const failure = refused(error);
      if (failure === null) {
        host.refresh();
        return;
      }
      // The Rust side is authoritative: its verdict goes beside the field it is about.
      const verdict = fields.verdict(failure);
      memberErrors = verdict ?? {};
      if (verdict === null) memberError = failure.message;
    }
    host.refresh();
    fields.focusAfter(memberErrors, memberError);
  };

  const recoveryDialog = () =>
    recoveryCodeModal(panel, html`Recovery code for <span class="recovery-modal-name">${panelName}</span>`, closeRecovery);

  const memberCard = (): TemplateResult =>
    sectionCard(
      "household-add",
      "bi-person-plus",
      "Add a member",
      html`For someone who shares this computer. Choose a first password to tell them (they can change it in Settings);
        Coffer then gives you their recovery code to hand over.`,
      html`${iconAlert({ id: "member-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: memberError })}
        <form id="member-form" class="auth-form" novalidate @submit=${submitMember} aria-busy=${memberBusy ? "true" : "false"}>
          <fieldset ?disabled=${memberBusy}>
            ${fields.template({ currencies: host.snapshot().currencies, policy: policy(), errors: memberErrors, onInput: onMemberInput })}
            <button id="member-submit" type="submit" class="btn btn-primary">
              ${memberBusy ? html`${buttonSpinner()}Creating and encrypting…` : html`<i class="bi bi-person-plus me-2" aria-hidden="true"></i>Add member`}
            </button>
          </fieldset>
        </form>`,
      3,
    );

  // ----- house rules ----------------------------------------------------------------------------------------------------

  let policyErrors: PolicyErrors = {};
  let policyError: string | null = null;
  let policyBusy = false;

  const editDraft = (change: Partial<PolicyDraft>, field?: keyof PolicyErrors) => {
    if (draft === null) return;
    draft = { ...draft, ...change };
    if (field !== undefined) delete policyErrors[field];
    policyError = null;
    host.refresh();
  };

  const submitPolicy = async (e: Event) => {
    e.preventDefault();
    if (policyBusy || draft === null) return;
    policyError = null;
    const checked = checkPolicyDraft(draft);
    if ("errors" in checked) {
      policyErrors = checked.errors;
      host.refresh();
      document.getElementById(policyErrors.minLength !== undefined ? "policy-min-length" : "policy-auto-lock")?.focus();
      return;
    }
    policyErrors = {};
    policyBusy = true;
    host.refresh();
    try {
      const fresh = await setPolicy(checked.policy);
      draft = draftOf(fresh.policy);
      apply(fresh);
      policyBusy = false;
      frame.toast.show("House rules saved.");
      // The snapshot carries the rules the picker and the password forms follow.
      void host.reloadSnapshot().then(() => host.refresh());
      host.refresh();
      document.getElementById("policy-submit")?.focus();
      return;
    } catch (error) {
      policyBusy = false;
      const failure = refused(error);
      if (failure !== null) policyError = failure.message;
    }
    host.refresh();
    if (policyError !== null) document.getElementById("policy-min-length")?.focus();
  };

  const rulesCard = (): TemplateResult => {
    const d = draft;
    const numberField = (
      id: string,
      field: keyof PolicyErrors,
      label: string,
      unit: string,
      range: { min: number; max: number },
      hint: string,
      value: string,
      onInput: (text: string) => void,
    ) => {
      const error = policyErrors[field];
      const invalid = error !== undefined;
      return html`<label for=${id} class="form-label">${label}</label>
        <div class="input-group policy-number ${invalid ? "has-validation" : ""}">
          <input
            id=${id}
            name=${id}
            type="number"
            inputmode="numeric"
            min=${range.min}
            max=${range.max}
            step="1"
            required
            class="form-control ${invalid ? "is-invalid" : ""}"
            .value=${value}
            aria-invalid=${invalid ? "true" : "false"}
            aria-describedby=${invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
            @input=${(e: Event) => onInput((e.currentTarget as HTMLInputElement).value)}
          />
          <span class="input-group-text">${unit}</span>
          <div id="${id}-error" class="invalid-feedback">${error ?? ""}</div>
        </div>
        <div id="${id}-hint" class="form-text">${hint}</div>`;
    };
    const toggle = (id: string, label: string, hint: string, checked: boolean, onChange: (on: boolean) => void) =>
      html`<div class="form-check form-switch policy-switch">
        <input
          id=${id}
          name=${id}
          class="form-check-input"
          type="checkbox"
          role="switch"
          .checked=${checked}
          aria-describedby="${id}-hint"
          @change=${(e: Event) => onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <label class="form-check-label" for=${id}>${label}</label>
        <div id="${id}-hint" class="form-text">${hint}</div>
      </div>`;
    return sectionCard(
      "household-rules",
      "bi-sliders",
      "House rules",
      html`They apply to every profile on this computer. A new shortest password counts for passwords chosen from now on; the
        ones in use keep working.`,
      d === null
        ? html`<p class="household-loading" role="status">
            ${loadError === null ? html`<span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>Loading the rules…` : "The rules could not be read."}
          </p>`
        : html`${iconAlert({ id: "policy-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: policyError })}
            <form id="policy-form" class="auth-form" novalidate @submit=${submitPolicy} aria-busy=${policyBusy ? "true" : "false"}>
              <fieldset ?disabled=${policyBusy}>
                <div class="mb-3">
                  ${numberField(
                    "policy-min-length",
                    "minLength",
                    "Shortest password",
                    "characters",
                    POLICY_MIN_LENGTH,
                    `From ${POLICY_MIN_LENGTH.min} to ${POLICY_MIN_LENGTH.max}.`,
                    d.minLength,
                    (text) => editDraft({ minLength: text }, "minLength"),
                  )}
                </div>
                <div class="mb-3">
                  ${numberField(
                    "policy-auto-lock",
                    "autoLock",
                    "Lock a profile after",
                    "minutes unused",
                    POLICY_AUTO_LOCK,
                    `From ${POLICY_AUTO_LOCK.min} to ${POLICY_AUTO_LOCK.max} minutes without a key press or a click.`,
                    d.autoLock,
                    (text) => editDraft({ autoLock: text }, "autoLock"),
                  )}
                </div>
                <div class="mb-3">
                  ${toggle(
                    "policy-members-create",
                    "Anyone may create a profile",
                    "When off, the profile picker offers no New profile: only an admin adds members, here in Settings.",
                    d.membersCreate,
                    (on) => editDraft({ membersCreate: on }),
                  )}
                </div>
                <div class="mb-4">
                  ${toggle(
                    "policy-notifications",
                    "Desktop notifications for new profiles",
                    "Whether a new profile starts with budget alerts shown as desktop notifications.",
                    d.notifications,
                    (on) => editDraft({ notifications: on }),
                  )}
                </div>
                <button id="policy-submit" type="submit" class="btn btn-primary">
                  ${policyBusy ? html`${buttonSpinner()}Saving…` : "Save house rules"}
                </button>
              </fieldset>
            </form>`,
      3,
    );
  };

  // ----- the section --------------------------------------------------------------------------------------------------

  return {
    template() {
      return html`<section id="settings-household" class="settings-household" aria-labelledby="settings-household-title">
        <header class="household-header">
          <h2 id="settings-household-title" class="household-title"><i class="bi bi-house-heart" aria-hidden="true"></i>Household</h2>
          <p id="household-intro" class="household-intro">${HOUSEHOLD_INTRO}</p>
        </header>
        ${noLongerAdmin !== null
          ? iconAlert({ id: "household-not-admin", tone: "primary", icon: "bi-info-circle-fill", role: "status", text: noLongerAdmin })
          : html`${profilesCard()} ${memberCard()} ${rulesCard()}`}
        ${removeDialog()} ${recoveryDialog()}
      </section>`;
    },
    mounted: () => void load(),
    dialogOpen: () => removing !== null || panel !== null,
    escape() {
      const open = [...menus.values()].find((m) => m.isOpen());
      if (open === undefined) return false;
      open.close(true);
      return true;
    },
    leave() {
      fields.passwords.wipe();
      panel?.forget();
      panel = null;
      removing = null;
      closeMenus();
      if (waitTimer !== undefined) clearTimeout(waitTimer);
      waitTimer = undefined;
    },
  };
}
