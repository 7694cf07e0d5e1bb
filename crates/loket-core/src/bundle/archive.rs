//! Writing a `.loket` file, and reading one without trusting it: the zip
//! itself, every entry's name (the same zip-slip rule as backups), the
//! claimed sizes (bomb guard), the manifest's format, and the size, SHA-256
//! and content type of every carried file, all before anything is stored.

use super::format::{FILES_DIR, FORMAT, MANIFEST_ENTRY, Manifest, content_sha256};
use crate::backup::archive::{already_compressed, is_safe_entry_name, zip_error, zip_time};
use crate::documents::{MAX_DOCUMENT_BYTES, format_size, sha256_hex};
use crate::error::{Error, Result};
use crate::t;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// At most this many carried files: a request has a handful of scans and
/// letters, never hundreds.
pub const MAX_FILES: usize = 64;
/// At most this many bytes of carried files in all (each file is at most
/// the document limit, 20 MB).
pub const MAX_CONTENT_BYTES: u64 = 250_000_000;
/// The manifest is read into memory; a real one is a few kilobytes.
const MAX_MANIFEST: u64 = 1 << 20;
/// Declared contents larger than this many times the file are refused ...
const MAX_EXPANSION: u64 = 20;
/// ... unless they are this small anyway.
const EXPANSION_FLOOR: u64 = 16 << 20;

/// A bundle whose every check passed: its manifest, the content of each
/// listed file (same order as `manifest.files`) and its content hash.
pub(crate) struct OpenedBundle {
    pub file: PathBuf,
    pub file_bytes: u64,
    pub manifest: Manifest,
    pub contents: Vec<Vec<u8>>,
    pub content_sha256: String,
}

/// Writes the bundle to `out` through `<out>.part`, renamed at the end, so
/// a failed export never leaves a partial bundle under the real name.
/// Returns the size of the file written.
pub(crate) fn write_bundle(out: &Path, manifest: &Manifest, contents: &[Vec<u8>]) -> Result<u64> {
    let part = {
        let mut name = out.as_os_str().to_owned();
        name.push(".part");
        PathBuf::from(name)
    };
    let written = (|| {
        let file = File::create(&part).map_err(|e| Error::io(&part, &e))?;
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
        let modified = zip_time(&manifest.created_at);
        let json = serde_json::to_vec_pretty(manifest)?;
        zip.start_file(
            MANIFEST_ENTRY,
            SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(6))
                .last_modified_time(modified),
        )
        .map_err(|e| zip_error(&part, e))?;
        zip.write_all(&json).map_err(|e| Error::io(&part, &e))?;
        for (listed, bytes) in manifest.files.iter().zip(contents) {
            // Scans are PDF, JPEG or PNG: compressed already, so stored.
            let method = if already_compressed(&listed.path) {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            zip.start_file(
                listed.path.as_str(),
                SimpleFileOptions::default()
                    .compression_method(method)
                    .last_modified_time(modified),
            )
            .map_err(|e| zip_error(&part, e))?;
            zip.write_all(bytes).map_err(|e| Error::io(&part, &e))?;
        }
        let writer = zip.finish().map_err(|e| zip_error(&part, e))?;
        let file = writer
            .into_inner()
            .map_err(|e| Error::io(&part, e.error()))?;
        file.sync_all().map_err(|e| Error::io(&part, &e))?;
        let size = file.metadata().map_err(|e| Error::io(&part, &e))?.len();
        drop(file);
        std::fs::rename(&part, out).map_err(|e| Error::io(out, &e))?;
        Ok(size)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written
}

fn not_a_bundle(file: &Path) -> Error {
    let p = file.display();
    Error::invalid(t!(
        "Berkas {p} bukan bundel Loket TTE (.loket). Pilih berkas bundel yang dibuat dengan tombol Ekspor bundel.",
        "The file {p} is not a Loket TTE bundle (.loket). Choose a bundle file made with Export bundle."
    ))
}

fn damaged(file: &Path, detail: &str) -> Error {
    let p = file.display();
    Error::invalid(t!(
        "Bundel {p} rusak atau tidak lengkap ({detail}); mungkin terpotong saat disalin ke flashdisk. Salin ulang berkasnya dari sumbernya, atau minta bundel baru.",
        "The bundle {p} is damaged or incomplete ({detail}); it may have been cut short while copying to the USB stick. Copy it again from its source, or ask for a new bundle."
    ))
}

fn unsafe_entry(name: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Bundel ditolak: berisi berkas dengan jalur tidak aman \"{name}\" yang dapat menulis di luar foldernya. Jangan pakai berkas ini; minta bundel baru dari pembuatnya.",
        "Bundle refused: it holds a file with the unsafe path \"{name}\", which could write outside its folder. Do not use this file; ask its maker for a new bundle."
    ))
}

