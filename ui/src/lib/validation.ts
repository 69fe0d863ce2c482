// Why: the profile and password forms' client-side checks (create, recover, change: instant, friendly); the Rust side stays authoritative and re-checks everything.
import type { PasswordPolicy } from "../api/bindings/PasswordPolicy";

/** Profile names are 1–40 characters after trimming (counted as Unicode code points, like Rust's `chars()`). */
export const NAME_MAX_CHARS = 40;

export interface CreateInput {
  name: string;
  password: string;
  confirm: string;
}

/** One message per field that has a problem; an empty object means the form may be submitted. */
export interface CreateErrors {
  name?: string;
  password?: string;
  confirm?: string;
}

/** Length the person sees, not UTF-16 units: "Zoë" is 3, an emoji is 1 code point (or a few for ZWJ sequences). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export function validateName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return "Enter a name for this profile.";
  if (charCount(trimmed) > NAME_MAX_CHARS) return `Use at most ${NAME_MAX_CHARS} characters.`;
  // Control characters cannot be typed by accident and would render invisibly.
  if (/\p{Cc}/u.test(trimmed)) return "The name contains characters that cannot be shown.";
  return null;
}

/** The policy's rule, phrased for the hint under the password field. */
export function passwordRule(policy: PasswordPolicy): string {
  return `At least ${policy.minLength} characters.`;
}

export function validatePassword(password: string, policy: PasswordPolicy): string | null {
  if (password.length === 0) return "Choose a password.";
  if (charCount(password) < policy.minLength) return `Use at least ${policy.minLength} characters.`;
  return null;
}

export function validateConfirm(password: string, confirm: string): string | null {
  if (confirm.length === 0) return "Type the password again.";
  if (confirm !== password) return "The passwords do not match.";
  return null;
}

/** A new password and its confirmation: the create form's, the recovery form's, Settings' change form's. */
export interface NewPasswordErrors {
  password?: string;
  confirm?: string;
}

export function validateNewPassword(password: string, confirm: string, policy: PasswordPolicy): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const problem = validatePassword(password, policy);
  // "Type it again" only makes sense once the password itself is acceptable; a real mismatch is always worth saying.
  const mismatch = problem === null || (confirm.length > 0 && confirm !== password) ? validateConfirm(password, confirm) : null;
  if (problem !== null) errors.password = problem;
  if (mismatch !== null) errors.confirm = mismatch;
  return errors;
}

export function validateCreate(input: CreateInput, policy: PasswordPolicy): CreateErrors {
  const errors: CreateErrors = validateNewPassword(input.password, input.confirm, policy);
  const name = validateName(input.name);
  if (name !== null) errors.name = name;
  return errors;
}

export function hasErrors(errors: CreateErrors): boolean {
  return errors.name !== undefined || errors.password !== undefined || errors.confirm !== undefined;
}

/** A name typed to confirm something that cannot be undone: exactly the name, case and spaces included, as Rust compares it. */
export function confirmsName(typed: string, name: string): boolean {
  return typed === name;
}
