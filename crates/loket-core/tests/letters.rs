//! Letters checked the way the signing service and a person would see them:
//! the generated PDFs go through qpdf and poppler (pdfinfo, pdffonts,
//! pdftotext, pdftoppm). These tools are required; a missing tool fails the
//! test with the package to install.

#[path = "fixtures/letters/sample.rs"]
mod sample;

use loket_core::ErrorKind;
use loket_core::letters::{
    Align, Block, Column, LetterDoc, LetterRenderer, Margins, Signature, SignaturePosition, Table,
};
use loket_core::model::PaperSize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const PT_PER_MM: f64 = 72.0 / 25.4;

fn renderer() -> &'static LetterRenderer {
    static R: OnceLock<LetterRenderer> = OnceLock::new();
    R.get_or_init(|| {
        let mut r = LetterRenderer::new().expect("renderer");
        r.set_emblem(&sample::emblem_png()).expect("sample emblem");
        r
    })
}

/// Runs a tool and returns its standard output; fails clearly when the tool
/// is missing or reports an error.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}); the letter tests need poppler-utils and qpdf: \
             apt-get install poppler-utils qpdf"
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed ({}):\n{}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the rendered letter into a temp folder kept alive by the guard.
fn write_pdf(doc: &LetterDoc) -> (tempfile::TempDir, PathBuf) {
    let pdf = renderer().render(doc).expect("renders");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    (dir, path)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn text_layout(path: &Path) -> String {
    run("pdftotext", &["-layout", p(path), "-"])
}

fn page_count(path: &Path) -> usize {
    let info = run("pdfinfo", &[p(path)]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// Page size in points as pdfinfo reports it.
fn page_size(path: &Path) -> (f64, f64) {
    let info = run("pdfinfo", &[p(path)]);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo reports the page size");
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// Asserts the structure checks a signing service cares about.
fn assert_clean_pdf(path: &Path) {
    let check = run("qpdf", &["--check", p(path)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "qpdf --check:\n{check}"
    );
    let fonts = run("pdffonts", &[p(path)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object-id gen
        let n = cols.len();
        assert!(n >= 7, "unexpected pdffonts row {row:?}");
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
        assert_eq!(cols[n - 3], "yes", "font has no ToUnicode map: {row}");
        assert!(cols[0].contains("LiberationSans"), "unexpected font {row}");
    }
    let info = run("pdfinfo", &[p(path)]);
    assert!(
        !info.contains("PDF subtype"),
        "the letter must not claim PDF/X:\n{info}"
    );
}

/// The position of each needle in `haystack`, failing if one is missing.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(pos) => from += pos + needle.len(),
            None => panic!("{needle:?} missing or out of order in:\n{haystack}"),
        }
    }
}

#[test]
fn single_letter_is_clean_a4_with_lines_in_order() {
    let doc = sample::rekomendasi_pencabutan(PaperSize::A4);
    let (_dir, path) = write_pdf(&doc);
    assert_clean_pdf(&path);
    let (w, h) = page_size(&path);
    assert!(
        (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01,
        "{w} x {h}"
    );
    assert_eq!(page_count(&path), 1, "the sample letter fits one A4 page");

    let info = run("pdfinfo", &[p(&path)]);
    assert!(
        info.contains("Title:           Rekomendasi Pencabutan Sertifikat Elektronik 000.6.5/012/Diskominfo/XI/2026"),
        "{info}"
    );

    let text = text_layout(&path);
    assert_in_order(
        &text,
        &[
            "PEMERINTAH KABUPATEN TAPIN",
            "DINAS KOMUNIKASI DAN INFORMATIKA",
            "Jalan Jenderal Sudirman No. 1 Rantau 71111",
            "Rantau, 21 November 2026",
            "Nomor",
            "000.6.5/012/Diskominfo/XI/2026",
            "Sifat",
            "Biasa",
            "Hal",
            "Rekomendasi Pencabutan Sertifikat Elektronik",
            "Yth. Kepala Balai Besar Sertifikasi Elektronik",
            "Muhammad Ma’rief Ṣāliḥ, S.Kom.",
            "Kepala Dinas Komunikasi dan Informatika",
            "Wahyudi Pranoto, S.Sos., M.T",
            "Pembina Utama Muda (IV/c)",
            "NIP. 19710130 199903 1 005",
            "Tembusan:",
            "Arsip.",
            "Kode verifikasi: 7Q4K-92XD",
        ],
    );
    assert!(
        !text.contains("Halaman"),
        "no page number on a one-page letter"
    );
}

#[test]
fn f4_and_a4_have_exact_paper_sizes() {
    for (paper, (w, h)) in [
        (PaperSize::A4, (595.28, 841.89)),
        (PaperSize::F4, (609.45, 935.43)),
    ] {
        let (_dir, path) = write_pdf(&sample::permohonan_pencabutan(paper));
        let (pw, ph) = page_size(&path);
        assert!(
            (pw - w).abs() < 0.01 && (ph - h).abs() < 0.01,
            "{paper:?}: {pw} x {ph}, expected {w} x {h}"
        );
        assert_clean_pdf(&path);
    }
}

#[test]
fn sixty_row_table_paginates_with_header_repeated_and_every_row_once() {
    let doc = sample::rekomendasi_kolektif(PaperSize::A4, 60);
    let (_dir, path) = write_pdf(&doc);
    assert_clean_pdf(&path);
    let pages = page_count(&path);
    assert!(pages >= 4, "60 rows on A4 need several pages, got {pages}");

    // Page 1 is the letter; the lampiran table starts on page 2.
    for page in 1..=pages {
        let n = page.to_string();
        let text = run("pdftotext", &["-layout", "-f", &n, "-l", &n, p(&path), "-"]);
        assert!(
            text.contains(&format!("Halaman {page} dari {pages}")),
            "page {page} has no page number:\n{text}"
        );
        if page >= 2 {
            let header = text
                .lines()
                .find(|l| l.contains("Unit Kerja"))
                .unwrap_or_else(|| panic!("page {page} lacks the table header:\n{text}"));
            assert!(header.contains("No") && header.contains("Nama") && header.contains("NIP"));
        }
    }

    let all = text_layout(&path);
    for row in sample::applicants(60) {
        // The NIP is unique per row and never wraps in its column.
        let count = all.matches(row[2].as_str()).count();
        assert_eq!(
            count, 1,
            "row {} ({}) appears {count} times",
            row[0], row[2]
        );
    }
    assert_in_order(
        &all,
        &["LAMPIRAN SURAT REKOMENDASI", "Kode verifikasi: K9M2-5TQA"],
    );
    // The QR footer is on the last page only.
    assert_eq!(all.matches("Kode verifikasi").count(), 1);
}

/// One word box from `pdftotext -bbox`.
struct WordBox {
    page: usize,
    page_w: f64,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    text: String,
}

fn word_boxes(path: &Path) -> Vec<WordBox> {
    let html = run("pdftotext", &["-bbox", p(path), "-"]);
    let attr = |line: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = start + line[start..].find('"').expect("closing quote");
        line[start..end].parse().expect("number")
    };
    let mut out = Vec::new();
    let (mut page, mut page_w) = (0, 0.0);
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            page_w = attr(line, "width");
        } else if line.starts_with("<word ") {
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.strip_suffix("</word>"))
                .unwrap_or("")
                .to_string();
            out.push(WordBox {
                page,
                page_w,
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                text,
            });
        }
    }
    out
}

