//! Amounts as banks write them: `-1.234,56`, `1,234.56`, `1 234,56 €`, `(12.00)`, `12.00-`,
//! `−5`, `$3.50`. The decimal mark is decided from the whole column, like dates: a column with
//! `1.234,56` is comma-decimal even if another value reads `12,5`. Results are signed minor units;
//! more decimals than the currency has are refused, never rounded.

use coffer_ledger::Currency;

/// Which character separates the decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`.
    Dot,
    /// `1.234,56`.
    Comma,
}

/// Strips currency symbols, codes, spaces and signs; returns the digits-and-marks core and
/// whether the value is negative. `None` when nothing numeric is left or stray characters remain.
fn split_sign(text: &str) -> Option<(String, bool)> {
    let mut core = String::new();
    let mut negative = false;
    let trimmed = text.trim();
    let (body, parens) = match trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (trimmed, false),
    };
    let mut letters = String::new();
    for c in body.chars() {
        match c {
            '0'..='9' | '.' | ',' | '\'' => core.push(c),
            '-' | '\u{2212}' => negative = true,
            '+' => {}
            ' ' | '\u{a0}' | '\u{202f}' => {
                // A space inside digits is a thousands separator; elsewhere it is padding.
                if !core.is_empty() {
                    core.push(' ');
                }
            }
            '€' | '$' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₫' | '₪' | '¢' => {}
            c if c.is_alphabetic() => letters.push(c),
            _ => return None,
        }
    }
    // A currency code (EUR, USD…) may sit before or after the number; other words may not.
    if !(letters.is_empty()
        || letters.len() == 3 && letters.chars().all(|c| c.is_ascii_uppercase()))
    {
        return None;
    }
    let core = core.trim_end().to_owned();
    if !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((core, negative || parens))
}

/// What one value says about the decimal mark, if anything.
fn vote(core: &str) -> Option<DecimalMark> {
    let last_dot = core.rfind('.');
    let last_comma = core.rfind(',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c {
            DecimalMark::Dot
        } else {
            DecimalMark::Comma
        }),
        (Some(i), None) | (None, Some(i)) => {
            let mark = if last_dot.is_some() {
                DecimalMark::Dot
            } else {
                DecimalMark::Comma
            };
            let count = core.matches(core.as_bytes()[i] as char).count();
            let after = core.len() - i - 1;
            // `1,234` or `1.234` could be either; twice (`1.234.567`) is thousands.
            if count > 1 {
                Some(if mark == DecimalMark::Dot {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Dot
                })
            } else if after == 3 {
                None
            } else {
                Some(mark)
            }
        }
        (None, None) => None,
    }
}

/// Counts what the values of a column say about the decimal mark, one value at a time.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkVotes {
    dot: usize,
    comma: usize,
}

impl MarkVotes {
    /// Takes one value into account.
    pub fn feed(&mut self, value: &str) {
        match split_sign(value).as_ref().and_then(|(core, _)| vote(core)) {
            Some(DecimalMark::Dot) => self.dot += 1,
            Some(DecimalMark::Comma) => self.comma += 1,
            None => {}
        }
    }

    /// The mark the values agree on (`Dot` when nothing tells).
    pub fn finish(self) -> DecimalMark {
        if self.comma > self.dot {
            DecimalMark::Comma
        } else {
            DecimalMark::Dot
        }
    }
}

/// The decimal mark that the values of a column agree on (`Dot` when nothing tells).
pub fn detect_mark<'a>(values: impl Iterator<Item = &'a str>) -> DecimalMark {
    let mut votes = MarkVotes::default();
    values.for_each(|v| votes.feed(v));
    votes.finish()
}

/// Why a value is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountProblem {
    /// Not a number.
    NotANumber,
    /// More decimals than the currency has.
    TooManyDecimals(u8),
    /// Too large.
    TooLarge,
}

impl std::fmt::Display for AmountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmountProblem::NotANumber => f.write_str("not an amount"),
            AmountProblem::TooManyDecimals(n) => write!(f, "more than {n} decimals"),
            AmountProblem::TooLarge => f.write_str("too large"),
        }
    }
}

