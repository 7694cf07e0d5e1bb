//! The office's letter settings: who signs (the head of office, or a
//! delegate with `a.n.`, `Plt.` or `Plh.`), margins, font size, line
//! spacing, the unit name in letter numbers, and the numbering rule of each
//! kind the office numbers. Stored as one JSON setting (`surat`) beside the
//! agency profile, which keeps the kop data, the head of office and the
//! paper size.

use super::numbering::Pattern;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::identity;
use crate::letters::Margins;
use crate::sop::LetterKind;
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub(crate) const SETTINGS_KEY: &str = "surat";

/// Who signs the office's letters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatoryMode {
    /// The head of office (`kepala` in the agency profile) signs.
    #[default]
    Kepala,
    /// `a.n.` (atas nama): a delegate signs on the head's behalf, under the
    /// delegate's own position.
    An,
    /// `Plt.` (pelaksana tugas): acting head while the post is vacant.
    Plt,
    /// `Plh.` (pelaksana harian): acting head while the head is away.
    Plh,
}

impl SignatoryMode {
    pub const ALL: [SignatoryMode; 4] = [
        SignatoryMode::Kepala,
        SignatoryMode::An,
        SignatoryMode::Plt,
        SignatoryMode::Plh,
    ];

    /// The prefix printed before the head's position.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            SignatoryMode::Kepala => None,
            SignatoryMode::An => Some("a.n."),
            SignatoryMode::Plt => Some("Plt."),
            SignatoryMode::Plh => Some("Plh."),
        }
    }

    pub fn label(self) -> Text {
        match self {
            SignatoryMode::Kepala => Text::new("Kepala dinas sendiri", "The head of office"),
            SignatoryMode::An => Text::new(
                "a.n. (atas nama kepala dinas)",
                "a.n. (on behalf of the head)",
            ),
            SignatoryMode::Plt => {
                Text::new("Plt. (pelaksana tugas)", "Plt. (acting head, post vacant)")
            }
            SignatoryMode::Plh => {
                Text::new("Plh. (pelaksana harian)", "Plh. (acting head, head away)")
            }
        }
    }
}

/// The official who signs for the head (`a.n.`, `Plt.`, `Plh.`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delegate {
    /// Full name with titles.
    pub nama: String,
    pub nip: String,
    /// Pangkat and golongan as printed, e.g. "Pembina (IV/a)".
    pub pangkat: String,
    /// The delegate's own position, e.g. "Sekretaris". Printed under the
    /// head's position for `a.n.`; for `Plt.`/`Plh.` it is kept for the
    /// record but not printed (they sign as the head).
    pub jabatan: String,
}

/// How the office numbers one kind of letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NumberingRule {
    /// Tokens `{kode}`, `{urut}` (or `{urut:3}`), `{unit}`,
    /// `{bulan_romawi}`, `{bulan}`, `{tahun}`.
    pub pola: String,
    /// Classification code, e.g. `000.6.5.6`.
    pub kode: String,
    /// The sequence the number is drawn from; kinds sharing a name share
    /// one sequence (one buku agenda). Restarts each 1 January.
    pub urutan: String,
}

impl Default for NumberingRule {
    fn default() -> NumberingRule {
        NumberingRule {
            pola: DEFAULT_PATTERN.to_string(),
            kode: "000.6.5".to_string(),
            urutan: "keluar".to_string(),
        }
    }
}

pub const DEFAULT_PATTERN: &str = "{kode}/{urut:3}/{unit}/{bulan_romawi}/{tahun}";

/// The kinds the office numbers itself. The applicant's own letters
/// (permohonan, keterangan) are numbered, if at all, by the applicant's
/// unit: they print what is typed in, or an empty number.
pub fn numbered_by_office(kind: LetterKind) -> bool {
    matches!(
        kind,
        LetterKind::RekomendasiPenerbitan
            | LetterKind::RekomendasiPencabutan
            | LetterKind::Pemberitahuan
            | LetterKind::TandaTerima
            | LetterKind::Disposisi
    )
}

/// The classification code a kind gets by default (DOMAIN.md: 000.6
/// Persandian; 000.6.5 Layanan Sertifikasi Elektronik with .2 verifikasi,
/// .6 penerbitan, .7 pelaporan).
fn default_rule(kind: LetterKind) -> NumberingRule {
    let (kode, urutan) = match kind {
        LetterKind::RekomendasiPenerbitan => ("000.6.5.6", "keluar"),
        LetterKind::RekomendasiPencabutan => ("000.6.5", "keluar"),
        LetterKind::Pemberitahuan => ("000.6.5.7", "keluar"),
        LetterKind::TandaTerima => ("000.6.5.2", "keluar"),
        // The agenda number of an incoming letter comes from the book of
        // incoming letters, not from the outgoing one.
        LetterKind::Disposisi => ("000.6.5.2", "masuk"),
        _ => ("000.6.5", "keluar"),
    };
    NumberingRule {
        pola: DEFAULT_PATTERN.to_string(),
        kode: kode.to_string(),
        urutan: urutan.to_string(),
    }
}

