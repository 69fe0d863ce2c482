//! `coffer-bench generate`: writes a reproducible synthetic bank export of any size, so the benchmark
//! can be run at 10k, 100k and 1M rows without shipping data files.

use std::io::Write as _;

use coffer_ledger::{Date, Month};

use crate::Failure;

const CATEGORIES: &[&str] = &[
    "Groceries",
    "Rent",
    "Transport",
    "Dining",
    "Utilities",
    "Health",
    "Entertainment",
    "Shopping",
    "Travel",
    "Education",
    "Gifts",
    "Other",
];

const DESCRIPTIONS: &[&str] = &[
    "Weekly shop",
    "Corner store",
    "Monthly rent",
    "Bus pass",
    "Train ticket, return",
    "Pizza night",
    "Café \"Le Petit\"",
    "Electricity bill",
    "Pharmacy",
    "Cinema",
    "Shoes",
    "Flight",
    "Course fee",
    "Birthday present",
    "Misc.",
];

const PAYMENT_METHODS: &[&str] = &["card", "cash", "transfer", "direct debit", ""];

/// xorshift64*: small, fast and reproducible; not for anything secret.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// `generate ROWS OUT.csv [--seed N]`: ROWS expenses over the ten years up to 2026-10, in date order.
pub(crate) fn run(mut args: impl Iterator<Item = String>) -> Result<(), Failure> {
    let usage = || Failure("usage: coffer-bench generate ROWS OUT.csv [--seed N]".into());
    let rows: u64 = args.next().and_then(|n| n.parse().ok()).ok_or_else(usage)?;
    let out = args.next().ok_or_else(usage)?;
    let mut seed = 0x00c0_ffee_u64;
    if let Some(flag) = args.next() {
        if flag != "--seed" {
            return Err(usage());
        }
        seed = args.next().and_then(|n| n.parse().ok()).ok_or_else(usage)?;
    }
    let mut rng = Rng(seed.max(1));
    let first = Month::new(2016, 11)
        .map_err(|e| Failure(e.to_string()))?
        .first_day();
    let last = Month::new(2026, 10)
        .map_err(|e| Failure(e.to_string()))?
        .last_day();
    let days = i64::from(last.day_number() - first.day_number() + 1);
    let file = std::fs::File::create(&out).map_err(|e| Failure(format!("{out}: {e}")))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(w, "date,amount,category,description,payment_method")?;
    for i in 0..rows {
        // Spread rows evenly over the days, in order, as a bank export is.
        let offset = i128::from(i) * i128::from(days) / i128::from(rows.max(1));
        let day = first.day_number() + i32::try_from(offset).unwrap_or(0);
        let date = Date::from_day_number(day).map_err(|e| Failure(e.to_string()))?;
        // Mostly small amounts, sometimes large ones.
        let cents = match rng.below(20) {
            0 => 20_000 + rng.below(180_000),
            _ => 100 + rng.below(9_900),
        };
        writeln!(
            w,
            "{date},{}.{:02},{},{},{}",
            cents / 100,
            cents % 100,
            CATEGORIES[rng.below(CATEGORIES.len())],
            quoted(DESCRIPTIONS[rng.below(DESCRIPTIONS.len())]),
            PAYMENT_METHODS[rng.below(PAYMENT_METHODS.len())],
        )?;
    }
    w.flush()?;
    Ok(())
}
