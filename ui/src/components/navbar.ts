// Why: the app frame's top bar once a profile is unlocked: brand, who is unlocked, theme, and the always-visible Lock.
import { html, type TemplateResult } from "lit-html";
import type { ProfileSummary } from "../api";
import { avatar } from "./avatar";
import { brand } from "./logo";

export interface NavbarProps {
  profile: ProfileSummary;
  themeToggle: TemplateResult;
  lockLabel: string;
  locking: boolean;
  onLock: () => void;
}

export function navbar(p: NavbarProps): TemplateResult {
  return html`<nav id="app-navbar" class="navbar app-navbar sticky-top" aria-label="Coffer">
    <div class="container-lg app-navbar-inner">
      <span class="navbar-brand me-auto">${brand("sm")}</span>
      <div class="nav-profile" title="Unlocked profile">
        ${avatar(p.profile, "sm")}
        <span id="nav-profile-name" class="nav-profile-name">${p.profile.name}</span>
      </div>
      ${p.themeToggle}
      <button
        id="lock-btn"
        type="button"
        class="btn btn-lock"
        ?disabled=${p.locking}
        aria-keyshortcuts=${p.lockLabel === "Ctrl+L" ? "Control+L" : "Meta+L"}
        title="Lock this profile (${p.lockLabel})"
        @click=${p.onLock}
      >
        <i class="bi bi-lock-fill" aria-hidden="true"></i>
        <span class="btn-lock-text">Lock</span>
        <kbd class="btn-lock-kbd">${p.lockLabel}</kbd>
      </button>
    </div>
  </nav>`;
}
