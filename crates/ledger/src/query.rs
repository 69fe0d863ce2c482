//! Reading expenses: filtered, sorted pages by keyset (never OFFSET, so page 10,000 costs what page 1
//! does), totals of a filtered set from the maintained aggregates, and the home screen's figures.
//!
//! SQL here is assembled from fixed fragments only; every value, including each category id and the
//! search text, is a bound parameter.

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::category::CategoryId;
use crate::date::{Date, MAX_YEAR, MIN_YEAR, Month};
use crate::error::{Error, Field, Result};
use crate::expense::{self, COLUMNS, Expense, ExpenseId};
use crate::totals::{self, MonthCategoryTotal, Sum};

/// The most rows one page may hold.
pub const MAX_PAGE: usize = 500;
/// The longest search text, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;
/// The most categories one filter may name.
pub const MAX_FILTER_CATEGORIES: usize = 1000;

/// Which expenses to show. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
    /// Any of these categories (empty: all).
    pub categories: Vec<CategoryId>,
    /// Smallest amount included, minor units.
    pub min_amount: Option<i64>,
    /// Largest amount included, minor units.
    pub max_amount: Option<i64>,
    /// Text the description or the notes contain (ignoring ASCII case).
    pub text: Option<String>,
}

/// What to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The expense's date (ties: insertion order).
    Date,
    /// The amount (ties: insertion order).
    Amount,
}

/// Sort key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// What to sort by.
    pub key: SortKey,
    /// Largest / newest first.
    pub descending: bool,
}

impl Sort {
    /// Newest first: the list's default.
    pub const NEWEST: Sort = Sort {
        key: SortKey::Date,
        descending: true,
    };
}

/// Where the next page starts: the sort value and id of the last row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The last row's day number (date sort) or amount (amount sort).
    pub key: i64,
    /// The last row's id.
    pub id: ExpenseId,
}

/// One page of expenses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The rows, in order.
    pub expenses: Vec<Expense>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

impl Filter {
    /// Checks the filter's own consistency.
    fn check(&self) -> Result<()> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(Error::invalid(
                Field::Filter,
                "The start date is after the end date.",
            ));
        }
        if let (Some(min), Some(max)) = (self.min_amount, self.max_amount)
            && min > max
        {
            return Err(Error::invalid(
                Field::Filter,
                "The smallest amount is larger than the largest.",
            ));
        }
        if let Some(text) = &self.text {
            let chars = text.chars().count();
            if chars > MAX_SEARCH_CHARS {
                return Err(Error::invalid(
                    Field::Filter,
                    format!("Search for at most {MAX_SEARCH_CHARS} characters (this is {chars})."),
                ));
            }
        }
        if self.categories.len() > MAX_FILTER_CATEGORIES {
            return Err(Error::invalid(
                Field::Filter,
                "Too many categories selected.",
            ));
        }
        Ok(())
    }

    fn search_text(&self) -> Option<&str> {
        self.text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// `AND`-joined conditions for `WHERE`, and their values.
    fn conditions(&self, day_range: Option<(Date, Date)>) -> (String, Vec<Value>) {
        let mut sql = String::from("1");
        let mut values = Vec::new();
        let (from, to) = day_range.map_or((self.from, self.to), |(f, t)| (Some(f), Some(t)));
        if let Some(from) = from {
            sql.push_str(" AND day >= ?");
            values.push(Value::Integer(from.day_number().into()));
        }
        if let Some(to) = to {
            sql.push_str(" AND day <= ?");
            values.push(Value::Integer(to.day_number().into()));
        }
        in_categories(&self.categories, &mut sql, &mut values);
        if let Some(min) = self.min_amount {
            sql.push_str(" AND amount >= ?");
            values.push(Value::Integer(min));
        }
        if let Some(max) = self.max_amount {
            sql.push_str(" AND amount <= ?");
            values.push(Value::Integer(max));
        }
        if let Some(text) = self.search_text() {
            sql.push_str(" AND (description LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')");
            let pattern = format!("%{}%", escape_like(text));
            values.push(Value::Text(pattern.clone()));
            values.push(Value::Text(pattern));
        }
        (sql, values)
    }
}

