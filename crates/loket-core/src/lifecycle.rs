//! The request lifecycle: a request walks the steps of the SOP version it
//! started on. Each action on the current step (done, returned, rejected,
//! cancelled; skipped when a conditional step's condition does not hold) is
//! appended to the request's history with who recorded it, when it
//! happened, the note, the checklist and, for heads, the disposisi. Finishing
//! the last step applies the request's effect on the certificate or person.

use crate::auth::Caller;
use crate::certificates::default_expiry;
use crate::clock::{parse_stamp, stamp};
use crate::error::{Error, FieldIssue, Result};
use crate::i18n::{Text, long_date};
use crate::loket::{Audit, Loket, audit_json};
use crate::model::{
    CertStatus, Certificate, DocKind, Person, Request, RequestStatus, RequestType, Revocation,
    RevocationReason, Role,
};
use crate::requests::{
    check_may_see_request, request_not_found, resolve_request_id, visible_request,
};
use crate::sop::{ActorRole, Sop, Step};
use crate::sop_admin::total_text;
use crate::store::Db;
use crate::store::certificates::CertRow;
use crate::store::events::NewEvent;
pub use crate::store::events::{EventKind, RequestEvent};
use crate::t;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the person acting on the current step decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The step is done; the request moves to the next step (or finishes).
    Done,
    /// A check failed: back to an earlier step (the SOP's `on_fail`, or `to`).
    Return,
    /// The request is rejected; it may be corrected and resubmitted.
    Reject,
}

impl Outcome {
    pub fn parse(s: &str) -> Option<Outcome> {
        match s.trim().to_ascii_lowercase().as_str() {
            "done" | "selesai" => Some(Outcome::Done),
            "return" | "kembali" => Some(Outcome::Return),
            "reject" | "tolak" => Some(Outcome::Reject),
            _ => None,
        }
    }
}

/// An action on the current step of a request.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct StepAction {
    pub outcome: Outcome,
    /// The step the person saw as current; refused if the request moved on
    /// meanwhile (two people acting on one request at once).
    pub step: Option<u32>,
    /// For `Return`: the step to go back to (default: the SOP's `on_fail`).
    pub to: Option<u32>,
    pub note: Option<String>,
    /// When it happened, if not now (e.g. the date BSrE acted).
    pub at: Option<DateTime<FixedOffset>>,
    /// For a conditional step: whether the condition held.
    pub condition: Option<bool>,
    /// The requirements ticked, as the SOP words them.
    pub checklist: Vec<String>,
    /// For a head's disposisi: to whom it goes (default: the next step's actor).
    pub disposisi_to: Option<String>,
    /// On the last step of an issuance or renewal: the certificate's real
    /// expiry date (default: two years after issuance).
    pub expires_on: Option<NaiveDate>,
    /// A verifier's written reason for completing a step whose required
    /// documents are not attached.
    pub override_documents: Option<String>,
}

impl Default for StepAction {
    fn default() -> StepAction {
        StepAction {
            outcome: Outcome::Done,
            step: None,
            to: None,
            note: None,
            at: None,
            condition: None,
            checklist: Vec::new(),
            disposisi_to: None,
            expires_on: None,
            override_documents: None,
        }
    }
}

/// Where a step stands in the request's current attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Current,
    Skipped,
    Upcoming,
    /// The step at which the request was rejected or cancelled.
    Stopped,
}

/// How the caller would act on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActingAs {
    /// The caller holds the actor's role.
    Own,
    /// A verifier records what the applicant or BSrE did.
    OnBehalf,
    /// An admin acts for another role; recorded as an override.
    Override,
}

/// One step of a request, for the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    pub no: u32,
    pub activity: String,
    pub actor: String,
    pub actor_role: ActorRole,
    pub requirements: Vec<String>,
    pub documents: Vec<DocKind>,
    /// The standard as written ("1-2 Jam", "-").
    pub time_text: String,
    pub standard_min: Option<u32>,
    pub standard_max: Option<u32>,
    pub output: String,
    pub note: Option<String>,
    pub condition: Option<String>,
    pub on_fail: Option<u32>,
    pub link_valid: Option<String>,
    pub disposisi: bool,
    pub letters: Vec<String>,
    pub state: StepState,
    /// The event that completed (or skipped) the step in this attempt.
    pub record: Option<RequestEvent>,
    /// How long the step took, from becoming current to being done.
    pub actual_minutes: Option<i64>,
    pub overdue: bool,
}

/// The current step's clock and what the caller may do about it.
#[derive(Clone, Debug, Serialize)]
pub struct CurrentStep {
    pub no: u32,
    pub started_at: String,
    pub elapsed_minutes: i64,
    /// When the standard time runs out, if the step has one.
    pub due_at: Option<String>,
    pub overdue: bool,
    pub soon_due: bool,
    /// For steps waiting on an emailed AMS link: when the link expires.
    pub link_expires_at: Option<String>,
    pub link_expired: bool,
    pub link_expiring: bool,
    /// Required documents not attached yet.
    pub missing_documents: Vec<DocKind>,
    pub needs_condition: bool,
    /// Whether and how the caller may act; `None` means they may not.
    pub acting_as: Option<ActingAs>,
    /// Why the caller may not act, if they may not.
    pub refusal: Option<Text>,
    /// Whether this is the last step (an issuance asks for the expiry date).
    pub is_last: bool,
    /// Where a failed check returns to, if the SOP says.
    pub on_fail: Option<u32>,
    /// The default recipient of a disposisi: the next step's actor.
    pub next_actor: Option<String>,
}

