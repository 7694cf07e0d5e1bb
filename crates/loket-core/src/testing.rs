//! Fixtures for tests and benchmarks: a ready office and any number of
//! distinct, valid people (NIK and NIP agree on birth date and sex).
//! Not for production use; the window and the CLI never call it.

use crate::agency::{AgencyProfile, Signatory};
use crate::auth::Caller;
use crate::clock::{Clock, parse_user_time};
use crate::loket::Loket;
use crate::model::{PaperSize, PersonInput, Role};
use chrono::{Datelike, Days, NaiveDate};
use std::path::Path;

/// The fixed "now" of fixtures: 21 November 2026, 09:00 WITA.
pub const NOW: &str = "2026-11-21T09:00:00+08:00";

/// The Tapin office of the seeds.
pub fn tapin_agency() -> AgencyProfile {
    AgencyProfile {
        pemda: "Pemerintah Kabupaten Tapin".into(),
        dinas: "Dinas Komunikasi dan Informatika".into(),
        alamat: "Jalan Jenderal Sudirman No. 1, Rantau 71111".into(),
        telepon: "(0517) 31234".into(),
        email: "diskominfo@tapinkab.go.id".into(),
        laman: "diskominfo.tapinkab.go.id".into(),
        domain_email: "tapinkab.go.id".into(),
        kota: "Rantau".into(),
        kepala: Signatory {
            nama: "Wahyudi Pranoto, S.Sos., M.T".into(),
            nip: "197101301999031005".into(),
            pangkat: "Pembina Utama Muda (IV/c)".into(),
            jabatan: "Kepala Dinas Komunikasi dan Informatika".into(),
        },
        kertas: PaperSize::F4,
    }
}

/// Opens an office in `dir` with the Tapin profile, the clock fixed at
/// [`NOW`], and one user per role (`admin`, `verifikator`, `pimpinan`,
/// `pemohon`, password `rahasia-123`). Returns the office and the admin.
pub fn office(dir: &Path) -> (Loket, Caller) {
    let mut loket = Loket::open(dir).expect("open office");
    loket.set_clock(Clock::Fixed(parse_user_time(NOW).expect("fixture time")));
    let admin = loket
        .complete_setup(&crate::accounts::SetupInput {
            admin: crate::accounts::NewUser {
                username: "admin".into(),
                display_name: "Admin".into(),
                role: Some(Role::Admin),
                password: "rahasia-123".into(),
            },
            agency: tapin_agency(),
        })
        .expect("setup");
    for role in [Role::Verifikator, Role::Pimpinan, Role::Pemohon] {
        loket
            .add_user(
                &admin,
                &crate::accounts::NewUser {
                    username: role.code().into(),
                    display_name: role.label().id,
                    role: Some(role),
                    password: "rahasia-123".into(),
                },
            )
            .expect("add user");
    }
    (loket, admin)
}

/// Signs in one of the fixture users by role.
pub fn caller(loket: &Loket, role: Role) -> Caller {
    loket
        .sign_in(role.code(), "rahasia-123")
        .expect("sign in fixture user")
}

const FIRST: [&str; 16] = [
    "Ahmad", "Siti", "Budi", "Rina", "Muhammad", "Dewi", "Agus", "Nur", "Hendra", "Yuliana",
    "Rahmat", "Fitri", "Bambang", "Sri", "Joko", "Ratna",
];
const LAST: [&str; 16] = [
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
];
const UNITS: [&str; 8] = [
    "Dinas Komunikasi dan Informatika",
    "Dinas Kesehatan",
    "Dinas Pendidikan dan Kebudayaan",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Sekretariat Daerah",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Kecamatan Tapin Utara",
];
const JABATAN: [&str; 5] = [
    "Kepala Bidang",
    "Kepala Seksi",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Sandiman",
];
const GOLONGAN: [&str; 6] = ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"];

/// The `i`-th sample person: a PNS with a valid NIK and NIP that agree,
/// unique for every `i` below a few million.
pub fn person(i: usize) -> PersonInput {
    let base = NaiveDate::from_ymd_opt(1966, 1, 1).unwrap_or_default();
    let birth = base + Days::new((i % 12_000) as u64);
    let serial = i / 12_000 + 1;
    let woman = i % 2 == 1;
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let nik_day = birth.day() + if woman { 40 } else { 0 };
    let nik = format!(
        "630501{:02}{:02}{:02}{:04}",
        nik_day,
        birth.month(),
        birth.year() % 100,
        serial
    );
    let start_year = birth.year() + 25;
    let nip = format!(
        "{}{:02}{:02}{}{:02}{}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        start_year,
        birth.month(),
        if woman { 2 } else { 1 },
        serial
    );
    PersonInput {
        nama: Some(format!("{first} {last}, S.Kom.")),
        nama_tanpa_gelar: None,
        nik: Some(nik),
        nip: Some(nip),
        jenis_pegawai: Some("pns".into()),
        golongan: Some(GOLONGAN[i % GOLONGAN.len()].into()),
        jabatan: Some(JABATAN[i % JABATAN.len()].into()),
        unit_kerja: Some(UNITS[i % UNITS.len()].into()),
        email: Some(format!(
            "{}.{}{}@tapinkab.go.id",
            first.to_lowercase(),
            last.to_lowercase(),
            i
        )),
        telepon: Some(format!("0812{:08}", i % 100_000_000)),
    }
}
