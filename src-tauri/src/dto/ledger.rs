//! Wire types of the expense, category and home screens. Amounts cross as integer minor units
//! (`number`; at most 99,999,999,999, far inside JavaScript's exact integers) and are entered as the
//! text the person typed, which Rust parses in the profile's currency. Dates cross as `YYYY-MM-DD`.

use coffer_ledger::query::{Cursor, Page, Sort, SortKey};
use coffer_ledger::totals::{MonthCategoryTotal, Sum};
use coffer_ledger::{Category, Currency, Expense, ExpenseId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A currency and its minor-unit digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyInfo {
    /// ISO 4217 code, e.g. `EUR`.
    pub code: String,
    /// Digits after the decimal mark: 0 for JPY, 2 for EUR, 3 for BHD.
    pub minor_units: u8,
}

impl From<Currency> for CurrencyInfo {
    fn from(c: Currency) -> Self {
        Self {
            code: c.code().to_owned(),
            minor_units: c.minor_units(),
        }
    }
}

/// A category and how much it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryView {
    /// Its id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// Number of expenses in it.
    #[ts(type = "number")]
    pub expense_count: i64,
    /// Their sum, minor units.
    #[ts(type = "number")]
    pub total: i64,
}

impl From<Category> for CategoryView {
    fn from(c: Category) -> Self {
        Self {
            id: c.id.0,
            name: c.name,
            color: c.color,
            expense_count: c.expense_count,
            total: c.total,
        }
    }
}

/// Every category, and the one the add form should preselect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryList {
    /// Sorted by name.
    pub categories: Vec<CategoryView>,
    /// The category of the expense recorded last, if any.
    #[ts(type = "number | null")]
    pub last_used: Option<i64>,
}

/// Create or change a category.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryInput {
    /// 1-40 characters.
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
}

/// Delete a category, moving its expenses to another.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteCategoryRequest {
    /// The category to delete.
    #[ts(type = "number")]
    pub id: i64,
    /// Where its expenses go; required when it has any.
    #[ts(type = "number | null")]
    pub move_to: Option<i64>,
}

/// An expense as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpenseView {
    /// Its id.
    #[ts(type = "number")]
    pub id: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Minor units, positive.
    #[ts(type = "number")]
    pub amount: i64,
    /// Its category.
    #[ts(type = "number")]
    pub category_id: i64,
    /// What it was.
    pub description: String,
    /// Free notes.
    pub notes: Option<String>,
    /// Card, cash, …
    pub payment_method: Option<String>,
    /// Unix seconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Unix seconds.
    #[ts(type = "number")]
    pub updated_at: i64,
}

impl From<Expense> for ExpenseView {
    fn from(e: Expense) -> Self {
        let f = &e.fields;
        Self {
            id: e.id.0,
            date: f.date().to_string(),
            amount: f.amount(),
            category_id: f.category().0,
            description: f.description().to_owned(),
            notes: f.notes().map(str::to_owned),
            payment_method: f.payment_method().map(str::to_owned),
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// The add/edit form, as typed.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpenseInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// As typed, e.g. `12.34` or `1.234,56`.
    pub amount: String,
    /// The chosen category.
    #[ts(type = "number")]
    pub category_id: i64,
    /// 1-200 characters.
    pub description: String,
    /// Up to 2000 characters.
    pub notes: String,
    /// Up to 40 characters.
    pub payment_method: String,
}

/// Change an expense.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateExpenseRequest {
    /// Which expense.
    #[ts(type = "number")]
    pub id: i64,
    /// Its new contents.
    pub input: ExpenseInput,
}

/// Which expenses to list; empty or missing fields do not filter.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ExpenseFilter {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Any of these category ids (empty: all).
    #[ts(type = "number[]")]
    pub categories: Vec<i64>,
    /// Smallest amount, as typed.
    pub min_amount: Option<String>,
    /// Largest amount, as typed.
    pub max_amount: Option<String>,
    /// Text the description or notes contain.
    pub text: Option<String>,
}

/// What to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Date, then insertion order.
    Date,
    /// Amount, then insertion order.
    Amount,
}

/// Where a page starts: the last row's sort value and id, as returned by the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageCursor {
    /// The last row's day number or amount.
    #[ts(type = "number")]
    pub key: i64,
    /// The last row's id.
    #[ts(type = "number")]
    pub id: i64,
}

/// One page of the expense list.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpensePageRequest {
    /// Which expenses.
    pub filter: ExpenseFilter,
    /// Sorted by what.
    pub sort: SortBy,
    /// Largest or newest first.
    pub descending: bool,
    /// Continue after this row (`null` for the first page).
    pub after: Option<PageCursor>,
    /// Rows per page, 1-500.
    pub limit: u32,
}

impl ExpensePageRequest {
    /// The ledger's sort.
    pub fn sort(&self) -> Sort {
        Sort {
            key: match self.sort {
                SortBy::Date => SortKey::Date,
                SortBy::Amount => SortKey::Amount,
            },
            descending: self.descending,
        }
    }

    /// The ledger's cursor.
    pub fn cursor(&self) -> Option<Cursor> {
        self.after.map(|c| Cursor {
            key: c.key,
            id: ExpenseId(c.id),
        })
    }
}

/// A page of expenses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpensePage {
    /// The rows.
    pub expenses: Vec<ExpenseView>,
    /// Where the next page starts; `null` on the last one.
    pub next: Option<PageCursor>,
}

impl From<Page> for ExpensePage {
    fn from(page: Page) -> Self {
        Self {
            expenses: page.expenses.into_iter().map(ExpenseView::from).collect(),
            next: page.next.map(|c| PageCursor {
                key: c.key,
                id: c.id.0,
            }),
        }
    }
}

/// A sum and count of expenses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Minor units.
    #[ts(type = "number")]
    pub total: i64,
    /// How many.
    #[ts(type = "number")]
    pub count: i64,
}

impl From<Sum> for Totals {
    fn from(s: Sum) -> Self {
        Self {
            total: s.total,
            count: s.count,
        }
    }
}

/// One category's share of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryTotal {
    /// The category.
    #[ts(type = "number")]
    pub category_id: i64,
    /// Minor units.
    #[ts(type = "number")]
    pub total: i64,
    /// How many expenses.
    #[ts(type = "number")]
    pub count: i64,
}

impl From<MonthCategoryTotal> for CategoryTotal {
    fn from(t: MonthCategoryTotal) -> Self {
        Self {
            category_id: t.category.0,
            total: t.total,
            count: t.count,
        }
    }
}

/// What the home screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeOverview {
    /// The unlocked profile's name.
    pub profile_name: String,
    /// The month shown, `YYYY-MM`.
    pub month: String,
    /// This month so far.
    pub this_month: Totals,
    /// The month before.
    pub last_month: Totals,
    /// This month per category, largest first.
    pub by_category: Vec<CategoryTotal>,
    /// The ten most recent expenses.
    pub recent: Vec<ExpenseView>,
    /// Expenses in the whole ledger (0: show the first-steps card).
    #[ts(type = "number")]
    pub expense_count: i64,
}
