//! The burn-up chart: a month's spending added up day by day against its budget, and for the
//! current month the pace forecast to the month's end and the day it passes the budget.

use std::f64::consts::TAU;

use coffer_ledger::{Currency, Month};
use plotters::backend::DrawingBackend;

use crate::axis;
use crate::canvas::{self, Align, Canvas, Chart, FONT, Key, PAD};
use crate::money::{day_label, grouped, month_title, ordinal};
use crate::style::Rgb;
use crate::{BurnUp, ChartError, Forecast};

/// A month ready to draw.
#[derive(Debug)]
pub(crate) struct BurnUpChart {
    month: Month,
    /// The running total at the end of each day drawn (the 1st first): up to the forecast's
    /// `today`, else the whole month; empty when there is nothing to show.
    pub totals: Vec<i64>,
    limit: Option<i64>,
    forecast: Option<Forecast>,
    currency: Currency,
}

impl BurnUpChart {
    /// Adds up `data`'s days; refuses days outside the month, negative amounts and totals beyond
    /// what `i64` holds.
    pub fn new(data: &BurnUp, currency: Currency) -> Result<BurnUpChart, ChartError> {
        let month = data.month;
        let mut totals = running_totals(month, &data.daily)?;
        if let Some(forecast) = data.forecast {
            in_month(forecast.today, month)?;
            if let Some(day) = forecast.over_on {
                in_month(day, month)?;
            }
            if forecast.projected < 0 {
                return Err(ChartError::NegativeAmount {
                    label: format!("{month} forecast"),
                });
            }
            totals.truncate(forecast.today as usize);
        }
        if data.limit.is_none() && !data.daily.iter().any(|(_, amount)| *amount > 0) {
            totals.clear();
        }
        Ok(BurnUpChart {
            month,
            totals,
            limit: data.limit,
            forecast: data.forecast,
            currency,
        })
    }

    /// The largest value the y axis must reach: the running total, the forecast and the budget.
    fn highest(&self) -> i64 {
        let spent = self.totals.last().copied().unwrap_or(0);
        let projected = self.forecast.map_or(0, |f| f.projected);
        spent.max(projected).max(self.limit.unwrap_or(0))
    }

    /// Where, in days from the start of the month, the forecast line passes the budget: where it
    /// meets the budget line when it does, else at the end of the forecast's `over_on` day.
    /// `None` without a crossing day.
    fn crossing(&self) -> Option<f64> {
        let forecast = self.forecast?;
        let day = forecast.over_on?;
        let (from, to) = (f64::from(forecast.today), f64::from(self.month.days()));
        let start = *self.totals.last()?;
        if let Some(limit) = self.limit.map(|limit| limit.max(0))
            && start < limit
            && limit <= forecast.projected
        {
            // All three are between 0 and i64::MAX, so the differences cannot overflow.
            let share = (limit - start) as f64 / (forecast.projected - start) as f64;
            return Some(from + share * (to - from));
        }
        Some(f64::from(day).clamp(from, to))
    }
}

/// `day`, if it is a day of `month`.
fn in_month(day: u32, month: Month) -> Result<u32, ChartError> {
    let days = month.days();
    if (1..=days).contains(&day) {
        Ok(day)
    } else {
        Err(ChartError::InvalidDay { day, days })
    }
}

/// The running total of `daily` at the end of each day of `month`, the 1st first.
fn running_totals(month: Month, daily: &[(u32, i64)]) -> Result<Vec<i64>, ChartError> {
    let mut per_day = vec![0_i64; month.days() as usize];
    for &(day, amount) in daily {
        let index = in_month(day, month)? as usize - 1;
        if amount < 0 {
            return Err(ChartError::NegativeAmount {
                label: format!("{month}-{day:02}"),
            });
        }
        if let Some(sum) = per_day.get_mut(index) {
            *sum = sum.checked_add(amount).ok_or(ChartError::TooLarge)?;
        }
    }
    let mut total = 0_i64;
    per_day
        .into_iter()
        .map(|amount| {
            total = total.checked_add(amount)?;
            Some(total)
        })
        .collect::<Option<Vec<i64>>>()
        .ok_or(ChartError::TooLarge)
}

