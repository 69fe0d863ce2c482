// Why: household administration must follow the vault's rules in the dev fake (admins only, never the last admin, a removal only with the exact name, the rules' ranges, creation closed at the picker), and the screens must show it safely: nothing of it to a member, a removal that waits for the exact name, names only ever as text, and a picker that offers "New profile" only when the house rules allow it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppSnapshot, CreatedMember, CreatedProfile, Household, HouseholdProfile, ProfileSummary, SessionInfo } from "../src/api";
import { createFakeBackend } from "../src/api/fake";
import { DEFAULT_POLICY, FakeHousehold, policyProblem, type HouseholdEntry } from "../src/api/fake-household";
import { DEMO_RECOVERY_CODE, FakeKeys } from "../src/api/fake-auth";
import { recoveryCodeBody } from "../src/components/recovery-code";
import type { Host } from "../src/views/host";
import { checkPolicyDraft, HOUSEHOLD_INTRO, isWaiting, removalConfirmed, waitEnd } from "../src/views/household";
import { pickerScreen } from "../src/views/profiles";
import { settingsScreen } from "../src/views/settings";
import { toHtml } from "./lit-text";
import { codeOf, recoveryProps, refusal, run, testHost, testProfile, useFakeBackendClock } from "./fixtures";
import { handler, hasId, listener, refOf, tagOf, textOf } from "./template-helpers";

// The screens call the api module; these stand in for the shell (each test says what they answer).
const api = vi.hoisted(() => ({
  household: vi.fn<() => Promise<Household>>(),
  createMember: vi.fn<(request: unknown) => Promise<CreatedMember>>(),
  removeProfile: vi.fn<(request: unknown) => Promise<Household>>(),
  setRole: vi.fn<(request: unknown) => Promise<Household>>(),
  resetLockout: vi.fn<(id: string) => Promise<Household>>(),
  setPolicy: vi.fn<(policy: unknown) => Promise<Household>>(),
}));
vi.mock("../src/api", async (original) => ({ ...(await original<typeof import("../src/api")>()), ...api }));

const T = 1_800_000_000; // Unix seconds
const PASSWORD = "coffer-demo";
const EVIL = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";


// ----- the fake's rules ---------------------------------------------------------------------------------------------------

function entry(id: string, name: string, role: "admin" | "member", damaged: string | null = null): HouseholdEntry {
  return { summary: { id, name, role, createdAt: 0, damaged }, keys: new FakeKeys(PASSWORD, DEMO_RECOVERY_CODE) };
}

