//! Benchmark of the registry with 200,000 people.
//!
//!     cargo run --release -p loket-core --example bench_registry [-- PEOPLE [RUNS]]
//!
//! Builds an office in a temporary folder by importing a generated CSV of
//! 200,000 people (about 60% with an active certificate, some revoked with
//! reasons, some expired, some expiring within 30 days) through the real
//! `import_apply`, then times search, registry pages, counts, the expiry
//! radar, the revoked list, exports and a re-import, and prints a table of
//! median and 95th percentile times.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Days, Months, NaiveDate};
use loket_core::registry::{ImportSource, RegistryQuery, RegistrySort, RegistryStatus};
use loket_core::testing::{office, person};
use loket_core::{Caller, Loket};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const FIRST: [&str; 40] = [
    "Ahmad",
    "Siti",
    "Budi",
    "Rina",
    "Muhammad",
    "Dewi",
    "Agus",
    "Nur",
    "Hendra",
    "Yuliana",
    "Rahmat",
    "Fitri",
    "Bambang",
    "Sri",
    "Joko",
    "Ratna",
    "Aminah",
    "Rizal",
    "Wahyu",
    "Indah",
    "Fajar",
    "Lina",
    "Gusti",
    "Noor",
    "Syarif",
    "Hj. Salmah",
    "Taufik",
    "Mariani",
    "Iwan",
    "Yanti",
    "Heru",
    "Novita",
    "Arief",
    "Kartini",
    "Dedi",
    "Susanti",
    "Irfan",
    "Fauziah",
    "Hasan",
    "Zainab",
];
const MIDDLE: [&str; 30] = [
    "", "Nur", "Dwi", "Tri", "Eka", "Putri", "Adi", "Sri", "Rahma", "Abdul", "Ayu", "Indra",
    "Mega", "Hadi", "Wulan", "Bayu", "Citra", "Rizky", "Kurnia", "Yusuf", "Dian", "Agung",
    "Fitria", "Budi", "Lestari", "Jaya", "Intan", "Surya", "Ratih", "Aulia",
];
const LAST: [&str; 60] = [
    "Fauzi",
    "Aminah",
    "Santoso",
    "Wulandari",
    "Rizki",
    "Lestari",
    "Setiawan",
    "Hidayah",
    "Gunawan",
    "Sari",
    "Hakim",
    "Rahayu",
    "Pratama",
    "Maulida",
    "Saputra",
    "Anggraini",
    "Noor",
    "Rahman",
    "Hidayat",
    "Kusuma",
    "Firdaus",
    "Ramadhan",
    "Utami",
    "Syahputra",
    "Wijaya",
    "Permana",
    "Nugroho",
    "Susilo",
    "Kurniawan",
    "Handayani",
    "Rosyidah",
    "Mahmud",
    "Baihaqi",
    "Ansyari",
    "Husna",
    "Aziz",
    "Mulyani",
    "Haris",
    "Zulkifli",
    "Hafiz",
    "Arifin",
    "Syafei",
    "Effendi",
    "Rusdi",
    "Hamidah",
    "Yusran",
    "Zakiah",
    "Fadillah",
    "Jannah",
    "Rosadi",
    "Sulaiman",
    "Hairani",
    "Mardiana",
    "Junaidi",
    "Riduan",
    "Khairunnisa",
    "Muliadi",
    "Norhayati",
    "Saberan",
    "Taufiq",
];
const TITLES: [&str; 5] = ["", ", S.Kom.", ", S.E.", ", S.Pd.", ", S.H., M.H."];
const REASONS: [&str; 5] = [
    "kehilangan",
    "pensiun",
    "Lupa passphrase",
    "mutasi",
    "pensiun: pensiun dini atas permintaan sendiri",
];

fn units() -> Vec<String> {
    let mut u: Vec<String> = [
        "Dinas Komunikasi dan Informatika",
        "Dinas Kesehatan",
        "Dinas Pendidikan dan Kebudayaan",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Sekretariat Daerah",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Dinas Sosial",
        "Dinas Perhubungan",
        "Dinas Pertanian",
        "Badan Perencanaan Pembangunan Daerah",
        "Inspektorat Daerah",
        "Satuan Polisi Pamong Praja",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Lingkungan Hidup",
        "RSUD Datu Sanggul",
    ]
    .map(String::from)
    .to_vec();
    for k in [
        "Tapin Utara",
        "Tapin Selatan",
        "Tapin Tengah",
        "Candi Laras Utara",
        "Candi Laras Selatan",
        "Bakarangan",
        "Binuang",
        "Hatungun",
        "Lokpaikat",
        "Piani",
        "Salam Babaris",
        "Bungur",
    ] {
        u.push(format!("Kecamatan {k}"));
        u.push(format!("Puskesmas {k}"));
    }
    u
}

