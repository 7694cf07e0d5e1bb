//! Reports over a scripted office: requests of several types in October and
//! November 2026 walked through their SOPs with the clock moved so every
//! step takes a known number of minutes, revocations with different
//! reasons, certificates entered by hand. The recap's counts and averages
//! are checked exactly, the PDF the way a person and the signing service
//! see it (pdftotext, pdffonts, pdfinfo, qpdf), the workbook by unzipping it.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use loket_core::certificates::CertificateInput;
use loket_core::clock::{Clock, parse_user_time};
use loket_core::lifecycle::{Outcome, RequestView, StepAction};
use loket_core::model::{CertStatus, PersonInput, RequestType, RevocationReason, Role};
use loket_core::reports::{Recap, RecapPeriod, ReportFormat};
use loket_core::requests::RequestForm;
use loket_core::sop::ActorRole;
use loket_core::testing::{NOW, caller, office, person};
use loket_core::{Caller, ErrorKind, Lang, Loket};
use std::io::Read;
use std::process::Command;
use std::sync::OnceLock;

struct Office {
    _dir: tempfile::TempDir,
    loket: Loket,
    admin: Caller,
    verif: Caller,
    head: Caller,
    t: chrono::DateTime<chrono::FixedOffset>,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = office(dir.path());
        let verif = caller(&loket, Role::Verifikator);
        let head = caller(&loket, Role::Pimpinan);
        Office {
            _dir: dir,
            loket,
            admin,
            verif,
            head,
            t: parse_user_time(NOW).unwrap(),
        }
    }

    /// Sets the clock to a local time (+08:00).
    fn at(&mut self, when: &str) {
        self.t = parse_user_time(&format!("{when}:00+08:00")).unwrap();
        self.loket.set_clock(Clock::Fixed(self.t));
    }

    fn wait(&mut self, minutes: i64) {
        self.t += chrono::Duration::minutes(minutes);
        self.loket.set_clock(Clock::Fixed(self.t));
    }

    fn submit(&self, jenis: &str, p: PersonInput, alasan: Option<&str>) -> String {
        self.loket
            .submit_request(
                &self.verif,
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

    fn view(&self, nomor: &str) -> RequestView {
        self.loket.request_view(&self.admin, nomor).unwrap()
    }

    /// Completes (or, for a conditional step answered "no", skips) the
    /// current step after `minutes`; a verifier records the applicant's and
    /// BSrE's steps and accepts missing scans with a reason.
    fn step(&mut self, nomor: &str, minutes: i64, condition: bool) -> RequestView {
        self.wait(minutes);
        let v = self.view(nomor);
        let cur = v.current.as_ref().expect("a current step");
        let step = &v.steps[(cur.no - 1) as usize];
        let by = if step.actor_role == ActorRole::Pimpinan {
            &self.head
        } else {
            &self.verif
        };
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

    /// Walks a request to its end, each step taking exactly its standard's
    /// upper end (never over), conditional steps skipped at once.
    fn walk(&mut self, nomor: &str) {
        loop {
            let v = self.view(nomor);
            let Some(cur) = v.current.as_ref() else {
                return;
            };
            let step = &v.steps[(cur.no - 1) as usize];
            let minutes = if cur.needs_condition {
                0
            } else {
                i64::from(step.standard_max.unwrap_or(1))
            };
            self.step(nomor, minutes, false);
        }
    }

    fn record_cert(&self, p: usize, issued: &str, expires: Option<&str>) {
        let stored = self.loket.add_person(&self.admin, &person(p)).unwrap();
        self.loket
            .record_certificate(
                &self.admin,
                stored.id,
                &CertificateInput {
                    status: Some(CertStatus::Issue),
                    issued_on: Some(d(issued)),
                    expires_on: expires.map(d),
                },
            )
            .unwrap();
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The scripted office, made once for all tests (they only read it).
struct Scripted {
    o: Office,
    /// R3: the November issuance with one step over its standard.
    r3: String,
    /// R6: the issuance left waiting on step 2 (overdue now).
    r6: String,
    r4: String,
    r5: String,
}

fn scripted() -> &'static Scripted {
    static S: OnceLock<Scripted> = OnceLock::new();
    S.get_or_init(|| {
        let mut o = Office::new();
        // Certificates the office knew of before: person 4's expires on
        // 30 November (renewed below), 5's expired on 1 October, 6's runs
        // to 2027, 7's expires on 10 December.
        o.at("2026-09-01 08:00");
        o.record_cert(4, "2024-11-30", Some("2026-11-30"));
        o.record_cert(5, "2024-10-01", Some("2026-10-01"));
        o.record_cert(6, "2025-06-01", None);
        o.record_cert(7, "2024-12-10", Some("2026-12-10"));

        // October: two issuances walked at their standard times.
        o.at("2026-10-05 08:00");
        let r1 = o.submit("penerbitan", person(0), None);
        o.walk(&r1);
        o.at("2026-10-12 08:00");
        let r2 = o.submit("penerbitan", person(1), None);
        o.walk(&r2);

        // November.
        o.at("2026-11-02 08:00");
        let r3 = o.submit("penerbitan", person(2), None);
        // Step 3's standard is 1 minute; it takes 7. Steps 4 and 5 are
        // conditional and skipped; step 11 (1-2 hours) takes 90 minutes.
        for (minutes, condition) in [
            (30, true),
            (10, true),
            (7, true),
            (0, false),
            (0, false),
            (1, true),
            (15, true),
            (3, true),
            (5, true),
            (5, true),
            (90, true),
            (5, true),
        ] {
            o.step(&r3, minutes, condition);
        }
        assert!(o.view(&r3).current.is_none(), "R3 finished");

        o.at("2026-11-03 09:00");
        let r4 = o.submit("pencabutan", person(0), Some("kehilangan"));
        o.walk(&r4);
        o.at("2026-11-04 09:00");
        let r5 = o.submit("pencabutan", person(1), Some("pensiun"));
        o.walk(&r5);

        o.at("2026-11-05 10:00");
        let r8 = o.submit("pembaruan", person(4), None);
        o.walk(&r8);

        o.at("2026-11-06 10:00");
        let r7 = o.submit("reset_passphrase", person(2), None);
        o.wait(3);
        o.loket
            .cancel_request(&o.verif, &r7, "Pemohon sudah mereset sendiri")
            .unwrap();

        o.at("2026-11-10 08:00");
        let r6 = o.submit("penerbitan", person(3), None);
        o.step(&r6, 20, true);

        o.at("2026-11-12 13:00");
        let r10 = o.submit("penerbitan", person(8), None);
        o.step(&r10, 40, true);
        o.step(&r10, 8, true);
        o.wait(2);
        o.loket
            .act_on_step(
                &o.verif,
                &r10,
                &StepAction {
                    outcome: Outcome::Reject,
                    note: Some("SK jabatan tidak terbaca".into()),
                    ..StepAction::default()
                },
            )
            .unwrap();

        o.at("2026-11-21 09:00");
        Scripted { o, r3, r6, r4, r5 }
    })
}

fn recap(period: RecapPeriod) -> Recap {
    let s = scripted();
    s.o.loket.recap(&s.o.verif, &period).unwrap()
}

const NOVEMBER: RecapPeriod = RecapPeriod::Month {
    year: 2026,
    month: 11,
};

fn row(r: &Recap, jenis: RequestType) -> loket_core::reports::Counts {
    r.by_type.iter().find(|t| t.jenis == jenis).unwrap().counts
}

#[test]
fn november_counts_requests_by_type_and_status() {
    let r = recap(NOVEMBER);
    assert_eq!(r.from, d("2026-11-01"));
    assert_eq!(r.to, d("2026-11-30"));
    assert_eq!(
        r.as_of,
        d("2026-11-21"),
        "the running month is judged today"
    );
    // (type, created, diproses, ditolak, selesai, dibatalkan, completed, rejected, cancelled)
    let cases = [
        (RequestType::Penerbitan, 3, 1, 1, 1, 0, 1, 1, 0),
        (RequestType::Pencabutan, 2, 0, 0, 2, 0, 2, 0, 0),
        (RequestType::Pembaruan, 1, 0, 0, 1, 0, 1, 0, 0),
        (RequestType::PerubahanData, 0, 0, 0, 0, 0, 0, 0, 0),
        (RequestType::ResetPassphrase, 1, 0, 0, 0, 1, 0, 0, 1),
    ];
    for (jenis, created, diproses, ditolak, selesai, batal, completed, rejected, cancelled) in cases
    {
        let c = row(&r, jenis);
        assert_eq!(
            (
                c.created,
                c.diproses,
                c.ditolak,
                c.selesai,
                c.dibatalkan,
                c.completed,
                c.rejected,
                c.cancelled
            ),
            (
                created, diproses, ditolak, selesai, batal, completed, rejected, cancelled
            ),
            "{jenis:?}"
        );
        assert_eq!(c.draf, 0);
    }
    assert_eq!(r.totals.created, 7);
    assert_eq!(r.totals.completed, 4);
    // October's two issuances ended in October, not November.
    let oct = recap(RecapPeriod::Month {
        year: 2026,
        month: 10,
    });
    assert_eq!(row(&oct, RequestType::Penerbitan).created, 2);
    assert_eq!(row(&oct, RequestType::Penerbitan).completed, 2);
    assert_eq!(oct.totals.created, 2);
    assert_eq!(oct.certificates.issued, 2);
    assert_eq!(oct.certificates.revoked, 0);
}

#[test]
fn november_certificates_revocations_and_users_in_force() {
    let s = scripted();
    let r = recap(NOVEMBER);
    let c = &r.certificates;
    // R3's new certificate and R8's renewal.
    assert_eq!(c.issued, 2);
    assert_eq!(c.revoked, 2);
    // In force on 21 November: persons 2 (R3), 4 (renewed: counted once),
    // 6 and 7. Person 5's expired on 1 October; 0 and 1 were revoked.
    assert_eq!(c.active, 4);
    // Person 7's expires on 10 December, within 30 days.
    assert_eq!(c.expiring, 1);
    let units: Vec<(&str, i64)> = r
        .active_by_unit
        .iter()
        .map(|u| (u.unit_kerja.as_str(), u.active))
        .collect();
    assert_eq!(units.len(), 4, "{units:?}");
    assert!(units.iter().all(|(_, n)| *n == 1), "{units:?}");
    assert!(units.contains(&("Sekretariat Daerah", 1)), "{units:?}");

    // Who was revoked and why, oldest first, with the CRL code and name.
    type Line<'a> = (
        NaiveDate,
        Option<RevocationReason>,
        u8,
        &'a str,
        Option<&'a str>,
    );
    let list: Vec<Line> = r
        .revocations
        .iter()
        .map(|x| {
            (
                x.revoked_on,
                x.reason,
                x.crl,
                x.crl_name.as_str(),
                x.nomor.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        list,
        vec![
            (
                d("2026-11-03"),
                Some(RevocationReason::Kehilangan),
                1,
                "keyCompromise",
                Some(s.r4.as_str())
            ),
            (
                d("2026-11-04"),
                Some(RevocationReason::Pensiun),
                5,
                "cessationOfOperation",
                Some(s.r5.as_str())
            ),
        ]
    );
    assert!(
        r.revocations[0].nama.starts_with("Ahmad"),
        "{:?}",
        r.revocations[0]
    );
    let mut reasons: Vec<(Option<RevocationReason>, u8, i64)> = r
        .revocation_reasons
        .iter()
        .map(|x| (x.reason, x.crl, x.count))
        .collect();
    reasons.sort_by_key(|x| x.1);
    assert_eq!(
        reasons,
        vec![
            (Some(RevocationReason::Kehilangan), 1, 1),
            (Some(RevocationReason::Pensiun), 5, 1)
        ]
    );

    // Judged on the last day of a closed month: October 31 had persons 0
    // and 1 (issued in October), 4 (not yet renewed), 6 and 7; person 4's
    // certificate expired on 30 November, within 30 days.
    let oct = recap(RecapPeriod::Month {
        year: 2026,
        month: 10,
    });
    assert_eq!(oct.as_of, d("2026-10-31"));
    assert_eq!((oct.certificates.active, oct.certificates.expiring), (5, 1));
    // 31 March: only the certificates entered by hand (5's had not
    // expired yet; 4's renewed one counts as it stood then).
    let march = recap(RecapPeriod::Month {
        year: 2026,
        month: 3,
    });
    assert_eq!(
        (march.certificates.active, march.certificates.expiring),
        (4, 0)
    );
}

#[test]
fn november_step_times_against_their_standards() {
    let s = scripted();
    let r = recap(NOVEMBER);
    let sop = r
        .step_times
        .iter()
        .find(|t| t.sop_id == "tapin-penerbitan")
        .expect("the issuance SOP had completions");
    assert_eq!(sop.version, 1);
    assert_eq!(sop.steps.len(), 12, "every step listed");
    let step = |no: u32| sop.steps.iter().find(|s| s.no == no).unwrap();
    // (no, standard max, completions, average, longest, over)
    // Step 1: R3 30, R6 20, R10 40. Step 2: R3 10, R10 8 (10 is not over
    // 10). Step 3: R3 7 against 1 minute; R10 was rejected there, which is
    // no completion. Steps 4 and 5 were skipped.
    let cases = [
        (1, Some(60), 3, Some(30.0), Some(40), 0),
        (2, Some(10), 2, Some(9.0), Some(10), 0),
        (3, Some(1), 1, Some(7.0), Some(7), 1),
        (4, None, 0, None, None, 0),
        (5, Some(15), 0, None, None, 0),
        (11, Some(120), 1, Some(90.0), Some(90), 0),
        (12, Some(5), 1, Some(5.0), Some(5), 0),
    ];
    for (no, std_max, n, avg, max, over) in cases {
        let st = step(no);
        assert_eq!(st.standard_max, std_max, "step {no}");
        assert_eq!(st.completions, n, "step {no}");
        assert_eq!(st.avg_minutes, avg, "step {no}");
        assert_eq!(st.max_minutes.filter(|_| n > 0), max, "step {no}");
        assert_eq!(st.over_standard, over, "step {no}");
    }
    assert_eq!(step(11).time_text.as_deref(), Some("1 -2 Jam"));
    // The revocations and the renewal ran exactly at their standards.
    for other in r
        .step_times
        .iter()
        .filter(|t| t.sop_id != "tapin-penerbitan")
    {
        assert!(
            other.steps.iter().all(|s| s.over_standard == 0),
            "{}",
            other.sop_id
        );
    }
    let ids: Vec<&str> = r.step_times.iter().map(|t| t.sop_id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["tapin-pencabutan", "tapin-penerbitan", "umum-pembaruan"]
    );

    // The one completion over its standard, and the step waiting now.
    assert_eq!(r.overdue_done_total, 1);
    let o = &r.overdue_done[0];
    assert_eq!(
        (
            o.nomor.as_str(),
            o.step_no,
            o.minutes,
            o.standard_max,
            o.over_minutes
        ),
        (s.r3.as_str(), 3, 7, 1, 6)
    );
    assert!(o.done_at.is_some());
    let now = r
        .overdue_now
        .as_ref()
        .expect("the running month shows overdue steps");
    assert_eq!(now.total, 1);
    let w = &now.steps[0];
    assert_eq!((w.nomor.as_str(), w.step_no), (s.r6.as_str(), 2));
    // Waiting since 10 November 08:20, seen on 21 November 09:00.
    assert_eq!(w.minutes, 11 * 24 * 60 + 40);
    assert_eq!(w.over_minutes, w.minutes - 10);
    assert!(w.done_at.is_none());
}

#[test]
fn the_year_has_twelve_months_and_sums_the_steps() {
    let r = recap(RecapPeriod::Year { year: 2026 });
    assert_eq!(r.monthly.len(), 12);
    let m = |n: usize| &r.monthly[n - 1];
    assert_eq!(m(10).by_type[&RequestType::Penerbitan], 2);
    assert_eq!((m(10).total, m(10).issued, m(10).revoked), (2, 2, 0));
    assert_eq!(m(11).by_type[&RequestType::Penerbitan], 3);
    assert_eq!(m(11).by_type[&RequestType::Pencabutan], 2);
    assert_eq!(m(11).by_type[&RequestType::Pembaruan], 1);
    assert_eq!(m(11).by_type[&RequestType::ResetPassphrase], 1);
    assert_eq!(m(11).by_type[&RequestType::PerubahanData], 0);
    assert_eq!((m(11).total, m(11).issued, m(11).revoked), (7, 2, 2));
    assert!((1..=9).all(|n| m(n).total == 0 && m(n).issued == 0));
    assert_eq!(r.totals.created, 9);
    assert_eq!(r.totals.completed, 6);
    // Step 1 of the issuance SOP: October's two at 60 minutes, November's
    // 30, 20 and 40.
    let step1 = &r
        .step_times
        .iter()
        .find(|t| t.sop_id == "tapin-penerbitan")
        .unwrap()
        .steps[0];
    assert_eq!(step1.completions, 5);
    assert_eq!(step1.avg_minutes, Some(42.0));
    assert_eq!(step1.max_minutes, Some(60));
    // The month view carries the same year of months.
    assert_eq!(recap(NOVEMBER).monthly, r.monthly);
}

#[test]
fn an_empty_period_gives_zeros_not_an_error() {
    let r = recap(RecapPeriod::Year { year: 2020 });
    assert_eq!(r.totals, loket_core::reports::Counts::default());
    assert_eq!(r.by_type.len(), 5);
    assert_eq!(r.certificates, loket_core::reports::CertSummary::default());
    assert!(r.active_by_unit.is_empty());
    assert!(r.revocations.is_empty() && r.revocation_reasons.is_empty());
    assert!(r.step_times.is_empty());
    assert_eq!(r.overdue_done_total, 0);
    assert!(r.overdue_done.is_empty());
    assert!(r.overdue_now.is_none(), "a closed period has no 'now'");
    assert!(
        r.monthly
            .iter()
            .all(|m| m.total == 0 && m.issued == 0 && m.revoked == 0)
    );
    // A month without any request still renders both files.
    let s = scripted();
    let empty = RecapPeriod::Month {
        year: 2020,
        month: 2,
    };
    let pdf = s.o.loket.report_pdf(&s.o.verif, &empty, Lang::Id).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let xlsx = s.o.loket.report_xlsx(&s.o.verif, &empty, Lang::Id).unwrap();
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn applicants_may_not_see_reports_and_bad_periods_are_named() {
    let s = scripted();
    let applicant = caller(&s.o.loket, Role::Pemohon);
    let e = s.o.loket.recap(&applicant, &NOVEMBER).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(e.message.id.contains("melihat laporan"), "{}", e.message.id);
    let dir = tempfile::tempdir().unwrap();
    let e =
        s.o.loket
            .export_report(&applicant, &NOVEMBER, Lang::Id, &dir.path().join("r.pdf"))
            .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(!dir.path().join("r.pdf").exists());
    // Heads and admins may.
    for c in [&s.o.head, &s.o.admin] {
        s.o.loket.recap(c, &NOVEMBER).unwrap();
    }
    let e =
        s.o.loket
            .recap(
                &s.o.admin,
                &RecapPeriod::Month {
                    year: 2026,
                    month: 13,
                },
            )
            .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.fields[0].field, "month");
    let e =
        s.o.loket
            .export_report(&s.o.admin, &NOVEMBER, Lang::Id, &dir.path().join("r.docx"))
            .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
}

// ---- PDF ----------------------------------------------------------------

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}); the report tests need poppler-utils and qpdf: \
             apt-get install poppler-utils qpdf"
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exports through `export_report` and returns the file's text (pdftotext
/// keeping the layout, so a row reads as one line; whitespace collapsed)
/// after the structure checks.
fn exported_pdf(period: RecapPeriod, lang: Lang) -> (String, tempfile::TempDir) {
    let s = scripted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rekap.pdf");
    let done =
        s.o.loket
            .export_report(&s.o.verif, &period, lang, &path)
            .unwrap();
    assert_eq!(done.format, ReportFormat::Pdf);
    assert_eq!(done.bytes, std::fs::metadata(&path).unwrap().len());
    let p = path.to_str().unwrap();
    let check = run("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let fonts = run("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(cols[0].contains("LiberationSans"), "{row}");
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
    }
    let info = run("pdfinfo", &[p]);
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    // The Tapin profile prints on F4, 215 x 330 mm.
    let mm = |pt: f64| pt * 25.4 / 72.0;
    assert!((mm(size[0]) - 215.0).abs() < 0.1, "{info}");
    assert!((mm(size[1]) - 330.0).abs() < 0.1, "{info}");
    let text = run("pdftotext", &["-layout", p, "-"]);
    (text.split_whitespace().collect::<Vec<_>>().join(" "), dir)
}

/// Checks that each needle occurs after the previous one. Spaces around a
/// colon are ignored: pdftotext places the colon of `label : value` rows
/// by its column, which varies with the font size.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let squeeze = |s: &str| s.replace(" :", ":").replace(": ", ":");
    let haystack = &squeeze(haystack);
    let mut from = 0;
    for needle in needles {
        let needle = &squeeze(needle);
        match haystack[from..].find(needle) {
            Some(pos) => from += pos + needle.len(),
            None => {
                panic!("{needle:?} missing (or out of order) after byte {from} in:\n{haystack}")
            }
        }
    }
}

#[test]
fn the_monthly_pdf_reads_in_order_with_its_numbers() {
    let s = scripted();
    let (text, _dir) = exported_pdf(NOVEMBER, Lang::Id);
    assert_in_order(
        &text,
        &[
            "PEMERINTAH KABUPATEN TAPIN",
            "DINAS KOMUNIKASI DAN INFORMATIKA",
            "Rekapitulasi Layanan Sertifikat Elektronik — November 2026",
            "Periode 1 November 2026 sampai 30 November 2026",
            "A. Ringkasan",
            "Permohonan masuk : 7",
            "Permohonan selesai dalam periode : 4",
            "Sertifikat terbit : 2",
            "Sertifikat dicabut : 2",
            "Pengguna TTE aktif : 4 (per 21 November 2026)",
            "Sertifikat berakhir dalam 30 hari : 1",
            "Langkah selesai melewati standar waktu : 1 dari 34 penyelesaian langkah",
            "Langkah sedang terlambat : 1 (per 21-11-2026 09.00)",
            "B. Permohonan per jenis",
            "Penerbitan 3",
            "Jumlah 7",
            "C. Sertifikat elektronik",
            "D. Pencabutan sertifikat",
            "Kehilangan sertifikat elektronik 1 keyCompromise 1",
            "Pensiun 5 cessationOfOperation 1",
            "Ahmad Fauzi",
            &s.r4,
            "CRL 1 keyCompromise",
            "Siti Fauzi",
            &s.r5,
            "CRL 5 cessationOfOperation",
            "E. Waktu pelaksanaan langkah SOP",
            "F. Langkah yang melewati standar waktu",
            &s.r3,
            &s.r6,
            "Rantau, 21 November 2026",
            "Wahyudi Pranoto",
            "NIP. 19710130 199903 1 005",
        ],
    );
    // The year's months appear only in the yearly report.
    assert!(!text.contains("Permohonan per bulan"), "{text}");
}

#[test]
fn the_yearly_pdf_in_english_has_the_months() {
    let (text, _dir) = exported_pdf(RecapPeriod::Year { year: 2026 }, Lang::En);
    assert_in_order(
        &text,
        &[
            "Electronic Certificate Service Recap — Year 2026",
            "A. Summary",
            "Requests received : 9",
            "B. Requests by type",
            "C. Requests per month, 2026",
            "October 2 0 0 0 0 2 2 0",
            "November 3 2 1 0 1 7 2 2",
            "Total 5 2 1 0 1 9 4 2",
            "D. Electronic certificates",
            "E. Certificate revocations",
            "Loss of the electronic certificate",
        ],
    );
}

// ---- Excel --------------------------------------------------------------

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap().to_string(), s);
        }
    }
    out
}

