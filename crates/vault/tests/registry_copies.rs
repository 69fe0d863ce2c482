//! The registry's two copies: one bad byte, or one lost file, costs no profile and is repaired on the
//! next open; damage in both is reported as before; the house rules carry a checksum; a file from a newer
//! Coffer is never replaced by an older copy.

mod common;

use std::fs;

use coffer_vault::{Error, Policy, ProfileId, Role};
use common::{PASSWORD, TestVault};
use serde_json::Value;

/// Alice (admin) and Bob, with house rules that differ from the defaults.
fn household() -> (TestVault, ProfileId, ProfileId) {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let alice_id = alice.profile().id;
    alice.close().expect("closes");
    let bob = t.create("Bob", 2);
    let bob_id = bob.profile().id;
    bob.close().expect("closes");
    let rules = Policy {
        min_password_length: 12,
        auto_lock_minutes: 3,
        ..t.vault.policy().expect("policy")
    };
    t.vault
        .set_policy(&alice_id, rules)
        .expect("the admin sets house rules");
    (t, alice_id, bob_id)
}

/// Both files as they are, which must be the same bytes.
fn both_files(t: &TestVault) -> Vec<u8> {
    let first = fs::read(t.registry_path()).expect("registry.json");
    let copy = fs::read(t.registry_copy_path()).expect("registry-copy.json");
    assert_eq!(first, copy, "the two files hold the same bytes");
    first
}

/// What the picker and the rules show, and that both profiles open.
fn everything_works(t: &TestVault, alice: &ProfileId, bob: &ProfileId) -> String {
    for id in [alice, bob] {
        t.unlock(id, PASSWORD)
            .unwrap_or_else(|err| panic!("{id} unlocks: {err}"))
            .close()
            .expect("closes");
    }
    format!(
        "{:?} {:?}",
        t.vault.profiles().expect("lists"),
        t.vault.policy().expect("policy")
    )
}

/// Offsets spread over the whole file, from a fixed seed (a small LCG keeps the test free of crates).
fn offsets(len: usize, count: usize) -> Vec<usize> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).expect("fits") % len
        })
        .collect()
}

#[test]
fn every_save_writes_the_same_bytes_to_both_files() {
    let (t, alice, _) = household();
    let bytes = both_files(&t);
    let value: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(value["version"], 2);
    assert_eq!(
        value["policy_checksum"].as_str().map(str::len),
        Some(64),
        "{value}"
    );
    t.unlock(&alice, "a wrong password").expect_err("wrong");
    assert_ne!(
        both_files(&t),
        bytes,
        "the failed attempt was saved to both"
    );
}

#[test]
fn one_bad_byte_in_either_file_costs_nothing_and_is_repaired_on_the_next_open() {
    let (t, alice, bob) = household();
    let pristine = both_files(&t);
    let seen = everything_works(&t, &alice, &bob);
    for (which, path) in [
        ("registry.json", t.registry_path()),
        ("registry-copy.json", t.registry_copy_path()),
    ] {
        for offset in offsets(pristine.len(), 60) {
            let mut flipped = pristine.clone();
            flipped[offset] ^= 0x20;
            fs::write(&path, &flipped).expect("written");
            assert_eq!(
                everything_works(&t, &alice, &bob),
                seen,
                "{which}, byte {offset} flipped: every profile and rule as before"
            );
            drop(common::open_fast(t.root()));
            assert_eq!(
                both_files(&t),
                pristine,
                "{which}, byte {offset}: the next open wrote both files back as they were"
            );
        }
    }
}

#[test]
fn a_lost_file_is_recovered_from_the_other() {
    let (t, alice, bob) = household();
    let pristine = both_files(&t);
    let seen = everything_works(&t, &alice, &bob);
    for path in [t.registry_path(), t.registry_copy_path()] {
        fs::remove_file(&path).expect("removed");
        assert_eq!(
            everything_works(&t, &alice, &bob),
            seen,
            "{}",
            path.display()
        );
        drop(common::open_fast(t.root()));
        assert_eq!(both_files(&t), pristine, "{} is back", path.display());
    }
}

#[test]
fn an_entry_damaged_in_one_file_is_taken_from_the_other() {
    let (t, alice, bob) = household();
    let seen = everything_works(&t, &alice, &bob);
    // Alice's entry is damaged in the first file, Bob's in the copy: each is mended from the other.
    let bytes = both_files(&t);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert_eq!(text.matches("\"Alice\"").count(), 1);
    fs::write(t.registry_path(), text.replace("\"Alice\"", "\"Alicf\"")).expect("written");
    fs::write(t.registry_copy_path(), text.replace("\"Bob\"", "\"Bob!\"")).expect("written");
    assert_eq!(everything_works(&t, &alice, &bob), seen);
}