fn assert_within_margins(path: &Path, margins: &Margins) {
    let words = word_boxes(path);
    assert!(!words.is_empty());
    for w in &words {
        let right = w.page_w - margins.right as f64 * PT_PER_MM;
        let left = margins.left as f64 * PT_PER_MM;
        assert!(
            w.x_max <= right + 0.5,
            "page {}: {:?} ends at {:.2}, right margin at {:.2}",
            w.page,
            w.text,
            w.x_max,
            right
        );
        assert!(
            w.x_min >= left - 0.5,
            "page {}: {:?} starts at {:.2}, left margin at {:.2}",
            w.page,
            w.text,
            w.x_min,
            left
        );
    }
}

fn long_text_letter(paper: PaperSize) -> LetterDoc {
    let mut doc = sample::rekomendasi_pencabutan(paper);
    doc.title = "Uji teks panjang".into();
    doc.blocks = vec![
        Block::PlaceDate(
            "Kecamatan Bolaang Mongondow Utara dan Sekitarnya, 21 November 2026".into(),
        ),
        Block::Addressee(vec![
            format!("Yth. {}", sample::LONG_UNIT),
            "di Tempat".into(),
        ]),
        Block::Title {
            text: format!("SURAT KETERANGAN {}", sample::LONG_UNIT.to_uppercase()),
            subtitle: Some(
                "Nomor: 000.6.5/012/Diskominfo-Persandian-Statistik-Sertifikasi/XI/2026".into(),
            ),
        },
        Block::Paragraph {
            text: format!(
                "Yang bertanda tangan di bawah ini menerangkan bahwa {} dari {} adalah \
                 pemilik alamat pos-el muhammad.saliih.marief.abdurrahman.wiryodiningrat@bolaangmongondowutarakab.go.id \
                 dan tautan https://tte.bolaangmongondowutarakab.go.id/verifikasi/dokumen/2026/11/21/000-6-5-012 \
                 yang sah. Kata Pneumonoultramicroscopicsilicovolcanoconiosisxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx juga terpotong.",
                sample::LONG_NAME,
                sample::LONG_UNIT
            ),
            indent_first_mm: 12.5,
            justify: true,
        },
        Block::KeyValue {
            rows: vec![
                ("Nama".into(), sample::LONG_NAME.into()),
                (
                    "Unit kerja dan satuan organisasi tempat pegawai yang bersangkutan bertugas"
                        .into(),
                    sample::LONG_UNIT.into(),
                ),
            ],
            indent_mm: 12.5,
        },
        Block::List(vec![sample::LONG_UNIT.into(), sample::LONG_NAME.into()]),
        Block::Table(Table {
            columns: vec![
                Column {
                    header: "No".into(),
                    width_ratio: 0.06,
                    align: Align::Center,
                },
                Column {
                    header: "Nama Lengkap dengan Gelar".into(),
                    width_ratio: 0.3,
                    align: Align::Left,
                },
                Column {
                    header: "Unit Kerja".into(),
                    width_ratio: 0.34,
                    align: Align::Right,
                },
                Column {
                    header: "Keterangan".into(),
                    width_ratio: 0.3,
                    align: Align::Center,
                },
            ],
            rows: vec![vec![
                "1.".into(),
                sample::LONG_NAME.into(),
                sample::LONG_UNIT.into(),
                "muhammad.saliih.marief.abdurrahman@bolaangmongondowutarakab.go.id".into(),
            ]],
            repeat_header: true,
        }),
        Block::SignaturePair {
            left: Signature {
                place_date: None,
                lines_above: vec![format!("Mengetahui, Kepala {}", sample::LONG_UNIT)],
                space_mm: 15.0,
                name: sample::LONG_NAME.into(),
                pangkat: Some("Pembina Utama Muda (IV/c)".into()),
                nip: Some("NIP. 19660817 199112 1 003".into()),
                position: SignaturePosition::Left,
                text_align: Align::Left,
            },
            right: Signature {
                place_date: Some("Rantau, 21 November 2026".into()),
                lines_above: vec!["Pemohon,".into()],
                space_mm: 15.0,
                name: sample::LONG_NAME.into(),
                pangkat: None,
                nip: None,
                position: SignaturePosition::Right,
                text_align: Align::Right,
            },
        },
    ];
    doc
}

