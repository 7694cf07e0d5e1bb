//! Reading the audit log: every change the office made, who made it and
//! when, with the old and new values. Searchable for the window, exportable
//! to CSV or Excel for an inspection.

use crate::auth::Caller;
use crate::error::{Error, FieldIssue, Result};
use crate::loket::{Audit, Loket};
use crate::model::Role;
use crate::store::AuditEntry;
use crate::store::audit::AuditFilter;
use crate::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Filters for the log; every given filter must hold. Empty text counts as
/// not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// Words that must each appear in the summary, the user name, the
    /// action or the entity id (any case).
    pub search: Option<String>,
    /// The user name exactly (`admin`, `loket-cli`), any case.
    pub actor: Option<String>,
    /// An action (`request.create`) or a group of actions (`request`).
    pub action: Option<String>,
    /// `request`, `person`, `user`, …
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    /// Page size: 100 unless given, at most 1000.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// One page of the log, newest first, and how many entries match in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub total: i64,
    pub entries: Vec<AuditEntry>,
}

/// A finished export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditExport {
    pub path: PathBuf,
    pub rows: u64,
}

/// The columns of an export, named like the JSON keys of [`AuditEntry`] so
/// that one vocabulary runs through the CLI, the files and the window.
pub const EXPORT_COLUMNS: [&str; 10] = [
    "id",
    "at",
    "user_id",
    "actor",
    "action",
    "entity",
    "entity_id",
    "summary",
    "old_value",
    "new_value",
];

/// Excel's limit on rows in a sheet (the header takes one).
const XLSX_MAX_ROWS: u64 = 1_048_575;
/// Excel's limit on characters in a cell.
const XLSX_MAX_CELL: usize = 32_767;

fn readers() -> [Role; 3] {
    [Role::Admin, Role::Verifikator, Role::Pimpinan]
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl AuditQuery {
    fn filter(&self) -> Result<AuditFilter> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            let (f, t) = (crate::i18n::long_date(from), crate::i18n::long_date(to));
            let (f_id, f_en, t_id, t_en) = (&f.id, &f.en, &t.id, &t.en);
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "to",
                t!(
                    "Tanggal akhir ({t_id}) lebih awal dari tanggal mulai ({f_id}); tukar keduanya.",
                    "The end date ({t_en}) is before the start date ({f_en}); swap them."
                ),
            )]));
        }
        Ok(AuditFilter {
            words: clean(&self.search)
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            actor: clean(&self.actor),
            action: clean(&self.action),
            entity: clean(&self.entity),
            entity_id: clean(&self.entity_id),
            // Stored times start with the local date, so dates compare as
            // text: from 2026-11-01 up to (not including) the day after `to`.
            from: self.from.map(|d| d.format("%Y-%m-%d").to_string()),
            until: self
                .to
                .and_then(|d| d.succ_opt())
                .map(|d| d.format("%Y-%m-%d").to_string()),
        })
    }
}

impl Loket {
    /// The audit log, newest first, filtered and paged. Admins, verifiers
    /// and heads may read it; applicants may not.
    pub fn audit_log(&self, caller: &Caller, query: &AuditQuery) -> Result<AuditPage> {
        caller.require(&readers(), &t!("melihat log audit", "view the audit log"))?;
        let filter = query.filter()?;
        let limit = query.limit.unwrap_or(100).clamp(1, 1000);
        let offset = query.offset.unwrap_or(0).max(0);
        self.store.read(|db| {
            Ok(AuditPage {
                total: db.count_audit(&filter)?,
                entries: db.list_audit(&filter, limit, offset)?,
            })
        })
    }

    /// Writes every entry matching `query` (its limit and offset are
    /// ignored) to `path`: CSV for `.csv`, Excel for `.xlsx`. Old and new
    /// values are compact JSON text. The file appears only when complete.
    pub fn export_audit(
        &self,
        caller: &Caller,
        query: &AuditQuery,
        path: &Path,
    ) -> Result<AuditExport> {
        caller.require(
            &readers(),
            &t!("mengekspor log audit", "export the audit log"),
        )?;
        let filter = query.filter()?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match ext.as_deref() {
            Some("csv") => Format::Csv,
            Some("xlsx") => Format::Xlsx,
            _ => {
                let p = path.display();
                return Err(Error::invalid(t!(
                    "Berkas ekspor {p} harus berakhiran .csv atau .xlsx.",
                    "The export file {p} must end in .csv or .xlsx."
                )));
            }
        };
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = PathBuf::from(part);
        let result = match format {
            Format::Csv => self.write_csv(&filter, &part),
            Format::Xlsx => self.write_xlsx(&filter, &part),
        };
        let rows = match result {
            Ok(rows) => rows,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        crate::backup::rename_with_retry(&part, path).map_err(|e| Error::io(path, &e))?;
        let now = self.stamp_now();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.store.write(|db| {
            Audit {
                action: "audit.export",
                entity: "audit_log",
                entity_id: None,
                summary: format!("Log audit diekspor: {rows} baris ke {name}"),
                old_value: None,
                new_value: serde_json::to_value(query).ok(),
            }
            .write(db, caller, &now)
        })?;
        Ok(AuditExport {
            path: path.to_path_buf(),
            rows,
        })
    }

    fn write_csv(&self, filter: &AuditFilter, part: &Path) -> Result<u64> {
        let file = std::fs::File::create(part).map_err(|e| Error::io(part, &e))?;
        let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
        let csv_err = |e: csv::Error| match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(part, &io),
            other => Error::internal(format!("csv: {other:?}")),
        };
        // Excel reads a CSV as UTF-8 only with the byte-order mark.
        w.write_field("\u{feff}id").map_err(csv_err)?;
        w.write_record(&EXPORT_COLUMNS[1..]).map_err(csv_err)?;
        let rows = self.store.read(|db| {
            db.each_audit(filter, &mut |e| {
                w.write_record(row(&e).iter().map(|c| csv_safe(c).into_owned()))
                    .map_err(csv_err)
            })
        })?;
        let buf = w.into_inner().map_err(|e| Error::io(part, e.error()))?;
        let file = buf.into_inner().map_err(|e| Error::io(part, e.error()))?;
        file.sync_all().map_err(|e| Error::io(part, &e))?;
        Ok(rows)
    }

