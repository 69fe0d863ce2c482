//! The figures behind the reports screen, for any period and any choice of categories, read from
//! the maintained aggregates: whole months come from `month_total`, and only the days of a
//! partial first or last month (at most two months) are summed from expenses, through the day
//! index. No report ever scans the ledger.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

use crate::budget::{self, Scope};
use crate::category::CategoryId;
use crate::date::{Date, Month};
use crate::error::{Error, Field, Result};
use crate::pace::{Pace, pace};
use crate::totals::Sum;

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    from: Date,
    to: Date,
}

impl Period {
    /// The days `from..=to`; refuses a `to` before `from`.
    pub fn new(from: Date, to: Date) -> Result<Period> {
        if to < from {
            return Err(Error::invalid(
                Field::Period,
                format!("The period ends ({to}) before it starts ({from})."),
            ));
        }
        Ok(Period { from, to })
    }

    /// Every day of the months `first..=last`; refuses a `last` before `first`.
    pub fn months(first: Month, last: Month) -> Result<Period> {
        Period::new(first.first_day(), last.last_day())
    }

    /// The first day.
    pub fn from(self) -> Date {
        self.from
    }

    /// The last day.
    pub fn to(self) -> Date {
        self.to
    }

    /// The whole months inside the period, if any.
    fn whole_months(self) -> Option<(Month, Month)> {
        let first = if self.from == self.from.month().first_day() {
            self.from.month()
        } else {
            self.from.month().next()?
        };
        let last = if self.to == self.to.month().last_day() {
            self.to.month()
        } else {
            self.to.month().previous()?
        };
        (first <= last).then_some((first, last))
    }

    /// The runs of days not covered by [`Period::whole_months`]: none, the head, the tail, or
    /// the whole period when it holds no whole month (then it spans at most two months).
    fn partial_days(self) -> Vec<(Date, Date)> {
        let Some((first, last)) = self.whole_months() else {
            return vec![(self.from, self.to)];
        };
        let mut runs = Vec::with_capacity(2);
        if self.from < first.first_day() {
            runs.push((self.from, first.first_day().previous_day()));
        }
        if self.to > last.last_day() {
            runs.push((last.last_day().next_day(), self.to));
        }
        runs
    }
}

/// Which categories a report counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter(Option<BTreeSet<CategoryId>>);

impl Filter {
    /// Every category.
    pub fn all() -> Filter {
        Filter(None)
    }

    /// Only `categories`; an empty list means every category.
    pub fn only(categories: impl IntoIterator<Item = CategoryId>) -> Filter {
        let set: BTreeSet<CategoryId> = categories.into_iter().collect();
        Filter((!set.is_empty()).then_some(set))
    }

    /// Whether the report counts `category`.
    pub fn includes(&self, category: CategoryId) -> bool {
        self.0.as_ref().is_none_or(|set| set.contains(&category))
    }

    /// Whether every category counts.
    pub fn is_all(&self) -> bool {
        self.0.is_none()
    }
}

/// One category's spending in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategorySpending {
    /// The category.
    pub category: CategoryId,
    /// Its total and count.
    pub sum: Sum,
}

/// Spending per category in `period`, largest first (ties by category), leaving out categories
/// with nothing spent or outside `filter`.
pub fn spending_by_category(
    conn: &Connection,
    period: Period,
    filter: &Filter,
) -> Result<Vec<CategorySpending>> {
    let mut sums: HashMap<CategoryId, Sum> = HashMap::new();
    let mut add = |category: CategoryId, sum: Sum| {
        if filter.includes(category) {
            let cell = sums.entry(category).or_default();
            cell.total += sum.total;
            cell.count += sum.count;
        }
    };
    if let Some((first, last)) = period.whole_months() {
        let mut statement = conn.prepare_cached(
            "SELECT category_id, sum(total), sum(count) FROM month_total
              WHERE month BETWEEN ?1 AND ?2 GROUP BY category_id",
        )?;
        let mut rows = statement.query([first.key(), last.key()])?;
        while let Some(row) = rows.next()? {
            add(CategoryId(row.get(0)?), sum_at(row, 1)?);
        }
    }
    for (from, to) in period.partial_days() {
        let mut statement = conn.prepare_cached(
            "SELECT category_id, sum(amount), count(*) FROM expense
              WHERE day BETWEEN ?1 AND ?2 GROUP BY category_id",
        )?;
        let mut rows = statement.query([from.day_number(), to.day_number()])?;
        while let Some(row) = rows.next()? {
            add(CategoryId(row.get(0)?), sum_at(row, 1)?);
        }
    }
    let mut out: Vec<CategorySpending> = sums
        .into_iter()
        .filter(|(_, sum)| sum.total > 0)
        .map(|(category, sum)| CategorySpending { category, sum })
        .collect();
    out.sort_by(|a, b| {
        b.sum
            .total
            .cmp(&a.sum.total)
            .then(a.category.cmp(&b.category))
    });
    Ok(out)
}

