//! Backup and restore of an office's data.
//!
//! A backup is one `.loketbak` file: a zip holding a consistent copy of the
//! database (made with SQLite's online backup API, never a file copy), the
//! document store (`dokumen/`), the generated letters (`surat/`) and a
//! `manifest.json` that lists every file with its size and SHA-256.
//!
//! Restore trusts nothing in the file: it checks the zip, the format, every
//! entry's path, the claimed sizes, every hash and the database's integrity
//! and schema version, all into a staging folder beside the data folder.
//! Only then does it swap folders with renames, keeping the previous data in
//! a `…-sebelum-pulih-<time>` folder. A refused restore changes nothing.
//!
//! **Restore needs the office's data closed.** [`restore`] is a free
//! function because no [`Loket`] may be open on the folder while it runs: the
//! window must drop every `Loket` (and so its database connection) first,
//! then call [`restore`], then [`Loket::open`] again and ask everyone to sign
//! in again (user ids belong to the restored database). [`restore`] refuses
//! while any connection, in this process or another, holds the database.

pub(crate) mod archive;
mod swap;

pub use swap::finish_interrupted_restore;

use crate::auth::Caller;
use crate::clock::stamp;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::Role;
use crate::paths::DataPaths;
use crate::store::Store;
use crate::store::audit::NewAudit;
use crate::store::snapshot::{self, DatabaseFacts};
use crate::t;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The format name written in every manifest. A reader refuses any other.
pub const FORMAT: &str = "loket-backup/1";
/// The file extension of backup files.
pub const EXTENSION: &str = "loketbak";
/// Previous data folders kept after restores (`…-sebelum-pulih-<time>`).
pub const KEEP_PREVIOUS: usize = 2;
/// The actor the audit log names for a restore (a restore runs with the
/// office closed, so there is no signed-in user to name).
pub const RESTORE_ACTOR: &str = "pemulihan";

const KEEP_KEY: &str = "backup_keep";
const AUTO_KEY: &str = "backup_auto";
const AUTO_LAST_KEY: &str = "backup_auto_last";
const AUTO_PREFIX: &str = "loket-otomatis-";
const DEFAULT_KEEP: u32 = 7;
const MAX_KEEP: u32 = 100;

/// What a long operation is doing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Copying the database with SQLite's backup API.
    Database,
    /// Packing the database and the files into the backup file.
    Packing,
    /// Reading the backup file and checking every entry against its manifest.
    Checking,
    /// Checking the database inside the backup.
    CheckingDatabase,
    /// Swapping the data folder for the restored one.
    Replacing,
    Done,
}

impl Stage {
    pub fn label(self) -> Text {
        match self {
            Stage::Database => t!("Menyalin basis data", "Copying the database"),
            Stage::Packing => t!("Menulis berkas cadangan", "Writing the backup file"),
            Stage::Checking => t!("Memeriksa isi cadangan", "Checking the backup's contents"),
            Stage::CheckingDatabase => t!(
                "Memeriksa basis data di dalam cadangan",
                "Checking the database inside the backup"
            ),
            Stage::Replacing => t!("Mengganti data", "Replacing the data"),
            Stage::Done => t!("Selesai", "Done"),
        }
    }
}

/// Progress of a backup, restore or check. `done_bytes` and `total_bytes`
/// cover the whole operation, so one progress bar can show it; the total
/// may grow once the database's size is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupProgress {
    pub stage: Stage,
    pub done_bytes: u64,
    pub total_bytes: u64,
}

/// A finished backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    /// Size of the backup file.
    pub file_bytes: u64,
    /// Files inside, the database included.
    pub files: usize,
    /// Their size before compression.
    pub content_bytes: u64,
    pub database_bytes: u64,
    pub created_at: String,
    pub schema_version: i64,
}

/// What a backup file contains, after every check passed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub file_bytes: u64,
    pub format: String,
    pub app_version: String,
    pub created_at: String,
    pub schema_version: i64,
    /// Files inside, the database included.
    pub files: usize,
    pub documents: usize,
    pub letters: usize,
    pub content_bytes: u64,
    pub database_bytes: u64,
    pub people: i64,
    pub requests: i64,
    pub users: i64,
    /// "Dinas …, Pemerintah …" from the agency profile inside.
    pub agency: Option<String>,
}

