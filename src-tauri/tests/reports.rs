//! The report commands through Tauri's mock runtime: the recap as the
//! window receives it, and the PDF saved through the save dialog (answered
//! by LOKET_TEST_DIALOG, the end-to-end tests' seam).

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invoke, mock_window};
use serde_json::json;

#[test]
fn the_recap_as_the_window_receives_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = mock_window(dir.path());
    // Signed out: refused like every other command.
    let e = invoke(
        &w,
        "report_recap",
        json!({ "period": { "kind": "year", "year": 2026 } }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "unauthenticated");

    invoke(
        &w,
        "complete_setup",
        json!({ "input": {
            "admin": { "username": "admin", "display_name": "Admin", "password": "rahasia-123" },
            "agency": { "pemda": "Pemerintah Kabupaten Tapin", "dinas": "Dinas Komunikasi dan Informatika",
                        "kota": "Rantau", "domain_email": "tapinkab.go.id" }
        } }),
    )
    .expect("setup");
    let req = invoke(
        &w,
        "submit_request",
        json!({ "form": {
            "jenis": "pencabutan", "alasan": "pensiun",
            "person": { "nama": "Ahmad Fauzi, S.Kom.", "nik": "6305011708660001", "nip": "196608171991121003",
                        "jenis_pegawai": "pns", "golongan": "III/d", "jabatan": "Pranata Komputer",
                        "unit_kerja": "Dinas Kesehatan", "email": "ahmad@tapinkab.go.id" }
        } }),
    )
    .expect("submit");
    // The month the request was made in (the app runs on the real clock).
    let created = req["created_at"].as_str().unwrap();
    let month = json!({
        "kind": "month",
        "year": created[..4].parse::<i32>().unwrap(),
        "month": created[5..7].parse::<u32>().unwrap(),
    });

    let recap = invoke(&w, "report_recap", json!({ "period": month })).expect("recap");
    assert_eq!(recap["totals"]["created"], 1);
    assert_eq!(recap["by_type"][1]["jenis"], "pencabutan");
    assert_eq!(recap["by_type"][1]["diproses"], 1);
    assert_eq!(recap["monthly"].as_array().map(Vec::len), Some(12));
    assert!(
        recap["overdue_now"].is_object(),
        "the running month has 'now'"
    );

    let e = invoke(
        &w,
        "report_recap",
        json!({ "period": { "kind": "month", "year": 2026, "month": 0 } }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert_eq!(e["fields"][0]["field"], "month");
}

/// A signed-in app with the agency set up.
fn app_in(
    dir: &std::path::Path,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
) {
    let (app, w) = mock_window(dir);
    invoke(
        &w,
        "complete_setup",
        json!({ "input": {
            "admin": { "username": "admin", "display_name": "Admin", "password": "rahasia-123" },
            "agency": { "pemda": "Pemerintah Kabupaten Tapin", "dinas": "Dinas Komunikasi dan Informatika",
                        "kota": "Rantau", "domain_email": "tapinkab.go.id" }
        } }),
    )
    .expect("setup");
    (app, w)
}

/// The save dialog is answered through LOKET_TEST_DIALOG, read by the app
/// when the dialog opens. Setting it in this process would need `unsafe`
/// (forbidden here), so the test runs itself again with it set: the outer
/// run only checks that the inner one passed.
#[test]
fn export_through_the_save_dialog() {
    const ANSWER: &str = "LOKET_TEST_DIALOG";
    let Some(target) = std::env::var_os(ANSWER) else {
        let out = tempfile::tempdir().expect("temp dir");
        // A name typed without extension: the chosen format's is added.
        let target = out.path().join("rekap");
        let run = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "export_through_the_save_dialog", "--nocapture"])
            .env(ANSWER, &target)
            .output()
            .expect("run the test again");
        assert!(
            run.status.success(),
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(out.path().join("rekap.pdf").is_file());
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = app_in(dir.path());
    let saved = invoke(
        &w,
        "export_report_dialog",
        json!({ "period": { "kind": "year", "year": 2026 }, "format": "pdf" }),
    )
    .expect("export");
    let path = saved["path"].as_str().unwrap();
    assert_eq!(
        std::path::Path::new(path),
        std::path::Path::new(&target).with_extension("pdf"),
        "{saved}"
    );
    assert_eq!(saved["format"], "pdf");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(saved["bytes"], bytes.len());
    // A wrong period is refused before any dialog opens.
    let e = invoke(
        &w,
        "export_report_dialog",
        json!({ "period": { "kind": "year", "year": 1900 }, "format": "xlsx" }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
}
