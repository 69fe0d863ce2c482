//! Tampering: edited key slots in the registry, and flipped bytes in a ledger file. Every case must be
//! refused (never unlock, never return wrong data, never panic), and other profiles must keep working.

mod common;

use std::fs;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use coffer_vault::{Entropy, Error, InsecureSeededEntropy, ProfileId};
use common::{PASSWORD, TestVault, read_rows, write_rows};
use serde_json::Value;

/// Two profiles, Alice and Bob, with the same password (so that only the key slot's binding to its
/// profile can tell them apart).
fn two_profiles() -> (TestVault, ProfileId, ProfileId) {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let bob = t.create("Bob", 2);
    let ids = (alice.profile().id, bob.profile().id);
    alice.close().expect("closes");
    bob.close().expect("closes");
    (t, ids.0, ids.1)
}

fn assert_bob_still_works(t: &TestVault, bob: &ProfileId) {
    t.unlock(bob, PASSWORD)
        .expect("an untouched profile must keep unlocking")
        .close()
        .expect("closes");
}

fn slot(entry: &mut Value) -> &mut Value {
    &mut entry["key_slots"][0]
}

fn flip_base64_byte(text: &mut Value, index: usize) {
    let mut bytes = BASE64
        .decode(text.as_str().expect("base64 string"))
        .expect("valid base64");
    bytes[index] ^= 0x01;
    *text = Value::String(BASE64.encode(bytes));
}

#[test]
fn lowered_parameters_below_the_floor_are_refused_as_tampered() {
    let (t, alice, bob) = two_profiles();
    for (field, value) in [("memory_kib", 8_192), ("iterations", 1), ("parallelism", 0)] {
        for recompute in [false, true] {
            let before = t.registry();
            t.edit_entry(&alice, recompute, |entry| {
                slot(entry)["kdf"][field] = value.into()
            });
            let err = t.unlock(&alice, PASSWORD).expect_err("below the floor");
            match &err {
                Error::DamagedProfile { name, reason } => {
                    assert_eq!(name, "Alice");
                    assert!(
                        reason.contains("below the minimum — refused as tampered"),
                        "{reason}"
                    );
                }
                other => panic!("{field}={value}: expected DamagedProfile, got {other:?}"),
            }
            let listing = t.vault.profiles().expect("lists");
            assert!(listing[0].damaged.is_some(), "listed as damaged");
            assert_bob_still_works(&t, &bob);
            t.write_registry(&before);
        }
    }
    t.unlock(&alice, PASSWORD)
        .expect("restored entry unlocks")
        .close()
        .expect("closes");
}

#[test]
fn absurd_parameters_are_refused_before_any_derivation() {
    let (t, alice, bob) = two_profiles();
    t.edit_entry(&alice, true, |entry| {
        slot(entry)["kdf"]["memory_kib"] = 4_294_967_295u32.into();
        slot(entry)["kdf"]["iterations"] = 4_294_967_295u32.into();
    });
    let started = std::time::Instant::now();
    let err = t.unlock(&alice, PASSWORD).expect_err("absurd cost");
    assert!(
        matches!(&err, Error::DamagedProfile { reason, .. } if reason.contains("above the maximum")),
        "{err:?}"
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "refused without running the derivation"
    );
    assert_bob_still_works(&t, &bob);
}

#[test]
fn changed_parameters_are_caught_by_the_checksum_or_by_the_aead() {
    let (t, alice, bob) = two_profiles();
    let edits: [(&str, u32); 3] = [
        ("memory_kib", 19_457),
        ("iterations", 3),
        ("parallelism", 2),
    ];
    for (field, value) in edits {
        let before = t.registry();

        // An accidental edit: the checksum no longer matches.
        t.edit_entry(&alice, false, |entry| {
            slot(entry)["kdf"][field] = value.into()
        });
        let err = t.unlock(&alice, PASSWORD).expect_err("edited");
        assert!(
            matches!(&err, Error::DamagedProfile { reason, .. } if reason.contains("checksum")),
            "{field}: {err:?}"
        );
        t.write_registry(&before);

        // An attacker who recomputes the checksum: the AEAD's associated data still differs.
        t.edit_entry(&alice, true, |entry| {
            slot(entry)["kdf"][field] = value.into()
        });
        assert!(
            t.vault.profiles().expect("lists")[0].damaged.is_none(),
            "structurally fine"
        );
        let err = t
            .unlock(&alice, PASSWORD)
            .expect_err("must never unlock with altered parameters");
        assert!(matches!(err, Error::WrongPassword), "{field}: {err:?}");
        assert_bob_still_works(&t, &bob);
        t.write_registry(&before);
    }
}

