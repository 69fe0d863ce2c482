//! The plain data types of the vault's API: time, ids, roles, profiles, policy and preferences.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as whole seconds since the Unix epoch (UTC). Always passed in by the caller: the vault
/// never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixTime(pub i64);

/// A profile's identity: 16 random bytes, written as 32 lowercase hexadecimal characters.
///
/// The text form is safe as a file name: [`FromStr`] accepts exactly 32 characters from `0-9a-f`, so
/// `../x`, separators, uppercase and other lengths are rejected.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProfileId([u8; 16]);

impl ProfileId {
    /// Length of the id in bytes.
    pub const LEN: usize = 16;

    /// Makes an id from raw bytes (the vault draws them from an [`crate::Entropy`]).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        ProfileId(bytes)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProfileId({self})")
    }
}

/// Why a string is not a [`ProfileId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a profile id is exactly 32 lowercase hexadecimal characters")]
pub struct InvalidProfileId;

impl FromStr for ProfileId {
    type Err = InvalidProfileId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = text.as_bytes();
        if digits.len() != 2 * Self::LEN {
            return Err(InvalidProfileId);
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(InvalidProfileId),
        };
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Ok(ProfileId(bytes))
    }
}

impl Serialize for ProfileId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProfileId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What a profile may do beyond its own ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Manages profiles and policy (but cannot read other profiles' ledgers). The first profile created.
    Admin,
    /// An ordinary profile. Every profile after the first.
    Member,
}

/// A healthy profile, as recorded in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// Its id (also the ledger's file name).
    pub id: ProfileId,
    /// Its display name, trimmed, 1–40 characters.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// When it was created.
    pub created_at: UnixTime,
}

/// One line of the profile picker: a profile, or a damaged registry entry that still has a recoverable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileListing {
    /// The profile's id.
    pub id: ProfileId,
    /// Its name (for a damaged entry: as far as it could be read, else "Unnamed profile").
    pub name: String,
    /// Its role (for a damaged entry whose role cannot be read: `Member`).
    pub role: Role,
    /// When it was created (for a damaged entry whose date cannot be read: `UnixTime(0)`).
    pub created_at: UnixTime,
    /// `Some(reason)` when the entry is damaged and the profile cannot be unlocked.
    pub damaged: Option<String>,
    /// Until when unlocking waits after repeated wrong attempts (see `lockout`); it may lie in the
    /// past, which means no wait. `None` for no wait at all.
    pub locked_until: Option<UnixTime>,
}

/// Rules an admin sets for the whole data directory. Stored in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Minimum password length in characters for new passwords.
    pub min_password_length: u16,
    /// Lock an unlocked profile after this many minutes without activity.
    pub auto_lock_minutes: u16,
    /// Whether anyone at the picker may create a (member) profile; otherwise only an admin can.
    #[serde(default = "yes")]
    pub members_may_create_profiles: bool,
    /// Whether a new profile starts with desktop notifications on.
    #[serde(default = "yes")]
    pub notifications_by_default: bool,
}

/// Registries written before a rule existed get its default.
fn yes() -> bool {
    true
}

impl Policy {
    /// The range a minimum password length may take.
    pub const MIN_PASSWORD_LENGTHS: std::ops::RangeInclusive<u16> = 8..=128;
    /// The range of auto-lock minutes.
    pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u16> = 1..=240;

    /// Why these rules cannot be set, if they cannot.
    pub fn problem(&self) -> Option<String> {
        if !Policy::MIN_PASSWORD_LENGTHS.contains(&self.min_password_length) {
            return Some(format!(
                "a minimum password length must be {} to {} characters",
                Policy::MIN_PASSWORD_LENGTHS.start(),
                Policy::MIN_PASSWORD_LENGTHS.end()
            ));
        }
        if !Policy::AUTO_LOCK_MINUTES.contains(&self.auto_lock_minutes) {
            return Some(format!(
                "auto-lock must be after {} to {} minutes",
                Policy::AUTO_LOCK_MINUTES.start(),
                Policy::AUTO_LOCK_MINUTES.end()
            ));
        }
        None
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_password_length: 10,
            auto_lock_minutes: 5,
            members_may_create_profiles: true,
            notifications_by_default: true,
        }
    }
}

/// The colour theme of the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// App-wide settings that are not secret and not tied to a profile (they apply before anyone unlocks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// The colour theme.
    pub theme: Theme,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_id_round_trips_through_text() {
        let id = ProfileId::from_bytes([
            0x00, 0x01, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
            0xee, 0xff,
        ]);
        let text = id.to_string();
        assert_eq!(text, "00012233445566778899aabbccddeeff");
        assert_eq!(text.parse::<ProfileId>(), Ok(id));
        assert_eq!(
            serde_json::to_string(&id).expect("ids serialize"),
            format!("\"{text}\"")
        );
    }

    #[test]
    fn profile_id_rejects_anything_but_32_lowercase_hex() {
        for bad in [
            "",
            "../x",
            "../../../../../../../../etc/passwd",
            "00012233445566778899AABBCCDDEEFF",
            "00012233445566778899aabbccddeef",
            "00012233445566778899aabbccddeeff0",
            "0001223344556677/899aabbccddeeff",
            "0001223344556677 899aabbccddeeff",
            "g001223344556677899aabbccddeeff0",
            "０001223344556677899aabbccddeeff",
        ] {
            assert_eq!(
                bad.parse::<ProfileId>(),
                Err(InvalidProfileId),
                "{bad:?} must be rejected"
            );
            assert!(serde_json::from_str::<ProfileId>(&format!("{bad:?}")).is_err());
        }
    }

    #[test]
    fn enums_use_lowercase_names() {
        assert_eq!(
            serde_json::to_string(&Theme::Dark).expect("serializes"),
            "\"dark\""
        );
        assert_eq!(
            serde_json::to_string(&Role::Admin).expect("serializes"),
            "\"admin\""
        );
        assert_eq!(Preferences::default().theme, Theme::System);
        assert_eq!(Policy::default().min_password_length, 10);
        assert_eq!(Policy::default().auto_lock_minutes, 5);
    }
}
