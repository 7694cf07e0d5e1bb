//! Spreadsheet files as rows of cells, and cells as the values the registry
//! needs. This is the only module that knows calamine and csv for reading.
//!
//! What Excel does to the office's data, and what is done about it here:
//! - NIK and NIP typed into a number cell: Excel keeps 15 significant
//!   digits, so a 16-digit NIK loses its last digit and an 18-digit NIP its
//!   last three. A number that still holds every digit is recovered exactly;
//!   one that may have been rounded is refused, saying how to fix the file.
//! - A CSV saved by Excel shows such numbers as `6,30502E+15`: refused the
//!   same way, because the digits are gone from the file itself.
//! - CSV from an Indonesian Windows uses `;` between cells and the Windows
//!   code page: the delimiter is sniffed and non-UTF-8 text decoded as cp1252.
//! - Dates as real date cells, as text (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY)
//!   or as a bare Excel serial number.

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::t;
use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use std::path::Path;

/// The file formats of the registry's import and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    /// The format by the file's extension, or a message saying which
    /// extensions are understood.
    pub fn from_path(path: &Path) -> Result<SheetFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Ok(SheetFormat::Csv),
            "xlsx" | "xlsm" => Ok(SheetFormat::Xlsx),
            "xls" | "ods" | "numbers" => Err(Error::invalid(t!(
                "Berkas .{ext} tidak didukung. Buka berkas itu di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx atau .csv.",
                "A .{ext} file is not supported. Open it in Excel or LibreOffice and save it again as .xlsx or .csv."
            ))),
            "" => Err(Error::invalid(Text::new(
                "Nama berkas tidak berakhiran .xlsx atau .csv, jadi jenisnya tidak diketahui.",
                "The file name does not end in .xlsx or .csv, so its type is unknown.",
            ))),
            _ => Err(Error::invalid(t!(
                "Berkas .{ext} bukan lembar kerja yang didukung; gunakan .xlsx atau .csv.",
                "A .{ext} file is not a supported spreadsheet; use .xlsx or .csv."
            ))),
        }
    }
}

/// One cell as read, before it is interpreted for its column.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    /// An Excel error value (#N/A, #REF!, …).
    Error(String),
}

/// A data row with its line number in the spreadsheet (1-based, as Excel
/// and a text editor number them).
#[derive(Clone, Debug)]
pub(crate) struct SheetRow {
    pub line: usize,
    pub cells: Vec<Cell>,
}

impl SheetRow {
    pub fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct SheetData {
    /// The worksheet read (XLSX only).
    pub sheet_name: Option<String>,
    /// Every non-blank row, the header first.
    pub rows: Vec<SheetRow>,
}

fn unreadable(label: &str, detail: impl std::fmt::Display) -> Error {
    Error::invalid(t!(
        "Berkas {label} tidak dapat dibaca sebagai lembar kerja ({detail}). Pastikan berkasnya tidak rusak dan memang berformat .xlsx atau .csv.",
        "The file {label} cannot be read as a spreadsheet ({detail}). Make sure it is not damaged and really is an .xlsx or .csv file."
    ))
}

/// Reads a whole spreadsheet: every non-blank row with its line number.
pub(crate) fn read_sheet(format: SheetFormat, bytes: &[u8], label: &str) -> Result<SheetData> {
    let data = match format {
        SheetFormat::Csv => read_csv(bytes, label)?,
        SheetFormat::Xlsx => read_xlsx(bytes, label)?,
    };
    if data.rows.is_empty() {
        return Err(Error::invalid(t!(
            "Berkas {label} kosong: tidak ada baris judul kolom maupun data.",
            "The file {label} is empty: it has no header row and no data."
        )));
    }
    Ok(data)
}

/// CSV text: UTF-8 (with or without BOM), UTF-16 with BOM, or else the
/// Windows code page Excel uses in Indonesia.
fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    }
}

/// The delimiter of the first non-empty line: whichever of `,` `;` tab
/// occurs most outside quotes (Excel in Indonesian saves with `;`).
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

