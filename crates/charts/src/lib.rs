//! Coffer's charts: draws report charts from already-aggregated totals to PNG or SVG bytes.
//!
//! The crate never reads a database: callers pass sums (see `coffer_ledger::totals`) and get an image
//! back. Four charts exist:
//!
//! - [`spending_by_category`]: a donut of what was spent per category, with a legend of label, amount
//!   and share. At most [`MAX_LEGEND_ENTRIES`] entries are shown; when there are more categories, the
//!   largest ones keep their own slice and the rest share one grey "Other" slice.
//! - [`monthly_totals`]: one bar per month, a dashed line at the average and a y axis in the
//!   ledger's currency.
//! - [`budget_vs_actual`]: one horizontal bar per category for a month, in the category's colour up
//!   to its budget and in red beyond it, the budget marked, and beside each bar what was spent of
//!   what budget and by how much it is over. Rows that do not fit the height are counted in a last
//!   line ("+ 12 more in the table").
//! - [`burn_up`]: a month's spending added up day by day, against the month's budget; for the
//!   current month, a dashed line carries the pace forecast to the month's end and marks the day
//!   it passes the budget.
//!
//! Each draws a friendly chart, never an error or a blank image, when there is nothing to show: "No
//! spending in this period", or "No budgets or spending this month" for [`budget_vs_actual`].
//!
//! # Output
//!
//! [`Size`] is in CSS pixels. An [`ImageFormat::Svg`] image has exactly that size; an
//! [`ImageFormat::Png`] has twice as many pixels each way (and says so in its `pHYs` chunk, 144 dpi),
//! so it stays sharp on high-density screens when shown at the CSS size.
//!
//! # Text
//!
//! Text is drawn with DejaVu Sans, embedded in the crate (see `fonts/LICENSE-DejaVu.txt`), so a PNG
//! looks the same on every system and names such as "Café", "Łódź" or "Zürich" render. An SVG names
//! the same family, with fallbacks, in its `font-family`; the viewer draws it. Labels are written as
//! text nodes that the SVG writer escapes, and characters XML cannot hold (control characters) are
//! replaced first, so a category named `<script>` stays text.

mod axis;
mod bars;
mod budget;
mod burnup;
mod canvas;
mod donut;
mod money;
mod style;

use coffer_ledger::{Currency, Month};

pub use style::{Rgb, Theme};

/// How many entries the category legend shows at most (the last may be "Other").
pub const MAX_LEGEND_ENTRIES: usize = 8;

/// The smallest chart, in CSS pixels: anything smaller cannot hold a legend or an axis.
pub const MIN_SIZE: Size = Size {
    width: 240,
    height: 160,
};

/// The largest chart, in CSS pixels (a PNG of it has 4096 x 4096 pixels).
pub const MAX_SIZE: Size = Size {
    width: 2048,
    height: 2048,
};

/// The most months [`monthly_totals`] draws (twenty years).
pub const MAX_MONTHS: usize = 240;

/// One category's share of the spending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// The category's name, as the person wrote it.
    pub label: String,
    /// The category's colour.
    pub color: Rgb,
    /// What was spent, in minor units of the ledger's currency; never negative.
    pub amount: i64,
}

/// One row of the budget-vs-actual chart: a category's budget and spending in the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetBar {
    /// The category's name, as the person wrote it.
    pub label: String,
    /// The category's colour.
    pub color: Rgb,
    /// What may be spent in the month, minor units; may be ≤ 0 (rollover after overspending);
    /// `None` when the category has no budget (its spending is still drawn, with no marker).
    pub limit: Option<i64>,
    /// What was spent, minor units; never negative.
    pub spent: i64,
}

/// The pace forecast of the current month, as the budgets screen computes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forecast {
    /// Today's day of the month (1-based): actual spending is drawn up to it.
    pub today: u32,
    /// Spending by the last day of the month at the pace so far, minor units.
    pub projected: i64,
    /// The day of the month the pace passes the limit, when it does later this month.
    pub over_on: Option<u32>,
}

/// A month's spending by day against its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnUp {
    /// The month drawn.
    pub month: Month,
    /// Spending per day of the month (1..=days); days may be missing (nothing spent) or repeat (summed).
    pub daily: Vec<(u32, i64)>,
    /// The budget for the month, minor units (may be ≤ 0); `None` without a budget.
    pub limit: Option<i64>,
    /// For the current month: actuals up to `today`, then a dashed forecast line to month end.
    /// `None` for a closed month (actuals for every day, no forecast).
    pub forecast: Option<Forecast>,
}

