//! The office's SOPs: the shipped presets, imported files (every version is
//! kept, because a running request stays on the version it started with),
//! and which SOP each request type uses by default.

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::loket::{Audit, Loket};
use crate::model::{RequestType, Role};
use crate::sop::{self, Reimport, Sop, SopProblem};
use crate::store::Db;
pub use crate::store::sops::StoredSop;
use crate::t;
use serde::Serialize;
use std::collections::BTreeMap;

const DEFAULTS_KEY: &str = "sop_defaults";

/// An SOP as listed for the admin.
#[derive(Clone, Debug, Serialize)]
pub struct SopSummary {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub pemda: String,
    pub request_types: Vec<RequestType>,
    pub origin: String,
    pub steps: usize,
    pub total_minutes: (u32, u32),
    pub total_text: Text,
    /// The request types that use this SOP by default.
    pub default_for: Vec<RequestType>,
    /// Older versions still stored, with how many requests run on each.
    pub versions: Vec<SopVersion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SopVersion {
    pub version: u32,
    pub imported_at: String,
    pub requests: i64,
}

/// What an import did.
#[derive(Clone, Debug, Serialize)]
pub struct SopImport {
    pub id: String,
    pub version: u32,
    /// `new` (a new SOP), `new_version`, or `unchanged`.
    pub outcome: &'static str,
    pub message: Text,
}

/// Both languages' total in words.
pub fn total_text(sop: &Sop) -> Text {
    Text::new(sop.total_text(Lang::Id), sop.total_text(Lang::En))
}

impl Loket {
    /// Stores any shipped preset version not stored yet. Runs when the data
    /// folder is opened; cheap when nothing is missing.
    pub(crate) fn ensure_presets(&self) -> Result<()> {
        let now = self.stamp_now();
        self.store.write(|db| {
            for id in sop::presets::preset_ids() {
                let (Some(sop), Some(source)) = (sop::preset(id), sop::preset_source(id)) else {
                    continue;
                };
                if !db.sop_version_exists(id, sop.version())? {
                    db.insert_sop(&sop, source, "preset", None, &now)?;
                }
            }
            Ok(())
        })
    }

    pub fn list_sops(&self, _caller: &Caller) -> Result<Vec<SopSummary>> {
        let defaults = self.sop_defaults()?;
        self.store.read(|db| {
            db.latest_sops()?
                .into_iter()
                .map(|s| {
                    let versions = db
                        .sop_versions(s.sop.id())?
                        .into_iter()
                        .map(|(_, version, imported_at, requests)| SopVersion {
                            version,
                            imported_at,
                            requests,
                        })
                        .collect();
                    Ok(SopSummary {
                        id: s.sop.meta.id.clone(),
                        version: s.sop.meta.version,
                        title: s.sop.meta.title.clone(),
                        pemda: s.sop.meta.pemda.clone(),
                        request_types: s.sop.meta.request_types.clone(),
                        origin: s.origin.clone(),
                        steps: s.sop.steps.len(),
                        total_minutes: s.sop.total_minutes(),
                        total_text: total_text(&s.sop),
                        default_for: defaults
                            .iter()
                            .filter(|(_, id)| **id == s.sop.meta.id)
                            .map(|(t, _)| *t)
                            .collect(),
                        versions,
                    })
                })
                .collect()
        })
    }

    /// An SOP's newest version, or the given one.
    pub fn get_sop(&self, _caller: &Caller, id: &str, version: Option<u32>) -> Result<StoredSop> {
        self.store.read(|db| {
            let found = match version {
                None => db.latest_sop(id)?,
                Some(v) => db
                    .sop_versions(id)?
                    .into_iter()
                    .find(|(_, ver, _, _)| *ver == v)
                    .map(|(ref_id, ..)| db.sop_by_ref(ref_id))
                    .transpose()?
                    .flatten(),
            };
            found.ok_or_else(|| sop_not_found(id))
        })
    }

    /// Checks an SOP file without storing it.
    pub fn validate_sop(text: &str) -> Result<Sop, Vec<SopProblem>> {
        sop::parse_sop(text)
    }

    /// Imports an SOP file: all or nothing. A changed SOP must carry a higher
    /// `version`; running requests stay on the version they started with.
    pub fn import_sop(&self, caller: &Caller, text: &str) -> Result<SopImport> {
        caller.require(&[Role::Admin], &t!("mengimpor SOP", "import SOPs"))?;
        let parsed = sop::parse_sop(text).map_err(SopProblem::into_error)?;
        let now = self.stamp_now();
        let id = parsed.meta.id.clone();
        let version = parsed.meta.version;
        self.store.write(|db| {
            let outcome = match db.latest_sop(&id)? {
                None => "new",
                Some(stored) => match parsed.check_reimport(&stored.sop) {
                    Ok(Reimport::Unchanged) => "unchanged",
                    Ok(Reimport::NewVersion) => "new_version",
                    Err(msg) => return Err(Error::conflict(msg)),
                },
            };
            let message = match outcome {
                "unchanged" => t!(
                    "SOP {id} versi {version} sudah tersimpan dengan isi yang sama; tidak ada yang diubah.",
                    "SOP {id} version {version} is already stored with the same content; nothing changed."
                ),
                "new_version" => t!(
                    "SOP {id} versi {version} disimpan. Permohonan yang sedang berjalan tetap memakai versi lamanya.",
                    "SOP {id} version {version} stored. Requests already running keep their version."
                ),
                _ => t!("SOP {id} versi {version} disimpan.", "SOP {id} version {version} stored."),
            };
            if outcome != "unchanged" {
                db.insert_sop(&parsed, text, "import", caller.user_id, &now)?;
                Audit {
                    action: "sop.import",
                    entity: "sop",
                    entity_id: Some(id.clone()),
                    summary: format!("SOP {id} versi {version} diimpor"),
                    old_value: None,
                    new_value: Some(serde_json::json!({ "id": id, "version": version, "title": parsed.meta.title })),
                }
                .write(db, caller, &now)?;
            }
            Ok(SopImport {
                id: id.clone(),
                version,
                outcome,
                message,
            })
        })
    }

