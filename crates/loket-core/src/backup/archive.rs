//! The `.loketbak` file itself: writing it, and reading it without trusting
//! it. Entry names are part of the format (`loket.sqlite3`, `dokumen/…`,
//! `surat/…`, `manifest.json`), independent of the data folder's layout.

use super::{BackupInfo, FORMAT, Manifest, ManifestFile, Meter, human_bytes};
use crate::documents::hex;
use crate::error::{Error, Result};
use crate::paths::DataPaths;
use crate::store::snapshot::DatabaseFacts;
use crate::t;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

pub(crate) const MANIFEST_ENTRY: &str = "manifest.json";
pub(crate) const DATABASE_ENTRY: &str = "loket.sqlite3";
const DOCUMENTS_ENTRY: &str = "dokumen";
const LETTERS_ENTRY: &str = "surat";

/// Declared contents larger than this many times the file are refused
/// (a zip bomb would fill the disk) ...
const MAX_EXPANSION: u64 = 20;
/// ... unless they are this small anyway: a nearly empty database
/// compresses far better than 20 to 1.
const EXPANSION_FLOOR: u64 = 256 << 20;
/// The manifest is read into memory; no real one comes near this.
const MAX_MANIFEST: u64 = 64 << 20;
const CHUNK: usize = 256 * 1024;
/// Files still being written: the document store writes `.tmp-<id>` and
/// renames it into place, so such a file is never part of the office's data.
const IN_PROGRESS_PREFIX: &str = ".tmp-";

/// A file to pack: where it is and its entry name.
pub(crate) struct Source {
    pub entry: String,
    pub path: PathBuf,
    pub size: u64,
}

/// Lists the document store and the letters, sorted, sizes included.
/// Symbolic links and other special files are not followed or packed.
pub(crate) fn collect_files(paths: &DataPaths) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for (dir, entry) in [
        (paths.documents(), DOCUMENTS_ENTRY),
        (paths.letters(), LETTERS_ENTRY),
    ] {
        if dir.is_dir() {
            walk(&dir, entry, &mut out)?;
        }
    }
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<Source>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|e| Error::io(dir, &e))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Some(name) = e.file_name().to_str().map(str::to_string) else {
            let p = path.display();
            return Err(Error::invalid(t!(
                "Nama berkas {p} tidak dapat dicadangkan (bukan teks yang sah). Ganti nama berkas itu, lalu cadangkan lagi.",
                "The file name {p} cannot be backed up (not valid text). Rename that file, then back up again."
            )));
        };
        if name.starts_with(IN_PROGRESS_PREFIX) {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, &e))?;
        let entry = format!("{prefix}/{name}");
        if meta.is_dir() {
            walk(&path, &entry, out)?;
        } else if meta.is_file() {
            out.push(Source {
                entry,
                path,
                size: meta.len(),
            });
        }
    }
    Ok(())
}

/// Files that are compressed already: stored as they are, which is much
/// faster and no bigger.
pub(crate) fn already_compressed(name: &str) -> bool {
    const EXT: [&str; 18] = [
        "pdf", "jpg", "jpeg", "png", "gif", "webp", "heic", "zip", "gz", "7z", "rar", "docx",
        "xlsx", "pptx", "odt", "ods", "mp4", "loketbak",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXT.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

pub(crate) fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => Error::io(path, &io),
        other => Error::internal(format!("zip: {other}")),
    }
}

