// Why: the ONLY module that talks to the Rust shell (invoke + events); views call these typed functions and get `AppError` on failure.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen as tauriListen } from "@tauri-apps/api/event";
import type { AppSnapshot } from "./bindings/AppSnapshot";
import type { CreateProfileRequest } from "./bindings/CreateProfileRequest";
import type { HomeOverview } from "./bindings/HomeOverview";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Theme } from "./bindings/Theme";
import type { UnlockRequest } from "./bindings/UnlockRequest";
import { normaliseError } from "./errors";

export type { AppError } from "./bindings/AppError";
export type { AppSnapshot } from "./bindings/AppSnapshot";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { HomeOverview } from "./bindings/HomeOverview";
export type { PasswordPolicy } from "./bindings/PasswordPolicy";
export type { ProfileSummary } from "./bindings/ProfileSummary";
export type { Role } from "./bindings/Role";
export type { SessionInfo } from "./bindings/SessionInfo";
export type { Theme } from "./bindings/Theme";
export { isAppError, normaliseError } from "./errors";

/** Event the shell emits when it locks the session by itself (auto-lock after inactivity). */
export const SESSION_LOCKED_EVENT = "session-locked";

/** What the rest of this module needs from a backend: Tauri's, or the dev-only fake. */
export interface Backend {
  invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  listen(event: string, handler: () => void): Promise<() => void>;
}

/** Screen and profile a dev-only URL asks to start on (`?screen=unlock`); never set in production. */
export interface DevStart {
  screen: "picker" | "create" | "unlock" | "home" | null;
}

const tauriBackend: Backend = {
  invoke: (command, args) => tauriInvoke(command, args),
  listen: (event, handler) => tauriListen(event, () => handler()),
};

let backendPromise: Promise<Backend> | null = null;
let devStart: DevStart | null = null;

function backend(): Promise<Backend> {
  backendPromise ??= (async () => {
    // `import.meta.env.DEV` is a compile-time `false` in `vite build`, so this branch and fake.ts vanish from dist/.
    if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
      const fake = await import("./fake");
      const params = new URLSearchParams(window.location.search);
      devStart = fake.devStartFrom(params);
      return fake.createFakeBackend(params);
    }
    return tauriBackend;
  })();
  return backendPromise;
}

/** The dev-only start hint (see `DevStart`); `null` under Tauri and in production builds. */
export async function devStartHint(): Promise<DevStart | null> {
  await backend();
  return devStart;
}

// ----- busy tracking: `body[data-busy="true"]` while any call is in flight --------------------------------------

let inFlight = 0;
const busyListeners = new Set<(busy: boolean) => void>();

/** Be told when the first call starts and when the last one ends. */
export function onBusyChange(listener: (busy: boolean) => void): () => void {
  busyListeners.add(listener);
  return () => busyListeners.delete(listener);
}

function setInFlight(delta: 1 | -1): void {
  const wasBusy = inFlight > 0;
  inFlight += delta;
  const busy = inFlight > 0;
  if (busy !== wasBusy) for (const l of busyListeners) l(busy);
}

/** Calls a command; on failure rejects with a normalised `AppError` (never an `Error`, never a bare string). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  setInFlight(1);
  try {
    const b = await backend();
    return await b.invoke<T>(command, args);
  } catch (error) {
    throw normaliseError(error);
  } finally {
    setInFlight(-1);
  }
}

// ----- commands -----------------------------------------------------------------------------------------------

/** Everything the picker needs before anyone unlocks: profiles, password policy, theme, current session, version. */
export function appSnapshot(): Promise<AppSnapshot> {
  return call<AppSnapshot>("app_snapshot");
}

/** Creates a profile and unlocks it (the KDF runs, so this takes about half a second). */
export function createProfile(request: CreateProfileRequest): Promise<SessionInfo> {
  return call<SessionInfo>("create_profile", { request });
}

export function unlock(request: UnlockRequest): Promise<SessionInfo> {
  return call<SessionInfo>("unlock", { request });
}

export async function lock(): Promise<void> {
  await call<null>("lock");
}

export async function setTheme(theme: Theme): Promise<void> {
  await call<null>("set_theme", { theme });
}

/** Refused with code `locked` when no profile is unlocked. */
export function homeOverview(): Promise<HomeOverview> {
  return call<HomeOverview>("home_overview");
}

/**
 * Runs `callback` whenever the shell locks the session on its own. Returns a function that stops listening.
 * Listening needs the `core:event:allow-listen` permission in the window's capability.
 */
export async function onLocked(callback: () => void): Promise<() => void> {
  const b = await backend();
  return b.listen(SESSION_LOCKED_EVENT, callback);
}
