//! The password type: zeroized on drop, redacted in Debug, deserializable from IPC but never serializable.

use std::fmt;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

/// A profile password, as typed by the person.
///
/// The text is wiped from memory when the value is dropped. `Debug` prints `Password(<redacted>)`. It
/// implements `Deserialize` so an IPC request type can hold it, and deliberately not `Serialize`, so it can
/// never be sent back out.
pub struct Password(Zeroizing<String>);

impl Password {
    /// The password's length in characters (Unicode scalar values), as the policy counts it.
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// The password text, for key derivation only.
    pub(crate) fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for Password {
    fn from(text: String) -> Self {
        Password(Zeroizing::new(text))
    }
}

impl From<&str> for Password {
    fn from(text: &str) -> Self {
        Password(Zeroizing::new(text.to_owned()))
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl<'de> Deserialize<'de> for Password {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Password::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let password = Password::from("hunter2-correct-horse");
        let shown = format!("{password:?}");
        assert_eq!(shown, "Password(<redacted>)");
        assert!(
            !shown.contains("hunter2"),
            "Debug must never show the secret"
        );
    }

    #[test]
    fn deserializes_from_a_json_string_and_counts_chars() {
        let password: Password =
            serde_json::from_str("\"pässwörd✓\"").expect("a JSON string is a valid password");
        assert_eq!(password.expose_secret(), "pässwörd✓");
        assert_eq!(password.char_count(), 9, "characters, not bytes");
    }
}
