//! The registry of TTE users and its spreadsheets, against a real office in
//! a temporary folder (clock fixed at 21 November 2026, 09:00 WITA).

// Helpers outside #[test] functions fail loudly by design too.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use loket_core::certificates::CertificateInput;
use loket_core::model::{CertStatus, Person, PersonInput, RevocationReason, Role};
use loket_core::registry::{
    ImportAction, ImportField, ImportMapping, ImportSource, RegistryQuery, RegistrySort,
    RegistryStatus, SheetFormat, registry_status,
};
use loket_core::testing::{caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Office {
    dir: tempfile::TempDir,
    loket: Loket,
    admin: Caller,
}

fn setup() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(&dir.path().join("office"));
    Office { dir, loket, admin }
}

impl Office {
    fn add(&self, i: usize) -> Person {
        self.loket.add_person(&self.admin, &person(i)).unwrap()
    }

    fn cert(&self, id: i64, status: CertStatus, issued: Option<&str>, expires: Option<&str>) {
        self.loket
            .record_certificate(
                &self.admin,
                id,
                &CertificateInput {
                    status: Some(status),
                    issued_on: issued.map(d),
                    expires_on: expires.map(d),
                },
            )
            .unwrap();
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn query(&self, q: RegistryQuery) -> (i64, Vec<i64>) {
        let page = self.loket.registry(&self.admin, &q).unwrap();
        (page.total, page.rows.iter().map(|r| r.person.id).collect())
    }

    fn search(&self, text: &str) -> Vec<i64> {
        let (total, ids) = self.query(RegistryQuery {
            search: Some(text.into()),
            limit: Some(1000),
            ..RegistryQuery::default()
        });
        assert_eq!(
            total as usize,
            ids.len(),
            "total matches the rows for {text}"
        );
        ids
    }

    /// People, certificate records and audit entries, read straight from
    /// the database file: what "nothing changed" means.
    fn footprint(&self) -> (i64, i64, i64) {
        let conn = rusqlite::Connection::open(self.loket.paths().database()).unwrap();
        let n = |t: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        (n("people"), n("certificates"), n("audit_log"))
    }

    fn audit(&self, action: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let conn = rusqlite::Connection::open(self.loket.paths().database()).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT coalesce(entity_id, ''), old_value, new_value FROM audit_log
                 WHERE action = ?1 ORDER BY id",
            )
            .unwrap();
        stmt.query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    }

    fn preview(&self, path: &Path) -> loket_core::registry::ImportPreview {
        self.loket
            .import_preview(&self.admin, &ImportSource::File(path.to_path_buf()), None)
            .unwrap()
    }

    fn apply(&self, path: &Path) -> loket_core::registry::ImportReport {
        self.loket
            .import_apply(&self.admin, &ImportSource::File(path.to_path_buf()), None)
            .unwrap()
    }
}

const PERSON_HEADER: [&str; 10] = [
    "nama",
    "nama_tanpa_gelar",
    "nik",
    "nip",
    "jenis_pegawai",
    "golongan",
    "jabatan",
    "unit_kerja",
    "email",
    "telepon",
];

fn person_cells(p: &PersonInput) -> Vec<String> {
    [
        &p.nama,
        &p.nama_tanpa_gelar,
        &p.nik,
        &p.nip,
        &p.jenis_pegawai,
        &p.golongan,
        &p.jabatan,
        &p.unit_kerja,
        &p.email,
        &p.telepon,
    ]
    .iter()
    .map(|v| (*v).clone().unwrap_or_default())
    .collect()
}

