//! The value axis the monthly bars and the burn-up share: ticks from zero at a step of 1, 2 or 5
//! times a power of ten, labelled in the ledger's currency, with grid lines across the plot.

use coffer_ledger::Currency;
use plotters::backend::DrawingBackend;

use crate::ChartError;
use crate::canvas::{self, Align, Canvas, FONT, PAD};
use crate::money::tick_label;

/// The room one interval between ticks wants, CSS pixels.
const INTERVAL: f64 = 48.0;

/// The plot area of a chart with axes, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plot {
    /// The x of the value axis.
    pub left: f64,
    /// The y of the top of the value axis.
    pub top: f64,
    /// The x of the right end of the grid lines.
    pub right: f64,
    /// The y of zero.
    pub bottom: f64,
}

/// The value axis and plot area of a chart `canvas`'s size with a title line above the plot and a
/// line of labels below, for values from zero to `max`.
pub(crate) fn layout<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    max: i64,
    currency: Currency,
) -> Result<(ValueAxis, Plot), ChartError> {
    let top = PAD + FONT * 2.6;
    let bottom = canvas.height - PAD - FONT * 1.8;
    let axis = ValueAxis::new(max, bottom - top, currency)?;
    let plot = Plot {
        left: PAD + axis.label_width()? + 8.0,
        top,
        right: canvas.width - PAD,
        bottom,
    };
    Ok((axis, plot))
}

/// A y axis from zero to a round value at or above the largest one drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueAxis {
    /// The value at the top of the axis: a whole number of steps, at least one.
    pub top: i64,
    /// Each tick's value and label, from zero up.
    pub ticks: Vec<(i64, String)>,
}

impl ValueAxis {
    /// An axis `length` CSS pixels tall for values from zero to `max` (a negative `max` counts as
    /// zero); refuses a top beyond what `i64` holds.
    pub fn new(max: i64, length: f64, currency: Currency) -> Result<ValueAxis, ChartError> {
        let max = max.max(0);
        let intervals = ((length / INTERVAL).floor() as i64).clamp(2, 6);
        let step = nice_step(max, intervals);
        let top = ceil_div(max, step)
            .max(1)
            .checked_mul(step)
            .ok_or(ChartError::TooLarge)?;
        let ticks = (0..=top / step)
            .map(|i| (i * step, tick_label(i * step, step, currency)))
            .collect();
        Ok(ValueAxis { top, ticks })
    }

    /// The widest tick label, CSS pixels.
    pub fn label_width(&self) -> Result<f64, ChartError> {
        self.ticks.iter().try_fold(0.0_f64, |w, (_, label)| {
            Ok::<_, ChartError>(w.max(canvas::measure(label, FONT)?))
        })
    }

    /// The y of `value` on `plot`.
    pub fn y(&self, value: i64, plot: &Plot) -> f64 {
        plot.bottom - value as f64 / self.top as f64 * (plot.bottom - plot.top)
    }

    /// Draws a grid line across `plot` at each tick and its label right-aligned left of it.
    pub fn draw<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        plot: &Plot,
    ) -> Result<(), ChartError> {
        let palette = canvas.palette;
        for (value, label) in &self.ticks {
            let y = self.y(*value, plot);
            canvas.line(&[(plot.left, y), (plot.right, y)], palette.grid, 1.0)?;
            canvas.text(
                label,
                plot.left - 8.0,
                y + FONT * 0.36,
                FONT,
                palette.secondary,
                Align::Right,
            )?;
        }
        Ok(())
    }
}

/// `value / divisor` rounded up, for a non-negative `value` and a positive `divisor`.
fn ceil_div(value: i64, divisor: i64) -> i64 {
    value / divisor + i64::from(value % divisor != 0)
}

/// The tick step for an axis from 0 to at least `max` in about `intervals` steps: 1, 2 or 5 times
/// a power of ten, at least one minor unit.
fn nice_step(max: i64, intervals: i64) -> i64 {
    let raw = ceil_div(max, intervals).max(1);
    let mut magnitude: i64 = 1;
    while magnitude <= raw / 10 {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .filter_map(|m| magnitude.checked_mul(m))
        .find(|step| *step >= raw)
        .unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(1, 5), 1);
        assert_eq!(nice_step(7, 5), 2);
        assert_eq!(nice_step(100, 5), 20);
        assert_eq!(nice_step(101, 5), 50);
        assert_eq!(nice_step(1_000_000_000, 5), 200_000_000);
        assert_eq!(nice_step(123_456, 4), 50_000);
        assert_eq!(nice_step(i64::MAX, 2), 5_000_000_000_000_000_000);
        for max in [1, 9, 10, 99, 12_345, 99_999_999_999] {
            for intervals in 2..=6 {
                let step = nice_step(max, intervals);
                let ticks = ceil_div(max, step);
                assert!(ticks <= intervals && ticks >= 1, "{max} {intervals} {step}");
            }
        }
    }

    #[test]
    fn the_axis_reaches_the_largest_value_and_never_collapses() {
        let eur = Currency::EUR;
        // 300 px: about six intervals of 48 px; 1,234.56 / 6 = 205.76, so a step of 500.00 that
        // tops out at 1,500.00.
        let axis = ValueAxis::new(123_456, 300.0, eur).expect("fits");
        assert_eq!(axis.top, 150_000);
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["0", "500", "1,000", "1,500"]);
        // 100 px: two intervals, so a step of 1,000.00.
        let axis = ValueAxis::new(123_456, 100.0, eur).expect("fits");
        assert_eq!(axis.top, 200_000);

        // Nothing to show (or only a negative budget) still gives one step, not a zero height.
        for max in [0, -5_000] {
            let axis = ValueAxis::new(max, 300.0, eur).expect("fits");
            assert_eq!(axis.top, 1);
            assert_eq!(axis.ticks, [(0, "0.00".to_owned()), (1, "0.01".to_owned())]);
        }
        let axis = ValueAxis::new(0, 300.0, eur).expect("fits");
        let plot = Plot {
            left: 0.0,
            top: 10.0,
            right: 100.0,
            bottom: 110.0,
        };
        assert_eq!(axis.y(0, &plot), 110.0);
        assert_eq!(axis.y(1, &plot), 10.0);

        assert_eq!(
            ValueAxis::new(i64::MAX, 300.0, eur).err(),
            Some(ChartError::TooLarge)
        );
    }
}
