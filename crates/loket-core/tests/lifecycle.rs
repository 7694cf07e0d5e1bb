//! Requests walking the shipped SOPs end to end through loket-core, as the
//! window and the CLI drive them.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate};
use loket_core::clock::{Clock, parse_user_time};
use loket_core::lifecycle::{ActingAs, Outcome, RequestView, StepAction, StepState};
use loket_core::model::{CertStatus, PersonInput, RequestStatus, RevocationReason, Role};
use loket_core::requests::RequestForm;
use loket_core::sop::ActorRole;
use loket_core::testing::{NOW, caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};

struct Office {
    _dir: tempfile::TempDir,
    loket: Loket,
    admin: Caller,
    verif: Caller,
    head: Caller,
    applicant: Caller,
    minutes: i64,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = office(dir.path());
        let verif = caller(&loket, Role::Verifikator);
        let head = caller(&loket, Role::Pimpinan);
        let applicant = caller(&loket, Role::Pemohon);
        Office {
            _dir: dir,
            loket,
            admin,
            verif,
            head,
            applicant,
            minutes: 0,
        }
    }

    /// Moves the clock forward.
    fn wait(&mut self, minutes: i64) {
        self.minutes += minutes;
        let t = parse_user_time(NOW).unwrap() + Duration::minutes(self.minutes);
        self.loket.set_clock(Clock::Fixed(t));
    }

    fn submit(&self, by: &Caller, jenis: &str, p: PersonInput, alasan: Option<&str>) -> String {
        self.loket
            .submit_request(
                by,
                &RequestForm {
                    jenis: Some(jenis.into()),
                    alasan: alasan.map(str::to_string),
                    person: Some(p),
                    ..RequestForm::default()
                },
            )
            .unwrap()
            .nomor
    }

    /// Who acts on a step of this role in these tests.
    fn actor(&self, role: ActorRole, applicant_owned: bool) -> &Caller {
        match role {
            ActorRole::Pemohon if applicant_owned => &self.applicant,
            ActorRole::Pimpinan => &self.head,
            _ => &self.verif,
        }
    }

    fn view(&self, nomor: &str) -> RequestView {
        self.loket.request_view(&self.admin, nomor).unwrap()
    }

    /// Completes the current step, answering a conditional step with
    /// `condition` and accepting missing documents with a written reason.
    fn done(&self, nomor: &str, condition: bool, applicant_owned: bool) -> RequestView {
        let v = self.view(nomor);
        let cur = v.current.as_ref().expect("a current step");
        let step = &v.steps[(cur.no - 1) as usize];
        let by = self.actor(step.actor_role, applicant_owned);
        if by.role == Role::Pemohon {
            // The applicant attaches the scans the step asks for.
            for kind in &cur.missing_documents {
                self.loket
                    .attach_bytes(
                        by,
                        nomor,
                        &format!("{}.pdf", kind.code()),
                        &pdf(kind.code()),
                        *kind,
                    )
                    .unwrap();
            }
        }
        self.loket
            .act_on_step(
                by,
                nomor,
                &StepAction {
                    step: Some(cur.no),
                    condition: cur.needs_condition.then_some(condition),
                    checklist: step.requirements.clone(),
                    override_documents: (!cur.missing_documents.is_empty())
                        .then(|| "Berkas asli diperiksa di loket".into()),
                    ..StepAction::default()
                },
            )
            .unwrap_or_else(|e| panic!("step {} of {nomor}: {e}", cur.no))
    }

    fn finish(&mut self, nomor: &str) -> RequestView {
        loop {
            self.wait(1);
            let v = self.done(nomor, true, false);
            if v.current.is_none() {
                return v;
            }
        }
    }
}

