//! Colours and themes: the `#rrggbb` colours categories carry and the light and dark palettes (Bootstrap
//! 5.3's, with Coffer's dark theme) the charts are drawn in, so an image matches the card around it.

use std::fmt;
use std::str::FromStr;

use plotters::style::RGBColor;

use crate::ChartError;

/// A colour, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red, 0-255.
    pub r: u8,
    /// Green, 0-255.
    pub g: u8,
    /// Blue, 0-255.
    pub b: u8,
}

impl Rgb {
    /// The colour with these components.
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// Parses `#rrggbb` (either case; surrounding spaces are ignored), the form categories store.
    pub fn parse(text: &str) -> Result<Rgb, ChartError> {
        let trimmed = text.trim();
        let invalid = || ChartError::InvalidColor(trimmed.chars().take(20).collect());
        let hex = trimmed.strip_prefix('#').ok_or_else(invalid)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let component = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).map_err(|_| invalid());
        Ok(Rgb::new(component(0)?, component(2)?, component(4)?))
    }

    /// This colour laid over `under` at `percent` (0-100) opacity: what a translucent fill looks
    /// like, for images that have no alpha.
    pub(crate) fn over(self, under: Rgb, percent: u8) -> Rgb {
        let percent = u16::from(percent.min(100));
        let mix = |top: u8, bottom: u8| {
            let sum = u16::from(top) * percent + u16::from(bottom) * (100 - percent);
            // At most 255 * 100 + 50, over 100: at most 255.
            u8::try_from((sum + 50) / 100).unwrap_or(u8::MAX)
        };
        Rgb::new(
            mix(self.r, under.r),
            mix(self.g, under.g),
            mix(self.b, under.b),
        )
    }

    pub(crate) fn to_plotters(self) -> RGBColor {
        RGBColor(self.r, self.g, self.b)
    }
}

impl FromStr for Rgb {
    type Err = ChartError;

    fn from_str(text: &str) -> Result<Rgb, ChartError> {
        Rgb::parse(text)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The colour scheme of the screen the chart is shown on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Bootstrap's light mode.
    #[default]
    Light,
    /// Bootstrap's dark mode (`data-bs-theme="dark"`).
    Dark,
}

/// The colours one theme draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    /// `--bs-body-bg`.
    pub background: Rgb,
    /// `--bs-body-color`.
    pub text: Rgb,
    /// `--bs-secondary-color` (as an opaque colour).
    pub secondary: Rgb,
    /// `--bs-border-color`: grid lines and empty rings.
    pub grid: Rgb,
    /// The bars of the monthly chart (`--bs-primary`, lighter in dark mode).
    pub bar: Rgb,
    /// The average line (`--bs-orange`).
    pub average: Rgb,
    /// The "Other" slice (`--bs-gray-500` / `--bs-gray-600`).
    pub other: Rgb,
    /// Spending over a budget (`--bs-danger`, its lighter text tone in dark mode).
    pub danger: Rgb,
    /// The track behind a budget bar (`--bs-secondary-bg`).
    pub track: Rgb,
}

impl Theme {
    pub(crate) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: Rgb::new(0xff, 0xff, 0xff),
                text: Rgb::new(0x21, 0x25, 0x29),
                secondary: Rgb::new(0x6c, 0x75, 0x7d),
                grid: Rgb::new(0xde, 0xe2, 0xe6),
                bar: Rgb::new(0x0d, 0x6e, 0xfd),
                average: Rgb::new(0xfd, 0x7e, 0x14),
                other: Rgb::new(0xad, 0xb5, 0xbd),
                danger: Rgb::new(0xdc, 0x35, 0x45),
                track: Rgb::new(0xe9, 0xec, 0xef),
            },
            // Coffer's dark theme (ui/src/styles/main.scss: `$body-bg-dark`, `$body-color-dark`,
            // `$border-color-dark`, `$body-secondary-bg-dark`), so a chart sits seamlessly on
            // a dark card; the secondary colour is the body colour at 75 % over the background.
            Theme::Dark => Palette {
                background: Rgb::new(0x1a, 0x1d, 0x24),
                text: Rgb::new(0xe4, 0xe7, 0xee),
                secondary: Rgb::new(0xb2, 0xb5, 0xbc),
                grid: Rgb::new(0x31, 0x37, 0x44),
                bar: Rgb::new(0x3d, 0x8b, 0xfd),
                average: Rgb::new(0xfd, 0x7e, 0x14),
                other: Rgb::new(0x6c, 0x75, 0x7d),
                danger: Rgb::new(0xea, 0x86, 0x8f),
                track: Rgb::new(0x27, 0x2b, 0x35),
            },
        }
    }
}

