//! Naskah dinas: the office's letters made from its requests, numbered in a
//! register (buku agenda), stored with their PDF and the data they were made
//! from, and verifiable later.
//!
//! The layout engine (`crate::letters`) knows nothing of requests; this
//! module builds each letter's [`LetterDoc`](crate::letters::LetterDoc) from
//! domain data and the kind's editable template (`templates.rs`,
//! `kinds.rs`), draws its number (`numbering.rs`), renders, stores and
//! registers it (here), and answers whether a letter is genuine
//! (`verify.rs`).
//!
//! Decisions a reader of the code or of a letter will notice:
//! - **Who numbers what.** The office numbers the letters it writes:
//!   rekomendasi (penerbitan, pencabutan), pemberitahuan, tanda terima, and
//!   the agenda number of the Lembar Disposisi. The applicant's own letters
//!   (permohonan, keterangan alasan pencabutan) belong to the applicant's
//!   unit: they print the number typed in when the letter is made, or dots
//!   to fill in by hand, and never enter the office's register.
//! - **Sequences.** Each numbered kind names a sequence (`keluar` for
//!   outgoing letters, `masuk` for the agenda of incoming ones); the counter
//!   `surat:<sequence>:<year>` restarts every 1 January because the year is
//!   part of its name. Numbers are drawn inside the IMMEDIATE write
//!   transaction, so two app instances on one database never draw the same
//!   one; a number already in the register (entered by hand, say) is
//!   skipped; the register's UNIQUE constraint is the last guard.
//! - **Versions.** Making a letter again for the same kind and the same
//!   requests makes a new version of the same letter: same number, same
//!   date, new verification code, new file; the old version and its file
//!   stay. Once its number is voided, the next letter for those requests is
//!   a new letter with a new number.
//! - **Verification.** Every version has its own code (printed with the QR
//!   code, and written as plain text into the PDF's `/Keywords`). A file is
//!   genuine when its SHA-256 equals a stored version's; otherwise, if it
//!   carries a known code, it is an altered copy of that letter.
//! - **No kop** on the applicant's letters (they come from the applicant,
//!   not from the office); every other kind has the office's kop.

mod emblem;
mod kinds;
mod numbering;
mod settings;
mod templates;
mod verify;

pub use emblem::{AgencySaved, EmblemInfo, MAX_EMBLEM_BYTES};
pub use kinds::Superior;
pub(crate) use kinds::kop_surat;
pub use numbering::TOKENS as NUMBER_TOKENS;
pub use settings::{
    DEFAULT_PATTERN, Delegate, LetterSettings, NumberingRule, SignatoryMode, numbered_by_office,
};
pub use templates::{SlotView, TemplateOverrides, TemplateView};
pub use verify::{Verdict, Verification};

use crate::auth::Caller;
use crate::clock::parse_stamp;
use crate::documents::{sha256_hex, write_atomic};
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::letters::format::tanggal_indonesia;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{CertStatus, DocKind, RequestStatus, RequestType, Role};
use crate::requests::{check_may_see_request, resolve_request_id, visible_request};
use crate::sop::LetterKind;
use crate::store::Db;
use crate::store::letters::{LetterRow, NewLetter, NewNumber, NewVersion, NumberRow, VersionRow};
use crate::t;
use chrono::{Datelike, NaiveDate};
use kinds::{Applicant, DisposisiRow, Material, ReceivedDoc};
use numbering::{NumberParts, Pattern};
use serde::{Deserialize, Serialize};
use settings::SETTINGS_KEY;
use std::path::{Path, PathBuf};

/// Written into each PDF's `/Keywords` before the verification code.
pub const CODE_MARKER: &str = "LOKET-TTE-VERIFIKASI:";

/// What to make: one kind of letter for one request, or for several
/// (collective recommendations only).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LetterOrder {
    pub kind: Option<LetterKind>,
    /// Request numbers (`REQ-…`), UUIDs or ids.
    pub requests: Vec<String>,
    /// A number typed by hand: printed on the applicant's letters; for the
    /// office's letters, registered as a hand-entered number instead of
    /// drawing one.
    pub nomor: Option<String>,
    /// The superior on a statement of the reason for revocation; blank
    /// lines when absent.
    pub atasan: Option<Superior>,
}

/// Whether a register number is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberStatus {
    Aktif,
    Batal,
}

/// A request a letter covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestRef {
    pub nomor: String,
    pub nama: String,
}

/// One version of a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LetterVersion {
    pub id: i64,
    pub version: i64,
    pub code: String,
    /// Relative to the data folder.
    pub path: String,
    pub pdf_sha256: String,
    pub content_sha256: String,
    pub pages: i64,
    pub size: i64,
    pub created_by: String,
    pub created_at: String,
}

/// A letter with its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LetterSummary {
    pub id: i64,
    pub uuid: String,
    pub kind: LetterKind,
    pub kind_label: Text,
    /// As printed; `None` when it printed dots.
    pub nomor: Option<String>,
    pub numbered_by_office: bool,
    pub number_status: Option<NumberStatus>,
    pub void_reason: Option<String>,
    /// `YYYY-MM-DD`.
    pub tanggal: String,
    pub hal: String,
    pub requests: Vec<RequestRef>,
    pub versions: Vec<LetterVersion>,
    pub created_by: String,
    pub created_at: String,
}

impl LetterSummary {
    pub fn latest(&self) -> Option<&LetterVersion> {
        self.versions.last()
    }
}

/// What `generate_letter` made.
#[derive(Clone, Debug, Serialize)]
pub struct GeneratedLetter {
    pub letter: LetterSummary,
    pub version: LetterVersion,
    /// The PDF, absolute.
    pub path: PathBuf,
    /// Whether a number was drawn (or registered) for this call.
    pub new_number: bool,
}

/// One entry of the register (buku agenda).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    pub id: i64,
    pub nomor: String,
    pub kind: Option<LetterKind>,
    pub kind_label: Text,
    pub tahun: i64,
    pub urut: Option<i64>,
    pub urutan: Option<String>,
    /// Entered by hand (numbered elsewhere).
    pub manual: bool,
    pub tanggal: String,
    pub hal: String,
    pub status: NumberStatus,
    pub requests: Vec<RequestRef>,
    pub created_by: String,
    pub created_at: String,
    pub void_reason: Option<String>,
    pub voided_by: Option<String>,
    pub voided_at: Option<String>,
}

