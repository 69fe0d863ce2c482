//! Fuzzes the date parser with every date format a person can choose, and the column detector.
//! Asserts that a parsed date is a real calendar date in the ledger's years, that it reads back
//! from its own layout, and that a detected format reads the value it was detected from.

#![no_main]

use coffer_import::dates::DateDetector;
use coffer_import::{DateFormat, Detected};
use coffer_import_fuzz::assert_real_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in DateFormat::ALL {
        let Some(date) = format.parse(text) else {
            continue;
        };
        assert_real_date(date);
        let (y, m, d) = date.ymd();
        let written = match format {
            DateFormat::YearMonthDay => format!("{y:04}-{m:02}-{d:02}"),
            DateFormat::DayMonthYear => format!("{d:02}.{m:02}.{y:04}"),
            DateFormat::MonthDayYear => format!("{m:02}/{d:02}/{y:04}"),
            DateFormat::ExcelSerial => (date.day_number() + 25_569).to_string(),
        };
        assert_eq!(format.parse(&written), Some(date), "{format:?} {written}");
    }
    let mut detector = DateDetector::default();
    detector.feed(text);
    match detector.finish() {
        Detected::Format(format) => assert!(format.parse(text).is_some(), "{text:?}"),
        Detected::Ambiguous(formats) => {
            assert!(formats.len() > 1);
            assert!(formats.iter().all(|f| f.parse(text).is_some()), "{text:?}");
        }
        Detected::None => {}
    }
});
