//! End to end in the real window: the Reports screen shows its four charts (as images, at twice
//! their CSS size) and their tables; a PNG and an SVG are saved through the native save dialog,
//! driven as a person would, and the saved PNG is pixel for pixel the image on screen; a table is
//! exported to CSV the same way; the charts follow the dark theme.

use std::path::Path;

use serde_json::json;

use crate::budgets::{budget_set_button, set_category_budget};
use crate::desktop::Desktop;
use crate::{
    add_expense, choose_theme, click, create_profile, desktop, fail, read, shot, wait_for,
    wait_screen,
};

const PASSWORD: &str = "Reports-e2e-password";

/// Chooses `value` in the `<select>` at `css`, as picking it from the list does.
fn choose(d: &Desktop, css: &str, value: &str) {
    d.app()
        .script(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            json!([css, value]),
        )
        .unwrap_or_else(|e| fail(d, &format!("choosing {value} in {css}: {e}")));
}

/// Waits until the report and its four images for the current choices have arrived.
fn wait_ready(d: &Desktop) {
    wait_for(
        d,
        "document.querySelector('#reports')?.dataset.status === 'ready' && \
         document.querySelectorAll('img.report-chart[data-loaded=\"true\"]').length === 4",
        json!(true),
    );
}

/// FNV-1a over the RGB values of every pixel, row by row: the same figure for an image in the page
/// (read through a canvas: the CSP rightly lets no script fetch the image's bytes) and a PNG file.
const PIXEL_HASH_JS: &str = "const img = document.querySelector(`[data-chart=\"${arguments[0]}\"] img.report-chart`); \
     const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight; \
     const g = c.getContext('2d'); g.drawImage(img, 0, 0); \
     const px = g.getImageData(0, 0, c.width, c.height).data; \
     let h = 0x811c9dc5; \
     for (let i = 0; i < px.length; i += 4) for (let k = 0; k < 3; k++) { h ^= px[i + k]; h = Math.imul(h, 0x01000193) >>> 0; } \
     return [c.width, c.height, h];";

/// The size and pixel hash of the image shown in the card of `chart`.
fn shown_pixels(d: &Desktop, chart: &str) -> (u64, u64, u64) {
    let v = d
        .app()
        .script(PIXEL_HASH_JS, json!([chart]))
        .unwrap_or_else(|e| fail(d, &format!("reading the shown image: {e}")));
    let at = |i: usize| v[i].as_u64().unwrap_or_else(|| fail(d, &format!("{v}")));
    (at(0), at(1), at(2))
}