fn name(i: usize) -> String {
    let h = i.wrapping_mul(2_654_435_761) >> 7;
    let first = FIRST[h % FIRST.len()];
    let middle = MIDDLE[(h / 40) % MIDDLE.len()];
    let last = LAST[(h / 1200) % LAST.len()];
    let title = TITLES[(h / 72_000) % TITLES.len()];
    let mid = if middle.is_empty() {
        String::new()
    } else {
        format!(" {middle}")
    };
    format!("{first}{mid} {last}{title}")
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes the generated office: people and their certificate columns.
fn write_csv(path: &Path, n: usize, today: NaiveDate) {
    let units = units();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        f,
        "nama,nik,nip,jenis_pegawai,golongan,jabatan,unit_kerja,email,telepon,status_sertifikat,terbit,berlaku_sampai,dicabut,alasan_pencabutan"
    )
    .unwrap();
    for i in 0..n {
        let p = person(i);
        let unit = &units[(i / 7) % units.len()];
        let bucket = (i * 37) % 100;
        let spread = ((i * 7919) % 730) as u64;
        let days_ago = |d: u64| today.checked_sub_days(Days::new(d)).unwrap();
        let plus2y = |d: NaiveDate| d.checked_add_months(Months::new(24)).unwrap();
        let (status, issued, expires, revoked, reason) = match bucket {
            // Active: issued within the last two years, so expiries spread
            // evenly over the next two (about 4% within 30 days).
            0..60 => {
                let issued = days_ago(spread);
                ("ISSUE", Some(issued), Some(plus2y(issued)), None, "")
            }
            60..65 => {
                let issued = days_ago(200 + spread);
                let revoked = issued.checked_add_days(Days::new(90)).unwrap();
                (
                    "REVOKE",
                    Some(issued),
                    Some(plus2y(issued)),
                    Some(revoked),
                    REASONS[i % REASONS.len()],
                )
            }
            65..75 => {
                let issued = days_ago(800 + spread);
                ("EXPIRED", Some(issued), Some(plus2y(issued)), None, "")
            }
            // ISSUE past its expiry: derived as kedaluwarsa.
            75..78 => {
                let issued = days_ago(740 + spread % 30);
                ("ISSUE", Some(issued), Some(plus2y(issued)), None, "")
            }
            78..80 => ("WAITING_FOR_VERIFICATION", None, None, None, ""),
            _ => ("", None, None, None, ""),
        };
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        let fields = [
            name(i),
            p.nik.unwrap(),
            p.nip.unwrap(),
            p.jenis_pegawai.unwrap(),
            p.golongan.unwrap(),
            p.jabatan.unwrap(),
            unit.clone(),
            p.email.unwrap(),
            p.telepon.unwrap(),
            status.to_string(),
            d(issued),
            d(expires),
            d(revoked),
            reason.to_string(),
        ];
        let line: Vec<String> = fields.iter().map(|s| csv_cell(s)).collect();
        writeln!(f, "{}", line.join(",")).unwrap();
    }
    f.flush().unwrap();
}

struct Stats {
    median: Duration,
    p95: Duration,
    runs: usize,
    /// How far resident memory rose during the step (Linux), when measured.
    peak_mb: Option<f64>,
}

/// Resets the kernel's peak-RSS mark so the next step's peak is its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_mb() -> Option<f64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
        })
}

fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    f(); // warm the page cache and the statement cache
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    Stats {
        median: times[times.len() / 2],
        p95: times[(times.len() * 95).div_ceil(100) - 1],
        runs,
        peak_mb: None,
    }
}

fn rss_mb() -> Option<f64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
        })
}

/// Times one run and how far resident memory rose above where it started.
fn once(f: impl FnOnce()) -> Stats {
    reset_peak();
    let before = rss_mb();
    let t = Instant::now();
    f();
    let d = t.elapsed();
    Stats {
        median: d,
        p95: d,
        runs: 1,
        peak_mb: peak_mb().zip(before).map(|(peak, before)| peak - before),
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.2} ms")
    }
}

