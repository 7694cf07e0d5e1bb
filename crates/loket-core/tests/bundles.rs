//! Offline handoff bundles between two data folders: the applicant's laptop
//! and the office. A request travels to the office and back as a status;
//! the same bundle twice creates nothing; an updated bundle shows and
//! applies its changes; every kind of bad file is refused with its own
//! message and changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_core::bundle::{
    BundleKind, FileChange, ImportAction, ImportOptions, ImportOutcome, MAX_FILES,
};
use loket_core::documents::Document;
use loket_core::lifecycle::{Outcome, StepAction};
use loket_core::model::{DocKind, PersonInput, RequestStatus, Role};
use loket_core::requests::{RequestFilter, RequestForm};
use loket_core::testing::{self, caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// One data folder: the laptop or the office.
struct Place {
    dir: tempfile::TempDir,
    loket: Loket,
    admin: Caller,
    verif: Caller,
    applicant: Caller,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (loket, admin) = office(&data);
        let verif = caller(&loket, Role::Verifikator);
        let applicant = caller(&loket, Role::Pemohon);
        Place {
            dir,
            loket,
            admin,
            verif,
            applicant,
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn requests(&self) -> usize {
        self.loket
            .list_requests(
                &self.admin,
                &RequestFilter {
                    limit: Some(10_000),
                    ..RequestFilter::default()
                },
            )
            .unwrap()
            .len()
    }

    fn audit_total(&self) -> i64 {
        self.loket
            .audit_log(&self.admin, &Default::default())
            .unwrap()
            .total
    }

    fn docs(&self, key: &str) -> Vec<Document> {
        self.loket.list_documents(&self.admin, key, false).unwrap()
    }

    /// Requests, people, audit entries and every file of the data folder:
    /// what a refused import must leave exactly as it was.
    fn fingerprint(&self) -> (usize, usize, i64, BTreeMap<PathBuf, String>) {
        let people = self
            .loket
            .list_people(&self.admin, None, 1000, 0)
            .unwrap()
            .len();
        (
            self.requests(),
            people,
            self.audit_total(),
            tree(&self.loket.paths().documents()),
        )
    }
}

fn tree(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let hash = format!("{:x}", Sha256::digest(std::fs::read(&p).unwrap()));
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), hash);
            }
        }
    }
    let mut out = BTreeMap::new();
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

/// The applicant's request on the laptop: an issuance with the KTP, the
/// SK Jabatan and the Surat Permohonan attached. Returns its number.
fn laptop_request(laptop: &Place, who: usize) -> String {
    let req = laptop
        .loket
        .submit_request(
            &laptop.applicant,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                catatan: Some("Mohon diproses sebelum akhir bulan.".into()),
                person: Some(person(who)),
                ..RequestForm::default()
            },
        )
        .unwrap();
    for (kind, name, bytes) in [
        (DocKind::Ktp, "KTP Siti.png", testing::png(40, 30, 1)),
        (DocKind::SkJabatan, "SK jabatan.pdf", testing::pdf(5_000)),
        (
            DocKind::SuratPermohonan,
            "Surat permohonan.pdf",
            testing::pdf(9_000),
        ),
    ] {
        laptop
            .loket
            .attach_bytes(&laptop.applicant, &req.nomor, name, &bytes, kind)
            .unwrap();
    }
    req.nomor
}

fn import(place: &Place, who: &Caller, file: &Path) -> ImportOutcome {
    place
        .loket
        .import_bundle(who, file, &ImportOptions::default())
        .unwrap()
}

fn kinds_and_hashes(docs: &[Document]) -> Vec<(DocKind, String)> {
    let mut v: Vec<_> = docs.iter().map(|d| (d.kind, d.sha256.clone())).collect();
    v.sort();
    v
}

