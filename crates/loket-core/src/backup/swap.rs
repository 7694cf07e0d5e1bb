//! Replacing a data folder with renames, so that at every instant the old
//! data or the new data is complete on disk, and a crash between the two
//! renames is finished on the next start.
//!
//! Beside the data folder `D` (same parent, so the same file system):
//! - `D-memulihkan-<time>`: the staging folder being filled and checked;
//! - `D-sebelum-pulih-<time>`: the data a restore replaced (the newest
//!   [`super::KEEP_PREVIOUS`] are kept);
//! - `D-pulih.json`: the journal, present only while the two renames run.

use super::rename_with_retry;
use crate::error::{Error, Result};
use crate::t;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

const STAGING_MARK: &str = "-memulihkan-";
const PREVIOUS_MARK: &str = "-sebelum-pulih-";
const JOURNAL_SUFFIX: &str = "-pulih.json";

/// The names around one data folder.
pub(crate) struct Plan {
    pub data_dir: PathBuf,
    parent: PathBuf,
    name: OsString,
}

#[derive(Serialize, Deserialize)]
struct Journal {
    staging: PathBuf,
    previous: PathBuf,
}

impl Plan {
    pub(crate) fn new(data_dir: &Path) -> Result<Plan> {
        let data_dir = std::path::absolute(data_dir).map_err(|e| Error::io(data_dir, &e))?;
        let (Some(parent), Some(name)) = (data_dir.parent(), data_dir.file_name()) else {
            let p = data_dir.display();
            return Err(Error::invalid(t!(
                "Folder data {p} tidak dapat dipulihkan di tempat itu; pilih folder data di dalam folder lain.",
                "The data folder {p} cannot be restored there; choose a data folder inside another folder."
            )));
        };
        Ok(Plan {
            parent: parent.to_path_buf(),
            name: name.to_owned(),
            data_dir: data_dir.clone(),
        })
    }

    /// The folder that holds the data folder and its siblings.
    pub(crate) fn parent(&self) -> &Path {
        &self.parent
    }

    fn sibling(&self, mark: &str, stamp: &str) -> PathBuf {
        let mut n = self.name.clone();
        n.push(mark);
        n.push(stamp);
        self.parent.join(n)
    }

    pub(crate) fn staging(&self, stamp: &str) -> PathBuf {
        self.sibling(STAGING_MARK, stamp)
    }

    pub(crate) fn previous(&self, stamp: &str) -> PathBuf {
        self.sibling(PREVIOUS_MARK, stamp)
    }

    fn journal(&self) -> PathBuf {
        self.sibling(JOURNAL_SUFFIX, "")
    }

    /// Sibling folders whose name is `D<mark>…`, sorted by name (oldest
    /// first: the time stamps sort as text).
    fn siblings(&self, mark: &str) -> Vec<PathBuf> {
        let mut prefix = self.name.clone();
        prefix.push(mark);
        let prefix = prefix.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(&prefix).then(|| (name, e.path()))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, p)| p).collect()
    }
}

/// A time stamp no staging or previous folder uses yet.
pub(crate) fn unique_stamp(plan: &Plan) -> String {
    let base = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut stamp = base.clone();
    let mut n = 2;
    while plan.staging(&stamp).exists() || plan.previous(&stamp).exists() {
        stamp = format!("{base}-{n}");
        n += 1;
    }
    stamp
}

/// Completes a restore that was interrupted between its two renames (power
/// cut, killed process), so the office never opens to a missing or empty
/// folder while its restored data waits beside it. [`crate::Loket::open`]
/// runs this; it does nothing when no restore was under way. Returns true
/// when it had something to finish.
pub fn finish_interrupted_restore(data_dir: &Path) -> Result<bool> {
    match Plan::new(data_dir) {
        Ok(plan) => finish(&plan),
        // A folder without a parent (a drive's root) never had a restore.
        Err(_) => Ok(false),
    }
}

pub(crate) fn finish(plan: &Plan) -> Result<bool> {
    let journal_path = plan.journal();
    let Ok(text) = std::fs::read_to_string(&journal_path) else {
        return Ok(false);
    };
    let Ok(j) = serde_json::from_str::<Journal>(&text) else {
        // A journal cut short was written before any rename: nothing moved.
        let _ = std::fs::remove_file(&journal_path);
        return Ok(false);
    };
    if !plan.data_dir.exists() {
        // Between the renames: the checked new data is complete in staging.
        let from = if j.staging.is_dir() {
            &j.staging
        } else {
            &j.previous
        };
        if from.is_dir() {
            rename_with_retry(from, &plan.data_dir).map_err(|e| Error::io(from, &e))?;
            sync_dir(&plan.parent);
        }
    } else if j.staging.is_dir() && !j.previous.exists() {
        // Before the first rename: the old data never moved; drop staging.
        let _ = std::fs::remove_dir_all(&j.staging);
    }
    std::fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, &e))?;
    sync_dir(&plan.parent);
    Ok(true)
}