fn unlisted(name: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Bundel berisi berkas \"{name}\" yang tidak tercatat di daftar isinya: bundel telah diubah. Jangan pakai berkas ini; minta bundel baru.",
        "The bundle holds \"{name}\", which its table of contents does not list: the bundle was altered. Do not use this file; ask for a new bundle."
    ))
}

fn missing(name: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Bundel tidak lengkap: berkas \"{name}\" tercatat di daftar isinya tetapi tidak ada di dalamnya. Minta bundel baru.",
        "The bundle is incomplete: \"{name}\" is listed in its table of contents but missing. Ask for a new bundle."
    ))
}

fn size_mismatch(name: &str, listed: u64, actual: u64) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Ukuran berkas \"{name}\" di dalam bundel ({actual} byte) tidak sama dengan catatan daftar isinya ({listed} byte): bundel rusak atau telah diubah. Minta bundel baru.",
        "The size of \"{name}\" inside the bundle ({actual} bytes) differs from its table of contents ({listed} bytes): the bundle is damaged or was altered. Ask for a new bundle."
    ))
}

fn hash_mismatch(name: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Isi berkas \"{name}\" di dalam bundel tidak cocok dengan sidik SHA-256 di daftar isinya: bundel rusak atau telah diubah. Jangan pakai berkas ini; minta bundel baru.",
        "The content of \"{name}\" inside the bundle does not match the SHA-256 in its table of contents: the bundle is damaged or was altered. Do not use this file; ask for a new bundle."
    ))
}

fn manifest_damaged(detail: impl std::fmt::Display) -> Error {
    Error::invalid(t!(
        "Daftar isi bundel (manifest.json) rusak: {detail}. Minta bundel baru.",
        "The bundle's table of contents (manifest.json) is damaged: {detail}. Ask for a new bundle."
    ))
}

/// Whether `name` is a carried file's entry: a safe name under `files/`.
fn is_file_entry(name: &str) -> bool {
    name.strip_prefix(FILES_DIR)
        .and_then(|r| r.strip_prefix('/'))
        .is_some_and(|rest| !rest.is_empty() && !rest.ends_with('/'))
}

