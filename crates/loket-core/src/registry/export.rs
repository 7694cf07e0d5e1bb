//! The registry (or any filtered list of it) as XLSX or CSV. The headers are
//! the import's field codes, so an exported file imports back with no
//! changes. This is the only module that knows rust_xlsxwriter.

use super::{READERS, RegistryQuery, RegistryRow, SheetFormat};
use crate::auth::Caller;
use crate::error::{Error, ErrorKind, Result};
use crate::loket::Loket;
use crate::model::{Revocation, RevocationReason};
use crate::t;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportReport {
    pub path: PathBuf,
    pub format: SheetFormat,
    /// Data rows written (the header not counted).
    pub rows: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// Digits that must stay text (NIK, NIP, phone): Excel would turn them
    /// into rounded numbers.
    Digits,
    Date,
    Number,
}

/// The export's columns: header (an import field code, or a derived column
/// the import ignores), kind and width in Excel's character units.
const COLUMNS: [(&str, Kind, f64); 17] = [
    ("nama", Kind::Text, 34.0),
    ("nama_tanpa_gelar", Kind::Text, 28.0),
    ("nik", Kind::Digits, 19.0),
    ("nip", Kind::Digits, 21.0),
    ("jenis_pegawai", Kind::Text, 13.0),
    ("golongan", Kind::Text, 9.0),
    ("jabatan", Kind::Text, 28.0),
    ("unit_kerja", Kind::Text, 40.0),
    ("email", Kind::Text, 32.0),
    ("telepon", Kind::Digits, 16.0),
    ("status_registri", Kind::Text, 14.0),
    ("status_sertifikat", Kind::Text, 17.0),
    ("terbit", Kind::Date, 12.0),
    ("berlaku_sampai", Kind::Date, 14.0),
    ("dicabut", Kind::Date, 12.0),
    ("alasan_pencabutan", Kind::Text, 30.0),
    ("sisa_hari", Kind::Number, 9.0),
];

/// One exported cell.
enum Value {
    Text(String),
    Date(NaiveDate),
    Number(i64),
    Empty,
}

/// The revocation as one cell that the import reads back to the same
/// reason and wording: the standard wording, "code: wording" for a standard
/// reason in the office's own words, or the words alone for "other".
pub(crate) fn revocation_cell(r: &Revocation) -> String {
    let standard = r.reason.wording();
    if r.wording.trim().is_empty() || r.wording == standard.id {
        return standard.id;
    }
    let own_words = super::import::parse_revocation(&r.wording);
    if r.reason == RevocationReason::Lainnya && own_words == *r {
        r.wording.clone()
    } else {
        format!("{}: {}", r.reason.code(), r.wording)
    }
}

fn values(row: &RegistryRow) -> [Value; 17] {
    let text = |s: &str| Value::Text(s.to_string());
    let opt = |s: &Option<String>| s.as_deref().map(text).unwrap_or(Value::Empty);
    let date = |d: Option<NaiveDate>| d.map(Value::Date).unwrap_or(Value::Empty);
    let p = &row.person.data;
    [
        text(&p.nama),
        text(&p.nama_tanpa_gelar),
        text(&p.nik),
        opt(&p.nip),
        text(p.jenis_pegawai.code()),
        opt(&p.golongan),
        text(&p.jabatan),
        text(&p.unit_kerja),
        text(&p.email),
        opt(&p.telepon),
        text(row.status.code()),
        row.status_bsre
            .map(|s| text(s.code()))
            .unwrap_or(Value::Empty),
        date(row.issued_on),
        date(row.expires_on),
        date(row.revoked_on),
        row.revocation
            .as_ref()
            .map(|r| Value::Text(revocation_cell(r)))
            .unwrap_or(Value::Empty),
        row.days_to_expiry
            .map(Value::Number)
            .unwrap_or(Value::Empty),
    ]
}

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    let p = path.display();
    Error::new(
        ErrorKind::Io,
        t!(
            "Berkas {p} tidak dapat ditulis sebagai XLSX: {e}",
            "File {p} could not be written as XLSX: {e}"
        ),
    )
}

/// A sink for rows: CSV streams to the file, XLSX builds the worksheet.
enum Sink {
    Csv(csv::Writer<std::io::BufWriter<std::fs::File>>),
    Xlsx(Box<Workbook>, XlsxFormats),
}

struct XlsxFormats {
    header: Format,
    text: Format,
    date: Format,
}

impl Sink {
    fn open(format: SheetFormat, tmp: &Path) -> Result<Sink> {
        match format {
            SheetFormat::Csv => {
                let file = std::fs::File::create(tmp).map_err(|e| Error::io(tmp, &e))?;
                let mut buf = std::io::BufWriter::new(file);
                // A BOM, so that Excel reads the names as UTF-8.
                buf.write_all("\u{feff}".as_bytes())
                    .map_err(|e| Error::io(tmp, &e))?;
                let mut w = csv::Writer::from_writer(buf);
                w.write_record(COLUMNS.iter().map(|c| c.0))
                    .map_err(|e| csv_error(tmp, e))?;
                Ok(Sink::Csv(w))
            }
            SheetFormat::Xlsx => {
                let mut book = Workbook::new();
                let formats = XlsxFormats {
                    header: Format::new()
                        .set_bold()
                        .set_align(FormatAlign::Center)
                        .set_background_color(0xDDEBF7),
                    text: Format::new().set_num_format("@"),
                    date: Format::new().set_num_format("dd-mm-yyyy"),
                };
                // Rows go to a temporary file as they are written, so 200,000
                // rows do not sit in memory; the export writes them in order.
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(|e| xlsx_error(tmp, e))?;
                setup_sheet(sheet, &formats).map_err(|e| xlsx_error(tmp, e))?;
                Ok(Sink::Xlsx(Box::new(book), formats))
            }
        }
    }

