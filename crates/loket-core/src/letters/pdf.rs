//! The PDF writer: the only file in the codebase that imports printpdf.
//! printpdf's API changed a lot between versions (0.5, 0.7, 0.12); keeping it
//! here means an upgrade touches one file, and everything else speaks in the
//! layout's own terms (points, text runs, rectangles).
//!
//! What this file knows about printpdf 0.12 that is easy to get wrong:
//! - Fonts are embedded as Identity-H CID fonts and subset on save
//!   (the `text_layout` feature); a `ShowText` string becomes glyph ids by
//!   the font's cmap, one glyph per character, without kerning.
//! - `Tw` (word spacing) does nothing for such fonts; justification uses
//!   `TJ` offsets instead.
//! - `SetTextCursor` is `Td`, relative to the previous line; absolute
//!   placement needs `SetTextMatrix` (`Tm`).
//! - A `Rect` without a paint mode is a clipping path and paints nothing.
//! - `RawImage` XObjects are re-compressed on every save (about 4.5 ms per
//!   letter); an `ExternalXObject` holding an already compressed image
//!   stream is copied as-is, so the emblem is prepared once.

use super::layout::{self, Item, Laid, Piece};
use super::qr::qr_modules;
use super::text::{Fonts, Style};
use super::view::LetterDoc;
use crate::error::{Error, Result};
use crate::i18n::Text;
use printpdf::{
    Color, DictItem, ExternalStream, ExternalXObject, FontId, LinePoint, Mm, OffsetDateTime, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Px, RawImage, RawImageData, RawImageFormat,
    Rgb, TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;
use std::io::Write;

const EMBLEM_ID: &str = "Lambang";

/// Holds everything that is the same for every letter (parsed fonts, their
/// metrics, the prepared emblem), so rendering a letter only lays it out and
/// writes it. Make one and keep it; it is `Send + Sync`, so it can live in
/// the app state and serve several threads.
pub struct LetterRenderer {
    fonts: Fonts,
    regular: ParsedFont,
    bold: ParsedFont,
    emblem: Option<PreparedEmblem>,
}

impl LetterRenderer {
    /// Parses the embedded Liberation Sans faces.
    pub fn new() -> Result<LetterRenderer> {
        let parse = |bytes: &[u8], name: &str| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
                Error::internal(format!(
                    "embedded font {name} cannot be parsed: {warnings:?}"
                ))
            })
        };
        Ok(LetterRenderer {
            fonts: Fonts::new()?,
            regular: parse(super::text::REGULAR_TTF, "LiberationSans-Regular")?,
            bold: parse(super::text::BOLD_TTF, "LiberationSans-Bold")?,
            emblem: None,
        })
    }

    /// Decodes and prepares the regional emblem (PNG or JPEG) for every
    /// following letter. An unreadable image is an `Invalid` error and leaves
    /// the previous emblem in place.
    pub fn set_emblem(&mut self, bytes: &[u8]) -> Result<()> {
        self.emblem = Some(PreparedEmblem::from_bytes(bytes)?);
        Ok(())
    }

    /// Uses an emblem prepared elsewhere (or none).
    pub fn set_prepared_emblem(&mut self, emblem: Option<PreparedEmblem>) {
        self.emblem = emblem;
    }

    pub fn emblem(&self) -> Option<&PreparedEmblem> {
        self.emblem.as_ref()
    }

    /// Lays out and writes one letter as PDF bytes.
    pub fn render(&self, doc: &LetterDoc) -> Result<Vec<u8>> {
        Ok(self.render_tagged(doc, None)?.bytes)
    }

    /// Like [`LetterRenderer::render`], and also writes `keywords` into the
    /// document information as a plain (uncompressed, ASCII) `/Keywords`
    /// string, so a verifier can find the letter's code in a file whose bytes
    /// were changed ([`pdf_keywords`] reads it back). Returns the page count
    /// too.
    pub fn render_tagged(&self, doc: &LetterDoc, keywords: Option<&str>) -> Result<RenderedPdf> {
        doc.validate()?;
        self.fonts.check_coverage(doc)?;
        let qr = doc
            .footer
            .as_ref()
            .map(|f| qr_modules(&f.qr_payload))
            .transpose()?;
        let aspect = self.emblem.as_ref().map(PreparedEmblem::aspect);
        let laid = layout::lay_out(doc, &self.fonts, aspect, qr.as_ref())?;
        let bytes = self.write(doc, &laid, keywords)?;
        Ok(RenderedPdf {
            bytes,
            pages: laid.pages.len(),
        })
    }

    fn write(&self, doc: &LetterDoc, laid: &Laid, keywords: Option<&str>) -> Result<Vec<u8>> {
        let mut pdf = PdfDocument::new(&doc.title);
        let info = &mut pdf.metadata.info;
        info.creator = "Loket TTE".to_string();
        info.producer = "Loket TTE (printpdf)".to_string();
        let now = OffsetDateTime::now();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;

        // Only the faces the letter uses: an unused font would still be
        // embedded (as a .notdef-only subset) and listed by pdffonts.
        let uses = |style: Style| {
            laid.pages.iter().flatten().any(|it| {
                matches!(it, Item::Text { style: s, pieces, .. } if *s == style && !pieces.is_empty())
            })
        };
        let ids = FontIds::for_letter(doc);
        let fonts = &mut pdf.resources.fonts.map;
        if uses(Style::Regular) {
            fonts.insert(ids.get(Style::Regular), PdfFont::new(self.regular.clone()));
        }
        if uses(Style::Bold) {
            fonts.insert(ids.get(Style::Bold), PdfFont::new(self.bold.clone()));
        }
        let uses_emblem = laid
            .pages
            .iter()
            .flatten()
            .any(|it| matches!(it, Item::Emblem(_)));
        if let (true, Some(emblem)) = (uses_emblem, &self.emblem) {
            pdf.resources.xobjects.map.insert(
                XObjectId(EMBLEM_ID.to_string()),
                XObject::External(emblem.xobject.clone()),
            );
        }

        let (w_mm, h_mm) = doc.paper.mm();
        let pages = laid
            .pages
            .iter()
            .map(|items| PdfPage::new(Mm(w_mm), Mm(h_mm), page_ops(items, laid.height, &ids)))
            .collect();
        pdf.with_pages(pages);

        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            // The emblem stream is already compressed; nothing to optimise.
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        // What `PdfDocument::save` does (build, compress, write), with one
        // step between: printpdf always writes an empty `GTS_PDFXVersion`
        // into the document info, which makes readers take the file for a
        // PDF/X one. A letter does not claim a standard it does not meet.
        let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
        if let Some(w) = warnings
            .iter()
            .find(|w| w.severity == PdfParseErrorSeverity::Error)
        {
            return Err(Error::internal(format!("PDF writer: {}", w.msg)));
        }
        clean_info(&mut lo, keywords);
        compress(&mut lo);
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes)
            .map_err(|e| Error::internal(format!("PDF writer: {e}")))?;
        Ok(bytes)
    }
}

