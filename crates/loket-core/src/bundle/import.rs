//! Reading a bundle into this data folder: the checks that need no
//! database (the file, the data inside against this office's rules), the
//! plan (what importing would do, computed from the database), and applying
//! the plan in one transaction. The preview is the plan computed in a read;
//! the import computes it again inside its write transaction, so what is
//! applied is what the data says at that moment.

use super::archive::{OpenedBundle, open_bundle};
use super::format::{BundleKind, OfficeStatus};
use super::{
    BundlePreview, FieldChange, FileChange, ImportAction, ImportOptions, ImportOutcome,
    LocalRequest, PersonMatch, PreviewFile, RemovedFile, installation_id,
};
use crate::auth::Caller;
use crate::documents::{self, Blobs, check_content, format_size};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{
    DocKind, PersonData, Request, RequestStatus, RequestType, RevocationReason, Role,
};
use crate::requests::{
    CheckedForm, NewRequestOptions, RequestForm, check_may_see_request, create_request_in,
};
use crate::store::Db;
use crate::store::bundles::{NewBundleFile, NewImport};
use crate::store::events::{EventKind, NewEvent};
use crate::t;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A request bundle's data, checked against this office's rules.
struct CheckedRequest {
    form: CheckedForm,
    /// The applicant as the bundle has them now.
    person: PersonData,
    /// A data change's new data.
    data_baru: Option<PersonData>,
}

/// A bundle checked as far as it can be without the database.
struct Checked {
    opened: OpenedBundle,
    kinds: Vec<DocKind>,
    request: Option<CheckedRequest>,
}

/// What importing does, and what it needs to do it.
struct Plan {
    preview: BundlePreview,
    local: Option<Request>,
    /// Indexes of the files to attach or store.
    new_files: Vec<usize>,
    /// Documents an update removes.
    remove: Vec<i64>,
}

/// Wraps a validation failure of the data inside a bundle: the same field
/// messages as the request form, and a first sentence that says where the
/// data came from and what to do.
fn invalid_inside(e: Error) -> Error {
    let (mid, men) = (&e.message.id, &e.message.en);
    Error {
        kind: e.kind,
        message: t!(
            "Bundel ditolak, data di dalamnya tidak sah: {mid} Minta pemohon memperbaikinya di laptopnya, lalu mengekspor bundel lagi.",
            "Bundle refused, the data inside is not valid: {men} Ask the applicant to correct it on their laptop, then export the bundle again."
        ),
        fields: e.fields,
    }
}

fn person_label(field: &str) -> Text {
    match field {
        "nama" => Text::new("Nama", "Name"),
        "nama_tanpa_gelar" => Text::new("Nama tanpa gelar", "Name without titles"),
        "nik" => Text::same("NIK"),
        "nip" => Text::same("NIP"),
        "jenis_pegawai" => Text::new("Jenis pegawai", "Staff kind"),
        "golongan" => Text::new("Golongan", "Rank (golongan)"),
        "jabatan" => Text::new("Jabatan", "Position"),
        "unit_kerja" => Text::new("Unit kerja", "Work unit"),
        "email" => Text::same("Email"),
        "telepon" => Text::new("Telepon", "Phone"),
        other => Text::same(other),
    }
}

/// The person fields that differ, old → new, in the form's order.
fn person_changes(old: &PersonData, new: &PersonData) -> Vec<FieldChange> {
    let pairs: [(&str, Option<&str>, Option<&str>); 10] = [
        ("nama", Some(&old.nama), Some(&new.nama)),
        (
            "nama_tanpa_gelar",
            Some(&old.nama_tanpa_gelar),
            Some(&new.nama_tanpa_gelar),
        ),
        ("nik", Some(&old.nik), Some(&new.nik)),
        ("nip", old.nip.as_deref(), new.nip.as_deref()),
        (
            "jenis_pegawai",
            Some(old.jenis_pegawai.code()),
            Some(new.jenis_pegawai.code()),
        ),
        ("golongan", old.golongan.as_deref(), new.golongan.as_deref()),
        ("jabatan", Some(&old.jabatan), Some(&new.jabatan)),
        ("unit_kerja", Some(&old.unit_kerja), Some(&new.unit_kerja)),
        ("email", Some(&old.email), Some(&new.email)),
        ("telepon", old.telepon.as_deref(), new.telepon.as_deref()),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, a, b)| FieldChange {
            field: field.to_string(),
            label: person_label(field),
            old: a.map(str::to_string),
            new: b.map(str::to_string),
        })
        .collect()
}

fn reason_text(r: Option<RevocationReason>) -> Option<String> {
    r.map(|r| format!("{} ({})", r.wording().id, r.code()))
}

