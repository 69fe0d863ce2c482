//! The drawing surface every chart uses: CSS-pixel coordinates over either plotters backend (PNG at
//! 2x, SVG at 1x), the embedded font, text placed on a baseline the same way in both formats, and
//! the PNG encoder.

use std::sync::OnceLock;

use plotters::backend::{BitMapBackend, DrawingBackend, SVGBackend};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea as _};
use plotters::element::{DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color as _, FontDesc, FontFamily, FontStyle, TextStyle};

use crate::style::{Palette, Rgb};
use crate::{ChartError, ImageFormat, MAX_SIZE, MIN_SIZE, Size, Theme};

/// DejaVu Sans 2.37 (Bitstream Vera licence, see `fonts/LICENSE-DejaVu.txt`).
static FONT_FILE: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The name the font is registered under in plotters, which the SVG also writes as its
/// `font-family`: the same face first, then metric look-alikes, then any sans-serif.
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif";

/// DejaVu Sans's ascender minus descender (1901 + 483) over its units per em (2048). plotters'
/// ab_glyph text sizes are this height in pixels, not the em (checked against the font in tests).
pub(crate) const HEIGHT_PER_EM: f64 = 2384.0 / 2048.0;

/// plotters' SVG writer divides a text size by this to get the `font-size` it writes.
const SVG_SIZE_FACTOR: f64 = 1.24;

/// The share of the em above the baseline at which plotters' SVG writer puts the top of
/// top-anchored text (its `dy="0.76em"`).
const SVG_TOP_DY: f64 = 0.76;

/// PNG pixels per CSS pixel.
pub(crate) const PNG_SCALE: f64 = 2.0;

/// Space around every chart, CSS pixels.
pub(crate) const PAD: f64 = 16.0;

/// The size of axis labels, legends and captions, CSS pixels to the em.
pub(crate) const FONT: f64 = 12.0;

/// Registers the embedded font with plotters, once per process.
fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_FILE).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError::Draw(
            "the embedded font could not be read".into(),
        ))
    }
}

/// A chart that can draw itself on either backend.
pub(crate) trait Chart {
    /// Draws the chart; the canvas is already filled with the theme's background.
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ChartError>;
}

/// Horizontal alignment of text to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// A drawing area measured in CSS pixels.
pub(crate) struct Canvas<DB: DrawingBackend> {
    area: DrawingArea<DB, Shift>,
    /// Backend pixels per CSS pixel.
    scale: f64,
    format: ImageFormat,
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// The theme's colours.
    pub palette: Palette,
}

/// Turns a plotters error into ours.
fn draw_error(err: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(err.to_string())
}

impl<DB: DrawingBackend> Canvas<DB> {
    fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    fn point(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    /// A stroke `width` CSS pixels wide, at least one backend pixel.
    fn stroke(&self, width: f64) -> u32 {
        (width * self.scale).round().max(1.0) as u32
    }

    /// Fills the rectangle from `(x0, y0)` to `(x1, y1)`.
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, color: Rgb) -> Result<(), ChartError> {
        let corners = [self.point((x0, y0)), self.point((x1, y1))];
        self.area
            .draw(&Rectangle::new(corners, color.to_plotters().filled()))
            .map_err(draw_error)
    }

    /// Fills a polygon.
    pub fn polygon(&self, points: &[(f64, f64)], color: Rgb) -> Result<(), ChartError> {
        let points: Vec<(i32, i32)> = points.iter().map(|p| self.point(*p)).collect();
        self.area
            .draw(&Polygon::new(points, color.to_plotters().filled()))
            .map_err(draw_error)
    }

    /// Strokes a line through `points`.
    pub fn line(&self, points: &[(f64, f64)], color: Rgb, width: f64) -> Result<(), ChartError> {
        let points: Vec<(i32, i32)> = points.iter().map(|p| self.point(*p)).collect();
        let style = color.to_plotters().stroke_width(self.stroke(width));
        self.area
            .draw(&PathElement::new(points, style))
            .map_err(draw_error)
    }

    /// Strokes a dashed line from `from` to `to`: dashes and gaps of `dash` CSS pixels.
    pub fn dashed_line(
        &self,
        from: (f64, f64),
        to: (f64, f64),
        color: Rgb,
        width: f64,
        dash: f64,
    ) -> Result<(), ChartError> {
        let points = [self.point(from), self.point(to)];
        let style = color.to_plotters().stroke_width(self.stroke(width));
        let dash = self.px(dash).max(1);
        self.area
            .draw(&DashedPathElement::new(points, dash, dash, style))
            .map_err(draw_error)
    }

