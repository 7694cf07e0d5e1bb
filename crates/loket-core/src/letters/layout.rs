//! The layout engine: a [`LetterDoc`] becomes pages of positioned text runs
//! and filled rectangles. Pure geometry (no PDF types), so the rules that
//! make a letter look right (kop, wrapping, justification, tables that move
//! whole rows to the next page, signatures kept together, page numbers) are
//! in one place and testable without a PDF reader; `pdf.rs` only translates
//! the result into printpdf operations.
//!
//! Coordinates are points, measured from the top-left corner of the page
//! (the PDF writer flips them).
//!
//! Pagination works on *units*: indivisible pieces (a line of a paragraph, a
//! table row, a whole signature block) that either fit on the current page or
//! move to the next. A unit may ask to stay with the next one (a heading with
//! the first table row, the first line of a paragraph with the second), which
//! is how headings and single lines never end up alone at a page bottom.

use super::qr::QrModules;
use super::text::{EPS, Fonts, Line, Style};
use super::view::{Align, Block, Footer, Kop, LetterDoc, Signature, SignaturePosition, Table};
use crate::error::{Error, Result};
use crate::i18n::Text;

pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

pub(crate) fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A filled rectangle; `y` is its top edge.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Part of a text run: text, or extra horizontal space (justification).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Gap(f32),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    /// A run of text starting at `x` on the baseline `baseline`.
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        size: f32,
        pieces: Vec<Piece>,
    },
    /// Rectangles filled black as one path (rules, underlines, table
    /// borders, QR modules).
    Fill(Vec<Rect>),
    /// The renderer's emblem in this box.
    Emblem(Rect),
}

impl Item {
    fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text { baseline, .. } => *baseline += dy,
            Item::Fill(rects) => rects.iter_mut().for_each(|r| r.y += dy),
            Item::Emblem(r) => r.y += dy,
        }
        self
    }
}

/// The laid-out letter.
#[derive(Debug)]
pub(crate) struct Laid {
    pub height: f32,
    pub pages: Vec<Vec<Item>>,
}

/// Lays out `doc`. `emblem_aspect` is width / height of the renderer's
/// emblem, if it has one. `qr` is the footer's QR matrix, if any.
pub(crate) fn lay_out(
    doc: &LetterDoc,
    fonts: &Fonts,
    emblem_aspect: Option<f32>,
    qr: Option<&QrModules>,
) -> Result<Laid> {
    let (w_mm, h_mm) = doc.paper.mm();
    let m = &doc.margins_mm;
    let size = doc.font_size_pt;
    let geo = Geo {
        page_h: mm(h_mm),
        left: mm(m.left),
        right: mm(w_mm - m.right),
        top: mm(m.top),
        limit: mm(h_mm - m.bottom),
        tw: mm(w_mm - m.left - m.right),
        size,
        lh: fonts.natural_line_height(size) * doc.line_spacing,
    };
    let b = Builder { fonts, geo };

    let (first_page, start_y) = match &doc.kop {
        Some(kop) => b.kop(kop, emblem_aspect)?,
        None => (Vec::new(), geo.top),
    };

    let mut flows = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        b.block(block, i, &mut flows);
    }
    // The footer keeps its own distance; a block gap at the end would only
    // push it to a new page.
    while matches!(flows.last(), Some(Flow::Gap(_))) {
        flows.pop();
    }
    if let (Some(footer), Some(qr)) = (&doc.footer, qr) {
        // The last unit travels with the footer, so the footer never sits
        // alone on a page of its own.
        if let Some(unit) = flows.iter_mut().rev().find_map(|f| match f {
            Flow::Unit(u) => Some(u),
            _ => None,
        }) {
            unit.keep_with_next = true;
        }
        flows.push(Flow::Footer(b.footer(footer, qr)));
    }

    // A one-page letter has no page number, so its footer may hang into the
    // bottom margin (down to 10 mm from the edge, which every printer
    // prints). When the letter needs more pages anyway, the page numbers
    // take the margin and the footer moves up into the text area.
    let overhang = (mm(h_mm - 10.0) - geo.limit).max(0.0);
    let mut pages = paginate(&geo, &first_page, start_y, &flows, overhang)?;
    if pages.len() > 1 {
        if overhang > 0.0 {
            pages = paginate(&geo, &first_page, start_y, &flows, 0.0)?;
        }
        b.page_numbers(&mut pages, m.bottom);
    }
    Ok(Laid {
        height: geo.page_h,
        pages,
    })
}