#[test]
fn long_names_and_units_never_cross_the_margins() {
    for paper in [PaperSize::A4, PaperSize::F4] {
        let doc = long_text_letter(paper);
        let (_dir, path) = write_pdf(&doc);
        assert_clean_pdf(&path);
        assert_within_margins(&path, &doc.margins_mm);
        // Nothing was lost on the way: the long name's words all come out.
        let text = text_layout(&path);
        for word in [
            "Wiryodiningrat",
            "Kusumanegara,",
            "Ṣāliḥ",
            "Ma’rief",
            "Sertifikasi",
        ] {
            assert!(text.contains(word), "{word} missing");
        }
    }
    let doc = sample::rekomendasi_kolektif(PaperSize::F4, 60);
    let (_dir, path) = write_pdf(&doc);
    assert_within_margins(&path, &doc.margins_mm);
}

#[test]
fn justified_lines_end_exactly_at_the_right_margin() {
    let text = "Sehubungan dengan permohonan pencabutan sertifikat elektronik yang diajukan \
                oleh Aparatur Sipil Negara di lingkungan Pemerintah Kabupaten Tapin, dengan ini \
                Dinas Komunikasi dan Informatika Kabupaten Tapin selaku Otoritas Pendaftaran \
                memberikan rekomendasi pencabutan sertifikat elektronik atas nama pegawai yang \
                tercantum di bawah ini, setelah seluruh dokumen persyaratan diperiksa.";
    let doc = LetterDoc {
        title: "Uji rata kanan-kiri".into(),
        paper: PaperSize::A4,
        margins_mm: Margins::default(),
        font_size_pt: 12.0,
        line_spacing: 1.5,
        kop: None,
        blocks: vec![Block::Paragraph {
            text: text.into(),
            indent_first_mm: 12.5,
            justify: true,
        }],
        footer: None,
    };
    let (_dir, path) = write_pdf(&doc);
    let words = word_boxes(&path);
    let right = words[0].page_w - doc.margins_mm.right as f64 * PT_PER_MM;
    let mut lines: Vec<(f64, f64)> = Vec::new(); // (y, rightmost x)
    for w in &words {
        match lines.iter_mut().find(|(y, _)| (y - w.y_min).abs() < 1.0) {
            Some(line) => line.1 = line.1.max(w.x_max),
            None => lines.push((w.y_min, w.x_max)),
        }
    }
    assert!(
        lines.len() >= 4,
        "expected several lines, got {}",
        lines.len()
    );
    let (last, full) = lines.split_last().expect("lines");
    for (y, x) in full {
        assert!(
            (x - right).abs() < 0.6,
            "justified line at y={y:.1} ends at {x:.2}, margin {right:.2}"
        );
    }
    assert!(last.1 < right - 20.0, "the last line stays left-aligned");
    // The extra space is real space between words, not glued words.
    let plain = text_layout(&path);
    assert!(plain.contains("Sehubungan") && plain.contains("permohonan"));
    assert!(!plain.contains("Sehubungandengan"));
}

