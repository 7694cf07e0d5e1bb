//! Every preset SOP through the real window, from submission to the
//! certificate's final status: the verifier records the applicant's and
//! BSrE's steps, the head of office gives each disposisi. Tapin's revocation
//! has its own test (revocation.rs); Kebumen's also loops back to step 1.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, cli_with_stdin, prepare, sign_in, walk_request};
use std::path::Path;

/// The office of `prepare`, with a head of office and the SOP chosen for
/// the request type; returns the new request's number.
fn office_with(dir: &Path, jenis: &str, sop: &str, reason: Option<&str>) -> String {
    prepare(dir);
    cli_with_stdin(
        dir,
        &[
            "user",
            "add",
            "kadin",
            "--role",
            "pimpinan",
            "--display-name",
            "Kepala Dinas",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    cli(dir, &["sop", "default", jenis, sop]);
    let mut args = vec!["request", "create", "--type", jenis, "--person", "1"];
    if let Some(r) = reason {
        args.extend(["--reason", r]);
    }
    cli(dir, &args).trim().to_string()
}

fn final_state(dir: &Path, nomor: &str) -> serde_json::Value {
    serde_json::from_str(&cli(dir, &["request", "show", nomor, "--json"])).unwrap()
}

#[test]
fn tapin_issuance_ends_with_an_active_certificate() {
    let data = tempfile::tempdir().unwrap();
    let nomor = office_with(data.path(), "penerbitan", "tapin-penerbitan", None);
    let app = App::launch("preset-tapin-penerbitan", data.path());
    sign_in(&app, "vera");
    let steps = walk_request(&app, &nomor, "vera", "kadin", |_, _| false);
    assert_eq!(steps, (1..=12).collect::<Vec<_>>());
    app.wait_text("#certificate-status", "ISSUE");
    let first = app.text("li[data-step='1']");
    assert!(
        first.contains("Berkas asli diperiksa di loket"),
        "the override's reason is shown: {first}"
    );
    app.screenshot("preset-tapin-penerbitan");
    let v = final_state(data.path(), &nomor);
    assert_eq!(v["certificate"]["status"], "ISSUE");
    assert!(
        v["certificate"]["expires_on"]
            .as_str()
            .unwrap()
            .starts_with("20")
    );
}

#[test]
fn kebumen_revocation_loops_back_to_step_one_then_revokes() {
    let data = tempfile::tempdir().unwrap();
    let nomor = office_with(
        data.path(),
        "pencabutan",
        "kebumen-pencabutan",
        Some("lupa_passphrase"),
    );
    let app = App::launch("preset-kebumen", data.path());
    sign_in(&app, "vera");
    let mut looped = false;
    let steps = walk_request(&app, &nomor, "vera", "kadin", |app, no| {
        if no == 5 && !looped {
            // The data does not match: the applicant writes the letter again.
            looped = true;
            app.fill("#step-note", "Nama pada surat keterangan tidak sesuai KTP");
            app.click("#step-return");
            app.wait("li[data-step='1'][data-state='current']");
            return true;
        }
        false
    });
    assert!(looped);
    assert_eq!(steps, [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    app.wait_text("#certificate-status", "REVOKE");
    let v = final_state(data.path(), &nomor);
    assert_eq!(
        v["certificate"]["revocation"]["crl"], 4,
        "lupa passphrase: superseded"
    );
    let returns = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "return")
        .count();
    assert_eq!(returns, 1);
}

#[test]
fn madiun_revocation_passes_through_three_heads() {
    let data = tempfile::tempdir().unwrap();
    let nomor = office_with(
        data.path(),
        "pencabutan",
        "madiun-pencabutan",
        Some("mutasi"),
    );
    let app = App::launch("preset-madiun", data.path());
    sign_in(&app, "vera");
    let steps = walk_request(&app, &nomor, "vera", "kadin", |_, _| false);
    assert_eq!(steps, (1..=8).collect::<Vec<_>>());
    app.wait_text("#certificate-status", "REVOKE");
    let v = final_state(data.path(), &nomor);
    let dispositions: Vec<&str> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["disposisi_to"].as_str())
        .collect();
    assert_eq!(
        dispositions,
        ["Kabid", "Kasi", "Verifikator"],
        "Kadin → Kabid → Kasi → Verifikator"
    );
}

#[test]
fn bolaang_mongondow_revocation_with_the_recommendation_letter() {
    let data = tempfile::tempdir().unwrap();
    let nomor = office_with(
        data.path(),
        "pencabutan",
        "bolmong-pencabutan",
        Some("pensiun"),
    );
    let app = App::launch("preset-bolmong", data.path());
    sign_in(&app, "vera");
    let steps = walk_request(&app, &nomor, "vera", "kadin", |_, _| false);
    assert_eq!(steps, (1..=8).collect::<Vec<_>>());
    app.wait_text("#certificate-status", "REVOKE");
    app.screenshot("preset-bolmong");
    let v = final_state(data.path(), &nomor);
    assert_eq!(
        v["certificate"]["revocation"]["crl"], 5,
        "pensiun: cessationOfOperation"
    );
}
