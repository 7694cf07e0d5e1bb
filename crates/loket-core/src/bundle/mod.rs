//! Offline handoff bundles (issue #6): a request travels from the
//! applicant's laptop to the office on a USB stick, and the office's answer
//! travels back the same way.
//!
//! A bundle is one `.loket` file (format [`FORMAT`]): a zip with
//! `manifest.json` and the carried files under `files/`. Two kinds:
//!
//! - a **request bundle** ([`BundleKind::Request`]), made on the applicant's
//!   laptop: the request (type, reason, note, the applicant's own number),
//!   the person's data with the same keys as `loket person add --json`, and
//!   every current document of the request (scans, and the generated Surat
//!   Permohonan once letters are attached as documents);
//! - a **status bundle** ([`BundleKind::Status`]), made at the office: the
//!   office's status, current step, SOP steps, history and certificate
//!   record, and the documents the office added (its letters).
//!
//! Importing trusts nothing in the file. [`Loket::preview_bundle`] checks
//! it completely (zip, entry names, claimed sizes, format, every file's
//! size, SHA-256 and real type, the person's data against the office's own
//! rules) and says what importing would do, without writing anything.
//! [`Loket::import_bundle`] repeats every check and then, in one
//! transaction, creates or updates the request through the same paths as
//! the request form and the document store. A refused bundle changes
//! nothing. Accepted bundles are remembered by request UUID and content
//! hash, so the same bundle imported twice creates nothing new.

mod archive;
mod format;
mod import;

pub use archive::{MAX_CONTENT_BYTES, MAX_FILES};
pub use format::{
    BundleFile, BundleKind, BundleRequest, BundleSource, EXTENSION, FORMAT, LetterInfo, Manifest,
    OfficeStatus, StatusCertificate, StatusEvent, StatusSop, StatusStep,
};

use crate::auth::Caller;
use crate::documents::{self, Blobs, FileType, format_size};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::lifecycle::RequestView;
use crate::loket::{Audit, Loket};
use crate::model::{DocKind, PersonData, PersonInput, Request, RequestStatus, Role};
use crate::requests::{check_may_see_request, request_not_found, visible_request};
use crate::store::Db;
use crate::store::bundles::{BundleFileRow, ImportRow};
use crate::t;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The settings key of this data folder's bundle identity.
const INSTALLATION_KEY: &str = "bundle_installation";

/// A bundle written by [`Loket::export_bundle`].
#[derive(Clone, Debug, Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub kind: BundleKind,
    /// The request's number here.
    pub nomor: String,
    pub uuid: String,
    /// Carried files.
    pub files: usize,
    pub file_bytes: u64,
    pub file_size: Text,
    pub content_sha256: String,
}

/// What importing a bundle does (or did).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new request is created here, with the office's own number.
    Create,
    /// The request that came in an earlier bundle is updated.
    Update,
    /// This very bundle was imported before: nothing to do.
    Unchanged,
    /// The office's status is stored beside the request.
    Status,
    /// This very status bundle was imported before: nothing to do.
    StatusUnchanged,
}

/// One field that importing changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The JSON key (`jabatan`, `alasan`, …).
    pub field: String,
    pub label: Text,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Whether a carried file is new here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileChange {
    /// Will be attached (request bundles) or stored (status bundles).
    New,
    /// Already here, from an earlier bundle or attached by hand.
    Unchanged,
}

/// A carried file, for the preview.
#[derive(Clone, Debug, Serialize)]
pub struct PreviewFile {
    pub path: String,
    pub kind: DocKind,
    pub kind_label: Text,
    pub original_name: String,
    pub mime: String,
    pub size: u64,
    pub size_text: Text,
    pub sha256: String,
    pub letter: Option<LetterInfo>,
    pub change: FileChange,
}

