//! Backups of one profile: a backup restores as a new profile or rolls its own profile back, holds
//! nothing readable, is consistent while the ledger is in use, opens only with the right secret, and
//! any changed, cut-off or lengthened byte is refused with nothing written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use coffer_vault::{
    BackupSecret, CreatedProfile, Entropy, Error, InsecureSeededEntropy, Password, Policy,
    ProfileId, RecoveryCode, Role, Session, UnixTime,
};
use common::{NOW, PASSWORD, TestVault, read_rows, write_rows};
use serde_json::Value;
use tempfile::TempDir;

const NEW_PASSWORD: &str = "a brand new passphrase";
const MARKER: &str = "MARKER-BACKUP-Zyxwvut-4417";
const LATER: UnixTime = UnixTime(NOW.0 + 86_400);

fn pw(text: &str) -> Password {
    Password::from(text)
}

/// A folder outside the data directory for backup files.
fn outside() -> TempDir {
    tempfile::tempdir().expect("a temporary directory can be created")
}

/// Creates `name` with [`PASSWORD`], answering the session and the recovery code.
fn create(t: &TestVault, name: &str, seed: u64) -> (Session, RecoveryCode) {
    let CreatedProfile {
        session,
        recovery_code,
    } = t
        .vault
        .create_profile(
            name,
            &pw(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(seed),
        )
        .expect("created");
    (session, recovery_code)
}

fn backup(t: &TestVault, session: &Session, dest: &Path) {
    t.vault
        .write_backup(session, &pw(PASSWORD), dest, LATER)
        .expect("the backup is written");
}

fn restore_new(
    t: &TestVault,
    path: &Path,
    secret: BackupSecret<'_>,
    name: &str,
    new_password: Option<&Password>,
) -> coffer_vault::Result<CreatedProfile> {
    t.vault.restore_as_new(
        path,
        secret,
        name,
        new_password,
        NOW,
        &mut InsecureSeededEntropy::new(77),
    )
}

/// Everything an attempt could leave behind: the data directory's tree and the registry's bytes.
fn state(t: &TestVault) -> (Vec<String>, Option<Vec<u8>>) {
    (t.tree(), fs::read(t.registry_path()).ok())
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The header length and the header of a backup file.
fn header_of(bytes: &[u8]) -> (usize, Value) {
    let len = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let header = serde_json::from_slice(&bytes[16..16 + len]).expect("the header is JSON");
    (len, header)
}

/// `bytes` with its header replaced by `header` (and the length field updated).
fn with_header(bytes: &[u8], header: &Value) -> Vec<u8> {
    let (len, _) = header_of(bytes);
    let json = serde_json::to_vec(header).expect("serializes");
    let mut out = bytes[..12].to_vec();
    out.extend_from_slice(&u32::try_from(json.len()).expect("small").to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&bytes[16 + len..]);
    out
}

fn assert_no_temporary_files(t: &TestVault) {
    for path in t.tree() {
        assert!(
            !path.contains(".tmp") && !path.contains(".partial"),
            "left behind: {path}"
        );
    }
}

#[test]
fn restoring_as_new_gives_the_same_rows_under_a_new_profile() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("alice.cofferbackup");
    fs::write(&dest, b"an older file under the same name").expect("written");
    let (mut alice, _) = create(&t, "Alice", 1);
    let alice_id = alice.profile().id;
    let rows = write_rows(&mut alice, MARKER, 60);

    let summary = t
        .vault
        .write_backup(&alice, &pw(PASSWORD), &dest, LATER)
        .expect("written");
    assert_eq!(summary.profile_name, "Alice");
    assert_eq!(summary.taken_at, LATER);
    assert_eq!(
        summary.bytes,
        fs::metadata(&dest).expect("exists").len(),
        "the summary tells the file's size"
    );
    assert!(summary.bytes > 4096, "the ledger is inside");
    assert_eq!(
        common::tree(out.path()),
        ["alice.cofferbackup"],
        "the old file was replaced and no .partial is left"
    );
    assert_no_temporary_files(&t);

    let info = t.vault.read_backup_header(&dest).expect("a backup");
    assert_eq!(info.profile_id, alice_id);
    assert_eq!(info.profile_name, "Alice");
    assert_eq!(info.profile_created_at, NOW);
    assert_eq!(info.taken_at, LATER);
    assert!(info.has_recovery_slot);
    assert!(info.exists_here);
    assert!(
        !TestVault::new()
            .vault
            .read_backup_header(&dest)
            .expect("a backup")
            .exists_here,
        "elsewhere the profile is unknown"
    );

    let created = restore_new(
        &t,
        &dest,
        BackupSecret::Password(&pw(PASSWORD)),
        "  Alice restored ",
        None,
    )
    .expect("restored");
    let restored = created.session.profile().clone();
    assert_ne!(restored.id, alice_id, "a new profile gets a new id");
    assert_eq!(restored.name, "Alice restored");
    assert_eq!(
        restored.role,
        Role::Member,
        "not the admin the backup came from"
    );
    assert_eq!(restored.created_at, NOW);
    assert_eq!(read_rows(&created.session).expect("readable"), rows);
    created.session.check_integrity().expect("whole");
    created.session.close().expect("closes");
    assert_no_temporary_files(&t);

    let again = t
        .unlock(&restored.id, PASSWORD)
        .expect("unlocks with the backup's password");
    assert_eq!(read_rows(&again).expect("readable"), rows);
    again.close().expect("closes");
    t.vault
        .recover(
            &restored.id,
            &created.recovery_code,
            &pw(NEW_PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(3),
        )
        .expect("the new recovery code opens the new profile")
        .close()
        .expect("closes");
    t.unlock(&restored.id, NEW_PASSWORD)
        .expect("and set its password")
        .close()
        .expect("closes");

    alice.close().expect("closes");
    let alice = t
        .unlock(&alice_id, PASSWORD)
        .expect("the original still unlocks");
    assert_eq!(read_rows(&alice).expect("readable"), rows);
}

#[test]
fn the_backup_file_reveals_neither_the_ledger_nor_the_password() {
    let password = "Plaintext-Canary-Password-7781";
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let mut session = t.create_with("Alice", password, 1);
    let rows = write_rows(&mut session, MARKER, 200);
    assert!(rows.iter().all(|(_, body)| body.contains(MARKER)));
    t.vault
        .write_backup(&session, &pw(password), &dest, LATER)
        .expect("written");

    let bytes = fs::read(&dest).expect("readable");
    assert!(bytes.starts_with(b"COFFERBK"));
    assert!(bytes.len() > 200 * 100, "the rows are in there, somehow");
    let utf16: Vec<u8> = MARKER.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (what, needle) in [
        ("the marker", MARKER.as_bytes()),
        ("the marker in UTF-16", &utf16[..]),
        ("SQLite's plaintext header", b"SQLite format 3"),
        ("the password", password.as_bytes()),
        ("the table's name", b"CREATE TABLE notes"),
        ("filler text", b"lorem ipsum dolor"),
    ] {
        assert!(!find(&bytes, needle), "the backup contains {what}");
    }
    // The same file still restores those rows, so the bytes above are really the ledger, encrypted.
    let created = restore_new(
        &t,
        &dest,
        BackupSecret::Password(&pw(password)),
        "Copy",
        None,
    )
    .expect("restored");
    assert_eq!(read_rows(&created.session).expect("readable"), rows);
}

#[test]
fn restoring_with_the_recovery_code_needs_a_new_password() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, code) = create(&t, "Alice", 1);
    let rows = write_rows(&mut alice, MARKER, 10);
    backup(&t, &alice, &dest);
    let before = state(&t);

    let secret = BackupSecret::RecoveryCode(&code);
    assert!(matches!(
        restore_new(&t, &dest, secret, "Bob", None),
        Err(Error::WeakPassword { min_length: 10 })
    ));
    assert!(matches!(
        restore_new(&t, &dest, secret, "Bob", Some(&pw("short"))),
        Err(Error::WeakPassword { min_length: 10 })
    ));
    assert_eq!(state(&t), before, "refused before anything was written");

    let created = restore_new(&t, &dest, secret, "Bob", Some(&pw(NEW_PASSWORD))).expect("restored");
    let id = created.session.profile().id;
    assert_eq!(read_rows(&created.session).expect("readable"), rows);
    created.session.close().expect("closes");
    assert!(matches!(t.unlock(&id, PASSWORD), Err(Error::WrongPassword)));
    t.unlock(&id, NEW_PASSWORD)
        .expect("the new password opens it")
        .close()
        .expect("closes");
}