/// Appends `AND category_id IN (?, ...)` for a non-empty list.
fn in_categories(categories: &[CategoryId], sql: &mut String, values: &mut Vec<Value>) {
    if categories.is_empty() {
        return;
    }
    sql.push_str(" AND category_id IN (");
    for (i, category) in categories.iter().enumerate() {
        sql.push_str(if i == 0 { "?" } else { ", ?" });
        values.push(Value::Integer(category.0));
    }
    sql.push(')');
}

/// Makes `%`, `_` and `\` match themselves in a `LIKE … ESCAPE '\'` pattern.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The SQL and values of one page query (`limit + 1` rows: one more tells whether a next page exists).
fn page_query(
    filter: &Filter,
    sort: Sort,
    after: Option<Cursor>,
    limit: usize,
) -> (String, Vec<Value>) {
    let (mut sql, mut values) = filter.conditions(None);
    let column = match sort.key {
        SortKey::Date => "day",
        SortKey::Amount => "amount",
    };
    let (direction, comparison) = if sort.descending {
        ("DESC", "<")
    } else {
        ("ASC", ">")
    };
    if let Some(cursor) = after {
        // A row-value comparison, which SQLite turns into an index range: the keyset.
        sql.push_str(&format!(" AND ({column}, id) {comparison} (?, ?)"));
        values.push(Value::Integer(cursor.key));
        values.push(Value::Integer(cursor.id.0));
    }
    let query = format!(
        "SELECT {COLUMNS} FROM expense WHERE {sql}
          ORDER BY {column} {direction}, id {direction} LIMIT {}",
        limit + 1
    );
    (query, values)
}

/// One page of the expenses matching `filter`, in `sort` order, starting after `after`.
pub fn page(
    conn: &Connection,
    filter: &Filter,
    sort: Sort,
    after: Option<Cursor>,
    limit: usize,
) -> Result<Page> {
    filter.check()?;
    let limit = limit.clamp(1, MAX_PAGE);
    let (query, values) = page_query(filter, sort, after, limit);
    let mut statement = conn.prepare_cached(&query)?;
    let mut expenses = statement
        .query_map(rusqlite::params_from_iter(values), expense::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let next = if expenses.len() > limit {
        expenses.truncate(limit);
        expenses.last().map(|last| Cursor {
            key: match sort.key {
                SortKey::Date => last.fields.date().day_number().into(),
                SortKey::Amount => last.fields.amount(),
            },
            id: last.id,
        })
    } else {
        None
    };
    Ok(Page { expenses, next })
}

/// The count and sum of the expenses matching `filter`.
///
/// Without amount or text conditions this reads the maintained month totals for every whole month in
/// the range and scans only the partial months at its ends, so "this year" over a million rows is a
/// few hundred aggregate rows plus at most two months of index.
pub fn totals(conn: &Connection, filter: &Filter) -> Result<Sum> {
    filter.check()?;
    let scan = |range: Option<(Date, Date)>| -> Result<Sum> {
        let (sql, values) = filter.conditions(range);
        let query = format!("SELECT coalesce(sum(amount), 0), count(*) FROM expense WHERE {sql}");
        Ok(conn
            .prepare_cached(&query)?
            .query_row(rusqlite::params_from_iter(values), Sum::from_row)?)
    };
    if filter.min_amount.is_some() || filter.max_amount.is_some() || filter.search_text().is_some()
    {
        return scan(None);
    }
    let from = filter
        .from
        .unwrap_or_else(|| Month::new(MIN_YEAR, 1).expect("in range").first_day());
    let to = filter
        .to
        .unwrap_or_else(|| Month::new(MAX_YEAR, 12).expect("in range").last_day());
    let first_whole = if from == from.month().first_day() {
        Some(from.month())
    } else {
        from.month().next()
    };
    let last_whole = if to == to.month().last_day() {
        Some(to.month())
    } else {
        to.month().previous()
    };
    let (Some(first_whole), Some(last_whole)) = (first_whole, last_whole) else {
        return scan(Some((from, to)));
    };
    if first_whole > last_whole {
        return scan(Some((from, to)));
    }
    let mut sql = String::from(
        "SELECT coalesce(sum(total), 0), coalesce(sum(count), 0) FROM month_total WHERE month BETWEEN ? AND ?",
    );
    let mut values = vec![
        Value::Integer(first_whole.key().into()),
        Value::Integer(last_whole.key().into()),
    ];
    in_categories(&filter.categories, &mut sql, &mut values);
    let mut sum: Sum = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(values), Sum::from_row)?;
    let first_day = first_whole.first_day();
    let last_day = last_whole.last_day();
    for edge in [
        (from < first_day).then(|| (from, previous_day(first_day))),
        (to > last_day).then(|| (next_day(last_day), to)),
    ]
    .into_iter()
    .flatten()
    {
        let part = scan(Some(edge))?;
        sum.total += part.total;
        sum.count += part.count;
    }
    Ok(sum)
}