describe("the fake household (vault.rs)", () => {
  it("refuses a member and a locked app before anything else", () => {
    const h = new FakeHousehold([entry("a", "Ann", "admin"), entry("b", "Bob", "member")]);
    expect(refusal(() => h.household("b"))).toBe("forbidden");
    expect(refusal(() => h.household(null))).toBe("locked");
    // Even a request that is wrong in other ways: forbidden comes first.
    expect(refusal(() => h.setPolicy("b", { ...DEFAULT_POLICY, minPasswordLength: 3 }))).toBe("forbidden");
    expect(refusal(() => h.remove("b", "a", "nope"))).toBe("forbidden");
    expect(refusal(() => h.setRole("b", "b", "admin"))).toBe("forbidden");
    expect(refusal(() => h.resetLockout("b", "a"))).toBe("forbidden");
    expect(h.household("a").profiles.map((p) => [p.profile.name, p.isYou])).toEqual([
      ["Ann", true],
      ["Bob", false],
    ]);
  });

  it("never leaves the household without an admin", () => {
    const h = new FakeHousehold([entry("a", "Ann", "admin"), entry("b", "Bob", "member"), entry("x", "Old", "admin", "Its key slot cannot be read.")]);
    // A damaged entry does not count as an admin.
    expect(refusal(() => h.setRole("a", "a", "member"))).toBe("last_admin");
    h.setRole("a", "b", "admin");
    expect(refusal(() => h.setRole("a", "a", "member"))).toBeNull();
    // Ann is a member now: she can do nothing more, and Bob is the last admin.
    expect(refusal(() => h.setRole("a", "b", "member"))).toBe("forbidden");
    expect(refusal(() => h.setRole("b", "b", "member"))).toBe("last_admin");
  });

  it("removes a profile only with its name typed exactly, and never the actor's own", () => {
    const h = new FakeHousehold([entry("a", "Ann", "admin"), entry("b", "Bob Smith", "member")]);
    expect(refusal(() => h.remove("a", "a", "Ann"))).toBe("forbidden");
    for (const typed of ["bob smith", "Bob  Smith", " Bob Smith", "Bob Smith ", "Bob", ""]) {
      expect(refusal(() => h.remove("a", "b", typed)), typed).toBe("confirmation_mismatch");
    }
    expect(refusal(() => h.remove("a", "zz", "Bob Smith"))).toBe("unknown_profile");
    expect(h.remove("a", "b", "Bob Smith").profiles.map((p) => p.profile.name)).toEqual(["Ann"]);
  });

  it("keeps the rules in their ranges", () => {
    const h = new FakeHousehold([entry("a", "Ann", "admin")]);
    const set = (more: Partial<typeof DEFAULT_POLICY>) => refusal(() => h.setPolicy("a", { ...DEFAULT_POLICY, ...more }));
    expect(set({ minPasswordLength: 7 })).toBe("invalid_policy");
    expect(set({ minPasswordLength: 129 })).toBe("invalid_policy");
    expect(set({ minPasswordLength: 10.5 })).toBe("invalid_policy");
    expect(set({ autoLockMinutes: 0 })).toBe("invalid_policy");
    expect(set({ autoLockMinutes: 241 })).toBe("invalid_policy");
    expect(h.policy).toEqual(DEFAULT_POLICY);
    expect(set({ minPasswordLength: 8, autoLockMinutes: 240 })).toBeNull();
    expect(set({ minPasswordLength: 128, autoLockMinutes: 1, membersMayCreateProfiles: false })).toBeNull();
    expect(h.policy).toEqual({ ...DEFAULT_POLICY, minPasswordLength: 128, autoLockMinutes: 1, membersMayCreateProfiles: false });
    expect(policyProblem(DEFAULT_POLICY)).toBeNull();
  });

  it("ends a wait", () => {
    const h = new FakeHousehold([entry("a", "Ann", "admin"), entry("b", "Bob", "member")]);
    const bob = h.household("a").profiles[1];
    expect(bob?.profile.lockedUntil).toBeNull();
    const keys = (h as unknown as { profiles: HouseholdEntry[] }).profiles[1]?.keys;
    keys?.lockFor(600, T);
    expect(h.household("a").profiles[1]?.profile.lockedUntil).toBe(T + 600);
    expect(h.resetLockout("a", "b").profiles[1]?.profile.lockedUntil).toBeNull();
    expect(refusal(() => keys?.unlock(PASSWORD, T + 1))).toBeNull();
  });
});