/// A document an updated bundle no longer carries: importing removes it
/// (the record and the file stay in the history).
#[derive(Clone, Debug, Serialize)]
pub struct RemovedFile {
    pub document_id: i64,
    pub kind_label: Text,
    pub original_name: String,
    pub size_text: Text,
}

/// The request here that a bundle is about.
#[derive(Clone, Debug, Serialize)]
pub struct LocalRequest {
    pub id: i64,
    pub nomor: String,
    pub status: RequestStatus,
    pub status_label: Text,
}

/// A stored person whose NIK the bundle's applicant has.
#[derive(Clone, Debug, Serialize)]
pub struct PersonMatch {
    pub id: i64,
    pub nama: String,
}

/// What a bundle holds and what importing it would do. Made without
/// writing anything, after every check passed.
#[derive(Clone, Debug, Serialize)]
pub struct BundlePreview {
    pub file: PathBuf,
    pub file_bytes: u64,
    pub file_size: Text,
    pub format: String,
    pub app_version: String,
    pub kind: BundleKind,
    pub kind_label: Text,
    pub created_at: String,
    pub source: Option<BundleSource>,
    /// The SHA-256 of what the bundle says (see the manifest's docs); pass
    /// it back to [`Loket::import_bundle`] to import exactly what was shown.
    pub content_sha256: String,
    /// The request as the bundle has it.
    pub request: BundleRequest,
    pub jenis_label: Text,
    pub alasan_label: Option<Text>,
    /// The applicant's data as this office's rules normalise it (request
    /// bundles).
    pub person: Option<PersonData>,
    /// A data change's new data, normalised.
    pub data_baru: Option<PersonData>,
    /// The office's view (status bundles).
    pub status: Option<OfficeStatus>,
    pub status_label: Option<Text>,
    pub files: Vec<PreviewFile>,
    pub total_bytes: u64,
    pub total_size: Text,
    pub action: ImportAction,
    pub local: Option<LocalRequest>,
    pub person_match: Option<PersonMatch>,
    /// Person fields that importing changes (old → new).
    pub person_changes: Vec<FieldChange>,
    /// Request fields that an update changes.
    pub request_changes: Vec<FieldChange>,
    /// Documents an update removes.
    pub files_removed: Vec<RemovedFile>,
    pub warnings: Vec<Text>,
    /// Why importing would be refused now (an office rule), if it would.
    pub blocked: Option<Text>,
}

/// Choices for [`Loket::import_bundle`].
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// The `content_sha256` of the preview the person accepted: refused if
    /// the file now says something else.
    pub expected_sha256: Option<String>,
    /// Apply an update to a request that came in an earlier bundle. An
    /// update is refused without it, so nobody changes a request without
    /// having seen what changes.
    pub confirm_update: bool,
}

/// What an import did.
#[derive(Clone, Debug, Serialize)]
pub struct ImportOutcome {
    pub action: ImportAction,
    /// The request here (created, updated or matched).
    pub request: Request,
    pub documents_added: usize,
    pub documents_removed: usize,
    /// Files stored from a status bundle.
    pub files_stored: usize,
    pub preview: BundlePreview,
}

/// A bundle this data folder accepted for a request.
#[derive(Clone, Debug, Serialize)]
pub struct ReceivedBundle {
    pub kind: BundleKind,
    pub action: ImportAction,
    pub imported_at: String,
    pub imported_by: String,
    pub bundle_created_at: String,
    pub source: Option<BundleSource>,
    /// The request's number where the bundle was made.
    pub nomor_asal: Option<String>,
    pub files: usize,
    /// Documents of the request that came from this bundle.
    pub documents: Vec<i64>,
    pub content_sha256: String,
    pub app_version: String,
}

/// A file that came in a status bundle, to open.
#[derive(Clone, Debug, Serialize)]
pub struct ReceivedFile {
    pub id: i64,
    pub kind: DocKind,
    pub kind_label: Text,
    pub original_name: String,
    pub mime: String,
    pub size: u64,
    pub size_text: Text,
    pub letter: Option<LetterInfo>,
}