/// The letter settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LetterSettings {
    pub penandatangan: SignatoryMode,
    /// The delegate, for `a.n.`, `Plt.` and `Plh.`.
    pub wakil: Delegate,
    pub margin_mm: Margins,
    /// Body text size: 11 or 12 pt.
    pub ukuran_huruf: f32,
    /// Line spacing, 1.0 to 1.5.
    pub spasi: f32,
    /// Emblem height in the kop, mm.
    pub tinggi_lambang_mm: f32,
    /// `{unit}` in letter numbers, e.g. "Diskominfo".
    pub unit: String,
    /// Numbering rules of the kinds the office numbers.
    pub penomoran: BTreeMap<LetterKind, NumberingRule>,
    /// Where the QR code points, with `{kode}` for the verification code
    /// (e.g. a page the Pemda publishes). Empty: the QR code holds the code
    /// and the letter number as text, to be checked in the app.
    pub tautan_verifikasi: String,
}

impl Default for LetterSettings {
    fn default() -> LetterSettings {
        LetterSettings {
            penandatangan: SignatoryMode::Kepala,
            wakil: Delegate::default(),
            margin_mm: Margins::default(),
            ukuran_huruf: 12.0,
            spasi: 1.0,
            tinggi_lambang_mm: 24.0,
            unit: "Diskominfo".to_string(),
            penomoran: LetterKind::ALL
                .into_iter()
                .filter(|k| numbered_by_office(*k))
                .map(|k| (k, default_rule(k)))
                .collect(),
            tautan_verifikasi: String::new(),
        }
    }
}

impl LetterSettings {
    /// The rule of a kind the office numbers (the default when the stored
    /// settings predate the kind).
    pub fn rule(&self, kind: LetterKind) -> Option<NumberingRule> {
        if !numbered_by_office(kind) {
            return None;
        }
        Some(
            self.penomoran
                .get(&kind)
                .cloned()
                .unwrap_or_else(|| default_rule(kind)),
        )
    }

