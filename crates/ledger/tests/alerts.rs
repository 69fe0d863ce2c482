//! Property test of budget alerts: whatever sequence of adds, edits, deletes, budget changes and
//! threshold changes happens, evaluating after each step announces every (budget, month,
//! threshold) exactly once, at the first evaluation where spending has reached it, and never
//! again (not after dipping below and climbing back, not after a reopen).

use std::collections::{BTreeMap, BTreeSet};

use coffer_ledger::alert::{self, Settings, Thresholds};
use coffer_ledger::budget::{self, Change, Scope, Span};
use coffer_ledger::{CategoryId, Date, ExpenseFields, ExpenseId, Month, category, expense};
use proptest::prelude::*;
use rusqlite::Connection;

fn ledger(path: &std::path::Path) -> Connection {
    coffer_sqlite3mc_sys::link();
    let mut conn = Connection::open(path).expect("a database file opens");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("as in the app");
    coffer_ledger::migrate(&mut conn, 1).expect("migrates");
    conn
}

const MONTH: (i32, u32) = (2026, 11);

#[derive(Debug, Clone)]
enum Op {
    Add {
        day: u32,
        amount: i64,
        category: usize,
    },
    Edit {
        pick: usize,
        amount: i64,
    },
    Delete {
        pick: usize,
    },
    Budget {
        scope: usize,
        amount: Option<i64>,
    },
    Thresholds(Vec<u32>),
    Reopen,
}

/// Round amounts, so that spending often lands exactly on a threshold (the boundary case).
fn amount(max: i64) -> impl Strategy<Value = i64> {
    prop_oneof![(1..max / 100).prop_map(|a| a * 100), 1..max]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (1..=30u32, amount(4_000), 0..2usize)
            .prop_map(|(day, amount, category)| Op::Add { day, amount, category }),
        2 => (any::<usize>(), amount(4_000)).prop_map(|(pick, amount)| Op::Edit { pick, amount }),
        2 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        3 => (0..3usize, proptest::option::weighted(0.85, amount(20_000)))
            .prop_map(|(scope, amount)| Op::Budget { scope, amount }),
        1 => proptest::sample::subsequence(vec![25u32, 50, 80, 100, 150, 200], 1..=5)
            .prop_map(Op::Thresholds),
        1 => Just(Op::Reopen),
    ]
}

/// What the test believes the ledger holds.
#[derive(Default)]
struct Model {
    expenses: BTreeMap<i64, (usize, i64)>,
    budgets: BTreeMap<usize, i64>,
    thresholds: Vec<u32>,
    announced: BTreeSet<(usize, u32)>,
}

impl Model {
    fn spent(&self, scope: usize) -> i64 {
        self.expenses
            .values()
            .filter(|(category, _)| scope == 0 || *category + 1 == scope)
            .map(|(_, amount)| amount)
            .sum()
    }

    /// What the next evaluation must announce, by brute force over the model.
    fn due(&self) -> BTreeSet<(usize, u32)> {
        let mut due = BTreeSet::new();
        for (&scope, &limit) in &self.budgets {
            let spent = self.spent(scope);
            for &t in &self.thresholds {
                if spent * 100 >= i64::from(t) * limit && !self.announced.contains(&(scope, t)) {
                    due.insert((scope, t));
                }
            }
        }
        due
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn each_threshold_is_announced_once_exactly_when_reached(ops in proptest::collection::vec(op(), 1..60)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ledger.db");
        let mut conn = ledger(&path);
        let month = Month::new(MONTH.0, MONTH.1).expect("month");
        let categories: Vec<CategoryId> = category::list(&conn)
            .expect("listed")
            .into_iter()
            .take(2)
            .map(|c| c.id)
            .collect();
        let scopes = [
            Scope::Overall,
            Scope::Category(categories[0]),
            Scope::Category(categories[1]),
        ];
        let mut model = Model { thresholds: vec![80, 100], ..Model::default() };

        for op in ops {
            match op {
                Op::Add { day, amount, category } => {
                    let date = Date::from_ymd(MONTH.0, MONTH.1, day).expect("a November day");
                    let fields = ExpenseFields::new(date, amount, categories[category], "x", None, None)
                        .expect("valid");
                    let added = expense::add(&mut conn, &fields, 0).expect("added");
                    model.expenses.insert(added.id.0, (category, amount));
                }
                Op::Edit { pick, amount } => {
                    if model.expenses.is_empty() { continue; }
                    let (&id, &(category, _)) = model.expenses.iter().nth(pick % model.expenses.len()).expect("picked");
                    let date = Date::from_ymd(MONTH.0, MONTH.1, 15).expect("date");
                    let fields = ExpenseFields::new(date, amount, categories[category], "x", None, None)
                        .expect("valid");
                    expense::update(&mut conn, ExpenseId(id), &fields, 0).expect("updated");
                    model.expenses.insert(id, (category, amount));
                }
                Op::Delete { pick } => {
                    if model.expenses.is_empty() { continue; }
                    let id = *model.expenses.keys().nth(pick % model.expenses.len()).expect("picked");
                    expense::delete(&mut conn, ExpenseId(id)).expect("deleted");
                    model.expenses.remove(&id);
                }
                Op::Budget { scope, amount } => {
                    let change = Change {
                        scope: scopes[scope],
                        month,
                        span: Span::FromThisMonthOn,
                        amount,
                        rollover: false,
                    };
                    budget::set(&mut conn, &change).expect("budget set");
                    match amount {
                        Some(a) => model.budgets.insert(scope, a),
                        None => model.budgets.remove(&scope),
                    };
                }
                Op::Thresholds(values) => {
                    let settings = Settings {
                        thresholds: Thresholds::new(values.clone()).expect("valid"),
                        os_notifications: true,
                        hide_amounts: false,
                    };
                    alert::set_settings(&mut conn, &settings).expect("stored");
                    model.thresholds = values;
                }
                Op::Reopen => {
                    drop(conn);
                    conn = ledger(&path);
                }
            }

            let expected = model.due();
            let crossings = alert::evaluate(&mut conn, month, 0).expect("evaluated");
            let mut got = BTreeSet::new();
            for c in &crossings {
                let scope = scopes.iter().position(|s| *s == c.scope).expect("a known scope");
                prop_assert_eq!(c.spent, model.spent(scope), "spent of {:?}", c.scope);
                prop_assert_eq!(Some(&c.limit), model.budgets.get(&scope), "limit of {:?}", c.scope);
                prop_assert!(got.insert((scope, u32::from(c.threshold))), "announced twice in one evaluation");
            }
            prop_assert_eq!(&got, &expected);
            model.announced.extend(got);
            // Evaluating again with no change announces nothing.
            prop_assert!(alert::evaluate(&mut conn, month, 0).expect("evaluated").is_empty());
        }
    }
}
