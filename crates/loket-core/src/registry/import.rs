//! Importing people and their certificate status from a spreadsheet.
//!
//! Two steps, both reading the file afresh: [`Loket::import_preview`] says
//! what each row would do (new, update with the changed fields, unchanged,
//! rejected with every reason and its line number) and writes nothing;
//! [`Loket::import_apply`] plans the same rows again inside one IMMEDIATE
//! transaction (so it judges them against the data as it is then, not as it
//! was at preview) and writes every valid row, or nothing if the file as a
//! whole cannot be used.
//!
//! Rows are matched to stored people by NIK, so importing the same file twice
//! changes nothing the second time. A blank cell, or a column the file does
//! not have, keeps the stored value: an update sheet may carry only `nik`
//! and the certificate columns. Certificate columns record a new certificate
//! record only when they differ from the person's latest one.

use super::sheet::{
    Cell, SheetData, SheetFormat, SheetRow, cell_date, cell_identity, cell_text, column_letter,
    read_sheet,
};
use crate::auth::Caller;
use crate::certificates::default_expiry;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::identity::{self, ValidationContext};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{CertStatus, PersonData, PersonInput, Revocation, RevocationReason, Role};
use crate::store::Db;
use crate::store::certificates::CertRow;
use crate::store::registry::LatestRow;
use crate::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// A column the import understands. The codes are the person's JSON field
/// names plus the certificate columns, and are also the export's headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Nama,
    NamaTanpaGelar,
    Nik,
    Nip,
    JenisPegawai,
    Golongan,
    Jabatan,
    UnitKerja,
    Email,
    Telepon,
    /// BSrE status (ISSUE, REVOKE, …; also aktif, dicabut, kedaluwarsa).
    StatusSertifikat,
    Terbit,
    BerlakuSampai,
    Dicabut,
    AlasanPencabutan,
}

impl ImportField {
    pub const ALL: [ImportField; 15] = [
        ImportField::Nama,
        ImportField::NamaTanpaGelar,
        ImportField::Nik,
        ImportField::Nip,
        ImportField::JenisPegawai,
        ImportField::Golongan,
        ImportField::Jabatan,
        ImportField::UnitKerja,
        ImportField::Email,
        ImportField::Telepon,
        ImportField::StatusSertifikat,
        ImportField::Terbit,
        ImportField::BerlakuSampai,
        ImportField::Dicabut,
        ImportField::AlasanPencabutan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ImportField::Nama => "nama",
            ImportField::NamaTanpaGelar => "nama_tanpa_gelar",
            ImportField::Nik => "nik",
            ImportField::Nip => "nip",
            ImportField::JenisPegawai => "jenis_pegawai",
            ImportField::Golongan => "golongan",
            ImportField::Jabatan => "jabatan",
            ImportField::UnitKerja => "unit_kerja",
            ImportField::Email => "email",
            ImportField::Telepon => "telepon",
            ImportField::StatusSertifikat => "status_sertifikat",
            ImportField::Terbit => "terbit",
            ImportField::BerlakuSampai => "berlaku_sampai",
            ImportField::Dicabut => "dicabut",
            ImportField::AlasanPencabutan => "alasan_pencabutan",
        }
    }

    pub fn parse(code: &str) -> Option<ImportField> {
        let c = normalize_header(code);
        ImportField::ALL
            .into_iter()
            .find(|f| normalize_header(f.code()) == c)
    }

    pub fn label(self) -> Text {
        match self {
            ImportField::Nama => Text::new("Nama (dengan gelar)", "Name (with titles)"),
            ImportField::NamaTanpaGelar => Text::new("Nama tanpa gelar", "Name without titles"),
            ImportField::Nik => Text::new("NIK", "NIK"),
            ImportField::Nip => Text::new("NIP", "NIP"),
            ImportField::JenisPegawai => Text::new("Jenis pegawai", "Kind of staff"),
            ImportField::Golongan => Text::new("Golongan", "Grade (golongan)"),
            ImportField::Jabatan => Text::new("Jabatan", "Position"),
            ImportField::UnitKerja => Text::new("Unit kerja", "Work unit"),
            ImportField::Email => Text::new("Email dinas", "Official email"),
            ImportField::Telepon => Text::new("Telepon", "Phone"),
            ImportField::StatusSertifikat => {
                Text::new("Status sertifikat (BSrE)", "Certificate status (BSrE)")
            }
            ImportField::Terbit => Text::new("Tanggal terbit", "Issue date"),
            ImportField::BerlakuSampai => Text::new("Berlaku sampai", "Valid until"),
            ImportField::Dicabut => Text::new("Tanggal dicabut", "Revocation date"),
            ImportField::AlasanPencabutan => Text::new("Alasan pencabutan", "Revocation reason"),
        }
    }

    /// Header names offices use for this column besides its code, compared
    /// after [`normalize_header`] (case, punctuation and spaces ignored).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Nama => &[
                "nama lengkap",
                "nama pegawai",
                "nama dengan gelar",
                "nama lengkap dengan gelar",
                "nama asn",
            ],
            ImportField::NamaTanpaGelar => &["nama sesuai ktp", "nama ktp"],
            ImportField::Nik => &["no ktp", "nomor ktp", "nik ktp", "nomor induk kependudukan"],
            ImportField::Nip => &["nip baru", "nomor induk pegawai", "nip nippk", "nipppk"],
            ImportField::JenisPegawai => &[
                "status pegawai",
                "status kepegawaian",
                "jenis asn",
                "jenis kepegawaian",
            ],
            ImportField::Golongan => &[
                "gol",
                "golongan ruang",
                "gol ruang",
                "pangkat golongan",
                "pangkat gol",
            ],
            ImportField::Jabatan => &["nama jabatan"],
            ImportField::UnitKerja => &[
                "opd",
                "skpd",
                "perangkat daerah",
                "unit organisasi",
                "satuan kerja",
                "instansi",
            ],
            ImportField::Email => &["e mail", "surel", "email dinas", "alamat email"],
            ImportField::Telepon => &[
                "no hp",
                "nomor hp",
                "hp",
                "no telp",
                "no telepon",
                "nomor telepon",
                "telp",
                "handphone",
                "no wa",
                "nomor wa",
                "whatsapp",
            ],
            ImportField::StatusSertifikat => &[
                "status sertifikat",
                "status bsre",
                "status tte",
                "status se",
            ],
            ImportField::Terbit => &["tanggal terbit", "tgl terbit", "diterbitkan"],
            ImportField::BerlakuSampai => &[
                "masa berlaku",
                "berlaku hingga",
                "tanggal kedaluwarsa",
                "tgl kedaluwarsa",
                "kedaluwarsa",
                "tanggal berakhir",
                "tgl berakhir",
            ],
            ImportField::Dicabut => &["tanggal dicabut", "tgl dicabut", "tanggal pencabutan"],
            ImportField::AlasanPencabutan => &["alasan"],
        }
    }
}

