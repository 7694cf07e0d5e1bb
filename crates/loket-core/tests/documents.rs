//! Documents against a real data folder: attaching by content, refusals that
//! store nothing, one file per content, history on replace and remove,
//! AMS-ready copies, the AMS identity panel and the file check.

// Helpers outside #[test] functions unwrap too: a failure is the test's.
#![allow(clippy::unwrap_used)]

use loket_core::documents::{
    AMS_LIMIT_BYTES, DocStatus, Document, MAX_DOCUMENT_BYTES, MIN_LONG_SIDE,
};
use loket_core::model::{DocKind, PersonData, Role};
use loket_core::requests::RequestForm;
use loket_core::testing::{self, caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// An office with one request, created by the fixture applicant (so the
/// applicant owns it). Returns the folder, the office, the admin and the
/// request number.
fn setup() -> (TempDir, Loket, Caller, String) {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let nomor = new_request(&loket, &caller(&loket, Role::Pemohon), 0);
    (dir, loket, admin, nomor)
}

fn new_request(loket: &Loket, by: &Caller, i: usize) -> String {
    loket
        .submit_request(
            by,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(person(i)),
                ..RequestForm::default()
            },
        )
        .unwrap()
        .nomor
}

/// Every file under the document store, relative to it.
fn stored_files(loket: &Loket) -> Vec<PathBuf> {
    let root = loket.paths().documents();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(&root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn blob_path(loket: &Loket, doc: &Document) -> PathBuf {
    let ext = match doc.mime.as_str() {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        other => panic!("unexpected mime {other}"),
    };
    loket
        .paths()
        .documents()
        .join(&doc.sha256[..2])
        .join(format!("{}.{ext}", doc.sha256))
}

/// Undoes the store's read-only flag, as someone tampering with the folder
/// outside the app would.
fn make_writable(path: &Path) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(path, perms).unwrap();
}

/// SHA-256 by a second implementation path (the sha2 crate directly), to
/// check the name the store chose.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn pdf_jpeg_and_png_are_attached_and_recognised_by_content() {
    let (_dir, loket, _admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let pdf = testing::pdf(0);
    let jpeg = testing::jpeg(64, 48, 1);
    let png = testing::png(40, 30, 2);

    let a = loket
        .attach_bytes(
            &verifikator,
            &nomor,
            "Surat Permohonan.pdf",
            &pdf,
            DocKind::SuratPermohonan,
        )
        .unwrap();
    assert!(!a.already_attached);
    let d = &a.document;
    assert_eq!(
        (d.mime.as_str(), d.size, d.kind, d.status),
        (
            "application/pdf",
            pdf.len() as u64,
            DocKind::SuratPermohonan,
            DocStatus::Berlaku
        )
    );
    assert_eq!((d.width, d.height), (None, None));
    assert_eq!(d.attached.username, "verifikator");
    assert_eq!(d.attached.at, testing::NOW);
    assert_eq!(d.request_nomor, nomor);
    assert_eq!(d.sha256, sha256(&pdf));

    // A JPEG named .pdf is a JPEG: the content decides, and the stored
    // file gets the extension a viewer needs.
    let j = loket
        .attach_bytes(&verifikator, &nomor, "scan ktp.pdf", &jpeg, DocKind::Ktp)
        .unwrap()
        .document;
    assert_eq!(j.mime, "image/jpeg");
    assert_eq!((j.width, j.height), (Some(64), Some(48)));
    assert_eq!(j.original_name, "scan ktp.pdf");

    // From a file on disk; the name comes from the path.
    let src = tempfile::tempdir().unwrap();
    let path = src.path().join("SK Jabatan.png");
    std::fs::write(&path, &png).unwrap();
    let p = loket
        .attach_document(&verifikator, &nomor, &path, DocKind::SkJabatan)
        .unwrap()
        .document;
    assert_eq!(
        (p.mime.as_str(), p.original_name.as_str()),
        ("image/png", "SK Jabatan.png")
    );
    assert_eq!((p.width, p.height), (Some(40), Some(30)));

    // Each file is in the store under its hash, with its content intact,
    // read-only so a viewer's "Save" cannot change the record.
    for (doc, bytes) in [(d, &pdf), (&j, &jpeg), (&p, &png)] {
        let path = blob_path(&loket, doc);
        assert_eq!(&std::fs::read(&path).unwrap(), bytes, "{}", path.display());
        assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
        let (again, read) = loket.read_document(&verifikator, doc.id).unwrap();
        assert_eq!((&again, &read), (doc, bytes));
        assert_eq!(
            loket.document_file_path(&verifikator, doc.id).unwrap(),
            path
        );
    }
    assert_eq!(stored_files(&loket).len(), 3);

    // Listed by kind (the order of DocKind), by number, UUID or id.
    let list = loket.list_documents(&verifikator, &nomor, false).unwrap();
    let kinds: Vec<DocKind> = list.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DocKind::Ktp, DocKind::SkJabatan, DocKind::SuratPermohonan]
    );
    let request = loket.get_request(&verifikator, &nomor).unwrap();
    assert_eq!(
        loket
            .list_documents(&verifikator, &request.uuid, false)
            .unwrap(),
        list
    );
    assert_eq!(
        loket
            .list_documents(&verifikator, &request.id.to_string(), false)
            .unwrap(),
        list
    );
}

