//! Import and export over IPC, with real files in a temporary directory: preview, commit as one
//! batch, duplicates, problems, ambiguous dates, unknown categories, Undo import, budget alerts
//! once per import, and export → import reproducing the same expenses.

use serde_json::{Value, json};

use super::{Harness, category_id, code, harness_at, import_request, invoke, unlocked};

/// A German bank export (Windows-1252, semicolons, preamble, `-1.234,56`, DD.MM.YYYY).
const GERMAN: &[u8] = b"Kontoinhaber;Erika Mustermann\r\n\
\r\n\
Buchungstag;Verwendungszweck;Kategorie;Betrag (EUR)\r\n\
03.03.2025;B\xe4ckerei M\xfcller;Groceries;-4,20\r\n\
05.03.2025;Gehalt M\xe4rz;;2.500,00\r\n\
14.03.2025;Superm\xe4rkt Filiale 12;Lebensmittel;-1.234,56\r\n\
20.03.2025;Stadtwerke Strom;Nebenkosten;-85,00\r\n\
;Kontostand;;1.176,24\r\n";

/// Writes `bytes` as `name` in the harness's directory and returns its path.
fn file(h: &Harness, name: &str, bytes: &[u8]) -> String {
    let path = h.dir.path().join(name);
    std::fs::write(&path, bytes).expect("fixture written");
    path.to_string_lossy().into_owned()
}

fn preview(h: &Harness, request: Value) -> Result<Value, Value> {
    invoke(&h.main, "import_preview", json!({ "request": request }))
}

fn commit(h: &Harness, preview: Value, extra: Value) -> Result<Value, Value> {
    let mut request = json!({
        "preview": preview,
        "includeDuplicates": [],
        "categories": [],
        "defaultCategoryId": category_id(h, "Other"),
        "leaveOutProblems": false,
    });
    for (key, value) in extra.as_object().expect("overrides") {
        request[key] = value.clone();
    }
    invoke(&h.main, "import_commit", json!({ "request": request }))
}

fn expense_count(h: &Harness) -> i64 {
    let filter = json!({"from": null, "to": null, "categories": [], "minAmount": null, "maxAmount": null, "text": null});
    invoke(&h.main, "expense_totals", json!({ "filter": filter })).expect("totals")["count"]
        .as_i64()
        .expect("a count")
}

