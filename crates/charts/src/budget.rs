//! The budget-vs-actual chart: one horizontal bar per category for a month, in the category's
//! colour up to its budget and in red beyond it, the budget marked, and the figures beside it.

use coffer_ledger::{Currency, Month};
use plotters::backend::DrawingBackend;

use crate::canvas::{self, Align, Canvas, Chart, FONT, Key, PAD};
use crate::money::{grouped, month_title};
use crate::style::{Rgb, clean_label};
use crate::{BudgetBar, ChartError};

/// What the chart says when there is nothing to show.
pub(crate) const EMPTY_MESSAGE: &str = "No budgets or spending this month";

/// The shortest a row gets, CSS pixels: below it, rows go to the "+ N more" line instead.
const MIN_ROW: f64 = 22.0;
/// The tallest a row gets, CSS pixels.
const MAX_ROW: f64 = 34.0;
/// The space between the name, the bar and the figures, CSS pixels.
const GAP: f64 = 10.0;

/// One category as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// The name, cleaned for drawing.
    pub label: String,
    /// The category's colour.
    pub color: Rgb,
    /// The budget, minor units, if any.
    pub limit: Option<i64>,
    /// What was spent, minor units.
    pub spent: i64,
    /// How much more than the budget was spent; `None` within it or without one.
    pub over: Option<i64>,
}

/// Rows ready to draw.
#[derive(Debug)]
pub(crate) struct BudgetChart {
    /// The categories in the caller's order; empty when there is nothing to show.
    pub rows: Vec<Row>,
    month: Month,
    currency: Currency,
}

impl BudgetChart {
    /// Cleans the labels and works out what is over budget; refuses negative spending and
    /// overspending beyond what `i64` holds.
    pub fn new(
        bars: &[BudgetBar],
        month: Month,
        currency: Currency,
    ) -> Result<BudgetChart, ChartError> {
        if let Some(negative) = bars.iter().find(|b| b.spent < 0) {
            return Err(ChartError::negative(&negative.label));
        }
        let mut rows = bars
            .iter()
            .map(|bar| {
                let over = match bar.limit {
                    Some(limit) if bar.spent > limit => {
                        Some(bar.spent.checked_sub(limit).ok_or(ChartError::TooLarge)?)
                    }
                    _ => None,
                };
                Ok(Row {
                    label: clean_label(&bar.label),
                    color: bar.color,
                    limit: bar.limit,
                    spent: bar.spent,
                    over,
                })
            })
            .collect::<Result<Vec<Row>, ChartError>>()?;
        if rows.iter().all(|r| r.spent == 0 && r.limit.is_none()) {
            rows.clear();
        }
        Ok(BudgetChart {
            rows,
            month,
            currency,
        })
    }
}

/// Of `count` rows in a list `room` CSS pixels tall, how many are drawn and how many are left to a
/// last "+ N more" line, which takes a row's place. Rows are at least [`MIN_ROW`] tall; at least
/// one line is drawn.
fn fit_rows(count: usize, room: f64) -> (usize, usize) {
    let capacity = ((room / MIN_ROW).floor() as usize).max(1);
    if count <= capacity {
        (count, 0)
    } else {
        (capacity - 1, count - (capacity - 1))
    }
}

/// The value at the right end of the bars: the most spent or budgeted in `rows`, at least one
/// minor unit.
fn scale_max(rows: &[Row]) -> i64 {
    rows.iter()
        .flat_map(|r| [r.spent, r.limit.unwrap_or(0)])
        .max()
        .unwrap_or(0)
        .max(1)
}

/// How much the figures beside a bar say, from most to least.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// `120.00 of 100.00 · over by 20.00`, `45.00 · no budget`.
    Full,
    /// `120.00 of 100.00`, `45.00`.
    Figures,
    /// `120.00`.
    Spent,
}

impl Row {
    /// The figures beside the bar: the main text and a remark drawn after it in its own colour
    /// (`· over by 20.00` or `· no budget`).
    fn figures(&self, detail: Detail, currency: Currency) -> (String, Option<String>) {
        let spent = grouped(self.spent, currency);
        let main = match (detail, self.limit) {
            (Detail::Spent, _) | (_, None) => spent,
            (_, Some(limit)) => format!("{spent} of {}", grouped(limit, currency)),
        };
        let remark = match (detail, self.limit, self.over) {
            (Detail::Full, None, _) => Some("· no budget".to_owned()),
            (Detail::Full, Some(_), Some(over)) => {
                Some(format!("· over by {}", grouped(over, currency)))
            }
            _ => None,
        };
        (main, remark)
    }
}

