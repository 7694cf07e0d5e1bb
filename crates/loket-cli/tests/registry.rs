//! `loket registry` end to end: the real binary against an office in a
//! temporary folder, with the clock fixed by `--at`.

// Helpers outside #[test] functions fail loudly by design too.
#![allow(clippy::unwrap_used)]

use loket_core::certificates::CertificateInput;
use loket_core::model::{CertStatus, PersonInput};
use loket_core::testing::{office, person};
use std::path::{Path, PathBuf};
use std::process::Output;

const AT: &str = "2026-11-21 09:00";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn loket(dir: &Path, args: &[&str]) -> Run {
    let out: Output = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--at", AT])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// An office with three people: active (expiring in 10 days), revoked, none.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("office");
    let (l, admin) = office(&data);
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let a = l.add_person(&admin, &person(1)).unwrap();
    let b = l.add_person(&admin, &person(2)).unwrap();
    l.add_person(&admin, &person(3)).unwrap();
    for (id, status, issued, expires) in [
        (a.id, CertStatus::Issue, "2024-12-01", "2026-12-01"),
        (b.id, CertStatus::Revoke, "2024-01-01", "2026-01-01"),
    ] {
        l.record_certificate(
            &admin,
            id,
            &CertificateInput {
                status: Some(status),
                issued_on: d(issued),
                expires_on: d(expires),
            },
        )
        .unwrap();
    }
    (tmp, data)
}

fn csv_line(p: &PersonInput) -> String {
    [
        &p.nama,
        &p.nik,
        &p.nip,
        &p.jenis_pegawai,
        &p.golongan,
        &p.jabatan,
        &p.unit_kerja,
        &p.email,
    ]
    .iter()
    .map(|v| format!("\"{}\"", (*v).clone().unwrap_or_default()))
    .collect::<Vec<_>>()
    .join(",")
}

const HEADER: &str =
    "nama,nik,nip,jenis_pegawai,golongan,jabatan,unit_kerja,email,status_sertifikat,terbit";