impl BackupInfo {
    /// A few lines for a person deciding whether to restore this file.
    pub fn describe(&self) -> Text {
        let file = self.file.display();
        let created = &self.created_at;
        let version = &self.app_version;
        let agency = self.agency.as_deref().unwrap_or("-");
        let (people, requests, users) = (self.people, self.requests, self.users);
        let (documents, letters) = (self.documents, self.letters);
        let size = human_bytes(self.file_bytes);
        let (size_id, size_en) = (&size.id, &size.en);
        t!(
            "Berkas: {file} ({size_id})\nDibuat: {created} oleh Loket TTE {version}\nInstansi: {agency}\nIsi: {people} pegawai, {requests} permohonan, {users} akun pengguna, {documents} berkas dokumen, {letters} berkas surat",
            "File: {file} ({size_en})\nMade: {created} by Loket TTE {version}\nAgency: {agency}\nContents: {people} people, {requests} requests, {users} user accounts, {documents} document files, {letters} letter files"
        )
    }
}

/// A finished restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreSummary {
    pub data_dir: PathBuf,
    /// Where the data that was replaced now lives; `None` when the folder
    /// was empty or missing.
    pub previous: Option<PathBuf>,
    /// Older `…-sebelum-pulih-…` folders removed (only the newest
    /// [`KEEP_PREVIOUS`] are kept).
    pub removed: Vec<PathBuf>,
    pub info: BackupInfo,
}

/// The office's backup settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    /// How many automatic backups to keep in the backup folder.
    pub keep: u32,
    /// Whether the app backs up automatically when it closes.
    pub auto: bool,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            keep: DEFAULT_KEEP,
            auto: true,
        }
    }
}

/// `manifest.json`: the table of contents of a backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    pub app_version: String,
    pub created_at: String,
    pub schema_version: i64,
    pub files: Vec<ManifestFile>,
}

/// One file in a backup: its path inside the zip (`loket.sqlite3`,
/// `dokumen/…`, `surat/…`), its size and SHA-256 before compression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// What an automatic backup remembers, to skip the next one when nothing
/// changed.
#[derive(Serialize, Deserialize)]
struct AutoMarker {
    audit_id: i64,
    file: String,
}

/// Reports progress not more often than every MiB, and stops the work when
/// cancelled.
pub(crate) struct Meter<'a> {
    progress: &'a mut dyn FnMut(BackupProgress),
    cancel: &'a AtomicBool,
    stage: Stage,
    done: u64,
    total: u64,
    reported: u64,
}

const REPORT_EVERY: u64 = 1 << 20;

impl<'a> Meter<'a> {
    fn new(progress: &'a mut dyn FnMut(BackupProgress), cancel: &'a AtomicBool) -> Meter<'a> {
        Meter {
            progress,
            cancel,
            stage: Stage::Database,
            done: 0,
            total: 0,
            reported: 0,
        }
    }

    fn report(&mut self) {
        self.reported = self.done;
        (self.progress)(BackupProgress {
            stage: self.stage,
            done_bytes: self.done,
            total_bytes: self.total.max(self.done),
        });
    }

    fn stage(&mut self, stage: Stage) {
        self.stage = stage;
        self.report();
    }

    /// Stops with [`cancelled`] once the cancel flag is set.
    pub(crate) fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(cancelled());
        }
        Ok(())
    }

    pub(crate) fn add(&mut self, bytes: u64) -> Result<()> {
        self.done += bytes;
        if self.done - self.reported >= REPORT_EVERY {
            self.report();
        }
        self.check()
    }
}

/// The error of a cancelled operation (kind Conflict). The caller set the
/// flag itself, so it knows; the message says nothing was left behind.
pub fn cancelled() -> Error {
    Error::conflict(t!(
        "Dibatalkan. Tidak ada berkas yang ditulis dan data tidak berubah.",
        "Cancelled. No file was written and the data did not change."
    ))
}

