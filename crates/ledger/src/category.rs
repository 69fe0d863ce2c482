//! Categories: the default set, names unique per profile ignoring case, colours, and deletion that
//! moves a category's expenses to another one instead of losing them.

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use crate::error::{Error, Field, Result};

/// The categories every new ledger starts with, and their colours (readable as a badge background
/// with white text in both themes).
pub(crate) const DEFAULTS: &[(&str, &str)] = &[
    ("Groceries", "#15803d"),
    ("Rent", "#6d28d9"),
    ("Transport", "#0369a1"),
    ("Dining", "#c2410c"),
    ("Utilities", "#a16207"),
    ("Health", "#b91c1c"),
    ("Entertainment", "#be185d"),
    ("Shopping", "#7e22ce"),
    ("Travel", "#0f766e"),
    ("Education", "#1d4ed8"),
    ("Gifts", "#9d174d"),
    ("Other", "#475569"),
];

/// The longest category name, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// A category's id in its ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CategoryId(pub i64);

/// A category with how much it is used (all time, from the maintained totals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// Its name, as the person wrote it.
    pub name: String,
    /// Its colour, `#rrggbb` in lower case.
    pub color: String,
    /// How many expenses it has.
    pub expense_count: i64,
    /// The sum of their amounts, in minor units.
    pub total: i64,
}

/// The key that makes names unique regardless of case ("Café" and "CAFÉ" are the same name).
pub fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// A valid, trimmed category name.
fn valid_name(name: &str) -> Result<String> {
    let name = crate::expense::line(Field::CategoryName, "category name", name, MAX_NAME_CHARS)?;
    if name.is_empty() {
        return Err(Error::invalid(
            Field::CategoryName,
            "Give the category a name.",
        ));
    }
    Ok(name)
}

/// A valid colour, `#rrggbb`, lower-cased.
fn valid_color(color: &str) -> Result<String> {
    let color = color.trim();
    let hex = color.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(color.to_ascii_lowercase())
    } else {
        Err(Error::invalid(
            Field::Color,
            format!(
                "“{}” is not a colour; use the form #rrggbb.",
                color.chars().take(20).collect::<String>()
            ),
        ))
    }
}

/// Every category, sorted by name (ignoring case), with its usage.
pub fn list(conn: &Connection) -> Result<Vec<Category>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.name, c.color, coalesce(sum(t.count), 0), coalesce(sum(t.total), 0)
           FROM category AS c LEFT JOIN month_total AS t ON t.category_id = c.id
          GROUP BY c.id
          ORDER BY c.folded, c.id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Category {
            id: CategoryId(row.get(0)?),
            name: row.get(1)?,
            color: row.get(2)?,
            expense_count: row.get(3)?,
            total: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The category named `name` (ignoring case), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<CategoryId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM category WHERE folded = ?1",
            [fold(name.trim())],
            |row| row.get(0).map(CategoryId),
        )
        .optional()?)
}

/// The category of the expense recorded last, the add form's default.
pub fn last_used(conn: &Connection) -> Result<Option<CategoryId>> {
    Ok(conn
        .query_row(
            "SELECT category_id FROM expense ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0).map(CategoryId),
        )
        .optional()?)
}

/// Fails with [`Error::UnknownCategory`] unless `id` exists.
pub(crate) fn ensure_exists(conn: &Connection, id: CategoryId) -> Result<()> {
    let found = conn
        .prepare_cached("SELECT 1 FROM category WHERE id = ?1")?
        .exists([id.0])?;
    if found {
        Ok(())
    } else {
        Err(Error::UnknownCategory(id.0))
    }
}

/// Fails with [`Error::DuplicateCategory`] if a category other than `except` is called `name`.
fn ensure_unique(conn: &Connection, name: &str, except: Option<CategoryId>) -> Result<()> {
    match find_by_name(conn, name)? {
        Some(other) if Some(other) != except => Err(Error::DuplicateCategory(name.to_owned())),
        _ => Ok(()),
    }
}

/// Creates a category. `now` is Unix seconds.
pub fn create(conn: &mut Connection, name: &str, color: &str, now: i64) -> Result<CategoryId> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let id = insert(&tx, name, Some(color), now)?;
    tx.commit()?;
    Ok(id)
}

/// Validates and inserts a category inside the caller's transaction; without a colour it gets the
/// next one of the default palette.
pub(crate) fn insert(
    conn: &Connection,
    name: &str,
    color: Option<&str>,
    now: i64,
) -> Result<CategoryId> {
    let name = valid_name(name)?;
    let color = match color {
        Some(color) => valid_color(color)?,
        None => {
            let count: i64 =
                conn.query_row("SELECT count(*) FROM category", [], |row| row.get(0))?;
            let index = usize::try_from(count).unwrap_or(0) % DEFAULTS.len();
            DEFAULTS[index].1.to_owned()
        }
    };
    ensure_unique(conn, &name, None)?;
    conn.execute(
        "INSERT INTO category (name, folded, color, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, fold(&name), color, now],
    )?;
    Ok(CategoryId(conn.last_insert_rowid()))
}

/// Renames and recolours a category.
pub fn update(conn: &mut Connection, id: CategoryId, name: &str, color: &str) -> Result<()> {
    let name = valid_name(name)?;
    let color = valid_color(color)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    ensure_exists(&tx, id)?;
    ensure_unique(&tx, &name, Some(id))?;
    tx.execute(
        "UPDATE category SET name = ?2, folded = ?3, color = ?4 WHERE id = ?1",
        params![id.0, name, fold(&name), color],
    )?;
    tx.commit()?;
    Ok(())
}