describe("the fake backend's household commands", () => {
  useFakeBackendClock(T);

  it("refuses a member (?as=2) every admin command", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&as=2"));
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    expect(snapshot.session?.profile.role).toBe("member");
    const bob = snapshot.session?.profile.id;
    expect(await codeOf(run(backend, "household"))).toBe("forbidden");
    expect(await codeOf(run(backend, "create_member", { request: { name: "Eve", password: "eve-password-1", currency: "EUR" } }))).toBe("forbidden");
    expect(await codeOf(run(backend, "set_role", { request: { profileId: bob, role: "admin" } }))).toBe("forbidden");
    expect(await codeOf(run(backend, "set_policy", { policy: DEFAULT_POLICY }))).toBe("forbidden");
    expect(await codeOf(run(backend, "reset_lockout", { profileId: bob }))).toBe("forbidden");
    expect(await codeOf(run(backend, "remove_profile", { request: { profileId: snapshot.profiles[0]?.id, confirmName: "Alice Martin" } }))).toBe("forbidden");
    await run(backend, "lock");
    expect(await codeOf(run(backend, "household"))).toBe("locked");
  });

  it("lets an admin add a member (with the rules' shortest password) and stay unlocked", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&profiles=3"));
    await run(backend, "set_policy", { policy: { ...DEFAULT_POLICY, minPasswordLength: 14 } });
    const request = { name: "  Sam  ", password: "sam-password", currency: "EUR" };
    expect(await codeOf(run(backend, "create_member", { request }))).toBe("weak_password");
    expect(await codeOf(run(backend, "create_member", { request: { ...request, currency: "XXX" } }))).toBe("invalid_currency");
    expect(await codeOf(run(backend, "create_member", { request: { ...request, name: "bob", password: "sam-password-14" } }))).toBe("duplicate_name");
    const created = await run<CreatedMember>(backend, "create_member", { request: { ...request, password: "sam-password-14" } });
    expect(created.profile).toMatchObject({ name: "Sam", role: "member", lockedUntil: null });
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/u);
    const snapshot = await run<AppSnapshot>(backend, "app_snapshot");
    expect(snapshot.session?.profile.name).toBe("Alice Martin");
    expect(snapshot.policy.minLength).toBe(14);
    const household = await run<Household>(backend, "household");
    expect(household.profiles.map((p) => p.profile.name)).toEqual(["Alice Martin", "Bob", "Maria-Theresa Villanueva-Ortega", "Sam"]);
  });

  it("shows a waiting profile (?waiting=) until an admin ends the wait", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings&profiles=3&waiting=600"));
    const household = await run<Household>(backend, "household");
    const bob = household.profiles[1]?.profile;
    expect(bob?.lockedUntil).toBe(T + 600);
    const after = await run<Household>(backend, "reset_lockout", { profileId: bob?.id });
    expect(after.profiles[1]?.profile.lockedUntil).toBeNull();
  });

  it("closes creation at the picker once the rules say so, except for the first profile", async () => {
    const backend = createFakeBackend(new URLSearchParams("screen=settings"));
    expect((await run<AppSnapshot>(backend, "app_snapshot")).membersMayCreateProfiles).toBe(true);
    await run(backend, "set_policy", { policy: { ...DEFAULT_POLICY, membersMayCreateProfiles: false } });
    expect((await run<AppSnapshot>(backend, "app_snapshot")).membersMayCreateProfiles).toBe(false);
    await run(backend, "lock");
    const request = { name: "Eve", password: "eve-password-1", currency: "EUR" };
    expect(await codeOf(run(backend, "create_profile", { request }))).toBe("creation_closed");

    const empty = createFakeBackend(new URLSearchParams("profiles=0&creation=closed"));
    expect((await run<AppSnapshot>(empty, "app_snapshot")).membersMayCreateProfiles).toBe(true);
    const first = await run<CreatedProfile>(empty, "create_profile", { request });
    expect(first.session.profile.role).toBe("admin");
    expect((await run<AppSnapshot>(empty, "app_snapshot")).membersMayCreateProfiles).toBe(false);
  });
});

// ----- the screens --------------------------------------------------------------------------------------------------------

function profile(more: Partial<ProfileSummary> = {}): ProfileSummary {
  return testProfile({ createdAt: T - 86_400, ...more });
}

function host(profiles: ProfileSummary[], more: Partial<AppSnapshot> = {}): Host {
  return testHost(profiles, {
    currencies: [
      { code: "EUR", minorUnits: 2 },
      { code: "JPY", minorUnits: 0 },
    ],
    ...more,
  });
}

describe("the picker", () => {
  const ids = (out: string) => ({ button: hasId(out, "new-profile-btn"), note: hasId(out, "creation-closed") });

  it("offers New profile while anyone may create one", () => {
    expect(ids(toHtml(pickerScreen(host([profile()])).template()))).toEqual({ button: true, note: false });
  });

  it("says only an admin can create profiles when the rules close creation", () => {
    const out = toHtml(pickerScreen(host([profile()], { membersMayCreateProfiles: false })).template());
    expect(ids(out)).toEqual({ button: false, note: true });
    expect(textOf(out, "creation-closed").trim()).toBe("Only an admin can create profiles on this computer.");
  });

  it("always offers the first profile", () => {
    expect(ids(toHtml(pickerScreen(host([], { membersMayCreateProfiles: false })).template()))).toEqual({ button: true, note: false });
  });
});