/// A size for people: "27,4 MB" / "27.4 MB" (1024-based, as Windows shows).
pub fn human_bytes(n: u64) -> Text {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let u = UNITS[unit];
    if unit == 0 {
        return t!("{n} B", "{n} B");
    }
    let en = format!("{value:.1} {u}");
    Text::new(en.replace('.', ","), en)
}

impl Loket {
    /// Writes a backup of the whole office to `out` (normally `*.loketbak`).
    ///
    /// The file is written as `<out>.part` and renamed at the end, so a
    /// failed or cancelled backup leaves no file and never a partial one;
    /// an existing `out` is replaced only by a complete backup. `progress`
    /// is called about every MiB; setting `cancel` stops the work soon after.
    pub fn backup(
        &self,
        caller: &Caller,
        out: &Path,
        progress: &mut dyn FnMut(BackupProgress),
        cancel: &AtomicBool,
    ) -> Result<BackupSummary> {
        caller.require(
            &[Role::Admin],
            &t!("membuat cadangan data", "back up the data"),
        )?;
        let (summary, _) = self.write_backup(out, progress, cancel)?;
        let now = self.stamp_now();
        let name = file_name(&summary.path);
        let size = human_bytes(summary.file_bytes).id;
        let files = summary.files;
        self.store.write(|db| {
            Audit {
                action: "backup.create",
                entity: "backup",
                entity_id: Some(name.clone()),
                summary: format!("Cadangan dibuat: {name} ({files} berkas, {size})"),
                old_value: None,
                new_value: audit_json(&summary),
            }
            .write(db, caller, &now)
        })?;
        Ok(summary)
    }

    /// A file name for a manual backup: `loket-cadangan-20261121-0900.loketbak`.
    pub fn backup_file_name(&self) -> String {
        format!(
            "loket-cadangan-{}.{EXTENSION}",
            self.now().format("%Y%m%d-%H%M")
        )
    }