/// Compresses every stream that is not compressed yet. lopdf's own
/// `compress` uses the slowest zlib level: 1.5 ms of a 3.4 ms letter. Level
/// 2 gives the same size within 1 % in a fifth of the time (level 1 is
/// faster still but makes letters 20 % larger).
fn compress(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(2));
        let Ok(compressed) = z.write_all(&stream.content).and_then(|()| z.finish()) else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// Drops the PDF/X marker and the empty entries from the document info, and
/// sets `/Keywords` when given (printable ASCII only, as a literal string).
fn clean_info(lo: &mut lopdf::Document, keywords: Option<&str>) {
    let Ok(id) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    let Ok(info) = lo.get_object_mut(id).and_then(lopdf::Object::as_dict_mut) else {
        return;
    };
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, v)| match v {
            // Empty, or only the UTF-16 byte order mark.
            lopdf::Object::String(s, _) => s.is_empty() || s.as_slice() == [0xFE, 0xFF],
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }
    info.remove(b"GTS_PDFXVersion");
    if let Some(k) = keywords {
        let ascii: String = k
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .collect();
        info.set("Keywords", lopdf::Object::string_literal(ascii));
    }
}

/// A rendered letter.
#[derive(Clone, Debug)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// The `/Keywords` entry of a PDF's document information, read with a real
/// PDF parser (so also from files another program saved with compressed
/// object streams). `None` when the file is not a readable PDF or has none.
pub fn pdf_keywords(bytes: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let info = doc.get_dictionary(id).ok()?;
    let raw = info.get(b"Keywords").ok()?.as_str().ok()?;
    // A UTF-16 string (byte order mark first) as other writers produce it.
    if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    Some(String::from_utf8_lossy(raw).into_owned())
}

