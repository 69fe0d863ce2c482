//! The ledger's error type, with stable codes for the UI (shared with the vault where they overlap).

use rusqlite::ErrorCode;

/// The input field a validation error is about, so the UI can show the message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An expense's date.
    Date,
    /// An expense's amount.
    Amount,
    /// An expense's description.
    Description,
    /// An expense's notes.
    Notes,
    /// An expense's payment method.
    PaymentMethod,
    /// The category chosen for an expense, or to move expenses to.
    Category,
    /// A category's name.
    CategoryName,
    /// A category's colour.
    Color,
    /// The profile's currency.
    Currency,
    /// A search or filter of the expense list.
    Filter,
    /// A `YYYY-MM` month (of a budget).
    Month,
    /// A budget alert threshold.
    Threshold,
    /// The span of days a report covers.
    Period,
}

/// Everything that can go wrong in the ledger.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was changed.
    #[error("{message}")]
    Invalid {
        /// Which field.
        field: Field,
        /// What is wrong with it, as a sentence for the person.
        message: String,
    },

    /// No category with this id (it may have just been deleted).
    #[error("That category does not exist (any more). Pick another one.")]
    UnknownCategory(i64),

    /// No expense with this id (it may have just been deleted).
    #[error("That expense does not exist (any more).")]
    UnknownExpense(i64),

    /// Another category already has this name, ignoring case.
    #[error("There is already a category called “{0}”.")]
    DuplicateCategory(String),

    /// A category still has expenses and no other category was chosen to take them.
    #[error("“{name}” has {count} expense(s). Choose the category they should move to.")]
    CategoryInUse {
        /// The category's name.
        name: String,
        /// How many expenses it has.
        count: i64,
    },

    /// The only category cannot be deleted: every expense needs one.
    #[error("This is the only category left; every expense needs one. Create another first.")]
    LastCategory,

    /// No import with this id (it was undone already).
    #[error("That import does not exist (any more); it may have been undone already.")]
    UnknownImport(i64),

    /// An import would add no expense.
    #[error("There is nothing to import: no row of the file is an expense to add.")]
    NothingToImport,

    /// An expense being restored (undo) is already there.
    #[error("That expense is already in the ledger.")]
    AlreadyRestored(i64),

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
    /// A validation error about `field`.
    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A stable, machine-readable code for the UI.
    ///
    /// A database error that is the cipher refusing a page (`SQLITE_NOTADB`/`SQLITE_CORRUPT`) is
    /// `"tampered_ledger"`, as in `coffer_vault`; other database errors are `"storage"`.
    pub fn code(&self) -> &'static str {
        match self {
            _ if self.is_tampering() => "tampered_ledger",
            Error::Invalid { field, .. } => match field {
                Field::Date => "invalid_date",
                Field::Amount => "invalid_amount",
                Field::Description => "invalid_description",
                Field::Notes => "invalid_notes",
                Field::PaymentMethod => "invalid_payment_method",
                Field::Category => "invalid_category",
                Field::CategoryName => "invalid_category_name",
                Field::Color => "invalid_color",
                Field::Currency => "invalid_currency",
                Field::Filter => "invalid_filter",
                Field::Month => "invalid_month",
                Field::Threshold => "invalid_threshold",
                Field::Period => "invalid_period",
            },
            Error::UnknownCategory(_) => "unknown_category",
            Error::UnknownExpense(_) => "unknown_expense",
            Error::DuplicateCategory(_) => "duplicate_category",
            Error::CategoryInUse { .. } => "category_in_use",
            Error::LastCategory => "last_category",
            Error::AlreadyRestored(_) => "already_restored",
            Error::UnknownImport(_) => "unknown_import",
            Error::NothingToImport => "nothing_to_import",
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
