//! Backup and restore against real folders: the round trip, consistency
//! while another connection writes, cancellation, every way a backup file
//! can be bad (each refused with its own message, the data untouched), the
//! previous data kept, and automatic backups.

// Fixture helpers outside #[test] functions unwrap too: this file is a test.
#![allow(clippy::unwrap_used)]

use loket_core::backup::{self, BackupProgress, BackupSettings, Stage};
use loket_core::clock::{Clock, parse_user_time};
use loket_core::model::Role;
use loket_core::requests::{RequestFilter, RequestForm};
use loket_core::testing::{self, caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

fn no_cancel() -> AtomicBool {
    AtomicBool::new(false)
}

fn penerbitan(i: usize) -> RequestForm {
    RequestForm {
        jenis: Some("penerbitan".into()),
        person: Some(person(i)),
        ..RequestForm::default()
    }
}

/// An office with people, requests, scans in `dokumen/` (nested, binary)
/// and a letter in `surat/`, closed again. Returns its folder.
fn filled_office(dir: &Path, people: usize) -> PathBuf {
    let data = dir.join("kantor");
    let (loket, admin) = office(&data);
    for i in 0..people {
        loket.submit_request(&admin, &penerbitan(i)).unwrap();
    }
    loket
        .set_backup_settings(
            &admin,
            &BackupSettings {
                keep: 3,
                auto: false,
            },
        )
        .unwrap();
    let docs = loket.paths().documents();
    std::fs::create_dir_all(docs.join("2026").join("11")).unwrap();
    let scan: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(docs.join("2026").join("11").join("ktp-1.jpg"), &scan).unwrap();
    std::fs::write(docs.join("sk jabatan Budi.pdf"), b"%PDF-1.7 contoh").unwrap();
    std::fs::create_dir_all(loket.paths().letters()).unwrap();
    std::fs::write(
        loket
            .paths()
            .letters()
            .join("rekomendasi-REQ-2026-00001.pdf"),
        b"%PDF-1.7 surat",
    )
    .unwrap();
    data
}

fn make_backup(data: &Path, out: &Path) -> backup::BackupSummary {
    let loket = Loket::open(data).unwrap();
    let admin = loket.sign_in("admin", "rahasia-123").unwrap();
    loket
        .backup(&admin, out, &mut |_| {}, &no_cancel())
        .unwrap()
}

/// Every file under `root` with its SHA-256: a fingerprint to show that a
/// refused restore changed nothing.
fn tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                let hash = format!("{:x}", Sha256::digest(&bytes));
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), hash);
            }
        }
    }
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

fn count_requests(loket: &Loket, who: &Caller) -> usize {
    loket
        .list_requests(
            who,
            &RequestFilter {
                limit: Some(100_000),
                ..RequestFilter::default()
            },
        )
        .unwrap()
        .len()
}