#[test]
fn wrong_secrets_are_refused_and_write_nothing() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, _) = create(&t, "Alice", 1);
    let alice_id = alice.profile().id;
    write_rows(&mut alice, MARKER, 10);

    let other = out.path().join("other.cofferbackup");
    assert!(matches!(
        t.vault
            .write_backup(&alice, &pw("not the password"), &other, LATER),
        Err(Error::WrongPassword)
    ));
    assert_eq!(
        t.failed_attempts(&alice_id),
        1,
        "a wrong password for a backup counts like any other"
    );
    assert!(
        common::tree(out.path()).is_empty(),
        "nothing written, not even a .partial"
    );

    backup(&t, &alice, &dest);
    assert_eq!(
        t.failed_attempts(&alice_id),
        0,
        "the right one resets the count"
    );
    let before = state(&t);
    let wrong_code = RecoveryCode::parse("0000-0000-0000-0000-0000-0000").expect("a code");
    let new_password = pw(NEW_PASSWORD);
    assert!(matches!(
        restore_new(
            &t,
            &dest,
            BackupSecret::Password(&pw("not the password")),
            "Copy",
            None
        ),
        Err(Error::WrongPassword)
    ));
    assert!(matches!(
        restore_new(
            &t,
            &dest,
            BackupSecret::RecoveryCode(&wrong_code),
            "Copy",
            Some(&new_password)
        ),
        Err(Error::WrongRecoveryCode)
    ));
    assert!(matches!(
        t.vault.stage_restore(
            &alice,
            &dest,
            BackupSecret::Password(&pw("not the password")),
            "Alice"
        ),
        Err(Error::WrongPassword)
    ));
    assert!(matches!(
        t.vault.stage_restore(
            &alice,
            &dest,
            BackupSecret::RecoveryCode(&wrong_code),
            "Alice"
        ),
        Err(Error::WrongRecoveryCode)
    ));
    assert_eq!(state(&t), before, "nothing was written or counted");
    assert_eq!(t.failed_attempts(&alice_id), 0);
}

