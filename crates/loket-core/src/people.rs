//! People: the applicants and certificate holders of the office.

use crate::auth::Caller;
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::Text;
use crate::identity::{self, ValidationContext};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{Person, PersonData, PersonInput, Role};
use crate::store::Db;
use crate::store::people::PeopleQuery;
use crate::t;

impl Loket {
    fn validation_context(&self) -> Result<ValidationContext> {
        Ok(ValidationContext {
            email_domain: self.email_domain()?,
            today: self.today(),
        })
    }

    /// Validates a person without storing anything: the window calls this as
    /// the user types, so the messages next to the fields are the core's own.
    pub fn check_person(&self, input: &PersonInput) -> Result<PersonData> {
        identity::validate_person(input, &self.validation_context()?).map_err(Error::invalid_fields)
    }

    pub fn add_person(&self, caller: &Caller, input: &PersonInput) -> Result<Person> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("menambah data pegawai", "add people"),
        )?;
        let data = self.check_person(input)?;
        let now = self.stamp_now();
        self.store.write(|db| {
            if caller.role == Role::Pemohon && own_person_id(db, caller)?.is_some() {
                return Err(Error::forbidden(Text::new(
                    "Akun pemohon hanya memiliki satu data diri; ubah data yang ada.",
                    "An applicant account has one identity record; edit the existing one.",
                )));
            }
            let person = insert_person(db, caller, &data, &now)?;
            if caller.role == Role::Pemohon {
                link_to_applicant(db, caller, person.id, &now)?;
            }
            Ok(person)
        })
    }

    /// Updates a person; the old values stay in the audit log.
    pub fn update_person(&self, caller: &Caller, id: i64, input: &PersonInput) -> Result<Person> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("mengubah data pegawai", "change people"),
        )?;
        let data = self.check_person(input)?;
        let now = self.stamp_now();
        self.store.write(|db| {
            check_may_edit_person(db, caller, id)?;
            update_person(db, caller, id, &data, &now)
        })
    }

    pub fn get_person(&self, caller: &Caller, id: i64) -> Result<Person> {
        self.store.read(|db| {
            if caller.role == Role::Pemohon && own_person_id(db, caller)? != Some(id) {
                return Err(not_yours());
            }
            db.get_person(id)?.ok_or_else(|| person_not_found(id))
        })
    }

    /// What changed in a person's record over time (old and new values), for
    /// the registry's person page.
    pub fn person_history(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<Vec<crate::store::AuditEntry>> {
        self.get_person(caller, id)?;
        self.store
            .read(|db| db.audit_for("person", &id.to_string()))
    }

    /// The applicant's own identity record, if they have one.
    pub fn own_person(&self, caller: &Caller) -> Result<Option<Person>> {
        self.store.read(|db| match own_person_id(db, caller)? {
            Some(id) => db.get_person(id),
            None => Ok(None),
        })
    }

    /// People matching `search` (name, NIK, NIP or unit). An applicant sees
    /// only themselves.
    pub fn list_people(
        &self,
        caller: &Caller,
        search: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Person>> {
        self.store.read(|db| {
            if caller.role == Role::Pemohon {
                return Ok(match own_person_id(db, caller)? {
                    Some(id) => db.get_person(id)?.into_iter().collect(),
                    None => Vec::new(),
                });
            }
            db.list_people(&PeopleQuery {
                search: search.filter(|s| !s.trim().is_empty()),
                limit: limit.clamp(1, 1000),
                offset: offset.max(0),
            })
        })
    }
}

pub(crate) fn person_not_found(id: i64) -> Error {
    Error::not_found(t!(
        "Data pegawai #{id} tidak ditemukan.",
        "Person #{id} not found."
    ))
}

fn not_yours() -> Error {
    Error::forbidden(Text::new(
        "Pemohon hanya dapat melihat dan mengubah datanya sendiri.",
        "An applicant may only see and change their own data.",
    ))
}

/// The person record linked to an applicant's account.
pub(crate) fn own_person_id(db: &Db, caller: &Caller) -> Result<Option<i64>> {
    match caller.user_id {
        Some(uid) => Ok(db.get_user(uid)?.and_then(|u| u.person_id)),
        None => Ok(None),
    }
}

pub(crate) fn check_may_edit_person(db: &Db, caller: &Caller, id: i64) -> Result<()> {
    if caller.role == Role::Pemohon && own_person_id(db, caller)? != Some(id) {
        return Err(not_yours());
    }
    Ok(())
}

pub(crate) fn link_to_applicant(db: &Db, caller: &Caller, person_id: i64, now: &str) -> Result<()> {
    if let Some(uid) = caller.user_id {
        db.set_user_person(uid, person_id, now)?;
    }
    Ok(())
}

/// Inserts a validated person, refusing a NIK or NIP already on file with
/// the name of whoever holds it.
pub(crate) fn insert_person(
    db: &Db,
    caller: &Caller,
    data: &PersonData,
    now: &str,
) -> Result<Person> {
    check_unique(db, data, None)?;
    let id = db.insert_person(data, now)?;
    let person = db.get_person(id)?.ok_or_else(|| person_not_found(id))?;
    Audit {
        action: "person.create",
        entity: "person",
        entity_id: Some(id.to_string()),
        summary: format!("Data {} ditambahkan", data.nama),
        old_value: None,
        new_value: audit_json(&person.data),
    }
    .write(db, caller, now)?;
    Ok(person)
}

pub(crate) fn update_person(
    db: &Db,
    caller: &Caller,
    id: i64,
    data: &PersonData,
    now: &str,
) -> Result<Person> {
    let old = db.get_person(id)?.ok_or_else(|| person_not_found(id))?;
    check_unique(db, data, Some(id))?;
    if old.data == *data {
        return Ok(old);
    }
    db.update_person(id, data, now)?;
    let new = db.get_person(id)?.ok_or_else(|| person_not_found(id))?;
    Audit {
        action: "person.update",
        entity: "person",
        entity_id: Some(id.to_string()),
        summary: format!("Data {} diubah", data.nama),
        old_value: audit_json(&old.data),
        new_value: audit_json(&new.data),
    }
    .write(db, caller, now)?;
    Ok(new)
}

fn check_unique(db: &Db, data: &PersonData, except: Option<i64>) -> Result<()> {
    let mut issues = Vec::new();
    if let Some(other) = db
        .person_by_nik(&data.nik)?
        .filter(|p| Some(p.id) != except)
    {
        let name = other.data.nama;
        issues.push(FieldIssue::new(
            "nik",
            t!(
                "NIK ini sudah terdaftar atas nama {name}.",
                "This NIK is already registered to {name}."
            ),
        ));
    }
    if let Some(nip) = &data.nip
        && let Some(other) = db.person_by_nip(nip)?.filter(|p| Some(p.id) != except)
    {
        let name = other.data.nama;
        issues.push(FieldIssue::new(
            "nip",
            t!(
                "NIP ini sudah terdaftar atas nama {name}.",
                "This NIP is already registered to {name}."
            ),
        ));
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid_fields(issues))
    }
}