describe("the household helpers", () => {
  it("confirm a removal only with the exact name", () => {
    expect(removalConfirmed("Bob", "Bob")).toBe(true);
    for (const typed of ["bob", "Bob ", " Bob", "Bo", "", "BOB"]) expect(removalConfirmed(typed, "Bob"), typed).toBe(false);
  });

  it("check the rules as typed", () => {
    const d = { minLength: "12", autoLock: "30", membersCreate: false, notifications: true };
    expect(checkPolicyDraft(d)).toEqual({ policy: { minPasswordLength: 12, autoLockMinutes: 30, membersMayCreateProfiles: false, notificationsByDefault: true } });
    for (const [minLength, autoLock] of [
      ["7", "30"],
      ["129", "30"],
      ["12.5", "30"],
      ["", "30"],
      ["12", "0"],
      ["12", "241"],
      ["12", "1e2"],
    ] as const) {
      expect("errors" in checkPolicyDraft({ ...d, minLength, autoLock }), `${minLength} ${autoLock}`).toBe(true);
    }
    expect(checkPolicyDraft({ ...d, minLength: "8", autoLock: "240" })).toHaveProperty("policy");
    expect(checkPolicyDraft({ ...d, minLength: "128", autoLock: "1" })).toHaveProperty("policy");
  });

  it("know when a wait is over, and say when it ends as hh:mm", () => {
    expect(isWaiting(profile({ lockedUntil: T + 1 }), T * 1000)).toBe(true);
    expect(isWaiting(profile({ lockedUntil: T }), T * 1000)).toBe(false);
    expect(isWaiting(profile(), T * 1000)).toBe(false);
    expect(waitEnd(T, "en-GB")).toMatch(/^\d\d:\d\d$/u);
  });
});

