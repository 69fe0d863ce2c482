//! Renders every chart through the public API and reads the images back: PNGs are decoded and their
//! pixels checked, SVGs are parsed as XML and their text checked, for the inputs that break charts
//! (nothing, one thing, forty things, tiny and huge amounts, hostile and non-ASCII names, days
//! outside the month).

use std::io::Cursor;
use std::time::Instant;

use coffer_charts::{
    BudgetBar, BurnUp, ChartError, Forecast, ImageFormat, MAX_SIZE, MIN_SIZE, Rgb, Size, Slice,
    Theme, budget_vs_actual, burn_up, monthly_totals, spending_by_category,
};
use coffer_ledger::{Currency, Month};

const SIZE: Size = Size {
    width: 800,
    height: 500,
};

const EMPTY_MESSAGE: &str = "No spending in this period";

const NO_BUDGETS_MESSAGE: &str = "No budgets or spending this month";

const PALETTE: [&str; 8] = [
    "#0d6efd", "#6610f2", "#d63384", "#dc3545", "#fd7e14", "#ffc107", "#198754", "#20c997",
];

fn slice(label: &str, amount: i64, index: usize) -> Slice {
    Slice {
        label: label.to_owned(),
        color: Rgb::parse(PALETTE[index % PALETTE.len()]).expect("valid colour"),
        amount,
    }
}

/// Forty categories, "Category 1" (largest) to "Category 40" (smallest).
fn forty() -> Vec<Slice> {
    (1..=40)
        .map(|i| slice(&format!("Category {i}"), 1_000 * (41 - i as i64), i))
        .collect()
}

fn month(text: &str) -> Month {
    text.parse().expect("valid month")
}

/// `count` consecutive months from January 2024 with varied amounts.
fn months(count: i32) -> Vec<(Month, i64)> {
    let first = month("2024-01").key();
    (0..count)
        .map(|i| {
            let m = Month::from_key(first + i).expect("in range");
            (m, 10_000 + i64::from(i % 7) * 4_321)
        })
        .collect()
}

fn colour(index: usize) -> Rgb {
    Rgb::parse(PALETTE[index % PALETTE.len()]).expect("valid colour")
}

fn budget_bar(label: &str, limit: Option<i64>, spent: i64, index: usize) -> BudgetBar {
    BudgetBar {
        label: label.to_owned(),
        color: colour(index),
        limit,
        spent,
    }
}

/// Forty budget rows, "Category 1" to "Category 40": every third without a budget, every fourth
/// over its budget of 100.00.
fn forty_budgets() -> Vec<BudgetBar> {
    (1..=40)
        .map(|i| {
            let limit = (i % 3 != 0).then_some(10_000);
            let spent = if i % 4 == 0 { 12_500 } else { 500 * i as i64 };
            budget_bar(&format!("Category {i}"), limit, spent, i)
        })
        .collect()
}

/// The month the budget and burn-up charts show: November 2026, 30 days.
fn november() -> Month {
    month("2026-11")
}

/// The ledger's pace example as a burn-up: 137.43 spent by the 10th of November against a budget
/// of 350.00, 412.29 at that pace by the 30th, passing the budget on `over_on`.
fn pace_example(over_on: Option<u32>) -> BurnUp {
    BurnUp {
        month: november(),
        daily: vec![
            (1, 4_500),
            (2, 1_200),
            (4, 2_350),
            (7, 2_700),
            (9, 1_893),
            (10, 1_100),
        ],
        limit: Some(35_000),
        forecast: Some(Forecast {
            today: 10,
            projected: 41_229,
            over_on,
        }),
    }
}

/// A closed November: 10.00 to 27.00 every day, 150.00 budgeted.
fn closed_month() -> BurnUp {
    BurnUp {
        month: november(),
        daily: (1..=30)
            .map(|d| (d, 1_000 + i64::from(d % 3) * 850))
            .collect(),
        limit: Some(15_000),
        forecast: None,
    }
}

/// A decoded PNG: width, height and RGB pixels.
struct Pixels {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Pixels {
    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// How many pixels are not `background`.
    fn painted(&self, background: [u8; 3]) -> usize {
        self.rgb.chunks(3).filter(|p| *p != background).count()
    }

    /// How many pixels are `colour`.
    fn count(&self, colour: [u8; 3]) -> usize {
        self.rgb.chunks(3).filter(|p| *p == colour).count()
    }

