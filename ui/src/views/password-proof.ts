// Why: Settings asks for the password again before a sensitive action (a new recovery code, a backup); one form and one flow for all of them — an empty field said at once, a wrong password counted and the wait learnt, the field wiped after every attempt — so the sections differ only in what they do once it is proven.
import { html, type TemplateResult } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { iconAlert } from "../components/icon-alert";
import { passwordField } from "../components/password-field";
import { buttonSpinner } from "../components/spinner";
import { wipe, type SectionContext } from "./settings-section";

export interface PasswordProofOptions {
  /** Ids: `#<prefix>-form`, `-password` (with `-password-error`, `-password-hint`), `-submit`, `-error`. */
  prefix: string;
  button: { className: string; icon: string; label: string; busyLabel: string };
  /**
   * The action, given the password. Resolves once it is done; it may answer where the focus goes next (else the submit
   * button). A rejection is an `AppError` from the shell.
   */
  run(password: string): Promise<(() => void) | void>;
}

export interface PasswordProof {
  template(): TemplateResult;
  /** The screen is leaving: the field is wiped. */
  leave(): void;
}

export function createPasswordProof(ctx: SectionContext, o: PasswordProofOptions): PasswordProof {
  const { host, frame } = ctx;
  const passwordRef = createRef<HTMLInputElement>();
  let verdict: string | null = null;
  let formError: string | null = null;
  let busy = false;
  let revealed = false;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || ctx.lockout.active()) return;
    formError = null;
    const password = passwordRef.value?.value ?? "";
    if (password === "") {
      verdict = "Enter your password.";
      host.refresh();
      passwordRef.value?.focus();
      return;
    }
    verdict = null;
    busy = true;
    host.refresh();
    try {
      const focusNext = await o.run(password);
      wipe(passwordRef);
      busy = false;
      host.refresh();
      if (focusNext) focusNext();
      else document.getElementById(`${o.prefix}-submit`)?.focus();
      return;
    } catch (error) {
      const failure = frame.fail(error);
      if (failure === null) return;
      wipe(passwordRef);
      if (failure.code === "wrong_password") {
        verdict = "This is not your password.";
        await ctx.learnLockout();
      } else if (failure.code === "locked_out") {
        if (!(await ctx.learnLockout())) formError = failure.message;
      } else {
        formError = failure.message;
      }
    }
    busy = false;
    host.refresh();
    passwordRef.value?.focus();
  };

  return {
    template() {
      const p = o.prefix;
      return html`${iconAlert({ id: `${p}-error`, tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: formError })}
        <form id=${`${p}-form`} class="auth-form" novalidate @submit=${submit} aria-busy=${busy ? "true" : "false"}>
          <fieldset ?disabled=${busy}>
            <div class="mb-4">
              ${passwordField({
                id: `${p}-password`,
                label: "Your password",
                autocomplete: "current-password",
                revealed,
                onToggleReveal: () => {
                  revealed = !revealed;
                  host.refresh();
                },
                inputRef: passwordRef,
                errorId: `${p}-password-error`,
                error: verdict,
                describedBy: [`${p}-password-hint`],
                onInput: () => {
                  verdict = null;
                  formError = null;
                  host.refresh();
                },
              })}
              <div id=${`${p}-password-hint`} class="form-text">To make sure it is you.</div>
            </div>
            <button id=${`${p}-submit`} type="submit" class="btn ${o.button.className}" ?disabled=${ctx.lockout.active()}>
              ${busy ? html`${buttonSpinner()}${o.button.busyLabel}` : html`<i class="bi ${o.button.icon} me-2" aria-hidden="true"></i>${o.button.label}`}
            </button>
          </fieldset>
        </form>`;
    },
    leave() {
      wipe(passwordRef);
    },
  };
}
