//! Vocabularies the forms offer (request types, reasons, ranks …), with their
//! labels from loket-core in the UI language, so the window holds no list of
//! its own.

use crate::error::CmdResult;
use crate::state::AppState;
use loket_core::identity;
use loket_core::model::{
    CertStatus, DocKind, RequestStatus, RequestType, RevocationReason, Role, StaffKind,
};
use serde::Serialize;
use tauri::State;

#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct Reference {
    pub request_types: Vec<Choice>,
    pub request_statuses: Vec<Choice>,
    pub reasons: Vec<Choice>,
    pub staff_kinds: Vec<Choice>,
    pub golongan_pns: Vec<Choice>,
    pub golongan_pppk: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub cert_statuses: Vec<Choice>,
    pub doc_kinds: Vec<Choice>,
}

#[tauri::command]
pub async fn reference_data(state: State<'_, AppState>) -> CmdResult<Reference> {
    let lang = state.lang();
    let c = |value: &str, label: &str| Choice {
        value: value.to_string(),
        label: label.to_string(),
    };
    Ok(Reference {
        request_types: RequestType::ALL
            .iter()
            .map(|t| c(t.code(), t.label().get(lang)))
            .collect(),
        request_statuses: RequestStatus::ALL
            .iter()
            .map(|s| c(s.code(), s.label().get(lang)))
            .collect(),
        reasons: RevocationReason::ALL
            .iter()
            .map(|r| c(r.code(), r.wording().get(lang)))
            .collect(),
        staff_kinds: StaffKind::ALL
            .iter()
            .map(|k| c(k.code(), k.label().get(lang)))
            .collect(),
        golongan_pns: identity::pns_ranks()
            .iter()
            .map(|g| c(&g.code, &g.display()))
            .collect(),
        golongan_pppk: identity::pppk_grades()
            .iter()
            .map(|g| c(&g.code, &g.code))
            .collect(),
        roles: Role::ALL
            .iter()
            .map(|r| c(r.code(), r.label().get(lang)))
            .collect(),
        cert_statuses: CertStatus::ALL
            .iter()
            .map(|s| c(s.code(), s.code()))
            .collect(),
        doc_kinds: DocKind::ALL
            .iter()
            .map(|k| c(k.code(), k.label().get(lang)))
            .collect(),
    })
}
