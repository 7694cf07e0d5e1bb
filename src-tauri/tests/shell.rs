//! The command layer through Tauri's mock runtime: real commands, real
//! state, a real database in a temp folder, no window.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invoke, mock_window};
use serde_json::json;

#[test]
fn commands_run_against_a_real_database_and_errors_have_one_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = mock_window(dir.path());

    let info = invoke(&w, "app_info", json!({})).expect("app_info");
    assert_eq!(info["needs_setup"], true);
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));

    // Nobody is signed in: commands that need a caller refuse.
    let e = invoke(&w, "list_requests", json!({ "filter": {} })).unwrap_err();
    assert_eq!(e["kind"], "unauthenticated");
    assert!(
        e["message"].as_str().unwrap_or_default().contains("masuk"),
        "{e}"
    );

    // Setup validation comes back with each field's message, in the UI language.
    invoke(&w, "set_language", json!({ "lang": "en" })).expect("lang");
    let e = invoke(
        &w,
        "complete_setup",
        json!({ "input": { "admin": { "username": "A B", "password": "x" }, "agency": {} } }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    for f in [
        "admin.username",
        "admin.password",
        "agency.pemda",
        "agency.domain_email",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    assert!(
        e["fields"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("user name"),
        "{e}"
    );
    invoke(&w, "set_language", json!({ "lang": "id" })).expect("lang");

    let me = invoke(
        &w,
        "complete_setup",
        json!({ "input": {
            "admin": { "username": "admin", "display_name": "Admin", "password": "rahasia-123" },
            "agency": { "pemda": "Pemerintah Kabupaten Tapin", "dinas": "Dinas Komunikasi dan Informatika",
                        "kota": "Rantau", "domain_email": "tapinkab.go.id" }
        } }),
    )
    .expect("setup");
    assert_eq!(me["role"], "admin");

    // Live validation answers with field messages rather than failing.
    let v = invoke(&w, "check_person", json!({ "input": { "nik": "123" } })).expect("check");
    assert_eq!(v["valid"], false);
    assert!(
        v["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .any(|f| f["field"] == "nik")
    );

    let req = invoke(
        &w,
        "submit_request",
        json!({ "form": {
            "jenis": "pencabutan", "alasan": "pensiun",
            "person": { "nama": "Ahmad Fauzi, S.Kom.", "nik": "6305011708660001", "nip": "196608171991121003",
                        "jenis_pegawai": "pns", "golongan": "III/d", "jabatan": "Pranata Komputer",
                        "unit_kerja": "Dinas Kesehatan", "email": "ahmad@tapinkab.go.id" }
        } }),
    )
    .expect("submit");
    let nomor = req["nomor"].as_str().unwrap_or_default();
    assert!(
        nomor.starts_with("REQ-") && nomor.ends_with("-00001"),
        "{nomor}"
    );
    let view = invoke(&w, "request_view", json!({ "key": req["nomor"] })).expect("view");
    assert_eq!(view["sop_id"], "tapin-pencabutan");
    assert_eq!(
        view["current"]["acting_as"], "override",
        "an admin acting for the applicant is an override"
    );

    // The reference data the forms use comes from the core.
    let r = invoke(&w, "reference_data", json!({})).expect("reference");
    assert_eq!(r["golongan_pns"].as_array().map(Vec::len), Some(17));
    assert_eq!(r["golongan_pppk"].as_array().map(Vec::len), Some(17));

    // Signing out ends the session in Rust, not only in the page.
    invoke(&w, "sign_out", json!({})).expect("sign out");
    assert_eq!(
        invoke(&w, "list_users", json!({})).unwrap_err()["kind"],
        "unauthenticated"
    );
}

/// Every key the UI asks `t()` for exists in both languages, and both tables
/// hold the same keys: the English switch covers every string.
#[test]
fn ui_strings_exist_in_both_languages() {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui");
    let keys_of = |file: &str| -> std::collections::BTreeSet<String> {
        let text = std::fs::read_to_string(ui.join(file)).expect("i18n table");
        text.lines()
            .filter_map(|l| {
                let l = l.trim_start();
                let rest = l.strip_prefix('\'')?;
                let end = rest.find("':")?;
                Some(rest[..end].to_string())
            })
            .collect()
    };
    let id = keys_of("i18n/id.js");
    let en = keys_of("i18n/en.js");
    assert!(id.len() > 100, "the tables were read");
    assert_eq!(
        id.symmetric_difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "id.js and en.js differ"
    );
    let mut used = std::collections::BTreeSet::new();
    let mut files = vec![ui.join("main.js")];
    for entry in std::fs::read_dir(ui.join("views")).expect("views") {
        files.push(entry.expect("entry").path());
    }
    for f in files {
        let text = std::fs::read_to_string(&f).expect("js");
        let mut rest = text.as_str();
        while let Some(i) = rest.find("t('") {
            let after = &rest[i + 3..];
            // Only calls of the t() helper, not words ending in "t(".
            let prev = rest[..i].chars().last();
            if let Some(end) = after.find('\'')
                && !prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                used.insert(after[..end].to_string());
            }
            rest = after;
        }
    }
    let missing: Vec<_> = used.iter().filter(|k| !id.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not translated: {missing:?}"
    );
}
