//! The bundle commands through Tauri's mock runtime: a real bundle made by
//! loket-core on another data folder, imported through the commands the
//! window calls (the dialog step is the e2e test's), with errors in the
//! one `{ kind, message }` shape.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_core::bundle::BundleKind;
use loket_core::model::{DocKind, Role};
use loket_core::requests::RequestForm;
use loket_core::testing::{self, caller, office, person};
mod common;

use common::{invoke, mock_window};
use serde_json::json;

#[test]
fn import_apply_and_request_bundles_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    // The applicant's laptop makes the bundle.
    let bundle = dir.path().join("permohonan.loket");
    let content_sha256 = {
        let (laptop, _) = office(&dir.path().join("laptop"));
        let me = caller(&laptop, Role::Pemohon);
        let req = laptop
            .submit_request(
                &me,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(4)),
                    ..RequestForm::default()
                },
            )
            .unwrap();
        laptop
            .attach_bytes(
                &me,
                &req.nomor,
                "ktp.png",
                &testing::png(9, 9, 1),
                DocKind::Ktp,
            )
            .unwrap();
        laptop
            .export_bundle(&me, &req.nomor, BundleKind::Request, &bundle)
            .unwrap()
            .content_sha256
    };
    let office_dir = dir.path().join("kantor");
    drop(office(&office_dir));
    let (_app, w) = mock_window(&office_dir);
    invoke(
        &w,
        "sign_in",
        json!({ "username": "verifikator", "password": "rahasia-123" }),
    )
    .unwrap();
    let path = bundle.to_str().unwrap();

    // Not what the person previewed: refused, nothing written.
    let e = invoke(
        &w,
        "bundle_import_apply",
        json!({ "path": path, "expectedSha256": "0".repeat(64), "confirmUpdate": false }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("pratinjau"), "{e}");

    let out = invoke(
        &w,
        "bundle_import_apply",
        json!({ "path": path, "expectedSha256": content_sha256, "confirmUpdate": false }),
    )
    .unwrap();
    assert_eq!(out["action"], "create");
    assert_eq!(out["documents_added"], 1);
    assert_eq!(out["preview"]["files"][0]["kind_label"]["id"], "KTP");
    let nomor = out["request"]["nomor"].as_str().unwrap().to_string();
    let seen = invoke(&w, "request_bundles", json!({ "key": nomor })).unwrap();
    assert_eq!(seen["received"].as_array().map(Vec::len), Some(1));
    assert!(seen["office_status"].is_null());

    // A file that is no bundle: the reason, in the UI language.
    let junk = dir.path().join("junk.loket");
    std::fs::write(&junk, "bukan zip").unwrap();
    invoke(&w, "set_language", json!({ "lang": "en" })).unwrap();
    let e = invoke(
        &w,
        "bundle_import_apply",
        json!({ "path": junk.to_str().unwrap(), "expectedSha256": content_sha256, "confirmUpdate": false }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("is not a Loket TTE bundle"),
        "{e}"
    );
}