/// Font resource names. printpdf uses the font id as the subset tag in
/// the font's name (`TAG+LiberationSans`); readers (pdffonts, preflight
/// checks) only recognise a subset by a tag of exactly six capital letters.
/// The tag is derived from the letter's text, so two letters merged into one
/// file do not carry two different subsets under the same name.
struct FontIds {
    regular: FontId,
    bold: FontId,
}

impl FontIds {
    fn for_letter(doc: &LetterDoc) -> FontIds {
        // FNV-1a over every printed string.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        doc.for_each_text(|s| {
            for b in s.bytes().chain(std::iter::once(0)) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        });
        let tag = |mut h: u64| {
            let mut t = String::with_capacity(6);
            for _ in 0..6 {
                t.push(char::from(b'A' + (h % 26) as u8));
                h /= 26;
            }
            FontId(t)
        };
        FontIds {
            regular: tag(hash),
            bold: tag(hash.rotate_left(29) ^ 0x9E37_79B9_7F4A_7C15),
        }
    }

    fn get(&self, style: Style) -> FontId {
        match style {
            Style::Regular => self.regular.clone(),
            Style::Bold => self.bold.clone(),
        }
    }
}

/// printpdf operations for one page. Fills first (one path), then the
/// emblem, then all text in one text object.
fn page_ops(items: &[Item], page_h: f32, ids: &FontIds) -> Vec<Op> {
    let mut ops = Vec::new();
    let rings: Vec<PolygonRing> = items
        .iter()
        .filter_map(|it| match it {
            Item::Fill(rects) => Some(rects),
            _ => None,
        })
        .flatten()
        .map(|r| {
            let (x0, x1) = (round(r.x), round(r.x + r.w));
            let (y0, y1) = (round(page_h - r.y - r.h), round(page_h - r.y));
            PolygonRing {
                points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                    .into_iter()
                    .map(|(x, y)| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    })
                    .collect(),
            }
        })
        .collect();
    if !rings.is_empty() {
        // All rectangles run the same way round, so with the non-zero rule
        // overlapping ones (table grid crossings, QR runs) fill as a union,
        // without the hairline seams separate fills can show.
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    for item in items {
        if let Item::Emblem(r) = item {
            ops.push(Op::UseXobject {
                id: XObjectId(EMBLEM_ID.to_string()),
                transform: XObjectTransform {
                    translate_x: Some(Pt(r.x)),
                    translate_y: Some(Pt(page_h - r.y - r.h)),
                    // An image is painted into the unit square: scaling by
                    // the box size in points gives its exact size.
                    scale_x: Some(r.w),
                    scale_y: Some(r.h),
                    no_auto_scale: true,
                    ..XObjectTransform::default()
                },
            });
        }
    }

    let mut current: Option<(Style, f32)> = None;
    let mut in_text = false;
    for item in items {
        let Item::Text {
            x,
            baseline,
            style,
            size,
            pieces,
        } = item
        else {
            continue;
        };
        if !in_text {
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor {
                col: Color::Rgb(Rgb {
                    r: 0.0,
                    g: 0.0,
                    b: 0.0,
                    icc_profile: None,
                }),
            });
            in_text = true;
        }
        if current != Some((*style, *size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(ids.get(*style)),
                size: Pt(*size),
            });
            current = Some((*style, *size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(round(*x)), Pt(round(page_h - baseline))),
        });
        let items = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => TextItem::Text(t.clone()),
                // TJ numbers are thousandths of an em, and a positive
                // number moves left: extra space is negative.
                Piece::Gap(pt) => TextItem::Offset(round(-pt * 1000.0 / size)),
            })
            .collect();
        ops.push(Op::ShowText { items });
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Coordinates to a hundredth of a point (3.5 µm): far below what any
/// printer resolves, and the content stream shrinks by a third because
/// the numbers get shorter.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// An emblem decoded, flattened onto white, scaled to print resolution and
/// compressed once, ready to be copied into any number of letters.
#[derive(Clone, Debug)]
pub struct PreparedEmblem {
    xobject: ExternalXObject,
    width_px: usize,
    height_px: usize,
}

