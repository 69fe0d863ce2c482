//! Coffer's vault: everything on disk outside the ledger contents — profiles, their password key slots,
//! and the encrypted connection to each profile's ledger.
//!
//! # Key hierarchy
//!
//! Each profile has a random 256-bit data key (DEK), the raw key of its SQLite3 Multiple Ciphers ledger
//! (ChaCha20-Poly1305 per page). The DEK is stored only wrapped, in key slots in the registry:
//! `KEK = Argon2id(password, salt, m, t, p)` and `wrapped = XChaCha20-Poly1305(KEK, nonce, DEK, aad)`, with
//! the slot's profile id, kind and every Argon2 parameter and the salt in the associated data. A wrong
//! password therefore fails at unwrap, before the ledger file is opened. A password change re-wraps the
//! DEK; the ledger is never re-encrypted. A second slot, opened by a recovery code ([`RecoveryCode`])
//! instead of the password, wraps the same DEK, so a forgotten password can be replaced without
//! weakening anything: the code is as strong a secret as a key (120 random bits) behind the same
//! Argon2id.
//!
//! # Wrong attempts
//!
//! After [`lockout::FREE_ATTEMPTS`] wrong passwords or codes in a row, unlocking waits, longer after
//! each further mistake ([`lockout`]); the count is in the registry, so a restart does not reset it.
//!
//! # Explicit inputs
//!
//! The vault never reads the clock, the environment or randomness on its own: time comes in as
//! [`UnixTime`], randomness through an [`Entropy`] (the app passes [`OsEntropy`]).
//!
//! # Secrets
//!
//! Passwords ([`Password`]), KEKs and DEKs are wiped from memory when dropped (`zeroize`), including the
//! Argon2 working memory. None of them appears in `Debug` output or error messages. Keys never leave this
//! crate; the ledger's copy lives inside sqlite3mc, which wipes it when the connection closes.
//!
//! # Backups
//!
//! [`Vault::write_backup`] writes one profile to a single file: its ledger, still encrypted page by page
//! under the same DEK (a `VACUUM INTO` snapshot, consistent while the profile is in use), its key slots
//! as they are in the registry, and a keyed BLAKE2b tag over the whole file with a key derived from the
//! DEK (the format is in the `backup` module). Opening a backup takes the password or recovery code the
//! profile had when it was taken ([`BackupSecret`]); the tag is checked before anything is restored, so a
//! changed or cut-off file is [`Error::DamagedBackup`] and nothing happens. [`Vault::read_backup_header`]
//! shows what a file claims to be without any secret. A backup comes back either as a new profile with a
//! fresh id, name, role and recovery code ([`Vault::restore_as_new`]), or over the very profile it was
//! taken from, by that profile while unlocked, in two steps that lose nothing if either fails
//! ([`Vault::stage_restore`], then [`Vault::commit_restore`]): the DEK never changes, so the profile's
//! current password and recovery code keep opening the restored ledger. Wrong secrets for a backup are not
//! counted: someone with a copy of a backup file is slowed by Argon2id only, as with a copy of the data
//! folder.
//!
//! # Known limits
//!
//! * Per-page tags do not detect an attacker who swaps in an older copy of a page, or of the whole ledger
//!   (a rollback); nor does anything stop someone who can write the data directory from deleting files.
//! * A profile restored as a new one from a backup keeps the data key of the profile the backup was taken
//!   from (its ledger is copied, not re-encrypted): a secret that opens one also yields the key to the
//!   other's ledger file. Restoring over a profile is a deliberate rollback to an older copy.
//! * The registry is not encrypted: profile names, roles, creation times and failed-attempt counters are
//!   readable and, by someone who can write the file, changeable (see the `registry` module). Someone
//!   with a copy of the files is slowed by Argon2id only, never by the lockout delay.
//! * SQLite treats a damaged frame in a leftover `-wal` file like a torn write: it ignores that frame and
//!   every later one. So the log is checked before SQLite reads it ([`wal`]): damage that no power cut
//!   or crash can leave is refused as [`Error::TamperedLedger`], but damage confined to the log's last
//!   transaction cannot be told from a power cut, and the profile opens as of the commit before it (the
//!   ledger file itself refuses any flipped byte).

mod backup;
mod entropy;
mod error;
mod fsutil;
mod kdf;
mod keyslot;
mod ledger_file;
pub mod lockout;
mod names;
mod recovery;
mod registry;
mod secret;
mod types;
mod vault;
pub mod wal;

pub use backup::{BackupInfo, BackupSecret, BackupSummary, StagedRestore};
pub use entropy::{Entropy, InsecureSeededEntropy, OsEntropy};
pub use error::{Error, Result, classify, is_tampering};
pub use kdf::KdfParams;
pub use names::MAX_NAME_CHARS;
pub use recovery::{CODE_CHARS as RECOVERY_CODE_CHARS, RecoveryCode};
pub use registry::entry_checksum as registry_entry_checksum;
pub use secret::Password;
pub use types::{
    InvalidProfileId, Policy, Preferences, Profile, ProfileId, ProfileListing, Role, Theme,
    UnixTime,
};
pub use vault::{CreatedProfile, Session, Vault};

/// Re-exported so that dependants use exactly the rusqlite this crate was built against.
pub use rusqlite;
