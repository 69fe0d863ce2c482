//! Encrypted backups of one profile, so that a lost disk or a wrong deletion is not the end of a
//! household's records: one file holding the profile's ledger (still encrypted page by page under its
//! data key) and its key slots, sealed as a whole by a MAC; and the two ways back from such a file, as a
//! new profile or by rolling the same profile back.
//!
//! # File format (version 1)
//!
//! ```text
//! offset       size  field
//! 0            8     magic "COFFERBK"
//! 8            4     format version, u32 little-endian (= 1)
//! 12           4     header length H, u32 little-endian (1 ..= 65 536)
//! 16           H     header: UTF-8 JSON, below
//! 16 + H       L     ledger: L = header.ledger_len bytes
//! 16 + H + L   32    tag: keyed BLAKE2b-256 over bytes 0 .. 16 + H + L
//! ```
//!
//! The file ends right after the tag. The header (unknown fields refused):
//!
//! ```json
//! { "format": "coffer/backup", "version": 1,
//!   "profile": { "id": "…32 hex…", "name": "Alice", "created_at": 1767225600 },
//!   "taken_at": 1767312000, "ledger_len": 20480,
//!   "slots": [ { "kind": "password", "kdf": { "algorithm": "argon2id", "version": 19, "memory_kib": 131072,
//!                "iterations": 4, "parallelism": 1 },
//!                "salt": "…", "nonce": "…", "wrapped_key": "…" },
//!              { "kind": "recovery", … } ] }
//! ```
//!
//! `slots` are the profile's registry key slots at the time of the backup, copied verbatim in the
//! registry's form (see the `registry` module): exactly one password slot and at most one recovery slot.
//!
//! # What protects what
//!
//! * **The ledger** is a consistent snapshot taken with `VACUUM INTO` on the profile's open connection.
//!   sqlite3mc gives the target of `VACUUM INTO` (an attached database without a key of its own) the main
//!   database's cipher and key, so every page is ChaCha20-Poly1305-encrypted under the profile's data
//!   key (DEK), exactly as unreadable as the profile itself. Writing a backup refuses a snapshot that
//!   starts with SQLite's plaintext header, and opens it with the DEK before using it; the tests search the
//!   raw backup for the ledger's text.
//! * **The slots** wrap the DEK under the password and the recovery code, bound to the profile id by their
//!   associated data, as in the registry. Their Argon2id parameters are range-checked
//!   ([`KdfParams::is_accepted`](crate::KdfParams::is_accepted)) before any derivation, so an edited header
//!   cannot make Coffer allocate gigabytes.
//! * **The tag** is `BLAKE2b-256-MAC(key = K, every byte before the tag)` with
//!   `K = BLAKE2b-256-MAC(key = DEK, "coffer/backup/mac/v1")`: the DEK itself is never a MAC key. Only
//!   someone holding the DEK can make a valid tag. It is compared in constant time, after a slot gave the
//!   DEK and before anything from the ledger bytes is used: a flipped byte anywhere (header, ledger, tag),
//!   a cut-off or a lengthened file is [`Error::DamagedBackup`], and nothing is restored.
//!
//! Until the tag is checked, nothing in the header is authentic: [`Vault::read_backup_header`] shows what
//! the file *claims* (a profile's name and the date), for the person to pick the right file.
//!
//! Guessing: whoever has a copy of a backup can try passwords or codes offline, slowed by Argon2id only
//! (the lockout counts attempts in the registry, which a backup file does not have), just as with a copy
//! of the data folder. Wrong secrets for a backup therefore do not count towards any lockout either.
//!
//! # Temporary files
//!
//! Snapshots and restored ledgers in the making live in the owner-only `profiles/` folder as
//! `.<purpose>-<n>.tmp` and are removed on every path, success or failure; only a crash can leave one
//! behind (encrypted like the ledger). A backup file is written as `<dest>.partial`, fsynced, and then
//! renamed over `<dest>`, so a crash never leaves half a file under the chosen name.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use blake2::Blake2bMac;
use blake2::digest::consts::U32;
use blake2::digest::{KeyInit, Mac};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::entropy::Entropy;
use crate::error::{Error, Result, classify, is_tampering};
use crate::fsutil;
use crate::keyslot::{DataKey, KeySlot, SlotKind, UnwrapFailed};
use crate::ledger_file::{self, OpenMode};
use crate::names::validate_name;
use crate::recovery::RecoveryCode;
use crate::registry::{Entry, StoredSlot, validate_slot};
use crate::secret::Password;
use crate::types::{ProfileId, UnixTime};
use crate::vault::{
    CreatedProfile, NewProfile, SIDE_FILE_SUFFIXES, Session, Vault, check_length, may_create,
    remove_ledger_files,
};