fn own_bundle() -> Error {
    Error::conflict(Text::new(
        "Bundel ini dibuat dari data di komputer ini sendiri. Impor bundel di komputer tujuannya: bundel permohonan di kantor, bundel status di laptop pemohon.",
        "This bundle was made from the data on this very computer. Import it on the computer it is meant for: request bundles at the office, status bundles on the applicant's laptop.",
    ))
}

impl Loket {
    /// Checks a bundle completely and says what importing it would do.
    /// Writes nothing. Verifiers and admins may look at request bundles;
    /// applicants at status bundles of their own requests.
    pub fn preview_bundle(&self, caller: &Caller, file: &Path) -> Result<BundlePreview> {
        let checked = self.check_bundle(caller, file)?;
        let plan = self.store.read(|db| self.plan(db, caller, &checked))?;
        Ok(plan.preview)
    }

    /// Imports a bundle: a request bundle creates the request here (the
    /// office's own number, its SOP from the first step, the scans attached
    /// through the document store, the applicant's data added or updated
    /// with the old values in the audit log) or updates the request an
    /// earlier bundle created (only with `confirm_update`); a status bundle
    /// stores the office's view beside the applicant's request. Every check
    /// of [`Loket::preview_bundle`] runs again first; a refused bundle
    /// changes nothing, and a bundle imported before creates nothing.
    pub fn import_bundle(
        &self,
        caller: &Caller,
        file: &Path,
        options: &ImportOptions,
    ) -> Result<ImportOutcome> {
        let checked = self.check_bundle(caller, file)?;
        if let Some(expected) = &options.expected_sha256
            && !expected.eq_ignore_ascii_case(&checked.opened.content_sha256)
        {
            return Err(Error::conflict(Text::new(
                "Berkas bundel berubah sejak pratinjaunya dibuka. Buka pratinjaunya lagi, lalu impor.",
                "The bundle file changed since its preview was opened. Open the preview again, then import.",
            )));
        }
        let now = self.now();
        let stamp = crate::clock::stamp(now);
        let root = self.paths.documents();
        self.store.write(|db| {
            let plan = self.plan(db, caller, &checked)?;
            match plan.preview.action {
                ImportAction::Unchanged | ImportAction::StatusUnchanged => {
                    let request = plan
                        .local
                        .clone()
                        .ok_or_else(|| Error::internal("matched bundle without its request"))?;
                    return Ok(ImportOutcome {
                        action: plan.preview.action,
                        request,
                        documents_added: 0,
                        documents_removed: 0,
                        files_stored: 0,
                        preview: plan.preview,
                    });
                }
                _ => {}
            }
            if let Some(blocked) = &plan.preview.blocked {
                return Err(Error::conflict(blocked.clone()));
            }
            match plan.preview.action {
                ImportAction::Create => apply_create(db, caller, &checked, plan, now, &root),
                ImportAction::Update => {
                    if !options.confirm_update {
                        let nomor = plan
                            .local
                            .as_ref()
                            .map(|r| r.nomor.clone())
                            .unwrap_or_default();
                        return Err(Error::conflict(t!(
                            "Bundel ini mengubah permohonan {nomor} yang sudah ada. Lihat dulu pratinjau perubahannya, lalu konfirmasi.",
                            "This bundle changes the existing request {nomor}. Look at the preview of the changes first, then confirm."
                        )));
                    }
                    apply_update(db, caller, &checked, plan, &stamp, &root)
                }
                _ => apply_status(db, caller, &checked, plan, &stamp, &root),
            }
        })
    }

