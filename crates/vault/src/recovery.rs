//! Recovery codes: a second key to a profile, for a forgotten password. A code is 120 random bits
//! written as 24 characters of Crockford's base32 (digits and capitals without I, L, O and U, so
//! nothing reads as something else), shown in six groups of four. It opens its own key slot with the
//! same Argon2id protection as the password's.

use std::fmt;

use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::error::{Error, Result};
use crate::secret::Password;

/// Characters in a recovery code (without the dashes between groups).
pub const CODE_CHARS: usize = 24;
/// Characters per group when shown.
const GROUP: usize = 4;
/// Random bytes behind a code: 24 characters of 5 bits.
const CODE_BYTES: usize = CODE_CHARS * 5 / 8;
/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery code, normalised (24 characters of [`ALPHABET`], no dashes). Wiped on drop and
/// redacted in `Debug`.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// A new random code.
    pub(crate) fn generate(entropy: &mut dyn Entropy) -> RecoveryCode {
        let mut bytes = Zeroizing::new([0_u8; CODE_BYTES]);
        entropy.fill(&mut bytes[..]);
        let mut code = Zeroizing::new(String::with_capacity(CODE_CHARS));
        for i in 0..CODE_CHARS {
            // The 5 bits starting at bit 5 * i, most significant first.
            let bit = 5 * i;
            let pair =
                u16::from(bytes[bit / 8]) << 8 | u16::from(*bytes.get(bit / 8 + 1).unwrap_or(&0));
            let index = (pair >> (11 - bit % 8)) & 0x1f;
            code.push(char::from(ALPHABET[usize::from(index)]));
        }
        RecoveryCode(code)
    }

    /// Reads a code as a person types it: case, spaces and dashes do not matter, and the letters
    /// that look like digits (`O`, `I`, `L`) are read as the digits. Anything else that is not in the
    /// alphabet, or a wrong length, is [`Error::InvalidRecoveryCode`].
    pub fn parse(text: &str) -> Result<RecoveryCode> {
        let mut code = Zeroizing::new(String::with_capacity(CODE_CHARS));
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(Error::InvalidRecoveryCode),
            };
            if code.len() == CODE_CHARS {
                return Err(Error::InvalidRecoveryCode);
            }
            code.push(c);
        }
        if code.len() != CODE_CHARS {
            return Err(Error::InvalidRecoveryCode);
        }
        Ok(RecoveryCode(code))
    }

    /// Reads a code typed into a secret field (see [`RecoveryCode::parse`]) without exposing it.
    pub fn from_typed(typed: &Password) -> Result<RecoveryCode> {
        RecoveryCode::parse(typed.expose_secret())
    }

    /// The code in groups of four, as it is shown and printed: `7K2Q-M9XD-…`.
    pub fn grouped(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(CODE_CHARS + CODE_CHARS / GROUP));
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// The normalised code as the secret a key slot is derived from.
    pub(crate) fn as_secret(&self) -> Password {
        Password::from(self.0.as_str())
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::InsecureSeededEntropy;

    /// Entropy that hands out fixed bytes.
    struct Fixed(Vec<u8>);

    impl Entropy for Fixed {
        fn fill(&mut self, buf: &mut [u8]) {
            buf.copy_from_slice(&self.0[..buf.len()]);
        }
    }

    #[test]
    fn codes_are_five_bits_per_character_most_significant_first() {
        assert_eq!(
            RecoveryCode::generate(&mut Fixed(vec![0; 15]))
                .grouped()
                .as_str(),
            "0000-0000-0000-0000-0000-0000"
        );
        assert_eq!(
            RecoveryCode::generate(&mut Fixed(vec![0xff; 15]))
                .grouped()
                .as_str(),
            "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
        );
        // 0b00001_00010_00011_00100_00101_00110_00111_01000 = 08 86 42 98 e8, then zeros.
        let mut bytes = vec![0x08, 0x86, 0x42, 0x98, 0xe8];
        bytes.extend([0; 10]);
        assert_eq!(
            RecoveryCode::generate(&mut Fixed(bytes)).grouped().as_str(),
            "1234-5678-0000-0000-0000-0000"
        );
    }

    #[test]
    fn generated_codes_differ_and_read_back() {
        let mut entropy = InsecureSeededEntropy::new(7);
        let a = RecoveryCode::generate(&mut entropy);
        let b = RecoveryCode::generate(&mut entropy);
        assert_ne!(a.grouped(), b.grouped());
        let grouped = a.grouped();
        assert_eq!(grouped.len(), 29);
        let back = RecoveryCode::parse(&grouped).expect("its own form parses");
        assert_eq!(back.grouped(), grouped);
        assert_eq!(format!("{a:?}"), "RecoveryCode(<redacted>)");
    }

    #[test]
    fn typing_is_forgiving_but_only_about_look_alikes() {
        let canonical = "7K2Q-M9XD-0000-1111-ABCD-EFGH";
        for typed in [
            canonical,
            "7k2q m9xd 0000 1111 abcd efgh",
            "7K2QM9XD00001111ABCDEFGH",
            "7k2q-m9xd-oOoO-iIlL-abcd-efgh",
            "  7K2Q-M9XD-0000-1111-ABCD-EFGH\t",
        ] {
            let code = RecoveryCode::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(code.grouped().as_str(), canonical, "{typed}");
        }
        for bad in [
            "",
            "7K2Q-M9XD-0000-1111-ABCD-EFG",
            "7K2Q-M9XD-0000-1111-ABCD-EFGHJ",
            "7K2Q-M9XD-0000-1111-ABCD-EFGU",
            "7K2Q-M9XD-0000-1111-ABCD-EFG!",
            "7K2Q-M9XD-0000-1111-ABCD-EFGÉ",
        ] {
            assert!(
                matches!(RecoveryCode::parse(bad), Err(Error::InvalidRecoveryCode)),
                "{bad:?} is refused"
            );
        }
    }
}
