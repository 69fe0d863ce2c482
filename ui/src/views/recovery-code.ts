// Why: the screen between creating a profile and Home: its recovery code, shown this once (Coffer keeps no copy), until the person says it is saved.
import { html } from "lit-html";
import type { SessionInfo } from "../api";
import { createRecoveryCodePanel } from "../components/recovery-code";
import type { Host, ScreenView } from "./host";
import { authShell } from "./profiles";

/** `session` is the new profile, already unlocked; `code` is dropped on Continue or when the screen goes (auto-lock). */
export function recoveryCodeScreen(host: Host, session: SessionInfo, code: string): ScreenView {
  const panel = createRecoveryCodePanel({
    code,
    profileName: session.profile.name,
    replaced: false,
    continueLabel: "Continue to Coffer",
    refresh: () => host.refresh(),
    done: () => host.unlocked(session),
  });

  return {
    name: "recovery-code",
    template() {
      return authShell(
        host,
        html`<header class="auth-header auth-header-compact recovery-header">
            <span class="recovery-icon" aria-hidden="true"><i class="bi bi-key-fill"></i></span>
            <h1 class="auth-title" tabindex="-1">Save your recovery code</h1>
          </header>
          ${panel.body()} ${panel.continueButton("btn-lg w-100")}`,
        "recovery",
      );
    },
    unmounted: () => panel.forget(),
  };
}
