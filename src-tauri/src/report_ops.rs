//! The reports screen behind IPC: resolves a report's period against the person's today, reads
//! its figures from the ledger's aggregates (`coffer_ledger::report`), and turns them into the
//! screen's tables, chart images (`coffer_charts`) and table files (`coffer_export`). One source of
//! figures feeds all three, so a saved chart or table shows exactly what the screen shows.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use coffer_charts::{BudgetBar, ChartError, Forecast, ImageFormat, Rgb, Size, Slice, Theme};
use coffer_export::{Cell, Table};
use coffer_ledger::report::{self, BudgetRow, BurnUp, CategorySpending, Filter, Period};
use coffer_ledger::totals::Sum;
use coffer_ledger::{Category, CategoryId, Currency, Date, Month, category};

use crate::dto::{
    BudgetActual, BudgetTable, BurnUpTable, CategoryShare, ChartFormat, ChartKind, ChartRequest,
    ChartTheme, DaySpending, ExportFormat, ExportReportTableRequest, MonthAmount, MonthlyTable,
    Report, ReportPeriod, ReportRequest, SaveChartRequest,
};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Unlocked};

/// The lengths the monthly chart offers.
const TREND_MONTHS: [u32; 2] = [12, 24];

/// A report request checked and resolved: what the figures are read for.
struct Spec {
    period: Period,
    filter: Filter,
    trend_months: u32,
    today: Date,
}

impl Spec {
    /// The month the budget and burn-up charts show: the period's last.
    fn month(&self) -> Month {
        self.period.to().month()
    }
}

/// The categories by id, for names and colours.
struct Categories(HashMap<CategoryId, Category>);

impl Categories {
    fn read(u: &Unlocked) -> Result<Categories, AppError> {
        Ok(Categories(
            category::list(u.session.connection())?
                .into_iter()
                .map(|c| (c.id, c))
                .collect(),
        ))
    }

    fn name(&self, id: CategoryId) -> String {
        self.0
            .get(&id)
            .map_or_else(|| "Unknown category".to_owned(), |c| c.name.clone())
    }

    fn color(&self, id: CategoryId) -> String {
        self.0
            .get(&id)
            .map_or_else(|| "#6c757d".to_owned(), |c| c.color.clone())
    }
}

fn invalid_period(message: String) -> AppError {
    AppError::new(ErrorCode::InvalidPeriod, message)
}

fn parse_day(text: &str, which: &str) -> Result<Date, AppError> {
    text.parse().map_err(|err| {
        invalid_period(format!(
            "The period's {which} “{}” is not a date: {err}.",
            text.chars().take(20).collect::<String>()
        ))
    })
}

/// The days `period` covers, seen on `today`.
fn resolve(period: &ReportPeriod, today: Date) -> Result<Period, AppError> {
    let this = today.month();
    let back = |months: i32| {
        Month::from_key(this.key() - months)
            .map_err(|err| invalid_period(format!("That period is out of range: {err}.")))
    };
    let resolved = match period {
        ReportPeriod::ThisMonth => Period::months(this, this),
        ReportPeriod::LastMonth => {
            let last = back(1)?;
            Period::months(last, last)
        }
        ReportPeriod::Last3Months => Period::months(back(2)?, this),
        ReportPeriod::Last12Months => Period::months(back(11)?, this),
        ReportPeriod::ThisYear => {
            let year = this.year();
            let first = Month::new(year, 1).map_err(|err| invalid_period(err.to_string()))?;
            let last = Month::new(year, 12).map_err(|err| invalid_period(err.to_string()))?;
            Period::months(first, last)
        }
        ReportPeriod::Custom { from, to } => {
            Period::new(parse_day(from, "start")?, parse_day(to, "end")?)
        }
    };
    Ok(resolved?)
}

fn spec(categories: &Categories, request: &ReportRequest, today: Date) -> Result<Spec, AppError> {
    let period = resolve(&request.period, today)?;
    if !TREND_MONTHS.contains(&request.trend_months) {
        return Err(AppError::new(
            ErrorCode::InvalidRequest,
            format!(
                "The monthly chart shows 12 or 24 months, not {}.",
                request.trend_months
            ),
        ));
    }
    let chosen: BTreeSet<CategoryId> = request
        .category_ids
        .iter()
        .map(|id| CategoryId(*id))
        .collect();
    if let Some(unknown) = chosen.iter().find(|id| !categories.0.contains_key(id)) {
        return Err(coffer_ledger::Error::UnknownCategory(unknown.0).into());
    }
    Ok(Spec {
        period,
        filter: Filter::only(chosen),
        trend_months: request.trend_months,
        today,
    })
}