/// Everything about one request, for the request page and `request show`.
#[derive(Clone, Debug, Serialize)]
pub struct RequestView {
    pub request: Request,
    pub person: Person,
    pub sop_id: String,
    pub sop_version: u32,
    pub sop_title: String,
    pub sop_pemda: String,
    pub planned_minutes: (u32, u32),
    pub planned_text: Text,
    pub steps: Vec<StepView>,
    pub current: Option<CurrentStep>,
    pub history: Vec<RequestEvent>,
    pub certificate: Option<Certificate>,
}

/// A request whose current step needs attention now.
#[derive(Clone, Debug, Serialize)]
pub struct DueItem {
    pub nomor: String,
    pub jenis: RequestType,
    pub nama: String,
    pub step_no: u32,
    pub activity: String,
    pub actor: String,
    pub actor_role: ActorRole,
    pub started_at: String,
    pub due_at: Option<String>,
    pub overdue: bool,
    pub soon_due: bool,
    pub overdue_minutes: i64,
    pub link_expires_at: Option<String>,
    pub link_expired: bool,
    pub link_expiring: bool,
}

/// A step that waits on an emailed link counts as expiring this long before
/// the link's end.
const LINK_WARNING: Duration = Duration::hours(6);

fn minutes_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> i64 {
    (to - from).num_minutes()
}

/// Whether little of the standard time is left: a quarter of it, or ten
/// minutes for very short steps.
fn soon(elapsed: i64, max: u32) -> bool {
    let max = i64::from(max);
    let margin = (max / 4).max(10);
    elapsed <= max && elapsed >= max - margin
}

fn stamp_or_internal(s: &str) -> Result<DateTime<FixedOffset>> {
    parse_stamp(s).ok_or_else(|| Error::internal(format!("unreadable timestamp {s}")))
}

/// Who may act on a step of `actor_role`, and how.
fn acting_as(caller: &Caller, actor_role: ActorRole, request: &Request) -> Result<ActingAs, Text> {
    let own = match actor_role {
        ActorRole::Pemohon => caller.role == Role::Pemohon && request.created_by == caller.user_id,
        ActorRole::Pimpinan => caller.role == Role::Pimpinan,
        ActorRole::Verifikator => caller.role == Role::Verifikator,
        ActorRole::External => false,
    };
    if own {
        return Ok(ActingAs::Own);
    }
    if caller.role == Role::Verifikator
        && matches!(actor_role, ActorRole::Pemohon | ActorRole::External)
    {
        return Ok(ActingAs::OnBehalf);
    }
    if caller.role == Role::Admin {
        return Ok(ActingAs::Override);
    }
    let (role, actor) = (caller.role.label(), actor_role.label());
    let (rid, ren, aid, aen) = (role.id, role.en, actor.id, actor.en);
    Err(t!(
        "Langkah ini dikerjakan oleh {aid}; peran {rid} tidak dapat menyelesaikannya.",
        "This step belongs to the {aen}; the {ren} role cannot complete it."
    ))
}

/// The events of the current attempt replayed: for each step, the event
/// that last completed, skipped or stopped it (a return clears the steps it
/// sends the request back over).
fn replay(events: &[RequestEvent], attempt: i64) -> std::collections::BTreeMap<u32, RequestEvent> {
    let mut state = std::collections::BTreeMap::new();
    for e in events.iter().filter(|e| e.attempt == attempt) {
        let Some(no) = e.step_no else { continue };
        match e.kind {
            EventKind::Done | EventKind::Skipped | EventKind::Reject | EventKind::Cancel => {
                state.insert(no, e.clone());
            }
            EventKind::Return => {
                let to = e.to_step.unwrap_or(no);
                state.retain(|k, _| *k < to);
            }
            _ => {}
        }
    }
    state
}

/// Required document kinds not attached to the request.
fn missing_documents(db: &Db, request_id: i64, step: &Step) -> Result<Vec<DocKind>> {
    if step.documents.is_empty() {
        return Ok(Vec::new());
    }
    let attached: BTreeSet<DocKind> = crate::documents::attached_kinds(db, request_id)?;
    Ok(step
        .documents
        .iter()
        .copied()
        .filter(|k| !attached.contains(k))
        .collect())
}

fn load_sop(db: &Db, request: &Request) -> Result<Sop> {
    let ref_id = request.sop_ref.ok_or_else(|| {
        let nomor = &request.nomor;
        Error::conflict(t!(
            "Permohonan {nomor} belum terhubung ke SOP (masih draf).",
            "Request {nomor} is not on an SOP yet (still a draft)."
        ))
    })?;
    Ok(db
        .sop_by_ref(ref_id)?
        .ok_or_else(|| Error::internal(format!("SOP version {ref_id} vanished")))?
        .sop)
}

impl Loket {
    /// The request with its SOP timeline, clock and history.
    pub fn request_view(&self, caller: &Caller, key: &str) -> Result<RequestView> {
        let now = self.now();
        self.store.read(|db| {
            let request = visible_request(db, caller, key)?;
            build_view(db, caller, request, now)
        })
    }

