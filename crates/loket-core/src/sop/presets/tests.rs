use super::*;
use crate::i18n::Lang;
use crate::model::DocKind;
use crate::sop::{ActorRole, LetterKind, Step};

fn load(id: &str) -> Sop {
    let text = preset_source(id).unwrap_or_else(|| panic!("no preset {id}"));
    parse_sop(text).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.render(Lang::En)).collect();
        panic!("preset {id} does not parse:\n{}", list.join("\n"))
    })
}

/// Asserts the actors as (id, name, role).
fn check_actors(sop: &Sop, expected: &[(&str, &str, ActorRole)]) {
    let got: Vec<(&str, &str, ActorRole)> = sop
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str(), a.role))
        .collect();
    assert_eq!(got, expected, "actors of {}", sop.meta.id);
}

/// A step as (no, actor, standard minutes, output).
type StepRow<'a> = (u32, &'a str, Option<(u32, u32)>, &'a str);

/// Asserts every step's row.
fn check_steps(sop: &Sop, expected: &[StepRow<'_>]) {
    let got: Vec<StepRow<'_>> = sop
        .steps
        .iter()
        .map(|s| {
            (
                s.no,
                s.actor.as_str(),
                s.time.as_ref().map(|t| (t.min_minutes, t.max_minutes)),
                s.output.as_str(),
            )
        })
        .collect();
    assert_eq!(got, expected, "steps of {}", sop.meta.id);
}

fn step(sop: &Sop, no: u32) -> &Step {
    sop.step(no)
        .unwrap_or_else(|| panic!("{} has no step {no}", sop.meta.id))
}

#[test]
fn every_preset_parses_under_its_own_id() {
    let all = presets();
    assert_eq!(all.len(), SOURCES.len(), "a preset failed to parse");
    for (id, _) in SOURCES {
        assert_eq!(load(id).meta.id, id);
    }
    let ids: Vec<&str> = preset_ids().collect();
    assert_eq!(ids.len(), 8);
    assert!(preset("tidak-ada").is_none());
}

#[test]
fn tapin_penerbitan() {
    let sop = load("tapin-penerbitan");
    assert_eq!(sop.meta.request_types, vec![RequestType::Penerbitan]);
    assert_eq!(sop.meta.pemda, "Pemerintah Kabupaten Tapin");
    assert_eq!(sop.meta.legal_basis.len(), 7);
    assert_eq!(sop.meta.qualifications.len(), 3);
    assert_eq!(sop.meta.equipment.len(), 5);
    check_actors(
        &sop,
        &[
            ("pemohon", "Pemohon", ActorRole::Pemohon),
            ("kadin", "Kepala Dinas Kominfo", ActorRole::Pimpinan),
            ("verifikator", "Verifikator", ActorRole::Verifikator),
            ("bsre", "BSrE", ActorRole::External),
        ],
    );
    check_steps(
        &sop,
        &[
            (
                1,
                "pemohon",
                Some((60, 60)),
                "Surat Permohonan, Foto/Scan KTP, SK jabatan terakhir",
            ),
            (2, "kadin", Some((10, 10)), "Disposisi"),
            (
                3,
                "verifikator",
                Some((1, 1)),
                "Persyaratan telah diperiksa",
            ),
            (4, "verifikator", None, "Koordinasi dengan pemohon"),
            (5, "verifikator", Some((15, 15)), "Email Dinas"),
            (
                6,
                "verifikator",
                Some((1, 1)),
                "Verifikator telah log in ke AMS",
            ),
            (
                7,
                "verifikator",
                Some((15, 15)),
                "Data pemohon telah diinput",
            ),
            (8, "pemohon", Some((3, 3)), "Data identitas diinput"),
            (
                9,
                "verifikator",
                Some((5, 5)),
                "Data identitas diverifikasi",
            ),
            (10, "pemohon", Some((5, 5)), "Passphrase telah dibuat"),
            (
                11,
                "bsre",
                Some((60, 120)),
                "Data permohonan sertifikat elektronik diperiksa oleh BSrE",
            ),
            (
                12,
                "bsre",
                Some((5, 5)),
                "Sertifikat Elektronik telah terbit",
            ),
        ],
    );
    let conditional: Vec<u32> = sop
        .steps
        .iter()
        .filter(|s| s.is_conditional())
        .map(|s| s.no)
        .collect();
    assert_eq!(conditional, [4, 5]);
    let links: Vec<(u32, u32)> = sop
        .steps
        .iter()
        .filter_map(|s| s.link_valid.as_ref().map(|l| (s.no, l.max_minutes)))
        .collect();
    assert_eq!(links, [(8, 1440), (10, 1440)]);
    assert_eq!(
        step(&sop, 1).documents,
        [DocKind::SuratPermohonan, DocKind::Ktp, DocKind::SkJabatan]
    );
    assert_eq!(step(&sop, 1).letters, [LetterKind::PermohonanPenerbitan]);
    assert!(step(&sop, 2).disposisi);
    assert_eq!(
        step(&sop, 11).time.as_ref().map(|t| t.text.as_str()),
        Some("1 -2 Jam")
    );
    // Conditional steps 4 (no time) and 5 (15 minutes) are counted.
    assert_eq!(sop.total_minutes(), (180, 240));
    assert_eq!(sop.total_text(Lang::Id), "3 Jam – 4 Jam");
    assert_eq!(sop.total_text(Lang::En), "3 hours – 4 hours");
}

#[test]
fn tapin_pencabutan() {
    let sop = load("tapin-pencabutan");
    assert_eq!(sop.meta.request_types, vec![RequestType::Pencabutan]);
    assert_eq!(
        sop.meta.number.as_deref(),
        Some("000.6/140/Diskominfo/VII/2025")
    );
    assert_eq!(sop.meta.made, chrono::NaiveDate::from_ymd_opt(2025, 7, 29));
    assert_eq!(sop.meta.effective, None, "garbled in the seed");
    assert!(
        sop.meta
            .approved_by
            .as_deref()
            .is_some_and(|a| a.contains("NIP 19710130 199903 1 005"))
    );
    assert_eq!(sop.meta.qualifications.len(), 4);
    check_actors(
        &sop,
        &[
            ("pemohon", "Pemohon", ActorRole::Pemohon),
            ("bsre-op", "BSrE / OP", ActorRole::External),
        ],
    );
    check_steps(
        &sop,
        &[
            (
                1,
                "pemohon",
                Some((15, 15)),
                "Surat Keterangan alasan pencabutan",
            ),
            (2, "pemohon", Some((1, 1)), "Dashboard AMS dapat diakses"),
            (3, "pemohon", Some((1, 1)), "Alasan pencabutan"),
            (4, "pemohon", Some((5, 5)), "Alasan disetujui"),
            (5, "bsre-op", Some((1, 1)), "Data Pemohon sesuai"),
            (6, "bsre-op", Some((1, 1)), "Sertifikat telah dicabut"),
            (7, "bsre-op", Some((1, 1)), "Notifikasi dikirimkan"),
            (
                8,
                "pemohon",
                Some((1, 1)),
                "Notifikasi bahwa sertifikat dicabut",
            ),
        ],
    );
    assert_eq!(
        step(&sop, 1).requirements,
        [
            "Alasan pencabutan Sertifikat Elektronik",
            "Persetujuan atasan"
        ]
    );
    assert_eq!(
        step(&sop, 1).documents,
        [DocKind::SuratKeteranganPencabutan]
    );
    assert!(step(&sop, 5).activity.contains("subject DN"));
    assert_eq!(sop.total_minutes(), (26, 26));
    assert_eq!(sop.total_text(Lang::Id), "26 Menit");
    assert_eq!(sop.total_text(Lang::En), "26 minutes");
}

#[test]
fn kebumen_pencabutan() {
    let sop = load("kebumen-pencabutan");
    check_actors(
        &sop,
        &[
            ("pemohon", "Pemohon", ActorRole::Pemohon),
            ("bsre-op", "BSrE/OP", ActorRole::External),
        ],
    );
    check_steps(
        &sop,
        &[
            (
                1,
                "pemohon",
                Some((1, 1)),
                "Surat keterangan alasan pencabutan",
            ),
            (2, "pemohon", Some((1, 1)), "Dashboard AMS dapat diakses"),
            (3, "pemohon", Some((1, 1)), "Alasan pencabutan"),
            (4, "pemohon", None, ""),
            (5, "bsre-op", None, ""),
            (6, "bsre-op", None, ""),
            (7, "bsre-op", None, ""),
            (8, "bsre-op", None, ""),
            (9, "pemohon", None, ""),
        ],
    );
    assert_eq!(step(&sop, 5).on_fail, Some(1));
    assert!(
        step(&sop, 5).note.as_deref().is_some_and(
            |n| n.contains("Jika tidak sesuai, pemohon membuat surat keterangan ulang")
        )
    );
    assert_eq!(
        sop.meta.records,
        ["Catatan (Log)", "CRL (Certificate Revocation List)"]
    );
    assert_eq!(sop.meta.made, chrono::NaiveDate::from_ymd_opt(2021, 4, 16));
    assert_eq!(sop.total_text(Lang::Id), "3 Menit");
}

#[test]
fn madiun_pencabutan() {
    let sop = load("madiun-pencabutan");
    check_actors(
        &sop,
        &[
            ("kadin", "Kadin", ActorRole::Pimpinan),
            ("kabid", "Kabid", ActorRole::Pimpinan),
            ("kasi", "Kasi", ActorRole::Pimpinan),
            ("verifikator", "Verifikator", ActorRole::Verifikator),
            ("pemohon", "Pemohon", ActorRole::Pemohon),
            ("bsre", "BSrE", ActorRole::External),
        ],
    );
    check_steps(
        &sop,
        &[
            (1, "pemohon", None, ""),
            (2, "kadin", Some((5, 5)), "surat permohonan"),
            (3, "kabid", Some((5, 5)), "surat permohonan"),
            (4, "kasi", Some((5, 5)), "surat permohonan"),
            (5, "verifikator", Some((10, 10)), "Persetujuan pencabutan"),
            (6, "verifikator", Some((10, 10)), "Email revoke TTE"),
            (7, "bsre", Some((15, 15)), "Email notifikasi"),
            (8, "verifikator", Some((5, 5)), "-"),
        ],
    );
    let disposisi: Vec<u32> = sop
        .steps
        .iter()
        .filter(|s| s.disposisi)
        .map(|s| s.no)
        .collect();
    assert_eq!(disposisi, [2, 3, 4]);
    assert_eq!(sop.total_text(Lang::Id), "55 Menit");
}

#[test]
fn bolmong_pencabutan() {
    let sop = load("bolmong-pencabutan");
    check_actors(
        &sop,
        &[
            ("pemohon", "Pemohon", ActorRole::Pemohon),
            ("kadin", "Kepala Dinas", ActorRole::Pimpinan),
            ("kabid", "Kabid Persandian", ActorRole::Pimpinan),
            ("sandiman", "Sandiman", ActorRole::Pimpinan),
            ("verifikator", "Verifikator", ActorRole::Verifikator),
            ("bsre", "BSrE", ActorRole::External),
        ],
    );
    check_steps(
        &sop,
        &[
            (
                1,
                "pemohon",
                Some((60, 60)),
                "Surat Permohonan Pencabutan Sertifikat Elektronik dan SK Jabatan Terakhir",
            ),
            (
                2,
                "kadin",
                Some((10, 10)),
                "Surat Permohonan Pencabutan Sertifikat Elektronik yg telah disposisi Kepala Bidang",
            ),
            (
                3,
                "kabid",
                Some((10, 10)),
                "Surat Permohonan Pencabutan Sertifikat Elektronik yg telah disposisi Sandiman",
            ),
            (
                4,
                "sandiman",
                Some((10, 10)),
                "Surat Rekomendasi Pencabutan Sertifikat Elektronik",
            ),
            (
                5,
                "verifikator",
                Some((10, 10)),
                "Surat Rekomendasi Pencabutan Sertifikat Elektronik yang sudah ditandangani",
            ),
            (
                6,
                "verifikator",
                Some((15, 15)),
                "Hasil unggahan surat rekomendasi pencabutan sertifikat elektronik di aplikasi AMS dan diverifikasi BSrE",
            ),
            (
                7,
                "bsre",
                Some((1440, 2880)),
                "Data Permohonan Pencabutan Sertifikat Elektronik disetujui oleh BSrE",
            ),
            (
                8,
                "pemohon",
                Some((5, 5)),
                "Notifikasi Pencabutan Sertifikat Elektronik Berhasil",
            ),
        ],
    );
    assert_eq!(step(&sop, 5).letters, [LetterKind::RekomendasiPencabutan]);
    assert_eq!(step(&sop, 6).documents, [DocKind::SuratRekomendasi]);
    let disposisi: Vec<u32> = sop
        .steps
        .iter()
        .filter(|s| s.disposisi)
        .map(|s| s.no)
        .collect();
    assert_eq!(disposisi, [2, 3, 4]);
    assert_eq!(sop.meta.warning.len(), 2);
    assert_eq!(sop.total_minutes(), (1560, 3000));
    assert_eq!(sop.total_text(Lang::Id), "1 Hari, 2 Jam – 2 Hari, 2 Jam");
    assert_eq!(sop.total_text(Lang::En), "1 day, 2 hours – 2 days, 2 hours");
}

#[test]
fn generic_presets_say_they_are_not_a_regency_sop() {
    for id in GENERIC_PRESETS {
        let sop = load(id);
        assert!(sop.meta.pemda.contains("bukan SOP Pemda"), "{id}");
        assert!(sop.meta.title.contains("(SOP umum)"), "{id}");
        assert!(
            sop.meta
                .warning
                .first()
                .is_some_and(|w| w.contains("bukan SOP resmi Pemda")),
            "{id}"
        );
        assert!(
            preset_source(id).is_some_and(|s| s.starts_with("# SOP UMUM — BUKAN SOP PEMDA")),
            "{id}"
        );
        assert!(sop.meta.number.is_none() && sop.meta.approved_by.is_none());
    }
}

#[test]
fn generic_presets_follow_the_ams_rules() {
    let renewal = load("umum-pembaruan");
    assert!(renewal.steps.iter().any(|s| {
        s.note
            .as_deref()
            .is_some_and(|n| n.contains("30 hari terakhir"))
    }));
    let data_change = load("umum-perubahan-data");
    assert!(
        !data_change
            .steps
            .iter()
            .any(|s| s.activity.to_lowercase().contains("passphrase")),
        "a data change has no passphrase step"
    );
    assert_eq!(step(&data_change, 2).on_fail, Some(1));
    let reset = load("umum-reset-passphrase");
    assert_eq!(reset.steps.len(), 3);
    assert_eq!(
        step(&reset, 2).link_valid.as_ref().map(|l| l.max_minutes),
        Some(1440)
    );
}

#[test]
fn each_request_type_has_a_default_preset_that_covers_it() {
    for rt in RequestType::ALL {
        let id = default_preset_for(rt).unwrap_or_else(|| panic!("no default for {rt:?}"));
        let sop = load(id);
        assert!(sop.covers(rt), "{id} does not cover {rt:?}");
    }
    assert_eq!(
        default_preset_for(RequestType::Penerbitan),
        Some("tapin-penerbitan")
    );
    assert_eq!(
        default_preset_for(RequestType::Pencabutan),
        Some("tapin-pencabutan")
    );
}

#[test]
fn every_preset_survives_toml_and_json_round_trips() {
    for sop in presets() {
        let text = sop.to_toml();
        let again = parse_sop(&text).unwrap_or_else(|p| panic!("{}: {p:?}\n{text}", sop.meta.id));
        assert_eq!(again, sop, "{}", sop.meta.id);
        let json = serde_json::to_string(&sop).unwrap_or_default();
        let back: Sop = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, sop, "{}", sop.meta.id);
    }
}

#[test]
fn every_step_actor_and_role_are_consistent() {
    for sop in presets() {
        for s in &sop.steps {
            let actor = sop.actor_of(s);
            assert!(actor.is_some(), "{} step {}", sop.meta.id, s.no);
            // Disposisi is passed down by heads only.
            if s.disposisi {
                assert_eq!(
                    actor.map(|a| a.role),
                    Some(ActorRole::Pimpinan),
                    "{} step {}",
                    sop.meta.id,
                    s.no
                );
            }
        }
    }
}
