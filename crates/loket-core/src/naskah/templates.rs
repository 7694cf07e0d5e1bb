//! The wording of each kind of letter, as data an admin can edit: named
//! parts (slots) such as the subject, the addressee, the opening and the
//! closing paragraph, each a text with placeholders (`{nama}`, `{nip}`,
//! `{alasan}` …). The defaults follow Permendagri 1/2023 style. The layout of
//! each kind (which blocks, in which order, the data tables) is code in
//! `kinds.rs`; only the words are here.
//!
//! A placeholder is checked against the ones the slot can fill: an opening
//! paragraph of a single-applicant letter knows the applicant's `{nama}`,
//! the one of a collective letter knows only `{jumlah}` and the office's
//! data. An unknown placeholder is refused with its name and the list of
//! known ones, when the template is saved, so a letter never prints `{nmaa}`.

use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::sop::LetterKind;
use crate::t;
use serde::Serialize;
use std::collections::BTreeMap;

/// Groups of placeholders, by the data they come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    /// The office and the letter itself: always available.
    Office,
    /// One applicant and their request.
    Person,
    /// A revocation's reason.
    Revocation,
    /// The certificate record (dates).
    Certificate,
    /// A count of applicants (collective letters).
    Count,
}

/// Every placeholder: name, group, what it prints.
pub(crate) const PLACEHOLDERS: &[(&str, Group, &str, &str)] = &[
    (
        "pemda",
        Group::Office,
        "Pemerintah Kabupaten Tapin",
        "regional government",
    ),
    (
        "daerah",
        Group::Office,
        "Kabupaten Tapin",
        "region, without \"Pemerintah\"",
    ),
    (
        "dinas",
        Group::Office,
        "Dinas Komunikasi dan Informatika",
        "office",
    ),
    ("kota", Group::Office, "Rantau", "city of letter dates"),
    (
        "kepala_jabatan",
        Group::Office,
        "Kepala Dinas Komunikasi dan Informatika",
        "head's position",
    ),
    ("tanggal", Group::Office, "21 November 2026", "letter date"),
    (
        "nomor",
        Group::Office,
        "000.6.5.6/012/Diskominfo/XI/2026",
        "letter number",
    ),
    ("jumlah", Group::Count, "3 (tiga)", "number of applicants"),
    (
        "nama",
        Group::Person,
        "Siti Aminah, S.Kom.",
        "name with titles",
    ),
    (
        "nip",
        Group::Person,
        "19860412 201001 2 003",
        "NIP, grouped",
    ),
    (
        "pangkat",
        Group::Person,
        "Penata Muda Tingkat I (III/b)",
        "rank and grade",
    ),
    (
        "jabatan",
        Group::Person,
        "Pranata Komputer Ahli Pertama",
        "position",
    ),
    ("unit_kerja", Group::Person, "Dinas Kesehatan", "unit"),
    (
        "email",
        Group::Person,
        "siti.aminah@tapinkab.go.id",
        "official email",
    ),
    (
        "nomor_permohonan",
        Group::Person,
        "REQ-2026-00012",
        "request number",
    ),
    (
        "jenis_permohonan",
        Group::Person,
        "penerbitan",
        "request type",
    ),
    (
        "tanggal_permohonan",
        Group::Person,
        "20 November 2026",
        "request date",
    ),
    (
        "alasan",
        Group::Revocation,
        "Lupa passphrase",
        "reason for revocation",
    ),
    (
        "kode_crl",
        Group::Revocation,
        "4 (superseded)",
        "CRL reason code",
    ),
    (
        "tanggal_terbit",
        Group::Certificate,
        "21 November 2026",
        "issue date",
    ),
    (
        "berlaku_sampai",
        Group::Certificate,
        "21 November 2028",
        "expiry date",
    ),
    (
        "tanggal_cabut",
        Group::Certificate,
        "21 November 2026",
        "revocation date",
    ),
];

/// One editable part of a template.
pub(crate) struct SlotDef {
    pub key: &'static str,
    pub label_id: &'static str,
    pub label_en: &'static str,
    /// One printed line per text line (addressee, tembusan).
    pub lines: bool,
    /// May be left empty (the part is then left out).
    pub optional: bool,
    pub groups: &'static [Group],
    pub default: &'static str,
}

use Group::{Certificate as C, Count as N, Office as O, Person as P, Revocation as R};

