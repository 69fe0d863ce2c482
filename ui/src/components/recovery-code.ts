// Why: "Save your recovery code", shown once after a profile is created, again in Settings after a new code is made, and to an admin for a member it just created: why it matters, the code in large monospace groups, Copy, Print (only the code card prints), and a Continue that waits for "I have saved it". The code lives only in this object, and is dropped on Continue.
import { html, nothing, type TemplateResult } from "lit-html";
import { codeGroups } from "../lib/recovery";
import { modal } from "./modal";

/** What the last Copy did. */
export type CopyState = "idle" | "copied" | "failed";

export interface RecoveryCodeProps {
  code: string;
  profileName: string;
  /** A new code replaced the old one (Settings): say that the old one no longer works. */
  replaced: boolean;
  /** The code is another person's (a member an admin just created): say to give it to them, not to keep it. */
  handOver?: boolean;
  saved: boolean;
  copy: CopyState;
  /** False once printing failed: the Print button goes. */
  canPrint: boolean;
  onCopy(): void;
  onPrint(): void;
  onSaved(checked: boolean): void;
}

/** The code, each group with the dash after it; `<wbr>` lets a narrow window wrap between groups (never inside one). */
function codeText(code: string): TemplateResult {
  // One line, no whitespace between the parts: the element's text must be exactly the code.
  return html`<p id="recovery-code" class="recovery-code">${codeGroups(code).map((g) => html`<span class="recovery-group">${g.text}${g.dash ? html`<span class="recovery-dash">-</span>` : nothing}</span><wbr />`)}</p>`;
}

const COPY_MESSAGES: Record<CopyState, string> = {
  idle: "",
  copied: "Copied. Paste it where you keep it safe, then copy something else so it does not stay on the clipboard.",
  failed: "Coffer could not copy the code. Write it down instead, group by group.",
};

/** Everything but the Continue button (the screen puts it under the card, the dialog in its footer). */
export function recoveryCodeBody(p: RecoveryCodeProps): TemplateResult {
  return html`<div class="recovery-panel">
    ${p.replaced
      ? html`<p id="recovery-replaced" class="recovery-replaced">
          <i class="bi bi-info-circle-fill" aria-hidden="true"></i><span>Your old recovery code no longer works. Only this one does.</span>
        </p>`
      : nothing}
    ${p.handOver === true
      ? html`<p id="recovery-why" class="recovery-why">
          Give this code to <strong>${p.profileName}</strong>, with the first password you chose. If that password is
          forgotten, this code is the only way back into <strong>${p.profileName}</strong>. Coffer cannot show it again.
        </p>`
      : html`<p id="recovery-why" class="recovery-why">
          If you forget your password, this code is the only way back into <strong>${p.profileName}</strong>. Coffer cannot show
          it again.
        </p>`}
    <section class="recovery-card recovery-print" aria-labelledby="recovery-card-label">
      <p id="recovery-card-label" class="recovery-card-label">
        <i class="bi bi-key-fill" aria-hidden="true"></i><span>Coffer recovery code for <strong>${p.profileName}</strong></span>
      </p>
      ${codeText(p.code)}
      <p class="recovery-card-note">Keep it away from this computer: on paper, or in a password manager.</p>
    </section>
    <div class="recovery-actions">
      <button id="recovery-copy" type="button" class="btn btn-outline-secondary" @click=${p.onCopy}>
        <i class="bi ${p.copy === "copied" ? "bi-clipboard-check" : "bi-clipboard"}" aria-hidden="true"></i>${p.copy === "copied" ? "Copied" : "Copy"}
      </button>
      ${p.canPrint
        ? html`<button id="recovery-print" type="button" class="btn btn-outline-secondary" @click=${p.onPrint}>
            <i class="bi bi-printer" aria-hidden="true"></i>Print
          </button>`
        : nothing}
    </div>
    <p id="recovery-copy-status" class="recovery-copy-status ${p.copy === "failed" ? "is-failed" : ""}" role="status">${COPY_MESSAGES[p.copy]}</p>
    <div class="form-check recovery-check">
      <input
        id="recovery-saved"
        class="form-check-input"
        type="checkbox"
        .checked=${p.saved}
        @change=${(e: Event) => p.onSaved((e.currentTarget as HTMLInputElement).checked)}
      />
      <label class="form-check-label" for="recovery-saved"
        >${p.handOver === true ? "I have given it to them, or written it down for them" : "I have written it down or saved it somewhere safe"}</label
      >
    </div>
  </div>`;
}

/** `#recovery-continue`, disabled until the box is ticked. */
export function recoveryContinue(saved: boolean, label: string, onContinue: () => void, extraClass = ""): TemplateResult {
  return html`<button id="recovery-continue" type="button" class="btn btn-primary ${extraClass}" ?disabled=${!saved} @click=${onContinue}>
    ${label}
  </button>`;
}

export interface RecoveryCodePanel {
  body(): TemplateResult;
  continueButton(extraClass?: string): TemplateResult;
  saved(): boolean;
  /** Drops the code (Continue does it too); the panel then draws nothing. */
  forget(): void;
}

export interface RecoveryCodePanelOptions {
  code: string;
  profileName: string;
  replaced: boolean;
  /** Another person's code (see `RecoveryCodeProps.handOver`). */
  handOver?: boolean;
  continueLabel: string;
  refresh: () => void;
  /** After Continue (the code is already dropped). */
  done: () => void;
}

export function createRecoveryCodePanel(o: RecoveryCodePanelOptions): RecoveryCodePanel {
  let code: string | null = o.code;
  let saved = false;
  let copy: CopyState = "idle";
  let canPrint = typeof globalThis.print === "function";

  const onCopy = async () => {
    if (code === null) return;
    try {
      await navigator.clipboard.writeText(code);
      copy = "copied";
    } catch {
      copy = "failed";
    }
    o.refresh();
  };

  const onPrint = () => {
    try {
      globalThis.print();
    } catch {
      canPrint = false;
      o.refresh();
      document.getElementById("recovery-copy")?.focus();
    }
  };

  const forget = () => {
    code = null;
    saved = false;
  };

  return {
    body() {
      if (code === null) return html``;
      return recoveryCodeBody({
        code,
        profileName: o.profileName,
        replaced: o.replaced,
        handOver: o.handOver === true,
        saved,
        copy,
        canPrint,
        onCopy: () => void onCopy(),
        onPrint,
        onSaved: (checked) => {
          saved = checked;
          o.refresh();
        },
      });
    },
    continueButton: (extraClass = "") =>
      recoveryContinue(
        saved,
        o.continueLabel,
        () => {
          if (!saved) return;
          forget();
          o.done();
        },
        extraClass,
      ),
    saved: () => saved,
    forget,
  };
}

/**
 * `#recovery-modal`: a panel's code in a dialog (Settings' new code, a member just added), nothing without one. It is
 * finished with its own button once the code is saved (`close`); before that, Esc points at the box to tick.
 */
export function recoveryCodeModal(open: RecoveryCodePanel | null, title: TemplateResult, close: () => void): TemplateResult | typeof nothing {
  if (open === null) return nothing;
  return modal({
    id: "recovery-modal",
    labelledBy: "recovery-modal-title",
    onClose: () => {
      if (open.saved()) close();
      else document.getElementById("recovery-saved")?.focus();
    },
    closeButton: false,
    dialogClass: "recovery-dialog",
    header: html`<h2 id="recovery-modal-title" class="modal-title">${title}</h2>`,
    body: html`<div class="modal-body">${open.body()}</div>
      <div class="modal-footer">${open.continueButton()}</div>`,
  });
}