    /// Backs up into the backup folder (`cadangan/`) when the app closes,
    /// keeping the newest [`BackupSettings::keep`] automatic backups.
    ///
    /// Returns `None` without touching anything when automatic backups are
    /// off, when the office was never set up, or when nothing happened since
    /// the last automatic backup (its newest audit entry is still the newest,
    /// and its file is still there): that check takes milliseconds.
    pub fn auto_backup(&self) -> Result<Option<PathBuf>> {
        let (settings, last_id, marker) = self.store.read(|db| {
            Ok((
                read_settings(db)?,
                db.audit_last_id()?,
                db.get_setting::<AutoMarker>(AUTO_LAST_KEY).ok().flatten(),
            ))
        })?;
        if !settings.auto {
            return Ok(None);
        }
        let Some(last_id) = last_id else {
            return Ok(None);
        };
        let dir = self.paths.backups();
        if let Some(m) = &marker
            && m.audit_id == last_id
            && dir.join(&m.file).is_file()
        {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
        remove_stale_parts(&dir);
        let stem = format!("{AUTO_PREFIX}{}", self.now().format("%Y%m%d-%H%M%S"));
        let mut path = dir.join(format!("{stem}.{EXTENSION}"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{n}.{EXTENSION}"));
            n += 1;
        }
        let (summary, audit_id) = self.write_backup(&path, &mut |_| {}, &AtomicBool::new(false))?;
        let marker = AutoMarker {
            audit_id: audit_id.unwrap_or(last_id),
            file: file_name(&summary.path),
        };
        self.store
            .write(|db| db.put_setting(AUTO_LAST_KEY, &marker))?;
        rotate_auto_backups(&dir, settings.keep as usize)?;
        Ok(Some(summary.path))
    }

    pub fn backup_settings(&self) -> Result<BackupSettings> {
        self.store.read(read_settings)
    }

    pub fn set_backup_settings(
        &self,
        caller: &Caller,
        settings: &BackupSettings,
    ) -> Result<BackupSettings> {
        caller.require(
            &[Role::Admin],
            &t!("mengubah pengaturan cadangan", "change the backup settings"),
        )?;
        let keep = settings.keep;
        if !(1..=MAX_KEEP).contains(&keep) {
            return Err(Error::invalid_fields(vec![crate::FieldIssue::new(
                "keep",
                t!(
                    "Jumlah cadangan otomatis yang disimpan harus 1 sampai {MAX_KEEP}; yang diisi {keep}.",
                    "The number of automatic backups to keep must be 1 to {MAX_KEEP}; {keep} given."
                ),
            )]));
        }
        let now = self.stamp_now();
        self.store.write(|db| {
            let old = read_settings(db)?;
            db.put_setting(KEEP_KEY, &settings.keep)?;
            db.put_setting(AUTO_KEY, &settings.auto)?;
            let auto = if settings.auto { "aktif" } else { "mati" };
            Audit {
                action: "backup.settings",
                entity: "settings",
                entity_id: Some("backup".into()),
                summary: format!(
                    "Pengaturan cadangan: simpan {keep} cadangan otomatis, cadangan otomatis {auto}"
                ),
                old_value: audit_json(&old),
                new_value: audit_json(settings),
            }
            .write(db, caller, &now)
        })?;
        Ok(*settings)
    }

    /// Refuses unless the caller may restore a backup (admins). The window
    /// asks this before it closes the office for [`restore`].
    pub fn may_restore(&self, caller: &Caller) -> Result<()> {
        caller.require(
            &[Role::Admin],
            &t!(
                "memulihkan data dari cadangan",
                "restore data from a backup"
            ),
        )
    }

    /// The work shared by manual and automatic backups. Returns the summary
    /// and the newest audit id inside the copy.
    fn write_backup(
        &self,
        out: &Path,
        progress: &mut dyn FnMut(BackupProgress),
        cancel: &AtomicBool,
    ) -> Result<(BackupSummary, Option<i64>)> {
        let out = std::path::absolute(out).map_err(|e| Error::io(out, &e))?;
        self.check_backup_target(&out)?;
        let part = part_path(&out);
        let mut part_guard = RemoveOnDrop::file(part.clone());
        let mut meter = Meter::new(progress, cancel);
        meter.check()?;

        let files = archive::collect_files(&self.paths)?;
        let files_bytes: u64 = files.iter().map(|f| f.size).sum();
        // The database copy is a scratch file beside the live database (same
        // disk, usually the fastest); the folder vanishes with its guard.
        let root = &self.paths.root;
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, &e))?;
        let scratch = tempfile::Builder::new()
            .prefix(".loket-cadangan-")
            .tempdir_in(root)
            .map_err(|e| Error::io(root, &e))?;
        let db_copy = scratch.path().join("loket.sqlite3");

        meter.total = files_bytes;
        meter.stage(Stage::Database);
        let facts = self.store.snapshot(&db_copy, &mut |done, total| {
            meter.total = 2 * total + files_bytes;
            meter.done = done;
            if meter.done - meter.reported >= REPORT_EVERY {
                meter.report();
            }
            meter.check()
        })?;
        meter.total = meter.done + facts.bytes + files_bytes;
        meter.stage(Stage::Packing);
        let created_at = self.stamp_now();
        let manifest = archive::write_archive(
            &part,
            &db_copy,
            &files,
            &created_at,
            facts.schema_version,
            &mut meter,
        )?;
        drop(scratch);
        meter.check()?;
        rename_with_retry(&part, &out).map_err(|e| Error::io(&out, &e))?;
        part_guard.disarm();
        if let Some(parent) = out.parent() {
            swap::sync_dir(parent);
        }
        let file_bytes = std::fs::metadata(&out)
            .map_err(|e| Error::io(&out, &e))?
            .len();
        meter.stage(Stage::Done);
        let summary = BackupSummary {
            path: out,
            file_bytes,
            files: manifest.files.len(),
            content_bytes: manifest.files.iter().map(|f| f.size).sum(),
            database_bytes: facts.bytes,
            created_at,
            schema_version: facts.schema_version,
        };
        Ok((summary, facts.audit_last_id))
    }

