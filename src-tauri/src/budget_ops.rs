//! The budget operations of the unlocked profile — the budgets screen of a month, budget changes,
//! alert settings — and [`announce`], which turns the ledger's newly reached thresholds into a
//! delivery for the window and the desktop. All of them refuse while locked.

use std::collections::HashMap;

use coffer_ledger::alert::{self, Settings, Thresholds};
use coffer_ledger::budget::{self, Change, Line, Scope, Span};
use coffer_ledger::{CategoryId, Date, Month, category, money, pace};

use crate::alerts::{self, Delivery};
use crate::dto::{
    AlertSettings, BudgetAlerts, BudgetLine, BudgetMonth, BudgetSpan, Forecast, MonthPhase,
    SetBudgetRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Unlocked, now};

fn parse_month(text: &str) -> Result<Month, AppError> {
    text.parse().map_err(|err| {
        AppError::new(
            ErrorCode::InvalidMonth,
            format!(
                "“{}” is not a month: {err}.",
                text.chars().take(20).collect::<String>()
            ),
        )
    })
}

/// Category names and colours by id.
fn categories(u: &Unlocked) -> Result<HashMap<i64, (String, String)>, AppError> {
    Ok(category::list(u.session.connection())?
        .into_iter()
        .map(|c| (c.id.0, (c.name, c.color)))
        .collect())
}

fn phase(month: Month, today: Date) -> MonthPhase {
    match month.cmp(&today.month()) {
        std::cmp::Ordering::Less => MonthPhase::Past,
        std::cmp::Ordering::Equal => MonthPhase::Current,
        std::cmp::Ordering::Greater => MonthPhase::Future,
    }
}

fn line(line: &Line, names: &HashMap<i64, (String, String)>, today: Option<Date>) -> BudgetLine {
    let (category_id, name, color) = match line.scope {
        Scope::Overall => (None, None, None),
        Scope::Category(CategoryId(id)) => {
            let (name, color) = names.get(&id).cloned().unzip();
            (Some(id), name, color)
        }
    };
    let limit = line.limit();
    BudgetLine {
        category_id,
        name,
        color,
        amount: line.setting.map(|s| s.amount),
        carried: line.carried,
        limit,
        rollover: line.setting.is_some_and(|s| s.rollover),
        this_month_only: line.setting.is_some_and(|s| s.this_month_only),
        spent: line.spent,
        remaining: limit.map(|l| l.saturating_sub(line.spent)),
        percent: limit.and_then(|l| alerts::percent(line.spent, l)),
        forecast: limit.zip(today).map(|(limit, today)| {
            let p = pace::pace(line.spent, limit, today);
            Forecast {
                projected: p.projected,
                over_on: p.over_on.map(|d| d.to_string()),
            }
        }),
    }
}

fn budget_month(u: &Unlocked, month: Month, today: Date) -> Result<BudgetMonth, AppError> {
    let phase = phase(month, today);
    let conn = u.session.connection();
    let names = categories(u)?;
    let forecast_day = (phase == MonthPhase::Current).then_some(today);
    let mut lines = budget::lines(conn, month)?.into_iter();
    let overall = lines
        .next()
        .map(|l| line(&l, &names, forecast_day))
        .ok_or_else(|| AppError::new(ErrorCode::Internal, "The overall budget line is missing."))?;
    let previous_has_budgets = match month.previous() {
        Some(previous) => budget::any_in(conn, previous)?,
        None => false,
    };
    Ok(BudgetMonth {
        month: month.to_string(),
        today: today.to_string(),
        phase,
        days_in_month: month.days(),
        days_left: match phase {
            MonthPhase::Past => 0,
            MonthPhase::Current => month.days() - today.ymd().2 + 1,
            MonthPhase::Future => month.days(),
        },
        overall,
        categories: lines.map(|l| line(&l, &names, forecast_day)).collect(),
        previous_has_budgets,
    })
}

