//! Documents attached to requests: scans of the KTP, SK Jabatan, SK Pangkat,
//! signed letters. Applicants and verifiers attach them; the SOP engine asks
//! which kinds are present; the verifier makes AMS-ready copies of them.
//!
//! How a file gets in:
//! 1. the caller's role and their right to the request are checked;
//! 2. the content is judged by its first bytes (PDF, JPEG or PNG only), its
//!    size (not empty, at most [`MAX_DOCUMENT_BYTES`]) and, for images, a
//!    readable header; a refusal names the file and what it really is, and
//!    stores nothing;
//! 3. in one write transaction: the same content of the same kind already
//!    current on the request is returned as it is (`already_attached`);
//!    otherwise the file is written to the store under its SHA-256 (once,
//!    however many records name it), the record and its audit entry are
//!    inserted, and a file this call created is taken back if the record
//!    fails. Doing the file work under the database's write lock means no
//!    other process can be between "the file is there" and "the record
//!    exists" while a failed attach takes its file back.
//!
//! Nothing is ever deleted: replacing or removing a document ends its record
//! (`diganti`/`dihapus`, by whom, when, why) and leaves the file in place.

mod ams_copy;
mod blobs;
mod content;
mod integrity;
mod name;

pub use ams_copy::{
    AMS_LIMIT_BYTES, AMS_TARGET_BYTES, AmsCopy, AmsJpeg, MIN_LONG_SIDE, make_ams_jpeg,
};
pub use blobs::{format_bytes, format_size};
pub use content::FileType;
pub use integrity::{DocumentRef, FileProblem, IntegrityReport};
pub use name::display_name;
pub(crate) use name::file_stem_for_disk;

use crate::auth::Caller;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{DocKind, Request, Role};
use crate::requests::{check_may_see_request, request_not_found, visible_request};
use crate::store::Db;
use crate::store::documents::{DocumentRow, EndDocument, NewDocumentRow};
use crate::t;
// Shared with the letters register (naskah), which stores its PDFs the same
// way, and with bundles.
pub(crate) use blobs::{Blobs, hex, sha256_hex, write_atomic};
use content::Refusal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file accepted, in bytes (20 MB, counted the way AMS counts
/// its own 1 MB limit). A 300 dpi colour scan of ten A4 pages fits; a video
/// or a whole folder zipped does not.
pub const MAX_DOCUMENT_BYTES: u64 = 20_000_000;

/// Whether a document record is the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    /// Current: counts for the request's checklist.
    Berlaku,
    /// Replaced by a newer file; kept in the history.
    Diganti,
    /// Removed, with a reason; kept in the history.
    Dihapus,
}

impl DocStatus {
    pub fn code(self) -> &'static str {
        match self {
            DocStatus::Berlaku => "berlaku",
            DocStatus::Diganti => "diganti",
            DocStatus::Dihapus => "dihapus",
        }
    }

    pub fn parse(code: &str) -> Option<DocStatus> {
        [DocStatus::Berlaku, DocStatus::Diganti, DocStatus::Dihapus]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            DocStatus::Berlaku => Text::new("Berlaku", "Current"),
            DocStatus::Diganti => Text::new("Diganti", "Replaced"),
            DocStatus::Dihapus => Text::new("Dihapus", "Removed"),
        }
    }
}

/// Who did something to a document, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The account; `None` for the admin command line.
    pub user_id: Option<i64>,
    /// The user name, or `loket-cli`.
    pub username: String,
    /// The name shown to people, as it was at the time.
    pub display_name: String,
    /// RFC 3339 with the local offset.
    pub at: String,
}

/// How a document stopped being current.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub by: Stamp,
    /// Why it was removed (required for removal).
    pub reason: Option<String>,
    /// The document that replaced it.
    pub replaced_by: Option<i64>,
}

/// One attachment of a file to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: i64,
    pub uuid: String,
    pub request_id: i64,
    pub request_nomor: String,
    pub kind: DocKind,
    pub kind_label: Text,
    /// The name it was attached under, cleaned for display. Never a path.
    pub original_name: String,
    /// Recognised from the content: `application/pdf`, `image/jpeg` or
    /// `image/png`.
    pub mime: String,
    pub size: u64,
    /// Lower-case hex SHA-256 of the content; also the stored file's name.
    pub sha256: String,
    /// Pixel size of images as stored (before any EXIF turn); `None` for
    /// PDFs.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub status: DocStatus,
    pub attached: Stamp,
    /// The document this one replaced.
    pub replaces: Option<i64>,
    /// Set when replaced or removed.
    pub ended: Option<Ended>,
    /// What AMS will say about this file as it is (over 1 MB); current
    /// documents only.
    pub ams_warning: Option<Text>,
}

