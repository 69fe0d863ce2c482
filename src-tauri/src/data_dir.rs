//! Where a person's profiles live: the platform's per-user *local* (never roaming) data
//! directory, or `COFFER_DATA_DIR` for tests and portable installs.

use std::path::PathBuf;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "COFFER_DATA_DIR";

/// Resolves the data directory, or explains why none could be found.
///
/// Local rather than roaming data: on Windows, roaming profiles are copied to domain servers,
/// and a ledger has no business travelling there even encrypted.
pub fn resolve_data_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("app", "Coffer", "Coffer")
        .map(|dirs| dirs.data_local_dir().to_path_buf())
        .ok_or_else(|| {
            format!("No home directory was found for this user; set {DATA_DIR_ENV} to choose where Coffer keeps its data.")
        })
}