/// "November 2026", "September – November 2026", "3 Sep 2026 – 14 Nov 2026".
fn period_label(period: Period) -> String {
    let (from, to) = (period.from(), period.to());
    let whole_months = from == from.month().first_day() && to == to.month().last_day();
    let day = |d: Date| {
        let (year, _, day) = d.ymd();
        format!("{day} {} {year}", d.month().abbreviation())
    };
    if !whole_months {
        return if from == to {
            day(from)
        } else {
            format!("{} – {}", day(from), day(to))
        };
    }
    let (first, last) = (from.month(), to.month());
    if first == last {
        format!("{} {}", first.name(), first.year())
    } else if first.year() == last.year() {
        format!("{} – {} {}", first.name(), last.name(), last.year())
    } else {
        format!(
            "{} {} – {} {}",
            first.name(),
            first.year(),
            last.name(),
            last.year()
        )
    }
}

/// `2026-11`, `2026-09-to-2026-11`, `2026-09-03-to-2026-11-14`: the period in a file name.
fn file_stem(period: Period) -> String {
    let (from, to) = (period.from(), period.to());
    let whole_months = from == from.month().first_day() && to == to.month().last_day();
    let (a, b) = if whole_months {
        (from.month().to_string(), to.month().to_string())
    } else {
        (from.to_string(), to.to_string())
    };
    if a == b { a } else { format!("{a}-to-{b}") }
}

/// `part / whole` in hundredths of a percent, rounded; 0 when `whole` is 0.
fn share_bp(part: i64, whole: i64) -> u32 {
    if whole <= 0 {
        return 0;
    }
    let bp = (i128::from(part) * 10_000 + i128::from(whole) / 2) / i128::from(whole);
    u32::try_from(bp.clamp(0, 10_000)).unwrap_or(0)
}

/// `spent` as a whole percentage of a positive `limit`, rounded down.
fn percent(spent: i64, limit: Option<i64>) -> Option<u32> {
    let limit = limit.filter(|l| *l > 0)?;
    u32::try_from(i128::from(spent) * 100 / i128::from(limit)).ok()
}

/// The figures of one report, read under the session lock and used after it.
struct Figures {
    currency: Currency,
    categories: Categories,
    spec: Spec,
}

impl Figures {
    fn read(u: &Unlocked, request: &ReportRequest, today: Date) -> Result<Figures, AppError> {
        let categories = Categories::read(u)?;
        Ok(Figures {
            currency: u.currency,
            spec: spec(&categories, request, today)?,
            categories,
        })
    }
}

fn by_category(u: &Unlocked, f: &Figures) -> Result<Vec<CategorySpending>, AppError> {
    Ok(report::spending_by_category(
        u.session.connection(),
        f.spec.period,
        &f.spec.filter,
    )?)
}

fn monthly(u: &Unlocked, f: &Figures) -> Result<Vec<(Month, i64)>, AppError> {
    Ok(report::monthly(
        u.session.connection(),
        f.spec.month(),
        f.spec.trend_months,
        &f.spec.filter,
    )?)
}

fn budget_rows(u: &Unlocked, f: &Figures) -> Result<Vec<BudgetRow>, AppError> {
    Ok(report::budget_vs_actual(
        u.session.connection(),
        f.spec.month(),
        &f.spec.filter,
    )?)
}

fn burn_up(u: &Unlocked, f: &Figures) -> Result<BurnUp, AppError> {
    Ok(report::burn_up(
        u.session.connection(),
        f.spec.month(),
        &f.spec.filter,
        f.spec.today,
    )?)
}

fn total(spending: &[CategorySpending]) -> Sum {
    spending.iter().fold(Sum::default(), |sum, c| Sum {
        total: sum.total.saturating_add(c.sum.total),
        count: sum.count.saturating_add(c.sum.count),
    })
}

fn category_shares(f: &Figures, spending: &[CategorySpending]) -> Vec<CategoryShare> {
    let all = total(spending).total;
    spending
        .iter()
        .map(|c| CategoryShare {
            category_id: c.category.0,
            name: f.categories.name(c.category),
            color: f.categories.color(c.category),
            amount: c.sum.total,
            count: c.sum.count,
            share_bp: share_bp(c.sum.total, all),
        })
        .collect()
}

