//! Requests: creating them from the request form or the CLI, finding them,
//! listing them. The SOP engine (crate::sop) walks them through their steps.

use crate::auth::Caller;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::identity;
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{
    PersonData, PersonInput, Request, RequestStatus, RequestSummary, RequestType, RevocationReason,
    Role,
};
use crate::people::{self, own_person_id};
use crate::store::Db;
use crate::store::events::{EventKind, NewEvent};
use crate::store::requests::{NewRequestRow, RequestQuery};
use crate::t;
use serde::{Deserialize, Serialize};

/// The request form: the request's own fields, and either an existing person
/// or the applicant's data (matched to a stored person by NIK).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestForm {
    pub jenis: Option<String>,
    /// Revocation reason code (see `RevocationReason`), chosen explicitly.
    pub alasan: Option<String>,
    /// The reason in the applicant's words; required for `lainnya`.
    pub alasan_teks: Option<String>,
    pub catatan: Option<String>,
    pub person_id: Option<i64>,
    pub person: Option<PersonInput>,
}

/// The request form after validation.
pub(crate) struct CheckedForm {
    pub(crate) jenis: RequestType,
    pub(crate) alasan: Option<RevocationReason>,
    pub(crate) alasan_teks: Option<String>,
    pub(crate) catatan: Option<String>,
    person: PersonChoice,
}

enum PersonChoice {
    Existing(i64),
    Data(Box<PersonData>),
}

/// Filters for the request list.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestFilter {
    pub search: Option<String>,
    pub status: Option<RequestStatus>,
    pub jenis: Option<RequestType>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub(crate) fn request_not_found(key: &str) -> Error {
    Error::not_found(t!(
        "Permohonan {key} tidak ditemukan.",
        "Request {key} not found."
    ))
}

impl Loket {
    fn check_form(&self, form: &RequestForm) -> Result<CheckedForm> {
        let mut issues = Vec::new();
        let jenis = match clean(&form.jenis) {
            None => {
                issues.push(FieldIssue::new(
                    "jenis",
                    t!("Pilih jenis permohonan.", "Choose the request type."),
                ));
                None
            }
            Some(j) => match RequestType::parse(&j) {
                Some(t) => Some(t),
                None => {
                    let known = RequestType::ALL.map(|t| t.code()).join(", ");
                    issues.push(FieldIssue::new(
                        "jenis",
                        t!(
                            "Jenis permohonan \"{j}\" tidak dikenal; pilih salah satu: {known}.",
                            "Unknown request type \"{j}\"; choose one of: {known}."
                        ),
                    ));
                    None
                }
            },
        };
        let alasan_teks = clean(&form.alasan_teks);
        let mut alasan = None;
        if jenis.is_some_and(|j| j.needs_reason()) {
            match clean(&form.alasan) {
                None => issues.push(FieldIssue::new(
                    "alasan",
                    Text::new(
                        "Alasan pencabutan wajib dipilih (misalnya lupa passphrase, perubahan data, kehilangan, pensiun).",
                        "Choose the reason for revocation (e.g. forgotten passphrase, change of data, loss, retirement).",
                    ),
                )),
                Some(a) => match RevocationReason::parse(&a) {
                    Some(r) => {
                        if r == RevocationReason::Lainnya && alasan_teks.is_none() {
                            issues.push(FieldIssue::new(
                                "alasan_teks",
                                Text::new(
                                    "Untuk alasan \"Lainnya\", tuliskan alasannya.",
                                    "For the reason \"Other\", write the reason out.",
                                ),
                            ));
                        }
                        alasan = Some(r);
                    }
                    None => {
                        let known = RevocationReason::ALL.map(|r| r.code()).join(", ");
                        issues.push(FieldIssue::new(
                            "alasan",
                            t!(
                                "Alasan \"{a}\" tidak dikenal; pilih salah satu: {known}.",
                                "Unknown reason \"{a}\"; choose one of: {known}."
                            ),
                        ));
                    }
                },
            }
        }
        let person = match (&form.person_id, &form.person) {
            (Some(id), _) => Some(PersonChoice::Existing(*id)),
            (None, Some(input)) => match identity::validate_person(
                input,
                &crate::identity::ValidationContext {
                    email_domain: self.email_domain()?,
                    today: self.today(),
                },
            ) {
                Ok(d) => Some(PersonChoice::Data(Box::new(d))),
                Err(fields) => {
                    issues.extend(fields);
                    None
                }
            },
            (None, None) => {
                issues.push(FieldIssue::new(
                    "person",
                    Text::new(
                        "Data pemohon belum diisi.",
                        "The applicant's data is missing.",
                    ),
                ));
                None
            }
        };
        match (jenis, person, issues.is_empty()) {
            (Some(jenis), Some(person), true) => Ok(CheckedForm {
                jenis,
                alasan: if jenis.needs_reason() { alasan } else { None },
                alasan_teks: if jenis.needs_reason() {
                    alasan_teks
                } else {
                    None
                },
                catatan: clean(&form.catatan),
                person,
            }),
            _ => Err(Error::invalid_fields(issues)),
        }
    }

