//! Documents through the real window: the attach button opens the native
//! dialog (answered by LOKET_TEST_DIALOG with two files: a real PNG scan and
//! a text file renamed to .pdf), the scan is attached and previewed, the
//! disguised file is refused with its reason, the SOP step that needed the
//! letter completes without an override, and the AMS panel shows the data.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in, workspace_root};

#[test]
fn attach_preview_and_complete_the_step_it_needed() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(data.path());
    let nomor = cli(
        data.path(),
        &[
            "request",
            "create",
            "--type",
            "pencabutan",
            "--person",
            "1",
            "--reason",
            "pensiun",
        ],
    );
    let nomor = nomor.trim().to_string();

    let scan = files.path().join("Surat Keterangan Ṣāliḥ.png");
    std::fs::copy(workspace_root().join("icons/128x128.png"), &scan).unwrap();
    let fake = files.path().join("ktp.pdf");
    std::fs::write(&fake, "ini bukan PDF, hanya teks").unwrap();
    let answer = format!("{};{}", scan.display(), fake.display());
    let opened = files.path().join("opened.txt");
    let app = App::launch_with(
        "documents",
        data.path(),
        &[
            ("LOKET_TEST_DIALOG", answer.as_str()),
            ("LOKET_TEST_OPEN", opened.to_str().unwrap()),
        ],
    );
    sign_in(&app, "vera");
    app.go(&format!("#/permohonan/{nomor}"));
    app.wait("#documents-card");
    // The step asks for the applicant's letter.
    app.wait_text("#documents-card", "Surat Keterangan Alasan Pencabutan");
    app.select("#doc-kind", "surat_keterangan_pencabutan");
    app.click("#attach-button");
    let results = app.wait_text("#attach-results", "terlampir");
    assert!(
        results.contains("ktp.pdf"),
        "the disguised file is reported: {results}"
    );
    assert!(
        results.contains("teks") || results.contains("PDF"),
        "with what it really is: {results}"
    );
    app.wait_text("#documents-table", "Ṣāliḥ");
    app.screenshot("documents-attached");

    // Preview the image in the app.
    app.click("#documents-table tr[data-kind='surat_keterangan_pencabutan'] td.doc-actions button");
    app.wait("#doc-preview img");

    // The step now completes without an override.
    assert!(
        app.try_find("#step-override").is_none(),
        "no override asked once attached"
    );
    app.click("#step-done");
    app.wait("li[data-step='1'][data-state='done']");
    assert!(
        !app.text("li[data-step='1']").contains("Dokumen belum"),
        "no override recorded"
    );

    // The AMS panel lists the fields with copy buttons.
    let ams = app.wait_text("#ams-panel", "6305011708660001");
    assert!(ams.contains("Ahmad Fauzi"), "{ams}");
    app.screenshot("documents-ams-panel");

    // The CLI sees the document with its hash, and the file check is clean.
    let json = cli(data.path(), &["doc", "list", &nomor, "--json"]);
    let docs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(docs.as_array().map(Vec::len), Some(1));
    assert_eq!(docs[0]["sha256"].as_str().map(str::len), Some(64));
    cli(data.path(), &["check-files"]);
}
