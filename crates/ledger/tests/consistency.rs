//! Property tests: whatever sequence of adds, edits, deletes, undos and category deletions happens, the
//! maintained totals equal a full recomputation, filtered totals equal a brute-force sum, and walking
//! every keyset page yields exactly the brute-force sorted list.

use coffer_ledger::query::{self, Cursor, Filter, Sort, SortKey};
use coffer_ledger::{CategoryId, Date, Expense, ExpenseFields, category, expense, totals};
use proptest::prelude::*;
use rusqlite::Connection;

fn ledger() -> Connection {
    coffer_sqlite3mc_sys::link();
    let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("as in the app");
    coffer_ledger::migrate(&mut conn, 1).expect("migrates");
    conn
}

/// 2024-01-01: the generated dates span about two years from here, across a leap day.
const BASE: i32 = 19_723;

fn date(offset: i32) -> Date {
    Date::from_day_number(BASE + offset).expect("in range")
}

#[derive(Debug, Clone)]
enum Op {
    Add {
        day: i32,
        amount: i64,
        category: usize,
    },
    Edit {
        pick: usize,
        day: i32,
        amount: i64,
        category: usize,
    },
    Delete {
        pick: usize,
    },
    Undo,
    DeleteCategory {
        pick: usize,
        move_to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..800i32, 1..100_000i64, 0..6usize)
            .prop_map(|(day, amount, category)| Op::Add { day, amount, category }),
        2 => (any::<usize>(), 0..800i32, 1..100_000i64, 0..6usize)
            .prop_map(|(pick, day, amount, category)| Op::Edit { pick, day, amount, category }),
        2 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        1 => Just(Op::Undo),
        1 => (any::<usize>(), any::<usize>())
            .prop_map(|(pick, move_to)| Op::DeleteCategory { pick, move_to }),
    ]
}

fn categories(conn: &Connection) -> Vec<CategoryId> {
    category::list(conn)
        .expect("listed")
        .into_iter()
        .map(|c| c.id)
        .collect()
}

fn ids(conn: &Connection) -> Vec<i64> {
    conn.prepare("SELECT id FROM expense ORDER BY id")
        .expect("prepared")
        .query_map([], |row| row.get(0))
        .expect("queried")
        .collect::<Result<_, _>>()
        .expect("read")
}

fn fields(day: i32, amount: i64, category: CategoryId) -> ExpenseFields {
    ExpenseFields::new(date(day), amount, category, "generated", None, None).expect("valid")
}

/// Runs `ops`; each refers to existing rows and categories by position, modulo their count.
fn run(conn: &mut Connection, ops: &[Op]) {
    let mut deleted: Vec<Expense> = Vec::new();
    for (step, op) in ops.iter().enumerate() {
        let now = 1_000 + step as i64;
        let cats = categories(conn);
        let rows = ids(conn);
        match *op {
            Op::Add {
                day,
                amount,
                category,
            } => {
                expense::add(conn, &fields(day, amount, cats[category % cats.len()]), now)
                    .expect("added");
            }
            Op::Edit {
                pick,
                day,
                amount,
                category,
            } if !rows.is_empty() => {
                let id = coffer_ledger::ExpenseId(rows[pick % rows.len()]);
                let f = fields(day, amount, cats[category % cats.len()]);
                expense::update(conn, id, &f, now).expect("edited");
            }
            Op::Delete { pick } if !rows.is_empty() => {
                let id = coffer_ledger::ExpenseId(rows[pick % rows.len()]);
                deleted.push(expense::delete(conn, id).expect("deleted"));
            }
            Op::Undo => {
                if let Some(expense) = deleted.pop() {
                    // Its category may have gone meanwhile: then undo is refused, and changes nothing.
                    match expense::restore(conn, &expense) {
                        Ok(()) => {}
                        Err(err) => assert_eq!(err.code(), "unknown_category", "{err}"),
                    }
                }
            }
            Op::DeleteCategory { pick, move_to } if cats.len() > 1 => {
                let victim = cats[pick % cats.len()];
                let others: Vec<_> = cats.iter().copied().filter(|c| *c != victim).collect();
                let target = others[move_to % others.len()];
                category::delete(conn, victim, Some(target), now).expect("deleted, expenses moved");
            }
            _ => {}
        }
    }
}

