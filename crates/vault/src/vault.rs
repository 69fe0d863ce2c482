//! The data directory and its operations: listing, creating and unlocking profiles; policy; preferences.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::error::{Error, Result, classify};
use crate::fsutil;
use crate::kdf::{KEY_LEN, KdfParams};
use crate::keyslot::{DataKey, KeySlot, SlotKind, UnwrapFailed};
use crate::ledger_file::{self, OpenMode};
use crate::names::validate_name;
use crate::registry::{Entry, ParsedEntry, REGISTRY_FILE, Registry};
use crate::secret::Password;
use crate::types::{
    Policy, Preferences, Profile, ProfileId, ProfileListing, Role, Theme, UnixTime,
};

/// Directory (inside the data directory) holding one encrypted ledger per profile.
const PROFILES_DIR: &str = "profiles";
/// App-wide preferences file (inside the data directory).
const PREFERENCES_FILE: &str = "preferences.json";
/// The file [`Vault::open`] writes and removes to prove the directory is writable.
const PROBE_FILE: &str = ".coffer-write-probe";
/// Suffixes of SQLite's side files next to a ledger.
const SIDE_FILE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// A Coffer data directory:
///
/// ```text
/// <root>/registry.json        profiles, policy, key slots (see the registry module docs)
/// <root>/profiles/<id>.db     one encrypted ledger per profile
/// <root>/preferences.json     app-wide, non-secret settings (theme)
/// ```
///
/// All methods take `&self`; changes to the registry are serialised by an internal lock. Two *processes*
/// on the same directory are not coordinated (the shell runs a single instance).
pub struct Vault {
    root: PathBuf,
    kdf: KdfParams,
    registry_lock: Mutex<()>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("root", &self.root)
            .field("kdf", &self.kdf)
            .finish_non_exhaustive()
    }
}

/// One unlocked profile: its [`Profile`] and the open, keyed connection to its ledger.
///
/// Dropping it closes the connection; sqlite3mc wipes its copy of the key when the connection closes. The
/// vault keeps no other copy of the data key.
pub struct Session {
    profile: Profile,
    ledger_path: PathBuf,
    conn: Connection,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("profile", &self.profile)
            .field("ledger_path", &self.ledger_path)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The unlocked profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The encrypted ledger connection. Map its errors with [`crate::classify`] and
    /// [`Session::ledger_path`].
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The encrypted ledger connection, mutably (for transactions and migrations).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The ledger file's path, for [`crate::classify`] and messages.
    pub fn ledger_path(&self) -> &Path {
        &self.ledger_path
    }

    /// Reads every page in use of the ledger (`PRAGMA integrity_check`); any decryption or structure
    /// failure is [`Error::TamperedLedger`]. Takes time proportional to the ledger's size.
    pub fn check_integrity(&self) -> Result<()> {
        ledger_file::check_integrity(&self.conn, &self.ledger_path)
    }