/// A kind of letter a request can have, for the request page's buttons.
#[derive(Clone, Debug, Serialize)]
pub struct LetterOption {
    pub kind: LetterKind,
    pub label: Text,
    /// SOP steps of the request that name this letter.
    pub steps: Vec<u32>,
    pub allowed: bool,
    /// Why the caller may not make it now.
    pub refusal: Option<Text>,
    /// The letter already made (a new one becomes its next version).
    pub existing: Option<i64>,
}

/// A number entered by hand into the register.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ManualNumber {
    pub kind: Option<LetterKind>,
    pub nomor: String,
    pub hal: String,
    /// The letter's date; today when absent.
    pub tanggal: Option<NaiveDate>,
}

/// Who may make each kind of letter.
pub fn roles_for(kind: LetterKind) -> &'static [Role] {
    match kind {
        LetterKind::PermohonanPenerbitan
        | LetterKind::PermohonanPencabutan
        | LetterKind::KeteranganPencabutan => &[Role::Admin, Role::Verifikator, Role::Pemohon],
        LetterKind::Disposisi => &[Role::Admin, Role::Verifikator, Role::Pimpinan],
        LetterKind::RekomendasiPenerbitan
        | LetterKind::RekomendasiPencabutan
        | LetterKind::Pemberitahuan
        | LetterKind::TandaTerima => &[Role::Admin, Role::Verifikator],
    }
}

/// Whether a kind of letter fits a kind of request.
pub fn fits(kind: LetterKind, jenis: RequestType) -> bool {
    use RequestType as R;
    match kind {
        LetterKind::PermohonanPenerbitan | LetterKind::RekomendasiPenerbitan => {
            matches!(jenis, R::Penerbitan | R::Pembaruan)
        }
        LetterKind::PermohonanPencabutan
        | LetterKind::KeteranganPencabutan
        | LetterKind::RekomendasiPencabutan => jenis == R::Pencabutan,
        LetterKind::Pemberitahuan => {
            matches!(jenis, R::Penerbitan | R::Pembaruan | R::Pencabutan)
        }
        LetterKind::Disposisi | LetterKind::TandaTerima => true,
    }
}

/// The applicant's own letters.
fn applicant_kind(kind: LetterKind) -> bool {
    !numbered_by_office(kind)
}

fn collective_kind(kind: LetterKind) -> bool {
    matches!(
        kind,
        LetterKind::RekomendasiPenerbitan | LetterKind::RekomendasiPencabutan
    )
}

fn kind_words(kind: LetterKind) -> (String, String) {
    let l = kind.label();
    (l.id, l.en)
}

fn letter_not_found(what: &str) -> Error {
    Error::not_found(t!(
        "Surat {what} tidak ditemukan.",
        "Letter {what} not found."
    ))
}

/// Eight characters from an alphabet without 0/O and 1/I, as `7Q4K-92XD`.
fn new_code() -> String {
    const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let bytes = crate::uuid_bytes();
    let mut code = String::with_capacity(9);
    for (i, b) in bytes.iter().take(8).enumerate() {
        if i == 4 {
            code.push('-');
        }
        code.push(ALPHABET[usize::from(b & 31)] as char);
    }
    code
}

/// A code as a person may type it (`7q4k92xd`, `7Q4K 92XD`) in its printed
/// form.
pub fn normalize_code(input: &str) -> String {
    let bare: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if bare.len() == 8 {
        format!("{}-{}", &bare[..4], &bare[4..])
    } else {
        bare
    }
}

/// A file name part from a letter number: `000.6.5.6_012_Diskominfo_XI_2026`.
fn safe_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.truncate(80);
    out.trim_matches(['.', '_']).to_string()
}

fn number_status(s: Option<&str>) -> Option<NumberStatus> {
    match s {
        Some("aktif") => Some(NumberStatus::Aktif),
        Some("batal") => Some(NumberStatus::Batal),
        _ => None,
    }
}

fn to_version(v: VersionRow) -> LetterVersion {
    LetterVersion {
        id: v.id,
        version: v.version,
        code: v.code,
        path: v.path,
        pdf_sha256: v.pdf_sha256,
        content_sha256: v.content_sha256,
        pages: v.pages,
        size: v.size,
        created_by: v.created_actor,
        created_at: v.created_at,
    }
}

pub(crate) fn summary(db: &Db, row: LetterRow) -> Result<LetterSummary> {
    let kind = LetterKind::parse(&row.kind);
    let versions = db
        .letter_versions(row.id)?
        .into_iter()
        .map(to_version)
        .collect();
    let requests = db
        .letter_requests(row.id)?
        .into_iter()
        .map(|r| RequestRef {
            nomor: r.nomor,
            nama: r.nama,
        })
        .collect();
    Ok(LetterSummary {
        id: row.id,
        uuid: row.uuid,
        kind: kind.unwrap_or(LetterKind::Pemberitahuan),
        kind_label: kind.map_or_else(|| Text::same(row.kind.clone()), LetterKind::label),
        nomor: row.nomor,
        numbered_by_office: row.number_id.is_some(),
        number_status: number_status(row.number_status.as_deref()),
        void_reason: row.void_reason,
        tanggal: row.tanggal,
        hal: row.hal,
        requests,
        versions,
        created_by: row.created_actor,
        created_at: row.created_at,
    })
}

fn register_entry(n: NumberRow, requests: Vec<RequestRef>) -> RegisterEntry {
    let kind = LetterKind::parse(&n.kind);
    RegisterEntry {
        id: n.id,
        kind_label: kind.map_or_else(|| Text::same(n.kind.clone()), LetterKind::label),
        kind,
        nomor: n.nomor,
        tahun: n.year,
        urut: n.seq,
        urutan: n.sequence,
        manual: n.manual,
        tanggal: n.tanggal,
        hal: n.hal,
        status: number_status(Some(&n.status)).unwrap_or(NumberStatus::Aktif),
        requests,
        created_by: n.created_actor,
        created_at: n.created_at,
        void_reason: n.void_reason,
        voided_by: n.voided_actor,
        voided_at: n.voided_at,
    }
}

/// "21 November 2026 pukul 09.15 WITA".
fn waktu(stamp: &str) -> String {
    let Some(t) = parse_stamp(stamp) else {
        return stamp.to_string();
    };
    let zone = match t.offset().local_minus_utc() {
        25_200 => "WIB".to_string(),
        28_800 => "WITA".to_string(),
        32_400 => "WIT".to_string(),
        s => format!("UTC{:+}", s / 3600),
    };
    format!(
        "{} pukul {} {zone}",
        tanggal_indonesia(t.date_naive()),
        t.format("%H.%M")
    )
}

