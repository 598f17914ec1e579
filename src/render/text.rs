//! The embedded font and text measurement.

/// DejaVu Sans, embedded so that text is drawn the same on every machine and never
/// vanishes for want of a system font (licence: `data/fonts/LICENSE-DejaVu.txt`).
pub static FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");

/// The family name the SVG asks for, and that the PNG renderer is given.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Advance widths of the embedded font.
pub struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f64,
}

impl Metrics {
    pub fn new() -> Metrics {
        let face = ttf_parser::Face::parse(FONT, 0).ok();
        let units_per_em = face
            .as_ref()
            .map(|f| f64::from(f.units_per_em()))
            .unwrap_or(1000.0);
        Metrics { face, units_per_em }
    }

    /// Width of `text` set at `size` pixels.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let Some(face) = &self.face else {
            return text.chars().count() as f64 * size * 0.6;
        };
        let units: f64 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(f64::from)
                    .unwrap_or(self.units_per_em * 0.6)
            })
            .sum();
        units * size / self.units_per_em
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}