/// Longest side of the prepared emblem: about 300 dpi at the usual 24 mm.
const EMBLEM_MAX_PX: usize = 288;
/// Above this the emblem is scaled down further: letters must stay small
/// (AMS accepts 1 MB per file, and a batch of 100 letters adds up).
const EMBLEM_MAX_BYTES: usize = 40 * 1024;

impl PreparedEmblem {
    /// Decodes PNG or JPEG bytes. Transparency is flattened onto white
    /// (letters are printed on white paper), which also spares the PDF a
    /// soft mask.
    pub fn from_bytes(bytes: &[u8]) -> Result<PreparedEmblem> {
        let bad = |detail: String| {
            Error::invalid(Text::new(
                format!("Berkas lambang tidak dapat dibaca sebagai gambar PNG atau JPEG: {detail}"),
                format!("The emblem file cannot be read as a PNG or JPEG image: {detail}"),
            ))
        };
        if bytes.is_empty() {
            return Err(bad("berkas kosong / empty file".to_string()));
        }
        let mut warnings = Vec::new();
        let raw = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(bad)?;
        let rgba = to_rgba(&raw).ok_or_else(|| bad(format!("{:?}", raw.data_format)))?;
        let (w, h) = (raw.width, raw.height);
        if w == 0 || h == 0 {
            return Err(bad("0 x 0".to_string()));
        }
        let flat: Vec<[u8; 3]> = rgba.iter().map(|&p| over_white(p)).collect();
        let grey = flat.iter().all(|p| p[0] == p[1] && p[1] == p[2]);

        let mut longest = EMBLEM_MAX_PX.min(w.max(h));
        loop {
            let (tw, th) = if w >= h {
                (longest, (h * longest).div_ceil(w).max(1))
            } else {
                ((w * longest).div_ceil(h).max(1), longest)
            };
            let pixels = downscale(&flat, w, h, tw, th);
            let samples: Vec<u8> = if grey {
                pixels.iter().map(|p| p[0]).collect()
            } else {
                pixels.iter().flatten().copied().collect()
            };
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(&samples)
                .map_err(|e| Error::internal(format!("emblem compression: {e}")))?;
            let content = z
                .finish()
                .map_err(|e| Error::internal(format!("emblem compression: {e}")))?;
            if content.len() > EMBLEM_MAX_BYTES && longest > 96 {
                longest = longest * 3 / 4;
                continue;
            }
            let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
            let dict = BTreeMap::from([
                ("Type".to_string(), name("XObject")),
                ("Subtype".to_string(), name("Image")),
                ("Width".to_string(), DictItem::Int(tw as i64)),
                ("Height".to_string(), DictItem::Int(th as i64)),
                (
                    "ColorSpace".to_string(),
                    name(if grey { "DeviceGray" } else { "DeviceRGB" }),
                ),
                ("BitsPerComponent".to_string(), DictItem::Int(8)),
                ("Filter".to_string(), name("FlateDecode")),
            ]);
            return Ok(PreparedEmblem {
                xobject: ExternalXObject {
                    stream: ExternalStream {
                        dict,
                        content,
                        compress: false,
                    },
                    width: Some(Px(tw)),
                    height: Some(Px(th)),
                    dpi: None,
                },
                width_px: tw,
                height_px: th,
            });
        }
    }