/// The first bytes of every backup file.
const MAGIC: &[u8; 8] = b"COFFERBK";
/// The format version written (and the only one read).
const FORMAT_VERSION: u32 = 1;
/// The header's `format` member.
const HEADER_FORMAT: &str = "coffer/backup";
/// The largest header accepted. A real header is well under 2 KiB; the cap keeps an edited length from
/// making Coffer read a huge file into memory.
pub(crate) const MAX_HEADER_LEN: u32 = 64 * 1024;
/// Magic, version and header length.
const PREFIX_LEN: usize = 16;
/// Length of the tag at the end.
const TAG_LEN: usize = 32;
/// What the tag key is derived over (keyed with the DEK).
const MAC_DOMAIN: &[u8] = b"coffer/backup/mac/v1";
/// How much of the ledger is read and written at a time.
const CHUNK: usize = 64 * 1024;
/// The first 16 bytes of every unencrypted SQLite database.
const SQLITE_PLAINTEXT_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Why a file shorter than its header says is refused.
const CUT_OFF: &str = "it is shorter than its header says, so it was cut off";
/// Why a file longer than its header says is refused.
const TOO_LONG: &str = "it has extra bytes after its end";
/// The schema name under which [`Vault::stage_restore`] attaches the staged copy to the session.
const STAGED_SCHEMA: &str = "coffer_staged_restore";

type BackupMac = Blake2bMac<U32>;

/// What [`Vault::write_backup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The name of the profile backed up.
    pub profile_name: String,
    /// When the backup was taken (the `now` passed in).
    pub taken_at: UnixTime,
    /// The size of the backup file in bytes.
    pub bytes: u64,
}

/// What a backup file's header *claims*, read without any secret (see [`Vault::read_backup_header`]).
///
/// Nothing here is authenticated until the backup is opened with its password or recovery code: show
/// the name and date as the file's claim ("Backup of “Alice”, taken 3 Nov 2026"), not as a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// The id of the profile the backup was taken from.
    pub profile_id: ProfileId,
    /// Its name at the time.
    pub profile_name: String,
    /// When that profile was created.
    pub profile_created_at: UnixTime,
    /// When the backup was taken.
    pub taken_at: UnixTime,
    /// Size of the ledger inside, in bytes.
    pub ledger_bytes: u64,
    /// Whether the backup can be opened with a recovery code (it has a recovery slot).
    pub has_recovery_slot: bool,
    /// Whether a profile with this id exists in this data directory: only then can the backup replace
    /// a profile ([`Vault::stage_restore`]); otherwise it can only be restored as a new one.
    pub exists_here: bool,
}