fn stamp_date(stamp: &str) -> String {
    parse_stamp(stamp)
        .map(|t| tanggal_indonesia(t.date_naive()))
        .unwrap_or_else(|| stamp.to_string())
}

impl Loket {
    /// The letter settings (defaults until an admin saves them).
    pub fn letter_settings(&self) -> Result<LetterSettings> {
        let stored: Option<LetterSettings> = self.store.read(|db| db.get_setting(SETTINGS_KEY))?;
        let mut s = stored.unwrap_or_default();
        // Kinds missing from an older stored map get their default rule.
        for kind in LetterKind::ALL {
            if let Some(rule) = s.rule(kind) {
                s.penomoran.entry(kind).or_insert(rule);
            }
        }
        Ok(s)
    }

    pub fn set_letter_settings(
        &self,
        caller: &Caller,
        settings: &LetterSettings,
    ) -> Result<LetterSettings> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah pengaturan surat", "change the letter settings"),
        )?;
        let settings = settings.validate(self.today())?;
        let now = self.stamp_now();
        self.store
            .write(|db| put_letter_settings(db, caller, &settings, &now))?;
        Ok(settings)
    }

    /// Every kind's template with its current texts.
    pub fn letter_templates(&self, caller: &Caller) -> Result<Vec<TemplateView>> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pimpinan],
            &t!("melihat templat surat", "see letter templates"),
        )?;
        self.store.read(|db| {
            LetterKind::ALL
                .into_iter()
                .map(|k| {
                    let o: TemplateOverrides = db
                        .get_setting(&templates::template_key(k))?
                        .unwrap_or_default();
                    Ok(templates::view(k, &o))
                })
                .collect()
        })
    }

    /// Changes parts of a kind's template (the parts not given keep their
    /// text). Every unknown placeholder is refused with its name.
    pub fn set_letter_template(
        &self,
        caller: &Caller,
        kind: LetterKind,
        edited: &TemplateOverrides,
    ) -> Result<TemplateView> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah templat surat", "change letter templates"),
        )?;
        let checked = templates::check(kind, edited)?;
        let now = self.stamp_now();
        let key = templates::template_key(kind);
        self.store.write(|db| {
            let old: TemplateOverrides = db.get_setting(&key)?.unwrap_or_default();
            let new = templates::merge(kind, &old, checked);
            if new.is_empty() {
                db.remove_setting(&key)?;
            } else {
                db.put_setting(&key, &new)?;
            }
            Audit {
                action: "letter.template",
                entity: "agency",
                entity_id: Some(kind.code().to_string()),
                summary: format!("Templat {} diubah", kind.label().id),
                old_value: audit_json(&old),
                new_value: audit_json(&new),
            }
            .write(db, caller, &now)?;
            Ok(templates::view(kind, &new))
        })
    }

    /// Puts a kind's template back to the shipped wording.
    pub fn reset_letter_template(&self, caller: &Caller, kind: LetterKind) -> Result<TemplateView> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah templat surat", "change letter templates"),
        )?;
        let now = self.stamp_now();
        let key = templates::template_key(kind);
        self.store.write(|db| {
            let old: TemplateOverrides = db.get_setting(&key)?.unwrap_or_default();
            db.remove_setting(&key)?;
            Audit {
                action: "letter.template",
                entity: "agency",
                entity_id: Some(kind.code().to_string()),
                summary: format!("Templat {} dikembalikan ke bawaan", kind.label().id),
                old_value: audit_json(&old),
                new_value: None,
            }
            .write(db, caller, &now)?;
            Ok(templates::view(kind, &TemplateOverrides::new()))
        })
    }

    /// Makes a letter (or the next version of it), stores its PDF under
    /// `surat/<year>/`, registers its number and returns where it is.
    pub fn generate_letter(&self, caller: &Caller, order: &LetterOrder) -> Result<GeneratedLetter> {
        let Some(kind) = order.kind else {
            let known = LetterKind::ALL.map(|k| k.code()).join(", ");
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "kind",
                t!(
                    "Pilih jenis surat: {known}.",
                    "Choose the kind of letter: {known}."
                ),
            )]));
        };
        let (lid, len) = kind_words(kind);
        caller.require(roles_for(kind), &t!("membuat {lid}", "make the {len}"))?;
        let order = check_order(kind, order, self.today())?;
        let agency = self.agency()?.ok_or_else(|| {
            Error::conflict(Text::new(
                "Profil dinas belum diisi; isi dulu di Pengaturan.",
                "The agency profile is not filled in yet; fill it in under Settings.",
            ))
        })?;
        let settings = self.letter_settings()?;
        let mut missing = Vec::new();
        if numbered_by_office(kind) {
            let who = match settings.penandatangan {
                SignatoryMode::Kepala => agency.kepala.nama.trim(),
                _ => settings.wakil.nama.trim(),
            };
            if who.is_empty() {
                missing.push(FieldIssue::new(
                    "kepala.nama",
                    Text::new(
                        "Nama penanda tangan surat dinas belum diisi (Pengaturan → profil dinas atau pengaturan surat).",
                        "The name of the office's signatory is not filled in (Settings → agency profile or letter settings).",
                    ),
                ));
            }
        }
        if !missing.is_empty() {
            return Err(Error::invalid_fields(missing));
        }
        let (renderer, has_emblem) = self.letter_renderer()?;
        let stamp = self.stamp_now();
        let today = self.today();
        let root = self.paths.root.clone();
        self.store.write(|db| {
            let applicants = load_applicants(db, caller, kind, &order.requests)?;
            let ids: Vec<i64> = applicants.iter().map(|a| a.request.id).collect();
            let request_set = ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let template: TemplateOverrides = db
                .get_setting(&templates::template_key(kind))?
                .unwrap_or_default();
            let mut material = Material {
                kind,
                agency: &agency,
                settings: &settings,
                template: &template,
                nomor: None,
                date: today,
                code: String::new(),
                has_emblem,
                applicants,
                superior: order.atasan.clone(),
                disposisi: Vec::new(),
                surat_masuk: None,
                diterima: None,
                documents: Vec::new(),
                penerima: if caller.user_id.is_some() {
                    caller.display_name.clone()
                } else {
                    String::new()
                },
            };
            gather_kind_data(db, &mut material)?;

            let existing = db.current_letter_for(kind.code(), &request_set)?;
            let mut new_number = false;
            let (letter_id, nomor, date) = match &existing {
                Some(l) => {
                    let date = NaiveDate::parse_from_str(&l.tanggal, "%Y-%m-%d").unwrap_or(today);
                    let nomor = if applicant_kind(kind) {
                        // The applicant's unit may give the number later.
                        order.nomor.clone().or_else(|| l.nomor.clone())
                    } else {
                        if let Some(typed) = &order.nomor
                            && Some(typed) != l.nomor.as_ref()
                        {
                            let has = l.nomor.clone().unwrap_or_default();
                            return Err(Error::conflict(t!(
                                "Surat ini sudah bernomor {has}; membuatnya lagi memakai nomor yang sama. Untuk nomor lain, batalkan dulu nomor {has}.",
                                "This letter already has number {has}; making it again keeps that number. For another number, void {has} first."
                            )));
                        }
                        l.nomor.clone()
                    };
                    (Some(l.id), nomor, date)
                }
                None => {
                    material.date = today;
                    let hal = material.hal();
                    let nomor = if numbered_by_office(kind) {
                        new_number = true;
                        Some(register_number(
                            db,
                            caller,
                            kind,
                            &settings,
                            order.nomor.as_deref(),
                            &hal,
                            today,
                            &stamp,
                        )?)
                    } else {
                        order.nomor.clone()
                    };
                    (None, nomor, today)
                }
            };
            material.nomor = nomor.clone();
            material.date = date;
            let hal = material.hal();
            let mut code = new_code();
            while db.letter_code_exists(&code)? {
                code = new_code();
            }
            material.code = code.clone();
            let doc = material.build();
            let view = serde_json::to_string(&doc)?;
            let rendered =
                renderer.render_tagged(&doc, Some(&format!("{CODE_MARKER}{code}")))?;

            let letter_id = match letter_id {
                Some(id) => {
                    if applicant_kind(kind) {
                        db.set_letter_nomor(id, nomor.as_deref())?;
                    }
                    id
                }
                None => {
                    let number_id = match (&nomor, numbered_by_office(kind)) {
                        (Some(n), true) => db.letter_number_by_nomor(n)?.map(|r| r.id),
                        _ => None,
                    };
                    let uuid = uuid::Uuid::new_v4().to_string();
                    let id = db.insert_letter(&NewLetter {
                        uuid: &uuid,
                        kind: kind.code(),
                        number_id,
                        nomor: nomor.as_deref(),
                        tanggal: &date.format("%Y-%m-%d").to_string(),
                        hal: &hal,
                        request_set: &request_set,
                        user_id: caller.user_id,
                        actor: &caller.username,
                        at: &stamp,
                    })?;
                    for rid in &ids {
                        db.insert_letter_request(id, *rid)?;
                    }
                    id
                }
            };
            let version = db.letter_versions(letter_id)?.len() as i64 + 1;
            let stem = match &nomor {
                Some(n) if numbered_by_office(kind) => safe_name(n),
                _ => {
                    let first = material
                        .applicants
                        .first()
                        .map(|a| a.request.nomor.clone())
                        .unwrap_or_default();
                    format!("{}-{}-{letter_id}", kind.code(), safe_name(&first))
                }
            };
            let mut rel = format!("surat/{}/{stem}-v{version}.pdf", date.year());
            if root.join(&rel).exists() {
                rel = format!("surat/{}/{stem}-v{version}-{code}.pdf", date.year());
            }
            let pdf_sha = sha256_hex(&rendered.bytes);
            let content_sha = sha256_hex(view.as_bytes());
            let version_id = db.insert_letter_version(&NewVersion {
                letter_id,
                version,
                code: &code,
                path: &rel,
                pdf_sha256: &pdf_sha,
                content_sha256: &content_sha,
                view: &view,
                pages: rendered.pages as i64,
                size: rendered.bytes.len() as i64,
                user_id: caller.user_id,
                actor: &caller.username,
                at: &stamp,
            })?;
            let request_numbers = material
                .applicants
                .iter()
                .map(|a| a.request.nomor.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let shown = nomor.clone().unwrap_or_else(|| "(tanpa nomor)".into());
            Audit {
                action: "letter.generate",
                entity: "letter",
                entity_id: Some(letter_id.to_string()),
                summary: format!(
                    "{} {shown} versi {version} dibuat untuk {request_numbers}",
                    kind.label().id
                ),
                old_value: None,
                new_value: Some(serde_json::json!({
                    "kind": kind.code(),
                    "nomor": nomor,
                    "versi": version,
                    "kode": code,
                    "berkas": rel,
                    "sha256": pdf_sha,
                })),
            }
            .write(db, caller, &stamp)?;
            // The file last, under the write lock: a failure rolls the
            // number and the records back.
            write_atomic(&root.join(&rel), &rendered.bytes)?;
            let row = db
                .get_letter(letter_id)?
                .ok_or_else(|| Error::internal("letter vanished"))?;
            let letter = summary(db, row)?;
            let version = db
                .letter_version(version_id)?
                .map(to_version)
                .ok_or_else(|| Error::internal("letter version vanished"))?;
            Ok(GeneratedLetter {
                letter,
                version,
                path: root.join(&rel),
                new_number,
            })
        })
    }

    /// The letters that cover a request, newest first. An applicant sees
    /// only their own letters (permohonan, keterangan) of their requests.
    pub fn letters_of_request(&self, caller: &Caller, key: &str) -> Result<Vec<LetterSummary>> {
        self.store.read(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            db.letters_for_request(id)?
                .into_iter()
                .filter(|l| {
                    caller.role != Role::Pemohon
                        || LetterKind::parse(&l.kind).is_some_and(applicant_kind)
                })
                .map(|l| summary(db, l))
                .collect()
        })
    }

    /// The office's most recent letters, for the Surat page.
    pub fn recent_letters(&self, caller: &Caller, limit: i64) -> Result<Vec<LetterSummary>> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pimpinan],
            &t!("melihat daftar surat", "see the list of letters"),
        )?;
        self.store.read(|db| {
            db.recent_letters(limit.clamp(1, 1000))?
                .into_iter()
                .map(|l| summary(db, l))
                .collect()
        })
    }

    /// The kinds of letter a request can have, with the SOP steps that name
    /// them and whether the caller may make them now.
    pub fn letter_options(&self, caller: &Caller, key: &str) -> Result<Vec<LetterOption>> {
        self.store.read(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            // A draft is not on an SOP yet: its letters are those of the SOP
            // its type will start on.
            let sop = match request.sop_ref {
                Some(r) => db.sop_by_ref(r)?.map(|s| s.sop),
                None => crate::sop_admin::sop_for_new_request(db, request.jenis)
                    .ok()
                    .map(|s| s.sop),
            };
            let mut out = Vec::new();
            for kind in LetterKind::ALL {
                if !fits(kind, request.jenis) {
                    continue;
                }
                let steps: Vec<u32> = sop
                    .iter()
                    .flat_map(|s| s.steps.iter())
                    .filter(|s| s.letters.contains(&kind))
                    .map(|s| s.no)
                    .collect();
                let (lid, len) = kind_words(kind);
                let mut refusal = caller
                    .require(roles_for(kind), &t!("membuat {lid}", "make the {len}"))
                    .err()
                    .map(|e| e.message);
                if refusal.is_none() {
                    refusal = state_refusal(kind, &request).err();
                }
                if refusal.is_none() && kind == LetterKind::Pemberitahuan {
                    refusal = certificate_for(db, &request)?.err();
                }
                let existing = db
                    .current_letter_for(kind.code(), &id.to_string())?
                    .map(|l| l.id);
                out.push(LetterOption {
                    kind,
                    label: kind.label(),
                    steps,
                    allowed: refusal.is_none(),
                    refusal,
                    existing,
                });
            }
            Ok(out)
        })
    }

    /// The register (buku agenda) of a year, or of every year.
    pub fn letter_register(
        &self,
        caller: &Caller,
        year: Option<i32>,
    ) -> Result<Vec<RegisterEntry>> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("melihat buku agenda surat", "see the letter register"),
        )?;
        let year = year.map(i64::from);
        self.store.read(|db| {
            let mut requests: std::collections::BTreeMap<i64, Vec<RequestRef>> =
                std::collections::BTreeMap::new();
            for (id, nomor, nama) in db.register_requests(year)? {
                requests
                    .entry(id)
                    .or_default()
                    .push(RequestRef { nomor, nama });
            }
            Ok(db
                .letter_register(year)?
                .into_iter()
                .map(|n| {
                    let r = requests.remove(&n.id).unwrap_or_default();
                    register_entry(n, r)
                })
                .collect())
        })
    }

    /// Voids a number: it stays in the register with the reason and is
    /// never used again.
    pub fn void_letter_number(
        &self,
        caller: &Caller,
        nomor: &str,
        reason: &str,
    ) -> Result<RegisterEntry> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("membatalkan nomor surat", "void letter numbers"),
        )?;
        let nomor = nomor.trim();
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "reason",
                Text::new(
                    "Tuliskan alasan pembatalan nomor.",
                    "Write why the number is voided.",
                ),
            )]));
        }
        let now = self.stamp_now();
        self.store.write(|db| {
            let row = db.letter_number_by_nomor(nomor)?.ok_or_else(|| {
                Error::not_found(t!(
                    "Nomor {nomor} tidak ada di buku agenda.",
                    "Number {nomor} is not in the register."
                ))
            })?;
            if !db.void_letter_number(row.id, reason, caller.user_id, &caller.username, &now)? {
                return Err(Error::conflict(t!(
                    "Nomor {nomor} sudah dibatalkan sebelumnya.",
                    "Number {nomor} was already voided."
                )));
            }
            Audit {
                action: "letter.number_void",
                entity: "letter_number",
                entity_id: Some(row.id.to_string()),
                summary: format!("Nomor surat {nomor} dibatalkan: {reason}"),
                old_value: None,
                new_value: Some(serde_json::json!({ "nomor": nomor, "alasan": reason })),
            }
            .write(db, caller, &now)?;
            let n = db
                .letter_number(row.id)?
                .ok_or_else(|| Error::internal("register entry vanished"))?;
            let requests = match db.letter_with_number(row.id)? {
                Some(l) => db
                    .letter_requests(l.id)?
                    .into_iter()
                    .map(|r| RequestRef {
                        nomor: r.nomor,
                        nama: r.nama,
                    })
                    .collect(),
                None => Vec::new(),
            };
            Ok(register_entry(n, requests))
        })
    }

    /// Enters a number given elsewhere (a letter typed outside the app) into
    /// the register, refusing one already there (exact match).
    pub fn enter_letter_number(
        &self,
        caller: &Caller,
        input: &ManualNumber,
    ) -> Result<RegisterEntry> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("mencatat nomor surat", "record letter numbers"),
        )?;
        let mut issues = Vec::new();
        let nomor = input.nomor.trim().to_string();
        let hal = input.hal.trim().to_string();
        match input.kind {
            None => issues.push(FieldIssue::new(
                "kind",
                Text::new("Pilih jenis surat.", "Choose the kind of letter."),
            )),
            Some(k) if !numbered_by_office(k) => {
                let code = k.code();
                issues.push(FieldIssue::new(
                    "kind",
                    t!(
                        "Surat {code} dinomori oleh unit kerja pemohon, bukan oleh buku agenda dinas.",
                        "Letters of kind {code} are numbered by the applicant's unit, not by the office's register."
                    ),
                ));
            }
            Some(_) => {}
        }
        if let Err(m) = check_typed_number(&nomor) {
            issues.push(FieldIssue::new("nomor", m));
        }
        if hal.is_empty() {
            issues.push(FieldIssue::new(
                "hal",
                Text::new(
                    "Tuliskan hal (perihal) surat.",
                    "Write the letter's subject.",
                ),
            ));
        }
        let Some(kind) = input.kind.filter(|_| issues.is_empty()) else {
            return Err(Error::invalid_fields(issues));
        };
        let date = input.tanggal.unwrap_or_else(|| self.today());
        let now = self.stamp_now();
        self.store.write(|db| {
            let id = insert_manual(db, caller, kind, &nomor, &hal, date, &now)?;
            let n = db
                .letter_number(id)?
                .ok_or_else(|| Error::internal("register entry vanished"))?;
            Ok(register_entry(n, Vec::new()))
        })
    }

    /// Where a version's PDF is, for opening it in the system viewer. The
    /// file is checked against its hash first.
    pub fn letter_file(&self, caller: &Caller, version_id: i64) -> Result<PathBuf> {
        let (path, _) = self.checked_letter_file(caller, version_id)?;
        Ok(path)
    }

    /// A version's PDF bytes, checked against the stored hash.
    pub fn read_letter(&self, caller: &Caller, version_id: i64) -> Result<Vec<u8>> {
        let (_, bytes) = self.checked_letter_file(caller, version_id)?;
        Ok(bytes)
    }

    /// Writes a copy of a version's PDF to `dest` (a file chosen by the
    /// person; the stored one is never handed out for editing).
    pub fn copy_letter(&self, caller: &Caller, version_id: i64, dest: &Path) -> Result<()> {
        let (_, bytes) = self.checked_letter_file(caller, version_id)?;
        std::fs::write(dest, bytes).map_err(|e| Error::io(dest, &e))
    }

    /// The view (LetterDoc) a version was made from.
    pub fn letter_view(
        &self,
        caller: &Caller,
        version_id: i64,
    ) -> Result<crate::letters::LetterDoc> {
        self.letter_access(caller, version_id)?;
        let json = self
            .store
            .read(|db| db.letter_version_view(version_id))?
            .ok_or_else(|| letter_not_found(&version_id.to_string()))?;
        Ok(serde_json::from_str(&json)?)
    }

    fn letter_access(&self, caller: &Caller, version_id: i64) -> Result<VersionRow> {
        self.store.read(|db| {
            let v = db
                .letter_version(version_id)?
                .ok_or_else(|| letter_not_found(&version_id.to_string()))?;
            let letter = db
                .get_letter(v.letter_id)?
                .ok_or_else(|| letter_not_found(&version_id.to_string()))?;
            if caller.role == Role::Pemohon {
                let own_kind = LetterKind::parse(&letter.kind).is_some_and(applicant_kind);
                let mut own = own_kind;
                for r in db.letter_requests(letter.id)? {
                    let req = db.get_request(r.request_id)?;
                    if req.is_none_or(|q| check_may_see_request(caller, &q).is_err()) {
                        own = false;
                    }
                }
                if !own {
                    return Err(Error::forbidden(Text::new(
                        "Pemohon hanya dapat membuka surat permohonannya sendiri.",
                        "An applicant may only open their own request letters.",
                    )));
                }
            }
            Ok(v)
        })
    }

    fn checked_letter_file(&self, caller: &Caller, version_id: i64) -> Result<(PathBuf, Vec<u8>)> {
        let v = self.letter_access(caller, version_id)?;
        let path = self.paths.root.join(&v.path);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
        if sha256_hex(&bytes) != v.pdf_sha256 {
            let p = path.display();
            return Err(Error::new(
                crate::ErrorKind::Io,
                t!(
                    "Berkas surat {p} telah berubah sejak dibuat (isinya tidak cocok dengan sidik SHA-256-nya) dan tidak dibuka. Pulihkan dari cadangan atau buat surat itu lagi.",
                    "The letter file {p} has changed since it was made (its content no longer matches its SHA-256) and is not opened. Restore it from a backup or make the letter again."
                ),
            ));
        }
        Ok((path, bytes))
    }

    /// A sample of a kind of letter with the current settings and wording,
    /// for a fictitious applicant, written to the temporary folder (not
    /// numbered, not stored): "Cetak contoh surat" in the settings page.
    pub fn sample_letter(&self, caller: &Caller, kind: LetterKind) -> Result<PathBuf> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("mencetak contoh surat", "print sample letters"),
        )?;
        let agency = self.agency()?.unwrap_or_default();
        let settings = self.letter_settings()?;
        let template: TemplateOverrides = self
            .store
            .read(|db| db.get_setting(&templates::template_key(kind)))?
            .unwrap_or_default();
        let (renderer, has_emblem) = self.letter_renderer()?;
        let today = self.today();
        let nomor = settings.rule(kind).and_then(|rule| {
            Pattern::parse(&rule.pola).ok().map(|p| {
                p.format(&NumberParts {
                    kode: &rule.kode,
                    urut: 1,
                    unit: &settings.unit,
                    date: today,
                })
            })
        });
        let material = Material {
            kind,
            agency: &agency,
            settings: &settings,
            template: &template,
            nomor,
            date: today,
            code: "CONT-OH00".into(),
            has_emblem,
            applicants: vec![kinds::sample_applicant(kind, today)],
            superior: None,
            disposisi: vec![DisposisiRow {
                dari: "Kepala Dinas".into(),
                kepada: "Verifikator".into(),
                waktu: format!("{} pukul 09.15 WITA", tanggal_indonesia(today)),
                isi: "Mohon diproses sesuai SOP.".into(),
            }],
            surat_masuk: Some(("-".into(), tanggal_indonesia(today))),
            diterima: Some(tanggal_indonesia(today)),
            documents: vec![ReceivedDoc {
                jenis: DocKind::Ktp.label().id,
                nama: "KTP.pdf".into(),
                diterima: tanggal_indonesia(today),
            }],
            penerima: caller.display_name.clone(),
        };
        let mut doc = material.build();
        doc.title = format!("CONTOH {}", doc.title);
        let rendered = renderer.render_tagged(&doc, None)?;
        let path = std::env::temp_dir().join(format!("loket-tte-contoh-{}.pdf", kind.code()));
        std::fs::write(&path, &rendered.bytes).map_err(|e| Error::io(&path, &e))?;
        Ok(path)
    }
}