/// Packs the database copy and the files into `part`, then the manifest,
/// and syncs the file to disk. A document deleted while the backup runs is
/// left out; the database copy must be there.
pub(crate) fn write_archive(
    part: &Path,
    db_copy: &Path,
    files: &[Source],
    created_at: &str,
    schema_version: i64,
    meter: &mut Meter,
) -> Result<Manifest> {
    let file = File::create(part).map_err(|e| Error::io(part, &e))?;
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
    let modified = zip_time(created_at);
    let mut manifest = Manifest {
        format: FORMAT.to_string(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        created_at: created_at.to_string(),
        schema_version,
        files: Vec::with_capacity(files.len() + 1),
    };
    let db_size = std::fs::metadata(db_copy)
        .map_err(|e| Error::io(db_copy, &e))?
        .len();
    let db = Source {
        entry: DATABASE_ENTRY.to_string(),
        path: db_copy.to_path_buf(),
        size: db_size,
    };
    let mut buf = vec![0u8; CHUNK];
    for (i, src) in std::iter::once(&db).chain(files).enumerate() {
        let mut input = match File::open(&src.path) {
            Ok(f) => f,
            Err(e) if i > 0 && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&src.path, &e)),
        };
        let options = SimpleFileOptions::default()
            .compression_method(if already_compressed(&src.entry) {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .compression_level(if already_compressed(&src.entry) {
                None
            } else {
                // 1..9 selects flate2 (zopfli would take minutes). On the
                // 32 MB database of a 20,000-person office, level 6 packs
                // 13% smaller than level 1 for about half a second more.
                Some(6)
            })
            .last_modified_time(modified)
            // Room for ZIP64 sizes when a file nears 4 GiB.
            .large_file(src.size >= 0xF000_0000);
        zip.start_file(src.entry.as_str(), options)
            .map_err(|e| zip_error(part, e))?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        loop {
            let n = input.read(&mut buf).map_err(|e| Error::io(&src.path, &e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            zip.write_all(&buf[..n]).map_err(|e| Error::io(part, &e))?;
            size += n as u64;
            meter.add(n as u64)?;
        }
        manifest.files.push(ManifestFile {
            path: src.entry.clone(),
            size,
            sha256: hex(&hasher.finalize()),
        });
    }
    let json = serde_json::to_vec_pretty(&manifest)?;
    zip.start_file(
        MANIFEST_ENTRY,
        SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(6))
            .last_modified_time(modified),
    )
    .map_err(|e| zip_error(part, e))?;
    zip.write_all(&json).map_err(|e| Error::io(part, &e))?;
    let writer = zip.finish().map_err(|e| zip_error(part, e))?;
    let file = writer
        .into_inner()
        .map_err(|e| Error::io(part, e.error()))?;
    file.sync_all().map_err(|e| Error::io(part, &e))?;
    Ok(manifest)
}

pub(crate) fn zip_time(stamp: &str) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    crate::clock::parse_stamp(stamp)
        .and_then(|t| {
            zip::DateTime::from_date_and_time(
                u16::try_from(t.year()).ok()?,
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// A backup file whose structure passed every check: its manifest, and
/// for each listed file the index of its zip entry.
pub(crate) struct Opened {
    archive: ZipArchive<BufReader<File>>,
    manifest: Manifest,
    file_bytes: u64,
    entries: Vec<(usize, ManifestFile)>,
}

impl Opened {
    pub(crate) fn content_bytes(&self) -> u64 {
        self.manifest.files.iter().map(|f| f.size).sum()
    }

    pub(crate) fn info(&self, file: &Path, db: &DatabaseFacts) -> BackupInfo {
        let under = |dir: &str| {
            self.manifest
                .files
                .iter()
                .filter(|f| f.path.strip_prefix(dir).is_some_and(|r| r.starts_with('/')))
                .count()
        };
        let agency = db.agency.as_ref().map(|a| {
            let field = |k: &str| a.get(k).and_then(|v| v.as_str()).unwrap_or("").trim();
            [field("dinas"), field("pemda")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        });
        BackupInfo {
            file: file.to_path_buf(),
            file_bytes: self.file_bytes,
            format: self.manifest.format.clone(),
            app_version: self.manifest.app_version.clone(),
            created_at: self.manifest.created_at.clone(),
            schema_version: db.schema_version,
            files: self.manifest.files.len(),
            documents: under(DOCUMENTS_ENTRY),
            letters: under(LETTERS_ENTRY),
            content_bytes: self.content_bytes(),
            database_bytes: self
                .manifest
                .files
                .iter()
                .find(|f| f.path == DATABASE_ENTRY)
                .map_or(0, |f| f.size),
            people: db.people,
            requests: db.requests,
            users: db.users,
            agency: agency.filter(|a| !a.is_empty()),
        }
    }
}

fn not_a_backup(file: &Path) -> Error {
    let p = file.display();
    Error::invalid(t!(
        "Berkas {p} bukan berkas cadangan Loket TTE (.loketbak). Pilih berkas cadangan yang dibuat oleh menu Cadangkan Data.",
        "The file {p} is not a Loket TTE backup (.loketbak). Choose a backup file made with Back Up Data."
    ))
}

fn damaged(file: &Path, detail: &str) -> Error {
    let p = file.display();
    Error::invalid(t!(
        "Berkas cadangan {p} rusak atau tidak lengkap ({detail}); mungkin terpotong saat disalin. Salin ulang berkas dari sumbernya, atau pakai cadangan lain.",
        "The backup file {p} is damaged or incomplete ({detail}); it may have been cut short while copying. Copy it again from its source, or use another backup."
    ))
}

fn unsafe_entry(name: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Cadangan ditolak: berisi berkas dengan jalur tidak aman \"{name}\" yang dapat menulis di luar folder data. Jangan pakai berkas ini; pilih cadangan lain.",
        "Backup refused: it holds a file with the unsafe path \"{name}\", which could write outside the data folder. Do not use this file; choose another backup."
    ))
}

/// Whether a zip entry name is safe to extract anywhere: relative,
/// `/`-separated (no backslash), no `.` or `..` part, no drive letter or
/// stream colon, no empty part, and nothing Windows cannot create (reserved
/// device names, trailing dots or spaces, `<>"|?*`, control characters).
/// A trailing `/` (a folder entry) is allowed. Shared by backups and
/// bundles, which each add their own rule on the top-level names.
pub(crate) fn is_safe_entry_name(name: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let bad_char = |c: char| c.is_control() || "\\:<>\"|?*".contains(c);
    if name.is_empty() || name.starts_with('/') || name.chars().any(bad_char) {
        return false;
    }
    let path = name.strip_suffix('/').unwrap_or(name);
    path.split('/').all(|part| {
        let stem = part.split('.').next().unwrap_or("").to_ascii_lowercase();
        !(part.is_empty()
            || part == "."
            || part == ".."
            || part.ends_with('.')
            || part.ends_with(' ')
            || RESERVED.contains(&stem.as_str()))
    })
}

/// Checks one entry name: relative, `/`-separated, no `..`, no drive or
/// stream colon, nothing Windows cannot create, and under one of the
/// format's own top-level names.
pub(crate) fn check_entry_name(name: &str) -> Result<()> {
    if !is_safe_entry_name(name) {
        return Err(unsafe_entry(name));
    }
    let path = name.strip_suffix('/').unwrap_or(name);
    let parts: Vec<&str> = path.split('/').collect();
    let known = match parts.as_slice() {
        [one] => *one == DATABASE_ENTRY || *one == MANIFEST_ENTRY || name.ends_with('/'),
        [first, ..] => *first == DOCUMENTS_ENTRY || *first == LETTERS_ENTRY,
        [] => false,
    };
    let top_dir_only = parts.len() == 1 && name.ends_with('/');
    if !known || (top_dir_only && path != DOCUMENTS_ENTRY && path != LETTERS_ENTRY) {
        let name = name.escape_debug();
        return Err(Error::invalid(t!(
            "Cadangan berisi berkas \"{name}\" yang tidak dikenal, jadi bukan cadangan Loket TTE yang utuh. Pakai cadangan lain.",
            "The backup holds an unknown file \"{name}\", so it is not an intact Loket TTE backup. Use another backup."
        )));
    }
    Ok(())
}

/// Opens a backup and checks its structure without extracting anything:
/// a zip, every entry name safe, the claimed sizes sane, a manifest of the
/// known format that lists exactly the files in the zip with their sizes.
pub(crate) fn open_backup(file: &Path) -> Result<Opened> {
    let mut f = File::open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            let p = file.display();
            Error::not_found(t!(
                "Berkas cadangan {p} tidak ditemukan.",
                "The backup file {p} was not found."
            ))
        } else {
            Error::io(file, &e)
        }
    })?;
    let file_bytes = f.metadata().map_err(|e| Error::io(file, &e))?.len();
    let mut magic = [0u8; 4];
    if f.read_exact(&mut magic).is_err() || magic != *b"PK\x03\x04" {
        return Err(not_a_backup(file));
    }
    let mut archive = ZipArchive::new(BufReader::with_capacity(1 << 20, f))
        .map_err(|e| damaged(file, &e.to_string()))?;

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
        check_entry_name(&name)?;
        if entry.is_symlink() {
            return Err(unsafe_entry(&name));
        }
        if entry.is_dir() {
            continue;
        }
        declared = declared.saturating_add(entry.size());
        if name == MANIFEST_ENTRY {
            manifest_at = Some((i, entry.size()));
        } else if by_name.insert(name.clone(), (i, entry.size())).is_some() {
            return Err(damaged(file, &format!("\"{name}\" twice")));
        }
    }
    let limit = file_bytes
        .saturating_mul(MAX_EXPANSION)
        .max(EXPANSION_FLOOR);
    if declared > limit {
        let claimed = human_bytes(declared);
        let size = human_bytes(file_bytes);
        let (c_id, c_en, s_id, s_en) = (&claimed.id, &claimed.en, &size.id, &size.en);
        return Err(Error::invalid(t!(
            "Cadangan ditolak: isinya mengaku {c_id}, lebih dari {MAX_EXPANSION} kali ukuran berkasnya ({s_id}). Berkas ini rusak atau dibuat untuk memenuhi disk; pakai cadangan lain.",
            "Backup refused: its contents claim {c_en}, more than {MAX_EXPANSION} times the file's size ({s_en}). The file is damaged or made to fill the disk; use another backup."
        )));
    }

    let Some((manifest_index, manifest_size)) = manifest_at else {
        let p = file.display();
        return Err(Error::invalid(t!(
            "Berkas {p} tidak berisi daftar isi (manifest.json), jadi bukan cadangan Loket TTE yang utuh. Pakai cadangan lain.",
            "The file {p} has no table of contents (manifest.json), so it is not an intact Loket TTE backup. Use another backup."
        )));
    };
    if manifest_size > MAX_MANIFEST {
        return Err(damaged(file, "manifest.json too large"));
    }
    let mut text = String::new();
    archive
        .by_index(manifest_index)
        .map_err(|e| damaged(file, &e.to_string()))?
        .take(MAX_MANIFEST)
        .read_to_string(&mut text)
        .map_err(|e| damaged(file, &format!("manifest.json: {e}")))?;
    let manifest = parse_manifest(&text)?;

    let mut entries = Vec::with_capacity(manifest.files.len());
    for f in &manifest.files {
        check_entry_name(&f.path)?;
        let Some((index, size)) = by_name.remove(&f.path) else {
            return Err(mismatch(&f.path, MismatchKind::Missing));
        };
        if size != f.size
            || f.sha256.len() != 64
            || !f.sha256.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(mismatch(&f.path, MismatchKind::Content));
        }
        entries.push((index, f.clone()));
    }
    if let Some(extra) = by_name.keys().min() {
        return Err(mismatch(extra, MismatchKind::Unlisted));
    }
    if !manifest.files.iter().any(|f| f.path == DATABASE_ENTRY) {
        return Err(Error::invalid(t!(
            "Cadangan ini tidak berisi basis data (loket.sqlite3), jadi tidak dapat dipulihkan. Pakai cadangan lain.",
            "This backup holds no database (loket.sqlite3), so it cannot be restored. Use another backup."
        )));
    }
    Ok(Opened {
        archive,
        manifest,
        file_bytes,
        entries,
    })
}