/// The secret that opens a backup: the profile's password or its recovery code *as they were when the
/// backup was taken*.
#[derive(Debug, Clone, Copy)]
pub enum BackupSecret<'a> {
    /// The password at the time of the backup.
    Password(&'a Password),
    /// The recovery code at the time of the backup.
    RecoveryCode(&'a RecoveryCode),
}

/// A backup checked and copied into place, ready to replace its profile's ledger with
/// [`Vault::commit_restore`]. Dropping it without committing removes the copy; the profile is untouched.
pub struct StagedRestore {
    profile_id: ProfileId,
    profile_name: String,
    taken_at: UnixTime,
    /// The verified copy of the backup's ledger, in `profiles/`.
    path: PathBuf,
    dek: DataKey,
    /// Set once the copy has been renamed into place (then there is nothing to remove).
    committed: bool,
}

impl StagedRestore {
    /// The profile the backup will replace.
    pub fn profile_id(&self) -> &ProfileId {
        &self.profile_id
    }

    /// The profile's name as recorded in the backup (authenticated).
    pub fn profile_name(&self) -> &str {
        &self.profile_name
    }

    /// When the backup was taken (authenticated).
    pub fn taken_at(&self) -> UnixTime {
        self.taken_at
    }
}

impl fmt::Debug for StagedRestore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StagedRestore")
            .field("profile_id", &self.profile_id)
            .field("taken_at", &self.taken_at)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Drop for StagedRestore {
    fn drop(&mut self) {
        if !self.committed {
            remove_ledger_files(&self.path);
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    profile: HeaderProfile,
    taken_at: UnixTime,
    ledger_len: u64,
    slots: Vec<StoredSlot>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderProfile {
    id: ProfileId,
    name: String,
    created_at: UnixTime,
}

/// A backup file whose prefix and header have been read and checked (but not yet authenticated), open
/// and positioned at the start of its ledger bytes.
struct OpenBackup {
    path: PathBuf,
    file: File,
    /// Magic, version, header length and header: the first bytes the tag covers.
    prefix: Vec<u8>,
    profile_id: ProfileId,
    profile_name: String,
    profile_created_at: UnixTime,
    taken_at: UnixTime,
    ledger_len: u64,
    slots: Vec<KeySlot>,
}

impl OpenBackup {
    fn damaged(&self, reason: impl Into<String>) -> Error {
        damaged(&self.path, reason)
    }

    fn slot(&self, kind: SlotKind) -> Option<&KeySlot> {
        self.slots.iter().find(|slot| slot.kind == kind)
    }
}

fn damaged(path: &Path, reason: impl Into<String>) -> Error {
    Error::DamagedBackup {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn not_a_backup(path: &Path, reason: impl Into<String>) -> Error {
    Error::NotABackup {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

impl Vault {
    /// Writes an encrypted backup of the unlocked `session`'s profile to `dest` (see the module docs for
    /// the format) and answers what was written.
    ///
    /// The person proves who they are with the profile's `password` first, exactly like an unlock: a
    /// wrong one is [`Error::WrongPassword`] and counts towards the lockout. The ledger is copied as a
    /// consistent snapshot (committed changes still in the write-ahead log included) while the session
    /// stays open. The backup holds the profile's current key slots, so it opens later with the
    /// password or recovery code the profile has *now*. `dest` may not lie inside the data directory;
    /// an existing file there is replaced (atomically) only once the new one is complete.
    pub fn write_backup(
        &self,
        session: &Session,
        password: &Password,
        dest: &Path,
        now: UnixTime,
    ) -> Result<BackupSummary> {
        let partial = partial_path(dest)?;
        self.refuse_inside_data_dir(dest)?;
        let id = session.profile.id;
        let (entry, dek) = self.open_slot(&id, SlotKind::Password, password, now)?;
        let (snapshot, file) = create_temp(&self.profiles_dir(), &format!("{id}.backup"))?;
        drop(file);
        let written = take_snapshot(session, &snapshot, &dek)
            .and_then(|()| write_backup_file(&snapshot, &entry, &dek, dest, &partial, now));
        remove_ledger_files(&snapshot);
        written
    }

    /// Reads what the backup at `path` claims to be, without any secret and without checking its tag
    /// (see [`BackupInfo`]), and whether its profile exists here.
    ///
    /// A file that is not a Coffer backup, or one from a newer Coffer, is [`Error::NotABackup`]; a
    /// header that cannot be read, is too large, has key-derivation parameters out of range or does
    /// not fit the file's size is [`Error::DamagedBackup`].
    pub fn read_backup_header(&self, path: &Path) -> Result<BackupInfo> {
        let backup = open_backup(path)?;
        let exists_here = self.load_registry()?.contains_id(&backup.profile_id);
        Ok(BackupInfo {
            profile_id: backup.profile_id,
            profile_name: backup.profile_name.clone(),
            profile_created_at: backup.profile_created_at,
            taken_at: backup.taken_at,
            ledger_bytes: backup.ledger_len,
            has_recovery_slot: backup.slot(SlotKind::Recovery).is_some(),
            exists_here,
        })
    }

    /// Creates a new profile named `name` from the backup at `path`, opened with `secret`, and returns
    /// it unlocked with a new recovery code (like [`Vault::create_profile`]).
    ///
    /// The new profile gets a fresh id, `now` as its creation time, and the role a new profile gets at
    /// the picker ([`Role::Admin`] in an empty data directory, else [`Role::Member`]; never the role
    /// the backup's profile had). It is refused like a new profile ([`Error::InvalidName`],
    /// [`Error::DuplicateName`], [`Error::CreationClosed`]). Its password is `new_password` if given,
    /// else the backup's password when that is the `secret`; with a recovery code a `new_password` is
    /// required. That password must meet the policy ([`Error::WeakPassword`]; a missing one counts as
    /// empty), checked before any key derivation. Its ledger holds the same data, still under the same
    /// data key: the ledger is not re-encrypted, so whoever can open the profile the backup came from
    /// (or any backup of it) could also decrypt this profile's ledger file, given a copy of it.
    ///
    /// A wrong secret is [`Error::WrongPassword`] or [`Error::WrongRecoveryCode`] (not counted: the
    /// backup's profile is not a profile here). A backup whose tag, header or ledger does not check out
    /// is [`Error::DamagedBackup`]. The ledger is copied and fully verified (tag, `PRAGMA
    /// integrity_check`, application id) before the registry is touched, and the registry is written
    /// last; on any failure nothing is left behind.
    pub fn restore_as_new(
        &self,
        path: &Path,
        secret: BackupSecret<'_>,
        name: &str,
        new_password: Option<&Password>,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<CreatedProfile> {
        let name = validate_name(name).map_err(|reason| Error::InvalidName { reason })?;
        let registry = self.load_registry()?;
        may_create(&registry, None, &name)?;
        let password = match (new_password, secret) {
            (Some(password), _) | (None, BackupSecret::Password(password)) => password,
            (None, BackupSecret::RecoveryCode(_)) => {
                return Err(Error::WeakPassword {
                    min_length: registry.policy.min_password_length.max(1),
                });
            }
        };
        check_length(&registry.policy, password)?;
        drop(registry);

        let mut backup = open_backup(path)?;
        let dek = self.open_backup_slot(&backup, secret)?;
        let (temp, out) = create_temp(&self.profiles_dir(), "restore")?;
        let verified = copy_verified(&mut backup, &dek, &temp, out)
            .and_then(|()| check_restored_ledger(&temp, &dek, path));
        let created = verified
            .and_then(|()| self.register_restored(&temp, &dek, name, password, now, entropy));
        if created.is_err() {
            remove_ledger_files(&temp);
        }
        created
    }

    /// Prepares rolling the unlocked `session`'s profile back to the backup at `path`, opened with
    /// `secret` (the password or recovery code the profile had when the backup was taken). Nothing is
    /// replaced yet: see [`Vault::commit_restore`].
    ///
    /// `confirm_name` must be the profile's name exactly ([`Error::ConfirmationMismatch`]), checked here
    /// so that a typo keeps the session. Only a backup of this very profile can replace it
    /// ([`Error::BackupOfAnotherProfile`]). The backup's ledger is copied next to the profile's and
    /// verified in full: tag, `PRAGMA integrity_check` and application id ([`Error::DamagedBackup`]),
    /// and that the profile's current key opens it. A wrong secret is [`Error::WrongPassword`] or
    /// [`Error::WrongRecoveryCode`], not counted (the session is already unlocked). On any error the
    /// session keeps working and nothing is left behind.
    pub fn stage_restore(
        &self,
        session: &Session,
        path: &Path,
        secret: BackupSecret<'_>,
        confirm_name: &str,
    ) -> Result<StagedRestore> {
        let id = session.profile.id;
        let entry = self.entry(&id)?;
        if confirm_name != entry.profile.name {
            return Err(Error::ConfirmationMismatch {
                expected: entry.profile.name,
            });
        }
        let mut backup = open_backup(path)?;
        if backup.profile_id != id {
            return Err(Error::BackupOfAnotherProfile);
        }
        let dek = self.open_backup_slot(&backup, secret)?;
        let (temp, out) = create_temp(&self.profiles_dir(), &format!("{id}.restore"))?;
        let staged = StagedRestore {
            profile_id: id,
            profile_name: backup.profile_name.clone(),
            taken_at: backup.taken_at,
            path: temp,
            dek,
            committed: false,
        };
        copy_verified(&mut backup, &staged.dek, &staged.path, out)?;
        check_restored_ledger(&staged.path, &staged.dek, path)?;
        check_same_key(session, &staged.path, path)?;
        Ok(staged)
    }

    /// Replaces the profile's ledger with the `staged` backup and returns the profile unlocked again.
    ///
    /// The session is closed first (its write-ahead log is folded into the old ledger and its side
    /// files are removed, so none of it can be replayed onto the restored one), then the staged copy is
    /// renamed over the ledger in one step and the folder is synced. The data key of a profile never
    /// changes, so its current password and recovery code open the restored ledger; the registry is not
    /// touched. The ledger is at every moment either the old one or the restored one in full.
    ///
    /// On an error the session is gone (unlock again): [`Error::BackupOfAnotherProfile`] if `staged`
    /// belongs to another profile; a failure to close or replace leaves the old ledger in place.
    pub fn commit_restore(&self, session: Session, mut staged: StagedRestore) -> Result<Session> {
        if staged.profile_id != session.profile.id {
            return Err(Error::BackupOfAnotherProfile);
        }
        let entry = self.entry(&staged.profile_id)?;
        if !staged.path.is_file() {
            return Err(Error::io(
                &staged.path,
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "the staged copy of the backup is gone",
                ),
            ));
        }
        let Session {
            ledger_path, conn, ..
        } = session;
        conn.close()
            .map_err(|(_, err)| classify(err, &ledger_path))?;
        for side in side_files(&ledger_path) {
            fsutil::remove_if_exists(&side).map_err(|err| Error::io(&side, err))?;
        }
        fs::rename(&staged.path, &ledger_path).map_err(|err| Error::io(&ledger_path, err))?;
        staged.committed = true;
        // The copy's own side files, should SQLite have left any (it removes them on a clean close).
        for side in side_files(&staged.path) {
            let _ = fsutil::remove_if_exists(&side);
        }
        let dir = self.profiles_dir();
        fsutil::sync_dir(&dir).map_err(|err| Error::io(&dir, err))?;
        self.open_session(entry, &staged.dek)
    }

    /// Opens the backup's slot matching `secret`: the data key, or why not.
    fn open_backup_slot(&self, backup: &OpenBackup, secret: BackupSecret<'_>) -> Result<DataKey> {
        let code_secret;
        let (kind, secret, wrong) = match secret {
            BackupSecret::Password(password) => {
                (SlotKind::Password, password, Error::WrongPassword)
            }
            BackupSecret::RecoveryCode(code) => {
                code_secret = code.as_secret();
                (SlotKind::Recovery, &code_secret, Error::WrongRecoveryCode)
            }
        };
        match backup
            .slot(kind)
            .map(|slot| slot.open(&backup.profile_id, secret))
        {
            Some(Ok(dek)) => Ok(dek),
            Some(Err(UnwrapFailed::Derivation(_))) => Err(self.out_of_memory()),
            Some(Err(UnwrapFailed::NotAuthentic)) | None => Err(wrong),
        }
    }

    /// Turns the verified copy at `temp` into a new profile: under the registry lock, checks the rules
    /// again, draws an id, seals the data key under `password` and a new recovery code, moves the copy
    /// into place, opens it, and writes the registry last. On failure the moved ledger is removed.
    fn register_restored(
        &self,
        temp: &Path,
        dek: &DataKey,
        name: String,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<CreatedProfile> {
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        may_create(&registry, None, &name)?;
        let dir = self.profiles_dir();
        let new = NewProfile {
            name,
            password,
            dek,
            now,
        };
        self.add_profile(&mut registry, new, entropy, |path| {
            fs::rename(temp, path).map_err(|err| Error::io(path, err))?;
            fsutil::sync_dir(&dir).map_err(|err| Error::io(&dir, err))?;
            ledger_file::open_ledger(path, dek, OpenMode::Existing)
        })
    }

    /// Refuses a backup destination inside the data directory, where it could replace the registry or
    /// a ledger.
    fn refuse_inside_data_dir(&self, dest: &Path) -> Result<()> {
        let parent = match dest.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let parent = fs::canonicalize(parent).map_err(|err| Error::io(parent, err))?;
        let root = fs::canonicalize(self.root()).map_err(|err| Error::io(self.root(), err))?;
        if parent.starts_with(&root) {
            return Err(Error::io(
                dest,
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a backup cannot be saved inside Coffer's own data folder; choose another folder",
                ),
            ));
        }
        Ok(())
    }
}

/// The keyed MAC of a backup: its key is derived from the data key, never the data key itself.
fn backup_mac(dek: &DataKey) -> BackupMac {
    let mut derive =
        <BackupMac as KeyInit>::new_from_slice(&dek[..]).expect("a 32-byte key fits BLAKE2b's 64");
    derive.update(MAC_DOMAIN);
    let mut key = derive.finalize().into_bytes();
    let mac =
        <BackupMac as KeyInit>::new_from_slice(&key).expect("a 32-byte key fits BLAKE2b's 64");
    key.as_mut_slice().zeroize();
    mac
}

/// `<dest>.partial`, next to `dest`.
fn partial_path(dest: &Path) -> Result<PathBuf> {
    let name = dest.file_name().ok_or_else(|| {
        Error::io(
            dest,
            io::Error::new(io::ErrorKind::InvalidInput, "this is not a file name"),
        )
    })?;
    let mut partial = name.to_owned();
    partial.push(".partial");
    Ok(dest.with_file_name(partial))
}

/// The side files SQLite may keep next to `path`.
fn side_files(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    SIDE_FILE_SUFFIXES.iter().map(move |suffix| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        PathBuf::from(side)
    })
}

/// Creates a new, empty, owner-only temporary file `.<stem>-<n>.tmp` in `dir` (the first `n` free), and
/// removes any stale side files of that name so SQLite cannot mistake them for its own.
fn create_temp(dir: &Path, stem: &str) -> Result<(PathBuf, File)> {
    fsutil::create_private_dir(dir).map_err(|err| Error::io(dir, err))?;
    for n in 0..1000_u32 {
        let path = dir.join(format!(".{stem}-{n}.tmp"));
        match fsutil::open_private_file(&path, true) {
            Ok(file) => {
                for side in side_files(&path) {
                    if let Err(err) = fsutil::remove_if_exists(&side) {
                        drop(file);
                        remove_ledger_files(&path);
                        return Err(Error::io(&side, err));
                    }
                }
                return Ok((path, file));
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(Error::io(&path, err)),
        }
    }
    Err(Error::io(
        dir,
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            "too many unfinished backup or restore files",
        ),
    ))
}

/// A path as SQL text (`VACUUM INTO` and `ATTACH` take file names as text).
fn sql_path(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| {
        Error::io(
            path,
            io::Error::new(
                io::ErrorKind::InvalidFilename,
                "the data folder's path is not valid Unicode",
            ),
        )
    })
}

/// Copies the session's ledger into the empty file `target` with `VACUUM INTO`: one read transaction,
/// so a consistent snapshot of everything committed, write-ahead log included. The copy is encrypted with
/// the ledger's own key (see the module docs); this is checked, and the copy must open with `dek`.
fn take_snapshot(session: &Session, target: &Path, dek: &DataKey) -> Result<()> {
    session
        .conn
        .execute("VACUUM INTO ?1", [sql_path(target)?])
        .map_err(|err| classify(err, &session.ledger_path))?;
    let mut start = [0u8; 16];
    File::open(target)
        .and_then(|mut file| file.read_exact(&mut start))
        .map_err(|err| Error::io(target, err))?;
    if &start == SQLITE_PLAINTEXT_MAGIC {
        return Err(Error::io(
            target,
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the copy of the ledger was not encrypted, so no backup was written",
            ),
        ));
    }
    let conn = ledger_file::open_ledger(target, dek, OpenMode::Existing)?;
    conn.close().map_err(|(_, err)| classify(err, target))
}

/// Writes the backup of `entry`'s profile, whose ledger snapshot is at `snapshot`, to `partial`, then
/// renames it over `dest`. On failure `partial` is removed and `dest` is untouched.
fn write_backup_file(
    snapshot: &Path,
    entry: &Entry,
    dek: &DataKey,
    dest: &Path,
    partial: &Path,
    now: UnixTime,
) -> Result<BackupSummary> {
    let mut ledger = File::open(snapshot).map_err(|err| Error::io(snapshot, err))?;
    let ledger_len = ledger
        .metadata()
        .map_err(|err| Error::io(snapshot, err))?
        .len();
    let mut slots: Vec<&KeySlot> = entry.slots.iter().collect();
    slots.sort_by_key(|slot| match slot.kind {
        SlotKind::Password => 0,
        SlotKind::Recovery => 1,
    });
    let header = Header {
        format: HEADER_FORMAT.into(),
        version: FORMAT_VERSION,
        profile: HeaderProfile {
            id: entry.profile.id,
            name: entry.profile.name.clone(),
            created_at: entry.profile.created_at,
        },
        taken_at: now,
        ledger_len,
        slots: slots.into_iter().map(StoredSlot::from_slot).collect(),
    };
    let header = serde_json::to_vec(&header).expect("a backup header is plain JSON data");
    let header_len = u32::try_from(header.len())
        .ok()
        .filter(|len| *len <= MAX_HEADER_LEN)
        .ok_or_else(|| {
            Error::io(
                partial,
                io::Error::new(io::ErrorKind::InvalidData, "the backup header is too large"),
            )
        })?;

    let mut mac = backup_mac(dek);
    let written = (|| -> Result<u64> {
        let file =
            fsutil::open_private_file(partial, false).map_err(|err| Error::io(partial, err))?;
        let mut out = BufWriter::with_capacity(CHUNK, file);
        let mut put = |bytes: &[u8]| {
            mac.update(bytes);
            out.write_all(bytes).map_err(|err| Error::io(partial, err))
        };
        put(MAGIC)?;
        put(&FORMAT_VERSION.to_le_bytes())?;
        put(&header_len.to_le_bytes())?;
        put(&header)?;
        let mut buffer = vec![0u8; CHUNK];
        let mut copied = 0_u64;
        loop {
            let n = ledger
                .read(&mut buffer)
                .map_err(|err| Error::io(snapshot, err))?;
            if n == 0 {
                break;
            }
            put(&buffer[..n])?;
            copied += n as u64;
        }
        if copied != ledger_len {
            return Err(Error::io(
                snapshot,
                io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the snapshot changed while it was copied",
                ),
            ));
        }
        let tag = mac.finalize().into_bytes();
        out.write_all(&tag).map_err(|err| Error::io(partial, err))?;
        let file = out
            .into_inner()
            .map_err(|err| Error::io(partial, err.into_error()))?;
        file.sync_all().map_err(|err| Error::io(partial, err))?;
        let bytes = file
            .metadata()
            .map_err(|err| Error::io(partial, err))?
            .len();
        drop(file);
        fs::rename(partial, dest).map_err(|err| Error::io(dest, err))?;
        let dir = match dest.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        fsutil::sync_dir(dir).map_err(|err| Error::io(dir, err))?;
        Ok(bytes)
    })();
    match written {
        Ok(bytes) => Ok(BackupSummary {
            profile_name: entry.profile.name.clone(),
            taken_at: now,
            bytes,
        }),
        Err(err) => {
            let _ = fsutil::remove_if_exists(partial);
            Err(err)
        }
    }
}

/// Reads as many bytes as `buf` holds, or fewer at the end of the file; answers how many.
fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Opens the backup at `path` and reads and checks its prefix and header (not its tag).
fn open_backup(path: &Path) -> Result<OpenBackup> {
    let io_error = |err| Error::io(path, err);
    let mut file = File::open(path).map_err(io_error)?;
    let file_len = file.metadata().map_err(io_error)?.len();
    let mut prefix = vec![0u8; PREFIX_LEN];
    let read = read_up_to(&mut file, &mut prefix).map_err(io_error)?;
    if read < MAGIC.len() || prefix[..MAGIC.len()] != MAGIC[..] {
        return Err(not_a_backup(path, "it is not a Coffer backup"));
    }
    if read < PREFIX_LEN {
        return Err(damaged(path, CUT_OFF));
    }
    let word = |at: usize| {
        u32::from_le_bytes([prefix[at], prefix[at + 1], prefix[at + 2], prefix[at + 3]])
    };
    match word(8) {
        FORMAT_VERSION => {}
        0 => return Err(damaged(path, "its format version is not valid")),
        newer => {
            return Err(not_a_backup(
                path,
                format!(
                    "it was made by a newer version of Coffer (backup format {newer}); update Coffer to restore it"
                ),
            ));
        }
    }
    let header_len = word(12);
    if header_len == 0 {
        return Err(damaged(path, "its header is empty"));
    }
    if header_len > MAX_HEADER_LEN {
        return Err(damaged(
            path,
            format!(
                "its header claims {header_len} bytes, more than the {} KiB any Coffer backup has",
                MAX_HEADER_LEN / 1024
            ),
        ));
    }
    let header_len = header_len as usize;
    let fixed = (PREFIX_LEN + header_len + TAG_LEN) as u64;
    if file_len < fixed {
        return Err(damaged(path, CUT_OFF));
    }
    prefix.resize(PREFIX_LEN + header_len, 0);
    if read_up_to(&mut file, &mut prefix[PREFIX_LEN..]).map_err(io_error)? < header_len {
        return Err(damaged(path, CUT_OFF));
    }
    let header: Header = serde_json::from_slice(&prefix[PREFIX_LEN..])
        .map_err(|err| damaged(path, format!("its header is not as expected ({err})")))?;
    if header.format != HEADER_FORMAT || header.version != FORMAT_VERSION {
        return Err(damaged(
            path,
            "its header is not a Coffer backup header of this version",
        ));
    }
    match validate_name(&header.profile.name) {
        Ok(name) if name == header.profile.name => {}
        _ => return Err(damaged(path, "its profile name is not valid")),
    }
    let slots = header
        .slots
        .iter()
        .map(validate_slot)
        .collect::<Result<Vec<KeySlot>, String>>()
        .map_err(|reason| damaged(path, reason))?;
    let count = |kind| slots.iter().filter(|slot| slot.kind == kind).count();
    if count(SlotKind::Password) != 1 || count(SlotKind::Recovery) > 1 {
        return Err(damaged(
            path,
            "its key slots are not one password slot and at most one recovery slot",
        ));
    }
    if header.ledger_len == 0 {
        return Err(damaged(path, "it holds no ledger"));
    }
    match fixed.checked_add(header.ledger_len) {
        Some(total) if total == file_len => {}
        Some(total) if total < file_len => return Err(damaged(path, TOO_LONG)),
        _ => return Err(damaged(path, CUT_OFF)),
    }
    Ok(OpenBackup {
        path: path.to_path_buf(),
        file,
        prefix,
        profile_id: header.profile.id,
        profile_name: header.profile.name,
        profile_created_at: header.profile.created_at,
        taken_at: header.taken_at,
        ledger_len: header.ledger_len,
        slots,
    })
}

/// Copies the backup's ledger bytes into `out` (the new temporary file at `dest`), computing the tag on
/// the way, and checks the tag at the end (in constant time) and that nothing follows it. The copy is
/// fsynced. The caller removes `dest` on failure.
fn copy_verified(backup: &mut OpenBackup, dek: &DataKey, dest: &Path, out: File) -> Result<()> {
    let mut mac = backup_mac(dek);
    mac.update(&backup.prefix);
    let mut out = BufWriter::with_capacity(CHUNK, out);
    let mut buffer = vec![0u8; CHUNK];
    let mut remaining = backup.ledger_len;
    let read_error = |backup: &OpenBackup, err: io::Error| {
        if err.kind() == io::ErrorKind::UnexpectedEof {
            backup.damaged(CUT_OFF)
        } else {
            Error::io(&backup.path, err)
        }
    };
    while remaining > 0 {
        let n = usize::try_from(remaining).map_or(CHUNK, |remaining| remaining.min(CHUNK));
        backup
            .file
            .read_exact(&mut buffer[..n])
            .map_err(|err| read_error(backup, err))?;
        mac.update(&buffer[..n]);
        out.write_all(&buffer[..n])
            .map_err(|err| Error::io(dest, err))?;
        remaining -= n as u64;
    }
    let mut tag = [0u8; TAG_LEN];
    backup
        .file
        .read_exact(&mut tag)
        .map_err(|err| read_error(backup, err))?;
    if read_up_to(&mut backup.file, &mut [0u8; 1]).map_err(|err| Error::io(&backup.path, err))? != 0
    {
        return Err(backup.damaged(TOO_LONG));
    }
    mac.verify_slice(&tag)
        .map_err(|_| backup.damaged("its contents do not match the tag Coffer sealed it with"))?;
    let out = out
        .into_inner()
        .map_err(|err| Error::io(dest, err.into_error()))?;
    out.sync_all().map_err(|err| Error::io(dest, err))
}

/// Opens the restored copy at `temp` with `dek` and reads all of it (`PRAGMA integrity_check`, the
/// application id); any failure to decrypt or check is [`Error::DamagedBackup`] of `backup_path`.
fn check_restored_ledger(temp: &Path, dek: &DataKey, backup_path: &Path) -> Result<()> {
    let as_damaged = |err: Error| match err {
        Error::TamperedLedger { .. } => damaged(
            backup_path,
            "its ledger does not decrypt, is not a Coffer ledger, or fails its integrity check",
        ),
        other => other,
    };
    let conn = ledger_file::open_ledger(temp, dek, OpenMode::Existing).map_err(as_damaged)?;
    ledger_file::check_integrity(&conn, temp).map_err(as_damaged)?;
    conn.close()
        .map_err(|(_, err)| as_damaged(classify(err, temp)))?;
    for side in side_files(temp) {
        fsutil::remove_if_exists(&side).map_err(|err| Error::io(&side, err))?;
    }
    Ok(())
}

/// Checks that the key the session's ledger is open with opens the staged copy too: attached without a
/// key of its own, the copy gets the session's key (sqlite3mc), so reading its schema succeeds only if
/// both keys are the same. This is what lets [`Vault::commit_restore`] keep the registry's key slots.
fn check_same_key(session: &Session, staged: &Path, backup_path: &Path) -> Result<()> {
    let conn = &session.conn;
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {STAGED_SCHEMA}"),
        [sql_path(staged)?],
    )
    .map_err(|err| classify(err, staged))?;
    let read = conn.query_row(
        &format!("SELECT count(*) FROM {STAGED_SCHEMA}.sqlite_schema"),
        [],
        |row| row.get::<_, i64>(0),
    );
    let detached = conn.execute_batch(&format!("DETACH DATABASE {STAGED_SCHEMA}"));
    match read {
        Ok(_) => {}
        Err(err) if is_tampering(&err) => {
            return Err(damaged(
                backup_path,
                "its ledger does not open with this profile's key",
            ));
        }
        Err(err) => return Err(Error::Database(err)),
    }
    detached.map_err(|err| classify(err, &session.ledger_path))?;
    for side in side_files(staged) {
        fsutil::remove_if_exists(&side).map_err(|err| Error::io(&side, err))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroizing;

    const MARKER: &str = "MARKER-VACUUM-INTO-c0ffee";

    fn key(byte: u8) -> DataKey {
        Zeroizing::new([byte; 32])
    }

    fn find(haystack: &[u8], needle: &[u8]) -> bool {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    }

    /// The claim the whole format rests on: sqlite3mc encrypts the target of `VACUUM INTO` with the
    /// source's cipher and key. Checked on the raw bytes, before Coffer does anything else to them.
    #[test]
    fn vacuum_into_writes_a_copy_encrypted_under_the_same_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("source.db");
        fsutil::open_private_file(&source, true).expect("created");
        let dek = key(7);
        let conn = ledger_file::open_ledger(&source, &dek, OpenMode::New).expect("keyed");
        conn.execute_batch("CREATE TABLE notes (body TEXT NOT NULL)")
            .expect("table");
        for _ in 0..200 {
            conn.execute("INSERT INTO notes (body) VALUES (?1)", [MARKER])
                .expect("row");
        }
        let (target, file) = create_temp(dir.path(), "snapshot").expect("temp file");
        drop(file);
        conn.execute("VACUUM INTO ?1", [sql_path(&target).expect("utf-8")])
            .expect("vacuumed");

        let raw = fs::read(&target).expect("readable");
        assert!(
            raw.len() >= 4096,
            "the copy holds the table: {} bytes",
            raw.len()
        );
        assert!(!raw.starts_with(b"SQLite format 3"), "page 1 is encrypted");
        assert!(!find(&raw, MARKER.as_bytes()), "the rows are encrypted");
        assert!(!find(&raw, b"CREATE TABLE"), "the schema is encrypted");

        assert!(
            matches!(
                ledger_file::open_ledger(&target, &key(8), OpenMode::Existing),
                Err(Error::TamperedLedger { .. })
            ),
            "another key does not open the copy"
        );
        let copy = ledger_file::open_ledger(&target, &dek, OpenMode::Existing)
            .expect("the source's key opens it");
        let count: i64 = copy
            .query_row(
                "SELECT count(*) FROM notes WHERE body = ?1",
                [MARKER],
                |row| row.get(0),
            )
            .expect("readable");
        assert_eq!(count, 200);
        ledger_file::check_integrity(&copy, &target).expect("whole");
    }

    #[test]
    fn the_tag_key_is_derived_from_the_data_key_not_the_data_key_itself() {
        let tag = |mac: BackupMac| mac.chain_update(b"same bytes").finalize().into_bytes();
        let derived = tag(backup_mac(&key(1)));
        let direct = tag(<BackupMac as KeyInit>::new_from_slice(&[1; 32]).expect("key"));
        assert_ne!(derived, direct);
        assert_ne!(
            derived,
            tag(backup_mac(&key(2))),
            "another key, another tag"
        );
        assert_eq!(derived, tag(backup_mac(&key(1))), "deterministic");
    }

    #[test]
    fn the_partial_file_sits_next_to_the_destination() {
        assert_eq!(
            partial_path(Path::new("/backups/alice.cofferbackup")).expect("a file name"),
            Path::new("/backups/alice.cofferbackup.partial")
        );
        assert!(partial_path(Path::new("/")).is_err());
    }
}
