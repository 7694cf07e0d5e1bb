//! Pengguna TTE through the real window: a staff list imported from CSV
//! (one bad row refused with its reason, nothing stored before confirming),
//! searched, an expiring certificate renewed from the radar, and the revoked
//! list.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in};

#[test]
fn import_search_renew_and_revoked_list() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(data.path());
    let today = chrono::Local::now().date_naive();
    let soon = today + chrono::Days::new(10);
    let issued = soon - chrono::Months::new(24);
    let csv = files.path().join("daftar pegawai.csv");
    std::fs::write(
        &csv,
        format!(
            "nama,nik,nip,jenis_pegawai,golongan,jabatan,unit_kerja,email,status_sertifikat,terbit,berlaku_sampai,dicabut,alasan_pencabutan\n\
             \"Siti Aminah, S.Kom.\",6305015708660003,196608172006042003,pns,IV/a,Kepala Bidang,Dinas Kesehatan,siti@tapinkab.go.id,ISSUE,{issued},{soon},,\n\
             \"Rina Wulandari, S.E.\",6305015702900003,199002172015032001,pns,III/a,Analis,Sekretariat Daerah,rina@tapinkab.go.id,REVOKE,2024-01-02,2026-01-02,2025-06-01,pensiun\n\
             Budi Salah,123,,pns,III/a,Staf,Dinas Pendidikan,budi@tapinkab.go.id,,,,,\n"
        ),
    )
    .unwrap();
    let csv_s = csv.to_str().unwrap().to_string();
    let app = App::launch_with(
        "registry",
        data.path(),
        &[("LOKET_TEST_DIALOG", csv_s.as_str())],
    );
    sign_in(&app, "vera");
    app.click("#nav-pengguna");
    app.wait("#registry-page");
    app.click("#tab-impor");
    app.click("#import-pick");
    let counts = app.wait_text("#import-counts", "baris");
    assert!(
        counts.contains("2 baru") && counts.contains("1 ditolak"),
        "{counts}"
    );
    let preview = app.text("#import-preview");
    assert!(
        preview.contains("NIK"),
        "the bad row says what is wrong: {preview}"
    );
    // Nothing stored before confirming.
    let before: serde_json::Value =
        serde_json::from_str(&cli(data.path(), &["person", "list", "--json"])).unwrap();
    assert_eq!(before.as_array().map(Vec::len), Some(1));
    app.screenshot("registry-import-preview");
    app.click("#import-apply");
    app.wait("#people-table");

    // Search by name prefix.
    app.fill("#people-search", "rin");
    app.wait_text_gone("#people-table", "Siti");
    app.wait_text("#people-table", "Rina Wulandari");

    // The radar: Siti's certificate expires in 10 days; renew it.
    app.click("#tab-radar");
    app.wait_text("#radar-table", "Siti Aminah");
    app.click("#radar-all");
    app.click("#start-renewals");
    let done = app.wait_text("#renewal-results", "REQ-");
    assert!(done.contains("1 permohonan pembaruan dibuat"), "{done}");

    // The revoked list with the reason's CRL code.
    app.click("#tab-dicabut");
    let revoked = app.wait_text("#revoked-table", "Rina");
    assert!(revoked.contains("5 (cessationOfOperation)"), "{revoked}");
    app.screenshot("registry-revoked");

    let requests: serde_json::Value = serde_json::from_str(&cli(
        data.path(),
        &["request", "list", "--type", "pembaruan", "--json"],
    ))
    .unwrap();
    assert_eq!(requests.as_array().map(Vec::len), Some(1));
}