/// Reads a binary PGM (P5) as written by `pdftoppm -gray`.
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let data = std::fs::read(path).expect("pgm");
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    let pixels = data[i + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

#[test]
fn qr_code_is_drawn_and_reads_back_module_by_module() {
    let doc = sample::rekomendasi_pencabutan(PaperSize::A4);
    let payload = doc.footer.as_ref().expect("footer").qr_payload.clone();
    let (dir, path) = write_pdf(&doc);
    let dpi = 300.0;
    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        &["-r", "300", "-gray", "-singlefile", p(&path), p(&prefix)],
    );
    let (w, h, px) = read_pgm(&dir.path().join("page.pgm"));
    let dark = |x: usize, y: usize| px[y * w + x] < 128;

    // Find the dark square in the bottom-left corner, left of the text.
    let left = (doc.margins_mm.left as f64 * PT_PER_MM / 72.0 * dpi) as usize;
    let region_x = left.saturating_sub(10)..left + (22.0 / 25.4 * dpi) as usize;
    // The QR code's top edge is 30 mm above the page edge on a one-page
    // letter; the body ends at least 3 mm above it.
    let region_y = h - (31.5 / 25.4 * dpi) as usize..h;
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in region_y.clone() {
        for x in region_x.clone() {
            if dark(x, y) {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    assert!(x0 < x1 && y0 < y1, "no QR code at the bottom left");
    let side_mm = (x1 - x0 + 1) as f64 / dpi * 25.4;
    assert!(
        (side_mm - 20.0).abs() < 0.5,
        "QR code is {side_mm:.1} mm wide"
    );
    assert!(
        ((y1 - y0) as i64 - (x1 - x0) as i64).abs() <= 2,
        "QR code is not square"
    );

    let code =
        qrcode::QrCode::with_error_correction_level(&payload, qrcode::EcLevel::M).expect("encodes");
    let n = code.width();
    let module = (x1 - x0 + 1) as f64 / n as f64;
    let colors = code.to_colors();
    for row in 0..n {
        for col in 0..n {
            let x = x0 + ((col as f64 + 0.5) * module) as usize;
            let y = y0 + ((row as f64 + 0.5) * module) as usize;
            let expected = colors[row * n + col] == qrcode::Color::Dark;
            assert_eq!(dark(x, y), expected, "module ({row}, {col}) differs");
        }
    }
}

#[test]
fn non_ascii_text_round_trips_and_missing_glyphs_are_refused() {
    let mut doc = sample::permohonan_pencabutan(PaperSize::F4);
    doc.blocks.push(Block::Paragraph {
        text: "Ṣāliḥ Ma’rief “Ḥusayn” – Ñoño Éloïse Œuvre".into(),
        indent_first_mm: 0.0,
        justify: false,
    });
    let (_dir, path) = write_pdf(&doc);
    let text = text_layout(&path);
    assert!(
        text.contains("Ṣāliḥ Ma’rief “Ḥusayn” – Ñoño Éloïse Œuvre"),
        "{text}"
    );

    doc.blocks.push(Block::Paragraph {
        text: "王小明 🙂".into(),
        indent_first_mm: 0.0,
        justify: false,
    });
    let err = renderer()
        .render(&doc)
        .expect_err("CJK is not in Liberation Sans");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.en.contains("U+738B"), "{}", err.message.en);
    assert!(
        err.message.id.contains("tidak tersedia"),
        "{}",
        err.message.id
    );
}

#[test]
fn corrupt_or_missing_emblem_is_a_clear_error() {
    let mut r = LetterRenderer::new().expect("renderer");
    let png = sample::emblem_png();
    for bad in [&b""[..], b"not an image at all", &png[..png.len() / 3]] {
        let err = r.set_emblem(bad).expect_err("must be refused");
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert!(err.message.en.contains("PNG or JPEG"), "{}", err.message.en);
        assert!(err.message.id.contains("lambang"), "{}", err.message.id);
    }
    // The kop asks for the emblem, but none has been set.
    let err = r
        .render(&sample::rekomendasi_pencabutan(PaperSize::A4))
        .expect_err("no emblem set");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.en.contains("emblem"), "{}", err.message.en);
    // A good emblem after a bad one works.
    r.set_emblem(&png).expect("valid emblem");
    r.render(&sample::rekomendasi_pencabutan(PaperSize::A4))
        .expect("renders");
}

#[test]
fn jpeg_and_large_emblems_are_prepared_small() {
    // A big, noisy photo-like emblem: scaled down and kept under the size
    // budget so the letter stays small.
    let (w, h) = (1600u32, 1900u32);
    let mut img = image::RgbImage::new(w, h);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let v = ((x * 7919 + y * 104_729) ^ (x * y)) % 256;
        *p = image::Rgb([v as u8, (255 - v) as u8, ((x + y) % 256) as u8]);
    }
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    let mut r = LetterRenderer::new().expect("renderer");
    r.set_emblem(&jpeg).expect("jpeg emblem");
    let e = r.emblem().expect("set");
    let (pw, ph) = e.size_px();
    assert!(pw <= 288 && ph <= 288, "{pw} x {ph}");
    assert!((e.aspect() - 1600.0 / 1900.0).abs() < 0.01);
    assert!(e.encoded_len() <= 40 * 1024, "{} bytes", e.encoded_len());
    let pdf = r
        .render(&sample::rekomendasi_pencabutan(PaperSize::A4))
        .expect("renders");
    assert!(pdf.len() < 60 * 1024, "{} bytes", pdf.len());
}

