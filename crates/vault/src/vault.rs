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
use crate::recovery::RecoveryCode;
use crate::registry::{Entry, ParsedEntry, REGISTRY_FILE, Registry};
use crate::secret::Password;
use crate::types::{
    Policy, Preferences, Profile, ProfileId, ProfileListing, Role, Theme, UnixTime,
};
use crate::wal::{self, LogState};

/// Directory (inside the data directory) holding one encrypted ledger per profile.
pub(crate) const PROFILES_DIR: &str = "profiles";
/// App-wide preferences file (inside the data directory).
const PREFERENCES_FILE: &str = "preferences.json";
/// The file [`Vault::open`] writes and removes to prove the directory is writable.
const PROBE_FILE: &str = ".coffer-write-probe";
/// Suffixes of SQLite's side files next to a ledger.
pub(crate) const SIDE_FILE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

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
    pub(crate) profile: Profile,
    pub(crate) ledger_path: PathBuf,
    pub(crate) conn: Connection,
    /// See [`Session::lost_last_change`].
    pub(crate) lost_last_change: bool,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("profile", &self.profile)
            .field("ledger_path", &self.ledger_path)
            .field("lost_last_change", &self.lost_last_change)
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

    /// Whether opening the ledger dropped a last transaction that reached its `-wal` only in part: a
    /// power cut (or a crash of the computer) while it was being saved, or damage that cannot be told
    /// from one ([`wal::LogState::LastTransactionTorn`]). The profile opened as of the change before
    /// it; the person should be told to look at their latest entries.
    pub fn lost_last_change(&self) -> bool {
        self.lost_last_change
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

/// A profile just created: unlocked, with the recovery code to show the person once. The vault keeps
/// no copy of the code, only the key slot it opens.
#[derive(Debug)]
pub struct CreatedProfile {
    /// The new profile, unlocked.
    pub session: Session,
    /// Its recovery code.
    pub recovery_code: RecoveryCode,
}

/// What a new profile starts from: its (checked) name, its password, the key of its ledger, and
/// when it is made.
pub(crate) struct NewProfile<'a> {
    pub(crate) name: String,
    pub(crate) password: &'a Password,
    pub(crate) dek: &'a DataKey,
    pub(crate) now: UnixTime,
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
    /// that files can be created in it (any failure there is [`Error::DataDir`]); then repairs the
    /// registry if one of its two files was damaged or missing.
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
        let vault = Vault {
            root: root.to_path_buf(),
            kdf: KdfParams::DEFAULT,
            registry_lock: Mutex::new(()),
        };
        vault.repair_registry()?;
        Ok(vault)
    }

    /// Writes both registry files again when one was damaged, missing or a save behind (see the
    /// `registry` module), so that a second accident cannot take what the first one spared. A registry
    /// that cannot be read at all is left untouched here and reported where it is used.
    fn repair_registry(&self) -> Result<()> {
        let _guard = self.lock_registry();
        match self.load_registry() {
            Ok(registry) => registry.repair(),
            Err(_) => Ok(()),
        }
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

    /// Creates a profile and its encrypted ledger from the picker, and returns it unlocked with its new
    /// recovery code.
    ///
    /// The name is trimmed and checked ([`Error::InvalidName`], [`Error::DuplicateName`]), the password
    /// against the policy ([`Error::WeakPassword`]). The first profile ever created is [`Role::Admin`],
    /// every later one [`Role::Member`], and a later one only while the policy lets members create
    /// profiles ([`Error::CreationClosed`]). The ledger is created and keyed first and the registry
    /// written last, so a failure leaves no half-created profile: the new ledger file is removed again.
    pub fn create_profile(
        &self,
        name: &str,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<CreatedProfile> {
        self.create(None, name, password, now, entropy)
    }

    /// Creates a member profile on behalf of the admin `actor` (whatever the policy says about
    /// members creating profiles); otherwise as [`Vault::create_profile`]. [`Error::NotAdmin`] unless
    /// `actor` is an admin.
    pub fn create_member(
        &self,
        actor: &ProfileId,
        name: &str,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<CreatedProfile> {
        self.create(Some(actor), name, password, now, entropy)
    }

    fn create(
        &self,
        actor: Option<&ProfileId>,
        name: &str,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<CreatedProfile> {
        let name = validate_name(name).map_err(|reason| Error::InvalidName { reason })?;
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        may_create(&registry, actor, &name)?;
        check_length(&registry.policy, password)?;

        let mut dek: DataKey = Zeroizing::new([0u8; KEY_LEN]);
        entropy.fill(&mut dek[..]);
        let new = NewProfile {
            name,
            password,
            dek: &dek,
            now,
        };
        self.add_profile(&mut registry, new, entropy, |path| {
            self.create_ledger(path, &dek)
        })
    }

    /// Adds the profile `new` describes, once the caller holds the registry
    /// lock and has checked the rules: draws a fresh id, seals `dek` under `password` and a new
    /// recovery code, lets `place_ledger` put the open ledger at the profile's path, and writes the
    /// registry last. The first profile is [`Role::Admin`], every later one [`Role::Member`]. On any
    /// failure from `place_ledger` on, the ledger files at that path are removed again, so no
    /// half-made profile stays behind.
    pub(crate) fn add_profile(
        &self,
        registry: &mut Registry,
        new: NewProfile<'_>,
        entropy: &mut dyn Entropy,
        place_ledger: impl FnOnce(&Path) -> Result<Connection>,
    ) -> Result<CreatedProfile> {
        let NewProfile {
            name,
            password,
            dek,
            now,
        } = new;
        let id = self.fresh_id(registry, entropy);
        let slot = self.seal(&id, SlotKind::Password, password, dek, entropy)?;
        let recovery_code = RecoveryCode::generate(entropy);
        let recovery = self.seal(
            &id,
            SlotKind::Recovery,
            &recovery_code.as_secret(),
            dek,
            entropy,
        )?;
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
        let created = place_ledger(&ledger_path).and_then(|conn| {
            registry.push(Entry {
                profile: profile.clone(),
                failed_attempts: 0,
                last_failed_at: None,
                slots: vec![slot, recovery],
            });
            registry.save()?;
            Ok(conn)
        });
        match created {
            Ok(conn) => Ok(CreatedProfile {
                session: Session {
                    profile,
                    ledger_path,
                    conn,
                    lost_last_change: false,
                },
                recovery_code,
            }),
            Err(err) => {
                remove_ledger_files(&ledger_path);
                Err(err)
            }
        }
    }

    /// Unlocks the profile `id` with `password`.
    ///
    /// While the profile waits after repeated mistakes ([`crate::lockout`]) this is [`Error::LockedOut`] and
    /// nothing is tried. The password is checked against the password key slot first; a wrong one is
    /// [`Error::WrongPassword`], counted in the registry with its time, and the ledger file is not
    /// touched at all. On success the count is reset and the ledger is opened and verified
    /// ([`Error::TamperedLedger`] if it does not decrypt). A damaged entry is
    /// [`Error::DamagedProfile`], an unknown id [`Error::UnknownProfile`].
    pub fn unlock(&self, id: &ProfileId, password: &Password, now: UnixTime) -> Result<Session> {
        let (entry, dek) = self.open_slot(id, SlotKind::Password, password, now)?;
        self.open_session(entry, &dek)
    }

    /// Unlocks the profile `id` with its recovery code and gives it `new_password` at the same time
    /// (a forgotten password is replaced before anything else is possible). The code keeps working.
    ///
    /// Wrong codes count like wrong passwords ([`Error::WrongRecoveryCode`], and the same wait); a new
    /// password shorter than the policy allows is [`Error::WeakPassword`] and is checked before the code,
    /// so it costs no attempt.
    pub fn recover(
        &self,
        id: &ProfileId,
        code: &RecoveryCode,
        new_password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<Session> {
        self.check_password_policy(new_password)?;
        let (entry, dek) = self.open_slot(id, SlotKind::Recovery, &code.as_secret(), now)?;
        let slot = self.seal(id, SlotKind::Password, new_password, &dek, entropy)?;
        let entry = self
            .update_entry(id, |e| e.set_slot(slot.clone()))?
            .unwrap_or(entry);
        self.open_session(entry, &dek)
    }

    /// Changes the password of profile `id` from `current` to `new`: the data key is wrapped again
    /// under the new password, the ledger is not touched, and an open session keeps working. A wrong
    /// `current` counts as a wrong attempt.
    pub fn change_password(
        &self,
        id: &ProfileId,
        current: &Password,
        new: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<()> {
        self.check_password_policy(new)?;
        let (_, dek) = self.open_slot(id, SlotKind::Password, current, now)?;
        let slot = self.seal(id, SlotKind::Password, new, &dek, entropy)?;
        self.update_entry(id, |e| e.set_slot(slot.clone()))?
            .map(drop)
            .ok_or(Error::UnknownProfile)
    }

    /// Gives profile `id` a new recovery code (proven with its `password`); the old code stops
    /// working. A profile created before recovery codes existed gets its first one this way.
    pub fn regenerate_recovery_code(
        &self,
        id: &ProfileId,
        password: &Password,
        now: UnixTime,
        entropy: &mut dyn Entropy,
    ) -> Result<RecoveryCode> {
        let (_, dek) = self.open_slot(id, SlotKind::Password, password, now)?;
        let code = RecoveryCode::generate(entropy);
        let slot = self.seal(id, SlotKind::Recovery, &code.as_secret(), &dek, entropy)?;
        self.update_entry(id, |e| e.set_slot(slot.clone()))?
            .ok_or(Error::UnknownProfile)?;
        Ok(code)
    }

    /// Forgets the wrong attempts of profile `id`, ending any wait, on behalf of the admin `actor`.
    pub fn reset_lockout(&self, actor: &ProfileId, id: &ProfileId) -> Result<()> {
        require_admin(&self.load_registry()?, actor)?;
        self.update_entry(id, |e| {
            e.failed_attempts = 0;
            e.last_failed_at = None;
        })?
        .map(drop)
        .ok_or(Error::UnknownProfile)
    }

    /// Removes profile `id` for good, on behalf of the admin `actor`: its registry entry (with every
    /// key slot, so nothing can ever read its ledger again) is removed first, then its ledger files.
    /// `confirm_name` must be the profile's name exactly ([`Error::ConfirmationMismatch`]); the last
    /// admin ([`Error::LastAdmin`]) and the actor's own profile ([`Error::RemovingYourself`]) cannot be
    /// removed. A damaged entry can be removed too (confirmed with the name it shows).
    pub fn remove_profile(
        &self,
        actor: &ProfileId,
        id: &ProfileId,
        confirm_name: &str,
    ) -> Result<()> {
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        require_admin(&registry, actor)?;
        if actor == id {
            return Err(Error::RemovingYourself);
        }
        let (index, entry) = registry.find(id).ok_or(Error::UnknownProfile)?;
        let (name, is_admin) = match entry {
            ParsedEntry::Healthy(entry) => (
                entry.profile.name.clone(),
                entry.profile.role == Role::Admin,
            ),
            ParsedEntry::Damaged(damaged) => (damaged.name.clone(), false),
        };
        if confirm_name != name {
            return Err(Error::ConfirmationMismatch { expected: name });
        }
        if is_admin && registry.admin_count() <= 1 {
            return Err(Error::LastAdmin);
        }
        registry.remove(index);
        registry.save()?;
        remove_ledger_files(&self.ledger_path(id));
        Ok(())
    }

    /// Makes profile `id` an admin or a member, on behalf of the admin `actor`; the last admin cannot
    /// become a member ([`Error::LastAdmin`]).
    pub fn set_role(&self, actor: &ProfileId, id: &ProfileId, role: Role) -> Result<()> {
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        require_admin(&registry, actor)?;
        let Some((index, ParsedEntry::Healthy(entry))) = registry.find(id) else {
            return Err(Error::UnknownProfile);
        };
        let mut entry = entry.clone();
        if entry.profile.role == Role::Admin && role == Role::Member && registry.admin_count() <= 1
        {
            return Err(Error::LastAdmin);
        }
        entry.profile.role = role;
        registry.replace(index, entry);
        registry.save()
    }

    /// Sets the house rules, on behalf of the admin `actor` ([`Error::InvalidPolicy`] out of range).
    pub fn set_policy(&self, actor: &ProfileId, policy: Policy) -> Result<()> {
        if let Some(reason) = policy.problem() {
            return Err(Error::InvalidPolicy { reason });
        }
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        require_admin(&registry, actor)?;
        registry.policy = policy;
        registry.save()
    }

    /// Whether `actor` is an admin now, according to the registry.
    pub fn is_admin(&self, actor: &ProfileId) -> Result<bool> {
        Ok(require_admin(&self.load_registry()?, actor).is_ok())
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

    /// The directory of the ledgers (owner-only), also home to backup and restore temporary files.
    pub(crate) fn profiles_dir(&self) -> PathBuf {
        self.root.join(PROFILES_DIR)
    }

    pub(crate) fn ledger_path(&self, id: &ProfileId) -> PathBuf {
        self.profiles_dir().join(format!("{id}.db"))
    }

    pub(crate) fn load_registry(&self) -> Result<Registry> {
        Registry::load(&self.registry_path())
    }

    /// A random id that no entry (damaged ones included) and no ledger file uses yet.
    pub(crate) fn fresh_id(&self, registry: &Registry, entropy: &mut dyn Entropy) -> ProfileId {
        loop {
            let mut bytes = [0u8; ProfileId::LEN];
            entropy.fill(&mut bytes);
            let id = ProfileId::from_bytes(bytes);
            if !registry.contains_id(&id) && !self.ledger_path(&id).exists() {
                break id;
            }
        }
    }

    pub(crate) fn lock_registry(&self) -> MutexGuard<'_, ()> {
        // The guarded data is `()`: a panic elsewhere cannot leave it inconsistent.
        self.registry_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Re-reads the registry, changes the healthy entry of `id` with `change` and writes it back (only
    /// that entry changes); `None` when the entry is gone or damaged meanwhile.
    fn update_entry(
        &self,
        id: &ProfileId,
        change: impl FnOnce(&mut Entry),
    ) -> Result<Option<Entry>> {
        let _guard = self.lock_registry();
        let mut registry = self.load_registry()?;
        let Some((index, ParsedEntry::Healthy(entry))) = registry.find(id) else {
            return Ok(None);
        };
        let mut entry = entry.clone();
        change(&mut entry);
        registry.replace(index, entry.clone());
        registry.save()?;
        Ok(Some(entry))
    }

    /// The healthy entry of `id`, or why there is none.
    pub(crate) fn entry(&self, id: &ProfileId) -> Result<Entry> {
        let registry = self.load_registry()?;
        match registry.find(id) {
            None => Err(Error::UnknownProfile),
            Some((_, ParsedEntry::Damaged(damaged))) => Err(Error::DamagedProfile {
                name: damaged.name.clone(),
                reason: damaged.reason.clone(),
            }),
            Some((_, ParsedEntry::Healthy(entry))) => Ok(entry.clone()),
        }
    }

    /// Opens the slot of `kind` of profile `id` with `secret`, honouring and keeping the count of
    /// wrong attempts: refused while the profile waits, counted (with `now`) when wrong, reset when
    /// right. Returns the entry as it now stands and the data key.
    pub(crate) fn open_slot(
        &self,
        id: &ProfileId,
        kind: SlotKind,
        secret: &Password,
        now: UnixTime,
    ) -> Result<(Entry, DataKey)> {
        let entry = self.entry(id)?;
        if let Some(until) = entry.locked_until().filter(|until| *until > now) {
            let wait_seconds = u64::try_from(until.0.saturating_sub(now.0)).unwrap_or(0);
            return Err(Error::LockedOut {
                until,
                wait_seconds,
            });
        }
        let wrong = match kind {
            SlotKind::Password => Error::WrongPassword,
            SlotKind::Recovery => Error::WrongRecoveryCode,
        };
        let opened = match entry.slot(kind).map(|slot| slot.open(id, secret)) {
            Some(Ok(key)) => Some(key),
            Some(Err(UnwrapFailed::Derivation(_))) => return Err(self.out_of_memory()),
            Some(Err(UnwrapFailed::NotAuthentic)) | None => None,
        };
        let Some(dek) = opened else {
            self.update_entry(id, |e| {
                e.failed_attempts = e.failed_attempts.saturating_add(1);
                e.last_failed_at = Some(now);
            })?;
            return Err(wrong);
        };
        let entry = if entry.failed_attempts != 0 || entry.last_failed_at.is_some() {
            self.update_entry(id, |e| {
                e.failed_attempts = 0;
                e.last_failed_at = None;
            })?
            .unwrap_or(entry)
        } else {
            entry
        };
        Ok((entry, dek))
    }

    /// Opens the ledger of `entry` with its data key.
    pub(crate) fn open_session(&self, entry: Entry, dek: &DataKey) -> Result<Session> {
        let ledger_path = self.ledger_path(&entry.profile.id);
        if !ledger_path.is_file() {
            return Err(Error::DamagedProfile {
                name: entry.profile.name,
                reason: format!("its ledger file {} is missing", ledger_path.display()),
            });
        }
        // The leftover log first: SQLite's recovery would silently ignore a damaged frame and every
        // later one, and once it has recovered the log the damage can no longer be seen.
        let log = wal::check_log(&ledger_path)?;
        let conn = ledger_file::open_ledger(&ledger_path, dek, OpenMode::Existing)?;
        Ok(Session {
            profile: entry.profile,
            ledger_path,
            conn,
            lost_last_change: log == LogState::LastTransactionTorn,
        })
    }

    /// Refuses a new password shorter than the policy allows.
    fn check_password_policy(&self, password: &Password) -> Result<()> {
        check_length(&self.load_registry()?.policy, password)
    }

    /// Wraps `dek` in a new slot of `kind` under `secret`, with the vault's parameters.
    pub(crate) fn seal(
        &self,
        id: &ProfileId,
        kind: SlotKind,
        secret: &Password,
        dek: &DataKey,
        entropy: &mut dyn Entropy,
    ) -> Result<KeySlot> {
        KeySlot::seal(id, kind, self.kdf, secret, dek, entropy).map_err(|_| self.out_of_memory())
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

    pub(crate) fn out_of_memory(&self) -> Error {
        Error::io(
            &self.root,
            std::io::Error::new(
                std::io::ErrorKind::OutOfMemory,
                "not enough memory to derive the profile key",
            ),
        )
    }
}

/// Refuses unless `actor` has a healthy registry entry with the admin role.
fn require_admin(registry: &Registry, actor: &ProfileId) -> Result<()> {
    match registry.find(actor) {
        Some((_, ParsedEntry::Healthy(entry))) if entry.profile.role == Role::Admin => Ok(()),
        _ => Err(Error::NotAdmin),
    }
}

/// Refuses a new profile named `name` (already validated) unless the rules allow it: on behalf of the
/// admin `actor` always; at the picker (`actor` is `None`) only as the first profile or while the policy
/// lets members create profiles ([`Error::CreationClosed`]). A name in use is [`Error::DuplicateName`].
pub(crate) fn may_create(registry: &Registry, actor: Option<&ProfileId>, name: &str) -> Result<()> {
    match actor {
        Some(actor) => require_admin(registry, actor)?,
        None if !registry.is_empty() && !registry.policy.members_may_create_profiles => {
            return Err(Error::CreationClosed);
        }
        None => {}
    }
    if registry.has_name(name) {
        return Err(Error::DuplicateName);
    }
    Ok(())
}

/// Refuses a new password shorter than `policy` allows.
pub(crate) fn check_length(policy: &Policy, password: &Password) -> Result<()> {
    let min_length = policy.min_password_length.max(1);
    if password.char_count() < usize::from(min_length) {
        return Err(Error::WeakPassword { min_length });
    }
    Ok(())
}

/// Removes a ledger and its side files after a failed creation (best effort: the error that caused the
/// clean-up is the one reported). Also removes backup and restore temporary files.
pub(crate) fn remove_ledger_files(path: &Path) {
    let _ = fsutil::remove_if_exists(path);
    for suffix in SIDE_FILE_SUFFIXES {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = fsutil::remove_if_exists(Path::new(&side));
    }
}
