//! The audit log: searching, filtering, paging, who may read it, and
//! exports that read back to what was stored.

// Fixture helpers outside #[test] functions unwrap too: this file is a test.
#![allow(clippy::unwrap_used)]

use loket_core::audit_log::{AuditQuery, EXPORT_COLUMNS};
use loket_core::clock::{Clock, parse_user_time};
use loket_core::model::Role;
use loket_core::requests::RequestForm;
use loket_core::store::AuditEntry;
use loket_core::testing::{caller, office, person};
use loket_core::{ErrorKind, Loket};
use std::io::Read;

/// An office where the verifier files three requests on 21 November and
/// the admin adds a person on 2 December.
fn busy_office(dir: &std::path::Path) -> Loket {
    let (mut loket, admin) = office(dir);
    let verif = caller(&loket, Role::Verifikator);
    for i in 0..3 {
        loket
            .submit_request(
                &verif,
                &RequestForm {
                    jenis: Some("penerbitan".into()),
                    person: Some(person(i)),
                    ..RequestForm::default()
                },
            )
            .unwrap();
    }
    loket.set_clock(Clock::Fixed(
        parse_user_time("2026-12-02T10:00:00+08:00").unwrap(),
    ));
    loket.add_person(&admin, &person(50)).unwrap();
    loket
}

fn query() -> AuditQuery {
    AuditQuery::default()
}

fn actions(entries: &[AuditEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.action.as_str()).collect()
}

#[test]
fn the_log_is_newest_first_and_counts_every_match() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    let admin = caller(&loket, Role::Admin);
    let all = loket.audit_log(&admin, &query()).unwrap();
    assert_eq!(all.total as usize, all.entries.len());
    let ids: Vec<i64> = all.entries.iter().map(|e| e.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest first");

    let page = loket
        .audit_log(
            &admin,
            &AuditQuery {
                limit: Some(2),
                offset: Some(1),
                ..query()
            },
        )
        .unwrap();
    assert_eq!(page.total, all.total, "the total ignores paging");
    assert_eq!(page.entries, all.entries[1..3]);
}

#[test]
fn search_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    let admin = caller(&loket, Role::Admin);
    let find = |q: AuditQuery| loket.audit_log(&admin, &q).unwrap();

    // A request number in the summary, any case.
    let r = find(AuditQuery {
        search: Some("req-2026-00002".into()),
        ..query()
    });
    assert_eq!(actions(&r.entries), ["request.create"]);
    assert!(r.entries[0].summary.contains("REQ-2026-00002"));

    // Several words must all match, in any of the searched columns.
    let r = find(AuditQuery {
        search: Some("verifikator penerbitan".into()),
        ..query()
    });
    assert_eq!(r.total, 3);
    let r = find(AuditQuery {
        search: Some("verifikator pencabutan".into()),
        ..query()
    });
    assert_eq!(r.total, 0);

    // LIKE wildcards in the search are taken literally.
    assert_eq!(
        find(AuditQuery {
            search: Some("%".into()),
            ..query()
        })
        .total,
        0
    );

    // The user name, any case.
    let r = find(AuditQuery {
        actor: Some("VERIFIKATOR".into()),
        ..query()
    });
    assert!(r.entries.iter().all(|e| e.actor == "verifikator"));
    assert!(r.total >= 4, "a sign-in and three requests");

    // An action group, and one action.
    let r = find(AuditQuery {
        action: Some("person".into()),
        ..query()
    });
    assert!(r.entries.iter().all(|e| e.action.starts_with("person.")));
    assert!(r.total >= 4, "three people with the requests, one added");
    let r = find(AuditQuery {
        action: Some("user.create".into()),
        ..query()
    });
    assert_eq!(r.total, 3);
    assert_eq!(
        find(AuditQuery {
            action: Some("user.creat".into()),
            ..query()
        })
        .total,
        0,
        "a group is a whole prefix before a dot"
    );

    // An entity and its id.
    let request = find(AuditQuery {
        search: Some("REQ-2026-00001".into()),
        ..query()
    })
    .entries[0]
        .clone();
    let r = find(AuditQuery {
        entity: Some("request".into()),
        entity_id: request.entity_id.clone(),
        ..query()
    });
    assert_eq!(r.entries, [request]);

    // Dates are whole days, both ends included.
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let r = find(AuditQuery {
        from: Some(day("2026-12-01")),
        ..query()
    });
    // The person added on 2 December, and this test's own sign-in.
    assert_eq!(actions(&r.entries), ["user.sign_in", "person.create"]);
    let r = find(AuditQuery {
        to: Some(day("2026-11-21")),
        ..query()
    });
    assert!(r.entries.iter().all(|e| e.at.starts_with("2026-11-21")));
    let r = find(AuditQuery {
        from: Some(day("2026-12-02")),
        to: Some(day("2026-12-02")),
        ..query()
    });
    assert_eq!(r.total, 2);
    let e = loket
        .audit_log(
            &admin,
            &AuditQuery {
                from: Some(day("2026-12-02")),
                to: Some(day("2026-12-01")),
                ..query()
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.fields[0].field, "to");
    assert!(e.message.id.contains("1 Desember 2026"), "{}", e.message.id);
}

