//! The rules for profile names: what the person sees in the profile picker must be plain, short text.

/// Longest accepted profile name, in characters, after trimming.
pub const MAX_NAME_CHARS: usize = 40;

/// Checks a profile name and returns it trimmed, or the reason it is refused.
///
/// A name is trimmed of surrounding whitespace, must then be 1–[`MAX_NAME_CHARS`] characters long and must
/// not contain control characters, line/paragraph separators, or invisible formatting characters
/// (bidirectional overrides, zero-width characters) that could make two names look alike or reorder the
/// text around them.
pub(crate) fn validate_name(name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("it is empty".into());
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(format!("it is longer than {MAX_NAME_CHARS} characters"));
    }
    if trimmed.chars().any(is_forbidden) {
        return Err("it contains control or invisible formatting characters".into());
    }
    Ok(trimmed.to_owned())
}

fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
                | '\u{2028}'..='\u{202E}' // line/paragraph separators, bidi embeddings and overrides
                | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, bidi isolates
                | '\u{FEFF}' // zero-width no-break space
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_ordinary_names() {
        assert_eq!(validate_name("  Alice  ").as_deref(), Ok("Alice"));
        assert_eq!(
            validate_name("Zoë & Sørensen").as_deref(),
            Ok("Zoë & Sørensen")
        );
        let forty = "é".repeat(40);
        assert_eq!(
            validate_name(&forty).as_deref(),
            Ok(forty.as_str()),
            "40 characters, 80 bytes"
        );
    }

    #[test]
    fn refuses_empty_long_and_control_names() {
        assert!(validate_name("").is_err());
        assert!(validate_name(" \t\n ").is_err());
        assert!(validate_name(&"a".repeat(41)).is_err());
        for bad in [
            "a\u{0}b",
            "a\nb",
            "a\u{7f}b",
            "a\u{202E}b",
            "a\u{200B}b",
            "a\u{2028}b",
            "\u{FEFF}ab",
        ] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
    }
}