    /// A backup must not land inside the data it backs up (it would pack
    /// itself, or overwrite the database): outside the data folder, or in
    /// its backup folder.
    fn check_backup_target(&self, out: &Path) -> Result<()> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let Ok(parent) = parent.canonicalize() else {
            let p = parent.display();
            return Err(Error::not_found(t!(
                "Folder tujuan {p} tidak ada. Pilih folder yang ada, misalnya di flashdisk.",
                "The destination folder {p} does not exist. Choose an existing folder, e.g. on a USB drive."
            )));
        };
        let Ok(root) = self.paths.root.canonicalize() else {
            return Ok(());
        };
        let backups = self.paths.backups().canonicalize().ok();
        let in_backups = backups.is_some_and(|b| parent.starts_with(&b));
        if parent.starts_with(&root) && !in_backups {
            let p = out.display();
            return Err(Error::invalid(t!(
                "Berkas cadangan {p} tidak boleh disimpan di dalam folder data. Simpan di luar folder data (misalnya di flashdisk atau folder Dokumen).",
                "The backup file {p} must not be saved inside the data folder. Save it elsewhere (e.g. a USB drive or the Documents folder)."
            )));
        }
        if out.is_dir() {
            let p = out.display();
            return Err(Error::invalid(t!(
                "{p} adalah folder; berikan nama berkas, misalnya {p}/cadangan.loketbak.",
                "{p} is a folder; give a file name, e.g. {p}/backup.loketbak."
            )));
        }
        Ok(())
    }
}

fn read_settings(db: &crate::store::Db) -> Result<BackupSettings> {
    let d = BackupSettings::default();
    Ok(BackupSettings {
        keep: db.get_setting(KEEP_KEY)?.unwrap_or(d.keep),
        auto: db.get_setting(AUTO_KEY)?.unwrap_or(d.auto),
    })
}

/// Keeps the newest `keep` automatic backups in `dir`; manual backups saved
/// there are never removed.
fn rotate_auto_backups(dir: &Path, keep: usize) -> Result<()> {
    let suffix = format!(".{EXTENSION}");
    let mut autos: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stem = name.strip_prefix(AUTO_PREFIX)?.strip_suffix(&suffix)?;
            Some((stem.to_string(), e.path()))
        })
        .collect();
    // The stem is the time, then `-2`, `-3` for the same second: as text a
    // prefix sorts first, so plain ordering is oldest first.
    autos.sort();
    let excess = autos.len().saturating_sub(keep);
    for (_, path) in autos.into_iter().take(excess) {
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
    }
    Ok(())
}

/// Removes `.part` files an interrupted automatic backup left behind.
fn remove_stale_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(AUTO_PREFIX) && name.ends_with(".part") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Checks a backup file completely without changing anything: the zip, the
/// format, every entry's path and size, every hash, and the database inside
/// (integrity and schema version). Returns what it contains.
pub fn verify_backup(file: &Path) -> Result<BackupInfo> {
    verify_backup_with(file, &mut |_| {}, &AtomicBool::new(false))
}

/// [`verify_backup`] with progress and cancellation.
pub fn verify_backup_with(
    file: &Path,
    progress: &mut dyn FnMut(BackupProgress),
    cancel: &AtomicBool,
) -> Result<BackupInfo> {
    let mut meter = Meter::new(progress, cancel);
    meter.stage(Stage::Checking);
    let mut opened = archive::open_backup(file)?;
    meter.total = opened.content_bytes();
    let scratch = tempfile::Builder::new()
        .prefix("loket-periksa-")
        .tempdir()
        .map_err(|e| Error::io(&std::env::temp_dir(), &e))?;
    archive::extract(
        &mut opened,
        archive::Dest::DatabaseOnly(scratch.path()),
        &mut meter,
    )?;
    meter.stage(Stage::CheckingDatabase);
    let facts = check_database(&scratch.path().join(archive::DATABASE_ENTRY))?;
    meter.stage(Stage::Done);
    Ok(opened.info(file, &facts))
}

