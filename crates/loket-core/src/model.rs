//! The domain's nouns. Field names use the office's own words (`nama`, `nik`,
//! `jenis_pegawai`), which are also the JSON keys of the CLI, the bundles and
//! the spreadsheets, so one vocabulary runs through the whole product.

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// Kind of staff, which decides whether a NIP and a golongan are expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffKind {
    Pns,
    Pppk,
    NonAsn,
}

impl StaffKind {
    pub const ALL: [StaffKind; 3] = [StaffKind::Pns, StaffKind::Pppk, StaffKind::NonAsn];

    pub fn code(self) -> &'static str {
        match self {
            StaffKind::Pns => "pns",
            StaffKind::Pppk => "pppk",
            StaffKind::NonAsn => "non_asn",
        }
    }

    pub fn parse(code: &str) -> Option<StaffKind> {
        StaffKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn label(self) -> Text {
        match self {
            StaffKind::Pns => Text::new("PNS", "Civil servant (PNS)"),
            StaffKind::Pppk => Text::new("PPPK", "Contract civil servant (PPPK)"),
            StaffKind::NonAsn => Text::new("Non-ASN", "Non-civil-servant staff"),
        }
    }
}

/// A person as typed into a form or a JSON file: every field is optional text,
/// so that validation can explain each problem instead of a parser failing on
/// the first one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PersonInput {
    pub nama: Option<String>,
    pub nama_tanpa_gelar: Option<String>,
    pub nik: Option<String>,
    pub nip: Option<String>,
    pub jenis_pegawai: Option<String>,
    pub golongan: Option<String>,
    pub jabatan: Option<String>,
    pub unit_kerja: Option<String>,
    pub email: Option<String>,
    pub telepon: Option<String>,
}

/// A person whose data passed validation, normalised (digits only in NIK and
/// NIP, golongan as `III/a`, email lower-case, phone as `+62…`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonData {
    /// Full name with titles, as printed on letters.
    pub nama: String,
    /// Name without titles, as AMS wants it.
    pub nama_tanpa_gelar: String,
    pub nik: String,
    pub nip: Option<String>,
    pub jenis_pegawai: StaffKind,
    pub golongan: Option<String>,
    pub jabatan: String,
    pub unit_kerja: String,
    pub email: String,
    pub telepon: Option<String>,
}

/// A stored person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    #[serde(flatten)]
    pub data: PersonData,
    pub created_at: String,
    pub updated_at: String,
}

/// Certificate status, in BSrE's own vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CertStatus {
    /// Active: the only status that can sign.
    Issue,
    Expired,
    Renew,
    WaitingForVerification,
    New,
    NoCertificate,
    NotRegistered,
    Suspend,
    Revoke,
}

impl CertStatus {
    pub const ALL: [CertStatus; 9] = [
        CertStatus::Issue,
        CertStatus::Expired,
        CertStatus::Renew,
        CertStatus::WaitingForVerification,
        CertStatus::New,
        CertStatus::NoCertificate,
        CertStatus::NotRegistered,
        CertStatus::Suspend,
        CertStatus::Revoke,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CertStatus::Issue => "ISSUE",
            CertStatus::Expired => "EXPIRED",
            CertStatus::Renew => "RENEW",
            CertStatus::WaitingForVerification => "WAITING_FOR_VERIFICATION",
            CertStatus::New => "NEW",
            CertStatus::NoCertificate => "NO_CERTIFICATE",
            CertStatus::NotRegistered => "NOT_REGISTERED",
            CertStatus::Suspend => "SUSPEND",
            CertStatus::Revoke => "REVOKE",
        }
    }

    pub fn parse(code: &str) -> Option<CertStatus> {
        let c = code.trim();
        CertStatus::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(c))
    }
}

/// The RFC 5280 CRLReason code stored beside the office's own wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CrlReason {
    Unspecified,
    KeyCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    PrivilegeWithdrawn,
}

impl CrlReason {
    pub fn code(self) -> u8 {
        match self {
            CrlReason::Unspecified => 0,
            CrlReason::KeyCompromise => 1,
            CrlReason::AffiliationChanged => 3,
            CrlReason::Superseded => 4,
            CrlReason::CessationOfOperation => 5,
            CrlReason::PrivilegeWithdrawn => 9,
        }
    }

