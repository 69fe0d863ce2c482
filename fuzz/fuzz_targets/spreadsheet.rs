//! Fuzzes the workbook readers (XLSX, XLS, ODS through `coffer_import::spreadsheet`, dispatched
//! by the first bytes as the app does): listing the sheets, reading the first sheet with content
//! and each sheet by name, then proposing and converting. Asserts that what is read is bounded
//! and that the listing and the reading agree.

#![no_main]

use std::cell::RefCell;

use coffer_import::{Source, spreadsheet};
use coffer_import_fuzz::{check_conversion, check_table, currencies};
use libfuzzer_sys::fuzz_target;

thread_local! {
    /// The last panic's message and place.
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

fuzz_target!(
    init: {
        // calamine panics on some malformed records and the importer catches that on purpose
        // (`ImportError::Damaged`); libfuzzer-sys's hook would abort on such a caught panic. This
        // hook only remembers the message: a panic that escapes the importer is reported and
        // aborts below.
        std::panic::set_hook(Box::new(|info| {
            LAST_PANIC.with(|last| *last.borrow_mut() = info.to_string());
        }));
    },
    |data: &[u8]| {
        if std::panic::catch_unwind(|| read(data)).is_err() {
            LAST_PANIC.with(|last| eprintln!("panicked outside the importer's guard: {}", last.borrow()));
            std::process::abort();
        }
    }
);

fn read(data: &[u8]) {
    let listed = spreadsheet::sheets(data);
    if let Ok(table) = spreadsheet::read_sheet(data, None) {
        check_table(&table);
        let Source::Sheet { name } = &table.source else {
            panic!("a workbook reads as a sheet");
        };
        if let Ok(sheets) = &listed {
            assert!(sheets.iter().any(|s| &s.name == name), "{name} is listed");
        }
        check_conversion(&table, currencies()[data.len() % 3]);
    }
    for sheet in listed.into_iter().flatten() {
        if let Ok(table) = spreadsheet::read_sheet(data, Some(&sheet.name)) {
            let rows = check_table(&table);
            assert_eq!(
                rows, sheet.rows,
                "sheet {}: listed and read alike",
                sheet.name
            );
        }
    }
}