/// A small valid PDF whose content differs by `tag`.
fn pdf(tag: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn every_preset_runs_from_submission_to_its_final_status() {
    // (request type, SOP chosen as default, steps, final certificate status)
    let cases = [
        (
            "penerbitan",
            "tapin-penerbitan",
            12,
            Some(CertStatus::Issue),
        ),
        (
            "pencabutan",
            "tapin-pencabutan",
            8,
            Some(CertStatus::Revoke),
        ),
        (
            "pencabutan",
            "kebumen-pencabutan",
            9,
            Some(CertStatus::Revoke),
        ),
        (
            "pencabutan",
            "madiun-pencabutan",
            8,
            Some(CertStatus::Revoke),
        ),
        (
            "pencabutan",
            "bolmong-pencabutan",
            8,
            Some(CertStatus::Revoke),
        ),
        ("reset_passphrase", "umum-reset-passphrase", 0, None),
    ];
    for (i, (jenis, sop, steps, cert)) in cases.into_iter().enumerate() {
        let mut o = Office::new();
        o.loket
            .set_sop_default(
                &o.admin,
                loket_core::model::RequestType::parse(jenis).unwrap(),
                sop,
            )
            .unwrap();
        let nomor = o.submit(
            &o.verif,
            jenis,
            person(i),
            (jenis == "pencabutan").then_some("pensiun"),
        );
        let v = o.view(&nomor);
        assert_eq!(v.sop_id, sop);
        if steps > 0 {
            assert_eq!(v.steps.len(), steps, "{sop}");
        }
        let end = o.finish(&nomor);
        assert_eq!(end.request.status, RequestStatus::Selesai, "{sop}");
        assert!(
            end.steps
                .iter()
                .all(|s| matches!(s.state, StepState::Done | StepState::Skipped)),
            "{sop}"
        );
        assert_eq!(end.certificate.as_ref().map(|c| c.status), cert, "{sop}");
        if cert == Some(CertStatus::Revoke) {
            let c = end.certificate.unwrap();
            let r = c.revocation.unwrap();
            assert_eq!((r.reason, r.crl), (RevocationReason::Pensiun, 5), "{sop}");
        }
    }
}

#[test]
fn issuance_records_the_expiry_entered_or_two_years() {
    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(1), None);
    let mut v = o.view(&nomor);
    while v.current.as_ref().is_some_and(|c| !c.is_last) {
        o.wait(1);
        v = o.done(&nomor, false, false);
    }
    let last = v.current.unwrap().no;
    let v = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                step: Some(last),
                expires_on: Some(d("2028-12-01")),
                ..StepAction::default()
            },
        )
        .unwrap();
    let cert = v.certificate.unwrap();
    assert_eq!(cert.status, CertStatus::Issue);
    assert_eq!(cert.issued_on, Some(d("2026-11-21")));
    assert_eq!(cert.expires_on, Some(d("2028-12-01")));

    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(2), None);
    let v = o.finish(&nomor);
    assert_eq!(
        v.certificate.unwrap().expires_on,
        Some(d("2028-11-21")),
        "default: two years"
    );
}

#[test]
fn tapin_conditional_steps_four_and_five_are_skipped_or_run() {
    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(1), None);
    for _ in 0..3 {
        o.wait(1);
        o.done(&nomor, true, false);
    }
    // Step 4 is conditional: without an answer it is refused.
    let e = o
        .loket
        .act_on_step(&o.verif, &nomor, &StepAction::default())
        .unwrap_err();
    assert_eq!(e.fields[0].field, "condition");
    // Documents were complete: step 4 skipped. No official email: step 5 runs.
    o.done(&nomor, false, false);
    let v = o.done(&nomor, true, false);
    assert_eq!(v.steps[3].state, StepState::Skipped);
    assert_eq!(
        v.steps[3].record.as_ref().unwrap().condition_held,
        Some(false)
    );
    assert_eq!(v.steps[4].state, StepState::Done);
    assert_eq!(
        v.steps[4].record.as_ref().unwrap().condition_held,
        Some(true)
    );
    assert_eq!(v.current.unwrap().no, 6);
}

#[test]
fn kebumen_returns_to_step_one_when_the_data_does_not_match() {
    let mut o = Office::new();
    o.loket
        .set_sop_default(
            &o.admin,
            loket_core::model::RequestType::Pencabutan,
            "kebumen-pencabutan",
        )
        .unwrap();
    let nomor = o.submit(
        &o.applicant,
        "pencabutan",
        person(3),
        Some("lupa_passphrase"),
    );
    for _ in 0..4 {
        o.wait(1);
        o.done(&nomor, true, true);
    }
    let v = o.view(&nomor);
    let cur = v.current.unwrap();
    assert_eq!((cur.no, cur.on_fail), (5, Some(1)));
    // A return needs a note; then goes to the SOP's on_fail step.
    let e = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                outcome: Outcome::Return,
                ..StepAction::default()
            },
        )
        .unwrap_err();
    assert!(e.fields.iter().any(|f| f.field == "note"));
    let v = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                outcome: Outcome::Return,
                note: Some("Nama pada surat keterangan tidak sesuai KTP".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
    assert_eq!(v.current.as_ref().unwrap().no, 1);
    assert!(
        v.steps[1..].iter().all(|s| s.state == StepState::Upcoming),
        "steps after the return start over"
    );
    assert_eq!(v.request.attempt, 1, "a return is not a rejection");
    // The applicant writes the letter again and the request goes on to the end.
    let end = o.finish(&nomor);
    assert_eq!(end.request.status, RequestStatus::Selesai);
    let returns = end
        .history
        .iter()
        .filter(|e| e.kind == loket_core::lifecycle::EventKind::Return)
        .count();
    assert_eq!(returns, 1, "the history keeps the loop");
}

