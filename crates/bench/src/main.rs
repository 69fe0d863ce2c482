//! `coffer-bench`: loads a CSV of expenses into a fresh encrypted profile through the app's own bulk
//! path and times the queries the app's screens run, printing the figures as one JSON line.
//!
//! ```text
//! coffer-bench FILE.csv [--month YYYY-MM] [--category NAME] [--reps N]
//! coffer-bench generate ROWS OUT.csv [--seed N]
//! ```
//!
//! The CSV has a header row and the columns `date,amount,category,description,payment_method` (ISO
//! dates, amounts like `12.34`, RFC 4180 quoting, UTF-8). Query times are medians of `--reps` runs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use coffer_ledger::query;
use coffer_ledger::totals;
use coffer_ledger::{CategoryId, Date, Month};
use coffer_vault::{BackupSecret, KdfParams, OsEntropy, Password, UnixTime, Vault};
use std::collections::HashMap;

mod generate;

/// A failure, said in one sentence.
struct Failure(String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! failure_from {
    ($($source:ty),*) => {$(
        impl From<$source> for Failure {
            fn from(err: $source) -> Self {
                Failure(err.to_string())
            }
        }
    )*};
}
failure_from!(
    coffer_ledger::Error,
    coffer_vault::Error,
    csv::Error,
    std::io::Error
);

const USAGE: &str = "usage: coffer-bench FILE.csv [--month YYYY-MM] [--category NAME] [--reps N]
       coffer-bench generate ROWS OUT.csv [--seed N]";

struct Args {
    file: PathBuf,
    month: Option<Month>,
    category: Option<String>,
    reps: usize,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, Failure> {
    let mut file = None;
    let mut month = None;
    let mut category = None;
    let mut reps = 21;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| Failure(format!("{name} needs a value\n{USAGE}")))
        };
        match arg.as_str() {
            "--month" => {
                let text = value("--month")?;
                month = Some(
                    text.parse()
                        .map_err(|err| Failure(format!("--month {text}: {err}")))?,
                );
            }
            "--category" => category = Some(value("--category")?),
            "--reps" => {
                let text = value("--reps")?;
                reps =
                    text.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        Failure(format!("--reps {text}: expected a positive number"))
                    })?;
            }
            "-h" | "--help" => return Err(Failure(USAGE.to_owned())),
            _ if file.is_none() && !arg.starts_with("--") => file = Some(PathBuf::from(arg)),
            _ => return Err(Failure(format!("unexpected argument {arg:?}\n{USAGE}"))),
        }
    }
    Ok(Args {
        file: file.ok_or_else(|| Failure(USAGE.to_owned()))?,
        month,
        category,
        reps,
    })
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let result = if args.peek().map(String::as_str) == Some("generate") {
        generate::run(args.skip(1))
    } else {
        parse_args(args).and_then(|args| bench(&args))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("coffer-bench: {failure}");
            ExitCode::from(2)
        }
    }
}

