//! Reports: what the SOPs require the office to know, for a month or a year.
//!
//! [`Loket::recap`] computes a [`Recap`] from the database (every number is
//! counted or summed from stored rows, none is estimated): requests by type
//! and status, requests that ended in the period, certificates issued and
//! revoked (who, why, CRL code), TTE users in force at the end of the
//! period and per work unit, the time each SOP step took against its
//! standard, steps that ran over, and requests per month of the year.
//!
//! The recap itself holds codes and numbers, no wording, so the window can
//! label it in its language; [`document`] turns it into a
//! [`LetterDoc`](crate::letters::LetterDoc)
//! (printed by the letters engine with the office's kop) and [`workbook`]
//! into an Excel file, both in the language asked for.
//!
//! Decisions a reader of a report will notice:
//! - A period is the office's local calendar month or year: stored times
//!   begin with the local date, and that date decides the month.
//! - "Ended in the period" counts requests whose *current* state is
//!   selesai, ditolak or dibatalkan and whose last done, reject or cancel
//!   event falls in the period. A rejected request that was resubmitted
//!   later no longer counts as rejected.
//! - "In force at the end" is judged on `as_of`: the period's last day, or
//!   today while the period runs (the first day for a period not begun). A
//!   person holding two certificates (a renewal) counts once. Work units
//!   are the person's unit now; the app keeps no history of units.
//! - Step times count every completion of a step in the period, also one
//!   later undone by a return, because the work was done; skipped steps
//!   are not completions. A step is over its standard when it took longer
//!   than the standard's upper end, as on the request page.
//! - "Overdue now" is a snapshot and appears only in a period that contains
//!   today, so the report of a closed month reads the same whenever it is
//!   printed again.

pub mod document;
mod format;
#[doc(hidden)]
pub mod synthetic;
pub mod workbook;

use crate::auth::Caller;
use crate::clock::stamp;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::{Lang, Text};
use crate::loket::{Audit, Loket};
use crate::model::{CrlReason, RequestStatus, RequestType, RevocationReason, Role};
use crate::sop::Sop;
use crate::store::reports::{OverdueRow, TypeStatusCount};
use crate::t;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use format::{format_avg_minutes, format_count, report_title};

/// Who may see and export reports.
const READERS: [Role; 3] = [Role::Admin, Role::Verifikator, Role::Pimpinan];

/// At most this many rows of a detail list (steps over their standard)
/// travel in a recap; the count beside the list is always complete.
pub const DETAIL_LIMIT: usize = 1000;

/// Days ahead in which an expiring certificate is counted.
pub const EXPIRING_DAYS: u64 = 30;

/// A calendar month or year of the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecapPeriod {
    Month { year: i32, month: u32 },
    Year { year: i32 },
}

impl RecapPeriod {
    /// Checks the numbers a form or a command line could get wrong.
    pub fn check(&self) -> Result<()> {
        let mut issues = Vec::new();
        let year = self.year();
        if !(2000..=2100).contains(&year) {
            issues.push(FieldIssue::new(
                "year",
                t!(
                    "Tahun laporan harus antara 2000 dan 2100, bukan {year}.",
                    "The report's year must be between 2000 and 2100, not {year}."
                ),
            ));
        }
        if let RecapPeriod::Month { month, .. } = *self
            && !(1..=12).contains(&month)
        {
            issues.push(FieldIssue::new(
                "month",
                t!(
                    "Bulan harus antara 1 dan 12, bukan {month}.",
                    "The month must be between 1 and 12, not {month}."
                ),
            ));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid_fields(issues))
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            RecapPeriod::Month { year, .. } | RecapPeriod::Year { year } => year,
        }
    }

    /// The first day, and the day after the last (both dates exist once
    /// [`RecapPeriod::check`] passed).
    pub fn bounds(&self) -> Result<(NaiveDate, NaiveDate)> {
        self.check()?;
        let date = |y: i32, m: u32| {
            NaiveDate::from_ymd_opt(y, m, 1)
                .ok_or_else(|| Error::internal(format!("no date {y}-{m}-01")))
        };
        Ok(match *self {
            RecapPeriod::Month { year, month: 12 } => (date(year, 12)?, date(year + 1, 1)?),
            RecapPeriod::Month { year, month } => (date(year, month)?, date(year, month + 1)?),
            RecapPeriod::Year { year } => (date(year, 1)?, date(year + 1, 1)?),
        })
    }

    /// `November 2026`, `Tahun 2026` / `Year 2026`.
    pub fn label(&self) -> Text {
        match *self {
            RecapPeriod::Month { year, month } => {
                let name = format::month_name(month);
                Text::new(format!("{} {year}", name.id), format!("{} {year}", name.en))
            }
            RecapPeriod::Year { year } => t!("Tahun {year}", "Year {year}"),
        }
    }

    /// A file name for the report, e.g. `rekap-layanan-tte-2026-11.pdf`.
    pub fn file_name(&self, format: ReportFormat) -> String {
        let ext = format.extension();
        match *self {
            RecapPeriod::Month { year, month } => {
                format!("rekap-layanan-tte-{year}-{month:02}.{ext}")
            }
            RecapPeriod::Year { year } => format!("rekap-layanan-tte-{year}.{ext}"),
        }
    }
}

