//! A big synthetic office for the reports benchmark
//! (`examples/bench_reports.rs`): people, a year of requests walking the
//! office's default SOPs with step times drawn around their standards, and
//! certificates. Rows go straight into the tables with prepared statements,
//! without validation or audit entries; a real office never runs this.

use crate::error::Result;
use crate::loket::Loket;
use crate::model::{RequestType, RevocationReason};
use crate::sop::Sop;
use crate::store::reports::bulk;
use chrono::{Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime};

/// What to make.
#[derive(Clone, Debug)]
pub struct Spec {
    pub people: usize,
    pub requests: usize,
    /// Share of people holding a certificate before the year starts.
    pub cert_share: f64,
    /// Requests are spread from 1 January of this year up to `until`.
    pub year: i32,
    pub until: NaiveDateTime,
    /// Share of step completions that run over their standard.
    pub over_share: f64,
    pub seed: u64,
}

/// What was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub people: usize,
    pub requests: usize,
    pub events: usize,
    pub certificates: usize,
}

/// xorshift64*: fast and deterministic; quality is beside the point.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const FIRST: [&str; 12] = [
    "Ahmad", "Siti", "Budi", "Rina", "Muhammad", "Dewi", "Agus", "Nur", "Hendra", "Yuliana",
    "Rahmat", "Fitri",
];
const LAST: [&str; 12] = [
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
];
const UNITS: [&str; 24] = [
    "Dinas Komunikasi dan Informatika",
    "Dinas Kesehatan",
    "Dinas Pendidikan dan Kebudayaan",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat Daerah",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Pertanian",
    "Dinas Perikanan",
    "Satuan Polisi Pamong Praja",
    "RSUD Datu Sanggul",
    "Kecamatan Tapin Utara",
    "Kecamatan Tapin Selatan",
    "Kecamatan Binuang",
    "Kecamatan Candi Laras Utara",
    "Kecamatan Lokpaikat",
];
const JABATAN: [&str; 5] = [
    "Kepala Bidang",
    "Kepala Seksi",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Sandiman",
];
const GOLONGAN: [&str; 6] = ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"];

fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+08:00").to_string()
}

/// The request types in the mix, per 100 requests.
const MIX: [(RequestType, u64); 5] = [
    (RequestType::Penerbitan, 45),
    (RequestType::Pembaruan, 25),
    (RequestType::Pencabutan, 15),
    (RequestType::PerubahanData, 10),
    (RequestType::ResetPassphrase, 5),
];

