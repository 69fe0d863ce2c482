//! End to end in the real window: recording, editing, finding, deleting and undoing expenses, markup
//! shown as text, categories managed, and data refused once locked.

use serde_json::json;

use crate::webdriver::ENTER;
use crate::{
    WAIT, add_expense, choose_theme, click, create_profile, desktop, fail, fill, modal_closed,
    read, shot, text_of, wait_for, wait_screen,
};

const PASSWORD: &str = "Expenses-e2e-password";

fn row_count(selector: &str) -> String {
    format!("document.querySelectorAll({selector:?}).length")
}

#[test]
fn expenses_are_recorded_found_edited_deleted_and_undone() {
    let Some(d) = desktop() else { return };

    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Casey", PASSWORD);
    d.app()
        .wait_visible("#home-empty", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("a new profile shows its first steps: {e}")));
    shot(&d, "20-home-empty-light");

    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, None, "12.50", "Coffee beans");
    add_expense(&d, None, "3", "<img src=x onerror=\"window.__xss=1\">");
    wait_for(&d, &row_count("tr.expense-row"), json!(2));

    // Markup is shown as text, never run.
    let descriptions = read(
        &d,
        "[...document.querySelectorAll('tr.expense-row .expense-description')].map(e => e.textContent).join('|')",
    );
    assert!(
        descriptions
            .as_str()
            .unwrap_or_default()
            .contains("<img src=x"),
        "the payload is shown literally: {descriptions}"
    );
    assert_eq!(
        read(&d, "window.__xss === undefined"),
        json!(true),
        "no script ran"
    );
    assert_eq!(
        read(&d, "document.querySelectorAll('tr.expense-row img').length"),
        json!(0)
    );

    // A bad amount is explained beside its field and saves nothing.
    click(&d, "#add-expense-btn");
    fill(&d, "#expense-amount", "0");
    fill(&d, "#expense-description", &format!("Nothing{ENTER}"));
    d.app()
        .wait_visible("#expense-amount-error", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("zero amount explained: {e}")));
    shot(&d, "21-expense-modal-error-light");
    d.app()
        .script(
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
            json!([]),
        )
        .expect("escape");
    modal_closed(&d, "expense-modal");
    wait_for(&d, &row_count("tr.expense-row"), json!(2));

    // Search narrows the list and its totals.
    fill(&d, "#search-input", "coffee");
    wait_for(&d, &row_count("tr.expense-row"), json!(1));
    assert!(
        text_of(&d, "#filtered-count").contains('1'),
        "the filtered count follows the search"
    );
    shot(&d, "22-expenses-search-light");
    fill(&d, "#search-input", "");
    wait_for(&d, &row_count("tr.expense-row"), json!(2));

    // Edit: the amount comes back as typed-style decimal and the change shows in the row.
    let edit = read(
        &d,
        "(() => { const r = [...document.querySelectorAll('tr.expense-row')].find(r => r.textContent.includes('Coffee beans')); r.querySelector('.expense-edit').click(); return true; })()",
    );
    assert_eq!(edit, json!(true));
    d.app()
        .wait_visible("#expense-modal", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    wait_for(
        &d,
        "document.querySelector('#expense-amount').value",
        json!("12.50"),
    );
    fill(&d, "#expense-amount", &format!("15{ENTER}"));
    wait_for(
        &d,
        "[...document.querySelectorAll('tr.expense-row')].some(r => r.textContent.includes('Coffee beans') && r.querySelector('.expense-amount').textContent.includes('15'))",
        json!(true),
    );

    // Delete asks nothing; Undo brings it back.
    read(
        &d,
        "(() => { const r = [...document.querySelectorAll('tr.expense-row')].find(r => r.textContent.includes('Coffee beans')); r.querySelector('.expense-delete').click(); return true; })()",
    );
    wait_for(&d, &row_count("tr.expense-row"), json!(1));
    click(&d, "#toast-undo");
    wait_for(&d, &row_count("tr.expense-row"), json!(2));
    shot(&d, "23-expenses-light");
    choose_theme(&d, "dark");
    shot(&d, "24-expenses-dark");

    click(&d, "#nav-home");
    wait_screen(&d, "home");
    d.app()
        .wait_visible("#home-month-total", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    shot(&d, "25-home-dark");
    click(&d, "#nav-categories");
    wait_screen(&d, "categories");
    shot(&d, "26-categories-dark");
    choose_theme(&d, "light");
    shot(&d, "27-categories-light");

    // Once locked, the data commands refuse, whatever the page asks.
    d.app().chord_control("l").expect("keyboard chord sent");
    wait_screen(&d, "unlock");
    let refused = d
        .app()
        .script(
            "return window.__TAURI_INTERNALS__.invoke('expense_totals', {filter: {}}).then(() => 'allowed', e => e.code);",
            json!([]),
        )
        .expect("script runs");
    assert_eq!(refused, json!("locked"));
}