#[test]
fn a_rejected_request_is_corrected_and_resubmitted() {
    let mut o = Office::new();
    let nomor = o.submit(&o.applicant, "penerbitan", person(4), None);
    o.wait(5);
    o.done(&nomor, true, true); // applicant sends the letter
    o.done(&nomor, true, true); // head disposes
    let v = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                outcome: Outcome::Reject,
                note: Some("SK jabatan tidak terbaca".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
    assert_eq!(v.request.status, RequestStatus::Ditolak);
    assert!(v.current.is_none());
    assert_eq!(v.steps[2].state, StepState::Stopped);
    // Nothing more can be done on a rejected request but resubmitting.
    assert_eq!(
        o.loket
            .act_on_step(&o.verif, &nomor, &StepAction::default())
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    let v = o
        .loket
        .resubmit(&o.applicant, &nomor, Some("SK jabatan dipindai ulang"))
        .unwrap();
    assert_eq!(v.request.attempt, 2);
    assert_eq!(v.request.status, RequestStatus::Diproses);
    assert_eq!(v.current.unwrap().no, 1);
    assert!(
        v.steps
            .iter()
            .all(|s| matches!(s.state, StepState::Current | StepState::Upcoming))
    );
    assert_eq!(
        o.loket
            .resubmit(&o.applicant, &nomor, None)
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    let end = o.finish(&nomor);
    assert_eq!(end.request.status, RequestStatus::Selesai);
}

#[test]
fn only_the_actors_role_completes_a_step_and_an_admin_override_is_recorded() {
    let o = Office::new();
    o.loket
        .set_sop_default(
            &o.admin,
            loket_core::model::RequestType::Pencabutan,
            "madiun-pencabutan",
        )
        .unwrap();
    let nomor = o.submit(&o.applicant, "pencabutan", person(5), Some("mutasi"));
    // Step 1 is the applicant's: a head may not complete it.
    let e = o
        .loket
        .act_on_step(&o.head, &nomor, &StepAction::default())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.message.id.contains("Pemohon"), "{}", e.message.id);
    o.done(&nomor, true, true);
    // Step 2 is the Kadin's disposisi: the verifier and the applicant may not.
    for who in [&o.verif, &o.applicant] {
        assert_eq!(
            o.loket
                .act_on_step(who, &nomor, &StepAction::default())
                .unwrap_err()
                .kind,
            ErrorKind::Forbidden
        );
    }
    let v = o
        .loket
        .act_on_step(
            &o.head,
            &nomor,
            &StepAction {
                note: Some("Segera proses".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
    let rec = v.steps[1].record.clone().unwrap();
    assert_eq!(
        rec.disposisi_to.as_deref(),
        Some("Kabid"),
        "a disposisi goes to the next step's actor"
    );
    assert_eq!(rec.note.as_deref(), Some("Segera proses"));
    // The admin may act for the Kabid; the history says so.
    assert_eq!(
        v.current.as_ref().unwrap().acting_as,
        Some(ActingAs::Own),
        "the Kabid's step is a head's too"
    );
    let admin_view = o.loket.request_view(&o.admin, &nomor).unwrap();
    assert_eq!(
        admin_view.current.unwrap().acting_as,
        Some(ActingAs::Override),
        "computed per caller"
    );
    let v = o
        .loket
        .act_on_step(&o.admin, &nomor, &StepAction::default())
        .unwrap();
    let rec = v.steps[2].record.clone().unwrap();
    assert!(
        rec.override_reason.unwrap().contains("Admin"),
        "override recorded"
    );
    // A verifier records BSrE's step on its behalf, with the date BSrE acted.
    let verif_view = o.loket.request_view(&o.verif, &nomor).unwrap();
    assert_eq!(verif_view.current.as_ref().unwrap().no, 4);
    assert_eq!(
        verif_view.current.unwrap().acting_as,
        None,
        "step 4 is the Kasi's"
    );
}

#[test]
fn a_verifier_records_what_bsre_did_with_the_date_it_acted() {
    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "pencabutan", person(6), Some("kehilangan"));
    for _ in 0..5 {
        o.wait(2);
        o.done(&nomor, true, false);
    }
    let v = o.view(&nomor);
    let cur = v.current.unwrap();
    assert_eq!(
        v.steps[(cur.no - 1) as usize].actor_role,
        ActorRole::External
    );
    assert_eq!(
        o.loket
            .request_view(&o.verif, &nomor)
            .unwrap()
            .current
            .unwrap()
            .acting_as,
        Some(ActingAs::OnBehalf)
    );
    o.wait(120);
    let at = parse_user_time(NOW).unwrap() + Duration::minutes(60);
    let v = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                at: Some(at),
                ..StepAction::default()
            },
        )
        .unwrap();
    let rec = v.steps[(cur.no - 1) as usize].record.clone().unwrap();
    assert!(rec.on_behalf);
    assert_eq!(parse_user_time(&rec.acted_at).unwrap(), at);
    // The future and a time before the step started are refused.
    let future = parse_user_time(NOW).unwrap() + Duration::days(3);
    let e = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                at: Some(future),
                ..StepAction::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.fields[0].field, "at");
    let past = parse_user_time(NOW).unwrap();
    let e = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                at: Some(past),
                ..StepAction::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.fields[0].field, "at");
}

