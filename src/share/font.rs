//! The faces the share cards are drawn with: Noto Sans Regular and Bold, subset to Latin and
//! Vietnamese as TrueType (`tools/share-fonts.sh`; OFL, `src/share/fonts/LICENSE`) and
//! embedded in the binary, so a card looks the same on every machine, with or without fonts
//! installed. Also measures text (to wrap a title) and says which letters the faces lack.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Noto Sans Regular, Latin and Vietnamese.
pub(crate) const REGULAR: &[u8] = include_bytes!("fonts/NotoSans-Regular-vi.ttf");
/// Noto Sans Bold, Latin and Vietnamese.
pub(crate) const BOLD: &[u8] = include_bytes!("fonts/NotoSans-Bold-vi.ttf");
/// The family name both faces carry (what a card's SVG asks for).
pub(crate) const FAMILY: &str = "Noto Sans";

/// The font database resvg draws with: the two embedded faces and nothing from the system.
pub(crate) fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    }))
}

/// A face for measuring: advance widths of characters.
pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    units: f32,
}

impl Metrics {
    /// The bold face's metrics (titles).
    pub(crate) fn bold() -> &'static Metrics {
        static M: OnceLock<Option<Metrics>> = OnceLock::new();
        M.get_or_init(|| Metrics::of(BOLD))
            .as_ref()
            .unwrap_or_else(|| unreachable!("the embedded bold face parses (tested)"))
    }

    /// The regular face's metrics (the site's name).
    pub(crate) fn regular() -> &'static Metrics {
        static M: OnceLock<Option<Metrics>> = OnceLock::new();
        M.get_or_init(|| Metrics::of(REGULAR))
            .as_ref()
            .unwrap_or_else(|| unreachable!("the embedded regular face parses (tested)"))
    }

    fn of(bytes: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units = f32::from(face.units_per_em());
        Some(Metrics { face, units })
    }

    /// The width of `text` at `size` px (advances, no kerning: a few pixels of slack).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(self.units * 0.6, f32::from)
            })
            .sum();
        units * size / self.units
    }

    /// Whether the face draws `c` (spaces and line breaks count as drawn).
    pub(crate) fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.face.glyph_index(c).is_some()
    }
}

/// The characters of `text` that the card's faces cannot draw (each once, in order).
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        let drawn = Metrics::bold().has(c) && Metrics::regular().has(c);
        if !drawn && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faces_draw_every_vietnamese_letter() {
        let lower = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let upper: String = lower.chars().flat_map(char::to_uppercase).collect();
        assert_eq!(missing_glyphs(lower), Vec::<char>::new());
        assert_eq!(missing_glyphs(&upper), Vec::<char>::new());
        assert_eq!(
            missing_glyphs("0123456789 – “” … ₫ % / ( ) , . : ;"),
            Vec::<char>::new()
        );
        assert_eq!(missing_glyphs("漢字"), vec!['漢', '字']);
        assert_eq!(database().len(), 2);
    }

    #[test]
    fn wider_text_measures_wider() {
        let m = Metrics::bold();
        assert!(m.width("Trung tâm", 50.0) > m.width("Trung", 50.0));
        assert!((m.width("Lạng Sơn", 100.0) - 2.0 * m.width("Lạng Sơn", 50.0)).abs() < 0.01);
    }
}
