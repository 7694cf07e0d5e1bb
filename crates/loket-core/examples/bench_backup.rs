//! Measures backup, check and restore for a large office: 20,000 people
//! (each with a request) and 50 MB of scans, plus the audit log queries.
//!
//! ```text
//! cargo run --release -p loket-core --example bench_backup -- [DIR] [PEOPLE] [MB]
//! ```
//! DIR is kept between runs: an office already filled there is reused, so
//! only the first run pays for filling it.

use loket_core::audit_log::AuditQuery;
use loket_core::backup;
use loket_core::requests::RequestForm;
use loket_core::testing::{office, person};
use loket_core::{Caller, Loket};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map_or("/tmp/loket-bench", String::as_str));
    let people: usize = args.get(1).map_or(Ok(20_000), |s| s.parse())?;
    let mb: usize = args.get(2).map_or(Ok(50), |s| s.parse())?;
    let data = root.join("kantor");

    if !data.join("loket.sqlite3").exists() {
        let t = Instant::now();
        fill(&data, people, mb)?;
        println!(
            "fill: {people} people + requests, {mb} MB scans in {:.1?}",
            t.elapsed()
        );
    }
    let loket = Loket::open(&data)?;
    let admin = loket.sign_in("admin", "rahasia-123")?;
    let db_bytes = std::fs::metadata(data.join("loket.sqlite3"))?.len();
    println!("database file: {}", backup::human_bytes(db_bytes).en);

    let out = root.join("bench.loketbak");
    let _ = std::fs::remove_file(&out);
    let t = Instant::now();
    let summary = loket.backup(&admin, &out, &mut |_| {}, &AtomicBool::new(false))?;
    let backup_time = t.elapsed();
    println!(
        "backup: {:.2?}; file {} ({} files, {} before compression, database {})",
        backup_time,
        backup::human_bytes(summary.file_bytes).en,
        summary.files,
        backup::human_bytes(summary.content_bytes).en,
        backup::human_bytes(summary.database_bytes).en,
    );

    let t = Instant::now();
    let info = backup::verify_backup(&out)?;
    println!(
        "verify: {:.2?} ({} people, {} requests)",
        t.elapsed(),
        info.people,
        info.requests
    );

    // The automatic backup on exit: the first writes, the second skips.
    let t = Instant::now();
    let auto = loket.auto_backup()?;
    println!(
        "auto backup (changes since last): {:.2?} -> {:?}",
        t.elapsed(),
        auto.is_some()
    );
    let t = Instant::now();
    let auto = loket.auto_backup()?;
    println!(
        "auto backup (nothing changed): {:.2?} -> {:?}",
        t.elapsed(),
        auto.is_some()
    );

    audit_queries(&loket, &admin, &root)?;
    drop(loket);

    // Restore into a fresh folder, then over an existing one.
    let fresh = root.join("pulih");
    let _ = std::fs::remove_dir_all(&fresh);
    let t = Instant::now();
    backup::restore(&fresh, &out, &mut |_| {}, &AtomicBool::new(false))?;
    println!("restore into an empty folder: {:.2?}", t.elapsed());
    let t = Instant::now();
    let r = backup::restore(&fresh, &out, &mut |_| {}, &AtomicBool::new(false))?;
    println!(
        "restore over existing data: {:.2?} (previous kept: {})",
        t.elapsed(),
        r.previous.is_some()
    );
    let t = Instant::now();
    let reopened = Loket::open(&fresh)?;
    let ok = reopened.store().integrity_check()?;
    println!(
        "open + integrity_check of the restored office: {:.2?} -> {ok:?}",
        t.elapsed()
    );
    for p in r.previous.iter().chain(&r.removed) {
        let _ = std::fs::remove_dir_all(p);
    }
    Ok(())
}

fn fill(data: &Path, people: usize, mb: usize) -> Result<(), Box<dyn std::error::Error>> {
    let (loket, admin) = office(data);
    for i in 0..people {
        loket.submit_request(
            &admin,
            &RequestForm {
                jenis: Some("penerbitan".into()),
                person: Some(person(i)),
                ..RequestForm::default()
            },
        )?;
        if i % 2000 == 1999 {
            eprintln!("  {} people", i + 1);
        }
    }
    // Scans are JPEG or PDF: incompressible, so random bytes stand in for
    // them. 250 KB each, as a phone photo of a KTP after resizing.
    let docs = loket.paths().documents();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let per_file = 250 * 1024;
    for n in 0..(mb * 1024 * 1024).div_ceil(per_file) {
        let dir = docs.join(format!("{:04}", n / 100));
        std::fs::create_dir_all(&dir)?;
        let bytes: Vec<u8> = (0..per_file)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        std::fs::write(dir.join(format!("{n:05}-ktp.jpg")), bytes)?;
    }
    Ok(())
}

fn audit_queries(
    loket: &Loket,
    admin: &Caller,
    root: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let time = |label: &str, q: AuditQuery| -> Result<(), Box<dyn std::error::Error>> {
        let t = Instant::now();
        let page = loket.audit_log(admin, &q)?;
        println!(
            "audit {label}: {:.1?} ({} matches)",
            t.elapsed(),
            page.total
        );
        Ok(())
    };
    time("first page, no filter", AuditQuery::default())?;
    time(
        "search \"REQ-2026-01234\"",
        AuditQuery {
            search: Some("REQ-2026-01234".into()),
            ..AuditQuery::default()
        },
    )?;
    time(
        "search two words",
        AuditQuery {
            search: Some("admin penerbitan".into()),
            ..AuditQuery::default()
        },
    )?;
    time(
        "actor",
        AuditQuery {
            actor: Some("admin".into()),
            ..AuditQuery::default()
        },
    )?;
    time(
        "action group",
        AuditQuery {
            action: Some("person".into()),
            ..AuditQuery::default()
        },
    )?;
    time(
        "entity + id",
        AuditQuery {
            entity: Some("request".into()),
            entity_id: Some("777".into()),
            ..AuditQuery::default()
        },
    )?;
    time(
        "date range",
        AuditQuery {
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 21),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 21),
            ..AuditQuery::default()
        },
    )?;
    for ext in ["csv", "xlsx"] {
        let path = root.join(format!("log.{ext}"));
        let t = Instant::now();
        let done = loket.export_audit(admin, &AuditQuery::default(), &path)?;
        println!(
            "export {ext}: {:.2?} ({} rows, {})",
            t.elapsed(),
            done.rows,
            backup::human_bytes(std::fs::metadata(&path)?.len()).en
        );
    }
    Ok(())
}
