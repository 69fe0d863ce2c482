//! The monthly-totals bar chart: one bar per month from the first to the last, a dashed line at the
//! average and a y axis in the ledger's currency.

use std::collections::BTreeMap;

use coffer_ledger::{Currency, Month};
use plotters::backend::DrawingBackend;

use crate::axis;
use crate::canvas::{self, Align, Canvas, Chart, FONT, Key};
use crate::money::{format_money, month_label};
use crate::{ChartError, MAX_MONTHS};

/// Months ready to draw.
#[derive(Debug)]
pub(crate) struct Bars {
    /// Every month from the first to the last, in order; empty when nothing was spent.
    pub months: Vec<(Month, i64)>,
    /// The mean over `months`, rounded to the nearest minor unit.
    pub average: i64,
    currency: Currency,
}

impl Bars {
    /// Sums, orders and fills in `months`; refuses negative amounts, overflowing sums and spans
    /// longer than [`MAX_MONTHS`].
    pub fn new(months: &[(Month, i64)], currency: Currency) -> Result<Bars, ChartError> {
        let mut sums: BTreeMap<Month, i64> = BTreeMap::new();
        for (month, amount) in months {
            if *amount < 0 {
                return Err(ChartError::NegativeAmount {
                    label: month.to_string(),
                });
            }
            let sum = sums.entry(*month).or_default();
            *sum = sum.checked_add(*amount).ok_or(ChartError::TooLarge)?;
        }
        let empty = Bars {
            months: Vec::new(),
            average: 0,
            currency,
        };
        let (Some((&first, _)), Some((&last, _))) = (sums.first_key_value(), sums.last_key_value())
        else {
            return Ok(empty);
        };
        let span = usize::try_from(last.key() - first.key()).unwrap_or(usize::MAX) + 1;
        if span > MAX_MONTHS {
            return Err(ChartError::TooManyMonths {
                months: span,
                max: MAX_MONTHS,
            });
        }
        let filled: Vec<(Month, i64)> =
            std::iter::successors(Some(first), |m| m.next().filter(|n| *n <= last))
                .map(|m| (m, sums.get(&m).copied().unwrap_or(0)))
                .collect();
        let total = filled
            .iter()
            .try_fold(0_i64, |sum, (_, amount)| sum.checked_add(*amount))
            .ok_or(ChartError::TooLarge)?;
        if total == 0 {
            return Ok(empty);
        }
        let n = filled.len() as i64;
        Ok(Bars {
            average: (total + n / 2) / n,
            months: filled,
            currency,
        })
    }
}

impl Chart for Bars {
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ChartError> {
        if self.months.is_empty() {
            return canvas::draw_empty(canvas, canvas::EMPTY_MESSAGE);
        }
        let palette = canvas.palette;
        // The y axis: ticks at a nice step, labels grouped, the currency in the title line.
        let max = self.months.iter().map(|(_, a)| *a).max().unwrap_or(0);
        let (axis, plot) = axis::layout(canvas, max, self.currency)?;
        let (plot_left, plot_bottom) = (plot.left, plot.bottom);
        let plot_width = plot.right - plot.left;
        let y_of = |value: i64| axis.y(value, &plot);
        axis.draw(canvas, &plot)?;

        // The bars, and under them the month names: long if they fit, else short, else every
        // k-th one.
        let n = self.months.len();
        let slot = plot_width / n as f64;
        let bar_width = (slot * 0.7).min(56.0);
        let widest = |long: bool| {
            self.months.iter().try_fold(0.0_f64, |w, (m, _)| {
                Ok::<_, ChartError>(w.max(canvas::measure(&month_label(*m, long), FONT)?))
            })
        };
        let long = widest(true)? + 8.0 <= slot;
        let label_width = if long { widest(true)? } else { widest(false)? };
        let every = ((label_width + 8.0) / slot).ceil().max(1.0) as usize;
        for (i, (month, amount)) in self.months.iter().enumerate() {
            let center = plot_left + slot * (i as f64 + 0.5);
            if *amount > 0 {
                canvas.rect(
                    center - bar_width / 2.0,
                    y_of(*amount),
                    center + bar_width / 2.0,
                    plot_bottom,
                    palette.bar,
                )?;
            }
            if i % every == 0 {
                canvas.text(
                    &month_label(*month, long),
                    center,
                    plot_bottom + FONT * 1.5,
                    FONT,
                    palette.secondary,
                    Align::Center,
                )?;
            }
        }

        // The average: a dashed line across, explained at the top right.
        let y = y_of(self.average);
        canvas.dashed_line((plot.left, y), (plot.right, y), palette.average, 1.5, 5.0)?;
        let caption = format!("Average {}", format_money(self.average, self.currency));
        canvas::title_line(
            canvas,
            &[self.currency.code()],
            &[(Key::Dashed(palette.average), caption)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        text.parse().expect("valid month")
    }

    #[test]
    fn months_are_summed_ordered_and_gaps_filled_with_nothing() {
        let bars = Bars::new(
            &[
                (month("2026-03"), 300),
                (month("2025-12"), 100),
                (month("2026-03"), 50),
            ],
            Currency::EUR,
        )
        .expect("valid");
        assert_eq!(
            bars.months,
            [
                (month("2025-12"), 100),
                (month("2026-01"), 0),
                (month("2026-02"), 0),
                (month("2026-03"), 350),
            ]
        );
        assert_eq!(bars.average, 113, "450 / 4 = 112.5, rounded");
    }

    #[test]
    fn nothing_spent_is_empty_not_an_error() {
        assert!(Bars::new(&[], Currency::EUR).expect("ok").months.is_empty());
        let zeros = [(month("2026-01"), 0), (month("2026-05"), 0)];
        assert!(
            Bars::new(&zeros, Currency::EUR)
                .expect("ok")
                .months
                .is_empty()
        );
    }

    #[test]
    fn bad_input_is_refused_with_the_reason() {
        assert_eq!(
            Bars::new(&[(month("2026-01"), -5)], Currency::EUR).err(),
            Some(ChartError::NegativeAmount {
                label: "2026-01".into()
            })
        );
        assert_eq!(
            Bars::new(
                &[(month("2026-01"), i64::MAX), (month("2026-01"), 1)],
                Currency::EUR
            )
            .err(),
            Some(ChartError::TooLarge)
        );
        assert_eq!(
            Bars::new(
                &[(month("2026-01"), i64::MAX), (month("2026-02"), 1)],
                Currency::EUR
            )
            .err(),
            Some(ChartError::TooLarge)
        );
        let twenty_years = [(month("2006-01"), 1), (month("2025-12"), 1)];
        assert!(Bars::new(&twenty_years, Currency::EUR).is_ok());
        assert_eq!(
            Bars::new(
                &[(month("2006-01"), 1), (month("2026-01"), 1)],
                Currency::EUR
            )
            .err(),
            Some(ChartError::TooManyMonths {
                months: 241,
                max: MAX_MONTHS
            })
        );
    }
}
