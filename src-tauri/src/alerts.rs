//! Where budget alerts leave Coffer: one `budget-alerts` event for the window (the in-app toast
//! and badge) and, when the profile allows it, one desktop notification per batch. The ledger
//! decides *what* to announce (`coffer_ledger::alert::evaluate`); this module only words it and
//! hands it to the window and the operating system.

use coffer_ledger::alert::Crossing;
use coffer_ledger::budget::Scope;
use coffer_ledger::{Currency, Month, money};
use tauri::plugin::PermissionState;
use tauri::{AppHandle, Emitter as _, Manager as _, Runtime};
use tauri_plugin_notification::{Notification, NotificationExt as _};

use crate::dto::{BudgetAlert, BudgetAlerts};

/// The event the window listens to.
pub const EVENT: &str = "budget-alerts";

/// A desktop notification's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    pub title: String,
    pub body: String,
}

/// One evaluation's alerts, ready to hand out.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    /// For the window.
    pub event: BudgetAlerts,
    /// For the desktop, unless the profile turned notifications off.
    pub notice: Option<Notice>,
}

/// Receives deliveries; installed by [`plugin`] once the app exists.
pub(crate) type Sink = Box<dyn Fn(Delivery) + Send + Sync>;

fn month_name(month: Month) -> String {
    format!("{} {}", month.name(), month.year())
}

/// `spent` as a whole percentage of `limit` (rounded down), when the limit is positive.
pub(crate) fn percent(spent: i64, limit: i64) -> Option<u32> {
    (limit > 0).then(|| {
        let p = i128::from(spent) * 100 / i128::from(limit);
        u32::try_from(p).unwrap_or(u32::MAX)
    })
}

/// The wire form of a crossing; `name` is the category's name (`None` for the overall budget).
pub(crate) fn wire(crossing: &Crossing, name: Option<String>) -> BudgetAlert {
    BudgetAlert {
        category_id: match crossing.scope {
            Scope::Overall => None,
            Scope::Category(id) => Some(id.0),
        },
        name,
        month: crossing.month.to_string(),
        threshold: crossing.threshold,
        spent: crossing.spent,
        limit: crossing.limit,
        percent: percent(crossing.spent, crossing.limit),
    }
}

fn label(alert: &BudgetAlert) -> &str {
    alert.name.as_deref().unwrap_or("Overall")
}