#[test]
fn any_changed_byte_is_refused_and_leaves_nothing_behind() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, _) = create(&t, "Alice", 1);
    write_rows(&mut alice, MARKER, 30);
    backup(&t, &alice, &dest);
    alice.close().expect("closes");
    let good = fs::read(&dest).expect("readable");
    let (header_len, _) = header_of(&good);
    let ledger_start = 16 + header_len;
    let tag_start = good.len() - 32;
    let before = state(&t);

    let mut entropy = InsecureSeededEntropy::new(2026);
    let mut pick = |range: std::ops::Range<usize>| {
        let mut bytes = [0u8; 8];
        entropy.fill(&mut bytes);
        let offset = range.start + (u64::from_le_bytes(bytes) as usize) % range.len();
        entropy.fill(&mut bytes[..1]);
        (offset, bytes[0] | 1) // a non-zero mask: the byte really changes
    };
    let mut cases: Vec<(String, Vec<u8>, bool)> = Vec::new();
    for (region, range, must_be_damaged) in [
        ("header", 0..ledger_start, false),
        ("ledger", ledger_start..tag_start, true),
        ("tag", tag_start..good.len(), true),
    ] {
        for _ in 0..20 {
            let (offset, mask) = pick(range.clone());
            let mut bytes = good.clone();
            bytes[offset] ^= mask;
            cases.push((
                format!("{region} byte {offset} ^ {mask:#04x}"),
                bytes,
                must_be_damaged,
            ));
        }
    }
    for cut in [1, 31, 32, 33, good.len() - ledger_start, good.len() - 20] {
        cases.push((
            format!("{cut} bytes cut off"),
            good[..good.len() - cut].to_vec(),
            true,
        ));
    }
    for extra in [&b"\0"[..], &[0x41; 1000][..]] {
        let mut bytes = good.clone();
        bytes.extend_from_slice(extra);
        cases.push((format!("{} bytes appended", extra.len()), bytes, true));
    }

    let damaged_path = out.path().join("changed.cofferbackup");
    for (what, bytes, must_be_damaged) in cases {
        fs::write(&damaged_path, &bytes).expect("written");
        let result = restore_new(
            &t,
            &damaged_path,
            BackupSecret::Password(&pw(PASSWORD)),
            "Copy",
            None,
        );
        match result {
            Ok(_) => panic!("{what}: restored"),
            Err(Error::DamagedBackup { path, .. }) => assert_eq!(path, damaged_path),
            Err(err @ (Error::NotABackup { .. } | Error::WrongPassword)) if !must_be_damaged => {
                let _ = err;
            }
            Err(other) => panic!("{what}: unexpected {other:?}"),
        }
        assert_eq!(state(&t), before, "{what}: something was left behind");
    }
    assert!(
        restore_new(
            &t,
            &dest,
            BackupSecret::Password(&pw(PASSWORD)),
            "Copy",
            None
        )
        .is_ok(),
        "the untouched file still restores"
    );
}

