//! Each kind of letter as a [`LetterDoc`]: which blocks, in which order,
//! filled from domain data with the wording of the kind's template. Every
//! string is formatted here (dates in Indonesian, NIP grouped 8-6-1-3, names
//! with titles), so the stored view is exactly what the letter says.

use super::numbering::count_words;
use super::settings::{LetterSettings, SignatoryMode};
use super::templates::{self, TemplateOverrides};
use crate::agency::AgencyProfile;
use crate::identity;
use crate::letters::format::{format_nip, group_nip, place_date, tanggal_indonesia};
use crate::letters::{
    Align, Block, Column, Emblem, Footer, Kop, LetterDoc, Signature, SignaturePosition, Table,
};
use crate::model::{Certificate, CrlReason, Person, Request, RequestType};
use crate::sop::LetterKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Printed where a number or a name is to be written by hand.
pub(crate) const DOTS: &str = "....................................";

/// One applicant's request, with what a letter may print about it.
#[derive(Clone, Debug)]
pub(crate) struct Applicant {
    pub request: Request,
    pub person: Person,
    /// The certificate record this request produced, if any.
    pub certificate: Option<Certificate>,
}

/// The applicant's direct superior, who approves a statement of the reason
/// for revocation. Typed in when the letter is made, or left blank to be
/// filled in by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Superior {
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
}

/// A row of the Lembar Disposisi.
#[derive(Clone, Debug)]
pub(crate) struct DisposisiRow {
    pub dari: String,
    pub kepada: String,
    pub waktu: String,
    pub isi: String,
}

/// A document listed on a Tanda Terima Berkas.
#[derive(Clone, Debug)]
pub(crate) struct ReceivedDoc {
    pub jenis: String,
    pub nama: String,
    pub diterima: String,
}

/// Everything a letter is made from.
pub(crate) struct Material<'a> {
    pub kind: LetterKind,
    pub agency: &'a AgencyProfile,
    pub settings: &'a LetterSettings,
    pub template: &'a TemplateOverrides,
    /// The number as printed; `None` prints dots (to be filled by hand).
    pub nomor: Option<String>,
    pub date: NaiveDate,
    /// The verification code.
    pub code: String,
    pub has_emblem: bool,
    pub applicants: Vec<Applicant>,
    pub superior: Option<Superior>,
    /// For the Lembar Disposisi: the request letter's number and date, when
    /// it was received, and the disposisi given.
    pub disposisi: Vec<DisposisiRow>,
    pub surat_masuk: Option<(String, String)>,
    pub diterima: Option<String>,
    /// For the Tanda Terima: the documents received, and who received them.
    pub documents: Vec<ReceivedDoc>,
    pub penerima: String,
}

/// "Kabupaten Tapin" from "Pemerintah Kabupaten Tapin".
pub(crate) fn daerah(pemda: &str) -> String {
    let p = pemda.trim();
    for prefix in ["Pemerintah ", "PEMERINTAH ", "Pemerintahan "] {
        if let Some(rest) = p.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    p.to_string()
}

/// The head's position as printed; "Kepala <dinas>" when not filled in.
/// The kop surat from the agency profile, in the office's own words (an
/// official letterhead is never translated): government and office in
/// capitals, the address, then the contacts that are filled in.
pub(crate) fn kop_surat(a: &AgencyProfile, emblem: Option<Emblem>) -> Kop {
    let contact: Vec<String> = [
        ("Telepon", &a.telepon),
        ("Pos-el", &a.email),
        ("Laman", &a.laman),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k} {}", v.trim()))
    .collect();
    let mut address_lines = Vec::new();
    if !a.alamat.trim().is_empty() {
        address_lines.push(a.alamat.trim().to_string());
    }
    if !contact.is_empty() {
        address_lines.push(contact.join(", "));
    }
    Kop {
        emblem,
        pemda: a.pemda.trim().to_uppercase(),
        dinas: a.dinas.trim().to_uppercase(),
        address_lines,
    }
}

fn kepala_jabatan(agency: &AgencyProfile) -> String {
    let j = agency.kepala.jabatan.trim();
    if j.is_empty() {
        format!("Kepala {}", agency.dinas.trim())
    } else {
        j.to_string()
    }
}

/// "Penata Muda Tingkat I (III/b)", "Golongan IX" (PPPK) or "-".
pub(crate) fn pangkat(person: &Person) -> String {
    let Some(g) = person.data.golongan.as_deref().filter(|g| !g.is_empty()) else {
        return "-".to_string();
    };
    match identity::parse_golongan(g, person.data.jenis_pegawai) {
        Ok(gol) if gol.is_pns() => gol.display(),
        Ok(gol) => format!("Golongan {}", gol.code),
        Err(_) => g.to_string(),
    }
}

fn nip_or_dash(person: &Person) -> String {
    person
        .data
        .nip
        .as_deref()
        .map(group_nip)
        .unwrap_or_else(|| "-".to_string())
}

/// The reason as the applicant worded it, or the standard wording.
pub(crate) fn alasan(request: &Request) -> String {
    request
        .alasan_teks
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| request.alasan.map(|a| a.wording().id))
        .unwrap_or_else(|| "-".to_string())
}

