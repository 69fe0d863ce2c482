//! Bytes of a text export to a string: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, or — when the bytes are not valid UTF-8 — the legacy single-byte encoding
//! banks still export (Windows-1252). Binary files are refused rather than decoded into garbage.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::ImportError;

/// The text encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 (little or big endian), recognised by its byte-order mark.
    Utf16,
    /// Windows-1252 (a superset of ISO-8859-1), for bytes that are not UTF-8.
    Windows1252,
}

/// Decodes `bytes`; `forced` overrides the detection (the person chose an encoding).
pub fn decode(
    bytes: &[u8],
    forced: Option<TextEncoding>,
) -> Result<(String, TextEncoding), ImportError> {
    let (encoding, kind, body): (&'static Encoding, TextEncoding, &[u8]) = match forced {
        Some(TextEncoding::Utf8) => (UTF_8, TextEncoding::Utf8, bytes),
        Some(TextEncoding::Windows1252) => (WINDOWS_1252, TextEncoding::Windows1252, bytes),
        Some(TextEncoding::Utf16) | None => match Encoding::for_bom(bytes) {
            Some((enc, bom)) if enc == UTF_8 => (UTF_8, TextEncoding::Utf8, &bytes[bom..]),
            Some((enc, bom)) if enc == UTF_16LE || enc == UTF_16BE => {
                (enc, TextEncoding::Utf16, &bytes[bom..])
            }
            _ if forced.is_some() => return Err(ImportError::NotText),
            _ if std::str::from_utf8(bytes).is_ok() => (UTF_8, TextEncoding::Utf8, bytes),
            _ => {
                if let Some(line) = damaged_utf8(bytes) {
                    return Err(ImportError::NotUtf8 { line });
                }
                (WINDOWS_1252, TextEncoding::Windows1252, bytes)
            }
        },
    };
    if kind == TextEncoding::Utf8
        && let Err(err) = std::str::from_utf8(body)
    {
        // Only where the person chose UTF-8: detection took valid UTF-8 only.
        return Err(ImportError::NotUtf8 {
            line: line_of(body, err.valid_up_to()),
        });
    }
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    // NUL and most C0 controls never appear in a text export; a few of them mean a binary file
    // (a PDF, an image, a zip) was dropped by mistake.
    let controls = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if malformed && kind != TextEncoding::Windows1252 || controls > 8 {
        return Err(ImportError::NotText);
    }
    Ok((text.into_owned(), kind))
}

/// The line of the first byte that is not UTF-8, when `bytes` (which are not all UTF-8) are
/// still mostly UTF-8: at least as many characters beyond ASCII read as UTF-8 as there are
/// sequences that do not. Such a file is UTF-8 with a few damaged bytes (a cut, a copy from
/// elsewhere), not Windows-1252: read as Windows-1252, every accented letter of it would turn
/// into two wrong ones without a word, so it is refused with the line to fix. Windows-1252 text
/// almost never forms valid UTF-8 sequences (an accented capital followed by a symbol).
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut valid, mut invalid, mut first) = (0usize, 0usize, None);
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first.get_or_insert(at);
        }
        at += chunk.invalid().len();
    }
    first
        .filter(|_| valid >= invalid)
        .map(|at| line_of(bytes, at))
}

/// The 1-based line of byte `at`, counting line breaks as the table reader does.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at]
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || *b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (text, enc) = decode("Datum;Betrag\n".as_bytes(), None).expect("utf-8");
        assert_eq!((text.as_str(), enc), ("Datum;Betrag\n", TextEncoding::Utf8));
        let (text, _) = decode(b"\xEF\xBB\xBFDate,Amount\n", None).expect("utf-8 with bom");
        assert_eq!(
            text, "Date,Amount\n",
            "the BOM is not part of the first header"
        );
    }

    #[test]
    fn utf16_needs_its_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Café,12".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, enc) = decode(&bytes, None).expect("utf-16le");
        assert_eq!((text.as_str(), enc), ("Café,12", TextEncoding::Utf16));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        // "Müller;€ 5" in Windows-1252: ü = 0xFC, € = 0x80.
        let (text, enc) = decode(b"M\xFCller;\x80 5", None).expect("cp1252");
        assert_eq!(
            (text.as_str(), enc),
            ("Müller;€ 5", TextEncoding::Windows1252)
        );
    }

    #[test]
    fn utf8_with_a_damaged_byte_names_its_line() {
        // A UTF-8 file whose line 3 lost a byte: read as Windows-1252 it would import
        // "BÃ¤ckerei" without a word.
        let damaged = "Datum;Empfänger;Betrag\nBäckerei;x;1\r\nM\u{fc}ller"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"\xC3;y;2\n")
            .collect::<Vec<u8>>();
        assert!(matches!(
            decode(&damaged, None),
            Err(ImportError::NotUtf8 { line: 3 })
        ));
        assert!(matches!(
            decode(&damaged, Some(TextEncoding::Utf8)),
            Err(ImportError::NotUtf8 { line: 3 })
        ));
        let (text, enc) = decode(&damaged, Some(TextEncoding::Windows1252)).expect("chosen");
        assert_eq!(enc, TextEncoding::Windows1252);
        assert!(text.contains("BÃ¤ckerei"), "what the person chose");
        // ASCII with one stray byte, and Windows-1252 text, are Windows-1252.
        assert_eq!(
            decode(b"a;b\nc\xFF;d\n", None).expect("cp1252").1,
            TextEncoding::Windows1252
        );
        assert!(matches!(
            decode(b"a\r\xFF", Some(TextEncoding::Utf8)),
            Err(ImportError::NotUtf8 { line: 2 })
        ));
    }

    #[test]
    fn binary_files_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        assert!(matches!(decode(png, None), Err(ImportError::NotText)));
    }
}