#[test]
fn a_request_travels_from_the_laptop_to_the_office_intact() {
    let laptop = Place::new();
    let office = Place::new();
    // The office already numbered two requests of its own this year.
    for i in 50..52 {
        office
            .loket
            .submit_request(
                &office.admin,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(i)),
                    ..RequestForm::default()
                },
            )
            .unwrap();
    }
    let nomor = laptop_request(&laptop, 7);
    let bundle = laptop.file("permohonan.loket");
    let exported = laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &bundle)
        .unwrap();
    assert_eq!(exported.files, 3);
    assert!(bundle.is_file());
    assert_eq!(
        std::fs::metadata(&bundle).unwrap().len(),
        exported.file_bytes
    );
    assert!(
        !laptop.file("permohonan.loket.part").exists(),
        "no partial file left"
    );

    // The manifest is readable JSON with the request's own vocabulary.
    let manifest = manifest_of(&bundle);
    assert_eq!(manifest["format"], "loket-bundle/1");
    assert_eq!(manifest["kind"], "request");
    assert_eq!(manifest["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["request"]["nomor"], nomor.as_str());
    assert_eq!(manifest["request"]["jenis"], "penerbitan");
    assert_eq!(manifest["request"]["person"]["jenis_pegawai"], "pns");
    assert_eq!(manifest["source"]["user"], "pemohon");
    assert_eq!(
        manifest["source"]["instansi"],
        "Dinas Komunikasi dan Informatika, Pemerintah Kabupaten Tapin"
    );
    let letter = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "surat_permohonan")
        .unwrap();
    assert_eq!(letter["letter"]["jenis"], "surat_permohonan");

    // The office sees what it holds before accepting.
    let preview = office.loket.preview_bundle(&office.verif, &bundle).unwrap();
    assert_eq!(preview.action, ImportAction::Create);
    assert_eq!(preview.kind, BundleKind::Request);
    assert_eq!(preview.content_sha256, exported.content_sha256);
    let p = preview.person.as_ref().unwrap();
    let expected = laptop.loket.own_person(&laptop.applicant).unwrap().unwrap();
    assert_eq!(*p, expected.data);
    assert_eq!(preview.files.len(), 3);
    assert!(preview.files.iter().all(|f| f.change == FileChange::New));
    let ktp = preview
        .files
        .iter()
        .find(|f| f.kind == DocKind::Ktp)
        .unwrap();
    assert_eq!(ktp.original_name, "KTP Siti.png");
    assert!(ktp.size > 0 && !ktp.size_text.id.is_empty());
    assert!(preview.blocked.is_none());
    let text = preview.describe().id;
    assert!(text.contains(&expected.data.nama), "{text}");
    assert!(text.contains("KTP Siti.png"), "{text}");
    assert!(text.contains("permohonan baru"), "{text}");
    assert_eq!(office.requests(), 2, "a preview writes nothing");

    let done = office
        .loket
        .import_bundle(
            &office.verif,
            &bundle,
            &ImportOptions {
                expected_sha256: Some(preview.content_sha256.clone()),
                confirm_update: false,
            },
        )
        .unwrap();
    assert_eq!(done.action, ImportAction::Create);
    assert_eq!(done.documents_added, 3);
    let req = done.request;
    // The office's own number and SOP; the applicant's UUID.
    assert_eq!(req.nomor, "REQ-2026-00003");
    assert_ne!(req.nomor, nomor);
    let laptop_req = laptop.loket.get_request(&laptop.admin, &nomor).unwrap();
    assert_eq!(req.uuid, laptop_req.uuid);
    assert_eq!(req.status, RequestStatus::Diproses);
    assert_eq!(req.current_step, Some(1));
    assert_eq!(req.catatan, laptop_req.catatan);
    assert_eq!(req.created_by, office.verif.user_id);
    let view = office
        .loket
        .request_view(&office.verif, &req.nomor)
        .unwrap();
    assert_eq!(view.person.data, expected.data);
    assert_eq!(view.sop_id, "tapin-penerbitan");
    assert!(
        view.current.unwrap().missing_documents.is_empty(),
        "the scans satisfy step 1"
    );
    // Same attachments, byte for byte.
    let theirs = laptop.docs(&nomor);
    let ours = office.docs(&req.nomor);
    assert_eq!(kinds_and_hashes(&ours), kinds_and_hashes(&theirs));
    for d in &ours {
        let (_, bytes) = office.loket.read_document(&office.verif, d.id).unwrap();
        let twin = theirs.iter().find(|t| t.kind == d.kind).unwrap();
        let (_, original) = laptop.loket.read_document(&laptop.admin, twin.id).unwrap();
        assert_eq!(bytes, original);
        assert_eq!(d.original_name, twin.original_name);
    }
    // The request page can say where it came from.
    let bundles = office
        .loket
        .request_bundles(&office.verif, &req.nomor)
        .unwrap();
    assert_eq!(bundles.received.len(), 1);
    assert_eq!(
        bundles.received[0].nomor_asal.as_deref(),
        Some(nomor.as_str())
    );
    assert_eq!(bundles.received[0].documents.len(), 3);
    assert!(bundles.office_status.is_none());
    // Logged as one import, beside the request and the documents.
    let log = office
        .loket
        .audit_log(
            &office.admin,
            &loket_core::audit_log::AuditQuery {
                action: Some("bundle.import".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(log.total, 1);
    assert!(
        log.entries[0].summary.contains(&nomor),
        "{}",
        log.entries[0].summary
    );
    assert!(office.loket.check_files(&office.admin).unwrap().is_clean());
}

#[test]
fn the_same_bundle_twice_creates_nothing_new() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 3);
    let bundle = laptop.file("a.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &bundle)
        .unwrap();
    let first = import(&office, &office.verif, &bundle);
    assert_eq!(first.action, ImportAction::Create);
    let before = office.fingerprint();

    let again = import(&office, &office.verif, &bundle);
    assert_eq!(again.action, ImportAction::Unchanged);
    assert_eq!(again.request.id, first.request.id);
    assert_eq!(office.fingerprint(), before);

    // Exported again later, unchanged: the same content, nothing new.
    let mut later = Loket::open(&laptop.dir.path().join("data")).unwrap();
    later.set_clock(loket_core::clock::Clock::Fixed(
        loket_core::clock::parse_user_time("2026-11-22T10:00:00+08:00").unwrap(),
    ));
    let applicant = later.sign_in("pemohon", "rahasia-123").unwrap();
    let second = laptop.file("b.loket");
    later
        .export_bundle(&applicant, &nomor, BundleKind::Request, &second)
        .unwrap();
    assert_ne!(
        std::fs::read(&bundle).unwrap(),
        std::fs::read(&second).unwrap(),
        "a later export is another file"
    );
    let preview = office.loket.preview_bundle(&office.verif, &second).unwrap();
    assert_eq!(preview.action, ImportAction::Unchanged);
    assert_eq!(
        import(&office, &office.verif, &second).action,
        ImportAction::Unchanged
    );
    assert_eq!(office.fingerprint(), before);
}

#[test]
fn an_updated_bundle_shows_its_changes_and_applies_them_when_confirmed() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 11);
    let first = laptop.file("v1.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &first)
        .unwrap();
    let created = import(&office, &office.verif, &first).request;

    // On the laptop: a new position, the SK Jabatan replaced by the new
    // one, the Surat Permohonan removed, and an SK Pangkat added.
    let me = laptop.loket.own_person(&laptop.applicant).unwrap().unwrap();
    let mut changed = person(11);
    changed.jabatan = Some("Kepala Seksi Persandian".into());
    laptop
        .loket
        .update_person(&laptop.applicant, me.id, &changed)
        .unwrap();
    let docs = laptop.docs(&nomor);
    let sk = docs.iter().find(|d| d.kind == DocKind::SkJabatan).unwrap();
    laptop
        .loket
        .replace_document_bytes(
            &laptop.applicant,
            sk.id,
            "SK baru.pdf",
            &testing::pdf(7_000),
        )
        .unwrap();
    let letter = docs
        .iter()
        .find(|d| d.kind == DocKind::SuratPermohonan)
        .unwrap();
    laptop
        .loket
        .remove_document(&laptop.applicant, letter.id, "salah surat")
        .unwrap();
    laptop
        .loket
        .attach_bytes(
            &laptop.applicant,
            &nomor,
            "SK pangkat.png",
            &testing::png(20, 20, 9),
            DocKind::SkPangkat,
        )
        .unwrap();
    let second = laptop.file("v2.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &second)
        .unwrap();

    let preview = office.loket.preview_bundle(&office.verif, &second).unwrap();
    assert_eq!(preview.action, ImportAction::Update);
    assert_eq!(preview.local.as_ref().unwrap().nomor, created.nomor);
    let fields: Vec<&str> = preview
        .person_changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["jabatan"]);
    assert_eq!(
        preview.person_changes[0].new.as_deref(),
        Some("Kepala Seksi Persandian")
    );
    let new: Vec<DocKind> = preview
        .files
        .iter()
        .filter(|f| f.change == FileChange::New)
        .map(|f| f.kind)
        .collect();
    assert_eq!(new, [DocKind::SkJabatan, DocKind::SkPangkat]);
    let removed: Vec<String> = preview
        .files_removed
        .iter()
        .map(|f| f.original_name.clone())
        .collect();
    assert_eq!(removed, ["SK jabatan.pdf", "Surat permohonan.pdf"]);
    let text = preview.describe().id;
    assert!(text.contains("Kepala Seksi Persandian"), "{text}");
    assert!(text.contains("dihapus"), "{text}");

    // Not without confirmation.
    let before = office.fingerprint();
    let e = office
        .loket
        .import_bundle(&office.verif, &second, &ImportOptions::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.id.contains("konfirmasi"), "{}", e.message.id);
    assert_eq!(office.fingerprint(), before);

    let done = office
        .loket
        .import_bundle(
            &office.verif,
            &second,
            &ImportOptions {
                expected_sha256: Some(preview.content_sha256.clone()),
                confirm_update: true,
            },
        )
        .unwrap();
    assert_eq!(done.action, ImportAction::Update);
    assert_eq!(done.documents_added, 2);
    assert_eq!(done.documents_removed, 2);
    assert_eq!(done.request.id, created.id);
    assert_eq!(office.requests(), 1);
    let view = office
        .loket
        .request_view(&office.verif, &created.nomor)
        .unwrap();
    assert_eq!(view.person.data.jabatan, "Kepala Seksi Persandian");
    assert_eq!(
        kinds_and_hashes(&office.docs(&created.nomor)),
        kinds_and_hashes(&laptop.docs(&nomor))
    );
    // The removed ones stay in the history with the reason.
    let all = office
        .loket
        .list_documents(&office.admin, &created.nomor, true)
        .unwrap();
    let gone: Vec<_> = all.iter().filter(|d| !d.is_current()).collect();
    assert_eq!(gone.len(), 2);
    assert!(gone.iter().all(|d| {
        d.ended
            .as_ref()
            .unwrap()
            .reason
            .as_deref()
            .unwrap()
            .contains("bundel")
    }));
    // The person's old position is in the audit log.
    let history = office
        .loket
        .person_history(&office.admin, view.person.id)
        .unwrap();
    let update = history
        .iter()
        .find(|e| e.action == "person.update")
        .unwrap();
    assert_eq!(
        update.old_value.as_ref().unwrap()["jabatan"],
        me.data.jabatan.as_str()
    );
    assert_eq!(
        update.new_value.as_ref().unwrap()["jabatan"],
        "Kepala Seksi Persandian"
    );
    // And importing it again changes nothing more.
    let after = office.fingerprint();
    assert_eq!(
        import(&office, &office.verif, &second).action,
        ImportAction::Unchanged
    );
    assert_eq!(office.fingerprint(), after);
}

#[test]
fn a_changed_revocation_reason_arrives_as_a_correction() {
    let laptop = Place::new();
    let office = Place::new();
    let submit = |alasan: &str| RequestForm {
        jenis: Some("pencabutan".into()),
        alasan: Some(alasan.into()),
        person: Some(person(21)),
        ..RequestForm::default()
    };
    let req = laptop
        .loket
        .submit_request(&laptop.applicant, &submit("lupa_passphrase"))
        .unwrap();
    let first = laptop.file("c1.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &req.nomor, BundleKind::Request, &first)
        .unwrap();
    let here = import(&office, &office.verif, &first).request;
    assert_eq!(here.alasan_crl, Some(4));

    laptop
        .loket
        .correct_revocation_reason(
            &laptop.admin,
            &req.nomor,
            loket_core::model::RevocationReason::Pensiun,
            None,
        )
        .unwrap();
    let second = laptop.file("c2.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &req.nomor, BundleKind::Request, &second)
        .unwrap();
    let preview = office.loket.preview_bundle(&office.verif, &second).unwrap();
    assert_eq!(preview.action, ImportAction::Update);
    assert_eq!(preview.request_changes.len(), 1);
    assert_eq!(preview.request_changes[0].field, "alasan");
    assert!(preview.person_changes.is_empty());
    let done = office
        .loket
        .import_bundle(
            &office.verif,
            &second,
            &ImportOptions {
                expected_sha256: None,
                confirm_update: true,
            },
        )
        .unwrap();
    assert_eq!(done.request.alasan_crl, Some(5));
    let view = office
        .loket
        .request_view(&office.verif, &here.nomor)
        .unwrap();
    assert!(
        view.history
            .iter()
            .any(|e| e.kind == loket_core::lifecycle::EventKind::ReasonCorrected)
    );
}

#[test]
fn the_office_status_travels_back_to_the_applicant() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 5);
    let bundle = laptop.file("permohonan.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &bundle)
        .unwrap();
    let here = import(&office, &office.verif, &bundle).request;
    // The office works: step 1 done, a signed recommendation attached.
    office
        .loket
        .act_on_step(
            &office.verif,
            &here.nomor,
            &StepAction {
                outcome: Outcome::Done,
                step: Some(1),
                note: Some("Berkas diterima lewat flashdisk".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
    let recommendation = testing::pdf(12_000);
    office
        .loket
        .attach_bytes(
            &office.verif,
            &here.nomor,
            "Rekomendasi bertanda tangan.pdf",
            &recommendation,
            DocKind::SuratRekomendasi,
        )
        .unwrap();
    let status = office.file("status.loket");
    // Applicants cannot speak for the office.
    let e = office
        .loket
        .export_bundle(&office.applicant, &here.nomor, BundleKind::Status, &status)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let exported = office
        .loket
        .export_bundle(&office.verif, &here.nomor, BundleKind::Status, &status)
        .unwrap();
    assert_eq!(exported.files, 1, "only the office's letter goes back");
    let m = manifest_of(&status);
    assert_eq!(m["kind"], "status");
    assert_eq!(m["status"]["nomor"], here.nomor.as_str());
    assert_eq!(m["status"]["current_step"], 2);
    assert_eq!(m["files"][0]["letter"]["jenis"], "surat_rekomendasi");

    // On the laptop.
    let laptop_before = laptop
        .loket
        .request_view(&laptop.applicant, &nomor)
        .unwrap();
    let preview = laptop
        .loket
        .preview_bundle(&laptop.applicant, &status)
        .unwrap();
    assert_eq!(preview.action, ImportAction::Status);
    assert_eq!(preview.local.as_ref().unwrap().nomor, nomor);
    assert!(preview.describe().id.contains(&here.nomor));
    let done = import(&laptop, &laptop.applicant, &status);
    assert_eq!(done.action, ImportAction::Status);
    assert_eq!(done.files_stored, 1);

    let seen = laptop
        .loket
        .request_bundles(&laptop.applicant, &nomor)
        .unwrap();
    let office_view = seen.office_status.unwrap();
    assert_eq!(office_view.status.nomor, here.nomor);
    assert_eq!(office_view.status.status, RequestStatus::Diproses);
    assert_eq!(office_view.status.current_step, Some(2));
    assert!(office_view.status.current_activity.is_some());
    assert!(
        office_view
            .status
            .history
            .iter()
            .any(|e| e.note.as_deref() == Some("Berkas diterima lewat flashdisk"))
    );
    assert_eq!(office_view.files.len(), 1);
    let path = laptop
        .loket
        .bundle_file_path(&laptop.applicant, office_view.files[0].id)
        .unwrap();
    assert_eq!(std::fs::read(path).unwrap(), recommendation);
    // The laptop's own lifecycle is untouched.
    let laptop_after = laptop
        .loket
        .request_view(&laptop.applicant, &nomor)
        .unwrap();
    assert_eq!(laptop_after.history, laptop_before.history);
    assert_eq!(laptop_after.request, laptop_before.request);
    assert_eq!(laptop.docs(&nomor).len(), 3);
    // The letter is a known file, not clutter, for the file check.
    let report = laptop.loket.check_files(&laptop.admin).unwrap();
    assert!(
        report.is_clean() && report.unreferenced.is_empty(),
        "{report:?}"
    );

    // Again: nothing new.
    let before = laptop.fingerprint();
    assert_eq!(
        import(&laptop, &laptop.applicant, &status).action,
        ImportAction::StatusUnchanged
    );
    assert_eq!(laptop.fingerprint(), before);

    // A status bundle about a request this laptop never made.
    let stranger = Place::new();
    let before = stranger.fingerprint();
    let e = stranger
        .loket
        .import_bundle(&stranger.admin, &status, &ImportOptions::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(e.message.id.contains(&here.nomor), "{}", e.message.id);
    assert!(
        e.message.id.contains("tidak ada di data ini"),
        "{}",
        e.message.id
    );
    assert_eq!(stranger.fingerprint(), before);
}

#[test]
fn who_may_do_what_with_bundles() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 8);
    let bundle = laptop.file("p.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &bundle)
        .unwrap();
    // Applicants and heads do not import requests into the office.
    for role in [Role::Pemohon, Role::Pimpinan] {
        let who = caller(&office.loket, role);
        let e = office.loket.preview_bundle(&who, &bundle).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden, "{role:?}");
        let e = office
            .loket
            .import_bundle(&who, &bundle, &ImportOptions::default())
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Forbidden, "{role:?}");
    }
    // A laptop refuses its own bundle.
    let e = laptop
        .loket
        .import_bundle(&laptop.admin, &bundle, &ImportOptions::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.id.contains("komputer ini sendiri"),
        "{}",
        e.message.id
    );
    // Another applicant's request is not theirs to export.
    let other = office
        .loket
        .submit_request(
            &office.admin,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(person(30)),
                ..RequestForm::default()
            },
        )
        .unwrap();
    let e = office
        .loket
        .export_bundle(
            &office.applicant,
            &other.nomor,
            BundleKind::Request,
            &office.file("x.loket"),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(!office.file("x.loket").exists());
}

#[test]
fn an_office_rule_that_refuses_the_request_is_shown_before_and_changes_nothing() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 13);
    let bundle = laptop.file("p.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &bundle)
        .unwrap();
    // The office already has an unfinished issuance for this person, with
    // an older phone number on file.
    let mut older = person(13);
    older.telepon = Some("081299990000".into());
    let open = office
        .loket
        .submit_request(
            &office.admin,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(older),
                ..RequestForm::default()
            },
        )
        .unwrap();
    let preview = office.loket.preview_bundle(&office.verif, &bundle).unwrap();
    assert_eq!(preview.action, ImportAction::Create);
    assert!(preview.person_match.is_some());
    assert_eq!(preview.person_changes.len(), 1);
    assert_eq!(preview.person_changes[0].field, "telepon");
    assert!(
        preview.warnings[0].id.contains("NIK ini milik"),
        "{:?}",
        preview.warnings
    );
    let blocked = preview.blocked.clone().unwrap();
    assert!(blocked.id.contains(&open.nomor), "{}", blocked.id);
    let before = office.fingerprint();
    let e = office
        .loket
        .import_bundle(&office.verif, &bundle, &ImportOptions::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(e.message, blocked);
    assert_eq!(office.fingerprint(), before);
}

// ---- Bad bundles ----

fn entries(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).unwrap();
            (e.name().unwrap().into_owned(), buf)
        })
        .collect()
}

