//! The error that crosses IPC: `{code, message}`. The UI branches on `code` only; `message`
//! is a human sentence that never contains a secret.

use serde::Serialize;
use ts_rs::TS;

/// Stable, machine-readable error kinds the UI may branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Profile name empty, too long or with control characters.
    InvalidName,
    /// Another profile already has this name (case-insensitive).
    DuplicateName,
    /// The password is shorter than the policy allows.
    WeakPassword,
    /// The password did not unwrap the profile's key.
    WrongPassword,
    /// The recovery code does not open the profile.
    WrongRecoveryCode,
    /// The text typed is not a recovery code at all.
    InvalidRecoveryCode,
    /// Too many wrong passwords or codes in a row: unlocking waits (see the profile's `lockedUntil`).
    LockedOut,
    /// No profile with that id.
    UnknownProfile,
    /// The profile's registry entry or key slot was altered or damaged.
    DamagedProfile,
    /// The registry file as a whole cannot be read.
    DamagedRegistry,
    /// The encrypted ledger failed authentication: damaged or tampered.
    TamperedLedger,
    /// The chosen file is not a Coffer backup, or one made by a newer Coffer.
    NotABackup,
    /// The backup file was damaged or changed after it was written; nothing was restored.
    DamagedBackup,
    /// The backup was taken from another profile, so it cannot replace this one.
    BackupOfAnotherProfile,
    /// The data directory cannot be created or written.
    DataDir,
    /// Any other storage failure (I/O, SQLite).
    Storage,
    /// An expense's date is not a real `YYYY-MM-DD` date.
    InvalidDate,
    /// An amount is not a positive number in the currency, or too large.
    InvalidAmount,
    /// An expense's description is empty, too long or has line breaks.
    InvalidDescription,
    /// An expense's notes are too long.
    InvalidNotes,
    /// An expense's payment method is too long.
    InvalidPaymentMethod,
    /// The category chosen (for an expense, or to move expenses to) cannot be used.
    InvalidCategory,
    /// A category name is empty, too long or has line breaks.
    InvalidCategoryName,
    /// A colour is not `#rrggbb`.
    InvalidColor,
    /// Not a currency Coffer knows, or it cannot change any more.
    InvalidCurrency,
    /// A search or filter of the expense list makes no sense.
    InvalidFilter,
    /// Not a real `YYYY-MM` month.
    InvalidMonth,
    /// Alert thresholds outside 1-200 %, duplicated, or too many.
    InvalidThreshold,
    /// A report's period is not a real span of days (it ends before it starts).
    InvalidPeriod,
    /// A chart cannot be drawn as asked (a size out of range, a span too long).
    InvalidChart,
    /// The file to import cannot be read, or is not an export Coffer understands.
    ImportUnreadable,
    /// The chosen columns do not fit the file (no date or amount, or out of range).
    InvalidColumns,
    /// The file's dates read both day-first and month-first: a format must be chosen.
    AmbiguousDates,
    /// Some rows cannot be read and leaving them out was not confirmed.
    ImportProblems,
    /// The file holds no expense to import.
    NothingToImport,
    /// No import with that id (it was undone already).
    UnknownImport,
    /// The person cancelled the import (or its preview); nothing was written.
    ImportCancelled,
    /// The export file could not be written.
    ExportFailed,
    /// No category with that id.
    UnknownCategory,
    /// No expense with that id.
    UnknownExpense,
    /// Another category already has this name (case-insensitive).
    DuplicateCategory,
    /// The category has expenses and no destination was chosen for them.
    CategoryInUse,
    /// The only category cannot be deleted.
    LastCategory,
    /// There is no deleted expense with that id to bring back.
    NothingToUndo,
    /// The ledger was written by a newer Coffer.
    NewerLedger,
    /// The ledger decrypts but its contents make no sense.
    DamagedLedger,
    /// Only an admin may do that, and the unlocked profile is a member.
    Forbidden,
    /// The last admin cannot be removed or made a member.
    LastAdmin,
    /// The name typed to confirm a removal is not the profile's name.
    ConfirmationMismatch,
    /// A house rule outside its range.
    InvalidPolicy,
    /// The house rules let only an admin create profiles.
    CreationClosed,
    /// A data command was called with no unlocked profile.
    Locked,
    /// The request itself was malformed (e.g. an id that is not an id).
    InvalidRequest,
    /// A bug: something that should not happen.
    Internal,
}

/// An error as the webview sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    /// What kind of failure, for the UI to branch on.
    pub code: ErrorCode,
    /// A specific, human explanation (shown as text).
    pub message: String,
}