fn sum_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Sum> {
    Ok(Sum {
        total: row.get(at)?,
        count: row.get(at + 1)?,
    })
}

/// Spending in each of the `count` months ending with `last`, oldest first, months with nothing
/// spent included as 0; only categories in `filter` count.
pub fn monthly(
    conn: &Connection,
    last: Month,
    count: u32,
    filter: &Filter,
) -> Result<Vec<(Month, i64)>> {
    let mut months = vec![last];
    while months.len() < count as usize {
        let Some(previous) = months.last().and_then(|m| m.previous()) else {
            break;
        };
        months.push(previous);
    }
    months.reverse();
    let first = months[0];
    let mut totals: BTreeMap<Month, i64> = months.iter().map(|m| (*m, 0)).collect();
    let mut statement = conn.prepare_cached(
        "SELECT month, category_id, total FROM month_total WHERE month BETWEEN ?1 AND ?2",
    )?;
    let mut rows = statement.query([first.key(), last.key()])?;
    while let Some(row) = rows.next()? {
        if filter.includes(CategoryId(row.get(1)?)) {
            let month = Month::from_key(row.get(0)?).map_err(|err| Error::Damaged {
                reason: format!("a month total has an impossible month: {err}"),
            })?;
            *totals.entry(month).or_default() += row.get::<_, i64>(2)?;
        }
    }
    Ok(totals.into_iter().collect())
}

/// One category's budget and spending in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetRow {
    /// The category.
    pub category: CategoryId,
    /// What may be spent (amount plus rollover); `None` without a budget.
    pub limit: Option<i64>,
    /// Spent in the month.
    pub spent: i64,
}

/// The categories of `filter` in `month` with a budget (in the budgets screen's order, by name),
/// then those without a budget that were spent in (largest first).
pub fn budget_vs_actual(
    conn: &Connection,
    month: Month,
    filter: &Filter,
) -> Result<Vec<BudgetRow>> {
    let mut budgeted = Vec::new();
    let mut unbudgeted = Vec::new();
    for line in budget::lines(conn, month)? {
        let Scope::Category(category) = line.scope else {
            continue;
        };
        if !filter.includes(category) {
            continue;
        }
        let row = BudgetRow {
            category,
            limit: line.limit(),
            spent: line.spent,
        };
        match row.limit {
            Some(_) => budgeted.push(row),
            None if row.spent > 0 => unbudgeted.push(row),
            None => {}
        }
    }
    unbudgeted.sort_by(|a, b| b.spent.cmp(&a.spent).then(a.category.cmp(&b.category)));
    budgeted.extend(unbudgeted);
    Ok(budgeted)
}

/// A month's spending by day against its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnUp {
    /// The month.
    pub month: Month,
    /// Spending on each day from the 1st up to today (every day of a past month, none of a
    /// future one), days with nothing spent included as 0.
    pub days: Vec<(Date, i64)>,
    /// Without a category filter the overall budget; with a filter the sum of the chosen
    /// categories' budgets when every one of them has a budget. `None` otherwise: a line that
    /// left out some of the spending drawn would overstate how far over it is.
    pub limit: Option<i64>,
    /// The month-end projection, for today's month only (against the limit, or with no crossing
    /// day when there is no limit).
    pub pace: Option<Pace>,
}

