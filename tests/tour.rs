//! A tour of a realistic office through the real window: a staff list
//! imported with certificates (some expiring, some revoked), requests at
//! different steps (one overdue for two days, one waiting on an emailed link
//! that expires soon), seen by the verifier on "Hari ini", the request page,
//! Pengguna TTE and Laporan. The screenshots it saves are the README's.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Local};
use loket_e2e::{App, cli, cli_with_stdin, prepare, sign_in};
use std::path::Path;

fn at(t: chrono::DateTime<Local>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Runs `loket --at TIME args…`.
fn cli_at(dir: &Path, t: chrono::DateTime<Local>, args: &[&str]) -> String {
    let when = at(t);
    let mut all = vec!["--at", when.as_str()];
    all.extend_from_slice(args);
    cli(dir, &all)
}

fn step(dir: &Path, t: chrono::DateTime<Local>, nomor: &str, who: &str, extra: &[&str]) {
    let mut args = vec![
        "request",
        "step",
        nomor,
        "--outcome",
        "done",
        "--as",
        who,
        "--check",
        "all",
    ];
    args.extend_from_slice(extra);
    cli_at(dir, t, &args);
}

#[test]
fn a_day_at_the_office() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
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
            "Wahyudi Pranoto",
            "--password-stdin",
        ],
        "rahasia-123\n",
    );
    // The staff list as the office kept it in Excel, with certificates.
    let now = Local::now();
    let today = now.date_naive();
    let mut csv = String::from(
        "nama,nik,nip,jenis_pegawai,golongan,jabatan,unit_kerja,email,telepon,status_sertifikat,terbit,berlaku_sampai,dicabut,alasan_pencabutan\n",
    );
    for i in 0..24 {
        let p = loket_core::testing::person(100 + i);
        let expires = today + Duration::days([9, 21, 27, 200, 400, 500][i % 6]);
        let issued = expires - Duration::days(730);
        let (status, revoked, reason) = match i {
            5 => (
                "REVOKE",
                (today - Duration::days(40)).to_string(),
                "kehilangan",
            ),
            11 => (
                "REVOKE",
                (today - Duration::days(12)).to_string(),
                "pensiun",
            ),
            17 => ("", String::new(), ""),
            _ => ("ISSUE", String::new(), ""),
        };
        let (issued, expires) = if status.is_empty() {
            (String::new(), String::new())
        } else {
            (issued.to_string(), expires.to_string())
        };
        csv.push_str(&format!(
            "\"{}\",{},{},pns,{},{},{},{},{},{status},{issued},{expires},{revoked},{reason}\n",
            p.nama.unwrap(),
            p.nik.unwrap(),
            p.nip.unwrap(),
            p.golongan.unwrap(),
            p.jabatan.unwrap(),
            p.unit_kerja.unwrap(),
            p.email.unwrap(),
            p.telepon.unwrap()
        ));
    }
    let sheet = dir.join("daftar pegawai.csv");
    std::fs::write(&sheet, csv).unwrap();
    cli(dir, &["registry", "import", sheet.to_str().unwrap()]);

    // A revocation filed two days ago, still at its first step: overdue.
    let late = cli_at(
        dir,
        now - Duration::days(2),
        &[
            "request",
            "create",
            "--type",
            "pencabutan",
            "--person",
            "1",
            "--reason",
            "mutasi",
        ],
    );
    let late = late.trim().to_string();
    // An issuance that reached the emailed link for identity and face scan
    // twenty hours ago: the link (24 hours) expires soon.
    let p = loket_core::testing::person(400);
    let pj = dir.join("p400.json");
    std::fs::write(&pj, serde_json::to_string(&p).unwrap()).unwrap();
    cli(dir, &["person", "add", "--json", pj.to_str().unwrap()]);
    let nik = p.nik.unwrap();
    let issuance = cli_at(
        dir,
        now - Duration::hours(22),
        &[
            "request",
            "create",
            "--type",
            "penerbitan",
            "--person",
            &nik,
        ],
    );
    let issuance = issuance.trim().to_string();
    let mut t = now - Duration::hours(21);
    let docs = ["--override-documents", "Berkas asli diterima di loket"];
    step(dir, t, &issuance, "vera", &docs);
    t += Duration::minutes(20);
    cli_at(
        dir,
        t,
        &[
            "request",
            "step",
            &issuance,
            "--outcome",
            "done",
            "--as",
            "kadin",
            "--note",
            "Proses sesuai SOP",
        ],
    );
    for (i, extra) in [
        &[][..],
        &["--condition", "no"],
        &["--condition", "no"],
        &[],
        &[],
    ]
    .iter()
    .enumerate()
    {
        t += Duration::minutes(5 + i as i64);
        step(dir, t, &issuance, "vera", extra);
    }
    // A second revocation waiting for the head's disposisi under Madiun's SOP.
    cli(dir, &["sop", "default", "pencabutan", "madiun-pencabutan"]);
    let p = loket_core::testing::person(401);
    let pj = dir.join("p401.json");
    std::fs::write(&pj, serde_json::to_string(&p).unwrap()).unwrap();
    cli(dir, &["person", "add", "--json", pj.to_str().unwrap()]);
    let nik = p.nik.unwrap();
    let madiun = cli_at(
        dir,
        now - Duration::minutes(40),
        &[
            "request",
            "create",
            "--type",
            "pencabutan",
            "--person",
            &nik,
            "--reason",
            "pensiun",
        ],
    );
    step(
        dir,
        now - Duration::minutes(30),
        madiun.trim(),
        "vera",
        &docs,
    );

    let app = App::launch("tour", dir);
    sign_in(&app, "vera");
    let queue = app.wait_text("#my-queue", &late);
    assert!(queue.contains(&issuance), "{queue}");
    app.wait_text("#due-late", &late);
    // Step 8 (3 minutes standard) is long overdue, and its emailed link
    // expires within hours: both are said.
    let lates = app.wait_text("#due-late", &issuance);
    assert!(lates.contains("Tautan"), "{lates}");
    app.wait_text("#home-expiring", "hari");
    app.screenshot("tour-beranda");

    app.go(&format!("#/permohonan/{issuance}"));
    app.wait("#timeline");
    app.wait_text("li[data-step='8']", "Tautan");
    app.screenshot("tour-request");

    app.go("#/pengguna");
    app.wait("#people-table");
    let totals = app.text("#registry-totals");
    // 24 imported: 2 revoked, 1 without a certificate, 21 active; 12 of
    // those expire within 30 days (9, 21 and 27 days out).
    assert!(
        totals.contains("21Aktif") && totals.contains("12berakhir") && totals.contains("2Dicabut"),
        "{totals}"
    );
    app.screenshot("tour-pengguna");

    app.go("#/laporan");
    app.wait("#content h1");
    std::thread::sleep(std::time::Duration::from_millis(600));
    app.screenshot("tour-laporan");

    app.click("#sign-out");
    sign_in(&app, "kadin");
    app.wait_text("#my-queue", madiun.trim());
    app.screenshot("tour-kadin");
}
