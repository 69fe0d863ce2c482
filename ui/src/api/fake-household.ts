// Why: the dev fake's household administration — who is an admin, removing a profile after its name is typed, ending a wait, the house rules — following the vault's rules and order of checks (vault.rs, types.rs, admin_ops.rs), so that the Settings screen's Household section and the picker can be built and tried in a browser.
import type { Household } from "./bindings/Household";
import type { PolicyView } from "./bindings/PolicyView";
import type { ProfileSummary } from "./bindings/ProfileSummary";
import type { Role } from "./bindings/Role";
import type { FakeKeys } from "./fake-auth";
import { fail } from "./fake-ledger";

/** The house rules of a new data directory (Policy::default). */
export const DEFAULT_POLICY: PolicyView = {
  minPasswordLength: 10,
  autoLockMinutes: 5,
  membersMayCreateProfiles: true,
  notificationsByDefault: true,
};

/** Policy::MIN_PASSWORD_LENGTHS and Policy::AUTO_LOCK_MINUTES. */
export const MIN_PASSWORD_LENGTHS = { min: 8, max: 128 } as const;
export const AUTO_LOCK_MINUTES = { min: 1, max: 240 } as const;

/** A profile as the household sees it: its summary (without the wait, which its keys know) and its keys. */
export interface HouseholdEntry {
  summary: Omit<ProfileSummary, "lockedUntil">;
  keys: FakeKeys;
}

/** Why these rules cannot be set, in Rust's words (Policy::problem), or null when they can. */
export function policyProblem(p: PolicyView): string | null {
  const within = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;
  if (!within(p.minPasswordLength, MIN_PASSWORD_LENGTHS)) {
    return `a minimum password length must be ${MIN_PASSWORD_LENGTHS.min} to ${MIN_PASSWORD_LENGTHS.max} characters`;
  }
  if (!within(p.autoLockMinutes, AUTO_LOCK_MINUTES)) {
    return `auto-lock must be after ${AUTO_LOCK_MINUTES.min} to ${AUTO_LOCK_MINUTES.max} minutes`;
  }
  return null;
}

/**
 * The profiles (the fake's own array, shared: a removal takes the entry out of it) and the house rules. Every admin
 * operation takes the unlocked profile's id, or null when none is unlocked (`locked`), and checks first that it is an
 * admin now (`forbidden`), as AppState::admin does before anything else.
 */
export class FakeHousehold<P extends HouseholdEntry> {
  policy: PolicyView;

  constructor(
    private readonly profiles: P[],
    policy: PolicyView = DEFAULT_POLICY,
  ) {
    this.policy = { ...policy };
  }

  /** Whether the picker may create a profile: always for the first one, later only while the rules let members. */
  creationOpen(): boolean {
    return this.profiles.length === 0 || this.policy.membersMayCreateProfiles;
  }

  /** The refusal of `create_profile` at the picker when only an admin may create profiles. */
  checkCreationOpen(): void {
    if (!this.creationOpen()) fail("creation_closed", "Only an admin can create profiles on this computer. Ask an admin to create one for you.");
  }

  /** The name as it will be stored (trimmed), after the vault's checks: its length, then that no other profile has it, then the password's length. */
  checkNewProfile(name: string, password: string): string {
    const trimmed = name.trim();
    if (trimmed === "" || Array.from(trimmed).length > 40) fail("invalid_name", "A profile name has 1 to 40 characters.");
    if (this.profiles.some((p) => p.summary.name.toLowerCase() === trimmed.toLowerCase())) fail("duplicate_name", "Another profile already has this name.");
    const min = this.policy.minPasswordLength;
    if (Array.from(password).length < min) fail("weak_password", `The password needs at least ${min} characters.`);
    return trimmed;
  }

  /** `actor` when it is an admin now; `locked` or `forbidden` otherwise. */
  requireAdmin(actor: string | null): string {
    if (actor === null) fail("locked", "No profile is unlocked.");
    const entry = this.profiles.find((p) => p.summary.id === actor);
    if (entry === undefined || entry.summary.damaged !== null || entry.summary.role !== "admin") fail("forbidden", "Only an admin can do that.");
    return actor;
  }

  /** Every profile and the rules, as `household()` answers them to `actor`. */
  view(actor: string): Household {
    return {
      profiles: this.profiles.map((p) => ({ profile: { ...p.summary, lockedUntil: p.keys.lockedUntil() }, isYou: p.summary.id === actor })),
      policy: { ...this.policy },
    };
  }

  household(actor: string | null): Household {
    return this.view(this.requireAdmin(actor));
  }

  /** Removes `id` once its name was typed exactly; never the last admin, never the actor's own profile. */
  remove(actor: string | null, id: string, confirmName: string): Household {
    const admin = this.requireAdmin(actor);
    if (admin === id) fail("forbidden", "You cannot remove the profile you are using. Lock it and ask another admin.");
    const index = this.profiles.findIndex((p) => p.summary.id === id);
    const entry = this.profiles[index] ?? fail("unknown_profile", "This profile does not exist (any more).");
    const { name } = entry.summary;
    if (confirmName !== name) fail("confirmation_mismatch", `To remove this profile, type its name exactly as shown: “${name}”.`);
    // A damaged entry's role cannot be trusted: it counts as a member (vault.rs).
    const isAdmin = entry.summary.damaged === null && entry.summary.role === "admin";
    if (isAdmin && this.adminCount() <= 1) fail("last_admin", LAST_ADMIN);
    this.profiles.splice(index, 1);
    return this.view(admin);
  }

  setRole(actor: string | null, id: string, role: Role): Household {
    const admin = this.requireAdmin(actor);
    const entry = this.profiles.find((p) => p.summary.id === id && p.summary.damaged === null) ?? fail("unknown_profile", "This profile does not exist (any more).");
    if (entry.summary.role === "admin" && role === "member" && this.adminCount() <= 1) fail("last_admin", LAST_ADMIN);
    entry.summary.role = role;
    return this.view(admin);
  }

  resetLockout(actor: string | null, id: string): Household {
    const admin = this.requireAdmin(actor);
    const entry = this.profiles.find((p) => p.summary.id === id) ?? fail("unknown_profile", "This profile does not exist (any more).");
    entry.keys.resetLockout();
    return this.view(admin);
  }

  setPolicy(actor: string | null, policy: PolicyView): Household {
    const admin = this.requireAdmin(actor);
    const problem = policyProblem(policy);
    if (problem !== null) fail("invalid_policy", `These rules cannot be set: ${problem}.`);
    this.policy = {
      minPasswordLength: policy.minPasswordLength,
      autoLockMinutes: policy.autoLockMinutes,
      membersMayCreateProfiles: policy.membersMayCreateProfiles,
      notificationsByDefault: policy.notificationsByDefault,
    };
    return this.view(admin);
  }

  private adminCount(): number {
    return this.profiles.filter((p) => p.summary.damaged === null && p.summary.role === "admin").length;
  }
}

const LAST_ADMIN = "The last admin cannot be removed or made a member; make another profile an admin first.";
