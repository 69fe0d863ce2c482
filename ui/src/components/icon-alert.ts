// Why: one look for the messages above the auth forms (errors and notices): an icon beside text, text only ever as text.
import { html, nothing, type TemplateResult } from "lit-html";

export interface IconAlert {
  id: string;
  /** Bootstrap contextual colour. */
  tone: "danger" | "primary";
  /** Bootstrap Icons class, e.g. `bi-lock-fill`. */
  icon: string;
  /** `alert` interrupts assistive technology; `status` waits its turn. */
  role: "alert" | "status";
  /** The message; nothing is rendered when it is null. */
  text: string | null;
}

export function iconAlert(a: IconAlert): TemplateResult | typeof nothing {
  if (a.text === null) return nothing;
  return html`<div id=${a.id} class="alert alert-${a.tone} d-flex gap-2" role=${a.role}>
    <i class="bi ${a.icon}" aria-hidden="true"></i><span>${a.text}</span>
  </div>`;
}
