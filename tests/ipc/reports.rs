//! The reports screen over IPC, with "today" pinned: the tables behind the four charts for presets,
//! ragged custom periods and category filters; chart images as raw bytes; saved charts equal to the
//! ones shown; table exports; and bad requests refused with specific codes.

#![allow(
    clippy::inconsistent_digit_grouping,
    reason = "amounts are written units_cents: 192_00 is 192.00"
)]

use serde_json::{Value, json};

use super::{Harness, add, category_id, code, harness_at, invoke, invoke_bytes, unlocked};

/// A report request for `period` (a `ReportPeriod`) and `categories` (none: all), 12 months.
pub(super) fn request(period: Value, categories: &[i64]) -> Value {
    json!({"period": period, "categoryIds": categories, "trendMonths": 12})
}

/// A 480 x 300 chart of this month, light.
pub(super) fn chart(kind: &str, format: &str) -> Value {
    json!({"report": request(json!({"kind": "thisMonth"}), &[]), "chart": kind, "theme": "light",
           "width": 480, "height": 300, "format": format})
}

fn report(h: &Harness, request: Value) -> Result<Value, Value> {
    invoke(&h.main, "report", json!({ "request": request }))
}

fn spend(h: &Harness, date: &str, amount: &str, category: i64) {
    add(
        h,
        json!({"date": date, "amount": amount, "categoryId": category}),
    )
    .unwrap_or_else(|err| panic!("{date} {amount}: {err}"));
}

fn set_budget(h: &Harness, category: Value, amount: &str) {
    invoke(
        &h.main,
        "set_budget",
        json!({"request": {"categoryId": category, "month": "2026-11", "span": "fromThisMonthOn",
                           "amount": amount, "rollover": false}}),
    )
    .expect("budget set");
}

/// A profile on 2026-11-10 with spending from August to November and budgets for November.
fn household() -> (Harness, i64, i64, i64) {
    let h = harness_at("2026-11-10");
    unlocked(&h, "EUR");
    let (food, dining, transport) = (
        category_id(&h, "Groceries"),
        category_id(&h, "Dining"),
        category_id(&h, "Transport"),
    );
    spend(&h, "2026-08-31", "5.00", food);
    spend(&h, "2026-09-02", "40.00", food);
    spend(&h, "2026-10-15", "60.00", dining);
    spend(&h, "2026-11-01", "100.00", food);
    spend(&h, "2026-11-03", "50.00", dining);
    spend(&h, "2026-11-03", "25.00", food);
    spend(&h, "2026-11-09", "10.00", transport);
    spend(&h, "2026-11-20", "7.00", transport);
    set_budget(&h, json!(null), "400");
    set_budget(&h, json!(food), "200");
    set_budget(&h, json!(dining), "40");
    (h, food, dining, transport)
}

fn amounts(rows: &Value, key: &str) -> Vec<i64> {
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| r[key].as_i64().expect("an integer"))
        .collect()
}

