//! `loket doc …` and `loket check-files`, run as the built binary against a
//! data folder prepared with the core's fixtures.

// Helpers outside #[test] functions unwrap too: a failure is the test's.
#![allow(clippy::unwrap_used)]

use loket_core::model::Role;
use loket_core::requests::RequestForm;
use loket_core::testing::{self, caller, office, person};
use std::path::Path;
use std::process::{Command, Output};

/// An office in `dir` with one request; returns its number.
fn prepare(dir: &Path) -> String {
    let (loket, _admin) = office(dir);
    let pemohon = caller(&loket, Role::Pemohon);
    loket
        .submit_request(
            &pemohon,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(person(0)),
                ..RequestForm::default()
            },
        )
        .unwrap()
        .nomor
}

fn loket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LOKET_LANG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn attach_list_and_refuse() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let nomor = prepare(data.path());
    let ktp = files.path().join("KTP Siti.jpg");
    std::fs::write(&ktp, testing::jpeg(64, 48, 1)).unwrap();
    let ktp_arg = ktp.to_str().unwrap();

    let first = json(&loket(
        data.path(),
        &["doc", "attach", &nomor, ktp_arg, "--kind", "ktp", "--json"],
    ));
    assert_eq!(first["already_attached"], false);
    assert_eq!(first["document"]["kind"], "ktp");
    assert_eq!(first["document"]["mime"], "image/jpeg");
    assert_eq!(first["document"]["original_name"], "KTP Siti.jpg");
    let sha = first["document"]["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64);

    let again = json(&loket(
        data.path(),
        &["doc", "attach", &nomor, ktp_arg, "--kind", "KTP", "--json"],
    ));
    assert_eq!(again["already_attached"], true);
    assert_eq!(again["document"]["id"], first["document"]["id"]);

    // Plain output for people.
    let pdf = files.path().join("sk.pdf");
    std::fs::write(&pdf, testing::pdf(1_400_000)).unwrap();
    let o = loket(
        data.path(),
        &[
            "doc",
            "attach",
            &nomor,
            pdf.to_str().unwrap(),
            "--kind",
            "sk_jabatan",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Dilampirkan: #2 SK Jabatan \"sk.pdf\" (PDF, 1,4 MB)"),
        "{text}"
    );
    assert!(
        text.contains("peringatan: PDF ini berukuran 1,4 MB"),
        "{text}"
    );

    // Refusals: exit 1, the reason on stderr, nothing stored.
    let fake = files.path().join("ktp.pdf");
    std::fs::write(&fake, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0").unwrap();
    let o = loket(
        data.path(),
        &[
            "doc",
            "attach",
            &nomor,
            fake.to_str().unwrap(),
            "--kind",
            "ktp",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("galat: Berkas \"ktp.pdf\" ditolak: isinya program Linux (ELF)"),
        "{err}"
    );
    let o = loket(
        data.path(),
        &[
            "--lang",
            "en",
            "doc",
            "attach",
            &nomor,
            fake.to_str().unwrap(),
            "--kind",
            "ktp",
        ],
    );
    assert!(
        stderr(&o).contains("error: The file \"ktp.pdf\" was refused"),
        "{}",
        stderr(&o)
    );
    let o = loket(
        data.path(),
        &["doc", "attach", &nomor, ktp_arg, "--kind", "paspor"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ktp, sk_jabatan, sk_pangkat"),
        "{}",
        stderr(&o)
    );
    let o = loket(
        data.path(),
        &["doc", "attach", "REQ-2026-09999", ktp_arg, "--kind", "ktp"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tidak ditemukan"), "{}", stderr(&o));

    let list = json(&loket(data.path(), &["doc", "list", &nomor, "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["sha256"], sha.as_str());
    assert!(
        list[1]["ams_warning"]["en"]
            .as_str()
            .unwrap()
            .contains("1.4 MB")
    );

    let o = loket(data.path(), &["doc", "list", &nomor]);
    let text = stdout(&o);
    assert!(
        text.contains("KTP Siti.jpg") && text.contains("sk_jabatan"),
        "{text}"
    );
}

#[test]
fn remove_then_history() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let nomor = prepare(data.path());
    let png = files.path().join("sk.png");
    std::fs::write(&png, testing::png(30, 20, 3)).unwrap();
    let doc = json(&loket(
        data.path(),
        &[
            "doc",
            "attach",
            &nomor,
            png.to_str().unwrap(),
            "--kind",
            "sk_pangkat",
            "--json",
        ],
    ));
    let id = doc["document"]["id"].to_string();

    let o = loket(data.path(), &["doc", "remove", &id, "--reason", " "]);
    assert_eq!(o.status.code(), Some(1));
    let removed = json(&loket(
        data.path(),
        &["doc", "remove", &id, "--reason", "SK lama", "--json"],
    ));
    assert_eq!(removed["status"], "dihapus");
    assert_eq!(removed["ended"]["reason"], "SK lama");
    assert_eq!(removed["ended"]["by"]["username"], "loket-cli");

    let current = json(&loket(data.path(), &["doc", "list", &nomor, "--json"]));
    assert_eq!(current.as_array().unwrap().len(), 0);
    let all = json(&loket(
        data.path(),
        &["doc", "list", &nomor, "--history", "--json"],
    ));
    assert_eq!(all.as_array().unwrap().len(), 1);
    let text = stdout(&loket(data.path(), &["doc", "list", &nomor, "--history"]));
    assert!(
        text.contains("Dihapus") && text.contains("SK lama"),
        "{text}"
    );
}

#[test]
fn ams_copy_prints_size_and_dimensions() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let nomor = prepare(data.path());
    let scan = files.path().join("scan ktp.png");
    std::fs::write(&scan, testing::scan_png(1600, 2400)).unwrap();
    let doc = json(&loket(
        data.path(),
        &[
            "doc",
            "attach",
            &nomor,
            scan.to_str().unwrap(),
            "--kind",
            "ktp",
            "--json",
        ],
    ));
    let id = doc["document"]["id"].to_string();
    let out = files.path().join("ktp-ams.jpg");

    let o = loket(
        data.path(),
        &["doc", "ams-copy", &id, "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.len() < 1_000_000 && bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(
        text.starts_with(&format!("Salinan AMS: {}", out.display())),
        "{text}"
    );
    assert!(text.contains(" piksel, kualitas "), "{text}");
    assert!(
        text.contains("asli: ") && text.contains("1600 x 2400"),
        "{text}"
    );

    let pdf = files.path().join("surat.pdf");
    std::fs::write(&pdf, testing::pdf(0)).unwrap();
    let doc = json(&loket(
        data.path(),
        &[
            "doc",
            "attach",
            &nomor,
            pdf.to_str().unwrap(),
            "--kind",
            "surat_permohonan",
            "--json",
        ],
    ));
    let o = loket(
        data.path(),
        &[
            "doc",
            "ams-copy",
            &doc["document"]["id"].to_string(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("adalah PDF"), "{}", stderr(&o));
}

#[test]
fn check_files_exits_1_and_lists_each_problem() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let nomor = prepare(data.path());
    let mut shas = Vec::new();
    for (name, bytes, kind) in [
        ("ktp.png", testing::png(10, 10, 1), "ktp"),
        ("sk.pdf", testing::pdf(0), "sk_jabatan"),
    ] {
        let p = files.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let doc = json(&loket(
            data.path(),
            &[
                "doc",
                "attach",
                &nomor,
                p.to_str().unwrap(),
                "--kind",
                kind,
                "--json",
            ],
        ));
        shas.push(doc["document"]["sha256"].as_str().unwrap().to_string());
    }
    let o = loket(data.path(), &["check-files"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("Semua berkas utuh: 2 berkas"),
        "{}",
        stdout(&o)
    );

    let store = data.path().join("dokumen");
    std::fs::remove_file(store.join(&shas[0][..2]).join(format!("{}.png", shas[0]))).unwrap();
    let pdf = store.join(&shas[1][..2]).join(format!("{}.pdf", shas[1]));
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes[10] ^= 0x20;
    let mut perms = std::fs::metadata(&pdf).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pdf, perms).unwrap();
    std::fs::write(&pdf, bytes).unwrap();

    let o = loket(data.path(), &["check-files"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains(&format!(
            "HILANG  {}",
            store
                .join(&shas[0][..2])
                .join(format!("{}.png", shas[0]))
                .display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("BERUBAH  {}", pdf.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!("#1 KTP \"ktp.png\" ({nomor}, berlaku)")),
        "{text}"
    );
    assert!(
        text.contains(&format!("#2 SK Jabatan \"sk.pdf\" ({nomor}, berlaku)")),
        "{text}"
    );
    assert!(text.contains("1 hilang, 1 berubah"), "{text}");

    let report = loket(data.path(), &["check-files", "--json"]);
    assert_eq!(report.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(
        report["missing"][0]["documents"][0]["request_nomor"],
        nomor.as_str()
    );
    assert_eq!(report["altered"][0]["sha256"], shas[1].as_str());
}
