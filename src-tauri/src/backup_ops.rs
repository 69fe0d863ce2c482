//! Encrypted backups as `AppState` operations: save one of the unlocked profile where the person says
//! (Rust's own dialog), choose one to restore, and restore it as a new profile or by rolling the
//! unlocked profile back to it. The chosen file's path stays in Rust between the steps.

use std::path::PathBuf;

use coffer_ledger::Date;
use coffer_vault::{BackupSecret, OsEntropy, Password, RecoveryCode};

use crate::dto::{
    BackupChoice, BackupSaved, BackupSecretInput, CreatedProfile, RestoreAsNewRequest,
    RestoreUnlockedRequest, SaveBackupRequest, SessionInfo,
};
use crate::error::{AppError, ErrorCode};
use crate::file_picker::{BACKUP_EXTENSION, FileQuestion};
use crate::state::{AppState, now};
use crate::transfer_ops::file_name;

/// The name a new backup file is offered under: `coffer-<profile>-<date>.cofferbackup`, the profile's
/// name reduced to lowercase letters and digits (other characters become dashes).
pub(crate) fn backup_file_name(profile_name: &str, today: Date) -> String {
    let mut slug = String::new();
    for c in profile_name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "profile" } else { slug };
    format!("coffer-{slug}-{today}.{BACKUP_EXTENSION}")
}

/// `path` with the backup extension added when the person typed a name without it (and no file of
/// that longer name exists, which the dialog did not ask about overwriting).
fn with_backup_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == BACKUP_EXTENSION) {
        return path;
    }
    let mut longer = path.clone().into_os_string();
    longer.push(".");
    longer.push(BACKUP_EXTENSION);
    let longer = PathBuf::from(longer);
    if longer.exists() { path } else { longer }
}

/// The vault's secret from what was typed: exactly one of password and recovery code.
enum Secret {
    Password(Password),
    RecoveryCode(RecoveryCode),
}

impl Secret {
    fn from_input(input: BackupSecretInput) -> Result<Self, AppError> {
        match (input.password, input.recovery_code) {
            (Some(password), None) => Ok(Secret::Password(password)),
            (None, Some(code)) => Ok(Secret::RecoveryCode(RecoveryCode::from_typed(&code)?)),
            _ => Err(AppError::new(
                ErrorCode::InvalidRequest,
                "Give either the backup's password or its recovery code.",
            )),
        }
    }

    fn as_vault(&self) -> BackupSecret<'_> {
        match self {
            Secret::Password(password) => BackupSecret::Password(password),
            Secret::RecoveryCode(code) => BackupSecret::RecoveryCode(code),
        }
    }
}

impl AppState {
    /// Asks where (Rust's save dialog) and saves a backup of the unlocked profile there, proven with its
    /// password. `None` when the person cancelled the dialog.
    pub fn save_backup(&self, request: SaveBackupRequest) -> Result<Option<BackupSaved>, AppError> {
        let (id, name) = self.with_session(|u| {
            let profile = u.session.profile();
            Ok((profile.id, profile.name.clone()))
        })?;
        let suggested_name = backup_file_name(&name, self.today());
        // The dialog runs without the session lock: auto-lock may still come meanwhile.
        let Some(path) = self.pick_file(FileQuestion::SaveBackup { suggested_name })? else {
            return Ok(None);
        };
        let path = with_backup_extension(path);
        let vault = self.vault()?;
        let summary = self.with_session(|u| {
            if u.session.profile().id != id {
                return Err(AppError::locked());
            }
            Ok(vault.write_backup(&u.session, &request.password, &path, now())?)
        })?;
        Ok(Some(BackupSaved {
            file_name: file_name(&path),
            bytes: summary.bytes,
            taken_at: summary.taken_at.0,
        }))
    }

    /// Asks which backup to restore (Rust's open dialog) and reads what its header claims. The file is
    /// remembered for the restore that follows. `None` when the person cancelled.
    pub fn choose_backup(&self) -> Result<Option<BackupChoice>, AppError> {
        let Some(path) = self.pick_file(FileQuestion::OpenBackup)? else {
            return Ok(None);
        };
        let info = self.vault()?.read_backup_header(&path)?;
        let unlocked = self
            .with_session(|u| Ok(Some(u.session.profile().id)))
            .unwrap_or(None);
        let choice = BackupChoice {
            file_name: file_name(&path),
            profile_name: info.profile_name,
            taken_at: info.taken_at.0,
            exists_here: info.exists_here,
            of_unlocked_profile: unlocked == Some(info.profile_id),
            has_recovery_code: info.has_recovery_slot,
        };
        self.set_chosen_backup(Some(path));
        Ok(Some(choice))
    }

    fn chosen_backup_path(&self) -> Result<PathBuf, AppError> {
        self.chosen_backup()
            .ok_or_else(|| AppError::new(ErrorCode::InvalidRequest, "Choose a backup file first."))
    }

    /// Restores the chosen backup as a new profile (a member, unless it is the first) and unlocks it,
    /// with a new recovery code to show once. The house rules decide whether profiles may be created.
    pub fn restore_backup_as_new(
        &self,
        request: RestoreAsNewRequest,
    ) -> Result<CreatedProfile, AppError> {
        let path = self.chosen_backup_path()?;
        let secret = Secret::from_input(request.secret)?;
        let now = now();
        let created = self.vault()?.restore_as_new(
            &path,
            secret.as_vault(),
            &request.name,
            request.new_password.as_ref(),
            now,
            &mut OsEntropy,
        )?;
        self.set_chosen_backup(None);
        Ok(CreatedProfile {
            session: self.open(created.session, now)?,
            recovery_code: created.recovery_code.grouped(),
        })
    }

    /// Rolls the unlocked profile back to the chosen backup of itself (its name typed to confirm).
    /// Everything is checked before the profile's ledger is touched; the current password and recovery
    /// code keep working. If the final swap fails, the profile is left locked, on one ledger or the
    /// other, never a mix.
    pub fn restore_unlocked(
        &self,
        request: RestoreUnlockedRequest,
    ) -> Result<SessionInfo, AppError> {
        self.require_unlocked()?;
        let path = self.chosen_backup_path()?;
        let secret = Secret::from_input(request.secret)?;
        let vault = self.vault()?;
        let staged = self.with_session(|u| {
            Ok(vault.stage_restore(&u.session, &path, secret.as_vault(), &request.confirm_name)?)
        })?;
        let unlocked = self
            .take_session_of(staged.profile_id())
            .ok_or_else(AppError::locked)?;
        let session = vault.commit_restore(unlocked.session, staged)?;
        self.set_chosen_backup(None);
        self.open(session, now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_are_plain_and_dated() {
        let day: Date = "2026-11-24".parse().expect("a date");
        assert_eq!(
            backup_file_name("Ada", day),
            "coffer-ada-2026-11-24.cofferbackup"
        );
        assert_eq!(
            backup_file_name("  Zoë & Max / home ", day),
            "coffer-zoë-max-home-2026-11-24.cofferbackup"
        );
        assert_eq!(
            backup_file_name("../..", day),
            "coffer-profile-2026-11-24.cofferbackup"
        );
    }
}