    fn row(&mut self, index: u32, values: [Value; 17], tmp: &Path) -> Result<()> {
        match self {
            Sink::Csv(w) => {
                let cells = values.map(|v| match v {
                    Value::Text(s) => s,
                    Value::Date(d) => d.to_string(),
                    Value::Number(n) => n.to_string(),
                    Value::Empty => String::new(),
                });
                w.write_record(&cells).map_err(|e| csv_error(tmp, e))
            }
            Sink::Xlsx(book, f) => {
                let sheet = book
                    .worksheet_from_index(0)
                    .map_err(|e| xlsx_error(tmp, e))?;
                write_xlsx_row(sheet, index + 1, values, f).map_err(|e| xlsx_error(tmp, e))
            }
        }
    }

    fn finish(self, rows: u32, tmp: &Path) -> Result<()> {
        match self {
            Sink::Csv(w) => {
                let buf = w.into_inner().map_err(|e| {
                    let err = std::io::Error::other(e.to_string());
                    Error::io(tmp, &err)
                })?;
                let file = buf.into_inner().map_err(|e| Error::io(tmp, e.error()))?;
                file.sync_all().map_err(|e| Error::io(tmp, &e))
            }
            Sink::Xlsx(mut book, _) => {
                let sheet = book
                    .worksheet_from_index(0)
                    .map_err(|e| xlsx_error(tmp, e))?;
                sheet
                    .autofilter(0, 0, rows, (COLUMNS.len() - 1) as u16)
                    .map_err(|e| xlsx_error(tmp, e))?;
                book.save(tmp).map_err(|e| xlsx_error(tmp, e))
            }
        }
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let err = std::io::Error::other(e.to_string());
    Error::io(path, &err)
}

fn setup_sheet(sheet: &mut Worksheet, f: &XlsxFormats) -> Result<(), XlsxError> {
    sheet.set_name("Pengguna TTE")?;
    for (i, (header, kind, width)) in COLUMNS.iter().enumerate() {
        let col = i as u16;
        sheet.set_column_width(col, *width)?;
        if *kind == Kind::Digits {
            // Cells typed later into these columns stay text too.
            sheet.set_column_format(col, &f.text)?;
        }
        sheet.write_string_with_format(0, col, *header, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_xlsx_row(
    sheet: &mut Worksheet,
    row: u32,
    values: [Value; 17],
    f: &XlsxFormats,
) -> Result<(), XlsxError> {
    for (i, v) in values.into_iter().enumerate() {
        let col = i as u16;
        match v {
            Value::Empty => {}
            Value::Text(s) if COLUMNS[i].1 == Kind::Digits => {
                sheet.write_string_with_format(row, col, s, &f.text)?;
            }
            Value::Text(s) => {
                sheet.write_string(row, col, s)?;
            }
            Value::Date(d) => {
                let dt = ExcelDateTime::from_ymd(
                    u16::try_from(d.year()).unwrap_or(1900),
                    d.month() as u8,
                    d.day() as u8,
                )?;
                sheet.write_datetime_with_format(row, col, dt, &f.date)?;
            }
            Value::Number(n) => {
                sheet.write_number(row, col, n as f64)?;
            }
        }
    }
    Ok(())
}

impl Loket {
    /// Writes every row matching `query` (paging ignored) to `path`, as XLSX
    /// or CSV by its extension. XLSX has real date cells, NIK/NIP/phone as
    /// text, a frozen bold header, a filter and column widths. The file
    /// appears whole or not at all: rows go to a temporary file renamed at
    /// the end.
    pub fn export_registry(
        &self,
        caller: &Caller,
        query: &RegistryQuery,
        path: &Path,
    ) -> Result<ExportReport> {
        caller.require(
            &READERS,
            &t!(
                "mengekspor daftar pengguna TTE",
                "export the registry of TTE users"
            ),
        )?;
        let format = SheetFormat::from_path(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            let d = dir.display();
            return Err(Error::invalid(t!(
                "Folder {d} tidak ada; pilih folder yang ada untuk menyimpan ekspor.",
                "The folder {d} does not exist; choose an existing folder for the export."
            )));
        }
        let filter = self.registry_filter(query);
        let today = filter.today;
        let tmp = temp_path(path);
        let mut sink = Sink::open(format, &tmp)?;
        let mut n: u32 = 0;
        let written = self.store.read(|db| {
            let matches = db.registry_search_count(&filter)?;
            let drive = db.registry_drive(&filter, matches, i64::MAX / 2, 0)?;
            db.registry_each(&filter, drive, None, 0, |row| {
                let row = RegistryRow::from_latest(row, today);
                sink.row(n, values(&row), &tmp)?;
                n += 1;
                Ok(())
            })
        });
        let finished = written.and_then(|()| sink.finish(n, &tmp));
        if let Err(e) = finished {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(path, &e)
        })?;
        Ok(ExportReport {
            path: path.to_path_buf(),
            format,
            rows: n as usize,
        })
    }
}

/// A temporary name beside the target, so the final rename stays on one
/// file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ekspor".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
