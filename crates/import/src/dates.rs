//! Dates as banks write them. The format is decided from every value of the column, never from
//! one: `03/04/2025` alone is ambiguous, but a column that also holds `25/04/2025` is day-first.
//! When both day-first and month-first read every value, the person is asked.

use coffer_ledger::Date;

/// A date layout; `sep` is the separator between the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `2025-03-14` (also with `/` or `.`).
    YearMonthDay,
    /// `14.03.2025`, `14/03/2025`, `14-03-2025`.
    DayMonthYear,
    /// `03/14/2025`.
    MonthDayYear,
    /// A spreadsheet serial number (days since 1899-12-30), e.g. `45730` or `45730.5`.
    ExcelSerial,
}

impl DateFormat {
    /// Every format, in order of preference when several read a column.
    pub const ALL: [DateFormat; 4] = [
        DateFormat::YearMonthDay,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
        DateFormat::ExcelSerial,
    ];

    /// Reads `text` in this format, ignoring a time after the date (`2025-03-14 10:30`,
    /// `2025-03-14T10:30:00Z`).
    pub fn parse(self, text: &str) -> Option<Date> {
        let text = text.trim();
        if self == DateFormat::ExcelSerial {
            return excel_serial(text);
        }
        let date_part = text.split([' ', 'T']).next().filter(|d| !d.is_empty())?;
        let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let number = |s: &str, max_len: usize| -> Option<u32> {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (year, month, day) = match self {
            DateFormat::YearMonthDay if a.len() == 4 => {
                (number(a, 4)?, number(b, 2)?, number(c, 2)?)
            }
            DateFormat::DayMonthYear if c.len() == 4 => {
                (number(c, 4)?, number(b, 2)?, number(a, 2)?)
            }
            DateFormat::MonthDayYear if c.len() == 4 => {
                (number(c, 4)?, number(a, 2)?, number(b, 2)?)
            }
            _ => return None,
        };
        Date::from_ymd(i32::try_from(year).ok()?, month, day).ok()
    }
}

/// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was, so from
/// 1900-03-01 on the serial is the day number since 1899-12-30. Earlier serials are refused.
fn excel_serial(text: &str) -> Option<Date> {
    let whole = text.split('.').next()?;
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
        return None;
    }
    let serial: i32 = whole.parse().ok()?;
    if serial < 61 {
        return None;
    }
    // 1899-12-30 is day -25569 of the Unix epoch.
    Date::from_day_number(serial - 25_569).ok()
}

/// What the values of a column say about its date format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// Exactly one format reads every value.
    Format(DateFormat),
    /// Several formats read every value (e.g. all days ≤ 12): the person chooses.
    Ambiguous(Vec<DateFormat>),
    /// No format reads them all.
    None,
}

/// Decides a column's date format one value at a time (so a million rows need no memory): it
/// keeps which formats have read every value so far.
#[derive(Debug, Clone)]
pub struct DateDetector {
    /// Per format of [`DateFormat::ALL`]: has it read every value so far?
    reads_all: [bool; 4],
    any: bool,
}

impl Default for DateDetector {
    fn default() -> Self {
        Self {
            reads_all: [true; 4],
            any: false,
        }
    }
}

impl DateDetector {
    /// Takes one value into account (empty values say nothing).
    pub fn feed(&mut self, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        self.any = true;
        for (format, reads) in DateFormat::ALL.iter().zip(&mut self.reads_all) {
            *reads = *reads && format.parse(value).is_some();
        }
    }

    /// The verdict. Serial numbers count only when no calendar format fits, since a column of
    /// small numbers is more likely something else.
    pub fn finish(&self) -> Detected {
        if !self.any {
            return Detected::None;
        }
        let calendar: Vec<DateFormat> = DateFormat::ALL[..3]
            .iter()
            .zip(&self.reads_all)
            .filter(|(_, reads)| **reads)
            .map(|(f, _)| *f)
            .collect();
        match calendar.as_slice() {
            [one] => Detected::Format(*one),
            [] if self.reads_all[3] => Detected::Format(DateFormat::ExcelSerial),
            [] => Detected::None,
            several => Detected::Ambiguous(several.to_vec()),
        }
    }
}

