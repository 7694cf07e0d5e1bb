//! Font metrics and line breaking. printpdf draws text where it is told and
//! never wraps, so the layout measures every word with the advances of the
//! very font that gets embedded and breaks lines itself.
//!
//! Widths are computed the way the PDF viewer will compute them: printpdf
//! writes each glyph's advance into the font's `/W` array truncated to
//! thousandths of an em, and a viewer moves the pen by exactly that. Measuring
//! with the same truncated numbers keeps justified lines flush to the margin
//! to a fraction of a point.

use crate::error::{Error, Result};
use crate::i18n::Text;
use std::collections::BTreeSet;

pub(crate) const REGULAR_TTF: &[u8] =
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// Below this code point advances are looked up in a table (Latin, Latin-1,
/// Latin Extended A/B, IPA); others ask the font's cmap each time.
const TABLE_LEN: usize = 0x250;
const MISSING: u16 = u16::MAX;
/// Slack for float comparisons against a line width, in points.
pub(crate) const EPS: f32 = 0.01;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Regular,
    Bold,
}

struct Face {
    face: ttf_parser::Face<'static>,
    /// Font units to thousandths of an em.
    per_mille: f32,
    table: Vec<u16>,
    notdef: u16,
}

impl Face {
    fn parse(bytes: &'static [u8], name: &str) -> Result<Face> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| Error::internal(format!("embedded font {name} cannot be parsed: {e}")))?;
        let per_mille = 1000.0 / f32::from(face.units_per_em());
        let mut f = Face {
            face,
            per_mille,
            table: Vec::new(),
            notdef: 0,
        };
        f.notdef = f.lookup(None).unwrap_or(0);
        f.table = (0..TABLE_LEN as u32)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| f.lookup(Some(c)))
                    .unwrap_or(MISSING)
            })
            .collect();
        Ok(f)
    }

    /// The advance of `c` (or of .notdef for `None`) in thousandths of an
    /// em, truncated exactly as printpdf writes it into `/W`.
    fn lookup(&self, c: Option<char>) -> Option<u16> {
        let gid = match c {
            Some(c) => self.face.glyph_index(c)?,
            None => ttf_parser::GlyphId(0),
        };
        let adv = self.face.glyph_hor_advance(gid)?;
        Some((f32::from(adv) * self.per_mille) as u16)
    }

    fn advance(&self, c: char) -> Option<u16> {
        match self.table.get(c as usize) {
            Some(&MISSING) => None,
            Some(&a) => Some(a),
            None => self.lookup(Some(c)),
        }
    }
}

/// The two faces letters use, parsed once per renderer.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
    /// Ascender, descender (positive) and line gap, in ems.
    pub ascent: f32,
    pub descent: f32,
    pub line_gap: f32,
    /// Underline position below the baseline and thickness, in ems.
    pub underline_offset: f32,
    pub underline_thickness: f32,
}

impl Fonts {
    pub fn new() -> Result<Fonts> {
        let regular = Face::parse(REGULAR_TTF, "LiberationSans-Regular")?;
        let bold = Face::parse(BOLD_TTF, "LiberationSans-Bold")?;
        let f = &regular.face;
        let em = f32::from(f.units_per_em());
        let (uo, ut) = f
            .underline_metrics()
            .map(|m| (-f32::from(m.position) / em, f32::from(m.thickness) / em))
            .unwrap_or((0.106, 0.073));
        Ok(Fonts {
            ascent: f32::from(f.ascender()) / em,
            descent: -f32::from(f.descender()) / em,
            line_gap: f32::from(f.line_gap()) / em,
            underline_offset: uo,
            underline_thickness: ut,
            regular,
            bold,
        })
    }

    fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    /// The font's own line height (ascent + descent + gap) for `size`:
    /// "single" line spacing, about 1.15 times the size for this font.
    pub fn natural_line_height(&self, size: f32) -> f32 {
        (self.ascent + self.descent + self.line_gap) * size
    }