/// Stores validated letter settings with their audit entry.
fn put_letter_settings(
    db: &Db,
    caller: &Caller,
    settings: &LetterSettings,
    now: &str,
) -> Result<()> {
    let old: Option<LetterSettings> = db.get_setting(SETTINGS_KEY)?;
    db.put_setting(SETTINGS_KEY, settings)?;
    Audit {
        action: "letter.settings",
        entity: "agency",
        entity_id: None,
        summary: "Pengaturan surat diubah".into(),
        old_value: old.as_ref().and_then(audit_json),
        new_value: audit_json(settings),
    }
    .write(db, caller, now)
}

/// Checks the order's shape (before anything is read or written): every
/// problem at once.
fn check_order(kind: LetterKind, order: &LetterOrder, today: NaiveDate) -> Result<LetterOrder> {
    let mut issues = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for k in &order.requests {
        let k = k.trim();
        if !k.is_empty() && !keys.iter().any(|x| x.eq_ignore_ascii_case(k)) {
            keys.push(k.to_string());
        }
    }
    if keys.is_empty() {
        issues.push(FieldIssue::new(
            "requests",
            Text::new(
                "Sebutkan permohonan yang dibuatkan surat.",
                "Name the request the letter is for.",
            ),
        ));
    }
    if keys.len() > 1 && !collective_kind(kind) {
        let (lid, len) = kind_words(kind);
        issues.push(FieldIssue::new(
            "requests",
            t!(
                "{lid} dibuat untuk satu permohonan; hanya surat rekomendasi yang dapat kolektif.",
                "A {len} is made for one request; only recommendation letters can be collective."
            ),
        ));
    }
    if keys.len() > 1000 {
        issues.push(FieldIssue::new(
            "requests",
            Text::new(
                "Paling banyak 1000 permohonan dalam satu surat kolektif.",
                "At most 1000 requests in one collective letter.",
            ),
        ));
    }
    let nomor = order
        .nomor
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if let Some(n) = &nomor
        && let Err(m) = check_typed_number(n)
    {
        issues.push(FieldIssue::new("nomor", m));
    }
    let mut atasan = order.atasan.clone();
    if let Some(a) = &mut atasan {
        if kind != LetterKind::KeteranganPencabutan {
            issues.push(FieldIssue::new(
                "atasan",
                Text::new(
                    "Atasan hanya dicantumkan pada surat keterangan alasan pencabutan.",
                    "A superior is only named on the statement of the reason for revocation.",
                ),
            ));
        }
        a.nama = a.nama.trim().to_string();
        a.jabatan = a.jabatan.trim().to_string();
        a.nip = a.nip.trim().to_string();
        if !a.nip.is_empty() {
            match crate::identity::parse_nip(&a.nip, today) {
                Ok(info) => a.nip = info.nip,
                Err(m) => issues.push(FieldIssue::new("atasan.nip", m)),
            }
        }
    }
    if issues.is_empty() {
        Ok(LetterOrder {
            kind: Some(kind),
            requests: keys,
            nomor,
            atasan,
        })
    } else {
        Err(Error::invalid_fields(issues))
    }
}