fn parse_manifest(text: &str) -> Result<Manifest> {
    // The format is read first on its own, so a newer format says so
    // instead of failing on a field this version does not know.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| {
        Error::invalid(t!(
            "Daftar isi cadangan (manifest.json) rusak: {e}. Pakai cadangan lain.",
            "The backup's table of contents (manifest.json) is damaged: {e}. Use another backup."
        ))
    })?;
    let format = head.format.unwrap_or_default();
    if format != FORMAT {
        let version = env!("CARGO_PKG_VERSION");
        return Err(Error::invalid(t!(
            "Format cadangan \"{format}\" tidak dikenal oleh Loket TTE {version} (yang dikenal: {FORMAT}). Jika cadangan dibuat oleh versi yang lebih baru, perbarui Loket TTE lalu coba lagi.",
            "The backup format \"{format}\" is unknown to Loket TTE {version} (known: {FORMAT}). If a newer version made the backup, update Loket TTE and try again."
        )));
    }
    serde_json::from_str(text).map_err(|e| {
        Error::invalid(t!(
            "Daftar isi cadangan (manifest.json) rusak: {e}. Pakai cadangan lain.",
            "The backup's table of contents (manifest.json) is damaged: {e}. Use another backup."
        ))
    })
}

enum MismatchKind {
    /// Listed in the manifest, absent from the zip.
    Missing,
    /// Listed, but its size or SHA-256 differs.
    Content,
    /// In the zip, absent from the manifest.
    Unlisted,
}

