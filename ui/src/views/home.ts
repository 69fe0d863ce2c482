// Why: the app frame after unlock: navbar plus an honest, welcoming home (no fake data) built from `home_overview`.
import { html, nothing, type TemplateResult } from "lit-html";
import { homeOverview, isAppError, type AppError, type HomeOverview, type SessionInfo } from "../api";
import { navbar } from "../components/navbar";

import type { Host, ScreenView } from "./host";

export interface HomeScreen extends ScreenView {
  /** Shown when `lock()` itself failed, so the person knows the profile is still open. */
  showLockError(message: string): void;
  setLocking(locking: boolean): void;
}

export function homeScreen(host: Host, session: SessionInfo): HomeScreen {
  const profile = session.profile;
  let overview: HomeOverview | null = null;
  let loadError: AppError | null = null;
  let lockError: string | null = null;
  let locking = false;

  const load = async () => {
    try {
      const now = new Date();
      const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
      overview = await homeOverview(today);
      loadError = null;
    } catch (error) {
      if (isAppError(error, "locked")) {
        // The shell locked underneath us (e.g. auto-lock raced this call): go where the person can unlock again.
        host.showUnlock(profile.id, "This profile was locked.");
        return;
      }
      loadError = isAppError(error) ? error : { code: "internal", message: "Coffer could not open this profile." };
    }
    host.refresh();
  };

  const fact = (icon: string, title: string, body: TemplateResult | string): TemplateResult =>
    html`<li class="fact">
      <span class="fact-icon"><i class="bi ${icon}" aria-hidden="true"></i></span>
      <div><div class="fact-title">${title}</div><div class="fact-body">${body}</div></div>
    </li>`;

  const recorded = (): TemplateResult => {
    if (overview === null) return html`<span class="placeholder-glow"><span class="placeholder col-6"></span></span>`;
    return html`<span id="home-expense-count">${overview.expenseCount}</span>`;
  };

  return {
    name: "home",
    mounted() {
      void load();
    },
    showLockError(message: string) {
      lockError = message;
      locking = false;
      host.refresh();
    },
    setLocking(value: boolean) {
      locking = value;
      host.refresh();
    },
    template() {
      const name = overview?.profileName ?? profile.name;
      return html`${navbar({
          profile,
          themeToggle: host.themeToggle("btn-icon-nav"),
          lockLabel: host.lockShortcut(),
          locking,
          onLock: () => host.lock(),
        })}
        <div class="container-lg app-main">
          <section id="home" aria-labelledby="home-title" aria-busy=${overview === null && loadError === null ? "true" : "false"}>
            <header class="home-header">
              <h1 id="home-title" class="home-title" tabindex="-1">Welcome, ${name}</h1>
              <p class="home-lead">Your profile is unlocked and ready.</p>
            </header>
            ${lockError === null
              ? nothing
              : html`<div id="lock-error" class="alert alert-danger" role="alert">
                  Coffer could not lock this profile: ${lockError}
                </div>`}
            ${loadError === null
              ? nothing
              : html`<div id="home-error" class="alert alert-danger" role="alert">${loadError.message}</div>`}
            <div class="home-grid">
              <div class="card home-card">
                <div class="card-body">
                  <h2 class="card-heading"><i class="bi bi-shield-check" aria-hidden="true"></i>Your profile</h2>
                  <ul class="facts">
                    ${fact("bi-unlock", "Unlocked", html`Lock it when you step away: <kbd>${host.lockShortcut()}</kbd> or the Lock button.`)}
                    ${fact("bi-shield-lock", "Encrypted on this computer", "Only your password opens this profile's data. Nothing leaves this computer.")}
                    ${fact("bi-receipt", "Expenses recorded", recorded())}
                  </ul>
                </div>
              </div>
              <div class="card home-card home-next">
                <div class="card-body">
                  <div class="next-art" aria-hidden="true">
                    <i class="bi bi-receipt"></i><i class="bi bi-pie-chart"></i><i class="bi bi-bar-chart-line"></i>
                  </div>
                  <h2 class="card-heading justify-content-center">Nothing here yet</h2>
                  <p class="next-text">Expenses, budgets and reports will live here.</p>
                </div>
              </div>
            </div>
          </section>
        </div>`;
    },
  };
}
