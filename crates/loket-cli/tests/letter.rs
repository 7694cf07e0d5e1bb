//! `loket letter …` and the emblem in `loket agency set`, run as the built
//! binary against a data folder prepared with the core's fixtures.

// Helpers outside #[test] functions unwrap too: a failure is the test's.
#![allow(clippy::unwrap_used)]

use loket_core::model::Role;
use loket_core::requests::RequestForm;
use loket_core::testing::{self, caller, office, person};
use std::path::Path;
use std::process::{Command, Output};

/// An office in `dir` with two issuance requests; returns their numbers.
fn prepare(dir: &Path) -> (String, String) {
    let (loket, _admin) = office(dir);
    let verif = caller(&loket, Role::Verifikator);
    let submit = |i: usize| {
        loket
            .submit_request(
                &verif,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(i)),
                    ..RequestForm::default()
                },
            )
            .unwrap()
            .nomor
    };
    (submit(0), submit(1))
}

fn loket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--at", testing::NOW])
        .args(args)
        .env_remove("LOKET_LANG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
    stdout(o)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

#[test]
fn render_register_verify_void_and_number_by_hand() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (a, b) = prepare(data.path());
    let out = files.path().join("rekomendasi.pdf");
    let out_arg = out.to_str().unwrap();

    // Both requests: a collective recommendation; the number comes first.
    let requests = format!("{a},{b}");
    let printed = ok(&loket(
        data.path(),
        &[
            "letter",
            "render",
            &requests,
            "--kind",
            "rekomendasi_penerbitan",
            "--out",
            out_arg,
        ],
    ));
    let number = printed.lines().next().unwrap().to_string();
    assert_eq!(number, "000.6.5.6/001/Diskominfo/XI/2026");
    assert!(printed.contains("versi 1"), "{printed}");
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let register = json(&loket(
        data.path(),
        &["letter", "register", "--year", "2026", "--json"],
    ));
    let entries = register.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["nomor"], number.as_str());
    assert_eq!(entries[0]["requests"].as_array().unwrap().len(), 2);
    assert!(ok(&loket(data.path(), &["letter", "register"])).contains(&a));

    // Verification: the file, its code, an altered copy, an unknown code.
    let v = loket(data.path(), &["letter", "verify", out_arg]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    assert!(stdout(&v).starts_with("ASLI"), "{}", stdout(&v));
    let listed = json(&loket(data.path(), &["letter", "list", &a, "--json"]));
    let code = listed[0]["versions"][0]["code"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        loket(data.path(), &["letter", "verify", &code])
            .status
            .success()
    );
    let altered = files.path().join("diubah.pdf");
    let mut bytes = pdf.clone();
    bytes.extend(b"\n% tambahan\n");
    std::fs::write(&altered, &bytes).unwrap();
    let v = loket(
        data.path(),
        &["letter", "verify", altered.to_str().unwrap()],
    );
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("DIUBAH"), "{}", stdout(&v));
    let v = loket(
        data.path(),
        &["--lang", "en", "letter", "verify", "ZZZZ-ZZZZ"],
    );
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("UNKNOWN"), "{}", stdout(&v));

    // Hand-entered numbers: recorded once, a clash is refused.
    let manual = [
        "letter",
        "number",
        "--kind",
        "rekomendasi_pencabutan",
        "--manual",
        "000.6.5/077/Diskominfo/XI/2026",
        "--subject",
        "Rekomendasi pencabutan (diketik di luar aplikasi)",
    ];
    assert!(ok(&loket(data.path(), &manual)).contains("000.6.5/077/Diskominfo/XI/2026"));
    let clash = loket(data.path(), &manual);
    assert_eq!(clash.status.code(), Some(1));
    assert!(
        stderr(&clash).contains("sudah tercatat"),
        "{}",
        stderr(&clash)
    );

    // Voiding keeps the number in the register; the letter no longer counts.
    ok(&loket(
        data.path(),
        &["letter", "void", &number, "--reason", "Salah alamat"],
    ));
    let register = json(&loket(data.path(), &["letter", "register", "--json"]));
    assert_eq!(register[0]["status"], "batal");
    assert_eq!(register[0]["void_reason"], "Salah alamat");
    assert_eq!(register.as_array().unwrap().len(), 2);
    let v = loket(data.path(), &["letter", "verify", out_arg]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("DIBATALKAN"), "{}", stdout(&v));

    // Wrong input is refused with the reason; a missing kind lists them.
    let bad = loket(
        data.path(),
        &["letter", "render", &a, "--kind", "surat_cinta"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("rekomendasi_penerbitan"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn templates_refuse_unknown_placeholders_by_name() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(data.path());
    let t = files.path().join("t.json");
    std::fs::write(
        &t,
        r#"{"hal": "Permohonan {jenis_permohonan} oleh {nmaa}"}"#,
    )
    .unwrap();
    let o = loket(
        data.path(),
        &[
            "letter",
            "template",
            "set",
            "permohonan_penerbitan",
            "--json",
            t.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("{nmaa}"), "{}", stderr(&o));
    std::fs::write(
        &t,
        r#"{"hal": "Permohonan {jenis_permohonan} oleh {nama}"}"#,
    )
    .unwrap();
    let shown = ok(&loket(
        data.path(),
        &[
            "letter",
            "template",
            "set",
            "permohonan_penerbitan",
            "--json",
            t.to_str().unwrap(),
        ],
    ));
    assert!(
        shown.contains("[hal]") && shown.contains("[diubah]"),
        "{shown}"
    );
    let reset = ok(&loket(
        data.path(),
        &["letter", "template", "reset", "permohonan_penerbitan"],
    ));
    assert!(!reset.contains("[diubah]"), "{reset}");
}

#[test]
fn agency_set_imports_the_emblem_and_letter_settings() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    prepare(data.path());
    let shown = json(&loket(data.path(), &["agency", "show", "--json"]));
    assert_eq!(shown["lambang"], serde_json::Value::Null);
    assert_eq!(shown["surat"]["ukuran_huruf"], 12.0);

    std::fs::write(files.path().join("lambang.png"), testing::png(200, 240, 5)).unwrap();
    let mut input = shown.clone();
    input["lambang"] = "lambang.png".into();
    input["surat"]["penandatangan"] = "plh".into();
    input["surat"]["wakil"]["nama"] = "Ir. Bambang Santoso, M.T.".into();
    input["kertas"] = "A4".into();
    let f = files.path().join("agency.json");
    std::fs::write(&f, serde_json::to_string(&input).unwrap()).unwrap();
    let saved = json(&loket(
        data.path(),
        &["agency", "set", "--json", f.to_str().unwrap()],
    ));
    let lambang = saved["lambang"].as_str().unwrap().to_string();
    assert!(
        lambang.starts_with("surat/lambang-") && lambang.ends_with(".png"),
        "{lambang}"
    );
    assert!(data.path().join(&lambang).is_file());
    assert_eq!(saved["surat"]["penandatangan"], "plh");
    assert_eq!(saved["kertas"], "A4");

    // `show --json` given back changes nothing.
    let again = json(&loket(data.path(), &["agency", "show", "--json"]));
    std::fs::write(&f, serde_json::to_string(&again).unwrap()).unwrap();
    let same = json(&loket(
        data.path(),
        &["agency", "set", "--json", f.to_str().unwrap()],
    ));
    assert_eq!(same, again);

    // A file that is not an image is refused and nothing changes.
    std::fs::write(files.path().join("bukan.png"), b"GIF89a").unwrap();
    let mut bad = again.clone();
    bad["lambang"] = "bukan.png".into();
    std::fs::write(&f, serde_json::to_string(&bad).unwrap()).unwrap();
    let o = loket(
        data.path(),
        &["agency", "set", "--json", f.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("PNG atau JPEG"), "{}", stderr(&o));
    assert_eq!(
        json(&loket(data.path(), &["agency", "show", "--json"])),
        again
    );
}