impl Document {
    pub fn file_type(&self) -> Option<FileType> {
        FileType::from_mime(&self.mime)
    }

    pub fn is_current(&self) -> bool {
        self.status == DocStatus::Berlaku
    }
}

/// The result of attaching or replacing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    pub document: Document,
    /// True when the same content of the same kind was already current on
    /// the request: nothing new was stored and `document` is that record.
    pub already_attached: bool,
}

/// A file checked and ready to store.
pub(crate) struct Incoming<'b> {
    name: String,
    pub(crate) file_type: FileType,
    pub(crate) sha256: String,
    bytes: &'b [u8],
    width: Option<u32>,
    height: Option<u32>,
}

const ATTACH_ROLES: [Role; 3] = [Role::Admin, Role::Verifikator, Role::Pemohon];

fn attach_action() -> Text {
    t!("melampirkan dokumen", "attach documents")
}

pub(crate) fn document_not_found(id: i64) -> Error {
    Error::not_found(t!(
        "Dokumen #{id} tidak ditemukan.",
        "Document #{id} not found."
    ))
}

impl Loket {
    /// Attaches a file from disk to a request. See [`Loket::attach_bytes`].
    pub fn attach_document(
        &self,
        caller: &Caller,
        request_key: &str,
        source: &Path,
        kind: DocKind,
    ) -> Result<Attached> {
        caller.require(&ATTACH_ROLES, &attach_action())?;
        let request = self.request_for(caller, request_key)?;
        let (name, bytes) = read_source(source)?;
        self.attach_checked(caller, &request, &name, &bytes, kind)
    }

    /// Attaches a file given as bytes (the window's drag-and-drop) to a
    /// request given by number, UUID or id. Admins, verifiers and the
    /// applicant who owns the request may attach. Returns the existing
    /// record, with `already_attached`, when the same content of the same
    /// kind is already current on the request.
    pub fn attach_bytes(
        &self,
        caller: &Caller,
        request_key: &str,
        original_name: &str,
        bytes: &[u8],
        kind: DocKind,
    ) -> Result<Attached> {
        caller.require(&ATTACH_ROLES, &attach_action())?;
        let request = self.request_for(caller, request_key)?;
        self.attach_checked(caller, &request, original_name, bytes, kind)
    }

    fn attach_checked(
        &self,
        caller: &Caller,
        request: &Request,
        original_name: &str,
        bytes: &[u8],
        kind: DocKind,
    ) -> Result<Attached> {
        let incoming = check_content(original_name, bytes)?;
        let now = self.stamp_now();
        let root = self.paths.documents();
        self.store
            .write(|db| attach_in(db, &root, caller, &now, request.id, kind, &incoming))
    }

    /// Replaces a current document with a new file from disk. See
    /// [`Loket::replace_document_bytes`].
    pub fn replace_document(
        &self,
        caller: &Caller,
        doc_id: i64,
        source: &Path,
    ) -> Result<Attached> {
        caller.require(&ATTACH_ROLES, &replace_action())?;
        let old = self.document_for(caller, doc_id)?;
        let (name, bytes) = read_source(source)?;
        self.replace_checked(caller, old, &name, &bytes)
    }

    /// Replaces a current document with a new file of the same kind. The old
    /// record stays in the history, marked `diganti` with who, when and its
    /// successor; its file stays on disk. Replacing with identical content
    /// changes nothing and returns the document with `already_attached`.
    pub fn replace_document_bytes(
        &self,
        caller: &Caller,
        doc_id: i64,
        original_name: &str,
        bytes: &[u8],
    ) -> Result<Attached> {
        caller.require(&ATTACH_ROLES, &replace_action())?;
        let old = self.document_for(caller, doc_id)?;
        self.replace_checked(caller, old, original_name, bytes)
    }

