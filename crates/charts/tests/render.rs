//! Renders both charts through the public API and reads the images back: PNGs are decoded and their
//! pixels checked, SVGs are parsed as XML and their text checked, for the inputs that break charts
//! (nothing, one thing, forty things, tiny and huge amounts, hostile and non-ASCII names).

use std::io::Cursor;
use std::time::Instant;

use coffer_charts::{
    ChartError, ImageFormat, MAX_SIZE, MIN_SIZE, Rgb, Size, Slice, Theme, monthly_totals,
    spending_by_category,
};
use coffer_ledger::{Currency, Month};

const SIZE: Size = Size {
    width: 800,
    height: 500,
};

const EMPTY_MESSAGE: &str = "No spending in this period";

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
const DARK: [u8; 3] = [0x21, 0x25, 0x29];

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

fn donut_png(slices: &[Slice], theme: Theme) -> Pixels {
    decode(
        &spending_by_category(slices, Currency::EUR, theme, SIZE, ImageFormat::Png)
            .expect("renders"),
    )
}

fn donut_svg(slices: &[Slice], size: Size) -> Svg {
    parse_svg(
        spending_by_category(slices, Currency::EUR, Theme::Light, size, ImageFormat::Svg)
            .expect("renders"),
        size,
    )
}

fn bars_png(months: &[(Month, i64)], theme: Theme) -> Pixels {
    decode(&monthly_totals(months, Currency::EUR, theme, SIZE, ImageFormat::Png).expect("renders"))
}

fn bars_svg(months: &[(Month, i64)], size: Size) -> Svg {
    parse_svg(
        monthly_totals(months, Currency::EUR, Theme::Light, size, ImageFormat::Svg)
            .expect("renders"),
        size,
    )
}

#[test]
fn pngs_are_twice_the_css_size_and_have_a_chart_on_them() {
    let total = 1600 * 1000;
    for theme in [Theme::Light, Theme::Dark] {
        let background = if theme == Theme::Light { WHITE } else { DARK };
        let donut = donut_png(&forty(), theme);
        assert_eq!((donut.width, donut.height), (1600, 1000));
        // The ring alone covers about an eighth of the image.
        let painted = donut.painted(background);
        assert!(
            painted > total / 10,
            "{theme:?} donut: {painted} of {total}"
        );

        let bars = bars_png(&months(12), theme);
        assert_eq!((bars.width, bars.height), (1600, 1000));
        let painted = bars.painted(background);
        assert!(painted > total / 8, "{theme:?} bars: {painted} of {total}");
    }
}