/// A CSV of people with the certificate columns after the person's.
fn write_csv(path: &Path, rows: &[(PersonInput, [&str; 5])]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    let mut header: Vec<&str> = PERSON_HEADER.to_vec();
    header.extend([
        "status_sertifikat",
        "terbit",
        "berlaku_sampai",
        "dicabut",
        "alasan_pencabutan",
    ]);
    w.write_record(&header).unwrap();
    for (p, cert) in rows {
        let mut cells = person_cells(p);
        cells.extend(cert.iter().map(|s| s.to_string()));
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
}

const NO_CERT: [&str; 5] = ["", "", "", "", ""];

#[test]
fn status_is_derived_from_the_latest_record_and_today() {
    let today = d("2026-11-21");
    use CertStatus::*;
    use RegistryStatus as R;
    // (BSrE status, expiry, expected)
    let cases: [(Option<CertStatus>, Option<&str>, RegistryStatus); 15] = [
        (None, None, R::Belum),
        (Some(Issue), Some("2027-06-01"), R::Aktif),
        (Some(Issue), Some("2026-11-22"), R::Aktif),
        (Some(Issue), Some("2026-11-21"), R::Aktif), // expiry day: still signs
        (Some(Issue), Some("2026-11-20"), R::Kedaluwarsa), // expired yesterday
        (Some(Issue), None, R::Aktif),
        (Some(Expired), Some("2027-06-01"), R::Kedaluwarsa),
        (Some(Expired), None, R::Kedaluwarsa),
        (Some(Revoke), Some("2027-06-01"), R::Dicabut),
        (Some(Suspend), Some("2027-06-01"), R::Ditangguhkan),
        (Some(NoCertificate), None, R::Belum),
        (Some(NotRegistered), None, R::Belum),
        (Some(New), None, R::Belum),
        (Some(WaitingForVerification), None, R::Belum),
        (Some(Renew), Some("2027-06-01"), R::Belum),
    ];
    for (status, expiry, expected) in cases {
        assert_eq!(
            registry_status(status, expiry.map(d), today),
            expected,
            "{status:?} expiring {expiry:?}"
        );
    }
}

#[test]
fn status_filters_rows_and_counts_agree_with_the_derivation() {
    let o = setup();
    let p: Vec<Person> = (0..16).map(|i| o.add(i)).collect();
    use CertStatus::*;
    o.cert(p[1].id, Issue, Some("2025-06-01"), Some("2027-06-01"));
    o.cert(p[2].id, Issue, Some("2024-11-21"), Some("2026-11-21"));
    o.cert(p[3].id, Issue, Some("2024-11-20"), Some("2026-11-20"));
    o.cert(p[4].id, Expired, Some("2022-01-01"), None);
    o.cert(p[5].id, Revoke, Some("2025-01-01"), None);
    o.cert(p[6].id, Suspend, Some("2025-01-01"), None);
    o.cert(p[7].id, WaitingForVerification, None, None);
    o.cert(p[8].id, New, None, None);
    o.cert(p[9].id, NoCertificate, None, None);
    o.cert(p[10].id, NotRegistered, None, None);
    o.cert(p[11].id, Renew, None, None);
    // Issued, then revoked later (a record without issue date is ordered
    // by when it was recorded): revoked.
    o.cert(p[12].id, Issue, Some("2022-01-01"), Some("2027-01-01"));
    o.cert(p[12].id, Revoke, None, None);
    // Revoked, then issued again: active.
    o.cert(p[13].id, Revoke, Some("2023-01-01"), None);
    o.cert(p[13].id, Issue, Some("2025-01-01"), Some("2027-01-01"));
    // Active without a recorded expiry: issued today, default two years.
    o.cert(p[14].id, Issue, Some("2026-11-21"), None);
    o.cert(p[15].id, Issue, None, None);

    let expected: BTreeMap<RegistryStatus, Vec<usize>> = BTreeMap::from([
        (RegistryStatus::Aktif, vec![1, 2, 13, 14, 15]),
        (RegistryStatus::Kedaluwarsa, vec![3, 4]),
        (RegistryStatus::Dicabut, vec![5, 12]),
        (RegistryStatus::Ditangguhkan, vec![6]),
        (RegistryStatus::Belum, vec![0, 7, 8, 9, 10, 11]),
    ]);
    let today = o.loket.today();
    for (status, indexes) in &expected {
        let page = o
            .loket
            .registry(
                &o.admin,
                &RegistryQuery {
                    status: Some(*status),
                    sort: RegistrySort::Nik,
                    ..RegistryQuery::default()
                },
            )
            .unwrap();
        let mut got: Vec<i64> = page.rows.iter().map(|r| r.person.id).collect();
        got.sort();
        let want: Vec<i64> = indexes.iter().map(|&i| p[i].id).collect();
        assert_eq!(got, want, "filter {status:?}");
        assert_eq!(page.total as usize, want.len());
        for row in &page.rows {
            assert_eq!(row.status, *status);
            assert_eq!(
                registry_status(row.status_bsre, row.expires_on, today),
                *status,
                "the SQL filter and the Rust derivation agree"
            );
        }
    }
    let all = o
        .loket
        .registry(&o.admin, &RegistryQuery::default())
        .unwrap();
    let row = |i: usize| all.rows.iter().find(|r| r.person.id == p[i].id).unwrap();
    assert_eq!(row(2).days_to_expiry, Some(0));
    assert_eq!(row(3).days_to_expiry, Some(-1));
    assert_eq!(row(1).days_to_expiry, Some(192));
    assert_eq!(row(14).expires_on, Some(d("2028-11-21")));
    assert_eq!(row(12).status_bsre, Some(CertStatus::Revoke));
    assert_eq!(row(0).status_bsre, None);

    let totals = o.loket.registry_totals(&o.admin).unwrap();
    assert_eq!(
        (
            totals.pegawai,
            totals.aktif,
            totals.kedaluwarsa,
            totals.dicabut,
            totals.ditangguhkan,
            totals.belum
        ),
        (16, 5, 2, 2, 1, 6)
    );
    // Expiring within 30 days: p2 (today) only; p1 is months away.
    assert_eq!(totals.segera_kedaluwarsa, 1);
    let units = o.loket.active_per_unit(&o.admin).unwrap();
    assert_eq!(units.len(), 8, "the fixture's eight units");
    assert_eq!(units.iter().map(|u| u.aktif).sum::<i64>(), 5);
    assert_eq!(units.iter().map(|u| u.pegawai).sum::<i64>(), 16);
    for u in &units {
        assert_eq!(
            u.pegawai,
            u.aktif + u.kedaluwarsa + u.dicabut + u.ditangguhkan + u.belum
        );
    }
    let mut sorted: Vec<&str> = units.iter().map(|u| u.unit_kerja.as_str()).collect();
    sorted.sort();
    assert_eq!(
        units
            .iter()
            .map(|u| u.unit_kerja.as_str())
            .collect::<Vec<_>>(),
        sorted
    );
}

#[test]
fn search_finds_name_prefixes_nik_nip_and_units() {
    let o = setup();
    let people: Vec<Person> = (0..48).map(|i| o.add(i)).collect();
    let ids = |f: &dyn Fn(&Person) -> bool| -> Vec<i64> {
        let mut v: Vec<i64> = people.iter().filter(|p| f(p)).map(|p| p.id).collect();
        v.sort();
        v
    };
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    // People 16..32 are "… Aminah" in the fixture.
    let aminah = ids(&|p| p.data.nama.contains("Aminah"));
    assert_eq!(aminah.len(), 16);
    assert_eq!(sorted(o.search("ami")), aminah, "prefix of a name");
    assert_eq!(sorted(o.search("AMINAH")), aminah, "case does not matter");
    assert_eq!(
        sorted(o.search("siti ami")),
        ids(&|p| p.data.nama.starts_with("Siti Aminah")),
        "every word must match"
    );
    let kesehatan = ids(&|p| p.data.unit_kerja == "Dinas Kesehatan");
    assert_eq!(sorted(o.search("kesehatan")), kesehatan, "a unit word");
    assert_eq!(
        sorted(o.search("aminah kesehatan")),
        ids(&|p| p.data.nama.contains("Aminah") && p.data.unit_kerja == "Dinas Kesehatan")
    );
    let p5 = &people[5];
    assert_eq!(o.search(&p5.data.nik), [p5.id], "a whole NIK");
    let nik_prefix = &p5.data.nik[..12];
    assert_eq!(
        sorted(o.search(nik_prefix)),
        ids(&|p| p.data.nik.starts_with(nik_prefix)),
        "a NIK prefix"
    );
    assert!(o.search(nik_prefix).contains(&p5.id));
    let nip = p5.data.nip.clone().unwrap();
    assert_eq!(
        o.search(&format!(
            "{} {} {} {}",
            &nip[..8],
            &nip[8..14],
            &nip[14..15],
            &nip[15..]
        )),
        [p5.id],
        "a NIP typed in its printed groups"
    );
    assert_eq!(
        sorted(o.search(&nip[..6])),
        ids(&|p| p
            .data
            .nip
            .as_deref()
            .is_some_and(|n| n.starts_with(&nip[..6]))),
        "a NIP prefix"
    );
    assert!(o.search("xyzzy").is_empty());
    assert!(o.search("9999").is_empty());
    // What FTS5 would read as syntax is searched as plain words.
    assert!(o.search("\"ami* OR NOT (").is_empty());
    assert_eq!(o.search("  ").len(), 48, "an empty search lists everyone");

    // The index follows changes to names and units.
    let mut renamed = person(5);
    renamed.nama = Some("Zulaikha Rahmawati, S.E.".into());
    renamed.unit_kerja = Some("Kecamatan Binuang".into());
    o.loket.update_person(&o.admin, p5.id, &renamed).unwrap();
    assert_eq!(o.search("zulai"), [p5.id]);
    assert_eq!(o.search("binuang"), [p5.id]);
    assert!(!o.search(&p5.data.nama_tanpa_gelar).contains(&p5.id));
}

#[test]
fn pages_are_sorted_and_counted() {
    let o = setup();
    let people: Vec<Person> = (0..30).map(|i| o.add(i)).collect();
    o.cert(
        people[3].id,
        CertStatus::Issue,
        Some("2025-01-10"),
        Some("2027-01-10"),
    );
    o.cert(
        people[4].id,
        CertStatus::Issue,
        Some("2025-03-10"),
        Some("2026-12-10"),
    );
    let page = |offset: i64, sort: RegistrySort| {
        o.loket
            .registry(
                &o.admin,
                &RegistryQuery {
                    limit: Some(7),
                    offset: Some(offset),
                    sort,
                    ..RegistryQuery::default()
                },
            )
            .unwrap()
    };
    let mut by_name: Vec<(String, i64)> = people
        .iter()
        .map(|p| (p.data.nama_tanpa_gelar.to_lowercase(), p.id))
        .collect();
    by_name.sort();
    let mut seen = Vec::new();
    for offset in (0..30).step_by(7) {
        let pg = page(offset, RegistrySort::Nama);
        assert_eq!(pg.total, 30);
        seen.extend(pg.rows.iter().map(|r| r.person.id));
    }
    assert_eq!(seen, by_name.iter().map(|x| x.1).collect::<Vec<_>>());
    let by_nik = page(0, RegistrySort::Nik);
    let niks: Vec<&str> = by_nik
        .rows
        .iter()
        .map(|r| r.person.data.nik.as_str())
        .collect();
    let mut sorted_niks = niks.clone();
    sorted_niks.sort();
    assert_eq!(niks, sorted_niks);
    let by_expiry = page(0, RegistrySort::BerlakuSampai);
    assert_eq!(
        by_expiry.rows[..2]
            .iter()
            .map(|r| r.person.id)
            .collect::<Vec<_>>(),
        [people[4].id, people[3].id],
        "soonest expiry first, people without one after"
    );
    let by_unit = page(0, RegistrySort::UnitKerja);
    let units: Vec<&str> = by_unit
        .rows
        .iter()
        .map(|r| r.person.data.unit_kerja.as_str())
        .collect();
    let mut sorted_units = units.clone();
    sorted_units.sort();
    assert_eq!(units, sorted_units);
    // Limits are clamped, not refused.
    let huge = o
        .loket
        .registry(
            &o.admin,
            &RegistryQuery {
                limit: Some(1_000_000),
                offset: Some(-5),
                ..RegistryQuery::default()
            },
        )
        .unwrap();
    assert_eq!(huge.rows.len(), 30);
    let unit = o
        .loket
        .registry(
            &o.admin,
            &RegistryQuery {
                unit: Some("Dinas Kesehatan".into()),
                ..RegistryQuery::default()
            },
        )
        .unwrap();
    assert!(unit.total > 0);
    assert!(
        unit.rows
            .iter()
            .all(|r| r.person.data.unit_kerja == "Dinas Kesehatan")
    );
}

#[test]
fn applicants_are_refused_and_heads_only_read() {
    let o = setup();
    let pid = o.add(1).id;
    let csv = o.path("p.csv");
    write_csv(&csv, &[(person(2), NO_CERT)]);
    let before = o.footprint();
    let pemohon = caller(&o.loket, Role::Pemohon);
    let pimpinan = caller(&o.loket, Role::Pimpinan);
    let source = ImportSource::File(csv.clone());
    let q = RegistryQuery::default();
    type Check<'a> = Box<dyn Fn(&Caller) -> Option<loket_core::Error> + 'a>;
    let checks: Vec<(&str, Check)> = vec![
        ("registry", Box::new(|c| o.loket.registry(c, &q).err())),
        (
            "active_per_unit",
            Box::new(|c| o.loket.active_per_unit(c).err()),
        ),
        (
            "registry_totals",
            Box::new(|c| o.loket.registry_totals(c).err()),
        ),
        ("expiring", Box::new(|c| o.loket.expiring(c, None).err())),
        ("revoked_list", Box::new(|c| o.loket.revoked_list(c).err())),
        (
            "export_registry",
            Box::new(|c| o.loket.export_registry(c, &q, &o.path("x.csv")).err()),
        ),
        (
            "import_preview",
            Box::new(|c| o.loket.import_preview(c, &source, None).err()),
        ),
        (
            "import_apply",
            Box::new(|c| o.loket.import_apply(c, &source, None).err()),
        ),
        (
            "start_renewals",
            Box::new(|c| o.loket.start_renewals(c, &[pid]).err()),
        ),
    ];
    for (name, check) in &checks {
        let e = check(&pemohon).unwrap_or_else(|| panic!("{name}: pemohon was let in"));
        assert_eq!(e.kind, ErrorKind::Forbidden, "{name}");
        assert!(
            e.message.id.contains("Pemohon tidak boleh"),
            "{name}: {}",
            e.message.id
        );
        let pimpinan_refused = check(&pimpinan).map(|e| e.kind);
        let writes = matches!(*name, "import_preview" | "import_apply" | "start_renewals");
        assert_eq!(
            pimpinan_refused,
            writes.then_some(ErrorKind::Forbidden),
            "{name}: pimpinan reads but does not write"
        );
    }
    assert_eq!(o.footprint().0, before.0, "no person was imported");
}

#[test]
fn expiry_radar_and_batch_renewals_with_mixed_outcomes() {
    let o = setup();
    let p: Vec<Person> = (0..6).map(|i| o.add(i)).collect();
    o.cert(
        p[0].id,
        CertStatus::Issue,
        Some("2024-12-01"),
        Some("2026-12-01"),
    ); // 10 days
    o.cert(
        p[1].id,
        CertStatus::Issue,
        Some("2025-01-01"),
        Some("2027-01-01"),
    ); // 41 days
    o.cert(
        p[2].id,
        CertStatus::Issue,
        Some("2024-11-20"),
        Some("2026-11-20"),
    ); // expired
    // p[3]: no certificate.
    o.cert(
        p[4].id,
        CertStatus::Issue,
        Some("2024-12-21"),
        Some("2026-12-21"),
    ); // 30 days
    o.cert(
        p[5].id,
        CertStatus::Issue,
        Some("2024-11-21"),
        Some("2026-11-21"),
    ); // today

    let radar: Vec<(i64, Option<i64>)> = o
        .loket
        .expiring(&o.admin, None)
        .unwrap()
        .iter()
        .map(|r| (r.person.id, r.days_to_expiry))
        .collect();
    assert_eq!(
        radar,
        [(p[5].id, Some(0)), (p[0].id, Some(10)), (p[4].id, Some(30))],
        "soonest first; expired and far-off certificates are not on the radar"
    );
    assert_eq!(o.loket.expiring(&o.admin, Some(10)).unwrap().len(), 2);
    assert_eq!(o.loket.expiring(&o.admin, Some(0)).unwrap().len(), 1);
    let (total, _) = o.query(RegistryQuery {
        expiring_within_days: Some(30),
        ..RegistryQuery::default()
    });
    assert_eq!(total, 3);
    let (total, _) = o.query(RegistryQuery {
        expiring_within_days: Some(u32::MAX),
        ..RegistryQuery::default()
    });
    assert_eq!(total, 4, "every active certificate, however far off");

    let verif = caller(&o.loket, Role::Verifikator);
    let ids = [p[0].id, p[1].id, p[2].id, p[3].id, p[4].id, 9999, p[0].id];
    let result = o.loket.start_renewals(&verif, &ids).unwrap();
    assert_eq!((result.created, result.failed), (2, 4), "{result:#?}");
    assert_eq!(result.items.len(), 6, "a repeated id is done once");
    let item = |id: i64| result.items.iter().find(|i| i.person_id == id).unwrap();
    assert!(
        item(p[0].id)
            .request
            .as_deref()
            .unwrap()
            .starts_with("REQ-2026-")
    );
    assert!(
        item(p[4].id).request.is_some(),
        "the window opens 30 days before"
    );
    let err = |id: i64| item(id).error.clone().unwrap().id;
    assert!(err(p[1].id).contains("2 Desember 2026"), "{}", err(p[1].id));
    assert!(err(p[2].id).contains("penerbitan baru"), "{}", err(p[2].id));
    assert!(
        err(p[3].id).contains("tidak memiliki sertifikat aktif"),
        "{}",
        err(p[3].id)
    );
    assert!(err(9999).contains("tidak ditemukan"), "{}", err(9999));
    assert_eq!(item(9999).nama, None);
    assert_eq!(item(p[1].id).nama.as_deref(), Some(p[1].data.nama.as_str()));

    // Again: the renewals already started are refused, one by one.
    let again = o.loket.start_renewals(&verif, &[p[0].id, p[5].id]).unwrap();
    assert_eq!((again.created, again.failed), (1, 1));
    assert!(
        again.items[0]
            .error
            .clone()
            .unwrap()
            .id
            .contains("Sudah ada permohonan")
    );
    let e = o.loket.start_renewals(&verif, &[]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
}

#[test]
fn revoked_list_reads_like_a_crl() {
    let o = setup();
    let csv = o.path("dicabut.csv");
    let rev = |date: &'static str, reason: &'static str| {
        ["REVOKE", "2024-01-15", "2026-01-15", date, reason]
    };
    write_csv(
        &csv,
        &[
            (person(1), rev("2025-03-01", "kehilangan")),
            (person(2), rev("2025-05-01", "Pensiun")),
            (person(3), rev("2025-04-01", "lupa passphrase")),
            (person(4), rev("2025-02-01", "Perubahan data")),
            (person(5), rev("2025-06-01", "Dipecat karena indisipliner")),
            (person(6), rev("2025-01-01", "")),
            (person(7), rev("2025-07-01", "pelanggaran")),
            (person(8), rev("2025-08-01", "pensiun: pensiun dini")),
            (person(9), ["ISSUE", "2025-01-01", "2027-01-01", "", ""]),
        ],
    );
    let report = o.apply(&csv);
    assert_eq!(report.counts.new, 9, "{:#?}", report.rejected);
    let list = o.loket.revoked_list(&o.admin).unwrap();
    let got: Vec<(String, Option<RevocationReason>, String, u8, String)> = list
        .iter()
        .map(|e| {
            (
                e.revoked_on.unwrap().to_string(),
                e.reason,
                e.reason_text.id.clone(),
                e.crl_code,
                e.crl_name.clone(),
            )
        })
        .collect();
    use RevocationReason as R;
    let want = [
        (
            "2025-08-01",
            Some(R::Pensiun),
            "pensiun dini",
            5,
            "cessationOfOperation",
        ),
        (
            "2025-07-01",
            Some(R::Pelanggaran),
            "Pelanggaran ketentuan penggunaan",
            9,
            "privilegeWithdrawn",
        ),
        (
            "2025-06-01",
            Some(R::Lainnya),
            "Dipecat karena indisipliner",
            0,
            "unspecified",
        ),
        (
            "2025-05-01",
            Some(R::Pensiun),
            "Pensiun",
            5,
            "cessationOfOperation",
        ),
        (
            "2025-04-01",
            Some(R::LupaPassphrase),
            "Lupa passphrase",
            4,
            "superseded",
        ),
        (
            "2025-03-01",
            Some(R::Kehilangan),
            "Kehilangan sertifikat elektronik",
            1,
            "keyCompromise",
        ),
        (
            "2025-02-01",
            Some(R::PerubahanData),
            "Perubahan data",
            3,
            "affiliationChanged",
        ),
        (
            "2025-01-01",
            None,
            "Alasan tidak tercatat",
            0,
            "unspecified",
        ),
    ];
    let want: Vec<(String, Option<RevocationReason>, String, u8, String)> = want
        .iter()
        .map(|(a, b, c, d, e)| (a.to_string(), *b, c.to_string(), *d, e.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(list[5].reason_text.en, "Loss of the electronic certificate");
    assert_eq!(list[5].nik, person(1).nik.unwrap());
    assert_eq!(list[5].nama, "Siti Fauzi, S.Kom.");
}

#[test]
fn preview_writes_nothing_and_apply_imports_new_and_changed_people() {
    let o = setup();
    let existing = o.add(3);
    let csv = o.path("pegawai.csv");
    let mut changed = person(3);
    changed.jabatan = Some("Kepala Seksi Persandian".into());
    write_csv(
        &csv,
        &[
            (person(1), ["ISSUE", "2025-02-01", "", "", ""]),
            (person(2), NO_CERT),
            (changed, NO_CERT),
        ],
    );
    let before = o.footprint();
    let preview = o.preview(&csv);
    assert_eq!(o.footprint(), before, "a preview writes nothing");
    assert_eq!(preview.format, SheetFormat::Csv);
    assert_eq!(preview.header_line, 1);
    assert!(
        preview.missing.is_empty() && preview.notes.is_empty(),
        "{preview:#?}"
    );
    let actions: Vec<(usize, ImportAction)> =
        preview.rows.iter().map(|r| (r.line, r.action)).collect();
    assert_eq!(
        actions,
        [
            (2, ImportAction::New),
            (3, ImportAction::New),
            (4, ImportAction::Update)
        ]
    );
    let update = &preview.rows[2];
    assert_eq!(update.person_id, Some(existing.id));
    assert_eq!(update.changes.len(), 1, "{:?}", update.changes);
    assert_eq!(update.changes[0].field, "jabatan");
    assert_eq!(
        update.changes[0].old.as_deref(),
        Some(existing.data.jabatan.as_str())
    );
    assert_eq!(
        update.changes[0].new.as_deref(),
        Some("Kepala Seksi Persandian")
    );
    let cert = preview.rows[0].certificate.clone().unwrap();
    assert_eq!(
        cert.expires_on,
        Some(d("2027-02-01")),
        "BSrE's default two years"
    );
    assert_eq!(
        (
            preview.counts.new,
            preview.counts.update,
            preview.counts.certificates
        ),
        (2, 1, 1)
    );

    let report = o.apply(&csv);
    assert_eq!(
        report.counts, preview.counts,
        "apply does what preview said"
    );
    assert!(report.rejected.is_empty());
    let after = o.footprint();
    assert_eq!((after.0, after.1), (before.0 + 2, before.1 + 1));
    let updates = o.audit("person.update");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].0, existing.id.to_string());
    assert!(
        updates[0]
            .1
            .as_deref()
            .unwrap()
            .contains(&existing.data.jabatan)
    );
    assert!(
        updates[0]
            .2
            .as_deref()
            .unwrap()
            .contains("Kepala Seksi Persandian")
    );
    assert_eq!(
        o.audit("person.create").len(),
        3,
        "one added by hand, two imported"
    );
    assert_eq!(o.audit("registry.import").len(), 1);

    // Importing the same file again changes nothing and logs nothing.
    let again = o.apply(&csv);
    assert_eq!(
        (
            again.counts.new,
            again.counts.update,
            again.counts.unchanged
        ),
        (0, 0, 3)
    );
    assert_eq!(
        o.footprint(),
        after,
        "no duplicates, no new records, no log"
    );
}

/// A varied office: PNS and a non-ASN, active, expired, revoked with a
/// standard and an own-words reason, suspended, none.
fn varied_office() -> Office {
    let o = setup();
    let seed = o.path("seed.csv");
    write_csv(
        &seed,
        &[
            (person(1), ["ISSUE", "2025-02-01", "2027-02-01", "", ""]),
            (
                person(2),
                [
                    "REVOKE",
                    "2024-01-15",
                    "2026-01-15",
                    "2025-03-01",
                    "kehilangan",
                ],
            ),
            (
                person(3),
                [
                    "REVOKE",
                    "2024-02-15",
                    "2026-02-15",
                    "2025-04-01",
                    "pensiun: pensiun dini",
                ],
            ),
            (
                person(4),
                [
                    "REVOKE",
                    "2024-03-15",
                    "2026-03-15",
                    "2025-05-01",
                    "Dipecat",
                ],
            ),
            (person(5), ["EXPIRED", "2022-01-01", "2024-01-01", "", ""]),
            (person(6), ["ISSUE", "2024-06-01", "2026-06-01", "", ""]),
            (person(7), ["SUSPEND", "2025-01-01", "2027-01-01", "", ""]),
            (person(8), ["WAITING_FOR_VERIFICATION", "", "", "", ""]),
            (person(9), NO_CERT),
        ],
    );
    assert_eq!(o.apply(&seed).counts.new, 9);
    let mut honorer = person(10);
    honorer.jenis_pegawai = Some("non_asn".into());
    honorer.nip = None;
    honorer.golongan = None;
    honorer.telepon = None;
    honorer.nama = Some("Dr. Ir. Hj. Siti Ma'rifah, M.Si.".into());
    o.loket.add_person(&o.admin, &honorer).unwrap();
    o
}

#[test]
fn export_then_import_changes_nothing_in_csv_and_xlsx() {
    let o = varied_office();
    let before = o.footprint();
    for name in ["registri.csv", "registri.xlsx"] {
        let path = o.path(name);
        let report = o
            .loket
            .export_registry(&o.admin, &RegistryQuery::default(), &path)
            .unwrap();
        assert_eq!(report.rows, 10, "{name}");
        let preview = o.preview(&path);
        assert!(preview.missing.is_empty(), "{name}");
        let derived: Vec<&str> = preview
            .columns
            .iter()
            .filter(|c| c.field.is_none())
            .map(|c| c.header.as_str())
            .collect();
        assert_eq!(derived, ["status_registri", "sisa_hari"], "{name}");
        let not_unchanged: Vec<_> = preview
            .rows
            .iter()
            .filter(|r| r.action != ImportAction::Unchanged)
            .collect();
        assert!(not_unchanged.is_empty(), "{name}: {not_unchanged:#?}");
        assert_eq!(preview.counts.unchanged, 10);
        let report = o.apply(&path);
        assert_eq!(report.counts.unchanged, 10, "{name}");
        assert_eq!(
            o.footprint(),
            before,
            "{name}: the round trip wrote nothing"
        );
    }
}

#[test]
fn xlsx_export_has_typed_cells_a_frozen_header_and_widths() {
    use calamine::{Data, Reader, Xlsx};
    let o = varied_office();
    let path = o.path("registri.xlsx");
    o.loket
        .export_registry(&o.admin, &RegistryQuery::default(), &path)
        .unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Pengguna TTE"]);
    let range = book.worksheet_range("Pengguna TTE").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..3], ["nama", "nama_tanpa_gelar", "nik"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = range.rows().nth(1).unwrap();
    assert!(
        matches!(&first[col("nik")], Data::String(s) if s.len() == 16),
        "NIK as text"
    );
    assert!(
        matches!(&first[col("nip")], Data::String(s) if s.len() == 18),
        "NIP as text"
    );
    let dated = range
        .rows()
        .skip(1)
        .find(|r| !matches!(r[col("terbit")], Data::Empty))
        .unwrap();
    assert!(
        matches!(&dated[col("terbit")], Data::DateTime(dt) if dt.is_datetime()),
        "a real date"
    );
    assert!(
        matches!(&dated[col("sisa_hari")], Data::Float(_)),
        "days as a number"
    );

    // Frozen header, filter and widths live in the sheet's XML.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "frozen header"
    );
    assert!(xml.contains("<autoFilter"), "a filter on the header");
    assert!(
        xml.contains("<cols>") && xml.contains("customWidth"),
        "column widths"
    );
}

#[test]
fn csv_export_is_filtered_and_excel_friendly() {
    let o = varied_office();
    let path = o.path("aktif.csv");
    let report = o
        .loket
        .export_registry(
            &o.admin,
            &RegistryQuery {
                status: Some(RegistryStatus::Aktif),
                limit: Some(1),
                ..RegistryQuery::default()
            },
            &path,
        )
        .unwrap();
    assert_eq!(report.rows, 1, "only the active one; paging ignored");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}nama,".as_bytes()),
        "a BOM for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(&person(1).nik.unwrap()));
    assert!(text.contains(",aktif,ISSUE,2025-02-01,2027-02-01,,,"));
    let leftovers: Vec<_> = std::fs::read_dir(o.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");

    for (name, fragment) in [
        ("registri.pdf", ".pdf"),
        ("tidak-ada/registri.csv", "tidak ada"),
    ] {
        let e = o
            .loket
            .export_registry(&o.admin, &RegistryQuery::default(), &o.path(name))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid, "{name}");
        assert!(e.message.id.contains(fragment), "{name}: {}", e.message.id);
    }
}