    /// Width of `text` in points. Characters the font lacks count as the
    /// .notdef box; [`Fonts::check_coverage`] refuses such text beforehand.
    pub fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        let face = self.face(style);
        let units: u32 = text
            .chars()
            .map(|c| u32::from(face.advance(c).unwrap_or(face.notdef)))
            .sum();
        units as f32 * size / 1000.0
    }

    /// Refuses text with characters that neither face can draw: an official
    /// letter must not print boxes in place of letters of a name.
    pub fn check_coverage(&self, doc: &super::LetterDoc) -> Result<()> {
        let mut missing = BTreeSet::new();
        doc.for_each_text(|s| {
            for c in s.chars() {
                if is_drawn(c)
                    && (self.regular.advance(c).is_none() || self.bold.advance(c).is_none())
                {
                    missing.insert(c);
                }
            }
        });
        if missing.is_empty() {
            return Ok(());
        }
        let list = missing
            .iter()
            .map(|c| format!("'{c}' (U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        Err(Error::invalid(Text::new(
            format!(
                "Huruf berikut tidak tersedia pada fon surat (Liberation Sans): {list}. Ganti atau hapus huruf itu."
            ),
            format!(
                "These characters are not in the letter font (Liberation Sans): {list}. Replace or remove them."
            ),
        )))
    }

    /// Breaks `text` into lines no wider than `first` (the first line) and
    /// `rest` (the others). Words break at spaces; `\n` ends a paragraph; a
    /// word longer than the line is broken by characters, preferably after
    /// `/`, `-` or `.` (letter numbers, e-mail addresses, URLs). An empty
    /// text gives one empty line, so a table cell or value still has height.
    pub fn wrap(&self, style: Style, size: f32, text: &str, first: f32, rest: f32) -> Vec<Line> {
        let space = self.width(style, " ", size);
        let mut lines: Vec<Line> = Vec::new();
        for para in text.split('\n') {
            let mut cur = Line::default();
            for raw in para.split(is_break_space) {
                let word: String = raw.chars().filter(|&c| is_drawn(c)).collect();
                if word.is_empty() {
                    continue;
                }
                let width = self.width(style, &word, size);
                let avail = if lines.is_empty() { first } else { rest };
                if !cur.words.is_empty() {
                    if cur.width + space + width <= avail + EPS {
                        cur.width += space + width;
                        cur.words.push(Word { text: word, width });
                        continue;
                    }
                    lines.push(std::mem::take(&mut cur));
                }
                let avail = if lines.is_empty() { first } else { rest };
                if width <= avail + EPS {
                    cur.width = width;
                    cur.words.push(Word { text: word, width });
                } else {
                    self.break_long_word(style, size, &word, first, rest, &mut lines, &mut cur);
                }
            }
            cur.ends_paragraph = true;
            lines.push(cur);
        }
        lines
    }

    /// Splits one over-long word across lines. Every piece but the last is
    /// pushed as a full line; the last stays in `cur` so following words can
    /// join it.
    #[allow(clippy::too_many_arguments)]
    fn break_long_word(
        &self,
        style: Style,
        size: f32,
        word: &str,
        first: f32,
        rest: f32,
        lines: &mut Vec<Line>,
        cur: &mut Line,
    ) {
        let clusters = clusters(word);
        let widths: Vec<f32> = clusters
            .iter()
            .map(|c| self.width(style, c, size))
            .collect();
        let mut start = 0;
        while start < clusters.len() {
            let avail = if lines.is_empty() { first } else { rest };
            let mut end = start;
            let mut w = 0.0;
            while end < clusters.len() && (end == start || w + widths[end] <= avail + EPS) {
                w += widths[end];
                end += 1;
            }
            if end < clusters.len() {
                // Prefer breaking after a separator, if that keeps at least
                // 40 % of the line filled.
                if let Some(pos) = (start + 1..end).rev().find(|&i| {
                    matches!(clusters[i - 1].as_str(), "/" | "-" | "." | "_" | "@" | ",")
                }) {
                    let wp: f32 = widths[start..pos].iter().sum();
                    if wp >= 0.4 * avail {
                        end = pos;
                        w = wp;
                    }
                }
            }
            let piece: String = clusters[start..end].concat();
            let last = end == clusters.len();
            let word = Word {
                text: piece,
                width: w,
            };
            if last {
                cur.width = w;
                cur.words.push(word);
            } else {
                lines.push(Line {
                    words: vec![word],
                    width: w,
                    ends_paragraph: false,
                });
            }
            start = end;
        }
    }
}

/// A word as placed on a line, with its measured width in points.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Word {
    pub text: String,
    pub width: f32,
}