type Cell = (i64, i64, i64, i64);

fn maintained(conn: &Connection) -> Vec<Cell> {
    totals::by_month_and_category(conn)
        .expect("read")
        .into_iter()
        .map(|t| (t.month.key().into(), t.category.0, t.total, t.count))
        .collect()
}

/// The month x category totals computed from scratch.
fn recomputed(conn: &Connection) -> Vec<Cell> {
    let mut cells = std::collections::BTreeMap::<(i64, i64), (i64, i64)>::new();
    for e in all(conn) {
        let key = (e.fields.date().month().key().into(), e.fields.category().0);
        let cell = cells.entry(key).or_default();
        cell.0 += e.fields.amount();
        cell.1 += 1;
    }
    cells
        .into_iter()
        .map(|((m, c), (t, n))| (m, c, t, n))
        .collect()
}

fn all(conn: &Connection) -> Vec<Expense> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = query::page(conn, &Filter::default(), Sort::NEWEST, after, 500).expect("page");
        out.extend(page.expenses);
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
}

fn matches(filter: &Filter, e: &Expense) -> bool {
    let f = &e.fields;
    filter.from.is_none_or(|d| f.date() >= d)
        && filter.to.is_none_or(|d| f.date() <= d)
        && (filter.categories.is_empty() || filter.categories.contains(&f.category()))
        && filter.min_amount.is_none_or(|m| f.amount() >= m)
        && filter.max_amount.is_none_or(|m| f.amount() <= m)
        && filter.text.as_deref().is_none_or(|t| {
            let t = t.to_lowercase();
            f.description().to_lowercase().contains(&t)
                || f.notes().is_some_and(|n| n.to_lowercase().contains(&t))
        })
}

fn sort_key(sort: Sort, e: &Expense) -> (i64, i64) {
    let key = match sort.key {
        SortKey::Date => e.fields.date().day_number().into(),
        SortKey::Amount => e.fields.amount(),
    };
    (key, e.id.0)
}

#[derive(Debug, Clone)]
struct FilterSpec {
    from: Option<i32>,
    len: Option<i32>,
    categories: Vec<usize>,
    min: Option<i64>,
    span: Option<i64>,
    text: Option<&'static str>,
}

fn filter_spec() -> impl Strategy<Value = FilterSpec> {
    (
        proptest::option::of(-40..820i32),
        proptest::option::of(0..500i32),
        proptest::collection::vec(0..8usize, 0..3),
        proptest::option::of(1..60_000i64),
        proptest::option::of(0..60_000i64),
        proptest::option::of(prop_oneof![
            Just("gen"),
            Just("ATED"),
            Just("nope"),
            Just("%")
        ]),
    )
        .prop_map(|(from, len, categories, min, span, text)| FilterSpec {
            from,
            len,
            categories,
            min,
            span,
            text,
        })
}

