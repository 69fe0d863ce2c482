//! The ledger's error type, with stable codes for the UI (shared with the vault where they overlap).

use rusqlite::ErrorCode;

/// Everything that can go wrong in the ledger.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ledger's schema is newer than this Coffer understands.
    #[error(
        "This ledger was created by a newer Coffer (schema version {found}; this version understands up to {supported}). Update Coffer to open it."
    )]
    NewerSchema {
        /// The ledger's schema version.
        found: u32,
        /// [`crate::SCHEMA_VERSION`].
        supported: u32,
    },

    /// The ledger has not been migrated to the current schema yet (a programming error: call
    /// [`crate::migrate`] right after unlocking).
    #[error(
        "The ledger has not been brought up to date (schema version {found}, expected {expected})."
    )]
    NotMigrated {
        /// The ledger's schema version.
        found: u32,
        /// [`crate::SCHEMA_VERSION`].
        expected: u32,
    },

    /// A migration failed; the ledger stays at the previous version.
    #[error("Updating the ledger to schema version {version} failed: {source}.")]
    Migration {
        /// The version the failed migration would have produced.
        version: u32,
        /// What SQLite reported.
        source: rusqlite::Error,
    },

    /// The ledger decrypted fine but its contents make no sense (e.g. a negative schema version).
    #[error("The ledger's contents are damaged: {reason}.")]
    Damaged {
        /// What is wrong, in plain words.
        reason: String,
    },

    /// Any other database error.
    #[error("The ledger database reported an error: {0}.")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, machine-readable code for the UI.
    ///
    /// A database error that is the cipher refusing a page (`SQLITE_NOTADB`/`SQLITE_CORRUPT`) is
    /// `"tampered_ledger"`, as in `coffer_vault`; other database errors are `"storage"`.
    pub fn code(&self) -> &'static str {
        match self {
            _ if self.is_tampering() => "tampered_ledger",
            Error::NewerSchema { .. } => "newer_ledger",
            Error::Damaged { .. } => "damaged_ledger",
            Error::NotMigrated { .. } | Error::Migration { .. } | Error::Database(_) => "storage",
        }
    }

    /// Whether this is SQLite refusing to decrypt or parse a page of the ledger.
    pub fn is_tampering(&self) -> bool {
        let sqlite = match self {
            Error::Database(err) | Error::Migration { source: err, .. } => err,
            _ => return false,
        };
        matches!(
            sqlite.sqlite_error_code(),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
        )
    }
}

/// The ledger's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