    /// How many pixels differ from `other`'s.
    fn differences(&self, other: &Pixels) -> usize {
        assert_eq!((self.width, self.height), (other.width, other.height));
        self.rgb
            .chunks(3)
            .zip(other.rgb.chunks(3))
            .filter(|(a, b)| a != b)
            .count()
    }
}

fn decode(png_bytes: &[u8]) -> Pixels {
    let decoder = png::Decoder::new(Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let info = reader.info();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let dims = info.pixel_dims.expect("a pHYs chunk");
    assert_eq!((dims.xppu, dims.yppu), (5669, 5669), "marked 144 dpi");
    let mut rgb = vec![0; reader.output_buffer_size().expect("fits in memory")];
    let frame = reader.next_frame(&mut rgb).expect("PNG data");
    rgb.truncate(frame.buffer_size());
    Pixels {
        width: frame.width,
        height: frame.height,
        rgb,
    }
}

const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const DARK: [u8; 3] = [0x1a, 0x1d, 0x24];

/// A parsed SVG: the raw text and the content of every `<text>` element, trimmed.
struct Svg {
    raw: String,
    texts: Vec<String>,
}

impl Svg {
    fn has_text(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t == text)
    }
}

fn parse_svg(bytes: Vec<u8>, size: Size) -> Svg {
    let raw = String::from_utf8(bytes).expect("SVG is UTF-8");
    let doc = roxmltree::Document::parse(&raw).expect("SVG is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name("svg"));
    assert_eq!(
        root.attribute("width"),
        Some(size.width.to_string().as_str())
    );
    assert_eq!(
        root.attribute("height"),
        Some(size.height.to_string().as_str())
    );
    let mut texts = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let family = node.attribute("font-family").expect("a font family");
        assert!(
            family.starts_with("DejaVu Sans,") && family.ends_with(", sans-serif"),
            "{family}"
        );
        let size: f64 = node
            .attribute("font-size")
            .expect("a font size")
            .parse()
            .expect("a number");
        assert!((8.0..=24.0).contains(&size), "font-size {size}");
        texts.push(node.text().unwrap_or("").trim().to_owned());
    }
    drop(doc);
    Svg { raw, texts }
}

/// A chart drawn through the public API, waiting for a theme, a size and a format.
trait Chart: Fn(Theme, Size, ImageFormat) -> Result<Vec<u8>, ChartError> {}

impl<F: Fn(Theme, Size, ImageFormat) -> Result<Vec<u8>, ChartError>> Chart for F {}

fn donut_of(slices: &[Slice]) -> impl Chart + '_ {
    move |theme, size, format| spending_by_category(slices, Currency::EUR, theme, size, format)
}

fn bars_of(months: &[(Month, i64)]) -> impl Chart + '_ {
    move |theme, size, format| monthly_totals(months, Currency::EUR, theme, size, format)
}

fn budget_of(rows: &[BudgetBar]) -> impl Chart + '_ {
    move |theme, size, format| {
        budget_vs_actual(rows, november(), Currency::EUR, theme, size, format)
    }
}

fn burn_up_of(data: &BurnUp) -> impl Chart + '_ {
    move |theme, size, format| burn_up(data, Currency::EUR, theme, size, format)
}

/// `chart` as a PNG of [`SIZE`] in `theme`, decoded.
fn draw_png(chart: impl Chart, theme: Theme) -> Pixels {
    decode(&chart(theme, SIZE, ImageFormat::Png).expect("renders"))
}

/// `chart` as a light SVG of `size`, parsed.
fn draw_svg(chart: impl Chart, size: Size) -> Svg {
    parse_svg(
        chart(Theme::Light, size, ImageFormat::Svg).expect("renders"),
        size,
    )
}

#[test]
fn pngs_are_twice_the_css_size_and_have_a_chart_on_them() {
    let total = 1600 * 1000;
    for theme in [Theme::Light, Theme::Dark] {
        let background = if theme == Theme::Light { WHITE } else { DARK };
        let donut = draw_png(donut_of(&forty()), theme);
        assert_eq!((donut.width, donut.height), (1600, 1000));
        // The ring alone covers about an eighth of the image.
        let painted = donut.painted(background);
        assert!(
            painted > total / 10,
            "{theme:?} donut: {painted} of {total}"
        );

        let bars = draw_png(bars_of(&months(12)), theme);
        assert_eq!((bars.width, bars.height), (1600, 1000));
        let painted = bars.painted(background);
        assert!(painted > total / 8, "{theme:?} bars: {painted} of {total}");

        // The tracks alone cover about a fifth of the image, the bars in colour a good part of it.
        let budget = draw_png(budget_of(&forty_budgets()), theme);
        assert_eq!((budget.width, budget.height), (1600, 1000));
        let painted = budget.painted(background);
        assert!(
            painted > total / 5,
            "{theme:?} budget: {painted} of {total}"
        );
        let coloured = (0..PALETTE.len())
            .map(|i| budget.count(rgb(colour(i))))
            .sum::<usize>();
        assert!(coloured > total / 20, "{theme:?} budget bars: {coloured}");

        // The shaded area under the running total is a good part of the plot.
        let burn = draw_png(burn_up_of(&closed_month()), theme);
        assert_eq!((burn.width, burn.height), (1600, 1000));
        let painted = burn.painted(background);
        assert!(
            painted > total / 8,
            "{theme:?} burn-up: {painted} of {total}"
        );
    }
}

fn rgb(colour: Rgb) -> [u8; 3] {
    [colour.r, colour.g, colour.b]
}