#[test]
fn unusable_files_are_refused_whole_and_change_nothing() {
    let o = setup();
    o.add(1);
    let write = |name: &str, bytes: &[u8]| {
        let p = o.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let empty_xlsx = o.path("kosong.xlsx");
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        book.save(&empty_xlsx).unwrap();
    }
    // (file, kind, fragment of the Indonesian message)
    let cases: Vec<(PathBuf, ErrorKind, &str)> = vec![
        (write("kosong.csv", b""), ErrorKind::Invalid, "kosong"),
        (
            write("spasi.csv", b"\n \n;;\n"),
            ErrorKind::Invalid,
            "kosong",
        ),
        (empty_xlsx, ErrorKind::Invalid, "kosong"),
        (
            write("rusak.xlsx", b"ini bukan berkas zip"),
            ErrorKind::Invalid,
            "tidak dapat dibaca",
        ),
        (
            write("biner.csv", &[0, 159, 146, 150, 0, 1]),
            ErrorKind::Invalid,
            "tidak dapat dibaca",
        ),
        (
            write("data.pdf", b"%PDF-1.4"),
            ErrorKind::Invalid,
            "Berkas .pdf bukan",
        ),
        (
            write("data.xls", b"x"),
            ErrorKind::Invalid,
            "simpan ulang sebagai .xlsx",
        ),
        (
            write("data", b"nama,nik"),
            ErrorKind::Invalid,
            "tidak berakhiran",
        ),
        (o.path("tidak-ada.csv"), ErrorKind::Io, "tidak dapat dibaca"),
        (
            write("tanpa-nik.csv", b"nama,unit_kerja\nBudi,Dinas Sosial\n"),
            ErrorKind::Invalid,
            "Kolom NIK tidak ditemukan",
        ),
    ];
    let before = o.footprint();
    for (path, kind, fragment) in cases {
        let source = ImportSource::File(path.clone());
        let e = o.loket.import_apply(&o.admin, &source, None).unwrap_err();
        assert_eq!(e.kind, kind, "{}", path.display());
        assert!(
            e.message.id.contains(fragment),
            "{}: {}",
            path.display(),
            e.message.id
        );
        match o.loket.import_preview(&o.admin, &source, None) {
            Err(p) => assert_eq!(p.kind, kind),
            Ok(p) => {
                assert!(!p.missing.is_empty(), "{}", path.display());
                assert!(
                    p.rows.is_empty(),
                    "rows are not judged without a NIK column"
                );
            }
        }
        assert_eq!(o.footprint(), before, "{}: nothing changed", path.display());
    }
}

