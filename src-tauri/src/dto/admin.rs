//! Wire types of household administration: the profiles an admin sees (never their data), the
//! house rules (policy), and the requests that change them. Every command using them is refused
//! in Rust unless the unlocked profile is an admin.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::{ProfileSummary, Role};

/// The house rules an admin sets for every profile on this computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicyView {
    /// The fewest characters a new password may have (8-128).
    pub min_password_length: u16,
    /// Minutes without input after which an unlocked profile locks itself (1-240).
    pub auto_lock_minutes: u16,
    /// Whether anyone at the picker may create a profile (a member); otherwise only an admin can.
    pub members_may_create_profiles: bool,
    /// Whether a new profile starts with desktop notifications on.
    pub notifications_by_default: bool,
}

/// One profile as the admin screen lists it: who, and whether it waits after wrong attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdProfile {
    /// The profile (name, role, creation, damage, wait).
    pub profile: ProfileSummary,
    /// Whether it is the admin looking at the list.
    pub is_you: bool,
}

/// The admin screen: every profile and the house rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Household {
    /// Every profile, in creation order.
    pub profiles: Vec<HouseholdProfile>,
    /// The house rules.
    pub policy: PolicyView,
}

/// A member profile just created by an admin, with its recovery code to hand over once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreatedMember {
    /// The new profile.
    pub profile: ProfileSummary,
    /// Its recovery code, in groups; wiped once sent.
    #[ts(type = "string")]
    pub recovery_code: Zeroizing<String>,
}

/// Remove a profile and, with its key slots, every way to read its data.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveProfileRequest {
    /// Which profile.
    pub profile_id: String,
    /// The profile's name, typed by the admin to confirm (exactly, case included).
    pub confirm_name: String,
}

/// Make a profile an admin or a member.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetRoleRequest {
    /// Which profile.
    pub profile_id: String,
    /// Its new role.
    pub role: Role,
}