fn mismatch(name: &str, kind: MismatchKind) -> Error {
    let name = name.escape_debug();
    Error::invalid(match kind {
        MismatchKind::Missing => t!(
            "Cadangan tidak lengkap: berkas \"{name}\" tercatat di daftar isi tetapi tidak ada. Pakai cadangan lain.",
            "The backup is incomplete: \"{name}\" is listed in its table of contents but missing. Use another backup."
        ),
        MismatchKind::Content => t!(
            "Berkas \"{name}\" di dalam cadangan tidak sama dengan catatan daftar isinya (ukuran atau SHA-256 berbeda): cadangan rusak atau telah diubah. Pakai cadangan lain.",
            "The file \"{name}\" inside the backup does not match its table of contents (size or SHA-256 differs): the backup is damaged or was altered. Use another backup."
        ),
        MismatchKind::Unlisted => t!(
            "Cadangan berisi berkas \"{name}\" yang tidak tercatat di daftar isinya: cadangan telah diubah. Pakai cadangan lain.",
            "The backup holds \"{name}\", which its table of contents does not list: the backup was altered. Use another backup."
        ),
    })
}

/// Where extracted entries go.
pub(crate) enum Dest<'a> {
    /// Every file, laid out as a data folder (restore's staging folder).
    Folder(&'a Path),
    /// Only the database, into this folder; the rest is read and hashed
    /// (checking a backup without restoring it).
    DatabaseOnly(&'a Path),
}

/// Reads every listed entry, checking its size and SHA-256 against the
/// manifest as it goes, and writes it where `dest` says. Never writes more
/// than the manifest's size for an entry, whatever the zip claims.
pub(crate) fn extract(opened: &mut Opened, dest: Dest, meter: &mut Meter) -> Result<()> {
    let mut buf = vec![0u8; CHUNK];
    for (index, listed) in &opened.entries {
        meter.check()?;
        let target = match &dest {
            Dest::Folder(root) => Some(target_path(root, &listed.path)),
            Dest::DatabaseOnly(root) if listed.path == DATABASE_ENTRY => {
                Some(root.join(DATABASE_ENTRY))
            }
            Dest::DatabaseOnly(_) => None,
        };
        let mut out: Box<dyn Write> = match &target {
            Some(path) => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
                }
                let f = File::create_new(path).map_err(|e| Error::io(path, &e))?;
                Box::new(BufWriter::with_capacity(1 << 20, f))
            }
            None => Box::new(std::io::sink()),
        };
        let entry = opened
            .archive
            .by_index(*index)
            .map_err(|e| entry_damaged(&listed.path, &e.to_string()))?;
        let mut limited = entry.take(listed.size + 1);
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        loop {
            let n = limited
                .read(&mut buf)
                .map_err(|e| entry_damaged(&listed.path, &e.to_string()))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            if size > listed.size {
                return Err(mismatch(&listed.path, MismatchKind::Content));
            }
            hasher.update(&buf[..n]);
            if let Some(path) = &target {
                out.write_all(&buf[..n]).map_err(|e| Error::io(path, &e))?;
            }
            meter.add(n as u64)?;
        }
        if size != listed.size || hex(&hasher.finalize()) != listed.sha256.to_ascii_lowercase() {
            return Err(mismatch(&listed.path, MismatchKind::Content));
        }
        if let Some(path) = &target {
            out.flush().map_err(|e| Error::io(path, &e))?;
            drop(out);
            // Every file reaches the disk before the folders are swapped.
            File::open(path)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(path, &e))?;
        }
    }
    Ok(())
}

