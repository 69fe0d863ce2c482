//! Wire types of the budgets screen and of budget alerts. Amounts cross as integer minor units
//! (`number`) and are entered as the text the person typed; months cross as `YYYY-MM`, dates as
//! `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether a budget change is for the chosen month only or for it and every later month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BudgetSpan {
    /// Only the chosen month; the months around it keep their budget.
    ThisMonth,
    /// The chosen month and every later one, replacing later changes.
    FromThisMonthOn,
}

/// Where the chosen month lies relative to the person's today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MonthPhase {
    /// Over: its figures are final.
    Past,
    /// The month of today: days left and a forecast make sense.
    Current,
    /// Not started yet.
    Future,
}

/// The month-end projection of the current month at its pace so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// Spending by month end at the average daily pace so far, minor units.
    #[ts(type = "number")]
    pub projected: i64,
    /// The day that pace passes the budget (`YYYY-MM-DD`), when it does so later this month;
    /// `null` when it stays within, or is over already.
    pub over_on: Option<String>,
}

/// One budget line: the overall budget or a category's, in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    /// The category, or `null` for the overall budget.
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
    /// The category's name; `null` for the overall budget.
    pub name: Option<String>,
    /// The category's colour (`#rrggbb`); `null` for the overall budget.
    pub color: Option<String>,
    /// The budget set for this month, minor units; `null` when there is none.
    #[ts(type = "number | null")]
    pub amount: Option<i64>,
    /// What rolled over from the month before (negative: overspent), minor units; 0 without
    /// rollover.
    #[ts(type = "number")]
    pub carried: i64,
    /// What may be spent this month: `amount + carried` (may be ≤ 0 after overspending);
    /// `null` when there is no budget.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    /// Unspent or overspent amounts carry into the next month (categories only).
    pub rollover: bool,
    /// The amount is a change for this month only.
    pub this_month_only: bool,
    /// Spent in the month so far, minor units.
    #[ts(type = "number")]
    pub spent: i64,
    /// `limit - spent` (negative: over budget); `null` when there is no budget.
    #[ts(type = "number | null")]
    pub remaining: Option<i64>,
    /// `spent` as a whole percentage of `limit`, rounded down; `null` when there is no budget
    /// or the limit is not positive.
    pub percent: Option<u32>,
    /// The pace projection: current month with a budget only.
    pub forecast: Option<Forecast>,
}

/// The budgets screen for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetMonth {
    /// The month shown, `YYYY-MM`.
    pub month: String,
    /// The person's today, `YYYY-MM-DD`.
    pub today: String,
    /// Past, current or future month.
    pub phase: MonthPhase,
    /// 28 to 31.
    pub days_in_month: u32,
    /// Days left including today in the current month; 0 for a past month, all of them for a
    /// future one.
    pub days_left: u32,
    /// The overall budget (always present; `amount` is `null` when none is set).
    pub overall: BudgetLine,
    /// One line per category, sorted by name, with or without a budget.
    pub categories: Vec<BudgetLine>,
    /// The month before has at least one budget, so "copy last month" has something to copy.
    pub previous_has_budgets: bool,
}

/// Set, change or remove a budget.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetBudgetRequest {
    /// The category, or `null` for the overall budget.
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
    /// `YYYY-MM`.
    pub month: String,
    /// This month only, or from this month on.
    pub span: BudgetSpan,
    /// The amount as typed, in the profile's currency; `null` removes the budget for the span.
    pub amount: Option<String>,
    /// Carry unspent or overspent amounts into the next month (categories only; ignored for the
    /// overall budget).
    pub rollover: bool,
}

/// A profile's alert settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AlertSettings {
    /// Percentages of a budget that raise an alert when spending reaches them: 1 to 5 distinct
    /// values in 1..=200, sorted (default 80 and 100). Wider than needed on the wire, so that
    /// any number gets `invalid_threshold` rather than a deserialisation error.
    pub thresholds: Vec<u32>,
    /// Also show alerts as desktop notifications (the in-app toast is always shown).
    pub os_notifications: bool,
    /// Keep amounts out of desktop notifications (they may show on a lock screen).
    pub hide_amounts: bool,
}

/// One threshold of one budget reached in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetAlert {
    /// The category, or `null` for the overall budget.
    #[ts(type = "number | null")]
    pub category_id: Option<i64>,
    /// The category's name; `null` for the overall budget.
    pub name: Option<String>,
    /// `YYYY-MM`.
    pub month: String,
    /// The percentage reached.
    pub threshold: u16,
    /// Spent in the month, minor units.
    #[ts(type = "number")]
    pub spent: i64,
    /// The month's limit (budget plus rollover), minor units.
    #[ts(type = "number")]
    pub limit: i64,
    /// `spent` as a whole percentage of `limit`; `null` when the limit is not positive.
    pub percent: Option<u32>,
}

/// The payload of the `budget-alerts` event: thresholds newly reached by one change (or found
/// at unlock), each reported once ever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetAlerts {
    /// Newest first is not implied: ordered overall first, then by category name, then by
    /// threshold.
    pub alerts: Vec<BudgetAlert>,
    /// Found when the profile was unlocked (crossed while Coffer was closed).
    pub at_unlock: bool,
}
