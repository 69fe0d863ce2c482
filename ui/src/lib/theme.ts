// Why: the pure rules for themes (which choice comes next, what it resolves to, how it is named), kept apart from the DOM so they can be tested.
import type { Theme } from "../api/bindings/Theme";

/** What `<html data-bs-theme>` can actually be: Bootstrap knows only these two. */
export type EffectiveTheme = "light" | "dark";

/** The order the toggle walks through; it wraps around. */
export const THEME_CYCLE: readonly Theme[] = ["system", "light", "dark"];

/** The choice after `current` when the person presses the toggle: system → light → dark → system. */
export function nextTheme(current: Theme): Theme {
  const i = THEME_CYCLE.indexOf(current);
  // An unknown value (say, a newer backend) restarts the cycle instead of getting stuck.
  return THEME_CYCLE[(i + 1) % THEME_CYCLE.length] ?? "system";
}

/** The theme to paint with: the explicit choice, or the OS preference when the choice is "system". */
export function resolveTheme(choice: Theme, osPrefersDark: boolean): EffectiveTheme {
  switch (choice) {
    case "light":
      return "light";
    case "dark":
      return "dark";
    case "system":
      return osPrefersDark ? "dark" : "light";
  }
}

/** The theme the page shows, from `<html data-bs-theme>` as main.ts sets it (anything but "dark" is light). */
export function appliedTheme(attribute: string | null | undefined): EffectiveTheme {
  return attribute === "dark" ? "dark" : "light";
}

/** Whether a value received from outside is one of our theme choices. */
export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEME_CYCLE as readonly string[]).includes(value);
}

/** Human name of a choice, used in the toggle's accessible label. */
export function themeLabel(choice: Theme): string {
  switch (choice) {
    case "system":
      return "System";
    case "light":
      return "Light";
    case "dark":
      return "Dark";
  }
}

/** Bootstrap Icons class for a choice: half circle = follows the computer, sun, moon. */
export function themeIcon(choice: Theme): string {
  switch (choice) {
    case "system":
      return "bi-circle-half";
    case "light":
      return "bi-sun";
    case "dark":
      return "bi-moon-stars";
  }
}