const fn slot(
    key: &'static str,
    label_id: &'static str,
    label_en: &'static str,
    groups: &'static [Group],
    default: &'static str,
) -> SlotDef {
    SlotDef {
        key,
        label_id,
        label_en,
        lines: false,
        optional: false,
        groups,
        default,
    }
}

const fn lines(
    key: &'static str,
    label_id: &'static str,
    label_en: &'static str,
    groups: &'static [Group],
    default: &'static str,
) -> SlotDef {
    SlotDef {
        key,
        label_id,
        label_en,
        lines: true,
        optional: true,
        groups,
        default,
    }
}

const fn optional(s: SlotDef) -> SlotDef {
    SlotDef {
        optional: true,
        ..s
    }
}

const TUJUAN_KADIN: &str = "Yth. {kepala_jabatan} {daerah}\ndi\n{kota}";
const TUJUAN_BSRE: &str =
    "Yth. Kepala Balai Besar Sertifikasi Elektronik\nBadan Siber dan Sandi Negara\ndi\nJakarta";
const PENUTUP_DINAS: &str = "Demikian rekomendasi ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.";

static PERMOHONAN_PENERBITAN: &[SlotDef] = &[
    slot(
        "hal",
        "Hal",
        "Subject",
        &[O, P],
        "Permohonan Penerbitan Sertifikat Elektronik",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    slot(
        "lampiran",
        "Lampiran",
        "Enclosures",
        &[O],
        "1 (satu) berkas",
    ),
    lines(
        "tujuan",
        "Tujuan (satu baris per baris cetak)",
        "Addressee (one printed line per line)",
        &[O],
        TUJUAN_KADIN,
    ),
    slot(
        "pembuka",
        "Paragraf pembuka",
        "Opening paragraph",
        &[O, P],
        "Sehubungan dengan penerapan tanda tangan elektronik dalam penyelenggaraan pemerintahan di lingkungan {pemda}, saya yang bertanda tangan di bawah ini:",
    ),
    slot(
        "isi",
        "Paragraf isi (sesudah data pemohon)",
        "Body (after the applicant's data)",
        &[O, P],
        "dengan ini mengajukan permohonan penerbitan sertifikat elektronik untuk keperluan tanda tangan elektronik dalam pelaksanaan tugas kedinasan. Sebagai kelengkapan, bersama ini saya lampirkan pindaian Kartu Tanda Penduduk (KTP) dan Surat Keputusan (SK) Jabatan terakhir.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, P],
        "Demikian permohonan ini saya sampaikan. Atas perhatian dan perkenan Bapak/Ibu, saya ucapkan terima kasih.",
    ),
    slot(
        "tanda_tangan",
        "Jabatan di atas tanda tangan",
        "Line above the signature",
        &[O, P],
        "Pemohon,",
    ),
];

static PERMOHONAN_PENCABUTAN: &[SlotDef] = &[
    slot(
        "hal",
        "Hal",
        "Subject",
        &[O, P, R],
        "Permohonan Pencabutan Sertifikat Elektronik",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    slot(
        "lampiran",
        "Lampiran",
        "Enclosures",
        &[O],
        "1 (satu) berkas",
    ),
    lines(
        "tujuan",
        "Tujuan (satu baris per baris cetak)",
        "Addressee (one printed line per line)",
        &[O],
        TUJUAN_KADIN,
    ),
    slot(
        "pembuka",
        "Paragraf pembuka",
        "Opening paragraph",
        &[O, P, R],
        "Saya yang bertanda tangan di bawah ini:",
    ),
    slot(
        "isi",
        "Paragraf isi (sesudah data pemohon)",
        "Body (after the applicant's data)",
        &[O, P, R],
        "dengan ini mengajukan permohonan pencabutan sertifikat elektronik atas nama saya dengan alasan {alasan}. Sebagai kelengkapan, bersama ini saya lampirkan Surat Keterangan alasan pencabutan dan Surat Keputusan (SK) Jabatan terakhir.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, P, R],
        "Demikian permohonan ini saya sampaikan. Atas perhatian dan perkenan Bapak/Ibu, saya ucapkan terima kasih.",
    ),
    slot(
        "tanda_tangan",
        "Jabatan di atas tanda tangan",
        "Line above the signature",
        &[O, P],
        "Pemohon,",
    ),
];

static KETERANGAN_PENCABUTAN: &[SlotDef] = &[
    slot(
        "judul",
        "Judul",
        "Title",
        &[O],
        "SURAT KETERANGAN ALASAN PENCABUTAN SERTIFIKAT ELEKTRONIK",
    ),
    slot(
        "hal",
        "Hal (untuk daftar surat)",
        "Subject (for the letter list)",
        &[O, P, R],
        "Keterangan Alasan Pencabutan Sertifikat Elektronik",
    ),
    slot(
        "pembuka",
        "Paragraf pembuka",
        "Opening paragraph",
        &[O, P, R],
        "Yang bertanda tangan di bawah ini:",
    ),
    slot(
        "isi",
        "Paragraf isi (sesudah data pemohon)",
        "Body (after the applicant's data)",
        &[O, P, R],
        "menyatakan bahwa sertifikat elektronik atas nama saya perlu dicabut dengan alasan: {alasan}.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, P, R],
        "Demikian surat keterangan ini saya buat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
    ),
    lines(
        "persetujuan",
        "Baris di atas tanda tangan atasan",
        "Lines above the superior's signature",
        &[O],
        "Mengetahui/Menyetujui,\nAtasan Langsung,",
    ),
    slot(
        "tanda_tangan",
        "Baris di atas tanda tangan pemohon",
        "Line above the applicant's signature",
        &[O, P],
        "Yang menyatakan,",
    ),
];

static REKOMENDASI_PENERBITAN: &[SlotDef] = &[
    slot(
        "hal",
        "Hal",
        "Subject",
        &[O, N],
        "Rekomendasi Penerbitan Sertifikat Elektronik",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    slot(
        "lampiran",
        "Lampiran (satu pemohon)",
        "Enclosures (one applicant)",
        &[O],
        "-",
    ),
    slot(
        "lampiran_kolektif",
        "Lampiran (kolektif)",
        "Enclosures (collective)",
        &[O, N],
        "1 (satu) berkas",
    ),
    lines(
        "tujuan",
        "Tujuan (satu baris per baris cetak)",
        "Addressee (one printed line per line)",
        &[O],
        TUJUAN_BSRE,
    ),
    slot(
        "pembuka",
        "Paragraf pembuka (satu pemohon)",
        "Opening paragraph (one applicant)",
        &[O, P, N],
        "Sehubungan dengan permohonan penerbitan sertifikat elektronik yang diajukan oleh Aparatur Sipil Negara di lingkungan {pemda}, dengan ini {dinas} {daerah} selaku Otoritas Pendaftaran memberikan rekomendasi penerbitan sertifikat elektronik kepada:",
    ),
    slot(
        "pembuka_kolektif",
        "Paragraf pembuka (kolektif)",
        "Opening paragraph (collective)",
        &[O, N],
        "Sehubungan dengan permohonan penerbitan sertifikat elektronik yang diajukan oleh Aparatur Sipil Negara di lingkungan {pemda}, dengan ini {dinas} {daerah} selaku Otoritas Pendaftaran memberikan rekomendasi penerbitan sertifikat elektronik kepada {jumlah} orang pegawai sebagaimana tercantum dalam lampiran surat ini.",
    ),
    slot(
        "isi",
        "Paragraf isi",
        "Body",
        &[O, N],
        "Identitas dan kelengkapan dokumen pemohon telah diverifikasi sesuai dengan Standar Operasional Prosedur Layanan Sertifikat Elektronik, dan data pemohon telah didaftarkan pada Aplikasi Manajemen Sertifikat.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, N],
        PENUTUP_DINAS,
    ),
    lines(
        "tembusan",
        "Tembusan (satu per baris)",
        "Copies to (one per line)",
        &[O],
        "Arsip.",
    ),
    slot(
        "judul_lampiran",
        "Judul lampiran",
        "Heading of the attachment",
        &[O, N],
        "LAMPIRAN SURAT REKOMENDASI PENERBITAN SERTIFIKAT ELEKTRONIK",
    ),
];

static REKOMENDASI_PENCABUTAN: &[SlotDef] = &[
    slot(
        "hal",
        "Hal",
        "Subject",
        &[O, N],
        "Rekomendasi Pencabutan Sertifikat Elektronik",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    slot(
        "lampiran",
        "Lampiran (satu pemohon)",
        "Enclosures (one applicant)",
        &[O],
        "-",
    ),
    slot(
        "lampiran_kolektif",
        "Lampiran (kolektif)",
        "Enclosures (collective)",
        &[O, N],
        "1 (satu) berkas",
    ),
    lines(
        "tujuan",
        "Tujuan (satu baris per baris cetak)",
        "Addressee (one printed line per line)",
        &[O],
        TUJUAN_BSRE,
    ),
    slot(
        "pembuka",
        "Paragraf pembuka (satu pemohon)",
        "Opening paragraph (one applicant)",
        &[O, P, R, N],
        "Sehubungan dengan permohonan pencabutan sertifikat elektronik yang diajukan oleh Aparatur Sipil Negara di lingkungan {pemda}, dengan ini {dinas} {daerah} selaku Otoritas Pendaftaran memberikan rekomendasi pencabutan sertifikat elektronik atas nama:",
    ),
    slot(
        "pembuka_kolektif",
        "Paragraf pembuka (kolektif)",
        "Opening paragraph (collective)",
        &[O, N],
        "Sehubungan dengan permohonan pencabutan sertifikat elektronik yang diajukan oleh Aparatur Sipil Negara di lingkungan {pemda}, dengan ini {dinas} {daerah} selaku Otoritas Pendaftaran memberikan rekomendasi pencabutan sertifikat elektronik atas nama {jumlah} orang pegawai sebagaimana tercantum dalam lampiran surat ini, dengan alasan masing-masing.",
    ),
    slot(
        "isi",
        "Paragraf isi",
        "Body",
        &[O, N],
        "Permohonan pencabutan tersebut telah diverifikasi sesuai dengan Standar Operasional Prosedur Layanan Sertifikat Elektronik dan dokumen pendukungnya telah diunggah ke Aplikasi Manajemen Sertifikat.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, N],
        PENUTUP_DINAS,
    ),
    lines(
        "tembusan",
        "Tembusan (satu per baris)",
        "Copies to (one per line)",
        &[O],
        "Arsip.",
    ),
    slot(
        "judul_lampiran",
        "Judul lampiran",
        "Heading of the attachment",
        &[O, N],
        "LAMPIRAN SURAT REKOMENDASI PENCABUTAN SERTIFIKAT ELEKTRONIK",
    ),
];

static DISPOSISI: &[SlotDef] = &[
    slot("judul", "Judul", "Title", &[O], "LEMBAR DISPOSISI"),
    slot(
        "hal",
        "Perihal surat",
        "Subject of the letter",
        &[O, P],
        "Permohonan {jenis_permohonan} sertifikat elektronik a.n. {nama}",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    optional(slot(
        "catatan",
        "Catatan di bawah tabel",
        "Note under the table",
        &[O, P],
        "",
    )),
];

static TANDA_TERIMA: &[SlotDef] = &[
    slot("judul", "Judul", "Title", &[O], "TANDA TERIMA BERKAS"),
    slot(
        "hal",
        "Hal (untuk buku agenda)",
        "Subject (for the register)",
        &[O, P],
        "Tanda Terima Berkas Permohonan {nomor_permohonan}",
    ),
    slot(
        "pembuka",
        "Paragraf pembuka",
        "Opening paragraph",
        &[O, P],
        "Telah diterima dari:",
    ),
    slot(
        "isi",
        "Paragraf sebelum daftar berkas",
        "Paragraph before the list of files",
        &[O, P],
        "berkas permohonan {jenis_permohonan} sertifikat elektronik dengan nomor permohonan {nomor_permohonan}, sebagai berikut:",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, P],
        "Berkas tersebut akan diperiksa kelengkapan dan kesesuaiannya oleh verifikator. Tanda terima ini agar disimpan sebagai bukti penyerahan berkas.",
    ),
    slot(
        "penyerah",
        "Baris di atas tanda tangan pemohon",
        "Line above the applicant's signature",
        &[O],
        "Yang Menyerahkan,",
    ),
    slot(
        "penerima",
        "Baris di atas tanda tangan petugas",
        "Line above the officer's signature",
        &[O],
        "Yang Menerima,",
    ),
];

static PEMBERITAHUAN: &[SlotDef] = &[
    slot(
        "hal_terbit",
        "Hal (sertifikat terbit)",
        "Subject (certificate issued)",
        &[O, P],
        "Pemberitahuan Penerbitan Sertifikat Elektronik",
    ),
    slot(
        "hal_cabut",
        "Hal (sertifikat dicabut)",
        "Subject (certificate revoked)",
        &[O, P],
        "Pemberitahuan Pencabutan Sertifikat Elektronik",
    ),
    slot("sifat", "Sifat", "Nature", &[O], "Biasa"),
    slot("lampiran", "Lampiran", "Enclosures", &[O], "-"),
    lines(
        "tujuan",
        "Tujuan (satu baris per baris cetak)",
        "Addressee (one printed line per line)",
        &[O, P],
        "Yth. Sdr. {nama}\n{jabatan}\n{unit_kerja}\ndi\nTempat",
    ),
    slot(
        "isi_terbit",
        "Paragraf isi (sertifikat terbit)",
        "Body (certificate issued)",
        &[O, P, C],
        "Menindaklanjuti permohonan penerbitan sertifikat elektronik Saudara nomor {nomor_permohonan}, dengan ini kami beritahukan bahwa sertifikat elektronik atas nama Saudara telah diterbitkan oleh Balai Besar Sertifikasi Elektronik pada tanggal {tanggal_terbit} dan berlaku sampai dengan tanggal {berlaku_sampai}, dengan data sebagai berikut:",
    ),
    slot(
        "pesan_terbit",
        "Pesan (sertifikat terbit)",
        "Advice (certificate issued)",
        &[O, P, C],
        "Sertifikat elektronik tersebut hanya boleh digunakan oleh pemiliknya. Mohon passphrase dijaga kerahasiaannya dan tidak diberitahukan kepada siapa pun. Apabila passphrase terlupa atau diketahui pihak lain, segera ajukan pencabutan kepada {dinas} {daerah}.",
    ),
    slot(
        "isi_cabut",
        "Paragraf isi (sertifikat dicabut)",
        "Body (certificate revoked)",
        &[O, P, R, C],
        "Menindaklanjuti permohonan pencabutan sertifikat elektronik Saudara nomor {nomor_permohonan}, dengan ini kami beritahukan bahwa sertifikat elektronik atas nama Saudara telah dicabut pada tanggal {tanggal_cabut} dengan alasan {alasan} (kode CRL {kode_crl}), dengan data sebagai berikut:",
    ),
    slot(
        "pesan_cabut",
        "Pesan (sertifikat dicabut)",
        "Advice (certificate revoked)",
        &[O, P, R, C],
        "Sejak tanggal tersebut sertifikat elektronik dimaksud tidak dapat lagi digunakan untuk menandatangani dokumen elektronik. Apabila Saudara masih memerlukan tanda tangan elektronik, silakan mengajukan permohonan penerbitan baru.",
    ),
    slot(
        "penutup",
        "Paragraf penutup",
        "Closing paragraph",
        &[O, P],
        "Demikian pemberitahuan ini kami sampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.",
    ),
    lines(
        "tembusan",
        "Tembusan (satu per baris)",
        "Copies to (one per line)",
        &[O],
        "Arsip.",
    ),
];

pub(crate) fn slots(kind: LetterKind) -> &'static [SlotDef] {
    match kind {
        LetterKind::PermohonanPenerbitan => PERMOHONAN_PENERBITAN,
        LetterKind::PermohonanPencabutan => PERMOHONAN_PENCABUTAN,
        LetterKind::KeteranganPencabutan => KETERANGAN_PENCABUTAN,
        LetterKind::RekomendasiPenerbitan => REKOMENDASI_PENERBITAN,
        LetterKind::RekomendasiPencabutan => REKOMENDASI_PENCABUTAN,
        LetterKind::Disposisi => DISPOSISI,
        LetterKind::TandaTerima => TANDA_TERIMA,
        LetterKind::Pemberitahuan => PEMBERITAHUAN,
    }
}

pub(crate) fn template_key(kind: LetterKind) -> String {
    format!("surat.templat.{}", kind.code())
}

/// The stored changes to a kind's template: slot key → text. Slots not in
/// the map use the default.
pub type TemplateOverrides = BTreeMap<String, String>;

/// A template with its current texts, for the settings page and the CLI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TemplateView {
    pub kind: LetterKind,
    pub label: Text,
    pub slots: Vec<SlotView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlotView {
    pub key: String,
    pub label: Text,
    pub text: String,
    pub default: String,
    /// Whether `text` differs from the default.
    pub changed: bool,
    /// One printed line per text line.
    pub lines: bool,
    pub optional: bool,
    /// The placeholders this slot may use, with `{}`.
    pub placeholders: Vec<String>,
}

pub(crate) fn placeholders_for(groups: &[Group]) -> Vec<&'static str> {
    PLACEHOLDERS
        .iter()
        .filter(|(_, g, _, _)| groups.contains(g))
        .map(|(name, ..)| *name)
        .collect()
}

pub(crate) fn view(kind: LetterKind, overrides: &TemplateOverrides) -> TemplateView {
    TemplateView {
        kind,
        label: kind.label(),
        slots: slots(kind)
            .iter()
            .map(|s| {
                let text = overrides
                    .get(s.key)
                    .cloned()
                    .unwrap_or_else(|| s.default.to_string());
                SlotView {
                    key: s.key.to_string(),
                    label: Text::new(s.label_id, s.label_en),
                    changed: text != s.default,
                    text,
                    default: s.default.to_string(),
                    lines: s.lines,
                    optional: s.optional,
                    placeholders: placeholders_for(s.groups)
                        .into_iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect(),
                }
            })
            .collect(),
    }
}

/// Merges checked texts into the stored overrides: a text equal to the
/// default removes the override.
pub(crate) fn merge(
    kind: LetterKind,
    current: &TemplateOverrides,
    checked: TemplateOverrides,
) -> TemplateOverrides {
    let mut out = current.clone();
    for (key, text) in checked {
        let default = slots(kind)
            .iter()
            .find(|d| d.key == key)
            .map_or("", |d| d.default);
        if text == default {
            out.remove(&key);
        } else {
            out.insert(key, text);
        }
    }
    out
}

/// Checks edited slot texts of a kind; returns them normalised (trimmed,
/// `\n` line ends) or every problem, each under its slot.
pub(crate) fn check(kind: LetterKind, edited: &TemplateOverrides) -> Result<TemplateOverrides> {
    let defs = slots(kind);
    let mut issues = Vec::new();
    let mut out = TemplateOverrides::new();
    for (key, text) in edited {
        let Some(def) = defs.iter().find(|d| d.key == key) else {
            let known = defs.iter().map(|d| d.key).collect::<Vec<_>>().join(", ");
            let code = kind.code();
            issues.push(FieldIssue::new(
                key.clone(),
                t!(
                    "Templat {code} tidak memiliki bagian \"{key}\". Bagiannya: {known}.",
                    "The {code} template has no part \"{key}\". Its parts: {known}."
                ),
            ));
            continue;
        };
        let text = text.replace("\r\n", "\n");
        let text = text.trim().to_string();
        if text.is_empty() && !def.optional {
            let label = Text::new(def.label_id, def.label_en);
            issues.push(FieldIssue::new(
                key.clone(),
                Text::new(
                    format!("{} tidak boleh kosong.", label.id),
                    format!("{} must not be empty.", label.en),
                ),
            ));
            continue;
        }
        if let Err(m) = check_text(&text, def) {
            issues.push(FieldIssue::new(key.clone(), m));
            continue;
        }
        out.insert(key.clone(), text);
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(Error::invalid_fields(issues))
    }
}

/// The placeholders a text uses, in order; `{{` and `}}` are literal braces.
fn scan(text: &str) -> Result<Vec<&str>, Text> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err(Text::new(
                "Ada kurung kurawal tutup } tanpa pembuka; tulis }} untuk kurung kurawal biasa.",
                "There is a closing brace } without an opening one; write }} for a plain brace.",
            ));
        }
        let Some(close) = tail.find('}') else {
            return Err(Text::new(
                "Ada kurung kurawal { yang tidak ditutup; tulis {{ untuk kurung kurawal biasa.",
                "There is an unclosed brace {; write {{ for a plain brace.",
            ));
        };
        names.push(&tail[1..close]);
        rest = &tail[close + 1..];
    }
    Ok(names)
}

