// Why: the app frame's top bar once a profile is unlocked: brand, the screens, who is unlocked (a menu with Settings), theme, and the always-visible Lock.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import type { ProfileSummary } from "../api";
import { badgeLabel, badgeText, badgeWords } from "../lib/budgets";
import type { AppScreenName } from "../views/host";
import { avatar } from "./avatar";
import { brand } from "./logo";
import type { Menu } from "./menu";

export interface NavbarProps {
  profile: ProfileSummary;
  themeToggle: TemplateResult;
  lockLabel: string;
  locking: boolean;
  onLock: () => void;
  current: AppScreenName;
  onNavigate: (to: AppScreenName) => void;
  /** Budget alerts since the budgets screen was last opened; the Budgets link's badge. */
  budgetAlerts: number;
  /** The profile chip's menu (its state lives in the frame). */
  profileMenu: Menu;
}

const LINKS: readonly { to: Exclude<AppScreenName, "settings">; label: string; icon: string }[] = [
  { to: "home", label: "Home", icon: "bi-house" },
  { to: "expenses", label: "Expenses", icon: "bi-receipt" },
  { to: "budgets", label: "Budgets", icon: "bi-piggy-bank" },
  { to: "reports", label: "Reports", icon: "bi-pie-chart" },
  { to: "categories", label: "Categories", icon: "bi-tags" },
];

/**
 * Always in the page (with `data-count`), hidden and empty while there is nothing new. Its text is the number, then words
 * only screen readers get ("3 new budget alerts"), so the only digits in it are the count.
 */
function alertBadge(count: number): TemplateResult {
  return html`<span
    id="budgets-badge"
    class="badge rounded-pill text-bg-danger nav-badge ${count === 0 ? "d-none" : ""}"
    data-count=${count}
    title=${ifDefined(count === 0 ? undefined : badgeLabel(count))}
    >${count === 0 ? nothing : html`${badgeText(count)}<span class="visually-hidden"> ${badgeWords(count)}</span>`}</span
  >`;
}

/** Who is unlocked, as a menu button: Settings lives there (the screen has no link of its own). */
function profileChip(p: NavbarProps): TemplateResult {
  const onSettings = p.current === "settings";
  return p.profileMenu.template({
    id: "profile-menu-panel",
    buttonId: "profile-menu",
    buttonClass: `btn nav-profile ${onSettings ? "is-current" : ""}`,
    extraClass: "nav-profile-menu",
    title: `${p.profile.name}: profile menu`,
    label: html`${avatar(p.profile, "sm")}<span id="nav-profile-name" class="nav-profile-name">${p.profile.name}</span>`,
    panelLabel: "Profile",
    alignEnd: true,
    content: () => html`<button
      id="menu-settings"
      type="button"
      class="dropdown-item menu-item"
      aria-current=${ifDefined(onSettings ? "page" : undefined)}
      @click=${() => {
        p.profileMenu.close(false);
        p.onNavigate("settings");
      }}
    >
      <i class="bi bi-gear" aria-hidden="true"></i>
      <span class="menu-item-text"
        >Settings<span class="menu-item-note">${p.profile.role === "admin" ? "Password, recovery code, household" : "Password and recovery code"}</span></span
      >
    </button>`,
  });
}

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
        ${l.to === "budgets" ? alertBadge(p.budgetAlerts) : nothing}
      </a>
    </li>`;
  };
  return html`<nav id="app-navbar" class="navbar app-navbar sticky-top" aria-label="Coffer">
    <div class="container-lg app-navbar-inner">
      <span class="navbar-brand">${brand("sm")}</span>
      <ul class="nav app-nav me-auto">
        ${LINKS.map(link)}
      </ul>
      ${profileChip(p)}
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
