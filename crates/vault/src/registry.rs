//! The profile registry, `<root>/registry.json`: policy plus one entry per profile (name, role, failed
//! attempts, key slots). Not encrypted: it holds nothing secret, only wrapped keys.
//!
//! # Format
//!
//! ```json
//! { "format": "coffer/registry", "version": 1,
//!   "policy": { "min_password_length": 10, "auto_lock_minutes": 5 },
//!   "profiles": [ { "id": "…32 hex…", "name": "Alice", "role": "admin", "created_at": 1767225600,
//!                   "failed_attempts": 0, "last_failed_at": 1767225700,  // the latter only after a failure
//!                   "key_slots": [ { "kind": "password",
//!                                    "kdf": { "algorithm": "argon2id", "version": 19, "memory_kib": 65536,
//!                                             "iterations": 3, "parallelism": 1 },
//!                                    "salt": "…base64 (32 bytes)…", "nonce": "…base64 (24 bytes)…",
//!                                    "wrapped_key": "…base64 (48 bytes)…" },
//!                                  { "kind": "recovery", … } ],
//!                   "checksum": "…64 hex…" } ] }
//! ```
//!
//! # Damage is contained per entry
//!
//! Each entry is parsed and validated on its own: a damaged entry is listed with a reason and cannot be
//! unlocked, while every other profile works. Entries are written back exactly as read unless the vault
//! changes that very entry, so a damaged entry is preserved for manual recovery. An entry whose id cannot
//! be read at all is kept in the file but left out of [`Registry::listings`]: without an id nothing can be
//! unlocked or addressed, and the person still sees all other profiles. A file that is not a registry as a
//! whole (not JSON, other format, newer version) is [`Error::DamagedRegistry`] and is never overwritten.
//!
//! # The checksum detects accidents, not attacks
//!
//! `checksum` is BLAKE2b-256 over `coffer/registry-entry/v1\n` followed by the entry without its
//! `checksum` member, as compact JSON with object keys sorted by their bytes, written as lowercase hex. It
//! is not keyed: anybody can recompute it. Its job is to report a hand-edited or bit-rotted entry as
//! "damaged" instead of as "wrong password". What stops an attacker is the AEAD associated data of each
//! key slot (see `keyslot.rs`): edited parameters, salts or keys, or a slot moved between profiles, fail
//! to unwrap even with a recomputed checksum. Name, role and failed-attempt counter are not secret and not
//! bound to the keys: someone who can write this file can rename, demote or delete profiles (but never
//! read a ledger).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use blake2::{Blake2b256, Digest};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::fsutil;
use crate::kdf::{ALGORITHM_NAME, ALGORITHM_VERSION, KdfParams, OutOfRange};
use crate::keyslot::{KeySlot, NONCE_LEN, SALT_LEN, SlotKind, WRAPPED_LEN};
use crate::names::validate_name;
use crate::types::{Policy, Profile, ProfileId, ProfileListing, Role, UnixTime};

/// File name of the registry inside the data directory.
pub(crate) const REGISTRY_FILE: &str = "registry.json";

const FORMAT: &str = "coffer/registry";
const VERSION: u64 = 1;
const CHECKSUM_DOMAIN: &[u8] = b"coffer/registry-entry/v1\n";
const UNNAMED: &str = "Unnamed profile";

/// A healthy registry entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) profile: Profile,
    pub(crate) failed_attempts: u32,
    /// When the last wrong attempt was made (kept until an unlock succeeds).
    pub(crate) last_failed_at: Option<UnixTime>,
    pub(crate) slots: Vec<KeySlot>,
}

impl Entry {
    /// Until when unlocking waits (see `lockout`).
    pub(crate) fn locked_until(&self) -> Option<UnixTime> {
        crate::lockout::locked_until(self.failed_attempts, self.last_failed_at)
    }

    /// The slot of `kind`, if the profile has one.
    pub(crate) fn slot(&self, kind: SlotKind) -> Option<&KeySlot> {
        self.slots.iter().find(|slot| slot.kind == kind)
    }

    /// Puts `slot` in place of the slot of its kind (or adds it at the end).
    pub(crate) fn set_slot(&mut self, slot: KeySlot) {
        match self.slots.iter_mut().find(|s| s.kind == slot.kind) {
            Some(existing) => *existing = slot,
            None => self.slots.push(slot),
        }
    }
}

/// What could be read from a damaged entry, and why it is damaged.
#[derive(Debug, Clone)]
pub(crate) struct DamagedEntry {
    pub(crate) id: Option<ProfileId>,
    pub(crate) name: String,
    pub(crate) role: Role,
    pub(crate) created_at: UnixTime,
    pub(crate) reason: String,
}

