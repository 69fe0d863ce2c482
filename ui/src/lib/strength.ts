// Why: a quick offline password-strength estimate for the create form's meter; pure so its judgements are unit tested.
//
// It is a guide for the person, not a gate: the Rust side enforces the policy. The estimate is an entropy-style
// score where characters that add little to an attacker's search (repeats, runs like "abcd" or "4321", keyboard
// rows, a repeated block, a well-known password with a few digits stuck on) are counted at a fraction of their length.

import { COMMON_PASSWORDS } from "./common-passwords";

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  score: StrengthScore;
  /** "Weak" | "Fair" | "Good" | "Strong" (0 and 1 are both "Weak"); empty for an empty password. */
  label: string;
  /** Estimated bits of guessing work; exposed for tests and tuning. */
  bits: number;
  /** The most useful single piece of advice, if any. */
  warning: string | null;
}

const LABELS = ["Weak", "Weak", "Fair", "Good", "Strong"] as const;

/** Score thresholds in bits: below 28 is 0, below 40 is 1, below 60 is 2, below 80 is 3, otherwise 4. */
const THRESHOLDS = [28, 40, 60, 80] as const;

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop", "yxcvbnm"];

/** Undo the usual "l33t" substitutions so "P@ssw0rd" is recognised as "password". */
export function unleet(text: string): string {
  const map: Record<string, string> = { "@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t", "+": "t" };
  return Array.from(text.toLowerCase(), (c) => map[c] ?? c).join("");
}

/** Whether the password is, or is a well-known password decorated with a few digits/symbols. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const candidates = new Set([lower, unleet(lower)]);
  for (const c of [...candidates]) {
    // "password123!", "dragon2024": strip up to four trailing digits/symbols, and the same at the front.
    candidates.add(c.replace(/[\d\W_]{1,4}$/u, ""));
    candidates.add(c.replace(/^[\d\W_]{1,4}/u, ""));
  }
  for (const c of candidates) if (c.length > 0 && COMMON_PASSWORDS.has(c)) return true;
  return false;
}

/** Size of the alphabet an attacker would need to try, from the character classes present. */
export function charsetSize(password: string): number {
  let size = 0;
  if (/[a-z]/u.test(password)) size += 26;
  if (/[A-Z]/u.test(password)) size += 26;
  if (/\d/u.test(password)) size += 10;
  if (/[ -/:-@[-`{-~]/u.test(password)) size += 33; // printable ASCII punctuation and space
  if (/[^\x00-\x7f]/u.test(password)) size += 100; // anything beyond ASCII: accents, other scripts, emoji
  return Math.max(size, 1);
}

function isKeyboardStep(a: string, b: string): boolean {
  const pair = (a + b).toLowerCase();
  return KEYBOARD_ROWS.some((row) => row.includes(pair) || [...row].reverse().join("").includes(pair));
}

interface Effective {
  length: number;
  repeats: number;
  sequences: number;
}

/**
 * Length as an attacker experiences it: a character that repeats the previous one, or continues a run
 * (alphabetical, numeric or along a keyboard row) counts for a quarter.
 */
export function effectiveLength(password: string): Effective {
  const chars = Array.from(password);
  let length = 0;
  let repeats = 0;
  let sequences = 0;
  let prevDelta: number | null = null;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const p = i > 0 ? (chars[i - 1] as string) : undefined;
    if (p === undefined) {
      length += 1;
      continue;
    }
    const delta = (c.codePointAt(0) ?? 0) - (p.codePointAt(0) ?? 0);
    if (delta === 0) {
      repeats += 1;
      length += 0.25;
    } else if ((Math.abs(delta) === 1 && (prevDelta === null || prevDelta === delta)) || isKeyboardStep(p, c)) {
      sequences += 1;
      length += 0.25;
    } else {
      length += 1;
    }
    prevDelta = delta;
  }
  return { length, repeats, sequences };
}

/** The shortest block that, repeated, makes up the whole password ("abcabcabc" → "abc"); the password itself if none. */
export function repeatedUnit(password: string): string {
  const chars = Array.from(password);
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join("");
    if (unit.repeat(chars.length / size) === password) return unit;
  }
  return password;
}

function scoreFromBits(bits: number): StrengthScore {
  let score = 0;
  for (const t of THRESHOLDS) if (bits >= t) score++;
  return score as StrengthScore;
}

/** Estimate how hard `password` is to guess, from 0 (trivial) to 4 (strong). */
export function estimateStrength(password: string): Strength {
  if (password.length === 0) return { score: 0, label: "", bits: 0, warning: null };

  if (isCommonPassword(password)) {
    return { score: 0, label: LABELS[0], bits: 0, warning: "This is one of the most common passwords." };
  }

  const unit = repeatedUnit(password);
  const eff = effectiveLength(unit);
  // A repeated block adds only a little: the attacker tries "the block, n times" early on.
  const repetitions = Array.from(password).length / Array.from(unit).length;
  const length = eff.length + (repetitions > 1 ? Math.log2(repetitions) : 0);
  const bits = length * Math.log2(charsetSize(password));
  const score = scoreFromBits(bits);

  let warning: string | null = null;
  const chars = Array.from(password).length;
  if (repetitions > 1) warning = "Repeated blocks like “abcabc” are easy to guess.";
  else if (eff.sequences >= 2 && eff.sequences >= chars / 3) warning = "Runs like “abcd”, “4321” or “qwerty” are easy to guess.";
  else if (eff.repeats >= 2 && eff.repeats >= chars / 3) warning = "Repeated characters are easy to guess.";
  else if (score < 3 && charsetSize(password) <= 26) warning = "Longer is better: try a few unrelated words.";
  return { score, label: LABELS[score], bits, warning };
}