    /// Acts on the current step of a request.
    pub fn act_on_step(
        &self,
        caller: &Caller,
        key: &str,
        action: &StepAction,
    ) -> Result<RequestView> {
        let now = self.now();
        let recorded = stamp(now);
        self.store.write(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            act(db, caller, &request, action, now, &recorded)?;
            let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            build_view(db, caller, request, now)
        })
    }

    /// Resubmits a rejected request after correction: the attempt counter
    /// goes up and the SOP starts again from its first step.
    pub fn resubmit(&self, caller: &Caller, key: &str, note: Option<&str>) -> Result<RequestView> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("mengajukan ulang permohonan", "resubmit requests"),
        )?;
        let now = self.now();
        let recorded = stamp(now);
        self.store.write(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            if request.status != RequestStatus::Ditolak {
                let nomor = &request.nomor;
                return Err(Error::conflict(t!(
                    "Hanya permohonan yang ditolak yang dapat diajukan ulang; {nomor} tidak ditolak.",
                    "Only a rejected request can be resubmitted; {nomor} was not rejected."
                )));
            }
            let attempt = request.attempt + 1;
            db.set_request_progress(id, RequestStatus::Diproses, Some(1), Some(&recorded), attempt, &recorded)?;
            db.insert_event(&NewEvent {
                request_id: id,
                attempt,
                step_no: None,
                kind: EventKind::Resubmit,
                user_id: caller.user_id,
                actor: &caller.username,
                acted_at: &recorded,
                recorded_at: &recorded,
                started_at: None,
                note,
                to_step: Some(1),
                condition_held: None,
                checklist: &[],
                disposisi_to: None,
                on_behalf: false,
                override_reason: None,
                data: None,
            })?;
            Audit {
                action: "request.resubmit",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!("Permohonan {} diajukan ulang (pengajuan ke-{attempt})", request.nomor),
                old_value: None,
                new_value: None,
            }
            .write(db, caller, &recorded)?;
            let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            build_view(db, caller, request, now)
        })
    }

    /// Cancels a request that is still in progress or rejected.
    pub fn cancel_request(&self, caller: &Caller, key: &str, reason: &str) -> Result<RequestView> {
        caller.require(
            &[Role::Admin, Role::Verifikator, Role::Pemohon],
            &t!("membatalkan permohonan", "cancel requests"),
        )?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "note",
                Text::new(
                    "Tuliskan alasan pembatalan.",
                    "Write the reason for cancelling.",
                ),
            )]));
        }
        let now = self.now();
        let recorded = stamp(now);
        self.store.write(|db| {
            let request = visible_request(db, caller, key)?;
            let id = request.id;
            if !matches!(
                request.status,
                RequestStatus::Diproses | RequestStatus::Ditolak | RequestStatus::Draf
            ) {
                let nomor = &request.nomor;
                return Err(Error::conflict(t!(
                    "Permohonan {nomor} sudah selesai atau dibatalkan.",
                    "Request {nomor} is already finished or cancelled."
                )));
            }
            db.set_request_progress(
                id,
                RequestStatus::Dibatalkan,
                None,
                None,
                request.attempt,
                &recorded,
            )?;
            db.insert_event(&NewEvent {
                request_id: id,
                attempt: request.attempt,
                step_no: request.current_step,
                kind: EventKind::Cancel,
                user_id: caller.user_id,
                actor: &caller.username,
                acted_at: &recorded,
                recorded_at: &recorded,
                started_at: request.step_started_at.as_deref(),
                note: Some(reason),
                to_step: None,
                condition_held: None,
                checklist: &[],
                disposisi_to: None,
                on_behalf: false,
                override_reason: None,
                data: None,
            })?;
            Audit {
                action: "request.cancel",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!("Permohonan {} dibatalkan: {reason}", request.nomor),
                old_value: None,
                new_value: None,
            }
            .write(db, caller, &recorded)?;
            let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            build_view(db, caller, request, now)
        })
    }

    /// Corrects a revocation's reason, before or after the revocation, with
    /// an audit entry holding the old and new reason.
    pub fn correct_revocation_reason(
        &self,
        caller: &Caller,
        key: &str,
        reason: RevocationReason,
        wording: Option<&str>,
    ) -> Result<Request> {
        caller.require(
            &[Role::Admin, Role::Verifikator],
            &t!("mengoreksi alasan pencabutan", "correct revocation reasons"),
        )?;
        let wording = wording.map(str::trim).filter(|w| !w.is_empty());
        if reason == RevocationReason::Lainnya && wording.is_none() {
            return Err(Error::invalid_fields(vec![FieldIssue::new(
                "alasan_teks",
                Text::new(
                    "Untuk alasan \"Lainnya\", tuliskan alasannya.",
                    "For the reason \"Other\", write the reason out.",
                ),
            )]));
        }
        let now = stamp(self.now());
        self.store.write(|db| {
            let id = resolve_request_id(db, key)?;
            let request = db.get_request(id)?.ok_or_else(|| request_not_found(key))?;
            if request.jenis != RequestType::Pencabutan {
                return Err(Error::conflict(Text::new(
                    "Hanya permohonan pencabutan yang memiliki alasan pencabutan.",
                    "Only revocation requests have a revocation reason.",
                )));
            }
            db.set_request_reason(id, reason, wording, &now)?;
            let revocation = Revocation {
                reason,
                wording: wording
                    .map(str::to_string)
                    .unwrap_or_else(|| reason.wording().id),
                crl: reason.crl().code(),
            };
            // A finished revocation also corrects the certificate record.
            if let Some(cert) = db
                .certificates_of(request.person_id)?
                .into_iter()
                .find(|c| c.request_id == Some(id) && c.status == CertStatus::Revoke)
            {
                db.update_certificate(
                    cert.id,
                    &CertRow {
                        person_id: cert.person_id,
                        status: cert.status,
                        issued_on: cert.issued_on,
                        expires_on: cert.expires_on,
                        revoked_on: cert.revoked_on,
                        revocation: Some(&revocation),
                        request_id: cert.request_id,
                    },
                    &now,
                )?;
            }
            db.insert_event(&NewEvent {
                request_id: id,
                attempt: request.attempt,
                step_no: None,
                kind: EventKind::ReasonCorrected,
                user_id: caller.user_id,
                actor: &caller.username,
                acted_at: &now,
                recorded_at: &now,
                started_at: None,
                note: Some(&revocation.wording),
                to_step: None,
                condition_held: None,
                checklist: &[],
                disposisi_to: None,
                on_behalf: false,
                override_reason: None,
                data: Some(
                    serde_json::json!({ "alasan": reason.code(), "crl": reason.crl().code() }),
                ),
            })?;
            Audit {
                action: "request.reason_corrected",
                entity: "request",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "Alasan pencabutan {} dikoreksi menjadi {} (CRL {})",
                    request.nomor,
                    reason.code(),
                    reason.crl().code()
                ),
                old_value: Some(serde_json::json!({
                    "alasan": request.alasan.map(|a| a.code()),
                    "alasan_teks": request.alasan_teks,
                    "crl": request.alasan_crl,
                })),
                new_value: Some(serde_json::json!({
                    "alasan": reason.code(),
                    "alasan_teks": wording,
                    "crl": reason.crl().code(),
                })),
            }
            .write(db, caller, &now)?;
            db.get_request(id)?.ok_or_else(|| request_not_found(key))
        })
    }

    /// Requests whose current step the caller can act on now: their own
    /// role's steps, and for a verifier also the steps recorded for the
    /// applicant or BSrE. Oldest waiting first.
    pub fn my_queue(&self, caller: &Caller) -> Result<Vec<DueItem>> {
        let now = self.now();
        let mut items = self.store.read(|db| {
            let mut out = Vec::new();
            for request in db.requests_in_progress()? {
                if check_may_see_request(caller, &request).is_err() {
                    continue;
                }
                let (Some(no), Some(started)) =
                    (request.current_step, request.step_started_at.as_deref())
                else {
                    continue;
                };
                let sop = load_sop(db, &request)?;
                let Some(step) = sop.step(no) else { continue };
                let actor = sop.actor_of(step);
                let role = actor.map(|a| a.role).unwrap_or(ActorRole::Verifikator);
                // An admin could act on everything; the queue shows only
                // what is theirs by role, or it would list every request.
                match acting_as(caller, role, &request) {
                    Ok(ActingAs::Own | ActingAs::OnBehalf) => {}
                    _ => continue,
                }
                let clock = step_clock(step, started, now)?;
                let person = db.get_person(request.person_id)?;
                out.push(DueItem {
                    nomor: request.nomor.clone(),
                    jenis: request.jenis,
                    nama: person.map(|p| p.data.nama).unwrap_or_default(),
                    step_no: no,
                    activity: step.activity.clone(),
                    actor: actor.map(|a| a.name.clone()).unwrap_or_default(),
                    actor_role: role,
                    started_at: started.to_string(),
                    due_at: clock.due_at.map(stamp),
                    overdue: clock.overdue,
                    soon_due: clock.soon_due,
                    overdue_minutes: clock.overdue_minutes,
                    link_expires_at: clock.link_expires_at.map(stamp),
                    link_expired: clock.link_expired,
                    link_expiring: clock.link_expiring,
                });
            }
            Ok(out)
        })?;
        items.sort_by(|a, b| a.started_at.cmp(&b.started_at));
        Ok(items)
    }

    /// Requests whose current step is overdue or soon due, or whose emailed
    /// link is expiring or expired, most urgent first.
    pub fn due_list(&self, caller: &Caller) -> Result<Vec<DueItem>> {
        let now = self.now();
        let mut items = self.store.read(|db| {
            let mut out = Vec::new();
            for request in db.requests_in_progress()? {
                if check_may_see_request(caller, &request).is_err() {
                    continue;
                }
                let (Some(no), Some(started)) =
                    (request.current_step, request.step_started_at.as_deref())
                else {
                    continue;
                };
                let sop = load_sop(db, &request)?;
                let Some(step) = sop.step(no) else { continue };
                let clock = step_clock(step, started, now)?;
                if !(clock.overdue || clock.soon_due || clock.link_expiring || clock.link_expired) {
                    continue;
                }
                let person = db.get_person(request.person_id)?;
                let actor = sop.actor_of(step);
                out.push(DueItem {
                    nomor: request.nomor.clone(),
                    jenis: request.jenis,
                    nama: person.map(|p| p.data.nama).unwrap_or_default(),
                    step_no: no,
                    activity: step.activity.clone(),
                    actor: actor.map(|a| a.name.clone()).unwrap_or_default(),
                    actor_role: actor.map(|a| a.role).unwrap_or(ActorRole::Verifikator),
                    started_at: started.to_string(),
                    due_at: clock.due_at.map(stamp),
                    overdue: clock.overdue,
                    soon_due: clock.soon_due,
                    overdue_minutes: clock.overdue_minutes,
                    link_expires_at: clock.link_expires_at.map(stamp),
                    link_expired: clock.link_expired,
                    link_expiring: clock.link_expiring,
                });
            }
            Ok(out)
        })?;
        items.sort_by_key(|i| {
            (
                !i.link_expired && !i.overdue,
                !i.link_expiring,
                -i.overdue_minutes,
            )
        });
        Ok(items)
    }
}