    fn replace_checked(
        &self,
        caller: &Caller,
        old: Document,
        original_name: &str,
        bytes: &[u8],
    ) -> Result<Attached> {
        check_current(&old)?;
        let incoming = check_content(original_name, bytes)?;
        let now = self.stamp_now();
        let root = self.paths.documents();
        let blobs = Blobs::new(&root);
        self.store.write(|db| {
            let old = db
                .get_document(old.id)?
                .map(to_document)
                .ok_or_else(|| document_not_found(old.id))?;
            check_current(&old)?;
            if old.sha256 == incoming.sha256 {
                return Ok(Attached {
                    document: old,
                    already_attached: true,
                });
            }
            let twin =
                db.current_document_with(old.request_id, old.kind.code(), &incoming.sha256)?;
            let new = match twin {
                // The new content is already current under the same kind:
                // the old one simply gives way to it.
                Some(twin) => to_document(twin),
                None => store_new(
                    db,
                    &blobs,
                    caller,
                    &now,
                    old.request_id,
                    old.kind,
                    &incoming,
                    Some(old.id),
                    |doc| Audit {
                        action: "document.attach",
                        entity: "document",
                        entity_id: Some(doc.id.to_string()),
                        summary: format!(
                            "Dokumen {} \"{}\" dilampirkan pada {} menggantikan #{}",
                            doc.kind.code(),
                            doc.original_name,
                            doc.request_nomor,
                            old.id
                        ),
                        old_value: None,
                        new_value: audit_json(doc),
                    },
                )?,
            };
            end_document(
                db,
                caller,
                &now,
                &old,
                DocStatus::Diganti,
                None,
                Some(new.id),
            )?;
            Ok(Attached {
                already_attached: new.replaces != Some(old.id),
                document: new,
            })
        })
    }