#[test]
fn single_letter_stays_under_60_kb() {
    let pdf = renderer()
        .render(&sample::rekomendasi_pencabutan(PaperSize::F4))
        .expect("renders");
    assert!(pdf.len() < 60 * 1024, "{} bytes", pdf.len());
}

#[test]
fn bad_settings_name_the_field() {
    let mut doc = sample::rekomendasi_pencabutan(PaperSize::A4);
    doc.margins_mm.left = 120.0;
    doc.font_size_pt = 30.0;
    let err = renderer().render(&doc).expect_err("invalid settings");
    assert_eq!(err.kind, ErrorKind::Invalid);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["margins_mm.left", "font_size_pt"]);

    let mut doc = sample::rekomendasi_kolektif(PaperSize::A4, 3);
    if let Some(Block::Table(t)) = doc.blocks.iter_mut().find(|b| matches!(b, Block::Table(_))) {
        t.rows[1].pop();
    }
    let err = renderer().render(&doc).expect_err("short row");
    assert!(err.message.en.contains("Row 2"), "{}", err.message.en);
}

#[test]
fn the_view_round_trips_through_json() {
    let doc = sample::rekomendasi_kolektif(PaperSize::F4, 5);
    let json = serde_json::to_string(&doc).expect("serialises");
    let back: LetterDoc = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, doc);
    // The stored form uses readable names.
    assert!(
        json.contains("\"place_date\":\"Rantau, 21 November 2026\""),
        "{json}"
    );
}