    /// Everything about a bundle that needs no database: the file itself
    /// (see `archive::open_bundle`), each file's kind and real content, and
    /// for a request bundle the request and the person against this
    /// office's rules.
    fn check_bundle(&self, caller: &Caller, file: &Path) -> Result<Checked> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("mengimpor bundel", "import bundles"),
        )?;
        let opened = open_bundle(file)?;
        let m = &opened.manifest;
        if m.kind == BundleKind::Request {
            caller.require(
                &[Role::Admin, Role::Verifikator],
                &t!("mengimpor bundel permohonan", "import request bundles"),
            )?;
        }
        let mut kinds = Vec::with_capacity(m.files.len());
        for (f, bytes) in m.files.iter().zip(&opened.contents) {
            let path = f.path.escape_debug().to_string();
            let Some(kind) = DocKind::parse(&f.kind) else {
                let k = f.kind.escape_debug();
                let known = DocKind::ALL.map(|k| k.code()).join(", ");
                return Err(Error::invalid(t!(
                    "Bundel ditolak: berkas \"{path}\" berjenis \"{k}\" yang tidak dikenal versi ini (yang dikenal: {known}). Perbarui Loket TTE, atau minta bundel baru.",
                    "Bundle refused: the file \"{path}\" has the kind \"{k}\", unknown to this version (known: {known}). Update Loket TTE, or ask for a new bundle."
                )));
            };
            if let Err(e) = check_content(&f.original_name, bytes) {
                let (mid, men) = (&e.message.id, &e.message.en);
                return Err(Error::invalid(t!(
                    "Bundel ditolak karena berkas \"{path}\" di dalamnya: {mid}",
                    "Bundle refused because of the file \"{path}\" inside: {men}"
                )));
            }
            kinds.push(kind);
        }
        let request = match m.kind {
            BundleKind::Status => None,
            BundleKind::Request => {
                let r = &m.request;
                let is_change = RequestType::parse(&r.jenis) == Some(RequestType::PerubahanData);
                let form = RequestForm {
                    jenis: Some(r.jenis.clone()),
                    alasan: r.alasan.clone(),
                    alasan_teks: r.alasan_teks.clone(),
                    catatan: r.catatan.clone(),
                    person_id: None,
                    person: Some(if is_change {
                        r.data_baru.clone().unwrap_or_default()
                    } else {
                        r.person.clone()
                    }),
                };
                let person = self.check_person(&r.person).map_err(invalid_inside)?;
                let form = self.checked_request_form(&form).map_err(invalid_inside)?;
                let data_baru = if is_change {
                    let input = r.data_baru.clone().unwrap_or_default();
                    Some(self.check_person(&input).map_err(invalid_inside)?)
                } else {
                    None
                };
                Some(CheckedRequest {
                    form,
                    person,
                    data_baru,
                })
            }
        };
        Ok(Checked {
            opened,
            kinds,
            request,
        })
    }

    /// What importing would do, from the data as it is now.
    fn plan(&self, db: &Db, caller: &Caller, checked: &Checked) -> Result<Plan> {
        let opened = &checked.opened;
        let m = &opened.manifest;
        if let (Some(mine), Some(source)) = (installation_id(db)?, &m.source)
            && mine == source.installation
        {
            return Err(own_bundle());
        }
        let total: u64 = m.files.iter().map(|f| f.size).sum();
        let jenis = RequestType::parse(&m.request.jenis);
        let preview = BundlePreview {
            file: opened.file.clone(),
            file_bytes: opened.file_bytes,
            file_size: format_size(opened.file_bytes),
            format: m.format.clone(),
            app_version: m.app_version.clone(),
            kind: m.kind,
            kind_label: m.kind.label(),
            created_at: m.created_at.clone(),
            source: m.source.clone(),
            content_sha256: opened.content_sha256.clone(),
            request: m.request.clone(),
            jenis_label: jenis
                .map(|j| j.label())
                .unwrap_or_else(|| Text::same(m.request.jenis.clone())),
            alasan_label: m
                .request
                .alasan
                .as_deref()
                .and_then(RevocationReason::parse)
                .map(|r| r.wording()),
            person: checked.request.as_ref().map(|r| r.person.clone()),
            data_baru: checked.request.as_ref().and_then(|r| r.data_baru.clone()),
            status: m.status.clone(),
            status_label: m.status.as_ref().map(|s| s.status.label()),
            files: m
                .files
                .iter()
                .zip(&checked.kinds)
                .map(|(f, kind)| PreviewFile {
                    path: f.path.clone(),
                    kind: *kind,
                    kind_label: kind.label(),
                    original_name: documents::display_name(&f.original_name, "bin"),
                    mime: f.mime.clone(),
                    size: f.size,
                    size_text: format_size(f.size),
                    sha256: f.sha256.to_ascii_lowercase(),
                    letter: f.letter.clone(),
                    change: FileChange::New,
                })
                .collect(),
            total_bytes: total,
            total_size: format_size(total),
            action: ImportAction::Create,
            local: None,
            person_match: None,
            person_changes: Vec::new(),
            request_changes: Vec::new(),
            files_removed: Vec::new(),
            warnings: Vec::new(),
            blocked: None,
        };
        let mut plan = Plan {
            preview,
            local: None,
            new_files: Vec::new(),
            remove: Vec::new(),
        };
        match (&checked.request, m.kind) {
            (Some(req), BundleKind::Request) => self.plan_request(db, checked, req, &mut plan)?,
            _ => self.plan_status(db, caller, checked, &mut plan)?,
        }
        if let Some(local) = &plan.local {
            plan.preview.local = Some(LocalRequest {
                id: local.id,
                nomor: local.nomor.clone(),
                status: local.status,
                status_label: local.status.label(),
            });
        }
        for (i, f) in plan.preview.files.iter_mut().enumerate() {
            f.change = if plan.new_files.contains(&i) {
                FileChange::New
            } else {
                FileChange::Unchanged
            };
        }
        Ok(plan)
    }

    fn plan_request(
        &self,
        db: &Db,
        checked: &Checked,
        req: &CheckedRequest,
        plan: &mut Plan,
    ) -> Result<()> {
        let m = &checked.opened.manifest;
        let uuid = &m.request.uuid;
        let jenis = req.form.jenis;
        if let Some(done) = db.bundle_import_with(
            BundleKind::Request.code(),
            uuid,
            &checked.opened.content_sha256,
        )? {
            plan.local = db.get_request(done.request_id)?;
            plan.preview.action = ImportAction::Unchanged;
            return Ok(());
        }
        let Some(local_id) = db.request_id_by_uuid(uuid)? else {
            // A new request here.
            plan.preview.action = ImportAction::Create;
            plan.new_files = (0..m.files.len()).collect();
            let proposed = req.data_baru.as_ref().unwrap_or(&req.person);
            let known = db.person_by_nik(&req.person.nik)?;
            if let Some(p) = &known {
                plan.preview.person_match = Some(PersonMatch {
                    id: p.id,
                    nama: p.data.nama.clone(),
                });
                plan.preview.person_changes = person_changes(&p.data, proposed);
                if !plan.preview.person_changes.is_empty() {
                    let nama = &p.data.nama;
                    let n = plan.preview.person_changes.len();
                    plan.preview.warnings.push(if jenis == RequestType::PerubahanData {
                        t!(
                            "NIK ini milik {nama} yang sudah terdaftar. Permohonan perubahan data ini mengubah {n} isian (lihat daftar perubahan); perubahan itu baru berlaku ketika permohonan selesai.",
                            "This NIK belongs to {nama}, already registered. This data change request changes {n} fields (see the list of changes); they apply only when the request finishes."
                        )
                    } else {
                        t!(
                            "NIK ini milik {nama} yang sudah terdaftar, tetapi datanya berbeda: {n} isian akan diubah (lihat daftar perubahan). Nilai lama tetap tercatat di log aktivitas.",
                            "This NIK belongs to {nama}, already registered, but the data differs: {n} fields will change (see the list of changes). The old values stay in the activity log."
                        )
                    });
                }
            } else if jenis == RequestType::PerubahanData {
                plan.preview.person_changes = person_changes(&req.person, proposed);
            }
            // The office's rules, as the request form would apply them.
            let nip_holder = match &req.person.nip {
                Some(nip) => db
                    .person_by_nip(nip)?
                    .filter(|p| Some(p.id) != known.as_ref().map(|k| k.id)),
                None => None,
            };
            if let Some(other) = nip_holder {
                let name = other.data.nama;
                plan.preview.blocked = Some(t!(
                    "NIP pemohon sudah terdaftar atas nama {name}. Periksa data pegawai itu atau minta pemohon memperbaiki NIP-nya.",
                    "The applicant's NIP is already registered to {name}. Check that person's record or ask the applicant to correct the NIP."
                ));
            } else if let Some(p) = &known {
                if let Some(open) = db.open_request_for(p.id, jenis)? {
                    let (nomor, kind) = (open.nomor, jenis.label());
                    let (kid, ken) = (kind.id.to_lowercase(), kind.en.to_lowercase());
                    plan.preview.blocked = Some(t!(
                        "Sudah ada permohonan {kid} yang belum selesai untuk pegawai ini: {nomor}. Selesaikan atau batalkan permohonan itu dulu.",
                        "There is already an unfinished {ken} request for this person: {nomor}. Finish or cancel that request first."
                    ));
                } else if let Err(e) =
                    crate::certificates::check_request_allowed(db, jenis, p.id, self.today())
                {
                    plan.preview.blocked = Some(e.message);
                }
            }
            return Ok(());
        };
        // An update of a request an earlier bundle created.
        let local = db
            .get_request(local_id)?
            .ok_or_else(|| crate::requests::request_not_found(uuid))?;
        let earlier = db.bundle_imports_for(local_id, BundleKind::Request.code())?;
        if earlier.is_empty() {
            let nomor = &local.nomor;
            return Err(Error::conflict(t!(
                "Permohonan {nomor} dibuat di data ini sendiri, bukan diterima dari bundel, jadi bundel ini tidak dapat mengubahnya. Bundel permohonan diimpor di kantor tujuannya.",
                "Request {nomor} was made in this data, not received in a bundle, so this bundle cannot change it. Request bundles are imported at the office they are for."
            )));
        }
        plan.preview.action = ImportAction::Update;
        let nomor = local.nomor.clone();
        if !matches!(
            local.status,
            RequestStatus::Diproses | RequestStatus::Ditolak
        ) {
            let s = local.status.label();
            let (sid, sen) = (s.id.to_lowercase(), s.en.to_lowercase());
            plan.preview.blocked = Some(t!(
                "Permohonan {nomor} sudah {sid} di kantor, jadi perubahan dari pemohon tidak dapat diterapkan lagi. Jika masih perlu, pemohon membuat permohonan baru.",
                "Request {nomor} is already {sen} at the office, so the applicant's changes can no longer be applied. If still needed, the applicant files a new request."
            ));
        }
        if local.jenis != jenis {
            let (a, b) = (local.jenis.label(), jenis.label());
            let (aid, aen, bid, ben) = (a.id, a.en, b.id, b.en);
            plan.preview.blocked = Some(t!(
                "Bundel ini mengubah jenis permohonan {nomor} dari {aid} menjadi {bid}. Jenis lain berarti permohonan lain: minta pemohon membuat permohonan baru.",
                "This bundle changes the type of request {nomor} from {aen} to {ben}. Another type is another request: ask the applicant to file a new one."
            ));
        }
        let person = db
            .get_person(local.person_id)?
            .ok_or_else(|| crate::people::person_not_found(local.person_id))?;
        if jenis == RequestType::PerubahanData {
            let old = local.data_baru.as_ref().unwrap_or(&person.data);
            if let Some(new) = &req.data_baru {
                plan.preview
                    .request_changes
                    .extend(person_changes(old, new).into_iter().map(|mut c| {
                        let (lid, len) = (c.label.id, c.label.en);
                        c.label = t!("Data baru: {lid}", "New data: {len}");
                        c.field = format!("data_baru.{}", c.field);
                        c
                    }));
            }
        } else {
            plan.preview.person_changes = person_changes(&person.data, &req.person);
        }
        if local.alasan != req.form.alasan {
            plan.preview.request_changes.push(FieldChange {
                field: "alasan".into(),
                label: Text::new("Alasan pencabutan", "Revocation reason"),
                old: reason_text(local.alasan),
                new: reason_text(req.form.alasan),
            });
        }
        if local.alasan_teks != req.form.alasan_teks {
            plan.preview.request_changes.push(FieldChange {
                field: "alasan_teks".into(),
                label: Text::new("Alasan (kata-kata pemohon)", "Reason (applicant's words)"),
                old: local.alasan_teks.clone(),
                new: req.form.alasan_teks.clone(),
            });
        }
        if local.catatan != req.form.catatan {
            plan.preview.request_changes.push(FieldChange {
                field: "catatan".into(),
                label: Text::new("Catatan", "Note"),
                old: local.catatan.clone(),
                new: req.form.catatan.clone(),
            });
        }
        // Files: what the applicant sent before, what is attached now.
        let sent_before: HashSet<(String, String)> = db
            .bundle_files_of_request(local_id, BundleKind::Request.code())?
            .into_iter()
            .map(|f| (f.kind, f.sha256))
            .collect();
        let current = documents::current_documents(db, local_id)?;
        let current_keys: HashSet<(String, String)> = current
            .iter()
            .map(|d| (d.kind.code().to_string(), d.sha256.clone()))
            .collect();
        let mut in_bundle = HashSet::new();
        for (i, (f, kind)) in m.files.iter().zip(&checked.kinds).enumerate() {
            let key = (kind.code().to_string(), f.sha256.to_ascii_lowercase());
            if !sent_before.contains(&key) && !current_keys.contains(&key) {
                plan.new_files.push(i);
            }
            in_bundle.insert(key);
        }
        for d in current {
            let key = (d.kind.code().to_string(), d.sha256.clone());
            if sent_before.contains(&key) && !in_bundle.contains(&key) {
                plan.preview.files_removed.push(RemovedFile {
                    document_id: d.id,
                    kind_label: d.kind.label(),
                    original_name: d.original_name.clone(),
                    size_text: format_size(d.size),
                });
                plan.remove.push(d.id);
            }
        }
        if plan.preview.person_changes.is_empty()
            && plan.preview.request_changes.is_empty()
            && plan.new_files.is_empty()
            && plan.remove.is_empty()
        {
            plan.preview.warnings.push(t!(
                "Isi bundel ini sama dengan permohonan {nomor} yang sudah ada; mengimpornya hanya mencatat bahwa bundel ini diterima.",
                "This bundle says the same as the existing request {nomor}; importing it only records that it was received."
            ));
        }
        plan.local = Some(local);
        Ok(())
    }

    fn plan_status(
        &self,
        db: &Db,
        caller: &Caller,
        checked: &Checked,
        plan: &mut Plan,
    ) -> Result<()> {
        let m = &checked.opened.manifest;
        let uuid = &m.request.uuid;
        let Some(local_id) = db.request_id_by_uuid(uuid)? else {
            let office = m.status.as_ref().map(|s| s.nomor.as_str()).unwrap_or("-");
            let nama = m.request.person.nama.as_deref().unwrap_or("-");
            return Err(Error::not_found(t!(
                "Bundel status ini tentang permohonan {office} atas nama {nama} di kantor, tetapi permohonan itu tidak ada di data ini (UUID {uuid}). Impor bundel status di laptop tempat permohonan itu dibuat.",
                "This status bundle is about request {office} for {nama} at the office, but that request is not in this data (UUID {uuid}). Import the status bundle on the laptop where the request was made."
            )));
        };
        let local = db
            .get_request(local_id)?
            .ok_or_else(|| crate::requests::request_not_found(uuid))?;
        check_may_see_request(caller, &local)?;
        if db
            .bundle_import_with(
                BundleKind::Status.code(),
                uuid,
                &checked.opened.content_sha256,
            )?
            .is_some()
        {
            plan.preview.action = ImportAction::StatusUnchanged;
            plan.local = Some(local);
            return Ok(());
        }
        plan.preview.action = ImportAction::Status;
        let had: HashSet<String> = db
            .bundle_files_of_request(local_id, BundleKind::Status.code())?
            .into_iter()
            .map(|f| f.sha256)
            .collect();
        plan.new_files = m
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| !had.contains(&f.sha256.to_ascii_lowercase()))
            .map(|(i, _)| i)
            .collect();
        if let Some(status) = &m.status {
            let newest = db
                .bundle_imports_for(local_id, BundleKind::Status.code())?
                .into_iter()
                .filter_map(|r| serde_json::from_value::<OfficeStatus>(r.payload).ok())
                .map(|s| s.updated_at)
                .max();
            if let Some(newest) = newest
                && newest > status.updated_at
            {
                plan.preview.warnings.push(t!(
                    "Bundel ini lebih lama daripada status kantor yang sudah tersimpan (keadaan {newest}); status yang lebih baru tetap yang ditampilkan.",
                    "This bundle is older than the office status already stored (as of {newest}); the newer status stays the one shown."
                ));
            }
        }
        plan.local = Some(local);
        Ok(())
    }
}