    /// The newest version's file as it was imported (with its comments), or
    /// as shipped for presets.
    pub fn export_sop(&self, _caller: &Caller, id: &str) -> Result<String> {
        self.store.read(|db| {
            let stored = db.latest_sop(id)?.ok_or_else(|| sop_not_found(id))?;
            Ok(db
                .sop_source(stored.ref_id)?
                .unwrap_or_else(|| stored.sop.to_toml()))
        })
    }

    /// The documents the applicant's own steps of this request type's SOP
    /// ask for, in step order, for the wizard's "attach your scans" page.
    pub fn applicant_documents(&self, jenis: RequestType) -> Result<Vec<crate::model::DocKind>> {
        let stored = self.store.read(|db| sop_for_new_request(db, jenis))?;
        let sop = stored.sop;
        let mut out = Vec::new();
        for step in &sop.steps {
            let applicant = sop
                .actor_of(step)
                .is_some_and(|a| a.role == crate::sop::ActorRole::Pemohon);
            for k in &step.documents {
                if applicant && !out.contains(k) {
                    out.push(*k);
                }
            }
        }
        Ok(out)
    }

    /// Which SOP each request type uses: the admin's choice, else the preset.
    pub fn sop_defaults(&self) -> Result<BTreeMap<RequestType, String>> {
        let chosen: BTreeMap<RequestType, String> = self
            .store
            .read(|db| db.get_setting(DEFAULTS_KEY))?
            .unwrap_or_default();
        let mut out = BTreeMap::new();
        for t in RequestType::ALL {
            if let Some(id) = chosen
                .get(&t)
                .cloned()
                .or_else(|| sop::default_preset_for(t).map(str::to_string))
            {
                out.insert(t, id);
            }
        }
        Ok(out)
    }

    pub fn set_sop_default(&self, caller: &Caller, jenis: RequestType, sop_id: &str) -> Result<()> {
        caller.require(
            &[Role::Admin],
            &t!("memilih SOP bawaan", "choose default SOPs"),
        )?;
        let now = self.stamp_now();
        self.store.write(|db| {
            let stored = db.latest_sop(sop_id)?.ok_or_else(|| sop_not_found(sop_id))?;
            if !stored.sop.covers(jenis) {
                let kind = jenis.label();
                let (kid, ken) = (kind.id.to_lowercase(), kind.en.to_lowercase());
                return Err(Error::invalid(t!(
                    "SOP {sop_id} tidak mengatur permohonan {kid}; pilih SOP yang request_types-nya memuat jenis itu.",
                    "SOP {sop_id} does not cover {ken} requests; choose an SOP whose request_types includes that type."
                )));
            }
            let mut chosen: BTreeMap<RequestType, String> = db.get_setting(DEFAULTS_KEY)?.unwrap_or_default();
            let old = chosen.insert(jenis, sop_id.to_string());
            db.put_setting(DEFAULTS_KEY, &chosen)?;
            Audit {
                action: "sop.default",
                entity: "sop",
                entity_id: Some(sop_id.to_string()),
                summary: format!("SOP bawaan untuk {} menjadi {sop_id}", jenis.code()),
                old_value: old.map(serde_json::Value::String),
                new_value: Some(serde_json::Value::String(sop_id.to_string())),
            }
            .write(db, caller, &now)
        })
    }
}

pub(crate) fn sop_not_found(id: &str) -> Error {
    Error::not_found(t!(
        "SOP \"{id}\" tidak ditemukan. Lihat daftar SOP di Pengaturan atau `loket sop list`.",
        "SOP \"{id}\" not found. See the SOP list in Settings or `loket sop list`."
    ))
}

/// The SOP version a new request of this type starts on.
pub(crate) fn sop_for_new_request(db: &Db, jenis: RequestType) -> Result<StoredSop> {
    let chosen: BTreeMap<RequestType, String> = db.get_setting(DEFAULTS_KEY)?.unwrap_or_default();
    let id = chosen
        .get(&jenis)
        .cloned()
        .or_else(|| sop::default_preset_for(jenis).map(str::to_string))
        .ok_or_else(|| {
            let kind = jenis.label();
            let (kid, ken) = (kind.id.to_lowercase(), kind.en.to_lowercase());
            Error::conflict(t!(
                "Belum ada SOP untuk permohonan {kid}. Admin dapat memilihnya di Pengaturan → SOP.",
                "No SOP is set for {ken} requests yet. The admin can choose one in Settings → SOP."
            ))
        })?;
    db.latest_sop(&id)?.ok_or_else(|| sop_not_found(&id))
}