#[test]
fn each_theme_paints_its_own_background() {
    for (theme, background) in [(Theme::Light, WHITE), (Theme::Dark, DARK)] {
        for pixels in [
            donut_png(&forty(), theme),
            bars_png(&months(3), theme),
            donut_png(&[], theme),
        ] {
            for (x, y) in [(0, 0), (1599, 0), (0, 999), (1599, 999), (3, 500)] {
                assert_eq!(pixels.at(x, y), background, "{theme:?} at {x},{y}");
            }
        }
    }
    let svg = parse_svg(
        spending_by_category(&forty(), Currency::EUR, Theme::Dark, SIZE, ImageFormat::Svg)
            .expect("renders"),
        SIZE,
    );
    assert!(
        svg.raw
            .contains(r##"<rect x="0" y="0" width="800" height="500" opacity="1" fill="#212529""##),
        "the SVG starts with the dark background"
    );
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
    let svg = donut_svg(&slices, size);
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

#[test]
fn nothing_to_show_draws_a_friendly_chart_not_an_error() {
    let zero = [slice("Groceries", 0, 0), slice("Rent", 0, 1)];
    for slices in [&[][..], &zero[..]] {
        let svg = donut_svg(slices, SIZE);
        assert_eq!(svg.texts, [EMPTY_MESSAGE]);
    }
    let zero_months = [(month("2026-01"), 0), (month("2026-02"), 0)];
    for months in [&[][..], &zero_months[..]] {
        let svg = bars_svg(months, SIZE);
        assert_eq!(svg.texts, [EMPTY_MESSAGE]);
    }
    for theme in [Theme::Light, Theme::Dark] {
        let background = if theme == Theme::Light { WHITE } else { DARK };
        for pixels in [donut_png(&[], theme), bars_png(&[], theme)] {
            let painted = pixels.painted(background);
            assert!(
                painted > 1600 * 1000 / 50,
                "{theme:?}: not blank ({painted})"
            );
        }
    }
    // Both charts share one empty picture, and its message is drawn under the ring (whose
    // outer radius is 110 CSS pixels around (400, 236); the message's baseline is 28 below it).
    let empty = donut_png(&[], Theme::Light);
    assert_eq!(empty.differences(&bars_png(&[], Theme::Light)), 0);
    let message_ink = (2 * 350..2 * 378)
        .flat_map(|y| (0..1600).map(move |x| (x, y)))
        .filter(|(x, y)| empty.at(*x, *y) != WHITE)
        .count();
    assert!(message_ink > 1000, "the message has ink: {message_ink}");
}

#[test]
fn one_category_fills_the_ring() {
    let svg = donut_svg(&[slice("Rent", 95_000, 0)], SIZE);
    for text in ["Rent", "950.00 EUR", "100.0%", "Total", "950.00", "EUR"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let pixels = donut_png(&[slice("Rent", 95_000, 0)], Theme::Light);
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
    let svg = donut_svg(&forty(), SIZE);
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
    assert_eq!(donut_svg(&shuffled, SIZE).raw, svg.raw);

    // The grey Other slice is drawn (at 2x, right of the centre after the seven slices).
    let pixels = donut_png(&forty(), Theme::Light);
    assert!(pixels.rgb.chunks(3).any(|p| p == [0xad, 0xb5, 0xbd]));
}

#[test]
fn amounts_from_one_cent_to_ten_million_are_labelled() {
    let slices = [slice("Tiny", 1, 0), slice("Huge", 1_000_000_000, 1)];
    let svg = donut_svg(&slices, SIZE);
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
        donut_png(&slices, theme);
        donut_png(&slices[..1], theme);
    }

    let months = [(month("2026-01"), 1), (month("2026-02"), 1_000_000_000)];
    let svg = bars_svg(&months, SIZE);
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
    let svg = bars_svg(&months[..1], SIZE);
    for text in ["0.00", "0.01", "Average 0.01 EUR", "Jan 2026"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    bars_png(&months, Theme::Dark);
    bars_png(&months[..1], Theme::Light);
}

#[test]
fn months_are_labelled_long_when_there_is_room_and_short_when_not() {
    let few = bars_svg(&months(3), SIZE);
    for text in ["Jan 2024", "Feb 2024", "Mar 2024"] {
        assert!(few.has_text(text), "{text} in {:?}", few.texts);
    }
    let many = bars_svg(&months(40), SIZE);
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
    let gap = bars_svg(&[(month("2025-11"), 500), (month("2026-02"), 700)], SIZE);
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
        bars_png(&months(40), theme);
        bars_png(&months(1), theme);
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
    let svg = donut_svg(&slices, SIZE);
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
    let render = |label: &str| donut_png(&[slice(label, 500, 0)], Theme::Light);
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
            assert!(donut.is_ok() && bars.is_ok(), "{size:?} {format:?}");
        }
        let svg = donut_svg(&forty(), size);
        let shares = svg.texts.iter().filter(|t| t.ends_with('%')).count();
        assert_eq!(shares, 8, "{size:?}: {:?}", svg.texts);
    }
    let small = donut_svg(&forty(), MIN_SIZE);
    assert!(
        small.texts.iter().all(|t| !t.ends_with(" EUR")),
        "a narrow legend drops the amounts: {:?}",
        small.texts
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
}

/// Prints how long the 40-category donut takes as an 800 x 500 PNG (1600 x 1000 pixels); never
/// asserts it. Run with `--release -- --nocapture` for meaningful numbers.
#[test]
fn render_time_is_printed() {
    let slices = forty();
    let months = months(24);
    let runs = 3;
    for (name, format) in [("PNG", ImageFormat::Png), ("SVG", ImageFormat::Svg)] {
        let start = Instant::now();
        for _ in 0..runs {
            spending_by_category(&slices, Currency::EUR, Theme::Light, SIZE, format)
                .expect("renders");
        }
        let donut = start.elapsed() / runs;
        let start = Instant::now();
        for _ in 0..runs {
            monthly_totals(&months, Currency::EUR, Theme::Light, SIZE, format).expect("renders");
        }
        let bars = start.elapsed() / runs;
        println!("800x500 {name}: donut (40 categories) {donut:?}, bars (24 months) {bars:?}");
    }
}
