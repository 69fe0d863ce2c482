// Why: the alert shown while a profile waits after repeated wrong passwords or codes: the sentence once for assistive technology, the m:ss in it ticking quietly (it is not re-announced every second).
import { html, nothing, type TemplateResult } from "lit-html";
import { formatCountdown, LOCKOUT_LEAD } from "../lib/lockout";

/**
 * Nothing while `until` is null. `data-until` carries the Unix seconds it waits for; its text reads
 * "Too many wrong attempts. Try again in 0:27." (no other whitespace, so `textContent` is exactly that).
 */
export function lockoutAlert(id: string, until: number | null, seconds: number): TemplateResult | typeof nothing {
  if (until === null) return nothing;
  return html`<div id=${id} class="alert alert-warning d-flex gap-2 lockout-alert" role="alert" aria-atomic="false" data-until=${until}><i class="bi bi-hourglass-split" aria-hidden="true"></i><span>${LOCKOUT_LEAD}<strong class="lockout-time" aria-live="off">${formatCountdown(seconds)}</strong>.</span></div>`;
}
