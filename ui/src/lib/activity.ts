// Why: input in the window postpones the shell's auto-lock; this decides, in one pure place, how often that is reported.

/** The DOM events that count as the person using the window. */
export const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;

/** How often, at most, input is reported (the shell's auto-lock is measured in minutes; its watcher looks once a second). */
export const ACTIVITY_REPORT_MS = 1000;

/** Calls `report` for the first input, then at most once every `everyMs` (by `now`, in milliseconds) however much input comes. */
export function activityThrottle(report: () => void, now: () => number, everyMs = ACTIVITY_REPORT_MS): { input(): void } {
  let last = Number.NEGATIVE_INFINITY;
  return {
    input() {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      report();
    },
  };
}
