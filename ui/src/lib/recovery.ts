// Why: the words and small text helpers around recovery codes — display only: Rust alone reads a typed code (case, spaces and dashes do not matter to it) and says whether it is one.

/** Field message for `invalid_recovery_code`. */
export const RECOVERY_CODE_SHAPE_ERROR = "That is not a recovery code: 24 letters and digits in groups like 7K2Q-M9XD.";

/** Field message for `wrong_recovery_code`. */
export const WRONG_RECOVERY_CODE = "This recovery code does not open this profile. Check each group and try again.";

/** The toast on Home after a forgotten password was replaced with the recovery code. */
export const RECOVERED_NOTICE =
  "Password changed. Your recovery code still works — make a new one under Settings if someone may have seen it.";

/** What the recovery code field shows as the person types: ASCII letters as capitals. The length never changes, so the caret stays where it was. */
export function typedCodeDisplay(text: string): string {
  return text.replace(/[a-z]+/gu, (letters) => letters.toUpperCase());
}

/** One group of a code as shown, and whether a dash follows it. */
export interface CodeGroup {
  text: string;
  dash: boolean;
}

/**
 * A code as received (`7K2Q-M9XD-…`) cut at its dashes for display. Joining every group's text, with a dash where
 * `dash` says, gives the code back exactly — whatever Rust sends.
 */
export function codeGroups(code: string): CodeGroup[] {
  if (code === "") return [];
  const parts = code.split("-");
  return parts.map((text, i) => ({ text, dash: i < parts.length - 1 }));
}