/// Request counts: of those created in the period by their status now, and
/// of those that ended in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Created in the period.
    pub created: i64,
    pub draf: i64,
    pub diproses: i64,
    pub ditolak: i64,
    pub selesai: i64,
    pub dibatalkan: i64,
    /// Completed (selesai) in the period, wherever they were created.
    pub completed: i64,
    /// Rejected in the period and not resubmitted since.
    pub rejected: i64,
    /// Cancelled in the period.
    pub cancelled: i64,
}

impl Counts {
    fn add_created(&mut self, status: RequestStatus, n: i64) {
        self.created += n;
        match status {
            RequestStatus::Draf => self.draf += n,
            RequestStatus::Diproses => self.diproses += n,
            RequestStatus::Ditolak => self.ditolak += n,
            RequestStatus::Selesai => self.selesai += n,
            RequestStatus::Dibatalkan => self.dibatalkan += n,
        }
    }

    fn add_ended(&mut self, status: RequestStatus, n: i64) {
        match status {
            RequestStatus::Selesai => self.completed += n,
            RequestStatus::Ditolak => self.rejected += n,
            RequestStatus::Dibatalkan => self.cancelled += n,
            RequestStatus::Draf | RequestStatus::Diproses => {}
        }
    }

    fn sum(&mut self, o: &Counts) {
        self.created += o.created;
        self.draf += o.draf;
        self.diproses += o.diproses;
        self.ditolak += o.ditolak;
        self.selesai += o.selesai;
        self.dibatalkan += o.dibatalkan;
        self.completed += o.completed;
        self.rejected += o.rejected;
        self.cancelled += o.cancelled;
    }

    /// Created in the period with this status now.
    pub fn with_status(&self, status: RequestStatus) -> i64 {
        match status {
            RequestStatus::Draf => self.draf,
            RequestStatus::Diproses => self.diproses,
            RequestStatus::Ditolak => self.ditolak,
            RequestStatus::Selesai => self.selesai,
            RequestStatus::Dibatalkan => self.dibatalkan,
        }
    }
}

/// One request type's counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeRow {
    pub jenis: RequestType,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Certificates in the period and people in force at its end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CertSummary {
    /// Certificate records whose issue date is in the period (through
    /// issuance and renewal requests, or entered by hand).
    pub issued: i64,
    /// Certificate records revoked in the period.
    pub revoked: i64,
    /// People holding a certificate in force on `as_of`.
    pub active: i64,
    /// Of those, people whose certificate expires within
    /// [`EXPIRING_DAYS`] days from `as_of` (inclusive).
    pub expiring: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitCount {
    pub unit_kerja: String,
    pub active: i64,
}

/// Revocations with one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    /// `None` for a record whose reason code is unreadable.
    pub reason: Option<RevocationReason>,
    /// RFC 5280 CRLReason code and name.
    pub crl: u8,
    pub crl_name: String,
    pub count: i64,
}

/// A certificate revoked in the period: the office's CRL-like list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevokedRow {
    pub revoked_on: NaiveDate,
    pub nama: String,
    pub nip: Option<String>,
    pub unit_kerja: String,
    pub reason: Option<RevocationReason>,
    /// The reason as the applicant or the office wrote it.
    pub wording: String,
    pub crl: u8,
    pub crl_name: String,
    /// The request that revoked it (`None` for a revocation entered by hand).
    pub nomor: Option<String>,
}

