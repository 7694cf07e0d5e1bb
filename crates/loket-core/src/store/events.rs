use super::Db;
use crate::error::Result;
use rusqlite::Row;
use serde::{Deserialize, Serialize};

/// What happened to a request: a step done, skipped or returned, a rejection,
/// a resubmission. Append-only (the database refuses updates and deletes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEvent {
    pub id: i64,
    pub request_id: i64,
    pub attempt: i64,
    pub step_no: Option<u32>,
    pub kind: EventKind,
    pub user_id: Option<i64>,
    /// Who recorded it.
    pub actor: String,
    /// When it happened.
    pub acted_at: String,
    /// When it was written here.
    pub recorded_at: String,
    /// When the step became current (the start of its clock).
    pub started_at: Option<String>,
    pub note: Option<String>,
    pub to_step: Option<u32>,
    pub condition_held: Option<bool>,
    /// The requirements ticked, as written in the SOP.
    pub checklist: Vec<String>,
    pub disposisi_to: Option<String>,
    /// Recorded by a verifier for the applicant or for BSrE.
    pub on_behalf: bool,
    /// Why a rule was overridden (admin acting for another role, missing
    /// documents accepted), if one was.
    pub override_reason: Option<String>,
    pub data: Option<serde_json::Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Submit,
    Done,
    Skipped,
    Return,
    Reject,
    Cancel,
    Resubmit,
    ReasonCorrected,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Submit => "submit",
            EventKind::Done => "done",
            EventKind::Skipped => "skipped",
            EventKind::Return => "return",
            EventKind::Reject => "reject",
            EventKind::Cancel => "cancel",
            EventKind::Resubmit => "resubmit",
            EventKind::ReasonCorrected => "reason_corrected",
        }
    }

    fn parse(s: &str) -> EventKind {
        match s {
            "done" => EventKind::Done,
            "skipped" => EventKind::Skipped,
            "return" => EventKind::Return,
            "reject" => EventKind::Reject,
            "cancel" => EventKind::Cancel,
            "resubmit" => EventKind::Resubmit,
            "reason_corrected" => EventKind::ReasonCorrected,
            _ => EventKind::Submit,
        }
    }
}

/// An event about to be written.
pub(crate) struct NewEvent<'a> {
    pub request_id: i64,
    pub attempt: i64,
    pub step_no: Option<u32>,
    pub kind: EventKind,
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub acted_at: &'a str,
    pub recorded_at: &'a str,
    pub started_at: Option<&'a str>,
    pub note: Option<&'a str>,
    pub to_step: Option<u32>,
    pub condition_held: Option<bool>,
    pub checklist: &'a [String],
    pub disposisi_to: Option<&'a str>,
    pub on_behalf: bool,
    pub override_reason: Option<&'a str>,
    pub data: Option<serde_json::Value>,
}

const EVENT_COLUMNS: &str = "id, request_id, attempt, step_no, kind, user_id, actor, acted_at, recorded_at, \
                             started_at, note, to_step, condition_held, checklist, disposisi_to, on_behalf, \
                             override, data";

fn event_from_row(r: &Row) -> rusqlite::Result<RequestEvent> {
    let kind: String = r.get(4)?;
    let checklist: Option<String> = r.get(13)?;
    let data: Option<String> = r.get(17)?;
    Ok(RequestEvent {
        id: r.get(0)?,
        request_id: r.get(1)?,
        attempt: r.get(2)?,
        step_no: r.get::<_, Option<i64>>(3)?.map(|n| n as u32),
        kind: EventKind::parse(&kind),
        user_id: r.get(5)?,
        actor: r.get(6)?,
        acted_at: r.get(7)?,
        recorded_at: r.get(8)?,
        started_at: r.get(9)?,
        note: r.get(10)?,
        to_step: r.get::<_, Option<i64>>(11)?.map(|n| n as u32),
        condition_held: r.get::<_, Option<i64>>(12)?.map(|v| v == 1),
        checklist: checklist
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default(),
        disposisi_to: r.get(14)?,
        on_behalf: r.get::<_, i64>(15)? == 1,
        override_reason: r.get(16)?,
        data: data.and_then(|s| serde_json::from_str(&s).ok()),
    })
}

impl Db<'_> {
    pub(crate) fn insert_event(&self, e: &NewEvent) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO request_events(request_id, attempt, step_no, kind, user_id, actor, acted_at, recorded_at,
                                        started_at, note, to_step, condition_held, checklist, disposisi_to,
                                        on_behalf, override, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            rusqlite::params![
                e.request_id,
                e.attempt,
                e.step_no,
                e.kind.code(),
                e.user_id,
                e.actor,
                e.acted_at,
                e.recorded_at,
                e.started_at,
                e.note,
                e.to_step,
                e.condition_held.map(i64::from),
                if e.checklist.is_empty() { None } else { Some(serde_json::to_string(e.checklist)?) },
                e.disposisi_to,
                i64::from(e.on_behalf),
                e.override_reason,
                e.data.as_ref().map(|d| d.to_string()),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A request's history, oldest first.
    pub(crate) fn events_for(&self, request_id: i64) -> Result<Vec<RequestEvent>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM request_events WHERE request_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([request_id], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