    /// Draws one line of `text` whose baseline is at `baseline`, `size` CSS pixels to the em, with
    /// `x` at its left end, centre or right end.
    pub fn text(
        &self,
        text: &str,
        x: f64,
        baseline: f64,
        size: f64,
        color: Rgb,
        align: Align,
    ) -> Result<(), ChartError> {
        let h_pos = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        // Both backends are told to anchor the text's top; where each puts the baseline relative
        // to that top differs, so each gets its own top.
        let (font_size, top) = match self.format {
            // ab_glyph puts the baseline half its size below the top.
            ImageFormat::Png => {
                let font_size = size * self.scale * HEIGHT_PER_EM;
                (font_size, baseline * self.scale - font_size / 2.0)
            }
            // The SVG writer sets `dy="0.76em"` and `font-size` to the size over 1.24.
            ImageFormat::Svg => (
                size * self.scale * SVG_SIZE_FACTOR,
                (baseline - SVG_TOP_DY * size) * self.scale,
            ),
        };
        let color = color.to_plotters();
        let style = TextStyle::from(FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            font_size,
            FontStyle::Normal,
        ))
        .color(&color)
        .pos(Pos::new(h_pos, VPos::Top));
        let at = (self.px(x), top.round() as i32);
        self.area
            .draw(&Text::new(text, at, style))
            .map_err(draw_error)
    }

    /// Like [`Canvas::text`], on a patch of the background a little larger than the text, so that
    /// a caption stays readable where lines cross it.
    pub fn text_on_background(
        &self,
        text: &str,
        x: f64,
        baseline: f64,
        size: f64,
        color: Rgb,
        align: Align,
    ) -> Result<(), ChartError> {
        let width = measure(text, size)?;
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let margin = 3.0;
        self.rect(
            left - margin,
            baseline - size * 0.95,
            left + width + margin,
            baseline + size * 0.3,
            self.palette.background,
        )?;
        self.text(text, x, baseline, size, color, align)
    }
}

/// The width of `text` in the embedded font at `size` CSS pixels to the em, in CSS pixels.
pub(crate) fn measure(text: &str, size: f64) -> Result<f64, ChartError> {
    // Measured 16 times larger: plotters rounds the width to whole pixels.
    const PRECISION: f64 = 16.0;
    let font = FontDesc::new(
        FontFamily::Name(FONT_FAMILY),
        size * HEIGHT_PER_EM * PRECISION,
        FontStyle::Normal,
    );
    let (width, _) = font.box_size(text).map_err(draw_error)?;
    Ok(f64::from(width) / PRECISION)
}

/// `text`, cut and ended with "…" if needed so that it is at most `max_width` CSS pixels wide at
/// `size` CSS pixels to the em.
pub(crate) fn fit(text: &str, size: f64, max_width: f64) -> Result<String, ChartError> {
    if measure(text, size)? <= max_width {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with the ellipsis, by bisection on the character count.
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let mid = (fits + too_long) / 2;
        let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
        if measure(&candidate, size)? <= max_width {
            fits = mid;
        } else {
            too_long = mid;
        }
    }
    let kept: String = chars[..fits].iter().collect();
    Ok(format!("{}…", kept.trim_end()))
}

/// The outline of a ring segment (a donut slice) around `center` from angle `from` to `to`
/// (radians, clockwise from the x axis on screen): the outer arc forward, the inner arc back.
pub(crate) fn ring_segment(
    center: (f64, f64),
    outer: f64,
    inner: f64,
    from: f64,
    to: f64,
) -> Vec<(f64, f64)> {
    // One point per degree or less keeps the arcs smooth at any size we draw.
    let steps = ((to - from).abs().to_degrees().ceil() as usize).max(1);
    let at = |radius: f64, angle: f64| {
        (
            center.0 + radius * angle.cos(),
            center.1 + radius * angle.sin(),
        )
    };
    let angle = |i: usize| from + (to - from) * i as f64 / steps as f64;
    let mut points = Vec::with_capacity(2 * steps + 2);
    points.extend((0..=steps).map(|i| at(outer, angle(i))));
    points.extend((0..=steps).rev().map(|i| at(inner, angle(i))));
    points
}

/// The message the spending charts show when there is nothing to draw.
pub(crate) const EMPTY_MESSAGE: &str = "No spending in this period";

