//! The registry of TTE users (Pengguna TTE): every person with the status of
//! their latest certificate as of today, searchable and countable, with the
//! expiry radar, batch renewals and the revoked list (a CRL for people).
//! Spreadsheet import and export live in [`import`] and [`export`].
//!
//! The status a clerk reads is derived, not stored: an ISSUE certificate
//! whose expiry date has passed is `kedaluwarsa` even if nobody recorded
//! that, so the registry is right on any day without a nightly job.

pub mod export;
pub mod import;
mod sheet;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::loket::Loket;
use crate::model::{CertStatus, Person, Revocation, RevocationReason, Role};
use crate::store::registry::{BELUM_STATUSES, Drive, LatestRow, RegistryFilter};
use crate::t;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub use export::ExportReport;
pub use import::{
    CertificateChange, FieldChange, ImportAction, ImportColumn, ImportCounts, ImportField,
    ImportMapping, ImportPreview, ImportProgress, ImportReport, ImportRow, ImportSource,
    ImportStage,
};
pub use sheet::SheetFormat;

/// The roles that may read the registry: everyone but applicants, who see
/// only themselves elsewhere.
pub(crate) const READERS: [Role; 3] = [Role::Admin, Role::Verifikator, Role::Pimpinan];

/// How many rows a registry page has when the caller does not say.
pub const DEFAULT_PAGE: i64 = 50;
/// The largest page a caller may ask for.
pub const MAX_PAGE: i64 = 1000;
/// The expiry radar's default horizon: AMS's renewal window.
pub const DEFAULT_EXPIRY_DAYS: u32 = crate::certificates::RENEWAL_WINDOW_DAYS as u32;

/// A person's certificate status as the office reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryStatus {
    /// ISSUE and not past its expiry date: a TTE user who can sign.
    Aktif,
    /// EXPIRED, or ISSUE past its expiry date.
    Kedaluwarsa,
    /// REVOKE.
    Dicabut,
    /// SUSPEND: the certificate exists but cannot sign until BSrE lifts it.
    /// Kept apart from the other four because it is neither revoked nor
    /// pending, and the office must follow it up.
    Ditangguhkan,
    /// No certificate yet, or one being applied for (no record,
    /// NO_CERTIFICATE, NOT_REGISTERED, NEW, WAITING_FOR_VERIFICATION, RENEW).
    Belum,
}

impl RegistryStatus {
    pub const ALL: [RegistryStatus; 5] = [
        RegistryStatus::Aktif,
        RegistryStatus::Kedaluwarsa,
        RegistryStatus::Dicabut,
        RegistryStatus::Ditangguhkan,
        RegistryStatus::Belum,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegistryStatus::Aktif => "aktif",
            RegistryStatus::Kedaluwarsa => "kedaluwarsa",
            RegistryStatus::Dicabut => "dicabut",
            RegistryStatus::Ditangguhkan => "ditangguhkan",
            RegistryStatus::Belum => "belum",
        }
    }

    pub fn parse(code: &str) -> Option<RegistryStatus> {
        let c = code.trim();
        RegistryStatus::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(c))
    }

    pub fn label(self) -> Text {
        match self {
            RegistryStatus::Aktif => Text::new("Aktif", "Active"),
            RegistryStatus::Kedaluwarsa => Text::new("Kedaluwarsa", "Expired"),
            RegistryStatus::Dicabut => Text::new("Dicabut", "Revoked"),
            RegistryStatus::Ditangguhkan => Text::new("Ditangguhkan", "Suspended"),
            RegistryStatus::Belum => Text::new("Belum punya sertifikat", "No certificate yet"),
        }
    }

    /// Parses a status code, or says which codes there are.
    pub fn parse_or_explain(code: &str) -> Result<RegistryStatus> {
        RegistryStatus::parse(code).ok_or_else(|| {
            let known = RegistryStatus::ALL.map(|s| s.code()).join(", ");
            Error::invalid(t!(
                "Status \"{code}\" tidak dikenal; pilih salah satu: {known}.",
                "Unknown status \"{code}\"; choose one of: {known}."
            ))
        })
    }
}