    /// Checks the settings; returns them normalised or every field's
    /// problem.
    pub fn validate(&self, today: chrono::NaiveDate) -> Result<LetterSettings> {
        let mut s = self.clone();
        let mut issues = Vec::new();
        for v in [
            &mut s.wakil.nama,
            &mut s.wakil.nip,
            &mut s.wakil.pangkat,
            &mut s.wakil.jabatan,
            &mut s.unit,
            &mut s.tautan_verifikasi,
        ] {
            *v = v.trim().to_string();
        }
        if s.penandatangan != SignatoryMode::Kepala {
            let prefix = s.penandatangan.prefix().unwrap_or_default();
            if s.wakil.nama.is_empty() {
                issues.push(FieldIssue::new(
                    "wakil.nama",
                    t!(
                        "Nama penanda tangan {prefix} wajib diisi.",
                        "The name of the {prefix} signatory is required."
                    ),
                ));
            }
            if s.penandatangan == SignatoryMode::An && s.wakil.jabatan.is_empty() {
                issues.push(FieldIssue::new(
                    "wakil.jabatan",
                    Text::new(
                        "Untuk a.n., isi jabatan penanda tangan sendiri (misalnya Sekretaris).",
                        "For a.n., fill in the signatory's own position (e.g. Sekretaris).",
                    ),
                ));
            }
        }
        if !s.wakil.nip.is_empty() {
            match identity::parse_nip(&s.wakil.nip, today) {
                Ok(info) => s.wakil.nip = info.nip,
                Err(m) => issues.push(FieldIssue::new("wakil.nip", m)),
            }
        }
        let m = &s.margin_mm;
        for (field, value) in [
            ("margin_mm.top", m.top),
            ("margin_mm.right", m.right),
            ("margin_mm.bottom", m.bottom),
            ("margin_mm.left", m.left),
        ] {
            if !(5.0..=60.0).contains(&value) {
                issues.push(FieldIssue::new(
                    field,
                    t!(
                        "Margin harus antara 5 dan 60 mm, bukan {value}.",
                        "A margin must be between 5 and 60 mm, not {value}."
                    ),
                ));
            }
        }
        let size = s.ukuran_huruf;
        if size != 11.0 && size != 12.0 {
            issues.push(FieldIssue::new(
                "ukuran_huruf",
                t!(
                    "Ukuran huruf surat dinas 11 atau 12 pt, bukan {size}.",
                    "Official letters use 11 or 12 pt, not {size}."
                ),
            ));
        }
        let spacing = s.spasi;
        if !(1.0..=1.5).contains(&spacing) {
            issues.push(FieldIssue::new(
                "spasi",
                t!(
                    "Spasi baris harus antara 1,0 dan 1,5, bukan {spacing}.",
                    "The line spacing must be between 1.0 and 1.5, not {spacing}."
                ),
            ));
        }
        let eh = s.tinggi_lambang_mm;
        if !(10.0..=40.0).contains(&eh) {
            issues.push(FieldIssue::new(
                "tinggi_lambang_mm",
                t!(
                    "Tinggi lambang harus antara 10 dan 40 mm, bukan {eh}.",
                    "The emblem height must be between 10 and 40 mm, not {eh}."
                ),
            ));
        }
        if s.unit.is_empty() {
            issues.push(FieldIssue::new(
                "unit",
                Text::new(
                    "Unit pada nomor surat wajib diisi (misalnya Diskominfo).",
                    "The unit in letter numbers is required (e.g. Diskominfo).",
                ),
            ));
        }
        if !s.tautan_verifikasi.is_empty() && !s.tautan_verifikasi.contains("{kode}") {
            issues.push(FieldIssue::new(
                "tautan_verifikasi",
                Text::new(
                    "Tautan verifikasi harus memuat {kode}, misalnya https://tte.tapinkab.go.id/verifikasi/{kode}.",
                    "The verification link must contain {kode}, e.g. https://tte.tapinkab.go.id/verifikasi/{kode}.",
                ),
            ));
        }
        let mut rules = BTreeMap::new();
        for (kind, rule) in &s.penomoran {
            let code = kind.code();
            if !numbered_by_office(*kind) {
                issues.push(FieldIssue::new(
                    format!("penomoran.{code}"),
                    t!(
                        "Surat {code} tidak diberi nomor oleh dinas (nomornya dari unit kerja pemohon).",
                        "Letters of kind {code} are not numbered by the office (the applicant's unit numbers them)."
                    ),
                ));
                continue;
            }
            let mut rule = rule.clone();
            rule.pola = rule.pola.trim().to_string();
            rule.kode = rule.kode.trim().to_string();
            rule.urutan = rule.urutan.trim().to_ascii_lowercase();
            if let Err(m) = Pattern::parse(&rule.pola) {
                issues.push(FieldIssue::new(format!("penomoran.{code}.pola"), m));
            }
            if rule.pola.contains("{kode}") && rule.kode.is_empty() {
                issues.push(FieldIssue::new(
                    format!("penomoran.{code}.kode"),
                    Text::new(
                        "Pola memakai {kode}; isi kode klasifikasinya (misalnya 000.6.5).",
                        "The pattern uses {kode}; fill in the classification code (e.g. 000.6.5).",
                    ),
                ));
            }
            let name_ok = !rule.urutan.is_empty()
                && rule
                    .urutan
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !name_ok {
                issues.push(FieldIssue::new(
                    format!("penomoran.{code}.urutan"),
                    Text::new(
                        "Nama urutan hanya huruf, angka, - dan _ (misalnya keluar).",
                        "A sequence name is letters, digits, - and _ only (e.g. keluar).",
                    ),
                ));
            }
            rules.insert(*kind, rule);
        }
        // Kinds missing from the stored map get their default rule.
        for kind in LetterKind::ALL {
            if numbered_by_office(kind) && !rules.contains_key(&kind) {
                rules.insert(kind, default_rule(kind));
            }
        }
        s.penomoran = rules;
        if issues.is_empty() {
            Ok(s)
        } else {
            Err(Error::invalid_fields(issues))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn defaults_are_valid_and_number_only_office_kinds() {
        let s = LetterSettings::default().validate(today()).unwrap();
        assert_eq!(s.penomoran.len(), 5);
        assert!(s.rule(LetterKind::PermohonanPenerbitan).is_none());
        assert_eq!(
            s.rule(LetterKind::RekomendasiPenerbitan).unwrap().kode,
            "000.6.5.6"
        );
        assert_eq!(s.rule(LetterKind::Disposisi).unwrap().urutan, "masuk");
    }

    #[test]
    fn every_problem_is_named() {
        let mut s = LetterSettings {
            penandatangan: SignatoryMode::An,
            ukuran_huruf: 14.0,
            spasi: 2.0,
            ..LetterSettings::default()
        };
        s.margin_mm.left = 2.0;
        s.wakil.nip = "123".into();
        s.penomoran.insert(
            LetterKind::RekomendasiPencabutan,
            NumberingRule {
                pola: "{kode}/{nomer}".into(),
                ..NumberingRule::default()
            },
        );
        s.penomoran
            .insert(LetterKind::PermohonanPenerbitan, NumberingRule::default());
        let e = s.validate(today()).unwrap_err();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        for f in [
            "wakil.nama",
            "wakil.jabatan",
            "wakil.nip",
            "margin_mm.left",
            "ukuran_huruf",
            "spasi",
            "penomoran.rekomendasi_pencabutan.pola",
            "penomoran.permohonan_penerbitan",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        let pola = e
            .fields
            .iter()
            .find(|f| f.field == "penomoran.rekomendasi_pencabutan.pola")
            .unwrap();
        assert!(pola.message.id.contains("{nomer}"), "{}", pola.message.id);
    }
}