/// Reads `text` with `mark` as the decimal mark, in `currency`'s minor units, signed.
pub fn parse(text: &str, mark: DecimalMark, currency: Currency) -> Result<i64, AmountProblem> {
    let (core, negative) = split_sign(text).ok_or(AmountProblem::NotANumber)?;
    let (decimal, thousands) = match mark {
        DecimalMark::Dot => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    let mut parts = core.split(decimal);
    let whole: String = parts
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'') && *c != thousands)
        .collect();
    let fraction = parts.next().unwrap_or("");
    if parts.next().is_some()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || whole.is_empty() && fraction.is_empty()
    {
        return Err(AmountProblem::NotANumber);
    }
    let digits = currency.minor_units();
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > usize::from(digits) {
        return Err(AmountProblem::TooManyDecimals(digits));
    }
    let scaled = format!("{whole}{fraction:0<width$}", width = usize::from(digits));
    let minor: i64 = if scaled.is_empty() {
        0
    } else {
        scaled.parse().map_err(|_| AmountProblem::TooLarge)?
    };
    if minor > coffer_ledger::MAX_AMOUNT {
        return Err(AmountProblem::TooLarge);
    }
    Ok(if negative { -minor } else { minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::from_code("EUR").expect("known")
    }

    #[test]
    fn bank_styles_read_as_signed_minor_units() {
        let cases = [
            ("-1.234,56", DecimalMark::Comma, -123_456),
            ("1,234.56", DecimalMark::Dot, 123_456),
            ("1 234,56 €", DecimalMark::Comma, 123_456),
            ("(12.00)", DecimalMark::Dot, -1_200),
            ("12.00-", DecimalMark::Dot, -1_200),
            ("\u{2212}5", DecimalMark::Dot, -500),
            ("$3.5", DecimalMark::Dot, 350),
            ("EUR 7,10", DecimalMark::Comma, 710),
            ("1'234.50", DecimalMark::Dot, 123_450),
            ("+0,99", DecimalMark::Comma, 99),
            ("12.300", DecimalMark::Dot, 1_230),
        ];
        for (text, mark, expected) in cases {
            assert_eq!(parse(text, mark, eur()), Ok(expected), "{text}");
        }
    }

    #[test]
    fn nonsense_and_precision_loss_are_refused() {
        assert_eq!(
            parse("12.345", DecimalMark::Dot, eur()),
            Err(AmountProblem::TooManyDecimals(2))
        );
        assert_eq!(
            parse("abc", DecimalMark::Dot, eur()),
            Err(AmountProblem::NotANumber)
        );
        assert_eq!(
            parse("1e5", DecimalMark::Dot, eur()),
            Err(AmountProblem::NotANumber)
        );
        assert_eq!(
            parse("=1+1", DecimalMark::Dot, eur()),
            Err(AmountProblem::NotANumber)
        );
        assert_eq!(
            parse("1.2.3", DecimalMark::Comma, eur()),
            Ok(12_300),
            "dots are thousands here"
        );
        assert_eq!(
            parse("99999999999999999999", DecimalMark::Dot, eur()),
            Err(AmountProblem::TooLarge)
        );
    }

    /// Writes `minor` cents the way a bank with `mark` would, with thousands groups.
    fn bank_style(minor: i64, mark: DecimalMark, style: u8) -> String {
        let (decimal, thousands) = match mark {
            DecimalMark::Dot => ('.', ','),
            DecimalMark::Comma => (',', '.'),
        };
        let digits = minor.unsigned_abs() / 100;
        let mut whole = String::new();
        for (i, c) in digits.to_string().chars().rev().enumerate() {
            if i > 0 && i % 3 == 0 {
                whole.push(thousands);
            }
            whole.push(c);
        }
        let whole: String = whole.chars().rev().collect();
        let number = format!("{whole}{decimal}{:02}", minor.unsigned_abs() % 100);
        match (minor < 0, style % 4) {
            (false, _) => format!("{number} €"),
            (true, 0) => format!("-{number}"),
            (true, 1) => format!("({number})"),
            (true, 2) => format!("{number}-"),
            (true, _) => format!("\u{2212}{number} EUR"),
        }
    }

    proptest::proptest! {
        #[test]
        fn what_a_bank_writes_reads_back_exactly(
            minor in -coffer_ledger::MAX_AMOUNT..=coffer_ledger::MAX_AMOUNT,
            comma in proptest::bool::ANY,
            style in 0u8..4,
        ) {
            let mark = if comma { DecimalMark::Comma } else { DecimalMark::Dot };
            let text = bank_style(minor, mark, style);
            proptest::prop_assert_eq!(parse(&text, mark, eur()), Ok(minor), "{}", text);
        }
    }

    #[test]
    fn the_column_decides_the_mark() {
        let german = ["-1.234,56", "-12,5", "3.000"];
        assert_eq!(detect_mark(german.iter().copied()), DecimalMark::Comma);
        let english = ["1,234.56", "12.5", "3,000"];
        assert_eq!(detect_mark(english.iter().copied()), DecimalMark::Dot);
        let unclear = ["1,234", "5"];
        assert_eq!(detect_mark(unclear.iter().copied()), DecimalMark::Dot);
    }
}
