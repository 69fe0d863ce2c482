//! The text charts print: amounts with thousands grouping (`1,234.56 EUR`), axis ticks, month and
//! day labels. Built on the ledger's plain decimal form so digits never come from a float.

use coffer_ledger::money::format_amount;
use coffer_ledger::{Currency, Month};

/// `minor` units of `currency` with thousands grouping and the code: `1,234.56 EUR`, `1,235 JPY`.
pub(crate) fn format_money(minor: i64, currency: Currency) -> String {
    format!("{} {}", grouped(minor, currency), currency.code())
}

/// `minor` units of `currency` with thousands grouping and no code: `1,234.56`.
pub(crate) fn grouped(minor: i64, currency: Currency) -> String {
    let plain = format_amount(minor, currency);
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut out = String::with_capacity(plain.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// An axis tick: grouped, without the decimals when every tick is a whole amount (`step` is a
/// multiple of the major unit), so the axis reads `0, 5,000, 10,000` rather than `5,000.00`.
pub(crate) fn tick_label(minor: i64, step: i64, currency: Currency) -> String {
    let text = grouped(minor, currency);
    let scale = 10_i64.pow(u32::from(currency.minor_units()));
    if step % scale == 0 {
        match text.split_once('.') {
            Some((whole, _)) => whole.to_owned(),
            None => text,
        }
    } else {
        text
    }
}

/// `Nov 2026` (long) or `Nov 26` (short).
pub(crate) fn month_label(month: Month, long: bool) -> String {
    let name = month.abbreviation();
    if long {
        format!("{name} {}", month.year())
    } else {
        format!("{name} {:02}", month.year().rem_euclid(100))
    }
}

/// The title of a chart of one month: `Nov 2026 · EUR`.
pub(crate) fn month_title(month: Month, currency: Currency) -> String {
    format!("{} · {}", month_label(month, true), currency.code())
}

/// A day of `month` on an axis: `Nov 8` (long) or `8` (short).
pub(crate) fn day_label(month: Month, day: u32, long: bool) -> String {
    if long {
        format!("{} {day}", month.abbreviation())
    } else {
        day.to_string()
    }
}

/// A day of the month as an English ordinal: `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`.
pub(crate) fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// A share of a total in tenths of a percent, as `12.3%`; a share too small to show as `0.1%` is
/// `<0.1%` rather than `0.0%`.
pub(crate) fn percent(part: i64, total: i64) -> String {
    if total <= 0 || part <= 0 {
        return "0%".to_owned();
    }
    let tenths = (i128::from(part) * 1000 + i128::from(total) / 2) / i128::from(total);
    if tenths == 0 {
        "<0.1%".to_owned()
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).expect("known currency")
    }

    #[test]
    fn amounts_are_grouped_in_thousands_with_the_code() {
        let eur = Currency::EUR;
        assert_eq!(format_money(1, eur), "0.01 EUR");
        assert_eq!(format_money(99, eur), "0.99 EUR");
        assert_eq!(format_money(100_000, eur), "1,000.00 EUR");
        assert_eq!(format_money(123_456, eur), "1,234.56 EUR");
        assert_eq!(format_money(99_999, eur), "999.99 EUR");
        assert_eq!(format_money(1_000_000_000, eur), "10,000,000.00 EUR");
        assert_eq!(format_money(-123_456_789, eur), "-1,234,567.89 EUR");
        assert_eq!(format_money(i64::MAX, eur), "92,233,720,368,547,758.07 EUR");
        assert_eq!(format_money(1_234_567, cur("JPY")), "1,234,567 JPY");
        assert_eq!(format_money(123, cur("JPY")), "123 JPY");
        assert_eq!(format_money(1_234_567, cur("BHD")), "1,234.567 BHD");
        assert_eq!(format_money(0, eur), "0.00 EUR");
    }

    #[test]
    fn ticks_drop_decimals_only_when_every_tick_is_whole() {
        let eur = Currency::EUR;
        assert_eq!(tick_label(500_000, 100_000, eur), "5,000");
        assert_eq!(tick_label(0, 100, eur), "0");
        assert_eq!(tick_label(250, 50, eur), "2.50");
        assert_eq!(tick_label(3, 1, eur), "0.03");
        assert_eq!(tick_label(20_000, 2_000, cur("JPY")), "20,000");
    }

    #[test]
    fn months_read_short_or_long() {
        let nov = Month::new(2026, 11).expect("valid");
        assert_eq!(month_label(nov, true), "Nov 2026");
        assert_eq!(month_label(nov, false), "Nov 26");
        let jan = Month::new(2005, 1).expect("valid");
        assert_eq!(month_label(jan, false), "Jan 05");
        assert_eq!(month_label(jan, true), "Jan 2005");
        assert_eq!(month_title(nov, Currency::EUR), "Nov 2026 · EUR");
    }

    #[test]
    fn days_read_with_or_without_the_month_and_as_ordinals() {
        let nov = Month::new(2026, 11).expect("valid");
        assert_eq!(day_label(nov, 8, true), "Nov 8");
        assert_eq!(day_label(nov, 29, false), "29");
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 26, 30, 31]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            ordinals,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "26th",
                "30th", "31st"
            ]
        );
    }

    #[test]
    fn percentages_round_to_tenths_and_never_show_zero_for_something() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(5, 5), "100.0%");
        assert_eq!(percent(1, 1_000_000_001), "<0.1%");
        assert_eq!(percent(1, 2000), "0.1%", "0.05% rounds up");
        assert_eq!(percent(0, 10), "0%");
        assert_eq!(percent(i64::MAX, i64::MAX), "100.0%");
    }
}