/// Records an accepted bundle and its files.
fn record_import(
    db: &Db,
    caller: &Caller,
    checked: &Checked,
    request_id: i64,
    outcome: &str,
    documents: &HashMap<usize, i64>,
    now: &str,
) -> Result<i64> {
    let m = &checked.opened.manifest;
    let payload = match &m.status {
        Some(s) => serde_json::to_value(s)?,
        None => serde_json::to_value(&m.request)?,
    };
    let source = m.source.as_ref().map(serde_json::to_value).transpose()?;
    let import_id = db.insert_bundle_import(&NewImport {
        kind: m.kind.code(),
        request_uuid: &m.request.uuid,
        content_sha256: &checked.opened.content_sha256,
        request_id,
        outcome,
        source: source.as_ref(),
        bundle_created_at: &m.created_at,
        app_version: &m.app_version,
        payload: &payload,
        imported_by: caller.user_id,
        imported_actor: &caller.username,
        imported_at: now,
    })?;
    for (i, (f, kind)) in m.files.iter().zip(&checked.kinds).enumerate() {
        let letter = f.letter.as_ref().map(serde_json::to_value).transpose()?;
        let name = documents::display_name(&f.original_name, "bin");
        db.insert_bundle_file(&NewBundleFile {
            import_id,
            path: &f.path,
            kind: kind.code(),
            original_name: &name,
            mime: &f.mime,
            size: i64::try_from(f.size).unwrap_or(i64::MAX),
            sha256: &f.sha256.to_ascii_lowercase(),
            letter: letter.as_ref(),
            document_id: documents.get(&i).copied(),
        })?;
    }
    Ok(import_id)
}