#[test]
fn round_trip_into_a_fresh_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = filled_office(dir.path(), 12);
    let out = dir.path().join("cadangan.loketbak");
    let mut stages = Vec::new();
    let summary = {
        let mut loket = Loket::open(&data).unwrap();
        loket.set_clock(Clock::Fixed(parse_user_time(testing::NOW).unwrap()));
        let admin = loket.sign_in("admin", "rahasia-123").unwrap();
        loket
            .backup(
                &admin,
                &out,
                &mut |p: BackupProgress| {
                    assert!(p.done_bytes <= p.total_bytes, "{p:?}");
                    if stages.last() != Some(&p.stage) {
                        stages.push(p.stage);
                    }
                },
                &no_cancel(),
            )
            .unwrap()
    };
    assert_eq!(stages, [Stage::Database, Stage::Packing, Stage::Done]);
    assert_eq!(summary.files, 4, "database, two scans, one letter");
    assert_eq!(summary.file_bytes, std::fs::metadata(&out).unwrap().len());
    assert!(!dir.path().join("cadangan.loketbak.part").exists());

    let info = backup::verify_backup(&out).unwrap();
    assert_eq!((info.people, info.requests, info.users), (12, 12, 4));
    assert_eq!((info.documents, info.letters), (2, 1));
    assert_eq!(info.format, "loket-backup/1");
    assert_eq!(info.created_at, "2026-11-21T09:00:00+08:00");
    assert!(
        info.agency.as_deref().unwrap().contains("Kabupaten Tapin"),
        "{:?}",
        info.agency
    );
    assert!(info.describe().id.contains("12 pegawai"));

    let fresh = dir.path().join("baru").join("kantor");
    std::fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    let restored = backup::restore(&fresh, &out, &mut |_| {}, &no_cancel()).unwrap();
    assert_eq!(restored.previous, None, "nothing was there before");

    let (old_files, new_files) = (tree(&data), tree(&fresh));
    for dir_name in ["dokumen", "surat"] {
        let pick = |t: &BTreeMap<PathBuf, String>| -> Vec<(PathBuf, String)> {
            t.iter()
                .filter(|(p, _)| p.starts_with(dir_name))
                .map(|(p, h)| (p.clone(), h.clone()))
                .collect()
        };
        assert_eq!(pick(&old_files), pick(&new_files), "{dir_name}");
    }

    let loket = Loket::open(&fresh).unwrap();
    assert_eq!(loket.store().integrity_check().unwrap(), ["ok"]);
    let admin = loket.sign_in("admin", "rahasia-123").unwrap();
    assert_eq!(count_requests(&loket, &admin), 12);
    assert_eq!(loket.list_people(&admin, None, 1000, 0).unwrap().len(), 12);
    assert_eq!(
        loket.backup_settings().unwrap(),
        BackupSettings {
            keep: 3,
            auto: false
        }
    );
    assert_eq!(
        loket.agency().unwrap().unwrap().pemda,
        "Pemerintah Kabupaten Tapin"
    );
    let log = loket
        .audit_log(
            &admin,
            &loket_core::audit_log::AuditQuery {
                action: Some("backup.restore".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(log.total, 1, "the restore is in the restored log");
    assert_eq!(log.entries[0].actor, backup::RESTORE_ACTOR);
}

/// Writes made while the database is being copied are not in the copy, and
/// the copy is whole: the backup API copies one consistent snapshot.
#[test]
fn a_backup_while_another_connection_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    let (loket, admin) = office(&data);
    // About 3 MB of database, so the copy takes several steps.
    let long_note = "catatan panjang untuk memperbesar basis data. ".repeat(1200);
    for i in 0..50 {
        loket
            .submit_request(
                &admin,
                &RequestForm {
                    catatan: Some(format!("{i} {long_note}")),
                    ..penerbitan(i)
                },
            )
            .unwrap();
    }
    let before = count_requests(&loket, &admin);

    // A second app instance writes between the copy's steps.
    let other = Loket::open(&data).unwrap();
    let other_admin = other.sign_in("admin", "rahasia-123").unwrap();
    let mut written = 0;
    let mut database_steps = 0;
    let out = dir.path().join("saat-menulis.loketbak");
    loket
        .backup(
            &admin,
            &out,
            &mut |p| {
                if p.stage == Stage::Database && p.done_bytes < p.total_bytes {
                    database_steps += 1;
                    other
                        .submit_request(&other_admin, &penerbitan(1000 + written))
                        .unwrap();
                    written += 1;
                }
            },
            &no_cancel(),
        )
        .unwrap();
    assert!(database_steps >= 2, "the copy took {database_steps} steps");
    assert!(written >= 2);
    assert_eq!(count_requests(&loket, &admin), before + written);

    let fresh = dir.path().join("pulih");
    backup::restore(&fresh, &out, &mut |_| {}, &no_cancel()).unwrap();
    let restored = Loket::open(&fresh).unwrap();
    assert_eq!(restored.store().integrity_check().unwrap(), ["ok"]);
    let admin = restored.sign_in("admin", "rahasia-123").unwrap();
    assert_eq!(
        count_requests(&restored, &admin),
        before,
        "the copy shows the database as it was when the backup started"
    );
    assert_eq!(
        restored.list_people(&admin, None, 10_000, 0).unwrap().len(),
        before,
        "every request has its person: nothing half-copied"
    );
}

#[test]
fn a_cancelled_backup_leaves_no_file() {
    for at in [Stage::Database, Stage::Packing] {
        let dir = tempfile::tempdir().unwrap();
        let data = filled_office(dir.path(), 3);
        let loket = Loket::open(&data).unwrap();
        let admin = loket.sign_in("admin", "rahasia-123").unwrap();
        let cancel = AtomicBool::new(false);
        let out = dir.path().join("batal.loketbak");
        let e = loket
            .backup(
                &admin,
                &out,
                &mut |p| {
                    if p.stage == at {
                        cancel.store(true, Ordering::Relaxed);
                    }
                },
                &cancel,
            )
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Conflict, "{at:?}");
        assert!(e.message.id.contains("Dibatalkan"), "{}", e.message.id);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["kantor"], "{at:?}: nothing beside the data folder");
        let scratch: Vec<_> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".loket"))
            .collect();
        assert!(scratch.is_empty(), "{at:?}: scratch left: {scratch:?}");
    }
}