#[test]
fn durations_against_the_standard_and_overdue_marks() {
    let mut o = Office::new();
    // Tapin pencabutan: step 1 is 15 minutes.
    let nomor = o.submit(&o.verif, "pencabutan", person(7), Some("pensiun"));
    o.wait(10);
    let v = o.view(&nomor);
    let cur = v.current.clone().unwrap();
    assert_eq!(cur.elapsed_minutes, 10);
    assert!(!cur.overdue && cur.soon_due, "10 of 15 minutes: soon due");
    assert!(
        o.loket
            .due_list(&o.verif)
            .unwrap()
            .iter()
            .any(|d| d.nomor == nomor && d.soon_due)
    );
    o.wait(10);
    let cur = o.view(&nomor).current.unwrap();
    assert!(cur.overdue);
    let due = o.loket.due_list(&o.verif).unwrap();
    let item = due.iter().find(|d| d.nomor == nomor).unwrap();
    assert_eq!((item.overdue, item.overdue_minutes), (true, 5));
    let v = o.done(&nomor, true, false);
    assert_eq!(v.steps[0].actual_minutes, Some(20));
    assert!(v.steps[0].overdue);
    assert_eq!(v.planned_text.id, "26 Menit");
    // The applicant's due list shows only their own requests.
    assert!(o.loket.due_list(&o.applicant).unwrap().is_empty());
}

#[test]
fn emailed_links_show_when_they_expire() {
    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(8), None);
    for _ in 0..7 {
        o.wait(1);
        o.done(&nomor, true, false);
    }
    let cur = o.view(&nomor).current.unwrap();
    assert_eq!(cur.no, 8, "identity and face scan via the emailed link");
    let expires = parse_user_time(cur.link_expires_at.as_deref().unwrap()).unwrap();
    assert_eq!(
        expires - parse_user_time(&cur.started_at).unwrap(),
        Duration::hours(24)
    );
    assert!(!cur.link_expiring);
    o.wait(19 * 60);
    assert!(o.view(&nomor).current.unwrap().link_expiring);
    assert!(
        o.loket
            .due_list(&o.verif)
            .unwrap()
            .iter()
            .any(|d| d.nomor == nomor && d.link_expiring)
    );
    o.wait(6 * 60);
    assert!(o.view(&nomor).current.unwrap().link_expired);
}

#[test]
fn documents_named_by_the_sop_block_the_step_until_a_verifier_overrides() {
    let o = Office::new();
    let nomor = o.submit(&o.applicant, "pencabutan", person(9), Some("pensiun"));
    let v = o.loket.request_view(&o.applicant, &nomor).unwrap();
    let cur = v.current.unwrap();
    assert_eq!(
        cur.missing_documents,
        [loket_core::model::DocKind::SuratKeteranganPencabutan]
    );
    let e = o
        .loket
        .act_on_step(&o.applicant, &nomor, &StepAction::default())
        .unwrap_err();
    assert_eq!(e.fields[0].field, "documents");
    assert!(
        e.message.id.contains("Surat Keterangan Alasan Pencabutan"),
        "{}",
        e.message.id
    );
    // An applicant cannot override; a verifier can, with a reason in the history.
    let e = o
        .loket
        .act_on_step(
            &o.applicant,
            &nomor,
            &StepAction {
                override_documents: Some("nanti".into()),
                ..StepAction::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.fields[0].field, "override_documents");
    let v = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                override_documents: Some("Surat asli diserahkan langsung".into()),
                ..StepAction::default()
            },
        )
        .unwrap();
    let rec = v.steps[0].record.clone().unwrap();
    assert!(rec.on_behalf);
    assert!(
        rec.override_reason
            .unwrap()
            .contains("Surat asli diserahkan langsung")
    );
}