#[test]
fn refused_files_store_nothing_and_say_what_they_are() {
    let (_dir, loket, admin, nomor) = setup();
    let mut too_big = testing::pdf(0);
    too_big.resize(MAX_DOCUMENT_BYTES as usize + 1, b' ');
    let mut docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml".to_vec();
    docx.extend(b"PK\x03\x04\x14\0\x06\0word/document.xml");
    let mut truncated = testing::pdf(5000);
    truncated.truncate(3000);
    let mut broken_png = testing::png(40, 30, 1);
    broken_png.truncate(20);

    let check = |name: &str, bytes: &[u8], fragments: &[&str]| {
        let e = loket
            .attach_bytes(&admin, &nomor, name, bytes, DocKind::Ktp)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid, "{name}: {e}");
        for f in fragments {
            assert!(
                e.message.en.contains(f),
                "{name}: {f:?} not in {:?}",
                e.message.en
            );
        }
        assert!(
            e.message
                .id
                .to_lowercase()
                .contains("tidak ada yang dilampirkan"),
            "{}",
            e.message.id
        );
        assert!(
            loket
                .list_documents(&admin, &nomor, true)
                .unwrap()
                .is_empty(),
            "{name}: a row was stored"
        );
        assert!(
            stored_files(&loket).is_empty(),
            "{name}: a file was stored: {:?}",
            stored_files(&loket)
        );
    };
    check(
        "ktp.pdf",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
        &[
            "\"ktp.pdf\"",
            "a Linux program (ELF)",
            "although its name ends in .pdf",
        ],
    );
    check(
        "scan.pdf",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff",
        &["\"scan.pdf\"", "a Windows program (EXE/DLL)"],
    );
    check("kosong.pdf", b"", &["\"kosong.pdf\"", "is empty (0 bytes)"]);
    check(
        "catatan.jpg",
        "NIK 6305015708660001\nNama Siti".as_bytes(),
        &["\"catatan.jpg\"", "plain text", "ends in .jpg"],
    );
    check(
        "besar.pdf",
        &too_big,
        &[
            "\"besar.pdf\"",
            "20.0 MB (20,000,001 bytes)",
            "20 MB attachment limit",
        ],
    );
    check("SK.pdf", &docx, &["\"SK.pdf\"", "a Word document (.docx)"]);
    check("putus.pdf", &truncated, &["\"putus.pdf\"", "cut short"]);
    check("ktp.png", &broken_png, &["\"ktp.png\"", "damaged"]);
    check(
        "../../../bin/sh",
        b"\x7fELF\x02\x01\x01\0",
        &["\"sh\"", "ELF"],
    );

    // A file on disk over the limit is refused without being read whole.
    let src = tempfile::tempdir().unwrap();
    let path = src.path().join("video.pdf");
    std::fs::write(&path, &too_big).unwrap();
    let e = loket
        .attach_document(&admin, &nomor, &path, DocKind::Ktp)
        .unwrap_err();
    assert!(
        e.message.id.contains("melebihi batas lampiran 20 MB"),
        "{}",
        e.message.id
    );
    let e = loket
        .attach_document(&admin, &nomor, src.path(), DocKind::Ktp)
        .unwrap_err();
    assert!(e.message.en.contains("is a folder"), "{}", e.message.en);
    let e = loket
        .attach_document(
            &admin,
            &nomor,
            &src.path().join("tidak-ada.pdf"),
            DocKind::Ktp,
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(
        loket
            .list_documents(&admin, &nomor, true)
            .unwrap()
            .is_empty()
    );
    assert!(stored_files(&loket).is_empty());

    // Exactly the limit is accepted.
    let mut at_limit = testing::pdf(0);
    let tail = at_limit.split_off(at_limit.len() - 6); // "%%EOF\n"
    at_limit.resize(MAX_DOCUMENT_BYTES as usize - tail.len(), b'\n');
    at_limit.extend(tail);
    let doc = loket
        .attach_bytes(&admin, &nomor, "batas.pdf", &at_limit, DocKind::Ktp)
        .unwrap()
        .document;
    assert_eq!(doc.size, MAX_DOCUMENT_BYTES);
}

