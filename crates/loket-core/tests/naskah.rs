//! Letters made from requests (naskah): every kind built from real requests
//! walked through the shipped SOPs, checked the way the signing service and
//! a person see them (qpdf, pdffonts, pdfinfo, pdftotext from poppler-utils
//! and qpdf; a missing tool fails with the package to install); the
//! numbering register; templates; verification; roles.

// Test code: a failed unwrap is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use loket_core::clock::{Clock, parse_user_time};
use loket_core::lifecycle::StepAction;
use loket_core::model::{PaperSize, PersonInput, Role};
use loket_core::naskah::{
    LetterOrder, LetterSettings, ManualNumber, NumberStatus, SignatoryMode, Superior,
    TemplateOverrides, Verdict,
};
use loket_core::requests::RequestForm;
use loket_core::sop::LetterKind;
use loket_core::testing::{NOW, caller, office, person};
use loket_core::{Caller, ErrorKind, Loket};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- tools

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}); the letter tests need poppler-utils and qpdf: \
             apt-get install poppler-utils qpdf"
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed ({}):\n{}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn text_layout(path: &Path) -> String {
    run("pdftotext", &["-layout", p(path), "-"])
}

fn page_count(path: &Path) -> usize {
    run("pdfinfo", &[p(path)])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

fn page_size(path: &Path) -> (f64, f64) {
    let info = run("pdfinfo", &[p(path)]);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo reports the page size");
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    (nums[0], nums[1])
}

const A4: (f64, f64) = (595.28, 841.89);
const F4: (f64, f64) = (609.45, 935.43);

fn assert_paper(path: &Path, (w, h): (f64, f64)) {
    let (pw, ph) = page_size(path);
    assert!(
        (pw - w).abs() < 0.01 && (ph - h).abs() < 0.01,
        "{}: {pw} x {ph}, expected {w} x {h}",
        path.display()
    );
}

/// qpdf finds no error; every font is embedded, subset and mapped to
/// Unicode.
fn assert_clean_pdf(path: &Path) {
    let check = run("qpdf", &["--check", p(path)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "qpdf --check:\n{check}"
    );
    let fonts = run("pdffonts", &[p(path)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "unexpected pdffonts row {row:?}");
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
        assert_eq!(cols[n - 3], "yes", "font has no ToUnicode map: {row}");
    }
}

/// Runs of white space as one space: justified lines and columns put extra
/// spaces between words.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_in_order(haystack: &str, needles: &[&str]) {
    let haystack = squash(haystack);
    let mut from = 0;
    for needle in needles {
        let needle = squash(needle);
        match haystack[from..].find(&needle) {
            Some(pos) => from += pos + needle.len(),
            None => panic!("{needle:?} missing or out of order in:\n{haystack}"),
        }
    }
}

// ---------------------------------------------------------------- office

struct Office {
    dir: tempfile::TempDir,
    loket: Loket,
    admin: Caller,
    verif: Caller,
    head: Caller,
    applicant: Caller,
}

/// A small valid PDF whose content differs by `tag` (an attached scan).
fn scan(tag: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

/// A regional emblem: a green shield with a gold border on transparency.
fn emblem_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(180, 210, |x, y| {
        let (cx, fx, fy) = (90.0f32, x as f32, y as f32);
        let half = if fy < 120.0 {
            80.0
        } else {
            80.0 * (1.0 - (fy - 120.0) / 90.0).max(0.0).sqrt()
        };
        let d = (fx - cx).abs();
        if fy < 6.0 || d > half {
            image::Rgba([0, 0, 0, 0])
        } else if d > half - 8.0 || fy < 14.0 {
            image::Rgba([240, 184, 0, 255])
        } else {
            image::Rgba([0, 122, 61, 255])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = office(dir.path());
        loket.set_emblem(&admin, &emblem_png()).unwrap();
        let verif = caller(&loket, Role::Verifikator);
        let head = caller(&loket, Role::Pimpinan);
        let applicant = caller(&loket, Role::Pemohon);
        Office {
            dir,
            loket,
            admin,
            verif,
            head,
            applicant,
        }
    }

    fn at(&mut self, time: &str) {
        self.loket
            .set_clock(Clock::Fixed(parse_user_time(time).unwrap()));
    }

    fn submit(&self, by: &Caller, jenis: &str, p: PersonInput) -> String {
        let pencabutan = jenis == "pencabutan";
        self.loket
            .submit_request(
                by,
                &RequestForm {
                    jenis: Some(jenis.into()),
                    alasan: pencabutan.then(|| "lupa_passphrase".into()),
                    person: Some(p),
                    ..RequestForm::default()
                },
            )
            .unwrap()
            .nomor
    }

    /// Completes the current step as whoever does it, with a note.
    fn step(&self, nomor: &str, note: &str) -> bool {
        let v = self.loket.request_view(&self.admin, nomor).unwrap();
        let Some(cur) = v.current.as_ref() else {
            return false;
        };
        let step = &v.steps[(cur.no - 1) as usize];
        let by = match step.actor_role {
            loket_core::sop::ActorRole::Pimpinan => &self.head,
            _ => &self.verif,
        };
        for kind in &cur.missing_documents {
            self.loket
                .attach_bytes(
                    &self.verif,
                    nomor,
                    &format!("{}.pdf", kind.code()),
                    &scan(&format!("{nomor}-{}", kind.code())),
                    *kind,
                )
                .unwrap();
        }
        self.loket
            .act_on_step(
                by,
                nomor,
                &StepAction {
                    step: Some(cur.no),
                    condition: cur.needs_condition.then_some(false),
                    checklist: step.requirements.clone(),
                    note: Some(note.into()),
                    ..StepAction::default()
                },
            )
            .unwrap_or_else(|e| panic!("step {} of {nomor}: {e}", cur.no));
        true
    }

    fn finish(&self, nomor: &str) {
        let mut n = 0;
        while self.step(nomor, "Dikerjakan sesuai SOP") {
            n += 1;
            assert!(n < 40, "{nomor} does not finish");
        }
    }

    fn make(
        &self,
        by: &Caller,
        kind: LetterKind,
        requests: &[&str],
    ) -> loket_core::naskah::GeneratedLetter {
        self.loket
            .generate_letter(
                by,
                &LetterOrder {
                    kind: Some(kind),
                    requests: requests.iter().map(|s| s.to_string()).collect(),
                    ..LetterOrder::default()
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", kind.code()))
    }

    fn try_make(&self, by: &Caller, kind: LetterKind, requests: &[&str]) -> loket_core::Error {
        self.loket
            .generate_letter(
                by,
                &LetterOrder {
                    kind: Some(kind),
                    requests: requests.iter().map(|s| s.to_string()).collect(),
                    ..LetterOrder::default()
                },
            )
            .expect_err("refused")
    }

    fn nomor(&self, kind: LetterKind, request: &str) -> String {
        self.make(&self.verif, kind, &[request])
            .letter
            .nomor
            .expect("numbered")
    }
}

fn applicant_input() -> PersonInput {
    PersonInput {
        nama: Some("Dr. Siti Ma’rifah Noorhayati, S.Kom., M.T.".into()),
        ..person(7)
    }
}

// ---------------------------------------------------------------- kinds

#[test]
fn every_kind_renders_clean_on_f4_with_its_lines_in_order() {
    let o = Office::new();
    let penerbitan = o.submit(&o.applicant, "penerbitan", applicant_input());
    let pencabutan = o.submit(&o.verif, "pencabutan", person(3));
    // Walk both to the end: the head's disposisi, the certificate records.
    o.finish(&penerbitan);
    o.finish(&pencabutan);
    let p7 = applicant_input();
    let nama = p7.nama.clone().unwrap();
    let nip = loket_core::letters::format::group_nip(p7.nip.as_deref().unwrap());
    let p3 = person(3);
    let nama3 = p3.nama.clone().unwrap();

    // (kind, request, lines in order)
    let cases: Vec<(LetterKind, &str, Vec<String>)> = vec![
        (
            LetterKind::PermohonanPenerbitan,
            &penerbitan,
            vec![
                "Rantau, 21 November 2026".into(),
                "Nomor".into(),
                "Hal".into(),
                "Permohonan Penerbitan Sertifikat Elektronik".into(),
                "Yth. Kepala Dinas Komunikasi dan Informatika Kabupaten Tapin".into(),
                "Sehubungan dengan".into(),
                nama.clone(),
                nip.clone(),
                "Demikian permohonan ini saya sampaikan".into(),
                "Pemohon,".into(),
                nama.clone(),
                format!("NIP. {nip}"),
                "Kode verifikasi:".into(),
            ],
        ),
        (
            LetterKind::PermohonanPencabutan,
            &pencabutan,
            vec![
                "Permohonan Pencabutan Sertifikat Elektronik".into(),
                nama3.clone(),
                "Alasan Pencabutan".into(),
                "Lupa passphrase".into(),
                "Pemohon,".into(),
            ],
        ),
        (
            LetterKind::KeteranganPencabutan,
            &pencabutan,
            vec![
                "SURAT KETERANGAN ALASAN PENCABUTAN SERTIFIKAT ELEKTRONIK".into(),
                "Yang bertanda tangan di bawah ini:".into(),
                nama3.clone(),
                "alasan: Lupa passphrase.".into(),
                "Mengetahui/Menyetujui,".into(),
                "Rantau, 21 November 2026".into(),
                "Yang menyatakan,".into(),
            ],
        ),
        (
            LetterKind::RekomendasiPenerbitan,
            &penerbitan,
            vec![
                "PEMERINTAH KABUPATEN TAPIN".into(),
                "DINAS KOMUNIKASI DAN INFORMATIKA".into(),
                "Jalan Jenderal Sudirman No. 1, Rantau 71111".into(),
                "Rantau, 21 November 2026".into(),
                "Nomor".into(),
                "000.6.5.6/001/Diskominfo/XI/2026".into(),
                "Sifat".into(),
                "Biasa".into(),
                "Rekomendasi Penerbitan Sertifikat Elektronik".into(),
                "Yth. Kepala Balai Besar Sertifikasi Elektronik".into(),
                nama.clone(),
                nip.clone(),
                "Kepala Dinas Komunikasi dan Informatika".into(),
                "Kabupaten Tapin,".into(),
                "Wahyudi Pranoto, S.Sos., M.T".into(),
                "Pembina Utama Muda (IV/c)".into(),
                "NIP. 19710130 199903 1 005".into(),
                "Tembusan:".into(),
                "Arsip.".into(),
                "Kode verifikasi:".into(),
            ],
        ),
        (
            LetterKind::RekomendasiPencabutan,
            &pencabutan,
            vec![
                "000.6.5/002/Diskominfo/XI/2026".into(),
                "Rekomendasi Pencabutan Sertifikat Elektronik".into(),
                nama3.clone(),
                "Alasan Pencabutan".into(),
                "Lupa passphrase".into(),
            ],
        ),
        (
            LetterKind::Disposisi,
            &penerbitan,
            vec![
                "LEMBAR DISPOSISI".into(),
                "Surat dari".into(),
                nama.clone(),
                "Nomor surat".into(),
                "Perihal".into(),
                "Diterima tanggal".into(),
                "21 November 2026".into(),
                "Nomor agenda".into(),
                "000.6.5.2/001/Diskominfo/XI/2026".into(),
                "Kepada".into(),
                "Kepala Dinas".into(),
                "Verifikator".into(),
                "Dikerjakan sesuai SOP".into(),
                "pukul".into(),
                "WITA".into(),
            ],
        ),
        (
            LetterKind::TandaTerima,
            &penerbitan,
            vec![
                "TANDA TERIMA BERKAS".into(),
                "Nomor: 000.6.5.2/003/Diskominfo/XI/2026".into(),
                "Telah diterima dari:".into(),
                nama.clone(),
                penerbitan.clone(),
                "Jenis Dokumen".into(),
                "KTP".into(),
                "Yang Menyerahkan,".into(),
                "Yang Menerima,".into(),
                "Verifikator".into(),
            ],
        ),
        (
            LetterKind::Pemberitahuan,
            &penerbitan,
            vec![
                "000.6.5.7/004/Diskominfo/XI/2026".into(),
                "Pemberitahuan Penerbitan Sertifikat Elektronik".into(),
                format!("Yth. Sdr. {nama}"),
                "telah diterbitkan".into(),
                "ISSUE (aktif)".into(),
                "Berlaku Sampai".into(),
                "2028".into(),
                "passphrase".into(),
                "Wahyudi Pranoto, S.Sos., M.T".into(),
            ],
        ),
    ];
    for (kind, request, lines) in cases {
        let made = o.make(&o.verif, kind, &[request]);
        let path = &made.path;
        assert!(
            path.starts_with(o.dir.path().join("surat").join("2026")),
            "{}",
            path.display()
        );
        assert_clean_pdf(path);
        assert_paper(path, F4);
        let text = text_layout(path);
        let needles: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_in_order(&text, &needles);
        assert!(
            text.contains(&made.version.code),
            "{}: the verification code is printed",
            kind.code()
        );
        assert_eq!(
            made.version.pages as usize,
            page_count(path),
            "{}",
            kind.code()
        );
        let info = run("pdfinfo", &[p(path)]);
        assert!(info.contains("Keywords:"), "{info}");
    }

    // The pemberitahuan of the revocation speaks of the revocation.
    let made = o.make(&o.verif, LetterKind::Pemberitahuan, &[&pencabutan]);
    assert_in_order(
        &text_layout(&made.path),
        &[
            "Pemberitahuan Pencabutan Sertifikat Elektronik",
            "telah dicabut",
            "Lupa passphrase (kode CRL 4 (superseded))",
            "REVOKE (dicabut)",
        ],
    );
}

#[test]
fn a4_paper_delegated_signature_and_typed_superior() {
    let o = Office::new();
    let mut agency = o.loket.agency().unwrap().unwrap();
    agency.kertas = PaperSize::A4;
    o.loket.set_agency(&o.admin, &agency).unwrap();
    let settings = LetterSettings {
        penandatangan: SignatoryMode::An,
        wakil: loket_core::naskah::Delegate {
            nama: "Hj. Rahmah Fitriani, S.E., M.M.".into(),
            nip: "197505061998032007".into(),
            pangkat: "Pembina (IV/a)".into(),
            jabatan: "Sekretaris".into(),
        },
        ukuran_huruf: 11.0,
        spasi: 1.15,
        ..LetterSettings::default()
    };
    o.loket.set_letter_settings(&o.admin, &settings).unwrap();
    let nomor = o.submit(&o.verif, "pencabutan", person(11));
    let made = o.make(&o.verif, LetterKind::RekomendasiPencabutan, &[&nomor]);
    assert_paper(&made.path, A4);
    assert_clean_pdf(&made.path);
    assert_in_order(
        &text_layout(&made.path),
        &[
            "a.n. Kepala Dinas Komunikasi dan Informatika",
            "Kabupaten Tapin",
            "Sekretaris,",
            "Hj. Rahmah Fitriani, S.E., M.M.",
            "Pembina (IV/a)",
            "NIP. 19750506 199803 2 007",
        ],
    );

    // The superior typed in, or blank lines to fill by hand.
    let typed = o
        .loket
        .generate_letter(
            &o.verif,
            &LetterOrder {
                kind: Some(LetterKind::KeteranganPencabutan),
                requests: vec![nomor.clone()],
                nomor: Some("800/17/Setda/XI/2026".into()),
                atasan: Some(Superior {
                    nama: "H. Gusti Rahmadi Akbar, S.Sos., M.Si.".into(),
                    nip: "196805061994031007".into(),
                    jabatan: "Kepala Bagian Umum".into(),
                }),
            },
        )
        .unwrap();
    assert_eq!(typed.letter.nomor.as_deref(), Some("800/17/Setda/XI/2026"));
    assert!(!typed.letter.numbered_by_office);
    let text = text_layout(&typed.path);
    assert_in_order(
        &text,
        &[
            "Nomor: 800/17/Setda/XI/2026",
            "Kepala Bagian Umum,",
            "H. Gusti Rahmadi Akbar, S.Sos., M.Si.",
            "NIP. 19680506 199403 1 007",
        ],
    );
    // The applicant's unit's number never enters the office's register.
    let register = o.loket.letter_register(&o.verif, Some(2026)).unwrap();
    assert!(register.iter().all(|e| e.nomor != "800/17/Setda/XI/2026"));

    let other = o.submit(&o.verif, "pencabutan", person(12));
    let blank = o.make(&o.verif, LetterKind::KeteranganPencabutan, &[&other]);
    let text = text_layout(&blank.path);
    assert!(text.contains("Nomor: ......"), "{text}");
    assert!(text.contains("NIP. ......"), "{text}");
}

#[test]
fn sixty_applicants_make_one_collective_letter_with_every_applicant_once() {
    let o = Office::new();
    let requests: Vec<String> = (100..160)
        .map(|i| o.submit(&o.verif, "penerbitan", person(i)))
        .collect();
    let keys: Vec<&str> = requests.iter().map(String::as_str).collect();
    let made = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &keys);
    assert_clean_pdf(&made.path);
    assert_paper(&made.path, F4);
    let pages = page_count(&made.path);
    assert!(pages >= 3, "60 applicants need several pages, got {pages}");
    assert_eq!(made.letter.requests.len(), 60);
    let text = text_layout(&made.path);
    assert_in_order(
        &text,
        &[
            "kepada 60 (enam puluh) orang pegawai",
            "LAMPIRAN SURAT REKOMENDASI PENERBITAN SERTIFIKAT ELEKTRONIK",
            "Nomor",
            "000.6.5.6/001/Diskominfo/XI/2026",
        ],
    );
    // The header is repeated on every page of the table.
    let page_texts: Vec<String> = (2..=pages)
        .map(|n| {
            run(
                "pdftotext",
                &[
                    "-layout",
                    "-f",
                    &n.to_string(),
                    "-l",
                    &n.to_string(),
                    p(&made.path),
                    "-",
                ],
            )
        })
        .collect();
    let nips: Vec<String> = (100..160)
        .map(|i| loket_core::letters::format::group_nip(person(i).nip.as_deref().unwrap()))
        .collect();
    let mut table_pages = 0;
    for (i, t) in page_texts.iter().enumerate() {
        assert!(
            t.contains(&format!("Halaman {} dari {pages}", i + 2)),
            "page {}",
            i + 2
        );
        if nips.iter().any(|n| t.contains(n.as_str())) {
            table_pages += 1;
            assert!(
                t.contains("NIP") && t.contains("Unit Kerja"),
                "page {}:\n{t}",
                i + 2
            );
        }
    }
    assert!(table_pages >= 2, "the table runs over several pages");
    // Every applicant exactly once: their NIP (unique, one line in its
    // column) in the printed text, and their name in the table the letter
    // was laid out from (names wrap inside their cell, so the printed text
    // splits them over lines).
    let view = o.loket.letter_view(&o.verif, made.version.id).unwrap();
    let table = view
        .blocks
        .iter()
        .find_map(|b| match b {
            loket_core::letters::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the lampiran table");
    assert_eq!(table.rows.len(), 60);
    for i in 100..160 {
        let input = person(i);
        let nip = loket_core::letters::format::group_nip(input.nip.as_deref().unwrap());
        assert_eq!(text.matches(&nip).count(), 1, "NIP {nip} of applicant {i}");
        let name = input.nama.unwrap();
        assert_eq!(
            table.rows.iter().filter(|r| r[1] == name).count(),
            1,
            "name {name} of applicant {i}"
        );
        // The name's words are on the page in order, whatever the wrapping.
        let row = squash(&text);
        let first = name.split_whitespace().next().unwrap();
        assert!(row.contains(first), "{first}");
    }
    assert!(text.contains("60."), "the last row number");
}

// ---------------------------------------------------------------- numbers

#[test]
fn numbers_are_sequential_shared_per_sequence_and_restart_each_year() {
    let mut o = Office::new();
    let a = o.submit(&o.verif, "penerbitan", person(1));
    let b = o.submit(&o.verif, "penerbitan", person(2));
    let c = o.submit(&o.verif, "pencabutan", person(4));
    assert_eq!(
        o.nomor(LetterKind::RekomendasiPenerbitan, &a),
        "000.6.5.6/001/Diskominfo/XI/2026"
    );
    assert_eq!(
        o.nomor(LetterKind::RekomendasiPenerbitan, &b),
        "000.6.5.6/002/Diskominfo/XI/2026"
    );
    // Outgoing letters share one book; the agenda of incoming ones is its own.
    assert_eq!(
        o.nomor(LetterKind::RekomendasiPencabutan, &c),
        "000.6.5/003/Diskominfo/XI/2026"
    );
    assert_eq!(
        o.nomor(LetterKind::Disposisi, &a),
        "000.6.5.2/001/Diskominfo/XI/2026"
    );

    // The same letter made again keeps its number and becomes version 2.
    let again = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&a]);
    assert_eq!(
        again.letter.nomor.as_deref(),
        Some("000.6.5.6/001/Diskominfo/XI/2026")
    );
    assert_eq!(again.version.version, 2);
    assert!(!again.new_number);
    assert_eq!(again.letter.versions.len(), 2);
    assert_ne!(again.letter.versions[0].code, again.letter.versions[1].code);
    assert!(
        again
            .path
            .ends_with("000.6.5.6_001_Diskominfo_XI_2026-v2.pdf")
    );
    assert!(
        o.dir.path().join(&again.letter.versions[0].path).is_file(),
        "version 1 stays"
    );

    // 1 January: every sequence starts again.
    o.at("2027-01-02T08:00:00+08:00");
    let d = o.submit(&o.verif, "penerbitan", person(5));
    assert_eq!(
        o.nomor(LetterKind::RekomendasiPenerbitan, &d),
        "000.6.5.6/001/Diskominfo/I/2027"
    );
    let register = o.loket.letter_register(&o.admin, Some(2026)).unwrap();
    assert_eq!(register.len(), 4);
    assert_eq!(register[0].requests[0].nomor, a);
    assert_eq!(
        o.loket.letter_register(&o.admin, Some(2027)).unwrap().len(),
        1
    );
    assert_eq!(o.loket.letter_register(&o.admin, None).unwrap().len(), 5);
}

#[test]
fn voided_numbers_stay_and_are_never_reused_and_hand_entered_ones_are_skipped() {
    let o = Office::new();
    let a = o.submit(&o.verif, "penerbitan", person(1));
    let b = o.submit(&o.verif, "penerbitan", person(2));
    let first = o.nomor(LetterKind::RekomendasiPenerbitan, &a);

    let e = o
        .loket
        .void_letter_number(&o.verif, &first, "  ")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    let voided = o
        .loket
        .void_letter_number(&o.verif, &first, "Salah ketik nama pemohon")
        .unwrap();
    assert_eq!(voided.status, NumberStatus::Batal);
    assert_eq!(
        voided.void_reason.as_deref(),
        Some("Salah ketik nama pemohon")
    );
    assert_eq!(voided.requests[0].nomor, a);
    assert_eq!(
        o.loket
            .void_letter_number(&o.verif, &first, "lagi")
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );

    // A number entered by hand for a letter typed elsewhere …
    let manual = o
        .loket
        .enter_letter_number(
            &o.verif,
            &ManualNumber {
                kind: Some(LetterKind::RekomendasiPenerbitan),
                nomor: "000.6.5.6/002/Diskominfo/XI/2026".into(),
                hal: "Rekomendasi penerbitan (diketik manual)".into(),
                tanggal: None,
            },
        )
        .unwrap();
    assert!(manual.manual);
    assert_eq!(manual.urut, None);
    // … clashes with an exact match …
    let clash = o
        .loket
        .enter_letter_number(
            &o.verif,
            &ManualNumber {
                kind: Some(LetterKind::Pemberitahuan),
                nomor: " 000.6.5.6/002/Diskominfo/XI/2026 ".into(),
                hal: "Lagi".into(),
                tanggal: None,
            },
        )
        .unwrap_err();
    assert_eq!(clash.fields[0].field, "nomor");
    assert!(
        clash.message.id.contains("sudah tercatat"),
        "{}",
        clash.message.id
    );
    // … and with a drawn one.
    assert!(
        o.loket
            .enter_letter_number(
                &o.verif,
                &ManualNumber {
                    kind: Some(LetterKind::Pemberitahuan),
                    nomor: first.clone(),
                    hal: "x".into(),
                    tanggal: None,
                },
            )
            .is_err()
    );

    // The voided letter made again gets a new number; the next draw skips
    // both the voided 001 and the hand-entered 002.
    let remade = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&a]);
    assert_eq!(
        remade.letter.nomor.as_deref(),
        Some("000.6.5.6/003/Diskominfo/XI/2026")
    );
    assert_eq!(remade.version.version, 1);
    assert_eq!(
        o.nomor(LetterKind::RekomendasiPenerbitan, &b),
        "000.6.5.6/004/Diskominfo/XI/2026"
    );
    let register = o.loket.letter_register(&o.verif, Some(2026)).unwrap();
    let numbers: Vec<(&str, NumberStatus, bool)> = register
        .iter()
        .map(|e| (e.nomor.as_str(), e.status, e.manual))
        .collect();
    assert_eq!(
        numbers,
        vec![
            (
                "000.6.5.6/001/Diskominfo/XI/2026",
                NumberStatus::Batal,
                false
            ),
            (
                "000.6.5.6/002/Diskominfo/XI/2026",
                NumberStatus::Aktif,
                true
            ),
            (
                "000.6.5.6/003/Diskominfo/XI/2026",
                NumberStatus::Aktif,
                false
            ),
            (
                "000.6.5.6/004/Diskominfo/XI/2026",
                NumberStatus::Aktif,
                false
            ),
        ]
    );

    // A number typed for a new office letter is registered as hand-entered.
    let c = o.submit(&o.verif, "penerbitan", person(3));
    let typed = o
        .loket
        .generate_letter(
            &o.verif,
            &LetterOrder {
                kind: Some(LetterKind::RekomendasiPenerbitan),
                requests: vec![c.clone()],
                nomor: Some("000.6.5.6/004/Diskominfo/XI/2026".into()),
                ..LetterOrder::default()
            },
        )
        .unwrap_err();
    assert!(
        typed.message.id.contains("sudah tercatat"),
        "{}",
        typed.message.id
    );
}

#[test]
fn two_app_instances_on_one_database_never_draw_the_same_number() {
    let dir = tempfile::tempdir().unwrap();
    let (loket, admin) = office(dir.path());
    let verif = caller(&loket, Role::Verifikator);
    let requests: Vec<String> = (0..24)
        .map(|i| {
            loket
                .submit_request(
                    &verif,
                    &RequestForm {
                        jenis: Some("penerbitan".into()),
                        person: Some(person(200 + i)),
                        ..RequestForm::default()
                    },
                )
                .unwrap()
                .nomor
        })
        .collect();
    drop(loket);
    let halves: Vec<Vec<String>> = requests.chunks(12).map(<[String]>::to_vec).collect();
    let handles: Vec<_> = halves
        .into_iter()
        .map(|mine| {
            let path = dir.path().to_path_buf();
            let admin = admin.clone();
            std::thread::spawn(move || {
                let mut second = Loket::open(&path).unwrap();
                second.set_clock(Clock::Fixed(parse_user_time(NOW).unwrap()));
                mine.iter()
                    .map(|r| {
                        second
                            .generate_letter(
                                &admin,
                                &LetterOrder {
                                    kind: Some(LetterKind::RekomendasiPenerbitan),
                                    requests: vec![r.clone()],
                                    ..LetterOrder::default()
                                },
                            )
                            .unwrap()
                            .letter
                            .nomor
                            .unwrap()
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
    let expected: Vec<String> = (1..=24)
        .map(|n| format!("000.6.5.6/{n:03}/Diskominfo/XI/2026"))
        .collect();
    assert_eq!(all, expected);
}

// ---------------------------------------------------------------- templates

#[test]
fn templates_refuse_unknown_placeholders_and_change_the_wording() {
    let o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(21));
    let mut edited = TemplateOverrides::new();
    edited.insert(
        "pembuka".into(),
        "Yang bertanda tangan, {nmaa}, {nip}:".into(),
    );
    let e = o
        .loket
        .set_letter_template(&o.admin, LetterKind::PermohonanPenerbitan, &edited)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.fields[0].field, "pembuka");
    assert!(e.message.id.contains("{nmaa}"), "{}", e.message.id);
    assert!(
        e.message.id.contains("{nama}"),
        "the known ones are listed: {}",
        e.message.id
    );
    // Only an admin edits templates.
    assert_eq!(
        o.loket
            .set_letter_template(&o.verif, LetterKind::PermohonanPenerbitan, &edited)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );

    edited.insert(
        "pembuka".into(),
        "Saya, {nama} (NIP {nip}), pegawai {unit_kerja}:".into(),
    );
    let view = o
        .loket
        .set_letter_template(&o.admin, LetterKind::PermohonanPenerbitan, &edited)
        .unwrap();
    assert!(view.slots.iter().any(|s| s.key == "pembuka" && s.changed));
    let made = o.make(&o.verif, LetterKind::PermohonanPenerbitan, &[&nomor]);
    let input = person(21);
    let nip = loket_core::letters::format::group_nip(input.nip.as_deref().unwrap());
    let text = text_layout(&made.path);
    assert!(
        text.contains(&format!("Saya, {}", input.nama.clone().unwrap())),
        "{text}"
    );
    assert!(text.contains(&nip), "{text}");

    let back = o
        .loket
        .reset_letter_template(&o.admin, LetterKind::PermohonanPenerbitan)
        .unwrap();
    assert!(back.slots.iter().all(|s| !s.changed));
}

#[test]
fn settings_name_every_bad_field() {
    let o = Office::new();
    let mut s = LetterSettings {
        penandatangan: SignatoryMode::Plt,
        ukuran_huruf: 10.0,
        ..LetterSettings::default()
    };
    s.penomoran
        .get_mut(&LetterKind::RekomendasiPenerbitan)
        .unwrap()
        .pola = "{kode}/{tahun}".into();
    let e = o.loket.set_letter_settings(&o.admin, &s).unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "wakil.nama",
            "ukuran_huruf",
            "penomoran.rekomendasi_penerbitan.pola"
        ]
    );
}

// ---------------------------------------------------------------- verification

#[test]
fn verification_by_file_and_by_code() {
    let o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(31));
    let made = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&nomor]);
    let bytes = std::fs::read(&made.path).unwrap();

    let v = o.loket.verify_letter_file(&o.head, &bytes).unwrap();
    assert_eq!(v.verdict, Verdict::Genuine, "{}", v.message.id);
    assert!(v.message.id.starts_with("ASLI"), "{}", v.message.id);
    let letter = v.letter.unwrap();
    assert_eq!(letter.requests[0].nomor, nomor);
    assert_eq!(letter.nomor, made.letter.nomor);

    let by_code = o
        .loket
        .verify_letter_code(
            &o.verif,
            &made.version.code.to_lowercase().replace('-', " "),
        )
        .unwrap();
    assert_eq!(by_code.verdict, Verdict::Genuine);
    assert_eq!(by_code.version, Some(1));
    // What the QR code holds works as well.
    let qr = format!("Loket TTE | x | kode verifikasi {}", made.version.code);
    assert_eq!(
        o.loket.verify_letter_code(&o.verif, &qr).unwrap().verdict,
        Verdict::Genuine
    );

    // One byte changed, away from the code in the document information.
    let marker = loket_core::naskah::CODE_MARKER.as_bytes();
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("the code is in the file as plain text");
    let mut changed = bytes.clone();
    let i = if at > bytes.len() / 2 {
        bytes.len() / 4
    } else {
        bytes.len() * 3 / 4
    };
    changed[i] ^= 0x20;
    let v = o.loket.verify_letter_file(&o.verif, &changed).unwrap();
    assert_eq!(v.verdict, Verdict::Altered, "{}", v.message.en);
    assert!(v.message.id.contains(&nomor), "{}", v.message.id);
    assert_eq!(v.code.as_deref(), Some(made.version.code.as_str()));

    // Bytes appended (an incremental update, as editors save).
    let mut appended = bytes.clone();
    appended.extend(b"\n% changed\n");
    assert_eq!(
        o.loket
            .verify_letter_file(&o.verif, &appended)
            .unwrap()
            .verdict,
        Verdict::Altered
    );

    // Not ours at all, and an unknown code.
    let other = loket_core::testing::pdf(0);
    let v = o.loket.verify_letter_file(&o.verif, &other).unwrap();
    assert_eq!(v.verdict, Verdict::Unknown);
    let v = o.loket.verify_letter_code(&o.verif, "ZZZZ-ZZZZ").unwrap();
    assert_eq!(v.verdict, Verdict::Unknown);
    assert!(v.message.en.contains("ZZZZ-ZZZZ"), "{}", v.message.en);

    // An older version is genuine, with a note that a newer one exists.
    let v2 = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&nomor]);
    let v = o.loket.verify_letter_file(&o.verif, &bytes).unwrap();
    assert_eq!(v.verdict, Verdict::Genuine);
    assert_eq!((v.version, v.latest_version), (Some(1), Some(2)));
    assert!(v.message.en.contains("newer version"), "{}", v.message.en);

    // A voided number makes the letter not in force.
    o.loket
        .void_letter_number(&o.verif, v2.letter.nomor.as_deref().unwrap(), "Dibatalkan")
        .unwrap();
    let v = o
        .loket
        .verify_letter_file(&o.verif, &std::fs::read(&v2.path).unwrap())
        .unwrap();
    assert_eq!(v.verdict, Verdict::Voided);

    // The stored file is checked before it is opened.
    let stored: PathBuf = v2.path.clone();
    std::fs::write(&stored, &changed).unwrap();
    let e = o.loket.letter_file(&o.verif, v2.version.id).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(o.loket.letter_file(&o.verif, made.version.id).is_ok());
    // Pemohon cannot verify.
    assert_eq!(
        o.loket
            .verify_letter_code(&o.applicant, &made.version.code)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

#[test]
fn the_stored_letter_is_what_was_rendered() {
    let o = Office::new();
    let nomor = o.submit(&o.verif, "penerbitan", person(41));
    let made = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&nomor]);
    let bytes = o.loket.read_letter(&o.verif, made.version.id).unwrap();
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, made.version.pdf_sha256);
    let view = o.loket.letter_view(&o.verif, made.version.id).unwrap();
    assert_eq!(
        view.footer.as_ref().unwrap().code,
        format!("Kode verifikasi: {}", made.version.code)
    );
    let copy = o.dir.path().join("salinan.pdf");
    o.loket
        .copy_letter(&o.verif, made.version.id, &copy)
        .unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    let listed = o.loket.letters_of_request(&o.verif, &nomor).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].versions[0].code, made.version.code);
}

