//! Reading a whole profile the way the app does (migrate, integrity check, every expense page by page,
//! the totals, categories, imports and budgets), plus a raw dump of every table, so that two readings
//! can be compared line by line.

use coffer_ledger::query::{self, Cursor, Filter, Sort};
use coffer_ledger::{batch, budget, category, totals};
use coffer_vault::Session;
use coffer_vault::rusqlite::Connection;
use coffer_vault::rusqlite::types::ValueRef;

use crate::BASE_TIME;
use crate::workload::budget_month;

/// Why a reading was refused: the error's stable code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// `tampered_ledger`, `damaged_profile`, `wrong_password`…
    pub code: String,
    /// The message the person would see.
    pub message: String,
}

impl From<coffer_vault::Error> for Refused {
    fn from(err: coffer_vault::Error) -> Self {
        Refused {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

impl From<coffer_ledger::Error> for Refused {
    fn from(err: coffer_ledger::Error) -> Self {
        Refused {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

impl From<coffer_vault::rusqlite::Error> for Refused {
    fn from(err: coffer_vault::rusqlite::Error) -> Self {
        coffer_ledger::Error::from(err).into()
    }
}

/// Everything read from a profile, one line per fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump {
    /// The facts, in a fixed order.
    pub lines: Vec<String>,
    /// How many expenses were listed.
    pub expenses: usize,
}

impl Dump {
    /// Whether any expense line contains `text`.
    pub fn contains(&self, text: &str) -> bool {
        self.lines.iter().any(|line| line.contains(text))
    }

    /// A short description of the first difference from `other`.
    pub fn first_difference(&self, other: &Dump) -> String {
        let at = self
            .lines
            .iter()
            .zip(&other.lines)
            .position(|(a, b)| a != b)
            .unwrap_or(self.lines.len().min(other.lines.len()));
        format!(
            "line {at}: {:?} instead of {:?} ({} lines instead of {})",
            self.lines.get(at),
            other.lines.get(at),
            self.lines.len(),
            other.lines.len()
        )
    }
}

/// Reads the unlocked profile as the app would, then dumps every table; any refusal on the way is
/// returned with its code.
pub fn read_everything(session: &mut Session) -> Result<Dump, Refused> {
    coffer_ledger::migrate(session.connection_mut(), BASE_TIME)?;
    session.check_integrity()?;
    read_connection(session.connection())
}

/// [`read_everything`] without the migration and the integrity check, on any ledger connection.
pub fn read_connection(conn: &Connection) -> Result<Dump, Refused> {
    let mut lines = Vec::new();
    let overview = coffer_ledger::overview(conn)?;
    lines.push(format!(
        "overview {} {} {}",
        overview.schema_version,
        overview.created_at,
        coffer_ledger::currency(conn)?.code()
    ));
    let mut cursor: Option<Cursor> = None;
    let mut expenses = 0;
    loop {
        let page = query::page(conn, &Filter::default(), Sort::NEWEST, cursor, 500)?;
        for e in &page.expenses {
            let f = &e.fields;
            lines.push(format!(
                "expense {} {} {} {} {:?} {:?} {:?} {} {}",
                e.id.0,
                f.date(),
                f.amount(),
                f.category().0,
                f.description(),
                f.notes(),
                f.payment_method(),
                e.created_at,
                e.updated_at
            ));
            expenses += 1;
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    for t in totals::by_month_and_category(conn)? {
        lines.push(format!(
            "total {} {} {} {}",
            t.month, t.category.0, t.total, t.count
        ));
    }
    for c in category::list(conn)? {
        lines.push(format!(
            "category {} {:?} {} {} {}",
            c.id.0, c.name, c.color, c.expense_count, c.total
        ));
    }
    for b in batch::list(conn)? {
        lines.push(format!(
            "import {} {:?} {} {} {}",
            b.id.0, b.source, b.created_at, b.count, b.total
        ));
    }
    for line in budget::lines(
        conn,
        budget_month().map_err(|f| Refused {
            code: "harness".into(),
            message: f.0,
        })?,
    )? {
        lines.push(format!(
            "budget {:?} {:?} {} {}",
            line.scope, line.setting, line.carried, line.spent
        ));
    }
    lines.extend(raw_tables(conn)?);
    Ok(Dump { lines, expenses })
}

/// Every row of every table (rows sorted, so that a `VACUUM` renumbering hidden rowids does not
/// count as a difference), plus the schema and the header pragmas.
fn raw_tables(conn: &Connection) -> Result<Vec<String>, Refused> {
    let mut lines = Vec::new();
    let mut schema = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name")?;
    let objects: Vec<(String, String, Option<String>)> = schema
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (kind, name, sql) in &objects {
        lines.push(format!("schema {kind} {name} {sql:?}"));
    }
    for pragma in ["user_version", "application_id"] {
        let value: i64 = conn.query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0))?;
        lines.push(format!("pragma {pragma} {value}"));
    }
    for (kind, name, _) in &objects {
        if kind != "table" {
            continue;
        }
        let mut statement =
            conn.prepare(&format!("SELECT * FROM \"{}\"", name.replace('"', "\"\"")))?;
        let columns = statement.column_count();
        let mut rows = statement.query([])?;
        let mut table = Vec::new();
        while let Some(row) = rows.next()? {
            let mut cells = Vec::with_capacity(columns);
            for index in 0..columns {
                cells.push(match row.get_ref(index)? {
                    ValueRef::Null => "NULL".to_owned(),
                    ValueRef::Integer(i) => i.to_string(),
                    ValueRef::Real(r) => format!("{r:?}"),
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => format!("blob:{}", b.len()),
                });
            }
            table.push(format!("row {name} {}", cells.join("|")));
        }
        table.sort();
        lines.extend(table);
    }
    Ok(lines)
}