/// Attaches the plan's new files to a request; returns file index →
/// document id for every carried file that is (now) a current document.
fn attach_files(
    db: &Db,
    caller: &Caller,
    checked: &Checked,
    plan: &Plan,
    request_id: i64,
    now: &str,
    root: &Path,
) -> Result<(HashMap<usize, i64>, usize)> {
    let m = &checked.opened.manifest;
    let mut by_index = HashMap::new();
    let mut added = 0;
    for (i, (f, kind)) in m.files.iter().zip(&checked.kinds).enumerate() {
        let bytes = &checked.opened.contents[i];
        if plan.new_files.contains(&i) {
            let incoming = check_content(&f.original_name, bytes)?;
            let attached =
                documents::attach_in(db, root, caller, now, request_id, *kind, &incoming)?;
            if !attached.already_attached {
                added += 1;
            }
            by_index.insert(i, attached.document.id);
        } else if let Some(d) =
            db.current_document_with(request_id, kind.code(), &f.sha256.to_ascii_lowercase())?
        {
            by_index.insert(i, d.id);
        }
    }
    Ok((by_index, added))
}

fn file_list(checked: &Checked) -> serde_json::Value {
    serde_json::Value::Array(
        checked
            .opened
            .manifest
            .files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "kind": f.kind, "original_name": f.original_name, "size": f.size, "sha256": f.sha256,
                })
            })
            .collect(),
    )
}