#[test]
fn only_admins_back_up_and_never_into_the_data_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(&dir.path().join("kantor"));
    let verif = caller(&loket, Role::Verifikator);
    let e = loket
        .backup(
            &verif,
            &dir.path().join("x.loketbak"),
            &mut |_| {},
            &no_cancel(),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let docs = loket.paths().documents();
    std::fs::create_dir_all(&docs).unwrap();
    for inside in [
        docs.join("x.loketbak"),
        loket.paths().root.join("x.loketbak"),
    ] {
        let e = loket
            .backup(&admin, &inside, &mut |_| {}, &no_cancel())
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert!(
            e.message.id.contains("di dalam folder data"),
            "{}",
            e.message.id
        );
    }
    let e = loket
        .backup(
            &admin,
            &dir.path().join("tidak-ada").join("x.loketbak"),
            &mut |_| {},
            &no_cancel(),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    // The backup folder itself is fine.
    let backups = loket.paths().backups();
    std::fs::create_dir_all(&backups).unwrap();
    loket
        .backup(
            &admin,
            &backups.join("manual.loketbak"),
            &mut |_| {},
            &no_cancel(),
        )
        .unwrap();
}

// ---- Bad backup files ----

/// Reads every entry of a zip.
fn entries(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).unwrap();
            (e.name().unwrap().into_owned(), buf)
        })
        .collect()
}