#[test]
fn who_may_read_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    for role in [Role::Admin, Role::Verifikator, Role::Pimpinan] {
        let who = caller(&loket, role);
        assert!(
            loket.audit_log(&who, &query()).unwrap().total > 0,
            "{role:?}"
        );
    }
    let pemohon = caller(&loket, Role::Pemohon);
    let e = loket.audit_log(&pemohon, &query()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.message.id.contains("log audit"), "{}", e.message.id);
    let e = loket
        .export_audit(&pemohon, &query(), &dir.path().join("log.csv"))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(!dir.path().join("log.csv").exists());
}

#[test]
fn a_csv_export_reads_back_to_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    let pimpinan = caller(&loket, Role::Pimpinan);
    let q = AuditQuery {
        action: Some("request".into()),
        ..query()
    };
    let expected = loket.audit_log(&pimpinan, &q).unwrap().entries;
    let path = dir.path().join("log audit.csv");
    let done = loket.export_audit(&pimpinan, &q, &path).unwrap();
    assert_eq!(done.rows, 3);
    assert!(!dir.path().join("log audit.csv.part").exists());

    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, EXPORT_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, e) in rows.iter().zip(&expected) {
        assert_eq!(row[0].parse::<i64>().unwrap(), e.id);
        assert_eq!(&row[1], e.at);
        assert_eq!(row[2].parse::<i64>().ok(), e.user_id);
        assert_eq!(&row[3], e.actor);
        assert_eq!(&row[4], e.action);
        assert_eq!(&row[5], e.entity);
        assert_eq!(Some(&row[6]), e.entity_id.as_deref());
        assert_eq!(&row[7], e.summary);
        assert_eq!(row[8].is_empty(), e.old_value.is_none());
        let new: serde_json::Value = serde_json::from_str(&row[9]).unwrap();
        assert_eq!(Some(new), e.new_value, "compact JSON reads back");
        assert!(!row[9].contains('\n'), "compact, one line");
    }
    // The export itself is logged.
    let admin = caller(&loket, Role::Admin);
    let log = loket
        .audit_log(
            &admin,
            &AuditQuery {
                action: Some("audit.export".into()),
                ..query()
            },
        )
        .unwrap();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].actor, "pimpinan");
}

#[test]
fn an_xlsx_export_holds_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    let admin = caller(&loket, Role::Admin);
    let total = loket.audit_log(&admin, &query()).unwrap().total;
    let path = dir.path().join("log.XLSX");
    let done = loket.export_audit(&admin, &query(), &path).unwrap();
    assert_eq!(done.rows as i64, total);

    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut sheet = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert_eq!(
        sheet.matches("<row ").count() as i64,
        total + 1,
        "a header and every entry"
    );
    for text in ["summary", "new_value", "REQ-2026-00003", "Pengguna pemohon"] {
        assert!(sheet.contains(text), "{text} missing");
    }
}

#[test]
fn export_needs_a_known_file_type() {
    let dir = tempfile::tempdir().unwrap();
    let loket = busy_office(dir.path());
    let admin = caller(&loket, Role::Admin);
    let e = loket
        .export_audit(&admin, &query(), &dir.path().join("log.pdf"))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(e.message.id.contains(".csv atau .xlsx"), "{}", e.message.id);
}