#[test]
fn a_bank_export_is_previewed_imported_once_and_undone() {
    let h = harness_at("2025-03-25");
    unlocked(&h, "EUR");
    let path = file(&h, "umsaetze-maerz.csv", GERMAN);
    let p = preview(&h, import_request(&path)).expect("previewed");
    assert_eq!(
        p["fileName"], "umsaetze-maerz.csv",
        "the name, never the path"
    );
    assert_eq!(p["encoding"], "windows1252");
    assert_eq!(p["dateFormat"], "dayMonthYear");
    assert_eq!(p["sign"], "spendingNegative");
    assert_eq!(p["rowCount"], 3);
    assert_eq!(p["total"], 132_376);
    assert_eq!(p["skippedCount"], 2, "the salary and the balance row");
    assert_eq!(p["problemCount"], 0);
    assert_eq!(p["rows"][0]["description"], "Bäckerei Müller");
    assert_eq!(p["rows"][0]["line"], 4);
    let unknown: Vec<&str> = p["unknownCategories"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    assert_eq!(unknown, ["Lebensmittel", "Nebenkosten"]);
    assert_eq!(expense_count(&h), 0, "a preview writes nothing");

    // Lebensmittel goes to Groceries; Nebenkosten is created.
    let groceries = category_id(&h, "Groceries");
    let batch = commit(
        &h,
        import_request(&path),
        json!({"categories": [{"name": "Lebensmittel", "categoryId": groceries}]}),
    )
    .expect("imported");
    assert_eq!(
        (batch["count"].as_i64(), batch["total"].as_i64()),
        (Some(3), Some(132_376))
    );
    assert_eq!(expense_count(&h), 3);
    category_id(&h, "Nebenkosten");

    // The same file again: every row is a likely duplicate and nothing is imported by default.
    let again = preview(&h, import_request(&path)).expect("previewed");
    assert_eq!(again["duplicateCount"], 3);
    assert_eq!(again["total"], 0);
    let err = commit(&h, import_request(&path), json!({})).expect_err("nothing new");
    assert_eq!(code(&err), "nothing_to_import");
    // Ticking one duplicate imports exactly that one.
    commit(&h, import_request(&path), json!({"includeDuplicates": [4]})).expect("imported");
    assert_eq!(expense_count(&h), 4);

    let batches = invoke(&h.main, "import_batches", json!({})).expect("listed");
    assert_eq!(batches.as_array().map(Vec::len), Some(2));
    let removed = invoke(&h.main, "undo_import", json!({"id": batch["id"]})).expect("undone");
    assert_eq!(removed, 3);
    assert_eq!(
        expense_count(&h),
        1,
        "only the other import's expense is left"
    );
    let err = invoke(&h.main, "undo_import", json!({"id": batch["id"]})).expect_err("gone");
    assert_eq!(code(&err), "unknown_import");
}

#[test]
fn bad_files_and_rows_are_refused_and_change_nothing() {
    let h = harness_at("2025-03-25");
    unlocked(&h, "EUR");
    let missing = h
        .dir
        .path()
        .join("vanished.csv")
        .to_string_lossy()
        .into_owned();
    let err = preview(&h, import_request(&missing)).expect_err("no such file");
    assert_eq!(code(&err), "import_unreadable");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("vanished.csv")),
        "{err}"
    );

    let png = file(
        &h,
        "photo.csv",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    assert_eq!(
        code(&preview(&h, import_request(&png)).expect_err("binary")),
        "import_unreadable"
    );

    let words = file(&h, "notes.csv", b"just some words\nand more\n");
    assert_eq!(
        code(&preview(&h, import_request(&words)).expect_err("no columns")),
        "invalid_columns"
    );

    // One bad date: listed with its line and column; importing needs the person's consent.
    let bad = file(
        &h,
        "card.csv",
        b"Date,Description,Amount\n2025-03-01,Coffee,3.50\n2025-02-30,Cake,4.00\n",
    );
    let p = preview(&h, import_request(&bad)).expect("previewed");
    assert_eq!(p["problemCount"], 1);
    assert_eq!(
        p["problems"][0],
        json!({"line": 3, "column": "Date", "reason": "“2025-02-30” is not a date"})
    );
    let err = commit(&h, import_request(&bad), json!({})).expect_err("problems");
    assert_eq!(code(&err), "import_problems");
    assert_eq!(expense_count(&h), 0, "all or nothing");
    commit(&h, import_request(&bad), json!({"leaveOutProblems": true})).expect("the rest");
    assert_eq!(expense_count(&h), 1);

    // Ambiguous dates: the person must choose.
    let unclear = file(
        &h,
        "unclear.csv",
        b"Date,Description,Amount\n03/04/2025,A,1\n05/06/2025,B,2\n",
    );
    let p = preview(&h, import_request(&unclear)).expect("previewed");
    assert_eq!(p["dateFormat"], Value::Null);
    assert_eq!(p["dateFormats"], json!(["dayMonthYear", "monthDayYear"]));
    assert_eq!(
        p["rowCount"], 0,
        "no row is read before the format is chosen"
    );
    let err = commit(&h, import_request(&unclear), json!({})).expect_err("choose first");
    assert_eq!(code(&err), "ambiguous_dates");
    let mut chosen = import_request(&unclear);
    chosen["dateFormat"] = json!("monthDayYear");
    let p = preview(&h, chosen.clone()).expect("previewed");
    assert_eq!(p["rows"][1]["date"], "2025-05-06");

    // Columns that do not exist.
    let mut columns = import_request(&unclear);
    columns["columns"] = json!({"date": 0, "amount": 9, "debit": null, "credit": null,
        "description": 1, "category": null, "notes": null, "paymentMethod": null});
    assert_eq!(
        code(&preview(&h, columns).expect_err("no column 10")),
        "invalid_columns"
    );
}