#[test]
fn a_report_sums_its_period_and_categories_into_four_tables() {
    let (h, food, dining, transport) = household();

    let november = report(&h, request(json!({"kind": "thisMonth"}), &[])).expect("report");
    assert_eq!(november["from"], "2026-11-01");
    assert_eq!(november["to"], "2026-11-30");
    assert_eq!(november["label"], "November 2026");
    assert_eq!(november["fileStem"], "2026-11");
    assert_eq!(november["currency"], "EUR");
    assert_eq!(
        november["total"], 192_00,
        "every November expense, the 20th included"
    );
    assert_eq!(november["count"], 5);
    let by_category = &november["byCategory"];
    assert_eq!(amounts(by_category, "amount"), [125_00, 50_00, 17_00]);
    assert_eq!(
        amounts(by_category, "categoryId"),
        [food, dining, transport]
    );
    assert_eq!(by_category[0]["name"], "Groceries");
    assert_eq!(by_category[0]["shareBp"], 6510, "125 / 192 = 65.10 %");
    assert_eq!(by_category[2]["count"], 2);

    let monthly = &november["monthly"];
    assert_eq!(monthly["months"].as_array().expect("months").len(), 12);
    assert_eq!(monthly["months"][0]["month"], "2025-12");
    assert_eq!(monthly["months"][11]["month"], "2026-11");
    assert_eq!(
        amounts(&monthly["months"], "amount")[8..],
        [5_00, 40_00, 60_00, 192_00],
        "August to November"
    );
    assert_eq!(monthly["total"], 297_00);
    assert_eq!(monthly["average"], 24_75);

    let budget = &november["budget"];
    assert_eq!(budget["month"], "2026-11");
    assert_eq!(
        amounts(&budget["rows"], "categoryId"),
        [dining, food, transport],
        "budgeted by name, then spent in without a budget"
    );
    assert_eq!(budget["rows"][0]["limit"], 40_00);
    assert_eq!(budget["rows"][0]["remaining"], -10_00, "Dining is over");
    assert_eq!(budget["rows"][0]["percent"], 125);
    assert_eq!(budget["rows"][2]["limit"], Value::Null);

    let burn = &november["burnUp"];
    assert_eq!(burn["limit"], 400_00, "the overall budget");
    let days = burn["days"].as_array().expect("days");
    assert_eq!(days.len(), 10, "the 1st to today");
    assert_eq!(
        days[2],
        json!({"date": "2026-11-03", "spent": 75_00, "cumulative": 175_00})
    );
    assert_eq!(days[9]["cumulative"], 185_00, "the 20th is still to come");
    assert_eq!(burn["projected"], 185_00 * 3, "185 in 10 days of 30");
    assert_eq!(
        burn["overOn"], "2026-11-22",
        "18.50 a day passes 400 on the 22nd"
    );

    // A ragged custom period reads partial months from the day index and whole ones from totals.
    let ragged = report(
        &h,
        request(
            json!({"kind": "custom", "from": "2026-09-01", "to": "2026-11-03"}),
            &[],
        ),
    )
    .expect("report");
    assert_eq!(ragged["label"], "1 Sep 2026 – 3 Nov 2026");
    assert_eq!(ragged["fileStem"], "2026-09-01-to-2026-11-03");
    assert_eq!(ragged["total"], 275_00, "40 + 60 + 100 + 50 + 25");
    assert_eq!(ragged["burnUp"]["days"].as_array().expect("days").len(), 10);

    // A filter narrows every table; the burn-up has a budget line only when every chosen
    // category has a budget (Transport has none).
    let filtered = report(
        &h,
        request(json!({"kind": "last3Months"}), &[dining, transport]),
    )
    .expect("report");
    assert_eq!(filtered["label"], "September – November 2026");
    assert_eq!(filtered["total"], 127_00);
    assert_eq!(
        amounts(&filtered["byCategory"], "categoryId"),
        [dining, transport]
    );
    assert_eq!(
        amounts(&filtered["budget"]["rows"], "categoryId"),
        [dining, transport]
    );
    assert_eq!(filtered["burnUp"]["limit"], Value::Null);
    let dining_only = report(&h, request(json!({"kind": "thisMonth"}), &[dining])).expect("report");
    assert_eq!(dining_only["burnUp"]["limit"], 40_00, "Dining's budget");
    assert_eq!(dining_only["burnUp"]["overOn"], Value::Null, "over already");
    assert_eq!(
        amounts(&filtered["monthly"]["months"], "amount")[9..],
        [0, 60_00, 67_00]
    );

    let last_month = report(&h, request(json!({"kind": "lastMonth"}), &[])).expect("report");
    assert_eq!(last_month["total"], 60_00);
    assert_eq!(
        last_month["burnUp"]["days"].as_array().expect("days").len(),
        31
    );
    assert_eq!(
        last_month["burnUp"]["projected"],
        Value::Null,
        "October is over"
    );
}