/// The time one SOP step took in the period, against its standard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepTime {
    pub no: u32,
    pub activity: String,
    pub actor: String,
    /// The standard as the SOP words it ("1-2 Jam"); `None` without one.
    pub time_text: Option<String>,
    pub standard_min: Option<u32>,
    pub standard_max: Option<u32>,
    /// Completions in the period.
    pub completions: i64,
    /// Average minutes of those completions (`None` when there were none).
    pub avg_minutes: Option<f64>,
    pub max_minutes: Option<i64>,
    /// Completions that took longer than `standard_max`.
    pub over_standard: i64,
}

/// Step times of one stored SOP version that had completions in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SopTimes {
    pub sop_ref: i64,
    pub sop_id: String,
    pub version: u32,
    pub title: String,
    /// Every step of the SOP, with zero completions where none happened.
    pub steps: Vec<StepTime>,
}

/// A step that ran over its standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueStep {
    pub nomor: String,
    pub jenis: RequestType,
    pub nama: String,
    pub sop_id: String,
    pub sop_version: u32,
    pub step_no: u32,
    pub activity: String,
    pub started_at: String,
    /// When it was completed; `None` for a step still waiting.
    pub done_at: Option<String>,
    /// Minutes taken (or, for a step still waiting, elapsed so far).
    pub minutes: i64,
    pub standard_max: i64,
    pub over_minutes: i64,
}

/// Current steps over their standard at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueNow {
    pub at: String,
    pub total: i64,
    /// The most overdue first, at most [`DETAIL_LIMIT`].
    pub steps: Vec<OverdueStep>,
}

/// One month of the period's year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    /// 1..=12.
    pub month: u32,
    /// Requests created, per type (every type present, zero when none).
    pub by_type: BTreeMap<RequestType, i64>,
    pub total: i64,
    /// Certificate records issued and revoked in the month.
    pub issued: i64,
    pub revoked: i64,
}

/// The recap of one period. See the module documentation for what each
/// figure counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recap {
    pub period: RecapPeriod,
    /// `November 2026` / `Tahun 2026`, both languages.
    pub label: Text,
    pub from: NaiveDate,
    /// The last day of the period.
    pub to: NaiveDate,
    /// The day "in force at the end" is judged on.
    pub as_of: NaiveDate,
    pub generated_at: String,
    /// Every request type, in [`RequestType::ALL`] order.
    pub by_type: Vec<TypeRow>,
    pub totals: Counts,
    pub certificates: CertSummary,
    pub active_by_unit: Vec<UnitCount>,
    pub revocation_reasons: Vec<ReasonCount>,
    pub revocations: Vec<RevokedRow>,
    pub step_times: Vec<SopTimes>,
    /// Completions over their standard in the period (all of them).
    pub overdue_done_total: i64,
    /// The most overdue of them first, at most [`DETAIL_LIMIT`].
    pub overdue_done: Vec<OverdueStep>,
    /// Only when the period contains today.
    pub overdue_now: Option<OverdueNow>,
    /// The twelve months of the period's year (for a month, the year it is
    /// in), whatever the period.
    pub monthly: Vec<MonthRow>,
}

impl Recap {
    /// Step completions in the period, over all SOPs.
    pub fn step_completions(&self) -> i64 {
        self.step_times
            .iter()
            .flat_map(|s| &s.steps)
            .map(|s| s.completions)
            .sum()
    }
}

/// The file kinds a report can be saved as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => Some(ReportFormat::Pdf),
            Some("xlsx") => Some(ReportFormat::Xlsx),
            _ => None,
        }
    }
}

/// A report written to a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportExport {
    pub path: PathBuf,
    pub format: ReportFormat,
    pub bytes: u64,
}

