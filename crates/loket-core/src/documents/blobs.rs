//! The document store on disk: `dokumen/ab/abcdef….pdf`, each file named by
//! the SHA-256 of its content, sharded by the first two hex digits so no
//! folder grows past a few thousand entries. Content addressing gives three
//! things at once: the same scan attached twice is stored once, the name can
//! never be a path trick, and any change to a file is detectable.
//!
//! Files are written atomically (a temporary file in the same folder, fsync,
//! rename, fsync of the folder), so a crash leaves either the whole file or
//! none, never a half-written scan under a valid hash.

use super::content::FileType;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::t;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Prefix of temporary files; the integrity check reports leftovers.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of a digest, as stored and compared everywhere.
pub(crate) fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Hashes a file as it is on disk, streaming.
pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The document store rooted at the data folder's `dokumen/`.
pub(crate) struct Blobs<'a> {
    root: &'a Path,
}

/// What the integrity check found for one stored file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BlobState {
    Ok,
    Missing,
    /// The file is there but its content has another hash.
    Altered {
        actual: String,
    },
}

impl<'a> Blobs<'a> {
    pub(crate) fn new(root: &'a Path) -> Blobs<'a> {
        Blobs { root }
    }

    /// Where the file with this hash lives. The hash comes from the
    /// database; anything but 64 lower-case hex digits is refused so that a
    /// damaged row can never point outside the store.
    pub(crate) fn path(&self, sha256: &str, file_type: FileType) -> Result<PathBuf> {
        if !is_sha256_hex(sha256) {
            return Err(Error::internal(format!(
                "stored document hash is malformed: {sha256:?}"
            )));
        }
        Ok(self
            .root
            .join(&sha256[..2])
            .join(format!("{sha256}.{}", file_type.ext())))
    }

    /// Stores `bytes` under their hash. Returns true when this call created
    /// the file (so a failed transaction may take it back), false when the
    /// same content was already stored. A stored file whose content no
    /// longer matches its name is rewritten from `bytes`: re-attaching the
    /// original heals an altered file.
    pub(crate) fn put(&self, sha256: &str, file_type: FileType, bytes: &[u8]) -> Result<bool> {
        let path = self.path(sha256, file_type)?;
        let existed = path.exists();
        if existed {
            if sha256_file(&path).is_ok_and(|actual| actual == sha256) {
                return Ok(false);
            }
            // Replacing a read-only file fails on Windows.
            set_read_only(&path, false);
        }
        write_atomic(&path, bytes)?;
        set_read_only(&path, true);
        Ok(!existed)
    }

    /// Takes back a file this process just created, when the record that
    /// was to point at it was not stored. Best effort: a leftover file is
    /// harmless and the integrity check lists it as unreferenced.
    pub(crate) fn take_back(&self, sha256: &str, file_type: FileType) {
        if let Ok(path) = self.path(sha256, file_type) {
            let _ = std::fs::remove_file(path);
        }
    }

    pub(crate) fn state(&self, sha256: &str, file_type: FileType) -> Result<BlobState> {
        let path = self.path(sha256, file_type)?;
        match sha256_file(&path) {
            Ok(actual) if actual == sha256 => Ok(BlobState::Ok),
            Ok(actual) => Ok(BlobState::Altered { actual }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BlobState::Missing),
            Err(e) => Err(Error::io(&path, &e)),
        }
    }

    /// Reads a stored file, refusing it when it is missing or its content
    /// no longer matches its hash: an altered scan is never shown as if it
    /// were the one attached.
    pub(crate) fn read_verified(
        &self,
        sha256: &str,
        file_type: FileType,
        name: &str,
    ) -> Result<Vec<u8>> {
        let path = self.path(sha256, file_type)?;
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(missing_file(name, &path));
            }
            Err(e) => return Err(Error::io(&path, &e)),
        };
        if sha256_hex(&bytes) != sha256 {
            return Err(altered_file(name, &path));
        }
        Ok(bytes)
    }

    /// Checks that a stored file is present and intact, and returns its
    /// path.
    pub(crate) fn verified_path(
        &self,
        sha256: &str,
        file_type: FileType,
        name: &str,
    ) -> Result<PathBuf> {
        let path = self.path(sha256, file_type)?;
        match self.state(sha256, file_type)? {
            BlobState::Ok => Ok(path),
            BlobState::Missing => Err(missing_file(name, &path)),
            BlobState::Altered { .. } => Err(altered_file(name, &path)),
        }
    }

    /// Every file under the store, relative paths included, for finding
    /// files no record names. A store that does not exist yet is empty.
    pub(crate) fn all_files(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let shards = match std::fs::read_dir(self.root) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(Error::io(self.root, &e)),
        };
        for shard in shards {
            let shard = shard.map_err(|e| Error::io(self.root, &e))?.path();
            if !shard.is_dir() {
                out.push(shard);
                continue;
            }
            for entry in std::fs::read_dir(&shard).map_err(|e| Error::io(&shard, &e))? {
                out.push(entry.map_err(|e| Error::io(&shard, &e))?.path());
            }
        }
        out.sort();
        Ok(out)
    }
}