/// The `<c …>…</c>` element of a cell, e.g. `C2`.
fn cell<'a>(sheet: &'a str, r: &str) -> &'a str {
    let start = sheet
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("cell {r} missing"));
    let end = sheet[start..]
        .find("</c>")
        .map_or(sheet.len(), |e| start + e + 4);
    &sheet[start..end]
}

fn value(sheet: &str, r: &str) -> String {
    let c = cell(sheet, r);
    let v = c.find("<v>").map(|s| s + 3).unwrap();
    c[v..v + c[v..].find("</v>").unwrap()].to_string()
}

#[test]
fn the_workbook_has_one_sheet_per_section_with_numbers_dates_and_a_chart() {
    let s = scripted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rekap.xlsx");
    s.o.loket
        .export_report(&s.o.admin, &NOVEMBER, Lang::Id, &path)
        .unwrap();
    let files = unzip(&std::fs::read(&path).unwrap());
    let book = &files["xl/workbook.xml"];
    let names = [
        "Ringkasan",
        "Per Jenis",
        "Per Bulan",
        "Sertifikat",
        "Pencabutan",
        "Waktu Langkah",
        "Terlambat",
    ];
    let mut from = 0;
    for (i, name) in names.iter().enumerate() {
        let tag = format!("<sheet name=\"{name}\" sheetId=\"{}\"", i + 1);
        let at = book[from..]
            .find(&tag)
            .unwrap_or_else(|| panic!("{tag} in {book}"));
        from += at;
        let sheet = &files[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        // Header row frozen, first row bold (style 1), widths set.
        assert!(sheet.contains("<pane ySplit=\"1\""), "{name} not frozen");
        assert!(
            cell(sheet, "A1").contains(" s=\""),
            "{name} header not styled"
        );
        assert!(sheet.contains("<cols>"), "{name} has no column widths");
    }
    let strings = &files["xl/sharedStrings.xml"];
    assert!(strings.contains("Penerbitan") && strings.contains("Pengguna TTE aktif"));

    // Per Jenis: penerbitan's row is row 2; numbers are numbers.
    let per_jenis = &files["xl/worksheets/sheet2.xml"];
    assert!(
        !cell(per_jenis, "C2").contains("t=\"s\""),
        "a number, not text"
    );
    assert_eq!(value(per_jenis, "C2"), "3", "penerbitan received");
    assert_eq!(value(per_jenis, "C7"), "7", "total received");
    // Per Bulan: November's total (row 12, column G) and the chart over it.
    let per_bulan = &files["xl/worksheets/sheet3.xml"];
    assert_eq!(value(per_bulan, "G12"), "7");
    assert_eq!(value(per_bulan, "B11"), "2", "October's issuances");
    let chart = files
        .iter()
        .find(|(k, _)| k.starts_with("xl/charts/chart"))
        .map(|(_, v)| v)
        .expect("a native chart");
    assert!(chart.contains("<c:grouping val=\"stacked\"/>"), "{chart}");
    assert!(chart.contains("'Per Bulan'!$B$2:$B$13"), "{chart}");
    // Pencabutan: the date is a date (a serial number with a date style).
    let cabut = &files["xl/worksheets/sheet5.xml"];
    let a2 = cell(cabut, "A2");
    assert!(a2.contains(" s=\""), "{a2}");
    // 3 November 2026 is day 46329 of Excel's calendar.
    assert_eq!(value(cabut, "A2"), "46329");
    assert_eq!(value(cabut, "G2"), "1", "CRL code as a number");
    // Waktu Langkah: the average of step 1 (30 minutes) as a number.
    let waktu = &files["xl/worksheets/sheet6.xml"];
    assert!(waktu.contains("<v>30</v>"), "average of step 1");
    // Terlambat: R3's step 3 over by 6 minutes, and R6 waiting now.
    let late = &files["xl/worksheets/sheet7.xml"];
    assert!(strings.contains(&s.r3) && strings.contains(&s.r6));
    assert_eq!(value(late, "M2"), "6");
}

#[test]
fn exports_leave_no_partial_file_and_are_logged() {
    let s = scripted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rekap.xlsx");
    s.o.loket
        .export_report(&s.o.head, &NOVEMBER, Lang::En, &path)
        .unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["rekap.xlsx".to_string()]);
    let files = unzip(&std::fs::read(&path).unwrap());
    assert!(files["xl/workbook.xml"].contains("<sheet name=\"Summary\""));
    let log =
        s.o.loket
            .audit_log(
                &s.o.admin,
                &loket_core::audit_log::AuditQuery {
                    action: Some("report.export".into()),
                    ..Default::default()
                },
            )
            .unwrap();
    assert!(
        log.entries
            .iter()
            .any(|e| e.actor == "pimpinan" && e.summary.contains("rekap.xlsx")),
        "{:?}",
        log.entries
    );
}