#[test]
fn every_rejected_row_names_its_line_and_reasons_and_changes_nothing() {
    let o = setup();
    let holder = o.add(10);
    let csv = o.path("campur.csv");
    let with = |i: usize, f: &dyn Fn(&mut PersonInput)| {
        let mut p = person(i);
        f(&mut p);
        p
    };
    let rows: Vec<(PersonInput, [&str; 5])> = vec![
        (person(1), NO_CERT),                                // 2 ok
        (with(2, &|p| p.nik = Some("123".into())), NO_CERT), // 3
        (
            with(3, &|p| p.email = Some("budi@gmail.com".into())),
            NO_CERT,
        ), // 4
        (person(4), NO_CERT),                                // 5 dup
        (with(4, &|p| p.jabatan = Some("Lurah".into())), NO_CERT), // 6 dup
        (person(5), ["aktif", "21-11-2025", "", "", ""]),    // 7 ok
        (person(6), ["HILANG", "", "", "", ""]),             // 8
        (person(7), ["ISSUE", "2026-01-01", "2025-01-01", "", ""]), // 9
        (person(8), ["ISSUE", "2025-01-01", "", "2026-01-01", ""]), // 10
        (person(9), ["ISSUE", "31/02/2026", "", "", ""]),    // 11
        (person(11), ["", "2025-01-01", "", "", ""]),        // 12
        (with(12, &|p| p.nik = Some("6,30502E+15".into())), NO_CERT), // 13
        (with(12_010, &|p| p.nip = holder.data.nip.clone()), NO_CERT), // 14
        (
            with(13, &|p| {
                p.nama = None;
                p.jabatan = None;
            }),
            NO_CERT,
        ), // 15
    ];
    write_csv(&csv, &rows);
    let before = o.footprint();
    let report = o.apply(&csv);
    let rejected: Vec<(usize, Vec<String>)> = report
        .rejected
        .iter()
        .map(|r| (r.line, r.problems.iter().map(|p| p.field.clone()).collect()))
        .collect();
    let want: Vec<(usize, Vec<&str>)> = vec![
        (3, vec!["nik"]),
        (4, vec!["email"]),
        (5, vec!["nik", "nip"]),
        (6, vec!["nik", "nip"]),
        (8, vec!["status_sertifikat"]),
        (9, vec!["berlaku_sampai"]),
        (10, vec!["dicabut"]),
        (11, vec!["terbit"]),
        (12, vec!["status_sertifikat"]),
        (13, vec!["nik"]),
        (14, vec!["nip"]),
        (15, vec!["nama", "jabatan"]),
    ];
    let want: Vec<(usize, Vec<String>)> = want
        .into_iter()
        .map(|(l, f)| (l, f.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(rejected, want, "{:#?}", report.rejected);
    let message = |line: usize| {
        report
            .rejected
            .iter()
            .find(|r| r.line == line)
            .unwrap()
            .problems[0]
            .message
            .id
            .clone()
    };
    assert!(message(5).contains("baris 6"), "{}", message(5));
    assert!(message(6).contains("baris 5"), "{}", message(6));
    assert!(message(13).contains("Excel"), "{}", message(13));
    assert!(message(14).contains(&holder.data.nama), "{}", message(14));
    assert!(message(4).contains("tapinkab.go.id"), "{}", message(4));
    assert_eq!(
        (
            report.counts.new,
            report.counts.certificates,
            report.counts.rejected
        ),
        (2, 1, 12)
    );
    let after = o.footprint();
    assert_eq!(
        (after.0, after.1),
        (before.0 + 2, before.1 + 1),
        "only the valid rows"
    );
    // The same file again: the valid rows are unchanged, nothing doubles.
    let again = o.apply(&csv);
    assert_eq!((again.counts.new, again.counts.unchanged), (0, 2));
    assert_eq!(o.footprint(), after);
}

#[test]
fn xlsx_numbers_dates_and_excel_mangled_identity_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let o = setup();
    let path = o.path("dari-excel.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let headers = [
        "Nama Lengkap",
        "NIK",
        "NIP",
        "Status Pegawai",
        "Gol",
        "Jabatan",
        "OPD",
        "E-mail",
        "No. HP",
        "Status TTE",
        "Tgl Terbit",
        "Berlaku Sampai",
    ];
    // The table starts at B3, as office sheets often do.
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16 + 1, *h).unwrap();
    }
    let mut row = 3u32;
    let mut put =
        |p: &PersonInput, nik: Option<f64>, nip: Option<f64>, issued: Option<(u16, u8, u8)>| {
            let cells = person_cells(p);
            let col = |c: usize| c as u16 + 1;
            sheet.write_string(row, col(0), &cells[0]).unwrap();
            match nik {
                Some(n) => sheet.write_number(row, col(1), n).unwrap(),
                None => sheet.write_string(row, col(1), &cells[2]).unwrap(),
            };
            match nip {
                Some(n) => sheet.write_number(row, col(2), n).unwrap(),
                None => sheet.write_string(row, col(2), &cells[3]).unwrap(),
            };
            for (k, idx) in [(3, 4), (4, 5), (5, 6), (6, 7), (7, 8)] {
                sheet.write_string(row, col(k), &cells[idx]).unwrap();
            }
            // The phone as a number: Excel drops its leading zero.
            let phone: f64 = cells[9].parse().unwrap();
            sheet.write_number(row, col(8), phone).unwrap();
            if let Some((y, m, d)) = issued {
                sheet.write_string(row, col(9), "ISSUE").unwrap();
                let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                sheet
                    .write_datetime_with_format(row, col(10), &dt, &date)
                    .unwrap();
            }
            row += 1;
        };
    let exact: f64 = person(1).nik.unwrap().parse().unwrap();
    put(&person(1), Some(exact), None, Some((2025, 3, 4))); // line 4: digits all there
    let rounded = (person(2).nik.unwrap().parse::<f64>().unwrap() / 10.0).floor() * 10.0;
    put(&person(2), Some(rounded), None, None); // line 5: Excel rounded the NIK
    let nip: f64 = person(3).nip.unwrap().parse().unwrap();
    put(&person(3), None, Some(nip), None); // line 6: an 18-digit NIP as a number
    put(&person(4), None, None, Some((2024, 12, 31))); // line 7: all text
    book.save(&path).unwrap();

    let preview = o.preview(&path);
    assert_eq!(preview.sheet.as_deref(), Some("Sheet1"));
    assert_eq!(preview.header_line, 3);
    let letter = |f: ImportField| {
        preview
            .columns
            .iter()
            .find(|c| c.field == Some(f))
            .map(|c| c.letter.clone())
    };
    assert_eq!(letter(ImportField::Nama).as_deref(), Some("B"));
    assert_eq!(letter(ImportField::Terbit).as_deref(), Some("L"));
    let rows: Vec<(usize, ImportAction)> =
        preview.rows.iter().map(|r| (r.line, r.action)).collect();
    assert_eq!(
        rows,
        [
            (4, ImportAction::New),
            (5, ImportAction::Rejected),
            (6, ImportAction::Rejected),
            (7, ImportAction::New)
        ],
        "{:#?}",
        preview.rows
    );
    assert_eq!(preview.rows[0].nik, person(1).nik);
    let cert = preview.rows[0].certificate.clone().unwrap();
    assert_eq!(
        (cert.issued_on, cert.expires_on),
        (Some(d("2025-03-04")), Some(d("2027-03-04")))
    );
    let problem = |i: usize| preview.rows[i].problems[0].clone();
    assert_eq!(problem(1).field, "nik");
    assert!(
        problem(1)
            .message
            .id
            .contains("Format kolom NIK sebagai Teks"),
        "{}",
        problem(1).message.id
    );
    assert_eq!(problem(2).field, "nip");
    assert!(
        problem(2).message.id.contains("18 digit"),
        "{}",
        problem(2).message.id
    );
    let report = o.apply(&path);
    assert_eq!(report.counts.new, 2);
    let stored = o.search(&person(1).nik.unwrap());
    let p = o.loket.get_person(&o.admin, stored[0]).unwrap();
    assert_eq!(
        p.data.telepon,
        Some(format!("+62{}", &person(1).telepon.unwrap()[1..]))
    );
}