/// Replaces the office's data in `data_dir` with the backup in `file`.
///
/// **Close the office first.** No [`Loket`] may be open on `data_dir`: drop
/// every one (the window holds one in its state), call this, then open a new
/// `Loket` and have everyone sign in again. While any connection holds the
/// database this refuses with a Conflict and changes nothing.
///
/// Everything is checked before anything changes (see the module docs); the
/// new data is extracted and checked in a staging folder beside `data_dir`,
/// then two renames swap the folders. The replaced data is kept in
/// `<data_dir>-sebelum-pulih-<time>` (the newest [`KEEP_PREVIOUS`] such
/// folders are kept), and the automatic backups in `cadangan/` move along
/// into the restored folder. If the process dies between the two renames,
/// [`finish_interrupted_restore`] (run by [`Loket::open`] and by this
/// function) completes the swap. Cancelling works until the swap starts.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    progress: &mut dyn FnMut(BackupProgress),
    cancel: &AtomicBool,
) -> Result<RestoreSummary> {
    let plan = swap::Plan::new(data_dir)?;
    swap::finish(&plan)?;
    std::fs::create_dir_all(plan.parent()).map_err(|e| Error::io(plan.parent(), &e))?;
    refuse_if_open(&plan)?;
    swap::remove_stale_staging(&plan);
    let mut meter = Meter::new(progress, cancel);
    meter.stage(Stage::Checking);
    let mut opened = archive::open_backup(file)?;
    meter.total = opened.content_bytes();

    let stamp = swap::unique_stamp(&plan);
    let staging = plan.staging(&stamp);
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, &e))?;
    let mut staging_guard = RemoveOnDrop::dir(staging.clone());
    archive::extract(&mut opened, archive::Dest::Folder(&staging), &mut meter)?;
    meter.stage(Stage::CheckingDatabase);
    let db = DataPaths::new(&staging).database();
    let facts = check_database(&db)?;
    let info = opened.info(file, &facts);
    // Close the backup file before any rename: Windows refuses to move a
    // folder while a file inside it is open, and the backup may live in
    // `cadangan/`, which moves.
    drop(opened);
    let previous = plan.previous(&stamp);
    record_restore(&db, &info, &previous)?;
    meter.check()?;

    refuse_if_open(&plan)?;
    meter.stage(Stage::Replacing);
    let previous = swap::swap_in(&plan, &staging, &previous)?;
    staging_guard.disarm();
    if let Some(prev) = &previous {
        swap::carry_backups(prev, &plan.data_dir);
    }
    let removed = swap::prune_previous(&plan, KEEP_PREVIOUS);
    meter.stage(Stage::Done);
    Ok(RestoreSummary {
        data_dir: plan.data_dir.clone(),
        previous,
        removed,
        info,
    })
}

fn refuse_if_open(plan: &swap::Plan) -> Result<()> {
    let db = DataPaths::new(&plan.data_dir).database();
    if snapshot::database_in_use(&db).unwrap_or(false) {
        return Err(Error::conflict(t!(
            "Data Loket TTE sedang dibuka (di jendela aplikasi atau baris perintah lain). Tutup semua jendela Loket TTE, lalu pulihkan lagi. Tidak ada yang diubah.",
            "Loket TTE's data is open (in the app window or another command line). Close every Loket TTE window, then restore again. Nothing was changed."
        )));
    }
    Ok(())
}

