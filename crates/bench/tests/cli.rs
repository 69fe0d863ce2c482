//! Runs the real `coffer-bench` binary on a generated file and checks its result checksums against
//! sums computed here, independently, from the same CSV.

use std::collections::HashSet;
use std::process::Command;

fn bench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_coffer-bench"))
}

/// Minor units of an amount written `units.cents` (what `generate` writes).
fn cents(amount: &str) -> i64 {
    let (units, cents) = amount.split_once('.').expect("two decimals");
    units.parse::<i64>().expect("units") * 100 + cents.parse::<i64>().expect("cents")
}

#[test]
fn the_checksums_match_an_independent_computation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("expenses.csv");
    let status = bench()
        .args(["generate", "3000"])
        .arg(&csv)
        .args(["--seed", "7"])
        .status()
        .expect("runs");
    assert!(status.success());

    // (line, date, cents, category) for every row.
    let text = std::fs::read_to_string(&csv).expect("written");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<(usize, String, i64, String)> = reader
        .records()
        .enumerate()
        .map(|(line, record)| {
            let record = record.expect("valid CSV");
            (
                line,
                record[0].to_owned(),
                cents(&record[1]),
                record[2].to_owned(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 3000);

    let output = bench()
        .arg(&csv)
        .args(["--month", "2025-02", "--category", "dining", "--reps", "3"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let last = stdout.lines().last().expect("a JSON line");
    let json: serde_json::Value = serde_json::from_str(last).expect("the last line is JSON");
    let check = &json["check"];

    let months: HashSet<(&str, &str)> = rows
        .iter()
        .map(|(_, d, _, c)| (&d[..7], c.as_str()))
        .collect();
    assert_eq!(json["n"], 3000);
    assert_eq!(check["b_groups"], months.len());
    assert_eq!(check["b_cents"], rows.iter().map(|r| r.2).sum::<i64>());

    let february: Vec<_> = rows.iter().filter(|r| r.1.starts_with("2025-02")).collect();
    let categories: HashSet<&str> = february.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(check["c_groups"], categories.len());
    assert_eq!(check["c_cents"], february.iter().map(|r| r.2).sum::<i64>());

    let mut dining: Vec<_> = rows.iter().filter(|r| r.3 == "Dining").collect();
    dining.sort_by(|a, b| (&b.1, b.0).cmp(&(&a.1, a.0)));
    dining.truncate(50);
    assert_eq!(check["d_n"], 50);
    assert_eq!(check["d_cents"], dining.iter().map(|r| r.2).sum::<i64>());
    assert_eq!(check["d_oldest"], dining.last().expect("fifty").1.as_str());

    for key in [
        "import_s",
        "monthly_s",
        "month_s",
        "recent50_s",
        "chart_s",
        "open_s",
        "kdf_s",
    ] {
        assert!(
            json[key].as_f64().is_some_and(|s| s >= 0.0),
            "{key} is a duration: {last}"
        );
    }
    assert!(json["store_bytes"].as_u64().is_some_and(|b| b > 0));
}

#[test]
fn a_bad_row_names_its_line_and_column_and_nothing_is_measured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "date,amount,category,description,payment_method\n\
         2025-01-02,12.50,Dining,Lunch,card\n\
         2025-02-30,3.00,Dining,Dinner,card\n",
    )
    .expect("written");
    let output = bench().arg(&csv).output().expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3, column date"), "{stderr}");
    assert!(stderr.contains("“2025-02-30” is not a date"), "{stderr}");
    assert!(output.stdout.is_empty(), "no figures for a failed load");
}