#[test]
fn a_backup_includes_what_is_still_in_the_write_ahead_log() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, _) = create(&t, "Alice", 1);
    let id = alice.profile().id;
    let mut rows = write_rows(&mut alice, "checkpointed", 20);
    alice.close().expect("closing checkpoints");

    let mut alice = t.unlock(&id, PASSWORD).expect("unlocks");
    rows.extend(write_rows(&mut alice, "only in the log", 20));
    alice
        .connection()
        .execute("DELETE FROM notes WHERE id = 3", [])
        .expect("deleted");
    rows.retain(|(row_id, _)| *row_id != 3);
    let mut wal = t.ledger(&id).into_os_string();
    wal.push("-wal");
    let wal_len = fs::metadata(PathBuf::from(wal))
        .expect("a write-ahead log")
        .len();
    assert!(
        wal_len > 0,
        "the latest commits are in the log, not the ledger"
    );

    backup(&t, &alice, &dest);
    let created = restore_new(
        &t,
        &dest,
        BackupSecret::Password(&pw(PASSWORD)),
        "Copy",
        None,
    )
    .expect("restored");
    assert_eq!(read_rows(&created.session).expect("readable"), rows);
    assert_eq!(
        read_rows(&alice).expect("readable"),
        rows,
        "the session kept working"
    );
}