fn source_text(checked: &Checked) -> String {
    match &checked.opened.manifest.source {
        Some(s) => match &s.instansi {
            Some(i) => format!("{} ({}, {i})", s.nama_pengguna, s.user),
            None => format!("{} ({})", s.nama_pengguna, s.user),
        },
        None => "-".to_string(),
    }
}

fn apply_create(
    db: &Db,
    caller: &Caller,
    checked: &Checked,
    plan: Plan,
    now: chrono::DateTime<chrono::FixedOffset>,
    root: &Path,
) -> Result<ImportOutcome> {
    let stamp = crate::clock::stamp(now);
    let req = checked
        .request
        .as_ref()
        .ok_or_else(|| Error::internal("request bundle without its request"))?;
    let m = &checked.opened.manifest;
    // A data change is about the person as they are now: registered here
    // first if this office does not know them yet.
    let person_id = if req.form.jenis == RequestType::PerubahanData {
        Some(match db.person_by_nik(&req.person.nik)? {
            Some(p) => p.id,
            None => crate::people::insert_person(db, caller, &req.person, &stamp)?.id,
        })
    } else {
        None
    };
    let request = create_request_in(
        db,
        caller,
        &req.form,
        &NewRequestOptions {
            uuid: Some(&m.request.uuid),
            person_id,
            draft: false,
        },
        now,
    )?;
    let (documents, added) = attach_files(db, caller, checked, &plan, request.id, &stamp, root)?;
    record_import(
        db, caller, checked, request.id, "create", &documents, &stamp,
    )?;
    Audit {
        action: "bundle.import",
        entity: "request",
        entity_id: Some(request.id.to_string()),
        summary: format!(
            "Bundel permohonan {} dari {} diimpor sebagai {} ({} lampiran)",
            m.request.nomor,
            source_text(checked),
            request.nomor,
            added
        ),
        old_value: None,
        new_value: Some(serde_json::json!({
            "uuid": m.request.uuid,
            "content_sha256": checked.opened.content_sha256,
            "nomor_pemohon": m.request.nomor,
            "source": m.source,
            "files": file_list(checked),
        })),
    }
    .write(db, caller, &stamp)?;
    let request = db
        .get_request(request.id)?
        .ok_or_else(|| crate::requests::request_not_found(&request.nomor))?;
    Ok(ImportOutcome {
        action: ImportAction::Create,
        request,
        documents_added: added,
        documents_removed: 0,
        files_stored: 0,
        preview: plan.preview,
    })
}

