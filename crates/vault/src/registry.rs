//! The profile registry, `<root>/registry.json` and its copy `<root>/registry-copy.json`: house rules plus
//! one entry per profile (name, role, failed attempts, key slots). Not encrypted: it holds nothing secret,
//! only wrapped keys.
//!
//! # Format
//!
//! ```json
//! { "format": "coffer/registry", "version": 2,
//!   "policy": { "min_password_length": 10, "auto_lock_minutes": 5,
//!               "members_may_create_profiles": true, "notifications_by_default": true },
//!   "policy_checksum": "…64 hex…",
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
//! whole (not JSON, other format, newer version, house rules that fail their checksum) cannot be used.
//!
//! # Two copies
//!
//! Every save writes the same bytes twice, each atomically: first `registry.json`, then
//! `registry-copy.json`. Loading reads both. The first file is used when it is readable as a whole; an
//! entry of it that is damaged is taken from the copy when the copy has that profile healthy. When the
//! first file is not readable as a whole, the copy is used entirely. Only when neither can be read is the
//! registry [`Error::DamagedRegistry`], and then neither file is ever overwritten; nor is one written by a
//! newer Coffer ever replaced by an older copy. So one bad byte, or one lost file, costs nothing;
//! [`Registry::repair`] rewrites both files from what was recovered.
//!
//! A crash between the two writes leaves the copy one save behind the first file. If the first file is
//! then damaged too, the copy's older state is used: at worst a password changed in that very save works
//! in its old form again (both open the same data key) or a failed-attempt count is one lower. Someone
//! who can write the data folder can put any older registry back anyway; the copies guard against
//! accidents, not against attacks.
//!
//! # The checksums detect accidents, not attacks
//!
//! An entry's `checksum` is BLAKE2b-256 over `coffer/registry-entry/v1\n` followed by the entry without
//! its `checksum` member, as compact JSON with object keys sorted by their bytes, written as lowercase hex;
//! `policy_checksum` is the same over `coffer/registry-policy/v1\n` and the house rules (version 1 files,
//! written before it existed, have none). They are not keyed: anybody can recompute them. Their job is to
//! report a hand-edited or bit-rotted entry as "damaged" instead of as "wrong password", and bit-rotted
//! house rules as damage instead of quietly applying them. What stops an attacker is the AEAD associated
//! data of each key slot (see `keyslot.rs`): edited parameters, salts or keys, or a slot moved between
//! profiles, fail to unwrap even with a recomputed checksum. Names, roles, failed-attempt counters and
//! house rules are not secret and not bound to the keys: someone who can write these files can rename,
//! demote or delete profiles and change the rules (but never read a ledger).

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
/// File name of the registry's copy, next to it.
pub(crate) const REGISTRY_COPY_FILE: &str = "registry-copy.json";

const FORMAT: &str = "coffer/registry";
/// The format version written; version 1 (the same without `policy_checksum`) is still read.
const VERSION: u64 = 2;
const ENTRY_DOMAIN: &[u8] = b"coffer/registry-entry/v1\n";
const POLICY_DOMAIN: &[u8] = b"coffer/registry-policy/v1\n";
/// Added to the reason when neither file can be used.
const COPY_UNREADABLE: &str = ", and its copy cannot be read either";
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
    /// Whether both files held these very bytes when read, or neither existed: nothing to repair.
    intact: bool,
}

/// Why one registry file cannot be used as a whole.
struct Unusable {
    reason: String,
    /// Written by a newer Coffer: never to be replaced by what an older copy says.
    newer: bool,
}

impl Unusable {
    fn damaged(reason: impl Into<String>) -> Unusable {
        Unusable {
            reason: reason.into(),
            newer: false,
        }
    }

    fn into_error(self, path: &Path) -> Error {
        Error::DamagedRegistry {
            path: path.to_path_buf(),
            reason: self.reason,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    format: String,
    version: u64,
    policy: Policy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    policy_checksum: Option<String>,
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
            intact: true,
        }
    }

    /// Reads the registry at `path` and its copy beside it (see the module docs for which wins); neither
    /// file existing is an empty registry. Nothing is written.
    pub(crate) fn load(path: &Path) -> Result<Registry> {
        let copy_path = copy_path(path);
        let read = |file: &Path| fsutil::read_optional(file).map_err(|err| Error::io(file, err));
        let (first, copy) = (read(path)?, read(&copy_path)?);
        // Both files alike, as after every save: one parse.
        if let Some(bytes) = first.as_deref().filter(|_| first == copy) {
            let mut registry = Registry::parse(bytes, path).map_err(|mut unusable| {
                if !unusable.newer {
                    unusable.reason.push_str(COPY_UNREADABLE);
                }
                unusable.into_error(path)
            })?;
            registry.intact = true;
            return Ok(registry);
        }
        let parse = |bytes: Option<Vec<u8>>| bytes.map(|bytes| Registry::parse(&bytes, path));
        match (parse(first), parse(copy)) {
            (Some(Ok(mut first)), Some(Ok(copy))) => {
                first.mend_from(&copy);
                Ok(first)
            }
            (Some(Ok(first)), _) => Ok(first),
            (Some(Err(unusable)), _) if unusable.newer => Err(unusable.into_error(path)),
            (Some(Err(_)) | None, Some(Ok(copy))) => Ok(copy),
            (Some(Err(mut unusable)), copy) => {
                if let Some(Err(_)) = copy {
                    unusable.reason.push_str(COPY_UNREADABLE);
                }
                Err(unusable.into_error(path))
            }
            (None, Some(Err(unusable))) => Err(unusable.into_error(&copy_path)),
            (None, None) => Ok(Registry::empty(path.to_path_buf())),
        }
    }

