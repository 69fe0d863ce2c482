// Why: the wait after repeated wrong attempts is read from Rust's `lockedUntil` and the browser's clock; the countdown must read m:ss (hours once there is one), never show 0:00 while still waiting, tick each second, end by itself, and stop when the screen goes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lockoutAlert } from "../src/components/lockout-alert";
import { createLockoutClock, formatCountdown, isLockedOut, lockoutText, secondsLeft } from "../src/lib/lockout";
import { toHtml } from "./lit-text";

describe("formatCountdown", () => {
  it("writes minutes and two-digit seconds", () => {
    expect(formatCountdown(27)).toBe("0:27");
    expect(formatCountdown(5)).toBe("0:05");
    expect(formatCountdown(60)).toBe("1:00");
    expect(formatCountdown(245)).toBe("4:05");
    expect(formatCountdown(3599)).toBe("59:59");
  });

  it("adds hours once there is one, with two-digit minutes", () => {
    expect(formatCountdown(3600)).toBe("1:00:00");
    expect(formatCountdown(3661)).toBe("1:01:01");
    expect(formatCountdown(7325)).toBe("2:02:05");
  });

  it("rounds part seconds up and never goes below zero", () => {
    expect(formatCountdown(26.2)).toBe("0:27");
    expect(formatCountdown(0)).toBe("0:00");
    expect(formatCountdown(-4)).toBe("0:00");
    expect(formatCountdown(Number.NaN)).toBe("0:00");
  });

  it("makes the alert's sentence", () => {
    expect(lockoutText(27)).toBe("Too many wrong attempts. Try again in 0:27.");
  });
});

describe("the wait from lockedUntil and now", () => {
  const until = 1_800_000_030; // Unix seconds

  it("counts whole seconds left, rounded up", () => {
    expect(secondsLeft(until, (until - 27) * 1000)).toBe(27);
    expect(secondsLeft(until, (until - 27) * 1000 + 400)).toBe(27);
    expect(secondsLeft(until, until * 1000 - 1)).toBe(1);
  });

  it("is over at lockedUntil, after it, and without one", () => {
    expect(secondsLeft(until, until * 1000)).toBe(0);
    expect(isLockedOut(until, until * 1000)).toBe(false);
    // Rust keeps a past lockedUntil until the next right attempt: it is no wait.
    expect(isLockedOut(until, (until + 600) * 1000)).toBe(false);
    expect(isLockedOut(null, 0)).toBe(false);
    expect(isLockedOut(until, (until - 1) * 1000)).toBe(true);
  });
});

describe("the lockout clock", () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_800_000_000_250; // a quarter second past a whole second
  });
  afterEach(() => vi.useRealTimers());

  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it("redraws as the shown seconds change and ends by itself", () => {
    const refresh = vi.fn();
    const ended = vi.fn();
    const clock = createLockoutClock(refresh, ended, () => now);
    const until = Math.floor(now / 1000) + 3; // 2.75 s away
    clock.set(until);
    expect(clock.active()).toBe(true);
    expect(clock.until()).toBe(until);
    expect(clock.secondsLeft()).toBe(3);
    expect(refresh).not.toHaveBeenCalled();

    advance(749);
    expect(refresh).not.toHaveBeenCalled();
    advance(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(clock.secondsLeft()).toBe(2);
    advance(1000);
    expect(clock.secondsLeft()).toBe(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(ended).not.toHaveBeenCalled();
    advance(1000);
    expect(clock.active()).toBe(false);
    expect(clock.until()).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(ended).toHaveBeenCalledTimes(1);
    advance(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("ignores a wait that is already over", () => {
    const refresh = vi.fn();
    const clock = createLockoutClock(refresh, undefined, () => now);
    clock.set(Math.floor(now / 1000) - 10);
    expect(clock.active()).toBe(false);
    expect(clock.until()).toBeNull();
    advance(10_000);
    expect(refresh).not.toHaveBeenCalled();
  });

  it("stops for good when the screen goes", () => {
    const refresh = vi.fn();
    const clock = createLockoutClock(refresh, undefined, () => now);
    clock.set(Math.floor(now / 1000) + 30);
    clock.dispose();
    advance(60_000);
    expect(refresh).not.toHaveBeenCalled();
    // A late answer (a snapshot read after leaving) starts nothing.
    clock.set(Math.floor(now / 1000) + 30);
    expect(clock.active()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("replaces the wait it counts down", () => {
    const clock = createLockoutClock(() => undefined, undefined, () => now);
    clock.set(Math.floor(now / 1000) + 30);
    clock.set(Math.floor(now / 1000) + 60);
    expect(clock.secondsLeft()).toBe(60);
    expect(vi.getTimerCount()).toBe(1);
    clock.set(null);
    expect(clock.active()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the lockout alert", () => {
  it("carries the time it waits for and reads as one sentence", () => {
    const out = toHtml(lockoutAlert("unlock-lockout", 1_800_000_030, 27));
    expect(out).toContain("id=unlock-lockout");
    expect(out).toContain("data-until=1800000030");
    expect(out).toContain('role="alert"');
    // Its text, as textContent gives it: exactly the sentence.
    expect(out.replace(/<[^>]*>/gu, "")).toBe("Too many wrong attempts. Try again in 0:27.");
  });

  it("is not there without a wait", () => {
    expect(toHtml(lockoutAlert("unlock-lockout", null, 0))).toBe("");
  });
});
