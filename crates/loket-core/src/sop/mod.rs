//! SOPs as data.
//!
//! Every Pemda writes its own SOP for certificate work, so the steps a request
//! walks through are not code: they are a table (number, activity, actor,
//! requirements, standard time, output, remarks) that an admin can write by
//! hand in TOML (`loket-sop/1`, see `docs/sop-format.md`) and import. The app
//! ships the five seed SOPs and three generic ones as presets.
//!
//! - [`parse_sop`] reads a file and reports *every* problem with its place, so
//!   an admin fixes a file in one pass instead of one error per import.
//! - [`Sop`] is the validated result; it is stored as JSON (serde) and written
//!   back as TOML with [`Sop::to_toml`].
//! - [`time`] reads and prints standard times.
//! - [`presets`] holds the shipped SOPs.

mod format;
pub mod presets;
pub mod time;

pub use format::{FORMAT, parse_sop};
pub use presets::{default_preset_for, preset, preset_source, presets};
pub use time::{TimeStd, format_minutes, format_range, parse_time};

use crate::error::{Error, FieldIssue};
use crate::i18n::{Lang, Text};
use crate::model::{DocKind, RequestType, Role};
use crate::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A validated SOP. Built only by [`parse_sop`] (or read back from JSON that
/// an earlier `parse_sop` produced), so its references hold: every step's
/// actor exists, steps are numbered 1..=N in order, `on_fail` points back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sop {
    /// Always [`FORMAT`]; kept so stored JSON says which rules it passed.
    pub format: String,
    pub meta: SopMeta,
    pub actors: Vec<Actor>,
    pub steps: Vec<Step>,
}

/// The SOP's header: identity, and the guidance printed above the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SopMeta {
    /// Unique, `[a-z0-9-]`, e.g. `tapin-pencabutan`.
    pub id: String,
    /// Starts at 1. Each changed import of the same id must raise it, so a
    /// running request can keep the exact version it started with.
    pub version: u32,
    pub title: String,
    /// Which kinds of request this SOP can run; never empty.
    pub request_types: Vec<RequestType>,
    pub pemda: String,
    pub dinas: Option<String>,
    /// The SOP's own number, e.g. `000.6/140/Diskominfo/VII/2025`.
    pub number: Option<String>,
    pub made: Option<NaiveDate>,
    pub revised: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    pub approved_by: Option<String>,
    /// Dasar Hukum.
    pub legal_basis: Vec<String>,
    /// Kualifikasi Pelaksana.
    pub qualifications: Vec<String>,
    /// Keterkaitan (related SOPs).
    pub related: Vec<String>,
    /// Peralatan / Perlengkapan.
    pub equipment: Vec<String>,
    /// Peringatan.
    pub warning: Vec<String>,
    /// Pencatatan dan Pendataan (what must be recorded).
    pub records: Vec<String>,
}

/// A column of the SOP's *Pelaksana* part: who does a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Referred to by [`Step::actor`]; `[a-z0-9_-]`.
    pub id: String,
    /// As the SOP names the column, e.g. "Kabid Persandian".
    pub name: String,
    pub role: ActorRole,
}

/// What kind of party an actor is, which decides who may complete its steps
/// in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// The applicant.
    Pemohon,
    /// A head who passes the letter down: Kadin, Kabid, Kasi, Sandiman.
    Pimpinan,
    /// The office's registration officer (also "Tim Verifikator").
    Verifikator,
    /// Outside the office (BSrE, its OP): the app only records what they did.
    External,
}

impl ActorRole {
    pub const ALL: [ActorRole; 4] = [
        ActorRole::Pemohon,
        ActorRole::Pimpinan,
        ActorRole::Verifikator,
        ActorRole::External,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActorRole::Pemohon => "pemohon",
            ActorRole::Pimpinan => "pimpinan",
            ActorRole::Verifikator => "verifikator",
            ActorRole::External => "external",
        }
    }

    /// Reads a role code, case-insensitive; `eksternal` is accepted beside
    /// `external` because admins write Indonesian.
    pub fn parse(code: &str) -> Option<ActorRole> {
        let c = code.trim().to_ascii_lowercase();
        if c == "eksternal" {
            return Some(ActorRole::External);
        }
        ActorRole::ALL.into_iter().find(|r| r.code() == c)
    }

    pub fn label(self) -> Text {
        match self {
            ActorRole::Pemohon => Text::new("Pemohon", "Applicant"),
            ActorRole::Pimpinan => Text::new("Pimpinan", "Head of office"),
            ActorRole::Verifikator => Text::new("Verifikator", "Verifier"),
            ActorRole::External => Text::new("Pihak luar (BSrE)", "Outside party (BSrE)"),
        }
    }

    /// The local account role that acts for this actor. External parties
    /// have no account: a verifier records what they did.
    pub fn account_role(self) -> Option<Role> {
        match self {
            ActorRole::Pemohon => Some(Role::Pemohon),
            ActorRole::Pimpinan => Some(Role::Pimpinan),
            ActorRole::Verifikator => Some(Role::Verifikator),
            ActorRole::External => None,
        }
    }
}