fn write_zip(file: &Path, entries: &[(String, Vec<u8>)]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(file).unwrap());
    for (name, bytes) in entries {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn manifest(entries: &[(String, Vec<u8>)]) -> serde_json::Value {
    let m = &entries
        .iter()
        .find(|(n, _)| n == "manifest.json")
        .unwrap()
        .1;
    serde_json::from_slice(m).unwrap()
}

fn set_manifest(entries: &mut [(String, Vec<u8>)], m: &serde_json::Value) {
    for (n, bytes) in entries.iter_mut() {
        if n == "manifest.json" {
            *bytes = serde_json::to_vec_pretty(m).unwrap();
        }
    }
}

/// Replaces one entry's bytes and records its new size and hash, so that
/// only the database checks can catch it.
fn replace_listed(entries: &mut [(String, Vec<u8>)], name: &str, bytes: Vec<u8>) {
    let mut m = manifest(entries);
    for f in m["files"].as_array_mut().unwrap() {
        if f["path"] == name {
            f["size"] = bytes.len().into();
            f["sha256"] = format!("{:x}", Sha256::digest(&bytes)).into();
        }
    }
    for (n, b) in entries.iter_mut() {
        if n == name {
            *b = bytes.clone();
        }
    }
    set_manifest(entries, &m);
}

fn database_bytes(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    entries
        .iter()
        .find(|(n, _)| n == "loket.sqlite3")
        .unwrap()
        .1
        .clone()
}

/// Sets the uncompressed size of every entry named `name`, in its local
/// header and in the central directory, without touching its data.
fn claim_size(file: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(file).unwrap();
    let name = name.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let (sig, size_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => ("local", 22, 30),
            b"PK\x01\x02" => ("central", 24, 46),
            _ => {
                i += 1;
                continue;
            }
        };
        let _ = sig;
        let len_at = if name_at == 30 { i + 26 } else { i + 28 };
        let name_len = u16::from_le_bytes([bytes[len_at], bytes[len_at + 1]]) as usize;
        if bytes.get(i + name_at..i + name_at + name_len) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 4;
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn bad_backup_files_are_refused_each_with_its_reason_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_office(dir.path(), 4);
    let good = dir.path().join("baik.loketbak");
    make_backup(&source, &good);
    let good_entries = entries(&good);

    // The office a refused restore must leave alone, closed.
    let target = dir.path().join("sasaran");
    {
        let (loket, admin) = office(&target);
        loket.submit_request(&admin, &penerbitan(77)).unwrap();
    }
    let before = tree(&target);
    let siblings = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("sasaran"))
            .collect();
        v.sort();
        v
    };

    type Make = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Make, &str)> = vec![
        (
            "not a zip",
            Box::new(|f| std::fs::write(f, "ini surat biasa, bukan cadangan").unwrap()),
            "bukan berkas cadangan Loket TTE",
        ),
        (
            "empty file",
            Box::new(|f| std::fs::write(f, b"").unwrap()),
            "bukan berkas cadangan Loket TTE",
        ),
        (
            "truncated",
            Box::new({
                let good = good.clone();
                move |f| {
                    let b = std::fs::read(&good).unwrap();
                    std::fs::write(f, &b[..b.len() * 2 / 3]).unwrap()
                }
            }),
            "rusak atau tidak lengkap",
        ),
        (
            "tampered scan",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    let (_, scan) = e
                        .iter_mut()
                        .find(|(n, _)| n.ends_with("ktp-1.jpg"))
                        .unwrap();
                    scan[1000] ^= 0xff;
                    write_zip(f, &e)
                }
            }),
            "tidak sama dengan catatan daftar isinya",
        ),
        (
            "zip slip with ..",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    e.push(("dokumen/../../jahat.txt".into(), b"x".to_vec()));
                    write_zip(f, &e)
                }
            }),
            "jalur tidak aman",
        ),
        (
            "zip slip with a drive letter",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    e.push(("C:/Windows/jahat.txt".into(), b"x".to_vec()));
                    write_zip(f, &e)
                }
            }),
            "jalur tidak aman",
        ),
        (
            "zip slip with an absolute path",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    e.push(("/tmp/jahat.txt".into(), b"x".to_vec()));
                    write_zip(f, &e)
                }
            }),
            "jalur tidak aman",
        ),
        (
            "absurd expansion",
            Box::new({
                let good = good.clone();
                move |f| {
                    std::fs::copy(&good, f).unwrap();
                    claim_size(f, "loket.sqlite3", 3_000_000_000);
                }
            }),
            "lebih dari 20 kali",
        ),
        (
            "unknown format",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    let mut m = manifest(&e);
                    m["format"] = "loket-backup/2".into();
                    set_manifest(&mut e, &m);
                    write_zip(f, &e)
                }
            }),
            "Format cadangan \"loket-backup/2\" tidak dikenal",
        ),
        (
            "no manifest",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let e: Vec<_> = e
                        .iter()
                        .filter(|(n, _)| n != "manifest.json")
                        .cloned()
                        .collect();
                    write_zip(f, &e)
                }
            }),
            "tidak berisi daftar isi",
        ),
        (
            "unlisted entry",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    e.push(("dokumen/selundupan.pdf".into(), b"x".to_vec()));
                    write_zip(f, &e)
                }
            }),
            "tidak tercatat di daftar isinya",
        ),
        (
            "corrupt database",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    let mut db = database_bytes(&e);
                    // Wreck the second page onward, keep the header.
                    for b in db.iter_mut().skip(4096).take(16 * 1024) {
                        *b = 0xA5;
                    }
                    replace_listed(&mut e, "loket.sqlite3", db);
                    write_zip(f, &e)
                }
            }),
            "Basis data di dalam cadangan rusak",
        ),
        (
            "not a database at all",
            Box::new({
                let e = good_entries.clone();
                move |f| {
                    let mut e = e.clone();
                    replace_listed(&mut e, "loket.sqlite3", vec![0x42; 20_000]);
                    write_zip(f, &e)
                }
            }),
            "Basis data di dalam cadangan rusak",
        ),
        (
            "newer schema",
            Box::new({
                let e = good_entries.clone();
                let scratch = dir.path().to_path_buf();
                move |f| {
                    let mut e = e.clone();
                    let db_path = scratch.join("skema-baru.sqlite3");
                    std::fs::write(&db_path, database_bytes(&e)).unwrap();
                    let conn = rusqlite::Connection::open(&db_path).unwrap();
                    conn.pragma_update(None, "user_version", 999).unwrap();
                    drop(conn);
                    replace_listed(&mut e, "loket.sqlite3", std::fs::read(&db_path).unwrap());
                    std::fs::remove_file(&db_path).unwrap();
                    write_zip(f, &e)
                }
            }),
            "lebih baru",
        ),
    ];

    let mut messages = Vec::new();
    for (what, make, expected) in &cases {
        let bad = dir.path().join("buruk.loketbak");
        make(&bad);
        let e = backup::verify_backup(&bad).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid, "{what}: {}", e.message.id);
        assert!(
            e.message.id.contains(expected),
            "{what}: expected \"{expected}\" in: {}",
            e.message.id
        );
        assert!(!e.message.en.is_empty());
        let r = backup::restore(&target, &bad, &mut |_| {}, &no_cancel()).unwrap_err();
        assert_eq!(r.message, e.message, "{what}: restore and verify agree");
        assert_eq!(tree(&target), before, "{what}: the data changed");
        assert_eq!(siblings(), ["sasaran"], "{what}: something left beside");
        messages.push(e.message.id.clone());
        std::fs::remove_file(&bad).unwrap();
    }
    // The good file passes, so the checks above are not simply refusing all.
    backup::verify_backup(&good).unwrap();
    assert_eq!(messages.len(), cases.len());
}