#[test]
fn an_import_that_crosses_a_budget_alerts_once() {
    let h = harness_at("2025-03-25");
    unlocked(&h, "EUR");
    let seen = super::budgets::alerts(&h);
    invoke(
        &h.main,
        "set_budget",
        json!({"request": {"categoryId": null, "month": "2025-03", "span": "fromThisMonthOn", "amount": "1000", "rollover": false}}),
    )
    .expect("budget");
    let path = file(&h, "march.csv", GERMAN);
    commit(&h, import_request(&path), json!({})).expect("imported");
    let events = super::budgets::take(&seen);
    assert_eq!(events.len(), 1, "one import, one event: {events:?}");
    let thresholds: Vec<&Value> = events[0]["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| &a["threshold"])
        .collect();
    assert_eq!(thresholds, [&json!(80), &json!(100)]);
}

#[test]
fn export_then_import_reproduces_the_same_expenses() {
    let h = harness_at("2025-03-25");
    unlocked(&h, "JPY");
    let groceries = category_id(&h, "Groceries");
    for (date, amount, description, notes) in [
        (
            "2025-03-01",
            "1200",
            "Rice, 5 kg \"premium\"",
            "multi\nline",
        ),
        ("2025-03-02", "980", "-5 discount =SUM(A1)", ""),
        ("2024-12-31", "15000", "@home party", "+notes"),
    ] {
        let input = json!({"date": date, "amount": amount, "categoryId": groceries,
            "description": description, "notes": notes, "paymentMethod": "Card"});
        invoke(&h.main, "add_expense", json!({ "input": input })).expect("added");
    }
    let csv = h.dir.path().join("out.csv").to_string_lossy().into_owned();
    let written = invoke(
        &h.main,
        "export_expenses",
        json!({"request": {"path": csv, "format": "csv", "filter": null}}),
    )
    .expect("exported");
    assert_eq!(written, 3);
    let text = std::fs::read_to_string(&csv).expect("written");
    assert!(text.starts_with("Date,Amount,Currency,Category,Description,Notes,Payment method"));
    assert!(
        text.contains("'-5 discount"),
        "formula-like text is neutralised: {text}"
    );

    let xlsx = h.dir.path().join("out.xlsx").to_string_lossy().into_owned();
    invoke(
        &h.main,
        "export_expenses",
        json!({"request": {"path": xlsx, "format": "xlsx", "filter": null}}),
    )
    .expect("exported");
    assert!(
        std::fs::read(&xlsx).expect("written").starts_with(b"PK"),
        "a zip container"
    );

    // Into a fresh profile: the same expenses, exactly.
    let before = super::all_expenses(&h, json!({}), 50);
    let other = harness_at("2025-03-25");
    unlocked(&other, "JPY");
    commit(&other, import_request(&csv), json!({})).expect("imported");
    let after = super::all_expenses(&other, json!({}), 50);
    let essence = |h: &Harness, rows: &[Value]| -> Vec<Value> {
        let list = invoke(&h.main, "categories", json!({})).expect("categories");
        let name = |id: &Value| {
            list["categories"]
                .as_array()
                .expect("list")
                .iter()
                .find(|c| c["id"] == *id)
                .map(|c| c["name"].clone())
                .expect("a known category")
        };
        rows.iter()
            .map(|e| {
                json!([
                    e["date"],
                    e["amount"],
                    name(&e["categoryId"]),
                    e["description"],
                    e["notes"],
                    e["paymentMethod"]
                ])
            })
            .collect()
    };
    assert_eq!(essence(&other, &after), essence(&h, &before));

    // And through the workbook: real date cells and numbers come back the same.
    let third = harness_at("2025-03-25");
    unlocked(&third, "JPY");
    let p = preview(&third, import_request(&xlsx)).expect("previewed");
    assert_eq!(p["sheets"], json!(["Expenses"]));
    assert_eq!(p["skippedCount"], 1, "the totals row: {p}");
    commit(&third, import_request(&xlsx), json!({})).expect("imported");
    let from_xlsx = super::all_expenses(&third, json!({}), 50);
    assert_eq!(essence(&third, &from_xlsx), essence(&h, &before));
}

#[test]
fn the_choices_for_a_header_are_remembered_for_the_next_file() {
    let h = harness_at("2025-06-25");
    unlocked(&h, "EUR");
    let april = file(
        &h,
        "april.csv",
        b"Date,Description,Amount\n03/04/2025,A,1\n05/04/2025,B,2\n",
    );
    let mut chosen = import_request(&april);
    chosen["dateFormat"] = json!("dayMonthYear");
    commit(&h, chosen, json!({})).expect("imported with a chosen format");

    // Next month's export from the same bank: same header, dates just as ambiguous.
    let may = file(
        &h,
        "may.csv",
        b"Date,Description,Amount\n02/05/2025,C,3\n06/05/2025,D,4\n",
    );
    let p = preview(&h, import_request(&may)).expect("previewed");
    assert_eq!(p["remembered"], true);
    assert_eq!(
        p["dateFormat"], "dayMonthYear",
        "no question asked this time"
    );
    assert_eq!(p["rows"][0]["date"], "2025-05-02");
    commit(&h, import_request(&may), json!({})).expect("imported in one click");

    // A different header is not affected.
    let other = file(
        &h,
        "other.csv",
        b"Datum,Text,Betrag\n02/05/2025,E,3\n06/05/2025,F,4\n",
    );
    let p = preview(&h, import_request(&other)).expect("previewed");
    assert_eq!(p["remembered"], false);
    assert_eq!(p["dateFormat"], Value::Null);
}

#[test]
fn a_running_import_reports_progress_and_a_cancel_writes_nothing() {
    use std::sync::{Arc, Mutex};
    use tauri::{Listener as _, Manager as _};

    let h = harness_at("2025-06-25");
    unlocked(&h, "EUR");
    let mut csv = String::from("Date,Description,Amount\n");
    for i in 0..30_000 {
        csv.push_str(&format!(
            "2025-05-{:02},Row {i},{}.50\n",
            i % 28 + 1,
            i % 90 + 1
        ));
    }
    let path = file(&h, "big.csv", csv.as_bytes());

    // Progress arrives while the import runs; the person cancels after the first report.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let state = h.app.state::<coffer_shell::AppState>().inner().clone();
    let sink = Arc::clone(&seen);
    h.app.listen_any("import-progress", move |event| {
        let progress: Value = serde_json::from_str(event.payload()).expect("JSON");
        if progress["phase"] == "writing" && progress["rows"].as_u64().is_some_and(|r| r > 0) {
            state.cancel_import().expect("cancel accepted");
        }
        sink.lock().expect("not poisoned").push(progress);
    });
    let err = commit(&h, import_request(&path), json!({})).expect_err("cancelled");
    assert_eq!(code(&err), "import_cancelled");
    assert_eq!(expense_count(&h), 0, "a cancelled import writes nothing");
    let phases: Vec<Value> = seen.lock().expect("not poisoned").clone();
    assert!(
        phases.contains(&json!({"phase": "writing", "rows": 5000})),
        "progress every 5,000 rows: {phases:?}"
    );

    // The next run starts afresh and completes.
    let done = commit(&h, import_request(&path), json!({})).expect_err("cancelled again");
    assert_eq!(
        code(&done),
        "import_cancelled",
        "the listener cancels every run it sees"
    );
    let p =
        preview(&h, import_request(&path)).expect("a preview is not cancelled by that listener");
    assert_eq!(p["rowCount"], 30_000);
}

#[test]
fn a_file_that_changed_since_its_preview_is_refused_and_no_file_is_read_past_the_limit() {
    let h = harness_at("2025-03-25");
    unlocked(&h, "EUR");
    let path = file(&h, "umsaetze-maerz.csv", GERMAN);
    preview(&h, import_request(&path)).expect("previewed");
    // The bank export is replaced by a longer one after the person looked at it.
    let mut longer = GERMAN.to_vec();
    longer.extend_from_slice(b"21.03.2025;Unseen row;Groceries;-999,00\r\n");
    std::fs::write(&path, &longer).expect("rewritten");
    let err = commit(&h, import_request(&path), json!({})).expect_err("changed");
    assert_eq!(code(&err), "import_unreadable");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("changed since its preview")),
        "{err}"
    );
    assert_eq!(expense_count(&h), 0, "nothing imported");
    // Previewed again, the new content imports.
    let p = preview(&h, import_request(&path)).expect("previewed again");
    assert_eq!(p["rowCount"], 4, "the new row is previewed");
    commit(&h, import_request(&path), json!({})).expect("imported");
    assert_eq!(expense_count(&h), 4);

    // A device that reports no size is read only up to the limit, then refused.
    let err = preview(&h, import_request("/dev/zero")).expect_err("endless");
    assert_eq!(code(&err), "import_unreadable");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("larger than")),
        "{err}"
    );
}