/// The database inside a backup must be sound, a Loket database, and not
/// newer than this app understands.
fn check_database(path: &Path) -> Result<DatabaseFacts> {
    let facts = snapshot::inspect_database(path)?;
    if facts.integrity != ["ok"] {
        let first = facts.integrity.first().cloned().unwrap_or_default();
        return Err(Error::invalid(t!(
            "Basis data di dalam cadangan rusak (pemeriksaan integritas gagal: {first}). Cadangan ini tidak dapat dipulihkan; pakai cadangan lain.",
            "The database inside the backup is damaged (integrity check failed: {first}). This backup cannot be restored; use another one."
        )));
    }
    if !facts.is_loket {
        return Err(Error::invalid(t!(
            "Basis data di dalam cadangan bukan basis data Loket TTE. Pakai berkas cadangan yang dibuat oleh Loket TTE.",
            "The database inside the backup is not a Loket TTE database. Use a backup made by Loket TTE."
        )));
    }
    let latest = snapshot::latest_schema_version()?;
    let found = facts.schema_version;
    if found > latest {
        let version = env!("CARGO_PKG_VERSION");
        return Err(Error::invalid(t!(
            "Cadangan ini dibuat oleh Loket TTE yang lebih baru (skema basis data {found}; versi {version} ini hanya mengenal sampai {latest}). Perbarui Loket TTE, lalu pulihkan lagi.",
            "This backup was made by a newer Loket TTE (database schema {found}; this version {version} knows up to {latest}). Update Loket TTE, then restore again."
        )));
    }
    Ok(facts)
}

/// Brings the restored database's schema up to date (as opening it would)
/// and records the restore in its audit log, before it replaces anything:
/// a database that cannot be migrated is refused like any other.
fn record_restore(db: &Path, info: &BackupInfo, previous: &Path) -> Result<()> {
    let store = Store::open(db)?;
    let at = stamp(chrono::Local::now().fixed_offset());
    let name = file_name(&info.file);
    let made = &info.created_at;
    let prev = previous.display();
    store.write(|db| {
        db.insert_audit(&NewAudit {
            at: &at,
            user_id: None,
            actor: RESTORE_ACTOR,
            action: "backup.restore",
            entity: "backup",
            entity_id: Some(name.clone()),
            summary: format!(
                "Data dipulihkan dari cadangan {name} (dibuat {made}); data sebelumnya disimpan di {prev}"
            ),
            old_value: None,
            new_value: audit_json(info),
        })
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn part_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".part");
    PathBuf::from(s)
}

/// Renames, retrying for a moment when Windows reports the file busy (an
/// antivirus or the search indexer often holds a new file briefly).
pub(crate) fn rename_with_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// Removes a file or folder when dropped, unless disarmed: what a failed or
/// cancelled operation leaves behind goes away on every path out, `?`
/// included.
struct RemoveOnDrop {
    path: Option<PathBuf>,
    dir: bool,
}

impl RemoveOnDrop {
    fn file(path: PathBuf) -> RemoveOnDrop {
        RemoveOnDrop {
            path: Some(path),
            dir: false,
        }
    }

    fn dir(path: PathBuf) -> RemoveOnDrop {
        RemoveOnDrop {
            path: Some(path),
            dir: true,
        }
    }

    fn disarm(&mut self) {
        self.path = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = if self.dir {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

/// The CLI and the window print progress in the person's language.
pub fn progress_line(p: &BackupProgress, lang: Lang) -> String {
    let pct = (p.done_bytes * 100).checked_div(p.total_bytes).unwrap_or(0);
    let done = human_bytes(p.done_bytes);
    let total = human_bytes(p.total_bytes);
    format!(
        "{}… {pct:>3}% ({} / {})",
        p.stage.label().get(lang),
        done.get(lang),
        total.get(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_bytes(512).id, "512 B");
        assert_eq!(human_bytes(1536).id, "1,5 KB");
        assert_eq!(human_bytes(1536).en, "1.5 KB");
        assert_eq!(human_bytes(50 * 1024 * 1024).en, "50.0 MB");
    }

    #[test]
    fn rotation_keeps_the_newest_and_spares_manual_backups() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "loket-otomatis-20261120-090000.loketbak",
            "loket-otomatis-20261121-090000.loketbak",
            "loket-otomatis-20261121-090000-2.loketbak",
            "loket-otomatis-20261121-090000-3.loketbak",
            "loket-cadangan-20261101-0900.loketbak",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        rotate_auto_backups(dir.path(), 2).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "loket-cadangan-20261101-0900.loketbak",
                "loket-otomatis-20261121-090000-2.loketbak",
                "loket-otomatis-20261121-090000-3.loketbak",
            ]
        );
    }
}