/// The office's view of a request, as the newest status bundle said it.
/// Read-only: the request's own lifecycle here is never rewritten from it.
#[derive(Clone, Debug, Serialize)]
pub struct OfficeStatusView {
    pub received_at: String,
    pub bundle_created_at: String,
    pub source: Option<BundleSource>,
    pub status: OfficeStatus,
    pub status_label: Text,
    pub files: Vec<ReceivedFile>,
}

/// The bundles behind a request, for the request page.
#[derive(Clone, Debug, Serialize)]
pub struct RequestBundles {
    pub received: Vec<ReceivedBundle>,
    pub office_status: Option<OfficeStatusView>,
}

impl BundlePreview {
    /// A few lines for a person deciding whether to import (the CLI's
    /// preview; the window draws the same data itself).
    pub fn describe(&self) -> Text {
        let mut id = Vec::new();
        let mut en = Vec::new();
        let mut line = |t: Text| {
            id.push(t.id);
            en.push(t.en);
        };
        let file = self.file.display();
        let (sid, sen) = (&self.file_size.id, &self.file_size.en);
        line(t!("Berkas: {file} ({sid})", "File: {file} ({sen})"));
        let (kid, ken) = (&self.kind_label.id, &self.kind_label.en);
        let created = &self.created_at;
        let version = &self.app_version;
        line(t!(
            "Isi: {kid}, dibuat {created} oleh Loket TTE {version}",
            "Contents: {ken}, made {created} by Loket TTE {version}"
        ));
        if let Some(s) = &self.source {
            let who = &s.nama_pengguna;
            let user = &s.user;
            let place = s.instansi.as_deref().unwrap_or("-");
            line(t!(
                "Dari: {who} ({user}), {place}",
                "From: {who} ({user}), {place}"
            ));
        }
        let r = &self.request;
        let (jid, jen) = (&self.jenis_label.id, &self.jenis_label.en);
        let (nomor, uuid) = (&r.nomor, &r.uuid);
        line(t!(
            "Permohonan: {jid}, nomor di pembuatnya {nomor}, UUID {uuid}",
            "Request: {jen}, number where made {nomor}, UUID {uuid}"
        ));
        if let Some(a) = &self.alasan_label {
            let teks = r
                .alasan_teks
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default();
            let (aid, aen) = (&a.id, &a.en);
            line(t!("Alasan: {aid}{teks}", "Reason: {aen}{teks}"));
        }
        if let Some(c) = &r.catatan {
            line(t!("Catatan: {c}", "Note: {c}"));
        }
        if let Some(p) = &self.person {
            let (nama, nik) = (&p.nama, &p.nik);
            let nip = p.nip.as_deref().unwrap_or("-");
            let (jab, unit, email) = (&p.jabatan, &p.unit_kerja, &p.email);
            line(t!(
                "Pemohon: {nama}, NIK {nik}, NIP {nip}\n  {jab}, {unit}, {email}",
                "Applicant: {nama}, NIK {nik}, NIP {nip}\n  {jab}, {unit}, {email}"
            ));
        }
        if let (Some(s), Some(label)) = (&self.status, &self.status_label) {
            let (lid, len) = (&label.id, &label.en);
            let nomor = &s.nomor;
            let step = match (&s.current_step, &s.current_activity) {
                (Some(no), Some(a)) => format!(", {no}. {a}"),
                _ => String::new(),
            };
            line(t!(
                "Status di kantor: {lid} ({nomor}{step})",
                "Status at the office: {len} ({nomor}{step})"
            ));
            if let Some(c) = &s.certificate {
                let code = c.status.code();
                let until = c.expires_on.as_deref().unwrap_or("-");
                line(t!(
                    "Sertifikat: {code}, berlaku sampai {until}",
                    "Certificate: {code}, valid until {until}"
                ));
            }
        }
        let n = self.files.len();
        let (tid, ten) = (&self.total_size.id, &self.total_size.en);
        line(t!("Lampiran ({n}, {tid}):", "Attachments ({n}, {ten}):"));
        for f in &self.files {
            let (kid, ken) = (&f.kind_label.id, &f.kind_label.en);
            let name = &f.original_name;
            let (sid, sen) = (&f.size_text.id, &f.size_text.en);
            let (mid, men) = match f.change {
                FileChange::New => (" [baru]", " [new]"),
                FileChange::Unchanged => ("", ""),
            };
            line(t!(
                "  - {kid}: {name} ({sid}){mid}",
                "  - {ken}: {name} ({sen}){men}"
            ));
        }
        line(action_text(self));
        if !self.person_changes.is_empty() {
            line(t!(
                "Data pegawai yang berubah:",
                "Person data that changes:"
            ));
            for c in &self.person_changes {
                line(change_line(c));
            }
        }
        if !self.request_changes.is_empty() {
            line(t!(
                "Isian permohonan yang berubah:",
                "Request fields that change:"
            ));
            for c in &self.request_changes {
                line(change_line(c));
            }
        }
        if !self.files_removed.is_empty() {
            line(t!(
                "Lampiran yang dihapus (tetap tersimpan di riwayat):",
                "Attachments removed (kept in the history):"
            ));
            for f in &self.files_removed {
                let (kid, ken) = (&f.kind_label.id, &f.kind_label.en);
                let name = &f.original_name;
                line(t!("  - {kid}: {name}", "  - {ken}: {name}"));
            }
        }
        for w in &self.warnings {
            let (wid, wen) = (&w.id, &w.en);
            line(t!("Perhatian: {wid}", "Note: {wen}"));
        }
        if let Some(b) = &self.blocked {
            let (bid, ben) = (&b.id, &b.en);
            line(t!(
                "Tidak dapat diimpor: {bid}",
                "Cannot be imported: {ben}"
            ));
        }
        Text::new(id.join("\n"), en.join("\n"))
    }
}