/// Draws the chart for "nothing to show": an empty ring and `message` under it.
pub(crate) fn draw_empty<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    message: &str,
) -> Result<(), ChartError> {
    let (width, height) = (canvas.width, canvas.height);
    let outer = (height * 0.22).min(width * 0.2);
    let center = (width / 2.0, height / 2.0 - 14.0);
    let ring = ring_segment(center, outer, outer * 0.62, 0.0, std::f64::consts::TAU);
    canvas.polygon(&ring, canvas.palette.grid)?;
    let size = 14.0;
    let message = fit(message, size, width - 32.0)?;
    canvas.text(
        &message,
        width / 2.0,
        center.1 + outer + 28.0,
        size,
        canvas.palette.secondary,
        Align::Center,
    )
}

/// How a legend entry shows what it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// A filled square, as for bars.
    Swatch(Rgb),
    /// A short solid line.
    Line(Rgb),
    /// A short dashed line.
    Dashed(Rgb),
    /// A short thick upright stroke, as for a budget marker.
    Tick(Rgb),
}

impl Key {
    /// How wide the key is, CSS pixels.
    fn width(self) -> f64 {
        match self {
            Key::Swatch(_) => FONT * 0.9,
            Key::Line(_) | Key::Dashed(_) => 22.0,
            Key::Tick(_) => 3.0,
        }
    }

    /// Draws the key with its left end at `x`, centred on `y`.
    fn draw<DB: DrawingBackend>(
        self,
        canvas: &Canvas<DB>,
        x: f64,
        y: f64,
    ) -> Result<(), ChartError> {
        let width = self.width();
        match self {
            Key::Swatch(color) => {
                canvas.rect(x, y - width / 2.0, x + width, y + width / 2.0, color)
            }
            Key::Line(color) => canvas.line(&[(x, y), (x + width, y)], color, 2.0),
            Key::Dashed(color) => canvas.dashed_line((x, y), (x + width, y), color, 1.5, 5.0),
            Key::Tick(color) => canvas.rect(x, y - FONT * 0.55, x + width, y + FONT * 0.55, color),
        }
    }
}

/// Draws the line at the top of a chart: a title at the left in the secondary colour, and at the
/// right a legend of `entries` (each a key and its text), in order. The title is the first of
/// `titles` (longest first) that leaves room for the most entries; entries that do not fit are
/// left out from the last, and when not even the first fits, its text is shortened with "…".
pub(crate) fn title_line<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    titles: &[&str],
    entries: &[(Key, String)],
) -> Result<(), ChartError> {
    // Between the title and the legend, a key and its text, and two entries.
    let (title_gap, key_gap, entry_gap) = (12.0, 5.0, 10.0);
    let widths = entries
        .iter()
        .map(|(key, text)| Ok(key.width() + key_gap + measure(text, FONT)?))
        .collect::<Result<Vec<f64>, ChartError>>()?;
    // How many entries fit whole in `room`.
    let fitting = |room: f64| {
        let mut used = -entry_gap;
        widths
            .iter()
            .take_while(|width| {
                used += entry_gap + *width;
                used <= room
            })
            .count()
    };
    let mut best: Option<(&str, f64, usize)> = None;
    for title in titles {
        let room = (canvas.width - 2.0 * PAD - measure(title, FONT)? - title_gap).max(0.0);
        let fits = fitting(room);
        if best.is_none_or(|(_, _, most)| fits > most) {
            best = Some((title, room, fits));
        }
    }
    let Some((mut title, mut room, fits)) = best else {
        return Ok(());
    };
    let shown: Vec<(Key, String)> = if fits > 0 {
        entries[..fits].to_vec()
    } else {
        // Not even the first entry fits whole: the shortest title, and the entry shortened.
        if let Some(last) = titles.last() {
            title = last;
            room = (canvas.width - 2.0 * PAD - measure(title, FONT)? - title_gap).max(0.0);
        }
        match entries.first() {
            Some((key, text)) => {
                let text = fit(text, FONT, (room - key.width() - key_gap).max(0.0))?;
                vec![(*key, text)]
            }
            None => Vec::new(),
        }
    };

    let palette = canvas.palette;
    let baseline = PAD + FONT;
    canvas.text(title, PAD, baseline, FONT, palette.secondary, Align::Left)?;
    let mut x = canvas.width - PAD;
    for (i, (key, text)) in shown.iter().enumerate() {
        if i > 0 {
            x -= entry_gap;
        }
        x -= key.width() + key_gap + measure(text, FONT)?;
    }
    for (key, text) in shown {
        key.draw(canvas, x, baseline - FONT * 0.35)?;
        let text_x = x + key.width() + key_gap;
        canvas.text(&text, text_x, baseline, FONT, palette.text, Align::Left)?;
        x = text_x + measure(&text, FONT)? + entry_gap;
    }
    Ok(())
}