#[test]
fn a_mapping_can_be_chosen_by_hand_and_is_checked() {
    let o = setup();
    let csv = o.path("kolom.csv");
    let p = person(1);
    let mut w = csv::Writer::from_path(&csv).unwrap();
    w.write_record([
        "Kolom1", "Kolom2", "Kolom3", "Kolom4", "Kolom5", "Kolom6", "Kolom7", "Kolom8",
    ])
    .unwrap();
    let c = person_cells(&p);
    w.write_record([&c[2], &c[0], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8]])
        .unwrap();
    w.flush().unwrap();
    let source = ImportSource::File(csv.clone());
    let proposed = o.loket.import_preview(&o.admin, &source, None).unwrap();
    assert!(proposed.mapping.0.is_empty());
    assert_eq!(proposed.missing[0].field, "nik");
    assert!(
        proposed.columns.iter().all(|c| c.note.is_some()),
        "unknown headers say so"
    );
    use ImportField::*;
    let mapping = ImportMapping(BTreeMap::from([
        (Nik, 0),
        (Nama, 1),
        (Nip, 2),
        (JenisPegawai, 3),
        (Golongan, 4),
        (Jabatan, 5),
        (UnitKerja, 6),
        (Email, 7),
    ]));
    let preview = o
        .loket
        .import_preview(&o.admin, &source, Some(&mapping))
        .unwrap();
    assert_eq!(preview.counts.new, 1, "{:#?}", preview.rows);
    assert_eq!(preview.mapping, mapping);
    let report = o
        .loket
        .import_apply(&o.admin, &source, Some(&mapping))
        .unwrap();
    assert_eq!(report.counts.new, 1);

    let before = o.footprint();
    for (bad, fragment) in [
        (
            BTreeMap::from([(Nik, 0), (Nama, 0)]),
            "satu kolom hanya untuk satu isian",
        ),
        (BTreeMap::from([(Nik, 8)]), "hanya memiliki 8 kolom"),
    ] {
        let e = o
            .loket
            .import_apply(&o.admin, &source, Some(&ImportMapping(bad)))
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert!(e.message.id.contains(fragment), "{}", e.message.id);
    }
    assert_eq!(o.footprint(), before);
}

