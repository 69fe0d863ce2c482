//! Money as integer minor units of an ISO 4217 currency: parsing what people and bank exports write,
//! and the plain decimal form files use. Floats never touch an amount.

use std::fmt;

/// The largest amount one expense may have, in minor units (999,999,999.99 in a two-decimal
/// currency). A million such expenses still sum far inside `i64`.
pub const MAX_AMOUNT: i64 = 99_999_999_999;

/// An ISO 4217 currency and the number of digits of its minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    minor_units: u8,
}

/// Currencies with no minor unit in ISO 4217.
const ZERO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];

/// Currencies with three decimals in ISO 4217.
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// Currencies with two decimals in ISO 4217 (the common case).
const TWO_DECIMALS: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY",
    "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
    "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR",
    "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP",
    "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
    "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "XCG", "YER", "ZAR",
    "ZMW", "ZWG",
];

impl Currency {
    /// The euro, the currency a ledger starts with until its profile chooses one.
    pub const EUR: Currency = Currency {
        code: "EUR",
        minor_units: 2,
    };

    /// The currency with this ISO 4217 code (upper case), if Coffer knows it.
    pub fn from_code(code: &str) -> Option<Currency> {
        [(ZERO_DECIMALS, 0), (TWO_DECIMALS, 2), (THREE_DECIMALS, 3)]
            .into_iter()
            .find_map(|(list, minor_units)| {
                list.iter()
                    .find(|c| **c == code)
                    .map(|code| Currency { code, minor_units })
            })
    }

    /// Every currency Coffer knows, sorted by code.
    pub fn all() -> Vec<Currency> {
        let mut all: Vec<Currency> = [ZERO_DECIMALS, TWO_DECIMALS, THREE_DECIMALS]
            .into_iter()
            .flatten()
            .filter_map(|code| Currency::from_code(code))
            .collect();
        all.sort_by_key(|c| c.code);
        all
    }

    /// The ISO 4217 code, e.g. `"EUR"`.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// Digits of the minor unit: 0 for JPY, 2 for EUR, 3 for BHD.
    pub fn minor_units(self) -> u8 {
        self.minor_units
    }

    fn scale(self) -> i64 {
        10_i64.pow(u32::from(self.minor_units))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing was written.
    #[error("enter an amount")]
    Empty,
    /// Not a number.
    #[error("“{0}” is not an amount; write it like 12.34")]
    NotANumber(String),
    /// More decimals than the currency has.
    #[error("{code} amounts have {}", match minor_units {
        0 => "no decimal places".to_owned(),
        n => format!("at most {n} decimal places"),
    })]
    TooManyDecimals {
        /// The currency's code.
        code: &'static str,
        /// Its minor-unit digits.
        minor_units: u8,
    },
    /// Zero or negative.
    #[error("the amount must be more than zero")]
    NotPositive,
    /// Above [`MAX_AMOUNT`].
    #[error("the amount is too large: at most {max}")]
    TooLarge {
        /// [`MAX_AMOUNT`], written in the currency.
        max: String,
    },
}