// ---------------------------------------------------------------- roles

#[test]
fn roles_decide_who_makes_which_letter() {
    let o = Office::new();
    let own = o.submit(&o.applicant, "pencabutan", person(51));
    let other = o.submit(&o.verif, "pencabutan", person(52));

    // The applicant makes their own letters for their own request …
    let mine = o.make(&o.applicant, LetterKind::KeteranganPencabutan, &[&own]);
    assert!(o.loket.letter_file(&o.applicant, mine.version.id).is_ok());
    // … never the office's letters, and nothing for someone else's request.
    assert_eq!(
        o.try_make(&o.applicant, LetterKind::RekomendasiPencabutan, &[&own])
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        o.try_make(&o.applicant, LetterKind::PermohonanPencabutan, &[&other])
            .kind,
        ErrorKind::Forbidden
    );
    // The office's letters on the applicant's request stay hidden from them.
    let rek = o.make(&o.verif, LetterKind::RekomendasiPencabutan, &[&own]);
    let seen = o.loket.letters_of_request(&o.applicant, &own).unwrap();
    assert_eq!(seen.len(), 1, "only the keterangan");
    assert_eq!(
        o.loket
            .letter_file(&o.applicant, rek.version.id)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        o.loket
            .letter_register(&o.applicant, None)
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        o.loket
            .void_letter_number(&o.applicant, rek.letter.nomor.as_deref().unwrap(), "x")
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    // A head gives disposisi, and may make the lembar, not recommendations.
    assert_eq!(
        o.try_make(&o.head, LetterKind::RekomendasiPencabutan, &[&other])
            .kind,
        ErrorKind::Forbidden
    );
    o.make(&o.head, LetterKind::Disposisi, &[&other]);
    assert_eq!(
        o.loket.letter_register(&o.head, None).unwrap_err().kind,
        ErrorKind::Forbidden
    );
}

#[test]
fn wrong_orders_are_refused_with_every_problem() {
    let o = Office::new();
    let a = o.submit(&o.verif, "penerbitan", person(61));
    let b = o.submit(&o.verif, "pencabutan", person(62));
    // A recommendation for issuance cannot cover a revocation; a request
    // that does not exist is named.
    let e = o.try_make(
        &o.verif,
        LetterKind::RekomendasiPenerbitan,
        &[&a, &b, "REQ-2026-09999"],
    );
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["requests[1]", "requests[2]"], "{e}");
    // Only recommendations are collective.
    let e = o.try_make(&o.verif, LetterKind::TandaTerima, &[&a, &b]);
    assert_eq!(e.kind, ErrorKind::Invalid);
    // No notification before the certificate is recorded.
    let e = o.try_make(&o.verif, LetterKind::Pemberitahuan, &[&a]);
    assert!(e.message.en.contains("not recorded"), "{}", e.message.en);
    // Nothing was drawn by the refusals.
    assert!(o.loket.letter_register(&o.verif, None).unwrap().is_empty());
    // A cancelled request gets no letter.
    o.loket
        .cancel_request(&o.verif, &a, "Ditarik pemohon")
        .unwrap();
    let e = o.try_make(&o.verif, LetterKind::PermohonanPenerbitan, &[&a]);
    assert!(e.message.id.contains("dibatalkan"), "{}", e.message.id);
}

