//! Profiles end to end: create, lock, unlock, names, passwords, policy, data directory, registry files.

mod common;

use std::fs;

use coffer_vault::{
    Error, InsecureSeededEntropy, KdfParams, Password, Preferences, ProfileId, Role, Theme, Vault,
};
use common::{NOW, PASSWORD, TestVault, read_rows, write_rows};

#[test]
fn create_close_unlock_round_trip_keeps_the_data() {
    let t = TestVault::new();
    let mut session = t.create("  Alice  ", 1);
    let profile = session.profile().clone();
    assert_eq!(profile.name, "Alice", "the name is stored trimmed");
    assert_eq!(profile.created_at, NOW);
    let id_text = profile.id.to_string();
    assert!(
        id_text.len() == 32
            && id_text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{id_text}"
    );
    assert!(
        t.ledger(&profile.id).is_file(),
        "the ledger is named after the id"
    );
    let written = write_rows(&mut session, "persisted", 50);
    session.close().expect("closes cleanly");

    let session = t
        .unlock(&profile.id, PASSWORD)
        .expect("the right password unlocks");
    assert_eq!(session.profile(), &profile);
    assert_eq!(
        read_rows(&session).expect("readable"),
        written,
        "committed rows survive a lock/unlock"
    );
    session.check_integrity().expect("a fresh ledger is intact");
    session.close().expect("closes cleanly");

    let listing = t.vault.profiles().expect("lists");
    assert_eq!(listing.len(), 1);
    assert_eq!(listing[0].id, profile.id);
    assert_eq!(listing[0].damaged, None);
}

#[test]
fn wrong_password_fails_before_the_ledger_is_touched() {
    let t = TestVault::new();
    let session = t.create("Alice", 1);
    let id = session.profile().id;
    session.close().expect("closes");
    let ledger = t.ledger(&id);
    let pristine = fs::read(&ledger).expect("ledger readable");

    // Replace the ledger with garbage: if a wrong password ever reached SQLite, this would surface as
    // TamperedLedger instead of WrongPassword.
    let garbage: Vec<u8> = (0..16_384u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&ledger, &garbage).expect("overwritten");

    for expected_attempts in 1..=3 {
        let err = t
            .unlock(&id, "not the password at all")
            .expect_err("a wrong password must not unlock");
        assert!(matches!(err, Error::WrongPassword), "{err:?}");
        assert_eq!(err.code(), "wrong_password");
        assert_eq!(
            t.failed_attempts(&id),
            expected_attempts,
            "each failure is counted and persisted"
        );
    }
    assert_eq!(
        fs::read(&ledger).expect("readable"),
        garbage,
        "the ledger was not opened or modified"
    );
    assert!(
        !t.root()
            .join("profiles")
            .join(format!("{id}.db-wal"))
            .exists(),
        "SQLite never opened the ledger"
    );

    // The right password does reach the ledger, and the garbage is reported as such.
    let err = t
        .unlock(&id, PASSWORD)
        .expect_err("garbage cannot be a ledger");
    assert!(matches!(err, Error::TamperedLedger { .. }), "{err:?}");
    assert_eq!(
        t.failed_attempts(&id),
        0,
        "a correct password resets the counter"
    );

    fs::write(&ledger, &pristine).expect("restored");
    t.unlock(&id, "still wrong").expect_err("wrong");
    assert_eq!(t.failed_attempts(&id), 1);
    t.unlock(&id, PASSWORD)
        .expect("unlocks")
        .close()
        .expect("closes");
    assert_eq!(t.failed_attempts(&id), 0, "success resets the counter");
}

#[test]
fn first_profile_is_admin_later_ones_are_members() {
    let t = TestVault::new();
    let roles: Vec<Role> = ["Alice", "Bob", "Carol"]
        .iter()
        .zip(1..)
        .map(|(name, seed)| t.create(name, seed).profile().role)
        .collect();
    assert_eq!(roles, [Role::Admin, Role::Member, Role::Member]);
    let listed: Vec<_> = t
        .vault
        .profiles()
        .expect("lists")
        .into_iter()
        .map(|p| (p.name, p.role))
        .collect();
    assert_eq!(
        listed,
        [
            ("Alice".into(), Role::Admin),
            ("Bob".into(), Role::Member),
            ("Carol".into(), Role::Member)
        ],
        "registry order is creation order"
    );
}