/// One output line: its words (one space apart when not justified), the
/// natural width including those spaces, and whether it ends a paragraph
/// (the last line of a justified paragraph stays left-aligned).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Line {
    pub words: Vec<Word>,
    pub width: f32,
    pub ends_paragraph: bool,
}

impl Line {
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// Characters that separate words. A no-break space (U+00A0) does not.
fn is_break_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\r' || (c.is_control() && c != '\n')
}

/// Characters that take part in layout; zero-width and soft-hyphen code
/// points are dropped (pasted text often carries them and the font would
/// draw them as boxes).
pub(crate) fn is_drawn(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
        ))
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// A character with the combining marks that follow it, so a forced break
/// never separates a letter from its accent.
fn clusters(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in word.chars() {
        match out.last_mut() {
            Some(last) if is_combining(c) => last.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::new().expect("embedded fonts parse")
    }

    #[test]
    fn widths_follow_the_font_advances() {
        let f = fonts();
        // Liberation Sans is metric-compatible with Arial: a space is 0.277
        // em, "M" 0.833 em (truncated per mille as in /W).
        assert!((f.width(Style::Regular, " ", 1000.0) - 277.0).abs() < 0.01);
        assert!((f.width(Style::Regular, "M", 1000.0) - 833.0).abs() < 0.01);
        assert!(f.width(Style::Bold, "Wahyudi", 12.0) > f.width(Style::Regular, "Wahyudi", 12.0));
        assert!((f.natural_line_height(12.0) - 13.8).abs() < 0.1);
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let f = fonts();
        let text = "Dinas Komunikasi dan Informatika Kabupaten Bolaang Mongondow Utara dan \
                    Sekitarnya menerangkan bahwa Ṣāliḥ Ma’rief bin Abdurrahman \
                    Pangeran-Antasari-Banjarmasin-Kalimantan-Selatan-Indonesia-Raya \
                    000.6.5/012/Diskominfo/XI/2026/Lampiran/Rekomendasi/Pencabutan";
        for width in [60.0_f32, 100.0, 200.0, 450.0] {
            let lines = f.wrap(Style::Regular, 12.0, text, width - 20.0, width);
            for (i, line) in lines.iter().enumerate() {
                let avail = if i == 0 { width - 20.0 } else { width };
                let measured = f.width(Style::Regular, &line.text(), 12.0);
                assert!(
                    measured <= avail + EPS,
                    "line {i} {:?} is {measured} wide, limit {avail}",
                    line.text()
                );
                assert!((measured - line.width).abs() < 0.01);
            }
            // Nothing lost or reordered: the words come back in order.
            let joined: String = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&joined), squeeze(text));
        }
    }

    #[test]
    fn long_words_break_after_separators_when_possible() {
        let f = fonts();
        let lines = f.wrap(
            Style::Regular,
            12.0,
            "000.6.5/012/Diskominfo/XI/2026",
            80.0,
            80.0,
        );
        assert!(lines.len() > 1);
        assert!(lines[0].text().ends_with('/'), "{:?}", lines[0].text());
    }

    #[test]
    fn newline_ends_a_paragraph_and_empty_text_has_one_line() {
        let f = fonts();
        let lines = f.wrap(Style::Regular, 12.0, "satu\ndua", 300.0, 300.0);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_paragraph && lines[1].ends_paragraph);
        let empty = f.wrap(Style::Regular, 12.0, "", 300.0, 300.0);
        assert_eq!(empty.len(), 1);
        assert!(empty[0].words.is_empty());
    }

    #[test]
    fn invisible_characters_are_dropped_and_accents_stay_with_letters() {
        let f = fonts();
        let lines = f.wrap(Style::Regular, 12.0, "Ma\u{200B}rief\u{00AD}", 300.0, 300.0);
        assert_eq!(lines[0].text(), "Marief");
        assert_eq!(
            clusters("S\u{0323}a"),
            vec!["S\u{0323}".to_string(), "a".to_string()]
        );
    }

    #[test]
    fn the_font_covers_indonesian_and_transliterated_arabic_names() {
        let f = fonts();
        for c in "Ṣāliḥ Ma’rief “Kutipan” – é ü ñ ° ½".chars() {
            assert!(f.regular.advance(c).is_some(), "regular lacks {c:?}");
            assert!(f.bold.advance(c).is_some(), "bold lacks {c:?}");
        }
        assert!(f.regular.advance('中').is_none());
    }
}