/// Columns the export writes that are derived and therefore ignored on
/// import (with a note, not silently).
const DERIVED_HEADERS: [&str; 2] = ["status registri", "sisa hari"];

/// Lower-case, every run of punctuation or space as one space: "No. HP",
/// "no_hp" and "NO  HP" all become "no hp".
fn normalize_header(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a long import is doing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// Reading and validating every row.
    Checking,
    /// Writing the valid rows.
    Writing,
}

impl ImportStage {
    pub fn label(self) -> Text {
        match self {
            ImportStage::Checking => t!("Memeriksa baris", "Checking rows"),
            ImportStage::Writing => t!("Menyimpan baris", "Saving rows"),
        }
    }
}

/// Progress of [`Loket::import_apply_with`]: rows done out of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: usize,
    pub total: usize,
}

/// Reports progress every few hundred rows and stops a cancelled import.
struct Ticker<'a> {
    report: &'a mut dyn FnMut(ImportProgress),
    cancel: &'a AtomicBool,
    total: usize,
}

impl Ticker<'_> {
    fn tick(&mut self, stage: ImportStage, done: usize) -> Result<()> {
        if done.is_multiple_of(500) || done == self.total {
            if self.cancel.load(Ordering::SeqCst) {
                return Err(Error::conflict(t!(
                    "Impor dibatalkan; tidak ada data yang disimpan.",
                    "Import cancelled; nothing was saved."
                )));
            }
            (self.report)(ImportProgress {
                stage,
                done,
                total: self.total,
            });
        }
        Ok(())
    }
}

/// Which column (0-based) holds each field. In JSON: `{"nama": 0, "nik": 2}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImportMapping(pub BTreeMap<ImportField, usize>);

impl ImportMapping {
    pub fn column(&self, field: ImportField) -> Option<usize> {
        self.0.get(&field).copied()
    }
}

/// Where the spreadsheet comes from: a file (format by its extension) or
/// bytes the window already holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    File(PathBuf),
    Bytes {
        name: String,
        format: SheetFormat,
        bytes: Vec<u8>,
    },
}

impl ImportSource {
    fn load(&self) -> Result<(String, SheetFormat, SheetData)> {
        match self {
            ImportSource::File(path) => {
                let format = SheetFormat::from_path(path)?;
                let label = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
                let data = read_sheet(format, &bytes, &label)?;
                Ok((label, format, data))
            }
            ImportSource::Bytes {
                name,
                format,
                bytes,
            } => Ok((name.clone(), *format, read_sheet(*format, bytes, name)?)),
        }
    }
}

/// A column of the file: its header and the field it was mapped to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub index: usize,
    /// Excel's letter: A, B, …, AA.
    pub letter: String,
    pub header: String,
    pub field: Option<ImportField>,
    /// Why the column is not used, when it is not.
    pub note: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    New,
    Update,
    Unchanged,
    Rejected,
}

/// One changed value of an existing person (or of their certificate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The certificate record a row will add.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateChange {
    pub status: CertStatus,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub revocation: Option<Revocation>,
}

/// What one spreadsheet row does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportRow {
    /// The row's line number in the spreadsheet.
    pub line: usize,
    pub action: ImportAction,
    /// The stored person the row matched by NIK.
    pub person_id: Option<i64>,
    pub nik: Option<String>,
    pub nama: Option<String>,
    /// For an update: each changed field with its old and new value.
    pub changes: Vec<FieldChange>,
    pub certificate: Option<CertificateChange>,
    /// For a rejected row: every reason, by field.
    pub problems: Vec<FieldIssue>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    /// Data rows (blank rows not counted).
    pub rows: usize,
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Certificate records the valid rows add.
    pub certificates: usize,
}

/// What an import would do. Nothing has been written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    pub file: String,
    pub format: SheetFormat,
    /// The worksheet read (XLSX).
    pub sheet: Option<String>,
    pub header_line: usize,
    pub columns: Vec<ImportColumn>,
    /// The mapping used: the one given, or the one proposed from headers.
    pub mapping: ImportMapping,
    /// Columns without which nothing can be imported (the NIK). When not
    /// empty, no row was judged and `import_apply` refuses.
    pub missing: Vec<FieldIssue>,
    /// Things worth knowing that do not stop the import (e.g. no name
    /// column: only people already on file can be updated).
    pub notes: Vec<Text>,
    pub counts: ImportCounts,
    pub rows: Vec<ImportRow>,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub counts: ImportCounts,
    /// Every rejected row with its line and reasons; nothing of them was
    /// written.
    pub rejected: Vec<ImportRow>,
}

/// Page cache per imported row during an import (KiB), and its ceiling:
/// about what the rows add to the database's indexes.
const IMPORT_CACHE_KIB_PER_ROW: i64 = 1;
const IMPORT_CACHE_KIB_MAX: i64 = 128 * 1024;