fn entry_damaged(name: &str, detail: &str) -> Error {
    let name = name.escape_debug();
    Error::invalid(t!(
        "Berkas \"{name}\" di dalam cadangan tidak dapat dibaca ({detail}): cadangan rusak. Pakai cadangan lain.",
        "The file \"{name}\" inside the backup cannot be read ({detail}): the backup is damaged. Use another backup."
    ))
}

/// The place of a checked entry name inside a data folder.
fn target_path(root: &Path, entry: &str) -> PathBuf {
    let paths = DataPaths::new(root);
    let mut parts = entry.split('/');
    let mut path = match parts.next() {
        Some(DOCUMENTS_ENTRY) => paths.documents(),
        Some(LETTERS_ENTRY) => paths.letters(),
        _ => return paths.database(),
    };
    for p in parts {
        path.push(p);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, ok: bool) {
        assert_eq!(check_entry_name(name).is_ok(), ok, "{name:?}");
    }

    #[test]
    fn entry_names() {
        for good in [
            "loket.sqlite3",
            "manifest.json",
            "dokumen/",
            "dokumen/2026/ktp-1.pdf",
            "surat/REQ-2026-00001 rekomendasi.pdf",
            "dokumen/Surat Pak Budi.jpg",
        ] {
            check(good, true);
        }
        for bad in [
            "",
            "../loket.sqlite3",
            "dokumen/../../etc/passwd",
            "/etc/passwd",
            "C:/Windows/system.ini",
            "C:loket.sqlite3",
            "dokumen\\..\\x",
            "dokumen//x",
            "dokumen/./x",
            "dokumen/aux.pdf",
            "dokumen/titik.",
            "dokumen/ada:aliran",
            "dokumen/baris\nbaru",
            "dokumen",
            "cadangan/x.loketbak",
            "lain.txt",
            "lain/",
        ] {
            check(bad, false);
        }
    }

    #[test]
    fn entries_map_into_the_data_folder() {
        let root = Path::new("/data");
        let p = DataPaths::new(root);
        assert_eq!(target_path(root, "loket.sqlite3"), p.database());
        assert_eq!(
            target_path(root, "dokumen/a/b.pdf"),
            p.documents().join("a").join("b.pdf")
        );
        assert_eq!(target_path(root, "surat/c.pdf"), p.letters().join("c.pdf"));
    }
}