#[test]
fn a_missing_backup_file_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let e = backup::verify_backup(&dir.path().join("tidak-ada.loketbak")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[test]
fn restore_refuses_while_the_office_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = filled_office(dir.path(), 2);
    let out = dir.path().join("c.loketbak");
    make_backup(&data, &out);
    let open = Loket::open(&data).unwrap();
    let before = tree(&data);
    let e = backup::restore(&data, &out, &mut |_| {}, &no_cancel()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.id.contains("sedang dibuka"), "{}", e.message.id);
    assert_eq!(tree(&data), before);
    let admin = open.sign_in("admin", "rahasia-123").unwrap();
    assert_eq!(
        count_requests(&open, &admin),
        2,
        "the open office still works"
    );
}

#[test]
fn restore_keeps_the_previous_data_and_prunes_older_copies() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_office(dir.path(), 5);
    let out = dir.path().join("c.loketbak");
    make_backup(&source, &out);

    // The office being replaced has other data and automatic backups.
    let target = dir.path().join("sasaran");
    {
        let (loket, admin) = office(&target);
        loket.submit_request(&admin, &penerbitan(500)).unwrap();
        loket.auto_backup().unwrap().unwrap();
    }
    let old_db_hash = tree(&target)[Path::new("loket.sqlite3")].clone();

    let r = backup::restore(&target, &out, &mut |_| {}, &no_cancel()).unwrap();
    let previous = r.previous.clone().unwrap();
    assert!(
        previous
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("sasaran-sebelum-pulih-"),
        "{previous:?}"
    );
    assert_eq!(
        tree(&previous)[Path::new("loket.sqlite3")],
        old_db_hash,
        "the replaced database is kept as it was"
    );
    {
        let loket = Loket::open(&target).unwrap();
        let admin = loket.sign_in("admin", "rahasia-123").unwrap();
        assert_eq!(count_requests(&loket, &admin), 5);
        // The old office's automatic backups moved along with the office.
        let autos = std::fs::read_dir(loket.paths().backups()).unwrap().count();
        assert_eq!(autos, 1);
        let old = Loket::open(&previous).unwrap();
        let old_admin = old.sign_in("admin", "rahasia-123").unwrap();
        assert_eq!(count_requests(&old, &old_admin), 1);
    }

    // Two more restores: only the newest two previous folders stay.
    let mut all_previous = vec![previous];
    for _ in 0..2 {
        let r = backup::restore(&target, &out, &mut |_| {}, &no_cancel()).unwrap();
        all_previous.push(r.previous.unwrap());
        if all_previous.len() == 3 {
            assert_eq!(r.removed, [all_previous[0].clone()]);
        }
    }
    assert!(!all_previous[0].exists());
    assert!(all_previous[1].exists() && all_previous[2].exists());
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sasaran"))
        .collect();
    assert_eq!(
        beside.len(),
        3,
        "{beside:?}: the office and two previous copies"
    );
}