/// A number typed by a person: printable, one line, not too long.
fn check_typed_number(nomor: &str) -> Result<(), Text> {
    if nomor.is_empty() {
        return Err(Text::new(
            "Nomor surat kosong.",
            "The letter number is empty.",
        ));
    }
    if nomor.chars().count() > 100 || nomor.chars().any(char::is_control) {
        return Err(Text::new(
            "Nomor surat harus satu baris, paling panjang 100 karakter.",
            "A letter number must be one line of at most 100 characters.",
        ));
    }
    Ok(())
}

/// Whether a request's state allows this kind of letter now.
fn state_refusal(kind: LetterKind, request: &crate::model::Request) -> Result<(), Text> {
    let nomor = &request.nomor;
    if !fits(kind, request.jenis) {
        let (lid, len) = kind_words(kind);
        let (jid, jen) = (request.jenis.label().id, request.jenis.label().en);
        return Err(t!(
            "{lid} tidak sesuai untuk permohonan {jid} ({nomor}).",
            "A {len} does not fit a {jen} request ({nomor})."
        ));
    }
    match request.status {
        RequestStatus::Dibatalkan => Err(t!(
            "Permohonan {nomor} sudah dibatalkan.",
            "Request {nomor} was cancelled."
        )),
        RequestStatus::Ditolak if !applicant_kind(kind) && kind != LetterKind::Disposisi => {
            Err(t!(
                "Permohonan {nomor} ditolak; surat ini baru dapat dibuat setelah diajukan ulang.",
                "Request {nomor} was rejected; this letter can be made once it is resubmitted."
            ))
        }
        _ => Ok(()),
    }
}

