//! Fuzzes the amount parser with both decimal marks and a currency of each number of minor
//! units. Asserts that what it reads is within the ledger's MAX_AMOUNT, round-trips through the
//! ledger's plain-decimal formatting, and that the mark votes never panic.

#![no_main]

use coffer_import::DecimalMark;
use coffer_import::amounts::{self, MarkVotes};
use coffer_import_fuzz::currencies;
use coffer_ledger::MAX_AMOUNT;
use coffer_ledger::money::format_amount;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut votes = MarkVotes::default();
    votes.feed(text);
    let _ = votes.finish();
    for currency in currencies() {
        for mark in [DecimalMark::Dot, DecimalMark::Comma] {
            let Ok(minor) = amounts::parse(text, mark, currency) else {
                continue;
            };
            assert!(
                (-MAX_AMOUNT..=MAX_AMOUNT).contains(&minor),
                "{text:?} read as {minor}"
            );
            let plain = format_amount(minor, currency);
            assert_eq!(
                amounts::parse(&plain, DecimalMark::Dot, currency),
                Ok(minor),
                "{plain}"
            );
            let comma = plain.replace('.', ",");
            assert_eq!(
                amounts::parse(&comma, DecimalMark::Comma, currency),
                Ok(minor),
                "{comma}"
            );
            // Padding and a currency code change nothing.
            let padded = format!("  {text} ");
            assert_eq!(
                amounts::parse(&padded, mark, currency),
                Ok(minor),
                "{padded:?}"
            );
        }
    }
});