impl Loket {
    /// The recap of a month or a year. Admins, verifiers and heads may see
    /// it; an empty period gives zeros.
    pub fn recap(&self, caller: &Caller, period: &RecapPeriod) -> Result<Recap> {
        caller.require(&READERS, &t!("melihat laporan", "see reports"))?;
        let (from, until) = period.bounds()?;
        let now = self.now();
        let today = now.date_naive();
        let last = until.pred_opt().unwrap_or(from);
        let as_of = today.clamp(from, last);
        let soon = as_of
            .checked_add_days(Days::new(EXPIRING_DAYS))
            .unwrap_or(as_of);
        let runs_today = from <= today && today < until;
        let (year_from, year_until) = RecapPeriod::Year {
            year: period.year(),
        }
        .bounds()?;
        let (f, u) = (from.to_string(), until.to_string());
        let (yf, yu) = (year_from.to_string(), year_until.to_string());
        let now_stamp = stamp(now);

        let raw = self.store.read(|db| {
            db.report_snapshot(|db| {
                let mut sops = BTreeMap::new();
                for r in db.report_sop_refs()? {
                    if let Some(stored) = db.sop_by_ref(r)? {
                        sops.insert(r, stored.sop);
                    }
                }
                let standards = standards_json(&sops);
                let overdue_now = if runs_today {
                    Some(db.report_overdue_now(&now_stamp, &standards)?)
                } else {
                    None
                };
                let steps = step_aggregates(&db.report_step_minutes(&f, &u)?, &sops);
                // The list is read only when the histogram found something.
                let overdue_done = if steps.values().any(|a| a.over_standard > 0) {
                    db.report_overdue_done(&f, &u, &standards, DETAIL_LIMIT as i64)?
                } else {
                    Vec::new()
                };
                Ok(Raw {
                    created: db.report_created(&f, &u)?,
                    ended: db.report_ended(&f, &u)?,
                    steps,
                    overdue_done,
                    overdue_now,
                    revocations: db.report_revocations(&f, &u)?,
                    reasons: db.report_revocation_reasons(&f, &u)?,
                    in_force: db.report_in_force(&as_of.to_string(), &soon.to_string())?,
                    monthly_requests: db.report_monthly_requests(&yf, &yu)?,
                    monthly_certs: db.report_monthly_certs(&yf, &yu)?,
                    sops,
                })
            })
        })?;
        Ok(assemble(raw, *period, from, last, as_of, now_stamp))
    }

    /// The recap as a PDF in `lang`, on the office's paper with its kop.
    pub fn report_pdf(&self, caller: &Caller, period: &RecapPeriod, lang: Lang) -> Result<Vec<u8>> {
        let recap = self.recap(caller, period)?;
        let agency = self.agency()?.unwrap_or_default();
        // The letters' renderer, with the office's emblem when one is set.
        let (renderer, has_emblem) = self.letter_renderer()?;
        let doc = document::recap_document(&recap, &agency, lang, has_emblem);
        renderer.render(&doc)
    }

    /// The recap as an Excel workbook in `lang`.
    pub fn report_xlsx(
        &self,
        caller: &Caller,
        period: &RecapPeriod,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        let recap = self.recap(caller, period)?;
        let agency = self.agency()?.unwrap_or_default();
        workbook::recap_workbook(&recap, &agency, lang)
    }

    /// Writes the recap to `path`: PDF for `.pdf`, Excel for `.xlsx`. The
    /// file appears only when complete; the export is recorded in the
    /// audit log.
    pub fn export_report(
        &self,
        caller: &Caller,
        period: &RecapPeriod,
        lang: Lang,
        path: &Path,
    ) -> Result<ReportExport> {
        caller.require(&READERS, &t!("mengekspor laporan", "export reports"))?;
        let Some(format) = ReportFormat::from_path(path) else {
            let p = path.display();
            return Err(Error::invalid(t!(
                "Berkas laporan {p} harus berakhiran .pdf atau .xlsx.",
                "The report file {p} must end in .pdf or .xlsx."
            )));
        };
        let bytes = match format {
            ReportFormat::Pdf => self.report_pdf(caller, period, lang)?,
            ReportFormat::Xlsx => self.report_xlsx(caller, period, lang)?,
        };
        write_whole(path, &bytes)?;
        let now = self.stamp_now();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let label = period.label().id;
        self.store.write(|db| {
            Audit {
                action: "report.export",
                entity: "report",
                entity_id: None,
                summary: format!("Rekapitulasi {label} diekspor ke {name}"),
                old_value: None,
                new_value: serde_json::to_value(period).ok(),
            }
            .write(db, caller, &now)
        })?;
        Ok(ReportExport {
            path: path.to_path_buf(),
            format,
            bytes: bytes.len() as u64,
        })
    }
}