#[test]
fn invalid_and_duplicate_names_are_refused_and_nothing_is_written() {
    let t = TestVault::new();
    t.create("Alice", 1).close().expect("closes");
    let tree = t.tree();
    let registry = fs::read(t.registry_path()).expect("registry");

    let cases: [(&str, &str); 10] = [
        ("", "invalid_name"),
        ("   \t ", "invalid_name"),
        (&"x".repeat(41), "invalid_name"),
        ("tab\there", "invalid_name"),
        ("new\nline", "invalid_name"),
        ("bell\u{7}", "invalid_name"),
        ("evil\u{202E}txt.exe", "invalid_name"),
        ("alice", "duplicate_name"),
        ("  ALICE ", "duplicate_name"),
        ("Alice", "duplicate_name"),
    ];
    for (name, code) in cases {
        let err = t
            .vault
            .create_profile(
                name,
                &Password::from(PASSWORD),
                NOW,
                &mut InsecureSeededEntropy::new(9),
            )
            .expect_err("must be refused");
        assert_eq!(err.code(), code, "{name:?}: {err}");
        assert_eq!(t.tree(), tree, "{name:?}: no file appeared or vanished");
        assert_eq!(
            fs::read(t.registry_path()).expect("registry"),
            registry,
            "{name:?}: registry unchanged"
        );
    }
    // Exactly 40 characters is fine.
    t.create(&"y".repeat(40), 2).close().expect("closes");
}

#[test]
fn passwords_are_checked_against_the_policy() {
    let t = TestVault::new();
    assert_eq!(
        t.vault.policy().expect("policy").min_password_length,
        10,
        "default policy"
    );
    let attempt = |password: &str, seed| {
        t.vault.create_profile(
            "Alice",
            &Password::from(password),
            NOW,
            &mut InsecureSeededEntropy::new(seed),
        )
    };
    let err = attempt("123456789", 1).expect_err("9 characters is too short");
    assert!(
        matches!(err, Error::WeakPassword { min_length: 10 }),
        "{err:?}"
    );
    assert!(t.tree().is_empty(), "nothing written: {:?}", t.tree());
    let err = attempt("ééééééééé", 1).expect_err("9 characters (18 bytes) is too short");
    assert_eq!(err.code(), "weak_password");
    attempt("éééééééééé", 2)
        .expect("10 characters is enough")
        .session
        .close()
        .expect("closes");

    // The policy is read from the registry.
    let mut registry = t.registry();
    registry["policy"]["min_password_length"] = 12.into();
    registry["policy_checksum"] = common::policy_checksum(&registry["policy"]).into();
    t.write_registry(&registry);
    assert_eq!(t.vault.policy().expect("policy").min_password_length, 12);
    let err = t
        .vault
        .create_profile(
            "Bob",
            &Password::from("12345678901"),
            NOW,
            &mut InsecureSeededEntropy::new(3),
        )
        .expect_err("11 < 12");
    assert!(
        matches!(err, Error::WeakPassword { min_length: 12 }),
        "{err:?}"
    );
}

#[test]
fn an_unusable_data_directory_is_a_data_dir_error() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let file = scratch.path().join("a-regular-file");
    fs::write(&file, b"x").expect("written");
    let err = Vault::open(&file.join("coffer")).expect_err("cannot create a folder inside a file");
    assert_eq!(err.code(), "data_dir", "{err}");
    let err = Vault::open(&file).expect_err("a file is not a folder");
    assert_eq!(err.code(), "data_dir", "{err}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = scratch.path().join("read-only");
        fs::create_dir(&locked).expect("created");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).expect("chmod");
        let root_ignores_permissions = fs::write(locked.join("probe"), b"x").is_ok();
        if root_ignores_permissions {
            eprintln!(
                "running as root: the chmod 0500 case cannot fail here, the file-path cases cover it"
            );
        } else {
            let err = Vault::open(&locked).expect_err("a read-only folder is not usable");
            assert_eq!(err.code(), "data_dir", "{err}");
        }
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).expect("chmod back");
    }
}

#[cfg(unix)]
#[test]
fn a_new_data_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = tempfile::tempdir().expect("temp dir");
    let root = scratch.path().join("nested/coffer");
    let t = Vault::open(&root)
        .expect("opens")
        .with_kdf(KdfParams::FLOOR)
        .expect("floor");
    assert_eq!(
        fs::metadata(&root).expect("exists").permissions().mode() & 0o777,
        0o700
    );
    t.create_profile(
        "Alice",
        &Password::from(PASSWORD),
        NOW,
        &mut InsecureSeededEntropy::new(1),
    )
    .expect("created")
    .session
    .close()
    .expect("closes");
    for private in ["registry.json", "registry-copy.json", "profiles"] {
        let mode = fs::metadata(root.join(private))
            .expect("exists")
            .permissions()
            .mode()
            & 0o077;
        assert_eq!(mode, 0, "{private} is not readable by group or others");
    }
    assert_eq!(common::tree(&root).len(), 4, "{:?}", common::tree(&root));
}