/// The certificate a notification reports: the record this request
/// produced (issued, or revoked).
fn certificate_for(
    db: &Db,
    request: &crate::model::Request,
) -> Result<Result<crate::model::Certificate, Text>> {
    let want = if request.jenis == RequestType::Pencabutan {
        CertStatus::Revoke
    } else {
        CertStatus::Issue
    };
    let found = db
        .certificates_of(request.person_id)?
        .into_iter()
        .filter(|c| c.request_id == Some(request.id))
        .find(|c| {
            c.status == want || (want == CertStatus::Issue && c.status == CertStatus::Expired)
        });
    let nomor = &request.nomor;
    Ok(found.ok_or(if want == CertStatus::Revoke {
        t!(
            "Pencabutan sertifikat dari permohonan {nomor} belum tercatat; pemberitahuan dibuat setelah langkah terakhir SOP selesai.",
            "The revocation from request {nomor} is not recorded yet; the notification is made once the SOP's last step is done."
        )
    } else {
        t!(
            "Sertifikat dari permohonan {nomor} belum tercatat terbit; pemberitahuan dibuat setelah langkah terakhir SOP selesai.",
            "The certificate from request {nomor} is not recorded as issued yet; the notification is made once the SOP's last step is done."
        )
    }))
}

/// The requests of an order, checked: found, visible to the caller, of a
/// type and state the kind fits. Every problem at once.
fn load_applicants(
    db: &Db,
    caller: &Caller,
    kind: LetterKind,
    keys: &[String],
) -> Result<Vec<Applicant>> {
    let mut issues = Vec::new();
    let mut out: Vec<Applicant> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let field = if keys.len() == 1 {
            "requests".to_string()
        } else {
            format!("requests[{i}]")
        };
        let request = match resolve_request_id(db, key).and_then(|id| {
            db.get_request(id)?
                .ok_or_else(|| crate::requests::request_not_found(key))
        }) {
            Ok(r) => r,
            Err(e) => {
                issues.push(FieldIssue::new(field, e.message));
                continue;
            }
        };
        check_may_see_request(caller, &request)?;
        if out.iter().any(|a| a.request.id == request.id) {
            continue;
        }
        if let Err(m) = state_refusal(kind, &request) {
            issues.push(FieldIssue::new(field, m));
            continue;
        }
        let person = db
            .get_person(request.person_id)?
            .ok_or_else(|| crate::people::person_not_found(request.person_id))?;
        let certificate = if kind == LetterKind::Pemberitahuan {
            match certificate_for(db, &request)? {
                Ok(c) => Some(c),
                Err(m) => {
                    issues.push(FieldIssue::new(field, m));
                    continue;
                }
            }
        } else {
            db.certificates_of(request.person_id)?
                .into_iter()
                .find(|c| c.request_id == Some(request.id))
        };
        out.push(Applicant {
            request,
            person,
            certificate,
        });
    }
    if !issues.is_empty() {
        return Err(Error::invalid_fields(issues));
    }
    // One order in the letter and in its identity: by request id.
    out.sort_by_key(|a| a.request.id);
    Ok(out)
}