#[test]
fn edited_salt_nonce_or_wrapped_key_never_unlock() {
    let (t, alice, bob) = two_profiles();
    for (field, index) in [
        ("salt", 0),
        ("salt", 31),
        ("nonce", 0),
        ("nonce", 23),
        ("wrapped_key", 0),
        ("wrapped_key", 47),
    ] {
        let before = t.registry();
        t.edit_entry(&alice, false, |entry| {
            flip_base64_byte(&mut slot(entry)[field], index)
        });
        let err = t
            .unlock(&alice, PASSWORD)
            .expect_err("edited without checksum");
        assert_eq!(err.code(), "damaged_profile", "{field}[{index}]: {err:?}");

        t.write_registry(&before);
        t.edit_entry(&alice, true, |entry| {
            flip_base64_byte(&mut slot(entry)[field], index)
        });
        let err = t
            .unlock(&alice, PASSWORD)
            .expect_err("edited with a recomputed checksum");
        assert!(
            matches!(err, Error::WrongPassword),
            "{field}[{index}]: {err:?}"
        );

        // Wrong lengths are structural damage.
        t.write_registry(&before);
        t.edit_entry(&alice, true, |entry| {
            slot(entry)[field] = Value::String(BASE64.encode([0u8; 7]));
        });
        assert_eq!(
            t.unlock(&alice, PASSWORD).expect_err("short").code(),
            "damaged_profile"
        );

        assert_bob_still_works(&t, &bob);
        t.write_registry(&before);
    }
    t.unlock(&alice, PASSWORD)
        .expect("restored")
        .close()
        .expect("closes");
}

#[test]
fn key_slots_swapped_between_profiles_are_refused() {
    let (t, alice, bob) = two_profiles();
    let mut registry = t.registry();
    let alice_slots = TestVault::entry_mut(&mut registry, &alice)["key_slots"].take();
    let bob_slots = TestVault::entry_mut(&mut registry, &bob)["key_slots"].take();
    TestVault::entry_mut(&mut registry, &alice)["key_slots"] = bob_slots;
    TestVault::entry_mut(&mut registry, &bob)["key_slots"] = alice_slots;
    common::recompute(TestVault::entry_mut(&mut registry, &alice));
    common::recompute(TestVault::entry_mut(&mut registry, &bob));
    t.write_registry(&registry);

    // Both profiles have the same password, so only the profile id in the associated data refuses these.
    for id in [&alice, &bob] {
        let err = t
            .unlock(id, PASSWORD)
            .expect_err("a foreign slot must not unlock");
        assert!(matches!(err, Error::WrongPassword), "{err:?}");
    }

    // A third, untouched profile still works.
    let carol = t.create("Carol", 3);
    let carol_id = carol.profile().id;
    carol.close().expect("closes");
    t.unlock(&carol_id, PASSWORD)
        .expect("unaffected")
        .close()
        .expect("closes");
}

#[test]
fn a_slot_copied_to_another_profile_with_its_own_password_is_refused() {
    // Mallory knows her own password and copies her slot into Alice's entry, hoping to unwrap her own DEK
    // as Alice's and have Coffer open Alice's ledger with it (or vice versa). The id binding refuses it.
    let t = TestVault::new();
    let alice = t.create_with("Alice", "alice's long password", 1);
    let mallory = t.create_with("Mallory", "mallory's long password", 2);
    let (alice_id, mallory_id) = (alice.profile().id, mallory.profile().id);
    alice.close().expect("closes");
    mallory.close().expect("closes");
    let mut registry = t.registry();
    let mallory_slots = TestVault::entry_mut(&mut registry, &mallory_id)["key_slots"].clone();
    TestVault::entry_mut(&mut registry, &alice_id)["key_slots"] = mallory_slots;
    common::recompute(TestVault::entry_mut(&mut registry, &alice_id));
    t.write_registry(&registry);
    let err = t
        .unlock(&alice_id, "mallory's long password")
        .expect_err("refused");
    assert!(matches!(err, Error::WrongPassword), "{err:?}");
    t.unlock(&mallory_id, "mallory's long password")
        .expect("unaffected")
        .close()
        .expect("closes");
}