#[test]
fn a_backup_rolls_its_own_profile_back_and_keeps_the_current_password() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("alice.cofferbackup");
    let (mut alice, code) = create(&t, "Alice", 1);
    let id = alice.profile().id;
    let then = write_rows(&mut alice, "before the backup", 20);
    backup(&t, &alice, &dest);

    write_rows(&mut alice, "after the backup", 10);
    alice
        .connection()
        .execute("DELETE FROM notes WHERE id <= 5", [])
        .expect("deleted");
    t.vault
        .change_password(
            &id,
            &pw(PASSWORD),
            &pw(NEW_PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(4),
        )
        .expect("changed");
    let now_rows = read_rows(&alice).expect("readable");
    assert_ne!(now_rows, then);

    // Refusals, each leaving the session as it was.
    let (mut bob, _) = create(&t, "Bob", 2);
    write_rows(&mut bob, "bob", 3);
    let bobs = out.path().join("bob.cofferbackup");
    backup(&t, &bob, &bobs);
    bob.close().expect("closes");
    let before = state(&t);
    let old_password = pw(PASSWORD);
    let secret = BackupSecret::Password(&old_password);
    assert!(matches!(
        t.vault.stage_restore(&alice, &bobs, secret, "Alice"),
        Err(Error::BackupOfAnotherProfile)
    ));
    match t.vault.stage_restore(&alice, &dest, secret, "alice") {
        Err(Error::ConfirmationMismatch { expected }) => assert_eq!(expected, "Alice"),
        other => panic!("expected a confirmation mismatch, got {other:?}"),
    }
    assert!(
        matches!(
            t.vault.stage_restore(
                &alice,
                &dest,
                BackupSecret::Password(&pw(NEW_PASSWORD)),
                "Alice"
            ),
            Err(Error::WrongPassword)
        ),
        "a backup opens with the password it was taken under"
    );
    let mut changed = fs::read(&dest).expect("readable");
    let middle = changed.len() - 32 - 2000;
    changed[middle] ^= 0x10;
    let tampered = out.path().join("tampered.cofferbackup");
    fs::write(&tampered, &changed).expect("written");
    assert!(matches!(
        t.vault.stage_restore(&alice, &tampered, secret, "Alice"),
        Err(Error::DamagedBackup { .. })
    ));
    assert_eq!(read_rows(&alice).expect("still usable"), now_rows);
    write_rows(&mut alice, "still writable", 1);
    let now_rows = read_rows(&alice).expect("readable");
    let (tree, registry) = state(&t);
    assert_eq!(registry, before.1, "the registry is untouched");
    assert_eq!(
        tree.iter().filter(|p| p.ends_with(".tmp")).count(),
        0,
        "{tree:?}"
    );

    // Staged and dropped: nothing changes.
    let staged = t
        .vault
        .stage_restore(&alice, &dest, BackupSecret::RecoveryCode(&code), "Alice")
        .expect("the recovery code of the time opens it too");
    assert_eq!(staged.profile_id(), &id);
    assert_eq!(staged.profile_name(), "Alice");
    assert_eq!(staged.taken_at(), LATER);
    assert!(
        t.tree().iter().any(|p| p.ends_with(".tmp")),
        "staged next to the ledger"
    );
    drop(staged);
    assert!(
        !t.tree().iter().any(|p| p.ends_with(".tmp")),
        "dropping removes it"
    );
    assert_eq!(read_rows(&alice).expect("readable"), now_rows);

    // Staged and committed: back to the backup.
    let staged = t
        .vault
        .stage_restore(&alice, &dest, secret, "Alice")
        .expect("staged");
    let alice = t.vault.commit_restore(alice, staged).expect("committed");
    assert_eq!(alice.profile().id, id);
    assert_eq!(read_rows(&alice).expect("readable"), then);
    alice.check_integrity().expect("whole");
    alice.close().expect("closes");
    assert_no_temporary_files(&t);

    assert!(matches!(t.unlock(&id, PASSWORD), Err(Error::WrongPassword)));
    let alice = t
        .unlock(&id, NEW_PASSWORD)
        .expect("the current password opens it");
    assert_eq!(read_rows(&alice).expect("readable"), then);
    alice.close().expect("closes");
    t.vault
        .recover(
            &id,
            &code,
            &pw(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(5),
        )
        .expect("the recovery code still works")
        .close()
        .expect("closes");
}

#[test]
fn restoring_into_an_empty_folder_makes_an_admin_and_follows_the_house_rules() {
    let home = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, _) = create(&home, "Alice", 1);
    let rows = write_rows(&mut alice, MARKER, 5);
    backup(&home, &alice, &dest);

    let t = TestVault::new();
    let secret = BackupSecret::Password(&pw(PASSWORD));
    assert!(matches!(
        restore_new(&t, &dest, secret, " ", None),
        Err(Error::InvalidName { .. })
    ));
    let created = restore_new(&t, &dest, secret, "Alice", None).expect("restored");
    let admin = created.session.profile().clone();
    assert_eq!(
        admin.role,
        Role::Admin,
        "the first profile here is the admin"
    );
    assert_eq!(read_rows(&created.session).expect("readable"), rows);
    created.session.close().expect("closes");

    assert!(matches!(
        restore_new(&t, &dest, secret, "ALICE", None),
        Err(Error::DuplicateName)
    ));
    t.vault
        .set_policy(
            &admin.id,
            Policy {
                members_may_create_profiles: false,
                ..Policy::default()
            },
        )
        .expect("set");
    let before = state(&t);
    assert!(matches!(
        restore_new(&t, &dest, secret, "Another Alice", None),
        Err(Error::CreationClosed)
    ));
    assert_eq!(state(&t), before);
}

