// Why: lets `vite dev` in a plain browser show every screen before (or without) the Rust shell; dev-only, absent from production builds.
//
// Loaded by index.ts only when `import.meta.env.DEV` and no Tauri is present. URL knobs, for screenshots:
//   ?profiles=0                    start with no profiles (welcome + create)
//   ?theme=system|light|dark       stored theme choice
//   ?screen=picker|create|unlock|home   where main.ts starts (home starts unlocked as the first profile)
// The seeded profiles' password is "coffer-demo". `window.__cofferFakeAutoLock()` simulates the shell's auto-lock.
import type { AppError } from "./bindings/AppError";
import type { AppSnapshot } from "./bindings/AppSnapshot";
import type { CreateProfileRequest } from "./bindings/CreateProfileRequest";
import type { HomeOverview } from "./bindings/HomeOverview";
import type { ProfileSummary } from "./bindings/ProfileSummary";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Theme } from "./bindings/Theme";
import type { UnlockRequest } from "./bindings/UnlockRequest";
import type { Backend, DevStart } from "./index";

const DEMO_PASSWORD = "coffer-demo";
const KDF_MS = 550;

interface FakeProfile {
  summary: ProfileSummary;
  password: string;
}

function fail(code: AppError["code"], message: string): never {
  const error: AppError = { code, message };
  throw error;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function devStartFrom(params: URLSearchParams): DevStart {
  const screen = params.get("screen");
  return {
    screen: screen === "picker" || screen === "create" || screen === "unlock" || screen === "home" ? screen : null,
  };
}

export function createFakeBackend(params: URLSearchParams): Backend {
  const now = Math.floor(Date.now() / 1000);
  const profiles: FakeProfile[] =
    params.get("profiles") === "0"
      ? []
      : [
          { summary: { id: "p-7f3a", name: "Alice Martin", role: "admin", createdAt: now - 86400 * 40, damaged: null }, password: DEMO_PASSWORD },
          { summary: { id: "p-19c2", name: "Bob", role: "member", createdAt: now - 86400 * 12, damaged: null }, password: DEMO_PASSWORD },
          {
            summary: { id: "p-b804", name: "Maria-Theresa Villanueva-Ortega", role: "member", createdAt: now - 86400 * 3, damaged: null },
            password: DEMO_PASSWORD,
          },
          {
            summary: { id: "p-0d55", name: "Old laptop", role: "member", createdAt: now - 86400 * 400, damaged: "Its key slot cannot be read." },
            password: DEMO_PASSWORD,
          },
        ];
  const themeParam = params.get("theme");
  let theme: Theme = themeParam === "light" || themeParam === "dark" ? themeParam : "system";
  const eur = { code: "EUR", minorUnits: 2 };
  let session: SessionInfo | null = params.get("screen") === "home" && profiles[0] ? { profile: profiles[0].summary, currency: eur } : null;
  const lockListeners = new Set<() => void>();

  (window as unknown as Record<string, unknown>)["__cofferFakeAutoLock"] = () => {
    session = null;
    for (const l of lockListeners) l();
  };

  const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
    async app_snapshot(): Promise<AppSnapshot> {
      await sleep(60);
      return {
        profiles: profiles.map((p) => p.summary),
        policy: { minLength: 10 },
        theme,
        session,
        version: "0.1.0-dev",
        currencies: [{ code: "EUR", minorUnits: 2 }],
      };
    },
    async create_profile(args): Promise<SessionInfo> {
      const request = args["request"] as CreateProfileRequest;
      await sleep(KDF_MS);
      const name = request.name.trim();
      if (name === "" || Array.from(name).length > 40) fail("invalid_name", "A profile name has 1 to 40 characters.");
      if (profiles.some((p) => p.summary.name.toLowerCase() === name.toLowerCase())) {
        fail("duplicate_name", "Another profile already has this name.");
      }
      if (Array.from(request.password).length < 10) fail("weak_password", "The password must have at least 10 characters.");
      const summary: ProfileSummary = {
        id: `p-${Math.random().toString(16).slice(2, 10)}`,
        name,
        role: profiles.length === 0 ? "admin" : "member",
        createdAt: Math.floor(Date.now() / 1000),
        damaged: null,
      };
      profiles.push({ summary, password: request.password });
      session = { profile: summary, currency: eur };
      return session;
    },
    async unlock(args): Promise<SessionInfo> {
      const request = args["request"] as UnlockRequest;
      await sleep(KDF_MS);
      const profile = profiles.find((p) => p.summary.id === request.profileId) ?? fail("unknown_profile", "No such profile.");
      if (profile.summary.damaged !== null) fail("damaged_profile", profile.summary.damaged);
      if (profile.password !== request.password) fail("wrong_password", "wrong password");
      session = { profile: profile.summary, currency: eur };
      return session;
    },
    async lock(): Promise<null> {
      await sleep(40);
      session = null;
      return null;
    },
    async set_theme(args): Promise<null> {
      await sleep(20);
      theme = args["theme"] as Theme;
      return null;
    },
    async home_overview(): Promise<HomeOverview> {
      await sleep(120);
      if (session === null) fail("locked", "No profile is unlocked.");
      const none = { total: 0, count: 0 };
      return {
        profileName: session.profile.name,
        month: "2026-11",
        thisMonth: none,
        lastMonth: none,
        byCategory: [],
        recent: [],
        expenseCount: 0,
      };
    },
  };

  return {
    async invoke<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
      const handler = commands[command];
      // Tauri rejects an unknown command with a bare string; mimic that so error normalisation is exercised.
      if (handler === undefined) throw `command ${command} not found`;
      return (await handler(args)) as T;
    },
    async listen(event: string, handler: () => void): Promise<() => void> {
      if (event !== "session-locked") return () => {};
      lockListeners.add(handler);
      return () => lockListeners.delete(handler);
    },
  };
}
