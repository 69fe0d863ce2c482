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
            _ => (WINDOWS_1252, TextEncoding::Windows1252, bytes),
        },
    };
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
    fn binary_files_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        assert!(matches!(decode(png, None), Err(ImportError::NotText)));
    }
}
