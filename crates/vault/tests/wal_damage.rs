//! A leftover `-wal` with a flipped byte, in a copy of a real data folder taken while the profile was
//! open: damage that no power cut can leave is refused, naming the log, before SQLite's recovery can
//! skip over it; damage in the log's last transaction opens the profile as of the commit before, as
//! after a power cut.

mod common;

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use coffer_vault::wal::{self, WalLayout};
use coffer_vault::{Error, Password, ProfileId};
use common::{NOW, PASSWORD, TestVault, open_fast, read_rows, write_rows};
use tempfile::TempDir;

/// Rows of the notes table.
type Rows = Vec<(i64, String)>;

/// What an unlock read: the rows, and whether the session says it lost the last change.
type Opened = (Rows, bool);

/// A copy of a data folder whose ledger has three commits only in its log.
struct Pristine {
    dir: TempDir,
    id: ProfileId,
    /// The rows as of each commit in the log: `states[0]` before the first, the last is current.
    states: Vec<Rows>,
}

impl Pristine {
    fn new() -> Pristine {
        let t = TestVault::new();
        let mut session = t.create("Alice", 1);
        let id = session.profile().id;
        let mut rows = write_rows(&mut session, "in the ledger file", 20);
        session
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("the log is folded into the ledger");
        let mut states = vec![rows.clone()];
        for commit in ["first", "second", "third"] {
            rows.extend(write_rows(&mut session, commit, 5));
            states.push(rows.clone());
        }
        // Copied while the connection is open: SQLite removes the log when the last one closes.
        let dir = tempfile::tempdir().expect("a temporary directory");
        copy_dir(t.root(), dir.path());
        session.close().expect("closes");
        Pristine { dir, id, states }
    }

    /// A fresh copy of the data folder.
    fn scratch(&self) -> TempDir {
        let dir = tempfile::tempdir().expect("a temporary directory");
        copy_dir(self.dir.path(), dir.path());
        dir
    }

    fn log(&self, root: &Path) -> PathBuf {
        wal::log_path(&root.join("profiles").join(format!("{}.db", self.id)))
    }

    fn layout(&self) -> WalLayout {
        let file = File::open(self.log(self.dir.path())).expect("the copy has a log");
        WalLayout::read(file)
            .expect("readable")
            .expect("the log has a valid header")
    }

    /// Unlocks the profile in a copy whose log has the byte at `offset` flipped.
    fn unlock_flipped(&self, offset: usize) -> (TempDir, coffer_vault::Result<Opened>) {
        let dir = self.scratch();
        let log = self.log(dir.path());
        let mut bytes = fs::read(&log).expect("readable");
        bytes[offset] ^= 0x01;
        fs::write(&log, &bytes).expect("writable");
        let rows = unlock(dir.path(), &self.id);
        (dir, rows)
    }
}

/// Unlocks `id` in the data folder at `root` and reads its rows.
fn unlock(root: &Path, id: &ProfileId) -> coffer_vault::Result<Opened> {
    let session = open_fast(root).unlock(id, &Password::from(PASSWORD), NOW)?;
    let rows = read_rows(&session)?;
    let lost = session.lost_last_change();
    session.close()?;
    Ok((rows, lost))
}

/// Copies the folder `from` into `to`, leaving out SQLite's shared-memory index (never copied: it is
/// rebuilt from the log).
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("creatable");
    for entry in fs::read_dir(from).expect("listable") {
        let entry = entry.expect("an entry");
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &dest);
        } else if !entry.file_name().to_string_lossy().ends_with("-shm") {
            fs::copy(&source, &dest).expect("copyable");
        }
    }
}

#[test]
fn the_untouched_copy_opens_with_every_commit_of_its_log() {
    let pristine = Pristine::new();
    let layout = pristine.layout();
    assert_eq!(layout.commits.len(), 3, "{layout:?}");
    assert_eq!(
        (layout.checksummed_frames, layout.header_checksum_ok),
        (layout.current_frames, true),
        "SQLite checksums the log over the encrypted bytes on disk: {layout:?}"
    );
    let (rows, lost) = unlock(pristine.scratch().path(), &pristine.id).expect("unlocks");
    assert_eq!(Some(&rows), pristine.states.last());
    assert!(!lost, "nothing was lost");
}

#[test]
fn a_flip_before_the_last_transaction_is_refused_naming_the_log() {
    let pristine = Pristine::new();
    let layout = pristine.layout();
    let first_page = 32 + 24 + 100;
    let second_commit = 32 + layout.commits[1] * layout.frame_len() + 24 + 7;
    for offset in [5, 20, first_page, second_commit] {
        let (dir, rows) = pristine.unlock_flipped(offset);
        let log = pristine.log(dir.path());
        match rows {
            Err(Error::TamperedLedger { path }) => assert_eq!(path, log, "byte {offset}"),
            other => panic!("byte {offset}: expected the log refused, got {other:?}"),
        }
        let err = unlock(dir.path(), &pristine.id).expect_err("still refused");
        assert_eq!(err.code(), "tampered_ledger");
        assert!(err.to_string().contains("-wal"), "{err}");
        // Nothing was recovered from or written to the log.
        let mut original = fs::read(pristine.log(pristine.dir.path())).expect("readable");
        original[offset] ^= 0x01;
        assert_eq!(fs::read(&log).expect("readable"), original, "byte {offset}");
    }
}

#[test]
fn a_flip_in_the_last_transaction_opens_as_of_the_commit_before() {
    let pristine = Pristine::new();
    let layout = pristine.layout();
    let last_commit = 32 + layout.commits[2] * layout.frame_len();
    for at in [24 + 100, 16] {
        let (dir, opened) = pristine.unlock_flipped(last_commit + at);
        assert_eq!(
            opened.expect("a torn last transaction unlocks"),
            (pristine.states[2].clone(), true),
            "byte {at} of the last commit frame: the commit before, and the session says so"
        );
        // SQLite recovered the log, so the next unlock has nothing left to tell.
        assert_eq!(
            unlock(dir.path(), &pristine.id).expect("unlocks again"),
            (pristine.states[2].clone(), false)
        );
    }
}
