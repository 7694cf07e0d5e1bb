//! The SOPs shipped with the app: the five seed SOPs transcribed from the
//! regencies' documents, and three generic ones for the request types no
//! seed covers. They are embedded as the same `loket-sop/1` text an admin
//! would import, comments included, so an admin can start from a preset's
//! file ([`preset_source`]) and the presets are checked by the same parser.

use super::{Sop, parse_sop};
use crate::model::RequestType;

/// (id, file text). The ids are the files' `[sop] id`, which a test checks.
const SOURCES: [(&str, &str); 8] = [
    (
        "tapin-penerbitan",
        include_str!("../../presets/tapin-penerbitan.toml"),
    ),
    (
        "tapin-pencabutan",
        include_str!("../../presets/tapin-pencabutan.toml"),
    ),
    (
        "kebumen-pencabutan",
        include_str!("../../presets/kebumen-pencabutan.toml"),
    ),
    (
        "madiun-pencabutan",
        include_str!("../../presets/madiun-pencabutan.toml"),
    ),
    (
        "bolmong-pencabutan",
        include_str!("../../presets/bolmong-pencabutan.toml"),
    ),
    (
        "umum-pembaruan",
        include_str!("../../presets/umum-pembaruan.toml"),
    ),
    (
        "umum-perubahan-data",
        include_str!("../../presets/umum-perubahan-data.toml"),
    ),
    (
        "umum-reset-passphrase",
        include_str!("../../presets/umum-reset-passphrase.toml"),
    ),
];

/// Presets written by the Loket TTE team, not taken from a regency's SOP;
/// their header says so too (pemda "Umum — bukan SOP Pemda").
pub const GENERIC_PRESETS: [&str; 3] = [
    "umum-pembaruan",
    "umum-perubahan-data",
    "umum-reset-passphrase",
];

/// The ids of all presets, seeds first.
pub fn preset_ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(id, _)| *id)
}

/// All presets, parsed. A preset that did not parse would be left out, but
/// the tests parse every one, so in a built app none is.
pub fn presets() -> Vec<Sop> {
    SOURCES
        .iter()
        .filter_map(|(_, text)| parse_sop(text).ok())
        .collect()
}

/// One preset by id.
pub fn preset(id: &str) -> Option<Sop> {
    preset_source(id).and_then(|text| parse_sop(text).ok())
}

/// A preset's file as shipped, with its comments (how the seed was read), for
/// an admin who wants to adapt it.
pub fn preset_source(id: &str) -> Option<&'static str> {
    SOURCES
        .iter()
        .find(|(pid, _)| *pid == id)
        .map(|(_, text)| *text)
}

/// The SOP a new office uses for a request type until it imports its own:
/// Tapin's for issuance and revocation (the one Pemda whose seeds cover
/// both), the generic ones for the rest. `Option` because a future request
/// type may have no preset.
pub fn default_preset_for(request_type: RequestType) -> Option<&'static str> {
    Some(match request_type {
        RequestType::Penerbitan => "tapin-penerbitan",
        RequestType::Pencabutan => "tapin-pencabutan",
        RequestType::Pembaruan => "umum-pembaruan",
        RequestType::PerubahanData => "umum-perubahan-data",
        RequestType::ResetPassphrase => "umum-reset-passphrase",
    })
}

#[cfg(test)]
mod tests;