/// Person fields required by validation; a file without one of these
/// columns can still update people already on file.
const NEEDED_FOR_NEW: [ImportField; 5] = [
    ImportField::Nama,
    ImportField::JenisPegawai,
    ImportField::Jabatan,
    ImportField::UnitKerja,
    ImportField::Email,
];

/// The header row read and mapped.
struct Mapped {
    header_line: usize,
    columns: Vec<ImportColumn>,
    mapping: ImportMapping,
    missing: Vec<FieldIssue>,
    notes: Vec<Text>,
}

fn map_columns(data: &SheetData, given: Option<&ImportMapping>) -> Result<Mapped> {
    let header = &data.rows[0];
    let width = data.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let headers: Vec<String> = (0..width)
        .map(|i| cell_text(header.cell(i)).ok().flatten().unwrap_or_default())
        .collect();
    let mapping = match given {
        Some(m) => {
            check_mapping(m, width)?;
            m.clone()
        }
        None => propose_mapping(&headers),
    };
    let by_column: HashMap<usize, ImportField> = mapping.0.iter().map(|(f, c)| (*c, *f)).collect();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let field = by_column.get(&i).copied();
            let norm = normalize_header(h);
            let note = match field {
                Some(_) => None,
                None if h.trim().is_empty() => None,
                None if DERIVED_HEADERS.contains(&norm.as_str()) => Some(Text::new(
                    "Kolom turunan hasil ekspor; diabaikan saat impor.",
                    "A derived column of the export; ignored on import.",
                )),
                None => match ImportField::ALL.into_iter().find(|f| header_matches(*f, &norm)) {
                    Some(f) => {
                        let other = mapping.column(f).map(column_letter).unwrap_or_default();
                        let code = f.code();
                        Some(t!(
                            "Kolom untuk {code} sudah diambil dari kolom {other}; kolom ini diabaikan.",
                            "The {code} column is already taken from column {other}; this one is ignored."
                        ))
                    }
                    None => Some(Text::new(
                        "Judul kolom tidak dikenal; kolom ini diabaikan.",
                        "Unknown column header; this column is ignored.",
                    )),
                },
            };
            ImportColumn {
                index: i,
                letter: column_letter(i),
                header: h.clone(),
                field,
                note,
            }
        })
        .collect();
    let mut missing = Vec::new();
    if mapping.column(ImportField::Nik).is_none() {
        let found = headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ");
        missing.push(FieldIssue::new(
            "nik",
            t!(
                "Kolom NIK tidak ditemukan pada baris judul (yang ada: {found}). NIK dipakai untuk mencocokkan pegawai; beri judul kolom \"nik\" atau \"NIK\", atau pilih kolomnya secara manual.",
                "No NIK column in the header row (found: {found}). The NIK is used to match people; head the column \"nik\" or \"NIK\", or choose the column by hand."
            ),
        ));
    }
    let mut notes = Vec::new();
    let absent: Vec<&str> = NEEDED_FOR_NEW
        .iter()
        .filter(|f| mapping.column(**f).is_none())
        .map(|f| f.code())
        .collect();
    if !absent.is_empty() && missing.is_empty() {
        let list = absent.join(", ");
        notes.push(t!(
            "Kolom {list} tidak ada: hanya pegawai yang sudah terdaftar (dicocokkan lewat NIK) yang dapat diperbarui; baris pegawai baru akan ditolak.",
            "No {list} column: only people already on file (matched by NIK) can be updated; rows of new people will be rejected."
        ));
    }
    let has_cert_detail = [
        ImportField::Terbit,
        ImportField::BerlakuSampai,
        ImportField::Dicabut,
        ImportField::AlasanPencabutan,
    ]
    .iter()
    .any(|f| mapping.column(*f).is_some());
    if has_cert_detail && mapping.column(ImportField::StatusSertifikat).is_none() {
        notes.push(Text::new(
            "Ada kolom tanggal atau alasan sertifikat tetapi tidak ada kolom status_sertifikat, jadi data sertifikat tidak diimpor.",
            "There are certificate date or reason columns but no status_sertifikat column, so certificate data is not imported.",
        ));
    }
    Ok(Mapped {
        header_line: header.line,
        columns,
        mapping,
        missing,
        notes,
    })
}

fn header_matches(field: ImportField, norm: &str) -> bool {
    normalize_header(field.code()) == norm || field.aliases().contains(&norm)
}

/// Proposes a mapping from the header names: the first column whose header
/// is a field's code or one of its aliases.
fn propose_mapping(headers: &[String]) -> ImportMapping {
    let mut map = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        let norm = normalize_header(h);
        if norm.is_empty() {
            continue;
        }
        if let Some(field) = ImportField::ALL
            .into_iter()
            .find(|f| header_matches(*f, &norm))
        {
            map.entry(field).or_insert(i);
        }
    }
    ImportMapping(map)
}

