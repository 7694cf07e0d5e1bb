//! The letter commands through Tauri's mock runtime: a real database in a
//! temp folder, the JSON shapes the window receives.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invoke, mock_window};
use serde_json::{Value, json};

#[test]
fn letters_are_made_listed_registered_and_verified_through_the_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = mock_window(dir.path());

    // Nobody signed in: refused like every other command.
    let e = invoke(&w, "letter_register", json!({ "year": null })).unwrap_err();
    assert_eq!(e["kind"], "unauthenticated");

    invoke(
        &w,
        "complete_setup",
        json!({ "input": {
            "admin": { "username": "admin", "display_name": "Admin", "password": "rahasia-123" },
            "agency": { "pemda": "Pemerintah Kabupaten Tapin", "dinas": "Dinas Komunikasi dan Informatika",
                        "kota": "Rantau", "domain_email": "tapinkab.go.id",
                        "kepala": { "nama": "Wahyudi Pranoto, S.Sos., M.T", "nip": "197101301999031005",
                                    "pangkat": "Pembina Utama Muda (IV/c)",
                                    "jabatan": "Kepala Dinas Komunikasi dan Informatika" } }
        } }),
    )
    .expect("setup");
    let req = invoke(
        &w,
        "submit_request",
        json!({ "form": {
            "jenis": "penerbitan",
            "person": { "nama": "Ahmad Fauzi, S.Kom.", "nik": "6305011708660001", "nip": "196608171991121003",
                        "jenis_pegawai": "pns", "golongan": "III/d", "jabatan": "Pranata Komputer",
                        "unit_kerja": "Dinas Kesehatan", "email": "ahmad@tapinkab.go.id" }
        } }),
    )
    .expect("submit");
    let nomor = req["nomor"].as_str().unwrap().to_string();

    // The kinds the SOP names come with their steps.
    let options = invoke(&w, "letter_options", json!({ "key": nomor })).expect("options");
    let permohonan = options
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "permohonan_penerbitan")
        .expect("permohonan offered");
    assert_eq!(permohonan["steps"], json!([1]));
    assert_eq!(permohonan["allowed"], true);

    let made = invoke(
        &w,
        "generate_letter",
        json!({ "order": { "kind": "rekomendasi_penerbitan", "requests": [nomor] } }),
    )
    .expect("generate");
    // The app runs on the system clock: month and year are today's.
    let number = made["letter"]["nomor"].as_str().unwrap();
    assert!(number.starts_with("000.6.5.6/001/Diskominfo/"), "{number}");
    let code = made["version"]["code"].as_str().unwrap().to_string();

    let listed = invoke(&w, "request_letters", json!({ "key": nomor })).expect("list");
    assert_eq!(listed[0]["versions"][0]["code"], code.as_str());
    assert_eq!(
        listed[0]["kind_label"]["id"],
        "Surat Rekomendasi Penerbitan"
    );
    let register = invoke(&w, "letter_register", json!({ "year": null })).expect("register");
    assert_eq!(register[0]["requests"][0]["nomor"], nomor.as_str());

    let v = invoke(&w, "verify_letter_code", json!({ "code": code })).expect("verify");
    assert_eq!(v["verdict"], "genuine");

    let page = invoke(&w, "letter_settings", json!({})).expect("settings");
    assert_eq!(page["settings"]["ukuran_huruf"], 12.0);
    assert_eq!(page["kinds"].as_array().map(Vec::len), Some(8));
    assert_eq!(page["emblem_url"], Value::Null);

    // Template errors land on the part's field, in the UI language.
    invoke(&w, "set_language", json!({ "lang": "en" })).expect("lang");
    let e = invoke(
        &w,
        "save_letter_template",
        json!({ "kind": "permohonan_penerbitan", "texts": { "pembuka": "Saya {nmaa}" } }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert_eq!(e["fields"][0]["field"], "pembuka");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("Unknown placeholder {nmaa}"),
        "{e}"
    );
}
