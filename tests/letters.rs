//! Letters through the real window: the admin uploads the emblem (the
//! native dialog answered by `LOKET_TEST_DIALOG`), the verifier makes a
//! recommendation from the request page (opened in the "system viewer",
//! recorded by `LOKET_TEST_OPEN`), verifies it by its code on the Surat page
//! and voids its number in the register.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in, workspace_root};

#[test]
fn letters_are_made_verified_and_voided_through_the_window() {
    let data = tempfile::tempdir().expect("temp dir");
    let files = tempfile::tempdir().expect("temp dir");
    prepare(data.path());
    let nomor = cli(
        data.path(),
        &["request", "create", "--type", "penerbitan", "--person", "1"],
    )
    .trim()
    .to_string();
    // The app's icon stands in for a regional emblem (an RGBA PNG).
    let emblem = files.path().join("lambang.png");
    std::fs::copy(workspace_root().join("icons/128x128.png"), &emblem).expect("emblem");
    let opened = files.path().join("opened.txt");

    let app = App::launch_with(
        "letters",
        data.path(),
        &[
            ("LOKET_TEST_DIALOG", emblem.to_str().unwrap()),
            ("LOKET_TEST_OPEN", opened.to_str().unwrap()),
        ],
    );
    sign_in(&app, "admin");

    // Pengaturan: the kop preview shows the uploaded emblem.
    app.go("#/pengaturan");
    app.wait("#letter-settings #kop-preview");
    assert!(app.try_find("#kop-preview img.kop-emblem").is_none());
    app.click("#emblem-upload");
    app.wait("#kop-preview img.kop-emblem");
    assert!(
        app.text("#kop-preview")
            .contains("DINAS KOMUNIKASI DAN INFORMATIKA")
    );
    app.wait("#template-section #template-form");
    app.exec(
        "document.getElementById('letter-settings').scrollIntoView()",
        serde_json::json!([]),
    );
    app.screenshot("letters-settings");

    // The request page: a recommendation from "Surat lain".
    app.go(&format!("#/permohonan/{nomor}"));
    app.wait("#letters-card button[data-make='permohonan_penerbitan']");
    app.select("#letter-other", "rekomendasi_penerbitan");
    app.click("#letter-other-make");
    let row = app.wait_text(
        "#letters-card li[data-kind='rekomendasi_penerbitan']",
        "000.6.5.6/001/Diskominfo/",
    );
    assert!(row.contains("v1"), "{row}");
    let log = std::fs::read_to_string(&opened).expect("the letter was opened");
    assert!(log.trim_end().ends_with("-v1.pdf"), "{log}");
    app.exec(
        "document.getElementById('letters-card').scrollIntoView()",
        serde_json::json!([]),
    );
    app.screenshot("letters-request");

    // The Surat page: verification by code, then voiding in the register.
    let listed: serde_json::Value =
        serde_json::from_str(&cli(data.path(), &["letter", "list", &nomor, "--json"])).unwrap();
    let code = listed[0]["versions"][0]["code"]
        .as_str()
        .unwrap()
        .to_string();
    let number = listed[0]["nomor"].as_str().unwrap().to_string();
    app.go("#/surat");
    app.wait("#register-table");
    app.fill("#verify-code", &code.to_lowercase());
    app.click("#verify-code-button");
    app.wait("#verify-result[data-verdict='genuine']");
    assert!(app.text("#verify-result").contains(&nomor));
    app.screenshot("letters-verify");

    let row = format!("#register-table tr[data-nomor='{number}']");
    app.click(&format!("{row} details summary"));
    app.fill(&format!("{row} .void-reason"), "Salah tujuan");
    app.click(&format!("{row} .void-confirm"));
    app.wait(&format!(
        "#register-table tr[data-nomor='{number}'][data-status='batal']"
    ));
    app.fill("#verify-code", &code);
    app.click("#verify-code-button");
    app.wait("#verify-result[data-verdict='voided']");
    assert!(
        !app.text("#letters-page").contains("null"),
        "no stray null text on the page"
    );
}