    /// Closes the connection, reporting any error SQLite has on close (e.g. a failed final checkpoint).
    pub fn close(self) -> Result<()> {
        let Session {
            ledger_path, conn, ..
        } = self;
        conn.close().map_err(|(_, err)| classify(err, &ledger_path))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PreferencesFile {
    format: String,
    version: u32,
    theme: Theme,
}

const PREFERENCES_FORMAT: &str = "coffer/preferences";

impl Vault {
    /// Opens the data directory at `root`, creating it (owner-only, 0700, on Unix) if missing, and checks
    /// that files can be created in it. Any failure is [`Error::DataDir`].
    ///
    /// New key slots use [`KdfParams::DEFAULT`]; see [`Vault::with_kdf`].
    pub fn open(root: &Path) -> Result<Vault> {
        let data_dir = |source| Error::DataDir {
            path: root.to_path_buf(),
            source,
        };
        fsutil::create_private_dir(root).map_err(data_dir)?;
        if !root.is_dir() {
            return Err(data_dir(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "it is not a folder",
            )));
        }
        let probe = root.join(PROBE_FILE);
        let written = fsutil::open_private_file(&probe, false)
            .and_then(|mut file| file.write_all(b"coffer"))
            .and_then(|()| fs::remove_file(&probe));
        if let Err(err) = written {
            let _ = fs::remove_file(&probe);
            return Err(data_dir(err));
        }
        Ok(Vault {
            root: root.to_path_buf(),
            kdf: KdfParams::DEFAULT,
            registry_lock: Mutex::new(()),
        })
    }

    /// Uses `params` for key slots created from now on (existing slots keep theirs). Parameters outside
    /// [`KdfParams::FLOOR`]…[`KdfParams::MAX`] are [`Error::WeakKdf`]. Tests use `KdfParams::FLOOR`.
    pub fn with_kdf(self, params: KdfParams) -> Result<Vault> {
        if !params.is_accepted() {
            return Err(Error::WeakKdf);
        }
        Ok(Vault {
            kdf: params,
            ..self
        })
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The policy stored in the registry (the default policy while there is no registry).
    pub fn policy(&self) -> Result<Policy> {
        Ok(self.load_registry()?.policy)
    }

    /// Every profile in registry order, damaged entries included (with `damaged: Some(reason)`).
    ///
    /// An entry so damaged that not even its id can be read is left out (it stays in the file untouched).
    /// A registry that cannot be read as a whole is [`Error::DamagedRegistry`].
    pub fn profiles(&self) -> Result<Vec<ProfileListing>> {
        Ok(self.load_registry()?.listings())
    }

    /// Creates a profile and its encrypted ledger, and returns it unlocked.
    ///
    /// The name is trimmed and checked ([`Error::InvalidName`], [`Error::DuplicateName`]), the password
    /// against the policy ([`Error::WeakPassword`]). The first profile ever created is [`Role::Admin`],
    /// every later one [`Role::Member`]. The ledger is created and keyed first and the registry written
    /// last, so a failure leaves no half-created profile: the new ledger file is removed again.
    pub fn create_profile(
        &self,
        name: &str,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<Session> {
        let name = validate_name(name).map_err(|reason| Error::InvalidName { reason })?;
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        if registry.has_name(&name) {
            return Err(Error::DuplicateName);
        }
        let min_length = registry.policy.min_password_length.max(1);
        if password.char_count() < usize::from(min_length) {
            return Err(Error::WeakPassword { min_length });
        }

        let id = loop {
            let mut bytes = [0u8; ProfileId::LEN];
            entropy.fill(&mut bytes);
            let id = ProfileId::from_bytes(bytes);
            if !registry.contains_id(&id) && !self.ledger_path(&id).exists() {
                break id;
            }
        };
        let mut dek: DataKey = Zeroizing::new([0u8; KEY_LEN]);
        entropy.fill(&mut dek[..]);
        let slot = KeySlot::seal(&id, SlotKind::Password, self.kdf, password, &dek, entropy)
            .map_err(|_| self.out_of_memory())?;

        let profile = Profile {
            id,
            name,
            role: if registry.is_empty() {
                Role::Admin
            } else {
                Role::Member
            },
            created_at: now,
        };
        let ledger_path = self.ledger_path(&id);
        let created = self.create_ledger(&ledger_path, &dek).and_then(|conn| {
            registry.push(Entry {
                profile: profile.clone(),
                failed_attempts: 0,
                slots: vec![slot],
            });
            registry.save()?;
            Ok(conn)
        });
        match created {
            Ok(conn) => Ok(Session {
                profile,
                ledger_path,
                conn,
            }),
            Err(err) => {
                remove_ledger_files(&ledger_path);
                Err(err)
            }
        }
    }

    /// Unlocks the profile `id` with `password`.
    ///
    /// The password is checked against the key slots first; a wrong one is [`Error::WrongPassword`], the
    /// registry's failed-attempt counter is incremented, and the ledger file is not touched at all. On
    /// success the counter is reset and the ledger is opened and verified ([`Error::TamperedLedger`] if it
    /// does not decrypt). A damaged entry is [`Error::DamagedProfile`], an unknown id
    /// [`Error::UnknownProfile`].
    pub fn unlock(&self, id: &ProfileId, password: &Password, now: UnixTime) -> Result<Session> {
        // `now` is part of the API for the coming lockout delay (which needs the time of the last failure).
        let _ = now;
        let entry = {
            let registry = self.load_registry()?;
            match registry.find(id) {
                None => return Err(Error::UnknownProfile),
                Some((_, ParsedEntry::Damaged(damaged))) => {
                    return Err(Error::DamagedProfile {
                        name: damaged.name.clone(),
                        reason: damaged.reason.clone(),
                    });
                }
                Some((_, ParsedEntry::Healthy(entry))) => entry.clone(),
            }
        };

        let mut dek = None;
        for slot in entry
            .slots
            .iter()
            .filter(|slot| slot.kind == SlotKind::Password)
        {
            match slot.open(id, password) {
                Ok(key) => {
                    dek = Some(key);
                    break;
                }
                Err(UnwrapFailed::NotAuthentic) => {}
                Err(UnwrapFailed::Derivation(_)) => return Err(self.out_of_memory()),
            }
        }
        let Some(dek) = dek else {
            self.update_failed_attempts(id, |count| count.saturating_add(1))?;
            return Err(Error::WrongPassword);
        };
        if entry.failed_attempts != 0 {
            self.update_failed_attempts(id, |_| 0)?;
        }

        let ledger_path = self.ledger_path(id);
        if !ledger_path.is_file() {
            return Err(Error::DamagedProfile {
                name: entry.profile.name,
                reason: format!("its ledger file {} is missing", ledger_path.display()),
            });
        }
        let conn = ledger_file::open_ledger(&ledger_path, &dek, OpenMode::Existing)?;
        Ok(Session {
            profile: entry.profile,
            ledger_path,
            conn,
        })
    }

    /// The app-wide preferences. A missing or unreadable preferences file gives the defaults: they are
    /// cosmetic, must never keep Coffer from starting, and are rewritten by the next
    /// [`Vault::set_preferences`].
    pub fn preferences(&self) -> Result<Preferences> {
        let path = self.root.join(PREFERENCES_FILE);
        let Some(bytes) = fsutil::read_optional(&path).map_err(|err| Error::io(&path, err))? else {
            return Ok(Preferences::default());
        };
        Ok(serde_json::from_slice::<PreferencesFile>(&bytes)
            .ok()
            .filter(|file| file.format == PREFERENCES_FORMAT && file.version == 1)
            .map(|file| Preferences { theme: file.theme })
            .unwrap_or_default())
    }

    /// Saves the app-wide preferences (atomically).
    pub fn set_preferences(&self, preferences: &Preferences) -> Result<()> {
        let path = self.root.join(PREFERENCES_FILE);
        let file = PreferencesFile {
            format: PREFERENCES_FORMAT.into(),
            version: 1,
            theme: preferences.theme,
        };
        let mut bytes = serde_json::to_vec_pretty(&file).expect("preferences are plain JSON data");
        bytes.push(b'\n');
        fsutil::write_atomically(&path, &bytes).map_err(|err| Error::io(&path, err))
    }

    fn registry_path(&self) -> PathBuf {
        self.root.join(REGISTRY_FILE)
    }

    fn ledger_path(&self, id: &ProfileId) -> PathBuf {
        self.root.join(PROFILES_DIR).join(format!("{id}.db"))
    }

    fn load_registry(&self) -> Result<Registry> {
        Registry::load(&self.registry_path())
    }

    fn lock_registry(&self) -> MutexGuard<'_, ()> {
        // The guarded data is `()`: a panic elsewhere cannot leave it inconsistent.
        self.registry_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Re-reads the registry and rewrites the counter of `id` (only that entry changes).
    fn update_failed_attempts(&self, id: &ProfileId, update: impl Fn(u32) -> u32) -> Result<()> {
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        let Some((index, ParsedEntry::Healthy(entry))) = registry.find(id) else {
            // The entry was removed or damaged meanwhile: nothing to count against.
            return Ok(());
        };
        let mut entry = entry.clone();
        entry.failed_attempts = update(entry.failed_attempts);
        registry.replace(index, entry);
        registry.save()
    }

    /// Creates the (empty, owner-only) ledger file and keys it as a new Coffer ledger.
    fn create_ledger(&self, path: &Path, dek: &DataKey) -> Result<Connection> {
        let dir = self.root.join(PROFILES_DIR);
        fsutil::create_private_dir(&dir).map_err(|err| Error::io(&dir, err))?;
        fsutil::open_private_file(path, true).map_err(|err| Error::io(path, err))?;
        let conn = ledger_file::open_ledger(path, dek, OpenMode::New)?;
        fsutil::sync_dir(&dir).map_err(|err| Error::io(&dir, err))?;
        Ok(conn)
    }

    fn out_of_memory(&self) -> Error {
        Error::io(
            &self.root,
            std::io::Error::new(
                std::io::ErrorKind::OutOfMemory,
                "not enough memory to derive the profile key",
            ),
        )
    }
}

/// Removes a ledger and its side files after a failed creation (best effort: the error that caused the
/// clean-up is the one reported).
fn remove_ledger_files(path: &Path) {
    let _ = fsutil::remove_if_exists(path);
    for suffix in SIDE_FILE_SUFFIXES {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = fsutil::remove_if_exists(Path::new(&side));
    }
}