    /// Validates the request form without storing anything (live validation).
    pub fn check_request_form(&self, form: &RequestForm) -> Result<()> {
        self.check_form(form).map(|_| ())
    }

    /// Stores the request form: the applicant's data (new, or updating the
    /// stored person with that NIK, old values kept in the audit log) and the
    /// new request, in one transaction.
    pub fn submit_request(&self, caller: &Caller, form: &RequestForm) -> Result<Request> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("membuat permohonan", "create requests"),
        )?;
        let form = self.check_form(form)?;
        let now = self.now();
        self.store
            .write(|db| create_request_in(db, caller, &form, &NewRequestOptions::default(), now))
    }

    /// Validates a request form for a caller inside the crate that creates
    /// the request later, inside its own transaction, with
    /// [`create_request_in`] (the bundle import).
    pub(crate) fn checked_request_form(&self, form: &RequestForm) -> Result<CheckedForm> {
        self.check_form(form)
    }

    /// Saves the request form as a draft: numbered and stored with its
    /// applicant (so scans can be attached to it) but not submitted: no SOP
    /// step runs until [`Loket::submit_draft`]. The applicant's wizard saves
    /// its progress this way, so closing the window loses nothing.
    pub fn save_draft(&self, caller: &Caller, form: &RequestForm) -> Result<Request> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("membuat permohonan", "create requests"),
        )?;
        let form = self.checked_request_form(form)?;
        let now = self.now();
        let options = NewRequestOptions {
            draft: true,
            ..NewRequestOptions::default()
        };
        self.store
            .write(|db| create_request_in(db, caller, &form, &options, now))
    }

    /// Updates a draft with the form as it is now.
    pub fn update_draft(&self, caller: &Caller, key: &str, form: &RequestForm) -> Result<Request> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("mengubah draf permohonan", "change draft requests"),
        )?;
        let form = self.checked_request_form(form)?;
        let stamp = self.stamp_now();
        let today = self.today();
        self.store.write(|db| {
            let old = visible_request(db, caller, key)?;
            let id = old.id;
            if old.status != RequestStatus::Draf {
                let nomor = &old.nomor;
                return Err(Error::conflict(t!(
                    "Permohonan {nomor} sudah diajukan; draf tidak dapat diubah lagi.",
                    "Request {nomor} has been submitted; it is no longer a draft."
                )));
            }
            let (person_id, data_baru) = if form.jenis == RequestType::PerubahanData {
                proposed_change(db, caller, &form.person, None)?
            } else {
                (resolve_person(db, caller, &form.person, &stamp)?, None)
            };
            if form.jenis != old.jenis || person_id != old.person_id {
                check_request_rules_except(db, form.jenis, person_id, today, Some(id))?;
            }
            db.update_draft_request(
                id,
                form.jenis,
                person_id,
                form.alasan,
                form.alasan_teks.as_deref(),
                form.catatan.as_deref(),
                data_baru.as_ref(),
                &stamp,
            )?;
            let new = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            Audit {
                action: "request.draft_update",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!("Draf {} diubah", new.nomor),
                old_value: audit_json(&old),
                new_value: audit_json(&new),
            }
            .write(db, caller, &stamp)?;
            Ok(new)
        })
    }

    /// Submits a draft: it starts on its SOP's first step.
    pub fn submit_draft(&self, caller: &Caller, key: &str) -> Result<Request> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("mengajukan permohonan", "submit requests"),
        )?;
        let stamp = self.stamp_now();
        self.store.write(|db| {
            let req = visible_request(db, caller, key)?;
            let id = req.id;
            if req.status != RequestStatus::Draf {
                let nomor = &req.nomor;
                return Err(Error::conflict(t!(
                    "Permohonan {nomor} sudah diajukan sebelumnya.",
                    "Request {nomor} was already submitted."
                )));
            }
            start_sop(db, caller, id, req.jenis, req.catatan.as_deref(), &stamp)?;
            let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            Audit {
                action: "request.submit",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!("Draf {} diajukan", request.nomor),
                old_value: None,
                new_value: None,
            }
            .write(db, caller, &stamp)?;
            Ok(request)
        })
    }

    /// Creates a request for a stored person (the CLI's `request create`).
    pub fn create_request(
        &self,
        caller: &Caller,
        jenis: &str,
        person_id: i64,
        alasan: Option<&str>,
        alasan_teks: Option<&str>,
    ) -> Result<Request> {
        self.submit_request(
            caller,
            &RequestForm {
                jenis: Some(jenis.to_string()),
                alasan: alasan.map(str::to_string),
                alasan_teks: alasan_teks.map(str::to_string),
                person_id: Some(person_id),
                ..RequestForm::default()
            },
        )
    }

    /// Finds a request by its id or its number (`REQ-2026-00001`), checking
    /// that the caller may see it.
    pub fn get_request(&self, caller: &Caller, key: &str) -> Result<Request> {
        self.store.read(|db| {
            let req = visible_request(db, caller, key)?;
            Ok(req)
        })
    }

    pub fn list_requests(
        &self,
        caller: &Caller,
        filter: &RequestFilter,
    ) -> Result<Vec<RequestSummary>> {
        let search = clean(&filter.search);
        self.store.read(|db| {
            db.list_requests(&RequestQuery {
                search: search.as_deref(),
                status: filter.status,
                jenis: filter.jenis,
                created_by: if caller.role == Role::Pemohon {
                    Some(caller.user_id.unwrap_or(-1))
                } else {
                    None
                },
                limit: filter.limit.unwrap_or(200).clamp(1, 5000),
                offset: filter.offset.unwrap_or(0).max(0),
            })
        })
    }
}

