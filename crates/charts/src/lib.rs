//! Coffer's charts: draws report charts from already-aggregated totals to PNG or SVG bytes.
//!
//! The crate never reads a database: callers pass sums (see `coffer_ledger::totals`) and get an image
//! back. Two charts exist so far:
//!
//! - [`spending_by_category`]: a donut of what was spent per category, with a legend of label, amount
//!   and share. At most [`MAX_LEGEND_ENTRIES`] entries are shown; when there are more categories, the
//!   largest ones keep their own slice and the rest share one grey "Other" slice.
//! - [`monthly_totals`]: one bar per month, a dashed line at the average and a y axis in the
//!   ledger's currency.
//!
//! Both draw a friendly "No spending in this period" chart, never an error or a blank image, when
//! there is nothing to show.
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

mod bars;
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
        /// The category or month (`YYYY-MM`) with the negative amount.
        label: String,
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
