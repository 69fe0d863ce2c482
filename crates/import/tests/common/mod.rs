//! Helpers shared by the importer's integration tests: dates, currencies, the expenses a conversion
//! produced, and the two skips every bank-shaped fixture has (money in, a totals row).

#![allow(
    dead_code,
    reason = "each test binary uses a different subset of these helpers"
)]

use coffer_import::Outcome;
use coffer_ledger::{Currency, Date};

pub fn currency(code: &str) -> Currency {
    Currency::from_code(code).expect("known")
}

pub fn eur() -> Currency {
    currency("EUR")
}

pub fn date(text: &str) -> Date {
    text.parse().expect("date")
}

/// The expenses among `outcomes` as (line, date, amount, description).
pub fn expenses(outcomes: &[Outcome]) -> Vec<(usize, Date, i64, &str)> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Expense(e) => Some((e.line, e.date, e.amount, e.description.as_str())),
            _ => None,
        })
        .collect()
}

/// Asserts that line `income` was skipped as money coming in, line `totals` as a totals row, and
/// that there were `total` outcomes in all (so no problems).
pub fn assert_income_and_totals_skipped(
    outcomes: &[Outcome],
    income: usize,
    totals: usize,
    total: usize,
) {
    assert!(outcomes.contains(&Outcome::Skipped {
        line: income,
        reason: "money coming in (income or a refund)"
    }));
    assert!(
        outcomes.contains(&Outcome::Skipped {
            line: totals,
            reason: "a totals or balance row"
        }),
        "{outcomes:?}"
    );
    assert_eq!(outcomes.len(), total, "no problems: {outcomes:?}");
}
