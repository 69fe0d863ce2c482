//! Coffer's fault injection: turns the promise that a household's records are never lost and never
//! half-read into reproducible figures.
//!
//! * [`crash`]: a worker process runs a realistic workload on a profile (imports of many rows as one
//!   batch, single edits, budget changes, renames, password and house-rule changes) and is killed with
//!   SIGKILL at seeded random moments; after each kill the parent checks, in-process, that the profile
//!   unlocks, passes `PRAGMA integrity_check`, holds every committed change and no half of any
//!   transaction, and that its aggregates still equal a recomputation ([`check`]). What the worker was
//!   doing comes from an fsynced [`intent`] log outside the data directory.
//! * [`tamper`]: flips single bytes in a profile's ledger, its write-ahead log, the registry, a key slot
//!   and a backup, each on a fresh copy, and classifies what Coffer does with each: refuse with a clear
//!   error, or open with provably unchanged data — never different data, never a panic.
//!
//! The binary `coffer-faults` runs both (`crash`, `tamper`); its hidden `worker` subcommand is the
//! crash test's child. Everything uses the weakest accepted key derivation ([`KdfParams::FLOOR`]) and
//! seeded randomness, so runs are fast and repeatable; kill moments still depend on timing.
//!
//! [`KdfParams::FLOOR`]: coffer_vault::KdfParams::FLOOR

pub mod check;
pub mod crash;
pub mod dump;
pub mod intent;
pub mod tamper;
pub mod workload;

use std::fmt;

/// A harness failure, said in one sentence (not a finding about Coffer: those are reported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

macro_rules! failure_from {
    ($($source:ty),*) => {$(
        impl From<$source> for Failure {
            fn from(err: $source) -> Self {
                Failure(err.to_string())
            }
        }
    )*};
}
failure_from!(
    coffer_ledger::Error,
    coffer_vault::Error,
    coffer_vault::rusqlite::Error,
    std::io::Error,
    serde_json::Error,
    String
);

impl From<&str> for Failure {
    fn from(err: &str) -> Self {
        Failure(err.to_owned())
    }
}

/// The harness's fixed "now": every operation's time is this plus its sequence number.
pub const BASE_TIME: i64 = 1_767_225_600;

/// Opens the data directory at `root` with the fastest accepted key derivation.
pub fn open_vault(root: &std::path::Path) -> Result<coffer_vault::Vault, Failure> {
    Ok(coffer_vault::Vault::open(root)?.with_kdf(coffer_vault::KdfParams::FLOOR)?)
}

/// The folder a run works in: `dir` if given (created, and it must be empty), else a new temporary
/// folder named after `prefix`, which the returned guard removes when dropped (a run keeps it by
/// taking it out of the guard when something failed).
pub fn work_dir(
    dir: Option<&std::path::Path>,
    prefix: &str,
) -> Result<(Option<tempfile::TempDir>, std::path::PathBuf), Failure> {
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            if std::fs::read_dir(dir)?.next().is_some() {
                return Err(Failure(format!("{} is not empty", dir.display())));
            }
            Ok((None, dir.to_path_buf()))
        }
        None => {
            let temp = tempfile::Builder::new().prefix(prefix).tempdir()?;
            let root = temp.path().to_path_buf();
            Ok((Some(temp), root))
        }
    }
}
