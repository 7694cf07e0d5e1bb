//! The view of a letter: plain data in which every string is already
//! formatted (dates in Indonesian, NIP grouped, letter number complete).
//! Templates fill it from domain data; [`super::LetterRenderer`] turns it into
//! PDF. It is serialisable so that the exact data a letter was made from can
//! be stored beside the PDF and the letter made again byte-for-byte in
//! content.
//!
//! Sizes are in millimetres and points because that is how Pemda rules state
//! them ("margin kiri 3 cm", "Arial 12").

use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::model::PaperSize;
use serde::{Deserialize, Serialize};

/// One letter, ready to lay out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LetterDoc {
    /// The PDF title (document properties), e.g. the letter's subject and
    /// number. Viewers and the signing service show it.
    pub title: String,
    pub paper: PaperSize,
    #[serde(default)]
    pub margins_mm: Margins,
    /// Body text size; Pemda rules say 12 (sometimes 11).
    #[serde(default = "default_font_size")]
    pub font_size_pt: f32,
    /// 1.0 (single) to 1.5, as a multiple of the font's natural line height.
    #[serde(default = "default_line_spacing")]
    pub line_spacing: f32,
    /// The letterhead, printed on the first page only.
    #[serde(default)]
    pub kop: Option<Kop>,
    pub blocks: Vec<Block>,
    /// The verification mark (QR code, code, text) at the bottom of the last
    /// page.
    #[serde(default)]
    pub footer: Option<Footer>,
}

fn default_font_size() -> f32 {
    12.0
}

fn default_line_spacing() -> f32 {
    1.0
}

fn yes() -> bool {
    true
}

/// Page margins in millimetres. They are a Pemda setting; the default is a
/// common one (wider at the left for binding).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    fn default() -> Margins {
        Margins {
            top: 15.0,
            right: 20.0,
            bottom: 20.0,
            left: 25.0,
        }
    }
}

/// The kop surat (letterhead): emblem at the left, government and office
/// names in bold and centred, address lines smaller, a double rule under it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kop {
    /// Draw the emblem set on the renderer ([`super::LetterRenderer::set_emblem`]).
    /// The image lives in the renderer, not here, because it is prepared
    /// once for many letters and would bloat every stored view.
    #[serde(default)]
    pub emblem: Option<Emblem>,
    /// `PEMERINTAH KABUPATEN TAPIN` (the smaller of the two names, 3:4).
    pub pemda: String,
    /// `DINAS KOMUNIKASI DAN INFORMATIKA` (the larger name).
    pub dinas: String,
    /// Address, telephone, email, website: one string per printed line
    /// (a line that is too long wraps).
    #[serde(default)]
    pub address_lines: Vec<String>,
}

/// How the renderer's emblem is drawn in the kop.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Emblem {
    /// Height of the emblem; the width follows the image's proportions.
    pub height_mm: f32,
}

impl Default for Emblem {
    fn default() -> Emblem {
        Emblem { height_mm: 24.0 }
    }
}

/// Horizontal alignment of table cells and signature text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

fn center() -> Align {
    Align::Center
}

/// One piece of the letter body, laid out top to bottom. Blocks are separated
/// by a small gap (about half a line); add [`Block::Spacer`] for more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// `Rantau, 21 November 2026`, flush with the right margin.
    PlaceDate(String),
    /// Nomor / Sifat / Lampiran / Hal rows with their colons aligned.
    Meta(Vec<(String, String)>),
    /// `Yth. Kepala ...`, `di`, `Tempat`: one string per line; a long line
    /// wraps under the text after `Yth.`.
    Addressee(Vec<String>),
    /// Centred, bold and underlined title (Surat Keterangan, Surat
    /// Rekomendasi) with an optional centred line under it (`Nomor: ...`).
    Title {
        text: String,
        #[serde(default)]
        subtitle: Option<String>,
    },
    /// Body text. `\n` starts a new line. Justified paragraphs stretch every
    /// line but the last of each paragraph.
    Paragraph {
        text: String,
        #[serde(default)]
        indent_first_mm: f32,
        #[serde(default = "yes")]
        justify: bool,
    },
    /// `label : value` rows (the applicant's data); values wrap within their
    /// column. `indent_mm` moves the whole block right.
    KeyValue {
        rows: Vec<(String, String)>,
        #[serde(default)]
        indent_mm: f32,
    },
    Table(Table),
    Signature(Signature),
    /// Two signatures side by side, e.g. the applicant at the right and
    /// "Mengetahui, atasan langsung" at the left. Their names share a line.
    SignaturePair {
        left: Signature,
        right: Signature,
    },
    /// `Tembusan:` and a numbered list (no number when there is only one).
    Tembusan(Vec<String>),
    /// Extra vertical space in millimetres (dropped at the top of a page).
    Spacer(f32),
    /// Continue on a new page.
    PageBreak,
    /// A bold heading at the left, e.g. `LAMPIRAN SURAT REKOMENDASI ...`.
    /// It is never left alone at the bottom of a page.
    Heading(String),
    /// A numbered list (`1.`, `2.` ...) with hanging indent.
    List(Vec<String>),
}