fn check_mapping(m: &ImportMapping, width: usize) -> Result<()> {
    let mut issues = Vec::new();
    let mut seen: HashMap<usize, ImportField> = HashMap::new();
    for (field, col) in &m.0 {
        let code = field.code();
        let letter = column_letter(*col);
        if *col >= width {
            issues.push(FieldIssue::new(
                code,
                t!(
                    "Kolom {letter} untuk {code} tidak ada; berkas ini hanya memiliki {width} kolom.",
                    "Column {letter} for {code} does not exist; this file has only {width} columns."
                ),
            ));
        }
        if let Some(other) = seen.insert(*col, *field) {
            let other = other.code();
            issues.push(FieldIssue::new(
                code,
                t!(
                    "Kolom {letter} dipilih untuk {other} dan juga untuk {code}; satu kolom hanya untuk satu isian.",
                    "Column {letter} is chosen for {other} and also for {code}; a column serves one field only."
                ),
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid_fields(issues))
    }
}

/// A certificate state a row asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CertWant {
    status: CertStatus,
    issued_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    revoked_on: Option<NaiveDate>,
    revocation: Option<Revocation>,
}

/// A planned row: what the preview shows and what apply writes.
struct Planned {
    row: ImportRow,
    /// The validated person for a new or updated row.
    data: Option<PersonData>,
    /// The stored person before the change.
    old: Option<PersonData>,
    person_changed: bool,
}

fn status_of_cell(text: &str) -> Option<CertStatus> {
    let norm = normalize_header(text).replace(' ', "_");
    CertStatus::parse(&norm).or(match norm.as_str() {
        "aktif" | "terbit" | "issued" | "active" => Some(CertStatus::Issue),
        "dicabut" | "revoked" => Some(CertStatus::Revoke),
        "kedaluwarsa" | "kadaluarsa" | "kadaluwarsa" => Some(CertStatus::Expired),
        "ditangguhkan" | "suspended" => Some(CertStatus::Suspend),
        "belum" => Some(CertStatus::NoCertificate),
        _ => None,
    })
}

/// A revocation reason cell: a standard reason by its code or wording
/// ("pensiun", "Lupa passphrase"), "code: the office's own words"
/// ("pensiun: pensiun dini"), or anything else as "other" in those words.
pub(crate) fn parse_revocation(text: &str) -> Revocation {
    let text = text.trim();
    let (reason, wording) = match RevocationReason::parse_loose(text) {
        Some(reason) => (reason, reason.wording().id),
        None => match text
            .split_once(':')
            .and_then(|(code, words)| Some((RevocationReason::parse_loose(code)?, words.trim())))
            .filter(|(_, words)| !words.is_empty())
        {
            Some((reason, words)) => (reason, words.to_string()),
            None => (RevocationReason::Lainnya, text.to_string()),
        },
    };
    Revocation {
        reason,
        wording,
        crl: reason.crl().code(),
    }
}

fn is_non_asn(kind: &str) -> bool {
    matches!(
        kind.trim().to_lowercase().replace([' ', '-'], "_").as_str(),
        "non_asn" | "nonasn"
    )
}

/// Everything a row's cells say, before the stored person is consulted.
struct RowCells {
    values: BTreeMap<ImportField, Option<String>>,
    cert: Option<CertWant>,
    problems: Vec<FieldIssue>,
}

fn read_row(row: &SheetRow, mapping: &ImportMapping) -> RowCells {
    let mut problems = Vec::new();
    let mut values = BTreeMap::new();
    let mut problem = |field: ImportField, message: Text| {
        problems.push(FieldIssue::new(field.code(), message));
    };
    for field in [
        ImportField::Nama,
        ImportField::NamaTanpaGelar,
        ImportField::Nik,
        ImportField::Nip,
        ImportField::JenisPegawai,
        ImportField::Golongan,
        ImportField::Jabatan,
        ImportField::UnitKerja,
        ImportField::Email,
        ImportField::Telepon,
    ] {
        let Some(col) = mapping.column(field) else {
            continue;
        };
        let cell = row.cell(col);
        let value = match field {
            ImportField::Nik => cell_identity(cell, "NIK", 16),
            ImportField::Nip => cell_identity(cell, "NIP", 18),
            _ => cell_text(cell),
        };
        match value {
            Ok(v) => {
                values.insert(field, v);
            }
            Err(message) => problem(field, message),
        }
    }

    let get = |field: ImportField| -> &Cell {
        mapping
            .column(field)
            .map(|c| row.cell(c))
            .unwrap_or(&Cell::Empty)
    };
    let mut cert = None;
    let status_text = match cell_text(get(ImportField::StatusSertifikat)) {
        Ok(s) => s,
        Err(m) => {
            problem(ImportField::StatusSertifikat, m);
            None
        }
    };
    let mut date = |field: ImportField| match cell_date(get(field), &field.label().id) {
        Ok(d) => d,
        Err(m) => {
            problems.push(FieldIssue::new(field.code(), m));
            None
        }
    };
    let issued_on = date(ImportField::Terbit);
    let expires_on = date(ImportField::BerlakuSampai);
    let revoked_on = date(ImportField::Dicabut);
    let reason_text = match cell_text(get(ImportField::AlasanPencabutan)) {
        Ok(s) => s,
        Err(m) => {
            problems.push(FieldIssue::new(ImportField::AlasanPencabutan.code(), m));
            None
        }
    };
    let mut problem = |field: ImportField, message: Text| {
        problems.push(FieldIssue::new(field.code(), message));
    };
    match status_text {
        None => {
            if mapping.column(ImportField::StatusSertifikat).is_some()
                && (issued_on.is_some()
                    || expires_on.is_some()
                    || revoked_on.is_some()
                    || reason_text.is_some())
            {
                problem(
                    ImportField::StatusSertifikat,
                    Text::new(
                        "Status sertifikat kosong padahal tanggal atau alasan sertifikat diisi; isi statusnya (misalnya ISSUE atau REVOKE).",
                        "The certificate status is empty although certificate dates or a reason are filled in; fill in the status (e.g. ISSUE or REVOKE).",
                    ),
                );
            }
        }
        Some(s) => match status_of_cell(&s) {
            None => {
                let known = CertStatus::ALL.map(|c| c.code()).join(", ");
                problem(
                    ImportField::StatusSertifikat,
                    t!(
                        "Status sertifikat \"{s}\" tidak dikenal; gunakan istilah BSrE: {known} (atau aktif, dicabut, kedaluwarsa).",
                        "Unknown certificate status \"{s}\"; use BSrE's terms: {known} (or aktif, dicabut, kedaluwarsa)."
                    ),
                );
            }
            Some(status) => {
                if let (Some(i), Some(e)) = (issued_on, expires_on)
                    && e <= i
                {
                    problem(
                        ImportField::BerlakuSampai,
                        t!(
                            "Tanggal berlaku sampai ({e}) harus sesudah tanggal terbit ({i}).",
                            "The valid-until date ({e}) must be after the issue date ({i})."
                        ),
                    );
                }
                if let (Some(i), Some(r)) = (issued_on, revoked_on)
                    && r < i
                {
                    problem(
                        ImportField::Dicabut,
                        t!(
                            "Tanggal dicabut ({r}) tidak boleh sebelum tanggal terbit ({i}).",
                            "The revocation date ({r}) cannot be before the issue date ({i})."
                        ),
                    );
                }
                if status != CertStatus::Revoke {
                    let code = status.code();
                    if revoked_on.is_some() {
                        problem(
                            ImportField::Dicabut,
                            t!(
                                "Tanggal dicabut hanya diisi untuk status REVOKE, bukan {code}.",
                                "A revocation date belongs only to status REVOKE, not {code}."
                            ),
                        );
                    }
                    if reason_text.is_some() {
                        problem(
                            ImportField::AlasanPencabutan,
                            t!(
                                "Alasan pencabutan hanya diisi untuk status REVOKE, bukan {code}.",
                                "A revocation reason belongs only to status REVOKE, not {code}."
                            ),
                        );
                    }
                }
                let revocation = reason_text.as_deref().map(parse_revocation);
                cert = Some(CertWant {
                    status,
                    issued_on,
                    expires_on,
                    revoked_on,
                    revocation,
                });
            }
        },
    }
    RowCells {
        values,
        cert,
        problems,
    }
}

/// The text of a stored person's field, as a cell would carry it.
fn stored_value(p: &PersonData, field: ImportField) -> Option<String> {
    match field {
        ImportField::Nama => Some(p.nama.clone()),
        ImportField::NamaTanpaGelar => Some(p.nama_tanpa_gelar.clone()),
        ImportField::Nik => Some(p.nik.clone()),
        ImportField::Nip => p.nip.clone(),
        ImportField::JenisPegawai => Some(p.jenis_pegawai.code().to_string()),
        ImportField::Golongan => p.golongan.clone(),
        ImportField::Jabatan => Some(p.jabatan.clone()),
        ImportField::UnitKerja => Some(p.unit_kerja.clone()),
        ImportField::Email => Some(p.email.clone()),
        ImportField::Telepon => p.telepon.clone(),
        _ => None,
    }
}

/// The person a row describes: its cells, and for a blank cell or a column
/// the file lacks, the stored value.
fn person_input(cells: &RowCells, stored: Option<&PersonData>) -> PersonInput {
    let given = |f: ImportField| cells.values.get(&f).cloned().flatten();
    let kind = given(ImportField::JenisPegawai)
        .or_else(|| stored.map(|p| p.jenis_pegawai.code().to_string()));
    let non_asn = kind.as_deref().is_some_and(is_non_asn);
    let value = |f: ImportField| {
        given(f).or_else(|| match f {
            // A non-ASN row keeps no stored NIP or golongan: they would
            // contradict the kind of staff.
            ImportField::Nip | ImportField::Golongan if non_asn => None,
            // The name without titles follows the name: kept only while the
            // name is unchanged, derived from the new name otherwise.
            ImportField::NamaTanpaGelar => stored
                .filter(|p| given(ImportField::Nama).is_none_or(|n| n == p.nama))
                .map(|p| p.nama_tanpa_gelar.clone()),
            _ => stored.and_then(|p| stored_value(p, f)),
        })
    };
    PersonInput {
        nama: value(ImportField::Nama),
        nama_tanpa_gelar: value(ImportField::NamaTanpaGelar),
        nik: value(ImportField::Nik),
        nip: value(ImportField::Nip),
        jenis_pegawai: kind,
        golongan: value(ImportField::Golongan),
        jabatan: value(ImportField::Jabatan),
        unit_kerja: value(ImportField::UnitKerja),
        email: value(ImportField::Email),
        telepon: value(ImportField::Telepon),
    }
}

fn person_changes(old: &PersonData, new: &PersonData) -> Vec<FieldChange> {
    ImportField::ALL
        .into_iter()
        .filter_map(|f| {
            let (a, b) = (stored_value(old, f), stored_value(new, f));
            (a != b && f != ImportField::Nik).then(|| FieldChange {
                field: f.code().to_string(),
                old: a,
                new: b,
            })
        })
        .collect()
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Compares the certificate a row asks for with the person's latest record:
/// None when they agree (blank cells agree with anything), else the record
/// to add, blanks filled from the latest record of the same status.
fn cert_change(want: &CertWant, latest: Option<&LatestRow>) -> Option<CertificateChange> {
    let same_status = latest.and_then(|l| l.status) == Some(want.status);
    if same_status {
        let l = latest?;
        let agrees = want.issued_on.is_none_or(|d| Some(d) == l.issued_on)
            && want.expires_on.is_none_or(|d| Some(d) == l.expires_on)
            && want.revoked_on.is_none_or(|d| Some(d) == l.revoked_on)
            && want.revocation.as_ref().is_none_or(|r| {
                l.revocation
                    .as_ref()
                    .is_some_and(|s| s.reason == r.reason && s.wording == r.wording)
            });
        if agrees {
            return None;
        }
    }
    let fill = latest.filter(|_| same_status);
    // Revoking, suspending or expiring a certificate changes its status,
    // not its dates: those carry over from the latest record.
    let same_certificate = latest.filter(|l| {
        same_status
            || (matches!(
                want.status,
                CertStatus::Revoke | CertStatus::Suspend | CertStatus::Expired
            ) && matches!(
                l.status,
                Some(CertStatus::Issue | CertStatus::Suspend | CertStatus::Renew)
            ))
    });
    let issued_on = want
        .issued_on
        .or(same_certificate.and_then(|l| l.issued_on));
    let mut expires_on = want
        .expires_on
        .or(same_certificate.and_then(|l| l.expires_on));
    if expires_on.is_none() && matches!(want.status, CertStatus::Issue | CertStatus::Expired) {
        expires_on = issued_on.map(default_expiry);
    }
    let no_record = matches!(
        want.status,
        CertStatus::NoCertificate | CertStatus::NotRegistered
    );
    if latest.is_none_or(|l| l.status.is_none()) && no_record && issued_on.is_none() {
        // "No certificate" for someone without any record says nothing new.
        return None;
    }
    Some(CertificateChange {
        status: want.status,
        issued_on,
        expires_on,
        revoked_on: want.revoked_on.or(fill.and_then(|l| l.revoked_on)),
        revocation: want
            .revocation
            .clone()
            .or(fill.and_then(|l| l.revocation.clone())),
    })
}

fn cert_changes(change: &CertificateChange, latest: Option<&LatestRow>) -> Vec<FieldChange> {
    let pairs = [
        (
            ImportField::StatusSertifikat,
            latest.and_then(|l| l.status).map(|s| s.code().to_string()),
            Some(change.status.code().to_string()),
        ),
        (
            ImportField::Terbit,
            date_text(latest.and_then(|l| l.issued_on)),
            date_text(change.issued_on),
        ),
        (
            ImportField::BerlakuSampai,
            date_text(latest.and_then(|l| l.expires_on)),
            date_text(change.expires_on),
        ),
        (
            ImportField::Dicabut,
            date_text(latest.and_then(|l| l.revoked_on)),
            date_text(change.revoked_on),
        ),
        (
            ImportField::AlasanPencabutan,
            latest
                .and_then(|l| l.revocation.as_ref())
                .map(|r| r.wording.clone()),
            change.revocation.as_ref().map(|r| r.wording.clone()),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, old, new)| FieldChange {
            field: f.code().to_string(),
            old,
            new,
        })
        .collect()
}

/// Judges every row against the stored data: the heart of both preview and
/// apply.
fn plan(
    db: &Db,
    data: &SheetData,
    mapping: &ImportMapping,
    ctx: &ValidationContext,
    now: &str,
    ticker: &mut Ticker,
) -> Result<Vec<Planned>> {
    let mut planned = Vec::with_capacity(data.rows.len().saturating_sub(1));
    for (i, row) in data.rows.iter().skip(1).enumerate() {
        ticker.tick(ImportStage::Checking, i)?;
        let cells = read_row(row, mapping);
        let mut problems = cells.problems.clone();
        let nik_key = cells
            .values
            .get(&ImportField::Nik)
            .cloned()
            .flatten()
            .and_then(|n| identity::parse_nik(&n, ctx.today).ok())
            .map(|info| info.nik);
        let latest = match &nik_key {
            Some(nik) => db.latest_by_nik(nik)?,
            None => None,
        };
        let stored = latest.as_ref().map(|l| &l.person.data);
        let input = person_input(&cells, stored);
        let data = match identity::validate_person(&input, ctx) {
            Ok(d) => Some(d),
            Err(issues) => {
                for issue in issues {
                    // A cell problem (e.g. a NIK Excel rounded) says more
                    // than validation of what was left of the cell.
                    if !problems.iter().any(|p| p.field == issue.field) {
                        problems.push(issue);
                    }
                }
                None
            }
        };
        if let Some(nip) = data.as_ref().and_then(|d| d.nip.as_deref())
            && let Some((holder, name)) = db.nip_holder(nip)?
            && Some(holder) != latest.as_ref().map(|l| l.person.id)
        {
            problems.push(FieldIssue::new(
                "nip",
                t!(
                    "NIP ini sudah terdaftar atas nama {name} dengan NIK lain.",
                    "This NIP is already registered to {name} under another NIK."
                ),
            ));
        }
        let certificate = cells
            .cert
            .as_ref()
            .and_then(|want| cert_change(want, latest.as_ref()));
        if let (Some(change), Some(l)) = (&certificate, &latest)
            && let Some(problem) = stale_certificate(db, change, l, now)?
        {
            problems.push(problem);
        }
        let (mut changes, person_changed) = match (&data, stored) {
            (Some(new), Some(old)) => {
                let c = person_changes(old, new);
                let changed = !c.is_empty();
                (c, changed)
            }
            _ => (Vec::new(), false),
        };
        if let Some(change) = &certificate {
            changes.extend(cert_changes(change, latest.as_ref()));
        }
        let action = if !problems.is_empty() {
            ImportAction::Rejected
        } else if latest.is_none() {
            ImportAction::New
        } else if changes.is_empty() {
            ImportAction::Unchanged
        } else {
            ImportAction::Update
        };
        let nama = data
            .as_ref()
            .map(|d| d.nama.clone())
            .or_else(|| input.nama.clone());
        planned.push(Planned {
            row: ImportRow {
                line: row.line,
                action,
                person_id: latest.as_ref().map(|l| l.person.id),
                nik: nik_key.or_else(|| input.nik.clone()),
                nama,
                changes: if action == ImportAction::Update {
                    changes
                } else {
                    Vec::new()
                },
                certificate,
                problems,
            },
            data,
            old: stored.cloned(),
            person_changed,
        });
    }
    reject_duplicates(&mut planned);
    Ok(planned)
}

/// A certificate record older than the person's latest would not become the
/// latest (records are ordered by issue date), so the next import would
/// find the same difference and add it again. Refuse it instead.
fn stale_certificate(
    db: &Db,
    change: &CertificateChange,
    latest: &LatestRow,
    now: &str,
) -> Result<Option<FieldIssue>> {
    let Some(cert_id) = latest.certificate_id else {
        return Ok(None);
    };
    let old_key = match latest.issued_on {
        Some(d) => d.to_string(),
        None => db.certificate_created_at(cert_id)?.unwrap_or_default(),
    };
    let new_key = change
        .issued_on
        .map(|d| d.to_string())
        .unwrap_or_else(|| now.to_string());
    if new_key >= old_key {
        return Ok(None);
    }
    let (status, old_status) = (
        change.status.code(),
        latest.status.map(|s| s.code()).unwrap_or("-"),
    );
    let old_date = &old_key[..old_key.len().min(10)];
    let new_date = &new_key[..new_key.len().min(10)];
    Ok(Some(FieldIssue::new(
        "status_sertifikat",
        t!(
            "Sertifikat di berkas ({status}, terbit {new_date}) lebih lama daripada catatan terakhir di aplikasi ({old_status}, {old_date}); baris ini tidak diimpor. Periksa apakah berkas ini versi lama.",
            "The certificate in the file ({status}, issued {new_date}) is older than the latest record in the app ({old_status}, {old_date}); this row is not imported. Check whether the file is an old version."
        ),
    )))
}

/// Rows of one NIK (or NIP) in the same file are all rejected: which of
/// them is right is for the clerk to decide, not the import.
fn reject_duplicates(planned: &mut [Planned]) {
    let mut by_nik: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_nip: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in planned.iter().enumerate() {
        if let Some(d) = &p.data {
            by_nik.entry(d.nik.clone()).or_default().push(i);
            if let Some(nip) = &d.nip {
                by_nip.entry(nip.clone()).or_default().push(i);
            }
        }
    }
    for (label, groups) in [("nik", by_nik), ("nip", by_nip)] {
        for idx in groups.into_values().filter(|v| v.len() > 1) {
            for &i in &idx {
                let others = idx
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| planned[j].row.line.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let upper = label.to_uppercase();
                let row = &mut planned[i].row;
                row.problems.push(FieldIssue::new(
                    label,
                    t!(
                        "{upper} yang sama juga ada di baris {others}; setiap pegawai cukup satu baris. Hapus atau gabungkan baris yang dobel.",
                        "The same {upper} is also on line {others}; each person needs one line only. Delete or merge the duplicate lines."
                    ),
                ));
                row.action = ImportAction::Rejected;
                row.changes.clear();
            }
        }
    }
}

fn counts(planned: &[Planned]) -> ImportCounts {
    let mut c = ImportCounts {
        rows: planned.len(),
        ..ImportCounts::default()
    };
    for p in planned {
        match p.row.action {
            ImportAction::New => c.new += 1,
            ImportAction::Update => c.update += 1,
            ImportAction::Unchanged => c.unchanged += 1,
            ImportAction::Rejected => c.rejected += 1,
        }
        if p.row.action != ImportAction::Rejected && p.row.certificate.is_some() {
            c.certificates += 1;
        }
    }
    c
}

impl Loket {
    fn import_context(&self) -> Result<ValidationContext> {
        Ok(ValidationContext {
            email_domain: self.email_domain()?,
            today: self.today(),
        })
    }

    /// Reads a spreadsheet and says what importing it would do, row by row.
    /// `mapping` overrides the columns proposed from the header names.
    /// Writes nothing.
    pub fn import_preview(
        &self,
        caller: &Caller,
        source: &ImportSource,
        mapping: Option<&ImportMapping>,
    ) -> Result<ImportPreview> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!(
                "mengimpor data pengguna TTE dari lembar kerja",
                "import TTE users from a spreadsheet"
            ),
        )?;
        let (file, format, data) = source.load()?;
        let mapped = map_columns(&data, mapping)?;
        let ctx = self.import_context()?;
        let now = self.stamp_now();
        let planned = if mapped.missing.is_empty() {
            let never = AtomicBool::new(false);
            let mut ticker = Ticker {
                report: &mut |_| {},
                cancel: &never,
                total: data.rows.len().saturating_sub(1),
            };
            self.store
                .read(|db| plan(db, &data, &mapped.mapping, &ctx, &now, &mut ticker))?
        } else {
            Vec::new()
        };
        Ok(ImportPreview {
            file,
            format,
            sheet: data.sheet_name.clone(),
            header_line: mapped.header_line,
            columns: mapped.columns,
            mapping: mapped.mapping,
            missing: mapped.missing,
            notes: mapped.notes,
            counts: counts(&planned),
            rows: planned.into_iter().map(|p| p.row).collect(),
        })
    }

    /// Imports a spreadsheet: every valid row in one transaction (new people
    /// added, changed people updated with their old values in the audit log,
    /// certificate records added where the file differs from the latest),
    /// every rejected row reported with its line and reasons. The rows are
    /// judged again here, against the data as it is now.
    pub fn import_apply(
        &self,
        caller: &Caller,
        source: &ImportSource,
        mapping: Option<&ImportMapping>,
    ) -> Result<ImportReport> {
        self.import_apply_with(
            caller,
            source,
            mapping,
            &mut |_| {},
            &AtomicBool::new(false),
        )
    }

    /// [`Loket::import_apply`] reporting its progress (rows checked, then
    /// rows written) and stopping when `cancel` is set. Everything runs in
    /// one transaction, so a cancelled import stores nothing.
    pub fn import_apply_with(
        &self,
        caller: &Caller,
        source: &ImportSource,
        mapping: Option<&ImportMapping>,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!(
                "mengimpor data pengguna TTE dari lembar kerja",
                "import TTE users from a spreadsheet"
            ),
        )?;
        let (file, _format, data) = source.load()?;
        let mapped = map_columns(&data, mapping)?;
        if !mapped.missing.is_empty() {
            return Err(Error::invalid_fields(mapped.missing));
        }
        let ctx = self.import_context()?;
        let now = self.stamp_now();
        // A bigger page cache and in-memory statement journals for the
        // length of the import (see Db::begin_bulk), given back afterwards.
        let cache_kib = (data.rows.len() as i64)
            .saturating_mul(IMPORT_CACHE_KIB_PER_ROW)
            .min(IMPORT_CACHE_KIB_MAX);
        let saved = self.store.read(|db| db.begin_bulk(cache_kib))?;
        let total = data.rows.len().saturating_sub(1);
        let mut ticker = Ticker {
            report: progress,
            cancel,
            total,
        };
        let planned = self.store.write(|db| {
            let planned = plan(db, &data, &mapped.mapping, &ctx, &now, &mut ticker)?;
            write_planned(db, caller, &planned, &file, &now, &mut ticker)?;
            ticker.tick(ImportStage::Writing, total)?;
            Ok(planned)
        });
        self.store.read(|db| db.end_bulk(saved))?;
        let planned = planned?;
        Ok(ImportReport {
            file,
            counts: counts(&planned),
            rejected: planned
                .into_iter()
                .filter(|p| p.row.action == ImportAction::Rejected)
                .map(|p| p.row)
                .collect(),
        })
    }
}