/// One entry of the registry after validation.
#[derive(Debug, Clone)]
pub(crate) enum ParsedEntry {
    Healthy(Entry),
    Damaged(DamagedEntry),
}

impl ParsedEntry {
    fn id(&self) -> Option<ProfileId> {
        match self {
            ParsedEntry::Healthy(entry) => Some(entry.profile.id),
            ParsedEntry::Damaged(damaged) => damaged.id,
        }
    }

    fn name(&self) -> &str {
        match self {
            ParsedEntry::Healthy(entry) => &entry.profile.name,
            ParsedEntry::Damaged(damaged) => &damaged.name,
        }
    }
}

/// The registry in memory: the policy, every entry as stored, and each entry's validation result.
#[derive(Debug, Clone)]
pub(crate) struct Registry {
    path: PathBuf,
    pub(crate) policy: Policy,
    raw: Vec<Value>,
    parsed: Vec<ParsedEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    format: String,
    version: u64,
    policy: Policy,
    profiles: Vec<Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEntry {
    id: ProfileId,
    name: String,
    role: Role,
    created_at: UnixTime,
    failed_attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_failed_at: Option<UnixTime>,
    key_slots: Vec<StoredSlot>,
    checksum: String,
}

/// A key slot as written in the registry (and, in the same form, in a backup's header).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StoredSlot {
    kind: SlotKind,
    kdf: StoredKdf,
    salt: String,
    nonce: String,
    wrapped_key: String,
}