#[test]
fn agency_and_emblem_are_saved_together_or_not_at_all() {
    let o = Office::new();
    let before = o.loket.emblem().unwrap().unwrap();
    let mut agency = o.loket.agency().unwrap().unwrap();
    agency.domain_email = "gmail.com".into();
    let e = o
        .loket
        .set_agency_with_emblem(
            &o.admin,
            &agency,
            Some(b"not an image"),
            Some(&LetterSettings {
                spasi: 3.0,
                ..LetterSettings::default()
            }),
        )
        .unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["domain_email", "lambang", "surat.spasi"]);
    assert_eq!(
        o.loket.letter_settings().unwrap(),
        LetterSettings::default()
    );
    assert_eq!(o.loket.emblem().unwrap().unwrap(), before);

    agency.domain_email = "tapinkab.go.id".into();
    agency.dinas = "Dinas Kominfo dan Persandian".into();
    let jpeg = loket_core::testing::jpeg(160, 200, 9);
    let saved = o
        .loket
        .set_agency_with_emblem(&o.admin, &agency, Some(&jpeg), None)
        .unwrap();
    assert_eq!(saved.profile.dinas, agency.dinas);
    let emblem = saved.lambang.unwrap();
    assert!(emblem.path.ends_with(".jpg"));
    assert_ne!(emblem.sha256, before.sha256);
    // The old emblem's file stays (letters made with it keep their look).
    assert!(o.dir.path().join(&before.path).is_file());

    let nomor = o.submit(&o.verif, "penerbitan", person(71));
    let made = o.make(&o.verif, LetterKind::RekomendasiPenerbitan, &[&nomor]);
    assert!(
        text_layout(&made.path).contains("DINAS KOMINFO DAN PERSANDIAN"),
        "the kop follows the profile"
    );
    assert_clean_pdf(&made.path);
}

#[test]
fn the_register_records_kind_date_requests_and_subject() {
    let mut o = Office::new();
    o.at(&(parse_user_time(NOW).unwrap() + Duration::days(3)).to_rfc3339());
    let a = o.submit(&o.verif, "penerbitan", person(81));
    o.loket
        .attach_bytes(
            &o.verif,
            &a,
            "KTP.pdf",
            &scan("ktp"),
            loket_core::model::DocKind::Ktp,
        )
        .unwrap();
    let made = o.make(&o.verif, LetterKind::TandaTerima, &[&a]).letter;
    assert_eq!(made.tanggal, "2026-11-24");
    let e = &o.loket.letter_register(&o.verif, None).unwrap()[0];
    assert_eq!(e.kind, Some(LetterKind::TandaTerima));
    assert_eq!(e.tanggal, "2026-11-24");
    assert_eq!(e.urut, Some(1));
    assert_eq!(e.urutan.as_deref(), Some("keluar"));
    assert_eq!(e.hal, format!("Tanda Terima Berkas Permohonan {a}"));
    assert_eq!(e.requests[0].nomor, a);
    assert_eq!(e.created_by, "verifikator");
}
