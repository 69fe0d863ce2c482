// Why: auto-lock must see input often enough to never lock someone who is working, yet the window must not call the shell on every mouse move.
import { describe, expect, it } from "vitest";
import { activityThrottle } from "../src/lib/activity";

describe("activityThrottle", () => {
  it("reports the first input at once, then at most once per interval", () => {
    let t = 0;
    const reports: number[] = [];
    const throttle = activityThrottle(() => reports.push(t), () => t, 1000);
    throttle.input();
    t = 10;
    throttle.input();
    t = 999;
    throttle.input();
    expect(reports).toEqual([0]);
    t = 1000;
    throttle.input();
    t = 1500;
    throttle.input();
    t = 2600;
    throttle.input();
    expect(reports).toEqual([0, 1000, 2600]);
  });

  it("reports nothing without input", () => {
    const reports: number[] = [];
    activityThrottle(() => reports.push(1), () => 5000);
    expect(reports).toEqual([]);
  });
});