#[test]
fn a_registry_that_is_not_json_is_refused_and_left_untouched() {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let id = alice.profile().id;
    alice.close().expect("closes");
    let broken = b"{ this is not JSON".to_vec();
    t.write_registry_bytes(&broken);
    let tree = t.tree();

    let err = t.vault.profiles().expect_err("unreadable registry");
    assert!(matches!(err, Error::DamagedRegistry { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("The profile registry at "),
        "{err}"
    );
    let err = t
        .vault
        .create_profile(
            "Bob",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(2),
        )
        .expect_err("must not overwrite a damaged registry");
    assert_eq!(err.code(), "damaged_registry");
    assert_eq!(
        t.unlock(&id, PASSWORD).expect_err("refused").code(),
        "damaged_registry"
    );
    assert_eq!(
        t.vault.policy().expect_err("refused").code(),
        "damaged_registry"
    );

    drop(common::open_fast(t.root()));
    for path in [t.registry_path(), t.registry_copy_path()] {
        assert_eq!(
            fs::read(&path).expect("readable"),
            broken,
            "{} left exactly as it was, even by opening the folder again",
            path.display()
        );
    }
    assert_eq!(t.tree(), tree, "no ledger was created for Bob");
}

#[test]
fn a_registry_from_a_newer_coffer_is_refused() {
    let t = TestVault::new();
    t.create("Alice", 1).close().expect("closes");
    let mut registry = t.registry();
    registry["version"] = 3.into();
    t.write_registry(&registry);
    let err = t.vault.profiles().expect_err("newer format");
    assert_eq!(err.code(), "damaged_registry");
    assert!(err.to_string().contains("newer version of Coffer"), "{err}");
}

#[test]
fn no_temporary_files_remain_after_any_operation() {
    let t = TestVault::new();
    let expected_base = |extra: &[String]| {
        let mut all: Vec<String> = ["profiles", "registry-copy.json", "registry.json"]
            .map(String::from)
            .to_vec();
        all.extend_from_slice(extra);
        all.sort();
        all
    };
    let alice = t.create("Alice", 1);
    let id = alice.profile().id;
    alice.close().expect("closes");
    let ledger = format!("profiles/{id}.db");
    assert_eq!(t.tree(), expected_base(std::slice::from_ref(&ledger)));
    t.unlock(&id, "wrong password!").expect_err("wrong");
    assert_eq!(t.tree(), expected_base(std::slice::from_ref(&ledger)));
    t.unlock(&id, PASSWORD)
        .expect("unlocks")
        .close()
        .expect("closes");
    assert_eq!(t.tree(), expected_base(std::slice::from_ref(&ledger)));
    t.vault
        .set_preferences(&Preferences { theme: Theme::Dark })
        .expect("saved");
    assert_eq!(
        t.tree(),
        expected_base(&[ledger, "preferences.json".into()])
    );
}

#[test]
fn a_damaged_entry_is_listed_and_the_others_keep_working() {
    let t = TestVault::new();
    let (alice, bob) = (t.create("Alice", 1), t.create("Bob", 2));
    let (alice_id, bob_id) = (alice.profile().id, bob.profile().id);
    alice.close().expect("closes");
    bob.close().expect("closes");

    // A hand edit without a new checksum.
    t.edit_entry(&alice_id, false, |entry| entry["name"] = "Alicia".into());
    let listing = t.vault.profiles().expect("still lists");
    assert_eq!(listing.len(), 2);
    assert_eq!(listing[0].name, "Alicia", "the readable name is shown");
    let reason = listing[0]
        .damaged
        .as_deref()
        .expect("Alice's entry is damaged");
    assert!(reason.contains("checksum"), "{reason}");
    assert_eq!(listing[1].damaged, None);
    let err = t.unlock(&alice_id, PASSWORD).expect_err("damaged");
    assert!(
        matches!(err, Error::DamagedProfile { ref name, .. } if name == "Alicia"),
        "{err:?}"
    );
    assert!(err.to_string().contains("“Alicia”"), "{err}");
    t.unlock(&bob_id, PASSWORD)
        .expect("Bob is unaffected")
        .close()
        .expect("closes");
    t.create("Carol", 3)
        .close()
        .expect("new profiles can still be created");

    // An entry whose id cannot be read is kept in the file but not listed.
    let mut registry = t.registry();
    registry["profiles"]
        .as_array_mut()
        .expect("array")
        .push(serde_json::json!({"name": "ghost", "id": "../../etc/passwd"}));
    t.write_registry(&registry);
    let names: Vec<_> = t
        .vault
        .profiles()
        .expect("lists")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Alicia", "Bob", "Carol"]);
    t.unlock(&bob_id, "wrong password!").expect_err("wrong");
    let kept = t.registry()["profiles"].as_array().expect("array").len();
    assert_eq!(
        kept, 4,
        "rewriting the registry preserved the unreadable entry"
    );
    assert!(
        t.registry()["profiles"][0]["name"] == "Alicia",
        "and the damaged entry exactly as it was"
    );
    t.unlock(&bob_id, PASSWORD)
        .expect("Bob still unlocks")
        .close()
        .expect("closes");
}

#[test]
fn a_duplicated_entry_is_damaged_not_ambiguous() {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let id = alice.profile().id;
    alice.close().expect("closes");
    let mut registry = t.registry();
    let copy = registry["profiles"][0].clone();
    registry["profiles"]
        .as_array_mut()
        .expect("array")
        .push(copy);
    t.write_registry(&registry);
    let listing = t.vault.profiles().expect("lists");
    assert_eq!(listing.len(), 2);
    assert_eq!(listing[0].damaged, None, "the first entry with an id wins");
    assert!(
        listing[1]
            .damaged
            .as_deref()
            .is_some_and(|r| r.contains("same id")),
        "{listing:?}"
    );
    t.unlock(&id, PASSWORD)
        .expect("the first entry unlocks")
        .close()
        .expect("closes");
}

#[test]
fn unknown_profiles_and_missing_ledgers_are_reported() {
    let t = TestVault::new();
    let stranger: ProfileId = "00112233445566778899aabbccddeeff"
        .parse()
        .expect("valid id");
    assert!(matches!(
        t.unlock(&stranger, PASSWORD),
        Err(Error::UnknownProfile)
    ));
    let alice = t.create("Alice", 1);
    let id = alice.profile().id;
    alice.close().expect("closes");
    assert_eq!(
        t.unlock(&stranger, PASSWORD).expect_err("unknown").code(),
        "unknown_profile"
    );

    fs::remove_file(t.ledger(&id)).expect("removed");
    let err = t.unlock(&id, PASSWORD).expect_err("no ledger");
    assert!(matches!(err, Error::DamagedProfile { .. }), "{err:?}");
    assert!(err.to_string().contains("missing"), "{err}");
    assert!(
        !t.ledger(&id).exists(),
        "unlock never creates an empty ledger"
    );

    // An empty file in its place is not a Coffer ledger either.
    fs::write(t.ledger(&id), b"").expect("written");
    let err = t.unlock(&id, PASSWORD).expect_err("empty file");
    assert!(matches!(err, Error::TamperedLedger { .. }), "{err:?}");
}

#[test]
fn kdf_parameters_for_new_slots_are_bounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let open = || Vault::open(dir.path()).expect("opens");
    let weak = KdfParams {
        memory_kib: 8_192,
        ..KdfParams::FLOOR
    };
    assert_eq!(
        open().with_kdf(weak).expect_err("below the floor").code(),
        "weak_kdf"
    );
    let absurd = KdfParams {
        iterations: 1_000,
        ..KdfParams::DEFAULT
    };
    assert_eq!(
        open()
            .with_kdf(absurd)
            .expect_err("above the maximum")
            .code(),
        "weak_kdf"
    );
    let default = KdfParams::DEFAULT;
    let floor = KdfParams::FLOOR;
    assert!(
        default.memory_kib >= floor.memory_kib
            && default.iterations >= floor.iterations
            && default.parallelism >= floor.parallelism,
        "DEFAULT must never be weaker than FLOOR"
    );
}

#[test]
fn the_default_kdf_creates_and_unlocks_profiles() {
    // The one test that pays for the real parameters, to prove the default path end to end.
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = Vault::open(dir.path()).expect("opens");
    let session = vault
        .create_profile(
            "Alice",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(1),
        )
        .expect("created")
        .session;
    let id = session.profile().id;
    session.close().expect("closes");
    let registry: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("registry.json")).expect("readable"))
            .expect("json");
    let kdf = &registry["profiles"][0]["key_slots"][0]["kdf"];
    assert_eq!(kdf["memory_kib"], KdfParams::DEFAULT.memory_kib);
    assert_eq!(kdf["iterations"], KdfParams::DEFAULT.iterations);
    assert_eq!(kdf["algorithm"], "argon2id");
    assert_eq!(kdf["version"], 19);
    vault
        .unlock(&id, &Password::from(PASSWORD), NOW)
        .expect("unlocks")
        .close()
        .expect("closes");
}