fn page(loket: &Loket, who: &Caller, q: RegistryQuery) -> (i64, usize) {
    let p = loket.registry(who, &q).unwrap();
    (p.total, p.rows.len())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    // LOKET_BENCH_DIR keeps the office and the files for a look afterwards.
    let keep = std::env::var_os("LOKET_BENCH_DIR").map(std::path::PathBuf::from);
    let tmp = tempfile::tempdir().unwrap();
    let root = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&root).unwrap();
    struct Dir(std::path::PathBuf);
    impl Dir {
        fn path(&self) -> &Path {
            &self.0
        }
    }
    let dir = Dir(root);
    let (loket, admin) = office(&dir.path().join("office"));
    let today = loket.today();
    let csv = dir.path().join("pegawai.csv");
    write_csv(&csv, n, today);
    let csv_mb = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;

    let mut table: Vec<(String, Stats, String)> = Vec::new();
    let source = ImportSource::File(csv.clone());

    let mut report = None;
    let s = once(|| report = Some(loket.import_apply(&admin, &source, None).unwrap()));
    let r = report.unwrap();
    assert_eq!(r.counts.rejected, 0, "{:?}", r.rejected.first());
    table.push((
        format!("import_apply CSV, {n} new ({csv_mb:.0} MB)"),
        s,
        format!(
            "{} people, {} certificates",
            r.counts.new, r.counts.certificates
        ),
    ));

    let units = units();
    let sample = person(123_456 % n);
    let nik = sample.nik.clone().unwrap();
    let nip = sample.nip.clone().unwrap();
    let q = |search: &str| RegistryQuery {
        search: Some(search.to_string()),
        ..RegistryQuery::default()
    };
    let searches: Vec<(String, RegistryQuery)> = vec![
        ("search name prefix \"ami\"".into(), q("ami")),
        ("search name \"aminah\"".into(), q("aminah")),
        ("search two words \"siti nur\"".into(), q("siti nur")),
        ("search rare \"zainab zakiah\"".into(), q("zainab zakiah")),
        ("search unit word \"puskesmas\"".into(), q("puskesmas")),
        (format!("search NIK prefix {}", &nik[..10]), q(&nik[..10])),
        ("search full NIK".into(), q(&nik)),
        (format!("search NIP prefix {}", &nip[..8]), q(&nip[..8])),
        ("search broad digits \"6305\"".into(), q("6305")),
        ("search no match \"xyzzy\"".into(), q("xyzzy")),
    ];
    for (label, query) in searches {
        let mut found = (0, 0);
        let s = measure(runs, || found = page(&loket, &admin, query.clone()));
        table.push((label, s, format!("{} match", found.0)));
    }

    let pages: Vec<(&str, RegistryQuery)> = vec![
        ("page 1, all, by name", RegistryQuery::default()),
        (
            "page at offset 150000, by name",
            RegistryQuery {
                offset: Some(150_000.min(n as i64 - 50)),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, status aktif",
            RegistryQuery {
                status: Some(RegistryStatus::Aktif),
                ..RegistryQuery::default()
            },
        ),
        (
            "page at offset 100000, status aktif",
            RegistryQuery {
                status: Some(RegistryStatus::Aktif),
                offset: Some(100_000.min(n as i64 / 2)),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, status dicabut",
            RegistryQuery {
                status: Some(RegistryStatus::Dicabut),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, status kedaluwarsa",
            RegistryQuery {
                status: Some(RegistryStatus::Kedaluwarsa),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, status belum",
            RegistryQuery {
                status: Some(RegistryStatus::Belum),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, one unit",
            RegistryQuery {
                unit: Some(units[1].clone()),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, one unit + aktif",
            RegistryQuery {
                unit: Some(units[1].clone()),
                status: Some(RegistryStatus::Aktif),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, unit + aktif + search",
            RegistryQuery {
                unit: Some(units[1].clone()),
                status: Some(RegistryStatus::Aktif),
                search: Some("siti".into()),
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, sorted by expiry",
            RegistryQuery {
                sort: RegistrySort::BerlakuSampai,
                ..RegistryQuery::default()
            },
        ),
        (
            "page 1, expiring within 30 days",
            RegistryQuery {
                expiring_within_days: Some(30),
                ..RegistryQuery::default()
            },
        ),
    ];
    for (label, query) in pages {
        let mut found = (0, 0);
        let s = measure(runs, || found = page(&loket, &admin, query.clone()));
        table.push((
            label.to_string(),
            s,
            format!("{} match, {} rows", found.0, found.1),
        ));
    }

    let small = runs.min(50);
    let mut info = String::new();
    let s = measure(small, || {
        let u = loket.active_per_unit(&admin).unwrap();
        info = format!("{} units", u.len());
    });
    table.push(("active_per_unit".into(), s, info.clone()));
    let s = measure(small, || {
        let t = loket.registry_totals(&admin).unwrap();
        info = format!(
            "aktif {}, kedaluwarsa {}, dicabut {}, belum {}",
            t.aktif, t.kedaluwarsa, t.dicabut, t.belum
        );
    });
    table.push(("registry_totals".into(), s, info.clone()));
    let s = measure(small, || {
        info = format!("{} rows", loket.expiring(&admin, None).unwrap().len());
    });
    table.push(("expiring(30 days), all rows".into(), s, info.clone()));
    let s = measure(small, || {
        info = format!("{} rows", loket.revoked_list(&admin).unwrap().len());
    });
    table.push(("revoked_list, all rows".into(), s, info.clone()));

    let xlsx = dir.path().join("registri.xlsx");
    let s = once(|| {
        let r = loket
            .export_registry(&admin, &RegistryQuery::default(), &xlsx)
            .unwrap();
        info = format!(
            "{} rows, {:.1} MB",
            r.rows,
            std::fs::metadata(&xlsx).unwrap().len() as f64 / 1e6
        );
    });
    table.push(("export_registry XLSX, all".into(), s, info.clone()));
    let out_csv = dir.path().join("registri.csv");
    let s = once(|| {
        let r = loket
            .export_registry(&admin, &RegistryQuery::default(), &out_csv)
            .unwrap();
        info = format!(
            "{} rows, {:.1} MB",
            r.rows,
            std::fs::metadata(&out_csv).unwrap().len() as f64 / 1e6
        );
    });
    table.push(("export_registry CSV, all".into(), s, info.clone()));

    let exported = ImportSource::File(out_csv.clone());
    let s = once(|| {
        let p = loket.import_preview(&admin, &exported, None).unwrap();
        info = format!(
            "{} unchanged, {} new, {} update, {} rejected",
            p.counts.unchanged, p.counts.new, p.counts.update, p.counts.rejected
        );
    });
    table.push(("import_preview of the CSV export".into(), s, info.clone()));
    let s = once(|| {
        let r = loket.import_apply(&admin, &source, None).unwrap();
        info = format!(
            "{} unchanged, {} new, {} update",
            r.counts.unchanged, r.counts.new, r.counts.update
        );
    });
    table.push(("import_apply same CSV again".into(), s, info.clone()));
    let xlsx_source = ImportSource::File(xlsx.clone());
    let s = once(|| {
        let p = loket.import_preview(&admin, &xlsx_source, None).unwrap();
        info = format!(
            "{} unchanged, {} new, {} update, {} rejected",
            p.counts.unchanged, p.counts.new, p.counts.update, p.counts.rejected
        );
    });
    table.push(("import_preview of the XLSX export".into(), s, info.clone()));

    let db_mb = std::fs::metadata(dir.path().join("office").join("loket.sqlite3"))
        .map(|m| format!("{:.0} MB", m.len() as f64 / 1e6))
        .unwrap_or_else(|_| "?".into());
    println!(
        "\nRegistry benchmark: {n} people, release build, {runs} runs per query (median / p95)\n"
    );
    let w = table.iter().map(|r| r.0.len()).max().unwrap_or(10);
    println!(
        "{:w$}  {:>10}  {:>10}  {:>4}  {:>8}  result",
        "operation", "median", "p95", "runs", "+RSS"
    );
    for (label, s, info) in &table {
        let peak = s.peak_mb.map(|m| format!("+{m:.0} MB")).unwrap_or_default();
        println!(
            "{label:w$}  {:>10}  {:>10}  {:>4}  {peak:>8}  {info}",
            ms(s.median),
            ms(s.p95),
            s.runs
        );
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\ndatabase file {db_mb}; load average at the end: {}",
        load.trim()
    );
}