#[test]
fn an_entry_damaged_in_both_files_is_listed_as_damaged_and_kept() {
    let (t, alice, bob) = household();
    t.edit_entry(&alice, false, |entry| entry["name"] = "Alicf".into());
    let damaged = both_files(&t);
    let listings = t.vault.profiles().expect("lists");
    let alice_listing = listings.iter().find(|p| p.id == alice).expect("listed");
    assert!(
        alice_listing
            .damaged
            .as_deref()
            .is_some_and(|reason| reason.contains("checksum")),
        "{alice_listing:?}"
    );
    assert_eq!(
        t.unlock(&alice, PASSWORD).expect_err("damaged").code(),
        "damaged_profile"
    );
    t.unlock(&bob, PASSWORD)
        .expect("Bob still unlocks")
        .close()
        .expect("closes");
    drop(common::open_fast(t.root()));
    assert_eq!(
        both_files(&t),
        damaged,
        "nothing to repair, nothing rewritten"
    );
}

#[test]
fn a_bad_byte_in_both_files_refuses_the_registry_and_rewrites_neither() {
    let (t, alice, _) = household();
    let pristine = both_files(&t);
    let at = pristine
        .iter()
        .position(|&byte| byte == b'{')
        .expect("an object");
    let mut broken = pristine.clone();
    broken[at] = b'[';
    t.write_registry_bytes(&broken);
    let err = t.unlock(&alice, PASSWORD).expect_err("unreadable");
    assert!(matches!(err, Error::DamagedRegistry { .. }), "{err:?}");
    assert!(
        err.to_string().contains("its copy cannot be read either"),
        "{err}"
    );
    drop(common::open_fast(t.root()));
    assert_eq!(both_files(&t), broken, "left exactly as it was");
}

#[test]
fn house_rules_that_fail_their_checksum_are_not_applied() {
    let (t, alice, bob) = household();
    let rules = t.vault.policy().expect("policy");
    assert_eq!(rules.auto_lock_minutes, 3);

    // Edited in the first file only: the copy's rules apply.
    let mut edited = t.registry();
    edited["policy"]["auto_lock_minutes"] = 240.into();
    fs::write(
        t.registry_path(),
        serde_json::to_vec_pretty(&edited).expect("json"),
    )
    .expect("written");
    assert_eq!(t.vault.policy().expect("policy"), rules);

    // Edited in both: refused as damaged, never quietly applied.
    t.write_registry(&edited);
    let err = t.vault.policy().expect_err("damaged rules");
    assert_eq!(err.code(), "damaged_registry");
    assert!(err.to_string().contains("house rules"), "{err}");
    assert_eq!(
        t.unlock(&bob, PASSWORD).expect_err("damaged").code(),
        "damaged_registry"
    );

    // Out-of-range rules with a recomputed checksum are refused too (an accident cannot do that; the
    // range check keeps a hand-edited file from setting a zero-minute lock).
    let mut zero = t.registry();
    zero["policy"]["auto_lock_minutes"] = 0.into();
    zero["policy_checksum"] = common::policy_checksum(&zero["policy"]).into();
    t.write_registry(&zero);
    let err = t.vault.policy().expect_err("out of range");
    assert!(err.to_string().contains("out of range"), "{err}");
    let _ = alice;
}

#[test]
fn a_version_1_registry_without_a_rules_checksum_is_read_and_upgraded() {
    let (t, alice, bob) = household();
    let seen = everything_works(&t, &alice, &bob);
    let mut old = t.registry();
    old["version"] = 1.into();
    old.as_object_mut()
        .expect("object")
        .remove("policy_checksum");
    t.write_registry(&old);
    assert_eq!(everything_works(&t, &alice, &bob), seen);
    t.unlock(&alice, "a wrong password").expect_err("wrong");
    assert_eq!(t.registry()["version"], 2, "the next save writes version 2");
    assert!(t.registry()["policy_checksum"].is_string());
}

#[test]
fn a_file_from_a_newer_coffer_is_never_replaced_by_an_older_copy() {
    let (t, alice, _) = household();
    let mut newer = t.registry();
    newer["version"] = 3.into();
    let newer = serde_json::to_vec_pretty(&newer).expect("json");
    fs::write(t.registry_path(), &newer).expect("written");
    let err = t.unlock(&alice, PASSWORD).expect_err("newer");
    assert!(err.to_string().contains("newer version of Coffer"), "{err}");
    drop(common::open_fast(t.root()));
    assert_eq!(fs::read(t.registry_path()).expect("readable"), newer);
}

#[test]
fn a_copy_a_save_behind_is_used_only_when_the_first_file_is_unreadable() {
    // A crash between the two writes leaves the copy one save behind.
    let (t, alice, bob) = household();
    let behind = both_files(&t);
    t.vault
        .set_role(&alice, &bob, Role::Admin)
        .expect("Bob becomes an admin");
    let ahead = both_files(&t);
    fs::write(t.registry_copy_path(), &behind).expect("written");
    let role = |t: &TestVault| {
        t.vault
            .profiles()
            .expect("lists")
            .into_iter()
            .find(|p| p.id == bob)
            .map(|p| p.role)
    };
    assert_eq!(role(&t), Some(Role::Admin), "the first file wins");

    // Now the first file is lost too: the older copy is what there is.
    fs::write(t.registry_path(), b"\0\0\0").expect("written");
    assert_eq!(role(&t), Some(Role::Member));
    assert_ne!(ahead, behind);
}