    /// Removes a current document from its request, with a reason. The
    /// record stays in the history, marked `dihapus` with who, when and
    /// why; the file stays on disk. Returns the ended record.
    pub fn remove_document(&self, caller: &Caller, doc_id: i64, reason: &str) -> Result<Document> {
        caller.require(&ATTACH_ROLES, &t!("menghapus dokumen", "remove documents"))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "reason",
                t!(
                    "Tuliskan alasan dokumen ini dihapus; alasan itu disimpan dalam riwayat.",
                    "Write why this document is removed; the reason is kept in the history."
                ),
            )]));
        }
        let old = self.document_for(caller, doc_id)?;
        check_current(&old)?;
        let now = self.stamp_now();
        self.store
            .write(|db| remove_in(db, caller, &now, old.id, reason))
    }

    /// The documents of a request, ordered by kind and then by when they
    /// were attached; only the current ones unless `include_history`.
    pub fn list_documents(
        &self,
        caller: &Caller,
        request_key: &str,
        include_history: bool,
    ) -> Result<Vec<Document>> {
        let request = self.request_for(caller, request_key)?;
        let mut docs: Vec<Document> = self
            .store
            .read(|db| db.list_documents(request.id, include_history))?
            .into_iter()
            .map(to_document)
            .collect();
        docs.sort_by_key(|d| (d.kind, d.id));
        Ok(docs)
    }

    /// One document record (current or history).
    pub fn get_document(&self, caller: &Caller, doc_id: i64) -> Result<Document> {
        self.document_for(caller, doc_id)
    }

    /// A document and its content, for previews. The content is checked
    /// against its hash: an altered or missing file is an error, never shown
    /// as if it were the one attached.
    pub fn read_document(&self, caller: &Caller, doc_id: i64) -> Result<(Document, Vec<u8>)> {
        let doc = self.document_for(caller, doc_id)?;
        let root = self.paths.documents();
        let bytes =
            Blobs::new(&root).read_verified(&doc.sha256, stored_type(&doc)?, &doc.original_name)?;
        Ok((doc, bytes))
    }

    /// Where a document's file is, for opening it in the system's viewer.
    /// The file is checked first, as for [`Loket::read_document`]. The
    /// viewer must only read it: the store is the office's record.
    pub fn document_file_path(&self, caller: &Caller, doc_id: i64) -> Result<PathBuf> {
        let doc = self.document_for(caller, doc_id)?;
        let root = self.paths.documents();
        Blobs::new(&root).verified_path(&doc.sha256, stored_type(&doc)?, &doc.original_name)
    }

    /// Which of `required` are not attached (as current documents) to the
    /// request, in the order given, each once.
    pub fn missing_documents(
        &self,
        caller: &Caller,
        request_key: &str,
        required: &[DocKind],
    ) -> Result<Vec<DocKind>> {
        let request = self.request_for(caller, request_key)?;
        let present = self.store.read(|db| attached_kinds(db, request.id))?;
        let mut seen = BTreeSet::new();
        Ok(required
            .iter()
            .copied()
            .filter(|k| !present.contains(k) && seen.insert(*k))
            .collect())
    }

    /// Writes the AMS-ready copy of a JPEG or PNG scan to `out`: a JPEG
    /// under AMS's 1 MB limit, upright, without metadata, as large and as
    /// sharp as the limit allows (see [`make_ams_jpeg`]). When `out` is an
    /// existing folder the copy is named after the document
    /// (`KTP Siti-ams.jpg`). PDFs are refused with advice.
    pub fn ams_copy(&self, caller: &Caller, doc_id: i64, out: &Path) -> Result<AmsCopy> {
        caller.require(
            &ATTACH_ROLES,
            &t!("membuat salinan untuk AMS", "make AMS copies"),
        )?;
        let doc = self.document_for(caller, doc_id)?;
        let file_type = stored_type(&doc)?;
        if !file_type.is_image() {
            return Err(pdf_has_no_ams_copy(&doc));
        }
        let root = self.paths.documents();
        let bytes = Blobs::new(&root).read_verified(&doc.sha256, file_type, &doc.original_name)?;
        let made = make_ams_jpeg(&bytes, &doc.original_name)?;
        if made.jpeg.len() as u64 >= AMS_LIMIT_BYTES {
            return Err(Error::internal(format!(
                "AMS copy of document {} is {} bytes",
                doc.id,
                made.jpeg.len()
            )));
        }
        let path = if out.is_dir() {
            out.join(format!(
                "{}-ams.jpg",
                name::file_stem_for_disk(&doc.original_name)
            ))
        } else {
            out.to_path_buf()
        };
        blobs::write_atomic(&path, &made.jpeg)?;
        let copy = AmsCopy {
            document_id: doc.id,
            path,
            bytes: made.jpeg.len() as u64,
            width: made.width,
            height: made.height,
            quality: made.quality,
            original_bytes: doc.size,
            original_width: made.original_width,
            original_height: made.original_height,
            scaled: made.width < made.original_width || made.height < made.original_height,
        };
        let now = self.stamp_now();
        self.store.write(|db| {
            Audit {
                action: "document.ams_copy",
                entity: "document",
                entity_id: Some(doc.id.to_string()),
                summary: format!(
                    "Salinan AMS dokumen #{} ({}) dibuat: {}",
                    doc.id,
                    doc.request_nomor,
                    copy.path.display()
                ),
                old_value: None,
                new_value: audit_json(&copy),
            }
            .write(db, caller, &now)
        })?;
        Ok(copy)
    }

    /// The request behind a key, if the caller may see it.
    fn request_for(&self, caller: &Caller, request_key: &str) -> Result<Request> {
        self.store.read(|db| {
            let request = visible_request(db, caller, request_key)?;
            Ok(request)
        })
    }

    /// A document, if the caller may see its request.
    fn document_for(&self, caller: &Caller, doc_id: i64) -> Result<Document> {
        self.store.read(|db| {
            let doc = db
                .get_document(doc_id)?
                .map(to_document)
                .ok_or_else(|| document_not_found(doc_id))?;
            let request = db
                .get_request(doc.request_id)?
                .ok_or_else(|| request_not_found(&doc.request_nomor))?;
            check_may_see_request(caller, &request)?;
            Ok(doc)
        })
    }
}