fn read_csv(bytes: &[u8], label: &str) -> Result<SheetData> {
    let text = decode_text(bytes);
    if text.contains('\0') {
        return Err(unreadable(label, "binary content"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv crate's line numbers count from before the blank lines it
    // skips, so the line is counted here from the record's byte offset.
    let bytes = text.as_bytes();
    let (mut at, mut line) = (0usize, 1usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map(|p| p.byte() as usize).unwrap_or(at);
                let start = start.clamp(at, bytes.len());
                line += bytes[at..start].iter().filter(|&&b| b == b'\n').count();
                at = start;
                while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
                    if bytes[at] == b'\n' {
                        line += 1;
                    }
                    at += 1;
                }
                let row = SheetRow {
                    line,
                    cells: record
                        .iter()
                        .map(|s| {
                            if s.trim().is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(s.to_string())
                            }
                        })
                        .collect(),
                };
                if !row.is_blank() {
                    rows.push(row);
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Error::invalid(t!(
                    "Berkas {label} baris {line} tidak dapat dibaca sebagai CSV: {e}",
                    "Line {line} of {label} cannot be read as CSV: {e}"
                )));
            }
        }
    }
    Ok(SheetData {
        sheet_name: None,
        rows,
    })
}

/// Reads the first visible worksheet that has data, cell by cell as the
/// XML streams (never the whole sheet as a second copy in memory).
fn read_xlsx(bytes: &[u8], label: &str) -> Result<SheetData> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(label, e))?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    for name in names {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(label, e))?;
        let mut rows: Vec<SheetRow> = Vec::new();
        let mut current: Option<SheetRow> = None;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(label, e))? {
            let value = cell_of(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            let (r, c) = cell.get_position();
            let line = r as usize + 1;
            if current.as_ref().is_none_or(|row| row.line != line) {
                if let Some(done) = current.take().filter(|row| !row.is_blank()) {
                    rows.push(done);
                }
                current = Some(SheetRow {
                    line,
                    cells: Vec::new(),
                });
            }
            if let Some(row) = current.as_mut() {
                let c = c as usize;
                if row.cells.len() <= c {
                    row.cells.resize(c + 1, Cell::Empty);
                }
                row.cells[c] = value;
            }
        }
        if let Some(done) = current.take().filter(|row| !row.is_blank()) {
            rows.push(done);
        }
        if !rows.is_empty() {
            return Ok(SheetData {
                sheet_name: Some(name),
                rows,
            });
        }
    }
    Ok(SheetData {
        sheet_name: None,
        rows: Vec::new(),
    })
}

fn cell_of(d: &DataRef) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()) {
                Some(date) => Cell::Date(date),
                None => Cell::Number(dt.as_f64()),
            }
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn text_cell(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// A whole number as Excel may hold it, written without exponent or
/// fraction; None when it is not a whole number.
fn whole(f: f64) -> Option<String> {
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21).then(|| format!("{f:.0}"))
}

/// The cell as text for a text column (name, unit, email, …). Numbers are
/// written as people typed them (`81234567890`, not `81234567890.0`).
pub(crate) fn cell_text(cell: &Cell) -> Result<Option<String>, Text> {
    Ok(match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Cell::Number(f) => Some(whole(*f).unwrap_or_else(|| f.to_string())),
        Cell::Int(i) => Some(i.to_string()),
        Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Error(e) => return Err(excel_error(e)),
    })
}

fn excel_error(e: &str) -> Text {
    t!(
        "Sel berisi galat Excel {e}; perbaiki rumus atau ketik nilainya langsung.",
        "The cell holds the Excel error {e}; fix the formula or type the value in."
    )
}

/// Largest integer an f64 holds exactly (2^53): above it, a number cell
/// cannot carry every digit of an identity number.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;
/// Excel keeps this many significant digits of a number.
const EXCEL_DIGITS: usize = 15;

fn lost_digits(label: &str, shown: &str, len: usize) -> Text {
    t!(
        "{label} tersimpan sebagai angka ({shown}), padahal {label} terdiri atas {len} digit dan Excel hanya menyimpan {EXCEL_DIGITS} digit angka, sehingga digit terakhirnya mungkin sudah berubah. Format kolom {label} sebagai Teks, ketik ulang {label} sesuai dokumen aslinya, lalu impor lagi.",
        "The {label} is stored as a number ({shown}), but a {label} has {len} digits and Excel keeps only {EXCEL_DIGITS} digits of a number, so its last digits may have changed. Format the {label} column as Text, type the {label} again from the original document, and import again."
    )
}

/// The cell as an identity number (NIK: `len` 16, NIP: 18), recovering a
/// number cell or a number-looking text exactly when every digit is still
/// there, refusing it when Excel may have rounded it. What comes back is
/// text for `identity::validate_person`, which judges the digits.
pub(crate) fn cell_identity(cell: &Cell, label: &str, len: usize) -> Result<Option<String>, Text> {
    match cell {
        Cell::Int(i) => Ok(Some(i.to_string())),
        Cell::Number(f) => {
            let Some(shown) = whole(*f) else {
                return Ok(Some(f.to_string()));
            };
            if f.abs() >= EXACT_LIMIT {
                return Err(lost_digits(label, &shown, len));
            }
            let digits = shown.trim_start_matches('-');
            if digits.len() > EXCEL_DIGITS && digits[EXCEL_DIGITS..].bytes().all(|b| b == b'0') {
                return Err(lost_digits(label, &shown, len));
            }
            Ok(Some(shown))
        }
        Cell::Text(s) => identity_text(s.trim(), label, len).map(Some),
        other => cell_text(other),
    }
}