fn apply_update(
    db: &Db,
    caller: &Caller,
    checked: &Checked,
    plan: Plan,
    now: &str,
    root: &Path,
) -> Result<ImportOutcome> {
    let req = checked
        .request
        .as_ref()
        .ok_or_else(|| Error::internal("request bundle without its request"))?;
    let m = &checked.opened.manifest;
    let local = plan
        .local
        .clone()
        .ok_or_else(|| Error::internal("update without its request"))?;
    let old_request = local.clone();
    let old_person = db.get_person(local.person_id)?;
    // The person: updated through the people module, which keeps the old
    // values in the audit log and refuses a NIK or NIP held by another.
    if req.form.jenis == RequestType::PerubahanData {
        if local.data_baru != req.data_baru {
            db.set_request_data_baru(local.id, req.data_baru.as_ref(), now)?;
        }
    } else {
        crate::people::update_person(db, caller, local.person_id, &req.person, now)?;
    }
    if local.jenis == RequestType::Pencabutan
        && (local.alasan != req.form.alasan || local.alasan_teks != req.form.alasan_teks)
        && let Some(reason) = req.form.alasan
    {
        db.set_request_reason(local.id, reason, req.form.alasan_teks.as_deref(), now)?;
        db.insert_event(&NewEvent {
            request_id: local.id,
            attempt: local.attempt,
            step_no: None,
            kind: EventKind::ReasonCorrected,
            user_id: caller.user_id,
            actor: &caller.username,
            acted_at: now,
            recorded_at: now,
            started_at: None,
            note: Some(
                req.form
                    .alasan_teks
                    .as_deref()
                    .unwrap_or(&reason.wording().id),
            ),
            to_step: None,
            condition_held: None,
            checklist: &[],
            disposisi_to: None,
            on_behalf: true,
            override_reason: None,
            data: Some(serde_json::json!({
                "alasan": reason.code(),
                "crl": reason.crl().code(),
                "bundel": checked.opened.content_sha256,
            })),
        })?;
    }
    if local.catatan != req.form.catatan {
        db.set_request_catatan(local.id, req.form.catatan.as_deref(), now)?;
    }
    let why = format!(
        "Tidak ada lagi di bundel pemohon yang diperbarui (dibuat {})",
        m.created_at
    );
    for doc_id in &plan.remove {
        documents::remove_in(db, caller, now, *doc_id, &why)?;
    }
    let (documents, added) = attach_files(db, caller, checked, &plan, local.id, now, root)?;
    record_import(db, caller, checked, local.id, "update", &documents, now)?;
    let request = db
        .get_request(local.id)?
        .ok_or_else(|| crate::requests::request_not_found(&local.nomor))?;
    let new_person = db.get_person(local.person_id)?;
    Audit {
        action: "bundle.update",
        entity: "request",
        entity_id: Some(local.id.to_string()),
        summary: format!(
            "Bundel permohonan {} dari {} memperbarui {}: {} isian pegawai, {} isian permohonan, {} lampiran baru, {} lampiran dihapus",
            m.request.nomor,
            source_text(checked),
            local.nomor,
            plan.preview.person_changes.len(),
            plan.preview.request_changes.len(),
            added,
            plan.remove.len()
        ),
        old_value: Some(serde_json::json!({
            "request": audit_json(&old_request),
            "person": old_person.as_ref().and_then(|p| audit_json(&p.data)),
        })),
        new_value: Some(serde_json::json!({
            "request": audit_json(&request),
            "person": new_person.as_ref().and_then(|p| audit_json(&p.data)),
            "content_sha256": checked.opened.content_sha256,
            "changes": audit_json(&plan.preview.person_changes),
            "request_changes": audit_json(&plan.preview.request_changes),
            "removed": plan.remove,
            "files": file_list(checked),
        })),
    }
    .write(db, caller, now)?;
    Ok(ImportOutcome {
        action: ImportAction::Update,
        request,
        documents_added: added,
        documents_removed: plan.remove.len(),
        files_stored: 0,
        preview: plan.preview,
    })
}

