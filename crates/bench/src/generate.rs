//! `coffer-bench generate`: writes a reproducible synthetic bank export of any size, so the benchmark
//! can be run at 10k, 100k and 1M rows without shipping data files.

use std::io::Write as _;

use coffer_ledger::{Date, Month};

use coffer_synthetic::{CATEGORIES, DESCRIPTIONS, PAYMENT_METHODS, Rng};

use crate::Failure;

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
    let mut rng = Rng::from_state(seed);
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
            CATEGORIES[rng.index(CATEGORIES.len())],
            quoted(DESCRIPTIONS[rng.index(DESCRIPTIONS.len())]),
            PAYMENT_METHODS[rng.index(PAYMENT_METHODS.len())],
        )?;
    }
    w.flush()?;
    Ok(())
}