#[derive(Clone, Copy, Debug)]
struct Geo {
    page_h: f32,
    left: f32,
    /// x of the right margin.
    right: f32,
    /// y where text starts on a page.
    top: f32,
    /// y below which nothing may go (the bottom margin).
    limit: f32,
    /// Text width.
    tw: f32,
    /// Body font size.
    size: f32,
    /// Body line height (natural height times the line spacing).
    lh: f32,
}

impl Geo {
    /// Height available on a page without the kop.
    fn room(&self) -> f32 {
        self.limit - self.top
    }

    /// Space between blocks.
    fn block_gap(&self) -> f32 {
        0.5 * self.lh
    }
}

/// An indivisible piece of the body; items are relative to its top.
#[derive(Clone, Debug, Default)]
struct Unit {
    h: f32,
    items: Vec<Item>,
    keep_with_next: bool,
    /// Index of the block it comes from, for error messages.
    block: usize,
}

enum Flow {
    Unit(Unit),
    Gap(f32),
    PageBreak,
    /// The unit repeated at the top of each new page (a table header), or
    /// none.
    Header(Option<Unit>),
    /// Drawn at the bottom of the page it lands on (the last one).
    Footer(Unit),
}

/// Places the flows on pages. The footer's bottom edge may go `overhang`
/// below the text area.
fn paginate(
    geo: &Geo,
    first_page: &[Item],
    start_y: f32,
    flows: &[Flow],
    overhang: f32,
) -> Result<Vec<Vec<Item>>> {
    let mut pages = vec![first_page.to_vec()];
    let mut y = start_y;
    // Nothing but a repeated header on this page yet: moving on would not
    // help, and gaps are dropped here.
    let mut fresh = false;
    let mut header: Option<Unit> = None;

    fn place(page: &mut Vec<Item>, unit: &Unit, y: f32) {
        page.extend(unit.items.iter().cloned().map(|it| it.shifted(y)));
    }
    let new_page =
        |pages: &mut Vec<Vec<Item>>, y: &mut f32, fresh: &mut bool, header: &Option<Unit>| {
            let mut page = Vec::new();
            *y = geo.top;
            if let Some(h) = header {
                place(&mut page, h, *y);
                *y += h.h;
            }
            pages.push(page);
            *fresh = true;
        };

    for i in 0..flows.len() {
        match &flows[i] {
            Flow::Gap(h) => {
                if !fresh {
                    y += h;
                }
            }
            Flow::PageBreak => {
                if !fresh {
                    new_page(&mut pages, &mut y, &mut fresh, &header);
                }
            }
            Flow::Header(h) => header = h.clone(),
            Flow::Unit(unit) => {
                let header_h = header.as_ref().map_or(0.0, |h| h.h);
                let mut need = chain_height(flows, i, overhang);
                if need > geo.room() - header_h + EPS {
                    need = unit.h;
                }
                if y + need > geo.limit + EPS && !fresh {
                    new_page(&mut pages, &mut y, &mut fresh, &header);
                }
                if y + unit.h > geo.limit + EPS {
                    return Err(too_tall(unit.block));
                }
                if let Some(page) = pages.last_mut() {
                    place(page, unit, y);
                }
                y += unit.h;
                fresh = false;
            }
            Flow::Footer(unit) => {
                let h = footer_height(unit, overhang);
                if y + h > geo.limit + EPS && !fresh {
                    new_page(&mut pages, &mut y, &mut fresh, &None);
                }
                if geo.top + h > geo.limit + EPS {
                    return Err(too_tall(usize::MAX));
                }
                if let Some(page) = pages.last_mut() {
                    place(page, unit, geo.limit + overhang - unit.h);
                }
                y = geo.limit;
            }
        }
    }
    Ok(pages)
}

/// Room the footer takes from the text area.
fn footer_height(unit: &Unit, overhang: f32) -> f32 {
    (unit.h - overhang).max(0.0)
}

/// Height needed to place unit `i` with everything it must stay with.
fn chain_height(flows: &[Flow], i: usize, overhang: f32) -> f32 {
    let mut need = 0.0;
    for flow in &flows[i..] {
        match flow {
            Flow::Unit(u) => {
                need += u.h;
                if !u.keep_with_next {
                    break;
                }
            }
            Flow::Footer(u) => {
                need += footer_height(u, overhang);
                break;
            }
            Flow::Gap(h) => need += h,
            Flow::Header(_) => {}
            Flow::PageBreak => break,
        }
    }
    need
}