/// The width and height in a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn charts_cross_as_image_bytes_and_save_exactly_as_shown() {
    let (h, _, _, _) = household();
    invoke(
        &h.main,
        "create_category",
        json!({"input": {"name": "<script>alert(1)</script>", "color": "#d63384"}}),
    )
    .expect("a hostile name is just a name");
    let hostile = category_id(&h, "<script>alert(1)</script>");
    spend(&h, "2026-11-05", "12.00", hostile);

    for kind in [
        "spendingByCategory",
        "monthlyTotals",
        "budgetVsActual",
        "burnUp",
    ] {
        let png = invoke_bytes(
            &h.main,
            "chart_image",
            json!({ "request": chart(kind, "png") }),
        )
        .unwrap_or_else(|err| panic!("{kind}: {err}"));
        assert_eq!(png_size(&png), (960, 600), "{kind}: 2x the CSS size");
        let svg = invoke_bytes(
            &h.main,
            "chart_image",
            json!({ "request": chart(kind, "svg") }),
        )
        .unwrap_or_else(|err| panic!("{kind}: {err}"));
        let svg = String::from_utf8(svg).expect("SVG is UTF-8");
        assert!(
            svg.starts_with("<svg") && svg.contains(r#"width="480""#),
            "{kind}: {svg:.200}"
        );
        assert!(!svg.contains("<script"), "{kind}: no markup from a name");
        if kind == "spendingByCategory" || kind == "budgetVsActual" {
            assert!(
                svg.contains("&lt;script&gt;"),
                "{kind}: the name is escaped text"
            );
        }
    }

    let dark = json!({"report": request(json!({"kind": "thisMonth"}), &[]), "chart": "spendingByCategory",
                      "theme": "dark", "width": 480, "height": 300, "format": "svg"});
    let shown = invoke_bytes(&h.main, "chart_image", json!({ "request": dark })).expect("drawn");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("coffer-spending-by-category-2026-11.svg");
    let written = invoke(
        &h.main,
        "save_chart",
        json!({"request": {"chart": dark, "path": path.to_str().expect("UTF-8 path")}}),
    )
    .expect("saved");
    assert_eq!(written, json!(shown.len()));
    assert_eq!(
        std::fs::read(&path).expect("the file"),
        shown,
        "saved as shown"
    );

    let csv = dir.path().join("budget.csv");
    let rows = invoke(
        &h.main,
        "export_report_table",
        json!({"request": {"report": request(json!({"kind": "thisMonth"}), &[]), "chart": "budgetVsActual",
                           "format": "csv", "path": csv.to_str().expect("UTF-8 path")}}),
    )
    .expect("exported");
    assert_eq!(rows, 4);
    assert_eq!(
        std::fs::read_to_string(&csv).expect("the file"),
        "Category,Budget,Spent,Remaining,Used %\r\n\
         Dining,40.00,50.00,-10.00,125\r\n\
         Groceries,200.00,125.00,75.00,62\r\n\
         Transport,,17.00,,\r\n\
         <script>alert(1)</script>,,12.00,,\r\n"
    );
    let xlsx = dir.path().join("burn-up.xlsx");
    let rows = invoke(
        &h.main,
        "export_report_table",
        json!({"request": {"report": request(json!({"kind": "thisMonth"}), &[]), "chart": "burnUp",
                           "format": "xlsx", "path": xlsx.to_str().expect("UTF-8 path")}}),
    )
    .expect("exported");
    assert_eq!(rows, 10, "a row per day up to today");
    assert!(
        std::fs::read(&xlsx).expect("the file").starts_with(b"PK"),
        "a workbook"
    );
}

#[test]
fn bad_report_requests_get_specific_codes_and_write_nothing() {
    let (h, food, _, _) = household();
    let custom =
        |from: &str, to: &str| request(json!({"kind": "custom", "from": from, "to": to}), &[]);
    for (bad, expected) in [
        (custom("2026-11-02", "2026-11-01"), "invalid_period"),
        (custom("2026-02-30", "2026-03-01"), "invalid_period"),
        (custom("yesterday", "2026-03-01"), "invalid_period"),
        (
            request(json!({"kind": "thisMonth"}), &[food, 9999]),
            "unknown_category",
        ),
        (
            json!({"period": {"kind": "thisMonth"}, "categoryIds": [], "trendMonths": 13}),
            "invalid_request",
        ),
    ] {
        let err = report(&h, bad.clone()).expect_err("refused");
        assert_eq!(code(&err), expected, "{bad}: {err}");
    }
    // A period the wire format does not have never reaches the handler: Tauri refuses it.
    let unknown = json!({"period": {"kind": "nextDecade"}, "categoryIds": [], "trendMonths": 12});
    let err = report(&h, unknown).expect_err("refused");
    assert!(err.to_string().contains("nextDecade"), "{err}");

    let mut tiny = chart("spendingByCategory", "png");
    tiny["width"] = json!(10);
    let err =
        invoke_bytes(&h.main, "chart_image", json!({ "request": tiny })).expect_err("refused");
    assert_eq!(code(&err), "invalid_chart", "{err}");

    let dir = tempfile::tempdir().expect("temp dir");
    let nowhere = dir.path().join("missing-folder/chart.png");
    let err = invoke(
        &h.main,
        "save_chart",
        json!({"request": {"chart": chart("burnUp", "png"), "path": nowhere.to_str().expect("UTF-8")}}),
    )
    .expect_err("refused");
    assert_eq!(code(&err), "export_failed", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("chart.png")),
        "the message names the file: {err}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "nothing written"
    );
}