/// Detects the format reading every non-empty value of `values` (see [`DateDetector`]).
pub fn detect<'a>(values: impl Iterator<Item = &'a str>) -> Detected {
    let mut detector = DateDetector::default();
    values.for_each(|v| detector.feed(v));
    detector.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().expect("date")
    }

    #[test]
    fn each_format_reads_its_layout_and_ignores_times() {
        assert_eq!(
            DateFormat::YearMonthDay.parse("2025-03-14"),
            Some(d("2025-03-14"))
        );
        assert_eq!(
            DateFormat::YearMonthDay.parse("2025-03-14T09:30:00Z"),
            Some(d("2025-03-14"))
        );
        assert_eq!(
            DateFormat::DayMonthYear.parse("14.03.2025"),
            Some(d("2025-03-14"))
        );
        assert_eq!(
            DateFormat::DayMonthYear.parse("1/3/2025 10:00"),
            Some(d("2025-03-01"))
        );
        assert_eq!(
            DateFormat::MonthDayYear.parse("03/14/2025"),
            Some(d("2025-03-14"))
        );
        assert_eq!(
            DateFormat::ExcelSerial.parse("45730"),
            Some(d("2025-03-14"))
        );
        assert_eq!(DateFormat::ExcelSerial.parse("61"), Some(d("1900-03-01")));
        assert_eq!(
            DateFormat::ExcelSerial.parse("25569.75"),
            Some(d("1970-01-01"))
        );
        assert_eq!(
            DateFormat::DayMonthYear.parse("31.02.2025"),
            None,
            "not a real day"
        );
        assert_eq!(DateFormat::MonthDayYear.parse("14/03/2025"), None);
        assert_eq!(DateFormat::YearMonthDay.parse("14.03.2025"), None);
    }

    proptest::proptest! {
        #[test]
        fn every_layout_reads_back_every_date(day in -25_000i32..300_000) {
            let date = Date::from_day_number(day).expect("in range");
            let (y, m, dd) = date.ymd();
            let written = [
                (DateFormat::YearMonthDay, format!("{y:04}-{m:02}-{dd:02}")),
                (DateFormat::DayMonthYear, format!("{dd:02}.{m:02}.{y:04}")),
                (DateFormat::DayMonthYear, format!("{dd}/{m}/{y:04} 23:59")),
                (DateFormat::MonthDayYear, format!("{m:02}/{dd:02}/{y:04}")),
                (DateFormat::ExcelSerial, format!("{}", day + 25_569)),
            ];
            for (format, text) in written {
                if format == DateFormat::ExcelSerial && day + 25_569 < 61 {
                    continue;
                }
                proptest::prop_assert_eq!(format.parse(&text), Some(date), "{:?} {}", format, text);
            }
        }
    }

    #[test]
    fn the_whole_column_decides() {
        let uk = ["03/04/2025", "25/04/2025", ""];
        assert_eq!(
            detect(uk.iter().copied()),
            Detected::Format(DateFormat::DayMonthYear)
        );
        let us = ["03/04/2025", "04/25/2025"];
        assert_eq!(
            detect(us.iter().copied()),
            Detected::Format(DateFormat::MonthDayYear)
        );
        let unclear = ["03/04/2025", "05/06/2025"];
        assert_eq!(
            detect(unclear.iter().copied()),
            Detected::Ambiguous(vec![DateFormat::DayMonthYear, DateFormat::MonthDayYear])
        );
        let serials = ["45730", "45731"];
        assert_eq!(
            detect(serials.iter().copied()),
            Detected::Format(DateFormat::ExcelSerial)
        );
        let text = ["Coffee", "2025-01-01"];
        assert_eq!(detect(text.iter().copied()), Detected::None);
    }
}