/// Writes the planned rows: one audit entry per row written (the person's
/// creation or change, naming the certificate record it added), and one for
/// the import as a whole.
fn write_planned(
    db: &Db,
    caller: &Caller,
    planned: &[Planned],
    file: &str,
    now: &str,
    ticker: &mut Ticker,
) -> Result<()> {
    let c = counts(planned);
    if c.new + c.update == 0 {
        return Ok(());
    }
    for (i, p) in planned.iter().enumerate() {
        ticker.tick(ImportStage::Writing, i)?;
        if !matches!(p.row.action, ImportAction::New | ImportAction::Update) {
            continue;
        }
        let Some(data) = &p.data else {
            continue;
        };
        let person_id = match p.row.person_id {
            None => db.insert_person(data, now)?,
            Some(id) => {
                if p.person_changed {
                    db.update_person(id, data, now)?;
                }
                id
            }
        };
        let mut summary = match (p.row.person_id, p.person_changed) {
            (None, _) => format!("Data {} ditambahkan dari impor {file}", data.nama),
            (Some(_), true) => format!("Data {} diubah dari impor {file}", data.nama),
            (Some(_), false) => format!("Sertifikat {} dicatat dari impor {file}", data.nama),
        };
        if let Some(cert) = &p.row.certificate {
            let cert_id = db.insert_certificate(
                &CertRow {
                    person_id,
                    status: cert.status,
                    issued_on: cert.issued_on,
                    expires_on: cert.expires_on,
                    revoked_on: cert.revoked_on,
                    revocation: cert.revocation.as_ref(),
                    request_id: None,
                },
                now,
            )?;
            summary.push_str(&format!("; sertifikat {} #{cert_id}", cert.status.code()));
        }
        let (action, old_value, new_value) = match (p.row.person_id, p.person_changed) {
            // A new person's values are the row itself (later changes log
            // their old values); repeating them for 200,000 rows would
            // double the database.
            (None, _) => ("person.create", None, None),
            (Some(_), true) => (
                "person.update",
                p.old.as_ref().and_then(audit_json),
                audit_json(data),
            ),
            (Some(_), false) => ("certificate.record", None, None),
        };
        Audit {
            action,
            entity: "person",
            entity_id: Some(person_id.to_string()),
            summary,
            old_value,
            new_value,
        }
        .write(db, caller, now)?;
    }
    Audit {
        action: "registry.import",
        entity: "registry",
        entity_id: None,
        summary: format!(
            "Impor {file}: {} baru, {} diubah, {} tetap, {} ditolak, {} catatan sertifikat",
            c.new, c.update, c.unchanged, c.rejected, c.certificates
        ),
        old_value: None,
        new_value: audit_json(&c),
    }
    .write(db, caller, now)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn headers_map_by_code_and_common_variants() {
        let headers: Vec<String> = [
            "No.",
            "Nama Lengkap",
            "NIK",
            "NIP Baru",
            "Pangkat/Golongan",
            "Jabatan",
            "OPD",
            "E-mail",
            "No. HP",
            "Status Pegawai",
            "status_sertifikat",
            "Tgl Terbit",
            "Berlaku Sampai",
            "Unit Kerja",
        ]
        .map(String::from)
        .to_vec();
        let m = propose_mapping(&headers);
        let col = |f| m.column(f);
        assert_eq!(col(ImportField::Nama), Some(1));
        assert_eq!(col(ImportField::Nik), Some(2));
        assert_eq!(col(ImportField::Nip), Some(3));
        assert_eq!(col(ImportField::Golongan), Some(4));
        assert_eq!(col(ImportField::Jabatan), Some(5));
        assert_eq!(
            col(ImportField::UnitKerja),
            Some(6),
            "the first unit column wins"
        );
        assert_eq!(col(ImportField::Email), Some(7));
        assert_eq!(col(ImportField::Telepon), Some(8));
        assert_eq!(col(ImportField::JenisPegawai), Some(9));
        assert_eq!(col(ImportField::StatusSertifikat), Some(10));
        assert_eq!(col(ImportField::Terbit), Some(11));
        assert_eq!(col(ImportField::BerlakuSampai), Some(12));
        assert_eq!(col(ImportField::NamaTanpaGelar), None);
        assert_eq!(m.0.len(), 12);
    }

    #[test]
    fn mapping_serialises_as_field_to_column() {
        let m = ImportMapping(BTreeMap::from([
            (ImportField::Nik, 2),
            (ImportField::Nama, 0),
        ]));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"nama":0,"nik":2}"#);
        assert_eq!(serde_json::from_str::<ImportMapping>(&json).unwrap(), m);
    }

    #[test]
    fn status_cells_in_bsre_and_office_words() {
        let cases = [
            ("ISSUE", Some(CertStatus::Issue)),
            ("issue", Some(CertStatus::Issue)),
            (
                "Waiting for verification",
                Some(CertStatus::WaitingForVerification),
            ),
            (
                "WAITING_FOR_VERIFICATION",
                Some(CertStatus::WaitingForVerification),
            ),
            ("Aktif", Some(CertStatus::Issue)),
            ("dicabut", Some(CertStatus::Revoke)),
            ("Kedaluwarsa", Some(CertStatus::Expired)),
            ("belum", Some(CertStatus::NoCertificate)),
            ("hilang", None),
        ];
        for (text, expected) in cases {
            assert_eq!(status_of_cell(text), expected, "{text}");
        }
    }
}
