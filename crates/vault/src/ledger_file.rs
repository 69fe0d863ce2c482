//! Opens a profile's ledger file as an encrypted SQLite connection keyed with its raw data key.
//!
//! This module holds the vault's only `unsafe` code: the call to `sqlite3_key_v2`.

use std::ffi::c_int;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, ffi};
use zeroize::Zeroizing;

use crate::error::{Error, Result, classify};
use crate::kdf::KEY_LEN;
use crate::keyslot::DataKey;

/// `PRAGMA application_id` of every Coffer ledger ("CoFr"). Checked on unlock, so an empty or foreign
/// file is refused instead of silently becoming a fresh, empty ledger.
pub(crate) const APPLICATION_ID: i32 = 0x436F_4672;

/// How [`open_ledger`] treats the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenMode {
    /// The file was just created empty by the vault: stamp it as a Coffer ledger.
    New,
    /// The file must already be a Coffer ledger.
    Existing,
}

/// Opens the ledger at `path` (which must exist), keys it with `dek`, checks that it decrypts, and sets
/// the connection's pragmas:
///
/// * `journal_mode=WAL`: readers never block the writer, and commits append instead of rewriting pages.
/// * `synchronous=FULL`: every commit is fsynced before it returns. A finance app must not lose the last
///   expense the person saw as saved when the power fails; the cost is one fsync per transaction, which
///   imports avoid by using one transaction.
/// * `cache_size=-16384` (16 MiB): every page read from disk costs a decryption, so keep the hot ones (the
///   totals, the top of each index) in memory. Measured at a million expenses, 64 MiB made neither the
///   import nor any query faster, and it stays in the process after a lock.
/// * `foreign_keys=ON` (also the compile-time default) and `trusted_schema=OFF` (schema-defined SQL
///   functions and virtual tables may not run with elevated trust).
///
/// A leftover `-wal` must be checked before this opens an existing ledger: see `Vault::open_session`.
pub(crate) fn open_ledger(path: &Path, dek: &DataKey, mode: OpenMode) -> Result<Connection> {
    // No SQLITE_OPEN_CREATE: the vault creates the file itself (owner-only permissions) and an unlock must
    // never conjure up an empty ledger. No SQLITE_OPEN_URI: a path is a path.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|err| classify(err, path))?;

    let cipher: String = conn
        .query_row("PRAGMA cipher = 'chacha20'", [], |row| row.get(0))
        .map_err(|err| classify(err, path))?;
    debug_assert_eq!(cipher, coffer_sqlite3mc_sys::CIPHER_NAME);
    key_connection(&conn, dek)?;

    // The first read decrypts page 1: a damaged file fails here with SQLITE_NOTADB.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|err| classify(err, path))?;

    let pragma = |sql: &str| conn.execute_batch(sql).map_err(|err| classify(err, path));
    match mode {
        OpenMode::New => pragma(&format!("PRAGMA application_id = {APPLICATION_ID};"))?,
        OpenMode::Existing => {
            let id: i32 = conn
                .query_row("PRAGMA application_id", [], |row| row.get(0))
                .map_err(|err| classify(err, path))?;
            if id != APPLICATION_ID {
                return Err(Error::TamperedLedger {
                    path: path.to_path_buf(),
                });
            }
        }
    }
    let journal: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(|err| classify(err, path))?;
    debug_assert_eq!(journal, "wal");
    pragma(
        "PRAGMA synchronous = FULL;
         PRAGMA cache_size = -16384;
         PRAGMA foreign_keys = ON;
         PRAGMA trusted_schema = OFF;",
    )?;
    Ok(conn)
}

/// Hands the raw 32-byte data key to sqlite3mc as `raw:` + key (36 bytes). sqlite3mc's
/// `sqlite3mcExtractRawKey` takes exactly 32 bytes after `raw:` as the binary key, skipping its own key
/// derivation (it would otherwise run PBKDF2 with 64007 iterations on every open). The buffer is wiped.
fn key_connection(conn: &Connection, dek: &DataKey) -> Result<()> {
    let mut key = Zeroizing::new([0u8; 4 + KEY_LEN]);
    key[..4].copy_from_slice(coffer_sqlite3mc_sys::RAW_KEY_PREFIX);
    key[4..].copy_from_slice(&dek[..]);
    let key_len = c_int::try_from(key.len()).expect("36 fits in a c_int");
    #[allow(unsafe_code, reason = "the one FFI call rusqlite cannot make for us")]
    // SAFETY: `conn.handle()` is the live handle owned by `conn` (not closed, used on this thread only);
    // `c"main"` is NUL-terminated and 'static; `key` is valid for reads of `key_len` bytes for the call,
    // and sqlite3mc copies what it needs before returning.
    let rc = unsafe {
        coffer_sqlite3mc_sys::sqlite3_key_v2(
            conn.handle(),
            c"main".as_ptr(),
            key.as_ptr().cast(),
            key_len,
        )
    };
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(Error::Database(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some("sqlite3mc refused the ledger key".into()),
        )))
    }
}

/// Runs `PRAGMA integrity_check` (which reads, and so authenticates, every page in use) and reports any
/// problem as [`Error::TamperedLedger`].
pub(crate) fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    let mut statement = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|err| classify(err, path))?;
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|err| classify(err, path))?;
    for row in rows {
        if row.map_err(|err| classify(err, path))? != "ok" {
            return Err(Error::TamperedLedger {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(())
}