/// Separators people put between groups of thousands, besides `,` and `.`.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// Parses a positive amount of `currency` into minor units.
///
/// Accepts what people and bank exports write: `12.34`, `12,34`, `1,234.56`, `1.234,56`,
/// `1 234,56`, `1'234.56`, `1234`. When both `.` and `,` appear, the last one is the decimal mark.
/// A single `,` followed by exactly three digits in a currency with fewer decimals is a thousands
/// separator (`1,234` is one thousand two hundred and thirty-four euros); otherwise a single mark is the
/// decimal mark, so `12.345` in euros is refused (too many decimals) rather than read as twelve
/// thousand. Signs, exponents and currency symbols are refused, so a typo never becomes a different amount.
pub fn parse_amount(text: &str, currency: Currency) -> Result<i64, AmountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(AmountError::Empty);
    }
    let not_a_number = || AmountError::NotANumber(trimmed.chars().take(40).collect());
    if trimmed.starts_with('-') || trimmed.starts_with('\u{2212}') {
        return Err(AmountError::NotPositive);
    }
    let compact: String = trimmed.chars().filter(|c| !is_group_space(*c)).collect();
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(not_a_number());
    }
    let decimal_mark = match (compact.rfind('.'), compact.rfind(',')) {
        (Some(dot), Some(comma)) => Some(dot.max(comma)),
        (Some(at), None) | (None, Some(at)) => {
            let mark = compact.as_bytes()[at];
            let single = compact.bytes().filter(|b| *b == mark).count() == 1;
            let after = compact.len() - at - 1;
            let thousands = mark == b',' && after == 3 && currency.minor_units < 3;
            (single && !thousands).then_some(at)
        }
        (None, None) => None,
    };
    let (whole, fraction) = match decimal_mark {
        Some(at) => (&compact[..at], &compact[at + 1..]),
        None => (compact.as_str(), ""),
    };
    if fraction.contains(['.', ',']) || (decimal_mark.is_some() && fraction.is_empty()) {
        return Err(not_a_number());
    }
    let whole_digits = grouped_digits(whole).ok_or_else(not_a_number)?;
    let whole_digits = whole_digits.trim_start_matches('0');
    if fraction.len() > usize::from(currency.minor_units) {
        return Err(AmountError::TooManyDecimals {
            code: currency.code,
            minor_units: currency.minor_units,
        });
    }
    let too_large = || AmountError::TooLarge {
        max: format_amount(MAX_AMOUNT, currency),
    };
    let whole_value: i64 = if whole_digits.is_empty() {
        0
    } else if whole_digits.len() > 15 {
        return Err(too_large());
    } else {
        whole_digits.parse().map_err(|_| not_a_number())?
    };
    let mut fraction_value: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| not_a_number())?
    };
    for _ in fraction.len()..usize::from(currency.minor_units) {
        fraction_value *= 10;
    }
    let minor = whole_value
        .checked_mul(currency.scale())
        .and_then(|w| w.checked_add(fraction_value))
        .ok_or_else(too_large)?;
    if minor == 0 {
        return Err(AmountError::NotPositive);
    }
    if minor > MAX_AMOUNT {
        return Err(too_large());
    }
    Ok(minor)
}

/// The digits of `whole`, if it is plain digits or correctly grouped in threes by `,` or `.`.
fn grouped_digits(whole: &str) -> Option<String> {
    if whole.is_empty() {
        return Some(String::new());
    }
    let groups: Vec<&str> = whole.split(['.', ',']).collect();
    let first_ok =
        !groups[0].is_empty() && groups[0].len() <= if groups.len() > 1 { 3 } else { 64 };
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
}