/// Byte offsets to flip in a ledger of `len` bytes with 4096-byte pages: the salt and plaintext header
/// fields of page 1, its encrypted part and its nonce/tag, both ends of every page boundary region, the
/// last page, plus seeded random offsets.
fn offsets_to_flip(len: usize, seed: u64) -> Vec<usize> {
    const PAGE: usize = 4096;
    assert!(
        len >= 4 * PAGE,
        "the ledger has several pages ({len} bytes)"
    );
    assert_eq!(len % PAGE, 0, "whole pages");
    let mut offsets = vec![
        0,         // page 1: cipher salt (replaces "SQLite format 3\0")
        15,        // page 1: last salt byte
        16,        // page 1: page size (high byte), plaintext but authenticated
        18,        // page 1: file format write version (WAL = 2)
        20,        // page 1: reserved bytes per page (32 for the nonce and tag)
        21,        // page 1: max embedded payload fraction
        24,        // page 1: first encrypted byte (file change counter)
        60,        // page 1: user_version
        68,        // page 1: application_id
        100,       // page 1: start of the schema b-tree page
        PAGE - 32, // page 1: nonce
        PAGE - 1,  // page 1: last tag byte
        PAGE,      // page 2: first byte
        2 * PAGE + 500,
        len - PAGE, // last page: first byte
        len - 40,   // last page: nonce
        len - 16,   // last page: first tag byte
        len - 1,    // last byte of the file
    ];
    let mut entropy = InsecureSeededEntropy::new(seed);
    while offsets.len() < 30 {
        let mut raw = [0u8; 8];
        entropy.fill(&mut raw);
        offsets.push((u64::from_le_bytes(raw) % len as u64) as usize);
    }
    offsets
}

fn remove_side_files(ledger: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = ledger.as_os_str().to_owned();
        side.push(suffix);
        let _ = fs::remove_file(Path::new(&side));
    }
}

#[test]
fn every_flipped_byte_in_the_ledger_is_refused() {
    let t = TestVault::new();
    let mut session = t.create("Alice", 1);
    let id = session.profile().id;
    let rows = write_rows(&mut session, "flip", 400);
    session.close().expect("closes");
    let ledger = t.ledger(&id);
    let pristine = fs::read(&ledger).expect("readable");

    let mut entropy = InsecureSeededEntropy::new(0xF11F);
    let offsets = offsets_to_flip(pristine.len(), 0xC0FFEE);
    assert!(offsets.len() >= 20);
    for offset in offsets {
        let mut mask = [0u8; 1];
        while mask[0] == 0 {
            entropy.fill(&mut mask);
        }
        let mut damaged = pristine.clone();
        damaged[offset] ^= mask[0];
        remove_side_files(&ledger);
        fs::write(&ledger, &damaged).expect("written");

        let outcome = t.unlock(&id, PASSWORD).and_then(|session| {
            // Unlock only decrypts page 1; a full read must authenticate every page.
            let integrity = session.check_integrity();
            let read = read_rows(&session);
            let _ = session.close();
            integrity?;
            read
        });
        match outcome {
            Err(Error::TamperedLedger { path }) => assert_eq!(path, ledger),
            Err(other) => panic!(
                "byte {offset} ^ {:#04x}: expected TamperedLedger, got {other:?}",
                mask[0]
            ),
            Ok(read) => panic!(
                "byte {offset} ^ {:#04x} went unnoticed (rows intact: {})",
                mask[0],
                read == rows
            ),
        }
    }

    // The pristine file still opens: the refusals above were about the flipped bytes.
    remove_side_files(&ledger);
    fs::write(&ledger, &pristine).expect("restored");
    let session = t.unlock(&id, PASSWORD).expect("pristine ledger opens");
    assert_eq!(read_rows(&session).expect("readable"), rows);
    session.close().expect("closes");
}
