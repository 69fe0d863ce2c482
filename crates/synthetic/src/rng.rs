//! A small seeded generator, so that a generated export or a fault run is reproducible from its seed.
//! Not for anything secret.

/// SplitMix64-seeded xorshift64*: fast, reproducible, good enough to spread choices.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose output depends only on `seed` and `stream` (different streams of one seed
    /// give unrelated sequences).
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut z = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
            .wrapping_add(0x2545_F491_4F6C_DD1D);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(z.max(1))
    }

    /// A generator that starts from `state` itself (0 counts as 1): the benchmark's exports were made
    /// this way, so the same seed still writes the same file.
    pub fn from_state(state: u64) -> Rng {
        Rng(state.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// An index into a slice of `len` elements (`0` when empty).
    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = high.saturating_sub(low).saturating_add(1).max(1);
        low + i64::try_from(self.below(span.unsigned_abs())).unwrap_or(0)
    }

    /// A fraction in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A non-zero byte, to XOR into a byte so that it certainly changes.
    pub fn mask(&mut self) -> u8 {
        loop {
            let byte = self.next_u64().to_le_bytes()[0];
            if byte != 0 {
                return byte;
            }
        }
    }

    /// Picks one of `weights.len()` choices with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut pick = self.below(total);
        for (index, weight) in weights.iter().enumerate() {
            let weight = u64::from(*weight);
            if pick < weight {
                return index;
            }
            pick -= weight;
        }
        weights.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_choices_other_stream_other_choices() {
        let (mut a, mut b, mut c) = (Rng::new(1, 0), Rng::new(1, 0), Rng::new(1, 1));
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn ranges_hold() {
        let mut rng = Rng::new(7, 0);
        for _ in 0..1000 {
            assert!((3..=9).contains(&rng.between(3, 9)));
            assert!(rng.below(5) < 5);
            assert_ne!(rng.mask(), 0);
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(rng.weighted(&[0, 3, 0, 1]) % 2 == 1);
        }
    }
}
