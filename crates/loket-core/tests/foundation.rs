//! The foundation against a real SQLite file: setup, accounts and roles,
//! people, requests and their numbers, the rules certificates impose, and
//! durability when the process dies mid-write.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loket_core::certificates::CertificateInput;
use loket_core::clock::{Clock, parse_user_time};
use loket_core::model::{CertStatus, PersonInput, RequestStatus, Role};
use loket_core::requests::{RequestFilter, RequestForm};
use loket_core::testing::{self, caller, office, person};
use loket_core::{ErrorKind, Loket};

fn form(jenis: &str, p: PersonInput, alasan: Option<&str>) -> RequestForm {
    RequestForm {
        jenis: Some(jenis.into()),
        alasan: alasan.map(str::to_string),
        person: Some(p),
        ..RequestForm::default()
    }
}

#[test]
fn fixture_people_are_valid_and_distinct() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    for i in 0..400 {
        loket
            .add_person(&admin, &person(i))
            .unwrap_or_else(|e| panic!("fixture person {i}: {e}"));
    }
    assert_eq!(loket.list_people(&admin, None, 1000, 0).unwrap().len(), 400);
}

#[test]
fn setup_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, _) = office(dir.path());
    assert!(!loket.needs_setup().unwrap());
    let again = loket.complete_setup(&loket_core::accounts::SetupInput {
        admin: loket_core::accounts::NewUser {
            username: "penyusup".into(),
            display_name: String::new(),
            role: None,
            password: "rahasia-123".into(),
        },
        agency: testing::tapin_agency(),
    });
    assert_eq!(again.unwrap_err().kind, ErrorKind::Conflict);
}

#[test]
fn sign_in_refuses_wrong_password_and_unknown_user_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, _) = office(dir.path());
    let a = loket.sign_in("admin", "salah-salah").unwrap_err();
    let b = loket.sign_in("tidakada", "salah-salah").unwrap_err();
    assert_eq!(a.kind, ErrorKind::Unauthenticated);
    assert_eq!(a.message, b.message, "no hint whether the user exists");
    assert_eq!(
        loket.sign_in(" ADMIN ", "rahasia-123").unwrap().role,
        Role::Admin
    );
}

#[test]
fn roles_are_enforced_in_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, _) = office(dir.path());
    let pemohon = caller(&loket, Role::Pemohon);
    let pimpinan = caller(&loket, Role::Pimpinan);
    let new_user = loket_core::accounts::NewUser {
        username: "baru".into(),
        display_name: String::new(),
        role: Some(Role::Admin),
        password: "rahasia-123".into(),
    };
    let e = loket.add_user(&pemohon, &new_user).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(
        e.message.id.contains("menambah pengguna"),
        "{}",
        e.message.id
    );
    let e = loket
        .submit_request(&pimpinan, &form("penerbitan", person(1), None))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(
        loket
            .set_agency(&pemohon, &testing::tapin_agency())
            .is_err()
    );
}

#[test]
fn an_applicant_sees_and_edits_only_their_own_requests() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, _) = office(dir.path());
    let verif = caller(&loket, Role::Verifikator);
    let pemohon = caller(&loket, Role::Pemohon);
    let other = loket
        .submit_request(&verif, &form("penerbitan", person(1), None))
        .unwrap();
    let own = loket
        .submit_request(&pemohon, &form("penerbitan", person(2), None))
        .unwrap();

    let mine = loket
        .list_requests(&pemohon, &RequestFilter::default())
        .unwrap();
    assert_eq!(
        mine.iter()
            .map(|r| r.request.nomor.as_str())
            .collect::<Vec<_>>(),
        [own.nomor.as_str()]
    );
    assert_eq!(
        loket
            .list_requests(&verif, &RequestFilter::default())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        loket.get_request(&pemohon, &other.nomor).unwrap_err().kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        loket
            .get_person(&pemohon, other.person_id)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        loket.own_person(&pemohon).unwrap().unwrap().id,
        own.person_id
    );
    // Editing someone else's record is refused, even by NIK.
    let e = loket
        .submit_request(&pemohon, &form("pencabutan", person(1), Some("pensiun")))
        .unwrap_err();
    assert_eq!(e.fields[0].field, "nik");
    assert!(
        loket
            .update_person(&pemohon, other.person_id, &person(1))
            .is_err()
    );
}