struct Clock {
    elapsed: i64,
    due_at: Option<DateTime<FixedOffset>>,
    overdue: bool,
    soon_due: bool,
    overdue_minutes: i64,
    link_expires_at: Option<DateTime<FixedOffset>>,
    link_expired: bool,
    link_expiring: bool,
}

fn step_clock(step: &Step, started: &str, now: DateTime<FixedOffset>) -> Result<Clock> {
    let started = stamp_or_internal(started)?;
    let elapsed = minutes_between(started, now).max(0);
    let (due_at, overdue, soon_due, overdue_minutes) = match &step.time {
        Some(t) => {
            let due = started + Duration::minutes(i64::from(t.max_minutes));
            (
                Some(due),
                elapsed > i64::from(t.max_minutes),
                soon(elapsed, t.max_minutes),
                (elapsed - i64::from(t.max_minutes)).max(0),
            )
        }
        None => (None, false, false, 0),
    };
    let link_expires_at = step
        .link_valid
        .as_ref()
        .map(|l| started + Duration::minutes(i64::from(l.max_minutes)));
    let link_expired = link_expires_at.is_some_and(|e| now > e);
    let link_expiring = link_expires_at.is_some_and(|e| !link_expired && e - now <= LINK_WARNING);
    Ok(Clock {
        elapsed,
        due_at,
        overdue,
        soon_due,
        overdue_minutes,
        link_expires_at,
        link_expired,
        link_expiring,
    })
}