/// The derived status of a person whose latest certificate record has BSrE
/// status `bsre` (None: no record) and expiry date `expires_on`, on `today`.
/// A certificate is still active on its expiry day and expired the day after.
pub fn registry_status(
    bsre: Option<CertStatus>,
    expires_on: Option<NaiveDate>,
    today: NaiveDate,
) -> RegistryStatus {
    match bsre {
        Some(CertStatus::Issue) => match expires_on {
            Some(exp) if exp < today => RegistryStatus::Kedaluwarsa,
            _ => RegistryStatus::Aktif,
        },
        Some(CertStatus::Expired) => RegistryStatus::Kedaluwarsa,
        Some(CertStatus::Revoke) => RegistryStatus::Dicabut,
        Some(CertStatus::Suspend) => RegistryStatus::Ditangguhkan,
        Some(s) => {
            debug_assert!(BELUM_STATUSES.contains(&s));
            RegistryStatus::Belum
        }
        None => RegistryStatus::Belum,
    }
}

/// The order of a registry list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrySort {
    /// By name without titles (the default).
    #[default]
    Nama,
    Nik,
    /// By work unit, then name.
    UnitKerja,
    /// Soonest expiry first; people without an expiry date last.
    BerlakuSampai,
}

impl RegistrySort {
    pub const ALL: [RegistrySort; 4] = [
        RegistrySort::Nama,
        RegistrySort::Nik,
        RegistrySort::UnitKerja,
        RegistrySort::BerlakuSampai,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegistrySort::Nama => "nama",
            RegistrySort::Nik => "nik",
            RegistrySort::UnitKerja => "unit_kerja",
            RegistrySort::BerlakuSampai => "berlaku_sampai",
        }
    }

    pub fn parse(code: &str) -> Option<RegistrySort> {
        let c = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        RegistrySort::ALL.into_iter().find(|s| s.code() == c)
    }

    /// Parses a sort code, or says which codes there are.
    pub fn parse_or_explain(code: &str) -> Result<RegistrySort> {
        RegistrySort::parse(code).ok_or_else(|| {
            let known = RegistrySort::ALL.map(|s| s.code()).join(", ");
            Error::invalid(t!(
                "Urutan \"{code}\" tidak dikenal; pilih salah satu: {known}.",
                "Unknown sort order \"{code}\"; choose one of: {known}."
            ))
        })
    }
}

/// What the registry screen (or the CLI, or an export) asks for. Every
/// filter is optional; they combine with AND.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistryQuery {
    /// Words matched as prefixes of the name or the work unit ("ami" finds
    /// Aminah); digits matched as a prefix of the NIK or the NIP.
    pub search: Option<String>,
    /// Exactly this work unit (as listed by `active_per_unit`).
    pub unit: Option<String>,
    pub status: Option<RegistryStatus>,
    /// Only active certificates expiring from today to today + N days.
    pub expiring_within_days: Option<u32>,
    /// Page size, 1 to 1000 (default 50). Exports ignore paging.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    pub sort: RegistrySort,
}

/// One person in the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryRow {
    #[serde(flatten)]
    pub person: Person,
    /// The derived status as of today.
    pub status: RegistryStatus,
    /// BSrE's status as last recorded (None: no certificate record).
    pub status_bsre: Option<CertStatus>,
    pub certificate_id: Option<i64>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    /// Days from today to the expiry date: 0 on the expiry day, negative
    /// once past.
    pub days_to_expiry: Option<i64>,
    pub revocation: Option<Revocation>,
}