#[test]
fn request_numbers_are_sequential_and_restart_each_year() {
    let dir = tempfile::tempdir().unwrap();
    let (mut loket, admin) = office(dir.path());
    let a = loket
        .submit_request(&admin, &form("penerbitan", person(1), None))
        .unwrap();
    let b = loket
        .submit_request(&admin, &form("penerbitan", person(2), None))
        .unwrap();
    assert_eq!(
        (a.nomor.as_str(), b.nomor.as_str()),
        ("REQ-2026-00001", "REQ-2026-00002")
    );
    assert_eq!(a.status, RequestStatus::Diproses);
    assert_eq!(a.attempt, 1);
    loket.set_clock(Clock::Fixed(
        parse_user_time("2027-01-01T08:00:00+08:00").unwrap(),
    ));
    let c = loket
        .submit_request(&admin, &form("penerbitan", person(3), None))
        .unwrap();
    assert_eq!(c.nomor, "REQ-2027-00001");
    assert_eq!(
        loket.get_request(&admin, "req-2026-00002").unwrap().id,
        b.id
    );
    assert_eq!(loket.get_request(&admin, &a.uuid).unwrap().id, a.id);
    assert_eq!(
        loket
            .get_request(&admin, "REQ-2026-99999")
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
}

#[test]
fn two_app_instances_never_draw_the_same_request_number() {
    let dir = tempfile::tempdir().unwrap();
    drop(office(dir.path()));
    let handles: Vec<_> = (0..3)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let loket = Loket::open(&path).unwrap();
                let admin = loket.sign_in("admin", "rahasia-123").unwrap();
                (0..15)
                    .map(|i| {
                        loket
                            .submit_request(
                                &admin,
                                &form("penerbitan", person(1000 + t * 100 + i), None),
                            )
                            .unwrap()
                            .nomor
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 45, "every request got its own number");
}

#[test]
fn invalid_input_stores_nothing_and_names_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let mut bad = person(1);
    bad.nik = Some("123".into());
    bad.email = Some("budi@gmail.com".into());
    let e = loket
        .submit_request(&admin, &form("pencabutan", bad, None))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    for f in ["alasan", "nik", "email"] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert!(loket.list_people(&admin, None, 10, 0).unwrap().is_empty());
    assert!(
        loket
            .list_requests(&admin, &RequestFilter::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn revocation_needs_an_explicit_reason_with_its_crl_code() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let e = loket
        .submit_request(&admin, &form("pencabutan", person(1), Some("lainnya")))
        .unwrap_err();
    assert_eq!(e.fields[0].field, "alasan_teks");
    let r = loket
        .submit_request(&admin, &form("pencabutan", person(1), Some("kehilangan")))
        .unwrap();
    assert_eq!(r.alasan_crl, Some(1));
    let e = loket
        .submit_request(&admin, &form("pencabutan", person(1), Some("kehilangan")))
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Conflict,
        "one open revocation per person"
    );
    assert!(e.message.id.contains(&r.nomor));
}

#[test]
fn certificate_state_decides_which_requests_make_sense() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let p = loket.add_person(&admin, &person(5)).unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // No certificate: nothing to renew.
    let e = loket
        .create_request(&admin, "pembaruan", p.id, None, None)
        .unwrap_err();
    assert!(e.message.id.contains("penerbitan"), "{}", e.message.id);
    // Active until 31 Dec 2026; today is 21 Nov 2026: too early to renew.
    loket
        .record_certificate(
            &admin,
            p.id,
            &CertificateInput {
                status: Some(CertStatus::Issue),
                issued_on: Some(d("2024-12-31")),
                expires_on: Some(d("2026-12-31")),
            },
        )
        .unwrap();
    let e = loket
        .create_request(&admin, "penerbitan", p.id, None, None)
        .unwrap_err();
    assert!(
        e.message.id.contains("31 Desember 2026"),
        "{}",
        e.message.id
    );
    let e = loket
        .create_request(&admin, "pembaruan", p.id, None, None)
        .unwrap_err();
    assert!(e.message.id.contains("1 Desember 2026"), "{}", e.message.id);
}

#[test]
fn submitting_with_a_known_nik_updates_the_person_and_keeps_old_values() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let first = loket.add_person(&admin, &person(7)).unwrap();
    let mut changed = person(7);
    changed.jabatan = Some("Kepala Seksi Persandian".into());
    let req = loket
        .submit_request(&admin, &form("penerbitan", changed, None))
        .unwrap();
    assert_eq!(req.person_id, first.id);
    assert_eq!(
        loket.get_person(&admin, first.id).unwrap().data.jabatan,
        "Kepala Seksi Persandian"
    );
}