fn build_view(
    db: &Db,
    caller: &Caller,
    request: Request,
    now: DateTime<FixedOffset>,
) -> Result<RequestView> {
    let person = db
        .get_person(request.person_id)?
        .ok_or_else(|| crate::people::person_not_found(request.person_id))?;
    let sop = load_sop(db, &request)?;
    let history = db.events_for(request.id)?;
    let records = replay(&history, request.attempt);
    let steps = sop
        .steps
        .iter()
        .map(|step| {
            let record = records.get(&step.no).cloned();
            let state = match (&record, request.current_step) {
                (_, Some(c)) if c == step.no && request.status == RequestStatus::Diproses => {
                    StepState::Current
                }
                (Some(r), _) if r.kind == EventKind::Done => StepState::Done,
                (Some(r), _) if r.kind == EventKind::Skipped => StepState::Skipped,
                (Some(_), _) => StepState::Stopped,
                (None, _) => StepState::Upcoming,
            };
            let actual_minutes = record.as_ref().and_then(|r| {
                let start = parse_stamp(r.started_at.as_deref()?)?;
                let end = parse_stamp(&r.acted_at)?;
                Some(minutes_between(start, end).max(0))
            });
            let overdue = match (actual_minutes, &step.time, state) {
                (Some(m), Some(t), StepState::Done) => m > i64::from(t.max_minutes),
                _ => false,
            };
            let actor = sop.actor_of(step);
            StepView {
                no: step.no,
                activity: step.activity.clone(),
                actor: actor
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| step.actor.clone()),
                actor_role: actor.map(|a| a.role).unwrap_or(ActorRole::Verifikator),
                requirements: step.requirements.clone(),
                documents: step.documents.clone(),
                time_text: step
                    .time
                    .as_ref()
                    .map(|t| t.text.clone())
                    .unwrap_or_else(|| "-".into()),
                standard_min: step.time.as_ref().map(|t| t.min_minutes),
                standard_max: step.time.as_ref().map(|t| t.max_minutes),
                output: step.output.clone(),
                note: step.note.clone(),
                condition: step.condition.clone(),
                on_fail: step.on_fail,
                link_valid: step.link_valid.as_ref().map(|l| l.text.clone()),
                disposisi: step.disposisi,
                letters: step.letters.iter().map(|l| l.code().to_string()).collect(),
                state,
                record,
                actual_minutes,
                overdue,
            }
        })
        .collect();
    let current = match (
        request.status,
        request.current_step,
        request.step_started_at.as_deref(),
    ) {
        (RequestStatus::Diproses, Some(no), Some(started)) => match sop.step(no) {
            Some(step) => {
                let clock = step_clock(step, started, now)?;
                let actor_role = sop
                    .actor_of(step)
                    .map(|a| a.role)
                    .unwrap_or(ActorRole::Verifikator);
                let (acting, refusal) = match acting_as(caller, actor_role, &request) {
                    Ok(a) => (Some(a), None),
                    Err(t) => (None, Some(t)),
                };
                Some(CurrentStep {
                    no,
                    started_at: started.to_string(),
                    elapsed_minutes: clock.elapsed,
                    due_at: clock.due_at.map(stamp),
                    overdue: clock.overdue,
                    soon_due: clock.soon_due,
                    link_expires_at: clock.link_expires_at.map(stamp),
                    link_expired: clock.link_expired,
                    link_expiring: clock.link_expiring,
                    missing_documents: missing_documents(db, request.id, step)?,
                    needs_condition: step.is_conditional(),
                    acting_as: acting,
                    refusal,
                    is_last: sop.step(no + 1).is_none(),
                    on_fail: step.on_fail,
                    next_actor: sop
                        .step(no + 1)
                        .and_then(|s| sop.actor_of(s))
                        .map(|a| a.name.clone()),
                })
            }
            None => None,
        },
        _ => None,
    };
    let certificate = db.latest_certificate(request.person_id)?;
    Ok(RequestView {
        sop_id: sop.meta.id.clone(),
        sop_version: sop.meta.version,
        sop_title: sop.meta.title.clone(),
        sop_pemda: sop.meta.pemda.clone(),
        planned_minutes: sop.total_minutes(),
        planned_text: total_text(&sop),
        steps,
        current,
        history,
        certificate,
        person,
        request,
    })
}