/// Checks `size` and draws `chart` in `format`.
pub(crate) fn render(
    chart: &impl Chart,
    theme: Theme,
    size: Size,
    format: ImageFormat,
) -> Result<Vec<u8>, ChartError> {
    let Size { width, height } = size;
    if !(MIN_SIZE.width..=MAX_SIZE.width).contains(&width)
        || !(MIN_SIZE.height..=MAX_SIZE.height).contains(&height)
    {
        return Err(ChartError::InvalidSize { width, height });
    }
    ensure_font()?;
    let palette = theme.palette();
    match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let backend = SVGBackend::with_string(&mut svg, (width, height));
                draw_on(backend, 1.0, format, size, palette, chart)?;
            }
            Ok(tidy_font_sizes(&svg).into_bytes())
        }
        ImageFormat::Png => {
            let (w, h) = (width * PNG_SCALE as u32, height * PNG_SCALE as u32);
            let mut rgb = vec![0_u8; w as usize * h as usize * 3];
            {
                let backend = BitMapBackend::with_buffer(&mut rgb, (w, h));
                draw_on(backend, PNG_SCALE, format, size, palette, chart)?;
            }
            encode_png(&rgb, w, h)
        }
    }
}

fn draw_on<DB: DrawingBackend>(
    backend: DB,
    scale: f64,
    format: ImageFormat,
    size: Size,
    palette: Palette,
    chart: &impl Chart,
) -> Result<(), ChartError> {
    let canvas = Canvas {
        area: backend.into_drawing_area(),
        scale,
        format,
        width: f64::from(size.width),
        height: f64::from(size.height),
        palette,
    };
    canvas
        .area
        .fill(&palette.background.to_plotters())
        .map_err(draw_error)?;
    chart.draw(&canvas)?;
    canvas.area.present().map_err(draw_error)
}

/// `svg` with every `font-size` rounded to 1/100 px: plotters writes the size it was given over
/// 1.24, so 13 px comes out as `font-size="13.000000000000002"`.
fn tidy_font_sizes(svg: &str) -> String {
    const ATTRIBUTE: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let (before, after) = rest.split_at(at + ATTRIBUTE.len());
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        match after[..end].parse::<f64>() {
            Ok(size) => out.push_str(&((size * 100.0).round() / 100.0).to_string()),
            Err(_) => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Encodes 8-bit RGB pixels as PNG, marked as 144 dpi (2x) so viewers that honour `pHYs` show it
/// at its CSS size.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let encode_error = |err: png::EncodingError| ChartError::Encode(err.to_string());
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // 144 dpi = 5669.29 pixels per metre.
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: 5669,
        yppu: 5669,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(rgb).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_constants_match_the_embedded_font() {
        use ab_glyph::Font as _;
        let font = ab_glyph::FontRef::try_from_slice(FONT_FILE).expect("the embedded font parses");
        let units_per_em = f64::from(font.units_per_em().expect("scalable"));
        let height = f64::from(font.height_unscaled());
        assert!((height / units_per_em - HEIGHT_PER_EM).abs() < 1e-9);
        for c in ['Ł', 'ó', 'd', 'ź', 'é', 'ü', '…', '€'] {
            assert_ne!(font.glyph_id(c).0, 0, "the font has {c}");
        }
    }

    #[test]
    fn svg_font_sizes_are_rounded() {
        let svg = r#"<text font-size="13.000000000000002" x="1">a</text><text font-size="9.5">b</text><text font-size="x">c</text><text font-size="12.345678"#;
        assert_eq!(
            tidy_font_sizes(svg),
            r#"<text font-size="13" x="1">a</text><text font-size="9.5">b</text><text font-size="x">c</text><text font-size="12.35"#
        );
    }

    #[test]
    fn measuring_and_fitting_use_the_font() {
        ensure_font().expect("font");
        let narrow = measure("iiii", 13.0).expect("measure");
        let wide = measure("WWWW", 13.0).expect("measure");
        assert!(narrow > 5.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        let twice = measure("WWWW", 26.0).expect("measure");
        assert!((twice - 2.0 * wide).abs() < 0.2, "{twice} {wide}");

        let label = "Café & Restaurants";
        assert_eq!(fit(label, 13.0, 1000.0).expect("fit"), label);
        let cut = fit(label, 13.0, 60.0).expect("fit");
        assert!(cut.ends_with('…') && cut.len() < label.len(), "{cut}");
        assert!(measure(&cut, 13.0).expect("measure") <= 60.0);
        let longer: String = label.chars().take(cut.chars().count()).collect();
        assert!(
            measure(&format!("{longer}…"), 13.0).expect("measure") > 60.0,
            "{cut} is the longest cut that fits"
        );
        assert_eq!(fit("Łódź", 13.0, 1.0).expect("fit"), "…");
    }
}
