//! `loket bundle …` as the built binary between two data folders: the
//! applicant's laptop and the office. Export, show, import, import again,
//! an update that asks on stdin, the status back, and refusals (exit 1 with
//! the reason on stderr).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_core::Loket;
use loket_core::model::{DocKind, Role};
use loket_core::requests::RequestForm;
use loket_core::testing::{self, caller, office, person};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn loket(data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("LOKET_DATA_DIR")
        .env_remove("LOKET_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\n{}\n{}",
        o.status.code(),
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

fn request_count(data: &Path) -> usize {
    let out = ok(&loket(data, &["request", "list", "--json"], None));
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

/// The applicant's laptop with one issuance request and two scans.
fn laptop(data: &Path) -> String {
    let (l, _admin) = office(data);
    let me = caller(&l, Role::Pemohon);
    let req = l
        .submit_request(
            &me,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(person(2)),
                ..RequestForm::default()
            },
        )
        .unwrap();
    l.attach_bytes(
        &me,
        &req.nomor,
        "ktp.png",
        &testing::png(30, 20, 3),
        DocKind::Ktp,
    )
    .unwrap();
    l.attach_bytes(
        &me,
        &req.nomor,
        "sk.pdf",
        &testing::pdf(3_000),
        DocKind::SkJabatan,
    )
    .unwrap();
    req.nomor
}

#[test]
fn export_show_import_update_and_status_back() {
    let dir = tempfile::tempdir().unwrap();
    let (lap, kantor) = (dir.path().join("laptop"), dir.path().join("kantor"));
    let nomor = laptop(&lap);
    drop(office(&kantor));
    let file = dir.path().join("permohonan.loket");
    let f = file.to_str().unwrap();

    let out = ok(&loket(
        &lap,
        &["bundle", "export", &nomor, "--out", f],
        None,
    ));
    assert!(out.contains("Bundel permohonan"), "{out}");
    assert!(file.is_file());
    let again = loket(&lap, &["bundle", "export", &nomor, "--out", f], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("sudah ada"),
        "{}",
        text(&again.stderr)
    );

    // Show and preview change nothing.
    let shown = ok(&loket(&kantor, &["bundle", "show", f], None));
    assert!(shown.contains("ktp.png"), "{shown}");
    assert!(shown.contains("permohonan baru"), "{shown}");
    let preview = ok(&loket(&kantor, &["bundle", "import", f, "--preview"], None));
    assert_eq!(preview, shown);
    let json = ok(&loket(
        &kantor,
        &["bundle", "show", f, "--json", "--lang", "en"],
        None,
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["action"], "create");
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(request_count(&kantor), 0);

    let done = ok(&loket(&kantor, &["bundle", "import", f], None));
    assert!(done.contains("Diimpor sebagai permohonan REQ-"), "{done}");
    assert_eq!(request_count(&kantor), 1);
    let twice = ok(&loket(&kantor, &["bundle", "import", f], None));
    assert!(twice.contains("sudah pernah diimpor"), "{twice}");
    assert_eq!(request_count(&kantor), 1);

    // An update asks first.
    {
        let l = Loket::open(&lap).unwrap();
        let me = l.sign_in("pemohon", "rahasia-123").unwrap();
        let p = l.own_person(&me).unwrap().unwrap();
        let mut changed = person(2);
        changed.jabatan = Some("Sandiman Ahli Pertama".into());
        l.update_person(&me, p.id, &changed).unwrap();
    }
    let v2 = dir.path().join("v2.loket");
    let v2 = v2.to_str().unwrap();
    ok(&loket(
        &lap,
        &["bundle", "export", &nomor, "--out", v2],
        None,
    ));
    let no = loket(&kantor, &["bundle", "import", v2], Some("tidak\n"));
    assert_eq!(no.status.code(), Some(1));
    assert!(
        text(&no.stdout).contains("Sandiman Ahli Pertama"),
        "{}",
        text(&no.stdout)
    );
    assert!(
        text(&no.stderr).contains("Dibatalkan"),
        "{}",
        text(&no.stderr)
    );
    let people = ok(&loket(&kantor, &["person", "list", "--json"], None));
    assert!(!people.contains("Sandiman Ahli Pertama"));
    let yes = ok(&loket(&kantor, &["bundle", "import", v2], Some("ya\n")));
    assert!(yes.contains("diperbarui"), "{yes}");
    let people = ok(&loket(&kantor, &["person", "list", "--json"], None));
    assert!(people.contains("Sandiman Ahli Pertama"), "{people}");

    // The status back to the laptop.
    let office_nomor = "REQ-2026-00001";
    let status = dir.path().join("status.loket");
    let s = status.to_str().unwrap();
    let out = ok(&loket(
        &kantor,
        &["bundle", "export", office_nomor, "--status", "--out", s],
        None,
    ));
    assert!(out.contains("Bundel status"), "{out}");
    let stored = ok(&loket(&lap, &["bundle", "import", s], None));
    assert!(stored.contains("Status dari kantor disimpan"), "{stored}");

    // Refusals: exit 1 with the reason.
    let junk = dir.path().join("junk.loket");
    std::fs::write(&junk, "bukan zip").unwrap();
    let bad = loket(&kantor, &["bundle", "import", junk.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).starts_with("galat: Berkas")
            && text(&bad.stderr).contains("bukan bundel"),
        "{}",
        text(&bad.stderr)
    );
    let stranger = dir.path().join("lain");
    drop(office(&stranger));
    let bad = loket(&stranger, &["bundle", "import", s, "--lang", "en"], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("is not in this data"),
        "{}",
        text(&bad.stderr)
    );
}