/// Kinds of letter (naskah dinas) a step can produce; the letters module has
/// a template for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    PermohonanPenerbitan,
    PermohonanPencabutan,
    /// Surat Keterangan alasan pencabutan.
    KeteranganPencabutan,
    RekomendasiPenerbitan,
    RekomendasiPencabutan,
    /// Lembar Disposisi.
    Disposisi,
    TandaTerima,
    /// Notification to the applicant.
    Pemberitahuan,
}

impl LetterKind {
    pub const ALL: [LetterKind; 8] = [
        LetterKind::PermohonanPenerbitan,
        LetterKind::PermohonanPencabutan,
        LetterKind::KeteranganPencabutan,
        LetterKind::RekomendasiPenerbitan,
        LetterKind::RekomendasiPencabutan,
        LetterKind::Disposisi,
        LetterKind::TandaTerima,
        LetterKind::Pemberitahuan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LetterKind::PermohonanPenerbitan => "permohonan_penerbitan",
            LetterKind::PermohonanPencabutan => "permohonan_pencabutan",
            LetterKind::KeteranganPencabutan => "keterangan_pencabutan",
            LetterKind::RekomendasiPenerbitan => "rekomendasi_penerbitan",
            LetterKind::RekomendasiPencabutan => "rekomendasi_pencabutan",
            LetterKind::Disposisi => "disposisi",
            LetterKind::TandaTerima => "tanda_terima",
            LetterKind::Pemberitahuan => "pemberitahuan",
        }
    }

    /// Reads a code; case, spaces and hyphens are forgiven as for
    /// [`DocKind::parse`].
    pub fn parse(code: &str) -> Option<LetterKind> {
        let c = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        LetterKind::ALL.into_iter().find(|k| k.code() == c)
    }

    pub fn label(self) -> Text {
        match self {
            LetterKind::PermohonanPenerbitan => {
                Text::new("Surat Permohonan Penerbitan", "Request letter for issuance")
            }
            LetterKind::PermohonanPencabutan => Text::new(
                "Surat Permohonan Pencabutan",
                "Request letter for revocation",
            ),
            LetterKind::KeteranganPencabutan => Text::new(
                "Surat Keterangan Alasan Pencabutan",
                "Statement of the reason for revocation",
            ),
            LetterKind::RekomendasiPenerbitan => Text::new(
                "Surat Rekomendasi Penerbitan",
                "Recommendation letter for issuance",
            ),
            LetterKind::RekomendasiPencabutan => Text::new(
                "Surat Rekomendasi Pencabutan",
                "Recommendation letter for revocation",
            ),
            LetterKind::Disposisi => Text::new("Lembar Disposisi", "Disposition sheet"),
            LetterKind::TandaTerima => Text::new("Tanda Terima", "Receipt"),
            LetterKind::Pemberitahuan => Text::new("Surat Pemberitahuan", "Notification letter"),
        }
    }
}

/// One row of the SOP table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 1..=N, in order.
    pub no: u32,
    /// Kegiatan / Uraian Prosedur.
    pub activity: String,
    /// An [`Actor::id`].
    pub actor: String,
    /// Kelengkapan, as the SOP words it (printed, not checked).
    pub requirements: Vec<String>,
    /// Documents that must be attached to the request before this step can be
    /// completed (checked by the engine).
    pub documents: Vec<DocKind>,
    /// The standard time; `None` when the SOP gives none ("-" or blank).
    pub time: Option<TimeStd>,
    /// Output; empty when the SOP gives none.
    pub output: String,
    /// Keterangan.
    pub note: Option<String>,
    /// When set, the step runs only if this holds; the engine asks yes/no.
    pub condition: Option<String>,
    /// The earlier step a request returns to when this check fails.
    pub on_fail: Option<u32>,
    /// The step waits on a link that AMS emails and that expires after this.
    pub link_valid: Option<TimeStd>,
    /// A head passes the letter down with a note.
    pub disposisi: bool,
    /// Letters this step produces.
    pub letters: Vec<LetterKind>,
}

impl Step {
    /// Whether the step runs only when its condition holds.
    pub fn is_conditional(&self) -> bool {
        self.condition.is_some()
    }
}

impl Sop {
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn version(&self) -> u32 {
        self.meta.version
    }

