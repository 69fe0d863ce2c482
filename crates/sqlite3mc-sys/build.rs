//! Compiles the SQLite3 Multiple Ciphers amalgamation into a static library that provides every `sqlite3_*`
//! symbol rusqlite needs (libsqlite3-sys, built with `in_gecko`, links nothing itself).
//!
//! Every define below is deliberate; see the crate documentation for the reasons.

use std::env;

fn main() {
    let dir = sqlite3mc_src::source_dir();
    let source = dir.join(sqlite3mc_src::SOURCE_FILE);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", source.display());

    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let mut build = cc::Build::new();
    build
        .file(&source)
        .include(dir)
        // SQLite3 Multiple Ciphers: ChaCha20-Poly1305 is the default and the only cipher compiled in. Fewer
        // ciphers is less code, and a file can never be opened (or rekeyed) with a weaker scheme by mistake.
        .define("CODEC_TYPE", "CODEC_TYPE_CHACHA20")
        .define("HAVE_CIPHER_CHACHA20", "1")
        .define("HAVE_CIPHER_AES_128_CBC", "0")
        .define("HAVE_CIPHER_AES_256_CBC", "0")
        .define("HAVE_CIPHER_SQLCIPHER", "0")
        .define("HAVE_CIPHER_RC4", "0")
        .define("HAVE_CIPHER_ASCON128", "0")
        .define("HAVE_CIPHER_AEGIS", "0")
        // No AES cipher is compiled in, so the AES-NI/ARMv8 detection code is dead weight.
        .define("SQLITE3MC_OMIT_AES_HARDWARE_SUPPORT", "1")
        // sqlite3mc's optional extensions (EXTFUNC, CSV, VSV, SHA3, FILEIO, SERIES, UUID, REGEXP, COMPRESS,
        // SQLAR, ZIPFILE, CARRAY, PERCENTILE) are only compiled when their SQLITE_ENABLE_* is defined: we
        // define none of them. FILEIO in particular would let SQL read and write arbitrary files.
        //
        // Temporary tables and indices live in memory only: nothing decrypted is spilled to a temp file.
        .define("SQLITE_TEMP_STORE", "2")
        // Deleted content is overwritten with zeros instead of lingering in free pages.
        .define("SQLITE_SECURE_DELETE", None)
        // Double-quoted strings are identifiers, never string literals: typos fail loudly.
        .define("SQLITE_DQS", "0")
        .define("SQLITE_THREADSAFE", "1")
        .define("SQLITE_DEFAULT_FOREIGN_KEYS", "1")
        .define("SQLITE_ENABLE_API_ARMOR", None)
        .define("SQLITE_ENABLE_FTS5", None)
        .define("SQLITE_ENABLE_DBSTAT_VTAB", None)
        .define("SQLITE_ENABLE_STAT4", None)
        .define("SQLITE_ENABLE_COLUMN_METADATA", None)
        .define("SQLITE_USE_URI", None)
        // No run-time loading of native code into the process through SQL.
        .define("SQLITE_OMIT_LOAD_EXTENSION", None)
        .define("SQLITE_CORE", None)
        // From SQLite's recommended options: no global memory statistics (a mutex on every malloc),
        // no shared cache, LIKE never matches a BLOB.
        .define("SQLITE_DEFAULT_MEMSTATUS", "0")
        .define("SQLITE_OMIT_SHARED_CACHE", None)
        .define("SQLITE_LIKE_DOESNT_MATCH_BLOBS", None)
        .define("HAVE_USLEEP", "1")
        .define("HAVE_ISNAN", None)
        .define("_POSIX_THREAD_SAFE_FUNCTIONS", None)
        // Optimise even in debug builds: the crypto and the B-tree code are hot in every test, and nobody
        // steps through the amalgamation in a debugger.
        .opt_level(2)
        .debug(false)
        // The amalgamation is upstream code; its warnings are not ours to fix and would drown our own.
        .warnings(false)
        .cargo_warnings(false)
        // Keep every object of the archive: rusqlite's references to `sqlite3_*` come from another crate,
        // so without this the final link could drop members depending on link order.
        .link_lib_modifier("+whole-archive");

    if target_os != "windows" {
        build.define("HAVE_LOCALTIME_R", None);
    }

    build.compile("sqlite3mc");

    if target_os == "windows" {
        // sqlite3mc's entropy source (RtlGenRandom) lives in advapi32; MSVC picks it up from a
        // `#pragma comment(lib)`, MinGW needs it spelled out.
        println!("cargo:rustc-link-lib=advapi32");
    }
}