fn act(
    db: &Db,
    caller: &Caller,
    request: &Request,
    action: &StepAction,
    now: DateTime<FixedOffset>,
    recorded: &str,
) -> Result<()> {
    let nomor = &request.nomor;
    if request.status != RequestStatus::Diproses {
        let status = request.status.label();
        let (sid, sen) = (status.id.to_lowercase(), status.en.to_lowercase());
        return Err(Error::conflict(t!(
            "Permohonan {nomor} berstatus {sid}; tidak ada langkah yang dapat dikerjakan.",
            "Request {nomor} is {sen}; there is no step to work on."
        )));
    }
    let sop = load_sop(db, request)?;
    let (Some(no), Some(started_s)) = (request.current_step, request.step_started_at.clone())
    else {
        return Err(Error::internal(format!(
            "request {nomor} in progress without a current step"
        )));
    };
    if let Some(seen) = action.step
        && seen != no
    {
        return Err(Error::conflict(t!(
            "Permohonan {nomor} sudah berpindah ke langkah {no} (Anda melihat langkah {seen}). Muat ulang lalu coba lagi.",
            "Request {nomor} has moved on to step {no} (you saw step {seen}). Reload and try again."
        )));
    }
    let step = sop
        .step(no)
        .ok_or_else(|| Error::internal(format!("step {no} missing from SOP {}", sop.meta.id)))?;
    let actor = sop.actor_of(step);
    let actor_role = actor.map(|a| a.role).unwrap_or(ActorRole::Verifikator);
    let acting = acting_as(caller, actor_role, request).map_err(Error::forbidden)?;

    // When it happened: not in the future, not before the step started.
    let started = stamp_or_internal(&started_s)?;
    let acted = action.at.unwrap_or(now);
    if acted > now + Duration::minutes(5) {
        return Err(Error::invalid_fields(vec![FieldIssue::new(
            "at",
            Text::new(
                "Waktu pelaksanaan tidak boleh di masa depan.",
                "The time it happened cannot be in the future.",
            ),
        )]));
    }
    if acted < started {
        let s = stamp(started);
        return Err(Error::invalid_fields(vec![FieldIssue::new(
            "at",
            t!(
                "Waktu pelaksanaan tidak boleh sebelum langkah ini dimulai ({s}).",
                "The time it happened cannot be before this step started ({s})."
            ),
        )]));
    }
    let acted_s = stamp(acted);

    let note = action
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let mut issues = Vec::new();
    // A conditional step asks whether its condition held.
    let condition_held = if step.is_conditional() {
        match action.condition {
            Some(c) => Some(c),
            None => {
                let cond = step.condition.clone().unwrap_or_default();
                issues.push(FieldIssue::new(
                    "condition",
                    t!(
                        "Langkah ini bersyarat (\"{cond}\"). Jawab apakah syaratnya terpenuhi: ya atau tidak.",
                        "This step is conditional (\"{cond}\"). Answer whether the condition holds: yes or no."
                    ),
                ));
                None
            }
        }
    } else {
        None
    };
    let skipped = condition_held == Some(false);
    // The checklist holds the SOP's own requirement texts only.
    let checklist: Vec<String> = action
        .checklist
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    for c in &checklist {
        if !step.requirements.contains(c) {
            issues.push(FieldIssue::new(
                "checklist",
                t!(
                    "\"{c}\" bukan kelengkapan langkah {no}.",
                    "\"{c}\" is not a requirement of step {no}."
                ),
            ));
        }
    }
    let mut override_reason: Option<String> = None;
    if acting == ActingAs::Override {
        let role = actor_role.label().id;
        override_reason = Some(format!("Admin mengerjakan langkah peran {role}"));
    }
    if action.outcome == Outcome::Done && !skipped {
        let missing = missing_documents(db, request.id, step)?;
        if !missing.is_empty() {
            let names_id = missing
                .iter()
                .map(|k| k.label().id)
                .collect::<Vec<_>>()
                .join(", ");
            let names_en = missing
                .iter()
                .map(|k| k.label().en)
                .collect::<Vec<_>>()
                .join(", ");
            match action.override_documents.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(reason) if matches!(caller.role, Role::Verifikator | Role::Admin) => {
                    let prefix = override_reason.map(|o| format!("{o}; ")).unwrap_or_default();
                    override_reason = Some(format!("{prefix}Dokumen belum dilampirkan ({names_id}): {reason}"));
                }
                Some(_) => issues.push(FieldIssue::new(
                    "override_documents",
                    Text::new(
                        "Hanya verifikator yang dapat menerima langkah tanpa dokumen wajib.",
                        "Only a verifier may accept a step without its required documents.",
                    ),
                )),
                None => issues.push(FieldIssue::new(
                    "documents",
                    t!(
                        "Dokumen wajib belum dilampirkan: {names_id}. Lampirkan dulu, atau verifikator dapat melanjutkan dengan alasan tertulis.",
                        "Required documents are not attached: {names_en}. Attach them first, or a verifier may continue with a written reason."
                    ),
                )),
            }
        }
    }
    // Where a return goes.
    let return_to = if action.outcome == Outcome::Return && !skipped {
        match action.to.or(step.on_fail) {
            Some(to) if to >= 1 && to < no => Some(to),
            Some(to) => {
                let last = no.saturating_sub(1);
                issues.push(FieldIssue::new(
                    "to",
                    t!(
                        "Permohonan hanya dapat dikembalikan ke langkah sebelumnya (1 sampai {last}), bukan {to}.",
                        "A request can only go back to an earlier step (1 to {last}), not {to}."
                    ),
                ));
                None
            }
            None => {
                issues.push(FieldIssue::new(
                    "to",
                    Text::new(
                        "SOP tidak menyebut ke langkah mana permohonan dikembalikan; pilih langkahnya.",
                        "The SOP does not say which step to go back to; choose the step.",
                    ),
                ));
                None
            }
        }
    } else {
        None
    };
    if matches!(action.outcome, Outcome::Reject | Outcome::Return) && !skipped && note.is_none() {
        issues.push(FieldIssue::new(
            "note",
            Text::new(
                "Tuliskan catatan: apa yang kurang atau salah, agar pemohon dapat memperbaikinya.",
                "Write a note: what is missing or wrong, so the applicant can correct it.",
            ),
        ));
    }
    if action.expires_on.is_some_and(|e| e <= acted.date_naive()) {
        issues.push(FieldIssue::new(
            "expires_on",
            Text::new(
                "Tanggal berakhir sertifikat harus sesudah tanggal terbit.",
                "The certificate's expiry date must be after its issue date.",
            ),
        ));
    }
    if !issues.is_empty() {
        return Err(Error::invalid_fields(issues));
    }

    let disposisi_to = if step.disposisi && !skipped && action.outcome == Outcome::Done {
        action
            .disposisi_to
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .or_else(|| {
                sop.step(no + 1)
                    .and_then(|s| sop.actor_of(s))
                    .map(|a| a.name.clone())
            })
    } else {
        None
    };
    let kind = if skipped {
        EventKind::Skipped
    } else {
        match action.outcome {
            Outcome::Done => EventKind::Done,
            Outcome::Return => EventKind::Return,
            Outcome::Reject => EventKind::Reject,
        }
    };
    let is_last = sop.step(no + 1).is_none();
    let data = match (kind, is_last, request.jenis) {
        (EventKind::Done, true, RequestType::Penerbitan | RequestType::Pembaruan) => {
            let expires = action
                .expires_on
                .unwrap_or_else(|| default_expiry(acted.date_naive()));
            Some(serde_json::json!({ "berlaku_sampai": expires.to_string() }))
        }
        _ => None,
    };
    db.insert_event(&NewEvent {
        request_id: request.id,
        attempt: request.attempt,
        step_no: Some(no),
        kind,
        user_id: caller.user_id,
        actor: &caller.username,
        acted_at: &acted_s,
        recorded_at: recorded,
        started_at: Some(&started_s),
        note,
        to_step: return_to,
        condition_held,
        checklist: &checklist,
        disposisi_to: disposisi_to.as_deref(),
        on_behalf: acting == ActingAs::OnBehalf,
        override_reason: override_reason.as_deref(),
        data,
    })?;

    // Move the request.
    let summary = match kind {
        EventKind::Done | EventKind::Skipped if !is_last => {
            db.set_request_progress(
                request.id,
                RequestStatus::Diproses,
                Some(no + 1),
                Some(&acted_s),
                request.attempt,
                recorded,
            )?;
            let verb = if kind == EventKind::Skipped {
                "dilewati"
            } else {
                "selesai"
            };
            format!("{nomor}: langkah {no} {verb}")
        }
        EventKind::Done | EventKind::Skipped => {
            db.set_request_progress(
                request.id,
                RequestStatus::Selesai,
                None,
                None,
                request.attempt,
                recorded,
            )?;
            apply_effect(
                db,
                caller,
                request,
                acted.date_naive(),
                action.expires_on,
                recorded,
            )?;
            format!("{nomor}: langkah terakhir ({no}) selesai; permohonan selesai")
        }
        EventKind::Return => {
            let to = return_to.unwrap_or(1);
            db.set_request_progress(
                request.id,
                RequestStatus::Diproses,
                Some(to),
                Some(&acted_s),
                request.attempt,
                recorded,
            )?;
            format!("{nomor}: dikembalikan dari langkah {no} ke langkah {to}")
        }
        _ => {
            db.set_request_progress(
                request.id,
                RequestStatus::Ditolak,
                None,
                None,
                request.attempt,
                recorded,
            )?;
            format!("{nomor}: ditolak pada langkah {no}")
        }
    };
    Audit {
        action: "request.step",
        entity: "request",
        entity_id: Some(request.id.to_string()),
        summary,
        old_value: Some(serde_json::json!({ "status": request.status.code(), "step": no })),
        new_value: Some(
            serde_json::json!({ "event": kind.code(), "note": note, "override": override_reason }),
        ),
    }
    .write(db, caller, recorded)
}