fn apply_status(
    db: &Db,
    caller: &Caller,
    checked: &Checked,
    plan: Plan,
    now: &str,
    root: &Path,
) -> Result<ImportOutcome> {
    let m = &checked.opened.manifest;
    let local = plan
        .local
        .clone()
        .ok_or_else(|| Error::internal("status without its request"))?;
    let blobs = Blobs::new(root);
    let mut created = Vec::new();
    let stored = (|| {
        for &i in &plan.new_files {
            let (f, bytes) = (&m.files[i], &checked.opened.contents[i]);
            let incoming = check_content(&f.original_name, bytes)?;
            if blobs.put(&incoming.sha256, incoming.file_type, bytes)? {
                created.push((incoming.sha256.clone(), incoming.file_type));
            }
        }
        record_import(
            db,
            caller,
            checked,
            local.id,
            "status",
            &HashMap::new(),
            now,
        )?;
        let status = m
            .status
            .as_ref()
            .map(|s| s.status.label().id)
            .unwrap_or_default();
        Audit {
            action: "bundle.status_import",
            entity: "request",
            entity_id: Some(local.id.to_string()),
            summary: format!(
                "Status dari kantor untuk {} diterima: {} ({} berkas)",
                local.nomor,
                status,
                m.files.len()
            ),
            old_value: None,
            new_value: Some(serde_json::json!({
                "uuid": m.request.uuid,
                "content_sha256": checked.opened.content_sha256,
                "source": m.source,
                "status": m.status,
                "files": file_list(checked),
            })),
        }
        .write(db, caller, now)
    })();
    if let Err(e) = stored {
        // The transaction rolls back; files this call created go too.
        for (sha, file_type) in &created {
            blobs.take_back(sha, *file_type);
        }
        return Err(e);
    }
    Ok(ImportOutcome {
        action: ImportAction::Status,
        request: local,
        documents_added: 0,
        documents_removed: 0,
        files_stored: plan.new_files.len(),
        preview: plan.preview,
    })
}
