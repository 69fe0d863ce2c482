//! Wire types of the reports screen: which period and categories a report covers, the tables
//! behind its four charts, and the requests that draw, save and export them. Amounts are integer
//! minor units; months cross as `YYYY-MM`, dates as `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ExportFormat;

/// The span of time a report covers; presets are resolved against the person's today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ReportPeriod {
    /// The calendar month of today.
    ThisMonth,
    /// The calendar month before today's.
    LastMonth,
    /// Today's month and the two before it.
    Last3Months,
    /// Today's month and the eleven before it.
    Last12Months,
    /// January to December of today's year.
    ThisYear,
    /// Any range of days, both ends included.
    Custom {
        /// The first day (`YYYY-MM-DD`).
        from: String,
        /// The last day (`YYYY-MM-DD`), not before `from`.
        to: String,
    },
}

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportRequest {
    /// The period.
    pub period: ReportPeriod,
    /// Only these categories; empty for all.
    #[ts(type = "number[]")]
    pub category_ids: Vec<i64>,
    /// How many months the monthly chart shows, ending with the period's last month: 12 or 24.
    pub trend_months: u32,
}

/// One of the report's four charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChartKind {
    /// A donut of the period's spending per category.
    SpendingByCategory,
    /// Bars of spending per month, with the average.
    MonthlyTotals,
    /// Each category's spending against its budget, in the period's last month.
    BudgetVsActual,
    /// Cumulative spending by day against the overall budget, in the period's last month.
    BurnUp,
}

/// The colours a chart is drawn in: the theme the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChartTheme {
    /// Light background.
    Light,
    /// Dark background.
    Dark,
}

/// The image format of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChartFormat {
    /// PNG at twice the CSS size.
    Png,
    /// SVG at the CSS size.
    Svg,
}

/// Draw one chart of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChartRequest {
    /// What the report covers.
    pub report: ReportRequest,
    /// Which chart.
    pub chart: ChartKind,
    /// Light or dark.
    pub theme: ChartTheme,
    /// Width in CSS pixels (240-2048).
    pub width: u32,
    /// Height in CSS pixels (160-2048).
    pub height: u32,
    /// PNG or SVG.
    pub format: ChartFormat,
}

/// Save one chart of a report to a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveChartRequest {
    /// The chart, exactly as shown (same size and theme), in the format to save.
    pub chart: ChartRequest,
    /// Where to write (the save dialog's answer).
    pub path: String,
}

/// Export the table behind one chart to a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportReportTableRequest {
    /// What the report covers.
    pub report: ReportRequest,
    /// Which chart's table.
    pub chart: ChartKind,
    /// CSV or XLSX.
    pub format: ExportFormat,
    /// Where to write (the save dialog's answer).
    pub path: String,
}

/// One category's part of the period's spending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryShare {
    /// The category.
    #[ts(type = "number")]
    pub category_id: i64,
    /// Its name.
    pub name: String,
    /// Its colour (`#rrggbb`).
    pub color: String,
    /// Spent in the period, minor units.
    #[ts(type = "number")]
    pub amount: i64,
    /// How many expenses.
    #[ts(type = "number")]
    pub count: i64,
    /// Share of the report's total in hundredths of a percent (0-10000), rounded.
    pub share_bp: u32,
}

/// One month of the monthly chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthAmount {
    /// `YYYY-MM`.
    pub month: String,
    /// Spent in the month, minor units.
    #[ts(type = "number")]
    pub amount: i64,
    /// Share of the chart's total in hundredths of a percent (0-10000), rounded.
    pub share_bp: u32,
}

/// The monthly chart's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyTable {
    /// Every month shown, oldest first (months with nothing spent included).
    pub months: Vec<MonthAmount>,
    /// The mean over `months`, minor units, rounded.
    #[ts(type = "number")]
    pub average: i64,
    /// The sum over `months`, minor units.
    #[ts(type = "number")]
    pub total: i64,
}

/// One row of the budget-vs-actual chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetActual {
    /// The category.
    #[ts(type = "number")]
    pub category_id: i64,
    /// Its name.
    pub name: String,
    /// Its colour (`#rrggbb`).
    pub color: String,
    /// What may be spent in the month (with rollover), minor units; `null` without a budget.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    /// Spent in the month, minor units.
    #[ts(type = "number")]
    pub spent: i64,
    /// `limit - spent` (negative: over); `null` without a budget.
    #[ts(type = "number | null")]
    pub remaining: Option<i64>,
    /// `spent` as a whole percentage of a positive `limit`, rounded down.
    pub percent: Option<u32>,
}

/// The budget-vs-actual chart's table: categories with a budget, then those spent in without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetTable {
    /// The month (`YYYY-MM`): the period's last.
    pub month: String,
    /// The rows.
    pub rows: Vec<BudgetActual>,
}

/// One day of the burn-up chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySpending {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Spent that day, minor units.
    #[ts(type = "number")]
    pub spent: i64,
    /// Spent from the 1st to that day, minor units.
    #[ts(type = "number")]
    pub cumulative: i64,
}

/// The burn-up chart's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BurnUpTable {
    /// The month (`YYYY-MM`): the period's last.
    pub month: String,
    /// The budget line: the overall budget, or with a category filter the sum of the chosen
    /// categories' budgets when each has one; `null` otherwise.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    /// Every day of the month up to today (all of it for a past month; none for a future one).
    pub days: Vec<DaySpending>,
    /// Spending by month end at the pace so far: the current month only.
    #[ts(type = "number | null")]
    pub projected: Option<i64>,
    /// The day that pace passes the budget (`YYYY-MM-DD`), when it does later this month.
    pub over_on: Option<String>,
}

/// A report: the resolved period and the table behind each chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The period's first day (`YYYY-MM-DD`).
    pub from: String,
    /// The period's last day (`YYYY-MM-DD`).
    pub to: String,
    /// The period for people: "November 2026", "September – November 2026", "3 Sep 2026 – 14 Nov 2026".
    pub label: String,
    /// The period for file names: `2026-11`, `2026-09-to-2026-11`, `2026-09-03-to-2026-11-14`.
    pub file_stem: String,
    /// The ledger's currency code.
    pub currency: String,
    /// Spent in the period in the chosen categories, minor units.
    #[ts(type = "number")]
    pub total: i64,
    /// How many expenses that is.
    #[ts(type = "number")]
    pub count: i64,
    /// Spending per category, largest first (categories with nothing spent left out).
    pub by_category: Vec<CategoryShare>,
    /// Spending per month.
    pub monthly: MonthlyTable,
    /// Budgets against spending.
    pub budget: BudgetTable,
    /// The month's burn-up.
    pub burn_up: BurnUpTable,
}
