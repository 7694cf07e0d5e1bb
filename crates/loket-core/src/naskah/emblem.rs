//! The regional emblem (lambang daerah) printed in the kop. It is imported
//! into the data folder (`surat/lambang-<hash>.png|jpg`, so a backup carries
//! it), judged by its content (PNG or JPEG that really decodes, not too
//! small to print), and prepared once per process for every letter.

use super::settings::{LetterSettings, SETTINGS_KEY};
use crate::agency::AgencyProfile;
use crate::auth::Caller;
use crate::documents::{sha256_hex, write_atomic};
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::letters::{LetterRenderer, PreparedEmblem};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::Role;
use crate::t;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

pub(crate) const EMBLEM_KEY: &str = "surat.lambang";

/// Emblem files above this are refused (a crest scanned at 600 dpi is far
/// smaller; anything larger is a photo or the wrong file).
pub const MAX_EMBLEM_BYTES: usize = 5_000_000;

/// What `set_agency_with_emblem` saved: the profile, the emblem in force and
/// the letter settings in force.
#[derive(Clone, Debug, Serialize)]
pub struct AgencySaved {
    pub profile: AgencyProfile,
    pub lambang: Option<EmblemInfo>,
    pub surat: LetterSettings,
}

/// The stored emblem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmblemInfo {
    /// Relative to the data folder, with `/`: `surat/lambang-1a2b….png`.
    pub path: String,
    pub sha256: String,
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    pub size: u64,
    /// Pixel size as prepared for print (about 300 dpi at 24 mm).
    pub width_px: usize,
    pub height_px: usize,
    pub set_at: String,
}

/// Checks an emblem file by its content.
fn judge(bytes: &[u8]) -> Result<(&'static str, &'static str, PreparedEmblem)> {
    let (mime, ext) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", "png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", "jpg")
    } else {
        return Err(Error::invalid(Text::new(
            "Lambang harus berupa gambar PNG atau JPEG (dinilai dari isinya, bukan dari nama berkasnya).",
            "The emblem must be a PNG or JPEG image (judged by its content, not its file name).",
        )));
    };
    let size = bytes.len();
    if size > MAX_EMBLEM_BYTES {
        let mb = size / 1_000_000;
        return Err(Error::invalid(t!(
            "Berkas lambang terlalu besar ({mb} MB); paling besar 5 MB.",
            "The emblem file is too large ({mb} MB); at most 5 MB."
        )));
    }
    let prepared = PreparedEmblem::from_bytes(bytes)?;
    let (w, h) = prepared.size_px();
    if w.max(h) < 64 {
        return Err(Error::invalid(t!(
            "Gambar lambang terlalu kecil ({w} x {h} piksel) untuk dicetak tajam; pakai gambar dengan sisi terpanjang paling sedikit 64 piksel.",
            "The emblem image is too small ({w} x {h} pixels) to print sharply; use one whose longest side is at least 64 pixels."
        )));
    }
    Ok((mime, ext, prepared))
}

/// Renderers kept for the process, keyed by the emblem's hash: parsing the
/// fonts and preparing the emblem is done once, not for every letter.
static RENDERER: Mutex<Option<(Option<String>, Arc<LetterRenderer>)>> = Mutex::new(None);

impl Loket {
    /// The stored emblem, if one was set.
    pub fn emblem(&self) -> Result<Option<EmblemInfo>> {
        self.store.read(|db| db.get_setting(EMBLEM_KEY))
    }

    /// The emblem file's content, checked against its hash.
    fn emblem_bytes(&self, info: &EmblemInfo) -> Result<Vec<u8>> {
        let path = self.paths.root.join(&info.path);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
        if sha256_hex(&bytes) != info.sha256 {
            let p = path.display();
            return Err(Error::new(
                crate::ErrorKind::Io,
                t!(
                    "Berkas lambang {p} telah berubah sejak diunggah. Unggah lambang lagi di Pengaturan.",
                    "The emblem file {p} has changed since it was uploaded. Upload the emblem again in Settings."
                ),
            ));
        }
        Ok(bytes)
    }

    /// The emblem as a `data:` URL, for the kop preview in the window.
    pub fn emblem_data_url(&self) -> Result<Option<String>> {
        let Some(info) = self.emblem()? else {
            return Ok(None);
        };
        let bytes = self.emblem_bytes(&info)?;
        Ok(Some(format!(
            "data:{};base64,{}",
            info.mime,
            base64(&bytes)
        )))
    }

    /// A renderer with the office's emblem prepared; also says whether there
    /// is an emblem.
    pub(crate) fn letter_renderer(&self) -> Result<(Arc<LetterRenderer>, bool)> {
        let info = self.emblem()?;
        let key = info.as_ref().map(|i| i.sha256.clone());
        let mut cache = RENDERER
            .lock()
            .map_err(|_| Error::internal("letter renderer lock poisoned"))?;
        if let Some((k, r)) = cache.as_ref()
            && *k == key
        {
            return Ok((r.clone(), key.is_some()));
        }
        let mut renderer = LetterRenderer::new()?;
        if let Some(info) = &info {
            renderer.set_emblem(&self.emblem_bytes(info)?)?;
        }
        let renderer = Arc::new(renderer);
        *cache = Some((key.clone(), renderer.clone()));
        Ok((renderer, key.is_some()))
    }

