//! Calendar dates and months: real dates only (2025-02-30 is refused), stored as a day number.
//!
//! A [`Date`] is a count of days since 1970-01-01 in the proleptic Gregorian calendar, so it sorts,
//! indexes and subtracts as one integer. Conversions use Howard Hinnant's `days_from_civil` /
//! `civil_from_days` algorithms. Coffer accepts years [`MIN_YEAR`]..=[`MAX_YEAR`]: wide enough for any
//! household record, narrow enough that a typo such as `20255-01-01` is caught.

use std::fmt;
use std::str::FromStr;

/// The earliest year an expense may have.
pub const MIN_YEAR: i32 = 1900;
/// The latest year an expense may have.
pub const MAX_YEAR: i32 = 2999;

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("“{0}” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14")]
    Format(String),
    /// The month is not 1-12.
    #[error("{year}-{month:02}: there is no month {month}")]
    Month {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
    },
    /// The day does not exist in that month (e.g. 2025-02-30).
    #[error("{year}-{month:02}-{day:02} does not exist: that month has {days} days")]
    Day {
        /// The year given.
        year: i32,
        /// The month given.
        month: u32,
        /// The day given.
        day: u32,
        /// How many days the month has.
        days: u32,
    },
    /// Outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    #[error("the year {0} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")]
    Year(i32),
}

/// A calendar date (no time, no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A calendar month, e.g. 2025-03.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    /// 1-12.
    month: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1-12) of `year`.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check_year(year: i32) -> Result<(), DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateError::Year(year))
    }
}

impl Date {
    /// The date `year-month-day`, if it exists and is in range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month { year, month });
        }
        let days = days_in_month(year, month);
        if !(1..=days).contains(&day) {
            return Err(DateError::Day {
                year,
                month,
                day,
                days,
            });
        }
        // days_from_civil (Hinnant): shift the year to start in March so February is last.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400) as u32; // [0, 399]
        let mp = (month + 9) % 12; // March = 0
        let doy = (153 * mp + 2) / 5 + day - 1; // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
        Ok(Date(era * 146_097 + doe as i32 - 719_468))
    }

    /// The date with this day number (days since 1970-01-01), if in range.
    pub fn from_day_number(days: i32) -> Result<Date, DateError> {
        let date = Date(days);
        check_year(date.ymd().0)?;
        Ok(date)
    }

    /// Days since 1970-01-01: what the ledger stores.
    pub fn day_number(self) -> i32 {
        self.0
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        // civil_from_days (Hinnant).
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097) as u32; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11]
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe as i32 + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    /// The day after; callers stay inside a range of valid dates.
    pub(crate) fn next_day(self) -> Date {
        Date(self.0 + 1)
    }

    /// The day before; callers stay inside a range of valid dates.
    pub(crate) fn previous_day(self) -> Date {
        Date(self.0 - 1)
    }

    /// The month this date is in.
    pub fn month(self) -> Month {
        let (year, month, _) = self.ymd();
        Month { year, month }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Parses `text` as exactly `N` ASCII digits.
fn digits<const N: usize>(text: &str) -> Option<u32> {
    (text.len() == N && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, and checks that it exists.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let format = || DateError::Format(text.chars().take(40).collect());
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format());
        };
        let (Some(year), Some(month), Some(day)) = (digits::<4>(y), digits::<2>(m), digits::<2>(d))
        else {
            return Err(format());
        };
        Date::from_ymd(year as i32, month, day)
    }
}

impl Month {
    /// The month `year-month`, if valid and in range.
    pub fn new(year: i32, month: u32) -> Result<Month, DateError> {
        Date::from_ymd(year, month, 1).map(Date::month)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1-12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// A dense integer for the month (`year * 12 + month - 1`): what the aggregates table stores.
    pub fn key(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    /// The month with this [`Month::key`], if in range.
    pub fn from_key(key: i32) -> Result<Month, DateError> {
        Month::new(key.div_euclid(12), key.rem_euclid(12) as u32 + 1)
    }

    /// How many days it has: 28 to 31.
    pub fn days(self) -> u32 {
        days_in_month(self.year, self.month)
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        Date::from_ymd(self.year, self.month, 1).expect("a valid month has a first day")
    }

    /// The last day of the month.
    pub fn last_day(self) -> Date {
        Date::from_ymd(self.year, self.month, days_in_month(self.year, self.month))
            .expect("a valid month has a last day")
    }

    /// The month after, if in range.
    pub fn next(self) -> Option<Month> {
        Month::from_key(self.key() + 1).ok()
    }

    /// The month before, if in range.
    pub fn previous(self) -> Option<Month> {
        Month::from_key(self.key() - 1).ok()
    }

    /// Its English name: "November".
    pub fn name(self) -> &'static str {
        MONTH_NAMES[self.month as usize - 1]
    }

    /// The first three letters of its English name: "Nov".
    pub fn abbreviation(self) -> &'static str {
        &MONTH_NAMES[self.month as usize - 1][..3]
    }
}

