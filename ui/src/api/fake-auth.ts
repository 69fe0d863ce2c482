// Why: the dev fake's passwords, recovery codes and wait after wrong attempts, following the vault's rules (recovery.rs, lockout.rs, the order of checks in state.rs), so that the unlock, recovery and Settings screens can be built and tried in a browser — the countdown included, on the browser's clock.
import { fail } from "./fake-ledger";

/** Wrong attempts in a row that cost no wait; the next one waits 30 s, each further one twice as long, up to an hour. */
export const FREE_ATTEMPTS = 4;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 3600;

/** Crockford's base32, as recovery.rs writes codes. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS = 24;

/** The recovery code of the seeded profiles (print it on the dev screen, type it in the recovery form). */
export const DEMO_RECOVERY_CODE = "7K2Q-M9XD-0000-1111-ABCD-EFGH";

/** Rust's words for text that cannot be a recovery code (Error::InvalidRecoveryCode). */
export const INVALID_RECOVERY_CODE = "That is not a recovery code: it has 24 characters from 0-9 and A-Z (no I, L, O or U), in groups like 7K2Q-M9XD.";

/** How long to wait after `failures` wrong attempts in a row (lockout::delay_seconds). */
export function delaySeconds(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS - 1));
}

/** A wait in words, as Rust's message says it (lockout::wait_words). */
export function waitWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const parts = [
    [Math.floor(seconds / 3600), "hour"],
    [Math.floor((seconds % 3600) / 60), "minute"],
    [seconds % 60, "second"],
  ] as const;
  const words = parts.filter(([n]) => n > 0).map(([n, unit]) => plural(n, unit));
  return words.length === 0 ? "a moment" : words.join(" ");
}

/** A code as a person types it, normalised (24 characters, no dashes), or null when it is not one (RecoveryCode::parse). */
export function parseRecoveryCode(text: string): string | null {
  let code = "";
  for (const raw of text) {
    const c = raw.toUpperCase();
    if (c === " " || c === "-" || c === "\t") continue;
    const digit = c === "O" ? "0" : c === "I" || c === "L" ? "1" : c;
    if (!ALPHABET.includes(digit) || digit.length !== 1 || code.length === CODE_CHARS) return null;
    code += digit;
  }
  return code.length === CODE_CHARS ? code : null;
}

/** A normalised code in groups of four, as Rust sends it. */
export function groupCode(code: string): string {
  return (code.match(/.{1,4}/gu) ?? []).join("-");
}

/** A new random code, grouped (256 is a multiple of 32, so `byte % 32` is unbiased). */
export function randomRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_CHARS));
  return groupCode(Array.from(bytes, (b) => ALPHABET.charAt(b % 32)).join(""));
}

/** One profile's secrets and its count of wrong attempts; times are Unix seconds. */
export class FakeKeys {
  private failures = 0;
  private lastFailedAt: number | null = null;
  private code: string;

  constructor(
    private password: string,
    recoveryCode: string,
  ) {
    this.code = parseRecoveryCode(recoveryCode) ?? fail("internal", "The fake's recovery code is not one.");
  }

  /** The secrets as they are now, without the count of wrong attempts: what a backup keeps in its key slots. */
  copy(): FakeKeys {
    return new FakeKeys(this.password, groupCode(this.code));
  }

  /** Whether `password` is this one's, counting nothing (a backup's slot, whose profile may not even be here). */
  hasPassword(password: string): boolean {
    return password === this.password;
  }

  /** Whether the normalised `code` (see `parseRecoveryCode`) is this one's, counting nothing. */
  hasCode(code: string): boolean {
    return code === this.code;
  }

  /** Until when unlocking waits; stays set (in the past) until the next right attempt, as in the registry. */
  lockedUntil(): number | null {
    const delay = delaySeconds(this.failures);
    return delay > 0 && this.lastFailedAt !== null ? this.lastFailedAt + delay : null;
  }

  /** Makes the profile wait `seconds` from `now` (the dev knob `?lockout=`): the fewest mistakes that wait that long. */
  lockFor(seconds: number, now: number): void {
    const wait = Math.min(Math.max(1, Math.round(seconds)), MAX_DELAY_SECONDS);
    let failures = FREE_ATTEMPTS + 1;
    while (delaySeconds(failures) < wait) failures++;
    this.failures = failures;
    this.lastFailedAt = now + wait - delaySeconds(failures);
  }

  /** An admin ended the wait: the count of wrong attempts starts again from nothing (Vault::reset_lockout). */
  resetLockout(): void {
    this.failures = 0;
    this.lastFailedAt = null;
  }

  unlock(password: string, now: number): void {
    this.open(password === this.password, "wrong_password", "The password is not correct.", now);
  }

  /** Checks in Rust's order: the code's shape, the new password's length (neither counts as an attempt), the wait, the code. */
  recover(typedCode: string, newPassword: string, minLength: number, now: number): void {
    const code = parseRecoveryCode(typedCode);
    if (code === null) {
      fail("invalid_recovery_code", INVALID_RECOVERY_CODE);
    }
    checkLength(newPassword, minLength);
    this.open(code === this.code, "wrong_recovery_code", "The recovery code is not correct.", now);
    this.password = newPassword;
  }

  changePassword(current: string, next: string, minLength: number, now: number): void {
    checkLength(next, minLength);
    this.open(current === this.password, "wrong_password", "The password is not correct.", now);
    this.password = next;
  }

  /** Answers the new code, grouped; the old one stops working. */
  regenerate(password: string, now: number): string {
    this.open(password === this.password, "wrong_password", "The password is not correct.", now);
    const fresh = randomRecoveryCode();
    this.code = parseRecoveryCode(fresh) ?? fail("internal", "The fake made a code it cannot read.");
    return fresh;
  }

  /** Refused while waiting; a wrong secret is counted with its time, a right one resets the count (open_slot). */
  private open(right: boolean, wrong: "wrong_password" | "wrong_recovery_code", message: string, now: number): void {
    const until = this.lockedUntil();
    if (until !== null && until > now) fail("locked_out", `Too many wrong attempts. Try again in ${waitWords(until - now)}.`);
    if (!right) {
      this.failures++;
      this.lastFailedAt = now;
      fail(wrong, message);
    }
    this.failures = 0;
    this.lastFailedAt = null;
  }
}

function checkLength(password: string, minLength: number): void {
  if (Array.from(password).length < minLength) fail("weak_password", `The password needs at least ${minLength} characters.`);
}