impl RegistryRow {
    pub(crate) fn from_latest(row: LatestRow, today: NaiveDate) -> RegistryRow {
        RegistryRow {
            status: registry_status(row.status, row.expires_on, today),
            status_bsre: row.status,
            certificate_id: row.certificate_id,
            issued_on: row.issued_on,
            expires_on: row.expires_on,
            revoked_on: row.revoked_on,
            days_to_expiry: row.expires_on.map(|e| (e - today).num_days()),
            revocation: row.revocation,
            person: row.person,
        }
    }
}

/// One page of the registry and how many rows match in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryPage {
    pub total: i64,
    pub rows: Vec<RegistryRow>,
}

/// People of one work unit by derived status. `aktif` is the number of TTE
/// users the SOPs ask the office to report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCount {
    pub unit_kerja: String,
    pub pegawai: i64,
    pub aktif: i64,
    pub kedaluwarsa: i64,
    pub dicabut: i64,
    pub ditangguhkan: i64,
    pub belum: i64,
}

/// The office's totals: the same counts for everyone, plus how many active
/// certificates expire within the renewal window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryTotals {
    pub pegawai: i64,
    pub aktif: i64,
    pub kedaluwarsa: i64,
    pub dicabut: i64,
    pub ditangguhkan: i64,
    pub belum: i64,
    /// Active certificates expiring within [`DEFAULT_EXPIRY_DAYS`] days.
    pub segera_kedaluwarsa: i64,
}

/// One revoked certificate, as a CRL entry with the holder's identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokedEntry {
    pub certificate_id: i64,
    pub person_id: i64,
    pub nama: String,
    pub nik: String,
    pub nip: Option<String>,
    pub unit_kerja: String,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub reason: Option<RevocationReason>,
    /// The reason as recorded (the applicant's words, or the standard
    /// wording), or "not recorded".
    pub reason_text: Text,
    /// RFC 5280 CRLReason code (0 unspecified when no reason is recorded).
    pub crl_code: u8,
    /// RFC 5280 CRLReason name, e.g. `keyCompromise`.
    pub crl_name: String,
    /// When the office recorded the revocation (RFC 3339).
    pub recorded_at: String,
}

/// The outcome of a batch action, one item per person: a batch never fails
/// as a whole because one person's request is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub created: usize,
    pub failed: usize,
    pub items: Vec<BatchItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchItem {
    pub person_id: i64,
    /// The person's name, when the person exists.
    pub nama: Option<String>,
    /// The number of the request created (`REQ-2026-00012`).
    pub request: Option<String>,
    /// Why no request was created.
    pub error: Option<Text>,
}

/// Splits a search into an FTS5 query over names and units (each word a
/// quoted prefix, so nothing typed is read as FTS syntax) and digit prefixes
/// for NIK/NIP. A search of only digits and separators ("19660817 199112 1
/// 003", "6305.0157") is one number.
pub(crate) fn parse_search(text: &str) -> (Option<String>, Vec<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (None, Vec::new());
    }
    let is_number = text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '.' || c == '-')
        && text.chars().any(|c| c.is_ascii_digit());
    if is_number {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        return (None, vec![digits]);
    }
    let mut words = Vec::new();
    let mut digits = Vec::new();
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        if token.chars().all(|c| c.is_ascii_digit()) {
            digits.push(token.to_string());
        } else {
            words.push(format!("\"{token}\"*"));
        }
    }
    let fts = (!words.is_empty()).then(|| words.join(" "));
    (fts, digits)
}

