//! Budget alerts: the profile's thresholds (percentages of a budget) and the record of which
//! (budget, month, threshold) has already been announced, kept in the encrypted ledger so that a
//! restart, a re-import or an edit that dips below and climbs back never announces it twice.
//!
//! [`evaluate`] is the one place alerts are decided: it compares every budget of a month with its
//! spending, records the thresholds newly reached and returns them. The shell calls it after each
//! change to the ledger and at unlock; what it returns is exactly what to announce.

use rusqlite::{Connection, TransactionBehavior, params};

use crate::budget::{self, Scope};
use crate::date::Month;
use crate::error::{Error, Field, Result};
use crate::{meta, set_meta};

/// The most thresholds a profile may have.
pub const MAX_THRESHOLDS: usize = 5;
/// The thresholds of a new profile.
pub const DEFAULT_THRESHOLDS: [u16; 2] = [80, 100];

/// A valid set of thresholds: 1 to [`MAX_THRESHOLDS`] distinct percentages in 1..=200, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds(Vec<u16>);

impl Thresholds {
    /// Checks and sorts `values` (any integer is accepted as input, so that every bad one gets
    /// the same clear error).
    pub fn new(mut values: Vec<u32>) -> Result<Thresholds> {
        let invalid = |message: String| Error::invalid(Field::Threshold, message);
        if values.is_empty() {
            return Err(invalid(
                "Give at least one threshold, e.g. 80 and 100.".into(),
            ));
        }
        if values.len() > MAX_THRESHOLDS {
            return Err(invalid(format!(
                "At most {MAX_THRESHOLDS} thresholds, please."
            )));
        }
        if let Some(bad) = values.iter().find(|v| !(1..=200).contains(*v)) {
            return Err(invalid(format!("{bad} % is outside 1-200 %.")));
        }
        values.sort_unstable();
        if let Some(pair) = values.windows(2).find(|w| w[0] == w[1]) {
            return Err(invalid(format!("{} % is listed twice.", pair[0])));
        }
        Ok(Thresholds(
            values
                .into_iter()
                .map(|v| u16::try_from(v).expect("checked to be in 1..=200"))
                .collect(),
        ))
    }

    /// The percentages, ascending.
    pub fn values(&self) -> &[u16] {
        &self.0
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds(DEFAULT_THRESHOLDS.to_vec())
    }
}

/// A profile's alert settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// When to alert.
    pub thresholds: Thresholds,
    /// Whether to show desktop notifications (the in-app alert is always shown).
    pub os_notifications: bool,
    /// Whether desktop notifications leave amounts out.
    pub hide_amounts: bool,
}

fn damaged(what: &str) -> Error {
    Error::Damaged {
        reason: format!("its alert {what} cannot be read"),
    }
}

/// Reads the alert settings.
pub fn settings(conn: &Connection) -> Result<Settings> {
    let thresholds = meta(conn, "alert_thresholds")?.ok_or_else(|| damaged("thresholds"))?;
    let values = thresholds
        .split(',')
        .map(|v| v.parse::<u32>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| damaged("thresholds"))?;
    let flag = |key: &str| -> Result<bool> {
        match meta(conn, key)?.as_deref() {
            Some("1") => Ok(true),
            Some("0") => Ok(false),
            _ => Err(damaged("settings")),
        }
    };
    Ok(Settings {
        thresholds: Thresholds::new(values).map_err(|_| damaged("thresholds"))?,
        os_notifications: flag("alert_os")?,
        hide_amounts: flag("alert_hide_amounts")?,
    })
}

/// Stores the alert settings in one transaction.
pub fn set_settings(conn: &mut Connection, settings: &Settings) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let thresholds = settings
        .thresholds
        .values()
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let flag = |on: bool| if on { "1" } else { "0" };
    for (key, value) in [
        ("alert_thresholds", thresholds.as_str()),
        ("alert_os", flag(settings.os_notifications)),
        ("alert_hide_amounts", flag(settings.hide_amounts)),
    ] {
        set_meta(&tx, key, value)?;
    }
    tx.commit()?;
    Ok(())
}

