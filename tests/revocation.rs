//! A full revocation through the real window: the verifier opens the request
//! and walks every step of Tapin's SOP to the certificate's REVOKE.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in};

#[test]
fn a_verifier_completes_a_revocation_through_the_window() {
    let data = tempfile::tempdir().expect("temp dir");
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

    let app = App::launch("revocation", data.path());
    sign_in(&app, "vera");
    app.click("#nav-permohonan");
    app.click(&format!("tr[data-nomor='{nomor}'] td"));
    app.wait("#timeline");
    assert!(app.text("#request-sop").contains("tapin-pencabutan"));

    // Step 1 needs the applicant's letter: refused until the verifier gives a reason.
    app.wait("#step-form");
    app.click("#step-done");
    let msg = app.wait_text(
        "[data-field='documents'] .field-error",
        "Surat Keterangan Alasan Pencabutan",
    );
    assert!(msg.contains("belum dilampirkan"), "{msg}");
    app.fill("#step-override", "Surat asli diserahkan langsung di loket");
    app.exec(
        "document.querySelectorAll('input[name=checklist]').forEach(c => c.click());",
        serde_json::json!([]),
    );
    app.screenshot("revocation-step1");
    app.click("#step-done");
    app.wait("li[data-step='1'][data-state='done']");

    // Steps 2 to 8: the applicant's AMS steps and BSrE's, recorded by the verifier.
    for step in 2..=8 {
        app.wait(&format!("li[data-step='{step}'][data-state='current']"));
        if step == 5 {
            app.fill("#step-note", "Subject DN sesuai");
        }
        if app.try_find("#step-override").is_some() {
            app.fill("#step-override", "Surat asli diserahkan langsung di loket");
        }
        app.click("#step-done");
        app.wait(&format!("li[data-step='{step}'][data-state='done']"));
    }
    app.wait_text("#request-status", "Selesai");
    app.wait_text("#certificate-status", "REVOKE");
    let timeline = app.text("#timeline");
    assert!(
        timeline.contains("dicatat oleh vera"),
        "steps recorded on behalf say so: {timeline}"
    );
    assert!(
        !app.text("#request-page").contains("null"),
        "no stray null text on the page"
    );
    app.screenshot("revocation-finished");

    // The CLI sees the same revocation, with its reason and code.
    let json = cli(data.path(), &["request", "show", &nomor, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["request"]["status"], "selesai");
    assert_eq!(v["certificate"]["status"], "REVOKE");
    assert_eq!(v["certificate"]["revocation"]["crl"], 5);
    assert_eq!(v["steps"].as_array().map(Vec::len), Some(8));
}
