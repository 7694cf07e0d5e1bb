//! The English switch covers the window: every section, once switched,
//! shows no Indonesian interface words (the office's own data, such as the
//! SOP's wording or names, stays as written).

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_e2e::{App, cli, prepare, sign_in};

/// Interface words that must not appear once English is on. None of them
/// occurs in the seeds' SOP wording or in the test's data.
const INDONESIAN: [&str; 14] = [
    "Beranda",
    "Pengaturan",
    "Keluar",
    "Simpan",
    "Batal",
    "Ekspor",
    "Cari ",
    "Berikutnya",
    "Tampilkan",
    "Lampirkan",
    "Pengguna TTE",
    "Laporan",
    "Belum ada",
    "Selamat datang",
];

#[test]
fn every_section_speaks_english_once_switched() {
    let data = tempfile::tempdir().unwrap();
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
    let app = App::launch("english", data.path());
    sign_in(&app, "admin");
    app.click("#lang-en");
    app.wait_text("#nav-beranda", "Home");
    let sections = [
        ("#/beranda", "#beranda"),
        ("#/permohonan", "#requests-table"),
        (&format!("#/permohonan/{nomor}") as &str, "#timeline"),
        ("#/permohonan/baru", "#request-form"),
        ("#/pengguna", "#registry-page"),
        ("#/surat", "#content h1"),
        ("#/laporan", "#content h1"),
        ("#/pengaturan", "#settings"),
        ("#/log", "#log-page"),
        ("#/sop/tapin-pencabutan", "#sop-table"),
    ];
    for (hash, ready) in sections {
        app.go(hash);
        app.wait(ready);
        std::thread::sleep(std::time::Duration::from_millis(400));
        let text = app.text("#app");
        for word in INDONESIAN {
            assert!(!text.contains(word), "{hash} still shows {word:?}:\n{text}");
        }
        app.screenshot(&format!(
            "english-{}",
            hash.trim_start_matches("#/").replace('/', "-")
        ));
    }
}