/// Draws a round dot of `color` with a ring of the background around it.
fn dot<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    center: (f64, f64),
    radius: f64,
    color: Rgb,
) -> Result<(), ChartError> {
    let ring = canvas::ring_segment(center, radius + 2.0, 0.0, 0.0, TAU);
    canvas.polygon(&ring, canvas.palette.background)?;
    canvas.polygon(&canvas::ring_segment(center, radius, 0.0, 0.0, TAU), color)
}

impl Chart for BurnUpChart {
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ChartError> {
        let Some(&spent) = self.totals.last() else {
            return canvas::draw_empty(canvas, canvas::EMPTY_MESSAGE);
        };
        let palette = canvas.palette;
        let days = self.month.days();
        let (axis, plot) = axis::layout(canvas, self.highest(), self.currency)?;
        axis.draw(canvas, &plot)?;
        let x_of = |day: f64| plot.left + day / f64::from(days) * (plot.right - plot.left);
        let y_of = |value: i64| axis.y(value, &plot);

        // Days under the axis: every week from the 1st, named "Nov 8" if that leaves 8 px between
        // labels, else "8", else every other week. Each is centred under its day but kept inside
        // the chart's margins.
        let labels = |step: usize, long: bool| {
            (1..=days)
                .step_by(step)
                .map(|day| {
                    let label = day_label(self.month, day, long);
                    let half = canvas::measure(&label, FONT)? / 2.0;
                    let x = x_of(f64::from(day)).clamp(PAD + half, canvas.width - PAD - half);
                    Ok((label, x, half))
                })
                .collect::<Result<Vec<(String, f64, f64)>, ChartError>>()
        };
        let apart = |labels: &[(String, f64, f64)]| {
            labels
                .windows(2)
                .all(|pair| pair[1].1 - pair[1].2 - (pair[0].1 + pair[0].2) >= 8.0)
        };
        let mut day_labels = labels(14, false)?;
        for (step, long) in [(7, true), (7, false)] {
            let candidate = labels(step, long)?;
            if apart(&candidate) {
                day_labels = candidate;
                break;
            }
        }
        for (label, x, _) in &day_labels {
            canvas.text(
                label,
                *x,
                plot.bottom + FONT * 1.5,
                FONT,
                palette.secondary,
                Align::Center,
            )?;
        }

        // The running total: from zero at the start of the month to the end of each day, over a
        // shaded area.
        let line: Vec<(f64, f64)> = std::iter::once((x_of(0.0), y_of(0)))
            .chain(
                self.totals
                    .iter()
                    .enumerate()
                    .map(|(i, total)| (x_of(i as f64 + 1.0), y_of(*total))),
            )
            .collect();
        let last = line.last().copied().unwrap_or((plot.left, plot.bottom));
        let mut area = line.clone();
        area.push((last.0, plot.bottom));
        canvas.polygon(&area, palette.bar.over(palette.background, 15))?;

        let budget_y = self.limit.map(|limit| y_of(limit.max(0)));
        if let Some(y) = budget_y {
            canvas.line(&[(plot.left, y), (plot.right, y)], palette.text, 1.5)?;
        }
        canvas.line(&line, palette.bar, 2.0)?;
        if let Some(forecast) = self.forecast {
            let end = (x_of(f64::from(days)), y_of(forecast.projected));
            canvas.dashed_line(last, end, palette.bar, 2.0, 6.0)?;
        }
        dot(canvas, last, 3.5, palette.bar)?;

        // The budget's caption above its line at the left (below it when the line is at the
        // top), on the background so that the lines crossing it do not hide it.
        let mut caption_end = None;
        if let (Some(limit), Some(y)) = (self.limit, budget_y) {
            let text = format!("Budget {}", grouped(limit, self.currency));
            let text = canvas::fit(&text, FONT, plot.right - plot.left - 12.0)?;
            let baseline = if y - plot.top >= FONT * 1.5 {
                y - 6.0
            } else {
                y + FONT + 4.0
            };
            let x = plot.left + 6.0;
            canvas.text_on_background(&text, x, baseline, FONT, palette.text, Align::Left)?;
            caption_end = Some(x + canvas::measure(&text, FONT)?);
        }

        // Where the forecast passes the budget: a red dot, and the day below the line to its
        // right, or above it to its left when there is no room at the right.
        if let (Some(at), Some(forecast)) = (self.crossing(), self.forecast) {
            let today = f64::from(forecast.today);
            let share = if f64::from(days) > today {
                (at - today) / (f64::from(days) - today)
            } else {
                1.0
            };
            let end_y = y_of(forecast.projected);
            let point = (x_of(at), last.1 + share * (end_y - last.1));
            dot(canvas, point, 4.5, palette.danger)?;
            let day = forecast.over_on.unwrap_or(days);
            let text = format!("Over by the {}", ordinal(day));
            let text_width = canvas::measure(&text, FONT)?;
            let below = (point.1 + FONT + 6.0).min(plot.bottom - 4.0);
            let above = point.1 - 8.0;
            let right_fits = point.0 + 8.0 + text_width <= plot.right;
            let left_clear = caption_end.is_none_or(|end| point.0 - 8.0 - text_width >= end + 8.0);
            let (x, baseline, align) = if right_fits || !left_clear {
                (
                    (point.0 + 8.0).min(plot.right - text_width),
                    below,
                    Align::Left,
                )
            } else {
                (point.0 - 8.0, above, Align::Right)
            };
            canvas.text_on_background(&text, x, baseline, FONT, palette.danger, align)?;
        }

        let title = month_title(self.month, self.currency);
        let mut legend = vec![(
            Key::Line(palette.bar),
            format!("Spent {}", grouped(spent, self.currency)),
        )];
        if let Some(forecast) = self.forecast {
            legend.push((
                Key::Dashed(palette.bar),
                format!("Forecast {}", grouped(forecast.projected, self.currency)),
            ));
        }
        canvas::title_line(canvas, &[&title, self.currency.code()], &legend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nov() -> Month {
        Month::new(2026, 11).expect("valid")
    }

    fn data(daily: &[(u32, i64)], limit: Option<i64>, forecast: Option<Forecast>) -> BurnUp {
        BurnUp {
            month: nov(),
            daily: daily.to_vec(),
            limit,
            forecast,
        }
    }

    fn chart(data: &BurnUp) -> Result<BurnUpChart, ChartError> {
        BurnUpChart::new(data, Currency::EUR)
    }

    #[test]
    fn days_are_summed_and_added_up_over_the_month() {
        let totals = running_totals(nov(), &[(3, 500), (1, 100), (3, 250), (30, 1)]).expect("ok");
        assert_eq!(totals.len(), 30);
        assert_eq!(&totals[..4], [100, 100, 850, 850]);
        assert_eq!(totals[28], 850);
        assert_eq!(totals[29], 851);
        let feb = Month::new(2024, 2).expect("valid");
        assert_eq!(running_totals(feb, &[]).expect("ok"), [0; 29]);
    }

    #[test]
    fn a_forecast_stops_the_line_at_today() {
        let forecast = Forecast {
            today: 10,
            projected: 3_000,
            over_on: None,
        };
        let burn = chart(&data(
            &[(2, 400), (10, 600), (20, 5)],
            Some(5_000),
            Some(forecast),
        ))
        .expect("valid");
        assert_eq!(burn.totals.len(), 10);
        assert_eq!(burn.totals.last(), Some(&1_000));
        assert_eq!(burn.highest(), 5_000, "the budget is the highest");
        let closed = chart(&data(&[(2, 400), (30, 9_000)], Some(5_000), None)).expect("valid");
        assert_eq!(closed.totals.len(), 30);
        assert_eq!(closed.highest(), 9_400, "the running total is the highest");
        let projected = chart(&data(
            &[(1, 100)],
            Some(-50),
            Some(Forecast {
                today: 1,
                projected: 3_000,
                over_on: None,
            }),
        ))
        .expect("valid");
        assert_eq!(projected.highest(), 3_000, "the forecast is the highest");
    }

    #[test]
    fn nothing_spent_and_no_budget_is_empty_not_an_error() {
        assert!(chart(&data(&[], None, None)).expect("ok").totals.is_empty());
        assert!(
            chart(&data(&[(4, 0), (9, 0)], None, None))
                .expect("ok")
                .totals
                .is_empty()
        );
        // A budget is something to show, even with nothing spent...
        assert_eq!(
            chart(&data(&[], Some(0), None)).expect("ok").totals,
            [0; 30]
        );
        // ...and so is spending after today.
        let forecast = Forecast {
            today: 5,
            projected: 0,
            over_on: None,
        };
        let later = chart(&data(&[(20, 100)], None, Some(forecast))).expect("ok");
        assert_eq!(later.totals, [0; 5]);
    }

    #[test]
    fn bad_days_and_amounts_are_refused_with_the_reason() {
        let invalid = |day| Some(ChartError::InvalidDay { day, days: 30 });
        assert_eq!(chart(&data(&[(0, 1)], None, None)).err(), invalid(0));
        assert_eq!(chart(&data(&[(31, 1)], None, None)).err(), invalid(31));
        assert!(chart(&data(&[(30, 1)], None, None)).is_ok());
        let forecast = |today, over_on| Forecast {
            today,
            projected: 10,
            over_on,
        };
        assert_eq!(
            chart(&data(&[], None, Some(forecast(31, None)))).err(),
            invalid(31)
        );
        assert_eq!(
            chart(&data(&[], None, Some(forecast(0, None)))).err(),
            invalid(0)
        );
        assert_eq!(
            chart(&data(&[], None, Some(forecast(10, Some(32))))).err(),
            invalid(32)
        );
        assert_eq!(
            chart(&data(&[(1, 5), (7, -1)], None, None)).err(),
            Some(ChartError::NegativeAmount {
                label: "2026-11-07".into()
            })
        );
        let mut backwards = forecast(10, None);
        backwards.projected = -1;
        assert_eq!(
            chart(&data(&[], None, Some(backwards))).err(),
            Some(ChartError::NegativeAmount {
                label: "2026-11 forecast".into()
            })
        );
        for daily in [[(1, i64::MAX), (1, 1)], [(1, i64::MAX), (2, 1)]] {
            assert_eq!(
                chart(&data(&daily, None, None)).err(),
                Some(ChartError::TooLarge)
            );
        }
    }

    #[test]
    fn the_forecast_passes_the_budget_where_the_lines_meet() {
        // The ledger's example: 137.43 in 10 of 30 days, 412.29 projected against 350.00, over on
        // the 26th; the lines meet at 10 + 20 * (35,000 - 13,743) / (41,229 - 13,743) = 25.47 days.
        let forecast = Forecast {
            today: 10,
            projected: 41_229,
            over_on: Some(26),
        };
        let burn = chart(&data(&[(3, 13_743)], Some(35_000), Some(forecast))).expect("valid");
        let at = burn.crossing().expect("a crossing");
        assert!((at - 25.467).abs() < 0.01, "{at}");
        assert!(at > 25.0 && at <= 26.0, "during the 26th");

        // Without a budget line to meet, at the end of the day given.
        let alone = chart(&data(&[(3, 13_743)], None, Some(forecast))).expect("valid");
        assert_eq!(alone.crossing(), Some(26.0));
        // No day, no crossing.
        let calm = Forecast {
            over_on: None,
            ..forecast
        };
        let burn = chart(&data(&[(3, 13_743)], Some(35_000), Some(calm))).expect("valid");
        assert_eq!(burn.crossing(), None);
        let closed = chart(&data(&[(3, 13_743)], Some(35_000), None)).expect("valid");
        assert_eq!(closed.crossing(), None);
    }
}