fn check_text(text: &str, def: &SlotDef) -> Result<(), Text> {
    let known = placeholders_for(def.groups);
    let unknown: Vec<&str> = scan(text)?
        .into_iter()
        .filter(|n| !known.contains(n))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let names = unknown
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let list = known
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    // A placeholder that exists elsewhere gets a hint why it is not here.
    let elsewhere = unknown
        .iter()
        .any(|n| PLACEHOLDERS.iter().any(|(p, ..)| p == n));
    let (hint_id, hint_en) = if elsewhere {
        (
            " (ada di bagian lain, tetapi datanya tidak tersedia di bagian ini)",
            " (it exists elsewhere, but its data is not available in this part)",
        )
    } else {
        ("", "")
    };
    Err(t!(
        "Placeholder {names} tidak dikenal{hint_id}. Yang dapat dipakai di sini: {list}.",
        "Unknown placeholder {names}{hint_en}. Usable here: {list}."
    ))
}

/// Fills a text. Every placeholder was checked when the template was saved,
/// and `values` holds every one the slot may use; one missing anyway (a
/// template stored before a rule changed) is printed as it is written.
pub(crate) fn fill(text: &str, values: &BTreeMap<&'static str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if tail.starts_with('{')
            && let Some(close) = tail.find('}')
        {
            let name = &tail[1..close];
            match values.get(name) {
                Some(v) => out.push_str(v),
                None => out.push_str(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The text of one slot: the override or the default.
pub(crate) fn text<'a>(
    kind: LetterKind,
    overrides: &'a TemplateOverrides,
    key: &'static str,
) -> &'a str {
    match overrides.get(key) {
        Some(t) => t.as_str(),
        None => slots(kind)
            .iter()
            .find(|s| s.key == key)
            .map_or("", |s| s.default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_uses_only_its_slots_placeholders() {
        for kind in LetterKind::ALL {
            for def in slots(kind) {
                check_text(def.default, def)
                    .unwrap_or_else(|m| panic!("{} / {}: {}", kind.code(), def.key, m.en));
            }
        }
    }

    #[test]
    fn unknown_placeholder_is_refused_with_its_name_and_the_known_ones() {
        let mut edited = TemplateOverrides::new();
        edited.insert(
            "pembuka".into(),
            "Yang bertanda tangan, {nmaa}, NIP {nip}:".into(),
        );
        edited.insert("isi".into(), "dengan alasan {tanggal_terbit}".into());
        let e = check(LetterKind::PermohonanPencabutan, &edited).unwrap_err();
        assert_eq!(e.fields.len(), 2);
        let pembuka = e.fields.iter().find(|f| f.field == "pembuka").unwrap();
        assert!(
            pembuka.message.id.contains("{nmaa}"),
            "{}",
            pembuka.message.id
        );
        assert!(
            pembuka.message.id.contains("{nama}"),
            "{}",
            pembuka.message.id
        );
        let isi = e.fields.iter().find(|f| f.field == "isi").unwrap();
        assert!(
            isi.message.en.contains("exists elsewhere"),
            "{}",
            isi.message.en
        );
    }

    #[test]
    fn collective_opening_does_not_know_one_applicants_name() {
        let mut edited = TemplateOverrides::new();
        edited.insert("pembuka_kolektif".into(), "kepada {nama}".into());
        assert!(check(LetterKind::RekomendasiPenerbitan, &edited).is_err());
    }

    #[test]
    fn unchanged_text_is_not_stored_and_empty_required_text_is_refused() {
        let mut edited = TemplateOverrides::new();
        edited.insert("sifat".into(), "Biasa".into());
        edited.insert("hal".into(), "Permohonan {jenis_permohonan}".into());
        let checked = check(LetterKind::PermohonanPenerbitan, &edited).unwrap();
        let mut current = TemplateOverrides::new();
        current.insert("sifat".into(), "Segera".into());
        let out = merge(LetterKind::PermohonanPenerbitan, &current, checked);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out.contains_key("hal"));
        let mut empty = TemplateOverrides::new();
        empty.insert("penutup".into(), "  ".into());
        assert!(check(LetterKind::PermohonanPenerbitan, &empty).is_err());
    }

    #[test]
    fn fill_replaces_and_keeps_literal_braces() {
        let mut v = BTreeMap::new();
        v.insert("nama", "Siti".to_string());
        assert_eq!(fill("Yth. {nama} {{x}}", &v), "Yth. Siti {x}");
        assert_eq!(fill("{lain}", &v), "{lain}");
    }
}