/// Deletes a category. If it has expenses they move to `move_to` (their totals with them); without
/// `move_to` such a category is refused with [`Error::CategoryInUse`], so nothing is ever lost.
/// Returns how many expenses moved. `now` (Unix seconds) becomes the moved expenses' update time.
pub fn delete(
    conn: &mut Connection,
    id: CategoryId,
    move_to: Option<CategoryId>,
    now: i64,
) -> Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let name: String = tx
        .query_row("SELECT name FROM category WHERE id = ?1", [id.0], |row| {
            row.get(0)
        })
        .optional()?
        .ok_or(Error::UnknownCategory(id.0))?;
    let categories: i64 = tx.query_row("SELECT count(*) FROM category", [], |row| row.get(0))?;
    if categories <= 1 {
        return Err(Error::LastCategory);
    }
    let count: i64 = tx.query_row(
        "SELECT coalesce(sum(count), 0) FROM month_total WHERE category_id = ?1",
        [id.0],
        |row| row.get(0),
    )?;
    if count > 0 {
        let target = match move_to {
            Some(target) if target != id => target,
            Some(_) => {
                return Err(Error::invalid(
                    Field::Category,
                    "Choose a different category for the expenses to move to.",
                ));
            }
            None => return Err(Error::CategoryInUse { name, count }),
        };
        ensure_exists(&tx, target)?;
        tx.execute(
            "UPDATE expense SET category_id = ?2, updated_at = ?3 WHERE category_id = ?1",
            params![id.0, target.0, now],
        )?;
        tx.execute(
            "INSERT INTO month_total (month, category_id, total, count)
                  SELECT month, ?2, total, count FROM month_total WHERE category_id = ?1
             ON CONFLICT (month, category_id)
                  DO UPDATE SET total = total + excluded.total, count = count + excluded.count",
            params![id.0, target.0],
        )?;
        tx.execute("DELETE FROM month_total WHERE category_id = ?1", [id.0])?;
    }
    tx.execute("DELETE FROM category WHERE id = ?1", [id.0])?;
    tx.commit()?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ledger;

    fn names(conn: &Connection) -> Vec<String> {
        list(conn)
            .expect("listed")
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn a_new_ledger_has_the_default_categories_sorted_by_name() {
        let conn = ledger();
        let names = names(&conn);
        assert_eq!(names.len(), DEFAULTS.len());
        for expected in [
            "Groceries",
            "Rent",
            "Transport",
            "Dining",
            "Education",
            "Other",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected} is seeded");
        }
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
    }

    #[test]
    fn names_are_unique_ignoring_case_including_beyond_ascii() {
        let mut conn = ledger();
        let cafe = create(&mut conn, "  Café ", "#123456", 1).expect("created");
        let err = create(&mut conn, "CAFÉ", "#654321", 1).expect_err("same name");
        assert_eq!(err.code(), "duplicate_category");
        let err = create(&mut conn, "groceries", "#654321", 1).expect_err("a default");
        assert_eq!(err.code(), "duplicate_category");
        // Renaming to itself with a different case is fine; to another's name is not.
        update(&mut conn, cafe, "CAFÉ", "#ABCDEF").expect("same category");
        let cafe_row = list(&conn)
            .expect("listed")
            .into_iter()
            .find(|c| c.id == cafe)
            .expect("there");
        assert_eq!(cafe_row.name, "CAFÉ");
        assert_eq!(cafe_row.color, "#abcdef", "colours are stored lower-case");
        let err = update(&mut conn, cafe, "Rent", "#abcdef").expect_err("taken");
        assert_eq!(err.code(), "duplicate_category");
        assert_eq!(find_by_name(&conn, "café").expect("read"), Some(cafe));
    }

    #[test]
    fn bad_names_and_colours_are_refused_and_change_nothing() {
        let mut conn = ledger();
        let before = names(&conn);
        for (name, color, code) in [
            ("", "#123456", "invalid_category_name"),
            ("   ", "#123456", "invalid_category_name"),
            (&"x".repeat(41), "#123456", "invalid_category_name"),
            ("Two\nlines", "#123456", "invalid_category_name"),
            ("Fine", "red", "invalid_color"),
            ("Fine", "#12345", "invalid_color"),
            ("Fine", "#12345g", "invalid_color"),
            ("Fine", "<script>", "invalid_color"),
        ] {
            let err = create(&mut conn, name, color, 1).expect_err("refused");
            assert_eq!(err.code(), code, "{name:?} {color:?}");
        }
        assert_eq!(names(&conn), before);
        let err = update(&mut conn, CategoryId(9999), "Fine", "#123456").expect_err("unknown");
        assert_eq!(err.code(), "unknown_category");
    }

    #[test]
    fn markup_and_sql_in_names_are_stored_verbatim() {
        let mut conn = ledger();
        for name in [
            "<b>bold</b>",
            "Robert'); DROP TABLE category;--",
            "100% _fun_",
        ] {
            let id = create(&mut conn, name, "#123456", 1).expect("any text is a name");
            assert_eq!(find_by_name(&conn, name).expect("read"), Some(id));
        }
        assert!(
            names(&conn)
                .iter()
                .any(|n| n == "Robert'); DROP TABLE category;--")
        );
    }
}
