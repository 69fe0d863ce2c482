//! Measures one Argon2id derivation for candidate parameters, to choose `KdfParams::DEFAULT`.
//!
//! Run in a release build on the reference machine: `cargo run --release --example calibrate_kdf`.
//! Aim for 0.3–0.5 s per derivation (slow for someone guessing, unnoticeable when unlocking).

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use zeroize::Zeroize;

fn main() {
    let candidates: [(u32, u32); 7] = [
        (19_456, 2),
        (65_536, 3),
        (131_072, 3),
        (131_072, 4),
        (196_608, 3),
        (262_144, 2),
        (262_144, 3),
    ];
    let salt = [0x5a_u8; 32];
    for (memory_kib, iterations) in candidates {
        let params = Params::new(memory_kib, iterations, 1, Some(32)).expect("valid parameters");
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = [0u8; 32];
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                // The same work as the vault's derivation: allocate, derive, wipe the working memory.
                let start = Instant::now();
                let mut memory = vec![Block::default(); argon2.params().block_count()];
                argon2
                    .hash_password_into_with_memory(
                        b"calibration password",
                        &salt,
                        &mut out,
                        &mut memory[..],
                    )
                    .expect("derives");
                memory.zeroize();
                drop(memory);
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "m={memory_kib:>6} KiB t={iterations} p=1: median {:>4} ms (min {} ms, max {} ms)",
            times[2].as_millis(),
            times[0].as_millis(),
            times[4].as_millis()
        );
    }
}
