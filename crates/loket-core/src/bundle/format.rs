//! The `.loket` bundle format, `loket-bundle/1`: a zip with `manifest.json`
//! and the carried files under `files/`. The manifest's field names are the
//! office's own words (the same JSON keys as the CLI's person files), so a
//! bundle can be read by a person with any zip tool.

use crate::lifecycle::EventKind;
use crate::model::{CertStatus, PersonInput, RequestStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format name written in every manifest. A reader refuses any other.
pub const FORMAT: &str = "loket-bundle/1";
/// The file extension of bundles.
pub const EXTENSION: &str = "loket";
pub(crate) const MANIFEST_ENTRY: &str = "manifest.json";
/// The folder inside the zip that holds the carried files.
pub(crate) const FILES_DIR: &str = "files";

/// What a bundle carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// A request with the applicant's data and scans, from the applicant's
    /// laptop to the office.
    Request,
    /// The office's view of a request (status, step, history, certificate)
    /// and the letters it issued, from the office back to the applicant.
    Status,
}

impl BundleKind {
    pub fn code(self) -> &'static str {
        match self {
            BundleKind::Request => "request",
            BundleKind::Status => "status",
        }
    }

    pub fn label(self) -> crate::Text {
        match self {
            BundleKind::Request => crate::Text::new("Bundel permohonan", "Request bundle"),
            BundleKind::Status => {
                crate::Text::new("Bundel status dari kantor", "Status bundle from the office")
            }
        }
    }
}

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The Loket TTE version that wrote the bundle.
    pub app_version: String,
    pub kind: BundleKind,
    pub created_at: String,
    /// Where the bundle was made, when known.
    #[serde(default)]
    pub source: Option<BundleSource>,
    pub request: BundleRequest,
    /// The office's view of the request (status bundles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OfficeStatus>,
    /// Every file under `files/`, each exactly once.
    #[serde(default)]
    pub files: Vec<BundleFile>,
}

/// The data folder and the account that made a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleSource {
    /// A random id given to a data folder when it first exports a bundle
    /// (kept in its settings), so an office can tell laptops apart and a
    /// folder can refuse its own bundles.
    pub installation: String,
    /// "Dinas …, Pemerintah …" from the agency profile there, if set.
    #[serde(default)]
    pub instansi: Option<String>,
    /// The account that exported the bundle.
    pub user: String,
    pub nama_pengguna: String,
}

/// The request as the bundle's maker has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleRequest {
    /// The request's UUID: the same on the laptop and at the office.
    pub uuid: String,
    /// The request's number where the bundle was made (the applicant's own
    /// number in a request bundle, the office's in a status bundle); for
    /// reference only, each side numbers its own requests.
    pub nomor: String,
    /// Request type code (`penerbitan`, `pencabutan`, …).
    pub jenis: String,
    /// Revocation reason code, and the wording as written.
    #[serde(default)]
    pub alasan: Option<String>,
    #[serde(default)]
    pub alasan_teks: Option<String>,
    /// RFC 5280 CRLReason code of `alasan`, for people reading the file.
    #[serde(default)]
    pub alasan_crl: Option<u8>,
    #[serde(default)]
    pub catatan: Option<String>,
    pub created_at: String,
    /// The applicant, with the same keys as `loket person add --json`.
    pub person: PersonInput,
    /// A data change's new data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_baru: Option<PersonInput>,
}

/// One carried file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFile {
    /// Its entry in the zip: `files/…`. Never taken as a path on disk.
    pub path: String,
    /// Bytes before compression.
    pub size: u64,
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
    /// Document kind code (`ktp`, `sk_jabatan`, `surat_permohonan`, …).
    pub kind: String,
    /// The name it was attached under, for display.
    pub original_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`; the reader judges
    /// the content itself.
    pub mime: String,
    #[serde(default)]
    pub attached_at: Option<String>,
    /// Set when the file is a letter (a generated Surat Permohonan, the
    /// office's Surat Rekomendasi): its number, date and subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<LetterInfo>,
}

/// What identifies a letter carried as a file. Keys this version does not
/// know are kept as they are, so letter details added later survive a trip
/// through an older copy of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterInfo {
    /// Letter kind code (`surat_permohonan`, `surat_rekomendasi`, …).
    pub jenis: String,
    #[serde(default)]
    pub nomor: Option<String>,
    /// Date on the letter, `YYYY-MM-DD`.
    #[serde(default)]
    pub tanggal: Option<String>,
    /// The subject line (Hal/Perihal).
    #[serde(default)]
    pub hal: Option<String>,
    #[serde(default)]
    pub penandatangan: Option<String>,
    #[serde(flatten)]
    pub lainnya: BTreeMap<String, serde_json::Value>,
}

/// The office's view of a request, as a status bundle carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeStatus {
    /// The office's own number for the request.
    pub nomor: String,
    pub status: RequestStatus,
    pub attempt: i64,
    #[serde(default)]
    pub current_step: Option<u32>,
    #[serde(default)]
    pub current_activity: Option<String>,
    #[serde(default)]
    pub current_actor: Option<String>,
    pub sop: StatusSop,
    #[serde(default)]
    pub steps: Vec<StatusStep>,
    #[serde(default)]
    pub history: Vec<StatusEvent>,
    #[serde(default)]
    pub certificate: Option<StatusCertificate>,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusSop {
    pub id: String,
    pub version: u32,
    pub title: String,
}

/// One step of the office's SOP and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStep {
    pub no: u32,
    pub activity: String,
    pub actor: String,
    /// `done`, `current`, `skipped`, `upcoming` or `stopped`.
    pub state: String,
}

/// One event of the office's history of the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub kind: EventKind,
    pub attempt: i64,
    #[serde(default)]
    pub step_no: Option<u32>,
    pub actor: String,
    pub acted_at: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub to_step: Option<u32>,
}

/// The certificate as the office recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCertificate {
    pub status: CertStatus,
    #[serde(default)]
    pub issued_on: Option<String>,
    #[serde(default)]
    pub expires_on: Option<String>,
    #[serde(default)]
    pub revoked_on: Option<String>,
    #[serde(default)]
    pub revocation_wording: Option<String>,
    #[serde(default)]
    pub revocation_crl: Option<u8>,
}

/// The SHA-256 of what a bundle says, leaving out when, where and by which
/// version it was written: the same request exported twice without a change
/// has the same content hash, so importing it again creates nothing.
pub(crate) fn content_sha256(m: &Manifest) -> String {
    #[derive(Serialize)]
    struct Content<'a> {
        kind: BundleKind,
        request: &'a BundleRequest,
        status: &'a Option<OfficeStatus>,
        files: &'a [BundleFile],
    }
    let bytes = serde_json::to_vec(&Content {
        kind: m.kind,
        request: &m.request,
        status: &m.status,
        files: &m.files,
    })
    .unwrap_or_default();
    crate::documents::sha256_hex(&bytes)
}