fn change_line(c: &FieldChange) -> Text {
    let (lid, len) = (&c.label.id, &c.label.en);
    let old = c.old.as_deref().unwrap_or("-");
    let new = c.new.as_deref().unwrap_or("-");
    t!("  - {lid}: {old} → {new}", "  - {len}: {old} → {new}")
}

fn action_text(p: &BundlePreview) -> Text {
    let nomor = p
        .local
        .as_ref()
        .map(|l| l.nomor.clone())
        .unwrap_or_default();
    match p.action {
        ImportAction::Create => t!(
            "Tindakan: permohonan baru dibuat dengan nomor kantor ini dan langsung masuk SOP kantor.",
            "Action: a new request is created with this office's number and starts the office's SOP."
        ),
        ImportAction::Update => t!(
            "Tindakan: memperbarui permohonan {nomor} yang diterima dari bundel sebelumnya.",
            "Action: updates request {nomor}, received in an earlier bundle."
        ),
        ImportAction::Unchanged => t!(
            "Tindakan: tidak ada; bundel ini sudah pernah diimpor sebagai {nomor}.",
            "Action: none; this bundle was imported before as {nomor}."
        ),
        ImportAction::Status => t!(
            "Tindakan: status dari kantor disimpan pada permohonan {nomor} (riwayat permohonan di sini tidak diubah).",
            "Action: the office's status is stored with request {nomor} (the request's own history here is not changed)."
        ),
        ImportAction::StatusUnchanged => t!(
            "Tindakan: tidak ada; status ini sudah pernah diimpor untuk {nomor}.",
            "Action: none; this status was imported before for {nomor}."
        ),
    }
}