#[test]
fn the_same_content_is_stored_once() {
    let (_dir, loket, admin, nomor) = setup();
    let pemohon = caller(&loket, Role::Pemohon);
    let ktp = testing::jpeg(80, 50, 7);
    let first = loket
        .attach_bytes(&pemohon, &nomor, "ktp.jpg", &ktp, DocKind::Ktp)
        .unwrap();
    let again = loket
        .attach_bytes(&admin, &nomor, "KTP lagi.jpg", &ktp, DocKind::Ktp)
        .unwrap();
    assert!(!first.already_attached);
    assert!(again.already_attached);
    assert_eq!(
        again.document, first.document,
        "the existing record, unchanged"
    );
    assert_eq!(loket.list_documents(&admin, &nomor, true).unwrap().len(), 1);
    assert_eq!(stored_files(&loket).len(), 1);

    // The same scan as another kind, or on another request, is a new
    // record pointing at the same file.
    let other_kind = loket
        .attach_bytes(&admin, &nomor, "ktp.jpg", &ktp, DocKind::Lainnya)
        .unwrap();
    assert!(!other_kind.already_attached);
    let other_request = new_request(&loket, &admin, 1);
    let elsewhere = loket
        .attach_bytes(&admin, &other_request, "ktp.jpg", &ktp, DocKind::Ktp)
        .unwrap();
    assert!(!elsewhere.already_attached);
    assert_eq!(elsewhere.document.sha256, first.document.sha256);
    assert_eq!(stored_files(&loket).len(), 1, "{:?}", stored_files(&loket));
    assert_eq!(sha256(&ktp), first.document.sha256);
}

#[test]
fn names_are_cleaned_and_never_used_as_paths() {
    let (dir, loket, admin, nomor) = setup();
    let check = |raw: &str, shown: &str, seed: u8| {
        let doc = loket
            .attach_bytes(
                &admin,
                &nomor,
                raw,
                &testing::png(8, 8, seed),
                DocKind::Lainnya,
            )
            .unwrap()
            .document;
        assert_eq!(doc.original_name, shown, "{raw:?}");
        let path = loket.document_file_path(&admin, doc.id).unwrap();
        assert!(
            path.starts_with(loket.paths().documents()),
            "{}",
            path.display()
        );
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&doc.sha256)
        );
    };
    check("../../etc/passwd", "passwd", 1);
    check("C:\\x\\y.pdf", "y.pdf", 2);
    check("KTP Siti Ṣāliḥ.jpg", "KTP Siti Ṣāliḥ.jpg", 3);
    check("surat\u{202E}fdp.exe", "suratfdp.exe", 4);
    check("baris\nbaru\t.png", "barisbaru .png", 5);
    check("", "dokumen.png", 6);
    assert!(!dir.path().join("etc").exists());
    assert!(!loket.paths().documents().join("etc").exists());
}

