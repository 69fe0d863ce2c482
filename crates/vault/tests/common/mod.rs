//! Helpers shared by the vault's integration tests: a throw-away data directory with fast key derivation,
//! and direct access to the registry file for playing the part of someone editing it.

#![allow(
    dead_code,
    reason = "each test binary uses a different subset of these helpers"
)]

use std::fs;
use std::path::{Path, PathBuf};

use blake2::{Blake2b256, Digest};
use coffer_vault::{
    InsecureSeededEntropy, KdfParams, Password, ProfileId, Session, UnixTime, Vault,
};
use serde_json::Value;
use tempfile::TempDir;

/// A password that satisfies the default policy (10 characters).
pub const PASSWORD: &str = "correct horse battery staple";

/// The fixed "now" of the tests.
pub const NOW: UnixTime = UnixTime(1_767_225_600);

/// A data directory that disappears with the value, opened with the fastest accepted key derivation.
pub struct TestVault {
    pub dir: TempDir,
    pub vault: Vault,
}

impl TestVault {
    pub fn new() -> TestVault {
        let dir = tempfile::tempdir().expect("a temporary directory can be created");
        let vault = open_fast(dir.path());
        TestVault { dir, vault }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Creates a profile with [`PASSWORD`] and deterministic randomness from `seed`.
    pub fn create(&self, name: &str, seed: u64) -> Session {
        self.create_with(name, PASSWORD, seed)
    }

    pub fn create_with(&self, name: &str, password: &str, seed: u64) -> Session {
        self.vault
            .create_profile(
                name,
                &Password::from(password),
                NOW,
                &mut InsecureSeededEntropy::new(seed),
            )
            .expect("a valid profile can be created")
            .session
    }

    pub fn unlock(&self, id: &ProfileId, password: &str) -> coffer_vault::Result<Session> {
        self.vault.unlock(id, &Password::from(password), NOW)
    }

    pub fn ledger(&self, id: &ProfileId) -> PathBuf {
        self.root().join("profiles").join(format!("{id}.db"))
    }

    pub fn registry_path(&self) -> PathBuf {
        self.root().join("registry.json")
    }

    pub fn registry(&self) -> Value {
        let bytes = fs::read(self.registry_path()).expect("the registry exists");
        serde_json::from_slice(&bytes).expect("the registry is JSON")
    }

    /// The registry's second copy, which every save writes with the same bytes.
    pub fn registry_copy_path(&self) -> PathBuf {
        self.root().join("registry-copy.json")
    }

    /// Writes `registry` to both of the registry's files, as someone editing the registry on purpose
    /// would (an edit to one file only is mended from the other).
    pub fn write_registry(&self, registry: &Value) {
        self.write_registry_bytes(&serde_json::to_vec_pretty(registry).expect("serializes"));
    }

    /// Writes `bytes` to both of the registry's files.
    pub fn write_registry_bytes(&self, bytes: &[u8]) {
        for path in [self.registry_path(), self.registry_copy_path()] {
            fs::write(path, bytes).expect("the registry can be written");
        }
    }

    /// The registry entry of `id`, for editing; call [`TestVault::write_registry`] afterwards.
    pub fn entry_mut<'a>(registry: &'a mut Value, id: &ProfileId) -> &'a mut Value {
        registry["profiles"]
            .as_array_mut()
            .expect("profiles is an array")
            .iter_mut()
            .find(|entry| entry["id"] == id.to_string())
            .expect("the profile has an entry")
    }

    /// Edits the entry of `id` with `edit`, optionally recomputing its checksum as an attacker would.
    pub fn edit_entry(
        &self,
        id: &ProfileId,
        recompute_checksum: bool,
        edit: impl FnOnce(&mut Value),
    ) {
        let mut registry = self.registry();
        let entry = TestVault::entry_mut(&mut registry, id);
        edit(entry);
        if recompute_checksum {
            recompute(entry);
        }
        self.write_registry(&registry);
    }

    pub fn failed_attempts(&self, id: &ProfileId) -> u64 {
        let mut registry = self.registry();
        TestVault::entry_mut(&mut registry, id)["failed_attempts"]
            .as_u64()
            .expect("failed_attempts is a number")
    }

    /// Every file and directory under the root, as sorted relative paths.
    pub fn tree(&self) -> Vec<String> {
        tree(self.root())
    }
}

/// Opens `root` with [`KdfParams::FLOOR`] so that each derivation takes milliseconds.
pub fn open_fast(root: &Path) -> Vault {
    Vault::open(root)
        .expect("the data directory opens")
        .with_kdf(KdfParams::FLOOR)
        .expect("the floor is accepted")
}

pub fn tree(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("listable") {
            let path = entry.expect("entry").path();
            let relative = path.strip_prefix(root).expect("inside root");
            out.push(relative.to_string_lossy().replace('\\', "/"));
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// Recomputes an entry's checksum from the documented format: BLAKE2b-256 over
/// `coffer/registry-entry/v1\n` + compact JSON of the entry without `checksum`, keys sorted, in hex.
pub fn recompute(entry: &mut Value) {
    let mut without = entry.clone();
    without
        .as_object_mut()
        .expect("an entry is an object")
        .remove("checksum");
    entry["checksum"] = Value::String(checksum(b"coffer/registry-entry/v1\n", &without));
}

/// The `policy_checksum` the registry should carry for `policy`, computed as an attacker would.
pub fn policy_checksum(policy: &Value) -> String {
    checksum(b"coffer/registry-policy/v1\n", policy)
}

/// BLAKE2b-256 (hex) over `domain` and the canonical JSON of `value`, written independently of the vault.
fn checksum(domain: &[u8], value: &Value) -> String {
    let mut canonical = Vec::new();
    canonical_json(value, &mut canonical);
    let mut hasher = Blake2b256::new();
    hasher.update(domain);
    hasher.update(&canonical);
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn canonical_json(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<_> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend(serde_json::to_vec(key).expect("serializes"));
                out.push(b':');
                canonical_json(&map[key], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_json(item, out);
            }
            out.push(b']');
        }
        scalar => out.extend(serde_json::to_vec(scalar).expect("serializes")),
    }
}

/// Creates a small table of rows in the session's ledger and returns them as written.
pub fn write_rows(session: &mut Session, prefix: &str, count: usize) -> Vec<(i64, String)> {
    let conn = session.connection_mut();
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
    )
    .expect("table created");
    let tx = conn.transaction().expect("transaction");
    let mut rows = Vec::new();
    {
        let mut insert = tx
            .prepare("INSERT INTO notes (body) VALUES (?1)")
            .expect("prepared");
        for i in 0..count {
            let body = format!(
                "{prefix} #{i:05} {}",
                "lorem ipsum dolor sit amet ".repeat(4)
            );
            insert.execute([&body]).expect("inserted");
            rows.push((tx.last_insert_rowid(), body));
        }
    }
    tx.commit().expect("committed");
    rows
}

/// Reads every row of the notes table.
pub fn read_rows(session: &Session) -> coffer_vault::Result<Vec<(i64, String)>> {
    let path = session.ledger_path().to_path_buf();
    let classify = |err| coffer_vault::classify(err, &path);
    let mut statement = session
        .connection()
        .prepare("SELECT id, body FROM notes ORDER BY id")
        .map_err(classify)?;
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(classify)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(classify)
}