    pub fn from_code(code: u8) -> Option<CrlReason> {
        [
            CrlReason::Unspecified,
            CrlReason::KeyCompromise,
            CrlReason::AffiliationChanged,
            CrlReason::Superseded,
            CrlReason::CessationOfOperation,
            CrlReason::PrivilegeWithdrawn,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    pub fn name(self) -> &'static str {
        match self {
            CrlReason::Unspecified => "unspecified",
            CrlReason::KeyCompromise => "keyCompromise",
            CrlReason::AffiliationChanged => "affiliationChanged",
            CrlReason::Superseded => "superseded",
            CrlReason::CessationOfOperation => "cessationOfOperation",
            CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        }
    }
}

/// The revocation reasons an office chooses from. The seeds name lupa
/// passphrase, perubahan data, kehilangan and pensiun; the rest cover what
/// DOMAIN.md maps to CRL codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationReason {
    LupaPassphrase,
    PerubahanData,
    Mutasi,
    Kehilangan,
    KunciBocor,
    Pensiun,
    Berhenti,
    Meninggal,
    Pelanggaran,
    Lainnya,
}

impl RevocationReason {
    pub const ALL: [RevocationReason; 10] = [
        RevocationReason::LupaPassphrase,
        RevocationReason::PerubahanData,
        RevocationReason::Mutasi,
        RevocationReason::Kehilangan,
        RevocationReason::KunciBocor,
        RevocationReason::Pensiun,
        RevocationReason::Berhenti,
        RevocationReason::Meninggal,
        RevocationReason::Pelanggaran,
        RevocationReason::Lainnya,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RevocationReason::LupaPassphrase => "lupa_passphrase",
            RevocationReason::PerubahanData => "perubahan_data",
            RevocationReason::Mutasi => "mutasi",
            RevocationReason::Kehilangan => "kehilangan",
            RevocationReason::KunciBocor => "kunci_bocor",
            RevocationReason::Pensiun => "pensiun",
            RevocationReason::Berhenti => "berhenti",
            RevocationReason::Meninggal => "meninggal",
            RevocationReason::Pelanggaran => "pelanggaran",
            RevocationReason::Lainnya => "lainnya",
        }
    }

    pub fn parse(code: &str) -> Option<RevocationReason> {
        let c = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        RevocationReason::ALL.into_iter().find(|r| r.code() == c)
    }

    /// Reads a reason given by its code or its standard wording in either
    /// language ("pensiun", "Lupa passphrase", "retirement").
    pub fn parse_loose(text: &str) -> Option<RevocationReason> {
        let t = text.trim();
        RevocationReason::parse(t).or_else(|| {
            RevocationReason::ALL.into_iter().find(|r| {
                let w = r.wording();
                w.id.eq_ignore_ascii_case(t) || w.en.eq_ignore_ascii_case(t)
            })
        })
    }

    /// The standard wording, as the seeds write it.
    pub fn wording(self) -> Text {
        match self {
            RevocationReason::LupaPassphrase => {
                Text::new("Lupa passphrase", "Forgotten passphrase")
            }
            RevocationReason::PerubahanData => Text::new("Perubahan data", "Change of data"),
            RevocationReason::Mutasi => {
                Text::new("Mutasi / pindah tugas", "Transfer to another post")
            }
            RevocationReason::Kehilangan => Text::new(
                "Kehilangan sertifikat elektronik",
                "Loss of the electronic certificate",
            ),
            RevocationReason::KunciBocor => Text::new(
                "Kunci privat bocor atau disalahgunakan",
                "Private key leaked or misused",
            ),
            RevocationReason::Pensiun => Text::new("Pensiun", "Retirement"),
            RevocationReason::Berhenti => Text::new("Berhenti / diberhentikan", "Left the service"),
            RevocationReason::Meninggal => Text::new("Meninggal dunia", "Deceased"),
            RevocationReason::Pelanggaran => Text::new(
                "Pelanggaran ketentuan penggunaan",
                "Breach of the terms of use",
            ),
            RevocationReason::Lainnya => Text::new("Lainnya", "Other"),
        }
    }

    pub fn crl(self) -> CrlReason {
        match self {
            RevocationReason::Kehilangan | RevocationReason::KunciBocor => CrlReason::KeyCompromise,
            RevocationReason::PerubahanData | RevocationReason::Mutasi => {
                CrlReason::AffiliationChanged
            }
            RevocationReason::LupaPassphrase => CrlReason::Superseded,
            RevocationReason::Pensiun
            | RevocationReason::Berhenti
            | RevocationReason::Meninggal => CrlReason::CessationOfOperation,
            RevocationReason::Pelanggaran => CrlReason::PrivilegeWithdrawn,
            RevocationReason::Lainnya => CrlReason::Unspecified,
        }
    }
}