impl AppError {
    /// An error of `code` with `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The error every data command returns while no profile is unlocked.
    pub fn locked() -> Self {
        Self::new(
            ErrorCode::Locked,
            "Coffer is locked. Unlock a profile first.",
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<coffer_vault::Error> for AppError {
    fn from(err: coffer_vault::Error) -> Self {
        use coffer_vault::Error as E;
        let code = match &err {
            E::InvalidName { .. } => ErrorCode::InvalidName,
            E::DuplicateName => ErrorCode::DuplicateName,
            E::WeakPassword { .. } => ErrorCode::WeakPassword,
            E::WrongPassword => ErrorCode::WrongPassword,
            E::WrongRecoveryCode => ErrorCode::WrongRecoveryCode,
            E::InvalidRecoveryCode => ErrorCode::InvalidRecoveryCode,
            E::LockedOut { .. } => ErrorCode::LockedOut,
            E::NotAdmin | E::RemovingYourself => ErrorCode::Forbidden,
            E::LastAdmin => ErrorCode::LastAdmin,
            E::ConfirmationMismatch { .. } => ErrorCode::ConfirmationMismatch,
            E::InvalidPolicy { .. } => ErrorCode::InvalidPolicy,
            E::CreationClosed => ErrorCode::CreationClosed,
            E::UnknownProfile => ErrorCode::UnknownProfile,
            E::DamagedProfile { .. } => ErrorCode::DamagedProfile,
            E::DamagedRegistry { .. } => ErrorCode::DamagedRegistry,
            E::TamperedLedger { .. } => ErrorCode::TamperedLedger,
            E::NotABackup { .. } => ErrorCode::NotABackup,
            E::DamagedBackup { .. } => ErrorCode::DamagedBackup,
            E::BackupOfAnotherProfile => ErrorCode::BackupOfAnotherProfile,
            E::DataDir { .. } => ErrorCode::DataDir,
            E::Io { .. } | E::Database(_) => ErrorCode::Storage,
            // The shell only ever passes the vault's own parameter constants.
            E::WeakKdf => ErrorCode::Internal,
        };
        Self::new(code, err.to_string())
    }
}

impl From<coffer_ledger::Error> for AppError {
    fn from(err: coffer_ledger::Error) -> Self {
        use coffer_ledger::{Error as E, Field as F};
        let code = match &err {
            _ if err.is_tampering() => ErrorCode::TamperedLedger,
            E::Invalid { field, .. } => match field {
                F::Date => ErrorCode::InvalidDate,
                F::Amount => ErrorCode::InvalidAmount,
                F::Description => ErrorCode::InvalidDescription,
                F::Notes => ErrorCode::InvalidNotes,
                F::PaymentMethod => ErrorCode::InvalidPaymentMethod,
                F::Category => ErrorCode::InvalidCategory,
                F::CategoryName => ErrorCode::InvalidCategoryName,
                F::Color => ErrorCode::InvalidColor,
                F::Currency => ErrorCode::InvalidCurrency,
                F::Filter => ErrorCode::InvalidFilter,
                F::Month => ErrorCode::InvalidMonth,
                F::Threshold => ErrorCode::InvalidThreshold,
                F::Period => ErrorCode::InvalidPeriod,
            },
            E::UnknownCategory(_) => ErrorCode::UnknownCategory,
            E::UnknownExpense(_) => ErrorCode::UnknownExpense,
            E::DuplicateCategory(_) => ErrorCode::DuplicateCategory,
            E::CategoryInUse { .. } => ErrorCode::CategoryInUse,
            E::LastCategory => ErrorCode::LastCategory,
            E::AlreadyRestored(_) => ErrorCode::NothingToUndo,
            E::UnknownImport(_) => ErrorCode::UnknownImport,
            E::NothingToImport => ErrorCode::NothingToImport,
            E::NewerSchema { .. } => ErrorCode::NewerLedger,
            E::Damaged { .. } => ErrorCode::DamagedLedger,
            E::NotMigrated { .. } | E::Migration { .. } | E::Database(_) => ErrorCode::Storage,
        };
        Self::new(code, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffer_ledger::{Error as E, Field};

    #[test]
    fn ledger_errors_keep_their_code_across_ipc() {
        let fields = [
            Field::Date,
            Field::Amount,
            Field::Description,
            Field::Notes,
            Field::PaymentMethod,
            Field::Category,
            Field::CategoryName,
            Field::Color,
            Field::Currency,
            Field::Filter,
            Field::Month,
            Field::Threshold,
            Field::Period,
        ];
        let errors = fields
            .into_iter()
            .map(|field| E::invalid(field, "x"))
            .chain([
                E::UnknownCategory(1),
                E::UnknownExpense(1),
                E::DuplicateCategory("x".into()),
                E::CategoryInUse {
                    name: "x".into(),
                    count: 1,
                },
                E::LastCategory,
                E::UnknownImport(1),
                E::NothingToImport,
                E::NewerSchema {
                    found: 9,
                    supported: 2,
                },
                E::Damaged { reason: "x".into() },
            ]);
        for err in errors {
            let ledger_code = err.code();
            let message = err.to_string();
            let app = AppError::from(err);
            let wire = serde_json::to_value(app.code).expect("serialises");
            assert_eq!(wire, ledger_code, "{message}");
            assert_eq!(app.message, message, "the ledger's sentence is passed on");
        }
    }
}