/// Whether `spent` has reached `threshold` percent of `limit`. A limit of zero or less (after
/// overspending rolled over) counts as reached at every threshold: nothing is left to spend.
pub fn reached(spent: i64, limit: i64, threshold: u16) -> bool {
    i128::from(spent) * 100 >= i128::from(threshold) * i128::from(limit)
}

/// A threshold newly reached, to announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crossing {
    /// Whose budget.
    pub scope: Scope,
    /// The month.
    pub month: Month,
    /// The percentage reached.
    pub threshold: u16,
    /// Spent in the month, minor units.
    pub spent: i64,
    /// The month's limit (budget plus rollover), minor units.
    pub limit: i64,
}

/// Compares every budget of `month` with its spending, records each threshold reached that was
/// not recorded before (at `now`, Unix seconds) and returns those, overall budget first, in one
/// transaction. Calling it again without a change returns nothing.
pub fn evaluate(conn: &mut Connection, month: Month, now: i64) -> Result<Vec<Crossing>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let thresholds = settings(&tx)?.thresholds;
    let mut crossings = Vec::new();
    {
        let mut record = tx.prepare_cached(
            "INSERT OR IGNORE INTO budget_alert (category_id, month, threshold, at)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for line in budget::lines(&tx, month)? {
            let Some(limit) = line.limit() else { continue };
            for &threshold in thresholds.values() {
                if !reached(line.spent, limit, threshold) {
                    continue;
                }
                let category = match line.scope {
                    Scope::Overall => None,
                    Scope::Category(id) => Some(id.0),
                };
                if record.execute(params![category, month.key(), threshold, now])? == 1 {
                    crossings.push(Crossing {
                        scope: line.scope,
                        month,
                        threshold,
                        spent: line.spent,
                        limit,
                    });
                }
            }
        }
    }
    tx.commit()?;
    Ok(crossings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ledger;

    #[test]
    fn thresholds_are_checked_and_sorted() {
        assert_eq!(
            Thresholds::new(vec![100, 50, 80]).expect("valid").values(),
            &[50, 80, 100]
        );
        for bad in [
            vec![],
            vec![0],
            vec![201],
            vec![80, 80],
            vec![1, 2, 3, 4, 5, 6],
        ] {
            let err = Thresholds::new(bad.clone()).expect_err("refused");
            assert_eq!(err.code(), "invalid_threshold", "{bad:?}");
        }
        assert!(
            Thresholds::new(vec![1, 200]).is_ok(),
            "the bounds are allowed"
        );
    }

    #[test]
    fn settings_start_at_the_defaults_and_round_trip() {
        let mut conn = ledger();
        let defaults = settings(&conn).expect("read");
        assert_eq!(defaults.thresholds.values(), &DEFAULT_THRESHOLDS);
        assert!(defaults.os_notifications);
        assert!(!defaults.hide_amounts);
        let changed = Settings {
            thresholds: Thresholds::new(vec![50, 90, 120]).expect("valid"),
            os_notifications: false,
            hide_amounts: true,
        };
        set_settings(&mut conn, &changed).expect("stored");
        assert_eq!(settings(&conn).expect("read"), changed);
    }

    #[test]
    fn reaching_is_at_or_above_the_percentage() {
        assert!(!reached(79, 100, 80));
        assert!(reached(80, 100, 80));
        assert!(reached(150, 100, 150));
        assert!(!reached(1, 3, 34), "1/3 is 33.3 %");
        assert!(reached(0, 0, 100), "nothing left to spend");
        assert!(reached(0, -50, 80), "overspent last month");
        assert!(reached(i64::MAX, i64::MAX, 100), "no overflow");
    }
}
