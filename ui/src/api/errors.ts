// Why: every failure that crosses IPC becomes one shape, `AppError {code, message}`, so views branch on `code` and nothing else.
import type { AppError } from "./bindings/AppError";
import type { ErrorCode } from "./bindings/ErrorCode";

/**
 * Every code the backend may send. Typed as a Record so that `tsc` fails when the generated `ErrorCode`
 * gains or loses a member and this list was not updated.
 */
const KNOWN_CODES: Record<ErrorCode, true> = {
  invalid_name: true,
  duplicate_name: true,
  weak_password: true,
  wrong_password: true,
  wrong_recovery_code: true,
  invalid_recovery_code: true,
  locked_out: true,
  forbidden: true,
  last_admin: true,
  confirmation_mismatch: true,
  invalid_policy: true,
  creation_closed: true,
  unknown_profile: true,
  damaged_profile: true,
  damaged_registry: true,
  tampered_ledger: true,
  not_a_backup: true,
  damaged_backup: true,
  backup_of_another_profile: true,
  data_dir: true,
  storage: true,
  invalid_date: true,
  invalid_amount: true,
  invalid_description: true,
  invalid_notes: true,
  invalid_payment_method: true,
  invalid_category: true,
  invalid_category_name: true,
  invalid_color: true,
  invalid_currency: true,
  invalid_filter: true,
  invalid_month: true,
  invalid_threshold: true,
  invalid_period: true,
  invalid_chart: true,
  import_unreadable: true,
  invalid_columns: true,
  ambiguous_dates: true,
  import_problems: true,
  nothing_to_import: true,
  unknown_import: true,
  import_cancelled: true,
  export_failed: true,
  unknown_category: true,
  unknown_expense: true,
  duplicate_category: true,
  category_in_use: true,
  last_category: true,
  nothing_to_undo: true,
  newer_ledger: true,
  damaged_ledger: true,
  locked: true,
  invalid_request: true,
  internal: true,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(KNOWN_CODES, value);
}

const FALLBACK_MESSAGE = "Something went wrong inside Coffer.";

function hasKey<K extends string>(value: object, key: K): value is Record<K, unknown> {
  return key in value;
}

/**
 * Turns anything a rejected promise may carry into an `AppError`:
 * a well-formed `{code, message}` passes through; an unknown code, a string (Tauri rejects with one when a
 * command is missing or its arguments do not deserialise), an `Error` or anything else becomes `internal`.
 */
export function normaliseError(error: unknown): AppError {
  if (typeof error === "object" && error !== null) {
    const message = hasKey(error, "message") && typeof error.message === "string" ? error.message : "";
    if (hasKey(error, "code") && isErrorCode(error.code)) {
      return { code: error.code, message: message || FALLBACK_MESSAGE };
    }
    return { code: "internal", message: message || FALLBACK_MESSAGE };
  }
  if (typeof error === "string" && error.trim() !== "") return { code: "internal", message: error };
  return { code: "internal", message: FALLBACK_MESSAGE };
}

/** Whether `error` is an `AppError` (already normalised by this module), optionally with one of the given codes. */
export function isAppError(error: unknown, ...codes: ErrorCode[]): error is AppError {
  if (typeof error !== "object" || error === null) return false;
  if (!hasKey(error, "code") || !isErrorCode(error.code)) return false;
  if (!hasKey(error, "message") || typeof error.message !== "string") return false;
  return codes.length === 0 || codes.includes(error.code);
}
