// Why: the Settings screen's "Locking" section: when Coffer locks this profile by itself — after the house rules' idle minutes, and (the profile's own choice) as soon as the window is minimised or hidden.
import { html } from "lit-html";
import { privacySettings, setLockWhenHidden, type PrivacySettings } from "../api";
import { iconAlert } from "../components/icon-alert";
import { sectionCard, type SectionContext, type SettingsSection } from "./settings-section";

/** "5 minutes", "1 minute". */
export function minutesText(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function lockingSection(ctx: SectionContext): SettingsSection {
  const { host, frame } = ctx;
  let settings: PrivacySettings | null = null;
  let busy = false;
  let error: string | null = null;

  const load = async () => {
    try {
      settings = await privacySettings();
    } catch (e) {
      const failure = frame.fail(e);
      if (failure === null) return;
      error = failure.message;
    }
    host.refresh();
  };

  const toggle = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    if (busy || settings === null) return;
    busy = true;
    error = null;
    host.refresh();
    try {
      settings = await setLockWhenHidden(input.checked);
      frame.toast.show(settings.lockWhenHidden ? "Coffer will lock when its window is minimised or hidden." : "Coffer stays unlocked when its window is minimised.");
    } catch (failureRaw) {
      const failure = frame.fail(failureRaw);
      if (failure === null) return;
      error = failure.message;
      input.checked = settings.lockWhenHidden; // the change did not happen
    }
    busy = false;
    host.refresh();
    document.getElementById("lock-when-hidden")?.focus();
  };

  return {
    template() {
      const minutes = settings === null ? null : minutesText(settings.autoLockMinutes);
      return sectionCard(
        "settings-locking",
        "bi-lock",
        "Locking",
        html`Locking closes <strong>${ctx.session.profile.name}</strong> and wipes its key from memory; your password opens it again.
        You can lock at any time with Lock or ${host.lockShortcut()}.`,
        html`${iconAlert({ id: "locking-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: error })}
          <p id="auto-lock-text" class="mb-3">
            <i class="bi bi-hourglass-split me-2" aria-hidden="true"></i>${minutes === null
              ? "Reading the house rules…"
              : html`Coffer locks after <strong>${minutes}</strong> without input. Your household's admin sets this for everyone.`}
          </p>
          <div class="form-check form-switch">
            <input
              class="form-check-input"
              type="checkbox"
              role="switch"
              id="lock-when-hidden"
              .checked=${settings?.lockWhenHidden ?? false}
              ?disabled=${busy || settings === null}
              aria-describedby="lock-when-hidden-help"
              @change=${toggle}
            />
            <label class="form-check-label" for="lock-when-hidden">Lock when Coffer is minimised or hidden</label>
            <div id="lock-when-hidden-help" class="form-text">
              For a shared screen: nobody finds your money open behind another window. Only this profile is affected.
            </div>
          </div>`,
      );
    },
    mounted() {
      void load();
    },
  };
}