/// `6,30502E+15`, `6.305015708660003E15`, `6305015708660003.0`: the forms a
/// number takes in a CSV saved from Excel or another program.
fn identity_text(s: &str, label: &str, len: usize) -> Result<String, Text> {
    let t = s.replace(',', ".");
    if let Some((mantissa, exp)) = t.split_once(['e', 'E']) {
        let exp = exp.trim_start_matches('+');
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let numeric = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !exp.is_empty()
            && exp.bytes().all(|b| b.is_ascii_digit());
        if numeric {
            let exp: usize = exp.parse().unwrap_or(0);
            let digits = format!("{int}{frac}");
            let digits = digits.trim_start_matches('0');
            let places = int.trim_start_matches('0').len() + exp;
            if digits.len() < places {
                return Err(lost_digits(label, s, len));
            }
            if digits.len() == places {
                return Ok(digits.to_string());
            }
        }
        return Ok(s.to_string());
    }
    if let Some((int, frac)) = t.split_once('.')
        && !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b == b'0')
        && int.len() + 2 >= len
    {
        return Ok(int.to_string());
    }
    Ok(s.to_string())
}

/// Serial numbers Excel gives dates from 1 January 1970 to 31 December 2099;
/// a bare number in a date column is read as a date only in this range.
const SERIAL_MIN: f64 = 25_569.0;
const SERIAL_MAX: f64 = 73_050.0;

fn excel_serial(f: f64) -> Option<NaiveDate> {
    if !(SERIAL_MIN..=SERIAL_MAX).contains(&f) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(f.floor() as u64))
}