    /// Sets the emblem from an image's bytes (PNG or JPEG).
    pub fn set_emblem(&self, caller: &Caller, bytes: &[u8]) -> Result<EmblemInfo> {
        caller.require(
            &[Role::Admin],
            &t!("mengganti lambang daerah", "change the regional emblem"),
        )?;
        let (mime, ext, prepared) = judge(bytes)?;
        let now = self.stamp_now();
        self.store
            .write(|db| self.store_emblem(db, caller, bytes, mime, ext, &prepared, &now))
    }

    /// Saves the agency profile and, when given, a new emblem and new letter
    /// settings, in one transaction: all are checked first (every problem
    /// at once, the settings' under `surat.`), and a refusal of any stores
    /// nothing. This is what `loket agency set` calls.
    pub fn set_agency_with_emblem(
        &self,
        caller: &Caller,
        profile: &AgencyProfile,
        emblem: Option<&[u8]>,
        settings: Option<&LetterSettings>,
    ) -> Result<AgencySaved> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah profil dinas", "change the agency profile"),
        )?;
        let mut problems = Vec::new();
        let profile = match profile.validate(self.today()) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.extend(e.fields);
                None
            }
        };
        let judged = match emblem.map(|b| (b, judge(b))) {
            Some((b, Ok(j))) => Some((b, j)),
            Some((_, Err(e))) => {
                problems.push(FieldIssue::new("lambang", e.message));
                None
            }
            None => None,
        };
        let settings = match settings.map(|s| s.validate(self.today())) {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                problems.extend(
                    e.fields
                        .into_iter()
                        .map(|f| FieldIssue::new(format!("surat.{}", f.field), f.message)),
                );
                None
            }
            None => None,
        };
        let Some(profile) = profile.filter(|_| problems.is_empty()) else {
            return Err(Error::invalid_fields(problems));
        };
        let now = self.stamp_now();
        self.store.write(|db| {
            let old: Option<AgencyProfile> = db.get_setting(crate::agency::AGENCY_KEY)?;
            db.put_setting(crate::agency::AGENCY_KEY, &profile)?;
            Audit {
                action: "agency.update",
                entity: "agency",
                entity_id: None,
                summary: "Profil dinas diubah".into(),
                old_value: old.as_ref().and_then(audit_json),
                new_value: audit_json(&profile),
            }
            .write(db, caller, &now)?;
            if let Some(settings) = &settings {
                super::put_letter_settings(db, caller, settings, &now)?;
            }
            let info = match &judged {
                Some((bytes, (mime, ext, prepared))) => {
                    Some(self.store_emblem(db, caller, bytes, mime, ext, prepared, &now)?)
                }
                None => db.get_setting(EMBLEM_KEY)?,
            };
            Ok(AgencySaved {
                profile: profile.clone(),
                lambang: info,
                surat: match &settings {
                    Some(s) => s.clone(),
                    None => db.get_setting(SETTINGS_KEY)?.unwrap_or_default(),
                },
            })
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn store_emblem(
        &self,
        db: &crate::store::Db,
        caller: &Caller,
        bytes: &[u8],
        mime: &str,
        ext: &str,
        prepared: &PreparedEmblem,
        now: &str,
    ) -> Result<EmblemInfo> {
        let sha = sha256_hex(bytes);
        let rel = format!("surat/lambang-{}.{ext}", &sha[..16]);
        let (width_px, height_px) = prepared.size_px();
        let info = EmblemInfo {
            path: rel.clone(),
            sha256: sha,
            mime: mime.to_string(),
            size: bytes.len() as u64,
            width_px,
            height_px,
            set_at: now.to_string(),
        };
        let old: Option<EmblemInfo> = db.get_setting(EMBLEM_KEY)?;
        db.put_setting(EMBLEM_KEY, &info)?;
        Audit {
            action: "agency.emblem",
            entity: "agency",
            entity_id: None,
            summary: format!("Lambang daerah diganti ({rel})"),
            old_value: old.as_ref().and_then(audit_json),
            new_value: audit_json(&info),
        }
        .write(db, caller, now)?;
        // The file is written last, under the write lock; the old emblem's
        // file stays (letters made with it keep their look in the record).
        let path = self.paths.root.join(&rel);
        let same = std::fs::read(&path)
            .map(|b| sha256_hex(&b) == info.sha256)
            .unwrap_or(false);
        if !same {
            write_atomic(&path, bytes)?;
        }
        Ok(info)
    }
}

/// Standard base64 with padding (RFC 4648), for `data:` URLs.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn emblem_is_judged_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = crate::testing::office(dir.path());
        let e = loket
            .set_emblem(&admin, b"GIF89a not an emblem")
            .unwrap_err();
        assert!(e.message.id.contains("PNG atau JPEG"), "{}", e.message.id);
        let tiny = crate::testing::png(20, 20, 1);
        let e = loket.set_emblem(&admin, &tiny).unwrap_err();
        assert!(e.message.en.contains("too small"), "{}", e.message.en);
        let info = loket
            .set_emblem(&admin, &crate::testing::png(200, 240, 3))
            .unwrap();
        assert!(info.path.starts_with("surat/lambang-") && info.path.ends_with(".png"));
        assert!(dir.path().join(&info.path).is_file());
        assert!(
            loket
                .emblem_data_url()
                .unwrap()
                .unwrap()
                .starts_with("data:image/png;base64,")
        );
    }
}
