//! Shared by the IPC and end-to-end tests: copying a data folder as a crash or power cut leaves it.

use std::io;
use std::path::Path;

/// Copies the data folder `from` into `to` (which may exist), leaving out SQLite's shared-memory
/// index (`-shm`): it is rebuilt from the log, as after a reboot.
pub fn copy_data_folder(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_data_folder(&source, &dest)?;
        } else if !entry.file_name().to_string_lossy().ends_with("-shm") {
            std::fs::copy(&source, &dest)?;
        }
    }
    Ok(())
}