#[test]
fn replace_and_remove_keep_the_history_and_the_files() {
    let (_dir, loket, _admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let pemohon = caller(&loket, Role::Pemohon);
    let old_bytes = testing::jpeg(60, 40, 1);
    let new_bytes = testing::jpeg(60, 40, 2);
    let old = loket
        .attach_bytes(&pemohon, &nomor, "ktp buram.jpg", &old_bytes, DocKind::Ktp)
        .unwrap()
        .document;

    let replaced = loket
        .replace_document_bytes(&verifikator, old.id, "ktp jelas.jpg", &new_bytes)
        .unwrap();
    assert!(!replaced.already_attached);
    let new = replaced.document;
    assert_eq!(
        (new.kind, new.replaces, new.status),
        (DocKind::Ktp, Some(old.id), DocStatus::Berlaku)
    );

    let current = loket.list_documents(&verifikator, &nomor, false).unwrap();
    assert_eq!(current.iter().map(|d| d.id).collect::<Vec<_>>(), [new.id]);
    let history = loket.list_documents(&verifikator, &nomor, true).unwrap();
    assert_eq!(history.len(), 2);
    let old_after = loket.get_document(&verifikator, old.id).unwrap();
    assert_eq!(old_after.status, DocStatus::Diganti);
    let ended = old_after.ended.as_ref().unwrap();
    assert_eq!(
        (ended.by.username.as_str(), ended.replaced_by),
        ("verifikator", Some(new.id))
    );
    assert_eq!(ended.by.at, testing::NOW);

    // Replacing with identical content changes nothing.
    let same = loket
        .replace_document_bytes(&verifikator, new.id, "lagi.jpg", &new_bytes)
        .unwrap();
    assert!(same.already_attached);
    assert_eq!(same.document.id, new.id);

    // Removal needs a reason, and keeps the record.
    let e = loket
        .remove_document(&verifikator, new.id, "  ")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.fields[0].field, "reason");
    let removed = loket
        .remove_document(&pemohon, new.id, "Salah unggah: ini KTP suami")
        .unwrap();
    assert_eq!(removed.status, DocStatus::Dihapus);
    let ended = removed.ended.unwrap();
    assert_eq!(ended.reason.as_deref(), Some("Salah unggah: ini KTP suami"));
    assert_eq!(ended.by.username, "pemohon");
    assert!(
        loket
            .list_documents(&pemohon, &nomor, false)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        loket.list_documents(&pemohon, &nomor, true).unwrap().len(),
        2
    );
    assert_eq!(
        loket
            .missing_documents(&pemohon, &nomor, &[DocKind::Ktp])
            .unwrap(),
        [DocKind::Ktp]
    );

    // Ended documents cannot be ended again; their files stay readable.
    let e = loket
        .remove_document(&verifikator, new.id, "lagi")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    let e = loket
        .replace_document_bytes(&verifikator, old.id, "x.jpg", &testing::jpeg(9, 9, 9))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(stored_files(&loket).len(), 2);
    assert_eq!(loket.read_document(&pemohon, old.id).unwrap().1, old_bytes);
    assert_eq!(loket.read_document(&pemohon, new.id).unwrap().1, new_bytes);

    // A refused replacement changes nothing.
    let again = loket
        .attach_bytes(&pemohon, &nomor, "ktp.jpg", &old_bytes, DocKind::Ktp)
        .unwrap()
        .document;
    let e = loket
        .replace_document_bytes(&pemohon, again.id, "ktp.pdf", b"\x7fELF\x02\x01")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(loket.get_document(&pemohon, again.id).unwrap().is_current());
    assert_eq!(stored_files(&loket).len(), 2);
}

