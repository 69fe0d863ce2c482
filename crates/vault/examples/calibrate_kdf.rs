//! Measures one Argon2id derivation for candidate parameters, to choose `KdfParams::DEFAULT`.
//!
//! Run in a release build on the reference machine: `cargo run --release --example calibrate_kdf`.
//! Aim for 0.3–0.5 s per derivation (slow for someone guessing, unnoticeable when unlocking).

use std::time::{Duration, Instant};

use coffer_vault::{KdfParams, Password};

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
    let password = Password::from("calibration password");
    for (memory_kib, iterations) in candidates {
        let params = KdfParams {
            memory_kib,
            iterations,
            parallelism: 1,
        };
        // The vault's own derivation: allocate, derive, wipe the working memory.
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let start = Instant::now();
                params
                    .rehearse(&password)
                    .expect("accepted parameters derive");
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