fn previous_day(date: Date) -> Date {
    Date::from_day_number(date.day_number() - 1).unwrap_or(date)
}

fn next_day(date: Date) -> Date {
    Date::from_day_number(date.day_number() + 1).unwrap_or(date)
}

/// The `limit` most recent expenses (date, then insertion order, newest first), of one category or all.
pub fn recent(
    conn: &Connection,
    category: Option<CategoryId>,
    limit: usize,
) -> Result<Vec<Expense>> {
    let filter = Filter {
        categories: category.into_iter().collect(),
        ..Filter::default()
    };
    Ok(page(conn, &filter, Sort::NEWEST, None, limit)?.expenses)
}

/// What the home screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// The month shown (today's).
    pub month: Month,
    /// Its total and count.
    pub this_month: Sum,
    /// The month before's total and count.
    pub last_month: Sum,
    /// This month per category, largest first.
    pub by_category: Vec<MonthCategoryTotal>,
    /// The ten most recent expenses.
    pub recent: Vec<Expense>,
    /// How many expenses the ledger holds in all.
    pub expense_count: i64,
}

/// The home screen's figures for the month containing `today`: all from the maintained totals plus
/// one ten-row index read.
pub fn dashboard(conn: &Connection, today: Date) -> Result<Dashboard> {
    let month = today.month();
    let last_month = match month.previous() {
        Some(previous) => totals::of_month(conn, previous)?,
        None => Sum::default(),
    };
    Ok(Dashboard {
        month,
        this_month: totals::of_month(conn, month)?,
        last_month,
        by_category: totals::by_category(conn, month)?,
        recent: recent(conn, None, 10)?,
        expense_count: totals::overall(conn)?.count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{groceries, ledger};

    fn plan(conn: &Connection, filter: &Filter, sort: Sort) -> String {
        let after = Some(Cursor {
            key: 20_000,
            id: ExpenseId(500),
        });
        let (query, values) = page_query(filter, sort, after, 50);
        let steps: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .expect("prepared")
            .query_map(rusqlite::params_from_iter(values), |row| row.get(3))
            .expect("queried")
            .collect::<rusqlite::Result<_>>()
            .expect("read");
        steps.join(" | ")
    }

    #[test]
    fn pages_walk_an_index_from_the_cursor_and_never_sort_the_table() {
        let conn = ledger();
        let cat = groceries(&conn);
        let this_month = Filter {
            from: Some("2025-03-01".parse().expect("date")),
            to: Some("2025-03-31".parse().expect("date")),
            ..Filter::default()
        };
        let one_category = Filter {
            categories: vec![cat],
            ..Filter::default()
        };
        for (filter, sort, index) in [
            (&Filter::default(), Sort::NEWEST, "expense_by_day"),
            (&this_month, Sort::NEWEST, "expense_by_day"),
            (&one_category, Sort::NEWEST, "expense_by_category"),
            (
                &Filter::default(),
                Sort {
                    key: SortKey::Amount,
                    descending: false,
                },
                "expense_by_amount",
            ),
        ] {
            let plan = plan(&conn, filter, sort);
            assert!(plan.contains(index), "{filter:?} {sort:?}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "no sort step: {plan}");
        }
    }
}
