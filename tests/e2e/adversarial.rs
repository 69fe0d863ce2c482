//! The adversarial suite in the real window. Hostile text: 100 script payloads and 30 SQL-injection
//! strings, imported from a bank export and typed into every kind of text field, are shown literally on
//! every screen and none of them runs. Plaintext: 20 distinctive markers typed into every kind of field
//! and imported from a file never reach any file Coffer wrote (its data, WebKit's and GTK's folders,
//! its temporary folder) — nor does the recovery code.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::desktop::Desktop;
use crate::webdriver::ENTER;
use crate::{
    WAIT, choose_theme, click, desktop, fail, files_below, fill, lock_and_return_to_picker,
    modal_closed, open_settings, read, save_recovery_code, shot, text_of, wait_for, wait_screen,
};

/// Script payloads, each trying to set `window.__xss` to its number (templates × 4 wrappings).
fn xss_payloads() -> Vec<String> {
    const TEMPLATES: [&str; 25] = [
        "<script>JS</script>",
        "<img src=x onerror=\"JS\">",
        "<svg onload=\"JS\">",
        "<svg><script>JS</script></svg>",
        "<iframe src=\"javascript:JS\"></iframe>",
        "<a href=\"javascript:JS\">click</a>",
        "<body onload=\"JS\">",
        "<details open ontoggle=\"JS\">",
        "<input autofocus onfocus=\"JS\">",
        "<video><source onerror=\"JS\"></video>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"JS\">",
        "\"><img src=x onerror=\"JS\">",
        "'><svg onload='JS'>",
        "</textarea><img src=x onerror=\"JS\">",
        "</title><img src=x onerror=\"JS\">",
        "${JS}",
        "{{constructor.constructor('JS')()}}",
        "<style>@import 'javascript:JS';</style>",
        "<div style=\"background:url(javascript:JS)\">x</div>",
        "<object data=\"javascript:JS\"></object>",
        "<embed src=\"javascript:JS\">",
        "<marquee onstart=\"JS\">x</marquee>",
        "javascript:JS",
        "<img src=x:x onerror=\"JS\">",
        "<svg><animate onbegin=\"JS\" attributeName=x dur=1s>",
    ];
    const WRAPPINGS: [(&str, &str); 4] = [("", ""), ("Lunch ", ""), ("", " 12,50 EUR"), ("«", "»")];
    let mut out = Vec::new();
    for (w, (before, after)) in WRAPPINGS.iter().enumerate() {
        for (t, template) in TEMPLATES.iter().enumerate() {
            let n = w * TEMPLATES.len() + t + 1;
            out.push(format!(
                "{before}{}{after}",
                template.replace("JS", &format!("window.__xss={n}"))
            ));
        }
    }
    out
}

/// SQL-injection strings: stored and shown verbatim, never interpreted.
const SQL_INJECTIONS: [&str; 30] = [
    "'; DROP TABLE expense; --",
    "\" OR 1=1 --",
    "Robert'); DROP TABLE category;--",
    "1; DELETE FROM expense",
    "' UNION SELECT value FROM meta --",
    "%' OR '%'='",
    "\\'; --",
    "' OR ''='",
    "admin'--",
    "1' AND 1=(SELECT COUNT(*) FROM sqlite_master)--",
    "'); UPDATE expense SET amount=0; --",
    "x' ; ATTACH DATABASE '/tmp/x.db' AS x; --",
    "'||(SELECT sqlite_version())||'",
    "0x27 OR 1=1",
    "1 OR 1=1",
    "' OR 'x'='x",
    "\"; PRAGMA key='x'; --",
    "'; PRAGMA writable_schema=1; --",
    "_%_%_",
    "\\%\\_",
    "') OR ('1'='1",
    "' AND randomblob(1000000000) --",
    "1;SELECT load_extension('x')",
    "' GLOB '*",
    "'; VACUUM INTO '/tmp/copy.db'; --",
    "' COLLATE NOCASE --",
    "' ESCAPE '\\",
    "/* comment */ SELECT 1",
    "'; INSERT INTO category(name) VALUES('x'); --",
    "' OR rowid>0 --",
];

