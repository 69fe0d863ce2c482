// Why: what the Settings screen's sections share — the section contract, what the screen hands each one, the card they are drawn in — so each section (password, recovery code, household) lives in its own module without knowing the others.
import { html, type TemplateResult } from "lit-html";
import type { Ref } from "lit-html/directives/ref.js";
import type { SessionInfo } from "../api";
import type { LockoutClock } from "../lib/lockout";
import type { Frame } from "./frame";
import type { Host } from "./host";

/** One section of the screen: a card (or a group of cards), and what it needs from the screen around it. */
export interface SettingsSection {
  template(): TemplateResult;
  /** The screen is up: start loading what it shows. */
  mounted?(): void;
  /** Its dialog is open (N and / must not act behind it). */
  dialogOpen?(): boolean;
  /** Esc on the screen (not in a dialog, which handles its own): close what it has open; true when it closed something. */
  escape?(): boolean;
  /** The screen is leaving: drop what it holds (a code on show, a timer). */
  leave?(): void;
}

/** What every section may use. */
export interface SectionContext {
  host: Host;
  frame: Frame;
  session: SessionInfo;
  /** The profile's wait after repeated wrong passwords: every section's submit waits too. */
  lockout: LockoutClock;
  /** After a refused attempt: the wait, from a fresh snapshot. True while it waits. */
  learnLockout(): Promise<boolean>;
}

/** Clears a password input: its value must not linger in the DOM once it has been used. */
export function wipe(input: Ref<HTMLInputElement>): void {
  if (input.value) input.value.value = "";
}

/**
 * A section's frame: its heading and why it matters beside (or, in a narrow window, above) its form. `level` 3 for a
 * card inside a group that has its own `h2` (the household's).
 */
export function sectionCard(id: string, icon: string, title: string, intro: TemplateResult, body: TemplateResult, level: 2 | 3 = 2): TemplateResult {
  const heading =
    level === 2
      ? html`<h2 id="${id}-title" class="card-heading"><i class="bi ${icon}" aria-hidden="true"></i>${title}</h2>`
      : html`<h3 id="${id}-title" class="card-heading"><i class="bi ${icon}" aria-hidden="true"></i>${title}</h3>`;
  return html`<section id=${id} class="card settings-card" aria-labelledby="${id}-title">
    <div class="card-body settings-card-body">
      <div class="settings-intro">
        ${heading}
        <p class="settings-text">${intro}</p>
      </div>
      <div class="settings-form">${body}</div>
    </div>
  </section>`;
}
