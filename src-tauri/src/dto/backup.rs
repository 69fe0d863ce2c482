//! Wire types of encrypted backups: saving one, choosing one, and restoring it as a new profile or over
//! the unlocked one.

use coffer_vault::Password;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Save a backup of the unlocked profile; Rust asks where with its own save dialog.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveBackupRequest {
    /// The profile's password, asked again (a wrong one counts like any wrong attempt); zeroized on
    /// drop, never logged.
    #[ts(type = "string")]
    pub password: Password,
}

/// A backup just written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSaved {
    /// The file's name (not its folder).
    pub file_name: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// When it was taken, in seconds since the Unix epoch (UTC).
    #[ts(type = "number")]
    pub taken_at: i64,
}

/// The backup file the person chose, as its header claims it (nothing in it is authenticated until a
/// password or recovery code opens it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupChoice {
    /// The file's name (not its folder).
    pub file_name: String,
    /// The name of the profile it was taken from.
    pub profile_name: String,
    /// When it was taken, in seconds since the Unix epoch (UTC).
    #[ts(type = "number")]
    pub taken_at: i64,
    /// Whether that profile exists on this computer.
    pub exists_here: bool,
    /// Whether it is a backup of the unlocked profile (which can then be rolled back to it).
    pub of_unlocked_profile: bool,
    /// Whether it holds a recovery-code key slot (else only its password opens it).
    pub has_recovery_code: bool,
}

/// What opens the chosen backup: its password or its recovery code (exactly one), as they were when it
/// was taken.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupSecretInput {
    /// The profile's password when the backup was taken; zeroized on drop.
    #[ts(type = "string | null")]
    pub password: Option<Password>,
    /// Its recovery code then, as typed; zeroized on drop.
    #[ts(type = "string | null")]
    pub recovery_code: Option<Password>,
}

/// Restore the chosen backup as a new profile on this computer.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreAsNewRequest {
    /// What opens the backup.
    pub secret: BackupSecretInput,
    /// The new profile's name (the backup's own, unless taken).
    pub name: String,
    /// The new profile's password: required when the recovery code opens the backup, else optional
    /// (the backup's password stays); zeroized on drop.
    #[ts(type = "string | null")]
    pub new_password: Option<Password>,
}

/// Roll the unlocked profile back to the chosen backup of itself.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreUnlockedRequest {
    /// What opens the backup.
    pub secret: BackupSecretInput,
    /// The profile's name typed exactly, to confirm that what was recorded since the backup goes.
    pub confirm_name: String,
}
