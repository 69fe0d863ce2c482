//! Key slots: the profile's data key (DEK) wrapped under a key derived from a password.
//!
//! A slot stores Argon2id parameters, a random 32-byte salt, a random 24-byte nonce and
//! `XChaCha20-Poly1305(KEK, nonce, DEK, aad)`, where `KEK = Argon2id(password, salt, params)`. The
//! associated data binds the slot to its profile and to every parameter that shaped the KEK (see
//! [`associated_data`]), so lowering the parameters, swapping salts, or moving a slot to another profile
//! makes the unwrap fail instead of succeeding with a weaker or foreign slot.

use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{KeyInit, Tag, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::kdf::{
    ALGORITHM_NAME, ALGORITHM_VERSION, DerivationFailed, KEY_LEN, KdfParams, derive_kek,
};
use crate::secret::Password;
use crate::types::ProfileId;

/// Length of a slot's Argon2 salt.
pub(crate) const SALT_LEN: usize = 32;
/// Length of a slot's XChaCha20-Poly1305 nonce.
pub(crate) const NONCE_LEN: usize = 24;
/// Length of the Poly1305 tag.
pub(crate) const TAG_LEN: usize = 16;
/// Length of the wrapped key: the encrypted DEK followed by its tag.
pub(crate) const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;

/// Domain separation tag at the start of every slot's associated data.
const AAD_FORMAT: &[u8] = b"coffer/keyslot/v1";

/// A profile's 256-bit data key: the raw key of its encrypted ledger. Wiped on drop.
pub(crate) type DataKey = Zeroizing<[u8; KEY_LEN]>;

/// What unlocks a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SlotKind {
    /// Unlocked by the profile's password.
    Password,
    /// Unlocked by the profile's recovery code.
    Recovery,
}

impl SlotKind {
    fn name(self) -> &'static str {
        match self {
            SlotKind::Password => "password",
            SlotKind::Recovery => "recovery",
        }
    }
}

/// A validated key slot (parameters in range, byte fields of the right length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeySlot {
    pub(crate) kind: SlotKind,
    pub(crate) params: KdfParams,
    pub(crate) salt: [u8; SALT_LEN],
    pub(crate) nonce: [u8; NONCE_LEN],
    pub(crate) wrapped_key: [u8; WRAPPED_LEN],
}

/// The canonical associated data of a slot: length-prefixed (u32 big-endian) format tag, profile id bytes,
/// slot kind, algorithm name, then version, `m`, `t`, `p` as u32 big-endian, then the length-prefixed salt.
pub(crate) fn associated_data(
    profile: &ProfileId,
    kind: SlotKind,
    params: KdfParams,
    salt: &[u8; SALT_LEN],
) -> Vec<u8> {
    fn field(out: &mut Vec<u8>, bytes: &[u8]) {
        let len = u32::try_from(bytes.len()).expect("associated-data fields are a few bytes long");
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(bytes);
    }
    let mut aad = Vec::with_capacity(160);
    field(&mut aad, AAD_FORMAT);
    field(&mut aad, profile.as_bytes());
    field(&mut aad, kind.name().as_bytes());
    field(&mut aad, ALGORITHM_NAME.as_bytes());
    for number in [
        ALGORITHM_VERSION,
        params.memory_kib,
        params.iterations,
        params.parallelism,
    ] {
        aad.extend_from_slice(&number.to_be_bytes());
    }
    field(&mut aad, salt);
    aad
}

/// Why a slot did not yield the data key.
#[derive(Debug)]
pub(crate) enum UnwrapFailed {
    /// The AEAD refused: wrong password, or the slot was altered.
    NotAuthentic,
    /// Argon2 could not run (out of memory).
    Derivation(DerivationFailed),
}

impl KeySlot {
    /// Wraps `dek` for `profile` under `password`, drawing salt and nonce from `entropy`.
    pub(crate) fn seal(
        profile: &ProfileId,
        kind: SlotKind,
        params: KdfParams,
        password: &Password,
        dek: &DataKey,
        entropy: &mut dyn Entropy,
    ) -> Result<KeySlot, DerivationFailed> {
        let mut salt = [0u8; SALT_LEN];
        let mut nonce = [0u8; NONCE_LEN];
        entropy.fill(&mut salt);
        entropy.fill(&mut nonce);
        let kek = derive_kek(password, &salt, params)?;
        let cipher = XChaCha20Poly1305::new_from_slice(&kek[..]).expect("the KEK is 32 bytes");
        let aad = associated_data(profile, kind, params, &salt);
        let mut buffer: DataKey = dek.clone();
        let tag = cipher
            .encrypt_inout_detached(&XNonce::from(nonce), &aad, (&mut buffer[..]).into())
            .expect("a 32-byte message is far below XChaCha20-Poly1305's limits");
        let mut wrapped_key = [0u8; WRAPPED_LEN];
        wrapped_key[..KEY_LEN].copy_from_slice(&buffer[..]);
        wrapped_key[KEY_LEN..].copy_from_slice(&tag);
        Ok(KeySlot {
            kind,
            params,
            salt,
            nonce,
            wrapped_key,
        })
    }