/// Attaches a checked file to a request inside the caller's write
/// transaction: the same record, file and audit entry as
/// [`Loket::attach_bytes`] (which uses it), for the bundle import, which
/// creates a request and attaches its scans in one transaction.
pub(crate) fn attach_in(
    db: &Db,
    documents_root: &Path,
    caller: &Caller,
    now: &str,
    request_id: i64,
    kind: DocKind,
    incoming: &Incoming,
) -> Result<Attached> {
    let blobs = Blobs::new(documents_root);
    let request = db
        .get_request(request_id)?
        .ok_or_else(|| request_not_found(&request_id.to_string()))?;
    if let Some(existing) = db.current_document_with(request.id, kind.code(), &incoming.sha256)? {
        // Attaching the original again restores its file if the stored one
        // went missing or was altered.
        blobs.put(&incoming.sha256, incoming.file_type, incoming.bytes)?;
        return Ok(Attached {
            document: to_document(existing),
            already_attached: true,
        });
    }
    store_new(
        db,
        &blobs,
        caller,
        now,
        request.id,
        kind,
        incoming,
        None,
        |doc| Audit {
            action: "document.attach",
            entity: "document",
            entity_id: Some(doc.id.to_string()),
            summary: format!(
                "Dokumen {} \"{}\" dilampirkan pada {}",
                kind.code(),
                doc.original_name,
                request.nomor
            ),
            old_value: None,
            new_value: audit_json(doc),
        },
    )
    .map(|document| Attached {
        document,
        already_attached: false,
    })
}

/// Removes a current document inside the caller's write transaction, with
/// its reason: the same record change and audit entry as
/// [`Loket::remove_document`] (which uses it). Returns the ended record.
pub(crate) fn remove_in(
    db: &Db,
    caller: &Caller,
    now: &str,
    doc_id: i64,
    reason: &str,
) -> Result<Document> {
    let old = db
        .get_document(doc_id)?
        .map(to_document)
        .ok_or_else(|| document_not_found(doc_id))?;
    check_current(&old)?;
    end_document(
        db,
        caller,
        now,
        &old,
        DocStatus::Dihapus,
        Some(reason),
        None,
    )?;
    db.get_document(old.id)?
        .map(to_document)
        .ok_or_else(|| document_not_found(old.id))
}

/// The current documents of a request, for readers inside the crate that
/// already hold a transaction.
pub(crate) fn current_documents(db: &Db, request_id: i64) -> Result<Vec<Document>> {
    let mut docs: Vec<Document> = db
        .list_documents(request_id, false)?
        .into_iter()
        .map(to_document)
        .collect();
    docs.sort_by_key(|d| (d.kind, d.id));
    Ok(docs)
}

fn replace_action() -> Text {
    t!("mengganti dokumen", "replace documents")
}

/// The kinds of the current (not replaced, not removed) documents of a
/// request: what the SOP engine's checklists compare against.
pub(crate) fn attached_kinds(db: &Db, request_id: i64) -> Result<BTreeSet<DocKind>> {
    Ok(db
        .current_document_kinds(request_id)?
        .iter()
        .filter_map(|k| DocKind::parse(k))
        .collect())
}

fn check_current(doc: &Document) -> Result<()> {
    if doc.is_current() {
        return Ok(());
    }
    let (id, status) = (doc.id, doc.status.label());
    let (sid, sen) = (status.id.to_lowercase(), status.en.to_lowercase());
    Err(Error::conflict(t!(
        "Dokumen #{id} sudah {sid}; hanya dokumen yang berlaku yang dapat diganti atau dihapus.",
        "Document #{id} is already {sen}; only a current document can be replaced or removed."
    )))
}

/// Stores the file and the record of a new attachment, with its audit
/// entry. A file this call created is taken back when the record fails.
#[allow(clippy::too_many_arguments)]
fn store_new(
    db: &Db,
    blobs: &Blobs,
    caller: &Caller,
    now: &str,
    request_id: i64,
    kind: DocKind,
    incoming: &Incoming,
    replaces: Option<i64>,
    audit: impl FnOnce(&Document) -> Audit<'static>,
) -> Result<Document> {
    let created = blobs.put(&incoming.sha256, incoming.file_type, incoming.bytes)?;
    let recorded = (|| {
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = db.insert_document(&NewDocumentRow {
            uuid: &uuid,
            request_id,
            kind: kind.code(),
            original_name: &incoming.name,
            mime: incoming.file_type.mime(),
            size: incoming.bytes.len() as i64,
            sha256: &incoming.sha256,
            width: incoming.width.map(i64::from),
            height: incoming.height.map(i64::from),
            user_id: caller.user_id,
            actor: &caller.username,
            actor_name: &caller.display_name,
            at: now,
            replaces,
        })?;
        let doc = db
            .get_document(id)?
            .map(to_document)
            .ok_or_else(|| document_not_found(id))?;
        audit(&doc).write(db, caller, now)?;
        Ok(doc)
    })();
    if recorded.is_err() && created {
        blobs.take_back(&incoming.sha256, incoming.file_type);
    }
    recorded
}

