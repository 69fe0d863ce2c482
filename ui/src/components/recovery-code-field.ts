// Why: the one recovery code input — monospace, letters shown as capitals as they are typed (the caret stays put), no autocomplete or spell-check, its message and its hint — shared by the unlock screen's recovery form and the backup restore forms.
import { html, type TemplateResult } from "lit-html";
import { ref, type Ref } from "lit-html/directives/ref.js";
import { typedCodeDisplay } from "../lib/recovery";

export interface RecoveryCodeFieldProps {
  /** The input's id; its message is `#<id>-error`, its hint `#<id>-hint`. */
  id: string;
  label: string;
  hint: string;
  inputRef: Ref<HTMLInputElement>;
  error?: string | null;
  /** Marks the field for the screen router to focus when the screen opens (see main.ts). */
  autofocus?: boolean;
  /** After typing (the capitals are already shown). */
  onInput: () => void;
}

/** Shows typed letters as capitals; the length never changes, so the caret goes back exactly where it was. */
function showCapitals(e: Event): void {
  const input = e.currentTarget as HTMLInputElement;
  const shown = typedCodeDisplay(input.value);
  if (shown === input.value) return;
  const { selectionStart, selectionEnd } = input;
  input.value = shown;
  input.setSelectionRange(selectionStart, selectionEnd);
}

export function recoveryCodeField(p: RecoveryCodeFieldProps): TemplateResult {
  const invalid = p.error != null && p.error !== "";
  return html`<label for=${p.id} class="form-label">${p.label}</label>
    <input
      ${ref(p.inputRef)}
      id=${p.id}
      name=${p.id}
      type="text"
      class="form-control form-control-lg recovery-code-input ${invalid ? "is-invalid" : ""}"
      autocomplete="off"
      autocapitalize="characters"
      autocorrect="off"
      spellcheck="false"
      placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
      aria-invalid=${invalid ? "true" : "false"}
      aria-describedby=${invalid ? `${p.id}-error ${p.id}-hint` : `${p.id}-hint`}
      ?data-autofocus=${p.autofocus ?? false}
      @input=${(e: Event) => {
        showCapitals(e);
        p.onInput();
      }}
    />
    <div id="${p.id}-error" class="invalid-feedback">${invalid ? p.error : ""}</div>
    <div id="${p.id}-hint" class="form-text">${p.hint}</div>`;
}