/// The common "undo": restore the office from one of its own automatic
/// backups, which lives inside the folder being replaced.
#[test]
fn restore_from_an_automatic_backup_inside_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kantor");
    let auto = {
        let (loket, admin) = office(&data);
        loket.submit_request(&admin, &penerbitan(1)).unwrap();
        let auto = loket.auto_backup().unwrap().unwrap();
        // A mistake made after the backup, to be undone.
        loket.submit_request(&admin, &penerbitan(2)).unwrap();
        // A scan being written by the document store is not office data.
        let docs = loket.paths().documents();
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join(".tmp-3f2a"), b"half").unwrap();
        auto
    };
    let r = backup::restore(&data, &auto, &mut |_| {}, &no_cancel()).unwrap();
    let loket = Loket::open(&data).unwrap();
    let admin = loket.sign_in("admin", "rahasia-123").unwrap();
    assert_eq!(count_requests(&loket, &admin), 1, "the mistake is undone");
    assert!(
        loket
            .paths()
            .backups()
            .join(auto.file_name().unwrap())
            .is_file(),
        "the automatic backups are still there"
    );
    assert!(r.previous.unwrap().join("loket.sqlite3").is_file());

    // A backup made now leaves the half-written scan out.
    let out = dir.path().join("c.loketbak");
    loket
        .backup(&admin, &out, &mut |_| {}, &no_cancel())
        .unwrap();
    assert!(entries(&out).iter().all(|(n, _)| !n.contains(".tmp-")));
}

#[test]
fn a_cancelled_restore_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_office(dir.path(), 3);
    let out = dir.path().join("c.loketbak");
    make_backup(&source, &out);
    let before = tree(&source);
    let cancel = AtomicBool::new(false);
    let e = backup::restore(
        &source,
        &out,
        &mut |p| {
            // The last moment a restore can be cancelled: everything is
            // checked, nothing replaced yet.
            if p.stage == Stage::CheckingDatabase {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(tree(&source), before);
    let beside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("kantor-")
        })
        .count();
    assert_eq!(beside, 0, "no staging folder left");
}