/// Writes `bytes` to `path` through a `.part` file renamed into place, so a
/// reader never sees half a report.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = (|| {
        let mut file = std::fs::File::create(&part)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(Error::io(path, &e));
    }
    crate::backup::rename_with_retry(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        Error::io(path, &e)
    })
}

/// What the read transaction brought back.
struct Raw {
    created: Vec<TypeStatusCount>,
    ended: Vec<TypeStatusCount>,
    /// Completions per (SOP version, step).
    steps: BTreeMap<(i64, u32), StepAgg>,
    overdue_done: Vec<OverdueRow>,
    overdue_now: Option<Vec<OverdueRow>>,
    revocations: Vec<crate::store::reports::RevokedRow>,
    reasons: Vec<crate::store::reports::ReasonAgg>,
    /// (unit, people in force, of them expiring soon).
    in_force: Vec<(String, i64, i64)>,
    monthly_requests: Vec<crate::store::reports::MonthAgg>,
    monthly_certs: Vec<crate::store::reports::MonthAgg>,
    /// Every stored SOP version, by row id.
    sops: BTreeMap<i64, Sop>,
}

/// `{"<sop_ref>:<step_no>": max_minutes, …}` for every step with a
/// standard (the shape `store::reports` looks standards up in).
fn standards_json(sops: &BTreeMap<i64, Sop>) -> String {
    let map: BTreeMap<String, u32> = sops
        .iter()
        .flat_map(|(r, sop)| {
            sop.steps.iter().filter_map(move |s| {
                s.time
                    .as_ref()
                    .map(|t| (format!("{r}:{}", s.no), t.max_minutes))
            })
        })
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

/// Completions of one SOP step in the period.
#[derive(Clone, Copy, Debug, Default)]
struct StepAgg {
    completions: i64,
    total_minutes: i64,
    max_minutes: i64,
    over_standard: i64,
}

/// Sums the minutes histogram per step and counts the completions over
/// the step's standard (more minutes than its upper end).
fn step_aggregates(
    histogram: &[crate::store::reports::StepMinutes],
    sops: &BTreeMap<i64, Sop>,
) -> BTreeMap<(i64, u32), StepAgg> {
    let mut out: BTreeMap<(i64, u32), StepAgg> = BTreeMap::new();
    for h in histogram {
        let std_max = sops
            .get(&h.sop_ref)
            .and_then(|s| s.step(h.step_no))
            .and_then(|s| s.time.as_ref())
            .map(|t| i64::from(t.max_minutes));
        let a = out.entry((h.sop_ref, h.step_no)).or_default();
        a.completions += h.count;
        a.total_minutes += h.minutes * h.count;
        a.max_minutes = a.max_minutes.max(h.minutes);
        if std_max.is_some_and(|m| h.minutes > m) {
            a.over_standard += h.count;
        }
    }
    out
}

fn crl_name(code: u8) -> String {
    CrlReason::from_code(code)
        .map(|c| c.name().to_string())
        .unwrap_or_else(|| format!("code {code}"))
}

fn assemble(
    raw: Raw,
    period: RecapPeriod,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    generated_at: String,
) -> Recap {
    let mut by_type: Vec<TypeRow> = RequestType::ALL
        .iter()
        .map(|&jenis| TypeRow {
            jenis,
            counts: Counts::default(),
        })
        .collect();
    let row_of = |rows: &mut Vec<TypeRow>, code: &str| -> Option<usize> {
        let jenis = RequestType::parse(code)?;
        rows.iter().position(|r| r.jenis == jenis)
    };
    for c in &raw.created {
        if let (Some(i), Some(s)) = (
            row_of(&mut by_type, &c.jenis),
            RequestStatus::parse(&c.status),
        ) {
            by_type[i].counts.add_created(s, c.count);
        }
    }
    for c in &raw.ended {
        if let (Some(i), Some(s)) = (
            row_of(&mut by_type, &c.jenis),
            RequestStatus::parse(&c.status),
        ) {
            by_type[i].counts.add_ended(s, c.count);
        }
    }
    let mut totals = Counts::default();
    for r in &by_type {
        totals.sum(&r.counts);
    }

    let sop_of = |r: i64| raw.sops.get(&r);
    let activity = |r: i64, no: u32| {
        sop_of(r)
            .and_then(|s| s.step(no))
            .map(|s| s.activity.clone())
            .unwrap_or_default()
    };
    let overdue = |rows: Vec<OverdueRow>| -> Vec<OverdueStep> {
        rows.into_iter()
            .map(|o| OverdueStep {
                jenis: RequestType::parse(&o.jenis).unwrap_or(RequestType::Penerbitan),
                sop_id: sop_of(o.sop_ref)
                    .map(|s| s.meta.id.clone())
                    .unwrap_or_default(),
                sop_version: sop_of(o.sop_ref)
                    .map(|s| s.meta.version)
                    .unwrap_or_default(),
                activity: activity(o.sop_ref, o.step_no),
                step_no: o.step_no,
                over_minutes: o.minutes - o.standard_max,
                nomor: o.nomor,
                nama: o.nama,
                started_at: o.started_at,
                done_at: o.acted_at,
                minutes: o.minutes,
                standard_max: o.standard_max,
            })
            .collect()
    };

    let mut step_times = Vec::new();
    let mut done_refs: Vec<i64> = raw.steps.keys().map(|k| k.0).collect();
    done_refs.dedup();
    for r in &done_refs {
        let Some(sop) = sop_of(*r) else { continue };
        let steps = sop
            .steps
            .iter()
            .map(|s| {
                let agg = raw.steps.get(&(*r, s.no));
                StepTime {
                    no: s.no,
                    activity: s.activity.clone(),
                    actor: sop
                        .actor_of(s)
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| s.actor.clone()),
                    time_text: s.time.as_ref().map(|t| t.text.clone()),
                    standard_min: s.time.as_ref().map(|t| t.min_minutes),
                    standard_max: s.time.as_ref().map(|t| t.max_minutes),
                    completions: agg.map_or(0, |a| a.completions),
                    avg_minutes: agg
                        .filter(|a| a.completions > 0)
                        .map(|a| a.total_minutes as f64 / a.completions as f64),
                    max_minutes: agg.map(|a| a.max_minutes),
                    over_standard: agg.map_or(0, |a| a.over_standard),
                }
            })
            .collect();
        step_times.push(SopTimes {
            sop_ref: *r,
            sop_id: sop.meta.id.clone(),
            version: sop.meta.version,
            title: sop.meta.title.clone(),
            steps,
        });
    }
    step_times.sort_by(|a, b| (&a.sop_id, a.version).cmp(&(&b.sop_id, b.version)));
    let overdue_done_total = raw.steps.values().map(|a| a.over_standard).sum();

    let overdue_now = raw.overdue_now.map(|rows| {
        let total = rows.len() as i64;
        let mut steps = overdue(rows);
        steps.truncate(DETAIL_LIMIT);
        OverdueNow {
            at: generated_at.clone(),
            total,
            steps,
        }
    });

    let revocations = raw
        .revocations
        .into_iter()
        .map(|r| {
            let reason = r.reason.as_deref().and_then(RevocationReason::parse);
            let crl = r.crl.and_then(|c| u8::try_from(c).ok()).unwrap_or(0);
            RevokedRow {
                revoked_on: NaiveDate::parse_from_str(&r.revoked_on, "%Y-%m-%d").unwrap_or(from),
                wording: r
                    .wording
                    .filter(|w| !w.trim().is_empty())
                    .or_else(|| reason.map(|x| x.wording().id))
                    .unwrap_or_default(),
                nama: r.nama,
                nip: r.nip,
                unit_kerja: r.unit_kerja,
                reason,
                crl,
                crl_name: crl_name(crl),
                nomor: r.nomor,
            }
        })
        .collect();
    let revocation_reasons = raw
        .reasons
        .into_iter()
        .map(|a| {
            let crl = a.crl.and_then(|c| u8::try_from(c).ok()).unwrap_or(0);
            ReasonCount {
                reason: a.reason.as_deref().and_then(RevocationReason::parse),
                crl,
                crl_name: crl_name(crl),
                count: a.count,
            }
        })
        .collect();

    let mut monthly: Vec<MonthRow> = (1..=12)
        .map(|month| MonthRow {
            month,
            by_type: RequestType::ALL.iter().map(|&t| (t, 0)).collect(),
            total: 0,
            issued: 0,
            revoked: 0,
        })
        .collect();
    let month_index = |ym: &str| -> Option<usize> {
        let m: usize = ym.get(5..7)?.parse().ok()?;
        (1..=12).contains(&m).then(|| m - 1)
    };
    for m in &raw.monthly_requests {
        let (Some(i), Some(jenis)) = (
            month_index(&m.month),
            m.jenis.as_deref().and_then(RequestType::parse),
        ) else {
            continue;
        };
        *monthly[i].by_type.entry(jenis).or_default() += m.count;
        monthly[i].total += m.count;
    }
    for m in &raw.monthly_certs {
        let Some(i) = month_index(&m.month) else {
            continue;
        };
        match m.jenis.as_deref() {
            Some("issued") => monthly[i].issued += m.count,
            Some("revoked") => monthly[i].revoked += m.count,
            _ => {}
        }
    }

    // Issued and revoked in the period: the period's months of the year.
    let in_period = |m: &&MonthRow| match period {
        RecapPeriod::Month { month, .. } => m.month == month,
        RecapPeriod::Year { .. } => true,
    };
    let issued = monthly.iter().filter(in_period).map(|m| m.issued).sum();
    let revoked = monthly.iter().filter(in_period).map(|m| m.revoked).sum();

    Recap {
        label: period.label(),
        period,
        from,
        to,
        as_of,
        generated_at,
        by_type,
        totals,
        certificates: CertSummary {
            issued,
            revoked,
            active: raw.in_force.iter().map(|u| u.1).sum(),
            expiring: raw.in_force.iter().map(|u| u.2).sum(),
        },
        active_by_unit: raw
            .in_force
            .into_iter()
            .map(|(unit_kerja, active, _)| UnitCount { unit_kerja, active })
            .collect(),
        revocation_reasons,
        revocations,
        step_times,
        overdue_done_total,
        overdue_done: overdue(raw.overdue_done),
        overdue_now,
        monthly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_have_exact_bounds_and_labels() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cases = [
            (
                RecapPeriod::Month {
                    year: 2026,
                    month: 11,
                },
                "2026-11-01",
                "2026-12-01",
                "November 2026",
            ),
            (
                RecapPeriod::Month {
                    year: 2026,
                    month: 12,
                },
                "2026-12-01",
                "2027-01-01",
                "Desember 2026",
            ),
            (
                RecapPeriod::Month {
                    year: 2024,
                    month: 2,
                },
                "2024-02-01",
                "2024-03-01",
                "Februari 2024",
            ),
            (
                RecapPeriod::Year { year: 2026 },
                "2026-01-01",
                "2027-01-01",
                "Tahun 2026",
            ),
        ];
        for (p, from, until, label) in cases {
            assert_eq!(p.bounds().unwrap(), (d(from), d(until)), "{p:?}");
            assert_eq!(p.label().id, label);
        }
        assert_eq!(
            RecapPeriod::Month {
                year: 2026,
                month: 3
            }
            .label()
            .en,
            "March 2026"
        );
        assert_eq!(
            RecapPeriod::Month {
                year: 2026,
                month: 3
            }
            .file_name(ReportFormat::Xlsx),
            "rekap-layanan-tte-2026-03.xlsx"
        );
    }

    #[test]
    fn bad_periods_name_the_field() {
        let e = RecapPeriod::Month {
            year: 2026,
            month: 13,
        }
        .check()
        .unwrap_err();
        assert_eq!(e.fields[0].field, "month");
        let e = RecapPeriod::Year { year: 1999 }.check().unwrap_err();
        assert_eq!(e.fields[0].field, "year");
    }

    #[test]
    fn period_json_is_tagged() {
        let p: RecapPeriod =
            serde_json::from_str(r#"{"kind":"month","year":2026,"month":11}"#).unwrap();
        assert_eq!(
            p,
            RecapPeriod::Month {
                year: 2026,
                month: 11
            }
        );
        let p: RecapPeriod = serde_json::from_str(r#"{"kind":"year","year":2026}"#).unwrap();
        assert_eq!(p, RecapPeriod::Year { year: 2026 });
    }
}