fn monthly_table(months: &[(Month, i64)]) -> MonthlyTable {
    let total = months
        .iter()
        .fold(0_i64, |sum, (_, a)| sum.saturating_add(*a));
    let n = i64::try_from(months.len()).unwrap_or(1).max(1);
    MonthlyTable {
        months: months
            .iter()
            .map(|(month, amount)| MonthAmount {
                month: month.to_string(),
                amount: *amount,
                share_bp: share_bp(*amount, total),
            })
            .collect(),
        average: (total + n / 2) / n,
        total,
    }
}

fn budget_table(f: &Figures, rows: &[BudgetRow]) -> BudgetTable {
    BudgetTable {
        month: f.spec.month().to_string(),
        rows: rows
            .iter()
            .map(|r| BudgetActual {
                category_id: r.category.0,
                name: f.categories.name(r.category),
                color: f.categories.color(r.category),
                limit: r.limit,
                spent: r.spent,
                remaining: r.limit.map(|l| l.saturating_sub(r.spent)),
                percent: percent(r.spent, r.limit),
            })
            .collect(),
    }
}

fn burn_up_table(burn: &BurnUp) -> BurnUpTable {
    let mut cumulative = 0_i64;
    BurnUpTable {
        month: burn.month.to_string(),
        limit: burn.limit,
        days: burn
            .days
            .iter()
            .map(|(date, spent)| {
                cumulative = cumulative.saturating_add(*spent);
                DaySpending {
                    date: date.to_string(),
                    spent: *spent,
                    cumulative,
                }
            })
            .collect(),
        projected: burn.pace.map(|p| p.projected),
        over_on: burn.pace.and_then(|p| p.over_on).map(|d| d.to_string()),
    }
}

fn chart_error(err: ChartError) -> AppError {
    let code = match err {
        ChartError::InvalidSize { .. } | ChartError::TooManyMonths { .. } => {
            ErrorCode::InvalidChart
        }
        _ => ErrorCode::Internal,
    };
    AppError::new(code, format!("The chart: {err}."))
}

fn rgb(color: &str) -> Rgb {
    // Category colours are validated `#rrggbb` when stored; grey covers the impossible rest.
    Rgb::parse(color).unwrap_or(Rgb::new(0x6c, 0x75, 0x7d))
}

/// What one chart draws, read under the session lock.
enum ChartData {
    Categories(Vec<Slice>),
    Months(Vec<(Month, i64)>),
    Budget(Month, Vec<BudgetBar>),
    BurnUp(coffer_charts::BurnUp),
}

fn chart_data(u: &Unlocked, f: &Figures, kind: ChartKind) -> Result<ChartData, AppError> {
    Ok(match kind {
        ChartKind::SpendingByCategory => ChartData::Categories(
            by_category(u, f)?
                .iter()
                .map(|c| Slice {
                    label: f.categories.name(c.category),
                    color: rgb(&f.categories.color(c.category)),
                    amount: c.sum.total,
                })
                .collect(),
        ),
        ChartKind::MonthlyTotals => ChartData::Months(monthly(u, f)?),
        ChartKind::BudgetVsActual => ChartData::Budget(
            f.spec.month(),
            budget_rows(u, f)?
                .iter()
                .map(|r| BudgetBar {
                    label: f.categories.name(r.category),
                    color: rgb(&f.categories.color(r.category)),
                    limit: r.limit,
                    spent: r.spent,
                })
                .collect(),
        ),
        ChartKind::BurnUp => {
            let burn = burn_up(u, f)?;
            let day_of = |d: Date| d.ymd().2;
            ChartData::BurnUp(coffer_charts::BurnUp {
                month: burn.month,
                daily: burn.days.iter().map(|(d, a)| (day_of(*d), *a)).collect(),
                limit: burn.limit,
                forecast: burn.pace.map(|p| Forecast {
                    today: day_of(f.spec.today),
                    projected: p.projected,
                    over_on: p.over_on.map(day_of),
                }),
            })
        }
    })
}