/// The person as a bundle writes it: the same keys as the CLI's person
/// JSON, already normalised.
fn person_input(p: &PersonData) -> PersonInput {
    PersonInput {
        nama: Some(p.nama.clone()),
        nama_tanpa_gelar: Some(p.nama_tanpa_gelar.clone()),
        nik: Some(p.nik.clone()),
        nip: p.nip.clone(),
        jenis_pegawai: Some(p.jenis_pegawai.code().to_string()),
        golongan: p.golongan.clone(),
        jabatan: Some(p.jabatan.clone()),
        unit_kerja: Some(p.unit_kerja.clone()),
        email: Some(p.email.clone()),
        telepon: p.telepon.clone(),
    }
}

/// This data folder's bundle identity, if it ever exported a bundle.
fn installation_id(db: &Db) -> Result<Option<String>> {
    db.get_setting::<String>(INSTALLATION_KEY)
}

fn ensure_installation_id(db: &Db) -> Result<String> {
    if let Some(id) = installation_id(db)? {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    db.put_setting(INSTALLATION_KEY, &id)?;
    Ok(id)
}

fn agency_name(profile: Option<&crate::agency::AgencyProfile>) -> Option<String> {
    let p = profile?;
    let name = [p.dinas.trim(), p.pemda.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!name.is_empty()).then_some(name)
}

/// Letters travel as documents of a letter kind; the manifest marks them
/// so the other side can show them as letters.
fn letter_for(kind: DocKind) -> Option<LetterInfo> {
    matches!(
        kind,
        DocKind::SuratPermohonan | DocKind::SuratKeteranganPencabutan | DocKind::SuratRekomendasi
    )
    .then(|| LetterInfo {
        jenis: kind.code().to_string(),
        ..LetterInfo::default()
    })
}

/// The office's view of a request, from its request view.
fn office_status(view: &RequestView, now: &str) -> OfficeStatus {
    let req = &view.request;
    let current = req
        .current_step
        .and_then(|no| view.steps.iter().find(|s| s.no == no));
    OfficeStatus {
        nomor: req.nomor.clone(),
        status: req.status,
        attempt: req.attempt,
        current_step: current.map(|s| s.no),
        current_activity: current.map(|s| s.activity.clone()),
        current_actor: current.map(|s| s.actor.clone()),
        sop: StatusSop {
            id: view.sop_id.clone(),
            version: view.sop_version,
            title: view.sop_title.clone(),
        },
        steps: view
            .steps
            .iter()
            .map(|s| StatusStep {
                no: s.no,
                activity: s.activity.clone(),
                actor: s.actor.clone(),
                state: serde_json::to_value(s.state)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            })
            .collect(),
        history: view
            .history
            .iter()
            .map(|e| StatusEvent {
                kind: e.kind,
                attempt: e.attempt,
                step_no: e.step_no,
                actor: e.actor.clone(),
                acted_at: e.acted_at.clone(),
                note: e.note.clone(),
                to_step: e.to_step,
            })
            .collect(),
        certificate: view.certificate.as_ref().map(|c| StatusCertificate {
            status: c.status,
            issued_on: c.issued_on.map(|d| d.to_string()),
            expires_on: c.expires_on.map(|d| d.to_string()),
            revoked_on: c.revoked_on.map(|d| d.to_string()),
            revocation_wording: c.revocation.as_ref().map(|r| r.wording.clone()),
            revocation_crl: c.revocation.as_ref().map(|r| r.crl),
        }),
        // The request's own last change; the bundle's time is in the
        // manifest. Falls back to now for a request never touched since.
        updated_at: if req.updated_at.is_empty() {
            now.to_string()
        } else {
            req.updated_at.clone()
        },
    }
}

/// The (kind, SHA-256) pairs of every file request bundles brought to a
/// request: the applicant's own files, which a status bundle leaves out.
fn received_from_applicant(db: &Db, request_id: i64) -> Result<HashSet<(String, String)>> {
    Ok(db
        .bundle_files_of_request(request_id, BundleKind::Request.code())?
        .into_iter()
        .map(|f| (f.kind, f.sha256))
        .collect())
}

fn kind_of(row: &BundleFileRow) -> DocKind {
    DocKind::parse(&row.kind).unwrap_or(DocKind::Lainnya)
}

fn received_bundle(row: &ImportRow, files: &[BundleFileRow]) -> ReceivedBundle {
    let kind = if row.kind == BundleKind::Status.code() {
        BundleKind::Status
    } else {
        BundleKind::Request
    };
    ReceivedBundle {
        kind,
        action: match row.outcome.as_str() {
            "update" => ImportAction::Update,
            "status" => ImportAction::Status,
            _ => ImportAction::Create,
        },
        imported_at: row.imported_at.clone(),
        imported_by: row.imported_actor.clone(),
        bundle_created_at: row.bundle_created_at.clone(),
        source: row
            .source
            .clone()
            .and_then(|s| serde_json::from_value(s).ok()),
        nomor_asal: row
            .payload
            .get("nomor")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        files: files.len(),
        documents: files.iter().filter_map(|f| f.document_id).collect(),
        content_sha256: row.content_sha256.clone(),
        app_version: row.app_version.clone(),
    }
}

impl Loket {
    /// A file name for a bundle of a request: `permohonan-REQ-2026-00001
    /// Siti Aminah.loket` or `status-REQ-2026-00007 Siti Aminah.loket`.
    pub fn bundle_file_name(&self, caller: &Caller, key: &str, kind: BundleKind) -> Result<String> {
        let (request, person) = self.store.read(|db| {
            let request = visible_request(db, caller, key)?;
            let person = db.get_person(request.person_id)?;
            Ok((request, person))
        })?;
        let prefix = match kind {
            BundleKind::Request => "permohonan",
            BundleKind::Status => "status",
        };
        let name = person
            .map(|p| documents::file_stem_for_disk(&p.data.nama_tanpa_gelar))
            .filter(|n| !n.is_empty())
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        Ok(format!("{prefix}-{}{name}.{EXTENSION}", request.nomor))
    }

    /// Writes a bundle of a request to `out` (normally `*.loket`).
    ///
    /// A request bundle (applicants for their own requests, verifiers,
    /// admins) carries the request, the applicant's data and every current
    /// document. A status bundle (verifiers, admins) carries the office's
    /// status, step, SOP steps, history and certificate record, and the
    /// current documents that did not come from the applicant (the office's
    /// letters). Every carried file is read back from the document store
    /// and checked against its hash first. The file appears under its name
    /// only when complete.
    pub fn export_bundle(
        &self,
        caller: &Caller,
        key: &str,
        kind: BundleKind,
        out: &Path,
    ) -> Result<ExportSummary> {
        match kind {
            BundleKind::Request => caller.require(
                &[Role::Admin, Role::Verifikator, Role::Pemohon],
                &t!("mengekspor bundel permohonan", "export request bundles"),
            )?,
            BundleKind::Status => caller.require(
                &[Role::Admin, Role::Verifikator],
                &t!(
                    "mengekspor bundel status untuk pemohon",
                    "export status bundles for applicants"
                ),
            )?,
        }
        let out = std::path::absolute(out).map_err(|e| Error::io(out, &e))?;
        if out.is_dir() {
            let p = out.display();
            return Err(Error::invalid(t!(
                "{p} adalah folder; pilih nama berkas bundel, misalnya permohonan.{EXTENSION}.",
                "{p} is a folder; choose a file name for the bundle, e.g. permohonan.{EXTENSION}."
            )));
        }
        let instansi = agency_name(self.agency()?.as_ref());
        // The status comes from the lifecycle's own view (it checks that
        // the caller may see the request).
        let view = match kind {
            BundleKind::Status => Some(self.request_view(caller, key)?),
            BundleKind::Request => None,
        };
        let now = self.stamp_now();
        let root = self.paths.documents();
        self.store.write(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            let person = db
                .get_person(request.person_id)?
                .ok_or_else(|| crate::people::person_not_found(request.person_id))?;
            let mut docs = documents::current_documents(db, id)?;
            if kind == BundleKind::Status {
                let theirs = received_from_applicant(db, id)?;
                docs.retain(|d| !theirs.contains(&(d.kind.code().to_string(), d.sha256.clone())));
            }
            let blobs = Blobs::new(&root);
            let mut files = Vec::with_capacity(docs.len());
            let mut contents = Vec::with_capacity(docs.len());
            for (i, d) in docs.iter().enumerate() {
                let file_type = d.file_type().ok_or_else(|| {
                    Error::internal(format!(
                        "document {} has an unknown type {:?}",
                        d.id, d.mime
                    ))
                })?;
                contents.push(blobs.read_verified(&d.sha256, file_type, &d.original_name)?);
                files.push(BundleFile {
                    path: archive::entry_name(i + 1, d.kind.code(), file_type.ext()),
                    size: d.size,
                    sha256: d.sha256.clone(),
                    kind: d.kind.code().to_string(),
                    original_name: d.original_name.clone(),
                    mime: d.mime.clone(),
                    attached_at: Some(d.attached.at.clone()),
                    letter: letter_for(d.kind),
                });
            }
            let manifest = Manifest {
                format: FORMAT.to_string(),
                app_version: env!("CARGO_PKG_VERSION").to_string(),
                kind,
                created_at: now.clone(),
                source: Some(BundleSource {
                    installation: ensure_installation_id(db)?,
                    instansi: instansi.clone(),
                    user: caller.username.clone(),
                    nama_pengguna: caller.display_name.clone(),
                }),
                request: BundleRequest {
                    uuid: request.uuid.clone(),
                    nomor: request.nomor.clone(),
                    jenis: request.jenis.code().to_string(),
                    alasan: request.alasan.map(|a| a.code().to_string()),
                    alasan_teks: request.alasan_teks.clone(),
                    alasan_crl: request.alasan_crl,
                    catatan: request.catatan.clone(),
                    created_at: request.created_at.clone(),
                    person: person_input(&person.data),
                    data_baru: request.data_baru.as_ref().map(person_input),
                },
                status: view.as_ref().map(|v| office_status(v, &now)),
                files,
            };
            let content_sha256 = format::content_sha256(&manifest);
            let file_bytes = archive::write_bundle(&out, &manifest, &contents)?;
            let summary = ExportSummary {
                path: out.clone(),
                kind,
                nomor: request.nomor.clone(),
                uuid: request.uuid.clone(),
                files: manifest.files.len(),
                file_bytes,
                file_size: format_size(file_bytes),
                content_sha256,
            };
            let written = Audit {
                action: "bundle.export",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "{} {} diekspor ke {} ({} berkas, {})",
                    kind.label().id,
                    request.nomor,
                    out.display(),
                    summary.files,
                    summary.file_size.id
                ),
                old_value: None,
                new_value: Some(serde_json::json!({
                    "kind": kind.code(),
                    "uuid": request.uuid,
                    "content_sha256": summary.content_sha256,
                    "file": out.display().to_string(),
                    "files": manifest.files.iter().map(|f| serde_json::json!({
                        "kind": f.kind, "sha256": f.sha256, "size": f.size,
                    })).collect::<Vec<_>>(),
                })),
            }
            .write(db, caller, &now);
            if let Err(e) = written {
                let _ = std::fs::remove_file(&out);
                return Err(e);
            }
            Ok(summary)
        })
    }

    /// The bundles this data folder accepted for a request, and the
    /// office's newest status if a status bundle came. Anyone who may see
    /// the request may see these.
    pub fn request_bundles(&self, caller: &Caller, key: &str) -> Result<RequestBundles> {
        self.store.read(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            let mut received = Vec::new();
            let mut newest: Option<(ImportRow, OfficeStatus)> = None;
            for kind in [BundleKind::Request, BundleKind::Status] {
                for row in db.bundle_imports_for(id, kind.code())? {
                    let files = db.bundle_files_of_import(row.id)?;
                    received.push(received_bundle(&row, &files));
                    if kind == BundleKind::Status
                        && let Ok(status) =
                            serde_json::from_value::<OfficeStatus>(row.payload.clone())
                    {
                        // The office's newest view wins, whatever order
                        // the bundles came in.
                        let newer = newest
                            .as_ref()
                            .is_none_or(|(_, s)| status.updated_at >= s.updated_at);
                        if newer {
                            newest = Some((row, status));
                        }
                    }
                }
            }
            received.sort_by(|a, b| a.imported_at.cmp(&b.imported_at));
            let office_status = match newest {
                None => None,
                Some((row, status)) => {
                    let files = db
                        .bundle_files_of_import(row.id)?
                        .into_iter()
                        .map(|f| {
                            let kind = kind_of(&f);
                            let size = u64::try_from(f.size).unwrap_or(0);
                            ReceivedFile {
                                id: f.id,
                                kind,
                                kind_label: kind.label(),
                                original_name: f.original_name,
                                mime: f.mime,
                                size,
                                size_text: format_size(size),
                                letter: f.letter.and_then(|l| serde_json::from_value(l).ok()),
                            }
                        })
                        .collect();
                    Some(OfficeStatusView {
                        received_at: row.imported_at.clone(),
                        bundle_created_at: row.bundle_created_at.clone(),
                        source: row.source.and_then(|s| serde_json::from_value(s).ok()),
                        status_label: status.status.label(),
                        status,
                        files,
                    })
                }
            };
            Ok(RequestBundles {
                received,
                office_status,
            })
        })
    }

    /// Where a file that came in a status bundle is, for opening it in the
    /// system's viewer. Checked against its hash first; the viewer must
    /// only read it.
    pub fn bundle_file_path(&self, caller: &Caller, file_id: i64) -> Result<PathBuf> {
        let row = self.store.read(|db| {
            let (row, request_id) = db.bundle_file(file_id)?.ok_or_else(|| {
                Error::not_found(t!(
                    "Berkas kiriman #{file_id} tidak ditemukan.",
                    "Received file #{file_id} not found."
                ))
            })?;
            let request = db
                .get_request(request_id)?
                .ok_or_else(|| request_not_found(&request_id.to_string()))?;
            check_may_see_request(caller, &request)?;
            Ok(row)
        })?;
        let file_type = FileType::from_mime(&row.mime).ok_or_else(|| {
            Error::internal(format!("received file {file_id} has type {:?}", row.mime))
        })?;
        let root = self.paths.documents();
        Blobs::new(&root).verified_path(&row.sha256, file_type, &row.original_name)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_marked_by_kind() {
        assert_eq!(
            letter_for(DocKind::SuratRekomendasi).map(|l| l.jenis),
            Some("surat_rekomendasi".to_string())
        );
        assert!(letter_for(DocKind::Ktp).is_none());
    }

    #[test]
    fn letter_details_this_version_does_not_know_survive() {
        let json = r#"{"jenis":"surat_rekomendasi","nomor":"000.6/140/Diskominfo/XI/2026","kode_qr":"abc"}"#;
        let l: LetterInfo = serde_json::from_str(json).unwrap();
        assert_eq!(l.nomor.as_deref(), Some("000.6/140/Diskominfo/XI/2026"));
        let back = serde_json::to_value(&l).unwrap();
        assert_eq!(back["kode_qr"], "abc");
    }

    #[test]
    fn request_type_codes_are_the_wire_format() {
        use crate::model::RequestType;
        for t in RequestType::ALL {
            assert_eq!(RequestType::parse(t.code()), Some(t));
        }
    }
}