#[test]
fn absurd_headers_are_refused_before_any_key_derivation() {
    let t = TestVault::new();
    let out = outside();
    let dest = out.path().join("b.cofferbackup");
    let (mut alice, _) = create(&t, "Alice", 1);
    write_rows(&mut alice, MARKER, 5);
    backup(&t, &alice, &dest);
    let good = fs::read(&dest).expect("readable");
    let (_, header) = header_of(&good);
    let before = state(&t);
    let path = out.path().join("edited.cofferbackup");
    let secret = BackupSecret::Password(&pw(PASSWORD));

    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    for (what, memory_kib, iterations) in [
        ("1 GiB × 64 passes", 1_048_576, 64),
        ("10 GiB", 10 * 1_048_576, 2),
        ("below the floor", 1_024, 2),
    ] {
        let mut edited = header.clone();
        edited["slots"][0]["kdf"]["memory_kib"] = memory_kib.into();
        edited["slots"][0]["kdf"]["iterations"] = iterations.into();
        cases.push((what, with_header(&good, &edited)));
    }
    for len in [64 * 1024 + 1, u32::MAX] {
        let mut bytes = good.clone();
        bytes[12..16].copy_from_slice(&len.to_le_bytes());
        cases.push(("a header length beyond the cap", bytes));
    }
    let mut edited = header.clone();
    edited["role"] = "admin".into();
    cases.push(("an unknown header field", with_header(&good, &edited)));
    let mut edited = header.clone();
    edited["slots"][1]["kind"] = "password".into();
    cases.push(("two password slots", with_header(&good, &edited)));

    for (what, bytes) in cases {
        fs::write(&path, &bytes).expect("written");
        let started = Instant::now();
        let read = t.vault.read_backup_header(&path);
        let restored = restore_new(&t, &path, secret, "Copy", None);
        let elapsed = started.elapsed();
        for result in [read.map(drop), restored.map(drop)] {
            assert!(
                matches!(result, Err(Error::DamagedBackup { .. })),
                "{what}: {result:?}"
            );
        }
        assert!(
            elapsed < Duration::from_secs(2),
            "{what}: refused only after {elapsed:?}"
        );
        assert_eq!(state(&t), before, "{what}");
    }

    // Not a backup at all, or one from a newer Coffer.
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&2_u32.to_le_bytes());
    for (what, bytes) in [
        (
            "a text file",
            b"Dear diary, today I bought a lamp.".to_vec(),
        ),
        ("an empty file", Vec::new()),
        ("a newer format", newer),
    ] {
        fs::write(&path, &bytes).expect("written");
        match t.vault.read_backup_header(&path) {
            Err(Error::NotABackup { reason, .. }) => {
                assert_eq!(
                    reason.contains("newer version"),
                    what == "a newer format",
                    "{what}: {reason}"
                );
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn a_backup_is_never_written_inside_the_data_folder() {
    let t = TestVault::new();
    let (alice, _) = create(&t, "Alice", 1);
    let id: ProfileId = alice.profile().id;
    let ledger = fs::read(t.ledger(&id)).expect("readable");
    let registry = fs::read(t.registry_path()).expect("readable");
    for dest in [
        t.registry_path(),
        t.ledger(&id),
        t.root().join("x.cofferbackup"),
    ] {
        assert!(
            matches!(
                t.vault.write_backup(&alice, &pw(PASSWORD), &dest, LATER),
                Err(Error::Io { .. })
            ),
            "{}",
            dest.display()
        );
    }
    assert_eq!(fs::read(t.ledger(&id)).expect("readable"), ledger);
    assert_eq!(fs::read(t.registry_path()).expect("readable"), registry);
}
