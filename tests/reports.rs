//! Reports through the real window: the verifier opens "Laporan", the
//! month's recap is drawn (figures and SVG charts), the year view adds the
//! months chart, and "Unduh PDF…" saves the report where the save dialog
//! (answered by LOKET_TEST_DIALOG) says.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in};
use std::time::{Duration, Instant};

#[test]
fn the_reports_page_draws_the_recap_and_saves_the_pdf() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    prepare(data.path());
    cli(
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
    let file = out.path().join("rekap.pdf");
    let answer = file.to_str().unwrap().to_string();
    let app = App::launch_with("reports", data.path(), &[("LOKET_TEST_DIALOG", &answer)]);
    sign_in(&app, "vera");
    app.click("#nav-laporan");
    app.wait_text(
        "#report-title",
        "Rekapitulasi Layanan Sertifikat Elektronik",
    );
    // The request made this month, from the database.
    assert_eq!(app.text("#stat-created .stat-value"), "1");
    app.wait("#chart-status");
    app.wait_text("#report-by-type", "Pencabutan");
    app.screenshot("reports-month");

    app.select("#report-kind", "year");
    app.wait("#chart-monthly");
    app.wait_text("#report-title", "Tahun");
    app.wait_text("#report-monthly", "Desember");
    app.screenshot("reports-year");

    app.click("#report-pdf");
    let start = Instant::now();
    while !file.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the PDF was never written"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    app.wait_text("#toasts", "rekap.pdf");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}