fn crl_text(code: Option<u8>) -> String {
    match code.and_then(CrlReason::from_code) {
        Some(r) => format!("{} ({})", r.code(), r.name()),
        None => "-".to_string(),
    }
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(tanggal_indonesia).unwrap_or_else(|| "-".to_string())
}

fn request_date(request: &Request) -> String {
    crate::clock::parse_stamp(&request.created_at)
        .map(|t| tanggal_indonesia(t.date_naive()))
        .unwrap_or_else(|| request.created_at.clone())
}

impl Material<'_> {
    fn nomor_text(&self) -> String {
        self.nomor.clone().unwrap_or_else(|| DOTS.to_string())
    }

    fn office_values(&self) -> BTreeMap<&'static str, String> {
        let a = self.agency;
        let mut v = BTreeMap::new();
        v.insert("pemda", a.pemda.trim().to_string());
        v.insert("daerah", daerah(&a.pemda));
        v.insert("dinas", a.dinas.trim().to_string());
        v.insert("kota", a.kota.trim().to_string());
        v.insert("kepala_jabatan", kepala_jabatan(a));
        v.insert("tanggal", tanggal_indonesia(self.date));
        v.insert(
            "nomor",
            self.nomor.clone().unwrap_or_else(|| "-".to_string()),
        );
        v.insert("jumlah", count_words(self.applicants.len()));
        v
    }

    /// The values of every placeholder, for the first (or only) applicant.
    fn values(&self) -> BTreeMap<&'static str, String> {
        let mut v = self.office_values();
        let Some(app) = self.applicants.first() else {
            return v;
        };
        let p = &app.person.data;
        let r = &app.request;
        v.insert("nama", p.nama.clone());
        v.insert("nip", nip_or_dash(&app.person));
        v.insert("pangkat", pangkat(&app.person));
        v.insert("jabatan", p.jabatan.clone());
        v.insert("unit_kerja", p.unit_kerja.clone());
        v.insert("email", p.email.clone());
        v.insert("nomor_permohonan", r.nomor.clone());
        v.insert("jenis_permohonan", r.jenis.label().id.to_lowercase());
        v.insert("tanggal_permohonan", request_date(r));
        let cert = app.certificate.as_ref();
        // A finished revocation's record holds the reason as corrected.
        match cert.and_then(|c| c.revocation.as_ref()) {
            Some(rev) => {
                v.insert("alasan", rev.wording.clone());
                v.insert("kode_crl", crl_text(Some(rev.crl)));
            }
            None => {
                v.insert("alasan", alasan(r));
                v.insert("kode_crl", crl_text(r.alasan_crl));
            }
        }
        v.insert(
            "tanggal_terbit",
            date_or_dash(cert.and_then(|c| c.issued_on)),
        );
        v.insert(
            "berlaku_sampai",
            date_or_dash(cert.and_then(|c| c.expires_on)),
        );
        v.insert(
            "tanggal_cabut",
            date_or_dash(cert.and_then(|c| c.revoked_on)),
        );
        v
    }

    fn slot(&self, key: &'static str, values: &BTreeMap<&'static str, String>) -> String {
        templates::fill(templates::text(self.kind, self.template, key), values)
    }

    fn slot_lines(
        &self,
        key: &'static str,
        values: &BTreeMap<&'static str, String>,
    ) -> Vec<String> {
        self.slot(key, values)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn kop(&self) -> Kop {
        kop_surat(
            self.agency,
            self.has_emblem.then_some(Emblem {
                height_mm: self.settings.tinggi_lambang_mm,
            }),
        )
    }

    fn footer(&self) -> Footer {
        let a = self.agency;
        let code = &self.code;
        let office = format!("{} {}", a.dinas.trim(), daerah(&a.pemda));
        let link = self.settings.tautan_verifikasi.trim();
        let qr_payload = if link.is_empty() {
            match &self.nomor {
                Some(n) => format!("Loket TTE | {office} | surat {n} | kode verifikasi {code}"),
                None => format!("Loket TTE | {office} | kode verifikasi {code}"),
            }
        } else {
            link.replace("{kode}", code)
        };
        Footer {
            qr_payload,
            code: format!("Kode verifikasi: {code}"),
            text: format!(
                "Keaslian surat ini dapat diperiksa pada {office} (aplikasi Loket TTE, menu Surat, Verifikasi Surat) dengan kode verifikasi di atas atau dengan memindai kode QR."
            ),
        }
    }

    fn base(&self, title: String, kop: bool, blocks: Vec<Block>) -> LetterDoc {
        let s = self.settings;
        LetterDoc {
            title,
            paper: self.agency.kertas,
            margins_mm: s.margin_mm,
            font_size_pt: s.ukuran_huruf,
            line_spacing: s.spasi,
            kop: kop.then(|| self.kop()),
            blocks,
            footer: Some(self.footer()),
        }
    }

    fn title(&self, hal: &str) -> String {
        match &self.nomor {
            Some(n) => format!("{hal} {n}"),
            None => hal.to_string(),
        }
    }

    /// The office's signature: the head, or the delegate with `a.n.`,
    /// `Plt.` or `Plh.`.
    fn office_signature(&self, place_date: Option<String>) -> Signature {
        let a = self.agency;
        let s = self.settings;
        let jabatan = kepala_jabatan(a);
        let region = daerah(&a.pemda);
        let (lines_above, name, pangkat, nip) = match (s.penandatangan, s.penandatangan.prefix()) {
            (SignatoryMode::An, Some(prefix)) => (
                vec![
                    format!("{prefix} {jabatan}"),
                    region,
                    format!("{},", s.wakil.jabatan.trim_end_matches(',')),
                ],
                &s.wakil.nama,
                &s.wakil.pangkat,
                &s.wakil.nip,
            ),
            (_, Some(prefix)) => (
                vec![format!("{prefix} {jabatan}"), format!("{region},")],
                &s.wakil.nama,
                &s.wakil.pangkat,
                &s.wakil.nip,
            ),
            (_, None) => (
                vec![jabatan, format!("{region},")],
                &a.kepala.nama,
                &a.kepala.pangkat,
                &a.kepala.nip,
            ),
        };
        Signature {
            place_date,
            lines_above,
            space_mm: 22.0,
            name: name.clone(),
            pangkat: Some(pangkat.clone()).filter(|p| !p.trim().is_empty()),
            nip: Some(format_nip(nip)).filter(|n| !n.is_empty()),
            position: SignaturePosition::Right,
            text_align: Align::Center,
        }
    }

    fn applicant_signature(
        &self,
        app: &Applicant,
        line: String,
        place_date: Option<String>,
        position: SignaturePosition,
    ) -> Signature {
        let pangkat = pangkat(&app.person);
        Signature {
            place_date,
            lines_above: vec![line],
            space_mm: 22.0,
            name: app.person.data.nama.clone(),
            pangkat: Some(pangkat).filter(|p| p != "-"),
            nip: app.person.data.nip.as_deref().map(format_nip),
            position,
            text_align: Align::Center,
        }
    }

    fn place_date(&self) -> String {
        place_date(&self.agency.kota, self.date)
    }

    /// The head every outgoing letter shares: place and date at the right,
    /// Nomor / Sifat / Lampiran / Hal, then the addressee.
    fn letter_head(
        &self,
        values: &BTreeMap<&'static str, String>,
        lampiran: &'static str,
        hal: &str,
    ) -> Vec<Block> {
        vec![
            Block::PlaceDate(self.place_date()),
            Block::Meta(vec![
                ("Nomor".into(), self.nomor_text()),
                ("Sifat".into(), self.slot("sifat", values)),
                ("Lampiran".into(), self.slot(lampiran, values)),
                ("Hal".into(), hal.to_string()),
            ]),
            Block::Spacer(2.0),
            Block::Addressee(self.slot_lines("tujuan", values)),
            Block::Spacer(2.0),
        ]
    }

    fn paragraph(text: String, indent: bool) -> Option<Block> {
        (!text.trim().is_empty()).then_some(Block::Paragraph {
            text,
            indent_first_mm: if indent { 12.5 } else { 0.0 },
            justify: true,
        })
    }

    fn person_rows(app: &Applicant, email: bool, reason: bool) -> Vec<(String, String)> {
        let p = &app.person.data;
        let mut rows = vec![
            ("Nama".to_string(), p.nama.clone()),
            ("NIP".to_string(), nip_or_dash(&app.person)),
            ("Pangkat/Golongan".to_string(), pangkat(&app.person)),
            ("Jabatan".to_string(), p.jabatan.clone()),
            ("Unit Kerja".to_string(), p.unit_kerja.clone()),
        ];
        if email {
            rows.push(("Email Dinas".to_string(), p.email.clone()));
        }
        if reason {
            rows.push(("Alasan Pencabutan".to_string(), alasan(&app.request)));
        }
        rows
    }

    /// The subject of the letter, for the register and the PDF title.
    pub(crate) fn hal(&self) -> String {
        let values = self.values();
        match self.kind {
            LetterKind::Pemberitahuan => {
                if self.revoked() {
                    self.slot("hal_cabut", &values)
                } else {
                    self.slot("hal_terbit", &values)
                }
            }
            _ => self.slot("hal", &values),
        }
    }

    /// Whether a notification is about a revocation.
    fn revoked(&self) -> bool {
        self.applicants
            .first()
            .is_some_and(|a| a.request.jenis == RequestType::Pencabutan)
    }

    pub(crate) fn build(&self) -> LetterDoc {
        match self.kind {
            LetterKind::PermohonanPenerbitan | LetterKind::PermohonanPencabutan => {
                self.permohonan()
            }
            LetterKind::KeteranganPencabutan => self.keterangan(),
            LetterKind::RekomendasiPenerbitan | LetterKind::RekomendasiPencabutan => {
                if self.applicants.len() > 1 {
                    self.rekomendasi_kolektif()
                } else {
                    self.rekomendasi()
                }
            }
            LetterKind::Disposisi => self.lembar_disposisi(),
            LetterKind::TandaTerima => self.tanda_terima(),
            LetterKind::Pemberitahuan => self.pemberitahuan(),
        }
    }

    /// Surat Permohonan Penerbitan / Pencabutan: the applicant writes to
    /// the head of office. A personal letter: no kop.
    fn permohonan(&self) -> LetterDoc {
        let v = self.values();
        let Some(app) = self.applicants.first() else {
            return self.base(String::new(), false, Vec::new());
        };
        let hal = self.slot("hal", &v);
        let reason = self.kind == LetterKind::PermohonanPencabutan;
        let mut blocks = self.letter_head(&v, "lampiran", &hal);
        blocks.extend(Self::paragraph(self.slot("pembuka", &v), true));
        blocks.push(Block::KeyValue {
            rows: Self::person_rows(app, true, reason),
            indent_mm: 12.5,
        });
        blocks.extend(Self::paragraph(self.slot("isi", &v), false));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), true));
        blocks.push(Block::Spacer(2.0));
        blocks.push(Block::Signature(self.applicant_signature(
            app,
            self.slot("tanda_tangan", &v),
            None,
            SignaturePosition::Right,
        )));
        self.base(self.title(&hal), false, blocks)
    }

    /// Surat Keterangan alasan pencabutan, approved by the superior.
    fn keterangan(&self) -> LetterDoc {
        let v = self.values();
        let Some(app) = self.applicants.first() else {
            return self.base(String::new(), false, Vec::new());
        };
        let hal = self.slot("hal", &v);
        let mut blocks = vec![
            Block::Title {
                text: self.slot("judul", &v),
                subtitle: Some(format!("Nomor: {}", self.nomor_text())),
            },
            Block::Spacer(3.0),
        ];
        blocks.extend(Self::paragraph(self.slot("pembuka", &v), false));
        blocks.push(Block::KeyValue {
            rows: Self::person_rows(app, false, false),
            indent_mm: 12.5,
        });
        blocks.extend(Self::paragraph(self.slot("isi", &v), false));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), true));
        blocks.push(Block::Spacer(2.0));
        let sup = self.superior.clone().unwrap_or_default();
        let mut above = self.slot_lines("persetujuan", &v);
        if !sup.jabatan.trim().is_empty() {
            above.push(format!("{},", sup.jabatan.trim().trim_end_matches(',')));
        }
        let left = Signature {
            place_date: None,
            lines_above: above,
            space_mm: 22.0,
            name: if sup.nama.trim().is_empty() {
                DOTS.to_string()
            } else {
                sup.nama.trim().to_string()
            },
            pangkat: None,
            nip: Some(if sup.nip.trim().is_empty() {
                "NIP. ..............................".to_string()
            } else {
                format_nip(&sup.nip)
            }),
            position: SignaturePosition::Left,
            text_align: Align::Center,
        };
        let right = self.applicant_signature(
            app,
            self.slot("tanda_tangan", &v),
            Some(self.place_date()),
            SignaturePosition::Right,
        );
        blocks.push(Block::SignaturePair { left, right });
        self.base(self.title(&hal), false, blocks)
    }

    /// Surat Rekomendasi for one applicant.
    fn rekomendasi(&self) -> LetterDoc {
        let v = self.values();
        let Some(app) = self.applicants.first() else {
            return self.base(String::new(), true, Vec::new());
        };
        let hal = self.slot("hal", &v);
        let reason = self.kind == LetterKind::RekomendasiPencabutan;
        let mut blocks = self.letter_head(&v, "lampiran", &hal);
        blocks.extend(Self::paragraph(self.slot("pembuka", &v), true));
        blocks.push(Block::KeyValue {
            rows: Self::person_rows(app, !reason, reason),
            indent_mm: 12.5,
        });
        blocks.extend(Self::paragraph(self.slot("isi", &v), true));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), true));
        blocks.push(Block::Spacer(2.0));
        blocks.push(Block::Signature(self.office_signature(None)));
        let tembusan = self.slot_lines("tembusan", &v);
        if !tembusan.is_empty() {
            blocks.push(Block::Tembusan(tembusan));
        }
        self.base(self.title(&hal), true, blocks)
    }

    /// Surat Rekomendasi for several applicants, listed in a lampiran table
    /// that runs over as many pages as it needs.
    fn rekomendasi_kolektif(&self) -> LetterDoc {
        let v = self.office_values();
        let hal = self.slot("hal", &v);
        let reason = self.kind == LetterKind::RekomendasiPencabutan;
        let mut blocks = self.letter_head(&v, "lampiran_kolektif", &hal);
        blocks.extend(Self::paragraph(self.slot("pembuka_kolektif", &v), true));
        blocks.extend(Self::paragraph(self.slot("isi", &v), true));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), true));
        blocks.push(Block::Spacer(2.0));
        blocks.push(Block::Signature(self.office_signature(None)));
        let tembusan = self.slot_lines("tembusan", &v);
        if !tembusan.is_empty() {
            blocks.push(Block::Tembusan(tembusan));
        }
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading(self.slot("judul_lampiran", &v)));
        blocks.push(Block::KeyValue {
            rows: vec![
                ("Nomor".into(), self.nomor_text()),
                ("Tanggal".into(), tanggal_indonesia(self.date)),
                ("Hal".into(), hal.clone()),
            ],
            indent_mm: 0.0,
        });
        let col = |header: &str, width_ratio: f32, align: Align| Column {
            header: header.to_string(),
            width_ratio,
            align,
        };
        // The NIP column fits "19660817 199112 1 003" on one line at 11 pt
        // on A4 (the narrower paper); names and units wrap.
        let mut columns = vec![
            col("No", 0.05, Align::Center),
            col("Nama", 0.24, Align::Left),
            col("NIP", 0.28, Align::Center),
            col("Jabatan", 0.2, Align::Left),
            col("Unit Kerja", 0.23, Align::Left),
        ];
        if reason {
            columns[1].width_ratio = 0.2;
            columns[3].width_ratio = 0.14;
            columns[4].width_ratio = 0.16;
            columns.push(col("Alasan", 0.17, Align::Left));
        }
        let rows = self
            .applicants
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let p = &a.person.data;
                let mut row = vec![
                    format!("{}.", i + 1),
                    p.nama.clone(),
                    nip_or_dash(&a.person),
                    p.jabatan.clone(),
                    p.unit_kerja.clone(),
                ];
                if reason {
                    row.push(alasan(&a.request));
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns,
            rows,
            repeat_header: true,
        }));
        blocks.push(Block::Spacer(4.0));
        blocks.push(Block::Signature(self.office_signature(None)));
        self.base(self.title(&hal), true, blocks)
    }

    /// Lembar Disposisi: where the request letter came from, and each head's
    /// disposisi in order.
    fn lembar_disposisi(&self) -> LetterDoc {
        let v = self.values();
        let hal = self.slot("hal", &v);
        let (surat_nomor, surat_tanggal) = self
            .surat_masuk
            .clone()
            .unwrap_or_else(|| ("-".to_string(), "-".to_string()));
        let dari = self
            .applicants
            .first()
            .map(|a| format!("{}, {}", a.person.data.nama, a.person.data.unit_kerja))
            .unwrap_or_default();
        let mut blocks = vec![
            Block::Title {
                text: self.slot("judul", &v),
                subtitle: None,
            },
            Block::Spacer(2.0),
            Block::KeyValue {
                rows: vec![
                    ("Surat dari".into(), dari),
                    ("Nomor surat".into(), surat_nomor),
                    ("Tanggal surat".into(), surat_tanggal),
                    ("Perihal".into(), hal.clone()),
                    (
                        "Diterima tanggal".into(),
                        self.diterima.clone().unwrap_or_else(|| "-".to_string()),
                    ),
                    ("Nomor agenda".into(), self.nomor_text()),
                    ("Sifat".into(), self.slot("sifat", &v)),
                ],
                indent_mm: 0.0,
            },
            Block::Spacer(2.0),
        ];
        let col = |header: &str, width_ratio: f32, align: Align| Column {
            header: header.to_string(),
            width_ratio,
            align,
        };
        let mut rows: Vec<Vec<String>> = self
            .disposisi
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    format!("{}.", i + 1),
                    r.dari.clone(),
                    r.kepada.clone(),
                    r.waktu.clone(),
                    r.isi.clone(),
                ]
            })
            .collect();
        // Nothing recorded yet: rows to be written by hand.
        if rows.is_empty() {
            for i in 0..3 {
                rows.push(vec![
                    format!("{}.", i + 1),
                    "\n\n\n".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
        blocks.push(Block::Table(Table {
            columns: vec![
                col("No", 0.06, Align::Center),
                col("Dari", 0.2, Align::Left),
                col("Kepada", 0.2, Align::Left),
                col("Tanggal", 0.22, Align::Left),
                col("Isi disposisi", 0.32, Align::Left),
            ],
            rows,
            repeat_header: true,
        }));
        blocks.extend(Self::paragraph(self.slot("catatan", &v), false));
        self.base(
            format!("Lembar Disposisi {}", self.nomor_text()),
            true,
            blocks,
        )
    }

    /// Tanda Terima Berkas: the documents received with the request.
    fn tanda_terima(&self) -> LetterDoc {
        let v = self.values();
        let Some(app) = self.applicants.first() else {
            return self.base(String::new(), true, Vec::new());
        };
        let hal = self.slot("hal", &v);
        let p = &app.person.data;
        let mut blocks = vec![
            Block::Title {
                text: self.slot("judul", &v),
                subtitle: Some(format!("Nomor: {}", self.nomor_text())),
            },
            Block::Spacer(3.0),
        ];
        blocks.extend(Self::paragraph(self.slot("pembuka", &v), false));
        blocks.push(Block::KeyValue {
            rows: vec![
                ("Nama".into(), p.nama.clone()),
                ("NIP".into(), nip_or_dash(&app.person)),
                ("Unit Kerja".into(), p.unit_kerja.clone()),
                ("Nomor Permohonan".into(), app.request.nomor.clone()),
            ],
            indent_mm: 12.5,
        });
        blocks.extend(Self::paragraph(self.slot("isi", &v), false));
        let col = |header: &str, width_ratio: f32, align: Align| Column {
            header: header.to_string(),
            width_ratio,
            align,
        };
        blocks.push(Block::Table(Table {
            columns: vec![
                col("No", 0.07, Align::Center),
                col("Jenis Dokumen", 0.3, Align::Left),
                col("Nama Berkas", 0.38, Align::Left),
                col("Diterima", 0.25, Align::Left),
            ],
            rows: self
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    vec![
                        format!("{}.", i + 1),
                        d.jenis.clone(),
                        d.nama.clone(),
                        d.diterima.clone(),
                    ]
                })
                .collect(),
            repeat_header: true,
        }));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), false));
        blocks.push(Block::Spacer(2.0));
        let left = self.applicant_signature(
            app,
            self.slot("penyerah", &v),
            None,
            SignaturePosition::Left,
        );
        let right = Signature {
            place_date: Some(self.place_date()),
            lines_above: vec![self.slot("penerima", &v)],
            space_mm: 22.0,
            name: if self.penerima.trim().is_empty() {
                DOTS.to_string()
            } else {
                self.penerima.clone()
            },
            pangkat: None,
            nip: None,
            position: SignaturePosition::Right,
            text_align: Align::Center,
        };
        blocks.push(Block::SignaturePair { left, right });
        self.base(self.title(&hal), true, blocks)
    }

    /// Surat Pemberitahuan to the applicant: the certificate was issued, or
    /// revoked.
    fn pemberitahuan(&self) -> LetterDoc {
        let v = self.values();
        let Some(app) = self.applicants.first() else {
            return self.base(String::new(), true, Vec::new());
        };
        let revoked = self.revoked();
        let hal = self.hal();
        let p = &app.person.data;
        let cert = app.certificate.as_ref();
        let mut rows = vec![
            ("Nama".to_string(), p.nama.clone()),
            ("NIP".to_string(), nip_or_dash(&app.person)),
            ("Jabatan".to_string(), p.jabatan.clone()),
            ("Unit Kerja".to_string(), p.unit_kerja.clone()),
            ("Email Dinas".to_string(), p.email.clone()),
        ];
        if revoked {
            rows.push(("Status Sertifikat".into(), "REVOKE (dicabut)".into()));
            rows.push((
                "Tanggal Pencabutan".into(),
                date_or_dash(cert.and_then(|c| c.revoked_on)),
            ));
            rows.push((
                "Alasan".into(),
                format!(
                    "{} (kode CRL {})",
                    v.get("alasan").cloned().unwrap_or_default(),
                    v.get("kode_crl").cloned().unwrap_or_default()
                ),
            ));
        } else {
            rows.push(("Status Sertifikat".into(), "ISSUE (aktif)".into()));
            rows.push((
                "Tanggal Terbit".into(),
                date_or_dash(cert.and_then(|c| c.issued_on)),
            ));
            rows.push((
                "Berlaku Sampai".into(),
                date_or_dash(cert.and_then(|c| c.expires_on)),
            ));
        }
        let (isi, pesan) = if revoked {
            ("isi_cabut", "pesan_cabut")
        } else {
            ("isi_terbit", "pesan_terbit")
        };
        let mut blocks = self.letter_head(&v, "lampiran", &hal);
        blocks.extend(Self::paragraph(self.slot(isi, &v), true));
        blocks.push(Block::KeyValue {
            rows,
            indent_mm: 12.5,
        });
        blocks.extend(Self::paragraph(self.slot(pesan, &v), true));
        blocks.extend(Self::paragraph(self.slot("penutup", &v), true));
        blocks.push(Block::Spacer(2.0));
        blocks.push(Block::Signature(self.office_signature(None)));
        let tembusan = self.slot_lines("tembusan", &v);
        if !tembusan.is_empty() {
            blocks.push(Block::Tembusan(tembusan));
        }
        self.base(self.title(&hal), true, blocks)
    }
}

