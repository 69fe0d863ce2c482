//! The password lifecycle: changing a password re-wraps the key and never touches the ledger; the
//! recovery code is a second key slot that unlocks while forcing a new password, and regenerating it
//! retires the old one; wrong passwords and codes make unlocking wait, longer each time, across
//! restarts, with an injected clock.

mod common;

use coffer_vault::lockout::{FIRST_DELAY_SECONDS, FREE_ATTEMPTS, MAX_DELAY_SECONDS};
use coffer_vault::{
    Error, InsecureSeededEntropy, Password, ProfileId, RecoveryCode, UnixTime, Vault,
};
use common::{NOW, PASSWORD, TestVault, open_fast};

const NEW_PASSWORD: &str = "a brand new passphrase";

fn at(seconds: i64) -> UnixTime {
    UnixTime(NOW.0 + seconds)
}

/// Creates "Alice" and answers her id and recovery code.
fn alice(t: &TestVault) -> (ProfileId, RecoveryCode) {
    let created = t
        .vault
        .create_profile(
            "Alice",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(1),
        )
        .expect("created");
    let id = created.session.profile().id;
    created.session.close().expect("closes");
    (id, created.recovery_code)
}

fn unlock_at(vault: &Vault, id: &ProfileId, password: &str, now: UnixTime) -> Result<(), Error> {
    vault
        .unlock(id, &Password::from(password), now)
        .map(|session| session.close().expect("closes"))
}

fn recover_at(
    vault: &Vault,
    id: &ProfileId,
    code: &str,
    new_password: &str,
    now: UnixTime,
) -> Result<(), Error> {
    let code = RecoveryCode::parse(code)?;
    vault
        .recover(
            id,
            &code,
            &Password::from(new_password),
            now,
            &mut InsecureSeededEntropy::new(9),
        )
        .map(|session| session.close().expect("closes"))
}

