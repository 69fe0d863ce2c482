//! End to end in the real window: a budget set on the budgets screen, expenses added past 80 %
//! and 100 % of it, and the two desktop notifications proven to have reached the session bus's
//! notification service with the expected text — and no third one when an expense is re-added.

use serde_json::json;

use crate::desktop::{Desktop, Sent};
use crate::webdriver::ENTER;
use crate::{
    WAIT, add_expense, choose_theme, click, create_profile, desktop, fail, fill, modal_closed,
    read, shot, wait_for, wait_screen,
};

const PASSWORD: &str = "Budgets-e2e-password";

/// The id of the category called `name`, from the budgets screen's "no budget" list.
pub(crate) fn budget_set_button(d: &Desktop, name: &str) -> String {
    let id = read(
        d,
        &format!(
            "[...document.querySelectorAll('.budget-set')].find(b => \
             b.closest('[data-category-id]') && b.closest('[data-category-id]').textContent.includes({name:?}))?.dataset.categoryId ?? null"
        ),
    );
    id.as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| fail(d, &format!("no “Set budget” button for {name}: {id}")))
}

/// On the budgets screen, sets the category `name`'s budget to `amount` from this month on through
/// its dialog; answers the category's id.
pub(crate) fn set_category_budget(d: &Desktop, name: &str, amount: &str) -> String {
    let id = budget_set_button(d, name);
    click(d, &format!(".budget-set[data-category-id=\"{id}\"]"));
    d.app()
        .wait_visible("#budget-modal", WAIT)
        .unwrap_or_else(|e| fail(d, &e));
    fill(d, "#budget-amount", amount);
    click(d, "#budget-save");
    modal_closed(d, "budget-modal");
    d.app()
        .wait_visible(&format!(".budget-line[data-category-id=\"{id}\"]"), WAIT)
        .unwrap_or_else(|e| fail(d, &format!("the {name} budget is listed: {e}")));
    id
}

fn expected(summary: &str, body: &str) -> Sent {
    Sent {
        summary: summary.into(),
        body: body.into(),
    }
}

#[test]
fn crossing_a_budget_notifies_the_desktop_once_per_threshold() {
    let Some(d) = desktop() else { return };
    let month = chrono::Local::now().format("%B %Y").to_string();

    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Robin", PASSWORD);

    click(&d, "#nav-budgets");
    wait_screen(&d, "budgets");
    shot(&d, "30-budgets-empty-light");

    // Groceries: 100.00 from this month on.
    let groceries = set_category_budget(&d, "Groceries", "100");

    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, Some(&groceries), "50", "Market");
    add_expense(&d, Some(&groceries), "30", "Bakery");
    let first = d
        .wait_notifications(1, WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_eq!(
        first,
        [expected(
            "Groceries budget: 80 % reached",
            &format!("Spent 80.00 EUR of 100.00 EUR in {month} (80 %)."),
        )],
        "80 % reached: one notification with the amounts"
    );
    // The window says so too: a toast and a badge on the budgets link.
    wait_for(
        &d,
        "document.querySelector('#budgets-badge')?.textContent.replace(/\\D/g, '') ?? ''",
        json!("1"),
    );

    add_expense(&d, Some(&groceries), "25", "Cheese");
    let both = d
        .wait_notifications(2, WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_eq!(
        both[1],
        expected(
            "Groceries budget: 100 % reached",
            &format!("Spent 105.00 EUR of 100.00 EUR in {month} (105 %)."),
        )
    );
    shot(&d, "31-expenses-after-budget-alert-light");

    // Delete the cheese and add it again: spending crosses 100 % a second time, silently.
    click(&d, "tr.expense-row:first-child .expense-delete");
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(2),
    );
    add_expense(&d, Some(&groceries), "25", "Cheese again");
    wait_for(
        &d,
        "document.querySelectorAll('tr.expense-row').length",
        json!(3),
    );

    // An overall budget of 150.00 that the next expense takes past 80 %: its notification is the
    // third one sent, so nothing was sent for the re-added cheese.
    click(&d, "#nav-budgets");
    wait_screen(&d, "budgets");
    wait_for(
        &d,
        "document.querySelector('#budgets-badge')?.textContent.replace(/\\D/g, '') ?? ''",
        json!(""),
    );
    click(&d, "#budget-overall-set");
    d.app()
        .wait_visible("#budget-modal", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    fill(&d, "#budget-amount", &format!("150{ENTER}"));
    modal_closed(&d, "budget-modal");
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, Some(&groceries), "20", "Wine");
    let all = d
        .wait_notifications(3, WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_eq!(
        all[2],
        expected(
            "Overall budget: 80 % reached",
            &format!("Spent 125.00 EUR of 150.00 EUR in {month} (83 %)."),
        ),
        "the re-added expense sent nothing: {all:?}"
    );
    assert_eq!(all.len(), 3, "exactly three notifications: {all:?}");

    click(&d, "#nav-budgets");
    wait_screen(&d, "budgets");
    shot(&d, "32-budgets-light");
    choose_theme(&d, "dark");
    shot(&d, "33-budgets-dark");
    click(&d, "#alert-settings-btn");
    d.app()
        .wait_visible("#alert-settings-modal", WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    shot(&d, "34-alert-settings-dark");
    // Hide amounts: the next notification carries none.
    click(&d, "#alert-hide-amounts");
    click(&d, "#alert-settings-save");
    modal_closed(&d, "alert-settings-modal");
    click(&d, "#nav-home");
    wait_screen(&d, "home");
    d.app()
        .wait_visible("#home-budget", WAIT)
        .unwrap_or_else(|e| fail(&d, &format!("home shows the budget: {e}")));
    shot(&d, "35-home-budget-dark");
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, Some(&groceries), "30", "Party");
    let all = d
        .wait_notifications(4, WAIT)
        .unwrap_or_else(|e| fail(&d, &e));
    assert_eq!(all[3].summary, "Overall budget: 100 % reached");
    assert!(
        !all[3].body.contains("EUR") && !all[3].body.contains("155"),
        "hidden amounts stay hidden: {:?}",
        all[3]
    );
}
