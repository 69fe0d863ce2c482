//! Household administration in the vault itself, whatever the shell does: only a profile that is an
//! admin in the registry at that moment may create members, remove profiles, change roles, end waits
//! or set the rules; removal needs the exact name, keeps the last admin, and takes the ledger with the
//! key; a damaged entry can be removed too.

mod common;

use coffer_vault::{Error, InsecureSeededEntropy, Password, Policy, ProfileId, Role};
use common::{NOW, PASSWORD, TestVault};

fn id_of(t: &TestVault, name: &str, seed: u64) -> ProfileId {
    let session = t.create(name, seed);
    let id = session.profile().id;
    session.close().expect("closes");
    id
}

#[test]
fn members_and_demoted_admins_are_refused_by_the_vault() {
    let t = TestVault::new();
    let ada = id_of(&t, "Ada", 1);
    let max = id_of(&t, "Max", 2);
    let rules = Policy {
        min_password_length: 12,
        ..Policy::default()
    };
    let create = |actor: &ProfileId| {
        t.vault.create_member(
            actor,
            "Zoe",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(3),
        )
    };
    assert!(matches!(create(&max), Err(Error::NotAdmin)));
    assert!(matches!(
        t.vault.set_policy(&max, rules),
        Err(Error::NotAdmin)
    ));
    assert!(matches!(
        t.vault.set_role(&max, &max, Role::Admin),
        Err(Error::NotAdmin)
    ));
    assert!(matches!(
        t.vault.remove_profile(&max, &ada, "Ada"),
        Err(Error::NotAdmin)
    ));
    assert!(matches!(
        t.vault.reset_lockout(&max, &ada),
        Err(Error::NotAdmin)
    ));

    // Promoted, Max may; demoted again, he may not, even with the same id in hand.
    t.vault.set_role(&ada, &max, Role::Admin).expect("promoted");
    t.vault
        .set_policy(&max, rules)
        .expect("an admin sets the rules");
    assert_eq!(t.vault.policy().expect("policy").min_password_length, 12);
    t.vault.set_role(&ada, &max, Role::Member).expect("demoted");
    assert!(matches!(
        t.vault.set_policy(&max, Policy::default()),
        Err(Error::NotAdmin)
    ));
    assert!(matches!(
        t.vault.set_role(&ada, &ada, Role::Member),
        Err(Error::LastAdmin)
    ));
    let bad = Policy {
        auto_lock_minutes: 0,
        ..Policy::default()
    };
    assert!(matches!(
        t.vault.set_policy(&ada, bad),
        Err(Error::InvalidPolicy { .. })
    ));
}

#[test]
fn removal_needs_the_exact_name_and_takes_the_ledger_with_the_key() {
    let t = TestVault::new();
    let ada = id_of(&t, "Ada", 1);
    let max = id_of(&t, "Max", 2);
    let eve = id_of(&t, "Eve", 3);
    assert!(matches!(
        t.vault.remove_profile(&ada, &max, "MAX"),
        Err(Error::ConfirmationMismatch { expected }) if expected == "Max"
    ));
    assert!(matches!(
        t.vault.remove_profile(&ada, &ada, "Ada"),
        Err(Error::RemovingYourself)
    ));
    assert!(t.ledger(&max).is_file());
    t.vault.remove_profile(&ada, &max, "Max").expect("removed");
    assert!(!t.ledger(&max).exists(), "the ledger is gone");
    let names: Vec<String> = t
        .vault
        .profiles()
        .expect("list")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Ada", "Eve"]);

    // A damaged entry is listed with the name it shows, and can be removed with that name.
    t.edit_entry(&eve, false, |entry| entry["created_at"] = 5.into());
    let listed = t.vault.profiles().expect("list");
    assert!(listed[1].damaged.is_some(), "{listed:?}");
    t.vault
        .remove_profile(&ada, &eve, "Eve")
        .expect("a damaged profile can go");
    assert_eq!(t.vault.profiles().expect("list").len(), 1);
}

#[test]
fn closed_creation_leaves_the_first_profile_and_admins_able_to_create() {
    let t = TestVault::new();
    let ada = id_of(&t, "Ada", 1);
    t.vault
        .set_policy(
            &ada,
            Policy {
                members_may_create_profiles: false,
                ..Policy::default()
            },
        )
        .expect("closed");
    let err = t
        .vault
        .create_profile(
            "Zoe",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(4),
        )
        .expect_err("closed");
    assert!(matches!(err, Error::CreationClosed));
    assert!(
        t.tree().iter().filter(|f| f.ends_with(".db")).count() == 1,
        "nothing written"
    );
    let zoe = t
        .vault
        .create_member(
            &ada,
            "Zoe",
            &Password::from(PASSWORD),
            NOW,
            &mut InsecureSeededEntropy::new(4),
        )
        .expect("an admin may");
    assert_eq!(zoe.session.profile().role, Role::Member);
    zoe.session.close().expect("closes");
}