    /// Reads one file as the registry at `path`.
    fn parse(bytes: &[u8], path: &Path) -> std::result::Result<Registry, Unusable> {
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|err| Unusable::damaged(format!("it is not valid JSON ({err})")))?;
        let object = value
            .as_object()
            .ok_or_else(|| Unusable::damaged("it is not a JSON object"))?;
        if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Unusable::damaged("it is not a Coffer profile registry"));
        }
        let version = match object.get("version").and_then(Value::as_u64) {
            Some(version @ 1..=VERSION) => version,
            Some(newer) if newer > VERSION => {
                return Err(Unusable {
                    reason: format!(
                        "it was written by a newer version of Coffer (registry format {newer}); update Coffer to open it"
                    ),
                    newer: true,
                });
            }
            _ => {
                return Err(Unusable::damaged(
                    "its format version is missing or not valid",
                ));
            }
        };
        let policy_sum = object
            .get("policy")
            .map(|policy| checksum(POLICY_DOMAIN, policy));
        let file: RegistryFile = serde_json::from_value(value).map_err(|err| {
            Unusable::damaged(format!("its structure is not as expected ({err})"))
        })?;
        match (version, &file.policy_checksum) {
            (1, None) => {}
            (VERSION, Some(stored)) if Some(stored) == policy_sum.as_ref() => {}
            (VERSION, Some(_)) => {
                return Err(Unusable::damaged(
                    "its house rules do not match their checksum, so they were edited or damaged outside Coffer",
                ));
            }
            _ => return Err(Unusable::damaged("its house rules' checksum is missing")),
        }
        if let Some(problem) = file.policy.problem() {
            return Err(Unusable::damaged(format!(
                "its house rules are out of range ({problem})"
            )));
        }

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
            intact: false,
        })
    }

    /// Puts in place of each damaged entry the copy's healthy entry of the same profile: the one with
    /// the same id, or else the one at the same position when both list as many entries (a flipped byte
    /// may have hit the id itself). An entry the copy cannot mend stays as it is.
    fn mend_from(&mut self, copy: &Registry) {
        for index in 0..self.parsed.len() {
            let ParsedEntry::Damaged(damaged) = &self.parsed[index] else {
                continue;
            };
            let by_id = damaged.id.and_then(|id| copy.find(&id)).map(|(at, _)| at);
            let by_position = (self.parsed.len() == copy.parsed.len()).then_some(index);
            let mended = [by_id, by_position].into_iter().flatten().find(|&at| {
                matches!(&copy.parsed[at], ParsedEntry::Healthy(entry)
                    if self.find(&entry.profile.id).is_none_or(|(own, _)| own == index))
            });
            if let Some(at) = mended {
                self.raw[index] = copy.raw[at].clone();
                self.parsed[index] = copy.parsed[at].clone();
            }
        }
    }

    /// Writes both files again if they were not both these very bytes when read (one was damaged,
    /// missing or a save behind).
    pub(crate) fn repair(&self) -> Result<()> {
        if self.intact { Ok(()) } else { self.save() }
    }

    /// Writes the registry, then its copy, each atomically (see [`fsutil::write_atomically`]).
    ///
    /// The save is done once the first file is written: an error writing the copy is not returned,
    /// because the caller must not undo a change the registry already holds (a created profile's ledger,
    /// say). The copy then stays a save behind, which loading tolerates and the next [`Vault::open`]
    /// repairs.
    ///
    /// [`Vault::open`]: crate::Vault::open
    pub(crate) fn save(&self) -> Result<()> {
        let policy =
            serde_json::to_value(self.policy).expect("the house rules are plain JSON data");
        let file = RegistryFile {
            format: FORMAT.into(),
            version: VERSION,
            policy: self.policy,
            policy_checksum: Some(checksum(POLICY_DOMAIN, &policy)),
            profiles: self.raw.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).expect("the registry is plain JSON data");
        bytes.push(b'\n');
        fsutil::write_atomically(&self.path, &bytes).map_err(|err| Error::io(&self.path, err))?;
        // Deliberately not an error (see above); the temporary file is removed on failure.
        let _ = fsutil::write_atomically(&copy_path(&self.path), &bytes);
        Ok(())
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
    match entry {
        Value::Object(map) => {
            let mut without: Map<String, Value> = map.clone();
            without.remove("checksum");
            checksum(ENTRY_DOMAIN, &Value::Object(without))
        }
        other => checksum(ENTRY_DOMAIN, other),
    }
}

/// Where the copy of the registry at `path` lives.
fn copy_path(path: &Path) -> PathBuf {
    path.with_file_name(REGISTRY_COPY_FILE)
}

/// BLAKE2b-256 (hex) over `domain` and the canonical JSON of `value`.
fn checksum(domain: &[u8], value: &Value) -> String {
    let mut canonical = Vec::with_capacity(512);
    write_canonical(value, &mut canonical);
    let mut hasher = Blake2b256::new();
    hasher.update(domain);
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