impl Loket {
    /// Fills this (empty) office with a synthetic workload. Benchmark only.
    #[doc(hidden)]
    pub fn synthetic_office(&self, spec: &Spec) -> Result<Made> {
        let mut rng = Rng(spec.seed | 1);
        let sops: Vec<(RequestType, i64, Sop)> = self.store.read(|db| {
            MIX.iter()
                .map(|(t, _)| {
                    crate::sop_admin::sop_for_new_request(db, *t).map(|s| (*t, s.ref_id, s.sop))
                })
                .collect()
        })?;
        let people: Vec<bulk::Person> = (0..spec.people)
            .map(|i| {
                let (first, last) = (FIRST[i % 12], LAST[(i / 12) % 12]);
                bulk::Person {
                    nama: format!("{first} {last} {i}, S.Kom."),
                    nik: format!("6305{i:012}"),
                    nip: format!("1980{i:014}"),
                    unit_kerja: UNITS[(i * 7 + i / 97) % UNITS.len()],
                    jabatan: JABATAN[i % JABATAN.len()],
                    golongan: GOLONGAN[i % GOLONGAN.len()],
                    email: format!(
                        "{}.{}{i}@tapinkab.go.id",
                        first.to_lowercase(),
                        last.to_lowercase()
                    ),
                }
            })
            .collect();
        let year_start = NaiveDate::from_ymd_opt(spec.year, 1, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap_or_default();
        let span_minutes = (spec.until - year_start).num_minutes().max(1) as u64;
        let holders = (spec.people as f64 * spec.cert_share) as usize;

        // Certificates held before the year (or issued by hand in it).
        let mut certs: Vec<bulk::Cert> = Vec::with_capacity(holders + spec.requests);
        let mut cert_of: Vec<Option<usize>> = vec![None; spec.people];
        let two_years = Months::new(24);
        for (p, slot) in cert_of.iter_mut().enumerate().take(holders) {
            let back = rng.below(700);
            let issued = year_start.date() - Days::new(back) + Days::new(rng.below(300));
            let expires = issued + two_years;
            *slot = Some(certs.len());
            certs.push(bulk::Cert {
                person: p,
                status: "ISSUE",
                issued_on: Some(issued.to_string()),
                expires_on: Some(expires.to_string()),
                revoked_on: None,
                reason: None,
                request: None,
            });
        }

        let mut requests: Vec<bulk::Request> = Vec::with_capacity(spec.requests);
        // Applicants for issuance come from people without a certificate;
        // the other kinds from holders, each person at most once.
        let mut next_new = holders;
        let mut next_holder = 0usize;
        let reasons = RevocationReason::ALL;
        for i in 0..spec.requests {
            let roll = rng.below(100);
            let mut acc = 0;
            let (jenis, sop_ref, sop) = MIX
                .iter()
                .zip(&sops)
                .find(|((_, share), _)| {
                    acc += share;
                    roll < acc
                })
                .map(|(_, s)| (s.0, s.1, &s.2))
                .unwrap_or((sops[0].0, sops[0].1, &sops[0].2));
            let person = if jenis == RequestType::Penerbitan {
                next_new += 1;
                (next_new - 1) % spec.people
            } else {
                next_holder += 1;
                (next_holder - 1) % holders.max(1)
            };
            let created = year_start + Duration::minutes(rng.below(span_minutes) as i64);
            if jenis == RequestType::Pembaruan
                && let Some(c) = cert_of[person]
            {
                // Renewals are filed in the last 30 days before expiry.
                let expires = created.date() + Days::new(5 + rng.below(25));
                certs[c].expires_on = Some(expires.to_string());
                certs[c].issued_on = expires.checked_sub_months(two_years).map(|d| d.to_string());
            }
            let alasan = (jenis == RequestType::Pencabutan)
                .then(|| reasons[rng.below(reasons.len() as u64) as usize]);
            let mut events = vec![bulk::Event {
                step_no: None,
                kind: "submit",
                acted_at: stamp(created),
                started_at: None,
                to_step: Some(1),
                condition_held: None,
                note: None,
            }];
            // 5% rejected, 3% cancelled somewhere along the way.
            let fate = rng.below(100);
            let stop_at = (fate < 8).then(|| 1 + rng.below(sop.steps.len() as u64) as u32);
            let mut t = created;
            let mut status = "selesai";
            let mut current = None;
            for step in &sop.steps {
                let started = t;
                let minutes = match &step.time {
                    Some(std) if rng.chance(spec.over_share) => {
                        i64::from(std.max_minutes)
                            + 1
                            + rng.below(u64::from(std.max_minutes) * 2 + 1) as i64
                    }
                    Some(std) => {
                        i64::from(std.min_minutes)
                            + rng.below(u64::from(std.max_minutes - std.min_minutes) + 1) as i64
                    }
                    None => 1 + rng.below(240) as i64,
                };
                let acted = started + Duration::minutes(minutes);
                if acted > spec.until {
                    status = "diproses";
                    current = Some((step.no, stamp(started)));
                    break;
                }
                if stop_at == Some(step.no) {
                    let (kind, note) = if fate < 5 {
                        ("reject", "Dokumen tidak sesuai")
                    } else {
                        ("cancel", "Dibatalkan pemohon")
                    };
                    status = if fate < 5 { "ditolak" } else { "dibatalkan" };
                    events.push(bulk::Event {
                        step_no: Some(step.no),
                        kind,
                        acted_at: stamp(acted),
                        started_at: Some(stamp(started)),
                        to_step: None,
                        condition_held: None,
                        note: Some(note),
                    });
                    t = acted;
                    break;
                }
                let skipped = step.is_conditional() && rng.chance(0.6);
                events.push(bulk::Event {
                    step_no: Some(step.no),
                    kind: if skipped { "skipped" } else { "done" },
                    acted_at: stamp(acted),
                    started_at: Some(stamp(started)),
                    to_step: None,
                    condition_held: step.is_conditional().then_some(!skipped),
                    note: None,
                });
                t = acted;
            }
            let index = requests.len();
            if status == "selesai" {
                let on = t.date();
                match jenis {
                    RequestType::Penerbitan | RequestType::Pembaruan => {
                        if let Some(old) =
                            cert_of[person].filter(|_| jenis == RequestType::Pembaruan)
                        {
                            certs[old].status = "RENEW";
                        }
                        cert_of[person] = Some(certs.len());
                        certs.push(bulk::Cert {
                            person,
                            status: "ISSUE",
                            issued_on: Some(on.to_string()),
                            expires_on: Some((on + two_years).to_string()),
                            revoked_on: None,
                            reason: None,
                            request: Some(index),
                        });
                    }
                    RequestType::Pencabutan => {
                        if let Some(c) = cert_of[person] {
                            let cert = &mut certs[c];
                            cert.status = "REVOKE";
                            cert.revoked_on = Some(on.to_string());
                            cert.reason = alasan;
                            cert.request = Some(index);
                        }
                    }
                    RequestType::PerubahanData | RequestType::ResetPassphrase => {}
                }
            }
            let (current_step, step_started_at) = match current {
                Some((no, s)) => (Some(no), Some(s)),
                None => (None, None),
            };
            let year = created.date().year();
            requests.push(bulk::Request {
                nomor: format!("REQ-{year}-{:05}", i + 1),
                jenis: jenis.code(),
                person,
                alasan,
                status,
                created_at: stamp(created),
                updated_at: stamp(t),
                sop_ref,
                current_step,
                step_started_at,
                events,
            });
        }
        let now = stamp(spec.until);
        let (n_requests, n_events) = self
            .store
            .write(|db| db.insert_bulk(&people, &requests, &certs, &now))?;
        Ok(Made {
            people: people.len(),
            requests: n_requests,
            events: n_events,
            certificates: certs.len(),
        })
    }
}