#[test]
fn checklists_see_only_current_documents() {
    let (_dir, loket, admin, nomor) = setup();
    let required = [
        DocKind::SuratPermohonan,
        DocKind::Ktp,
        DocKind::SkJabatan,
        DocKind::Ktp,
    ];
    assert_eq!(
        loket.missing_documents(&admin, &nomor, &required).unwrap(),
        [DocKind::SuratPermohonan, DocKind::Ktp, DocKind::SkJabatan]
    );
    loket
        .attach_bytes(
            &admin,
            &nomor,
            "ktp.png",
            &testing::png(8, 8, 1),
            DocKind::Ktp,
        )
        .unwrap();
    let sk = loket
        .attach_bytes(
            &admin,
            &nomor,
            "sk.pdf",
            &testing::pdf(0),
            DocKind::SkJabatan,
        )
        .unwrap()
        .document;
    assert_eq!(
        loket.missing_documents(&admin, &nomor, &required).unwrap(),
        [DocKind::SuratPermohonan]
    );
    loket.remove_document(&admin, sk.id, "SK lama").unwrap();
    assert_eq!(
        loket.missing_documents(&admin, &nomor, &required).unwrap(),
        [DocKind::SuratPermohonan, DocKind::SkJabatan]
    );
}

#[test]
fn roles_decide_who_attaches_and_who_sees() {
    let (_dir, loket, admin, nomor) = setup();
    let pimpinan = caller(&loket, Role::Pimpinan);
    let pemohon = caller(&loket, Role::Pemohon);
    loket
        .add_user(
            &admin,
            &loket_core::accounts::NewUser {
                username: "pemohon2".into(),
                display_name: "Pemohon Lain".into(),
                role: Some(Role::Pemohon),
                password: "rahasia-123".into(),
            },
        )
        .unwrap();
    let stranger = loket.sign_in("pemohon2", "rahasia-123").unwrap();
    let png = testing::png(8, 8, 1);

    let e = loket
        .attach_bytes(&stranger, &nomor, "ktp.png", &png, DocKind::Ktp)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = loket
        .attach_bytes(&pimpinan, &nomor, "ktp.png", &png, DocKind::Ktp)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(
        e.message.id.contains("melampirkan dokumen"),
        "{}",
        e.message.id
    );
    assert!(stored_files(&loket).is_empty());
    assert!(
        loket
            .list_documents(&admin, &nomor, true)
            .unwrap()
            .is_empty()
    );

    let doc = loket
        .attach_bytes(&pemohon, &nomor, "ktp.png", &png, DocKind::Ktp)
        .unwrap()
        .document;
    // The head of office may look, not change.
    assert_eq!(
        loket
            .list_documents(&pimpinan, &nomor, false)
            .unwrap()
            .len(),
        1
    );
    assert!(loket.read_document(&pimpinan, doc.id).is_ok());
    assert_eq!(
        loket
            .remove_document(&pimpinan, doc.id, "x")
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    // Another applicant can neither see nor touch it.
    for e in [
        loket.list_documents(&stranger, &nomor, false).unwrap_err(),
        loket.read_document(&stranger, doc.id).unwrap_err(),
        loket.document_file_path(&stranger, doc.id).unwrap_err(),
        loket.remove_document(&stranger, doc.id, "x").unwrap_err(),
        loket
            .replace_document_bytes(&stranger, doc.id, "x.png", &testing::png(9, 9, 9))
            .unwrap_err(),
        loket
            .ams_copy(&stranger, doc.id, Path::new("/tmp/never.jpg"))
            .unwrap_err(),
        loket.ams_panel(&pemohon, &nomor).unwrap_err(),
        loket.check_files(&pemohon).unwrap_err(),
        loket.check_files(&pimpinan).unwrap_err(),
    ] {
        assert_eq!(e.kind, ErrorKind::Forbidden, "{e}");
    }
    assert!(loket.get_document(&pemohon, doc.id).unwrap().is_current());
    assert_eq!(
        loket
            .list_documents(&admin, "REQ-2026-99999", false)
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    assert_eq!(
        loket.read_document(&admin, 9999).unwrap_err().kind,
        ErrorKind::NotFound
    );
}

/// Checks an AMS copy: under the limit, a JPEG that decodes to the reported
/// size, the original's aspect ratio within a pixel, never enlarged.
fn check_ams_copy(
    loket: &Loket,
    by: &Caller,
    doc: &Document,
    out: &Path,
) -> loket_core::documents::AmsCopy {
    let copy = loket.ams_copy(by, doc.id, out).unwrap();
    let bytes = std::fs::read(&copy.path).unwrap();
    assert_eq!(bytes.len() as u64, copy.bytes);
    assert!(copy.bytes < AMS_LIMIT_BYTES, "{} bytes", copy.bytes);
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    let decoded = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    assert_eq!(
        (decoded.width(), decoded.height()),
        (copy.width, copy.height)
    );
    let (w0, h0) = (
        u64::from(copy.original_width),
        u64::from(copy.original_height),
    );
    let (w, h) = (u64::from(copy.width), u64::from(copy.height));
    let expected_h = (w * h0 + w0 / 2) / w0;
    assert!(h.abs_diff(expected_h) <= 1, "{w}x{h} from {w0}x{h0}");
    assert!(w <= w0 && h <= h0, "never enlarged");
    assert_eq!(copy.original_bytes, doc.size);
    copy
}

#[test]
fn ams_copy_of_a_large_noisy_colour_scan_is_under_one_megabyte() {
    let (dir, loket, _admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let scan = testing::scan_jpeg(3000, 4000);
    assert!(
        scan.len() > 3_000_000,
        "the fixture must be a hard case: {} bytes",
        scan.len()
    );
    let doc = loket
        .attach_bytes(&verifikator, &nomor, "KTP Siti.jpg", &scan, DocKind::Ktp)
        .unwrap()
        .document;
    let warning = doc.ams_warning.clone().unwrap();
    assert!(warning.id.contains("salinan siap-AMS"), "{}", warning.id);

    // Into a folder: named after the document.
    let copy = check_ams_copy(&loket, &verifikator, &doc, dir.path());
    assert_eq!(copy.path, dir.path().join("KTP Siti-ams.jpg"));
    assert_eq!((copy.original_width, copy.original_height), (3000, 4000));
    assert!(copy.scaled);
    assert!(
        copy.width.max(copy.height) >= MIN_LONG_SIDE,
        "{}x{}",
        copy.width,
        copy.height
    );
    assert!(copy.quality >= 60);
    assert!(copy.bytes > 500_000, "uses the room it has: {}", copy.bytes);
    eprintln!("colour scan: {copy:?}");
}

#[test]
fn ams_copy_of_a_large_grey_png_scan_is_under_one_megabyte() {
    let (dir, loket, _admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let scan = testing::scan_png(3000, 4000);
    let doc = loket
        .attach_bytes(
            &verifikator,
            &nomor,
            "SK Jabatan.png",
            &scan,
            DocKind::SkJabatan,
        )
        .unwrap()
        .document;
    let copy = check_ams_copy(&loket, &verifikator, &doc, &dir.path().join("sk-ams.jpg"));
    assert!(copy.width.max(copy.height) >= MIN_LONG_SIDE);
    let decoded = image::load_from_memory(&std::fs::read(&copy.path).unwrap()).unwrap();
    assert_eq!(
        decoded.color(),
        image::ColorType::L8,
        "a grey scan stays grey"
    );
    eprintln!("grey scan: {copy:?}");
}

#[test]
fn ams_copy_keeps_small_images_and_turns_photos_upright() {
    let (dir, loket, admin, nomor) = setup();
    let small = loket
        .attach_bytes(
            &admin,
            &nomor,
            "ktp.png",
            &testing::png(400, 300, 1),
            DocKind::Ktp,
        )
        .unwrap()
        .document;
    assert_eq!(small.ams_warning, None);
    let copy = check_ams_copy(&loket, &admin, &small, &dir.path().join("kecil.jpg"));
    assert_eq!(
        (copy.width, copy.height, copy.quality, copy.scaled),
        (400, 300, 90, false)
    );

    // Stored on its side with EXIF orientation 6 (rotate 90° clockwise).
    let photo = loket
        .attach_bytes(
            &admin,
            &nomor,
            "foto.jpg",
            &testing::jpeg_with_orientation(300, 200, 6),
            DocKind::Lainnya,
        )
        .unwrap()
        .document;
    let copy = check_ams_copy(&loket, &admin, &photo, &dir.path().join("foto-ams.jpg"));
    assert_eq!((copy.width, copy.height), (200, 300));
}

#[test]
fn pdfs_get_a_warning_instead_of_a_copy() {
    let (dir, loket, admin, nomor) = setup();
    let big = loket
        .attach_bytes(
            &admin,
            &nomor,
            "SK Pangkat.pdf",
            &testing::pdf(1_400_000),
            DocKind::SkPangkat,
        )
        .unwrap()
        .document;
    let w = big.ams_warning.clone().unwrap();
    assert!(
        w.id.contains("1,4 MB") && w.id.contains("AMS menolak unggahan di atas 1 MB"),
        "{}",
        w.id
    );
    assert!(w.en.contains("1.4 MB"), "{}", w.en);
    let listed = loket.list_documents(&admin, &nomor, false).unwrap();
    assert_eq!(listed[0].ams_warning, Some(w));

    let e = loket
        .ams_copy(&admin, big.id, &dir.path().join("x.jpg"))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(
        e.message.id.contains("\"SK Pangkat.pdf\" adalah PDF"),
        "{}",
        e.message.id
    );
    assert!(!dir.path().join("x.jpg").exists());

    let just_over = loket
        .attach_bytes(
            &admin,
            &nomor,
            "tepat.pdf",
            &testing::pdf(1_000_001),
            DocKind::Lainnya,
        )
        .unwrap()
        .document;
    let w = just_over.ams_warning.unwrap();
    assert!(w.id.contains("1,0 MB (1.000.0"), "{}", w.id);
    let small = loket
        .attach_bytes(
            &admin,
            &nomor,
            "kecil.pdf",
            &testing::pdf(900_000),
            DocKind::Formulir,
        )
        .unwrap()
        .document;
    assert_eq!(small.ams_warning, None);
}

#[test]
fn ams_panel_lists_fields_in_ams_order_and_warns_about_stored_inconsistencies() {
    let (_dir, loket, admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let panel = loket.ams_panel(&verifikator, &nomor).unwrap();
    let keys: Vec<&str> = panel.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["nama", "nik", "nip", "email", "jabatan", "unit_kerja"]
    );
    assert_eq!(panel.fields[0].value, "Ahmad Fauzi", "without titles");
    assert!(panel.warnings.is_empty(), "{:#?}", panel.warnings);

    // A record stored before today's rules: the name without titles still
    // has them, the NIK says a woman born on the 18th while the NIP says a
    // man born on the 1st, and the email is not on the agency's domain.
    // Written straight to the database (testing::overwrite_person_unchecked),
    // since the app's own forms would refuse it.
    let person = loket.get_person(&admin, panel.person_id).unwrap();
    let bad = PersonData {
        nama_tanpa_gelar: "Dr. Ahmad Fauzi, S.Kom.".into(),
        nik: "6305015801660001".into(),
        email: "ahmad.fauzi@gmail.com".into(),
        golongan: Some("IV/f".into()),
        ..person.data.clone()
    };
    testing::overwrite_person_unchecked(&loket, person.id, &bad);
    let panel = loket.ams_panel(&admin, &nomor).unwrap();
    assert_eq!(
        panel.fields[0].value, "Dr. Ahmad Fauzi, S.Kom.",
        "shows what is stored"
    );
    let en: Vec<&str> = panel.warnings.iter().map(|w| w.en.as_str()).collect();
    for fragment in [
        "still carries titles",
        "birth date in the NIK",
        "sex in the NIK",
        "Email",
        "Golongan",
    ] {
        assert!(
            en.iter().any(|w| w.contains(fragment)),
            "{fragment:?} not in {en:#?}"
        );
    }
    assert!(panel.warnings.iter().all(|w| !w.id.is_empty()));
}

#[test]
fn the_file_check_finds_missing_and_altered_files() {
    let (_dir, loket, admin, nomor) = setup();
    let verifikator = caller(&loket, Role::Verifikator);
    let report = loket.check_files(&verifikator).unwrap();
    assert!(report.is_clean() && report.files_checked == 0);

    let a = loket
        .attach_bytes(
            &admin,
            &nomor,
            "ktp.png",
            &testing::png(20, 20, 1),
            DocKind::Ktp,
        )
        .unwrap()
        .document;
    let b_bytes = testing::pdf(0);
    let b = loket
        .attach_bytes(&admin, &nomor, "sk.pdf", &b_bytes, DocKind::SkJabatan)
        .unwrap()
        .document;
    let c = loket
        .attach_bytes(
            &admin,
            &nomor,
            "surat.jpg",
            &testing::jpeg(20, 20, 3),
            DocKind::SuratPermohonan,
        )
        .unwrap()
        .document;
    // The same file under a second record: both are named when it breaks.
    let b2 = loket
        .attach_bytes(&admin, &nomor, "sk lagi.pdf", &b_bytes, DocKind::Lainnya)
        .unwrap()
        .document;
    let report = loket.check_files(&verifikator).unwrap();
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!((report.files_checked, report.documents_checked), (3, 4));

    std::fs::remove_file(blob_path(&loket, &a)).unwrap();
    let b_path = blob_path(&loket, &b);
    let mut altered = std::fs::read(&b_path).unwrap();
    altered[20] ^= 0x01;
    make_writable(&b_path);
    std::fs::write(&b_path, &altered).unwrap();
    let stray = loket
        .paths()
        .documents()
        .join("zz")
        .join("salinan-manual.pdf");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, b"?").unwrap();

    let report = loket.check_files(&verifikator).unwrap();
    assert!(!report.is_clean());
    assert_eq!(report.missing.len(), 1);
    assert_eq!(report.missing[0].sha256, a.sha256);
    assert_eq!(report.missing[0].documents[0].id, a.id);
    assert_eq!(report.missing[0].documents[0].request_nomor, nomor);
    assert_eq!(report.altered.len(), 1);
    assert_eq!(report.altered[0].sha256, b.sha256);
    assert_ne!(
        report.altered[0].actual_sha256.as_deref(),
        Some(b.sha256.as_str())
    );
    let ids: Vec<i64> = report.altered[0].documents.iter().map(|d| d.id).collect();
    assert_eq!(ids, [b.id, b2.id]);
    assert_eq!(report.unreferenced, std::slice::from_ref(&stray));
    assert!(loket.read_document(&admin, c.id).is_ok());

    // Altered and missing files are never shown as if intact.
    let e = loket.read_document(&admin, b.id).unwrap_err();
    assert!(
        e.message.en.contains("has changed since it was attached"),
        "{}",
        e.message.en
    );
    let e = loket.document_file_path(&admin, a.id).unwrap_err();
    assert!(e.message.en.contains("is missing"), "{}", e.message.en);

    // Attaching the original again restores it.
    let again = loket
        .attach_bytes(&admin, &nomor, "sk.pdf", &b_bytes, DocKind::SkJabatan)
        .unwrap();
    assert!(again.already_attached);
    let report = loket.check_files(&admin).unwrap();
    assert!(
        report.altered.is_empty() && report.missing.len() == 1,
        "{report:#?}"
    );
}

#[test]
fn attaching_survives_a_reopen_and_the_schema_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let nomor = new_request(&loket, &admin, 3);
    let doc = loket
        .attach_bytes(
            &admin,
            &nomor,
            "ktp.png",
            &testing::png(10, 10, 1),
            DocKind::Ktp,
        )
        .unwrap()
        .document;
    drop(loket);
    let loket = Loket::open(dir.path()).unwrap();
    assert_eq!(loket.get_document(&admin, doc.id).unwrap(), doc);
    assert_eq!(loket.store().integrity_check().unwrap(), ["ok"]);
}
