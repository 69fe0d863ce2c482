//! The vault's error type: one variant per situation the UI tells apart, each with a stable code.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::kdf::KdfParams;
use crate::types::UnixTime;

/// Everything that can go wrong in the vault.
///
/// Messages are written for the person using Coffer and never contain a password or key. The UI branches
/// on [`Error::code`], not on the message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A profile name is empty, too long, or contains control characters.
    #[error("This profile name cannot be used: {reason}.")]
    InvalidName {
        /// What is wrong with the name, e.g. "it is longer than 40 characters".
        reason: String,
    },

    /// Another profile already has this name (compared case-insensitively, after trimming).
    #[error("A profile with this name already exists. Choose another name.")]
    DuplicateName,

    /// The password is shorter than the policy allows.
    #[error("The password must be at least {min_length} characters long.")]
    WeakPassword {
        /// The policy's minimum length, in characters.
        min_length: u16,
    },

    /// The password does not open any key slot of the profile.
    #[error("The password is not correct.")]
    WrongPassword,

    /// The recovery code does not open the profile's recovery slot (or it has none).
    #[error("The recovery code is not correct.")]
    WrongRecoveryCode,

    /// Text that cannot be a recovery code (wrong length or characters).
    #[error(
        "That is not a recovery code: it has {} characters from 0-9 and A-Z (no I, L, O or U), in groups like 7K2Q-M9XD.",
        crate::recovery::CODE_CHARS
    )]
    InvalidRecoveryCode,

    /// Too many wrong passwords or recovery codes in a row: unlocking waits until `until`.
    #[error("Too many wrong attempts. Try again in {}.", crate::lockout::wait_words(*wait_seconds))]
    LockedOut {
        /// When unlocking may be tried again.
        until: UnixTime,
        /// Seconds from now until then.
        wait_seconds: u64,
    },

    /// The acting profile is not an admin (checked against the registry at the time of asking).
    #[error("Only an admin can do that.")]
    NotAdmin,

    /// The change would leave the household without an admin.
    #[error(
        "The last admin cannot be removed or made a member; make another profile an admin first."
    )]
    LastAdmin,

    /// The name typed to confirm a removal, or the replacement of a profile by a backup, is not the
    /// profile's.
    #[error("To confirm, type the profile's name exactly as shown: “{expected}”.")]
    ConfirmationMismatch {
        /// The profile's name.
        expected: String,
    },

    /// An admin tried to remove the profile they are using.
    #[error("You cannot remove the profile you are using. Lock it and ask another admin.")]
    RemovingYourself,

    /// House rules outside their ranges.
    #[error("These rules cannot be set: {reason}.")]
    InvalidPolicy {
        /// What is out of range.
        reason: String,
    },

    /// The house rules let only an admin create profiles.
    #[error(
        "Only an admin can create profiles on this computer. Ask an admin to create one for you."
    )]
    CreationClosed,

    /// No profile with this id exists in the registry.
    #[error("This profile does not exist (any more).")]
    UnknownProfile,

    /// The profile's registry entry is damaged, or its key slot was refused as tampered.
    #[error(
        "The profile “{name}” cannot be opened because its entry in the profile registry is damaged: {reason}."
    )]
    DamagedProfile {
        /// The profile's name, as far as it could be read.
        name: String,
        /// What is wrong, in plain words.
        reason: String,
    },

    /// The registry file as a whole cannot be read (not JSON, unknown format, newer version…).
    ///
    /// The vault never overwrites such a file.
    #[error("The profile registry at {} is damaged: {reason}. It has been left untouched.", path.display())]
    DamagedRegistry {
        /// The registry file.
        path: PathBuf,
        /// What is wrong, in plain words.
        reason: String,
    },

    /// The encrypted ledger refused to decrypt (`SQLITE_NOTADB` / `SQLITE_CORRUPT`).
    ///
    /// The data key was already authenticated by the key slot, so this means the file was damaged or
    /// altered, not that the password was wrong.
    #[error("The ledger file at {} is damaged or was altered outside Coffer; it cannot be read.", path.display())]
    TamperedLedger {
        /// The ledger file.
        path: PathBuf,
    },

    /// The file is not a backup this version of Coffer can read: not a Coffer backup at all, or one
    /// made by a newer version.
    #[error("“{}” cannot be restored: {reason}.", file_label(path))]
    NotABackup {
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        reason: String,
    },

    /// The backup file was damaged or changed after Coffer wrote it (its tag, its header or its ledger
    /// do not check out). Nothing was restored from it.
    #[error(
        "“{}” is damaged or was changed: {reason}. Nothing was restored.",
        file_label(path)
    )]
    DamagedBackup {
        /// The backup file.
        path: PathBuf,
        /// What is wrong, in plain words.
        reason: String,
    },

    /// A backup can replace only the profile it was taken from.
    #[error(
        "This backup was taken from another profile, so it cannot replace this one. Restore it as a new profile instead."
    )]
    BackupOfAnotherProfile,

    /// Key-derivation parameters for new key slots are below [`KdfParams::FLOOR`] or above
    /// [`KdfParams::MAX`].
    #[error(
        "These key-derivation settings are outside the accepted range (at least {} KiB of memory, {} iterations, {} lane; at most {} KiB, {} iterations, {} lanes).",
        KdfParams::FLOOR.memory_kib, KdfParams::FLOOR.iterations, KdfParams::FLOOR.parallelism,
        KdfParams::MAX.memory_kib, KdfParams::MAX.iterations, KdfParams::MAX.parallelism
    )]
    WeakKdf,

    /// The data directory cannot be created or written.
    #[error("Coffer cannot use the data folder {}: {source}.", path.display())]
    DataDir {
        /// The data directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },

    /// Reading or writing a file failed.
    #[error("Coffer could not read or write {}: {source}.", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },

    /// The database reported an error that is not tampering (disk full, locked, …).
    #[error("The ledger database reported an error: {0}.")]
    Database(rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable code for this error, for the UI to branch on.
    ///
    /// `Io` and `Database` share `"storage"`: the UI treats them alike.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidName { .. } => "invalid_name",
            Error::DuplicateName => "duplicate_name",
            Error::WeakPassword { .. } => "weak_password",
            Error::WrongPassword => "wrong_password",
            Error::WrongRecoveryCode => "wrong_recovery_code",
            Error::InvalidRecoveryCode => "invalid_recovery_code",
            Error::LockedOut { .. } => "locked_out",
            Error::NotAdmin | Error::RemovingYourself => "forbidden",
            Error::LastAdmin => "last_admin",
            Error::ConfirmationMismatch { .. } => "confirmation_mismatch",
            Error::InvalidPolicy { .. } => "invalid_policy",
            Error::CreationClosed => "creation_closed",
            Error::UnknownProfile => "unknown_profile",
            Error::DamagedProfile { .. } => "damaged_profile",
            Error::DamagedRegistry { .. } => "damaged_registry",
            Error::TamperedLedger { .. } => "tampered_ledger",
            Error::NotABackup { .. } => "not_a_backup",
            Error::DamagedBackup { .. } => "damaged_backup",
            Error::BackupOfAnotherProfile => "backup_of_another_profile",
            Error::WeakKdf => "weak_kdf",
            Error::DataDir { .. } => "data_dir",
            Error::Io { .. } | Error::Database(_) => "storage",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// A file's name for a message (its whole path if it has no name).
fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The vault's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Returns whether `err` is SQLite refusing the encrypted file: `SQLITE_NOTADB` (page 1 failed to
/// authenticate) or `SQLITE_CORRUPT` (another page did).
pub fn is_tampering(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Turns an error from a ledger connection into a vault [`Error`]: [`Error::TamperedLedger`] when SQLite
/// refused to decrypt (see [`is_tampering`]), [`Error::Database`] otherwise.
///
/// Use it for every error from a [`crate::Session`]'s connection (the ledger crate and the shell too), so
/// a flipped byte found in the middle of a query is reported as tampering, not as a generic failure.
pub fn classify(err: rusqlite::Error, ledger_path: &Path) -> Error {
    if is_tampering(&err) {
        Error::TamperedLedger {
            path: ledger_path.to_path_buf(),
        }
    } else {
        Error::Database(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied")
    }

    #[test]
    fn codes_are_stable() {
        let path = PathBuf::from("/data/registry.json");
        let cases = [
            (
                Error::InvalidName {
                    reason: "it is empty".into(),
                },
                "invalid_name",
            ),
            (Error::DuplicateName, "duplicate_name"),
            (Error::WeakPassword { min_length: 10 }, "weak_password"),
            (Error::WrongPassword, "wrong_password"),
            (Error::UnknownProfile, "unknown_profile"),
            (
                Error::DamagedProfile {
                    name: "A".into(),
                    reason: "r".into(),
                },
                "damaged_profile",
            ),
            (
                Error::DamagedRegistry {
                    path: path.clone(),
                    reason: "r".into(),
                },
                "damaged_registry",
            ),
            (
                Error::TamperedLedger { path: path.clone() },
                "tampered_ledger",
            ),
            (
                Error::NotABackup {
                    path: PathBuf::from("/home/a/notes.txt"),
                    reason: "it is not a Coffer backup".into(),
                },
                "not_a_backup",
            ),
            (
                Error::DamagedBackup {
                    path: PathBuf::from("/home/a/x.cofferbackup"),
                    reason: "r".into(),
                },
                "damaged_backup",
            ),
            (Error::BackupOfAnotherProfile, "backup_of_another_profile"),
            (Error::WeakKdf, "weak_kdf"),
            (
                Error::DataDir {
                    path: path.clone(),
                    source: io(),
                },
                "data_dir",
            ),
            (Error::Io { path, source: io() }, "storage"),
            (Error::Database(rusqlite::Error::InvalidQuery), "storage"),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code, "{error}");
            assert!(
                error.to_string().ends_with('.'),
                "messages are sentences: {error}"
            );
        }
    }

    #[test]
    fn backup_messages_name_the_file_not_its_folder() {
        let err = Error::DamagedBackup {
            path: PathBuf::from("/home/alice/secret-folder/x.cofferbackup"),
            reason: "its tag does not match".into(),
        };
        assert_eq!(
            err.to_string(),
            "“x.cofferbackup” is damaged or was changed: its tag does not match. Nothing was restored."
        );
    }

    #[test]
    fn classify_separates_tampering_from_other_failures() {
        let path = Path::new("/data/profiles/x.db");
        let failure = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        for code in [rusqlite::ffi::SQLITE_NOTADB, rusqlite::ffi::SQLITE_CORRUPT] {
            assert!(matches!(
                classify(failure(code), path),
                Error::TamperedLedger { .. }
            ));
        }
        assert!(matches!(
            classify(failure(rusqlite::ffi::SQLITE_FULL), path),
            Error::Database(_)
        ));
        assert!(matches!(
            classify(failure(rusqlite::ffi::SQLITE_BUSY), path),
            Error::Database(_)
        ));
    }
}
