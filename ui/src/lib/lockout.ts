// Why: the wait after repeated wrong passwords or recovery codes, as the unlock and Settings screens show it: what is left of Rust's `lockedUntil` (Unix seconds) by the browser's clock, written m:ss, and a timer that redraws each second and stops when the wait is over or the screen goes.

/** Whole seconds left until `lockedUntil` at `nowMs`, rounded up (so "0:00" never shows while still waiting); 0 when there is no wait. */
export function secondsLeft(lockedUntil: number | null, nowMs: number): number {
  if (lockedUntil === null || !Number.isFinite(lockedUntil)) return 0;
  const ms = lockedUntil * 1000 - nowMs;
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Whether unlocking must wait at `nowMs`: `lockedUntil` stays set in the past until the next right attempt. */
export function isLockedOut(lockedUntil: number | null, nowMs: number): boolean {
  return secondsLeft(lockedUntil, nowMs) > 0;
}

/** A wait as a clock shows it: "0:27", "4:05", and with hours once there is one: "1:00:00". */
export function formatCountdown(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}

/** The sentence the lockout alert reads as (its time part is drawn separately so that it can tick quietly). */
export function lockoutText(seconds: number): string {
  return `${LOCKOUT_LEAD}${formatCountdown(seconds)}.`;
}

export const LOCKOUT_LEAD = "Too many wrong attempts. Try again in ";

export interface LockoutClock {
  /** Starts the wait from a profile's `lockedUntil` (or ends it: null, or a time already past). Does not redraw. */
  set(lockedUntil: number | null): void;
  /** The `lockedUntil` being waited for; null when there is no wait. */
  until(): number | null;
  /** Whole seconds left (0 when there is no wait). */
  secondsLeft(): number;
  active(): boolean;
  /** Stops the timer for good (the screen is leaving); a later `set` does nothing. */
  dispose(): void;
}

/**
 * `refresh` redraws the owner each time the shown seconds change and once when the wait ends; `ended` runs after that
 * last redraw. `now` is the clock (Date.now), replaceable in tests.
 */
export function createLockoutClock(refresh: () => void, ended: () => void = () => undefined, now: () => number = () => Date.now()): LockoutClock {
  let until: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  // Wakes when the shown number of seconds changes: at the next whole second before `until`.
  const schedule = (leftMs: number) => {
    timer = setTimeout(tick, leftMs % 1000 || 1000);
  };
  const tick = () => {
    timer = undefined;
    if (until === null) return;
    const leftMs = until * 1000 - now();
    if (leftMs <= 0) {
      until = null;
      refresh();
      ended();
      return;
    }
    refresh();
    schedule(leftMs);
  };

  return {
    set(lockedUntil) {
      stop();
      if (disposed) return;
      until = isLockedOut(lockedUntil, now()) ? lockedUntil : null;
      if (until !== null) schedule(until * 1000 - now());
    },
    until: () => until,
    secondsLeft: () => secondsLeft(until, now()),
    active: () => secondsLeft(until, now()) > 0,
    dispose() {
      disposed = true;
      until = null;
      stop();
    },
  };
}
