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
    /// No profile with that id.
    UnknownProfile,
    /// The profile's registry entry or key slot was altered or damaged.
    DamagedProfile,
    /// The registry file as a whole cannot be read.
    DamagedRegistry,
    /// The encrypted ledger failed authentication: damaged or tampered.
    TamperedLedger,
    /// The data directory cannot be created or written.
    DataDir,
    /// Any other storage failure (I/O, SQLite).
    Storage,
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
            E::UnknownProfile => ErrorCode::UnknownProfile,
            E::DamagedProfile { .. } => ErrorCode::DamagedProfile,
            E::DamagedRegistry { .. } => ErrorCode::DamagedRegistry,
            E::TamperedLedger { .. } => ErrorCode::TamperedLedger,
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
        let code = if err.is_tampering() {
            ErrorCode::TamperedLedger
        } else {
            ErrorCode::Storage
        };
        Self::new(code, err.to_string())
    }
}
