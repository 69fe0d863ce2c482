//! Argon2id parameters, their accepted range, and the derivation of a key-encryption key from a password.

use argon2::{Algorithm, Argon2, Block, Params, Version};
use zeroize::Zeroizing;

use crate::secret::Password;

/// Argon2id cost parameters of a key slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KdfParams {
    /// Memory in KiB (`m`).
    pub memory_kib: u32,
    /// Number of passes over the memory (`t`).
    pub iterations: u32,
    /// Number of lanes (`p`). Lanes are computed one after another here; they only shape the memory.
    pub parallelism: u32,
}

/// Why parameters were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutOfRange {
    /// Weaker than [`KdfParams::FLOOR`] in some dimension.
    BelowFloor,
    /// Costlier than [`KdfParams::MAX`] (or [`KdfParams::MAX_WORK`]) allows.
    AboveMax,
}

impl KdfParams {
    /// The weakest parameters accepted anywhere (OWASP's Argon2id minimum: 19 MiB, t=2, p=1). Key slots
    /// below it are refused as tampered before any derivation runs.
    pub const FLOOR: KdfParams = KdfParams {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };

    /// The parameters for new key slots: 128 MiB, t=4, p=1.
    ///
    /// Calibrated in a release build on the project's 2-core reference machine (`cargo run --release
    /// --example calibrate_kdf`), target 0.3–0.5 s: one derivation took 351 ms on an idle machine (median
    /// of 5, 339–357 ms) and 402 ms with a build running on the other core, allocation and wiping included.
    /// The 64 MiB, t=3 starting point took only 126 ms there. More memory rather than more passes, because
    /// memory is what makes guessing on GPUs expensive.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 131_072,
        iterations: 4,
        parallelism: 1,
    };

    /// The costliest parameters accepted: 1 GiB, t=64, p=16. A hostile registry must not be able to make
    /// an unlock allocate unbounded memory or run for minutes; see also [`KdfParams::MAX_WORK`].
    pub const MAX: KdfParams = KdfParams {
        memory_kib: 1_048_576,
        iterations: 64,
        parallelism: 16,
    };

    /// The largest accepted `memory_kib × iterations` (4 GiB of memory passes, 8× [`KdfParams::DEFAULT`]):
    /// the per-field caps alone would still allow a minute-long derivation.
    pub const MAX_WORK: u64 = 4 * 1_048_576;

    pub(crate) fn check(&self) -> Result<(), OutOfRange> {
        if self.memory_kib < Self::FLOOR.memory_kib
            || self.iterations < Self::FLOOR.iterations
            || self.parallelism < Self::FLOOR.parallelism
        {
            return Err(OutOfRange::BelowFloor);
        }
        if self.memory_kib > Self::MAX.memory_kib
            || self.iterations > Self::MAX.iterations
            || self.parallelism > Self::MAX.parallelism
            || u64::from(self.memory_kib) * u64::from(self.iterations) > Self::MAX_WORK
        {
            return Err(OutOfRange::AboveMax);
        }
        Ok(())
    }

    /// Runs one derivation with these parameters on `password` and a fixed salt, and discards the key:
    /// exactly the work an unlock does before it can try the key, for benchmarks to time. Fails if the
    /// parameters are not [accepted](KdfParams::is_accepted) or the memory cannot be had.
    pub fn rehearse(&self, password: &Password) -> Result<(), crate::Error> {
        self.check().map_err(|_| crate::Error::WeakKdf)?;
        derive_kek(password, &[0x5a; 32], *self)
            .map(drop)
            .map_err(|_| crate::Error::Io {
                path: std::path::PathBuf::new(),
                source: std::io::Error::from(std::io::ErrorKind::OutOfMemory),
            })
    }

    /// Whether these parameters are within [`KdfParams::FLOOR`]…[`KdfParams::MAX`] and
    /// [`KdfParams::MAX_WORK`].
    pub fn is_accepted(&self) -> bool {
        self.check().is_ok()
    }
}

/// The Argon2 variant we use, as written in key slots.
pub(crate) const ALGORITHM_NAME: &str = "argon2id";
/// Argon2 version 1.3 (0x13), as written in key slots.
pub(crate) const ALGORITHM_VERSION: u32 = 19;