/// The data only some kinds print: the disposisi history, the documents
/// received.
fn gather_kind_data(db: &Db, m: &mut Material) -> Result<()> {
    let Some(app) = m.applicants.first() else {
        return Ok(());
    };
    let request = app.request.clone();
    match m.kind {
        LetterKind::Disposisi => {
            let sop = match request.sop_ref {
                Some(r) => db.sop_by_ref(r)?.map(|s| s.sop),
                None => None,
            };
            let events = db.events_for(request.id)?;
            m.disposisi = events
                .iter()
                .filter(|e| {
                    e.disposisi_to
                        .as_deref()
                        .is_some_and(|d| !d.trim().is_empty())
                })
                .map(|e| {
                    let dari = e
                        .step_no
                        .and_then(|no| sop.as_ref().and_then(|s| s.step(no).map(|st| (s, st))))
                        .and_then(|(s, st)| s.actor_of(st))
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| e.actor.clone());
                    DisposisiRow {
                        dari,
                        kepada: e.disposisi_to.clone().unwrap_or_default(),
                        waktu: waktu(&e.acted_at),
                        isi: e
                            .note
                            .clone()
                            .filter(|n| !n.trim().is_empty())
                            .unwrap_or_else(|| "-".to_string()),
                    }
                })
                .collect();
            let received = events
                .iter()
                .find(|e| e.kind == crate::lifecycle::EventKind::Submit)
                .map(|e| e.acted_at.clone())
                .unwrap_or_else(|| request.created_at.clone());
            m.diterima = Some(stamp_date(&received));
            let permohonan = db.letters_for_request(request.id)?.into_iter().find(|l| {
                l.kind == LetterKind::PermohonanPenerbitan.code()
                    || l.kind == LetterKind::PermohonanPencabutan.code()
            });
            m.surat_masuk = Some(match permohonan {
                Some(l) => (
                    l.nomor.unwrap_or_else(|| "-".to_string()),
                    NaiveDate::parse_from_str(&l.tanggal, "%Y-%m-%d")
                        .map(tanggal_indonesia)
                        .unwrap_or(l.tanggal),
                ),
                None => ("-".to_string(), stamp_date(&request.created_at)),
            });
        }
        LetterKind::TandaTerima => {
            m.documents = db
                .list_documents(request.id, false)?
                .into_iter()
                .map(|d| ReceivedDoc {
                    jenis: DocKind::parse(&d.kind).map_or_else(|| d.kind.clone(), |k| k.label().id),
                    nama: d.original_name,
                    diterima: stamp_date(&d.attached_at),
                })
                .collect();
            if m.documents.is_empty() {
                let nomor = &request.nomor;
                return Err(Error::conflict(t!(
                    "Belum ada dokumen terlampir pada permohonan {nomor}; tanda terima dibuat setelah berkas dilampirkan.",
                    "No document is attached to request {nomor} yet; the receipt is made once files are attached."
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Registers the number of a new office letter: the one typed by hand
/// (checked for clashes), or the next free one of the kind's sequence.
#[allow(clippy::too_many_arguments)]
fn register_number(
    db: &Db,
    caller: &Caller,
    kind: LetterKind,
    settings: &LetterSettings,
    typed: Option<&str>,
    hal: &str,
    date: NaiveDate,
    now: &str,
) -> Result<String> {
    if let Some(n) = typed {
        insert_manual(db, caller, kind, n, hal, date, now)?;
        return Ok(n.to_string());
    }
    let rule = settings.rule(kind).unwrap_or_default();
    let pattern = Pattern::parse(&rule.pola).map_err(Error::invalid)?;
    let year = i64::from(date.year());
    let counter = format!("surat:{}:{year}", rule.urutan);
    // A number entered by hand may already hold the next value: skip it.
    // Bounded, in case a pattern makes every number the same.
    for _ in 0..10_000 {
        let seq = db.next_counter(&counter)?;
        let nomor = pattern.format(&NumberParts {
            kode: &rule.kode,
            urut: seq,
            unit: &settings.unit,
            date,
        });
        if db.letter_number_by_nomor(&nomor)?.is_some() {
            continue;
        }
        db.insert_letter_number(&NewNumber {
            nomor: &nomor,
            kind: kind.code(),
            year,
            seq: Some(seq),
            sequence: Some(&rule.urutan),
            tanggal: &date.format("%Y-%m-%d").to_string(),
            hal,
            user_id: caller.user_id,
            actor: &caller.username,
            at: now,
        })?;
        return Ok(nomor);
    }
    Err(Error::internal(format!(
        "no free number in sequence {counter}"
    )))
}

fn insert_manual(
    db: &Db,
    caller: &Caller,
    kind: LetterKind,
    nomor: &str,
    hal: &str,
    date: NaiveDate,
    now: &str,
) -> Result<i64> {
    if let Some(other) = db.letter_number_by_nomor(nomor)? {
        let (tanggal, status) = (other.tanggal, other.status);
        let other_hal = other.hal;
        return Err(Error::invalid_fields(vec![FieldIssue::new(
            "nomor",
            t!(
                "Nomor {nomor} sudah tercatat di buku agenda (tanggal {tanggal}, {other_hal}, status {status}); satu nomor hanya untuk satu surat.",
                "Number {nomor} is already in the register (dated {tanggal}, {other_hal}, status {status}); a number is for one letter only."
            ),
        )]));
    }
    let id = db.insert_letter_number(&NewNumber {
        nomor,
        kind: kind.code(),
        year: i64::from(date.year()),
        seq: None,
        sequence: None,
        tanggal: &date.format("%Y-%m-%d").to_string(),
        hal,
        user_id: caller.user_id,
        actor: &caller.username,
        at: now,
    })?;
    Audit {
        action: "letter.number_manual",
        entity: "letter_number",
        entity_id: Some(id.to_string()),
        summary: format!("Nomor surat {nomor} dicatat dengan tangan: {hal}"),
        old_value: None,
        new_value: Some(serde_json::json!({ "nomor": nomor, "kind": kind.code(), "hal": hal })),
    }
    .write(db, caller, now)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_eight_unambiguous_characters() {
        for _ in 0..200 {
            let c = new_code();
            assert_eq!(c.len(), 9);
            assert_eq!(&c[4..5], "-");
            assert!(!c.contains(['0', '1', 'O', 'I']), "{c}");
        }
        assert_eq!(normalize_code(" 7q4k 92xd "), "7Q4K-92XD");
        assert_eq!(normalize_code("7Q4K-92XD"), "7Q4K-92XD");
    }

    #[test]
    fn numbers_make_safe_file_names() {
        assert_eq!(
            safe_name("000.6.5.6/012/Diskominfo/XI/2026"),
            "000.6.5.6_012_Diskominfo_XI_2026"
        );
        assert_eq!(safe_name("../../etc/passwd"), "etc_passwd");
    }

    #[test]
    fn times_name_the_indonesian_zone() {
        assert_eq!(
            waktu("2026-11-21T09:15:00+08:00"),
            "21 November 2026 pukul 09.15 WITA"
        );
        assert_eq!(
            waktu("2026-11-21T09:15:00+07:00"),
            "21 November 2026 pukul 09.15 WIB"
        );
    }
}
