//! Wire types of the IPC boundary. Each is generated into TypeScript under
//! `ui/src/api/bindings/`; the `bindings_are_current` test fails when the committed files
//! drift from these definitions (run it with `COFFER_BLESS=1` to rewrite them).

use coffer_vault::{Password, ProfileListing, Role as VaultRole, Theme as VaultTheme};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

pub use crate::error::{AppError, ErrorCode};

mod admin;
mod backup;
mod budget;
mod ledger;
mod report;
mod transfer;
pub use admin::*;
pub use backup::*;
pub use budget::*;
pub use ledger::*;
pub use report::*;
pub use transfer::*;

/// A profile's role in the household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Manages profiles and policy (never other people's data).
    Admin,
    /// An ordinary profile.
    Member,
}

impl From<VaultRole> for Role {
    fn from(role: VaultRole) -> Self {
        match role {
            VaultRole::Admin => Role::Admin,
            VaultRole::Member => Role::Member,
        }
    }
}

/// The appearance the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl From<VaultTheme> for Theme {
    fn from(theme: VaultTheme) -> Self {
        match theme {
            VaultTheme::System => Theme::System,
            VaultTheme::Light => Theme::Light,
            VaultTheme::Dark => Theme::Dark,
        }
    }
}

impl From<Theme> for VaultTheme {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::System => VaultTheme::System,
            Theme::Light => VaultTheme::Light,
            Theme::Dark => VaultTheme::Dark,
        }
    }
}

/// What the picker shows of a profile: nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    /// Opaque profile id (32 lowercase hex characters).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Creation time, Unix seconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Why the profile cannot be opened, when its registry entry is damaged.
    pub damaged: Option<String>,
    /// Until when (Unix seconds) unlocking is refused after repeated wrong passwords or
    /// recovery codes; `null` when it may be tried now.
    #[ts(type = "number | null")]
    pub locked_until: Option<i64>,
}

impl From<&ProfileListing> for ProfileSummary {
    fn from(p: &ProfileListing) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name.clone(),
            role: p.role.into(),
            created_at: p.created_at.0,
            damaged: p.damaged.clone(),
            locked_until: p.locked_until.map(|t| t.0),
        }
    }
}

impl From<&coffer_vault::Profile> for ProfileSummary {
    fn from(p: &coffer_vault::Profile) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name.clone(),
            role: p.role.into(),
            created_at: p.created_at.0,
            damaged: None,
            locked_until: None,
        }
    }
}

/// The password rules the create form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicy {
    /// Minimum number of characters.
    pub min_length: u16,
}

/// The profile that is unlocked right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// Which profile.
    pub profile: ProfileSummary,
    /// The profile's currency.
    pub currency: CurrencyInfo,
    /// Whether unlocking dropped a last change that was only partly saved (a power cut while it was
    /// being saved, or damage that looks the same): the profile opened as of the change before, and the
    /// person is told to check their latest entries.
    pub lost_last_change: bool,
}

/// The unlocked profile's privacy settings, as the Settings screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrivacySettings {
    /// Whether the profile locks as soon as Coffer's window is minimised or hidden (its own choice).
    pub lock_when_hidden: bool,
    /// After how many minutes without input every profile locks (the house rules, set by an admin).
    pub auto_lock_minutes: u16,
}

/// Why the session locked without being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LockReason {
    /// No input in the window for the house rules' idle minutes.
    Idle,
    /// The window was minimised or hidden, and the profile chose to lock then.
    Hidden,
}

/// The `session-locked` event's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionLocked {
    /// Why it locked.
    pub reason: LockReason,
}

/// Everything the UI needs to boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppSnapshot {
    /// Profiles on this computer, in creation order.
    pub profiles: Vec<ProfileSummary>,
    /// Password rules.
    pub policy: PasswordPolicy,
    /// Whether the picker may create a profile; otherwise only an admin can, from Settings.
    pub members_may_create_profiles: bool,
    /// Chosen appearance.
    pub theme: Theme,
    /// The unlocked profile, if any (e.g. after a webview reload).
    pub session: Option<SessionInfo>,
    /// Coffer's version.
    pub version: String,
    /// The currencies a new profile may choose, by code.
    pub currencies: Vec<CurrencyInfo>,
}

/// Create a profile (and unlock it).
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateProfileRequest {
    /// Display name, 1-40 characters after trimming.
    pub name: String,
    /// The new password; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub password: Password,
    /// ISO 4217 code of the currency its amounts are in.
    pub currency: String,
}

/// A new profile, unlocked, with its recovery code: shown to the person once, then forgotten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreatedProfile {
    /// The unlocked profile.
    pub session: SessionInfo,
    /// The recovery code, in groups (`7K2Q-M9XD-…`): a second key to the profile. Coffer keeps
    /// no copy it could show again; this one is wiped once sent.
    #[ts(type = "string")]
    pub recovery_code: Zeroizing<String>,
}

