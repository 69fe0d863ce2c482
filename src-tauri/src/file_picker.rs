//! The native open and save dialogs as the state sees them: a function from a question to the path the
//! person chose. The path comes from Rust's own dialog, never from the webview, so a command that uses it
//! cannot be pointed at an arbitrary file; tests answer the question instead of a person.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt as _;

/// What a dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileQuestion {
    /// Where to save a backup of the profile, proposing `suggested_name`.
    SaveBackup {
        /// The file name the dialog proposes.
        suggested_name: String,
    },
    /// Which backup file to restore from.
    OpenBackup,
}

/// Answers a [`FileQuestion`]: `None` when the person cancelled. Called on a blocking thread, never with
/// the session lock held.
pub type FilePicker = Box<dyn Fn(FileQuestion) -> Option<PathBuf> + Send + Sync>;

/// The file extension of Coffer backups.
pub const BACKUP_EXTENSION: &str = "cofferbackup";

/// Where the dialogs open: the person's Documents folder, else their home folder (rather than GTK's
/// "Recent", which lists files of every program).
fn starting_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(
        dirs.document_dir()
            .filter(|d| d.is_dir())
            .unwrap_or_else(|| dirs.home_dir())
            .to_path_buf(),
    )
}

/// The real dialogs (`tauri-plugin-dialog`), for the running app.
pub(crate) fn native<R: Runtime>(app: AppHandle<R>) -> FilePicker {
    Box::new(move |question| {
        let mut dialog = app.dialog().file();
        if let Some(folder) = starting_folder() {
            dialog = dialog.set_directory(folder);
        }
        let picked = match question {
            FileQuestion::SaveBackup { suggested_name } => dialog
                .set_title("Save a backup")
                .set_file_name(suggested_name)
                .add_filter("Coffer backup", &[BACKUP_EXTENSION])
                .blocking_save_file(),
            FileQuestion::OpenBackup => dialog
                .set_title("Restore from a backup")
                .add_filter("Coffer backup", &[BACKUP_EXTENSION])
                .blocking_pick_file(),
        };
        picked.and_then(|p| p.into_path().ok())
    })
}