describe("Settings' household section", () => {
  const ADMIN = profile({ id: "p-a", name: "Ann", role: "admin" });
  const session = (p: ProfileSummary): SessionInfo => ({ profile: p, currency: { code: "EUR", minorUnits: 2 }, lostLastChange: false });
  const row = (p: ProfileSummary, isYou = false): HouseholdProfile => ({ profile: p, isYou });
  const householdOf = (...rows: HouseholdProfile[]): Household => ({ profiles: rows, policy: { ...DEFAULT_POLICY } });
  const focusable = { focus: () => undefined };
  const event = (more: Record<string, unknown> = {}) => ({ preventDefault: () => undefined, ...more }) as unknown as Event;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T * 1000);
    // No DOM here: what the screens ask of it answers nothing.
    vi.stubGlobal("navigator", { languages: ["en-IE"], language: "en-IE" });
    vi.stubGlobal("document", { getElementById: () => null, querySelector: () => null, addEventListener: () => undefined, removeEventListener: () => undefined, activeElement: null });
    for (const f of Object.values(api)) f.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** The admin's Settings, mounted, with the household loaded. */
  async function adminSettings(h: Household) {
    api.household.mockResolvedValue(h);
    const screen = settingsScreen(host(h.profiles.map((r) => r.profile)), session(ADMIN));
    screen.mounted?.();
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "household-profiles")).toBe(true));
    return screen;
  }

  it("is not in a member's Settings at all, not even hidden", () => {
    const member = profile({ role: "member" });
    const screen = settingsScreen(host([member]), session(member));
    screen.mounted?.();
    const out = toHtml(screen.template());
    for (const gone of ["household", "member-form", "policy-form", "remove-modal", "As an admin", "House rules"]) expect(out).not.toContain(gone);
    expect(api.household).not.toHaveBeenCalled();
    // Its own sections are still there.
    expect(hasId(out, "change-form")).toBe(true);
    screen.unmounted?.();
  });

  it("lists every profile, the admin's wording first, names as text", async () => {
    const screen = await adminSettings(
      householdOf(
        row(ADMIN, true),
        row(profile({ id: "p-evil", name: EVIL, lockedUntil: T + 600 })),
        row(profile({ id: "p-old", name: "Old", damaged: `broken ${EVIL}` })),
      ),
    );
    const out = toHtml(screen.template());
    expect(out).not.toContain("<img");
    expect(textOf(out, "household-intro")).toBe(HOUSEHOLD_INTRO);
    expect(HOUSEHOLD_INTRO).toBe(
      "As an admin you manage who has a profile and the house rules. You cannot see anyone else's money: each profile is locked with its own key.",
    );
    // A bound attribute is written unquoted: escaped, so the name never leaves its attribute.
    expect(out).toContain(`data-profile-name=${ESCAPED}`);
    expect(out).toMatch(/<tr\s+data-profile-id=p-evil\s/u);
    expect(out).toContain(`Waiting until ${waitEnd(T + 600)}`);
    expect(out).toContain(`Can't be opened: broken ${ESCAPED}`);
    expect(out.match(/Waiting until/gu)).toHaveLength(1);
    expect(out).toContain(">You</span>");
    for (const id of ["member-form", "member-name", "member-password", "member-confirm", "member-currency", "member-submit"]) expect(hasId(out, id), id).toBe(true);
    for (const id of ["policy-form", "policy-min-length", "policy-auto-lock", "policy-members-create", "policy-notifications", "policy-submit"]) {
      expect(hasId(out, id), id).toBe(true);
    }
    expect(tagOf(out, "policy-min-length")).toContain("min=8");
    expect(tagOf(out, "policy-min-length")).toContain("max=128");
    expect(tagOf(out, "policy-auto-lock")).toContain("max=240");
    screen.unmounted?.();
  });

  it("offers per profile only what applies: never Remove for yourself, End the wait only while waiting", async () => {
    const bob = profile({ id: "p-b", name: "Bob", lockedUntil: T + 600 });
    const screen = await adminSettings(householdOf(row(ADMIN, true), row(bob)));
    const actionsOf = (id: string) => {
      handler(screen.template(), `profile-actions-${id}`, "click")(event());
      const out = toHtml(screen.template());
      handler(screen.template(), `profile-actions-${id}`, "click")(event());
      return [...out.matchAll(/data-action="?([\w-]+)/gu)].map((m) => m[1]);
    };
    expect(actionsOf("p-a")).toEqual(["make-member"]);
    expect(actionsOf("p-b")).toEqual(["make-admin", "reset-lockout", "remove"]);
    screen.unmounted?.();
  });

  it("shows Rust's refusal of a row action above the table", async () => {
    const screen = await adminSettings(householdOf(row(ADMIN, true), row(profile({ id: "p-b", name: "Bob" }))));
    api.setRole.mockRejectedValue({ code: "last_admin", message: "The last admin cannot be removed or made a member." });
    handler(screen.template(), "profile-actions-p-a", "click")(event());
    listener(screen.template(), "data-action", "make-member", "click")(event());
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "household-error")).toBe(true));
    expect(api.setRole).toHaveBeenCalledWith({ profileId: "p-a", role: "member" });
    expect(textOf(toHtml(screen.template()), "household-error")).toContain("The last admin cannot");
    screen.unmounted?.();
  });

  it("keeps Remove disabled until the exact name is typed, and shows errors in the dialog", async () => {
    const bob = profile({ id: "p-b", name: `Bob ${EVIL}` });
    const screen = await adminSettings(householdOf(row(ADMIN, true), row(bob)));
    handler(screen.template(), "profile-actions-p-b", "click")(event());
    listener(screen.template(), "data-action", "remove", "click")(event());
    let out = toHtml(screen.template());
    expect(hasId(out, "remove-modal")).toBe(true);
    expect(out).not.toContain("<img");
    expect(textOf(out, "remove-warning").replace(/\s+/gu, " ").trim()).toBe(
      `Removing Bob ${ESCAPED} deletes its key. Its expenses become unreadable for ever — nobody, not even an admin, can get them back.`,
    );
    expect(out).toContain(`Type <span class="remove-typed-name">Bob ${ESCAPED}</span> to confirm`);
    expect(tagOf(out, "remove-submit")).toMatch(/\sdisabled/u);
    const typeName = (value: string) => handler(screen.template(), "remove-confirm-name", "input")(event({ currentTarget: { value } }));
    for (const typed of ["bob " + EVIL, `Bob ${EVIL} `, `Bob`, ""]) {
      typeName(typed);
      expect(tagOf(toHtml(screen.template()), "remove-submit"), typed).toMatch(/\sdisabled/u);
    }
    typeName(`Bob ${EVIL}`);
    expect(tagOf(toHtml(screen.template()), "remove-submit")).not.toMatch(/\sdisabled/u);

    api.removeProfile.mockRejectedValueOnce({ code: "storage", message: `Coffer could not write ${EVIL}.` });
    handler(screen.template(), "remove-form", "submit")(event());
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "remove-error")).toBe(true));
    out = toHtml(screen.template());
    expect(hasId(out, "remove-modal")).toBe(true);
    expect(textOf(out, "remove-error")).toContain(`Coffer could not write ${ESCAPED}.`);
    expect(api.removeProfile).toHaveBeenCalledWith({ profileId: "p-b", confirmName: `Bob ${EVIL}` });

    api.removeProfile.mockRejectedValueOnce({ code: "confirmation_mismatch", message: "To remove this profile, type its name exactly as shown." });
    handler(screen.template(), "remove-form", "submit")(event());
    await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "remove-confirm-name-error")).toContain("exactly as shown"));
    expect(tagOf(toHtml(screen.template()), "remove-confirm-name")).toContain("is-invalid");

    api.removeProfile.mockResolvedValueOnce(householdOf(row(ADMIN, true)));
    handler(screen.template(), "remove-form", "submit")(event());
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "remove-modal")).toBe(false));
    out = toHtml(screen.template());
    expect(out).not.toContain("data-profile-id=p-b");
    expect(textOf(out, "toast")).toContain(`Bob ${ESCAPED} was removed`);
    screen.unmounted?.();
  });

  it("adds a member and shows its recovery code to hand over, then refreshes the table", async () => {
    const screen = await adminSettings(householdOf(row(ADMIN, true)));
    const give = (id: string, value: string) => (refOf<unknown>(screen.template(), id).value = { value, focus: focusable.focus });
    give("member-name", `  Sam ${EVIL} `);
    give("member-password", "short");
    give("member-confirm", "short");
    give("member-currency", "JPY");
    handler(screen.template(), "member-form", "submit")(event());
    // The create form's checks: the rules' shortest password.
    expect(textOf(toHtml(screen.template()), "member-password-error")).toContain("at least 10");
    expect(api.createMember).not.toHaveBeenCalled();

    give("member-password", "sam-password-1");
    give("member-confirm", "sam-password-1");
    const sam = profile({ id: "p-s", name: `Sam ${EVIL}` });
    api.createMember.mockResolvedValue({ profile: sam, recoveryCode: DEMO_RECOVERY_CODE });
    api.household.mockResolvedValue(householdOf(row(ADMIN, true), row(sam)));
    handler(screen.template(), "member-form", "submit")(event());
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "recovery-modal")).toBe(true));
    expect(api.createMember).toHaveBeenCalledWith({ name: `Sam ${EVIL}`, password: "sam-password-1", currency: "JPY" });
    await vi.waitFor(() => expect(toHtml(screen.template())).toContain("data-profile-id=p-s"));
    const out = toHtml(screen.template());
    expect(out).not.toContain("<img");
    expect(textOf(out, "recovery-code")).toBe(DEMO_RECOVERY_CODE);
    expect(textOf(out, "recovery-modal-title")).toBe(`Recovery code for Sam ${ESCAPED}`);
    expect(textOf(out, "recovery-why").replace(/\s+/gu, " ")).toContain(`Give this code to Sam ${ESCAPED}`);
    expect(tagOf(out, "recovery-continue")).toMatch(/\sdisabled/u);
    expect(hasId(out, "recovery-saved")).toBe(true);

    // Ticked and done: the code is gone from the page.
    handler(screen.template(), "recovery-saved", "change")(event({ currentTarget: { checked: true } }));
    handler(screen.template(), "recovery-continue", "click")(event());
    expect(toHtml(screen.template())).not.toContain(DEMO_RECOVERY_CODE);
    screen.unmounted?.();
  });

  it("puts Rust's verdict on a new member beside its field", async () => {
    const screen = await adminSettings(householdOf(row(ADMIN, true)));
    const give = (id: string, value: string) => (refOf<unknown>(screen.template(), id).value = { value, focus: focusable.focus });
    give("member-name", "Ann");
    give("member-password", "ann-password-1");
    give("member-confirm", "ann-password-1");
    api.createMember.mockRejectedValue({ code: "duplicate_name", message: "Another profile already has this name." });
    handler(screen.template(), "member-form", "submit")(event());
    await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "member-name-error")).toBe("Another profile already has this name."));
    expect(hasId(toHtml(screen.template()), "recovery-modal")).toBe(false);
    screen.unmounted?.();
  });

  it("saves the house rules, and shows invalid_policy on the form", async () => {
    const screen = await adminSettings(householdOf(row(ADMIN, true)));
    handler(screen.template(), "policy-min-length", "input")(event({ currentTarget: { value: "7" } }));
    handler(screen.template(), "policy-form", "submit")(event());
    expect(textOf(toHtml(screen.template()), "policy-min-length-error")).toContain("from 8 to 128");
    expect(api.setPolicy).not.toHaveBeenCalled();

    handler(screen.template(), "policy-min-length", "input")(event({ currentTarget: { value: "12" } }));
    handler(screen.template(), "policy-members-create", "change")(event({ currentTarget: { checked: false } }));
    api.setPolicy.mockRejectedValueOnce({ code: "invalid_policy", message: "These rules cannot be set: auto-lock must be after 1 to 240 minutes." });
    handler(screen.template(), "policy-form", "submit")(event());
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "policy-error")).toBe(true));
    expect(textOf(toHtml(screen.template()), "policy-error")).toContain("These rules cannot be set");
    const wanted = { ...DEFAULT_POLICY, minPasswordLength: 12, membersMayCreateProfiles: false };
    expect(api.setPolicy).toHaveBeenLastCalledWith(wanted);

    api.setPolicy.mockResolvedValueOnce({ ...householdOf(row(ADMIN, true)), policy: wanted });
    handler(screen.template(), "policy-form", "submit")(event());
    await vi.waitFor(() => expect(textOf(toHtml(screen.template()), "toast")).toContain("House rules saved."));
    expect(hasId(toHtml(screen.template()), "policy-error")).toBe(false);
    screen.unmounted?.();
  });

  it("shows only a note once Rust says this profile is no longer an admin", async () => {
    api.household.mockRejectedValue({ code: "forbidden", message: "Only an admin can do that." });
    const screen = settingsScreen(host([ADMIN]), session(ADMIN));
    screen.mounted?.();
    await vi.waitFor(() => expect(hasId(toHtml(screen.template()), "household-not-admin")).toBe(true));
    const out = toHtml(screen.template());
    expect(hasId(out, "household-profiles")).toBe(false);
    expect(hasId(out, "member-form")).toBe(false);
    screen.unmounted?.();
  });
});

describe("a member's recovery code", () => {
  it("says to give it to them, the name as text", () => {
    const out = toHtml(
      recoveryCodeBody(recoveryProps(DEMO_RECOVERY_CODE, { profileName: EVIL, handOver: true })),
    );
    expect(out).not.toContain("<img");
    expect(out).toContain(`Give this code to <strong>${ESCAPED}</strong>`);
    expect(out).not.toContain("If you forget your password");
  });
});