fn end_document(
    db: &Db,
    caller: &Caller,
    now: &str,
    old: &Document,
    status: DocStatus,
    reason: Option<&str>,
    replaced_by: Option<i64>,
) -> Result<()> {
    let ended = db.end_document(&EndDocument {
        id: old.id,
        status: status.code(),
        user_id: caller.user_id,
        actor: &caller.username,
        actor_name: &caller.display_name,
        at: now,
        reason,
        replaced_by,
    })?;
    if !ended {
        return Err(check_current(old).err().unwrap_or_else(|| {
            Error::conflict(t!(
                "Dokumen baru saja diubah oleh pengguna lain; muat ulang dan coba lagi.",
                "The document was just changed by another user; reload and try again."
            ))
        }));
    }
    let after = db.get_document(old.id)?.map(to_document);
    let (action, summary) = match status {
        DocStatus::Dihapus => (
            "document.remove",
            format!(
                "Dokumen #{} \"{}\" pada {} dihapus: {}",
                old.id,
                old.original_name,
                old.request_nomor,
                reason.unwrap_or("")
            ),
        ),
        _ => (
            "document.replace",
            format!(
                "Dokumen #{} \"{}\" pada {} diganti dengan #{}",
                old.id,
                old.original_name,
                old.request_nomor,
                replaced_by.unwrap_or_default()
            ),
        ),
    };
    Audit {
        action,
        entity: "document",
        entity_id: Some(old.id.to_string()),
        summary,
        old_value: audit_json(old),
        new_value: after.as_ref().and_then(audit_json),
    }
    .write(db, caller, now)
}

fn stored_type(doc: &Document) -> Result<FileType> {
    doc.file_type().ok_or_else(|| {
        Error::internal(format!(
            "document {} has an unknown type {:?}",
            doc.id, doc.mime
        ))
    })
}

fn to_document(row: DocumentRow) -> Document {
    let kind = DocKind::parse(&row.kind).unwrap_or(DocKind::Lainnya);
    let size = u64::try_from(row.size).unwrap_or(0);
    let status = DocStatus::parse(&row.status).unwrap_or(DocStatus::Berlaku);
    // Only a current document will be uploaded; history needs no warning.
    let ams_warning = FileType::from_mime(&row.mime)
        .filter(|_| status == DocStatus::Berlaku)
        .and_then(|t| ams_warning(t, size));
    let ended = row.ended_at.map(|at| Ended {
        by: Stamp {
            user_id: row.ended_by,
            username: row.ended_actor.unwrap_or_default(),
            display_name: row.ended_name.unwrap_or_default(),
            at,
        },
        reason: row.end_reason,
        replaced_by: row.replaced_by,
    });
    Document {
        id: row.id,
        uuid: row.uuid,
        request_id: row.request_id,
        request_nomor: row.request_nomor,
        kind,
        kind_label: kind.label(),
        original_name: row.original_name,
        mime: row.mime,
        size,
        sha256: row.sha256,
        width: row.width.and_then(|w| u32::try_from(w).ok()),
        height: row.height.and_then(|h| u32::try_from(h).ok()),
        status,
        attached: Stamp {
            user_id: row.attached_by,
            username: row.attached_actor,
            display_name: row.attached_name,
            at: row.attached_at,
        },
        replaces: row.replaces,
        ended,
        ams_warning,
    }
}

/// A size for a message about a limit: when rounding would make a size just
/// over the limit read as the limit itself (`1,0 MB`), the exact byte count
/// follows.
fn size_against_limit(size: u64, limit: u64) -> Text {
    let shown = format_size(size);
    if format_size(limit) == shown {
        let exact = format_bytes(size);
        Text::new(
            format!("{} ({} byte)", shown.id, exact.id),
            format!("{} ({} bytes)", shown.en, exact.en),
        )
    } else {
        shown
    }
}