#[test]
fn an_update_sheet_with_only_nik_and_status_keeps_everything_else() {
    let o = setup();
    let p1 = o.add(1);
    o.cert(
        p1.id,
        CertStatus::Issue,
        Some("2024-12-01"),
        Some("2026-12-01"),
    );
    let csv = o.path("status.csv");
    std::fs::write(
        &csv,
        format!(
            "NIK;Status Sertifikat;Tanggal Dicabut;Alasan Pencabutan\n{};REVOKE;01-10-2026;kunci bocor\n{};ISSUE;;\n",
            p1.data.nik,
            person(2).nik.unwrap()
        ),
    )
    .unwrap();
    let preview = o.preview(&csv);
    assert!(preview.notes[0].id.contains("nama"), "{:?}", preview.notes);
    assert_eq!(preview.rows[0].action, ImportAction::Update);
    let fields: Vec<&str> = preview.rows[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["status_sertifikat", "dicabut", "alasan_pencabutan"]
    );
    assert_eq!(
        preview.rows[1].action,
        ImportAction::Rejected,
        "an unknown NIK needs a name"
    );
    let report = o.apply(&csv);
    assert_eq!((report.counts.update, report.counts.rejected), (1, 1));
    let row = o
        .loket
        .registry(&o.admin, &RegistryQuery::default())
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.person.data, p1.data, "the person's data is untouched");
    assert_eq!(row.status, RegistryStatus::Dicabut);
    assert_eq!(
        row.issued_on,
        Some(d("2024-12-01")),
        "kept from the latest record"
    );
    assert_eq!(row.revoked_on, Some(d("2026-10-01")));
    let rev = row.revocation.unwrap();
    assert_eq!((rev.reason, rev.crl), (RevocationReason::KunciBocor, 1));
    assert_eq!(
        o.apply(&csv).counts.update,
        0,
        "a second time changes nothing"
    );
}