fn missing_file(name: &str, path: &Path) -> Error {
    let p = path.display();
    Error::new(
        crate::ErrorKind::Io,
        t!(
            "Berkas dokumen \"{name}\" hilang dari penyimpanan ({p}). Jalankan pemeriksaan berkas dan pulihkan dari cadangan.",
            "The file of document \"{name}\" is missing from the store ({p}). Run the file check and restore it from a backup."
        ),
    )
}

fn altered_file(name: &str, path: &Path) -> Error {
    let p = path.display();
    Error::new(
        crate::ErrorKind::Io,
        t!(
            "Berkas dokumen \"{name}\" telah berubah sejak dilampirkan (isinya tidak cocok dengan sidik SHA-256-nya; {p}). Berkas itu tidak ditampilkan. Jalankan pemeriksaan berkas dan pulihkan dari cadangan.",
            "The file of document \"{name}\" has changed since it was attached (its content no longer matches its SHA-256; {p}). It is not shown. Run the file check and restore it from a backup."
        ),
    )
}

/// Writes a file so that it is either wholly there or not at all: a
/// temporary file in the same folder, flushed to disk, renamed over the
/// target, and the folder flushed so the rename itself survives a power cut.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    let tmp = dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, &e));
    }
    sync_dir(&dir);
    Ok(())
}

/// Marks a stored file read-only (or writable again before healing it).
/// Stored files are the office's record and are opened in system viewers;
/// read-only keeps an editor's "Save" from changing one. Best effort: the
/// integrity check catches what this does not prevent.
fn set_read_only(path: &Path, read_only: bool) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    let mut perms = meta.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(if read_only { 0o444 } else { 0o644 });
    }
    #[cfg(not(unix))]
    {
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(read_only);
    }
    let _ = std::fs::set_permissions(path, perms);
}

/// Flushes a folder's entries (the rename). Only Unix can open a folder as a
/// file; NTFS makes the rename durable with its own journal.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A file's size for people, the way the office writes numbers: `1,4 MB`,
/// `850 KB`, `312 byte` (decimal units, as AMS counts its 1 MB limit).
pub fn format_size(bytes: u64) -> Text {
    if bytes < 1000 {
        return t!("{bytes} byte", "{bytes} bytes");
    }
    if bytes < 999_500 {
        let kb = (bytes + 500) / 1000;
        return t!("{kb} KB", "{kb} KB");
    }
    let tenths = (bytes + 50_000) / 100_000;
    let (whole, frac) = (tenths / 10, tenths % 10);
    t!("{whole},{frac} MB", "{whole}.{frac} MB")
}

/// A count of bytes with thousands separators: `1.000.001` / `1,000,001`.
pub fn format_bytes(bytes: u64) -> Text {
    let digits = bytes.to_string();
    let mut groups = Vec::new();
    let mut end = digits.len();
    while end > 3 {
        groups.push(&digits[end - 3..end]);
        end -= 3;
    }
    groups.push(&digits[..end]);
    groups.reverse();
    Text::new(groups.join("."), groups.join(","))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_the_indonesian_way() {
        let check = |bytes: u64, id: &str, en: &str| {
            let t = format_size(bytes);
            assert_eq!((t.id.as_str(), t.en.as_str()), (id, en), "{bytes}");
        };
        check(0, "0 byte", "0 bytes");
        check(999, "999 byte", "999 bytes");
        check(1000, "1 KB", "1 KB");
        check(849_600, "850 KB", "850 KB");
        check(999_499, "999 KB", "999 KB");
        check(999_500, "1,0 MB", "1.0 MB");
        check(1_400_000, "1,4 MB", "1.4 MB");
        check(1_449_999, "1,4 MB", "1.4 MB");
        check(20_000_001, "20,0 MB", "20.0 MB");
        assert_eq!(format_bytes(1_000_001).id, "1.000.001");
        assert_eq!(format_bytes(1_000_001).en, "1,000,001");
        assert_eq!(format_bytes(999).id, "999");
        assert_eq!(format_bytes(123_456).id, "123.456");
    }

    #[test]
    fn hashes_are_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn malformed_hashes_never_become_paths() {
        let root = Path::new("/tmp/x");
        let blobs = Blobs::new(root);
        assert!(blobs.path("../../etc/passwd", FileType::Pdf).is_err());
        assert!(blobs.path(&"A".repeat(64), FileType::Pdf).is_err());
        let ok = blobs.path(&"ab".repeat(32), FileType::Png).unwrap();
        assert_eq!(ok, root.join("ab").join(format!("{}.png", "ab".repeat(32))));
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a").join("b.bin");
        write_atomic(&target, b"isi").unwrap();
        write_atomic(&target, b"isi baru").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"isi baru");
        let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.bin")]);
    }
}