/// A table whose cells wrap. A row is never split across pages (unless it is
/// taller than a whole page); when a row does not fit it moves to the next
/// page, and the header is repeated there if `repeat_header`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    #[serde(default = "yes")]
    pub repeat_header: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Share of the text width, relative to the other columns.
    pub width_ratio: f32,
    #[serde(default)]
    pub align: Align,
}

/// Where a signature block stands on the line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignaturePosition {
    Left,
    Center,
    /// The right half of the text width: the usual place.
    #[default]
    Right,
}

/// A signature block: position, space to sign, name, pangkat, NIP. It is
/// kept together on one page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// `Rantau, 21 November 2026` when the date stands above the signature.
    #[serde(default)]
    pub place_date: Option<String>,
    /// `a.n. Kepala Dinas Komunikasi dan Informatika`, `Kepala Bidang ...,`.
    #[serde(default)]
    pub lines_above: Vec<String>,
    /// Room for the wet or electronic signature and stamp.
    #[serde(default = "default_signature_space")]
    pub space_mm: f32,
    /// Full name with titles; printed bold and underlined.
    pub name: String,
    /// `Pembina Utama Muda (IV/c)`.
    #[serde(default)]
    pub pangkat: Option<String>,
    /// Already formatted: `NIP. 19710130 199903 1 005`.
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub position: SignaturePosition,
    /// Alignment of the lines within the block's column.
    #[serde(default = "center")]
    pub text_align: Align,
}

fn default_signature_space() -> f32 {
    22.0
}

/// The verification mark: a QR code (vector, about 20 mm) at the bottom left
/// of the last page, the short code beside it in bold, and a short text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    /// What the QR code encodes (usually a verification URL or the code).
    pub qr_payload: String,
    /// The short verification code a person can type.
    pub code: String,
    /// A sentence or two, e.g. how to verify the letter.
    pub text: String,
}

