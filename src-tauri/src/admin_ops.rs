//! Household administration behind IPC: every operation asks the vault, which checks against the
//! registry at that moment that the unlocked profile is an admin (a member, or a profile demoted
//! since it unlocked, is refused with `forbidden`). An admin manages profiles and house rules, never
//! anybody's data: the keys make that impossible.

use coffer_vault::{OsEntropy, Policy, ProfileId};

use crate::dto::{
    CreateProfileRequest, CreatedMember, Household, HouseholdProfile, PolicyView, ProfileSummary,
    RemoveProfileRequest, Role, SetRoleRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, now, parse_currency, parse_profile_id, set_up_ledger};

impl From<Policy> for PolicyView {
    fn from(p: Policy) -> Self {
        PolicyView {
            min_password_length: p.min_password_length,
            auto_lock_minutes: p.auto_lock_minutes,
            members_may_create_profiles: p.members_may_create_profiles,
            notifications_by_default: p.notifications_by_default,
        }
    }
}

impl From<PolicyView> for Policy {
    fn from(p: PolicyView) -> Self {
        Policy {
            min_password_length: p.min_password_length,
            auto_lock_minutes: p.auto_lock_minutes,
            members_may_create_profiles: p.members_may_create_profiles,
            notifications_by_default: p.notifications_by_default,
        }
    }
}

impl AppState {
    /// The unlocked profile's id, if it is an admin now.
    fn admin(&self) -> Result<ProfileId, AppError> {
        let id = self.with_session(|u| Ok(u.session.profile().id))?;
        if self.vault()?.is_admin(&id)? {
            Ok(id)
        } else {
            Err(AppError::new(
                ErrorCode::Forbidden,
                "Only an admin can do that.",
            ))
        }
    }

    fn household_for(&self, admin: &ProfileId) -> Result<Household, AppError> {
        let vault = self.vault()?;
        Ok(Household {
            profiles: vault
                .profiles()?
                .iter()
                .map(|p| HouseholdProfile {
                    profile: ProfileSummary::from(p),
                    is_you: p.id == *admin,
                })
                .collect(),
            policy: vault.policy()?.into(),
        })
    }

    /// Every profile and the house rules (admins only).
    pub fn household(&self) -> Result<Household, AppError> {
        let admin = self.admin()?;
        self.household_for(&admin)
    }

    /// Creates a member profile with a first password chosen by the admin; answers it with its
    /// recovery code to hand over. The admin's own session stays open.
    pub fn create_member(&self, request: CreateProfileRequest) -> Result<CreatedMember, AppError> {
        let admin = self.admin()?;
        let currency = parse_currency(&request.currency)?;
        let now = now();
        let vault = self.vault()?;
        let created = vault.create_member(
            &admin,
            &request.name,
            &request.password,
            now,
            &mut OsEntropy,
        )?;
        let mut session = created.session;
        set_up_ledger(&mut session, currency, vault.policy()?, now)?;
        let profile = ProfileSummary::from(session.profile());
        session.close()?;
        Ok(CreatedMember {
            profile,
            recovery_code: created.recovery_code.grouped(),
        })
    }

    /// Removes a profile and every way to read its data, after the admin typed its name.
    pub fn remove_profile(&self, request: RemoveProfileRequest) -> Result<Household, AppError> {
        let admin = self.admin()?;
        let id = parse_profile_id(&request.profile_id)?;
        self.vault()?
            .remove_profile(&admin, &id, &request.confirm_name)?;
        self.household_for(&admin)
    }

    /// Makes a profile an admin or a member.
    pub fn set_role(&self, request: SetRoleRequest) -> Result<Household, AppError> {
        let admin = self.admin()?;
        let id = parse_profile_id(&request.profile_id)?;
        let role = match request.role {
            Role::Admin => coffer_vault::Role::Admin,
            Role::Member => coffer_vault::Role::Member,
        };
        self.vault()?.set_role(&admin, &id, role)?;
        self.household_for(&admin)
    }

    /// Ends a profile's wait after wrong attempts.
    pub fn reset_lockout(&self, profile_id: String) -> Result<Household, AppError> {
        let admin = self.admin()?;
        let id = parse_profile_id(&profile_id)?;
        self.vault()?.reset_lockout(&admin, &id)?;
        self.household_for(&admin)
    }

    /// Sets the house rules.
    pub fn set_policy(&self, policy: PolicyView) -> Result<Household, AppError> {
        let admin = self.admin()?;
        self.vault()?.set_policy(&admin, policy.into())?;
        self.refresh_auto_lock()?;
        self.household_for(&admin)
    }
}