/// Opens a bundle and checks everything in it. Nothing is written anywhere.
pub(crate) fn open_bundle(file: &Path) -> Result<OpenedBundle> {
    let mut f = File::open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            let p = file.display();
            Error::not_found(t!(
                "Berkas bundel {p} tidak ditemukan.",
                "The bundle file {p} was not found."
            ))
        } else {
            Error::io(file, &e)
        }
    })?;
    let meta = f.metadata().map_err(|e| Error::io(file, &e))?;
    if meta.is_dir() {
        return Err(not_a_bundle(file));
    }
    let file_bytes = meta.len();
    let mut magic = [0u8; 4];
    if f.read_exact(&mut magic).is_err() || magic != *b"PK\x03\x04" {
        return Err(not_a_bundle(file));
    }
    let mut archive = ZipArchive::new(BufReader::with_capacity(1 << 20, f))
        .map_err(|e| damaged(file, &e.to_string()))?;

    // Entry names and claimed sizes, before reading any content.
    let mut by_name: HashMap<String, (usize, u64)> = HashMap::new();
    let mut manifest_at = None;
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_data(i)
            .map_err(|e| damaged(file, &e.to_string()))?;
        let name = entry
            .name()
            .map_err(|_| unsafe_entry(&String::from_utf8_lossy(entry.name_raw())))?
            .into_owned();
        if !is_safe_entry_name(&name) || entry.is_symlink() {
            return Err(unsafe_entry(&name));
        }
        if entry.is_dir() {
            if name.trim_end_matches('/') != FILES_DIR {
                return Err(unlisted(&name));
            }
            continue;
        }
        if name != MANIFEST_ENTRY && !is_file_entry(&name) {
            return Err(unlisted(&name));
        }
        let limit = if name == MANIFEST_ENTRY {
            MAX_MANIFEST
        } else {
            MAX_DOCUMENT_BYTES
        };
        if entry.size() > limit {
            let claimed = format_size(entry.size());
            let cap = format_size(limit);
            let (c_id, c_en, l_id, l_en) = (&claimed.id, &claimed.en, &cap.id, &cap.en);
            let n = name.escape_debug();
            return Err(Error::invalid(t!(
                "Bundel ditolak: berkas \"{n}\" di dalamnya mengaku berukuran {c_id}, di atas batas {l_id}. Berkas ini rusak atau dibuat untuk memenuhi disk; jangan pakai berkas ini.",
                "Bundle refused: the file \"{n}\" inside claims {c_en}, over the {l_en} limit. The file is damaged or made to fill the disk; do not use it."
            )));
        }
        declared = declared.saturating_add(entry.size());
        if name == MANIFEST_ENTRY {
            if manifest_at.replace(i).is_some() {
                return Err(damaged(file, "manifest.json twice"));
            }
        } else if by_name.insert(name.clone(), (i, entry.size())).is_some() {
            return Err(damaged(file, &format!("\"{name}\" twice")));
        }
    }
    if by_name.len() > MAX_FILES {
        let n = by_name.len();
        return Err(Error::invalid(t!(
            "Bundel ditolak: berisi {n} berkas, padahal satu permohonan paling banyak membawa {MAX_FILES}. Minta bundel baru.",
            "Bundle refused: it holds {n} files, while one request carries at most {MAX_FILES}. Ask for a new bundle."
        )));
    }
    // The floor is below the ceiling (both constants), so clamp is safe.
    let limit = file_bytes
        .saturating_mul(MAX_EXPANSION)
        .clamp(EXPANSION_FLOOR, MAX_CONTENT_BYTES);
    if declared > limit {
        let claimed = format_size(declared);
        let size = format_size(file_bytes);
        let (c_id, c_en, s_id, s_en) = (&claimed.id, &claimed.en, &size.id, &size.en);
        return Err(Error::invalid(t!(
            "Bundel ditolak: isinya mengaku {c_id}, jauh melebihi ukuran berkasnya ({s_id}). Berkas ini rusak atau dibuat untuk memenuhi disk; jangan pakai berkas ini.",
            "Bundle refused: its contents claim {c_en}, far more than the file's size ({s_en}). The file is damaged or made to fill the disk; do not use it."
        )));
    }

    let Some(manifest_index) = manifest_at else {
        let p = file.display();
        return Err(Error::invalid(t!(
            "Berkas {p} tidak berisi daftar isi (manifest.json), jadi bukan bundel Loket TTE yang utuh. Minta bundel baru.",
            "The file {p} has no table of contents (manifest.json), so it is not an intact Loket TTE bundle. Ask for a new bundle."
        )));
    };
    let mut text = String::new();
    archive
        .by_index(manifest_index)
        .map_err(|e| damaged(file, &e.to_string()))?
        .take(MAX_MANIFEST)
        .read_to_string(&mut text)
        .map_err(|e| damaged(file, &format!("manifest.json: {e}")))?;
    let manifest = parse_manifest(&text)?;

    // The manifest lists exactly the files in the zip, each safe and sane.
    let mut listed_names = std::collections::HashSet::new();
    let mut order = Vec::with_capacity(manifest.files.len());
    for f in &manifest.files {
        if !is_safe_entry_name(&f.path) {
            return Err(unsafe_entry(&f.path));
        }
        if !is_file_entry(&f.path) {
            return Err(manifest_damaged(format!(
                "\"{}\" is not under {FILES_DIR}/",
                f.path.escape_debug()
            )));
        }
        if !listed_names.insert(f.path.as_str()) {
            return Err(manifest_damaged(format!(
                "\"{}\" listed twice",
                f.path.escape_debug()
            )));
        }
        if f.sha256.len() != 64 || !f.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(manifest_damaged(format!(
                "the SHA-256 of \"{}\"",
                f.path.escape_debug()
            )));
        }
        let Some((index, size)) = by_name.remove(&f.path) else {
            return Err(missing(&f.path));
        };
        if size != f.size {
            return Err(size_mismatch(&f.path, f.size, size));
        }
        order.push(index);
    }
    if let Some(extra) = by_name.keys().min() {
        return Err(unlisted(extra));
    }

    // Every file's content: never more than listed, hash and type checked.
    let mut contents = Vec::with_capacity(order.len());
    for (listed, index) in manifest.files.iter().zip(order) {
        let entry = archive.by_index(index).map_err(|e| {
            let name = listed.path.escape_debug();
            damaged(file, &format!("\"{name}\": {e}"))
        })?;
        let mut bytes = Vec::with_capacity(listed.size as usize);
        entry
            .take(listed.size + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                let name = listed.path.escape_debug();
                damaged(file, &format!("\"{name}\": {e}"))
            })?;
        if bytes.len() as u64 != listed.size {
            return Err(size_mismatch(&listed.path, listed.size, bytes.len() as u64));
        }
        if sha256_hex(&bytes) != listed.sha256.to_ascii_lowercase() {
            return Err(hash_mismatch(&listed.path));
        }
        contents.push(bytes);
    }
    let content_sha256 = content_sha256(&manifest);
    Ok(OpenedBundle {
        file: file.to_path_buf(),
        file_bytes,
        manifest,
        contents,
        content_sha256,
    })
}

