//! End to end in the real window: a bank export CSV and an XLSX workbook dragged from a (GTK)
//! drag source onto Coffer with real XDND events, previewed, imported, listed, and undone.

use serde_json::json;

use crate::desktop::Desktop;
use crate::{
    WAIT, choose_theme, click, create_profile, desktop, fail, modal_closed, read, shot, text_of,
    wait_for, wait_screen,
};

const PASSWORD: &str = "Transfer-e2e-password";

/// A German bank export: Windows-1252, semicolons, a preamble, `-1.234,56`, DD.MM.YYYY.
const GERMAN: &[u8] = b"Kontoinhaber;Erika Mustermann\r\n\
\r\n\
Buchungstag;Verwendungszweck;Betrag (EUR)\r\n\
03.03.2025;B\xe4ckerei M\xfcller;-4,20\r\n\
05.03.2025;Gehalt M\xe4rz;2.500,00\r\n\
14.03.2025;Superm\xe4rkt Filiale 12;-1.234,56\r\n\
20.03.2025;Stadtwerke Strom;-85,00\r\n";

fn rows(d: &Desktop) -> serde_json::Value {
    read(d, "document.querySelectorAll('tr.expense-row').length")
}

/// Drags `path` onto the window and waits for the import dialog's preview.
fn drop_file(d: &Desktop, path: &std::path::Path) {
    d.drag_file(path).unwrap_or_else(|e| fail(d, &e));
    d.app()
        .wait_visible("#import-modal", WAIT)
        .unwrap_or_else(|e| fail(d, &format!("the dropped file opens the import dialog: {e}")));
    d.app()
        .wait_visible("#import-summary", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
}

#[test]
fn dragged_bank_exports_are_previewed_imported_and_undone() {
    let Some(d) = desktop() else { return };
    let files = tempfile::tempdir().expect("temp dir");

    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Dana", PASSWORD);
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");

    // A CSV from the bank, dropped on the window.
    let csv = files.path().join("umsaetze-maerz.csv");
    std::fs::write(&csv, GERMAN).expect("fixture written");
    drop_file(&d, &csv);
    let summary = text_of(&d, "#import-summary");
    assert!(
        summary.contains("3 expenses"),
        "three expenses, the salary left out: {summary}"
    );
    assert!(
        text_of(&d, "#import-rows").contains("Bäckerei Müller"),
        "Windows-1252 is read right"
    );
    shot(&d, "40-import-preview-light");
    click(&d, "#import-commit");
    modal_closed(&d, "import-modal");
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(3),
    );
    shot(&d, "41-expenses-imported-light");

    // Undo import removes exactly those three.
    click(&d, "#toast-undo-import");
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(0),
    );

    // A workbook written by Coffer's own export, dropped the same way.
    let xlsx = files.path().join("card.xlsx");
    let day = |text: &str| text.parse().expect("date");
    let rows_out = [
        coffer_export::ExportRow {
            date: day("2025-03-01"),
            amount: 1_250,
            category: "Dining".into(),
            description: "Lunch".into(),
            notes: None,
            payment_method: Some("Card".into()),
        },
        coffer_export::ExportRow {
            date: day("2025-03-02"),
            amount: 4_999,
            category: "Shopping".into(),
            description: "=HYPERLINK(\"http://x\",\"y\")".into(),
            notes: None,
            payment_method: None,
        },
    ];
    let eur = coffer_ledger::Currency::from_code("EUR").expect("known");
    coffer_export::write_xlsx(&xlsx, eur, &rows_out).expect("workbook written");
    choose_theme(&d, "dark");
    drop_file(&d, &xlsx);
    let summary = text_of(&d, "#import-summary");
    assert!(summary.contains("2 expenses"), "{summary}");
    shot(&d, "42-import-preview-xlsx-dark");
    click(&d, "#import-commit");
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(2),
    );
    let descriptions = read(
        &d,
        "[...document.querySelectorAll('tr.expense-row .expense-description')].map(e => e.textContent).join('|')",
    );
    assert!(
        descriptions
            .as_str()
            .is_some_and(|t| t.contains("=HYPERLINK(\"http://x\",\"y\")")),
        "formula text round-trips as plain text: {descriptions}"
    );
    assert_eq!(rows(&d), json!(2));
    shot(&d, "43-expenses-from-xlsx-dark");
}
