//! The file check: every file the records name is read back and hashed.
//! Because files are named by their SHA-256, a missing file, a truncated
//! copy (a restore from a half-finished backup) or a file changed by someone
//! outside the app all show up, each with the documents and requests that
//! depend on it, so the office knows what to restore or ask for again.

use super::blobs::{BlobState, Blobs, TEMP_PREFIX};
use super::{DocStatus, FileType, to_document};
use crate::auth::Caller;
use crate::error::Result;
use crate::loket::Loket;
use crate::model::{DocKind, Role};
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A document that depends on a stored file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub id: i64,
    pub request_id: i64,
    pub request_nomor: String,
    pub kind: DocKind,
    pub original_name: String,
    pub status: DocStatus,
}

/// A stored file that is missing or no longer matches its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileProblem {
    pub sha256: String,
    pub path: PathBuf,
    /// The hash of what is there now (altered files only).
    pub actual_sha256: Option<String>,
    /// Every record naming this file, current and history.
    pub documents: Vec<DocumentRef>,
}

/// What the file check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityReport {
    /// Distinct stored files the records name.
    pub files_checked: usize,
    /// Document records (current and history) behind them.
    pub documents_checked: usize,
    pub bytes_checked: u64,
    pub missing: Vec<FileProblem>,
    pub altered: Vec<FileProblem>,
    /// Files in the store that no record names (left by an attach whose
    /// record failed, or copied in by hand). Harmless; listed for the admin,
    /// never deleted by the app.
    pub unreferenced: Vec<PathBuf>,
}

impl IntegrityReport {
    /// No file missing or altered.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.altered.is_empty()
    }
}

impl Loket {
    /// Verifies every stored file against its hash. Admins and verifiers
    /// only. Reads the records in one short read, then hashes the files
    /// without holding the database, so the office can keep working while a
    /// large store is checked.
    pub fn check_files(&self, caller: &Caller) -> Result<IntegrityReport> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("memeriksa berkas dokumen", "check the document files"),
        )?;
        let (rows, bundle_blobs) = self
            .store
            .read(|db| Ok((db.all_documents()?, db.bundle_only_blobs()?)))?;
        let documents_checked = rows.len();
        let mut by_file: BTreeMap<(String, String), Vec<DocumentRef>> = BTreeMap::new();
        for row in rows {
            let doc = to_document(row);
            by_file
                .entry((doc.sha256.clone(), doc.mime.clone()))
                .or_default()
                .push(DocumentRef {
                    id: doc.id,
                    request_id: doc.request_id,
                    request_nomor: doc.request_nomor,
                    kind: doc.kind,
                    original_name: doc.original_name,
                    status: doc.status,
                });
        }
        let root = self.paths.documents();
        let blobs = Blobs::new(&root);
        let mut report = IntegrityReport {
            files_checked: by_file.len(),
            documents_checked,
            bytes_checked: 0,
            missing: Vec::new(),
            altered: Vec::new(),
            unreferenced: Vec::new(),
        };
        let mut known = BTreeSet::new();
        for ((sha256, mime), documents) in by_file {
            let Some(file_type) = FileType::from_mime(&mime) else {
                // A type this version does not know: nothing to check it by.
                continue;
            };
            let path = blobs.path(&sha256, file_type)?;
            known.insert(path.clone());
            match blobs.state(&sha256, file_type)? {
                BlobState::Ok => {
                    report.bytes_checked += std::fs::metadata(&path).map_or(0, |m| m.len());
                }
                BlobState::Missing => report.missing.push(FileProblem {
                    sha256,
                    path,
                    actual_sha256: None,
                    documents,
                }),
                BlobState::Altered { actual } => report.altered.push(FileProblem {
                    sha256,
                    path,
                    actual_sha256: Some(actual),
                    documents,
                }),
            }
        }
        // Letters that came in a status bundle are stored like documents
        // but named only by the bundle's records.
        for (sha256, mime) in bundle_blobs {
            if let Some(file_type) = FileType::from_mime(&mime) {
                known.insert(blobs.path(&sha256, file_type)?);
            }
        }
        report.unreferenced = blobs
            .all_files()?
            .into_iter()
            .filter(|p| !known.contains(p))
            .filter(|p| {
                // A temporary file younger than a minute may belong to an
                // attach running right now in another window.
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                let fresh_temp = name.is_some_and(|n| n.starts_with(TEMP_PREFIX))
                    && std::fs::metadata(p)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age.as_secs() < 60);
                !fresh_temp
            })
            .collect();
        Ok(report)
    }
}
