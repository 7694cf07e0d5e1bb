//! The applicant's wizard through the real window: choose the request in
//! plain words, give the reason, fill identity with live validation (a draft
//! is saved), close the app, reopen it and resume where it stopped, attach
//! the scan the SOP asks for, and submit.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, cli_with_stdin, prepare, sign_in, workspace_root};

#[test]
fn an_applicant_applies_closes_the_app_resumes_and_submits() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(data.path());
    cli_with_stdin(
        data.path(),
        &[
            "user",
            "add",
            "siti",
            "--role",
            "pemohon",
            "--display-name",
            "Siti Aminah",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    let scan = files.path().join("surat keterangan.png");
    std::fs::copy(workspace_root().join("icons/128x128.png"), &scan).unwrap();
    let scan_s = scan.to_str().unwrap().to_string();

    {
        let app = App::launch("wizard-1", data.path());
        sign_in(&app, "siti");
        app.click("#wizard-start");
        app.wait("#wizard");
        app.click("label[data-jenis='pencabutan'] input");
        app.click("#wiz-next");
        app.click("label[data-alasan='mutasi'] input");
        app.click("#wiz-next");
        app.wait("[name='nama']");
        app.fill("[name='nama']", "Siti Aminah, S.Kom.");
        app.fill("[name='nik']", "63050157086600");
        app.wait_text("#err-nik", "16 digit");
        app.fill("[name='nik']", "6305015708660003");
        app.select("[name='jenis_pegawai']", "pns");
        app.fill("[name='nip']", "196608172006042003");
        app.select("[name='golongan']", "IV/a");
        app.fill("[name='jabatan']", "Kepala Bidang Persandian");
        app.fill("[name='unit_kerja']", "Dinas Komunikasi dan Informatika");
        app.fill("[name='email']", "siti.aminah@tapinkab.go.id");
        app.screenshot("wizard-data");
        app.click("#wiz-next");
        app.wait_text("#wiz-nomor", "REQ-");
        // Closing the window here loses nothing.
    }
    let drafts: serde_json::Value = serde_json::from_str(&cli(
        data.path(),
        &["request", "list", "--status", "draf", "--json"],
    ))
    .unwrap();
    assert_eq!(
        drafts.as_array().map(Vec::len),
        Some(1),
        "the draft is in the database"
    );
    let nomor = drafts[0]["nomor"].as_str().unwrap().to_string();

    let app = App::launch_with(
        "wizard-2",
        data.path(),
        &[("LOKET_TEST_DIALOG", scan_s.as_str())],
    );
    sign_in(&app, "siti");
    app.wait_text("#wizard-resume", &nomor);
    app.click("#wizard-resume");
    app.wait("#wiz-docs");
    app.wait_text("#documents-card", "Surat Keterangan Alasan Pencabutan");
    app.select("#doc-kind", "surat_keterangan_pencabutan");
    app.click("#attach-button");
    app.wait_text("#documents-table", "surat keterangan.png");
    app.click("#wiz-next");
    app.wait("#wiz-letters");
    app.click("#wiz-next");
    app.wait("#wiz-review");
    app.screenshot("wizard-review");
    app.click("#wiz-submit");
    app.wait_text("#request-status", "Diproses");
    // The applicant's own first step is theirs to complete, scan attached.
    app.wait("#step-form");
    assert!(app.try_find("#step-override").is_none());

    let shown: serde_json::Value =
        serde_json::from_str(&cli(data.path(), &["request", "show", &nomor, "--json"])).unwrap();
    assert_eq!(shown["request"]["status"], "diproses");
    assert_eq!(shown["request"]["alasan"], "mutasi");
    assert_eq!(shown["request"]["alasan_crl"], 3);
    assert_eq!(shown["current"]["no"], 1);
}

/// An applicant on their own laptop: the wizard makes the Surat Permohonan,
/// attaches the scan and saves a bundle for the office; the verifier imports
/// it through the office's window and sees the request with its documents.
#[test]
fn a_laptop_request_reaches_the_office_in_a_bundle() {
    let laptop = tempfile::tempdir().unwrap();
    let office = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    // The laptop: the office's profile and the applicant's own account.
    prepare(laptop.path());
    cli_with_stdin(
        laptop.path(),
        &[
            "user",
            "add",
            "budi",
            "--role",
            "pemohon",
            "--display-name",
            "Budi Santoso",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    prepare(office.path());
    let scan = files.path().join("ktp budi.png");
    std::fs::copy(workspace_root().join("icons/128x128.png"), &scan).unwrap();
    let bundle = files.path().join("permohonan budi.loket");
    let answers = files.path().join("answers.txt");
    std::fs::write(
        &answers,
        format!("{}\n{}\n", scan.display(), bundle.display()),
    )
    .unwrap();
    let answers_arg = format!("@{}", answers.display());
    let opened = files.path().join("opened.txt");

    {
        let app = App::launch_with(
            "wizard-laptop",
            laptop.path(),
            &[
                ("LOKET_TEST_DIALOG", answers_arg.as_str()),
                ("LOKET_TEST_OPEN", opened.to_str().unwrap()),
            ],
        );
        sign_in(&app, "budi");
        app.click("#wizard-start");
        app.click("label[data-jenis='penerbitan'] input");
        app.click("#wiz-next");
        app.wait("[name='nama']");
        app.fill("[name='nama']", "Budi Santoso, S.T.");
        app.fill("[name='nik']", "6305011501880002");
        app.select("[name='jenis_pegawai']", "pns");
        app.fill("[name='nip']", "198801152010011002");
        app.select("[name='golongan']", "III/b");
        app.fill("[name='jabatan']", "Pranata Komputer Ahli Pertama");
        app.fill("[name='unit_kerja']", "Dinas Pendidikan dan Kebudayaan");
        app.fill("[name='email']", "budi.santoso@tapinkab.go.id");
        app.click("#wiz-next");
        app.wait("#wiz-docs");
        app.select("#doc-kind", "ktp");
        app.click("#attach-button");
        app.wait_text("#documents-table", "ktp budi.png");
        app.click("#wiz-next");
        // The letter the applicant signs.
        app.wait("#wiz-letters");
        app.click("button[data-make='permohonan_penerbitan']");
        app.wait("li.letter-item[data-kind='permohonan_penerbitan']");
        assert!(
            std::fs::read_to_string(&opened).unwrap().contains(".pdf"),
            "the letter opened to print"
        );
        app.screenshot("wizard-letter");
        app.click("#wiz-next");
        app.wait("#wiz-review");
        app.click("#wiz-bundle");
        app.wait_text("#wiz-bundle-result", "permohonan budi.loket");
    }
    assert!(bundle.exists(), "the bundle was written");

    // At the office: the verifier imports the bundle through the window.
    let bundle_s = bundle.to_str().unwrap().to_string();
    let app = App::launch_with(
        "wizard-office",
        office.path(),
        &[("LOKET_TEST_DIALOG", bundle_s.as_str())],
    );
    sign_in(&app, "vera");
    app.click("#nav-permohonan");
    app.click("#bundle-import");
    let preview = app.wait_text("#bundle-preview", "Budi Santoso");
    assert!(preview.contains("ktp budi.png"), "{preview}");
    app.click("#bundle-accept");
    app.wait("#request-page");
    app.wait_text("#documents-table", "ktp budi.png");
    app.screenshot("wizard-office-import");
    let list: serde_json::Value =
        serde_json::from_str(&cli(office.path(), &["request", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["jenis"], "penerbitan");
    assert_eq!(
        list[0]["status"], "diproses",
        "the office starts its own SOP"
    );
}