/// A fictitious applicant for sample letters ("Cetak contoh surat").
pub(crate) fn sample_applicant(kind: LetterKind, today: NaiveDate) -> Applicant {
    use crate::model::{
        CertStatus, PersonData, RequestStatus, Revocation, RevocationReason, StaffKind,
    };
    let revocation = matches!(
        kind,
        LetterKind::PermohonanPencabutan
            | LetterKind::KeteranganPencabutan
            | LetterKind::RekomendasiPencabutan
    );
    let stamp = format!("{}T09:00:00+08:00", today.format("%Y-%m-%d"));
    let reason = RevocationReason::LupaPassphrase;
    Applicant {
        request: Request {
            id: 0,
            uuid: String::new(),
            nomor: format!("REQ-{}-00001", today.format("%Y")),
            jenis: if revocation {
                RequestType::Pencabutan
            } else {
                RequestType::Penerbitan
            },
            person_id: 0,
            alasan: revocation.then_some(reason),
            alasan_teks: None,
            alasan_crl: revocation.then(|| reason.crl().code()),
            catatan: None,
            status: RequestStatus::Diproses,
            attempt: 1,
            created_by: None,
            created_at: stamp.clone(),
            updated_at: stamp.clone(),
            sop_ref: None,
            current_step: None,
            step_started_at: None,
            data_baru: None,
        },
        person: Person {
            id: 0,
            data: PersonData {
                nama: "Siti Aminah, S.Kom., M.T.".into(),
                nama_tanpa_gelar: "Siti Aminah".into(),
                nik: "6305015204860003".into(),
                nip: Some("198604122010012003".into()),
                jenis_pegawai: StaffKind::Pns,
                golongan: Some("III/b".into()),
                jabatan: "Pranata Komputer Ahli Pertama".into(),
                unit_kerja: "Dinas Kesehatan".into(),
                email: "siti.aminah@tapinkab.go.id".into(),
                telepon: None,
            },
            created_at: stamp.clone(),
            updated_at: stamp.clone(),
        },
        certificate: Some(Certificate {
            id: 0,
            person_id: 0,
            status: if revocation {
                CertStatus::Revoke
            } else {
                CertStatus::Issue
            },
            issued_on: Some(today),
            expires_on: today.checked_add_months(chrono::Months::new(24)),
            revoked_on: revocation.then_some(today),
            revocation: revocation.then(|| Revocation {
                reason,
                wording: reason.wording().id,
                crl: reason.crl().code(),
            }),
            request_id: Some(0),
            created_at: stamp.clone(),
            updated_at: stamp,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_without_the_word_pemerintah() {
        assert_eq!(daerah("Pemerintah Kabupaten Tapin"), "Kabupaten Tapin");
        assert_eq!(daerah("PEMERINTAH KOTA MADIUN"), "KOTA MADIUN");
        assert_eq!(daerah("Kota Madiun"), "Kota Madiun");
    }
}
