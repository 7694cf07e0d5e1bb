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

/// Overwrites a stored person without validation, as a stand-in for records
/// saved before today's rules existed, imported from old spreadsheets or
/// edited outside the app. Tests use it to check that readers such as the
/// AMS panel judge stored data instead of trusting it.
pub fn overwrite_person_unchecked(loket: &Loket, person_id: i64, data: &crate::model::PersonData) {
    let now = loket.stamp_now();
    loket
        .store
        .write(|db| db.update_person(person_id, data, &now))
        .expect("overwrite person");
}

/// A minimal valid one-page PDF of at least `min_size` bytes (0 for the
/// smallest; padding is comment lines, which readers skip, so it ends up at
/// most a few bytes larger), with a correct cross-reference table.
pub fn pdf(min_size: usize) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let tail = |xref: usize| {
        let mut t = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for off in &offsets {
            t.push_str(&format!("{off:010} 00000 n \n"));
        }
        t.push_str(&format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        ));
        t
    };
    loop {
        let total = out.len() + tail(out.len()).len();
        if total >= min_size {
            break;
        }
        // A comment line: '%', filler, newline.
        let filler = (min_size - total).saturating_sub(2).min(998);
        out.push(b'%');
        out.extend(std::iter::repeat_n(b'x', filler));
        out.push(b'\n');
    }
    let t = tail(out.len());
    out.extend(t.as_bytes());
    out
}

/// A small colour PNG (a gradient), distinct for each `seed`.
pub fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, seed])
    });
    encode(image::DynamicImage::ImageRgb8(img), image::ImageFormat::Png)
}

/// A small colour JPEG (a gradient), distinct for each `seed`.
pub fn jpeg(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([seed, (x % 256) as u8, (y % 256) as u8])
    });
    encode(
        image::DynamicImage::ImageRgb8(img),
        image::ImageFormat::Jpeg,
    )
}

/// A colour JPEG whose EXIF data says how to turn it upright (1-8; 6 is a
/// phone held upright, stored on its side), as phones save photos.
pub fn jpeg_with_orientation(width: u32, height: u32, orientation: u8) -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    // A big-endian TIFF header and one IFD entry: Orientation (0x0112),
    // SHORT, count 1.
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0".to_vec();
    exif.extend([orientation, 0, 0, 0, 0, 0, 0]);
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(exif).expect("exif");
    encoder
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encode test image");
    out
}

fn encode(img: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("encode test image");
    out
}

/// A page that looks to a compressor like a bad phone scan of a typed
/// letter: lines of dark glyph strokes on grey-white paper with heavy grain.
/// The grain and the hard stroke edges are high-frequency content, so the
/// image compresses badly, as real scans do. `colour` adds per-channel
/// grain and a paper tint.
pub fn scan_page(width: u32, height: u32, colour: bool) -> image::DynamicImage {
    let mut state: u32 = 0x9E37_79B9;
    let mut next = move || {
        // xorshift32: fast, deterministic, good enough for grain.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let ink = |x: u32, y: u32| -> bool {
        let (line, row) = (y / 48, y % 48);
        if !(12..38).contains(&row) || x < 150 || x + 150 > width {
            return false;
        }
        let (glyph, col) = (x / 16, x % 16);
        let h = (line.wrapping_mul(2_654_435_761) ^ glyph.wrapping_mul(40_503))
            .wrapping_mul(2_246_822_519);
        if h % 7 == 0 || col > 11 {
            return false; // a space between words, or between letters
        }
        // Two or three strokes per glyph, chosen by the hash.
        let stroke = |bit: u32, lo: u32, hi: u32| (h >> bit) & 1 == 1 && (lo..hi).contains(&col);
        stroke(3, 0, 3)
            || stroke(4, 5, 8)
            || stroke(5, 9, 12)
            || ((h >> 6) & 1 == 1 && row % 12 < 3)
    };
    if colour {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            let r = next();
            let base: [i32; 3] = if ink(x, y) {
                [40, 40, 70]
            } else {
                [235, 228, 205]
            };
            let grain = |shift: u32| ((r >> shift) & 63) as i32 - 32;
            image::Rgb([
                (base[0] + grain(0)).clamp(0, 255) as u8,
                (base[1] + grain(8)).clamp(0, 255) as u8,
                (base[2] + grain(16)).clamp(0, 255) as u8,
            ])
        });
        image::DynamicImage::ImageRgb8(img)
    } else {
        let img = image::GrayImage::from_fn(width, height, |x, y| {
            let base: i32 = if ink(x, y) { 45 } else { 225 };
            let grain = (next() & 63) as i32 - 32;
            image::Luma([(base + grain).clamp(0, 255) as u8])
        });
        image::DynamicImage::ImageLuma8(img)
    }
}

/// [`scan_page`] as a PNG (grey: a colour one this size would pass the
/// 20 MB limit).
pub fn scan_png(width: u32, height: u32) -> Vec<u8> {
    encode(scan_page(width, height, false), image::ImageFormat::Png)
}

/// [`scan_page`] in colour as a JPEG at quality 92, as a phone saves it.
pub fn scan_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&scan_page(width, height, true).to_rgb8())
        .expect("encode scan");
    out
}
