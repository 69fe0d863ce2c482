// Why: the alert settings dialog of the budgets screen: the thresholds (typed as "80, 100", checked by Rust) and the desktop notification switches.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createRef, ref } from "lit-html/directives/ref.js";
import { setAlertSettings, type AlertSettings, type AppError } from "../api";
import { iconAlert } from "../components/icon-alert";
import { modal } from "../components/modal";
import { buttonSpinner } from "../components/spinner";
import { formatThresholds, parseThresholds } from "../lib/budgets";
import { alertSettingsFieldFor } from "../lib/field-errors";

export interface AlertSettingsDeps {
  refresh(): void;
  /** Normalises a failure; null when it was `locked` and the app already went to the unlock screen. */
  fail(error: unknown): AppError | null;
  /** After a save, with the dialog already closed: the settings as stored. */
  saved(settings: AlertSettings): void;
  /** Where focus goes when the element that opened the dialog is gone. */
  fallbackFocus(): void;
}

export interface AlertSettingsEditor {
  open(current: AlertSettings, opener: Element | null): void;
  close(): void;
  isOpen(): boolean;
  template(): TemplateResult | typeof nothing;
}

export function createAlertSettingsEditor(deps: AlertSettingsDeps): AlertSettingsEditor {
  const thresholdsRef = createRef<HTMLInputElement>();
  const osRef = createRef<HTMLInputElement>();
  const hideRef = createRef<HTMLInputElement>();
  const formRef = createRef<HTMLFormElement>();
  let initial: AlertSettings | null = null;
  let opener: Element | null = null;
  let thresholdsError: string | null = null;
  let formError: string | null = null;
  let busy = false;

  const close = () => {
    if (initial === null) return;
    initial = null;
    deps.refresh();
    const back = opener;
    opener = null;
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
    else deps.fallbackFocus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || initial === null) return;
    formError = null;
    const parsed = parseThresholds(thresholdsRef.value?.value ?? "");
    if (!parsed.ok) {
      thresholdsError = parsed.message;
      deps.refresh();
      thresholdsRef.value?.focus();
      return;
    }
    thresholdsError = null;
    busy = true;
    deps.refresh();
    try {
      const stored = await setAlertSettings({
        thresholds: parsed.values,
        osNotifications: osRef.value?.checked ?? initial.osNotifications,
        hideAmounts: hideRef.value?.checked ?? initial.hideAmounts,
      });
      busy = false;
      close();
      deps.saved(stored);
    } catch (error) {
      busy = false;
      const failure = deps.fail(error);
      if (failure === null) return;
      if (alertSettingsFieldFor(failure.code) === "thresholds") thresholdsError = failure.message;
      else formError = failure.message;
      deps.refresh();
      thresholdsRef.value?.focus();
    }
  };

  /** Enter saves from a switch too. */
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing) return;
    const t = e.target as HTMLInputElement;
    if (t.tagName === "INPUT" && t.type === "checkbox") {
      e.preventDefault();
      formRef.value?.requestSubmit();
    }
  };

  const toggle = (id: string, r: typeof osRef, checked: boolean, label: string, help: string) =>
    html`<div class="form-check form-switch mb-3">
      <input ${ref(r)} class="form-check-input" type="checkbox" role="switch" id=${id} .checked=${checked} aria-describedby="${id}-help" />
      <label class="form-check-label" for=${id}>${label}</label>
      <div id="${id}-help" class="form-text">${help}</div>
    </div>`;

  const form = (s: AlertSettings): TemplateResult => html`<form
    id="alert-settings-form"
    class="coffer-modal-form"
    novalidate
    ${ref(formRef)}
    @submit=${submit}
    @keydown=${onKeydown}
  >
    <div class="modal-body">
      ${iconAlert({ id: "alert-settings-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
      <fieldset ?disabled=${busy}>
        <div class="mb-3">
          <label for="alert-thresholds" class="form-label">Alert me when spending reaches</label>
          <div class="input-group has-validation">
            <input
              ${ref(thresholdsRef)}
              id="alert-thresholds"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              spellcheck="false"
              class="form-control ${thresholdsError === null ? "" : "is-invalid"}"
              placeholder="80, 100"
              .value=${formatThresholds(s.thresholds)}
              aria-invalid=${thresholdsError === null ? "false" : "true"}
              aria-describedby=${ifDefined(["alert-thresholds-unit", "alert-thresholds-help", ...(thresholdsError === null ? [] : ["alert-thresholds-error"])].join(" "))}
              @input=${() => {
                if (thresholdsError === null) return;
                thresholdsError = null;
                deps.refresh();
              }}
            />
            <span class="input-group-text" id="alert-thresholds-unit">% of a budget</span>
            <div id="alert-thresholds-error" class="invalid-feedback">${thresholdsError ?? ""}</div>
          </div>
          <div id="alert-thresholds-help" class="form-text">Up to five percentages from 1 to 200, separated by commas — for example 80, 100.</div>
        </div>
        ${toggle("alert-os", osRef, s.osNotifications, "Show desktop notifications", "Coffer always shows alerts in its own window; this also tells your desktop.")}
        ${toggle(
          "alert-hide-amounts",
          hideRef,
          s.hideAmounts,
          "Hide amounts in notifications",
          "Desktop notifications can show on a locked screen: keep them to the budget's name and the percentage.",
        )}
      </fieldset>
    </div>
    <div class="modal-footer">
      <button id="alert-settings-cancel" type="button" class="btn btn-outline-secondary" ?disabled=${busy} @click=${close}>Cancel</button>
      <button id="alert-settings-save" type="submit" class="btn btn-primary" ?disabled=${busy}>
        ${busy ? html`${buttonSpinner()}Saving…` : "Save settings"}
      </button>
    </div>
  </form>`;

  return {
    open(current, from) {
      if (initial !== null) return;
      initial = current;
      opener = from;
      thresholdsError = null;
      formError = null;
      busy = false;
      deps.refresh();
      thresholdsRef.value?.focus();
    },
    close() {
      if (!busy) close();
    },
    isOpen: () => initial !== null,
    template() {
      if (initial === null) return nothing;
      return modal({
        id: "alert-settings-modal",
        labelledBy: "alert-settings-title",
        onClose: () => {
          if (!busy) close();
        },
        header: html`<h2 id="alert-settings-title" class="modal-title">Budget alerts</h2>`,
        body: form(initial),
      });
    },
  };
}
