//! Fuzzes the app's entry point for a dropped text export (`coffer_import::read_file`: encoding,
//! delimiter, limits), then the column proposal and the conversion; and the reading with an encoding
//! the person can force. Asserts the table and expense invariants of the crate's lib.

#![no_main]

use coffer_import::TextEncoding;
use coffer_import_fuzz::{check_conversion, check_table, currencies};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let currency = currencies()[data.len() % 3];
    // What the app starts with: the encoding detected.
    if let Ok(table) = coffer_import::read_file(data, None, None) {
        check_table(&table);
        check_conversion(&table, currency);
    }
    // And one the person may force instead (each run picks one: building CSV readers dominates
    // the cost of a run, and every read builds several).
    let forced = [
        TextEncoding::Utf8,
        TextEncoding::Utf16,
        TextEncoding::Windows1252,
    ][data.first().map_or(0, |b| usize::from(*b)) % 3];
    if let Ok(table) = coffer_import::read_file(data, Some(forced), None) {
        check_table(&table);
    }
});
