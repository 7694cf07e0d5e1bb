//! The `loket report` commands as an admin would type them: the recap
//! printed and as JSON, written as PDF and Excel, and the refusals.

// Fixture helpers outside #[test] functions unwrap too: this file is a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_core::lifecycle::StepAction;
use loket_core::requests::RequestForm;
use loket_core::testing::{office, person};
use std::path::Path;
use std::process::{Command, Output};

const AT: &str = "2026-11-21T09:00:00+08:00";

fn loket(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--data-dir")
        .arg(data)
        .args(["--at", AT])
        .args(args)
        .env_remove("LOKET_DATA_DIR")
        .env_remove("LOKET_LANG")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// An office (clock on 21 November 2026 09:00) with three issuance
/// requests and a revocation; the first issuance's first step done.
fn make_office(data: &Path) {
    let (loket, admin) = office(data);
    let mut first = None;
    for i in 0..3 {
        let r = loket
            .submit_request(
                &admin,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(i)),
                    ..RequestForm::default()
                },
            )
            .unwrap();
        first.get_or_insert(r.nomor);
    }
    loket
        .submit_request(
            &admin,
            &RequestForm {
                jenis: Some("pencabutan".into()),
                alasan: Some("pensiun".into()),
                person: Some(person(7)),
                ..RequestForm::default()
            },
        )
        .unwrap();
    loket
        .act_on_step(
            &admin,
            &first.unwrap(),
            &StepAction {
                override_documents: Some("Berkas asli diperiksa".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
}

#[test]
fn show_prints_the_recap_and_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);

    let out = loket(
        &data,
        &[
            "report", "show", "--year", "2026", "--month", "11", "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["period"]["kind"], "month");
    assert_eq!(v["period"]["month"], 11);
    assert_eq!(v["totals"]["created"], 4);
    assert_eq!(v["totals"]["diproses"], 4);
    assert_eq!(v["by_type"][0]["jenis"], "penerbitan");
    assert_eq!(v["by_type"][0]["created"], 3);
    assert_eq!(v["by_type"][1]["jenis"], "pencabutan");
    assert_eq!(v["by_type"][1]["created"], 1);
    assert_eq!(v["monthly"].as_array().map(Vec::len), Some(12));
    assert_eq!(v["monthly"][10]["total"], 4);
    // Step 1 of the issuance SOP, done at once (0 minutes).
    assert_eq!(v["step_times"][0]["sop_id"], "tapin-penerbitan");
    assert_eq!(v["step_times"][0]["steps"][0]["completions"], 1);
    assert_eq!(v["step_times"][0]["steps"][0]["avg_minutes"], 0.0);

    let out = loket(&data, &["report", "show", "--year", "2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    for needle in [
        "Rekapitulasi Layanan Sertifikat Elektronik — Tahun 2026",
        "PERMOHONAN",
        "Penerbitan",
        "PER BULAN",
        "SERTIFIKAT",
        "WAKTU LANGKAH SOP",
        "tapin-penerbitan v1",
    ] {
        assert!(shown.contains(needle), "{needle:?} in:\n{shown}");
    }
    let out = loket(
        &data,
        &[
            "--lang", "en", "report", "show", "--year", "2026", "--month", "11",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("Electronic Certificate Service Recap — November 2026"),
        "{shown}"
    );
    assert!(shown.contains("Issuance"), "{shown}");
}

#[test]
fn monthly_and_yearly_write_pdf_and_excel() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);

    let pdf = dir.path().join("rekap-2026-11.pdf");
    let out = loket(
        &data,
        &[
            "report",
            "monthly",
            "--year",
            "2026",
            "--month",
            "11",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Rekapitulasi November 2026 ditulis ke"),
        "{}",
        text(&out.stdout)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));

    let xlsx = dir.path().join("rekap-2026.xlsx");
    let out = loket(
        &data,
        &[
            "report",
            "yearly",
            "--year",
            "2026",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");

    // The export is in the audit log, under the CLI's name.
    let out = loket(
        &data,
        &["audit", "list", "--action", "report.export", "--json"],
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["total"], 2);
    assert_eq!(log["entries"][0]["actor"], "loket-cli");
}

#[test]
fn wrong_input_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    make_office(&data);
    let doc = dir.path().join("rekap.docx");
    let out = loket(
        &data,
        &[
            "report",
            "yearly",
            "--year",
            "2026",
            "--out",
            doc.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(".pdf atau .xlsx"),
        "{}",
        text(&out.stderr)
    );
    assert!(!doc.exists());

    let out = loket(
        &data,
        &["report", "show", "--year", "2026", "--month", "13"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Bulan harus antara 1 dan 12, bukan 13"),
        "{}",
        text(&out.stderr)
    );
    // A year without any request is zeros, not an error.
    let out = loket(&data, &["report", "show", "--year", "2021", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["totals"]["created"], 0);
    assert_eq!(v["certificates"]["active"], 0);
    // clap itself refuses a missing --year (exit 2).
    let out = loket(&data, &["report", "show"]);
    assert_eq!(out.status.code(), Some(2));
}