fn write_zip(file: &Path, entries: &[(String, Vec<u8>)]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(file).unwrap());
    for (name, bytes) in entries {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn manifest_of(file: &Path) -> serde_json::Value {
    let e = entries(file);
    let m = &e.iter().find(|(n, _)| n == "manifest.json").unwrap().1;
    serde_json::from_slice(m).unwrap()
}

fn with_manifest(
    entries: &[(String, Vec<u8>)],
    change: impl Fn(&mut serde_json::Value),
) -> Vec<(String, Vec<u8>)> {
    entries
        .iter()
        .map(|(n, b)| {
            if n == "manifest.json" {
                let mut m: serde_json::Value = serde_json::from_slice(b).unwrap();
                change(&mut m);
                (n.clone(), serde_json::to_vec_pretty(&m).unwrap())
            } else {
                (n.clone(), b.clone())
            }
        })
        .collect()
}

/// Sets the uncompressed size an entry claims, in its local header and in
/// the central directory, without touching its data.
fn claim_size(file: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(file).unwrap();
    let name = name.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let (size_at, name_at, len_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => (22, 30, 26),
            b"PK\x01\x02" => (24, 46, 28),
            _ => {
                i += 1;
                continue;
            }
        };
        let n = u16::from_le_bytes([bytes[i + len_at], bytes[i + len_at + 1]]) as usize;
        if bytes.get(i + name_at..i + name_at + n) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 4;
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn bad_bundles_are_refused_each_with_its_reason_and_change_nothing() {
    let laptop = Place::new();
    let office = Place::new();
    let nomor = laptop_request(&laptop, 17);
    let good = laptop.file("baik.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &nomor, BundleKind::Request, &good)
        .unwrap();
    let good_entries = entries(&good);
    let first_file = good_entries
        .iter()
        .find(|(n, _)| n.starts_with("files/"))
        .unwrap()
        .0
        .clone();
    let before = office.fingerprint();

    type Make = Box<dyn Fn(&Path)>;
    let push = |extra: &str| -> Make {
        let e = good_entries.clone();
        let extra = extra.to_string();
        Box::new(move |f| {
            let mut e = e.clone();
            e.push((extra.clone(), b"x".to_vec()));
            write_zip(f, &e)
        })
    };
    let manifest_change = |change: Box<dyn Fn(&mut serde_json::Value)>| -> Make {
        let e = good_entries.clone();
        Box::new(move |f| write_zip(f, &with_manifest(&e, &change)))
    };
    let ff = first_file.clone();
    let cases: Vec<(&str, Make, &str)> = vec![
        (
            "not a zip",
            Box::new(|f| std::fs::write(f, "ini surat biasa, bukan bundel").unwrap()),
            "bukan bundel Loket TTE",
        ),
        (
            "truncated",
            Box::new({
                let good = good.clone();
                move |f| {
                    let b = std::fs::read(&good).unwrap();
                    std::fs::write(f, &b[..b.len() * 2 / 3]).unwrap()
                }
            }),
            "rusak atau tidak lengkap",
        ),
        (
            "unknown version",
            manifest_change(Box::new(|m| m["format"] = "loket-bundle/2".into())),
            "versi yang lebih baru",
        ),
        (
            "a backup renamed",
            manifest_change(Box::new(|m| m["format"] = "loket-backup/1".into())),
            "cadangan data",
        ),
        (
            "hash mismatch",
            Box::new({
                let e = good_entries.clone();
                let ff = ff.clone();
                move |f| {
                    let mut e = e.clone();
                    let (_, bytes) = e.iter_mut().find(|(n, _)| *n == ff).unwrap();
                    let at = bytes.len() / 2;
                    bytes[at] ^= 0x55;
                    write_zip(f, &e)
                }
            }),
            "tidak cocok dengan sidik SHA-256",
        ),
        (
            "size mismatch",
            manifest_change(Box::new(|m| {
                let s = m["files"][0]["size"].as_u64().unwrap();
                m["files"][0]["size"] = (s + 1).into();
            })),
            "tidak sama dengan catatan daftar isinya",
        ),
        (
            "zip slip with ..",
            push("files/../../jahat.txt"),
            "jalur tidak aman",
        ),
        (
            "zip slip absolute",
            push("/tmp/jahat.txt"),
            "jalur tidak aman",
        ),
        (
            "zip slip drive letter",
            push("C:/Windows/jahat.txt"),
            "jalur tidak aman",
        ),
        (
            "zip slip backslash",
            push("files\\..\\..\\jahat.txt"),
            "jalur tidak aman",
        ),
        (
            "zip slip in the manifest",
            manifest_change(Box::new(|m| {
                m["files"][0]["path"] = "../files/x.png".into()
            })),
            "jalur tidak aman",
        ),
        (
            "absurd size",
            Box::new({
                let good = good.clone();
                let ff = ff.clone();
                move |f| {
                    std::fs::copy(&good, f).unwrap();
                    claim_size(f, &ff, 3_000_000_000);
                }
            }),
            "memenuhi disk",
        ),
        (
            "missing manifest",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let e: Vec<_> = e
                        .iter()
                        .filter(|(n, _)| n != "manifest.json")
                        .cloned()
                        .collect();
                    write_zip(f, &e)
                }
            }),
            "tidak berisi daftar isi",
        ),
        (
            "listed file absent",
            Box::new({
                let e = good_entries.clone();
                let ff = ff.clone();
                move |f| {
                    let e: Vec<_> = e.iter().filter(|(n, _)| *n != ff).cloned().collect();
                    write_zip(f, &e)
                }
            }),
            "tercatat di daftar isinya tetapi tidak ada",
        ),
        (
            "extra file",
            push("files/selundupan.pdf"),
            "tidak tercatat di daftar isinya",
        ),
        (
            "a file outside files/",
            push("lain.txt"),
            "tidak tercatat di daftar isinya",
        ),
        (
            "invalid NIK",
            manifest_change(Box::new(|m| {
                m["request"]["person"]["nik"] = "123".into();
            })),
            "NIK",
        ),
        (
            "unknown document kind",
            manifest_change(Box::new(|m| m["files"][0]["kind"] = "foto_selfie".into())),
            "tidak dikenal versi ini",
        ),
        (
            "a file that is not a scan",
            Box::new({
                let e = good_entries.clone();
                let ff = ff.clone();
                move |f| {
                    let script = b"#!/bin/sh\nrm -rf ~\n".to_vec();
                    let sha = format!("{:x}", Sha256::digest(&script));
                    let mut e = with_manifest(&e, |m| {
                        m["files"][0]["size"] = script.len().into();
                        m["files"][0]["sha256"] = sha.clone().into();
                    });
                    e.iter_mut().find(|(n, _)| *n == ff).unwrap().1 = script.clone();
                    write_zip(f, &e)
                }
            }),
            "bukan PDF, JPEG atau PNG",
        ),
        (
            "too many files",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    for i in 0..=MAX_FILES {
                        e.push((format!("files/x{i}.pdf"), b"x".to_vec()));
                    }
                    write_zip(f, &e)
                }
            }),
            "paling banyak",
        ),
    ];

    let mut messages = Vec::new();
    for (what, make, expected) in &cases {
        let bad = office.file("buruk.loket");
        make(&bad);
        let e = office
            .loket
            .preview_bundle(&office.verif, &bad)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid, "{what}: {}", e.message.id);
        assert!(
            e.message.id.contains(expected),
            "{what}: expected \"{expected}\" in: {}",
            e.message.id
        );
        assert!(!e.message.en.is_empty());
        let i = office
            .loket
            .import_bundle(
                &office.verif,
                &bad,
                &ImportOptions {
                    expected_sha256: None,
                    confirm_update: true,
                },
            )
            .unwrap_err();
        assert_eq!(i.message, e.message, "{what}: preview and import agree");
        assert_eq!(office.fingerprint(), before, "{what}: something changed");
        if *what == "invalid NIK" {
            assert!(
                e.fields.iter().any(|f| f.field == "nik"),
                "the field is named: {:?}",
                e.fields
            );
            assert!(e.message.id.contains("16 digit"), "{}", e.message.id);
        }
        messages.push(e.message.id.clone());
        std::fs::remove_file(&bad).unwrap();
    }
    // Each bad kind says its own thing.
    let distinct: std::collections::BTreeSet<_> = messages.iter().collect();
    assert_eq!(distinct.len(), cases.len(), "{messages:#?}");
    // A missing file is "not found", and the good bundle passes, so the
    // checks above are not simply refusing everything.
    let e = office
        .loket
        .preview_bundle(&office.verif, &office.file("tidak-ada.loket"))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(
        office
            .loket
            .preview_bundle(&office.verif, &good)
            .unwrap()
            .action,
        ImportAction::Create
    );
}