#[test]
fn automatic_backups_rotate_and_skip_when_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut loket, admin) = office(&dir.path().join("kantor"));
    let settings = BackupSettings {
        keep: 3,
        auto: true,
    };
    loket.set_backup_settings(&admin, &settings).unwrap();

    let first = loket
        .auto_backup()
        .unwrap()
        .expect("first automatic backup");
    assert_eq!(
        first.file_name().unwrap(),
        "loket-otomatis-20261121-090000.loketbak"
    );
    backup::verify_backup(&first).unwrap();
    assert_eq!(loket.auto_backup().unwrap(), None, "nothing changed");

    let mut made = vec![first];
    for i in 0..4 {
        let t = format!("2026-11-2{}T17:00:00+08:00", 2 + i);
        loket.set_clock(Clock::Fixed(parse_user_time(&t).unwrap()));
        loket.add_person(&admin, &person(10 + i)).unwrap();
        made.push(loket.auto_backup().unwrap().expect("a change was made"));
        assert_eq!(loket.auto_backup().unwrap(), None);
    }
    let mut left: Vec<String> = std::fs::read_dir(loket.paths().backups())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "loket-otomatis-20261123-170000.loketbak",
            "loket-otomatis-20261124-170000.loketbak",
            "loket-otomatis-20261125-170000.loketbak",
        ]
    );

    // Deleting the newest backup makes the next call write one again.
    std::fs::remove_file(made.last().unwrap()).unwrap();
    assert!(loket.auto_backup().unwrap().is_some());

    // Two backups in the same second get distinct names.
    loket.add_person(&admin, &person(40)).unwrap();
    let again = loket.auto_backup().unwrap().unwrap();
    assert_eq!(
        again.file_name().unwrap(),
        "loket-otomatis-20261125-170000-2.loketbak"
    );

    // Off means off.
    loket
        .set_backup_settings(
            &admin,
            &BackupSettings {
                keep: 3,
                auto: false,
            },
        )
        .unwrap();
    loket.add_person(&admin, &person(41)).unwrap();
    assert_eq!(loket.auto_backup().unwrap(), None);
}

#[test]
fn backup_settings_are_checked_and_only_for_admins() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(&dir.path().join("kantor"));
    assert_eq!(loket.backup_settings().unwrap(), BackupSettings::default());
    assert_eq!(BackupSettings::default().keep, 7);
    let e = loket
        .set_backup_settings(
            &admin,
            &BackupSettings {
                keep: 0,
                auto: true,
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.fields[0].field, "keep");
    let pimpinan = caller(&loket, Role::Pimpinan);
    let e = loket
        .set_backup_settings(
            &pimpinan,
            &BackupSettings {
                keep: 5,
                auto: true,
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(loket.may_restore(&admin).is_ok());
    assert_eq!(
        loket.may_restore(&pimpinan).unwrap_err().kind,
        ErrorKind::Forbidden
    );
}

/// Regression guard for the crash window between the two renames: opening
/// the office finishes the swap instead of creating an empty office.
#[test]
fn opening_the_office_finishes_an_interrupted_restore() {
    let dir = tempfile::tempdir().unwrap();
    let data = filled_office(dir.path(), 2);
    // Simulate the state after the first rename: the data folder moved
    // away, the checked new data waiting in staging, the journal written.
    let staging = dir.path().join("kantor-memulihkan-20261121-090000");
    let previous = dir.path().join("kantor-sebelum-pulih-20261121-090000");
    std::fs::rename(&data, &staging).unwrap();
    std::fs::create_dir(&previous).unwrap();
    std::fs::write(
        dir.path().join("kantor-pulih.json"),
        serde_json::json!({ "staging": staging, "previous": previous }).to_string(),
    )
    .unwrap();
    let loket = Loket::open(&data).unwrap();
    let admin = loket.sign_in("admin", "rahasia-123").unwrap();
    assert_eq!(count_requests(&loket, &admin), 2);
    assert!(!dir.path().join("kantor-pulih.json").exists());
}
