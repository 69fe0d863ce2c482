//! The month-end forecast of a budget: where spending ends up if the rest of the month goes at the
//! average daily pace so far, and the day that pace passes the limit. Pure arithmetic on integers
//! (`i128` inside, so no sum of a million expenses can overflow).

use crate::date::Date;

/// The projection of one budget on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Spending by the last day of the month at the pace so far, minor units (rounded down).
    pub projected: i64,
    /// The day the pace passes the limit, when that happens after today within the month; `None`
    /// when it stays within the limit or is over already.
    pub over_on: Option<Date>,
    /// Days left in the month, today included (1 on the last day).
    pub days_left: u32,
}

/// Projects `spent` (spending from the 1st to `today` inclusive) against `limit` to the end of
/// `today`'s month.
///
/// The pace is `spent / d` per day where `d` is today's day of the month. It passes the limit on
/// the first day `x` with `spent * x / d > limit`, i.e. `x = floor(limit * d / spent) + 1`.
pub fn pace(spent: i64, limit: i64, today: Date) -> Pace {
    let (_, _, day) = today.ymd();
    let days = today.month().days();
    let (spent_w, limit_w, d, n) = (
        i128::from(spent),
        i128::from(limit),
        i128::from(day),
        i128::from(days),
    );
    let projected = i64::try_from(spent_w * n / d).unwrap_or(i64::MAX);
    let over_already = spent > limit;
    let over_on = if over_already || spent <= 0 || spent_w * n <= limit_w * d {
        None
    } else {
        let x = (limit_w * d).div_euclid(spent_w) + 1;
        debug_assert!(
            x > d && x <= n,
            "the crossing lies after today within the month"
        );
        u32::try_from(x).ok().and_then(|x| {
            let (y, m, _) = today.ymd();
            Date::from_ymd(y, m, x).ok()
        })
    };
    Pace {
        projected,
        over_on,
        days_left: days - day + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("a valid date")
    }

    #[test]
    fn a_pace_over_the_limit_names_the_day_it_passes_it() {
        // 10 days into a 30-day month, 137.43 spent of 350.00: 412.29 at this pace, and the pace
        // passes 350.00 on day floor(350.00 * 10 / 137.43) + 1 = 26 (350 / 13.743 = 25.46…).
        let p = pace(13_743, 35_000, date("2026-11-10"));
        assert_eq!(p.projected, 41_229);
        assert_eq!(p.over_on, Some(date("2026-11-26")));
        assert_eq!(p.days_left, 21);
        // Spending 145.00 in 10 days crosses 350.00 on day 25 (350 / 14.5 = 24.1…).
        let p = pace(14_500, 35_000, date("2026-11-10"));
        assert_eq!(p.over_on, Some(date("2026-11-25")));
        // An exact landing on the limit is not over: 100 in 10 days of a 30-day month = 300.
        let p = pace(10_000, 30_000, date("2026-11-10"));
        assert_eq!(p.projected, 30_000);
        assert_eq!(p.over_on, None);
    }

    #[test]
    fn month_lengths_and_leap_years_set_the_horizon() {
        // 10 per day over 28, 29, 30 and 31 days.
        assert_eq!(pace(100, 1_000, date("2026-02-10")).projected, 280);
        assert_eq!(pace(100, 1_000, date("2024-02-10")).projected, 290);
        assert_eq!(pace(100, 1_000, date("2026-04-10")).projected, 300);
        assert_eq!(pace(100, 1_000, date("2026-12-10")).projected, 310);
        assert_eq!(pace(100, 1_000, date("2024-02-29")).days_left, 1);
        assert_eq!(pace(100, 1_000, date("2026-01-01")).days_left, 31);
        // 40 per day against 1,150: over on day 29 — which exists only in a leap February.
        assert_eq!(
            pace(400, 1_150, date("2024-02-10")).over_on,
            Some(date("2024-02-29"))
        );
        assert_eq!(pace(400, 1_150, date("2023-02-10")).over_on, None);
    }

    #[test]
    fn already_over_nothing_spent_and_non_positive_limits() {
        assert_eq!(
            pace(500, 400, date("2026-11-05")).over_on,
            None,
            "over already"
        );
        let p = pace(0, 400, date("2026-11-05"));
        assert_eq!((p.projected, p.over_on), (0, None));
        assert_eq!(pace(0, -100, date("2026-11-05")).over_on, None);
        assert_eq!(
            pace(10, 0, date("2026-11-05")).over_on,
            None,
            "over already"
        );
    }

    #[test]
    fn the_crossing_day_is_the_first_day_the_pace_exceeds_the_limit() {
        // Brute force over a grid of cases: the reported day is the first x with spent*x/d > limit.
        for day in [1, 2, 7, 15, 28] {
            let today = Date::from_ymd(2026, 3, day).expect("date");
            for spent in [1_i64, 3, 99, 1_000, 12_345] {
                for limit in [1_i64, 50, 1_000, 20_000, 300_000] {
                    let p = pace(spent, limit, today);
                    let first = (1..=31_i64).find(|x| spent * x > limit * i64::from(day));
                    let expected = first
                        .filter(|x| *x > i64::from(day) && spent <= limit)
                        .map(|x| Date::from_ymd(2026, 3, x as u32).expect("in March"));
                    assert_eq!(p.over_on, expected, "spent {spent} limit {limit} day {day}");
                    assert_eq!(p.projected, spent * 31 / i64::from(day));
                }
            }
        }
    }
}
