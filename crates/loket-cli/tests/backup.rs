//! The `loket` binary: backup, verify, restore with and without
//! confirmation, and the audit log, as an admin would type them.

// Fixture helpers outside #[test] functions unwrap too: this file is a test.
#![allow(clippy::unwrap_used)]

use loket_core::requests::RequestForm;
use loket_core::testing::{office, person};
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

/// A closed office with three requests.
fn make_office(data: &Path) {
    let (loket, admin) = office(data);
    for i in 0..3 {
        loket
            .submit_request(
                &admin,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(i)),
                    ..RequestForm::default()
                },
            )
            .unwrap();
    }
}

#[test]
fn backup_verify_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);
    let file = dir.path().join("cadangan.loketbak");
    let file_arg = file.to_str().unwrap();

    let out = loket(&data, &["backup", "--out", file_arg], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Cadangan ditulis"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("Menyalin basis data"),
        "progress on stderr: {}",
        text(&out.stderr)
    );
    assert!(file.is_file());

    let again = loket(&data, &["backup", "--out", file_arg], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("sudah ada"),
        "{}",
        text(&again.stderr)
    );
    let forced = loket(&data, &["backup", "--out", file_arg, "--force"], None);
    assert!(forced.status.success(), "{}", text(&forced.stderr));

    let verify = loket(&data, &["backup", "verify", file_arg], None);
    assert!(verify.status.success(), "{}", text(&verify.stderr));
    let shown = text(&verify.stdout);
    assert!(shown.contains("3 pegawai, 3 permohonan"), "{shown}");
    assert!(shown.contains("Cadangan utuh"), "{shown}");

    // Without --yes it shows the contents and waits for YA.
    let fresh = dir.path().join("baru");
    let no = loket(&fresh, &["restore", file_arg], Some("tidak\n"));
    assert_eq!(no.status.code(), Some(1));
    assert!(text(&no.stdout).contains("ketik YA") || text(&no.stdout).contains("Ketik YA"));
    assert!(text(&no.stdout).contains("3 pegawai"));
    assert!(!fresh.exists(), "declining changes nothing");

    let yes = loket(&fresh, &["restore", file_arg], Some("YA\n"));
    assert!(yes.status.success(), "{}", text(&yes.stderr));
    let people = loket(&fresh, &["person", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_slice(&people.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);

    let forced = loket(&fresh, &["restore", file_arg, "--yes"], None);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert!(
        text(&forced.stdout).contains("sebelum-pulih"),
        "{}",
        text(&forced.stdout)
    );

    std::fs::write(dir.path().join("bukan.loketbak"), "bukan zip").unwrap();
    let bad = loket(
        &fresh,
        &[
            "restore",
            dir.path().join("bukan.loketbak").to_str().unwrap(),
            "--yes",
        ],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("galat: Berkas"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn backup_settings_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);
    let out = loket(
        &data,
        &["backup", "settings", "--keep", "4", "--json"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["keep"], 4);
    let auto = loket(&data, &["backup", "auto"], None);
    assert!(auto.status.success(), "{}", text(&auto.stderr));
    assert!(text(&auto.stdout).contains("loket-otomatis-"));
    let bad = loket(&data, &["backup", "settings", "--keep", "0"], None);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn audit_list_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);

    let out = loket(
        &data,
        &["audit", "list", "--json", "--search", "REQ-2026-00002"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["entries"][0]["action"], "request.create");

    let out = loket(
        &data,
        &["audit", "list", "--entity", "request", "--limit", "2"],
        None,
    );
    assert!(out.status.success());
    let table = text(&out.stdout);
    assert_eq!(table.lines().count(), 3, "a header and two rows:\n{table}");
    assert!(
        text(&out.stderr).contains("2 dari 3 entri"),
        "{}",
        text(&out.stderr)
    );

    let csv_path = dir.path().join("log.csv");
    let out = loket(
        &data,
        &[
            "audit",
            "export",
            csv_path.to_str().unwrap(),
            "--action",
            "request",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let body = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(body.lines().count(), 4, "a header and three requests");

    let out = loket(&data, &["audit", "list", "--from", "2026-13-01"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--from"),
        "{}",
        text(&out.stderr)
    );
}