/// What finishing a request does to the person's certificate or data.
fn apply_effect(
    db: &Db,
    caller: &Caller,
    request: &Request,
    on: NaiveDate,
    expires_on: Option<NaiveDate>,
    now: &str,
) -> Result<()> {
    let latest = db.latest_certificate(request.person_id)?;
    let new_cert = |status: CertStatus| CertRow {
        person_id: request.person_id,
        status,
        issued_on: Some(on),
        expires_on: Some(expires_on.unwrap_or_else(|| default_expiry(on))),
        revoked_on: None,
        revocation: None,
        request_id: Some(request.id),
    };
    let (summary, old, new): (String, Option<serde_json::Value>, Option<serde_json::Value>) =
        match request.jenis {
            RequestType::Penerbitan => {
                let row = new_cert(CertStatus::Issue);
                let id = db.insert_certificate(&row, now)?;
                let until = row
                    .expires_on
                    .map(long_date)
                    .map(|t| t.id)
                    .unwrap_or_default();
                (
                    format!(
                        "Sertifikat terbit (ISSUE) untuk permohonan {}, berlaku sampai {until}",
                        request.nomor
                    ),
                    None,
                    db.get_certificate(id)?.as_ref().and_then(audit_json),
                )
            }
            RequestType::Pembaruan => {
                if let Some(old) = &latest {
                    // The renewed certificate is superseded by the new one.
                    db.update_certificate(
                        old.id,
                        &CertRow {
                            person_id: old.person_id,
                            status: CertStatus::Renew,
                            issued_on: old.issued_on,
                            expires_on: old.expires_on,
                            revoked_on: old.revoked_on,
                            revocation: old.revocation.as_ref(),
                            request_id: old.request_id,
                        },
                        now,
                    )?;
                }
                let row = new_cert(CertStatus::Issue);
                let id = db.insert_certificate(&row, now)?;
                (
                    format!("Sertifikat diperbarui melalui permohonan {}", request.nomor),
                    latest.as_ref().and_then(audit_json),
                    db.get_certificate(id)?.as_ref().and_then(audit_json),
                )
            }
            RequestType::Pencabutan => {
                let reason = request.alasan.unwrap_or(RevocationReason::Lainnya);
                let revocation = Revocation {
                    reason,
                    wording: request
                        .alasan_teks
                        .clone()
                        .unwrap_or_else(|| reason.wording().id),
                    crl: reason.crl().code(),
                };
                let id = match &latest {
                    Some(c) if c.status != CertStatus::Revoke => {
                        db.update_certificate(
                            c.id,
                            &CertRow {
                                person_id: c.person_id,
                                status: CertStatus::Revoke,
                                issued_on: c.issued_on,
                                expires_on: c.expires_on,
                                revoked_on: Some(on),
                                revocation: Some(&revocation),
                                request_id: Some(request.id),
                            },
                            now,
                        )?;
                        c.id
                    }
                    _ => db.insert_certificate(
                        &CertRow {
                            person_id: request.person_id,
                            status: CertStatus::Revoke,
                            issued_on: None,
                            expires_on: None,
                            revoked_on: Some(on),
                            revocation: Some(&revocation),
                            request_id: Some(request.id),
                        },
                        now,
                    )?,
                };
                (
                    format!(
                        "Sertifikat dicabut (REVOKE) melalui permohonan {}: {} (CRL {})",
                        request.nomor, revocation.wording, revocation.crl
                    ),
                    latest.as_ref().and_then(audit_json),
                    db.get_certificate(id)?.as_ref().and_then(audit_json),
                )
            }
            RequestType::PerubahanData => {
                let Some(data) = &request.data_baru else {
                    return Ok(());
                };
                crate::people::update_person(db, caller, request.person_id, data, now)?;
                (
                    format!("Perubahan data {} diterapkan", request.nomor),
                    None,
                    audit_json(data),
                )
            }
            // A passphrase reset changes nothing the office records.
            RequestType::ResetPassphrase => return Ok(()),
        };
    Audit {
        action: "certificate.effect",
        entity: "person",
        entity_id: Some(request.person_id.to_string()),
        summary,
        old_value: old,
        new_value: new,
    }
    .write(db, caller, now)
}