#[test]
fn preferences_default_round_trip_and_survive_damage() {
    let t = TestVault::new();
    assert_eq!(
        t.vault.preferences().expect("defaults"),
        Preferences {
            theme: Theme::System
        }
    );
    for theme in [Theme::Dark, Theme::Light, Theme::System] {
        t.vault
            .set_preferences(&Preferences { theme })
            .expect("saved");
        assert_eq!(t.vault.preferences().expect("read").theme, theme);
        assert_eq!(
            Vault::open(t.root())
                .expect("reopens")
                .preferences()
                .expect("read")
                .theme,
            theme,
            "persisted"
        );
    }
    t.vault
        .set_preferences(&Preferences { theme: Theme::Dark })
        .expect("saved");
    let text = fs::read_to_string(t.root().join("preferences.json")).expect("readable");
    assert!(
        text.contains("\"dark\""),
        "lowercase theme names on disk: {text}"
    );
    fs::write(t.root().join("preferences.json"), b"\x00garbage").expect("written");
    assert_eq!(
        t.vault.preferences().expect("falls back").theme,
        Theme::System
    );
}

#[test]
fn error_messages_never_contain_the_password() {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let id = alice.profile().id;
    alice.close().expect("closes");
    let typed = "my-secret-guess-12345";
    let err = t.unlock(&id, typed).expect_err("wrong");
    assert!(!err.to_string().contains(typed) && !format!("{err:?}").contains(typed));
    let password = Password::from(typed);
    assert!(!format!("{password:?}").contains(typed));
    let err = t
        .vault
        .create_profile(
            "Bob",
            &Password::from("short"),
            NOW,
            &mut InsecureSeededEntropy::new(2),
        )
        .expect_err("weak");
    assert!(!err.to_string().contains("short") && !format!("{err:?}").contains("short"));
}