/// Change the unlocked profile's password.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password now; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub current: Password,
    /// The new password; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub new: Password,
}

/// Replace the unlocked profile's recovery code; the old one stops working.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegenerateRecoveryRequest {
    /// The profile's password, to prove it is its owner; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub password: Password,
}

/// A recovery code to show once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodeView {
    /// The code, in groups (`7K2Q-M9XD-…`); wiped once sent.
    #[ts(type = "string")]
    pub code: Zeroizing<String>,
}

/// Unlock a profile with its recovery code, setting a new password at the same time.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoverRequest {
    /// Which profile.
    pub profile_id: String,
    /// The recovery code as typed (case, spaces and dashes do not matter); zeroized on drop.
    #[ts(type = "string")]
    pub recovery_code: Password,
    /// The new password; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub new_password: Password,
}

/// Unlock a profile.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnlockRequest {
    /// Which profile.
    pub profile_id: String,
    /// Its password; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub password: Password,
}

#[cfg(test)]
mod bindings {
    //! Keeps `ui/src/api/bindings/` equal to what ts-rs generates from the types above.
    use super::*;
    use std::path::Path;
    use ts_rs::{Config, TS};

    fn check<T: TS + 'static + ?Sized>(
        cfg: &Config,
        dir: &Path,
        bless: bool,
        stale: &mut Vec<String>,
    ) {
        let file = dir.join(format!("{}.ts", T::name(cfg)));
        let generated = T::export_to_string(cfg).expect("ts-rs can render every wire type");
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        if committed != generated {
            if bless {
                std::fs::write(&file, &generated).expect("bindings directory is writable");
            } else {
                stale.push(file.display().to_string());
            }
        }
    }

    #[test]
    fn bindings_are_current() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/bindings");
        std::fs::create_dir_all(&dir).expect("bindings directory can be created");
        let bless = std::env::var_os("COFFER_BLESS").is_some();
        let cfg = Config::new().with_out_dir(&dir);
        let mut stale = Vec::new();
        check::<AppError>(&cfg, &dir, bless, &mut stale);
        check::<ErrorCode>(&cfg, &dir, bless, &mut stale);
        check::<Role>(&cfg, &dir, bless, &mut stale);
        check::<Theme>(&cfg, &dir, bless, &mut stale);
        check::<ProfileSummary>(&cfg, &dir, bless, &mut stale);
        check::<PasswordPolicy>(&cfg, &dir, bless, &mut stale);
        check::<SessionInfo>(&cfg, &dir, bless, &mut stale);
        check::<PrivacySettings>(&cfg, &dir, bless, &mut stale);
        check::<LockReason>(&cfg, &dir, bless, &mut stale);
        check::<SessionLocked>(&cfg, &dir, bless, &mut stale);
        check::<SaveBackupRequest>(&cfg, &dir, bless, &mut stale);
        check::<BackupSaved>(&cfg, &dir, bless, &mut stale);
        check::<BackupChoice>(&cfg, &dir, bless, &mut stale);
        check::<BackupSecretInput>(&cfg, &dir, bless, &mut stale);
        check::<RestoreAsNewRequest>(&cfg, &dir, bless, &mut stale);
        check::<RestoreUnlockedRequest>(&cfg, &dir, bless, &mut stale);
        check::<AppSnapshot>(&cfg, &dir, bless, &mut stale);
        check::<CreateProfileRequest>(&cfg, &dir, bless, &mut stale);
        check::<UnlockRequest>(&cfg, &dir, bless, &mut stale);
        check::<CreatedProfile>(&cfg, &dir, bless, &mut stale);
        check::<ChangePasswordRequest>(&cfg, &dir, bless, &mut stale);
        check::<RegenerateRecoveryRequest>(&cfg, &dir, bless, &mut stale);
        check::<RecoveryCodeView>(&cfg, &dir, bless, &mut stale);
        check::<RecoverRequest>(&cfg, &dir, bless, &mut stale);
        check::<PolicyView>(&cfg, &dir, bless, &mut stale);
        check::<HouseholdProfile>(&cfg, &dir, bless, &mut stale);
        check::<Household>(&cfg, &dir, bless, &mut stale);
        check::<CreatedMember>(&cfg, &dir, bless, &mut stale);
        check::<RemoveProfileRequest>(&cfg, &dir, bless, &mut stale);
        check::<SetRoleRequest>(&cfg, &dir, bless, &mut stale);
        check::<CurrencyInfo>(&cfg, &dir, bless, &mut stale);
        check::<CategoryView>(&cfg, &dir, bless, &mut stale);
        check::<CategoryList>(&cfg, &dir, bless, &mut stale);
        check::<CategoryInput>(&cfg, &dir, bless, &mut stale);
        check::<DeleteCategoryRequest>(&cfg, &dir, bless, &mut stale);
        check::<ExpenseView>(&cfg, &dir, bless, &mut stale);
        check::<ExpenseInput>(&cfg, &dir, bless, &mut stale);
        check::<UpdateExpenseRequest>(&cfg, &dir, bless, &mut stale);
        check::<ExpenseFilter>(&cfg, &dir, bless, &mut stale);
        check::<SortBy>(&cfg, &dir, bless, &mut stale);
        check::<PageCursor>(&cfg, &dir, bless, &mut stale);
        check::<ExpensePageRequest>(&cfg, &dir, bless, &mut stale);
        check::<ExpensePage>(&cfg, &dir, bless, &mut stale);
        check::<Totals>(&cfg, &dir, bless, &mut stale);
        check::<CategoryTotal>(&cfg, &dir, bless, &mut stale);
        check::<HomeOverview>(&cfg, &dir, bless, &mut stale);
        check::<BudgetSpan>(&cfg, &dir, bless, &mut stale);
        check::<MonthPhase>(&cfg, &dir, bless, &mut stale);
        check::<Forecast>(&cfg, &dir, bless, &mut stale);
        check::<BudgetLine>(&cfg, &dir, bless, &mut stale);
        check::<BudgetMonth>(&cfg, &dir, bless, &mut stale);
        check::<SetBudgetRequest>(&cfg, &dir, bless, &mut stale);
        check::<AlertSettings>(&cfg, &dir, bless, &mut stale);
        check::<BudgetAlert>(&cfg, &dir, bless, &mut stale);
        check::<BudgetAlerts>(&cfg, &dir, bless, &mut stale);
        check::<TextEncodingChoice>(&cfg, &dir, bless, &mut stale);
        check::<DateFormatChoice>(&cfg, &dir, bless, &mut stale);
        check::<SignChoice>(&cfg, &dir, bless, &mut stale);
        check::<ColumnChoice>(&cfg, &dir, bless, &mut stale);
        check::<ImportPreviewRequest>(&cfg, &dir, bless, &mut stale);
        check::<PreviewRow>(&cfg, &dir, bless, &mut stale);
        check::<SkippedRow>(&cfg, &dir, bless, &mut stale);
        check::<ProblemRow>(&cfg, &dir, bless, &mut stale);
        check::<UnknownCategory>(&cfg, &dir, bless, &mut stale);
        check::<ImportPreview>(&cfg, &dir, bless, &mut stale);
        check::<CategoryChoice>(&cfg, &dir, bless, &mut stale);
        check::<ImportCommitRequest>(&cfg, &dir, bless, &mut stale);
        check::<ImportBatchView>(&cfg, &dir, bless, &mut stale);
        check::<ExportFormat>(&cfg, &dir, bless, &mut stale);
        check::<ExportRequest>(&cfg, &dir, bless, &mut stale);
        check::<ImportPhase>(&cfg, &dir, bless, &mut stale);
        check::<ImportProgress>(&cfg, &dir, bless, &mut stale);
        check::<ReportPeriod>(&cfg, &dir, bless, &mut stale);
        check::<ReportRequest>(&cfg, &dir, bless, &mut stale);
        check::<ChartKind>(&cfg, &dir, bless, &mut stale);
        check::<ChartTheme>(&cfg, &dir, bless, &mut stale);
        check::<ChartFormat>(&cfg, &dir, bless, &mut stale);
        check::<ChartRequest>(&cfg, &dir, bless, &mut stale);
        check::<SaveChartRequest>(&cfg, &dir, bless, &mut stale);
        check::<ExportReportTableRequest>(&cfg, &dir, bless, &mut stale);
        check::<CategoryShare>(&cfg, &dir, bless, &mut stale);
        check::<MonthAmount>(&cfg, &dir, bless, &mut stale);
        check::<MonthlyTable>(&cfg, &dir, bless, &mut stale);
        check::<BudgetActual>(&cfg, &dir, bless, &mut stale);
        check::<BudgetTable>(&cfg, &dir, bless, &mut stale);
        check::<DaySpending>(&cfg, &dir, bless, &mut stale);
        check::<BurnUpTable>(&cfg, &dir, bless, &mut stale);
        check::<Report>(&cfg, &dir, bless, &mut stale);
        assert!(
            stale.is_empty(),
            "generated TypeScript bindings differ from the committed ones: {stale:?}. \
             Run `COFFER_BLESS=1 cargo test --lib bindings` and commit the result."
        );
    }
}