#[test]
fn each_theme_paints_its_own_background() {
    for (theme, background) in [(Theme::Light, WHITE), (Theme::Dark, DARK)] {
        for pixels in [
            draw_png(donut_of(&forty()), theme),
            draw_png(bars_of(&months(3)), theme),
            draw_png(donut_of(&[]), theme),
            draw_png(budget_of(&forty_budgets()), theme),
            draw_png(budget_of(&[]), theme),
            draw_png(burn_up_of(&pace_example(Some(26))), theme),
            draw_png(burn_up_of(&closed_month()), theme),
        ] {
            for (x, y) in [(0, 0), (1599, 0), (0, 999), (1599, 999), (3, 500)] {
                assert_eq!(pixels.at(x, y), background, "{theme:?} at {x},{y}");
            }
        }
    }
    let budgets = forty_budgets();
    let burn = pace_example(Some(26));
    let dark_svgs = [
        spending_by_category(&forty(), Currency::EUR, Theme::Dark, SIZE, ImageFormat::Svg),
        budget_of(&budgets)(Theme::Dark, SIZE, ImageFormat::Svg),
        burn_up_of(&burn)(Theme::Dark, SIZE, ImageFormat::Svg),
    ];
    for bytes in dark_svgs {
        let svg = parse_svg(bytes.expect("renders"), SIZE);
        assert!(
            svg.raw.contains(
                r##"<rect x="0" y="0" width="800" height="500" opacity="1" fill="#1A1D24""##
            ),
            "the SVG starts with the dark background"
        );
    }
}

#[test]
fn category_names_are_escaped_in_svg() {
    let hostile = [
        "<script>alert(1)</script>",
        "a & b \"q\"",
        "font-size=\"99\" ']]>",
    ];
    let slices: Vec<Slice> = hostile
        .iter()
        .enumerate()
        .map(|(i, label)| slice(label, 100 * (3 - i as i64), i))
        .chain([slice("bad\u{0}\u{1b}name\u{ffff}", 10, 3)])
        .collect();
    let size = Size {
        width: 1000,
        height: 500,
    };
    let rows: Vec<BudgetBar> = slices
        .iter()
        .enumerate()
        .map(|(i, s)| budget_bar(&s.label, Some(150), s.amount, i))
        .collect();
    for svg in [
        draw_svg(donut_of(&slices), size),
        draw_svg(budget_of(&rows), size),
    ] {
        // Read back by an XML parser, the names are exactly what the person typed...
        for label in hostile {
            assert!(svg.has_text(label), "{label} in {:?}", svg.texts);
        }
        // ...characters XML cannot hold were replaced...
        assert!(svg.has_text("bad name"), "{:?}", svg.texts);
        // ...and in the bytes they are escaped.
        assert!(svg.raw.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.raw.contains("a &amp; b &quot;q&quot;"));
        assert!(svg.raw.contains("font-size=&quot;99&quot; &apos;]]&gt;"));
        assert!(!svg.raw.to_ascii_lowercase().contains("<script"));
        assert!(!svg.raw.contains('\u{0}') && !svg.raw.contains('\u{1b}'));
    }
}

#[test]
fn nothing_to_show_draws_a_friendly_chart_not_an_error() {
    let zero = [slice("Groceries", 0, 0), slice("Rent", 0, 1)];
    for slices in [&[][..], &zero[..]] {
        let svg = draw_svg(donut_of(slices), SIZE);
        assert_eq!(svg.texts, [EMPTY_MESSAGE]);
    }
    let zero_months = [(month("2026-01"), 0), (month("2026-02"), 0)];
    for months in [&[][..], &zero_months[..]] {
        let svg = draw_svg(bars_of(months), SIZE);
        assert_eq!(svg.texts, [EMPTY_MESSAGE]);
    }
    let unbudgeted = [
        budget_bar("Groceries", None, 0, 0),
        budget_bar("Rent", None, 0, 1),
    ];
    for rows in [&[][..], &unbudgeted[..]] {
        let svg = draw_svg(budget_of(rows), SIZE);
        assert_eq!(svg.texts, [NO_BUDGETS_MESSAGE]);
    }
    let nothing = BurnUp {
        month: november(),
        daily: Vec::new(),
        limit: None,
        forecast: None,
    };
    let zero_days = BurnUp {
        daily: vec![(3, 0), (30, 0)],
        ..nothing.clone()
    };
    let zero_so_far = BurnUp {
        forecast: Some(Forecast {
            today: 4,
            projected: 0,
            over_on: None,
        }),
        ..zero_days.clone()
    };
    for data in [&nothing, &zero_days, &zero_so_far] {
        let svg = draw_svg(burn_up_of(data), SIZE);
        assert_eq!(svg.texts, [EMPTY_MESSAGE]);
    }
    // A budget, even with nothing spent against it, is something to show.
    let svg = draw_svg(budget_of(&[budget_bar("Gifts", Some(0), 0, 0)]), SIZE);
    assert!(svg.has_text("0.00 of 0.00"), "{:?}", svg.texts);
    let budgeted = BurnUp {
        limit: Some(35_000),
        ..nothing.clone()
    };
    let svg = draw_svg(burn_up_of(&budgeted), SIZE);
    for text in ["Budget 350.00", "Spent 0.00", "Nov 1", "Nov 29"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }

    for theme in [Theme::Light, Theme::Dark] {
        let background = if theme == Theme::Light { WHITE } else { DARK };
        for pixels in [
            draw_png(donut_of(&[]), theme),
            draw_png(bars_of(&[]), theme),
            draw_png(budget_of(&[]), theme),
            draw_png(burn_up_of(&nothing), theme),
        ] {
            let painted = pixels.painted(background);
            assert!(
                painted > 1600 * 1000 / 50,
                "{theme:?}: not blank ({painted})"
            );
        }
    }
    // The charts share one empty picture, and its message is drawn under the ring (whose
    // outer radius is 110 CSS pixels around (400, 236); the message's baseline is 28 below it).
    let empty = draw_png(donut_of(&[]), Theme::Light);
    assert_eq!(empty.differences(&draw_png(bars_of(&[]), Theme::Light)), 0);
    assert_eq!(
        empty.differences(&draw_png(burn_up_of(&nothing), Theme::Light)),
        0
    );
    // Only the budget chart's message differs.
    let budget = draw_png(budget_of(&[]), Theme::Light);
    let moved = (0..1600 * 1000)
        .map(|i| (i % 1600, i / 1600))
        .filter(|(x, y)| empty.at(*x, *y) != budget.at(*x, *y))
        .map(|(_, y)| y)
        .collect::<Vec<u32>>();
    assert!(!moved.is_empty());
    assert!(
        moved.iter().all(|y| (2 * 350..2 * 378).contains(y)),
        "only in the message's line"
    );
    let message_ink = (2 * 350..2 * 378)
        .flat_map(|y| (0..1600).map(move |x| (x, y)))
        .filter(|(x, y)| empty.at(*x, *y) != WHITE)
        .count();
    assert!(message_ink > 1000, "the message has ink: {message_ink}");
}

