//! Monthly budgets: one overall and one per category, each set from a month on or for a single
//! month, with optional rollover of the unspent (or overspent) amount into the next month.
//!
//! # Model
//!
//! The `budget` table is a history of changes, never rewritten for past months. A row says "from
//! `month` on, the budget of this scope is `amount`" (`one_month = 0`) or "in `month` only, it is
//! `amount`" (`one_month = 1`); a `NULL` amount means "no budget". The budget of a scope in month
//! M is the one-month row at M if there is one, else the latest from-row at or before M. So:
//!
//! * changing a budget "from M on" writes a from-row at M and drops the changes after M (they
//!   were plans the person just replaced); months before M keep what they had;
//! * removing a budget is a change to `NULL`: past months keep their values;
//! * a one-month change touches M only.
//!
//! Rollover is a property of the category's budget in a month: when it is on in M and M-1 has a
//! budget too, M's limit is its amount plus what M-1 left (its own limit minus its spending,
//! negative when overspent). The overall budget has no rollover.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use crate::category::CategoryId;
use crate::date::Month;
use crate::error::{Error, Field, Result};
use crate::money::MAX_AMOUNT;

/// Which budget: the overall one or a category's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// All spending.
    Overall,
    /// The spending in one category.
    Category(CategoryId),
}

impl Scope {
    /// The `category_id` column: `NULL` for the overall budget.
    fn column(self) -> Option<i64> {
        match self {
            Scope::Overall => None,
            Scope::Category(id) => Some(id.0),
        }
    }

    fn from_column(column: Option<i64>) -> Scope {
        column.map_or(Scope::Overall, |id| Scope::Category(CategoryId(id)))
    }
}

/// How far a change reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The chosen month only.
    ThisMonth,
    /// The chosen month and every later one (replacing later changes).
    FromThisMonthOn,
}

/// A budget change, as the person asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Whose budget.
    pub scope: Scope,
    /// The month the change is made in.
    pub month: Month,
    /// That month only, or from it on.
    pub span: Span,
    /// The new amount in minor units (1..=[`MAX_AMOUNT`]), or `None` to remove the budget.
    pub amount: Option<i64>,
    /// Carry what is left (or overspent) into the next month; categories only.
    pub rollover: bool,
}

/// One stored row of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    month: i32,
    one_month: bool,
    amount: Option<i64>,
    rollover: bool,
}

/// What applies to one scope in one month, before rollover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The amount set, minor units.
    pub amount: i64,
    /// Whether rollover is on.
    pub rollover: bool,
    /// Whether it is a one-month change.
    pub this_month_only: bool,
}

/// One scope's history, oldest first.
#[derive(Debug, Default, Clone)]
struct History(Vec<Row>);

impl History {
    /// The budget in the month with key `month`, if any.
    fn setting(&self, month: i32) -> Option<Setting> {
        let row = self
            .0
            .iter()
            .find(|r| r.one_month && r.month == month)
            .or_else(|| {
                self.0
                    .iter()
                    .rev()
                    .find(|r| !r.one_month && r.month <= month)
            })?;
        Some(Setting {
            amount: row.amount?,
            rollover: row.rollover,
            this_month_only: row.one_month,
        })
    }

    /// What rolls into `month` from the months before, given each month's spending.
    fn carried(&self, month: i32, spent: impl Fn(i32) -> i64) -> i64 {
        // Walk back to the start of the rollover chain: the first month that receives nothing.
        let mut start = month;
        while self.setting(start).is_some_and(|s| s.rollover) && self.setting(start - 1).is_some() {
            start -= 1;
        }
        // Then forward: each month passes on its limit minus its spending.
        let mut carry = 0_i64;
        for m in start..month {
            let amount = self.setting(m).map_or(0, |s| s.amount);
            carry = carry.saturating_add(amount).saturating_sub(spent(m));
        }
        carry
    }
}

