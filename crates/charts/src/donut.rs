//! The spending-by-category donut: slices largest first, the small ones grouped as "Other", and a
//! legend with each category's amount and share.

use std::cmp::Reverse;
use std::f64::consts::{FRAC_PI_2, TAU};

use coffer_ledger::Currency;
use plotters::backend::DrawingBackend;

use crate::canvas::{self, Align, Canvas, Chart, PAD};
use crate::money::{format_money, grouped, percent};
use crate::style::{Rgb, clean_label};
use crate::{ChartError, MAX_LEGEND_ENTRIES, Slice};

/// The tallest a legend row gets, CSS pixels.
const MAX_ROW_HEIGHT: f64 = 26.0;

/// One slice as drawn: a category, or "Other" (no colour of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub label: String,
    pub color: Option<Rgb>,
    pub amount: i64,
}

/// A donut ready to draw.
#[derive(Debug)]
pub(crate) struct Donut {
    pub entries: Vec<Entry>,
    pub total: i64,
    currency: Currency,
}

impl Donut {
    /// Sorts and groups `slices`; refuses negative amounts and totals that overflow.
    pub fn new(slices: &[Slice], currency: Currency) -> Result<Donut, ChartError> {
        if let Some(negative) = slices.iter().find(|s| s.amount < 0) {
            return Err(ChartError::negative(&negative.label));
        }
        let mut entries: Vec<Entry> = slices
            .iter()
            .filter(|s| s.amount > 0)
            .map(|s| Entry {
                label: clean_label(&s.label),
                color: Some(s.color),
                amount: s.amount,
            })
            .collect();
        // Stable: equal amounts keep the caller's order.
        entries.sort_by_key(|e| Reverse(e.amount));
        let total = entries
            .iter()
            .try_fold(0_i64, |sum, e| sum.checked_add(e.amount))
            .ok_or(ChartError::TooLarge)?;
        if entries.len() > MAX_LEGEND_ENTRIES {
            let rest = entries.split_off(MAX_LEGEND_ENTRIES - 1);
            entries.push(Entry {
                label: format!("Other ({})", rest.len()),
                color: None,
                // Part of `total`, so it cannot overflow.
                amount: rest.iter().map(|e| e.amount).sum(),
            });
        }
        Ok(Donut {
            entries,
            total,
            currency,
        })
    }
}

/// Where the ring and the legend go.
struct Layout {
    center: (f64, f64),
    outer: f64,
    /// The legend's box: left, top, right, bottom.
    legend: (f64, f64, f64, f64),
}

impl Layout {
    /// Side by side when the chart is wider than tall, else the ring above the legend, the two
    /// centred together.
    fn new(width: f64, height: f64, rows: usize) -> Layout {
        if width >= height {
            let diameter = (height - 2.0 * PAD).min((width - 2.0 * PAD) * 0.42);
            Layout {
                center: (PAD + diameter / 2.0, height / 2.0),
                outer: diameter / 2.0,
                legend: (PAD + diameter + 24.0, PAD, width - PAD, height - PAD),
            }
        } else {
            let gap = 16.0;
            let room = height - 2.0 * PAD - gap;
            let legend_height = (rows as f64 * MAX_ROW_HEIGHT).min(room * 0.5);
            let diameter = (width - 2.0 * PAD).min(room - legend_height);
            let top = PAD + (room - diameter - legend_height) / 2.0;
            let legend_top = top + diameter + gap;
            Layout {
                center: (width / 2.0, top + diameter / 2.0),
                outer: diameter / 2.0,
                legend: (PAD, legend_top, width - PAD, legend_top + legend_height),
            }
        }
    }
}

impl Chart for Donut {
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ChartError> {
        if self.entries.is_empty() {
            return canvas::draw_empty(canvas, canvas::EMPTY_MESSAGE);
        }
        let layout = Layout::new(canvas.width, canvas.height, self.entries.len());
        self.draw_ring(canvas, &layout)?;
        self.draw_total(canvas, &layout)?;
        self.draw_legend(canvas, &layout)
    }
}

impl Donut {
    fn color(&self, entry: &Entry, canvas: &Canvas<impl DrawingBackend>) -> Rgb {
        entry.color.unwrap_or(canvas.palette.other)
    }

    fn inner(layout: &Layout) -> f64 {
        layout.outer * 0.6
    }