fn build(spec: &FilterSpec, cats: &[CategoryId]) -> Filter {
    Filter {
        from: spec.from.map(date),
        to: spec.len.map(|len| date(spec.from.unwrap_or(0) + len)),
        categories: spec
            .categories
            .iter()
            .map(|i| cats[i % cats.len()])
            .collect(),
        min_amount: spec.min,
        max_amount: spec.min.zip(spec.span).map(|(m, s)| m + s),
        text: spec.text.map(str::to_owned),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn maintained_totals_always_equal_a_recomputation(ops in proptest::collection::vec(op(), 1..120)) {
        let mut conn = ledger();
        run(&mut conn, &ops);
        prop_assert_eq!(maintained(&conn), recomputed(&conn));
    }

    #[test]
    fn filtered_totals_equal_a_brute_force_sum(
        ops in proptest::collection::vec(op(), 1..120),
        specs in proptest::collection::vec(filter_spec(), 1..6),
    ) {
        let mut conn = ledger();
        run(&mut conn, &ops);
        let cats = categories(&conn);
        let everything = all(&conn);
        for spec in &specs {
            let filter = build(spec, &cats);
            let expected = everything.iter().filter(|e| matches(&filter, e)).fold(
                totals::Sum::default(),
                |sum, e| totals::Sum { total: sum.total + e.fields.amount(), count: sum.count + 1 },
            );
            prop_assert_eq!(query::totals(&conn, &filter).expect("totals"), expected, "{:?}", filter);
        }
    }

    #[test]
    fn walking_keyset_pages_yields_the_sorted_filtered_list(
        ops in proptest::collection::vec(op(), 1..150),
        spec in filter_spec(),
        by_amount in any::<bool>(),
        descending in any::<bool>(),
        page_size in 1..9usize,
    ) {
        let mut conn = ledger();
        run(&mut conn, &ops);
        let filter = build(&spec, &categories(&conn));
        let sort = Sort { key: if by_amount { SortKey::Amount } else { SortKey::Date }, descending };
        let mut expected: Vec<Expense> = all(&conn).into_iter().filter(|e| matches(&filter, e)).collect();
        expected.sort_by_key(|e| sort_key(sort, e));
        if descending {
            expected.reverse();
        }
        let mut walked = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            let page = query::page(&conn, &filter, sort, after, page_size).expect("page");
            prop_assert!(page.expenses.len() <= page_size);
            walked.extend(page.expenses);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        prop_assert_eq!(walked, expected);
    }
}

#[test]
fn deleting_a_used_category_needs_a_destination_and_moves_totals_with_the_expenses() {
    let mut conn = ledger();
    let groceries = category::find_by_name(&conn, "groceries")
        .expect("read")
        .expect("seeded");
    let dining = category::find_by_name(&conn, "Dining")
        .expect("read")
        .expect("seeded");
    for (day, cat) in [(0, groceries), (1, groceries), (40, groceries), (1, dining)] {
        expense::add(&mut conn, &fields(day, 100, cat), 5).expect("added");
    }
    let err = category::delete(&mut conn, groceries, None, 6).expect_err("in use");
    assert_eq!(err.code(), "category_in_use");
    assert!(err.to_string().contains("3 expense"), "{err}");
    let err = category::delete(&mut conn, groceries, Some(groceries), 6).expect_err("itself");
    assert_eq!(err.code(), "invalid_category");
    assert_eq!(maintained(&conn), recomputed(&conn), "nothing changed");

    let moved = category::delete(&mut conn, groceries, Some(dining), 6).expect("moved");
    assert_eq!(moved, 3);
    assert_eq!(maintained(&conn), recomputed(&conn));
    let dining_row = category::list(&conn)
        .expect("listed")
        .into_iter()
        .find(|c| c.id == dining)
        .expect("there");
    assert_eq!((dining_row.expense_count, dining_row.total), (4, 400));
    assert!(!categories(&conn).contains(&groceries));

    // An unused category goes without asking; the last one never does.
    let cats = categories(&conn);
    for id in &cats[..cats.len() - 1] {
        let target = *cats.last().expect("one left");
        category::delete(&mut conn, *id, Some(target), 7).expect("deleted");
    }
    let last = categories(&conn)[0];
    assert_eq!(
        category::delete(&mut conn, last, None, 8)
            .expect_err("last")
            .code(),
        "last_category"
    );
    assert_eq!(
        totals::overall(&conn).expect("read").count,
        4,
        "no expense was lost"
    );
}

#[test]
fn search_treats_like_wildcards_and_markup_literally() {
    let mut conn = ledger();
    let cat = categories(&conn)[0];
    for description in [
        "100% juice",
        "1000 juice",
        "under_score",
        "underXscore",
        "<b>x</b>",
    ] {
        let f = ExpenseFields::new(date(0), 1, cat, description, None, None).expect("valid");
        expense::add(&mut conn, &f, 1).expect("added");
    }
    let found = |text: &str| -> Vec<String> {
        let filter = Filter {
            text: Some(text.to_owned()),
            ..Filter::default()
        };
        let mut names: Vec<String> = query::page(&conn, &filter, Sort::NEWEST, None, 50)
            .expect("page")
            .expenses
            .into_iter()
            .map(|e| e.fields.description().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(found("0%"), ["100% juice"]);
    assert_eq!(found("r_s"), ["under_score"]);
    assert_eq!(found("<B>"), ["<b>x</b>"], "ASCII case is ignored");
    assert_eq!(found("'; --"), Vec::<String>::new());
}
