//! A request bundle through the real window: the applicant's laptop (a
//! second data folder, driven by the CLI) makes a `.loket` bundle with a
//! scan; at the office the verifier presses "Impor bundel…" (the native
//! dialog is answered by LOKET_TEST_DIALOG), sees the preview (person,
//! attachments, the field that differs from the office's record), accepts,
//! and lands on the new request's page with the scan listed. Then the
//! office's status goes back: the verifier exports it from the request page,
//! the laptop imports it, and the laptop's request page shows it.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, cli_with_stdin, prepare, sign_in, workspace_root};

/// A small valid PDF (the document store judges files by content).
const LETTER: &str = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

#[test]
fn import_a_bundle_from_the_applicants_laptop_through_the_window() {
    let office = tempfile::tempdir().unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(office.path());

    // The laptop: the same agency's rules, the applicant with a newer
    // position than the office has on file, an issuance and a KTP scan.
    let agency = files.path().join("agency.json");
    std::fs::copy(office.path().join("agency.json"), &agency).unwrap();
    cli(
        laptop.path(),
        &["agency", "set", "--json", agency.to_str().unwrap()],
    );
    let person = files.path().join("person.json");
    std::fs::write(
        &person,
        r#"{"nama":"Ahmad Fauzi, S.Kom.","nik":"6305011708660001","nip":"196608171991121003","jenis_pegawai":"pns","golongan":"III/d","jabatan":"Kepala Seksi Persandian","unit_kerja":"Dinas Kesehatan","email":"ahmad.fauzi@tapinkab.go.id","telepon":"081234567890"}"#,
    )
    .unwrap();
    cli(
        laptop.path(),
        &["person", "add", "--json", person.to_str().unwrap()],
    );
    let nomor = cli(
        laptop.path(),
        &["request", "create", "--type", "penerbitan", "--person", "1"],
    );
    let nomor = nomor.trim().to_string();
    let scan = files.path().join("KTP Ahmad.png");
    std::fs::copy(workspace_root().join("icons/128x128.png"), &scan).unwrap();
    cli(
        laptop.path(),
        &[
            "doc",
            "attach",
            &nomor,
            scan.to_str().unwrap(),
            "--kind",
            "ktp",
        ],
    );
    let bundle = files.path().join("permohonan Ahmad.loket");
    let bundle_s = bundle.to_str().unwrap().to_string();
    cli(
        laptop.path(),
        &["bundle", "export", &nomor, "--out", &bundle_s],
    );
    let uuid = serde_json::from_str::<serde_json::Value>(&cli(
        laptop.path(),
        &["request", "show", &nomor, "--json"],
    ))
    .unwrap()["request"]["uuid"]
        .as_str()
        .unwrap()
        .to_string();

    let app = App::launch_with(
        "bundles",
        office.path(),
        &[("LOKET_TEST_DIALOG", bundle_s.as_str())],
    );
    sign_in(&app, "vera");
    app.click("#nav-permohonan");
    app.click("#bundle-import");
    // The preview: what the bundle holds and what would change.
    let preview = app.wait_text("#bundle-preview", "Ahmad Fauzi");
    assert!(preview.contains("KTP Ahmad.png"), "{preview}");
    assert!(preview.contains("6305011708660001"), "{preview}");
    assert!(preview.contains("Permohonan baru"), "{preview}");
    let changes = app.text("#bundle-changes");
    assert!(
        changes.contains("Pranata Komputer Ahli Muda")
            && changes.contains("Kepala Seksi Persandian"),
        "the position that differs, old and new: {changes}"
    );
    app.text("#bundle-warnings");
    app.screenshot("bundles-preview");
    // Nothing is written before the verifier accepts.
    let before: serde_json::Value =
        serde_json::from_str(&cli(office.path(), &["request", "list", "--json"])).unwrap();
    assert_eq!(before.as_array().map(Vec::len), Some(0));

    app.click("#bundle-accept");
    app.wait("#request-page");
    app.wait_text("#documents-table", "KTP Ahmad.png");
    app.wait_text("#bundle-card", nomor.as_str());
    app.screenshot("bundles-imported");

    // The office's own request, with the laptop's UUID and the same scan.
    let here: serde_json::Value =
        serde_json::from_str(&cli(office.path(), &["request", "list", "--json"])).unwrap();
    let here = &here.as_array().unwrap()[0];
    assert_eq!(here["uuid"], uuid.as_str());
    let office_nomor = here["nomor"].as_str().unwrap().to_string();
    let page_nomor = app.exec(
        "return document.querySelector('#request-page').dataset.nomor;",
        serde_json::json!([]),
    );
    assert_eq!(page_nomor, office_nomor.as_str());
    let theirs: serde_json::Value =
        serde_json::from_str(&cli(laptop.path(), &["doc", "list", &nomor, "--json"])).unwrap();
    let ours: serde_json::Value = serde_json::from_str(&cli(
        office.path(),
        &["doc", "list", &office_nomor, "--json"],
    ))
    .unwrap();
    assert_eq!(ours[0]["sha256"], theirs[0]["sha256"]);
    let people = cli(office.path(), &["person", "list", "--json"]);
    assert!(people.contains("Kepala Seksi Persandian"), "{people}");

    // The same bundle again: the window says so and creates nothing.
    app.click("#nav-permohonan");
    app.click("#bundle-import");
    app.wait_text("#bundle-preview", "sudah pernah diimpor");
    assert!(app.try_find("#bundle-accept").is_none());
    app.click("#bundle-open");
    app.wait("#request-page");
    let after: serde_json::Value =
        serde_json::from_str(&cli(office.path(), &["request", "list", "--json"])).unwrap();
    assert_eq!(after.as_array().map(Vec::len), Some(1));

    // The office signs its recommendation and sends the status back; the
    // save dialog is answered with the same path, so the file is replaced.
    let letter = files.path().join("Rekomendasi.pdf");
    std::fs::write(&letter, LETTER).unwrap();
    cli(
        office.path(),
        &[
            "doc",
            "attach",
            &office_nomor,
            letter.to_str().unwrap(),
            "--kind",
            "surat_rekomendasi",
        ],
    );
    // Away and back, so the page reads the new document.
    app.click("#nav-beranda");
    app.wait("#beranda");
    app.go(&format!("#/permohonan/{office_nomor}"));
    app.wait_text("#documents-table", "Rekomendasi.pdf");
    app.click("#bundle-export-status");
    app.wait_text("#bundle-result", "permohonan Ahmad.loket");
    drop(app);
    let stored = cli(laptop.path(), &["bundle", "import", &bundle_s]);
    assert!(stored.contains("Status dari kantor disimpan"), "{stored}");

    // On the laptop, the request page shows the office's view and letter.
    cli_with_stdin(
        laptop.path(),
        &[
            "user",
            "add",
            "admin",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    let app = App::launch_with(
        "bundles-laptop",
        laptop.path(),
        &[("LOKET_TEST_NO_OPEN", "1")],
    );
    sign_in(&app, "admin");
    app.go(&format!("#/permohonan/{nomor}"));
    let status = app.wait_text("#office-status", office_nomor.as_str());
    assert!(status.contains("Diproses"), "{status}");
    app.wait_text("#office-letters", "Rekomendasi.pdf");
    app.click("#office-letters button");
    app.screenshot("bundles-office-status");
}