/// What a caller inside the crate may choose about a new request beyond the
/// form itself.
#[derive(Default)]
pub(crate) struct NewRequestOptions<'a> {
    /// Keep this UUID instead of drawing a new one: a request that arrives
    /// in a bundle keeps the applicant's UUID, so later bundles about it
    /// (updates, the office's status) find it again.
    pub uuid: Option<&'a str>,
    /// For a data change whose new data carries a new NIK: the stored
    /// person it is about (found by the old NIK).
    pub person_id: Option<i64>,
    /// Store it as a draft: numbered, with its applicant, but not on an SOP
    /// yet (see `Loket::submit_draft`).
    pub draft: bool,
}

/// The one path that creates a request, inside the caller's write
/// transaction: the applicant's data, the office's rules, the next
/// `REQ-YYYY-NNNNN`, the SOP's first step, the submit event and the audit
/// entry. [`Loket::submit_request`] and the bundle import both use it.
pub(crate) fn create_request_in(
    db: &Db,
    caller: &Caller,
    form: &CheckedForm,
    options: &NewRequestOptions,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Request> {
    let stamp = crate::clock::stamp(now);
    let year = chrono::Datelike::year(&now);
    let today = now.date_naive();
    let (person_id, data_baru) = if form.jenis == RequestType::PerubahanData {
        proposed_change(db, caller, &form.person, options.person_id)?
    } else {
        (resolve_person(db, caller, &form.person, &stamp)?, None)
    };
    check_request_rules(db, form.jenis, person_id, today)?;
    let seq = db.next_counter(&format!("request:{year}"))?;
    let nomor = format!("REQ-{year}-{seq:05}");
    let uuid = match options.uuid {
        Some(u) => u.to_string(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let id = db.insert_request(&NewRequestRow {
        uuid: &uuid,
        nomor: &nomor,
        jenis: form.jenis,
        person_id,
        alasan: form.alasan,
        alasan_teks: form.alasan_teks.as_deref(),
        catatan: form.catatan.as_deref(),
        status: RequestStatus::Draf,
        created_by: caller.user_id,
        now: &stamp,
        sop_ref: None,
        current_step: None,
        data_baru: data_baru.as_ref(),
    })?;
    if !options.draft {
        start_sop(db, caller, id, form.jenis, form.catatan.as_deref(), &stamp)?;
    }
    let request = db
        .get_request(id)?
        .ok_or_else(|| request_not_found(&nomor))?;
    let what = if options.draft {
        "disimpan sebagai draf"
    } else {
        "dibuat"
    };
    Audit {
        action: if options.draft {
            "request.draft"
        } else {
            "request.create"
        },
        entity: "request",
        entity_id: Some(id.to_string()),
        summary: format!("Permohonan {nomor} ({}) {what}", form.jenis.code()),
        old_value: None,
        new_value: audit_json(&request),
    }
    .write(db, caller, &stamp)?;
    Ok(request)
}

/// Reads a request key: a number `REQ-…`, a UUID or a numeric id.
pub(crate) fn resolve_request_id(db: &Db, key: &str) -> Result<i64> {
    let k = key.trim();
    let found = if k.to_ascii_uppercase().starts_with("REQ-") {
        db.request_id_by_nomor(k)?
    } else if let Ok(id) = k.parse::<i64>() {
        db.get_request(id)?.map(|r| r.id)
    } else {
        db.request_id_by_uuid(k)?
    };
    found.ok_or_else(|| request_not_found(k))
}

/// The request named by `key` (its REQ number, id or UUID), if the caller
/// may see it.
pub(crate) fn visible_request(db: &Db, caller: &Caller, key: &str) -> Result<Request> {
    let id = resolve_request_id(db, key)?;
    let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
    check_may_see_request(caller, &request)?;
    Ok(request)
}

/// An applicant sees only the requests they created.
pub(crate) fn check_may_see_request(caller: &Caller, req: &Request) -> Result<()> {
    if caller.role == Role::Pemohon && req.created_by != caller.user_id {
        return Err(Error::forbidden(Text::new(
            "Pemohon hanya dapat melihat permohonannya sendiri.",
            "An applicant may only see their own requests.",
        )));
    }
    Ok(())
}

fn resolve_person(db: &Db, caller: &Caller, choice: &PersonChoice, now: &str) -> Result<i64> {
    let own = own_person_id(db, caller)?;
    match choice {
        PersonChoice::Existing(id) => {
            if db.get_person(*id)?.is_none() {
                return Err(people::person_not_found(*id));
            }
            people::check_may_edit_person(db, caller, *id)?;
            Ok(*id)
        }
        PersonChoice::Data(data) => match db.person_by_nik(&data.nik)? {
            Some(existing) => {
                if caller.role == Role::Pemohon && own != Some(existing.id) {
                    return Err(Error::invalid_fields(vec![FieldIssue::new(
                        "nik",
                        Text::new(
                            "NIK ini sudah tercatat pada data lain. Hubungi verifikator.",
                            "This NIK is already on another record. Contact the verifier.",
                        ),
                    )]));
                }
                people::update_person(db, caller, existing.id, data, now)?;
                Ok(existing.id)
            }
            None => {
                if caller.role == Role::Pemohon
                    && let Some(own) = own
                {
                    // The applicant corrected their own NIK.
                    people::update_person(db, caller, own, data, now)?;
                    return Ok(own);
                }
                let person = people::insert_person(db, caller, data, now)?;
                if caller.role == Role::Pemohon {
                    people::link_to_applicant(db, caller, person.id, now)?;
                }
                Ok(person.id)
            }
        },
    }
}

/// Starts a request on the SOP its type uses now, at step 1, with a
/// `submit` event naming the SOP version.
fn start_sop(
    db: &Db,
    caller: &Caller,
    id: i64,
    jenis: RequestType,
    note: Option<&str>,
    stamp: &str,
) -> Result<()> {
    let sop = crate::sop_admin::sop_for_new_request(db, jenis)?;
    db.start_request_sop(id, sop.ref_id, stamp)?;
    db.insert_event(&NewEvent {
        request_id: id,
        attempt: 1,
        step_no: None,
        kind: EventKind::Submit,
        user_id: caller.user_id,
        actor: &caller.username,
        acted_at: stamp,
        recorded_at: stamp,
        started_at: None,
        note,
        to_step: Some(1),
        condition_held: None,
        checklist: &[],
        disposisi_to: None,
        on_behalf: false,
        override_reason: None,
        data: Some(serde_json::json!({ "sop": sop.sop.meta.id, "versi": sop.sop.meta.version })),
    })?;
    Ok(())
}

/// A data change names a stored person (by id, or by the NIK in the form)
/// and carries the new data, applied only when the request finishes.
fn proposed_change(
    db: &Db,
    caller: &Caller,
    choice: &PersonChoice,
    known: Option<i64>,
) -> Result<(i64, Option<PersonData>)> {
    let PersonChoice::Data(data) = choice else {
        return Err(Error::invalid_fields(vec![FieldIssue::new(
            "person",
            Text::new(
                "Untuk perubahan data, isi data pemohon yang baru.",
                "For a data change, fill in the applicant's new data.",
            ),
        )]));
    };
    let own = own_person_id(db, caller)?;
    let existing = match db.person_by_nik(&data.nik)? {
        Some(p) => p,
        None => match (caller.role, own, known) {
            // An applicant correcting their own NIK.
            (Role::Pemohon, Some(id), _) | (_, _, Some(id)) => db
                .get_person(id)?
                .ok_or_else(|| people::person_not_found(id))?,
            _ => {
                return Err(Error::invalid_fields(vec![FieldIssue::new(
                    "nik",
                    Text::new(
                        "Perubahan data hanya untuk pegawai yang sudah terdaftar; NIK ini belum ada. Untuk pegawai baru ajukan penerbitan.",
                        "A data change is only for a registered person; this NIK is not on file. For a new person file an issuance.",
                    ),
                )]));
            }
        },
    };
    people::check_may_edit_person(db, caller, existing.id)?;
    if existing.data == **data {
        return Err(Error::invalid(Text::new(
            "Tidak ada data yang berubah; ubah isian yang perlu diganti.",
            "Nothing changed; edit the fields that need changing.",
        )));
    }
    Ok((existing.id, Some((**data).clone())))
}

/// The office's rules on which requests make sense for a person now.
fn check_request_rules(
    db: &Db,
    jenis: RequestType,
    person_id: i64,
    today: chrono::NaiveDate,
) -> Result<()> {
    check_request_rules_except(db, jenis, person_id, today, None)
}

/// The same rules, ignoring one request (a draft being edited).
fn check_request_rules_except(
    db: &Db,
    jenis: RequestType,
    person_id: i64,
    today: chrono::NaiveDate,
    except: Option<i64>,
) -> Result<()> {
    if let Some(open) = db
        .open_request_for(person_id, jenis)?
        .filter(|r| Some(r.id) != except)
    {
        let nomor = open.nomor;
        let kind_id = jenis.label().id.to_lowercase();
        let kind_en = jenis.label().en.to_lowercase();
        return Err(Error::conflict(t!(
            "Sudah ada permohonan {kind_id} yang belum selesai untuk pegawai ini: {nomor}. Lanjutkan permohonan itu.",
            "There is already an unfinished {kind_en} request for this person: {nomor}. Continue that request."
        )));
    }
    crate::certificates::check_request_allowed(db, jenis, person_id, today)
}