#[test]
fn a_new_profile_has_a_recovery_code_that_unlocks_it_with_a_new_password() {
    let t = TestVault::new();
    let (id, code) = alice(&t);
    let code = code.grouped();
    assert_eq!(code.len(), 29, "six groups of four: {}", code.as_str());
    let registry = t.registry();
    let kinds: Vec<&str> = registry["profiles"][0]["key_slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["password", "recovery"]);
    let ledger_before = std::fs::read(t.ledger(&id)).expect("ledger");

    // The code, typed sloppily, unlocks and replaces the password in the same step.
    let typed = code.to_lowercase().replace('-', " ");
    recover_at(&t.vault, &id, &typed, NEW_PASSWORD, NOW).expect("recovered");
    assert!(
        matches!(
            unlock_at(&t.vault, &id, PASSWORD, NOW),
            Err(Error::WrongPassword)
        ),
        "the old password no longer opens it"
    );
    unlock_at(&t.vault, &id, NEW_PASSWORD, NOW).expect("the new password does");
    recover_at(&t.vault, &id, &code, PASSWORD, NOW).expect("the code keeps working");
    unlock_at(&t.vault, &id, PASSWORD, NOW).expect("and set the password back");
    assert_eq!(
        std::fs::read(t.ledger(&id)).expect("ledger"),
        ledger_before,
        "recovering re-wraps the key; the ledger is never re-encrypted"
    );
}

#[test]
fn recovery_refuses_wrong_codes_short_passwords_and_non_codes() {
    let t = TestVault::new();
    let (id, code) = alice(&t);
    let wrong = "0000-0000-0000-0000-0000-0000";
    assert!(matches!(
        recover_at(&t.vault, &id, wrong, NEW_PASSWORD, NOW),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(t.failed_attempts(&id), 1, "a wrong code counts");
    assert!(matches!(
        recover_at(&t.vault, &id, &code.grouped(), "short", NOW),
        Err(Error::WeakPassword { min_length: 10 })
    ));
    assert_eq!(
        t.failed_attempts(&id),
        1,
        "a short password costs no attempt"
    );
    assert!(matches!(
        RecoveryCode::parse("not a code"),
        Err(Error::InvalidRecoveryCode)
    ));
    unlock_at(&t.vault, &id, PASSWORD, NOW).expect("nothing changed the password");
    assert_eq!(t.failed_attempts(&id), 0);
}

#[test]
fn changing_the_password_rewraps_the_key_and_leaves_the_ledger_alone() {
    let t = TestVault::new();
    let (id, code) = alice(&t);
    let session = t.unlock(&id, PASSWORD).expect("unlocked");
    let ledger_before = std::fs::read(t.ledger(&id)).expect("ledger");
    let slots_before = t.registry()["profiles"][0]["key_slots"].clone();

    let change = |current: &str, new: &str| {
        t.vault.change_password(
            &id,
            &Password::from(current),
            &Password::from(new),
            NOW,
            &mut InsecureSeededEntropy::new(3),
        )
    };
    assert!(matches!(
        change("not the password", NEW_PASSWORD),
        Err(Error::WrongPassword)
    ));
    assert!(matches!(
        change(PASSWORD, "too short"),
        Err(Error::WeakPassword { .. })
    ));
    change(PASSWORD, NEW_PASSWORD).expect("changed");

    // The open session keeps working, the ledger file is byte for byte the same, and only the
    // password slot changed.
    let count: i64 = session
        .connection()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .expect("the session still reads its ledger");
    assert!(count >= 0);
    session.close().expect("closes");
    assert_eq!(std::fs::read(t.ledger(&id)).expect("ledger"), ledger_before);
    let slots_after = t.registry()["profiles"][0]["key_slots"].clone();
    assert_ne!(slots_after[0], slots_before[0], "a new password slot");
    assert_eq!(
        slots_after[1], slots_before[1],
        "the recovery slot is untouched"
    );

    assert!(matches!(
        unlock_at(&t.vault, &id, PASSWORD, NOW),
        Err(Error::WrongPassword)
    ));
    unlock_at(&t.vault, &id, NEW_PASSWORD, NOW).expect("the new password opens it");
    recover_at(&t.vault, &id, &code.grouped(), PASSWORD, NOW).expect("the code still works");
}

#[test]
fn a_new_recovery_code_retires_the_old_one() {
    let t = TestVault::new();
    let (id, old) = alice(&t);
    let regenerate = |password: &str| {
        t.vault.regenerate_recovery_code(
            &id,
            &Password::from(password),
            NOW,
            &mut InsecureSeededEntropy::new(4),
        )
    };
    assert!(matches!(
        regenerate("not the password"),
        Err(Error::WrongPassword)
    ));
    let new = regenerate(PASSWORD).expect("regenerated");
    assert_ne!(new.grouped(), old.grouped());
    assert!(matches!(
        recover_at(&t.vault, &id, &old.grouped(), NEW_PASSWORD, NOW),
        Err(Error::WrongRecoveryCode)
    ));
    recover_at(&t.vault, &id, &new.grouped(), NEW_PASSWORD, NOW).expect("the new one works");
    let slots = t.registry()["profiles"][0]["key_slots"]
        .as_array()
        .expect("slots")
        .len();
    assert_eq!(
        slots, 2,
        "one password slot and one recovery slot, never more"
    );
}

#[test]
fn a_profile_from_before_recovery_codes_gets_its_first_one() {
    let t = TestVault::new();
    let (id, _) = alice(&t);
    t.edit_entry(&id, true, |entry| {
        let slots = entry["key_slots"].as_array_mut().expect("slots");
        slots.retain(|s| s["kind"] == "password");
    });
    assert!(matches!(
        recover_at(
            &t.vault,
            &id,
            "0000-0000-0000-0000-0000-0000",
            NEW_PASSWORD,
            NOW
        ),
        Err(Error::WrongRecoveryCode)
    ));
    let code = t
        .vault
        .regenerate_recovery_code(
            &id,
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(5),
        )
        .expect("a first code");
    recover_at(&t.vault, &id, &code.grouped(), NEW_PASSWORD, NOW).expect("it works");
}

#[test]
fn a_moved_recovery_slot_does_not_open_another_profile() {
    let t = TestVault::new();
    let (alice_id, alice_code) = alice(&t);
    let bob = t.create("Bob", 2);
    let bob_id = bob.profile().id;
    bob.close().expect("closes");
    // Someone who can write the registry copies Alice's recovery slot over Bob's.
    let mut registry = t.registry();
    let alice_slot = TestVault::entry_mut(&mut registry, &alice_id)["key_slots"][1].clone();
    t.edit_entry(&bob_id, true, |entry| {
        entry["key_slots"][1] = alice_slot;
    });
    assert!(matches!(
        recover_at(&t.vault, &bob_id, &alice_code.grouped(), NEW_PASSWORD, NOW),
        Err(Error::WrongRecoveryCode)
    ));
}

#[test]
fn wrong_attempts_make_unlocking_wait_longer_each_time_even_after_a_restart() {
    let t = TestVault::new();
    let (id, code) = alice(&t);
    // The free attempts: wrong, but no wait.
    for i in 0..FREE_ATTEMPTS {
        let now = at(i64::from(i));
        assert!(matches!(
            unlock_at(&t.vault, &id, "wrong password", now),
            Err(Error::WrongPassword)
        ));
    }
    assert_eq!(t.vault.profiles().expect("list")[0].locked_until, None);
    // The next mistake (at +10 s) starts a 30-second wait.
    assert!(matches!(
        unlock_at(&t.vault, &id, "wrong password", at(10)),
        Err(Error::WrongPassword)
    ));
    let until = at(10 + FIRST_DELAY_SECONDS as i64);
    assert_eq!(
        t.vault.profiles().expect("list")[0].locked_until,
        Some(until)
    );

    // A restart (a new Vault on the same directory) keeps the wait; even the right password and
    // the recovery code are refused without being tried, and that costs no attempt.
    let restarted = open_fast(t.root());
    let err = unlock_at(&restarted, &id, PASSWORD, at(20)).expect_err("waits");
    assert!(
        matches!(err, Error::LockedOut { until: u, wait_seconds: 20 } if u == until),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Too many wrong attempts. Try again in 20 seconds."
    );
    assert!(matches!(
        recover_at(&restarted, &id, &code.grouped(), NEW_PASSWORD, at(39)),
        Err(Error::LockedOut { .. })
    ));
    assert_eq!(t.failed_attempts(&id), 5);

    // After the wait, another mistake doubles it.
    assert!(matches!(
        unlock_at(&restarted, &id, "wrong password", at(40)),
        Err(Error::WrongPassword)
    ));
    assert_eq!(
        restarted.profiles().expect("list")[0].locked_until,
        Some(at(40 + 2 * FIRST_DELAY_SECONDS as i64))
    );
    // A wrong recovery code counts the same way.
    assert!(matches!(
        recover_at(
            &restarted,
            &id,
            "0000-0000-0000-0000-0000-0000",
            NEW_PASSWORD,
            at(100)
        ),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(
        restarted.profiles().expect("list")[0].locked_until,
        Some(at(100 + 4 * FIRST_DELAY_SECONDS as i64))
    );

    // The right password after the wait opens it and clears the count.
    unlock_at(&restarted, &id, PASSWORD, at(100 + 120)).expect("unlocks");
    assert_eq!(t.failed_attempts(&id), 0);
    assert_eq!(restarted.profiles().expect("list")[0].locked_until, None);
}

#[test]
fn the_wait_is_capped_and_an_admin_can_end_it() {
    let t = TestVault::new();
    let (id, _) = alice(&t);
    let mut now = 0;
    for _ in 0..20 {
        match unlock_at(&t.vault, &id, "wrong password", at(now)) {
            Err(Error::WrongPassword) => {}
            other => panic!("{other:?}"),
        }
        now += MAX_DELAY_SECONDS as i64;
    }
    let last = now - MAX_DELAY_SECONDS as i64;
    assert_eq!(
        t.vault.profiles().expect("list")[0].locked_until,
        Some(at(last + MAX_DELAY_SECONDS as i64)),
        "never more than an hour"
    );
    let bob = t.create("Bob", 2);
    let bob_id = bob.profile().id;
    bob.close().expect("closes");
    assert!(
        matches!(t.vault.reset_lockout(&bob_id, &id), Err(Error::NotAdmin)),
        "a member cannot end the wait"
    );
    t.vault.reset_lockout(&id, &id).expect("the admin can");
    assert_eq!(t.vault.profiles().expect("list")[0].locked_until, None);
    unlock_at(&t.vault, &id, PASSWORD, at(last + 1)).expect("no wait after the reset");
    assert!(matches!(
        t.vault.reset_lockout(&id, &ProfileId::from_bytes([7; 16])),
        Err(Error::UnknownProfile)
    ));
}

#[test]
fn codes_and_new_passwords_are_never_written_in_clear_text() {
    let t = TestVault::new();
    let (id, first) = alice(&t);
    let second = t
        .vault
        .regenerate_recovery_code(
            &id,
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(6),
        )
        .expect("regenerated");
    recover_at(&t.vault, &id, &second.grouped(), NEW_PASSWORD, NOW).expect("recovered");
    let mut needles: Vec<String> = vec![PASSWORD.into(), NEW_PASSWORD.into()];
    for code in [&first, &second] {
        let grouped = code.grouped().to_string();
        needles.push(grouped.replace('-', ""));
        needles.push(grouped);
    }
    let files = common::tree(t.root());
    assert!(files.iter().any(|f| f == "registry.json"), "{files:?}");
    for relative in files {
        let path = t.root().join(&relative);
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} in clear text in {relative}"
            );
        }
    }
}
