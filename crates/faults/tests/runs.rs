//! Both modes of `coffer-faults`, small: a crash run with a few kills and small imports, and a tamper
//! run with a few flips per target, must find no failure. (The full runs are made by hand, in release.)

use std::process::Command;

fn run(args: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_coffer-faults"))
        .args(args)
        .output()
        .expect("coffer-faults runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?} failed: {stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().expect("a JSON line");
    serde_json::from_str(line).expect("the last line is JSON")
}

#[test]
fn a_short_crash_run_finds_nothing_lost_or_half_there() {
    let report = run(&[
        "crash",
        "--kills",
        "8",
        "--registry-kills",
        "4",
        "--rows",
        "2000",
        "--seed",
        "7",
    ]);
    assert_eq!(report["failures"], 0, "{report}");
    assert_eq!(report["kills"], 12, "{report}");
    assert_eq!(
        report["checks_passed"].as_u64().map(|n| n >= 6 * 12),
        Some(true),
        "{report}"
    );
}

#[test]
fn a_short_tamper_run_never_reads_wrong_data_or_panics() {
    let report = run(&["tamper", "--flips", "3", "--seed", "7"]);
    assert_eq!(report["failures"], 0, "{report}");
    assert_eq!(report["wrong_data"], 0, "{report}");
    assert_eq!(report["panics"], 0, "{report}");
    assert_eq!(report["flips"], 24, "{report}");
}