#[test]
fn a_new_sop_version_leaves_running_requests_on_theirs() {
    let o = Office::new();
    let running = o.submit(&o.verif, "pencabutan", person(10), Some("pensiun"));
    let source = o.loket.export_sop(&o.admin, "tapin-pencabutan").unwrap();
    // The same content again changes nothing.
    let same = o.loket.import_sop(&o.admin, &source).unwrap();
    assert_eq!(same.outcome, "unchanged");
    // Changed content at the same version is refused, and nothing is stored.
    let changed = source.replace("time = \"15 Menit\"", "time = \"30 Menit\"");
    let e = o.loket.import_sop(&o.admin, &changed).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.id.contains("versi"), "{}", e.message.id);
    let bumped = changed.replace("version = 1", "version = 2");
    assert_eq!(
        o.loket.import_sop(&o.admin, &bumped).unwrap().outcome,
        "new_version"
    );
    let newer = o.submit(&o.verif, "pencabutan", person(11), Some("pensiun"));
    assert_eq!(o.view(&running).sop_version, 1);
    assert_eq!(o.view(&running).steps[0].time_text, "15 Menit");
    assert_eq!(o.view(&newer).sop_version, 2);
    assert_eq!(o.view(&newer).steps[0].time_text, "30 Menit");
    let list = o.loket.list_sops(&o.admin).unwrap();
    let tp = list.iter().find(|s| s.id == "tapin-pencabutan").unwrap();
    assert_eq!(
        tp.versions
            .iter()
            .map(|v| (v.version, v.requests))
            .collect::<Vec<_>>(),
        [(2, 1), (1, 1)]
    );
}

#[test]
fn importing_a_malformed_sop_stores_nothing_and_names_every_problem() {
    let o = Office::new();
    let before = o.loket.list_sops(&o.admin).unwrap().len();
    let bad = r#"format = "loket-sop/1"
[sop]
id = "contoh-rusak"
title = "Contoh"
request_types = ["pencabutan", "pengunduran"]
pemda = "Pemerintah Kabupaten Contoh"
[[actors]]
id = "pemohon"
name = "Pemohon"
role = "pemohon"
[[steps]]
no = 1
activity = "Membuat surat"
actor = "kabid"
time = "sebentar"
output = "Surat"
[[steps]]
no = 3
activity = "Memeriksa"
actor = "pemohon"
time = "5 Menit"
on_fail = 9
"#;
    let e = o.loket.import_sop(&o.admin, bad).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    let all = e
        .fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message.id))
        .collect::<Vec<_>>()
        .join("\n");
    for needle in ["pengunduran", "kabid", "sebentar", "on_fail", "2"] {
        assert!(all.contains(needle), "{needle} not named in:\n{all}");
    }
    assert_eq!(o.loket.list_sops(&o.admin).unwrap().len(), before);
    // Only an admin imports.
    assert_eq!(
        o.loket.import_sop(&o.verif, bad).unwrap_err().kind,
        ErrorKind::Forbidden
    );
}