    /// Derives the KEK from `password` and unwraps the data key, or fails without revealing why beyond
    /// "not authentic".
    pub(crate) fn open(
        &self,
        profile: &ProfileId,
        password: &Password,
    ) -> Result<DataKey, UnwrapFailed> {
        let kek =
            derive_kek(password, &self.salt, self.params).map_err(UnwrapFailed::Derivation)?;
        let cipher = XChaCha20Poly1305::new_from_slice(&kek[..]).expect("the KEK is 32 bytes");
        let aad = associated_data(profile, self.kind, self.params, &self.salt);
        let mut dek: DataKey = Zeroizing::new([0u8; KEY_LEN]);
        dek.copy_from_slice(&self.wrapped_key[..KEY_LEN]);
        let mut tag = [0u8; TAG_LEN];
        tag.copy_from_slice(&self.wrapped_key[KEY_LEN..]);
        cipher
            .decrypt_inout_detached(
                &XNonce::from(self.nonce),
                &aad,
                (&mut dek[..]).into(),
                &Tag::from(tag),
            )
            .map_err(|_| UnwrapFailed::NotAuthentic)?;
        Ok(dek)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::InsecureSeededEntropy;

    fn sealed() -> (ProfileId, DataKey, KeySlot) {
        let id = ProfileId::from_bytes([1; 16]);
        let dek: DataKey = Zeroizing::new([42; KEY_LEN]);
        let slot = KeySlot::seal(
            &id,
            SlotKind::Password,
            KdfParams::FLOOR,
            &Password::from("a long enough password"),
            &dek,
            &mut InsecureSeededEntropy::new(3),
        )
        .expect("seals");
        (id, dek, slot)
    }

    #[test]
    fn the_right_password_unwraps_the_same_key() {
        let (id, dek, slot) = sealed();
        let opened = slot
            .open(&id, &Password::from("a long enough password"))
            .expect("opens");
        assert_eq!(*opened, *dek);
        assert_ne!(
            slot.wrapped_key[..KEY_LEN],
            dek[..],
            "the stored key is encrypted"
        );
    }

    #[test]
    fn anything_changed_fails_to_unwrap() {
        let (id, _, slot) = sealed();
        let password = Password::from("a long enough password");
        assert!(matches!(
            slot.open(&id, &Password::from("a long enough passworD")),
            Err(UnwrapFailed::NotAuthentic)
        ));
        assert!(
            matches!(
                slot.open(&ProfileId::from_bytes([2; 16]), &password),
                Err(UnwrapFailed::NotAuthentic)
            ),
            "a slot moved to another profile must not open"
        );
        let mut changed = slot.clone();
        changed.params.iterations += 1;
        assert!(matches!(
            changed.open(&id, &password),
            Err(UnwrapFailed::NotAuthentic)
        ));
        let mut changed = slot.clone();
        changed.salt[0] ^= 1;
        assert!(matches!(
            changed.open(&id, &password),
            Err(UnwrapFailed::NotAuthentic)
        ));
        let mut changed = slot.clone();
        changed.nonce[23] ^= 1;
        assert!(matches!(
            changed.open(&id, &password),
            Err(UnwrapFailed::NotAuthentic)
        ));
        let mut changed = slot;
        changed.wrapped_key[47] ^= 1;
        assert!(matches!(
            changed.open(&id, &password),
            Err(UnwrapFailed::NotAuthentic)
        ));
    }

    #[test]
    fn associated_data_covers_every_parameter() {
        let id = ProfileId::from_bytes([1; 16]);
        let salt = [9u8; SALT_LEN];
        let base = associated_data(&id, SlotKind::Password, KdfParams::FLOOR, &salt);
        assert!(base.starts_with(&[0, 0, 0, 17]) && base[4..21] == *b"coffer/keyslot/v1");
        for params in [
            KdfParams {
                memory_kib: 19_457,
                ..KdfParams::FLOOR
            },
            KdfParams {
                iterations: 3,
                ..KdfParams::FLOOR
            },
            KdfParams {
                parallelism: 2,
                ..KdfParams::FLOOR
            },
        ] {
            assert_ne!(
                associated_data(&id, SlotKind::Password, params, &salt),
                base,
                "{params:?}"
            );
        }
        assert_ne!(
            associated_data(&id, SlotKind::Password, KdfParams::FLOOR, &[8; SALT_LEN]),
            base
        );
    }
}