/// The burn-up of `month` seen on `today`.
pub fn burn_up(conn: &Connection, month: Month, filter: &Filter, today: Date) -> Result<BurnUp> {
    let through = if month < today.month() {
        Some(month.last_day())
    } else if month == today.month() {
        Some(today)
    } else {
        None
    };
    let mut days = Vec::new();
    if let Some(through) = through {
        let mut spent: BTreeMap<i32, i64> = BTreeMap::new();
        let mut statement = conn.prepare_cached(
            "SELECT day, category_id, sum(amount) FROM expense
              WHERE day BETWEEN ?1 AND ?2 GROUP BY day, category_id",
        )?;
        let first = month.first_day().day_number();
        let mut rows = statement.query([first, through.day_number()])?;
        while let Some(row) = rows.next()? {
            if filter.includes(CategoryId(row.get(1)?)) {
                *spent.entry(row.get(0)?).or_default() += row.get::<_, i64>(2)?;
            }
        }
        let mut day = month.first_day();
        loop {
            days.push((day, spent.get(&day.day_number()).copied().unwrap_or(0)));
            if day >= through {
                break;
            }
            day = day.next_day();
        }
    }
    let lines = budget::lines(conn, month)?;
    let overall = lines
        .iter()
        .find(|l| l.scope == Scope::Overall)
        .and_then(budget::Line::limit);
    let limit = if filter.is_all() {
        overall
    } else {
        lines
            .iter()
            .filter(|l| matches!(l.scope, Scope::Category(c) if filter.includes(c)))
            .try_fold(0_i64, |sum, line| Some(sum.saturating_add(line.limit()?)))
    };
    let pace = (month == today.month()).then(|| {
        let spent = days.iter().map(|(_, amount)| *amount).sum();
        pace(spent, limit.unwrap_or(i64::MAX), today)
    });
    Ok(BurnUp {
        month,
        days,
        limit,
        pace,
    })
}

#[cfg(test)]
#[allow(
    clippy::inconsistent_digit_grouping,
    reason = "amounts are written units_cents: 192_00 is 192.00"
)]
mod tests {
    use super::*;
    use crate::budget::{Change, Span};
    use crate::category;
    use crate::testing::{groceries, ledger, spend};

    fn date(text: &str) -> Date {
        text.parse().expect("date")
    }

    fn month(text: &str) -> Month {
        text.parse().expect("month")
    }

    fn category(conn: &Connection, name: &str) -> CategoryId {
        category::find_by_name(conn, name)
            .expect("read")
            .expect("seeded")
    }

    fn set_budget(conn: &mut Connection, scope: Scope, m: &str, amount: i64) {
        let change = Change {
            scope,
            month: month(m),
            span: Span::FromThisMonthOn,
            amount: Some(amount),
            rollover: false,
        };
        budget::set(conn, &change).expect("budget set");
    }