#[test]
fn a_failed_creation_leaves_no_half_created_profile() {
    let t = TestVault::new();
    let alice = t.create("Alice", 1);
    let alice_id = alice.profile().id;
    alice.close().expect("closes");
    let registry = fs::read(t.registry_path()).expect("registry");
    let tree = t.tree();
    let try_create = || {
        t.vault
            .create_profile(
                "Bob",
                &Password::from(PASSWORD),
                NOW,
                &mut InsecureSeededEntropy::new(2),
            )
            .map(|created| created.session.profile().id)
    };

    // 1. The registry cannot be written (its temporary file's name is taken by a folder): the new ledger,
    //    already created and keyed, must be removed again.
    let blocker = t.root().join(".registry.json.tmp");
    fs::create_dir(&blocker).expect("blocker");
    let err = try_create().expect_err("the registry write fails");
    assert_eq!(err.code(), "storage", "{err}");
    fs::remove_dir(&blocker).expect("unblocked");
    assert_eq!(
        t.tree(),
        tree,
        "no orphan ledger, WAL or temporary file remains"
    );
    assert_eq!(
        fs::read(t.registry_path()).expect("registry"),
        registry,
        "registry unchanged"
    );

    // 2. The ledger cannot be created (the profiles folder is unusable): nothing is registered.
    let profiles = t.root().join("profiles");
    let moved = t.root().join("profiles-moved");
    fs::rename(&profiles, &moved).expect("moved away");
    fs::write(&profiles, b"not a folder").expect("blocker");
    let err = try_create().expect_err("the ledger cannot be created");
    assert_eq!(err.code(), "storage", "{err}");
    assert_eq!(
        fs::read(t.registry_path()).expect("registry"),
        registry,
        "registry unchanged"
    );
    fs::remove_file(&profiles).expect("unblocked");
    fs::rename(&moved, &profiles).expect("moved back");
    assert_eq!(t.tree(), tree);

    // Afterwards everything works as if nothing happened.
    let bob = try_create().expect("created now");
    assert_eq!(t.vault.profiles().expect("lists").len(), 2);
    t.unlock(&bob, PASSWORD)
        .expect("Bob unlocks")
        .close()
        .expect("closes");
    t.unlock(&alice_id, PASSWORD)
        .expect("Alice unlocks")
        .close()
        .expect("closes");
}