/// How a row's width is shared, CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Columns {
    /// The names' width.
    label: f64,
    /// How much the figures say.
    detail: Detail,
    /// The figures' width.
    figures: f64,
}

/// Shares `inner` CSS pixels (less the gaps) between the names, the bars and the figures. The bars
/// get at least 30% (and 60 px); the figures say as much as fits beside them and names of up to
/// 30%; the names get up to 30%, or when the figures are down to what was spent (a narrow chart)
/// all the bars leave. `figures` is the widest row's figures at each detail, most detailed first.
fn columns(inner: f64, widest_label: f64, figures: [(Detail, f64); 3]) -> Columns {
    let min_bar = (inner * 0.3).max(60.0);
    let room = |label: f64| (inner - label - 2.0 * GAP - min_bar).max(0.0);
    let figures_room = room(widest_label.min(inner * 0.3));
    let (detail, width) = figures
        .iter()
        .find(|(_, width)| *width <= figures_room)
        .or(figures.last())
        .copied()
        .unwrap_or((Detail::Spent, 0.0));
    let figures = width.min(figures_room);
    let label_room = if detail == Detail::Spent {
        room(0.0) - figures
    } else {
        inner * 0.3
    };
    Columns {
        label: widest_label.min(label_room).max(0.0),
        detail,
        figures,
    }
}

/// The space between a row's figures and its remark, CSS pixels at `size`.
fn remark_gap(size: f64) -> f64 {
    size * 0.35
}

/// The widest of `rows`' figures at `detail` and `size`, CSS pixels.
fn figures_width(
    rows: &[Row],
    detail: Detail,
    size: f64,
    currency: Currency,
) -> Result<f64, ChartError> {
    rows.iter().try_fold(0.0_f64, |widest, row| {
        let (main, remark) = row.figures(detail, currency);
        let mut width = canvas::measure(&main, size)?;
        if let Some(remark) = remark {
            width += remark_gap(size) + canvas::measure(&remark, size)?;
        }
        Ok(widest.max(width))
    })
}