fn parse_manifest(text: &str) -> Result<Manifest> {
    // The format is read first on its own, so a newer format says so
    // instead of failing on a field this version does not know.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    let head: Head = serde_json::from_str(text).map_err(manifest_damaged)?;
    let format = head.format.unwrap_or_default();
    if format != FORMAT {
        let version = env!("CARGO_PKG_VERSION");
        return Err(Error::invalid(if format.starts_with("loket-bundle/") {
            t!(
                "Bundel ini berformat \"{format}\", yang tidak dikenal oleh Loket TTE {version} (yang dikenal: {FORMAT}). Bundel itu dibuat oleh versi yang lebih baru: perbarui Loket TTE di komputer ini, lalu impor lagi.",
                "This bundle has the format \"{format}\", unknown to Loket TTE {version} (known: {FORMAT}). A newer version made it: update Loket TTE on this computer, then import again."
            )
        } else if format.starts_with("loket-backup/") {
            t!(
                "Berkas ini adalah cadangan data Loket TTE (\"{format}\"), bukan bundel permohonan. Cadangan dipulihkan lewat Pengaturan → Cadangan data.",
                "This file is a Loket TTE data backup (\"{format}\"), not a request bundle. Backups are restored in Settings → Backup."
            )
        } else {
            t!(
                "Format bundel \"{format}\" tidak dikenal (yang dikenal: {FORMAT}), jadi berkas ini bukan bundel Loket TTE. Minta bundel baru.",
                "The bundle format \"{format}\" is unknown (known: {FORMAT}), so this is not a Loket TTE bundle. Ask for a new bundle."
            )
        }));
    }
    let manifest: Manifest = serde_json::from_str(text).map_err(manifest_damaged)?;
    if uuid::Uuid::parse_str(&manifest.request.uuid).is_err() {
        return Err(manifest_damaged(format!(
            "request UUID \"{}\"",
            manifest.request.uuid.escape_debug()
        )));
    }
    match (manifest.kind, &manifest.status) {
        (super::BundleKind::Status, None) => {
            return Err(manifest_damaged("a status bundle without its status"));
        }
        (super::BundleKind::Request, Some(_)) => {
            return Err(manifest_damaged("a request bundle with a status"));
        }
        _ => {}
    }
    Ok(manifest)
}

/// The entry name for the `n`-th carried file (from 1): numbered and named
/// by kind and type, never by the original name, which stays in the
/// manifest for display.
pub(crate) fn entry_name(n: usize, kind: &str, ext: &str) -> String {
    format!("{FILES_DIR}/{n:02}-{kind}.{ext}")
}

/// A listed file's entry, for tests of the reader.
#[cfg(test)]
fn listed(path: &str, bytes: &[u8]) -> super::format::BundleFile {
    super::format::BundleFile {
        path: path.into(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        kind: "ktp".into(),
        original_name: "ktp.png".into(),
        mime: "image/png".into(),
        attached_at: None,
        letter: None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn file_entries_are_under_files() {
        for (name, ok) in [
            ("files/01-ktp.png", true),
            ("files/a/b.pdf", true),
            ("files/", false),
            ("files", false),
            ("manifest.json", false),
            ("lain/01.png", false),
        ] {
            assert_eq!(is_file_entry(name), ok, "{name}");
        }
        assert_eq!(
            entry_name(3, "sk_jabatan", "pdf"),
            "files/03-sk_jabatan.pdf"
        );
        assert_eq!(listed("files/x.png", b"abc").size, 3);
    }
}