/// Category names the import creates: short enough for a category (40 characters), each hostile.
const HOSTILE_CATEGORIES: [&str; 5] = [
    "<img src=x onerror=window.__xss=201>",
    "<svg onload=window.__xss=202>",
    "${window.__xss=203}",
    "<b>bold</b> & \"quoted\"",
    "'; DROP TABLE category; --",
];

/// Writes `rows` of (description, category, payment method) as a CSV bank export, RFC 4180 quoted.
fn write_export(path: &std::path::Path, rows: &[(String, String, String)]) {
    let mut w = csv::Writer::from_path(path).expect("export file");
    w.write_record([
        "date",
        "amount",
        "category",
        "description",
        "payment_method",
    ])
    .expect("header");
    for (i, (description, category, payment)) in rows.iter().enumerate() {
        let day = format!("2025-03-{:02}", i % 28 + 1);
        let amount = format!("{}.{:02}", i + 1, i % 100);
        w.write_record([day.as_str(), &amount, category, description, payment])
            .expect("row");
    }
    w.flush().expect("written");
}

/// Drags `path` onto the window and imports it as previewed.
fn import_file(d: &Desktop, path: &std::path::Path, expected_rows: usize) {
    d.drag_file(path).unwrap_or_else(|e| fail(d, &e));
    d.app()
        .wait_visible("#import-summary", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    let summary = text_of(d, "#import-summary");
    assert!(
        summary.contains(&format!("{expected_rows} expenses")),
        "{summary}"
    );
    assert_no_script_ran(d, "the import preview");
    click(d, "#import-commit");
    modal_closed(d, "import-modal");
}

fn assert_no_script_ran(d: &Desktop, screen: &str) {
    assert_eq!(
        read(d, "window.__xss === undefined"),
        json!(true),
        "a payload ran on {screen}: window.__xss = {}",
        read(d, "String(window.__xss)")
    );
}

/// Every expense title on every page of the Expenses screen (the screen pages by 50).
fn all_titles(d: &Desktop) -> Vec<String> {
    click(d, "#nav-expenses");
    wait_screen(d, "expenses");
    d.app()
        .wait_visible("tr.expense-row", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    let mut titles = Vec::new();
    loop {
        assert_no_script_ran(d, "the Expenses screen");
        let page = read(
            d,
            "[...document.querySelectorAll('tr.expense-row .expense-title')].map(e => e.textContent.trim())",
        );
        let info = text_of(d, "#page-info");
        titles.extend(
            page.as_array()
                .expect("a list")
                .iter()
                .map(|t| t.as_str().expect("text").to_owned()),
        );
        if read(d, "document.getElementById('page-next').disabled") == json!(true) {
            break;
        }
        click(d, "#page-next");
        wait_for(
            d,
            &format!(
                "document.getElementById('page-info').textContent.trim() !== {}",
                Value::String(info.trim().to_owned())
            ),
            json!(true),
        );
    }
    titles.sort();
    titles
}

/// Adds an expense through the form, with every text field filled.
fn add_typed_expense(d: &Desktop, amount: &str, description: &str, payment: &str, notes: &str) {
    click(d, "#add-expense-btn");
    d.app()
        .wait_visible("#expense-modal", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    fill(d, "#expense-amount", amount);
    fill(d, "#expense-description", description);
    fill(d, "#expense-payment", payment);
    fill(d, "#expense-notes", notes);
    click(d, "#expense-save");
    modal_closed(d, "expense-modal");
}

#[test]
fn hostile_text_is_shown_literally_and_never_runs() {
    let Some(d) = desktop() else { return };
    let files = tempfile::tempdir().expect("temp dir");
    let payloads = xss_payloads();
    assert_eq!(payloads.len(), 100);

    wait_screen(&d, "create");
    choose_theme(&d, "light");
    // The profile's own name is hostile too (it shows on the picker, the unlock screen, the navbar).
    let name = "<img src=x onerror=window.__xss=301>";
    fill(&d, "#create-name", name);
    fill(&d, "#create-password", crate::PASSWORD);
    fill(&d, "#create-confirm", crate::PASSWORD);
    click(&d, "#create-submit");
    save_recovery_code(&d);
    wait_screen(&d, "home");
    assert_eq!(text_of(&d, "#nav-profile-name"), name);

    // Imported: 100 script payloads and 30 SQL-injection strings as descriptions, hostile
    // categories and payment methods.
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (i, p) in payloads.iter().enumerate() {
        let category = HOSTILE_CATEGORIES[i % HOSTILE_CATEGORIES.len()].to_owned();
        let payment = SQL_INJECTIONS[i % SQL_INJECTIONS.len()]
            .chars()
            .take(40)
            .collect();
        rows.push((p.clone(), category, payment));
    }
    for s in SQL_INJECTIONS {
        rows.push((s.to_owned(), "Groceries".to_owned(), "Card".to_owned()));
    }
    let export: PathBuf = files.path().join("hostile-export.csv");
    write_export(&export, &rows);
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    import_file(&d, &export, rows.len());

    // Typed: a payload in every text field of the expense form and a new category's name.
    let typed = "<svg onload=window.__xss=302>";
    add_typed_expense(
        &d,
        "3",
        typed,
        "<b onmouseover=window.__xss=303>",
        "<script>window.__xss=304</script>",
    );
    let mut expected: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    expected.push(typed.to_owned());
    expected.sort();
    assert_eq!(all_titles(&d), expected, "every description shown verbatim");

    // Searching for SQL text finds exactly its own row: it is a parameter, never SQL.
    fill(&d, "#search-input", "%' OR '%'='");
    wait_for(
        &d,
        "[...document.querySelectorAll('tr.expense-row .expense-title')].map(e => e.textContent.trim()).join('|')",
        json!("%' OR '%'='"),
    );
    assert_no_script_ran(&d, "a search");

    // Every screen, with the hostile names in its tables, charts' legends and menus.
    click(&d, "#nav-categories");
    wait_screen(&d, "categories");
    fill(
        &d,
        "#new-category-name",
        &format!("<i onclick=window.__xss=305>{ENTER}"),
    );
    wait_for(
        &d,
        "document.body.textContent.includes('<i onclick=window.__xss=305>')",
        json!(true),
    );
    for category in HOSTILE_CATEGORIES {
        assert_eq!(
            read(
                &d,
                &format!(
                    "document.body.textContent.includes({})",
                    Value::String(category.to_owned())
                )
            ),
            json!(true),
            "{category} shown literally"
        );
    }
    assert_no_script_ran(&d, "the Categories screen");
    shot(&d, "95-hostile-categories-light");
    for (link, screen) in [
        ("#nav-home", "home"),
        ("#nav-budgets", "budgets"),
        ("#nav-reports", "reports"),
    ] {
        click(&d, link);
        wait_screen(&d, screen);
        assert_no_script_ran(&d, screen);
    }
    d.app()
        .wait_visible("#reports img", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_no_script_ran(&d, "reports");
    open_settings(&d);
    assert_no_script_ran(&d, "settings");
    lock_and_return_to_picker(&d);
    assert_eq!(
        read(
            &d,
            "[...document.querySelectorAll('.profile-item')].map(e => e.dataset.profileName)"
        ),
        json!([name])
    );
    assert_no_script_ran(&d, "the profile list");
    eprintln!(
        "hostile text: {} script payloads and {} SQL-injection strings imported, 5 typed, \
         {} hostile category names; 0 ran, all shown verbatim",
        payloads.len(),
        SQL_INJECTIONS.len(),
        HOSTILE_CATEGORIES.len() + 1
    );
}

/// Whether `needle` appears in `haystack` as UTF-8 or as UTF-16 (little or big endian), the
/// encodings WebKit's storage may use.
fn occurs(haystack: &[u8], needle: &str) -> bool {
    let utf8 = needle.as_bytes().to_vec();
    let le: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = needle.encode_utf16().flat_map(u16::to_be_bytes).collect();
    [utf8, le, be]
        .iter()
        .any(|n| haystack.windows(n.len()).any(|w| w == n.as_slice()))
}

#[test]
fn nothing_typed_or_imported_reaches_the_disk_in_plaintext() {
    let Some(d) = desktop() else { return };
    let files = tempfile::tempdir().expect("temp dir");
    let markers: Vec<String> = (1..=20)
        .map(|i| {
            format!(
                "Zq{i:02}marker{}",
                ["Okapi", "Quokka", "Narwhal", "Axolotl"][i % 4]
            )
        })
        .collect();
    let first_password = format!("{}-pass", markers[0]);
    let new_password = format!("{}-pass", markers[1]);

    // The profile's name is not secret (the picker shows it to everyone; SECURITY.md): no marker.
    wait_screen(&d, "create");
    fill(&d, "#create-name", "Plain Name");
    fill(&d, "#create-password", &first_password);
    fill(&d, "#create-confirm", &first_password);
    click(&d, "#create-submit");
    let recovery_code = save_recovery_code(&d);
    wait_screen(&d, "home");

    // Typed: every text field of an expense (twice), a category, a search.
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_typed_expense(&d, "7.25", &markers[2], &markers[3], &markers[4]);
    add_typed_expense(&d, "8", &markers[5], "Card", &markers[6]);
    fill(&d, "#search-input", &markers[7]);
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(0),
    );
    click(&d, "#nav-categories");
    wait_screen(&d, "categories");
    fill(&d, "#new-category-name", &format!("{}{ENTER}", markers[8]));
    wait_for(
        &d,
        &format!(
            "document.body.textContent.includes({})",
            Value::String(markers[8].clone())
        ),
        json!(true),
    );

    // Imported: descriptions, a category and payment methods from a bank export.
    let rows: Vec<(String, String, String)> = (9..17)
        .map(|i| {
            (
                markers[i].clone(),
                markers[17].clone(),
                markers[18 + i % 2].clone(),
            )
        })
        .collect();
    let export = files.path().join("export-with-markers.csv");
    write_export(&export, &rows);
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    import_file(&d, &export, rows.len());
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(10),
    );

    // A new password, typed in Settings.
    open_settings(&d);
    fill(&d, "#change-current", &first_password);
    fill(&d, "#change-new", &new_password);
    fill(&d, "#change-confirm", &new_password);
    click(&d, "#change-submit");
    wait_for(
        &d,
        "[...document.querySelectorAll('.toast-message')].some(t => t.textContent.includes('Password changed'))",
        json!(true),
    );

    // Lock, unlock with the new password, lock again: every write has happened.
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");
    fill(&d, "#unlock-password", &format!("{new_password}{ENTER}"));
    wait_screen(&d, "home");
    click(&d, "#lock-btn");
    wait_screen(&d, "unlock");

    let mut written = Vec::new();
    for dir in d.written_dirs() {
        files_below(&dir, &mut written);
    }
    let mut secrets: Vec<String> = markers.clone();
    secrets.push(first_password);
    secrets.push(new_password);
    secrets.push(recovery_code.clone());
    secrets.push(recovery_code.replace('-', ""));
    let mut bytes_scanned = 0usize;
    let mut hits = Vec::new();
    for file in &written {
        let bytes = std::fs::read(file).unwrap_or_default();
        bytes_scanned += bytes.len();
        for secret in &secrets {
            if occurs(&bytes, secret) {
                hits.push(format!("{secret} in {}", file.display()));
            }
        }
    }
    assert!(
        written
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "db")),
        "a ledger was written: {written:?}"
    );
    eprintln!(
        "plaintext scan: {} markers, 2 passwords and the recovery code; {} files, {} bytes \
         (data, XDG data/config/cache/runtime, TMPDIR); {} hits",
        markers.len(),
        written.len(),
        bytes_scanned,
        hits.len()
    );
    assert!(hits.is_empty(), "plaintext found on disk: {hits:#?}");
}