    /// Width divided by height.
    pub fn aspect(&self) -> f32 {
        self.width_px as f32 / self.height_px as f32
    }

    /// Pixel size after preparation.
    pub fn size_px(&self) -> (usize, usize) {
        (self.width_px, self.height_px)
    }

    /// Bytes the emblem adds to each letter.
    pub fn encoded_len(&self) -> usize {
        self.xobject.stream.content.len()
    }
}

/// Pixels as RGBA, whatever the decoder produced.
fn to_rgba(raw: &RawImage) -> Option<Vec<[u8; 4]>> {
    use RawImageFormat as F;
    let n = raw.width.checked_mul(raw.height)?;
    let channels = match raw.data_format {
        F::R8 | F::R16 => 1,
        F::RG8 | F::RG16 => 2,
        F::RGB8 | F::RGB16 | F::BGR8 | F::RGBF32 => 3,
        F::RGBA8 | F::RGBA16 | F::BGRA8 | F::RGBAF32 => 4,
    };
    let samples: Vec<u8> = match &raw.pixels {
        RawImageData::U8(d) => d.clone(),
        RawImageData::U16(d) => d.iter().map(|v| (v >> 8) as u8).collect(),
        RawImageData::F32(d) => d
            .iter()
            .map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect(),
    };
    if samples.len() < n.checked_mul(channels)? {
        return None;
    }
    let bgr = matches!(raw.data_format, F::BGR8 | F::BGRA8);
    Some(
        samples
            .chunks_exact(channels)
            .take(n)
            .map(|c| match c {
                [v] => [*v, *v, *v, 255],
                [v, a] => [*v, *v, *v, *a],
                [r, g, b] if bgr => [*b, *g, *r, 255],
                [r, g, b] => [*r, *g, *b, 255],
                [r, g, b, a] if bgr => [*b, *g, *r, *a],
                [r, g, b, a] => [*r, *g, *b, *a],
                _ => [255, 255, 255, 0],
            })
            .collect(),
    )
}

fn over_white([r, g, b, a]: [u8; 4]) -> [u8; 3] {
    let a = u32::from(a);
    let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
    [mix(r), mix(g), mix(b)]
}

/// Area-averaging downscale (each target pixel is the mean of the source
/// pixels it covers), which keeps thin lines of a crest visible; nearest
/// neighbour would drop them.
fn downscale(src: &[[u8; 3]], sw: usize, sh: usize, tw: usize, th: usize) -> Vec<[u8; 3]> {
    if (tw, th) == (sw, sh) {
        return src.to_vec();
    }
    let mut out = Vec::with_capacity(tw * th);
    for ty in 0..th {
        let y0 = ty * sh / th;
        let y1 = ((ty + 1) * sh / th).max(y0 + 1).min(sh);
        for tx in 0..tw {
            let x0 = tx * sw / tw;
            let x1 = ((tx + 1) * sw / tw).max(x0 + 1).min(sw);
            let mut sum = [0u32; 3];
            for y in y0..y1 {
                for p in &src[y * sw + x0..y * sw + x1] {
                    for k in 0..3 {
                        sum[k] += u32::from(p[k]);
                    }
                }
            }
            let count = ((y1 - y0) * (x1 - x0)) as u32;
            out.push(sum.map(|s| ((s + count / 2) / count) as u8));
        }
    }
    out
}