    pub fn step(&self, no: u32) -> Option<&Step> {
        self.steps.iter().find(|s| s.no == no)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The actor of a step; always found in a validated SOP.
    pub fn actor_of(&self, step: &Step) -> Option<&Actor> {
        self.actor(&step.actor)
    }

    /// Whether this SOP can run requests of this type.
    pub fn covers(&self, request_type: RequestType) -> bool {
        self.meta.request_types.contains(&request_type)
    }

    /// The sum of the standard times of all steps that have one, as
    /// (shortest, longest) minutes.
    ///
    /// Conditional steps are included: the printed SOP's standard is the
    /// whole table, and an office planning its work wants the figure for the
    /// case where everything runs. A single request's own figure, counting
    /// only the steps it ran, belongs to the engine. `link_valid` is a link's
    /// lifetime, not work time, and is not added.
    pub fn total_minutes(&self) -> (u32, u32) {
        self.steps
            .iter()
            .filter_map(|s| s.time.as_ref())
            .fold((0u32, 0u32), |(lo, hi), t| {
                (
                    lo.saturating_add(t.min_minutes),
                    hi.saturating_add(t.max_minutes),
                )
            })
    }

    /// [`Sop::total_minutes`] in words: "3 Jam – 4 Jam", "26 Menit".
    pub fn total_text(&self, lang: Lang) -> String {
        let (lo, hi) = self.total_minutes();
        format_range(lo, hi, lang)
    }

    /// Writes the SOP as a `loket-sop/1` file that [`parse_sop`] reads back to
    /// an equal `Sop`. Comments of the original file are not kept; a step
    /// without a standard time is written as `time = "-"`, the seeds' way of
    /// saying so.
    pub fn to_toml(&self) -> String {
        format::write_toml(self)
    }

    /// Whether two SOPs say the same thing, apart from their version number.
    pub fn same_content(&self, other: &Sop) -> bool {
        let mut a = self.clone();
        a.meta.version = other.meta.version;
        a == *other
    }

    /// Decides what importing `self` means when `stored` is the newest stored
    /// version of the same SOP id. The store keeps every version because a
    /// running request keeps the version it started with; so a changed file
    /// must carry a higher `version`, and an unchanged one is a no-op.
    pub fn check_reimport(&self, stored: &Sop) -> Result<Reimport, Text> {
        let id = &self.meta.id;
        let new = self.meta.version;
        let old = stored.meta.version;
        if self.meta.id != stored.meta.id {
            let other = &stored.meta.id;
            return Err(t!(
                "SOP \"{id}\" bukan versi baru dari SOP \"{other}\".",
                "SOP \"{id}\" is not a new version of SOP \"{other}\"."
            ));
        }
        let same = self.same_content(stored);
        if new == old && same {
            return Ok(Reimport::Unchanged);
        }
        if new > old {
            return Ok(Reimport::NewVersion);
        }
        let next = old.saturating_add(1);
        if new == old {
            Err(t!(
                "SOP \"{id}\" versi {old} sudah tersimpan dengan isi yang berbeda. Naikkan `version` menjadi {next} agar permohonan yang sedang berjalan tetap memakai versi lama.",
                "SOP \"{id}\" version {old} is already stored with different content. Raise `version` to {next} so that running requests keep the old version."
            ))
        } else {
            Err(t!(
                "SOP \"{id}\" versi {new} lebih lama dari versi {old} yang tersimpan. Naikkan `version` menjadi {next}.",
                "SOP \"{id}\" version {new} is older than the stored version {old}. Raise `version` to {next}."
            ))
        }
    }
}

/// The outcome of [`Sop::check_reimport`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reimport {
    /// Same version, same content: nothing to store.
    Unchanged,
    /// A higher version: store it beside the old one.
    NewVersion,
}

/// One problem found in an SOP file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SopProblem {
    /// Where, for a person: the key path and, when known, the line, e.g.
    /// `steps[4] (no = 5), actor (line 40)`; a TOML syntax error gives
    /// `line 12, column 5`. Array indexes count from 0 as in the file's
    /// order; `no` is the step's own number.
    pub place: String,
    /// The 1-based line, for a window that wants to jump there.
    pub line: Option<u32>,
    pub message: Text,
}

impl SopProblem {
    /// `place: message` in one language.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place, self.message.get(lang))
    }

    /// All problems as one validation [`Error`], each as a field issue, for
    /// the command layer and the CLI.
    pub fn into_error(problems: Vec<SopProblem>) -> Error {
        let n = problems.len();
        let mut error = Error::invalid_fields(problems.into_iter().map(FieldIssue::from).collect());
        if n > 1
            && let Some(first) = error.fields.first()
        {
            let (id, en) = (&first.message.id, &first.message.en);
            error.message = t!(
                "Berkas SOP memiliki {n} masalah. {id}",
                "The SOP file has {n} problems. {en}"
            );
        }
        error
    }
}

impl std::fmt::Display for SopProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

impl From<SopProblem> for FieldIssue {
    fn from(problem: SopProblem) -> FieldIssue {
        FieldIssue::new(problem.place, problem.message)
    }
}