fn settings(dto: AlertSettings) -> Result<Settings, AppError> {
    Ok(Settings {
        thresholds: Thresholds::new(dto.thresholds)?,
        os_notifications: dto.os_notifications,
        hide_amounts: dto.hide_amounts,
    })
}

impl From<Settings> for AlertSettings {
    fn from(s: Settings) -> Self {
        AlertSettings {
            thresholds: s
                .thresholds
                .values()
                .iter()
                .copied()
                .map(u32::from)
                .collect(),
            os_notifications: s.os_notifications,
            hide_amounts: s.hide_amounts,
        }
    }
}

/// Evaluates the budgets of `today`'s month and words what was newly reached: `None` when nothing
/// was. `at_unlock` marks alerts found when the profile was unlocked.
pub(crate) fn announce(
    u: &mut Unlocked,
    today: Date,
    at_unlock: bool,
) -> Result<Option<Delivery>, AppError> {
    let month = today.month();
    let crossings = alert::evaluate(u.session.connection_mut(), month, now().0)?;
    if crossings.is_empty() {
        return Ok(None);
    }
    let names = categories(u)?;
    let alerts: Vec<_> = crossings
        .iter()
        .map(|c| {
            let name = match c.scope {
                Scope::Overall => None,
                Scope::Category(id) => names.get(&id.0).map(|(name, _)| name.clone()),
            };
            alerts::wire(c, name)
        })
        .collect();
    let settings = alert::settings(u.session.connection())?;
    let notice = if settings.os_notifications {
        alerts::notice(&alerts, at_unlock, settings.hide_amounts, u.currency)
    } else {
        None
    };
    Ok(Some(Delivery {
        event: BudgetAlerts { alerts, at_unlock },
        notice,
    }))
}

impl AppState {
    /// The budgets screen of `month` (`YYYY-MM`).
    pub fn budget_month(&self, month: String) -> Result<BudgetMonth, AppError> {
        let month = parse_month(&month)?;
        let today = self.today();
        self.with_session(|u| budget_month(u, month, today))
    }

    /// Sets, changes or removes a budget; returns the month's screen.
    pub fn set_budget(&self, request: SetBudgetRequest) -> Result<BudgetMonth, AppError> {
        let month = parse_month(&request.month)?;
        let today = self.today();
        self.write(|u| {
            let amount = match request.amount.as_deref() {
                None => None,
                Some(text) => Some(money::parse_amount(text, u.currency).map_err(|err| {
                    AppError::new(ErrorCode::InvalidAmount, format!("The budget: {err}."))
                })?),
            };
            let change = Change {
                scope: request
                    .category_id
                    .map_or(Scope::Overall, |id| Scope::Category(CategoryId(id))),
                month,
                span: match request.span {
                    BudgetSpan::ThisMonth => Span::ThisMonth,
                    BudgetSpan::FromThisMonthOn => Span::FromThisMonthOn,
                },
                amount,
                rollover: request.rollover,
            };
            budget::set(u.session.connection_mut(), &change)?;
            budget_month(u, month, today)
        })
    }

    /// Makes last month's budgets apply from `month` on; returns the month's screen.
    pub fn copy_budgets(&self, month: String) -> Result<BudgetMonth, AppError> {
        let month = parse_month(&month)?;
        let today = self.today();
        self.write(|u| {
            budget::copy_previous(u.session.connection_mut(), month)?;
            budget_month(u, month, today)
        })
    }

    /// The profile's alert settings.
    pub fn alert_settings(&self) -> Result<AlertSettings, AppError> {
        self.with_session(|u| Ok(alert::settings(u.session.connection())?.into()))
    }

    /// Changes the alert settings; returns them as stored.
    pub fn set_alert_settings(&self, settings: AlertSettings) -> Result<AlertSettings, AppError> {
        let settings = self::settings(settings)?;
        self.write(|u| {
            alert::set_settings(u.session.connection_mut(), &settings)?;
            Ok(alert::settings(u.session.connection())?.into())
        })
    }
}