impl Chart for BudgetChart {
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ChartError> {
        if self.rows.is_empty() {
            return canvas::draw_empty(canvas, EMPTY_MESSAGE);
        }
        let palette = canvas.palette;
        let (width, height) = (canvas.width, canvas.height);
        let title = month_title(self.month, self.currency);
        // The "Spent" key takes the first category's colour, as the bars have no colour of
        // their own.
        let spent_key = self.rows.first().map_or(palette.bar, |row| row.color);
        canvas::title_line(
            canvas,
            &[&title, self.currency.code()],
            &[
                (Key::Swatch(spent_key), "Spent".to_owned()),
                (Key::Tick(palette.text), "Budget".to_owned()),
                (Key::Swatch(palette.danger), "Over".to_owned()),
            ],
        )?;

        let top = PAD + FONT * 2.6;
        let room = height - PAD - top;
        let (shown, hidden) = fit_rows(self.rows.len(), room);
        let rows = &self.rows[..shown];
        let lines = shown + usize::from(hidden > 0);
        let row_height = (room / lines as f64).min(MAX_ROW);
        let size = if row_height >= 28.0 { 13.0 } else { FONT };

        let inner = width - 2.0 * PAD;
        let widest_label = rows.iter().try_fold(0.0_f64, |w, r| {
            Ok::<_, ChartError>(w.max(canvas::measure(&r.label, size)?))
        })?;
        let mut figures = [
            (Detail::Full, 0.0),
            (Detail::Figures, 0.0),
            (Detail::Spent, 0.0),
        ];
        for (detail, width) in &mut figures {
            *width = figures_width(rows, *detail, size, self.currency)?;
        }
        let Columns {
            label: label_width,
            detail,
            figures: figures_w,
        } = columns(inner, widest_label, figures);
        let bar_left = PAD + label_width + GAP;
        let bar_right = width - PAD - figures_w - GAP;
        let figures_x = bar_right + GAP;
        let scale = scale_max(rows);
        let x_of =
            |value: i64| bar_left + value.max(0) as f64 / scale as f64 * (bar_right - bar_left);
        let thickness = (row_height * 0.5).clamp(8.0, 16.0);

        for (i, row) in rows.iter().enumerate() {
            let center = top + row_height * (i as f64 + 0.5);
            let baseline = center + size * 0.36;
            let (bar_top, bar_bottom) = (center - thickness / 2.0, center + thickness / 2.0);
            let label = canvas::fit(&row.label, size, label_width)?;
            canvas.text(&label, PAD, baseline, size, palette.text, Align::Left)?;

            canvas.rect(bar_left, bar_top, bar_right, bar_bottom, palette.track)?;
            // A budget of zero or less is marked at zero: all of the spending is over it.
            let budget = row.limit.map(|limit| limit.max(0));
            let within = budget.map_or(row.spent, |budget| row.spent.min(budget));
            if within > 0 {
                canvas.rect(bar_left, bar_top, x_of(within), bar_bottom, row.color)?;
            }
            if row.over.is_some() {
                let from = x_of(budget.unwrap_or(0));
                canvas.rect(from, bar_top, x_of(row.spent), bar_bottom, palette.danger)?;
            }
            if let Some(budget) = budget {
                let x = x_of(budget);
                canvas.rect(
                    x - 1.25,
                    bar_top - 4.0,
                    x + 1.25,
                    bar_bottom + 4.0,
                    palette.text,
                )?;
            }

            let (main, remark) = row.figures(detail, self.currency);
            let main = canvas::fit(&main, size, figures_w)?;
            canvas.text(&main, figures_x, baseline, size, palette.text, Align::Left)?;
            if let Some(remark) = remark {
                let color = if row.over.is_some() {
                    palette.danger
                } else {
                    palette.secondary
                };
                let x = figures_x + canvas::measure(&main, size)? + remark_gap(size);
                canvas.text(&remark, x, baseline, size, color, Align::Left)?;
            }
        }
        if hidden > 0 {
            let center = top + row_height * (shown as f64 + 0.5);
            let more = canvas::fit(&format!("+ {hidden} more in the table"), size, inner)?;
            canvas.text(
                &more,
                PAD,
                center + size * 0.36,
                size,
                palette.secondary,
                Align::Left,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, limit: Option<i64>, spent: i64) -> BudgetBar {
        BudgetBar {
            label: label.to_owned(),
            color: Rgb::new(1, 2, 3),
            limit,
            spent,
        }
    }

    fn chart(bars: &[BudgetBar]) -> Result<BudgetChart, ChartError> {
        BudgetChart::new(bars, Month::new(2026, 11).expect("valid"), Currency::EUR)
    }

    #[test]
    fn rows_keep_their_order_and_know_what_is_over() {
        let rows = chart(&[
            bar("Rent", Some(100_000), 100_000),
            bar("Food\u{0}", Some(30_000), 36_000),
            bar("Gifts", None, 4_500),
            bar("Fun", Some(-2_000), 1_000),
            bar("Zero", Some(0), 0),
        ])
        .expect("valid")
        .rows;
        let summary: Vec<(&str, Option<i64>)> =
            rows.iter().map(|r| (r.label.as_str(), r.over)).collect();
        assert_eq!(
            summary,
            [
                ("Rent", None),
                ("Food", Some(6_000)),
                ("Gifts", None),
                ("Fun", Some(3_000)),
                ("Zero", None)
            ]
        );
    }

    #[test]
    fn figures_say_less_when_there_is_less_room() {
        let rows = chart(&[
            bar("Rent", Some(10_000), 8_000),
            bar("Food", Some(10_000), 12_000),
            bar("Gifts", None, 4_500),
        ])
        .expect("valid")
        .rows;
        let eur = Currency::EUR;
        let texts = |detail| -> Vec<(String, Option<String>)> {
            rows.iter().map(|r| r.figures(detail, eur)).collect()
        };
        let owned = |main: &str, remark: Option<&str>| (main.to_owned(), remark.map(str::to_owned));
        assert_eq!(
            texts(Detail::Full),
            [
                owned("80.00 of 100.00", None),
                owned("120.00 of 100.00", Some("· over by 20.00")),
                owned("45.00", Some("· no budget")),
            ]
        );
        assert_eq!(
            texts(Detail::Figures),
            [
                owned("80.00 of 100.00", None),
                owned("120.00 of 100.00", None),
                owned("45.00", None),
            ]
        );
        assert_eq!(
            texts(Detail::Spent),
            [
                owned("80.00", None),
                owned("120.00", None),
                owned("45.00", None)
            ]
        );
    }

    #[test]
    fn nothing_spent_and_no_budgets_is_empty_not_an_error() {
        assert!(chart(&[]).expect("ok").rows.is_empty());
        let unbudgeted = [bar("a", None, 0), bar("b", None, 0)];
        assert!(chart(&unbudgeted).expect("ok").rows.is_empty());
        // A budget, even of zero, is something to show.
        assert_eq!(chart(&[bar("a", Some(0), 0)]).expect("ok").rows.len(), 1);
    }

    #[test]
    fn negative_spending_and_overflowing_overspending_are_refused() {
        assert_eq!(
            chart(&[bar("ok", None, 1), bar("Re\u{1b}funds", Some(5), -1)]).err(),
            Some(ChartError::NegativeAmount {
                label: "Re funds".into()
            })
        );
        assert_eq!(
            chart(&[bar("a", Some(i64::MIN), 1)]).err(),
            Some(ChartError::TooLarge)
        );
        assert!(chart(&[bar("a", Some(-1), i64::MAX - 1)]).is_ok());
    }

    #[test]
    fn rows_that_do_not_fit_are_counted_on_a_last_line() {
        // 22 px rows: 100 px holds four lines.
        assert_eq!(fit_rows(3, 100.0), (3, 0));
        assert_eq!(fit_rows(4, 100.0), (4, 0));
        assert_eq!(fit_rows(5, 100.0), (3, 2), "three rows and '+ 2 more'");
        assert_eq!(fit_rows(40, 436.8), (18, 22));
        assert_eq!(fit_rows(0, 100.0), (0, 0));
        // Even with no room, something is said.
        assert_eq!(fit_rows(2, 5.0), (0, 2));
        assert_eq!(fit_rows(1, 5.0), (1, 0));
    }

    #[test]
    fn columns_give_the_bars_room_and_the_figures_as_much_detail_as_fits() {
        let figures = [
            (Detail::Full, 250.0),
            (Detail::Figures, 120.0),
            (Detail::Spent, 40.0),
        ];
        // Wide: everything fits; the bars get the rest (768 - 100 - 250 - 20 = 398).
        let wide = columns(768.0, 100.0, figures);
        assert_eq!(
            wide,
            Columns {
                label: 100.0,
                detail: Detail::Full,
                figures: 250.0
            }
        );
        // Long names are held to 30%, the bars get the rest.
        let long = columns(768.0, 600.0, figures);
        assert_eq!(long.detail, Detail::Full);
        assert!((long.label - 230.4).abs() < 1e-9, "{long:?}");
        // Narrow (208 px): the bars keep 62.4 px, names of up to 62.4 px leave 63.2 for the
        // figures, so only what was spent; the names then get 208 - 62.4 - 40 - 20 = 85.6.
        let narrow = columns(208.0, 70.0, figures);
        assert_eq!(narrow.detail, Detail::Spent);
        assert_eq!(narrow.figures, 40.0);
        assert_eq!(narrow.label, 70.0);
        let narrow = columns(208.0, 300.0, figures);
        assert!((narrow.label - 85.6).abs() < 1e-9, "{narrow:?}");
        // Figures too wide for any room are held to it (and shortened when drawn).
        let huge = columns(
            208.0,
            70.0,
            [
                (Detail::Full, 500.0),
                (Detail::Figures, 400.0),
                (Detail::Spent, 300.0),
            ],
        );
        assert_eq!(huge.detail, Detail::Spent);
        assert!((huge.figures - 63.2).abs() < 1e-9, "{huge:?}");
        assert!(huge.label + huge.figures + 2.0 * GAP + 62.4 <= 208.0 + 1e-9);
    }

    #[test]
    fn the_scale_reaches_the_most_spent_or_budgeted() {
        let rows = |bars: &[BudgetBar]| chart(bars).expect("valid").rows;
        assert_eq!(
            scale_max(&rows(&[bar("a", Some(100), 50), bar("b", None, 80)])),
            100
        );
        assert_eq!(
            scale_max(&rows(&[bar("a", Some(100), 150), bar("b", Some(-500), 80)])),
            150
        );
        assert_eq!(scale_max(&rows(&[bar("a", Some(0), 0)])), 1, "never zero");
        assert_eq!(scale_max(&rows(&[bar("a", Some(-9), 0)])), 1);
    }
}