/// The months' English names, which people read in reports, charts and notifications.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = DateError;

    /// Parses `YYYY-MM`.
    fn from_str(text: &str) -> Result<Month, DateError> {
        let text = text.trim();
        let format = || DateError::Format(text.chars().take(40).collect());
        let (y, m) = text.split_once('-').ok_or_else(format)?;
        let (Some(year), Some(month)) = (digits::<4>(y), digits::<2>(m)) else {
            return Err(format());
        };
        Month::new(year as i32, month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("a valid date")
    }

    #[test]
    fn months_have_english_names_and_abbreviations() {
        let month = |text: &str| text.parse::<Month>().expect("a valid month");
        assert_eq!(month("2026-01").name(), "January");
        assert_eq!(month("2026-09").name(), "September");
        assert_eq!(month("2026-11").abbreviation(), "Nov");
        assert_eq!(month("2026-12").name(), "December");
        assert_eq!(month("2026-05").abbreviation(), "May");
    }

    #[test]
    fn the_epoch_is_day_zero_and_known_dates_have_known_numbers() {
        assert_eq!(date("1970-01-01").day_number(), 0);
        assert_eq!(date("1970-01-02").day_number(), 1);
        assert_eq!(date("1969-12-31").day_number(), -1);
        // 2000-03-01 is 11017 days after the epoch (a leap-century boundary).
        assert_eq!(date("2000-03-01").day_number(), 11_017);
        assert_eq!(date("2025-03-14").day_number(), 20_161);
    }

    #[test]
    fn every_day_in_range_round_trips_and_days_are_consecutive() {
        let first = Date::from_ymd(MIN_YEAR, 1, 1).expect("valid");
        let last = Date::from_ymd(MAX_YEAR, 12, 31).expect("valid");
        let mut previous: Option<(i32, u32, u32)> = None;
        for n in first.day_number()..=last.day_number() {
            let d = Date(n);
            let (y, m, day) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, day), Ok(d), "{y}-{m}-{day}");
            assert_eq!(d.to_string().parse::<Date>(), Ok(d));
            if let Some((py, pm, pd)) = previous {
                let next_day = (py, pm, pd + 1) == (y, m, day);
                let next_month = (py, pm + 1, 1) == (y, m, day) && pd == days_in_month(py, pm);
                let next_year = (py + 1, 1, 1) == (y, m, day) && (pm, pd) == (12, 31);
                assert!(next_day || next_month || next_year, "{py}-{pm}-{pd} → {d}");
            }
            previous = Some((y, m, day));
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        assert_eq!(
            "2025-02-30".parse::<Date>(),
            Err(DateError::Day {
                year: 2025,
                month: 2,
                day: 30,
                days: 28
            })
        );
        assert!("2024-02-29".parse::<Date>().is_ok(), "2024 is a leap year");
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("1900-02-29".parse::<Date>().is_err(), "1900 is not leap");
        assert!("2000-02-29".parse::<Date>().is_ok(), "2000 is leap");
        assert!("2025-04-31".parse::<Date>().is_err());
        assert_eq!(
            "2025-13-01".parse::<Date>(),
            Err(DateError::Month {
                year: 2025,
                month: 13
            })
        );
        assert!("2025-00-10".parse::<Date>().is_err());
        assert!("2025-01-00".parse::<Date>().is_err());
        assert_eq!("1899-12-31".parse::<Date>(), Err(DateError::Year(1899)));
        assert_eq!("3000-01-01".parse::<Date>(), Err(DateError::Year(3000)));
    }

    #[test]
    fn only_iso_calendar_dates_parse() {
        for bad in [
            "",
            "2025",
            "2025-3-14",
            "14/03/2025",
            "2025-03-14T00:00",
            "20255-01-01",
            "2025-03-1x",
            "+025-03-14",
            "2025--03-14",
            "٢٠٢٥-٠٣-١٤",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad:?} must be a format error"
            );
        }
        assert_eq!(date(" 2025-03-14 ").to_string(), "2025-03-14", "trimmed");
    }

    #[test]
    fn months_know_their_bounds_and_neighbours() {
        let feb: Month = "2024-02".parse().expect("valid");
        assert_eq!(feb.first_day().to_string(), "2024-02-01");
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
        assert_eq!(
            feb.previous().map(|m| m.to_string()).as_deref(),
            Some("2024-01")
        );
        let jan: Month = "2024-01".parse().expect("valid");
        assert_eq!(
            jan.previous().map(|m| m.to_string()).as_deref(),
            Some("2023-12")
        );
        assert_eq!(Month::from_key(feb.key()), Ok(feb));
        let dec: Month = "2023-12".parse().expect("valid");
        assert_eq!(dec.next(), Some(jan));
        assert_eq!(Month::new(MAX_YEAR, 12).expect("valid").next(), None);
        assert_eq!(date("2024-02-17").month(), feb);
        assert_eq!(Month::new(MIN_YEAR, 1).expect("valid").previous(), None);
        assert!("2024-13".parse::<Month>().is_err());
        assert!("2024-1".parse::<Month>().is_err());
    }
}
