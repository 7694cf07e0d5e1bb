//! The foundation through the real window: first-run setup, signing in, a
//! request form that explains a wrong NIK next to the field, saving, finding
//! the request in the list, and the CLI seeing the same database.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli};

#[test]
fn first_run_then_request_with_live_nik_validation() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch("foundation", data.path());

    // First run: the setup screen asks for the admin and the agency profile.
    app.wait("#setup-form");
    app.fill("[name='admin.username']", "admin");
    app.fill("[name='admin.display_name']", "Admin Diskominfo");
    app.fill("[name='admin.password']", "rahasia-123");
    app.fill("[name='admin.password2']", "rahasia-123");
    app.fill("[name='agency.pemda']", "Pemerintah Kabupaten Tapin");
    app.fill("[name='agency.dinas']", "Dinas Komunikasi dan Informatika");
    app.fill("[name='agency.domain_email']", "tapinkab.go.id");
    app.fill("[name='agency.kota']", "Rantau");
    app.screenshot("setup");
    app.click("#setup-save");
    app.wait("#beranda");

    // Sign out, then a wrong password is refused with a message.
    app.click("#sign-out");
    app.wait("#login-form");
    app.fill("#login-username", "admin");
    app.fill("#login-password", "salah-sandi");
    app.click("#login-submit");
    app.wait_text("#login-error", "salah");
    app.fill("#login-username", "admin");
    app.fill("#login-password", "rahasia-123");
    app.click("#login-submit");
    app.wait("#beranda");

    // The request form.
    app.click("#nav-permohonan");
    app.click("#new-request");
    app.wait("#request-form");
    app.select("[name='jenis']", "pencabutan");
    app.select("[name='alasan']", "pensiun");
    app.fill("[name='nama']", "Dr. Siti Aminah, S.Kom., M.T.");
    app.select("[name='jenis_pegawai']", "pns");

    // A NIK one digit short: the message appears next to the field.
    app.fill("[name='nik']", "630501570866000");
    let msg = app.wait_text("#err-nik", "16 digit");
    assert!(
        msg.contains("15"),
        "the message says how many digits were typed: {msg}"
    );
    app.screenshot("request-form-invalid-nik");

    // Corrected, the message goes away.
    app.fill("[name='nik']", "6305015708660003");
    let start = std::time::Instant::now();
    while !app.text("#err-nik").is_empty() {
        assert!(
            start.elapsed() < loket_e2e::WAIT,
            "the NIK message stayed after correcting it"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    app.fill("[name='nip']", "196608172006042003");
    app.select("[name='golongan']", "IV/a");
    app.fill("[name='jabatan']", "Kepala Bidang Persandian");
    app.fill("[name='unit_kerja']", "Dinas Komunikasi dan Informatika");
    app.fill("[name='email']", "siti.aminah@tapinkab.go.id");
    app.fill("[name='telepon']", "0812 3456 7890");
    app.click("#form-save");

    // The request page, then the list finds it.
    app.wait("#request-page");
    let status = app.text("#request-status");
    assert_eq!(status, "Diproses");
    app.click("#nav-permohonan");
    app.wait("#requests-table");
    app.fill("#request-search", "Aminah");
    let table = app.wait_text("#requests-table", "REQ-");
    assert!(table.contains("Siti Aminah"), "{table}");
    app.screenshot("request-list");

    // The CLI sees the same database.
    let json = cli(data.path(), &["request", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["jenis"], "pencabutan");
    assert_eq!(list[0]["alasan_crl"], 5);
    assert_eq!(list[0]["nama"], "Dr. Siti Aminah, S.Kom., M.T.");
}