/// A chart's size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// The image format a chart is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG at twice the CSS size.
    Png,
    /// SVG at the CSS size.
    Svg,
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    /// A colour is not `#rrggbb`.
    #[error("“{0}” is not a colour; use the form #rrggbb")]
    InvalidColor(String),
    /// The size is outside [`MIN_SIZE`]..=[`MAX_SIZE`].
    #[error(
        "a chart of {width} x {height} pixels cannot be drawn; it must be between {} x {} and {} x {}",
        MIN_SIZE.width, MIN_SIZE.height, MAX_SIZE.width, MAX_SIZE.height
    )]
    InvalidSize {
        /// The width asked for.
        width: u32,
        /// The height asked for.
        height: u32,
    },
    /// An amount is negative: charts show spending, which never is.
    #[error("the amount for “{label}” is negative; charts show spending, which never is")]
    NegativeAmount {
        /// The category, month (`YYYY-MM`) or day (`YYYY-MM-DD`) with the negative amount, or
        /// `YYYY-MM forecast` for a negative projection.
        label: String,
    },
    /// A day is not in the month drawn.
    #[error("day {day} is not in the month; it has days 1 to {days}")]
    InvalidDay {
        /// The day given.
        day: u32,
        /// How many days the month has.
        days: u32,
    },
    /// The amounts add up to more than can be counted.
    #[error("the amounts add up to more than a chart can show")]
    TooLarge,
    /// The months span more than [`MAX_MONTHS`].
    #[error("{months} months are too many for one chart; show at most {max}")]
    TooManyMonths {
        /// How many months the data spans, first to last.
        months: usize,
        /// [`MAX_MONTHS`].
        max: usize,
    },
    /// The drawing library failed.
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
    /// Writing the PNG failed.
    #[error("the chart could not be written as PNG: {0}")]
    Encode(String),
}

impl ChartError {
    /// The error for a negative amount of the category or month `label`, cleaned and cut short so
    /// the message stays readable.
    pub(crate) fn negative(label: &str) -> ChartError {
        ChartError::NegativeAmount {
            label: style::clean_label(label).chars().take(60).collect(),
        }
    }
}

/// Draws the spending per category as a donut with a legend (label, amount, share).
///
/// `slices` may come in any order; they are shown largest first, and slices of zero are left out.
/// When more than [`MAX_LEGEND_ENTRIES`] remain, all but the largest `MAX_LEGEND_ENTRIES - 1` are
/// shown as one grey "Other (n)" slice. With nothing to show, the chart says "No spending in this
/// period". Amounts are minor units of `currency` and are labelled like `1,234.56 EUR`.
pub fn spending_by_category(
    slices: &[Slice],
    currency: Currency,
    theme: Theme,
    size: Size,
    format: ImageFormat,
) -> Result<Vec<u8>, ChartError> {
    let chart = donut::Donut::new(slices, currency)?;
    canvas::render(&chart, theme, size, format)
}

/// Draws spending per month as bars, with a dashed line at the monthly average.
///
/// `months` may come in any order; a month given twice counts once with both amounts, and months
/// missing between the first and the last are drawn as empty bars (nothing was spent) and count
/// toward the average. Month labels read "Nov 2026", or "Nov 26" when bars are narrow. With nothing
/// to show, the chart says "No spending in this period".
pub fn monthly_totals(
    months: &[(Month, i64)],
    currency: Currency,
    theme: Theme,
    size: Size,
    format: ImageFormat,
) -> Result<Vec<u8>, ChartError> {
    let chart = bars::Bars::new(months, currency)?;
    canvas::render(&chart, theme, size, format)
}

/// Draws each category's spending in `month` against its budget, as horizontal bars.
///
/// Rows keep the order given, one per category: the name at the left (shortened with "…" when
/// long), a bar in the category's colour up to the budget and in red beyond it, a tick in the text
/// colour at the budget, and at the right what was spent of what budget (`120.00 of 100.00 · over
/// by 20.00`, or `45.00 · no budget`), with fewer figures when the chart is narrow. A budget of zero
/// or less is marked at zero, so all of its spending is over. Rows are at least 22 CSS pixels tall;
/// when not all fit, the last line says how many more the table has. With no rows, or nothing spent
/// and no budgets, the chart says "No budgets or spending this month". A negative `spent` is
/// refused.
pub fn budget_vs_actual(
    rows: &[BudgetBar],
    month: Month,
    currency: Currency,
    theme: Theme,
    size: Size,
    format: ImageFormat,
) -> Result<Vec<u8>, ChartError> {
    let chart = budget::BudgetChart::new(rows, month, currency)?;
    canvas::render(&chart, theme, size, format)
}

/// Draws a month's spending added up day by day against its budget (a burn-up).
///
/// The x axis runs from the start of the month to the end of its last day; the y axis is in
/// `currency`. The running total is a solid line over a shaded area, the budget a horizontal line
/// captioned "Budget 1,500.00" (one of zero or less is drawn at zero). With a [`Forecast`], the
/// running total stops at its `today` (spending dated later is checked but not drawn), a dashed
/// line goes on to the projected total at the month's end, and when `over_on` is set, a red dot
/// where it passes the budget is captioned "Over by the 26th". With nothing spent and no budget,
/// the chart says "No spending in this period". A day outside the month (in `daily`, or as
/// `today` or `over_on`) is refused with [`ChartError::InvalidDay`], a negative amount with
/// [`ChartError::NegativeAmount`] naming its date (`YYYY-MM-DD`), and a total beyond `i64` with
/// [`ChartError::TooLarge`].
pub fn burn_up(
    data: &BurnUp,
    currency: Currency,
    theme: Theme,
    size: Size,
    format: ImageFormat,
) -> Result<Vec<u8>, ChartError> {
    let chart = burnup::BurnUpChart::new(data, currency)?;
    canvas::render(&chart, theme, size, format)
}