/// A label fit to be drawn and written into XML: control characters (which XML 1.0 cannot hold,
/// and which draw as nothing) and the non-characters U+FFFE/U+FFFF become spaces, runs of
/// whitespace become one space, and an empty result becomes "Unnamed".
pub(crate) fn clean_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut pending_space = false;
    for c in label.chars() {
        if c.is_control() || c.is_whitespace() || c == '\u{fffe}' || c == '\u{ffff}' {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if out.is_empty() {
        "Unnamed".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_from_hash_rrggbb_only() {
        assert_eq!(Rgb::parse("#0d6efd"), Ok(Rgb::new(0x0d, 0x6e, 0xfd)));
        assert_eq!(" #FFaa00 ".parse::<Rgb>(), Ok(Rgb::new(0xff, 0xaa, 0x00)));
        assert_eq!(Rgb::new(1, 2, 255).to_string(), "#0102ff");
        for bad in [
            "", "#", "0d6efd", "#0d6efd0", "#0d6ef", "#0d6efg", "#+d6efd", "#ééé",
        ] {
            assert_eq!(
                Rgb::parse(bad),
                Err(ChartError::InvalidColor(bad.trim().to_owned())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_palettes_match_the_app_themes() {
        let light = Theme::Light.palette();
        assert_eq!(light.background.to_string(), "#ffffff");
        assert_eq!(light.text.to_string(), "#212529");
        assert_eq!(light.secondary.to_string(), "#6c757d");
        assert_eq!(light.grid.to_string(), "#dee2e6");
        assert_eq!(light.danger.to_string(), "#dc3545");
        assert_eq!(light.track.to_string(), "#e9ecef");
        let dark = Theme::Dark.palette();
        assert_eq!(dark.background.to_string(), "#1a1d24");
        assert_eq!(dark.text.to_string(), "#e4e7ee");
        assert_eq!(dark.secondary.to_string(), "#b2b5bc");
        assert_eq!(dark.grid.to_string(), "#313744");
        assert_eq!(dark.danger.to_string(), "#ea868f");
        assert_eq!(dark.track.to_string(), "#272b35");
    }

    #[test]
    fn a_colour_over_another_mixes_by_its_opacity() {
        let (blue, white) = (Rgb::new(0x0d, 0x6e, 0xfd), Rgb::new(0xff, 0xff, 0xff));
        assert_eq!(blue.over(white, 100), blue);
        assert_eq!(blue.over(white, 0), white);
        assert_eq!(blue.over(white, 200), blue, "more than opaque is opaque");
        // 13 * 0.15 + 255 * 0.85 = 218.7, 110 * 0.15 + 255 * 0.85 = 233.25 and
        // 253 * 0.15 + 255 * 0.85 = 254.7, each rounded.
        assert_eq!(blue.over(white, 15), Rgb::new(219, 233, 255));
        let black = Rgb::new(0, 0, 0);
        assert_eq!(white.over(black, 50), Rgb::new(128, 128, 128));
    }

    #[test]
    fn labels_lose_control_characters_and_extra_space() {
        assert_eq!(clean_label("Café"), "Café");
        assert_eq!(clean_label("  a\u{0}b\u{1b}[31m \t\n c  "), "a b [31m c");
        assert_eq!(clean_label("x\u{fffe}\u{ffff}y\u{85}z"), "x y z");
        assert_eq!(clean_label("\u{7}\r\n "), "Unnamed");
        assert_eq!(
            clean_label("<script>"),
            "<script>",
            "escaping is the writer's job"
        );
    }
}