impl StoredSlot {
    /// The stored form of `slot`.
    pub(crate) fn from_slot(slot: &KeySlot) -> StoredSlot {
        StoredSlot {
            kind: slot.kind,
            kdf: StoredKdf {
                algorithm: ALGORITHM_NAME.into(),
                version: ALGORITHM_VERSION,
                memory_kib: slot.params.memory_kib,
                iterations: slot.params.iterations,
                parallelism: slot.params.parallelism,
            },
            salt: BASE64.encode(slot.salt),
            nonce: BASE64.encode(slot.nonce),
            wrapped_key: BASE64.encode(slot.wrapped_key),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredKdf {
    algorithm: String,
    version: u32,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl Registry {
    /// An empty registry with the default policy, to be written at `path`.
    fn empty(path: PathBuf) -> Registry {
        Registry {
            path,
            policy: Policy::default(),
            raw: Vec::new(),
            parsed: Vec::new(),
        }
    }

    /// Reads the registry at `path`; a missing file is an empty registry (nothing is written).
    pub(crate) fn load(path: &Path) -> Result<Registry> {
        match fsutil::read_optional(path).map_err(|err| Error::io(path, err))? {
            Some(bytes) => Registry::parse(&bytes, path),
            None => Ok(Registry::empty(path.to_path_buf())),
        }
    }

    fn parse(bytes: &[u8], path: &Path) -> Result<Registry> {
        let damaged = |reason: String| Error::DamagedRegistry {
            path: path.to_path_buf(),
            reason,
        };
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|err| damaged(format!("it is not valid JSON ({err})")))?;
        let object = value
            .as_object()
            .ok_or_else(|| damaged("it is not a JSON object".into()))?;
        if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(damaged("it is not a Coffer profile registry".into()));
        }
        match object.get("version").and_then(Value::as_u64) {
            Some(VERSION) => {}
            Some(newer) if newer > VERSION => {
                return Err(damaged(format!(
                    "it was written by a newer version of Coffer (registry format {newer}); update Coffer to open it"
                )));
            }
            _ => return Err(damaged("its format version is missing or not valid".into())),
        }
        let file: RegistryFile = serde_json::from_value(value)
            .map_err(|err| damaged(format!("its structure is not as expected ({err})")))?;

        let mut seen = HashSet::new();
        let parsed = file
            .profiles
            .iter()
            .map(|raw| {
                let mut entry = parse_entry(raw);
                if let Some(id) = entry.id()
                    && !seen.insert(id)
                {
                    entry = ParsedEntry::Damaged(DamagedEntry {
                        reason: "another entry earlier in the registry has the same id".into(),
                        ..damaged_header(raw)
                    });
                }
                entry
            })
            .collect();
        Ok(Registry {
            path: path.to_path_buf(),
            policy: file.policy,
            raw: file.profiles,
            parsed,
        })
    }

    /// Writes the registry atomically (see [`fsutil::write_atomically`]).
    pub(crate) fn save(&self) -> Result<()> {
        let file = RegistryFile {
            format: FORMAT.into(),
            version: VERSION,
            policy: self.policy,
            profiles: self.raw.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).expect("the registry is plain JSON data");
        bytes.push(b'\n');
        fsutil::write_atomically(&self.path, &bytes).map_err(|err| Error::io(&self.path, err))
    }

    /// Whether the registry has no entries at all (healthy or damaged).
    pub(crate) fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Every id in use, including those of damaged entries.
    pub(crate) fn contains_id(&self, id: &ProfileId) -> bool {
        self.parsed
            .iter()
            .any(|entry| entry.id().as_ref() == Some(id))
    }

    /// Whether a profile already has `name` (case-insensitively, after trimming), damaged entries included.
    pub(crate) fn has_name(&self, name: &str) -> bool {
        let wanted = name.trim().to_lowercase();
        self.parsed
            .iter()
            .any(|entry| entry.name().trim().to_lowercase() == wanted)
    }

    /// The entry with `id`: its index and validation result.
    pub(crate) fn find(&self, id: &ProfileId) -> Option<(usize, &ParsedEntry)> {
        self.parsed
            .iter()
            .enumerate()
            .find(|(_, entry)| entry.id().as_ref() == Some(id))
    }

    /// Appends a new healthy entry.
    pub(crate) fn push(&mut self, entry: Entry) {
        self.raw.push(entry_to_value(&entry));
        self.parsed.push(ParsedEntry::Healthy(entry));
    }

    /// Removes the entry at `index` (found with [`Registry::find`]).
    pub(crate) fn remove(&mut self, index: usize) {
        self.raw.remove(index);
        self.parsed.remove(index);
    }

    /// How many healthy entries are admins.
    pub(crate) fn admin_count(&self) -> usize {
        self.parsed
            .iter()
            .filter(
                |e| matches!(e, ParsedEntry::Healthy(entry) if entry.profile.role == Role::Admin),
            )
            .count()
    }

    /// Replaces the entry at `index` (found with [`Registry::find`]) with `entry`.
    pub(crate) fn replace(&mut self, index: usize, entry: Entry) {
        self.raw[index] = entry_to_value(&entry);
        self.parsed[index] = ParsedEntry::Healthy(entry);
    }

    /// The profile picker's view, in registry order. Entries without a readable id are left out.
    pub(crate) fn listings(&self) -> Vec<ProfileListing> {
        self.parsed
            .iter()
            .filter_map(|entry| match entry {
                ParsedEntry::Healthy(entry) => Some(ProfileListing {
                    id: entry.profile.id,
                    name: entry.profile.name.clone(),
                    role: entry.profile.role,
                    created_at: entry.profile.created_at,
                    damaged: None,
                    locked_until: entry.locked_until(),
                }),
                ParsedEntry::Damaged(damaged) => damaged.id.map(|id| ProfileListing {
                    id,
                    name: damaged.name.clone(),
                    role: damaged.role,
                    created_at: damaged.created_at,
                    damaged: Some(damaged.reason.clone()),
                    locked_until: None,
                }),
            })
            .collect()
    }
}

/// The fields of a damaged entry that can still be read, with an empty reason.
fn damaged_header(raw: &Value) -> DamagedEntry {
    let field = |name: &str| raw.get(name);
    DamagedEntry {
        id: field("id")
            .and_then(Value::as_str)
            .and_then(|id| id.parse().ok()),
        name: field("name")
            .and_then(Value::as_str)
            .and_then(|name| validate_name(name).ok())
            .unwrap_or_else(|| UNNAMED.into()),
        role: field("role")
            .and_then(|role| serde_json::from_value(role.clone()).ok())
            .unwrap_or(Role::Member),
        created_at: field("created_at")
            .and_then(Value::as_i64)
            .map_or(UnixTime(0), UnixTime),
        reason: String::new(),
    }
}

fn parse_entry(raw: &Value) -> ParsedEntry {
    match validate_entry(raw) {
        Ok(entry) => ParsedEntry::Healthy(entry),
        Err(reason) => ParsedEntry::Damaged(DamagedEntry {
            reason,
            ..damaged_header(raw)
        }),
    }
}

fn validate_entry(raw: &Value) -> Result<Entry, String> {
    let stored: StoredEntry = serde_json::from_value(raw.clone())
        .map_err(|err| format!("its fields are not as expected ({err})"))?;
    let slots = stored
        .key_slots
        .iter()
        .map(validate_slot)
        .collect::<Result<Vec<_>, _>>()?;
    if stored.checksum != entry_checksum(raw) {
        return Err(
            "its checksum does not match, so it was edited or damaged outside Coffer".into(),
        );
    }
    let name = validate_name(&stored.name).map_err(|_| "its name is not valid".to_string())?;
    if name != stored.name {
        return Err("its name is not valid".into());
    }
    for kind in [SlotKind::Password, SlotKind::Recovery] {
        if slots.iter().filter(|slot| slot.kind == kind).count() > 1 {
            return Err("it has two key slots of the same kind".into());
        }
    }
    if !slots.iter().any(|slot| slot.kind == SlotKind::Password) {
        return Err("it has no password key slot".into());
    }
    Ok(Entry {
        profile: Profile {
            id: stored.id,
            name,
            role: stored.role,
            created_at: stored.created_at,
        },
        failed_attempts: stored.failed_attempts,
        last_failed_at: stored.last_failed_at,
        slots,
    })
}

/// Checks a stored slot (algorithm, parameters in range, byte lengths) before anything derives a key
/// from it; the error is the reason, in plain words.
pub(crate) fn validate_slot(stored: &StoredSlot) -> Result<KeySlot, String> {
    if stored.kdf.algorithm != ALGORITHM_NAME || stored.kdf.version != ALGORITHM_VERSION {
        return Err(format!(
            "a key slot uses an unsupported key derivation ({} version {})",
            stored.kdf.algorithm, stored.kdf.version
        ));
    }
    let params = KdfParams {
        memory_kib: stored.kdf.memory_kib,
        iterations: stored.kdf.iterations,
        parallelism: stored.kdf.parallelism,
    };
    match params.check() {
        Ok(()) => {}
        Err(OutOfRange::BelowFloor) => {
            return Err("key-slot parameters below the minimum — refused as tampered".into());
        }
        Err(OutOfRange::AboveMax) => {
            return Err("key-slot parameters above the maximum — refused as tampered".into());
        }
    }
    Ok(KeySlot {
        kind: stored.kind,
        params,
        salt: decode_fixed::<SALT_LEN>(&stored.salt, "salt")?,
        nonce: decode_fixed::<NONCE_LEN>(&stored.nonce, "nonce")?,
        wrapped_key: decode_fixed::<WRAPPED_LEN>(&stored.wrapped_key, "wrapped key")?,
    })
}

fn decode_fixed<const N: usize>(text: &str, what: &str) -> Result<[u8; N], String> {
    BASE64
        .decode(text)
        .ok()
        .and_then(|bytes| <[u8; N]>::try_from(bytes).ok())
        .ok_or_else(|| format!("a key slot's {what} is not {N} bytes of base64"))
}

fn entry_to_value(entry: &Entry) -> Value {
    let stored = StoredEntry {
        id: entry.profile.id,
        name: entry.profile.name.clone(),
        role: entry.profile.role,
        created_at: entry.profile.created_at,
        failed_attempts: entry.failed_attempts,
        last_failed_at: entry.last_failed_at,
        key_slots: entry.slots.iter().map(StoredSlot::from_slot).collect(),
        checksum: String::new(),
    };
    let mut value = serde_json::to_value(stored).expect("an entry is plain JSON data");
    let checksum = entry_checksum(&value);
    value["checksum"] = Value::String(checksum);
    value
}

/// BLAKE2b-256 (hex) over the domain tag and the canonical JSON of `entry` without its `checksum`: the
/// value an entry of `registry.json` carries in its `checksum` member. Not a security control (anyone
/// can recompute it); public for tools that edit the registry on purpose, such as the fault harness.
pub fn entry_checksum(entry: &Value) -> String {
    let mut canonical = Vec::with_capacity(512);
    match entry {
        Value::Object(map) => {
            let mut without: Map<String, Value> = map.clone();
            without.remove("checksum");
            write_canonical(&Value::Object(without), &mut canonical);
        }
        other => write_canonical(other, &mut canonical),
    }
    let mut hasher = Blake2b256::new();
    hasher.update(CHECKSUM_DOMAIN);
    hasher.update(&canonical);
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Compact JSON with object keys sorted by their bytes, independent of serde_json's map implementation
/// (its `preserve_order` feature may be on in some builds and off in others).
fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (index, key) in keys.into_iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, key).expect("writing to a Vec cannot fail");
                out.push(b':');
                write_canonical(&map[key], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar).expect("writing to a Vec cannot fail"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_recursively() {
        let value: Value =
            serde_json::from_str(r#"{"b":[{"z":1,"a":"x"}],"a":{"d":true,"c":null}}"#)
                .expect("json");
        let mut out = Vec::new();
        write_canonical(&value, &mut out);
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            r#"{"a":{"c":null,"d":true},"b":[{"a":"x","z":1}]}"#
        );
    }

    #[test]
    fn checksum_ignores_the_checksum_member_and_sees_everything_else() {
        let a: Value = serde_json::from_str(r#"{"name":"A","checksum":"x"}"#).expect("json");
        let b: Value = serde_json::from_str(r#"{"checksum":"y","name":"A"}"#).expect("json");
        let c: Value = serde_json::from_str(r#"{"checksum":"x","name":"B"}"#).expect("json");
        assert_eq!(entry_checksum(&a), entry_checksum(&b));
        assert_ne!(entry_checksum(&a), entry_checksum(&c));
        assert_eq!(entry_checksum(&a).len(), 64);
    }
}