/// Length of a key-encryption key and of a data key.
pub(crate) const KEY_LEN: usize = 32;

/// Argon2id could not run (in practice: not enough memory).
#[derive(Debug)]
pub(crate) struct DerivationFailed;

/// Derives the 32-byte key-encryption key of a slot from the password.
///
/// The caller has already checked `params` (see [`KdfParams::check`]). The Argon2 working memory is
/// allocated here, without aborting on failure, and wiped before it is freed.
pub(crate) fn derive_kek(
    password: &Password,
    salt: &[u8],
    params: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, DerivationFailed> {
    let params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|_| DerivationFailed)?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let block_count = argon2.params().block_count();
    let mut memory: Zeroizing<Vec<Block>> = Zeroizing::new(Vec::new());
    memory
        .try_reserve_exact(block_count)
        .map_err(|_| DerivationFailed)?;
    memory.resize(block_count, Block::default());
    let mut kek = Zeroizing::new([0u8; KEY_LEN]);
    argon2
        .hash_password_into_with_memory(
            password.expose_secret().as_bytes(),
            salt,
            &mut kek[..],
            &mut memory[..],
        )
        .map_err(|_| DerivationFailed)?;
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_at_least_the_floor_and_accepted() {
        let (d, f) = (KdfParams::DEFAULT, KdfParams::FLOOR);
        assert!(
            d.memory_kib >= f.memory_kib
                && d.iterations >= f.iterations
                && d.parallelism >= f.parallelism
        );
        assert!(KdfParams::DEFAULT.is_accepted());
        assert!(
            KdfParams::FLOOR.is_accepted(),
            "the floor itself is allowed"
        );
    }

    #[test]
    fn out_of_range_parameters_are_refused() {
        let floor = KdfParams::FLOOR;
        let below = [
            KdfParams {
                memory_kib: floor.memory_kib - 1,
                ..floor
            },
            KdfParams {
                iterations: 1,
                ..floor
            },
            KdfParams {
                parallelism: 0,
                ..floor
            },
        ];
        for params in below {
            assert_eq!(params.check(), Err(OutOfRange::BelowFloor), "{params:?}");
        }
        let above = [
            KdfParams {
                memory_kib: KdfParams::MAX.memory_kib + 1,
                ..floor
            },
            KdfParams {
                iterations: 65,
                ..floor
            },
            KdfParams {
                parallelism: 17,
                ..floor
            },
            KdfParams {
                memory_kib: 1_048_576,
                iterations: 5,
                parallelism: 1,
            },
        ];
        for params in above {
            assert_eq!(params.check(), Err(OutOfRange::AboveMax), "{params:?}");
        }
    }

    #[test]
    fn derivation_depends_on_password_salt_and_params() {
        let salt = [7u8; 32];
        let base =
            derive_kek(&Password::from("correct horse"), &salt, KdfParams::FLOOR).expect("derives");
        let again =
            derive_kek(&Password::from("correct horse"), &salt, KdfParams::FLOOR).expect("derives");
        assert_eq!(*base, *again, "deterministic");
        let other_password =
            derive_kek(&Password::from("correct horsf"), &salt, KdfParams::FLOOR).expect("derives");
        let other_salt = derive_kek(
            &Password::from("correct horse"),
            &[8u8; 32],
            KdfParams::FLOOR,
        )
        .expect("derives");
        let other_params = derive_kek(
            &Password::from("correct horse"),
            &salt,
            KdfParams {
                iterations: 3,
                ..KdfParams::FLOOR
            },
        )
        .expect("derives");
        assert_ne!(*base, *other_password);
        assert_ne!(*base, *other_salt);
        assert_ne!(*base, *other_params);
    }

    #[test]
    fn matches_the_argon2id_reference_output() {
        // Cross-check our buffer handling against the argon2 crate's own allocating API.
        let params = KdfParams::FLOOR;
        let ours =
            derive_kek(&Password::from("password"), b"somesaltsomesalt", params).expect("derives");
        let mut reference = [0u8; 32];
        Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(
                params.memory_kib,
                params.iterations,
                params.parallelism,
                Some(32),
            )
            .expect("valid"),
        )
        .hash_password_into(b"password", b"somesaltsomesalt", &mut reference)
        .expect("derives");
        assert_eq!(*ours, reference);
    }
}