impl Loket {
    pub(crate) fn registry_filter(&self, q: &RegistryQuery) -> RegistryFilter {
        let today = self.today();
        let (fts, digits) = parse_search(q.search.as_deref().unwrap_or(""));
        RegistryFilter {
            fts,
            digits,
            unit: q
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string),
            status: q.status,
            // A century is as far as any certificate runs; beyond it the
            // date would leave the YYYY-MM-DD text the store compares.
            expiring_until: q.expiring_within_days.map(|n| {
                today
                    .checked_add_days(Days::new(n.min(36_500).into()))
                    .unwrap_or(today)
            }),
            today,
            sort: q.sort,
        }
    }

    /// The registry of TTE users: one page of people matching the query,
    /// each with the status of their latest certificate as of today.
    pub fn registry(&self, caller: &Caller, query: &RegistryQuery) -> Result<RegistryPage> {
        caller.require(
            &READERS,
            &t!(
                "melihat daftar pengguna TTE",
                "view the registry of TTE users"
            ),
        )?;
        let filter = self.registry_filter(query);
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let offset = query.offset.unwrap_or(0).max(0);
        let today = filter.today;
        self.store.read(|db| {
            let matches = db.registry_search_count(&filter)?;
            let total = db.registry_count(&filter, matches)?;
            let drive = db.registry_drive(&filter, matches, limit, offset)?;
            let rows = db
                .registry_page(&filter, drive, Some(limit), offset)?
                .into_iter()
                .map(|r| RegistryRow::from_latest(r, today))
                .collect();
            Ok(RegistryPage { total, rows })
        })
    }

    /// Counts per work unit by derived status, units in alphabetical order.
    pub fn active_per_unit(&self, caller: &Caller) -> Result<Vec<UnitCount>> {
        caller.require(
            &READERS,
            &t!(
                "melihat rekap pengguna TTE per unit kerja",
                "view TTE users per work unit"
            ),
        )?;
        let today = self.today();
        let counts = self.store.read(|db| db.registry_counts(today, true))?;
        Ok(counts
            .into_iter()
            .map(|c| UnitCount {
                belum: c.pegawai - c.aktif - c.kedaluwarsa - c.dicabut - c.ditangguhkan,
                unit_kerja: c.unit_kerja,
                pegawai: c.pegawai,
                aktif: c.aktif,
                kedaluwarsa: c.kedaluwarsa,
                dicabut: c.dicabut,
                ditangguhkan: c.ditangguhkan,
            })
            .collect())
    }

    /// The office's totals; `aktif` is the number of TTE users.
    pub fn registry_totals(&self, caller: &Caller) -> Result<RegistryTotals> {
        caller.require(
            &READERS,
            &t!("melihat rekap pengguna TTE", "view the TTE user totals"),
        )?;
        let filter = self.registry_filter(&RegistryQuery {
            expiring_within_days: Some(DEFAULT_EXPIRY_DAYS),
            ..RegistryQuery::default()
        });
        let (counts, soon) = self.store.read(|db| {
            Ok((
                db.registry_counts(filter.today, false)?,
                db.registry_count(&filter, None)?,
            ))
        })?;
        let c = counts.into_iter().next().unwrap_or_default();
        Ok(RegistryTotals {
            belum: c.pegawai - c.aktif - c.kedaluwarsa - c.dicabut - c.ditangguhkan,
            pegawai: c.pegawai,
            aktif: c.aktif,
            kedaluwarsa: c.kedaluwarsa,
            dicabut: c.dicabut,
            ditangguhkan: c.ditangguhkan,
            segera_kedaluwarsa: soon,
        })
    }

    /// The expiry radar: active certificates expiring from today to today +
    /// `days` (default 30, AMS's renewal window), soonest first.
    pub fn expiring(&self, caller: &Caller, days: Option<u32>) -> Result<Vec<RegistryRow>> {
        caller.require(
            &READERS,
            &t!(
                "melihat sertifikat yang akan kedaluwarsa",
                "view certificates about to expire"
            ),
        )?;
        let filter = self.registry_filter(&RegistryQuery {
            expiring_within_days: Some(days.unwrap_or(DEFAULT_EXPIRY_DAYS)),
            sort: RegistrySort::BerlakuSampai,
            ..RegistryQuery::default()
        });
        let today = filter.today;
        let rows = self
            .store
            .read(|db| db.registry_page(&filter, Drive::Matches, None, 0))?;
        Ok(rows
            .into_iter()
            .map(|r| RegistryRow::from_latest(r, today))
            .collect())
    }

    /// Starts a renewal (`pembaruan`) request for each person, through
    /// [`Loket::create_request`] and its rules (the 30-day renewal window,
    /// one open renewal per person). Each person succeeds or fails on their
    /// own; the result lists both.
    pub fn start_renewals(&self, caller: &Caller, person_ids: &[i64]) -> Result<BatchResult> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!(
                "mengajukan pembaruan sertifikat secara massal",
                "start renewals in a batch"
            ),
        )?;
        let mut ids = Vec::with_capacity(person_ids.len());
        for id in person_ids {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        if ids.is_empty() {
            return Err(Error::invalid(Text::new(
                "Pilih minimal satu pegawai yang sertifikatnya akan diperbarui.",
                "Choose at least one person whose certificate is to be renewed.",
            )));
        }
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            let nama = self
                .store
                .read(|db| db.get_person(id))?
                .map(|p| p.data.nama);
            let item = match self.create_request(caller, "pembaruan", id, None, None) {
                Ok(req) => BatchItem {
                    person_id: id,
                    nama,
                    request: Some(req.nomor),
                    error: None,
                },
                Err(e) if e.kind == crate::ErrorKind::Storage => return Err(e),
                Err(e) => BatchItem {
                    person_id: id,
                    nama,
                    request: None,
                    error: Some(e.message),
                },
            };
            items.push(item);
        }
        let created = items.iter().filter(|i| i.request.is_some()).count();
        Ok(BatchResult {
            created,
            failed: items.len() - created,
            items,
        })
    }

    /// Every revoked certificate, newest revocation first, with the reason's
    /// wording and its RFC 5280 code and name, like a CRL.
    pub fn revoked_list(&self, caller: &Caller) -> Result<Vec<RevokedEntry>> {
        caller.require(
            &READERS,
            &t!(
                "melihat daftar sertifikat yang dicabut",
                "view the revoked certificates"
            ),
        )?;
        let rows = self.store.read(|db| db.revoked_certificates())?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let (reason, reason_text, crl) = match &r.revocation {
                    Some(rev) => {
                        let standard = rev.reason.wording();
                        let text = if rev.wording.trim().is_empty()
                            || rev.wording == standard.id
                            || rev.wording == standard.en
                        {
                            standard
                        } else {
                            Text::same(rev.wording.clone())
                        };
                        let crl =
                            crate::model::CrlReason::from_code(rev.crl).unwrap_or(rev.reason.crl());
                        (Some(rev.reason), text, crl)
                    }
                    None => (
                        None,
                        Text::new("Alasan tidak tercatat", "Reason not recorded"),
                        crate::model::CrlReason::Unspecified,
                    ),
                };
                RevokedEntry {
                    certificate_id: r.certificate_id,
                    person_id: r.person_id,
                    nama: r.nama,
                    nik: r.nik,
                    nip: r.nip,
                    unit_kerja: r.unit_kerja,
                    issued_on: r.issued_on,
                    expires_on: r.expires_on,
                    revoked_on: r.revoked_on,
                    reason,
                    reason_text,
                    crl_code: crl.code(),
                    crl_name: crl.name().to_string(),
                    recorded_at: r.recorded_at,
                }
            })
            .collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The plans behind `Drive`: along the sort index when told to, from
    /// the matches otherwise, never a scan of the whole people table.
    #[test]
    fn searches_follow_the_chosen_drive() {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = crate::testing::office(dir.path());
        for i in 0..20 {
            loket
                .add_person(&admin, &crate::testing::person(i))
                .unwrap();
        }
        let query = |search: &str, sort: RegistrySort| {
            let mut f = loket.registry_filter(&RegistryQuery {
                search: Some(search.into()),
                ..RegistryQuery::default()
            });
            f.sort = sort;
            f
        };
        let plan = |f: &RegistryFilter, drive: Drive| {
            loket.store.read(|db| db.registry_plan(f, drive)).unwrap()
        };
        let words = query("ami", RegistrySort::Nama);
        let along = plan(&words, Drive::Order);
        assert!(along.contains("registry_name"), "{along}");
        assert!(!along.contains("TEMP B-TREE"), "{along}");
        let from = plan(&words, Drive::Matches);
        assert!(
            from.contains("people_fts") || from.contains("LIST SUBQUERY"),
            "{from}"
        );
        let digits = query("6305", RegistrySort::Nama);
        let along = plan(&digits, Drive::Order);
        assert!(along.contains("registry_name"), "{along}");
        assert!(!along.contains("TEMP B-TREE"), "{along}");
        let from = plan(&digits, Drive::Matches);
        assert!(from.contains("MULTI-INDEX OR"), "{from}");
        // Pages that are an index walk in their order, never a sort.
        let filtered = |q: RegistryQuery| loket.registry_filter(&q);
        let cases = [
            (
                RegistryQuery {
                    unit: Some("Dinas Kesehatan".into()),
                    status: Some(RegistryStatus::Aktif),
                    ..RegistryQuery::default()
                },
                "registry_unit_name",
            ),
            (
                RegistryQuery {
                    status: Some(RegistryStatus::Kedaluwarsa),
                    ..RegistryQuery::default()
                },
                "registry_name",
            ),
            (
                RegistryQuery {
                    status: Some(RegistryStatus::Dicabut),
                    ..RegistryQuery::default()
                },
                "registry_grp_name",
            ),
            (
                RegistryQuery {
                    expiring_within_days: Some(30),
                    sort: RegistrySort::BerlakuSampai,
                    ..RegistryQuery::default()
                },
                "registry_expiry",
            ),
            (
                RegistryQuery {
                    expiring_within_days: Some(30),
                    ..RegistryQuery::default()
                },
                "registry_grp_name",
            ),
        ];
        for (q, index) in cases {
            let got = plan(&filtered(q.clone()), Drive::Matches);
            assert!(got.contains(index), "{q:?}: {got}");
            assert!(!got.contains("TEMP B-TREE"), "{q:?}: {got}");
        }
        // Few matches: from the matches; many, on the first page: along.
        let few = loket
            .store
            .read(|db| db.registry_drive(&words, Some(2), 50, 0))
            .unwrap();
        assert_eq!(few, Drive::Matches);
        let many = loket
            .store
            .read(|db| db.registry_drive(&words, Some(15), 1, 0))
            .unwrap();
        assert_eq!(many, Drive::Order);
        let deep = loket
            .store
            .read(|db| db.registry_drive(&words, Some(15), 1, 14))
            .unwrap();
        assert_eq!(deep, Drive::Matches);
    }

    #[test]
    fn search_splits_words_and_numbers() {
        let check = |input: &str, fts: Option<&str>, digits: &[&str]| {
            let (f, d) = parse_search(input);
            assert_eq!(f.as_deref(), fts, "{input}");
            assert_eq!(d, digits, "{input}");
        };
        check("", None, &[]);
        check("  ", None, &[]);
        check("ami", Some("\"ami\"*"), &[]);
        check("Siti  Aminah", Some("\"Siti\"* \"Aminah\"*"), &[]);
        check("6305", None, &["6305"]);
        check("19660817 199112 1 003", None, &["196608171991121003"]);
        check("6305.0157-08", None, &["6305015708"]);
        check("aminah 6305", Some("\"aminah\"*"), &["6305"]);
        // FTS syntax typed by a person is quoted, never interpreted.
        check(
            "ma'ruf OR \"x",
            Some("\"ma\"* \"ruf\"* \"OR\"* \"x\"*"),
            &[],
        );
        check("-- ..", None, &[]);
    }
}