#[test]
fn a_revocation_reason_is_corrected_later_with_an_audit_entry() {
    let mut o = Office::new();
    let nomor = o.submit(&o.verif, "pencabutan", person(12), Some("lupa_passphrase"));
    o.finish(&nomor);
    let r = o
        .loket
        .correct_revocation_reason(&o.verif, &nomor, RevocationReason::Kehilangan, None)
        .unwrap();
    assert_eq!(r.alasan_crl, Some(1));
    let v = o.view(&nomor);
    let rev = v.certificate.unwrap().revocation.unwrap();
    assert_eq!((rev.reason, rev.crl), (RevocationReason::Kehilangan, 1));
    assert!(
        v.history
            .iter()
            .any(|e| e.kind == loket_core::lifecycle::EventKind::ReasonCorrected)
    );
    assert_eq!(
        o.loket
            .correct_revocation_reason(&o.applicant, &nomor, RevocationReason::Pensiun, None)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

#[test]
fn a_data_change_applies_the_new_data_only_when_finished() {
    let mut o = Office::new();
    let p = o.loket.add_person(&o.admin, &person(13)).unwrap();
    let mut new = person(13);
    new.jabatan = Some("Kepala Seksi Persandian".into());
    let nomor = o.submit(&o.verif, "perubahan_data", new.clone(), None);
    assert_eq!(
        o.loket.get_person(&o.admin, p.id).unwrap().data.jabatan,
        p.data.jabatan,
        "not yet"
    );
    o.finish(&nomor);
    assert_eq!(
        o.loket.get_person(&o.admin, p.id).unwrap().data.jabatan,
        "Kepala Seksi Persandian"
    );
    // Nothing changed: refused.
    let e = o
        .loket
        .submit_request(
            &o.verif,
            &RequestForm {
                jenis: Some("perubahan_data".into()),
                person: Some(new),
                ..RequestForm::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
}

#[test]
fn renewal_supersedes_the_old_certificate_within_the_window() {
    let mut o = Office::new();
    let p = o.loket.add_person(&o.admin, &person(14)).unwrap();
    o.loket
        .record_certificate(
            &o.admin,
            p.id,
            &loket_core::certificates::CertificateInput {
                status: Some(CertStatus::Issue),
                issued_on: Some(d("2024-12-10")),
                expires_on: Some(d("2026-12-10")),
            },
        )
        .unwrap();
    let nomor = o
        .loket
        .create_request(&o.verif, "pembaruan", p.id, None, None)
        .unwrap()
        .nomor;
    let v = o.finish(&nomor);
    let certs = o.loket.certificates_of(&o.admin, p.id).unwrap();
    assert_eq!(certs.len(), 2);
    assert_eq!(v.certificate.unwrap().status, CertStatus::Issue);
    assert!(
        certs
            .iter()
            .any(|c| c.status == CertStatus::Renew && c.expires_on == Some(d("2026-12-10")))
    );
}

#[test]
fn acting_on_a_step_someone_else_already_completed_is_refused() {
    let o = Office::new();
    let nomor = o.submit(&o.verif, "pencabutan", person(15), Some("pensiun"));
    o.done(&nomor, true, false);
    let e = o
        .loket
        .act_on_step(
            &o.verif,
            &nomor,
            &StepAction {
                step: Some(1),
                ..StepAction::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.id.contains("langkah 2"), "{}", e.message.id);
}

#[test]
fn each_role_sees_the_steps_waiting_for_it() {
    let o = Office::new();
    o.loket
        .set_sop_default(
            &o.admin,
            loket_core::model::RequestType::Pencabutan,
            "madiun-pencabutan",
        )
        .unwrap();
    let nomor = o.submit(&o.applicant, "pencabutan", person(16), Some("mutasi"));
    // Step 1 is the applicant's: in their queue and (on their behalf) the verifier's.
    assert_eq!(o.loket.my_queue(&o.applicant).unwrap().len(), 1);
    assert_eq!(o.loket.my_queue(&o.verif).unwrap().len(), 1);
    assert!(o.loket.my_queue(&o.head).unwrap().is_empty());
    o.done(&nomor, true, true);
    // Step 2 is the Kadin's disposisi: only the head's queue.
    let q = o.loket.my_queue(&o.head).unwrap();
    assert_eq!((q.len(), q[0].step_no), (1, 2));
    assert!(o.loket.my_queue(&o.verif).unwrap().is_empty());
    assert!(o.loket.my_queue(&o.applicant).unwrap().is_empty());
    assert!(
        o.loket.my_queue(&o.admin).unwrap().is_empty(),
        "an admin's queue is not everything"
    );
}

#[test]
fn an_attached_scan_satisfies_the_checklist_without_an_override() {
    let o = Office::new();
    let nomor = o.submit(&o.applicant, "pencabutan", person(17), Some("pensiun"));
    o.loket
        .attach_bytes(
            &o.applicant,
            &nomor,
            "surat keterangan.pdf",
            &pdf("sk"),
            loket_core::model::DocKind::SuratKeteranganPencabutan,
        )
        .unwrap();
    let v = o.loket.request_view(&o.applicant, &nomor).unwrap();
    assert!(v.current.as_ref().unwrap().missing_documents.is_empty());
    let v = o
        .loket
        .act_on_step(&o.applicant, &nomor, &StepAction::default())
        .unwrap();
    let rec = v.steps[0].record.clone().unwrap();
    assert!(rec.override_reason.is_none());
    assert!(!rec.on_behalf);
}