/// The warning a document carries when AMS would refuse it as it is.
fn ams_warning(file_type: FileType, size: u64) -> Option<Text> {
    if size <= AMS_LIMIT_BYTES {
        return None;
    }
    let s = size_against_limit(size, AMS_LIMIT_BYTES);
    let (sid, sen) = (s.id, s.en);
    Some(match file_type {
        FileType::Pdf => t!(
            "PDF ini berukuran {sid}; AMS menolak unggahan di atas 1 MB. Perkecil dulu sebelum diunggah: pindai ulang dengan 150 dpi atau hitam-putih, atau kompres PDF-nya.",
            "This PDF is {sen}; AMS refuses uploads over 1 MB. Make it smaller before uploading: scan again at 150 dpi or in black and white, or compress the PDF."
        ),
        FileType::Jpeg | FileType::Png => t!(
            "Gambar ini berukuran {sid}; AMS menolak unggahan di atas 1 MB. Unggah salinan siap-AMS (di bawah 1 MB) yang dibuat aplikasi.",
            "This image is {sen}; AMS refuses uploads over 1 MB. Upload the AMS-ready copy (under 1 MB) that the app makes."
        ),
    })
}

fn pdf_has_no_ams_copy(doc: &Document) -> Error {
    let name = &doc.original_name;
    let size = format_size(doc.size);
    let (sid, sen) = (size.id, size.en);
    let advice = if doc.size <= AMS_LIMIT_BYTES {
        t!(
            "PDF ini {sid}, sudah di bawah batas 1 MB AMS: unggah apa adanya.",
            "This PDF is {sen}, already under AMS's 1 MB limit: upload it as it is."
        )
    } else {
        t!(
            "PDF ini {sid}, di atas batas 1 MB AMS: pindai ulang dengan 150 dpi atau hitam-putih, kompres PDF-nya, atau pindai sebagai JPEG lalu buat salinan AMS dari gambar itu.",
            "This PDF is {sen}, over AMS's 1 MB limit: scan again at 150 dpi or in black and white, compress the PDF, or scan to JPEG and make the AMS copy from that image."
        )
    };
    let (aid, aen) = (advice.id, advice.en);
    Error::invalid(t!(
        "Salinan AMS hanya dapat dibuat dari gambar JPEG atau PNG; \"{name}\" adalah PDF. {aid}",
        "AMS copies can only be made from JPEG or PNG images; \"{name}\" is a PDF. {aen}"
    ))
}

/// Reads a file to attach, refusing folders and files over the limit
/// without reading them whole.
fn read_source(path: &Path) -> Result<(String, Vec<u8>)> {
    let raw_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            let p = path.display();
            Error::not_found(t!("Berkas {p} tidak ditemukan.", "File {p} not found."))
        } else {
            Error::io(path, &e)
        }
    })?;
    let name = display_name(&raw_name, "bin");
    if meta.is_dir() {
        return Err(Error::invalid(t!(
            "\"{name}\" adalah folder, bukan berkas; pilih berkas hasil pindaiannya.",
            "\"{name}\" is a folder, not a file; choose the scanned file."
        )));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, &e))?;
    Ok((raw_name, bytes))
}

fn too_large(name: &str, size: u64) -> Error {
    let s = size_against_limit(size, MAX_DOCUMENT_BYTES);
    let (sid, sen) = (s.id, s.en);
    Error::invalid(t!(
        "Berkas \"{name}\" berukuran {sid}, melebihi batas lampiran 20 MB; tidak ada yang dilampirkan. Pindai ulang dengan 150-200 dpi atau perkecil PDF-nya.",
        "The file \"{name}\" is {sen}, over the 20 MB attachment limit; nothing was attached. Scan again at 150-200 dpi or make the PDF smaller."
    ))
}

