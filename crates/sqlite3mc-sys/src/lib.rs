//! Links SQLite3 Multiple Ciphers (ChaCha20-Poly1305 only) into the program and declares the part of its API
//! that rusqlite does not know about: keying a connection.
//!
//! # How the pieces fit
//!
//! * `build.rs` compiles the `sqlite3mc-src` amalgamation (SQLite3 Multiple Ciphers 2.6.1 = SQLite 3.54.0)
//!   into a static library, linked `+whole-archive` so link order can never drop a member.
//! * `libsqlite3-sys` is used with its `in_gecko` feature: it then emits **no** link directives and compiles
//!   against its bundled bindings, so every `sqlite3_*` symbol rusqlite calls resolves to this amalgamation.
//!   The three versions (`rusqlite`, `libsqlite3-sys`, `sqlite3mc-src`) are pinned with `=` and must be
//!   upgraded together.
//! * rusqlite's `codec` feature is **not** used: it only exposes `sqlite3_key`/`sqlite3_rekey` when
//!   libsqlite3-sys is built for SQLCipher (`sqlcipher`/`bundled-sqlcipher`), which would pull in OpenSSL and
//!   another SQLite; with `in_gecko` it does not build. Declaring the two functions here is smaller and exact.
//!
//! # Build options (see `build.rs`)
//!
//! Only the `chacha20` cipher is compiled in, and it is the default. Temporary storage is memory only
//! (`SQLITE_TEMP_STORE=2`), deleted content is zeroed (`SQLITE_SECURE_DELETE`), double-quoted string
//! literals are off (`SQLITE_DQS=0`), foreign keys are on by default, loading native extensions is compiled
//! out (`SQLITE_OMIT_LOAD_EXTENSION`: rusqlite's `load_extension` feature will therefore fail to link, on
//! purpose), and none of sqlite3mc's optional SQL extensions (file I/O, CSV, …) are built. FTS5, dbstat, STAT4,
//! column metadata and URI filenames are available.
//!
//! Dependants must make sure this crate is actually linked: call [`link`] once, or name anything from it.
//! (A crate that is only listed in `Cargo.toml` but never used in code is not passed to the linker.)

#![allow(
    unsafe_code,
    reason = "a -sys crate: declaring and wrapping foreign functions is its whole job"
)]

use core::ffi::{c_char, c_int, c_void};

pub use libsqlite3_sys::sqlite3;

/// The SQLite3 Multiple Ciphers release compiled into this crate.
pub const SQLITE3MC_VERSION: &str = "2.6.1";

/// The SQLite release wrapped by [`SQLITE3MC_VERSION`].
pub const SQLITE_VERSION: &str = "3.54.0";

/// The name of the only cipher compiled in (ChaCha20-Poly1305 per page, page number bound into the tag).
pub const CIPHER_NAME: &str = "chacha20";

/// Length in bytes of a raw ChaCha20 database key.
pub const KEY_LEN: usize = 32;

/// Prefix that makes sqlite3mc take the key bytes as they are, with no key derivation.
///
/// `sqlite3mcExtractRawKey` accepts `raw:` followed by exactly 32 binary bytes (key only), 48 binary bytes
/// (key and salt), or their hex forms. We always pass the 32-byte binary form.
pub const RAW_KEY_PREFIX: &[u8; 4] = b"raw:";

unsafe extern "C" {
    /// Sets the key of database `zDbName` ("main", or an attached name) on `db`.
    ///
    /// Must be called right after opening, before anything reads the file. `pKey`/`nKey` is the key material;
    /// with a [`RAW_KEY_PREFIX`] prefix the bytes are the key itself, otherwise they are a passphrase that
    /// sqlite3mc stretches with its own KDF on every open (Coffer never does that). Returns an SQLite result
    /// code; a wrong key is only noticed when the first page is read (`SQLITE_NOTADB`).
    ///
    /// # Safety
    ///
    /// `db` must be an open connection handle, `zDbName` a NUL-terminated string or null, and `pKey` valid
    /// for reads of `nKey` bytes.
    pub fn sqlite3_key_v2(
        db: *mut sqlite3,
        zDbName: *const c_char,
        pKey: *const c_void,
        nKey: c_int,
    ) -> c_int;

    /// Changes the key of database `zDbName` on `db`, re-encrypting every page (same key forms as
    /// [`sqlite3_key_v2`]). Not needed for a password change, which only re-wraps the data key.
    ///
    /// # Safety
    ///
    /// As for [`sqlite3_key_v2`].
    pub fn sqlite3_rekey_v2(
        db: *mut sqlite3,
        zDbName: *const c_char,
        pKey: *const c_void,
        nKey: c_int,
    ) -> c_int;

    /// Returns sqlite3mc's version string, e.g. `"SQLite3 Multi Cipher 2.6.1"` (static, NUL-terminated).
    ///
    /// # Safety
    ///
    /// Always safe to call; declared `unsafe` because it is foreign.
    pub fn sqlite3mc_version() -> *const c_char;
}

/// Forces this crate (and so the compiled amalgamation) into the final link.
///
/// Crates that reach SQLite only through rusqlite call this once (any call site works), or write
/// `use coffer_sqlite3mc_sys as _;`.
#[inline(never)]
pub fn link() {
    // Referencing a symbol of the static library keeps the dependency edge visible to rustc.
    core::hint::black_box(sqlite3mc_version as unsafe extern "C" fn() -> *const c_char);
}

/// Returns sqlite3mc's version string, e.g. `"SQLite3 Multi Cipher 2.6.1"`.
pub fn sqlite3mc_version_string() -> &'static str {
    // SAFETY: sqlite3mc_version returns a pointer to a static NUL-terminated ASCII string.
    let version = unsafe { core::ffi::CStr::from_ptr(sqlite3mc_version()) };
    version.to_str().unwrap_or("")
}