    fn draw_ring<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        layout: &Layout,
    ) -> Result<(), ChartError> {
        let inner = Self::inner(layout);
        let total = self.total as f64;
        // From twelve o'clock, clockwise.
        let mut angle = -FRAC_PI_2;
        let mut boundaries = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let sweep = entry.amount as f64 / total * TAU;
            let points =
                canvas::ring_segment(layout.center, layout.outer, inner, angle, angle + sweep);
            canvas.polygon(&points, self.color(entry, canvas))?;
            boundaries.push(angle);
            angle += sweep;
        }
        if self.entries.len() > 1 {
            // A thin gap in the background colour between neighbouring slices.
            for angle in boundaries {
                let (sin, cos) = angle.sin_cos();
                let (cx, cy) = layout.center;
                let from = (cx + (inner - 1.0) * cos, cy + (inner - 1.0) * sin);
                let to = (
                    cx + (layout.outer + 1.0) * cos,
                    cy + (layout.outer + 1.0) * sin,
                );
                canvas.line(&[from, to], canvas.palette.background, 2.0)?;
            }
        }
        Ok(())
    }

    /// "Total", the amount and the currency in the hole, if the amount fits there.
    fn draw_total<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        layout: &Layout,
    ) -> Result<(), ChartError> {
        let inner = Self::inner(layout);
        let room = inner * 1.6;
        let amount = grouped(self.total, self.currency);
        let mut size = (inner * 0.36).min(22.0);
        while size >= 8.0 && canvas::measure(&amount, size)? > room {
            size *= 0.9;
        }
        if size < 8.0 {
            return Ok(());
        }
        let small = (size * 0.62).clamp(8.0, 13.0);
        let (cx, cy) = layout.center;
        let palette = canvas.palette;
        canvas.text(
            &amount,
            cx,
            cy + size * 0.36,
            size,
            palette.text,
            Align::Center,
        )?;
        canvas.text(
            "Total",
            cx,
            cy - size * 0.6 - small * 0.4,
            small,
            palette.secondary,
            Align::Center,
        )?;
        canvas.text(
            self.currency.code(),
            cx,
            cy + size * 0.6 + small * 1.2,
            small,
            palette.secondary,
            Align::Center,
        )
    }

    fn draw_legend<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        layout: &Layout,
    ) -> Result<(), ChartError> {
        let (left, top, right, bottom) = layout.legend;
        let rows = self.entries.len() as f64;
        let row_height = ((bottom - top) / rows).min(MAX_ROW_HEIGHT);
        let size = (row_height * 0.55).clamp(8.0, 13.0);
        let swatch = size * 0.9;
        let gap = size;
        let label_x = left + swatch + size * 0.6;

        let amounts: Vec<String> = self
            .entries
            .iter()
            .map(|e| format_money(e.amount, self.currency))
            .collect();
        let shares: Vec<String> = self
            .entries
            .iter()
            .map(|e| percent(e.amount, self.total))
            .collect();
        let widest = |texts: &[String]| -> Result<f64, ChartError> {
            texts
                .iter()
                .try_fold(0.0_f64, |w, t| Ok(w.max(canvas::measure(t, size)?)))
        };
        let share_width = widest(&shares)?;
        let amount_width = widest(&amounts)?;

        // Columns are dropped, amounts first, when the label would have no room left.
        let min_label = size * 5.0;
        let amount_right = right - share_width - gap;
        let (show_amount, show_share, label_right) =
            if amount_right - amount_width - gap - label_x >= min_label {
                (true, true, amount_right - amount_width - gap)
            } else if amount_right - label_x >= min_label {
                (false, true, amount_right)
            } else {
                (false, false, right)
            };

        let first_center = top + (bottom - top - rows * row_height) / 2.0 + row_height / 2.0;
        let palette = canvas.palette;
        for (i, entry) in self.entries.iter().enumerate() {
            let center = first_center + row_height * i as f64;
            let baseline = center + size * 0.36;
            canvas.rect(
                left,
                center - swatch / 2.0,
                left + swatch,
                center + swatch / 2.0,
                self.color(entry, canvas),
            )?;
            let label = canvas::fit(&entry.label, size, label_right - label_x)?;
            canvas.text(&label, label_x, baseline, size, palette.text, Align::Left)?;
            if show_amount {
                canvas.text(
                    &amounts[i],
                    amount_right,
                    baseline,
                    size,
                    palette.text,
                    Align::Right,
                )?;
            }
            if show_share {
                canvas.text(
                    &shares[i],
                    right,
                    baseline,
                    size,
                    palette.secondary,
                    Align::Right,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(label: &str, amount: i64) -> Slice {
        Slice {
            label: label.to_owned(),
            color: Rgb::new(1, 2, 3),
            amount,
        }
    }

    #[test]
    fn slices_are_sorted_and_zero_ones_left_out() {
        let donut = Donut::new(
            &[slice("a", 5), slice("b", 0), slice("c", 9), slice("d", 5)],
            Currency::EUR,
        )
        .expect("valid");
        let labels: Vec<&str> = donut.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["c", "a", "d"]);
        assert_eq!(donut.total, 19);
    }

    #[test]
    fn beyond_the_legend_the_smallest_share_one_other_slice() {
        let eight: Vec<Slice> = (1..=8).map(|i| slice(&format!("c{i}"), i)).collect();
        let donut = Donut::new(&eight, Currency::EUR).expect("valid");
        assert_eq!(donut.entries.len(), 8, "eight fit without grouping");
        assert!(donut.entries.iter().all(|e| e.color.is_some()));

        let forty: Vec<Slice> = (1..=40).map(|i| slice(&format!("c{i}"), i)).collect();
        let donut = Donut::new(&forty, Currency::EUR).expect("valid");
        assert_eq!(donut.entries.len(), MAX_LEGEND_ENTRIES);
        let labels: Vec<&str> = donut.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "c40",
                "c39",
                "c38",
                "c37",
                "c36",
                "c35",
                "c34",
                "Other (33)"
            ]
        );
        let other = donut.entries.last().expect("other");
        assert_eq!(other.color, None);
        assert_eq!(other.amount, (1..=33).sum::<i64>());
        assert_eq!(donut.total, (1..=40).sum::<i64>());
    }

    #[test]
    fn negative_amounts_and_overflowing_totals_are_refused() {
        assert_eq!(
            Donut::new(&[slice("ok", 1), slice("Re\u{0}funds", -1)], Currency::EUR).err(),
            Some(ChartError::NegativeAmount {
                label: "Re funds".into()
            })
        );
        assert_eq!(
            Donut::new(&[slice("a", i64::MAX), slice("b", 1)], Currency::EUR).err(),
            Some(ChartError::TooLarge)
        );
        assert!(Donut::new(&[slice("a", i64::MAX)], Currency::EUR).is_ok());
    }
}