    /// The same figures the slow way: every expense, read one by one.
    fn brute_force(conn: &Connection, period: Period, filter: &Filter) -> HashMap<CategoryId, Sum> {
        let mut statement = conn
            .prepare("SELECT day, category_id, amount FROM expense")
            .expect("prepare");
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i32>(0)?,
                    CategoryId(row.get(1)?),
                    row.get::<_, i64>(2)?,
                ))
            })
            .expect("query");
        let mut sums: HashMap<CategoryId, Sum> = HashMap::new();
        for row in rows {
            let (day, category, amount) = row.expect("row");
            let in_period = (period.from().day_number()..=period.to().day_number()).contains(&day);
            if in_period && filter.includes(category) {
                let cell = sums.entry(category).or_default();
                cell.total += amount;
                cell.count += 1;
            }
        }
        sums
    }

    #[test]
    fn periods_split_into_whole_months_and_partial_days() {
        let p = |from: &str, to: &str| Period::new(date(from), date(to)).expect("valid");
        let whole = p("2026-09-01", "2026-11-30");
        assert_eq!(
            whole.whole_months(),
            Some((month("2026-09"), month("2026-11")))
        );
        assert!(whole.partial_days().is_empty());

        let ragged = p("2026-09-03", "2026-11-14");
        assert_eq!(
            ragged.whole_months(),
            Some((month("2026-10"), month("2026-10")))
        );
        assert_eq!(
            ragged.partial_days(),
            [
                (date("2026-09-03"), date("2026-09-30")),
                (date("2026-11-01"), date("2026-11-14"))
            ]
        );

        let inside = p("2026-02-10", "2026-03-05");
        assert_eq!(inside.whole_months(), None);
        assert_eq!(
            inside.partial_days(),
            [(date("2026-02-10"), date("2026-03-05"))]
        );

        let leap = p("2028-02-01", "2028-02-29");
        assert_eq!(
            leap.whole_months(),
            Some((month("2028-02"), month("2028-02")))
        );
        let not_quite = p("2028-02-01", "2028-02-28");
        assert_eq!(not_quite.whole_months(), None);

        let err = Period::new(date("2026-11-02"), date("2026-11-01")).expect_err("backwards");
        assert!(
            matches!(
                err,
                Error::Invalid {
                    field: Field::Period,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(Period::new(date("2026-11-01"), date("2026-11-01")).is_ok());
    }

    #[test]
    fn spending_by_category_equals_a_brute_force_sum_for_ragged_periods() {
        let mut conn = ledger();
        let groceries = groceries(&conn);
        let dining = category(&conn, "Dining");
        let transport = category(&conn, "Transport");
        // Spending on both sides of every month edge from August to December.
        let days = [
            "2026-08-31",
            "2026-09-01",
            "2026-09-02",
            "2026-09-30",
            "2026-10-01",
            "2026-10-15",
            "2026-10-31",
            "2026-11-01",
            "2026-11-14",
            "2026-11-15",
            "2026-11-30",
            "2026-12-01",
        ];
        for (i, day) in days.iter().enumerate() {
            let amount = 100 + i as i64;
            spend(&mut conn, groceries, day, amount);
            spend(&mut conn, [dining, transport][i % 2], day, 7 * amount);
        }
        let periods = [
            ("2026-09-01", "2026-11-30"),
            ("2026-09-02", "2026-11-14"),
            ("2026-09-01", "2026-09-01"),
            ("2026-08-31", "2026-12-01"),
            ("2026-10-15", "2026-11-15"),
            ("2026-11-02", "2026-11-13"),
            ("2025-01-01", "2027-12-31"),
        ];
        for (from, to) in periods {
            let period = Period::new(date(from), date(to)).expect("valid");
            for filter in [
                Filter::all(),
                Filter::only([dining]),
                Filter::only([groceries, transport]),
            ] {
                let report = spending_by_category(&conn, period, &filter).expect("report");
                let expected = brute_force(&conn, period, &filter);
                let got: HashMap<CategoryId, Sum> =
                    report.iter().map(|c| (c.category, c.sum)).collect();
                assert_eq!(got, expected, "{from}..{to} {filter:?}");
                assert!(
                    report.windows(2).all(|w| w[0].sum.total >= w[1].sum.total),
                    "largest first"
                );
            }
        }
        let nothing = Period::new(date("2027-01-01"), date("2027-01-31")).expect("valid");
        assert!(
            spending_by_category(&conn, nothing, &Filter::all())
                .expect("report")
                .is_empty()
        );
    }

    #[test]
    fn monthly_fills_every_month_and_honours_the_filter() {
        let mut conn = ledger();
        let groceries = groceries(&conn);
        let dining = category(&conn, "Dining");
        spend(&mut conn, groceries, "2025-12-05", 1000);
        spend(&mut conn, dining, "2026-02-10", 250);
        spend(&mut conn, groceries, "2026-02-11", 50);
        spend(&mut conn, groceries, "2026-04-01", 9999);
        let all = monthly(&conn, month("2026-03"), 4, &Filter::all()).expect("monthly");
        assert_eq!(
            all,
            [
                (month("2025-12"), 1000),
                (month("2026-01"), 0),
                (month("2026-02"), 300),
                (month("2026-03"), 0)
            ]
        );
        let dining_only = monthly(&conn, month("2026-03"), 4, &Filter::only([dining])).expect("ok");
        assert_eq!(
            dining_only.iter().map(|m| m.1).collect::<Vec<_>>(),
            [0, 0, 250, 0]
        );
        assert_eq!(
            monthly(&conn, month("2026-03"), 24, &Filter::all())
                .expect("ok")
                .len(),
            24
        );
    }

    #[test]
    fn budget_rows_list_budgeted_categories_then_unbudgeted_spending() {
        let mut conn = ledger();
        let groceries = groceries(&conn);
        let dining = category(&conn, "Dining");
        let transport = category(&conn, "Transport");
        let health = category(&conn, "Health");
        set_budget(&mut conn, Scope::Category(groceries), "2026-11", 300_00);
        set_budget(&mut conn, Scope::Category(dining), "2026-11", 100_00);
        set_budget(&mut conn, Scope::Overall, "2026-11", 1000_00);
        spend(&mut conn, dining, "2026-11-03", 120_00);
        spend(&mut conn, transport, "2026-11-04", 40_00);
        spend(&mut conn, health, "2026-11-05", 60_00);
        spend(&mut conn, health, "2026-10-05", 1_00);

        let rows = budget_vs_actual(&conn, month("2026-11"), &Filter::all()).expect("rows");
        let expected = [
            BudgetRow {
                category: dining,
                limit: Some(100_00),
                spent: 120_00,
            },
            BudgetRow {
                category: groceries,
                limit: Some(300_00),
                spent: 0,
            },
            BudgetRow {
                category: health,
                limit: None,
                spent: 60_00,
            },
            BudgetRow {
                category: transport,
                limit: None,
                spent: 40_00,
            },
        ];
        assert_eq!(rows, expected);
        let only = budget_vs_actual(
            &conn,
            month("2026-11"),
            &Filter::only([transport, groceries]),
        )
        .expect("rows");
        assert_eq!(only, [expected[1], expected[3]]);
    }

    #[test]
    fn burn_up_runs_to_today_with_the_pace_and_the_right_budget_line() {
        let mut conn = ledger();
        let groceries = groceries(&conn);
        let dining = category(&conn, "Dining");
        spend(&mut conn, groceries, "2026-11-01", 100_00);
        spend(&mut conn, dining, "2026-11-03", 50_00);
        spend(&mut conn, groceries, "2026-11-03", 25_00);
        spend(&mut conn, groceries, "2026-11-20", 999_00);
        let today = date("2026-11-10");

        let none = burn_up(&conn, month("2026-11"), &Filter::all(), today).expect("burn-up");
        assert_eq!(none.days.len(), 10, "the 1st to today");
        assert_eq!(none.days[0], (date("2026-11-01"), 100_00));
        assert_eq!(none.days[2], (date("2026-11-03"), 75_00));
        assert!(none.days[3..].iter().all(|d| d.1 == 0));
        assert_eq!(none.limit, None);
        let pace_none = none.pace.expect("today's month");
        assert_eq!(pace_none.projected, 175_00 * 30 / 10);
        assert_eq!(pace_none.over_on, None);

        set_budget(&mut conn, Scope::Category(groceries), "2026-11", 200_00);
        set_budget(&mut conn, Scope::Category(dining), "2026-11", 300_00);
        let categories = burn_up(&conn, month("2026-11"), &Filter::all(), today).expect("ok");
        assert_eq!(
            categories.limit, None,
            "category budgets are no overall budget"
        );
        let both = Filter::only([groceries, dining]);
        let both = burn_up(&conn, month("2026-11"), &both, today).expect("ok");
        assert_eq!(
            both.limit,
            Some(500_00),
            "the chosen categories' budgets add up"
        );
        let transport = category(&conn, "Transport");
        let partly = Filter::only([groceries, transport]);
        let partly = burn_up(&conn, month("2026-11"), &partly, today).expect("ok");
        assert_eq!(partly.limit, None, "Transport has no budget: no line");
        set_budget(&mut conn, Scope::Overall, "2026-11", 400_00);
        let overall = burn_up(&conn, month("2026-11"), &Filter::all(), today).expect("ok");
        assert_eq!(overall.limit, Some(400_00));
        assert_eq!(
            overall.pace.expect("pace").over_on,
            Some(date("2026-11-23")),
            "175/10 a day passes 400 on day 23"
        );
        let dining_only =
            burn_up(&conn, month("2026-11"), &Filter::only([dining]), today).expect("ok");
        assert_eq!(dining_only.limit, Some(300_00));
        assert_eq!(dining_only.days[2].1, 50_00);

        let october = burn_up(&conn, month("2026-10"), &Filter::all(), today).expect("ok");
        assert_eq!(october.days.len(), 31);
        assert_eq!(october.pace, None, "a closed month has no forecast");
        let december = burn_up(&conn, month("2026-12"), &Filter::all(), today).expect("ok");
        assert!(december.days.is_empty() && december.pace.is_none());
    }
}