/// A budget line of one month: the setting, what rolled over, and what was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Whose budget.
    pub scope: Scope,
    /// The budget set, if any.
    pub setting: Option<Setting>,
    /// What rolled over from the month before (0 without rollover), minor units.
    pub carried: i64,
    /// Spent in the month, minor units.
    pub spent: i64,
}

impl Line {
    /// What may be spent this month (`amount + carried`), if there is a budget.
    pub fn limit(&self) -> Option<i64> {
        self.setting.map(|s| s.amount.saturating_add(self.carried))
    }
}

fn histories(conn: &Connection) -> Result<HashMap<Scope, History>> {
    let mut statement = conn.prepare_cached(
        "SELECT category_id, month, one_month, amount, rollover FROM budget ORDER BY month",
    )?;
    let mut rows = statement.query([])?;
    let mut histories: HashMap<Scope, History> = HashMap::new();
    while let Some(row) = rows.next()? {
        let scope = Scope::from_column(row.get(0)?);
        histories.entry(scope).or_default().0.push(Row {
            month: row.get(1)?,
            one_month: row.get(2)?,
            amount: row.get(3)?,
            rollover: row.get(4)?,
        });
    }
    Ok(histories)
}

/// Spending per (month, category) in the months `from..=to`, from the maintained totals.
fn spending(conn: &Connection, from: i32, to: i32) -> Result<HashMap<(i32, i64), i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT month, category_id, total FROM month_total WHERE month BETWEEN ?1 AND ?2",
    )?;
    let rows = statement.query_map([from, to], |row| {
        Ok(((row.get(0)?, row.get(1)?), row.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The budget lines of `month`: the overall one first, then one per category (sorted by name),
/// with or without a budget.
pub fn lines(conn: &Connection, month: Month) -> Result<Vec<Line>> {
    let histories = histories(conn)?;
    let key = month.key();
    // Rollover chains reach back at most to the oldest budget row.
    let oldest = histories
        .values()
        .filter_map(|h| h.0.first().map(|r| r.month))
        .min()
        .unwrap_or(key)
        .min(key);
    let spent = spending(conn, oldest, key)?;
    let category_spent = |category: i64, m: i32| spent.get(&(m, category)).copied().unwrap_or(0);

    let mut statement = conn.prepare_cached("SELECT id FROM category ORDER BY folded")?;
    let categories = statement
        .query_map([], |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let empty = History::default();
    let overall = histories.get(&Scope::Overall).unwrap_or(&empty);
    let mut lines = vec![Line {
        scope: Scope::Overall,
        setting: overall.setting(key),
        carried: 0,
        spent: spent
            .iter()
            .filter(|((m, _), _)| *m == key)
            .map(|(_, total)| total)
            .sum(),
    }];
    for id in categories {
        let scope = Scope::Category(CategoryId(id));
        let history = histories.get(&scope).unwrap_or(&empty);
        let setting = history.setting(key);
        let carried = match setting {
            Some(s) if s.rollover => history.carried(key, |m| category_spent(id, m)),
            _ => 0,
        };
        lines.push(Line {
            scope,
            setting,
            carried,
            spent: category_spent(id, key),
        });
    }
    Ok(lines)
}

fn check_amount(amount: Option<i64>) -> Result<()> {
    match amount {
        Some(a) if a <= 0 => Err(Error::invalid(
            Field::Amount,
            "A budget must be more than zero. To have no budget, remove it.",
        )),
        Some(a) if a > MAX_AMOUNT => Err(Error::invalid(
            Field::Amount,
            format!("The budget is too large: at most {MAX_AMOUNT} minor units."),
        )),
        _ => Ok(()),
    }
}

fn check_scope(conn: &Connection, scope: Scope) -> Result<()> {
    if let Scope::Category(id) = scope {
        let exists = conn
            .query_row("SELECT 1 FROM category WHERE id = ?1", [id.0], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            return Err(Error::UnknownCategory(id.0));
        }
    }
    Ok(())
}

fn apply(conn: &Connection, change: &Change) -> Result<()> {
    let scope = change.scope.column();
    let key = change.month.key();
    let rollover = change.rollover && change.scope != Scope::Overall;
    let one_month = match change.span {
        Span::ThisMonth => {
            conn.execute(
                "DELETE FROM budget WHERE category_id IS ?1 AND month = ?2 AND one_month = 1",
                params![scope, key],
            )?;
            true
        }
        Span::FromThisMonthOn => {
            // Replaces every later change, and any one-month change of this month (it would
            // otherwise hide the new value in the very month the person is looking at).
            conn.execute(
                "DELETE FROM budget WHERE category_id IS ?1 AND month >= ?2",
                params![scope, key],
            )?;
            false
        }
    };
    conn.execute(
        "INSERT INTO budget (category_id, month, one_month, amount, rollover)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![scope, key, one_month, change.amount, rollover],
    )?;
    Ok(())
}

/// Applies a budget change in one transaction. A category that does not exist is
/// [`Error::UnknownCategory`]; an amount outside 1..=[`MAX_AMOUNT`] is invalid. Nothing changes
/// on error.
pub fn set(conn: &mut Connection, change: &Change) -> Result<()> {
    check_amount(change.amount)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    check_scope(&tx, change.scope)?;
    apply(&tx, change)?;
    tx.commit()?;
    Ok(())
}

/// Makes `month` and the months after it use the budgets `month`'s previous month had (amount and
/// rollover of every scope that had one), in one transaction. Scopes without a budget last month
/// are left as they are. Returns how many budgets were copied; a month before which there is none
/// is invalid.
pub fn copy_previous(conn: &mut Connection, month: Month) -> Result<usize> {
    let no_previous = || Error::invalid(Field::Month, "There is no month before this one.");
    let previous = month.previous().ok_or_else(no_previous)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut copied = 0;
    let mut scopes: Vec<(Scope, Setting)> = histories(&tx)?
        .into_iter()
        .filter_map(|(scope, h)| h.setting(previous.key()).map(|s| (scope, s)))
        .collect();
    scopes.sort_by_key(|(scope, _)| *scope);
    for (scope, setting) in scopes {
        apply(
            &tx,
            &Change {
                scope,
                month,
                span: Span::FromThisMonthOn,
                amount: Some(setting.amount),
                rollover: setting.rollover,
            },
        )?;
        copied += 1;
    }
    if copied == 0 {
        return Err(Error::invalid(
            Field::Month,
            format!("{previous} has no budgets to copy."),
        ));
    }
    tx.commit()?;
    Ok(copied)
}

/// Whether any budget applies in `month`.
pub fn any_in(conn: &Connection, month: Month) -> Result<bool> {
    Ok(histories(conn)?
        .values()
        .any(|h| h.setting(month.key()).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{groceries, ledger, spend};

    fn month(text: &str) -> Month {
        text.parse().expect("a valid month")
    }

    fn set_budget(conn: &mut Connection, scope: Scope, m: &str, span: Span, amount: Option<i64>) {
        set(
            conn,
            &Change {
                scope,
                month: month(m),
                span,
                amount,
                rollover: false,
            },
        )
        .expect("budget set");
    }

    fn amount_in(conn: &Connection, scope: Scope, m: &str) -> Option<i64> {
        lines(conn, month(m))
            .expect("lines")
            .into_iter()
            .find(|l| l.scope == scope)
            .and_then(|l| l.setting.map(|s| s.amount))
    }

    #[test]
    fn a_budget_applies_from_its_month_on_and_changes_keep_the_past() {
        let mut conn = ledger();
        let all = Scope::Overall;
        set_budget(&mut conn, all, "2026-01", Span::FromThisMonthOn, Some(1000));
        assert_eq!(
            amount_in(&conn, all, "2025-12"),
            None,
            "not before it was set"
        );
        assert_eq!(amount_in(&conn, all, "2026-01"), Some(1000));
        assert_eq!(
            amount_in(&conn, all, "2027-06"),
            Some(1000),
            "until changed"
        );

        set_budget(&mut conn, all, "2026-04", Span::FromThisMonthOn, Some(1500));
        assert_eq!(
            amount_in(&conn, all, "2026-03"),
            Some(1000),
            "the past keeps its value"
        );
        assert_eq!(amount_in(&conn, all, "2026-04"), Some(1500));
        assert_eq!(amount_in(&conn, all, "2026-09"), Some(1500));

        set_budget(&mut conn, all, "2026-06", Span::ThisMonth, Some(300));
        assert_eq!(amount_in(&conn, all, "2026-05"), Some(1500));
        assert_eq!(
            amount_in(&conn, all, "2026-06"),
            Some(300),
            "one month only"
        );
        assert_eq!(
            amount_in(&conn, all, "2026-07"),
            Some(1500),
            "and back after it"
        );

        set_budget(&mut conn, all, "2026-08", Span::FromThisMonthOn, None);
        assert_eq!(
            amount_in(&conn, all, "2026-07"),
            Some(1500),
            "removal keeps history"
        );
        assert_eq!(amount_in(&conn, all, "2026-08"), None);
        assert_eq!(amount_in(&conn, all, "2030-01"), None);

        // A change from an earlier month on replaces the later plans, one-month ones included.
        set_budget(&mut conn, all, "2026-05", Span::FromThisMonthOn, Some(700));
        assert_eq!(amount_in(&conn, all, "2026-04"), Some(1500));
        for m in ["2026-05", "2026-06", "2026-08", "2031-02"] {
            assert_eq!(amount_in(&conn, all, m), Some(700), "{m}");
        }

        // A one-month removal.
        set_budget(&mut conn, all, "2026-10", Span::ThisMonth, None);
        assert_eq!(amount_in(&conn, all, "2026-10"), None);
        assert_eq!(amount_in(&conn, all, "2026-11"), Some(700));
    }

    fn line_of(conn: &Connection, scope: Scope, m: &str) -> Line {
        lines(conn, month(m))
            .expect("lines")
            .into_iter()
            .find(|l| l.scope == scope)
            .expect("a line per category")
    }

    fn set_rollover(conn: &mut Connection, scope: Scope, m: &str, amount: i64, rollover: bool) {
        let change = Change {
            scope,
            month: month(m),
            span: Span::FromThisMonthOn,
            amount: Some(amount),
            rollover,
        };
        set(conn, &change).expect("budget set");
    }

    #[test]
    fn rollover_carries_what_is_left_or_overspent_month_after_month() {
        let mut conn = ledger();
        let food = groceries(&conn);
        let scope = Scope::Category(food);
        set_rollover(&mut conn, scope, "2024-01", 10_000, true);
        spend(&mut conn, food, "2024-01-15", 7_000); // 3,000 left
        spend(&mut conn, food, "2024-02-29", 14_000); // leap day: 13,000 - 14,000 = -1,000
        assert_eq!(
            line_of(&conn, scope, "2024-01").carried,
            0,
            "the first month receives nothing"
        );
        assert_eq!(line_of(&conn, scope, "2024-02").carried, 3_000);
        assert_eq!(line_of(&conn, scope, "2024-02").limit(), Some(13_000));
        assert_eq!(
            line_of(&conn, scope, "2024-03").carried,
            -1_000,
            "overspending carries too"
        );
        assert_eq!(line_of(&conn, scope, "2024-03").limit(), Some(9_000));
        assert_eq!(
            line_of(&conn, scope, "2024-04").carried,
            9_000,
            "an unspent month passes on its whole limit"
        );

        // Switching rollover off from April on: April starts fresh, the past is unchanged.
        set_rollover(&mut conn, scope, "2024-04", 10_000, false);
        assert_eq!(line_of(&conn, scope, "2024-04").carried, 0);
        assert_eq!(line_of(&conn, scope, "2024-03").carried, -1_000);

        // A month without a budget breaks the chain.
        set_budget(&mut conn, scope, "2024-05", Span::ThisMonth, None);
        set_rollover(&mut conn, scope, "2024-06", 500, true);
        assert_eq!(line_of(&conn, scope, "2024-06").carried, 0);
        assert_eq!(line_of(&conn, scope, "2024-07").carried, 500);
    }

    #[test]
    fn lines_report_spending_for_the_overall_budget_and_each_category() {
        let mut conn = ledger();
        let food = groceries(&conn);
        spend(&mut conn, food, "2026-02-01", 250);
        spend(&mut conn, food, "2026-02-28", 750);
        spend(&mut conn, food, "2026-03-01", 99);
        let lines = lines(&conn, month("2026-02")).expect("lines");
        assert_eq!(lines[0].scope, Scope::Overall);
        assert_eq!(lines[0].spent, 1_000);
        let categories = crate::category::list(&conn).expect("list").len();
        assert_eq!(lines.len(), 1 + categories, "one line per category");
        let food_line = lines
            .iter()
            .find(|l| l.scope == Scope::Category(food))
            .expect("groceries");
        assert_eq!(food_line.spent, 1_000);
        assert_eq!(food_line.setting, None);
    }

    #[test]
    fn bad_changes_are_refused_and_change_nothing() {
        let mut conn = ledger();
        for amount in [0, -5, MAX_AMOUNT + 1] {
            let err = set(
                &mut conn,
                &Change {
                    scope: Scope::Overall,
                    month: month("2026-01"),
                    span: Span::FromThisMonthOn,
                    amount: Some(amount),
                    rollover: false,
                },
            )
            .expect_err("refused");
            assert_eq!(err.code(), "invalid_amount", "{amount}");
        }
        let err = set(
            &mut conn,
            &Change {
                scope: Scope::Category(CategoryId(9_999)),
                month: month("2026-01"),
                span: Span::FromThisMonthOn,
                amount: Some(100),
                rollover: false,
            },
        )
        .expect_err("refused");
        assert_eq!(err.code(), "unknown_category");
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM budget", [], |r| r.get(0))
            .expect("count");
        assert_eq!(rows, 0, "nothing was written");
        assert!("2026-13".parse::<Month>().is_err(), "no 13th month");
    }

    #[test]
    fn deleting_a_category_deletes_its_budgets() {
        let mut conn = ledger();
        let food = groceries(&conn);
        set_budget(
            &mut conn,
            Scope::Category(food),
            "2026-01",
            Span::FromThisMonthOn,
            Some(5),
        );
        crate::category::delete(&mut conn, food, None, 0).expect("deleted");
        assert!(!any_in(&conn, month("2026-01")).expect("read"));
    }

    #[test]
    fn copying_last_month_makes_its_budgets_apply_from_this_month_on() {
        let mut conn = ledger();
        let food = Scope::Category(groceries(&conn));
        set_budget(
            &mut conn,
            Scope::Overall,
            "2026-01",
            Span::FromThisMonthOn,
            Some(900),
        );
        set_budget(&mut conn, food, "2026-02", Span::ThisMonth, Some(300));
        assert_eq!(amount_in(&conn, food, "2026-03"), None);
        let copied = copy_previous(&mut conn, month("2026-03")).expect("copied");
        assert_eq!(copied, 2);
        assert_eq!(amount_in(&conn, food, "2026-03"), Some(300));
        assert_eq!(amount_in(&conn, food, "2026-09"), Some(300));
        assert_eq!(amount_in(&conn, Scope::Overall, "2026-03"), Some(900));
        let err = copy_previous(&mut conn, month("2025-06")).expect_err("nothing before");
        assert_eq!(err.code(), "invalid_month");
    }
}