    fn write_xlsx(&self, filter: &AuditFilter, part: &Path) -> Result<u64> {
        use rust_xlsxwriter::{Format as Fmt, Workbook};
        let xerr = |e: rust_xlsxwriter::XlsxError| match e {
            rust_xlsxwriter::XlsxError::IoError(io) => Error::io(part, &io),
            other => Error::internal(format!("xlsx: {other}")),
        };
        let mut book = Workbook::new();
        let bold = Fmt::new().set_bold();
        let sheet = book.add_worksheet_with_constant_memory().map_err(xerr)?;
        sheet.set_name("Log audit").map_err(xerr)?;
        for (c, name) in EXPORT_COLUMNS.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *name, &bold)
                .map_err(xerr)?;
        }
        for (c, width) in [8, 26, 8, 14, 20, 12, 14, 60, 40, 40].iter().enumerate() {
            sheet.set_column_width(c as u16, *width).map_err(xerr)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xerr)?;
        let rows = self.store.read(|db| {
            let mut r: u32 = 0;
            db.each_audit(filter, &mut |e| {
                r += 1;
                if u64::from(r) > XLSX_MAX_ROWS {
                    return Err(Error::invalid(t!(
                        "Log audit yang dipilih melebihi batas Excel (1.048.575 baris). Persempit rentang tanggal, atau ekspor ke .csv.",
                        "The selected audit log exceeds Excel's limit (1,048,575 rows). Narrow the date range, or export to .csv."
                    )));
                }
                sheet.write_number(r, 0, e.id as f64).map_err(xerr)?;
                for (c, cell) in row(&e).iter().enumerate().skip(1) {
                    if c == 2 {
                        if let Some(uid) = e.user_id {
                            sheet.write_number(r, 2, uid as f64).map_err(xerr)?;
                        }
                        continue;
                    }
                    if !cell.is_empty() {
                        sheet
                            .write_string(r, c as u16, xlsx_cell(cell))
                            .map_err(xerr)?;
                    }
                }
                Ok(())
            })
        })?;
        book.save(part).map_err(xerr)?;
        Ok(rows)
    }
}

enum Format {
    Csv,
    Xlsx,
}

/// One entry as text cells, in [`EXPORT_COLUMNS`] order.
fn row(e: &AuditEntry) -> [String; 10] {
    let json =
        |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
    [
        e.id.to_string(),
        e.at.clone(),
        e.user_id.map(|u| u.to_string()).unwrap_or_default(),
        e.actor.clone(),
        e.action.clone(),
        e.entity.clone(),
        e.entity_id.clone().unwrap_or_default(),
        e.summary.clone(),
        json(&e.old_value),
        json(&e.new_value),
    ]
}

/// A spreadsheet program runs a CSV cell that starts with `=`, `+`, `-` or
/// `@` as a formula (CSV injection); a leading apostrophe keeps it text.
/// Names and notes typed by people reach the summary, so this matters.
fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Excel refuses longer cells; a cut value says so at its end.
fn xlsx_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.chars().count() <= XLSX_MAX_CELL {
        return cell.into();
    }
    let mark = " …[terpotong]";
    let keep = XLSX_MAX_CELL - mark.chars().count();
    let cut: String = cell.chars().take(keep).collect();
    format!("{cut}{mark}").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("Budi"), "Budi");
        assert_eq!(csv_safe("{\"a\":1}"), "{\"a\":1}");
    }

    #[test]
    fn long_cells_are_cut_for_excel() {
        let long = "é".repeat(40_000);
        let cut = xlsx_cell(&long);
        assert_eq!(cut.chars().count(), XLSX_MAX_CELL);
        assert!(cut.ends_with("[terpotong]"));
    }
}