/// Words a batch of alerts as one notification. With `hide_amounts` no amount appears (the text
/// may show on a lock screen); the budget's name and the percentage do.
pub(crate) fn notice(
    alerts: &[BudgetAlert],
    at_unlock: bool,
    hide_amounts: bool,
    currency: Currency,
) -> Option<Notice> {
    let amount = |minor: i64| {
        format!(
            "{} {}",
            money::format_amount(minor, currency),
            currency.code()
        )
    };
    let month = |alert: &BudgetAlert| {
        alert
            .month
            .parse::<Month>()
            .map_or_else(|_| alert.month.clone(), month_name)
    };
    let title = match alerts {
        [] => return None,
        [one] => format!("{} budget: {} % reached", label(one), one.threshold),
        many if at_unlock => format!("{} budget alerts while Coffer was closed", many.len()),
        many => format!("{} budget alerts", many.len()),
    };
    let body = match alerts {
        [one] if hide_amounts => format!("{}. Open Coffer for the details.", month(one)),
        [one] if one.limit <= 0 => format!(
            "{} spent in {}; overspending carried over from last month used this month's budget up.",
            amount(one.spent),
            month(one)
        ),
        [one] => format!(
            "Spent {} of {} in {} ({} %).",
            amount(one.spent),
            amount(one.limit),
            month(one),
            one.percent.unwrap_or(0)
        ),
        many => many
            .iter()
            .map(|a| {
                if hide_amounts || a.limit <= 0 {
                    format!("{}: {} % reached", label(a), a.threshold)
                } else {
                    format!(
                        "{}: {} of {} ({} %)",
                        label(a),
                        amount(a.spent),
                        amount(a.limit),
                        a.percent.unwrap_or(0)
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    Some(Notice { title, body })
}

/// Hands one batch to the window and, when it carries a notice, to the desktop.
pub(crate) fn deliver<R: Runtime>(app: &AppHandle<R>, delivery: Delivery) {
    // Best effort, like any notification: the ledger has recorded the alert either way, and the
    // window shows it from the event even when the desktop has no notification service.
    let _ = app.emit(EVENT, &delivery.event);
    let Some(notice) = delivery.notice else {
        return;
    };
    // The notification plugin is registered by the app only, not by the IPC tests.
    if app.try_state::<Notification<R>>().is_none() {
        return;
    }
    let notifications = app.notification();
    // Desktop systems grant this without asking today; asking when the state says "prompt" is
    // what each OS expects if that changes.
    let state = notifications.permission_state();
    let granted = match state {
        Ok(PermissionState::Granted) => true,
        Ok(PermissionState::Prompt | PermissionState::PromptWithRationale) => matches!(
            notifications.request_permission(),
            Ok(PermissionState::Granted)
        ),
        _ => false,
    };
    if granted {
        let _ = notifications
            .builder()
            .title(notice.title)
            .body(notice.body)
            .show();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(name: Option<&str>, threshold: u16, spent: i64, limit: i64) -> BudgetAlert {
        BudgetAlert {
            category_id: name.map(|_| 3),
            name: name.map(str::to_owned),
            month: "2026-11".into(),
            threshold,
            spent,
            limit,
            percent: percent(spent, limit),
        }
    }

    fn eur() -> Currency {
        Currency::from_code("EUR").expect("known")
    }

    #[test]
    fn one_alert_names_the_budget_and_the_amounts() {
        let n = notice(
            &[alert(Some("Groceries"), 80, 28_000, 35_000)],
            false,
            false,
            eur(),
        )
        .expect("a notice");
        assert_eq!(n.title, "Groceries budget: 80 % reached");
        assert_eq!(
            n.body,
            "Spent 280.00 EUR of 350.00 EUR in November 2026 (80 %)."
        );
        let n = notice(&[alert(None, 100, 41_230, 35_000)], false, false, eur()).expect("a notice");
        assert_eq!(n.title, "Overall budget: 100 % reached");
        assert!(n.body.contains("(117 %)"), "{}", n.body);
    }

    #[test]
    fn hidden_amounts_leave_no_figure_but_the_percentage() {
        let alerts = [
            alert(Some("Groceries"), 80, 28_000, 35_000),
            alert(None, 100, 123_456, 100_000),
        ];
        for batch in [&alerts[..1], &alerts[..]] {
            let n = notice(batch, false, true, eur()).expect("a notice");
            let text = format!("{} {}", n.title, n.body);
            for figure in ["280", "350", "1234", "1000", "EUR"] {
                assert!(!text.contains(figure), "{figure} leaked into {text:?}");
            }
        }
    }

    #[test]
    fn several_alerts_make_one_notification() {
        let alerts = [
            alert(None, 80, 8_000, 10_000),
            alert(Some("Groceries"), 100, 5_000, 5_000),
            alert(Some("Rent"), 80, 1, -300),
        ];
        let n = notice(&alerts, true, false, eur()).expect("a notice");
        assert_eq!(n.title, "3 budget alerts while Coffer was closed");
        assert_eq!(
            n.body,
            "Overall: 80.00 EUR of 100.00 EUR (80 %)\n\
             Groceries: 50.00 EUR of 50.00 EUR (100 %)\n\
             Rent: 80 % reached"
        );
        assert_eq!(
            notice(&[], true, false, eur()),
            None,
            "nothing to say, no notice"
        );
    }

    #[test]
    fn percentages_round_down_and_need_a_positive_limit() {
        assert_eq!(percent(7_999, 10_000), Some(79));
        assert_eq!(percent(0, 10_000), Some(0));
        assert_eq!(percent(10, 0), None);
        assert_eq!(percent(10, -5), None);
        assert_eq!(percent(i64::MAX, 1), Some(u32::MAX));
    }
}