#[test]
fn list_filters_and_prints_json() {
    let (_tmp, data) = setup();
    let all = loket(&data, &["registry", "list"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert!(all.stdout.contains("3 pegawai cocok"), "{}", all.stdout);
    let aktif = loket(&data, &["registry", "list", "--status", "aktif", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&aktif.stdout).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["nik"], person(1).nik.unwrap());
    assert_eq!(page["rows"][0]["status"], "aktif");
    assert_eq!(page["rows"][0]["days_to_expiry"], 10);
    let search = loket(&data, &["registry", "list", "--search", "siti", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&search.stdout).unwrap();
    assert_eq!(page["total"], 1, "person(1) is Siti Fauzi");
    let soon = loket(
        &data,
        &["registry", "list", "--expiring-days", "30", "--json"],
    );
    let page: serde_json::Value = serde_json::from_str(&soon.stdout).unwrap();
    assert_eq!(page["total"], 1);
    let unit = person(2).unit_kerja.unwrap();
    let by_unit = loket(&data, &["registry", "list", "--unit", &unit, "--json"]);
    let page: serde_json::Value = serde_json::from_str(&by_unit.stdout).unwrap();
    assert_eq!(page["rows"][0]["status"], "dicabut");
    let en = loket(
        &data,
        &["--lang", "en", "registry", "list", "--status", "belum"],
    );
    assert!(en.stdout.contains("No certificate yet"), "{}", en.stdout);
    let bad = loket(&data, &["registry", "list", "--status", "hidup"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("Status \"hidup\" tidak dikenal"),
        "{}",
        bad.stderr
    );
}

#[test]
fn units_revoked_and_expiring() {
    let (_tmp, data) = setup();
    let units = loket(&data, &["registry", "units"]);
    assert_eq!(units.code, 0, "{}", units.stderr);
    assert!(
        units.stdout.contains("Pengguna TTE aktif: 1"),
        "{}",
        units.stdout
    );
    let json = loket(&data, &["registry", "units", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["totals"]["aktif"], 1);
    assert_eq!(v["totals"]["dicabut"], 1);
    assert_eq!(v["totals"]["pegawai"], 3);
    let revoked = loket(&data, &["registry", "revoked", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&revoked.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["crl_code"], 0);
    assert_eq!(v[0]["reason_text"]["id"], "Alasan tidak tercatat");
    let expiring = loket(&data, &["registry", "expiring"]);
    assert!(
        expiring.stdout.contains(&person(1).nik.unwrap()),
        "{}",
        expiring.stdout
    );
}

#[test]
fn renew_reports_each_person() {
    let (_tmp, data) = setup();
    let run = loket(&data, &["registry", "renew", "1", "2", "--json"]);
    assert_eq!(run.code, 1, "one of the two failed: {}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["created"], 1);
    assert_eq!(v["failed"], 1);
    assert_eq!(v["items"][0]["request"], "REQ-2026-00001");
}

#[test]
fn import_lists_rejected_rows_and_exits_1_dry_run_changes_nothing() {
    let (tmp, data) = setup();
    let file = tmp.path().join("baru.csv");
    let mut bad = person(5);
    bad.nik = Some("63050".into());
    std::fs::write(
        &file,
        format!(
            "{HEADER}\n{},ISSUE,2025-05-01\n{},,\n",
            csv_line(&person(4)),
            csv_line(&bad)
        ),
    )
    .unwrap();

    let dry = loket(
        &data,
        &["registry", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(dry.code, 1, "a row is rejected: {}", dry.stderr);
    assert!(dry.stdout.contains("baris 2: baru"), "{}", dry.stdout);
    assert!(dry.stderr.contains("baris 3: ditolak"), "{}", dry.stderr);
    assert!(
        dry.stderr.contains("- nik: NIK harus 16 digit"),
        "{}",
        dry.stderr
    );
    assert!(
        dry.stderr
            .contains("Uji coba, tidak ada yang disimpan: 1 baru"),
        "{}",
        dry.stderr
    );
    let list = loket(&data, &["registry", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(v["total"], 3, "the dry run stored nothing");

    let run = loket(&data, &["registry", "import", file.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("1 baru, 0 diubah, 0 tetap, 1 ditolak, 1 catatan sertifikat"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("baris 3: ditolak"), "{}", run.stderr);
    let list = loket(&data, &["registry", "list", "--status", "aktif", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(
        v["total"], 2,
        "the valid row was imported with its certificate"
    );

    // A file whose rows are all fine exits 0; again it changes nothing.
    let good = tmp.path().join("baik.csv");
    std::fs::write(
        &good,
        format!("{HEADER}\n{},ISSUE,2025-05-01\n", csv_line(&person(4))),
    )
    .unwrap();
    let run = loket(
        &data,
        &["--lang", "en", "registry", "import", good.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("0 new, 0 updated, 1 unchanged, 0 rejected"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_refuses_unusable_files() {
    let (tmp, data) = setup();
    let no_nik = tmp.path().join("tanpa-nik.csv");
    std::fs::write(&no_nik, "nama,unit_kerja\nBudi,Dinas Sosial\n").unwrap();
    let empty = tmp.path().join("kosong.xlsx");
    std::fs::write(&empty, b"").unwrap();
    for (file, fragment) in [
        (no_nik, "Kolom NIK tidak ditemukan"),
        (empty, "tidak dapat dibaca"),
        (tmp.path().join("x.docx"), "Berkas .docx bukan"),
    ] {
        let run = loket(&data, &["registry", "import", file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", file.display());
        assert!(run.stderr.starts_with("galat: "), "{}", run.stderr);
        assert!(
            run.stderr.contains(fragment),
            "{}: {}",
            file.display(),
            run.stderr
        );
    }
}

#[test]
fn export_then_import_round_trips() {
    let (tmp, data) = setup();
    for name in ["registri.xlsx", "registri.csv"] {
        let file = tmp.path().join(name);
        let run = loket(&data, &["registry", "export", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("3 baris diekspor"), "{}", run.stdout);
        let back = loket(
            &data,
            &["registry", "import", file.to_str().unwrap(), "--dry-run"],
        );
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert!(
            back.stderr.contains("0 baru, 0 diubah, 3 tetap, 0 ditolak"),
            "{}",
            back.stderr
        );
    }
    let filtered = tmp.path().join("aktif.csv");
    let run = loket(
        &data,
        &[
            "registry",
            "export",
            filtered.to_str().unwrap(),
            "--status",
            "aktif",
        ],
    );
    assert!(run.stdout.contains("1 baris diekspor"), "{}", run.stdout);
}