/// Removes staging folders an earlier, failed restore left behind.
pub(crate) fn remove_stale_staging(plan: &Plan) {
    for dir in plan.siblings(STAGING_MARK) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Swaps `staging` in as the data folder, moving the current data (if
/// any) to `previous`. Returns where the previous data went.
pub(crate) fn swap_in(plan: &Plan, staging: &Path, previous: &Path) -> Result<Option<PathBuf>> {
    let journal_path = plan.journal();
    let journal = serde_json::to_vec(&Journal {
        staging: staging.to_path_buf(),
        previous: previous.to_path_buf(),
    })?;
    write_synced(&journal_path, &journal)?;
    sync_dir(&plan.parent);

    let had_data = plan.data_dir.exists();
    if had_data && let Err(e) = rename_with_retry(&plan.data_dir, previous) {
        let _ = std::fs::remove_file(&journal_path);
        return Err(in_use_or_io(&plan.data_dir, &e));
    }
    if let Err(e) = rename_with_retry(staging, &plan.data_dir) {
        // Put the old data back; the journal stays if even that fails, so
        // the next start finishes the job.
        if had_data && rename_with_retry(previous, &plan.data_dir).is_ok() {
            let _ = std::fs::remove_file(&journal_path);
        }
        return Err(in_use_or_io(&plan.data_dir, &e));
    }
    sync_dir(&plan.parent);
    std::fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, &e))?;
    sync_dir(&plan.parent);
    Ok(had_data.then(|| previous.to_path_buf()))
}

fn in_use_or_io(dir: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        let p = dir.display();
        return Error::conflict(t!(
            "Folder data {p} tidak dapat dipindahkan karena masih dipakai (jendela Loket TTE, Explorer, atau antivirus). Tutup program yang membukanya, lalu pulihkan lagi. Tidak ada yang diubah.",
            "The data folder {p} cannot be moved because it is in use (a Loket TTE window, Explorer or an antivirus). Close whatever has it open, then restore again. Nothing was changed."
        ));
    }
    Error::io(dir, e)
}

/// Moves the automatic backups from the replaced data into the restored
/// folder, so the office keeps its history of backups. Best effort: if it
/// fails they stay in the previous folder, which is kept.
pub(crate) fn carry_backups(previous: &Path, data_dir: &Path) {
    let from = crate::paths::DataPaths::new(previous).backups();
    let to = crate::paths::DataPaths::new(data_dir).backups();
    if from.is_dir() && !to.exists() && rename_with_retry(&from, &to).is_ok() {
        sync_dir(data_dir);
    }
}

/// Keeps the newest `keep` previous-data folders; returns those removed.
pub(crate) fn prune_previous(plan: &Plan, keep: usize) -> Vec<PathBuf> {
    let all = plan.siblings(PREVIOUS_MARK);
    let excess = all.len().saturating_sub(keep);
    all.into_iter()
        .take(excess)
        .filter(|p| std::fs::remove_dir_all(p).is_ok())
        .collect()
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, &e))?;
    f.write_all(bytes).map_err(|e| Error::io(path, &e))?;
    f.sync_all().map_err(|e| Error::io(path, &e))
}

/// Makes a rename in `dir` durable. On Unix a directory's entries reach the
/// disk only when the directory itself is synced; Windows cannot open a
/// folder this way, and NTFS journals the rename itself.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        if let Ok(f) = std::fs::File::open(dir) {
            let _ = f.sync_all();
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(root: &Path) -> Plan {
        Plan::new(&root.join("data")).unwrap()
    }

    #[test]
    fn a_crash_between_the_renames_is_finished_on_the_next_start() {
        let root = tempfile::tempdir().unwrap();
        let p = plan(root.path());
        let staging = p.staging("20261121-090000");
        let previous = p.previous("20261121-090000");
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("baru"), b"new").unwrap();
        std::fs::create_dir_all(&previous).unwrap();
        std::fs::write(previous.join("lama"), b"old").unwrap();
        // The state after the first rename: no data folder, journal written.
        write_synced(
            &p.journal(),
            &serde_json::to_vec(&Journal {
                staging: staging.clone(),
                previous: previous.clone(),
            })
            .unwrap(),
        )
        .unwrap();
        assert!(finish_interrupted_restore(&p.data_dir).unwrap());
        assert!(p.data_dir.join("baru").is_file());
        assert!(previous.join("lama").is_file());
        assert!(!p.journal().exists());
        assert!(!finish_interrupted_restore(&p.data_dir).unwrap());
    }

    #[test]
    fn a_crash_before_the_first_rename_keeps_the_old_data() {
        let root = tempfile::tempdir().unwrap();
        let p = plan(root.path());
        let staging = p.staging("s");
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::create_dir_all(&p.data_dir).unwrap();
        std::fs::write(p.data_dir.join("lama"), b"old").unwrap();
        write_synced(
            &p.journal(),
            &serde_json::to_vec(&Journal {
                staging: staging.clone(),
                previous: p.previous("s"),
            })
            .unwrap(),
        )
        .unwrap();
        assert!(finish_interrupted_restore(&p.data_dir).unwrap());
        assert!(p.data_dir.join("lama").is_file());
        assert!(!staging.exists());
    }

    #[test]
    fn pruning_keeps_the_newest() {
        let root = tempfile::tempdir().unwrap();
        let p = plan(root.path());
        for s in ["20261119-1", "20261120-1", "20261121-1"] {
            std::fs::create_dir_all(p.previous(s)).unwrap();
        }
        let removed = prune_previous(&p, 2);
        assert_eq!(removed, [p.previous("20261119-1")]);
        assert!(p.previous("20261121-1").is_dir());
    }
}