/// The size and pixel hash of a PNG file (the same FNV-1a as [`PIXEL_HASH_JS`]).
fn file_pixels(bytes: &[u8]) -> (u64, u64, u64) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("decodes");
    let channels = info.color_type.samples();
    assert!(channels >= 3, "a colour image");
    let mut hash: u32 = 0x811c_9dc5;
    for pixel in buf[..info.buffer_size()].chunks_exact(channels) {
        for value in &pixel[..3] {
            hash ^= u32::from(*value);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    (
        u64::from(info.width),
        u64::from(info.height),
        u64::from(hash),
    )
}

/// Opens the actions menu of `chart`, picks `action`, and answers the save dialog `title` with
/// `file`; waits for the success toast naming the file.
fn save_through_dialog(d: &Desktop, chart: &str, action: &str, title: &str, file: &Path) {
    click(d, &format!("#report-actions-{chart}"));
    click(
        d,
        &format!("[data-chart=\"{chart}\"] button[data-action=\"{action}\"]"),
    );
    d.answer_save_dialog(title, file)
        .unwrap_or_else(|e| fail(d, &e));
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a UTF-8 file name");
    wait_for(
        d,
        &format!(
            "document.querySelector('#toast .toast-message')?.textContent.includes({name:?}) ?? false"
        ),
        json!(true),
    );
    // A copy next to the screenshots, to look at.
    let copy = crate::desktop::screenshots_dir().join(format!("saved-{name}"));
    std::fs::copy(file, &copy).unwrap_or_else(|e| fail(d, &format!("copying {name}: {e}")));
}

#[test]
fn reports_show_four_charts_and_save_them_through_the_native_dialog() {
    let Some(d) = desktop() else { return };
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let out = tempfile::tempdir().expect("a folder to save into");

    wait_screen(&d, "create");
    choose_theme(&d, "light");
    create_profile(&d, "Sasha", PASSWORD);

    // A budget of 150.00 for Groceries, and spending in three categories.
    click(&d, "#nav-budgets");
    wait_screen(&d, "budgets");
    let groceries = set_category_budget(&d, "Groceries", "150");
    let dining = budget_set_button(&d, "Dining");
    let transport = budget_set_button(&d, "Transport");
    click(&d, "#nav-expenses");
    wait_screen(&d, "expenses");
    add_expense(&d, Some(&groceries), "92.40", "Market");
    add_expense(&d, Some(&groceries), "71.15", "Bakery & cheese");
    add_expense(&d, Some(&dining), "38.00", "Café Łódź");
    add_expense(&d, Some(&transport), "24.50", "Zürich tram");

    click(&d, "#nav-reports");
    wait_screen(&d, "reports");
    wait_ready(&d);
    let label = read(
        &d,
        "document.querySelector('#report-label').textContent.trim()",
    );
    assert_eq!(
        label,
        json!(chrono::Local::now().format("%B %Y").to_string()),
        "this month by default"
    );
    wait_for(
        &d,
        "document.querySelector('#report-count').dataset.count",
        json!("4"),
    );
    // Every chart is an image twice its CSS size, so it stays sharp on high-density screens.
    let sizes = read(
        &d,
        "[...document.querySelectorAll('img.report-chart')].map(i => [i.naturalWidth, i.naturalHeight, i.width, i.height])",
    );
    for size in sizes.as_array().expect("four images") {
        let [nw, nh, w, h] = [0, 1, 2, 3].map(|i| size[i].as_u64().expect("a size"));
        assert!(w >= 240 && h >= 160, "{size}");
        assert_eq!((nw, nh), (2 * w, 2 * h), "PNG at 2x: {size}");
    }
    shot(&d, "50-reports-light");
    d.app()
        .script(
            "document.querySelector('[data-chart=\"budgetVsActual\"]').scrollIntoView({ block: 'start' }); \
             window.scrollBy(0, -80);",
            json!([]),
        )
        .expect("scrolls");
    shot(&d, "53-reports-budget-burn-up-light");

    // The table behind the donut.
    click(
        &d,
        "[data-chart=\"spendingByCategory\"] button[data-view=\"table\"]",
    );
    wait_for(
        &d,
        "[...document.querySelectorAll('[data-chart=\"spendingByCategory\"] table.report-table tbody tr')] \
         .map(r => r.cells[0].textContent.trim()).join('|')",
        json!("Groceries|Dining|Transport"),
    );
    shot(&d, "51-reports-table-light");
    click(
        &d,
        "[data-chart=\"spendingByCategory\"] button[data-view=\"chart\"]",
    );
    wait_ready(&d);

    // Save as PNG: the file is the image on screen, pixel for pixel.
    let png_path = out
        .path()
        .join(format!("coffer-spending-by-category-{month}.png"));
    save_through_dialog(
        &d,
        "spendingByCategory",
        "save-png",
        "Save chart as PNG",
        &png_path,
    );
    let saved = std::fs::read(&png_path).expect("the PNG was written");
    assert_eq!(
        file_pixels(&saved),
        shown_pixels(&d, "spendingByCategory"),
        "the saved PNG has the size and every pixel of the one on screen"
    );

    // Save as SVG: well-formed text naming the categories, with no markup from them.
    let svg_path = out.path().join(format!("coffer-burn-up-{month}.svg"));
    save_through_dialog(&d, "burnUp", "save-svg", "Save chart as SVG", &svg_path);
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg:.120}"
    );
    assert!(svg.contains("Spent"), "the burn-up's legend is text");
    let donut_svg = out.path().join("donut.svg");
    save_through_dialog(
        &d,
        "spendingByCategory",
        "save-svg",
        "Save chart as SVG",
        &donut_svg,
    );
    let donut = std::fs::read_to_string(&donut_svg).expect("the SVG was written");
    for name in ["Groceries", "Dining", "Transport"] {
        assert!(donut.contains(name), "{name} in the legend");
    }
    assert!(!donut.contains("<script"), "no markup");

    // Export the table behind the budget chart to CSV through the same dialog.
    let csv_path = out
        .path()
        .join(format!("coffer-budget-vs-actual-{month}.csv"));
    save_through_dialog(&d, "budgetVsActual", "export-csv", "Save as CSV", &csv_path);
    let csv = std::fs::read_to_string(&csv_path).expect("the CSV was written");
    assert_eq!(
        csv.lines().take(3).collect::<Vec<_>>(),
        [
            "Category,Budget,Spent,Remaining,Used %",
            "Groceries,150.00,163.55,-13.55,109",
            "Dining,,38.00,,",
        ],
        "{csv}"
    );

    // Another period, then one category: every figure follows.
    choose(&d, "#report-period", "last3Months");
    wait_ready(&d);
    let today = chrono::Local::now().date_naive();
    let first = today - chrono::Months::new(2);
    let label = if chrono::Datelike::year(&first) == chrono::Datelike::year(&today) {
        format!("{} – {}", first.format("%B"), today.format("%B %Y"))
    } else {
        format!("{} – {}", first.format("%B %Y"), today.format("%B %Y"))
    };
    wait_for(
        &d,
        "document.querySelector('#report-label').textContent.trim()",
        json!(label),
    );
    click(&d, "#report-categories");
    click(
        &d,
        &format!("input.report-category-option[data-category-id=\"{dining}\"]"),
    );
    wait_for(
        &d,
        "document.querySelector('#report-count').dataset.count",
        json!("1"),
    );
    wait_ready(&d);
    wait_for(
        &d,
        "document.querySelector('#report-categories').textContent.trim()",
        json!("Dining"),
    );
    click(&d, "#report-categories-all");
    wait_for(
        &d,
        "document.querySelector('#report-count').dataset.count",
        json!("4"),
    );
    wait_ready(&d);

    // Dark mode redraws the charts on a dark background.
    choose_theme(&d, "dark");
    wait_for(
        &d,
        "(() => { const img = document.querySelector('[data-chart=\"monthlyTotals\"] img.report-chart'); \
           if (img.dataset.loaded !== 'true') return null; \
           const c = document.createElement('canvas'); c.width = 4; c.height = 4; \
           const g = c.getContext('2d'); g.drawImage(img, 0, 0); \
           return [...g.getImageData(1, 1, 1, 1).data.slice(0, 3)]; })()",
        json!([0x1a, 0x1d, 0x24]),
    );
    wait_ready(&d);
    shot(&d, "52-reports-dark");
}