fn draw(data: &ChartData, currency: Currency, request: &ChartRequest) -> Result<Vec<u8>, AppError> {
    let theme = match request.theme {
        ChartTheme::Light => Theme::Light,
        ChartTheme::Dark => Theme::Dark,
    };
    let format = match request.format {
        ChartFormat::Png => ImageFormat::Png,
        ChartFormat::Svg => ImageFormat::Svg,
    };
    let size = Size {
        width: request.width,
        height: request.height,
    };
    match data {
        ChartData::Categories(slices) => {
            coffer_charts::spending_by_category(slices, currency, theme, size, format)
        }
        ChartData::Months(months) => {
            coffer_charts::monthly_totals(months, currency, theme, size, format)
        }
        ChartData::Budget(month, bars) => {
            coffer_charts::budget_vs_actual(bars, *month, currency, theme, size, format)
        }
        ChartData::BurnUp(burn) => coffer_charts::burn_up(burn, currency, theme, size, format),
    }
    .map_err(chart_error)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn table(u: &Unlocked, f: &Figures, kind: ChartKind) -> Result<Table, AppError> {
    let columns = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
    Ok(match kind {
        ChartKind::SpendingByCategory => Table {
            sheet: "Spending by category".into(),
            columns: columns(&["Category", "Amount", "Share %", "Expenses"]),
            rows: category_shares(f, &by_category(u, f)?)
                .into_iter()
                .map(|c| {
                    vec![
                        text(c.name),
                        Cell::Money(c.amount),
                        Cell::Share(c.share_bp),
                        Cell::Count(c.count),
                    ]
                })
                .collect(),
        },
        ChartKind::MonthlyTotals => {
            let months = monthly(u, f)?;
            let summary = monthly_table(&months);
            let mut rows: Vec<Vec<Cell>> = months
                .iter()
                .zip(&summary.months)
                .map(|((month, amount), m)| {
                    vec![
                        Cell::Month(*month),
                        Cell::Money(*amount),
                        Cell::Share(m.share_bp),
                    ]
                })
                .collect();
            rows.push(vec![
                text("Average"),
                Cell::Money(summary.average),
                Cell::Empty,
            ]);
            rows.push(vec![
                text("Total"),
                Cell::Money(summary.total),
                Cell::Share(10_000),
            ]);
            Table {
                sheet: "Monthly totals".into(),
                columns: columns(&["Month", "Amount", "Share %"]),
                rows,
            }
        }
        ChartKind::BudgetVsActual => Table {
            sheet: "Budget vs actual".into(),
            columns: columns(&["Category", "Budget", "Spent", "Remaining", "Used %"]),
            rows: budget_table(f, &budget_rows(u, f)?)
                .rows
                .into_iter()
                .map(|r| {
                    let money = |v: Option<i64>| v.map_or(Cell::Empty, Cell::Money);
                    vec![
                        text(r.name),
                        money(r.limit),
                        Cell::Money(r.spent),
                        money(r.remaining),
                        r.percent.map_or(Cell::Empty, Cell::Percent),
                    ]
                })
                .collect(),
        },
        ChartKind::BurnUp => {
            let burn = burn_up(u, f)?;
            let summary = burn_up_table(&burn);
            let limit = summary.limit.map_or(Cell::Empty, Cell::Money);
            Table {
                sheet: "Burn-up".into(),
                columns: columns(&["Date", "Spent", "Cumulative", "Budget"]),
                rows: burn
                    .days
                    .iter()
                    .zip(&summary.days)
                    .map(|((date, spent), day)| {
                        vec![
                            Cell::Date(*date),
                            Cell::Money(*spent),
                            Cell::Money(day.cumulative),
                            limit.clone(),
                        ]
                    })
                    .collect(),
            }
        }
    })
}

fn write_failed(path: &Path, err: &dyn std::fmt::Display) -> AppError {
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    AppError::new(
        ErrorCode::ExportFailed,
        format!("“{name}” could not be written: {err}"),
    )
}

impl AppState {
    /// The tables behind the report's four charts.
    pub fn report(&self, request: ReportRequest) -> Result<Report, AppError> {
        let today = self.today();
        self.with_session(|u| {
            let f = Figures::read(u, &request, today)?;
            let spending = by_category(u, &f)?;
            let sum = total(&spending);
            Ok(Report {
                from: f.spec.period.from().to_string(),
                to: f.spec.period.to().to_string(),
                label: period_label(f.spec.period),
                file_stem: file_stem(f.spec.period),
                currency: f.currency.code().to_owned(),
                total: sum.total,
                count: sum.count,
                by_category: category_shares(&f, &spending),
                monthly: monthly_table(&monthly(u, &f)?),
                budget: budget_table(&f, &budget_rows(u, &f)?),
                burn_up: burn_up_table(&burn_up(u, &f)?),
            })
        })
    }

    /// One chart of a report as PNG or SVG bytes. The figures are read under the session lock;
    /// drawing happens after it is released.
    pub fn chart_image(&self, request: &ChartRequest) -> Result<Vec<u8>, AppError> {
        let today = self.today();
        let (data, currency) = self.with_session(|u| {
            let f = Figures::read(u, &request.report, today)?;
            Ok((chart_data(u, &f, request.chart)?, f.currency))
        })?;
        draw(&data, currency, request)
    }

    /// Draws a chart and writes it to the path the save dialog gave; answers the bytes written.
    pub fn save_chart(&self, request: SaveChartRequest) -> Result<u64, AppError> {
        let bytes = self.chart_image(&request.chart)?;
        let path = Path::new(&request.path);
        std::fs::write(path, &bytes).map_err(|err| write_failed(path, &err))?;
        Ok(u64::try_from(bytes.len()).unwrap_or(u64::MAX))
    }

    /// Writes the table behind a chart to CSV or XLSX; answers the rows written.
    pub fn export_report_table(&self, request: ExportReportTableRequest) -> Result<u64, AppError> {
        let today = self.today();
        let (table, currency) = self.with_session(|u| {
            let f = Figures::read(u, &request.report, today)?;
            Ok((table(u, &f, request.chart)?, f.currency))
        })?;
        let path = Path::new(&request.path);
        let written = match request.format {
            ExportFormat::Csv => {
                let file = std::fs::File::create(path).map_err(|err| write_failed(path, &err))?;
                coffer_export::write_table_csv(std::io::BufWriter::new(file), currency, &table)
            }
            ExportFormat::Xlsx => coffer_export::write_table_xlsx(path, currency, &table),
        }
        .map_err(|err| write_failed(path, &err))?;
        Ok(u64::try_from(written).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    fn period(from: &str, to: &str) -> Period {
        Period::new(day(from), day(to)).expect("valid")
    }

    #[test]
    fn presets_resolve_against_today() {
        let today = day("2026-01-10");
        let cases = [
            (ReportPeriod::ThisMonth, "2026-01-01", "2026-01-31"),
            (ReportPeriod::LastMonth, "2025-12-01", "2025-12-31"),
            (ReportPeriod::Last3Months, "2025-11-01", "2026-01-31"),
            (ReportPeriod::Last12Months, "2025-02-01", "2026-01-31"),
            (ReportPeriod::ThisYear, "2026-01-01", "2026-12-31"),
            (
                ReportPeriod::Custom {
                    from: "2025-02-28".into(),
                    to: "2025-03-02".into(),
                },
                "2025-02-28",
                "2025-03-02",
            ),
        ];
        for (preset, from, to) in cases {
            let resolved = resolve(&preset, today).expect("resolves");
            assert_eq!(
                (resolved.from(), resolved.to()),
                (day(from), day(to)),
                "{preset:?}"
            );
        }
        for (from, to) in [
            ("2026-02-30", "2026-03-01"),
            ("2026-03-02", "2026-03-01"),
            ("", "x"),
        ] {
            let err = resolve(
                &ReportPeriod::Custom {
                    from: from.into(),
                    to: to.into(),
                },
                today,
            )
            .expect_err("refused");
            assert_eq!(err.code, ErrorCode::InvalidPeriod, "{from}..{to}: {err:?}");
        }
    }

    #[test]
    fn periods_read_well_as_labels_and_file_names() {
        let cases = [
            ("2026-11-01", "2026-11-30", "November 2026", "2026-11"),
            (
                "2026-09-01",
                "2026-11-30",
                "September – November 2026",
                "2026-09-to-2026-11",
            ),
            (
                "2025-12-01",
                "2026-11-30",
                "December 2025 – November 2026",
                "2025-12-to-2026-11",
            ),
            (
                "2026-09-03",
                "2026-11-14",
                "3 Sep 2026 – 14 Nov 2026",
                "2026-09-03-to-2026-11-14",
            ),
            ("2026-11-24", "2026-11-24", "24 Nov 2026", "2026-11-24"),
            (
                "2026-02-01",
                "2026-02-27",
                "1 Feb 2026 – 27 Feb 2026",
                "2026-02-01-to-2026-02-27",
            ),
        ];
        for (from, to, label, stem) in cases {
            assert_eq!(period_label(period(from, to)), label);
            assert_eq!(file_stem(period(from, to)), stem);
        }
    }

    #[test]
    fn shares_round_to_hundredths_of_a_percent() {
        assert_eq!(share_bp(1, 3), 3333);
        assert_eq!(share_bp(2, 3), 6667);
        assert_eq!(share_bp(5, 5), 10_000);
        assert_eq!(share_bp(0, 5), 0);
        assert_eq!(share_bp(5, 0), 0);
        assert_eq!(share_bp(i64::MAX / 2, i64::MAX), 5000);
        assert_eq!(percent(80, Some(100)), Some(80));
        assert_eq!(percent(199, Some(100)), Some(199));
        assert_eq!(percent(5, Some(0)), None);
        assert_eq!(percent(5, None), None);
    }
}