/// Judges a file by its content; on refusal, the message names the file and
/// what it is.
pub(crate) fn check_content<'b>(raw_name: &str, bytes: &'b [u8]) -> Result<Incoming<'b>> {
    let size = bytes.len() as u64;
    let refused_name = display_name(raw_name, "bin");
    if size == 0 {
        return Err(Error::invalid(t!(
            "Berkas \"{refused_name}\" kosong (0 byte); tidak ada yang dilampirkan. Pilih berkas hasil pindaian yang benar.",
            "The file \"{refused_name}\" is empty (0 bytes); nothing was attached. Choose the right scanned file."
        )));
    }
    if size > MAX_DOCUMENT_BYTES {
        return Err(too_large(&refused_name, size));
    }
    let file_type = match content::recognise(bytes) {
        Ok(t) => t,
        Err(Refusal::Other(what)) => {
            let claimed = claimed_type(raw_name);
            let (wid, wen) = (what.id, what.en);
            let (cid, cen) = match claimed {
                Some(ext) => (
                    format!(", walaupun namanya berakhiran .{ext}"),
                    format!(", although its name ends in .{ext}"),
                ),
                None => (String::new(), String::new()),
            };
            return Err(Error::invalid(t!(
                "Berkas \"{refused_name}\" ditolak: isinya {wid}, bukan PDF, JPEG atau PNG{cid}. Tidak ada yang dilampirkan. Lampirkan hasil pindaian sebagai PDF, JPEG atau PNG.",
                "The file \"{refused_name}\" was refused: it contains {wen}, not a PDF, JPEG or PNG{cen}. Nothing was attached. Attach the scan as a PDF, JPEG or PNG."
            )));
        }
        Err(Refusal::Truncated(t)) => {
            let label = t.label();
            return Err(Error::invalid(t!(
                "Berkas \"{refused_name}\" ditolak: {label}-nya terpotong (penanda akhir %%EOF tidak ada), mungkin salinan atau unduhannya belum selesai. Tidak ada yang dilampirkan. Salin atau unduh ulang berkasnya.",
                "The file \"{refused_name}\" was refused: the {label} is cut short (its %%EOF end marker is missing), perhaps an unfinished copy or download. Nothing was attached. Copy or download the file again."
            )));
        }
    };
    let (width, height) = if file_type.is_image() {
        let dims = image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())
            .and_then(|r| r.into_dimensions().map_err(|e| e.to_string()));
        match dims {
            Ok((w, h)) => (Some(w), Some(h)),
            Err(detail) => {
                let label = file_type.label();
                return Err(Error::invalid(t!(
                    "Berkas \"{refused_name}\" ditolak: gambar {label} ini rusak dan tidak dapat dibaca ({detail}). Tidak ada yang dilampirkan. Pindai atau simpan ulang gambarnya.",
                    "The file \"{refused_name}\" was refused: this {label} image is damaged and cannot be read ({detail}). Nothing was attached. Scan or save the image again."
                )));
            }
        }
    } else {
        (None, None)
    };
    Ok(Incoming {
        name: display_name(raw_name, file_type.ext()),
        file_type,
        sha256: sha256_hex(bytes),
        bytes,
        width,
        height,
    })
}

/// The accepted type a file name claims, by its extension.
fn claimed_type(name: &str) -> Option<String> {
    let ext = name.rsplit_once('.')?.1.trim().to_lowercase();
    matches!(ext.as_str(), "pdf" | "jpg" | "jpeg" | "png").then_some(ext)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testing;

    fn actions(loket: &Loket, id: i64) -> Vec<(String, String)> {
        loket
            .store
            .read(|db| db.audit_for("document", &id.to_string()))
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.actor))
            .collect()
    }

    #[test]
    fn every_change_is_audited_and_a_repeat_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (loket, admin) = testing::office(dir.path());
        let person = loket.add_person(&admin, &testing::person(5)).unwrap();
        let nomor = loket
            .create_request(&admin, "penerbitan", person.id, None, None)
            .unwrap()
            .nomor;
        let png = testing::png(12, 12, 1);
        let a = loket
            .attach_bytes(&admin, &nomor, "a.png", &png, DocKind::Ktp)
            .unwrap()
            .document;
        loket
            .attach_bytes(&admin, &nomor, "a.png", &png, DocKind::Ktp)
            .unwrap();
        let b = loket
            .replace_document_bytes(&admin, a.id, "b.png", &testing::png(12, 12, 2))
            .unwrap()
            .document;
        loket
            .ams_copy(&admin, b.id, &dir.path().join("b-ams.jpg"))
            .unwrap();
        loket.remove_document(&admin, b.id, "salah").unwrap();
        let row = |action: &str| (action.to_string(), "admin".to_string());
        assert_eq!(
            actions(&loket, a.id),
            [row("document.attach"), row("document.replace")]
        );
        assert_eq!(
            actions(&loket, b.id),
            [
                row("document.attach"),
                row("document.ams_copy"),
                row("document.remove")
            ]
        );
    }
}