/// Reads a date written the ways Indonesian spreadsheets write it.
pub(crate) fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // "2026-11-21 00:00:00" / "2026-11-21T00:00:00": the date part.
    let s = match s.split_once([' ', 'T']) {
        Some((d, _)) if d.len() == 10 => d,
        _ => s,
    };
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// The cell as a date: a date cell, a text date or an Excel serial number.
pub(crate) fn cell_date(cell: &Cell, label: &str) -> Result<Option<NaiveDate>, Text> {
    let bad = |shown: &str| {
        t!(
            "{label} \"{shown}\" bukan tanggal yang terbaca; tulis seperti 2026-11-21, 21-11-2026 atau 21/11/2026, atau gunakan sel bertipe tanggal.",
            "{label} \"{shown}\" is not a readable date; write it like 2026-11-21, 21-11-2026 or 21/11/2026, or use a date cell."
        )
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(f) => excel_serial(*f)
            .map(Some)
            .ok_or_else(|| bad(&f.to_string())),
        Cell::Int(i) => excel_serial(*i as f64)
            .map(Some)
            .ok_or_else(|| bad(&i.to_string())),
        Cell::Text(s) => parse_date_text(s).map(Some).ok_or_else(|| bad(s.trim())),
        Cell::Bool(b) => Err(bad(&b.to_string())),
        Cell::Error(e) => Err(excel_error(e)),
    }
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn identity_cells_recover_digits_or_refuse() {
        // (cell, expected digits or a fragment of the refusal)
        let cases: Vec<(Cell, Result<&str, &str>)> = vec![
            (
                Cell::Text("6305015708660003".into()),
                Ok("6305015708660003"),
            ),
            (
                Cell::Number(6_305_015_708_660_003.0),
                Ok("6305015708660003"),
            ),
            (
                Cell::Number(6.305_015_708_660_003e15),
                Ok("6305015708660003"),
            ),
            (Cell::Int(6_305_015_708_660_003), Ok("6305015708660003")),
            // Excel rounded the 16th digit to 0.
            (Cell::Number(6_305_015_708_660_000.0), Err("15 digit")),
            (Cell::Number(6.305_015_708_66e15), Err("6305015708660000")),
            // Beyond 2^53 (NIK of Papua, any NIP): digits cannot survive.
            (Cell::Number(9.1e15), Err("9100000000000000")),
            (Cell::Number(196_608_171_991_121_003.0), Err("NIK")),
            // CSV saved from Excel: the display form.
            (Cell::Text("6,30502E+15".into()), Err("6,30502E+15")),
            (Cell::Text("6.30502E+15".into()), Err("digit")),
            (
                Cell::Text("6.305015708660003E+15".into()),
                Ok("6305015708660003"),
            ),
            (
                Cell::Text("6305015708660003.0".into()),
                Ok("6305015708660003"),
            ),
            (
                Cell::Text("6305015708660003,00".into()),
                Ok("6305015708660003"),
            ),
            // Anything else goes to validation as typed.
            (
                Cell::Text("6305 0157 0866 0003".into()),
                Ok("6305 0157 0866 0003"),
            ),
            (Cell::Text("12.5".into()), Ok("12.5")),
            (Cell::Number(12.5), Ok("12.5")),
        ];
        for (cell, expected) in cases {
            let got = cell_identity(&cell, "NIK", 16);
            match expected {
                Ok(s) => assert_eq!(got, Ok(Some(s.to_string())), "{cell:?}"),
                Err(fragment) => {
                    let msg = got.expect_err(&format!("{cell:?} should be refused"));
                    assert!(msg.id.contains(fragment), "{cell:?}: {}", msg.id);
                    assert!(msg.en.contains("Text"), "{}", msg.en);
                }
            }
        }
        assert_eq!(cell_identity(&Cell::Empty, "NIK", 16), Ok(None));
        assert!(cell_identity(&Cell::Error("#N/A".into()), "NIK", 16).is_err());
    }

    #[test]
    fn dates_in_every_shape_the_office_writes() {
        let cases: Vec<(Cell, Option<&str>)> = vec![
            (Cell::Text("2026-11-21".into()), Some("2026-11-21")),
            (Cell::Text("21-11-2026".into()), Some("2026-11-21")),
            (Cell::Text("21/11/2026".into()), Some("2026-11-21")),
            (Cell::Text("2026-11-21 00:00:00".into()), Some("2026-11-21")),
            (Cell::Text("2026-11-21T00:00:00".into()), Some("2026-11-21")),
            (Cell::Date(d("2026-11-21")), Some("2026-11-21")),
            (Cell::Number(46_347.0), Some("2026-11-21")),
            (Cell::Number(46_347.75), Some("2026-11-21")),
            (Cell::Int(46_347), Some("2026-11-21")),
            (Cell::Text("31-02-2026".into()), None),
            (Cell::Text("11/21/2026".into()), None),
            (Cell::Text("besok".into()), None),
            (Cell::Number(12.0), None),
            (Cell::Bool(true), None),
        ];
        for (cell, expected) in cases {
            let got = cell_date(&cell, "Tanggal terbit");
            match expected {
                Some(s) => assert_eq!(got, Ok(Some(d(s))), "{cell:?}"),
                None => {
                    let msg = got.expect_err(&format!("{cell:?}"));
                    assert!(msg.id.starts_with("Tanggal terbit"), "{}", msg.id);
                }
            }
        }
        assert_eq!(cell_date(&Cell::Empty, "x"), Ok(None));
    }

    #[test]
    fn csv_delimiter_and_encoding() {
        assert_eq!(sniff_delimiter("nama;nik;nip\n"), b';');
        assert_eq!(sniff_delimiter("nama,nik\n"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter("nama\tnik"), b'\t');
        assert_eq!(sniff_delimiter("nama"), b',');
        // cp1252: the curly apostrophe of Ma’ruf is 0x92.
        assert_eq!(decode_text(b"Ma\x92ruf"), "Ma\u{2019}ruf");
        assert_eq!(decode_text("\u{feff}nama".as_bytes()), "nama");
        let utf16: Vec<u8> = [0xFF, 0xFE, b'n', 0, b'i', 0].to_vec();
        assert_eq!(decode_text(&utf16), "ni");
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let data = read_csv(b"nama;nik\n\n\"A\nB\";1\n;\r\n\r\nC;2\n\nD;3", "x.csv").unwrap();
        let lines: Vec<usize> = data.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 7, 9], "blank rows are skipped, lines kept");
        assert_eq!(data.rows[1].cells[0], Cell::Text("A\nB".into()));
    }

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| SheetFormat::from_path(Path::new(p));
        assert_eq!(f("a.CSV").unwrap(), SheetFormat::Csv);
        assert_eq!(f("dir/a.xlsx").unwrap(), SheetFormat::Xlsx);
        assert!(f("a.xls").unwrap_err().message.id.contains("simpan ulang"));
        assert!(f("a.pdf").unwrap_err().message.id.contains(".pdf"));
        assert!(f("a").is_err());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