#[test]
fn an_older_certificate_in_the_file_is_refused_not_recorded_again_and_again() {
    let o = setup();
    let p1 = o.add(1);
    o.cert(
        p1.id,
        CertStatus::Issue,
        Some("2025-06-01"),
        Some("2027-06-01"),
    );
    let csv = o.path("lama.csv");
    write_csv(
        &csv,
        &[(person(1), ["EXPIRED", "2022-01-01", "2024-01-01", "", ""])],
    );
    let before = o.footprint();
    let report = o.apply(&csv);
    assert_eq!(report.counts.rejected, 1);
    let msg = &report.rejected[0].problems[0];
    assert_eq!(msg.field, "status_sertifikat");
    assert!(msg.message.id.contains("lebih lama"), "{}", msg.message.id);
    assert_eq!(o.footprint(), before);
}

#[test]
fn query_plans_use_the_indexes() {
    // Guards the instant-with-200,000 design: no page, count or radar may
    // scan the people table or sort the whole registry.
    let o = varied_office();
    let conn = rusqlite::Connection::open(o.loket.paths().database()).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .join(" | ")
    };
    let cases = [
        (
            "SELECT r.person_id FROM registry_entries r ORDER BY r.name_key, r.person_id LIMIT 50",
            "registry_name",
        ),
        (
            "SELECT r.person_id FROM registry_entries r WHERE r.grp = 'R'
             ORDER BY r.name_key, r.person_id LIMIT 50",
            "registry_grp_name",
        ),
        (
            "SELECT r.person_id FROM registry_entries r WHERE r.unit_kerja = 'Dinas Sosial'
             ORDER BY r.name_key, r.person_id LIMIT 50",
            "registry_unit_name",
        ),
        (
            "SELECT r.person_id FROM registry_entries r
             ORDER BY coalesce(r.expires_on, '9999-12-31'), r.person_id LIMIT 50",
            "registry_expiry",
        ),
        (
            "SELECT count(*) FROM registry_entries r WHERE r.grp = 'A'
             AND r.expires_on >= '2026-11-21' AND r.expires_on <= '2026-12-21'",
            "registry_grp_expiry",
        ),
        (
            "SELECT r.person_id FROM registry_entries r JOIN people p ON p.id = r.person_id
             WHERE (p.nik >= '6305' AND p.nik < '6305:') OR (p.nip >= '6305' AND p.nip < '6305:')",
            "MULTI-INDEX OR",
        ),
        (
            "SELECT c.id FROM certificates c INDEXED BY certificates_revoked
             JOIN people p ON p.id = c.person_id WHERE c.status = 'REVOKE'
             ORDER BY coalesce(c.revoked_on, substr(c.created_at, 1, 10)) DESC, c.id DESC",
            "certificates_revoked",
        ),
    ];
    for (sql, index) in cases {
        let got = plan(sql);
        assert!(got.contains(index), "{sql}\n{got}");
        assert!(!got.contains("TEMP B-TREE"), "{sql}\n{got}");
        assert!(!got.contains("SCAN p"), "{sql}\n{got}");
    }
}