/// The kinds of request an office handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    Penerbitan,
    Pencabutan,
    Pembaruan,
    PerubahanData,
    ResetPassphrase,
}

impl RequestType {
    pub const ALL: [RequestType; 5] = [
        RequestType::Penerbitan,
        RequestType::Pencabutan,
        RequestType::Pembaruan,
        RequestType::PerubahanData,
        RequestType::ResetPassphrase,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestType::Penerbitan => "penerbitan",
            RequestType::Pencabutan => "pencabutan",
            RequestType::Pembaruan => "pembaruan",
            RequestType::PerubahanData => "perubahan_data",
            RequestType::ResetPassphrase => "reset_passphrase",
        }
    }

    pub fn parse(code: &str) -> Option<RequestType> {
        let c = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        RequestType::ALL.into_iter().find(|r| r.code() == c)
    }

    pub fn label(self) -> Text {
        match self {
            RequestType::Penerbitan => Text::new("Penerbitan", "Issuance"),
            RequestType::Pencabutan => Text::new("Pencabutan", "Revocation"),
            RequestType::Pembaruan => Text::new("Pembaruan", "Renewal"),
            RequestType::PerubahanData => Text::new("Perubahan data", "Data change"),
            RequestType::ResetPassphrase => Text::new("Reset passphrase", "Passphrase reset"),
        }
    }

    /// Whether the request must name a reason (revocation does).
    pub fn needs_reason(self) -> bool {
        matches!(self, RequestType::Pencabutan)
    }
}

/// Where a request stands as a whole; the SOP engine tracks the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Being filled in by the applicant; not yet submitted.
    Draf,
    /// Submitted and walking its SOP.
    Diproses,
    /// Rejected; may be corrected and resubmitted.
    Ditolak,
    /// Finished: the SOP's last step is done.
    Selesai,
    /// Cancelled.
    Dibatalkan,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Draf,
        RequestStatus::Diproses,
        RequestStatus::Ditolak,
        RequestStatus::Selesai,
        RequestStatus::Dibatalkan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Draf => "draf",
            RequestStatus::Diproses => "diproses",
            RequestStatus::Ditolak => "ditolak",
            RequestStatus::Selesai => "selesai",
            RequestStatus::Dibatalkan => "dibatalkan",
        }
    }

    pub fn parse(code: &str) -> Option<RequestStatus> {
        RequestStatus::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn label(self) -> Text {
        match self {
            RequestStatus::Draf => Text::new("Draf", "Draft"),
            RequestStatus::Diproses => Text::new("Diproses", "In progress"),
            RequestStatus::Ditolak => Text::new("Ditolak", "Rejected"),
            RequestStatus::Selesai => Text::new("Selesai", "Completed"),
            RequestStatus::Dibatalkan => Text::new("Dibatalkan", "Cancelled"),
        }
    }
}

/// Paper sizes used for official letters. F4 is 215 x 330 mm (not US Legal).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaperSize {
    #[default]
    A4,
    F4,
}

impl PaperSize {
    /// Width and height in millimetres.
    pub fn mm(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (210.0, 297.0),
            PaperSize::F4 => (215.0, 330.0),
        }
    }
}

/// Kinds of document attached to a request. SOP steps name these in their
/// `documents` list as the things that must be attached before the step can
/// be completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Ktp,
    SkJabatan,
    SkPangkat,
    SuratPermohonan,
    SuratKeteranganPencabutan,
    SuratRekomendasi,
    Formulir,
    Lainnya,
}

