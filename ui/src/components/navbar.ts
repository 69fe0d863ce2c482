// Why: the app frame's top bar once a profile is unlocked: brand, the screens, who is unlocked, theme, and the always-visible Lock.
import { html, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import type { ProfileSummary } from "../api";
import type { AppScreenName } from "../views/host";
import { avatar } from "./avatar";
import { brand } from "./logo";

export interface NavbarProps {
  profile: ProfileSummary;
  themeToggle: TemplateResult;
  lockLabel: string;
  locking: boolean;
  onLock: () => void;
  current: AppScreenName;
  onNavigate: (to: AppScreenName) => void;
}

const LINKS: readonly { to: AppScreenName; label: string; icon: string }[] = [
  { to: "home", label: "Home", icon: "bi-house" },
  { to: "expenses", label: "Expenses", icon: "bi-receipt" },
  { to: "categories", label: "Categories", icon: "bi-tags" },
];

export function navbar(p: NavbarProps): TemplateResult {
  // On narrow windows the links keep their icon and lose their text (still their accessible name), so nothing wraps.
  const link = (l: (typeof LINKS)[number]) => {
    const active = l.to === p.current;
    return html`<li class="nav-item">
      <a
        id="nav-${l.to}"
        class="nav-link app-nav-link ${active ? "active" : ""}"
        href="#${l.to}"
        title=${l.label}
        aria-current=${ifDefined(active ? "page" : undefined)}
        @click=${(e: MouseEvent) => {
          e.preventDefault();
          p.onNavigate(l.to);
        }}
      >
        <i class="bi ${l.icon}" aria-hidden="true"></i>
        <span class="app-nav-text">${l.label}</span>
      </a>
    </li>`;
  };
  return html`<nav id="app-navbar" class="navbar app-navbar sticky-top" aria-label="Coffer">
    <div class="container-lg app-navbar-inner">
      <span class="navbar-brand">${brand("sm")}</span>
      <ul class="nav app-nav me-auto">
        ${LINKS.map(link)}
      </ul>
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