/// A writer killed with SIGKILL in the middle of its work loses nothing it
/// had committed, and leaves nothing half-written (each iteration writes a
/// person and a request in one transaction).
#[test]
fn a_killed_writer_loses_nothing_committed() {
    const CHILD: &str = "LOKET_CRASH_CHILD_DIR";
    if let Some(dir) = std::env::var_os(CHILD) {
        // Child role: write until killed, announcing each commit.
        let loket = Loket::open(std::path::Path::new(&dir)).unwrap();
        let admin = loket.sign_in("admin", "rahasia-123").unwrap();
        for i in 0.. {
            let r = loket
                .submit_request(&admin, &form("penerbitan", person(i), None))
                .unwrap();
            println!("committed {}", r.nomor);
        }
        return;
    }
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    drop(office(dir.path()));
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_killed_writer_loses_nothing_committed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut committed = Vec::new();
    for line in std::io::BufReader::new(stdout).lines() {
        if let Some(n) = line.unwrap().strip_prefix("committed ") {
            committed.push(n.to_string());
        }
        if committed.len() >= 40 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(committed.len(), 40, "the child wrote");

    let loket = Loket::open(dir.path()).unwrap();
    assert_eq!(loket.store().integrity_check().unwrap(), ["ok"]);
    let admin = loket.sign_in("admin", "rahasia-123").unwrap();
    let stored = loket
        .list_requests(
            &admin,
            &RequestFilter {
                limit: Some(5000),
                ..Default::default()
            },
        )
        .unwrap();
    for n in &committed {
        assert!(
            stored.iter().any(|r| &r.request.nomor == n),
            "{n} was committed but is gone"
        );
    }
    let people = loket.list_people(&admin, None, 5000, 0).unwrap();
    assert_eq!(
        people.len(),
        stored.len(),
        "every request has its person: nothing half-written"
    );
}

#[test]
fn a_draft_is_saved_updated_and_submitted_later() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, _) = office(dir.path());
    let pemohon = caller(&loket, Role::Pemohon);
    let draft = loket
        .save_draft(&pemohon, &form("pencabutan", person(30), Some("pensiun")))
        .unwrap();
    assert_eq!(draft.status, RequestStatus::Draf);
    assert_eq!(
        (draft.sop_ref, draft.current_step),
        (None, None),
        "no SOP step runs for a draft"
    );
    // The applicant changes their mind about the reason.
    let updated = loket
        .update_draft(
            &pemohon,
            &draft.nomor,
            &form("pencabutan", person(30), Some("lupa_passphrase")),
        )
        .unwrap();
    assert_eq!(updated.alasan_crl, Some(4));
    assert_eq!(updated.nomor, draft.nomor);
    // Someone else's draft cannot be touched.
    let other = caller(&loket, Role::Verifikator);
    let mine = loket
        .save_draft(&other, &form("penerbitan", person(31), None))
        .unwrap();
    assert_eq!(
        loket
            .update_draft(&pemohon, &mine.nomor, &form("penerbitan", person(31), None))
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    // Submitted, it starts its SOP; a second submit is refused.
    let submitted = loket.submit_draft(&pemohon, &draft.nomor).unwrap();
    assert_eq!(
        (submitted.status, submitted.current_step),
        (RequestStatus::Diproses, Some(1))
    );
    assert!(submitted.sop_ref.is_some());
    assert_eq!(
        loket.submit_draft(&pemohon, &draft.nomor).unwrap_err().kind,
        ErrorKind::Conflict
    );
    assert_eq!(
        loket
            .update_draft(
                &pemohon,
                &draft.nomor,
                &form("pencabutan", person(30), Some("pensiun"))
            )
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    // A draft counts as an open request: no second one of the same type.
    let e = loket
        .save_draft(&pemohon, &form("pencabutan", person(30), Some("pensiun")))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
}