impl DocKind {
    pub const ALL: [DocKind; 8] = [
        DocKind::Ktp,
        DocKind::SkJabatan,
        DocKind::SkPangkat,
        DocKind::SuratPermohonan,
        DocKind::SuratKeteranganPencabutan,
        DocKind::SuratRekomendasi,
        DocKind::Formulir,
        DocKind::Lainnya,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Ktp => "ktp",
            DocKind::SkJabatan => "sk_jabatan",
            DocKind::SkPangkat => "sk_pangkat",
            DocKind::SuratPermohonan => "surat_permohonan",
            DocKind::SuratKeteranganPencabutan => "surat_keterangan_pencabutan",
            DocKind::SuratRekomendasi => "surat_rekomendasi",
            DocKind::Formulir => "formulir",
            DocKind::Lainnya => "lainnya",
        }
    }

    pub fn parse(code: &str) -> Option<DocKind> {
        let c = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        DocKind::ALL.into_iter().find(|k| k.code() == c)
    }

    pub fn label(self) -> Text {
        match self {
            DocKind::Ktp => Text::new("KTP", "Identity card (KTP)"),
            DocKind::SkJabatan => Text::new("SK Jabatan", "Appointment decree (SK Jabatan)"),
            DocKind::SkPangkat => Text::new("SK Pangkat", "Rank decree (SK Pangkat)"),
            DocKind::SuratPermohonan => Text::new("Surat Permohonan", "Request letter"),
            DocKind::SuratKeteranganPencabutan => Text::new(
                "Surat Keterangan Alasan Pencabutan",
                "Statement of the reason for revocation",
            ),
            DocKind::SuratRekomendasi => Text::new(
                "Surat Rekomendasi (bertanda tangan)",
                "Recommendation letter (signed)",
            ),
            DocKind::Formulir => Text::new("Formulir", "Form"),
            DocKind::Lainnya => Text::new("Lainnya", "Other"),
        }
    }
}

/// Roles of local user accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sets up the office: profile, users, SOPs, templates.
    Admin,
    /// The registration officer who checks documents and works in AMS.
    Verifikator,
    /// Heads (Kadin, Kabid, Kasi, Sandiman) who give disposisi.
    Pimpinan,
    /// An applicant: sees and edits only their own requests.
    Pemohon,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Verifikator,
        Role::Pimpinan,
        Role::Pemohon,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Verifikator => "verifikator",
            Role::Pimpinan => "pimpinan",
            Role::Pemohon => "pemohon",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn label(self) -> Text {
        match self {
            Role::Admin => Text::new("Admin", "Administrator"),
            Role::Verifikator => Text::new("Verifikator", "Verifier"),
            Role::Pimpinan => Text::new("Pimpinan", "Head of office"),
            Role::Pemohon => Text::new("Pemohon", "Applicant"),
        }
    }
}

/// A local user account, as shown to admins (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// For an applicant: their own person record.
    pub person_id: Option<i64>,
    pub active: bool,
    pub created_at: String,
}

/// A stored request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: i64,
    pub uuid: String,
    /// The human number, `REQ-YYYY-NNNNN`.
    pub nomor: String,
    pub jenis: RequestType,
    pub person_id: i64,
    pub alasan: Option<RevocationReason>,
    pub alasan_teks: Option<String>,
    /// RFC 5280 CRLReason code of `alasan`.
    pub alasan_crl: Option<u8>,
    pub catatan: Option<String>,
    pub status: RequestStatus,
    pub attempt: i64,
    pub created_by: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// The stored SOP version the request runs on.
    pub sop_ref: Option<i64>,
    /// The step it waits on; `None` once finished, rejected or cancelled.
    pub current_step: Option<u32>,
    /// When the current step became current.
    pub step_started_at: Option<String>,
    /// A data change's new data, applied when the request finishes.
    pub data_baru: Option<PersonData>,
}

/// A request with the applicant's name and unit, for lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    #[serde(flatten)]
    pub request: Request,
    pub nama: String,
    pub nik: String,
    pub unit_kerja: String,
}

/// How and why a certificate was revoked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub reason: RevocationReason,
    /// The wording as written by the applicant or the office.
    pub wording: String,
    /// RFC 5280 CRLReason code.
    pub crl: u8,
}

/// A certificate as the office has recorded it (the app never talks to AMS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub id: i64,
    pub person_id: i64,
    /// The status last recorded. See [`Certificate::effective_status`].
    pub status: CertStatus,
    pub issued_on: Option<chrono::NaiveDate>,
    pub expires_on: Option<chrono::NaiveDate>,
    pub revoked_on: Option<chrono::NaiveDate>,
    pub revocation: Option<Revocation>,
    pub request_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl Certificate {
    /// The status today: an ISSUE certificate past its expiry date is
    /// EXPIRED even if nobody recorded that.
    pub fn effective_status(&self, today: chrono::NaiveDate) -> CertStatus {
        match (self.status, self.expires_on) {
            (CertStatus::Issue, Some(exp)) if exp < today => CertStatus::Expired,
            (s, _) => s,
        }
    }
}