fn too_tall(block: usize) -> Error {
    if block == usize::MAX {
        return Error::invalid(Text::new(
            "Kaki surat (kode QR dan teks verifikasi) terlalu tinggi untuk satu halaman.",
            "The footer (QR code and verification text) is too tall for one page.",
        ));
    }
    let n = block + 1;
    Error::invalid(crate::t!(
        "Blok ke-{n} terlalu tinggi untuk satu halaman; perkecil ruang tanda tangan atau margin.",
        "Block {n} is too tall for one page; reduce the signature space or the margins."
    ))
}

/// One cell of a row of columns (meta rows, key-value rows, list items,
/// table cells).
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<Line>,
    style: Style,
    align: Align,
    justify: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Split {
    /// Keep the row on one page (split only if taller than a page).
    Together,
    /// Lines may go to different pages (never a single first or last line
    /// alone).
    PerLine,
}

struct Builder<'a> {
    fonts: &'a Fonts,
    geo: Geo,
}

impl Builder<'_> {
    fn wrap(&self, style: Style, size: f32, text: &str, first: f32, rest: f32) -> Vec<Line> {
        self.fonts.wrap(style, size, text, first, rest)
    }

    fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        self.fonts.width(style, text, size)
    }

    /// Baseline of a line whose box starts at `top` and is `lh` tall: any
    /// extra line spacing is shared above and below the text.
    fn baseline(&self, top: f32, lh: f32, size: f32) -> f32 {
        let f = self.fonts;
        let natural = f.natural_line_height(size);
        top + (lh - natural) / 2.0 + f.line_gap * size / 2.0 + f.ascent * size
    }

    /// The text item for one line in a box `[x, x + avail]`.
    #[allow(clippy::too_many_arguments)]
    fn line_item(
        &self,
        line: &Line,
        x: f32,
        avail: f32,
        baseline: f32,
        style: Style,
        size: f32,
        align: Align,
        justify: bool,
    ) -> Option<Item> {
        if line.words.is_empty() {
            return None;
        }
        let n = line.words.len();
        let pieces = if justify && !line.ends_paragraph && n > 1 && line.width < avail {
            // Stretch the gaps with explicit offsets: PDF word spacing (Tw)
            // does not apply to two-byte glyph codes of embedded fonts.
            let extra = (avail - line.width) / (n - 1) as f32;
            let mut pieces = Vec::with_capacity(2 * n);
            for (i, w) in line.words.iter().enumerate() {
                if i + 1 < n {
                    pieces.push(Piece::Text(format!("{} ", w.text)));
                    pieces.push(Piece::Gap(extra));
                } else {
                    pieces.push(Piece::Text(w.text.clone()));
                }
            }
            return Some(Item::Text {
                x,
                baseline,
                style,
                size,
                pieces,
            });
        } else {
            vec![Piece::Text(line.text())]
        };
        let x = match align {
            Align::Left => x,
            Align::Center => x + (avail - line.width) / 2.0,
            Align::Right => x + avail - line.width,
        };
        Some(Item::Text {
            x,
            baseline,
            style,
            size,
            pieces,
        })
    }

    fn underline(
        &self,
        line: &Line,
        x: f32,
        avail: f32,
        baseline: f32,
        size: f32,
        align: Align,
    ) -> Item {
        let f = self.fonts;
        let x = match align {
            Align::Left => x,
            Align::Center => x + (avail - line.width) / 2.0,
            Align::Right => x + avail - line.width,
        };
        let h = (f.underline_thickness * size).max(0.5);
        Item::Fill(vec![Rect {
            x,
            y: baseline + f.underline_offset * size - h / 2.0,
            w: line.width,
            h,
        }])
    }

    /// Lines stacked in one unit.
    #[allow(clippy::too_many_arguments)]
    fn lines_unit(
        &self,
        lines: &[Line],
        x: f32,
        avail: f32,
        style: Style,
        size: f32,
        lh: f32,
        align: Align,
        underline: bool,
        unit: &mut Unit,
    ) {
        for line in lines {
            let baseline = self.baseline(unit.h, lh, size);
            if let Some(item) = self.line_item(line, x, avail, baseline, style, size, align, false)
            {
                unit.items.push(item);
                if underline {
                    unit.items
                        .push(self.underline(line, x, avail, baseline, size, align));
                }
            }
            unit.h += lh;
        }
    }

    /// Units for a row of cells. Cells are laid side by side, each line
    /// `lh` tall.
    fn row_units(
        &self,
        cells: &[Cell],
        size: f32,
        lh: f32,
        split: Split,
        block: usize,
    ) -> Vec<Unit> {
        let rows = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        let per_unit = match split {
            Split::PerLine => 1,
            Split::Together => ((self.geo.room() / lh).floor() as usize).max(1),
        };
        let mut units = Vec::new();
        let mut start = 0;
        while start < rows {
            let end = (start + per_unit).min(rows);
            let mut unit = Unit {
                block,
                ..Unit::default()
            };
            for r in start..end {
                let baseline = self.baseline(unit.h, lh, size);
                for c in cells {
                    let item = c.lines.get(r).and_then(|line| {
                        self.line_item(line, c.x, c.w, baseline, c.style, size, c.align, c.justify)
                    });
                    unit.items.extend(item);
                }
                unit.h += lh;
            }
            units.push(unit);
            start = end;
        }
        if split == Split::PerLine {
            widow_orphan(&mut units);
        }
        units
    }

    fn block(&self, block: &Block, i: usize, flows: &mut Vec<Flow>) {
        let g = self.geo;
        let s = g.size;
        let unit = || Unit {
            block: i,
            ..Unit::default()
        };
        match block {
            Block::PlaceDate(text) => {
                let lines = self.wrap(Style::Regular, s, text, g.tw, g.tw);
                let mut u = unit();
                self.lines_unit(
                    &lines,
                    g.left,
                    g.tw,
                    Style::Regular,
                    s,
                    g.lh,
                    Align::Right,
                    false,
                    &mut u,
                );
                flows.push(Flow::Unit(u));
            }
            Block::Meta(rows) => self.label_rows(rows, g.left, g.tw, false, i, flows),
            Block::KeyValue { rows, indent_mm } => {
                let indent = mm(*indent_mm);
                self.label_rows(rows, g.left + indent, g.tw - indent, true, i, flows);
            }
            Block::Addressee(lines) => {
                let mut u = unit();
                for text in lines {
                    let hang = if text.trim_start().starts_with("Yth.") {
                        self.width(Style::Regular, "Yth. ", s)
                    } else {
                        0.0
                    };
                    let wrapped = self.wrap(Style::Regular, s, text, g.tw, g.tw - hang);
                    for (k, line) in wrapped.iter().enumerate() {
                        let (x, avail) = if k == 0 {
                            (g.left, g.tw)
                        } else {
                            (g.left + hang, g.tw - hang)
                        };
                        self.lines_unit(
                            std::slice::from_ref(line),
                            x,
                            avail,
                            Style::Regular,
                            s,
                            g.lh,
                            Align::Left,
                            false,
                            &mut u,
                        );
                    }
                }
                flows.push(Flow::Unit(u));
            }
            Block::Title { text, subtitle } => {
                let mut u = unit();
                let lines = self.wrap(Style::Bold, s, text, g.tw, g.tw);
                self.lines_unit(
                    &lines,
                    g.left,
                    g.tw,
                    Style::Bold,
                    s,
                    g.lh,
                    Align::Center,
                    true,
                    &mut u,
                );
                if let Some(sub) = subtitle {
                    let lines = self.wrap(Style::Regular, s, sub, g.tw, g.tw);
                    self.lines_unit(
                        &lines,
                        g.left,
                        g.tw,
                        Style::Regular,
                        s,
                        g.lh,
                        Align::Center,
                        false,
                        &mut u,
                    );
                }
                u.keep_with_next = true;
                flows.push(Flow::Unit(u));
            }
            Block::Paragraph {
                text,
                indent_first_mm,
                justify,
            } => {
                let indent = mm(*indent_first_mm);
                let lines = self.wrap(Style::Regular, s, text, g.tw - indent, g.tw);
                let mut units = Vec::with_capacity(lines.len());
                for (k, line) in lines.iter().enumerate() {
                    let (x, avail) = if k == 0 {
                        (g.left + indent, g.tw - indent)
                    } else {
                        (g.left, g.tw)
                    };
                    let mut u = unit();
                    let baseline = self.baseline(0.0, g.lh, s);
                    if let Some(item) = self.line_item(
                        line,
                        x,
                        avail,
                        baseline,
                        Style::Regular,
                        s,
                        Align::Left,
                        *justify,
                    ) {
                        u.items.push(item);
                    }
                    u.h = g.lh;
                    units.push(u);
                }
                widow_orphan(&mut units);
                flows.extend(units.into_iter().map(Flow::Unit));
            }
            Block::Table(table) => self.table(table, i, flows),
            Block::Signature(sig) => {
                let (x, w) = self.signature_column(sig.position);
                let col = self.signature(sig, x, w);
                let mut u = unit();
                u.h = col.top_h + mm(sig.space_mm) + col.bottom_h;
                u.items.extend(col.top);
                let dy = col.top_h + mm(sig.space_mm);
                u.items
                    .extend(col.bottom.into_iter().map(|it| it.shifted(dy)));
                flows.push(Flow::Unit(u));
            }
            Block::SignaturePair { left, right } => {
                let half = g.tw / 2.0;
                let gutter = mm(4.0);
                let l = self.signature(left, g.left, half - gutter / 2.0);
                let r = self.signature(right, g.left + half + gutter / 2.0, half - gutter / 2.0);
                let top_h = l.top_h.max(r.top_h);
                let space = mm(left.space_mm.max(right.space_mm));
                let mut u = unit();
                u.h = top_h + space + l.bottom_h.max(r.bottom_h);
                for col in [l, r] {
                    // Bottom-align the lines above the space, so both names
                    // share one line.
                    let dy_top = top_h - col.top_h;
                    u.items
                        .extend(col.top.into_iter().map(|it| it.shifted(dy_top)));
                    u.items
                        .extend(col.bottom.into_iter().map(|it| it.shifted(top_h + space)));
                }
                flows.push(Flow::Unit(u));
            }
            Block::Tembusan(items) => {
                let mut label = unit();
                let lines = self.wrap(Style::Regular, s, "Tembusan:", g.tw, g.tw);
                self.lines_unit(
                    &lines,
                    g.left,
                    g.tw,
                    Style::Regular,
                    s,
                    g.lh,
                    Align::Left,
                    false,
                    &mut label,
                );
                label.keep_with_next = !items.is_empty();
                flows.push(Flow::Unit(label));
                if items.len() == 1 {
                    let lines = self.wrap(Style::Regular, s, &items[0], g.tw, g.tw);
                    let cell = Cell {
                        x: g.left,
                        w: g.tw,
                        lines,
                        style: Style::Regular,
                        align: Align::Left,
                        justify: false,
                    };
                    let units = self.row_units(&[cell], s, g.lh, Split::PerLine, i);
                    flows.extend(units.into_iter().map(Flow::Unit));
                } else {
                    self.numbered(items, i, flows);
                }
            }
            Block::Spacer(v) => {
                flows.push(Flow::Gap(mm(*v)));
                return;
            }
            Block::PageBreak => {
                flows.push(Flow::PageBreak);
                return;
            }
            Block::Heading(text) => {
                let lines = self.wrap(Style::Bold, s, text, g.tw, g.tw);
                for line in &lines {
                    let mut u = unit();
                    self.lines_unit(
                        std::slice::from_ref(line),
                        g.left,
                        g.tw,
                        Style::Bold,
                        s,
                        g.lh,
                        Align::Left,
                        false,
                        &mut u,
                    );
                    u.keep_with_next = true;
                    flows.push(Flow::Unit(u));
                }
            }
            Block::List(items) => self.numbered(items, i, flows),
        }
        flows.push(Flow::Gap(g.block_gap()));
    }

    /// `label : value` rows with aligned colons (Meta and KeyValue).
    fn label_rows(
        &self,
        rows: &[(String, String)],
        x: f32,
        avail: f32,
        cap_labels: bool,
        block: usize,
        flows: &mut Vec<Flow>,
    ) {
        let s = self.geo.size;
        let widest = rows
            .iter()
            .map(|(k, _)| self.width(Style::Regular, k, s))
            .fold(0.0_f32, f32::max);
        // Key-value labels may be long ("Alasan pencabutan sertifikat"):
        // they wrap within 40 % of the width rather than squeeze the values.
        let label_w = if cap_labels {
            widest.min(0.4 * avail)
        } else {
            widest.min(0.5 * avail)
        };
        let colon_x = x + label_w + 0.5 * s;
        let value_x = colon_x + self.width(Style::Regular, ":", s) + 0.4 * s;
        let value_w = x + avail - value_x;
        for (k, v) in rows {
            let cells = [
                Cell {
                    x,
                    w: label_w,
                    lines: self.wrap(Style::Regular, s, k, label_w, label_w),
                    style: Style::Regular,
                    align: Align::Left,
                    justify: false,
                },
                Cell {
                    x: colon_x,
                    w: value_x - colon_x,
                    lines: self.wrap(Style::Regular, s, ":", s, s),
                    style: Style::Regular,
                    align: Align::Left,
                    justify: false,
                },
                Cell {
                    x: value_x,
                    w: value_w,
                    lines: self.wrap(Style::Regular, s, v, value_w, value_w),
                    style: Style::Regular,
                    align: Align::Left,
                    justify: false,
                },
            ];
            let units = self.row_units(&cells, s, self.geo.lh, Split::Together, block);
            flows.extend(units.into_iter().map(Flow::Unit));
        }
    }

    /// `1.`, `2.` ... with the text in a hanging column.
    fn numbered(&self, items: &[String], block: usize, flows: &mut Vec<Flow>) {
        let g = self.geo;
        let s = g.size;
        let num_w = self.width(Style::Regular, &format!("{}.", items.len().max(9)), s) + 0.5 * s;
        let text_x = g.left + num_w;
        let text_w = g.tw - num_w;
        for (k, item) in items.iter().enumerate() {
            let cells = [
                Cell {
                    x: g.left,
                    w: num_w,
                    lines: self.wrap(Style::Regular, s, &format!("{}.", k + 1), num_w, num_w),
                    style: Style::Regular,
                    align: Align::Left,
                    justify: false,
                },
                Cell {
                    x: text_x,
                    w: text_w,
                    lines: self.wrap(Style::Regular, s, item, text_w, text_w),
                    style: Style::Regular,
                    align: Align::Left,
                    justify: false,
                },
            ];
            let units = self.row_units(&cells, s, g.lh, Split::PerLine, block);
            flows.extend(units.into_iter().map(Flow::Unit));
        }
    }

    fn table(&self, table: &Table, block: usize, flows: &mut Vec<Flow>) {
        let g = self.geo;
        // Tables are denser than the body: one point smaller, single spacing.
        let size = (g.size - 1.0).max(8.0);
        let lh = self.fonts.natural_line_height(size);
        let pad_x = 3.0;
        let pad_y = 3.0;
        let border = 0.5;
        let total: f32 = table.columns.iter().map(|c| c.width_ratio).sum();
        let mut xs = vec![g.left];
        for c in &table.columns {
            let last = *xs.last().unwrap_or(&g.left);
            xs.push(last + g.tw * c.width_ratio / total);
        }

        let cells_for =
            |texts: &mut dyn Iterator<Item = (usize, &str)>, style: Style, header: bool| {
                texts
                    .map(|(k, text)| {
                        let w = (xs[k + 1] - xs[k] - 2.0 * pad_x).max(1.0);
                        Cell {
                            x: xs[k] + pad_x,
                            w,
                            lines: self.wrap(style, size, text, w, w),
                            style,
                            align: if header {
                                Align::Center
                            } else {
                                table.columns[k].align
                            },
                            justify: false,
                        }
                    })
                    .collect::<Vec<_>>()
            };

        // A row chunk: its lines, padding and the grid lines around it.
        let row_unit = |cells: &[Cell], from: usize, to: usize| -> Unit {
            let mut unit = Unit {
                block,
                ..Unit::default()
            };
            let n = to - from;
            unit.h = n as f32 * lh + 2.0 * pad_y;
            for r in from..to {
                let baseline = self.baseline(pad_y + (r - from) as f32 * lh, lh, size);
                for c in cells {
                    let item = c.lines.get(r).and_then(|line| {
                        self.line_item(line, c.x, c.w, baseline, c.style, size, c.align, false)
                    });
                    unit.items.extend(item);
                }
            }
            let mut rules = vec![
                Rect {
                    x: g.left - border / 2.0,
                    y: -border / 2.0,
                    w: g.tw + border,
                    h: border,
                },
                Rect {
                    x: g.left - border / 2.0,
                    y: unit.h - border / 2.0,
                    w: g.tw + border,
                    h: border,
                },
            ];
            rules.extend(xs.iter().map(|&x| Rect {
                x: x - border / 2.0,
                y: 0.0,
                w: border,
                h: unit.h,
            }));
            unit.items.push(Item::Fill(rules));
            unit
        };

        let header_cells = cells_for(
            &mut table.columns.iter().map(|c| c.header.as_str()).enumerate(),
            Style::Bold,
            true,
        );
        let header_lines = header_cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1);
        let mut header = row_unit(&header_cells, 0, header_lines);
        header.keep_with_next = true;
        let header_h = header.h;
        flows.push(Flow::Unit(header.clone()));
        if table.repeat_header {
            flows.push(Flow::Header(Some(header)));
        }

        // A row taller than a page (minus the repeated header) is the only
        // thing ever split, in page-sized chunks.
        let room = g.room() - if table.repeat_header { header_h } else { 0.0 };
        let per_chunk = (((room - 2.0 * pad_y) / lh).floor() as usize).max(1);
        for row in &table.rows {
            let cells = cells_for(
                &mut row.iter().map(String::as_str).enumerate(),
                Style::Regular,
                false,
            );
            let n = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            let mut from = 0;
            while from < n {
                let to = (from + per_chunk).min(n);
                flows.push(Flow::Unit(row_unit(&cells, from, to)));
                from = to;
            }
        }
        if table.repeat_header {
            flows.push(Flow::Header(None));
        }
    }

    fn signature_column(&self, position: SignaturePosition) -> (f32, f32) {
        let g = self.geo;
        let w = g.tw / 2.0;
        match position {
            SignaturePosition::Left => (g.left, w),
            SignaturePosition::Center => (g.left + g.tw / 4.0, w),
            SignaturePosition::Right => (g.left + w, w),
        }
    }

    /// A signature column in two parts: the lines above the signing space,
    /// and the name with pangkat and NIP below it.
    fn signature(&self, sig: &Signature, x: f32, w: f32) -> SignatureColumn {
        let s = self.geo.size;
        let lh = self.geo.lh;
        let align = sig.text_align;
        let mut top = Unit::default();
        if let Some(pd) = &sig.place_date {
            let lines = self.wrap(Style::Regular, s, pd, w, w);
            self.lines_unit(&lines, x, w, Style::Regular, s, lh, align, false, &mut top);
        }
        for text in &sig.lines_above {
            let lines = self.wrap(Style::Regular, s, text, w, w);
            self.lines_unit(&lines, x, w, Style::Regular, s, lh, align, false, &mut top);
        }
        let mut bottom = Unit::default();
        let lines = self.wrap(Style::Bold, s, &sig.name, w, w);
        self.lines_unit(&lines, x, w, Style::Bold, s, lh, align, true, &mut bottom);
        for text in [&sig.pangkat, &sig.nip].into_iter().flatten() {
            if text.trim().is_empty() {
                continue;
            }
            let lines = self.wrap(Style::Regular, s, text, w, w);
            self.lines_unit(
                &lines,
                x,
                w,
                Style::Regular,
                s,
                lh,
                align,
                false,
                &mut bottom,
            );
        }
        SignatureColumn {
            top_h: top.h,
            top: top.items,
            bottom_h: bottom.h,
            bottom: bottom.items,
        }
    }

    /// The kop surat on the first page; returns its items and where the
    /// body starts.
    fn kop(&self, kop: &Kop, emblem_aspect: Option<f32>) -> Result<(Vec<Item>, f32)> {
        let g = self.geo;
        let s = g.size;
        // Government and office names in the 3:4 ratio the rules ask for.
        let pemda_size = s;
        let dinas_size = s * 4.0 / 3.0;
        let addr_size = (s - 2.0).max(8.0);

        let emblem = match (&kop.emblem, emblem_aspect) {
            (None, _) => None,
            (Some(e), Some(aspect)) => {
                let mut h = mm(e.height_mm);
                let mut w = h * aspect;
                let max_w = mm(40.0).min(g.tw / 4.0);
                if w > max_w {
                    w = max_w;
                    h = w / aspect;
                }
                Some((w, h))
            }
            (Some(_), None) => {
                return Err(Error::invalid(Text::new(
                    "Kop surat memakai lambang daerah, tetapi lambang belum diatur.",
                    "The letterhead uses the regional emblem, but no emblem has been set.",
                )));
            }
        };

        let plain: Vec<(&str, Style, f32)> =
            std::iter::once((kop.pemda.as_str(), Style::Bold, pemda_size))
                .chain(std::iter::once((
                    kop.dinas.as_str(),
                    Style::Bold,
                    dinas_size,
                )))
                .chain(
                    kop.address_lines
                        .iter()
                        .map(|a| (a.as_str(), Style::Regular, addr_size)),
                )
                .filter(|(t, _, _)| !t.trim().is_empty())
                .collect();
        let widest = plain
            .iter()
            .map(|(t, st, sz)| self.width(*st, t, *sz))
            .fold(0.0_f32, f32::max);

        // Centre the names on the page when they fit between the emblem and
        // its mirror image; otherwise centre them in the room right of the
        // emblem, which fits longer office names on one line.
        let reserve = emblem.map_or(0.0, |(w, _)| w + mm(4.0));
        let (text_x, text_w) = if widest <= g.tw - 2.0 * reserve {
            (g.left + reserve, g.tw - 2.0 * reserve)
        } else {
            (g.left + reserve, g.tw - reserve)
        };

        let mut text = Unit::default();
        for (t, style, size) in &plain {
            let lines = self.wrap(*style, *size, t, text_w, text_w);
            let lh = self.fonts.natural_line_height(*size);
            self.lines_unit(
                &lines,
                text_x,
                text_w,
                *style,
                *size,
                lh,
                Align::Center,
                false,
                &mut text,
            );
        }
        let emblem_h = emblem.map_or(0.0, |(_, h)| h);
        let kop_h = text.h.max(emblem_h);
        let mut items: Vec<Item> = text
            .items
            .into_iter()
            .map(|it| it.shifted(g.top + (kop_h - text.h) / 2.0))
            .collect();
        if let Some((w, h)) = emblem {
            items.push(Item::Emblem(Rect {
                x: g.left,
                y: g.top + (kop_h - h) / 2.0,
                w,
                h,
            }));
        }
        // The double rule: thick over thin, across the text width.
        let y = g.top + kop_h + mm(1.5);
        let (thick, gap, thin) = (1.8, 1.0, 0.6);
        items.push(Item::Fill(vec![
            Rect {
                x: g.left,
                y,
                w: g.tw,
                h: thick,
            },
            Rect {
                x: g.left,
                y: y + thick + gap,
                w: g.tw,
                h: thin,
            },
        ]));
        let body_y = y + thick + gap + thin + mm(5.0);
        if body_y > g.limit {
            return Err(Error::invalid(Text::new(
                "Kop surat terlalu tinggi untuk halaman ini.",
                "The letterhead is too tall for this page.",
            )));
        }
        Ok((items, body_y))
    }

    /// The verification band: QR code at the left, code and text beside it.
    fn footer(&self, footer: &Footer, qr: &QrModules) -> Unit {
        let g = self.geo;
        let side = mm(20.0);
        let module = side / qr.width as f32;
        let above = mm(3.0);

        let text_x = g.left + side + mm(4.0);
        let text_w = g.right - text_x;
        let code_size = (g.size - 2.0).max(8.0);
        let text_size = (g.size - 3.5).max(7.0);
        let mut text = Unit::default();
        let lines = self.wrap(Style::Bold, code_size, &footer.code, text_w, text_w);
        let lh = self.fonts.natural_line_height(code_size);
        self.lines_unit(
            &lines,
            text_x,
            text_w,
            Style::Bold,
            code_size,
            lh,
            Align::Left,
            false,
            &mut text,
        );
        if !footer.text.trim().is_empty() {
            let lines = self.wrap(Style::Regular, text_size, &footer.text, text_w, text_w);
            let lh = self.fonts.natural_line_height(text_size);
            self.lines_unit(
                &lines,
                text_x,
                text_w,
                Style::Regular,
                text_size,
                lh,
                Align::Left,
                false,
                &mut text,
            );
        }

        let band = side.max(text.h);
        let mut unit = Unit {
            h: above + band,
            block: usize::MAX,
            ..Unit::default()
        };
        let qr_top = above + band - side;
        unit.items.push(Item::Fill(
            qr.rects
                .iter()
                .map(|&(row, col, len, height)| Rect {
                    x: g.left + col as f32 * module,
                    y: qr_top + row as f32 * module,
                    w: len as f32 * module,
                    h: height as f32 * module,
                })
                .collect(),
        ));
        // Text centred against the QR code.
        let dy = above + band - side / 2.0 - text.h / 2.0;
        unit.items
            .extend(text.items.into_iter().map(|it| it.shifted(dy.max(above))));
        unit
    }

    /// `Halaman 2 dari 3`, centred in the bottom margin of every page.
    fn page_numbers(&self, pages: &mut [Vec<Item>], bottom_mm: f32) {
        let g = self.geo;
        let size = (g.size - 2.0).max(8.0);
        let n = pages.len();
        // Visually centred in the margin: the baseline sits half the cap
        // height below the middle.
        let baseline = g.page_h - mm(bottom_mm) / 2.0 + 0.35 * size;
        for (k, page) in pages.iter_mut().enumerate() {
            let label = format!("Halaman {} dari {}", k + 1, n);
            let w = self.width(Style::Regular, &label, size);
            page.push(Item::Text {
                x: g.left + (g.tw - w) / 2.0,
                baseline,
                style: Style::Regular,
                size,
                pieces: vec![Piece::Text(label)],
            });
        }
    }
}

struct SignatureColumn {
    top_h: f32,
    top: Vec<Item>,
    bottom_h: f32,
    bottom: Vec<Item>,
}

/// Keeps the first line of a run with the second and the last with the one
/// before it, so no page starts or ends with a single stray line.
fn widow_orphan(units: &mut [Unit]) {
    let n = units.len();
    if n >= 2 {
        units[0].keep_with_next = true;
        units[n - 2].keep_with_next = true;
    }
}
