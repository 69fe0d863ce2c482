//! Randomness comes in through a trait, so that the shell passes the OS generator explicitly and tests can
//! be exact.

/// A source of random bytes for ids, salts, nonces and data keys.
pub trait Entropy {
    /// Fills `buf` entirely with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
}

/// The operating system's cryptographically secure generator (via `getrandom`). Use this in the app.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes. Continuing without randomness would create
    /// predictable keys, so there is no sensible way to go on.
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("the operating system's random number generator failed");
    }
}

/// A deterministic generator (SplitMix64) for tests: the same seed always gives the same bytes.
///
/// **Never use it for real profiles**: anybody who knows or guesses the seed knows every key it produced.
/// The name is meant to look wrong at any call site outside a test.
#[derive(Debug, Clone)]
pub struct InsecureSeededEntropy {
    state: u64,
}

impl InsecureSeededEntropy {
    /// A generator whose output is fully determined by `seed`.
    pub fn new(seed: u64) -> Self {
        InsecureSeededEntropy { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Entropy for InsecureSeededEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_entropy_is_deterministic_and_seed_dependent() {
        let (mut a, mut b, mut c) = (
            InsecureSeededEntropy::new(1),
            InsecureSeededEntropy::new(1),
            InsecureSeededEntropy::new(2),
        );
        let (mut x, mut y, mut z) = ([0u8; 21], [0u8; 21], [0u8; 21]);
        a.fill(&mut x);
        b.fill(&mut y);
        c.fill(&mut z);
        assert_eq!(x, y, "same seed, same bytes");
        assert_ne!(x, z, "different seeds must differ");
        assert!(
            x.iter().any(|&byte| byte != 0),
            "the odd-length tail is filled too"
        );
    }

    #[test]
    fn os_entropy_fills() {
        let mut buf = [0u8; 32];
        OsEntropy.fill(&mut buf);
        assert!(
            buf.iter().any(|&byte| byte != 0),
            "32 zero bytes from the OS is (practically) impossible"
        );
    }
}