impl LetterDoc {
    /// Checks the numbers a settings screen could get wrong, naming each
    /// offending field so a form can show the message beside it.
    pub fn validate(&self) -> Result<()> {
        let mut issues = Vec::new();
        let (w, h) = self.paper.mm();
        let m = &self.margins_mm;
        for (field, value) in [
            ("margins_mm.top", m.top),
            ("margins_mm.right", m.right),
            ("margins_mm.bottom", m.bottom),
            ("margins_mm.left", m.left),
        ] {
            // At least 5 mm: printers cannot print to the edge, and the page
            // number sits in the middle of the bottom margin.
            if !(5.0..=80.0).contains(&value) {
                issues.push(FieldIssue::new(
                    field,
                    crate::t!(
                        "Margin harus antara 5 dan 80 mm, bukan {value}.",
                        "A margin must be between 5 and 80 mm, not {value}."
                    ),
                ));
            }
        }
        if issues.is_empty() && (w - m.left - m.right < 80.0 || h - m.top - m.bottom < 120.0) {
            issues.push(FieldIssue::new(
                "margins_mm",
                Text::new(
                    "Margin terlalu lebar: bidang tulisan tersisa terlalu kecil.",
                    "The margins are too wide: too little room is left for text.",
                ),
            ));
        }
        let size = self.font_size_pt;
        if !(8.0..=16.0).contains(&size) {
            issues.push(FieldIssue::new(
                "font_size_pt",
                crate::t!(
                    "Ukuran huruf harus antara 8 dan 16 pt, bukan {size}.",
                    "The font size must be between 8 and 16 pt, not {size}."
                ),
            ));
        }
        let spacing = self.line_spacing;
        if !(1.0..=2.0).contains(&spacing) {
            issues.push(FieldIssue::new(
                "line_spacing",
                crate::t!(
                    "Spasi baris harus antara 1 dan 2, bukan {spacing}.",
                    "The line spacing must be between 1 and 2, not {spacing}."
                ),
            ));
        }
        if let Some(Kop {
            emblem: Some(e), ..
        }) = &self.kop
        {
            let eh = e.height_mm;
            if !(5.0..=50.0).contains(&eh) {
                issues.push(FieldIssue::new(
                    "kop.emblem.height_mm",
                    crate::t!(
                        "Tinggi lambang harus antara 5 dan 50 mm, bukan {eh}.",
                        "The emblem height must be between 5 and 50 mm, not {eh}."
                    ),
                ));
            }
        }
        for (i, block) in self.blocks.iter().enumerate() {
            let n = i + 1;
            match block {
                Block::Spacer(mm) if !(0.0..=300.0).contains(mm) => {
                    issues.push(FieldIssue::new(
                        format!("blocks[{i}]"),
                        crate::t!(
                            "Jarak kosong pada blok {n} harus antara 0 dan 300 mm.",
                            "The spacer in block {n} must be between 0 and 300 mm."
                        ),
                    ));
                }
                Block::Paragraph {
                    indent_first_mm, ..
                } if !(0.0..=60.0).contains(indent_first_mm) => {
                    issues.push(FieldIssue::new(
                        format!("blocks[{i}].indent_first_mm"),
                        crate::t!(
                            "Indentasi paragraf pada blok {n} harus antara 0 dan 60 mm.",
                            "The paragraph indent in block {n} must be between 0 and 60 mm."
                        ),
                    ));
                }
                Block::KeyValue { indent_mm, .. } if !(0.0..=60.0).contains(indent_mm) => {
                    issues.push(FieldIssue::new(
                        format!("blocks[{i}].indent_mm"),
                        crate::t!(
                            "Indentasi pada blok {n} harus antara 0 dan 60 mm.",
                            "The indent in block {n} must be between 0 and 60 mm."
                        ),
                    ));
                }
                Block::Table(table) => table_issues(table, i, &mut issues),
                Block::Signature(sig) => {
                    signature_issues(sig, &format!("blocks[{i}]"), &mut issues)
                }
                Block::SignaturePair { left, right } => {
                    signature_issues(left, &format!("blocks[{i}].left"), &mut issues);
                    signature_issues(right, &format!("blocks[{i}].right"), &mut issues);
                }
                _ => {}
            }
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid_fields(issues))
        }
    }

    /// Calls `f` with every string that will be printed on the page (not the
    /// PDF title, which is metadata), so callers can check them all at once,
    /// for example that the font has every character.
    pub fn for_each_text(&self, mut f: impl FnMut(&str)) {
        if let Some(kop) = &self.kop {
            f(&kop.pemda);
            f(&kop.dinas);
            kop.address_lines.iter().for_each(|s| f(s));
        }
        let sig = |s: &Signature, f: &mut dyn FnMut(&str)| {
            if let Some(p) = &s.place_date {
                f(p);
            }
            s.lines_above.iter().for_each(|l| f(l));
            f(&s.name);
            if let Some(p) = &s.pangkat {
                f(p);
            }
            if let Some(n) = &s.nip {
                f(n);
            }
        };
        for block in &self.blocks {
            match block {
                Block::PlaceDate(s) | Block::Heading(s) => f(s),
                Block::Meta(rows) | Block::KeyValue { rows, .. } => {
                    for (k, v) in rows {
                        f(k);
                        f(v);
                    }
                }
                Block::Addressee(lines) | Block::Tembusan(lines) | Block::List(lines) => {
                    lines.iter().for_each(|l| f(l));
                }
                Block::Title { text, subtitle } => {
                    f(text);
                    if let Some(s) = subtitle {
                        f(s);
                    }
                }
                Block::Paragraph { text, .. } => f(text),
                Block::Table(t) => {
                    t.columns.iter().for_each(|c| f(&c.header));
                    t.rows.iter().flatten().for_each(|c| f(c));
                }
                Block::Signature(s) => sig(s, &mut f),
                Block::SignaturePair { left, right } => {
                    sig(left, &mut f);
                    sig(right, &mut f);
                }
                Block::Spacer(_) | Block::PageBreak => {}
            }
        }
        if let Some(footer) = &self.footer {
            f(&footer.code);
            f(&footer.text);
        }
    }
}

fn table_issues(table: &Table, i: usize, issues: &mut Vec<FieldIssue>) {
    let n = i + 1;
    let cols = table.columns.len();
    if cols == 0 {
        issues.push(FieldIssue::new(
            format!("blocks[{i}].columns"),
            crate::t!(
                "Tabel pada blok {n} tidak memiliki kolom.",
                "The table in block {n} has no columns."
            ),
        ));
        return;
    }
    if table
        .columns
        .iter()
        .any(|c| !(c.width_ratio.is_finite() && c.width_ratio > 0.0))
    {
        issues.push(FieldIssue::new(
            format!("blocks[{i}].columns"),
            crate::t!(
                "Lebar setiap kolom tabel pada blok {n} harus lebih dari 0.",
                "Every column width of the table in block {n} must be above 0."
            ),
        ));
    }
    if let Some((r, row)) = table
        .rows
        .iter()
        .enumerate()
        .find(|(_, row)| row.len() != cols)
    {
        let (rn, got) = (r + 1, row.len());
        issues.push(FieldIssue::new(
            format!("blocks[{i}].rows[{r}]"),
            crate::t!(
                "Baris {rn} tabel pada blok {n} berisi {got} sel, padahal kolomnya {cols}.",
                "Row {rn} of the table in block {n} has {got} cells but there are {cols} columns."
            ),
        ));
    }
}

fn signature_issues(sig: &Signature, field: &str, issues: &mut Vec<FieldIssue>) {
    let space = sig.space_mm;
    if !(0.0..=80.0).contains(&space) {
        issues.push(FieldIssue::new(
            format!("{field}.space_mm"),
            crate::t!(
                "Ruang tanda tangan harus antara 0 dan 80 mm, bukan {space}.",
                "The signature space must be between 0 and 80 mm, not {space}."
            ),
        ));
    }
}