#[test]
fn a_tall_signature_moves_whole_to_the_next_page() {
    let mut doc = sample::rekomendasi_pencabutan(PaperSize::A4);
    // Push the signature towards the page bottom.
    let pos = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Signature(_)))
        .expect("signature");
    doc.blocks.insert(pos, Block::Spacer(60.0));
    let (_dir, path) = write_pdf(&doc);
    assert_eq!(page_count(&path), 2);
    let page2 = run(
        "pdftotext",
        &["-layout", "-f", "2", "-l", "2", p(&path), "-"],
    );
    assert_in_order(
        &page2,
        &[
            "Kepala Dinas Komunikasi dan Informatika",
            "Wahyudi Pranoto, S.Sos., M.T",
            "NIP. 19710130 199903 1 005",
            "Halaman 2 dari 2",
        ],
    );
}

#[test]
fn the_renderer_can_be_shared_between_threads() {
    // The app keeps one renderer in its state and renders from worker
    // threads (spawn_blocking).
    fn shared<T: Send + Sync>() {}
    shared::<LetterRenderer>();
    let docs = [
        sample::rekomendasi_pencabutan(PaperSize::A4),
        sample::permohonan_pencabutan(PaperSize::F4),
    ];
    std::thread::scope(|s| {
        for doc in &docs {
            s.spawn(move || renderer().render(doc).expect("renders"));
        }
    });
}