/// Writes `minor` units of `currency` as a plain decimal (`1234.50`, `1234` for JPY): the form CSV files
/// and the benchmark use. Display formatting with grouping and symbols is the UI's job (`Intl`).
pub fn format_amount(minor: i64, currency: Currency) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let magnitude = minor.unsigned_abs();
    let scale = currency.scale().unsigned_abs();
    if currency.minor_units == 0 {
        return format!("{sign}{magnitude}");
    }
    format!(
        "{sign}{}.{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = usize::from(currency.minor_units)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).expect("known currency")
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(cur("JPY").minor_units(), 0);
        assert_eq!(cur("EUR").minor_units(), 2);
        assert_eq!(cur("USD").minor_units(), 2);
        assert_eq!(cur("BHD").minor_units(), 3);
        assert_eq!(cur("KWD").minor_units(), 3);
        assert_eq!(Currency::from_code("eur"), None, "codes are upper case");
        assert_eq!(Currency::from_code("XYZ"), None);
        let all = Currency::all();
        assert!(all.len() > 150, "the common ISO 4217 currencies are there");
        assert!(
            all.windows(2).all(|w| w[0].code() < w[1].code()),
            "sorted, and no code is listed twice"
        );
    }

    #[test]
    fn amounts_parse_into_minor_units_per_currency() {
        let eur = cur("EUR");
        for (text, minor) in [
            ("12.34", 1234),
            ("12,34", 1234),
            ("12.3", 1230),
            ("12", 1200),
            ("0.01", 1),
            (".5", 50),
            ("1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1 234,56", 123_456),
            ("1\u{a0}234,56", 123_456),
            ("1'234.56", 123_456),
            ("1,234", 123_400),
            ("1,234.5", 123_450),
            ("1,234,567", 123_456_700),
            ("1.234.567,89", 123_456_789),
            ("  7.00 ", 700),
            ("999999999.99", MAX_AMOUNT),
        ] {
            assert_eq!(parse_amount(text, eur), Ok(minor), "EUR {text:?}");
        }
        let jpy = cur("JPY");
        assert_eq!(parse_amount("1500", jpy), Ok(1500));
        assert_eq!(parse_amount("1,500", jpy), Ok(1500));
        assert_eq!(
            parse_amount("15.5", jpy),
            Err(AmountError::TooManyDecimals {
                code: "JPY",
                minor_units: 0
            })
        );
        let bhd = cur("BHD");
        assert_eq!(
            parse_amount("1.234", bhd),
            Ok(1234),
            "three decimals in BHD"
        );
        assert_eq!(parse_amount("1,5", bhd), Ok(1500));
        assert_eq!(
            parse_amount("1,234", bhd),
            Ok(1234),
            "a single comma is decimal in BHD"
        );
        assert_eq!(parse_amount("2", bhd), Ok(2000));
    }

    #[test]
    fn bad_amounts_are_refused_with_the_reason() {
        let eur = cur("EUR");
        assert_eq!(parse_amount("", eur), Err(AmountError::Empty));
        assert_eq!(parse_amount("   ", eur), Err(AmountError::Empty));
        assert_eq!(parse_amount("0", eur), Err(AmountError::NotPositive));
        assert_eq!(parse_amount("0.00", eur), Err(AmountError::NotPositive));
        assert_eq!(parse_amount("-5", eur), Err(AmountError::NotPositive));
        assert_eq!(parse_amount("−5", eur), Err(AmountError::NotPositive));
        assert_eq!(
            parse_amount("12.345", eur),
            Err(AmountError::TooManyDecimals {
                code: "EUR",
                minor_units: 2
            })
        );
        assert_eq!(
            parse_amount("1000000000", eur),
            Err(AmountError::TooLarge {
                max: "999999999.99".into()
            })
        );
        assert_eq!(parse_amount("0000000000000000012", eur), Ok(1200));
        assert!(matches!(
            parse_amount("12,3456", eur),
            Err(AmountError::TooManyDecimals { .. })
        ));
        assert!(matches!(
            parse_amount("99999999999999999999999", eur),
            Err(AmountError::TooLarge { .. })
        ));
        for bad in [
            "abc",
            "12a",
            "1e5",
            "$12",
            "12€",
            "+5",
            "1..2",
            "1.2.3,4,5",
            "12.",
            ",",
            "1,23,456",
            "NaN",
            "0x10",
            "1;2",
            "1 2 3.4.5",
        ] {
            assert!(
                matches!(parse_amount(bad, eur), Err(AmountError::NotANumber(_))),
                "{bad:?} → {:?}",
                parse_amount(bad, eur)
            );
        }
    }

    #[test]
    fn plain_formatting_round_trips() {
        for code in ["JPY", "EUR", "BHD"] {
            let c = cur(code);
            for minor in [1, 9, 10, 99, 100, 101, 12_345, 1_000_000, MAX_AMOUNT] {
                let text = format_amount(minor, c);
                assert!(!text.contains(','), "no grouping in plain form");
                assert_eq!(parse_amount(&text, c), Ok(minor), "{code} {text}");
            }
        }
        assert_eq!(format_amount(1234, cur("EUR")), "12.34");
        assert_eq!(format_amount(5, cur("EUR")), "0.05");
        assert_eq!(format_amount(1234, cur("JPY")), "1234");
        assert_eq!(format_amount(1234, cur("BHD")), "1.234");
        assert_eq!(format_amount(-1234, cur("EUR")), "-12.34");
    }
}