#[test]
fn a_data_change_request_carries_the_new_data() {
    let laptop = Place::new();
    let office = Place::new();
    // The applicant is registered on the laptop and at the office.
    let me = laptop
        .loket
        .add_person(&laptop.applicant, &person(40))
        .unwrap();
    office.loket.add_person(&office.admin, &person(40)).unwrap();
    let mut new: PersonInput = person(40);
    new.unit_kerja = Some("Dinas Kesehatan".into());
    new.jabatan = Some("Analis Data".into());
    let req = laptop
        .loket
        .submit_request(
            &laptop.applicant,
            &RequestForm {
                jenis: Some("perubahan_data".into()),
                person: Some(new),
                ..RequestForm::default()
            },
        )
        .unwrap();
    assert_eq!(req.person_id, me.id);
    let bundle = laptop.file("ubah.loket");
    laptop
        .loket
        .export_bundle(&laptop.applicant, &req.nomor, BundleKind::Request, &bundle)
        .unwrap();
    let preview = office.loket.preview_bundle(&office.verif, &bundle).unwrap();
    assert_eq!(preview.action, ImportAction::Create);
    let fields: Vec<&str> = preview
        .person_changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert!(
        fields.contains(&"jabatan") && fields.contains(&"unit_kerja"),
        "{fields:?}"
    );
    let here = import(&office, &office.verif, &bundle).request;
    let data = here.data_baru.unwrap();
    assert_eq!(data.jabatan, "Analis Data");
    // Not applied before the request finishes.
    let view = office
        .loket
        .request_view(&office.verif, &here.nomor)
        .unwrap();
    assert_ne!(view.person.data.jabatan, "Analis Data");
}