#[test]
fn derived_tables_follow_every_change() {
    // registry_entries, registry_counts and people_fts are kept by
    // triggers; after adds, imports, edits and new certificate records they
    // must equal what a full recomputation gives.
    let o = varied_office();
    let p = o.add(30);
    o.cert(
        p.id,
        CertStatus::Issue,
        Some("2025-01-01"),
        Some("2027-01-01"),
    );
    o.cert(p.id, CertStatus::Suspend, None, None);
    let mut moved = person(30);
    moved.unit_kerja = Some("Kecamatan Binuang".into());
    moved.nama = Some("Nurul Hidayati, S.Sos.".into());
    o.loket.update_person(&o.admin, p.id, &moved).unwrap();
    let conn = rusqlite::Connection::open(o.loket.paths().database()).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    // A revocation recorded by changing the certificate row in place (as a
    // revocation workflow may), and a record removed: the triggers follow.
    let first = person(1).nik.unwrap();
    conn.execute(
        "UPDATE certificates SET status = 'REVOKE', revoked_on = '2026-11-01'
         WHERE person_id = (SELECT id FROM people WHERE nik = ?1)",
        [&first],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM certificates WHERE person_id = (SELECT id FROM people WHERE nik = ?1)",
        [person(5).nik.unwrap()],
    )
    .unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
    };
    assert_eq!(
        rows("SELECT unit_kerja, grp, n FROM registry_counts WHERE n > 0 ORDER BY 1, 2"),
        rows("SELECT unit_kerja, grp, count(*) FROM registry_entries GROUP BY 1, 2 ORDER BY 1, 2"),
    );
    assert_eq!(
        rows(
            "SELECT person_id, name_key, unit_kerja, certificate_id, status, issued_on, expires_on
             FROM registry_entries ORDER BY person_id"
        ),
        rows(
            "SELECT p.id, p.nama_tanpa_gelar, p.unit_kerja, c.id, c.status, c.issued_on, c.expires_on
             FROM people p LEFT JOIN certificates c ON c.id = (
                 SELECT id FROM certificates WHERE person_id = p.id
                 ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1)
             ORDER BY p.id"
        ),
    );
    assert_eq!(o.search("nurul"), [p.id]);
    assert_eq!(o.search("binuang"), [p.id]);
    let status_of = |nik: &str| {
        o.loket
            .registry(
                &o.admin,
                &RegistryQuery {
                    search: Some(nik.into()),
                    ..RegistryQuery::default()
                },
            )
            .unwrap()
            .rows[0]
            .status
    };
    assert_eq!(status_of(&first), RegistryStatus::Dicabut);
    assert_eq!(status_of(&person(5).nik.unwrap()), RegistryStatus::Belum);
    // Totals read from the kept counts equal the rows a page lists.
    for unit in o.loket.active_per_unit(&o.admin).unwrap() {
        for status in RegistryStatus::ALL.into_iter().map(Some).chain([None]) {
            let page = o
                .loket
                .registry(
                    &o.admin,
                    &RegistryQuery {
                        unit: Some(unit.unit_kerja.clone()),
                        status,
                        limit: Some(1000),
                        ..RegistryQuery::default()
                    },
                )
                .unwrap();
            assert_eq!(
                page.total as usize,
                page.rows.len(),
                "{} {status:?}",
                unit.unit_kerja
            );
        }
    }
    let row = o
        .loket
        .registry(
            &o.admin,
            &RegistryQuery {
                search: Some("nurul".into()),
                ..RegistryQuery::default()
            },
        )
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(
        row.status,
        RegistryStatus::Ditangguhkan,
        "the later record wins"
    );
    assert_eq!(
        conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
}

#[test]
fn a_cancelled_import_stores_nothing_and_progress_is_reported() {
    use loket_core::registry::{ImportSource, ImportStage};
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = loket_core::testing::office(dir.path());
    let mut csv = String::from("nama,nik,nip,jenis_pegawai,golongan,jabatan,unit_kerja,email\n");
    for i in 0..1200 {
        let p = loket_core::testing::person(i);
        csv.push_str(&format!(
            "\"{}\",{},{},pns,{},{},{},{}\n",
            p.nama.unwrap(),
            p.nik.unwrap(),
            p.nip.unwrap(),
            p.golongan.unwrap(),
            p.jabatan.unwrap(),
            p.unit_kerja.unwrap(),
            p.email.unwrap()
        ));
    }
    let file = dir.path().join("daftar.csv");
    std::fs::write(&file, csv).unwrap();
    let source = ImportSource::File(file);
    // Cancelled while writing: nothing stored.
    let cancel = AtomicBool::new(false);
    let e = loket
        .import_apply_with(
            &admin,
            &source,
            None,
            &mut |p| {
                if p.stage == ImportStage::Writing && p.done >= 500 {
                    cancel.store(true, Ordering::SeqCst);
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(e.kind, loket_core::ErrorKind::Conflict);
    assert!(
        loket.list_people(&admin, None, 10, 0).unwrap().is_empty(),
        "nothing half-imported"
    );
    // Run to the end: progress goes through both stages up to the total.
    let mut seen = Vec::new();
    let report = loket
        .import_apply_with(
            &admin,
            &source,
            None,
            &mut |p| seen.push((p.stage, p.done, p.total)),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(report.counts.new, 1200);
    assert!(seen.iter().any(|s| s.0 == ImportStage::Checking));
    assert_eq!(
        seen.last().copied(),
        Some((ImportStage::Writing, 1200, 1200))
    );
}