#[test]
fn one_category_fills_the_ring() {
    let svg = draw_svg(donut_of(&[slice("Rent", 95_000, 0)]), SIZE);
    for text in ["Rent", "950.00 EUR", "100.0%", "Total", "950.00", "EUR"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let pixels = draw_png(donut_of(&[slice("Rent", 95_000, 0)]), Theme::Light);
    // The ring is drawn all round: left, right, top and bottom of the centre (at 2x). At 800 x 500
    // the layout puts the ring's centre at (16 + 161, 250) with radii 161 and 97 CSS pixels.
    let colour = [0x0d, 0x6e, 0xfd];
    let (cx, cy, mid) = (2 * 177, 2 * 250, 2 * 129);
    for (x, y) in [
        (cx - mid, cy),
        (cx + mid, cy),
        (cx, cy - mid),
        (cx, cy + mid),
    ] {
        assert_eq!(pixels.at(x, y), colour, "ring at {x},{y}");
    }
    assert_eq!(pixels.at(cx + 60, cy - 100), WHITE, "the hole is empty");
}

#[test]
fn forty_categories_show_the_seven_largest_and_other() {
    let svg = draw_svg(donut_of(&forty()), SIZE);
    for i in 1..=7 {
        assert!(svg.has_text(&format!("Category {i}")), "{:?}", svg.texts);
    }
    for i in 8..=40 {
        assert!(
            !svg.has_text(&format!("Category {i}")),
            "Category {i} is in Other"
        );
    }
    assert!(svg.has_text("Other (33)"), "{:?}", svg.texts);
    // 33 + 32 + ... + 1 thousand cents.
    assert!(svg.has_text("5,610.00 EUR"), "{:?}", svg.texts);
    assert!(svg.has_text("68.4%"), "5,610 of 8,200: {:?}", svg.texts);
    assert!(svg.has_text("8,200.00"), "the total: {:?}", svg.texts);
    assert_eq!(svg.texts.iter().filter(|t| t.ends_with('%')).count(), 8);

    // Given in any order, the result is the same.
    let mut shuffled = forty();
    shuffled.reverse();
    shuffled.swap(3, 17);
    assert_eq!(draw_svg(donut_of(&shuffled), SIZE).raw, svg.raw);

    // The grey Other slice is drawn (at 2x, right of the centre after the seven slices).
    let pixels = draw_png(donut_of(&forty()), Theme::Light);
    assert!(pixels.rgb.chunks(3).any(|p| p == [0xad, 0xb5, 0xbd]));
}

#[test]
fn amounts_from_one_cent_to_ten_million_are_labelled() {
    let slices = [slice("Tiny", 1, 0), slice("Huge", 1_000_000_000, 1)];
    let svg = draw_svg(donut_of(&slices), SIZE);
    for text in [
        "0.01 EUR",
        "10,000,000.00 EUR",
        "<0.1%",
        "100.0%",
        "10,000,000.01",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    for theme in [Theme::Light, Theme::Dark] {
        draw_png(donut_of(&slices), theme);
        draw_png(donut_of(&slices[..1]), theme);
    }

    let months = [(month("2026-01"), 1), (month("2026-02"), 1_000_000_000)];
    let svg = draw_svg(bars_of(&months), SIZE);
    for text in [
        "EUR",
        "0",
        "10,000,000",
        "Average 5,000,000.01 EUR",
        "Jan 2026",
        "Feb 2026",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let svg = draw_svg(bars_of(&months[..1]), SIZE);
    for text in ["0.00", "0.01", "Average 0.01 EUR", "Jan 2026"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    draw_png(bars_of(&months), Theme::Dark);
    draw_png(bars_of(&months[..1]), Theme::Light);
}

#[test]
fn months_are_labelled_long_when_there_is_room_and_short_when_not() {
    let few = draw_svg(bars_of(&months(3)), SIZE);
    for text in ["Jan 2024", "Feb 2024", "Mar 2024"] {
        assert!(few.has_text(text), "{text} in {:?}", few.texts);
    }
    let many = draw_svg(bars_of(&months(40)), SIZE);
    assert!(many.has_text("Jan 24"), "{:?}", many.texts);
    assert!(!many.texts.iter().any(|t| t.ends_with(" 2024")));
    let labels = many
        .texts
        .iter()
        .filter(|t| t.len() == 6 && t.as_bytes()[3] == b' ');
    let labels = labels.count();
    assert!(
        (5..40).contains(&labels),
        "every k-th month is named: {labels}"
    );

    // A gap between months is filled with empty bars, so the span is continuous.
    let gap = draw_svg(
        bars_of(&[(month("2025-11"), 500), (month("2026-02"), 700)]),
        SIZE,
    );
    for text in [
        "Nov 2025",
        "Dec 2025",
        "Jan 2026",
        "Feb 2026",
        "Average 3.00 EUR",
    ] {
        assert!(gap.has_text(text), "{text} in {:?}", gap.texts);
    }
    for theme in [Theme::Light, Theme::Dark] {
        draw_png(bars_of(&months(40)), theme);
        draw_png(bars_of(&months(1)), theme);
    }
}

#[test]
fn one_budget_row_and_one_day_are_drawn() {
    let rows = [budget_bar("Rent", Some(100_000), 80_000, 0)];
    let svg = draw_svg(budget_of(&rows), SIZE);
    for text in [
        "Nov 2026 · EUR",
        "Rent",
        "800.00 of 1,000.00",
        "Spent",
        "Budget",
        "Over",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    assert!(!svg.texts.iter().any(|t| t.contains("more in the table")));
    // On the row's centre line (the first row's centre is 47.2 + 17 CSS pixels down), the bar is
    // filled in the category's colour 80% of the way to the budget's dark tick, which is at the
    // right end, and the grey track shows in between.
    let pixels = draw_png(budget_of(&rows), Theme::Light);
    let y = 2 * 64;
    let blue = pixels.count(rgb(colour(0)));
    assert!(blue > 10_000, "the bar: {blue}");
    let row: Vec<[u8; 3]> = (0..1600).map(|x| pixels.at(x, y)).collect();
    let first_blue = row.iter().position(|p| *p == rgb(colour(0))).expect("blue");
    let last_blue = row
        .iter()
        .rposition(|p| *p == rgb(colour(0)))
        .expect("blue");
    let dark = [0x21, 0x25, 0x29];
    let tick = last_blue
        + row[last_blue..]
            .iter()
            .position(|p| *p == dark)
            .expect("a tick");
    let share = (last_blue - first_blue) as f64 / (tick - first_blue) as f64;
    assert!(
        (share - 0.8).abs() < 0.01,
        "80% of the way to the tick: {share}"
    );
    let track = [0xe9, 0xec, 0xef];
    assert!(
        row[last_blue + 1..tick].iter().all(|p| *p == track),
        "the grey track between the bar and the budget's tick"
    );

    let one_day = BurnUp {
        month: november(),
        daily: vec![(5, 2_000)],
        limit: None,
        forecast: None,
    };
    let svg = draw_svg(burn_up_of(&one_day), SIZE);
    for text in [
        "Nov 2026 · EUR",
        "Spent 20.00",
        "0",
        "20",
        "Nov 1",
        "Nov 29",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    assert!(!svg.texts.iter().any(|t| t.starts_with("Budget")));
    assert!(!svg.texts.iter().any(|t| t.starts_with("Forecast")));
    // The shaded area (the line's colour at 15% over the background) fills under the total.
    let pixels = draw_png(burn_up_of(&one_day), Theme::Light);
    let shade = pixels.count([0xdb, 0xe9, 0xff]);
    assert!(shade > 200_000, "the area under the running total: {shade}");
}

#[test]
fn forty_budget_rows_show_what_fits_and_count_the_rest() {
    let svg = draw_svg(budget_of(&forty_budgets()), SIZE);
    for i in 1..=18 {
        assert!(svg.has_text(&format!("Category {i}")), "{:?}", svg.texts);
    }
    for i in 19..=40 {
        assert!(
            !svg.has_text(&format!("Category {i}")),
            "Category {i} is left out"
        );
    }
    assert!(svg.has_text("+ 22 more in the table"), "{:?}", svg.texts);
    // Rows keep the order given.
    let position = |text: &str| svg.texts.iter().position(|t| t == text).expect(text);
    assert!(position("Category 1") < position("Category 2"));
    assert!(position("Category 17") < position("Category 18"));
    assert!(svg.has_text("5.00 of 100.00"), "{:?}", svg.texts);
    assert!(svg.has_text("15.00"), "{:?}", svg.texts);
    assert!(svg.has_text("· no budget"), "{:?}", svg.texts);
    assert!(svg.has_text("· over by 25.00"), "{:?}", svg.texts);
}

#[test]
fn over_budget_rows_show_by_how_much_in_red() {
    let rows = [
        budget_bar("Within", Some(10_000), 8_000, 0),
        budget_bar("At the limit", Some(10_000), 10_000, 1),
        budget_bar("Over", Some(10_000), 12_000, 2),
        budget_bar("Rolled over", Some(-2_000), 1_000, 4),
        budget_bar("Unbudgeted", None, 4_500, 5),
    ];
    let svg = draw_svg(budget_of(&rows), SIZE);
    for text in [
        "80.00 of 100.00",
        "100.00 of 100.00",
        "120.00 of 100.00",
        "· over by 20.00",
        "10.00 of -20.00",
        "· over by 30.00",
        "45.00",
        "· no budget",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let overs = svg.texts.iter().filter(|t| t.contains("over by")).count();
    assert_eq!(overs, 2, "{:?}", svg.texts);

    // The part over the budget is drawn in red, and only when there is one.
    for (theme, red) in [
        (Theme::Light, [0xdc, 0x35, 0x45]),
        (Theme::Dark, [0xea, 0x86, 0x8f]),
    ] {
        let legend_key = 2 * 12 * 2 * 11;
        let over = draw_png(budget_of(&rows[2..3]), theme).count(red);
        assert!(over > legend_key + 5_000, "{theme:?}: {over}");
        let within = draw_png(budget_of(&rows[..2]), theme).count(red);
        assert!(
            within < legend_key,
            "{theme:?}: only the legend's key: {within}"
        );
    }
}

#[test]
fn the_burn_up_names_the_budget_and_the_day_the_pace_passes_it() {
    let svg = draw_svg(burn_up_of(&pace_example(Some(26))), SIZE);
    for text in [
        "Nov 2026 · EUR",
        "Spent 137.43",
        "Forecast 412.29",
        "Budget 350.00",
        "Over by the 26th",
        "Nov 1",
        "Nov 8",
        "Nov 29",
        "0",
        "500",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let svg = draw_svg(burn_up_of(&pace_example(Some(22))), SIZE);
    assert!(svg.has_text("Over by the 22nd"), "{:?}", svg.texts);

    let within = draw_svg(burn_up_of(&pace_example(None)), SIZE);
    assert!(within.has_text("Budget 350.00"), "{:?}", within.texts);
    assert!(within.has_text("Forecast 412.29"), "{:?}", within.texts);
    assert!(
        !within.texts.iter().any(|t| t.contains("Over by")),
        "{:?}",
        within.texts
    );
    // The red dot is drawn only with a crossing day.
    let red = [0xdc, 0x35, 0x45];
    let crossing = draw_png(burn_up_of(&pace_example(Some(26))), Theme::Light).count(red);
    assert!(crossing > 200, "the dot and its caption: {crossing}");
    let calm = draw_png(burn_up_of(&pace_example(None)), Theme::Light).count(red);
    assert_eq!(calm, 0);

    // A closed month has no forecast: the running total goes to the 30th.
    let closed = draw_svg(burn_up_of(&closed_month()), SIZE);
    assert!(closed.has_text("Budget 150.00"), "{:?}", closed.texts);
    assert!(closed.has_text("Spent 555.00"), "{:?}", closed.texts);
    assert!(!closed.texts.iter().any(|t| t.starts_with("Forecast")));
    assert!(!closed.texts.iter().any(|t| t.contains("Over by")));
}

#[test]
fn budget_and_burn_up_amounts_from_one_cent_to_ten_million_are_labelled() {
    let rows = [
        budget_bar("Tiny", Some(100), 1, 0),
        budget_bar("Huge", Some(900_000_000), 1_000_000_000, 1),
    ];
    let svg = draw_svg(budget_of(&rows), SIZE);
    for text in [
        "Tiny",
        "Huge",
        "0.01 of 1.00",
        "10,000,000.00 of 9,000,000.00",
        "· over by 1,000,000.00",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let one_cent = [budget_bar("Tiny", None, 1, 0)];
    let svg = draw_svg(budget_of(&one_cent), SIZE);
    assert!(svg.has_text("0.01"), "{:?}", svg.texts);

    let huge = BurnUp {
        month: november(),
        daily: vec![(1, 1), (15, 999_999_999)],
        limit: Some(800_000_000),
        forecast: None,
    };
    let svg = draw_svg(burn_up_of(&huge), SIZE);
    for text in [
        "Spent 10,000,000.00",
        "Budget 8,000,000.00",
        "0",
        "10,000,000",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let tiny = BurnUp {
        daily: vec![(3, 1)],
        limit: None,
        ..huge.clone()
    };
    let svg = draw_svg(burn_up_of(&tiny), SIZE);
    for text in ["Spent 0.01", "0.00", "0.01"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    for theme in [Theme::Light, Theme::Dark] {
        draw_png(budget_of(&rows), theme);
        draw_png(burn_up_of(&huge), theme);
        draw_png(burn_up_of(&tiny), theme);
    }
}

#[test]
fn non_ascii_names_are_written_and_drawn() {
    let names = ["Łódź", "Café", "Zürich", "Ελληνικά", "Кафе"];
    let slices: Vec<Slice> = names
        .iter()
        .enumerate()
        .map(|(i, n)| slice(n, 100 + i as i64, i))
        .collect();
    let svg = draw_svg(donut_of(&slices), SIZE);
    for name in names {
        assert!(svg.has_text(name), "{name} in {:?}", svg.texts);
    }
    assert!(
        svg.raw.contains("Łódź"),
        "written as UTF-8, not as entities"
    );

    // The same chart with different names differs only where the names are drawn, so these
    // differences are the glyphs: Ł is not L, and neither is the box a missing glyph gets (DejaVu
    // Sans has no CJK).
    let render = |label: &str| draw_png(donut_of(&[slice(label, 500, 0)]), Theme::Light);
    let polish = render("Łódź");
    let plain = render("Lodz");
    let missing = render("漢漢漢漢");
    assert!(polish.differences(&plain) > 40, "diacritics are drawn");
    assert!(polish.differences(&missing) > 200, "real glyphs, not boxes");
    assert!(plain.differences(&missing) > 200);
    // The text is drawn inside the legend (which starts 363 CSS pixels in), nowhere else.
    let (x_min, _) = (0..polish.width * polish.height)
        .map(|i| (i % polish.width, i / polish.width))
        .filter(|(x, y)| polish.at(*x, *y) != plain.at(*x, *y))
        .fold((u32::MAX, 0), |(min, max), (x, _)| (min.min(x), max.max(x)));
    assert!(
        x_min > 2 * 363,
        "differences start in the legend, at {x_min}"
    );
}

#[test]
fn every_size_in_range_renders_and_others_are_refused() {
    let tall = Size {
        width: 360,
        height: 640,
    };
    for size in [MIN_SIZE, tall, SIZE] {
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let donut = spending_by_category(&forty(), Currency::EUR, Theme::Light, size, format);
            let bars = monthly_totals(&months(40), Currency::EUR, Theme::Dark, size, format);
            let budget = budget_of(&forty_budgets())(Theme::Light, size, format);
            let burn = burn_up_of(&pace_example(Some(26)))(Theme::Dark, size, format);
            assert!(
                donut.is_ok() && bars.is_ok() && budget.is_ok() && burn.is_ok(),
                "{size:?} {format:?}"
            );
        }
        let svg = draw_svg(donut_of(&forty()), size);
        let shares = svg.texts.iter().filter(|t| t.ends_with('%')).count();
        assert_eq!(shares, 8, "{size:?}: {:?}", svg.texts);
    }
    let small = draw_svg(donut_of(&forty()), MIN_SIZE);
    assert!(
        small.texts.iter().all(|t| !t.ends_with(" EUR")),
        "a narrow legend drops the amounts: {:?}",
        small.texts
    );
    // 160 px leave room for three rows and the line that counts the rest.
    let small = draw_svg(budget_of(&forty_budgets()), MIN_SIZE);
    assert!(
        small.has_text("+ 37 more in the table"),
        "{:?}",
        small.texts
    );
    // A narrow burn-up names the days without the month, so that they stay apart.
    let small = draw_svg(burn_up_of(&pace_example(Some(26))), MIN_SIZE);
    for text in [
        "1",
        "8",
        "15",
        "22",
        "29",
        "Budget 350.00",
        "Over by the 26th",
    ] {
        assert!(small.has_text(text), "{text} in {:?}", small.texts);
    }
    assert!(!small.texts.iter().any(|t| t.starts_with("Nov ")));
    let tall_budget = draw_svg(budget_of(&forty_budgets()), tall);
    assert!(
        tall_budget.has_text("+ 15 more in the table"),
        "{:?}",
        tall_budget.texts
    );
    for size in [
        Size {
            width: MIN_SIZE.width - 1,
            height: 300,
        },
        Size {
            width: 300,
            height: MIN_SIZE.height - 1,
        },
        Size {
            width: MAX_SIZE.width + 1,
            height: 300,
        },
        Size {
            width: 0,
            height: 0,
        },
    ] {
        let expected = Err(ChartError::InvalidSize {
            width: size.width,
            height: size.height,
        });
        let format = ImageFormat::Png;
        assert_eq!(
            spending_by_category(&forty(), Currency::EUR, Theme::Light, size, format),
            expected
        );
        assert_eq!(
            monthly_totals(&months(3), Currency::EUR, Theme::Light, size, format),
            expected
        );
        assert_eq!(
            budget_of(&forty_budgets())(Theme::Light, size, format),
            expected
        );
        assert_eq!(
            burn_up_of(&closed_month())(Theme::Light, size, format),
            expected
        );
    }
}

#[test]
fn other_currencies_use_their_minor_units() {
    let yen = Currency::from_code("JPY").expect("known");
    let svg = parse_svg(
        spending_by_category(
            &[slice("Sushi", 1_234_567, 0)],
            yen,
            Theme::Light,
            SIZE,
            ImageFormat::Svg,
        )
        .expect("renders"),
        SIZE,
    );
    assert!(svg.has_text("1,234,567 JPY"), "{:?}", svg.texts);
    assert!(svg.has_text("JPY"), "{:?}", svg.texts);
}

#[test]
fn negative_amounts_are_refused() {
    let result = spending_by_category(
        &[slice("Refund", -100, 0)],
        Currency::EUR,
        Theme::Light,
        SIZE,
        ImageFormat::Svg,
    );
    assert_eq!(
        result,
        Err(ChartError::NegativeAmount {
            label: "Refund".into()
        })
    );
    let result = monthly_totals(
        &[(month("2026-03"), -1)],
        Currency::EUR,
        Theme::Light,
        SIZE,
        ImageFormat::Png,
    );
    assert_eq!(
        result.map_err(|e| e.to_string()),
        Err("the amount for “2026-03” is negative; charts show spending, which never is".into())
    );
    let rows = [
        budget_bar("Rent", Some(100), 50, 0),
        budget_bar("Refund\u{7}", Some(100), -1, 1),
    ];
    assert_eq!(
        budget_of(&rows)(Theme::Light, SIZE, ImageFormat::Svg),
        Err(ChartError::NegativeAmount {
            label: "Refund".into()
        })
    );
    let mut refunded = closed_month();
    refunded.daily.push((7, -250));
    assert_eq!(
        burn_up_of(&refunded)(Theme::Light, SIZE, ImageFormat::Png),
        Err(ChartError::NegativeAmount {
            label: "2026-11-07".into()
        })
    );
}

#[test]
fn days_outside_the_month_and_overflowing_totals_are_refused() {
    let draw = |data: &BurnUp| burn_up_of(data)(Theme::Light, SIZE, ImageFormat::Svg);
    let mut late = closed_month();
    late.daily.push((31, 100));
    assert_eq!(
        draw(&late).map_err(|e| e.to_string()),
        Err("day 31 is not in the month; it has days 1 to 30".into())
    );
    let mut early = closed_month();
    early.daily.push((0, 100));
    assert_eq!(
        draw(&early),
        Err(ChartError::InvalidDay { day: 0, days: 30 })
    );
    // February has 29 days in a leap year only.
    let february = |year: &str, day| BurnUp {
        month: month(&format!("{year}-02")),
        daily: vec![(day, 100)],
        limit: None,
        forecast: None,
    };
    assert!(draw(&february("2024", 29)).is_ok());
    assert_eq!(
        draw(&february("2026", 29)),
        Err(ChartError::InvalidDay { day: 29, days: 28 })
    );
    for (today, over_on, day) in [(0, None, 0), (31, None, 31), (10, Some(31), 31)] {
        let mut data = pace_example(over_on);
        if let Some(forecast) = data.forecast.as_mut() {
            forecast.today = today;
        }
        assert_eq!(
            draw(&data),
            Err(ChartError::InvalidDay { day, days: 30 }),
            "today {today}, over on {over_on:?}"
        );
    }
    let mut huge = closed_month();
    huge.daily.push((30, i64::MAX - 5_000));
    assert_eq!(draw(&huge), Err(ChartError::TooLarge));
    let rows = [budget_bar("Rent", Some(i64::MIN), 10, 0)];
    assert_eq!(
        budget_of(&rows)(Theme::Light, SIZE, ImageFormat::Svg),
        Err(ChartError::TooLarge)
    );
}

/// Prints how long each chart takes as an 800 x 500 PNG (1600 x 1000 pixels) and SVG; never
/// asserts it. Run with `--release -- --nocapture` for meaningful numbers.
#[test]
fn render_time_is_printed() {
    let (slices, months, budgets) = (forty(), months(24), forty_budgets());
    let burn = pace_example(Some(26));
    let (donut, bars, budget, burn) = (
        donut_of(&slices),
        bars_of(&months),
        budget_of(&budgets),
        burn_up_of(&burn),
    );
    let charts: [(&str, &dyn Chart); 4] = [
        ("donut (40 categories)", &donut),
        ("bars (24 months)", &bars),
        ("budget (40 categories)", &budget),
        ("burn-up (30 days, forecast)", &burn),
    ];
    let runs = 3;
    for (name, format) in [("PNG", ImageFormat::Png), ("SVG", ImageFormat::Svg)] {
        let times: Vec<String> = charts
            .iter()
            .map(|(chart_name, chart)| {
                let start = Instant::now();
                for _ in 0..runs {
                    chart(Theme::Light, SIZE, format).expect("renders");
                }
                format!("{chart_name} {:?}", start.elapsed() / runs)
            })
            .collect();
        println!("800x500 {name}: {}", times.join(", "));
    }
}