fn now() -> UnixTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UnixTime(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Runs `f` `reps` times and returns the median time and the last result.
fn median<T>(reps: usize, mut f: impl FnMut() -> Result<T, Failure>) -> Result<(f64, T), Failure> {
    let mut times = Vec::with_capacity(reps);
    let mut last = None;
    for _ in 0..reps {
        let start = Instant::now();
        let value = f()?;
        times.push(start.elapsed());
        last = Some(value);
    }
    times.sort();
    let value = last.ok_or_else(|| Failure("no repetitions".into()))?;
    Ok((seconds(times[times.len() / 2]), value))
}

/// Reads `file` through the app's importer (the same detection, conversion and all-or-nothing
/// batch a drop on the window uses) into the unlocked ledger; returns the number of rows and the
/// seconds spent reading and understanding the file before the first row is written.
fn import(
    conn: &mut coffer_vault::rusqlite::Connection,
    file: &Path,
    now: i64,
) -> Result<(usize, f64), Failure> {
    let currency = coffer_ledger::currency(conn)?;
    let name = file.display().to_string();
    let start = Instant::now();
    let bytes = std::fs::read(file).map_err(|err| Failure(format!("{name}: {err}")))?;
    let table = coffer_import::read_file(&bytes, None, None)
        .map_err(|err| Failure(format!("{name}: {err}")))?;
    drop(bytes);
    let proposal = coffer_import::propose(&table, currency)
        .map_err(|err| Failure(format!("{name}: {err}")))?;
    let format = coffer_import::date_format(&table, &proposal).ok_or_else(|| {
        Failure(format!(
            "{name}: the dates read both day-first and month-first"
        ))
    })?;
    let detect_s = seconds(start.elapsed());
    // Rows are read, converted and written one at a time: nothing but the file's text is held.
    let (batch, ()) = coffer_ledger::batch::import(conn, now, &name, |writer| {
        for outcome in coffer_import::outcomes(&table, &proposal, format, currency) {
            let e = match outcome {
                coffer_import::Outcome::Expense(e) => e,
                coffer_import::Outcome::Problem(p) => {
                    return Err(Failure(format!(
                        "{name}, line {}, column {}: {}",
                        p.line, p.column, p.reason
                    )));
                }
                coffer_import::Outcome::Skipped { line, reason } => {
                    return Err(Failure(format!("{name}, line {line}: {reason}")));
                }
            };
            let category = match &e.category {
                Some(c) => writer.category_named(c, true)?,
                None => return Err(Failure(format!("{name}, line {}: no category", e.line))),
            };
            let fields = e.fields(category)?;
            writer.insert(&fields)?;
        }
        Ok(())
    })?;
    Ok((usize::try_from(batch.count).unwrap_or(usize::MAX), detect_s))
}

/// Times the other things the expense screen does, for the human summary: a page deep into the list, a
/// text search, the total of a year.
fn extra_figures(
    conn: &coffer_vault::rusqlite::Connection,
    reps: usize,
    month: Month,
) -> Result<String, Failure> {
    use query::{Cursor, Filter, Sort};
    // Walk 1,000 pages of 50 once, then time the next page from that cursor.
    let mut cursor: Option<Cursor> = None;
    for _ in 0..1000 {
        match query::page(conn, &Filter::default(), Sort::NEWEST, cursor, 50)?.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let (deep_s, _) = median(reps, || {
        Ok(query::page(
            conn,
            &Filter::default(),
            Sort::NEWEST,
            cursor,
            50,
        )?)
    })?;
    let by_amount = Sort {
        key: query::SortKey::Amount,
        descending: true,
    };
    let (amount_s, _) = median(reps, || {
        Ok(query::page(conn, &Filter::default(), by_amount, None, 50)?)
    })?;
    let search = Filter {
        text: Some("petit".into()),
        ..Filter::default()
    };
    let (search_s, _) = median(reps.min(3), || {
        Ok(query::page(conn, &search, Sort::NEWEST, None, 50)?)
    })?;
    let (search_total_s, found) = median(reps.min(3), || Ok(query::totals(conn, &search)?))?;
    let year = Filter {
        from: Some(Date::from_ymd(month.year(), 1, 1).map_err(|e| Failure(e.to_string()))?),
        to: Some(month.last_day()),
        ..Filter::default()
    };
    let (year_s, year_sum) = median(reps, || Ok(query::totals(conn, &year)?))?;
    Ok(format!(
        "page after 50,000 rows {:.3} ms; largest amounts first {:.3} ms; search \"petit\" first page {:.1} ms, \
         its total ({} rows) {:.1} ms; total of {} to {month} ({} rows) {:.3} ms",
        deep_s * 1e3,
        amount_s * 1e3,
        search_s * 1e3,
        found.count,
        search_total_s * 1e3,
        month.year(),
        year_sum.count,
        year_s * 1e3,
    ))
}

/// Times the budgets screen and the alert check that follows every change, with an overall budget
/// and one per category, all with rollover since the first month (so each carry walks the whole
/// history).
/// The reports screen for the 12 months ending with `month` (budgets set by [`budget_figures`]):
/// reading each chart's figures from the aggregates, and drawing each chart as an 800x500 PNG.
fn report_figures(
    conn: &coffer_vault::rusqlite::Connection,
    reps: usize,
    month: Month,
) -> Result<String, Failure> {
    use coffer_charts::{BudgetBar, BurnUp, Forecast, ImageFormat, Size, Slice, Theme};
    use coffer_ledger::report::{self, Filter, Period};
    let currency = coffer_ledger::currency(conn)?;
    let categories: HashMap<CategoryId, coffer_ledger::Category> =
        coffer_ledger::category::list(conn)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
    let label = |id: CategoryId| {
        categories
            .get(&id)
            .map_or_else(String::new, |c| c.name.clone())
    };
    let color = |id: CategoryId| {
        categories
            .get(&id)
            .and_then(|c| c.color.parse().ok())
            .unwrap_or(coffer_charts::Rgb::new(0x6c, 0x75, 0x7d))
    };
    let first = Month::from_key(month.key() - 11).map_err(|err| Failure(err.to_string()))?;
    let period = Period::months(first, month)?;
    let all = Filter::all();
    // The burn-up is seen from the 20th of `month`, so it has a forecast.
    let today =
        Date::from_ymd(month.year(), month.number(), 20).map_err(|err| Failure(err.to_string()))?;
    let (by_category_s, spending) = median(reps, || {
        Ok(report::spending_by_category(conn, period, &all)?)
    })?;
    let (monthly_s, months) = median(reps, || Ok(report::monthly(conn, month, 12, &all)?))?;
    let (budget_s, rows) = median(reps, || Ok(report::budget_vs_actual(conn, month, &all)?))?;
    let (burn_s, burn) = median(reps, || Ok(report::burn_up(conn, month, &all, today)?))?;

    let size = Size {
        width: 800,
        height: 500,
    };
    let (theme, png) = (Theme::Light, ImageFormat::Png);
    let chart = |err: coffer_charts::ChartError| Failure(format!("chart: {err}"));
    let slices: Vec<Slice> = spending
        .iter()
        .map(|c| Slice {
            label: label(c.category),
            color: color(c.category),
            amount: c.sum.total,
        })
        .collect();
    let bars: Vec<BudgetBar> = rows
        .iter()
        .map(|r| BudgetBar {
            label: label(r.category),
            color: color(r.category),
            limit: r.limit,
            spent: r.spent,
        })
        .collect();
    let day = |d: Date| d.ymd().2;
    let burn_up = BurnUp {
        month,
        daily: burn.days.iter().map(|(d, a)| (day(*d), *a)).collect(),
        limit: burn.limit,
        forecast: burn.pace.map(|p| Forecast {
            today: day(today),
            projected: p.projected,
            over_on: p.over_on.map(day),
        }),
    };
    let (donut_s, _) = median(reps, || {
        coffer_charts::spending_by_category(&slices, currency, theme, size, png).map_err(chart)
    })?;
    let (bars_s, _) = median(reps, || {
        coffer_charts::monthly_totals(&months, currency, theme, size, png).map_err(chart)
    })?;
    let (budget_chart_s, _) = median(reps, || {
        coffer_charts::budget_vs_actual(&bars, month, currency, theme, size, png).map_err(chart)
    })?;
    let (burn_chart_s, _) = median(reps, || {
        coffer_charts::burn_up(&burn_up, currency, theme, size, png).map_err(chart)
    })?;
    let ms = |s: f64| s * 1e3;
    Ok(format!(
        "reports for {first} to {month}: figures by category {:.2} ms, monthly {:.2} ms, budget vs \
         actual {:.2} ms, burn-up ({} days) {:.2} ms; 800x500 PNGs drawn in {:.1} / {:.1} / {:.1} / {:.1} ms",
        ms(by_category_s),
        ms(monthly_s),
        ms(budget_s),
        burn.days.len(),
        ms(burn_s),
        ms(donut_s),
        ms(bars_s),
        ms(budget_chart_s),
        ms(burn_chart_s),
    ))
}

fn budget_figures(
    conn: &mut coffer_vault::rusqlite::Connection,
    reps: usize,
    first: Month,
    month: Month,
) -> Result<String, Failure> {
    use coffer_ledger::alert;
    use coffer_ledger::budget::{self, Change, Scope, Span};
    let scopes = std::iter::once(Scope::Overall).chain(
        coffer_ledger::category::list(conn)?
            .into_iter()
            .map(|c| Scope::Category(c.id)),
    );
    for scope in scopes {
        let change = Change {
            scope,
            month: first,
            span: Span::FromThisMonthOn,
            amount: Some(50_000),
            rollover: true,
        };
        budget::set(conn, &change)?;
    }
    let (lines_s, lines) = median(reps, || Ok(budget::lines(conn, month)?))?;
    let announced = alert::evaluate(conn, month, now().0)?.len();
    let (evaluate_s, _) = median(reps, || Ok(alert::evaluate(conn, month, now().0)?))?;
    Ok(format!(
        "budgets of {month} ({} lines, rollover over {} months) {:.3} ms; alert check after a change {:.3} ms (\
         {announced} thresholds reached on the first check)",
        lines.len(),
        month.key() - first.key() + 1,
        lines_s * 1e3,
        evaluate_s * 1e3,
    ))
}

/// The resident set's high-water mark, where the platform tells it.
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn directory_bytes(dir: &Path) -> Result<u64, Failure> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            directory_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

fn bench(args: &Args) -> Result<(), Failure> {
    let dir = tempfile::tempdir()?;
    let vault = Vault::open(dir.path())?;
    let password = Password::from("coffer-bench correct horse battery staple");
    let mut session = vault
        .create_profile("Bench", &password, now(), &mut OsEntropy)?
        .session;
    coffer_ledger::migrate(session.connection_mut(), now().0)?;

    // From here on, the peak is the data path's alone (Argon2's working memory came before).
    let reset_peak = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let (n, detect_s) = import(session.connection_mut(), &args.file, now().0)?;
    let import_s = seconds(start.elapsed());
    let conn = session.connection();

    // (b) every month x category.
    let (monthly_s, all_months) = median(args.reps, || Ok(totals::by_month_and_category(conn)?))?;
    let month = match args.month {
        Some(month) => month,
        None => all_months
            .last()
            .map(|t| t.month)
            .ok_or_else(|| Failure("the file has no rows".into()))?,
    };
    // (c) one month per category.
    let (month_s, in_month) = median(args.reps, || Ok(totals::by_category(conn, month)?))?;
    // (d) the 50 most recent of one category.
    let categories = coffer_ledger::category::list(conn)?;
    let category = match &args.category {
        Some(name) => coffer_ledger::category::find_by_name(conn, name)?
            .ok_or_else(|| Failure(format!("--category {name}: no such category in the file")))?,
        None => categories
            .iter()
            .max_by_key(|c| c.expense_count)
            .map(|c| c.id)
            .ok_or_else(|| Failure("no categories".into()))?,
    };
    let (recent50_s, recent) = median(args.reps, || Ok(query::recent(conn, Some(category), 50)?))?;
    // The spending-by-category chart of every row, as a PNG, from the maintained totals.
    let currency = coffer_ledger::currency(conn)?;
    let (chart_s, chart) = median(args.reps, || {
        let mut by_category: HashMap<CategoryId, i64> = HashMap::new();
        for t in totals::by_month_and_category(conn)? {
            *by_category.entry(t.category).or_default() += t.total;
        }
        let slices: Vec<coffer_charts::Slice> = categories
            .iter()
            .filter_map(|c| {
                Some(coffer_charts::Slice {
                    label: c.name.clone(),
                    color: c.color.parse().ok()?,
                    amount: by_category.get(&c.id).copied().unwrap_or(0),
                })
            })
            .collect();
        coffer_charts::spending_by_category(
            &slices,
            currency,
            coffer_charts::Theme::Light,
            coffer_charts::Size {
                width: 800,
                height: 500,
            },
            coffer_charts::ImageFormat::Png,
        )
        .map_err(|err| Failure(format!("chart: {err}")))
    })?;
    let extra = extra_figures(conn, args.reps, month)?;
    let first = all_months.first().map_or(month, |t| t.month);
    let budgets = budget_figures(session.connection_mut(), args.reps, first, month)?;
    let reports = report_figures(session.connection(), args.reps, month)?;
    let data_peak = if reset_peak {
        peak_memory_bytes()
    } else {
        None
    };

    let profile = session.profile().id;
    session.close()?;
    let store_bytes = directory_bytes(&dir.path().join("profiles"))?;

    // Opening an existing profile: unlock (Argon2id included) and the first dashboard query.
    let start = Instant::now();
    let mut session = vault.unlock(&profile, &password, now())?;
    coffer_ledger::migrate(session.connection_mut(), now().0)?;
    let dashboard = query::dashboard(session.connection(), month.last_day())?;
    let open_s = seconds(start.elapsed());

    // A backup of the whole profile (Argon2id to prove the password, then the snapshot and the
    // tag), and restoring it as a new profile (tag, integrity check, Argon2id for its two slots).
    let backups = tempfile::tempdir()?;
    let backup_file = backups.path().join("bench.cofferbackup");
    let start = Instant::now();
    let backup = vault.write_backup(&session, &password, &backup_file, now())?;
    let backup_s = seconds(start.elapsed());
    session.close()?;
    let start = Instant::now();
    let restored = vault.restore_as_new(
        &backup_file,
        BackupSecret::Password(&password),
        "Bench restored",
        None,
        now(),
        &mut OsEntropy,
    )?;
    let restore_s = seconds(start.elapsed());
    restored.session.close()?;
    let (kdf_s, ()) = median(1, || Ok(KdfParams::DEFAULT.rehearse(&password)?))?;

    let b_cents: i64 = all_months.iter().map(|t| t.total).sum();
    let c_cents: i64 = in_month.iter().map(|t| t.total).sum();
    let d_cents: i64 = recent.iter().map(|e| e.fields.amount()).sum();
    let d_oldest = recent
        .last()
        .map_or_else(String::new, |e| e.fields.date().to_string());
    let mb = |bytes: Option<u64>| {
        bytes.map_or_else(|| "unknown".into(), |b| format!("{:.1} MB", b as f64 / 1e6))
    };
    eprintln!(
        "coffer-bench: {n} rows imported in {import_s:.3} s through the app's importer \
         ({detect_s:.3} s reading the file and detecting its format before the first row is \
         written); month {month} holds {} expenses\n\
         coffer-bench: spending-by-category chart of all rows, 800x500 PNG at 2x ({} KB) {:.1} ms\n\
         coffer-bench: {extra}\n\
         coffer-bench: {budgets}\n\
         coffer-bench: {reports}\n\
         coffer-bench: backup of the whole profile {backup_s:.3} s ({}), restored as a new profile in {restore_s:.3} s (both include Argon2id)\n\
         coffer-bench: peak memory {} overall (Argon2id takes {} MiB while unlocking), {} for import and queries",
        dashboard.this_month.count,
        chart.len() / 1024,
        chart_s * 1e3,
        mb(Some(backup.bytes)),
        mb(peak_memory_bytes()),
        KdfParams::DEFAULT.memory_kib / 1024,
        mb(data_peak),
    );
    println!(
        "{{\"peer\":\"coffer\",\"n\":{n},\"import_s\":{import_s:.6},\"monthly_s\":{monthly_s:.6},\
         \"month_s\":{month_s:.6},\"recent50_s\":{recent50_s:.6},\"chart_s\":{chart_s:.6},\
         \"open_s\":{open_s:.6},\"kdf_s\":{kdf_s:.6},\"backup_s\":{backup_s:.6},\"restore_s\":{restore_s:.6},\"store_bytes\":{store_bytes},\
         \"check\":{{\"b_groups\":{},\"b_cents\":{b_cents},\"c_groups\":{},\"c_cents\":{c_cents},\
         \"d_n\":{},\"d_cents\":{d_cents},\"d_oldest\":{}}}}}",
        all_months.len(),
        in_month.len(),
        recent.len(),
        serde_json::Value::String(d_oldest),
    );
    Ok(())
}
