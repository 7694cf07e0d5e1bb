use super::*;
use crate::i18n::Lang;
use crate::sop::Reimport;

/// A small valid file. Line numbers matter to the tests below:
/// 1 format, 3 [sop], 4 id, 5 title, 6 request_types, 7 pemda, 8 made,
/// 10/15 [[actors]], 20 and 27 [[steps]], 21/28 no, 23/30 actor,
/// 24/31 time, 25/32 output.
const BASE: &str = r#"format = "loket-sop/1"

[sop]
id = "uji-pencabutan"
title = "Pencabutan Sertifikat Elektronik"
request_types = ["pencabutan"]
pemda = "Pemerintah Kabupaten Uji"
made = "2025-07-29"

[[actors]]
id = "pemohon"
name = "Pemohon"
role = "pemohon"

[[actors]]
id = "op"
name = "BSrE / OP"
role = "external"

[[steps]]
no = 1
activity = "Membuat surat keterangan alasan pencabutan"
actor = "pemohon"
time = "15 Menit"
output = "Surat keterangan"

[[steps]]
no = 2
activity = "Mencabut Sertifikat Elektronik"
actor = "op"
time = "1-2 Jam"
output = "Sertifikat telah dicabut"
"#;

/// BASE with one exact piece of text replaced (which must be there once).
fn with(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?} must occur once");
    BASE.replacen(from, to, 1)
}

/// Parses `text` and asserts exactly these (place, English message)
/// problems, in this order.
fn check(text: &str, expected: &[(&str, &str)]) {
    let problems = match parse_sop(text) {
        Ok(_) => panic!("expected problems {expected:?}, the file parsed"),
        Err(p) => p,
    };
    let got: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.place.as_str(), p.message.en.as_str()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn base_file_parses() {
    let sop = parse_sop(BASE).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(sop.format, "loket-sop/1");
    assert_eq!(sop.meta.id, "uji-pencabutan");
    assert_eq!(sop.meta.version, 1, "version defaults to 1");
    assert_eq!(sop.meta.request_types, vec![RequestType::Pencabutan]);
    assert_eq!(sop.meta.made, NaiveDate::from_ymd_opt(2025, 7, 29));
    assert_eq!(sop.actors.len(), 2);
    assert_eq!(sop.steps[1].time.as_ref().map(|t| t.max_minutes), Some(120));
    assert_eq!(sop.total_minutes(), (75, 135));
    assert_eq!(
        sop.total_text(Lang::Id),
        "1 Jam, 15 Menit – 2 Jam, 15 Menit"
    );
}

#[test]
fn unknown_actor() {
    check(
        &with(r#"actor = "op""#, r#"actor = "kadin""#),
        &[(
            "steps[1] (no = 2), actor (line 30)",
            "Actor \"kadin\" is not in [[actors]]. Declared: op, pemohon.",
        )],
    );
}

#[test]
fn unknown_actor_close_to_a_declared_one_gets_a_hint() {
    let problems = parse_sop(&with(r#"actor = "op""#, r#"actor = "pemohn""#)).err();
    let message = problems.and_then(|p| p.first().map(|p| p.message.clone()));
    assert_eq!(
        message.map(|m| m.id),
        Some(
            "Pelaksana \"pemohn\" tidak ada di [[actors]]. Maksud Anda `pemohon`? Yang ada: op, pemohon."
                .to_string()
        )
    );
}

#[test]
fn duplicate_step_number() {
    check(
        &with("no = 2", "no = 1"),
        &[(
            "steps[1] (no = 1), no (line 28)",
            "Step number 1 is already used by steps[0].",
        )],
    );
}

#[test]
fn missing_step_number_in_the_sequence() {
    check(
        &with("no = 2", "no = 3"),
        &[(
            "steps[1] (no = 3), no (line 28)",
            "Step number 2 is missing: steps must be numbered 1 to 3 without gaps.",
        )],
    );
}

#[test]
fn step_without_no() {
    check(
        &with("no = 2\n", ""),
        &[("steps[1], no (line 27)", "`no` is required in [[steps]].")],
    );
}

#[test]
fn steps_out_of_order() {
    let swapped = with("no = 1", "no = 9")
        .replacen("no = 2", "no = 1", 1)
        .replacen("no = 9", "no = 2", 1);
    check(
        &swapped,
        &[(
            "steps[0] (no = 2), no (line 21)",
            "Steps are out of order: step number 2 is in position 1. Write the [[steps]] in the order of their numbers.",
        )],
    );
}

#[test]
fn on_fail_to_a_step_that_does_not_exist() {
    check(
        &with(
            "output = \"Sertifikat telah dicabut\"\n",
            "output = \"Sertifikat telah dicabut\"\non_fail = 7\n",
        ),
        &[(
            "steps[1] (no = 2), on_fail (line 33)",
            "on_fail points to step 7, which does not exist.",
        )],
    );
}

#[test]
fn on_fail_to_itself() {
    check(
        &with(
            "output = \"Sertifikat telah dicabut\"\n",
            "output = \"Sertifikat telah dicabut\"\non_fail = 2\n",
        ),
        &[(
            "steps[1] (no = 2), on_fail (line 33)",
            "on_fail must point to an earlier step (a number below 2), not 2.",
        )],
    );
}

#[test]
fn unreadable_time() {
    check(
        &with(r#"time = "1-2 Jam""#, r#"time = "sebentar""#),
        &[(
            "steps[1] (no = 2), time (line 31)",
            "The time \"sebentar\" cannot be read. Write for example \"15 Menit\", \"1-2 Jam\", \"1-2 Hari\", \"1x24 jam\", or \"-\" when there is no standard time.",
        )],
    );
}

#[test]
fn unknown_request_type() {
    check(
        &with(r#"["pencabutan"]"#, r#"["pencabutn"]"#),
        &[(
            "sop.request_types[0] (line 6)",
            "Unknown request type \"pencabutn\". Did you mean `pencabutan`? Choices: penerbitan, pencabutan, pembaruan, perubahan_data, reset_passphrase.",
        )],
    );
}

#[test]
fn unknown_format_version_stops_reading() {
    // The unknown actor is not reported: a future format may have other rules.
    let text = with(r#""loket-sop/1""#, r#""loket-sop/9""#).replace(r#""op""#, r#""kadin""#);
    check(
        &text,
        &[(
            "format (line 1)",
            "Unknown format version \"loket-sop/9\". This app reads \"loket-sop/1\".",
        )],
    );
}

#[test]
fn missing_format_is_reported_and_the_rest_still_checked() {
    check(
        &with("format = \"loket-sop/1\"\n", "").replace(r#"actor = "op""#, r#"actor = "x""#),
        &[
            (
                "format",
                "The `format` key is missing. Write `format = \"loket-sop/1\"` on the first line.",
            ),
            (
                "steps[1] (no = 2), actor (line 29)",
                "Actor \"x\" is not in [[actors]]. Declared: op, pemohon.",
            ),
        ],
    );
}

#[test]
fn toml_syntax_error_gives_line_and_column() {
    let problems = parse_sop(&with(
        r#"title = "Pencabutan Sertifikat Elektronik""#,
        r#"title = "Pencabutan Sertifikat Elektronik"#,
    ))
    .err()
    .unwrap_or_default();
    assert!(!problems.is_empty());
    let first = &problems[0];
    assert_eq!(first.line, Some(5));
    assert!(
        first.place.starts_with("line 5, column "),
        "{}",
        first.place
    );
    assert!(
        first.message.en.starts_with("TOML syntax error: "),
        "{}",
        first.message.en
    );
    assert!(first.message.id.starts_with("Kesalahan penulisan TOML: "));
}

#[test]
fn every_syntax_error_is_reported() {
    let text = with("pemda = ", "pemda = = ").replacen("no = 1", "no = 1 1", 1);
    let lines: Vec<Option<u32>> = parse_sop(&text)
        .err()
        .unwrap_or_default()
        .iter()
        .map(|p| p.line)
        .collect();
    assert!(lines.contains(&Some(7)), "{lines:?}");
    assert!(lines.contains(&Some(21)), "{lines:?}");
}

#[test]
fn unknown_key_is_refused_by_name() {
    check(
        &with("title = ", "titel = "),
        &[
            ("sop.title (line 3)", "`title` is required in [sop]."),
            (
                "sop.titel (line 5)",
                "Unknown key `titel` in [sop]. Did you mean `title`? Allowed keys: id, version, title, request_types, pemda, dinas, number, made, revised, effective, approved_by, legal_basis, qualifications, related, equipment, warning, records.",
            ),
        ],
    );
}

#[test]
fn unknown_key_in_a_step_and_at_the_top() {
    let text = with(
        "output = \"Surat keterangan\"",
        "outptu = \"Surat keterangan\"",
    )
    .replacen("[[steps]]", "[[step]]", 1);
    let places: Vec<String> = parse_sop(&text)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.place)
        .collect();
    // `[[step]]` swallows the first step, so `outptu` is reported under it
    // as part of an unknown table, and step 1 is missing from [[steps]].
    assert!(places.contains(&"step (line 20)".to_string()), "{places:?}");
    assert!(
        places.contains(&"steps[0] (no = 2), no (line 28)".to_string()),
        "{places:?}"
    );
}

#[test]
fn unknown_document_letter_and_role() {
    let text = with(
        "output = \"Surat keterangan\"",
        "output = \"Surat keterangan\"\ndocuments = [\"ktp\", \"akta\"]\nletters = [\"surat_cinta\"]",
    )
    .replace(r#"role = "external""#, r#"role = "bsre""#);
    check(
        &text,
        &[
            (
                "actors[1] (id = \"op\"), role (line 18)",
                "Unknown role \"bsre\". Choices: pemohon, pimpinan, verifikator, external.",
            ),
            (
                "steps[0] (no = 1), documents[1] (line 26)",
                "Unknown document kind \"akta\". Choices: ktp, sk_jabatan, sk_pangkat, surat_permohonan, surat_keterangan_pencabutan, surat_rekomendasi, formulir, lainnya.",
            ),
            (
                "steps[0] (no = 1), letters[0] (line 27)",
                "Unknown letter kind \"surat_cinta\". Choices: permohonan_penerbitan, permohonan_pencabutan, keterangan_pencabutan, rekomendasi_penerbitan, rekomendasi_pencabutan, disposisi, tanda_terima, pemberitahuan.",
            ),
        ],
    );
}

#[test]
fn duplicate_actor_id_and_bad_ids() {
    let text = with(r#"id = "op""#, r#"id = "pemohon""#)
        .replace(r#"id = "uji-pencabutan""#, r#"id = "Uji Pencabutan""#);
    check(
        &text,
        &[
            (
                "sop.id (line 4)",
                "SOP id \"Uji Pencabutan\" is not valid: use lower-case a-z, digits and hyphens (-), e.g. \"tapin-pencabutan\".",
            ),
            (
                "actors[1] (id = \"pemohon\"), id (line 16)",
                "Actor id \"pemohon\" is already used by actors[0].",
            ),
            (
                "steps[1] (no = 2), actor (line 30)",
                "Actor \"op\" is not in [[actors]]. Declared: pemohon.",
            ),
        ],
    );
}

#[test]
fn bad_dates_and_types() {
    let text = with(r#"made = "2025-07-29""#, r#"made = "29 Juli 2025""#)
        .replacen("no = 1", "no = \"1\"", 1)
        .replace(
            "[sop]\n",
            "[sop]\nversion = 0\neffective = 2025-08-01\nrevised = \"2025-02-30\"\n",
        );
    check(
        &text,
        &[
            (
                "sop.version (line 4)",
                "`version` must be a whole number of 1 or more, without quotes.",
            ),
            (
                "sop.revised (line 6)",
                "The date `revised` \"2025-02-30\" is not valid. Write YYYY-MM-DD, e.g. \"2025-07-29\".",
            ),
            (
                "sop.made (line 11)",
                "The date `made` \"29 Juli 2025\" is not valid. Write YYYY-MM-DD, e.g. \"2025-07-29\".",
            ),
            (
                "steps[0], no (line 24)",
                "`no` must be a whole number of 1 or more, without quotes.",
            ),
        ],
    );
}

#[test]
fn a_bare_toml_date_is_accepted() {
    let sop = parse_sop(&with(r#"made = "2025-07-29""#, "made = 2025-07-29")).ok();
    assert_eq!(
        sop.and_then(|s| s.meta.made),
        NaiveDate::from_ymd_opt(2025, 7, 29)
    );
}

#[test]
fn a_file_with_three_problems_reports_all_three() {
    let text = with(r#"made = "2025-07-29""#, r#"made = "kemarin""#)
        .replace(r#"actor = "op""#, r#"actor = "kadin""#)
        .replace(r#"time = "15 Menit""#, r#"time = "sebentar""#);
    let problems = parse_sop(&text).err().unwrap_or_default();
    let places: Vec<&str> = problems.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(
        places,
        [
            "sop.made (line 8)",
            "steps[0] (no = 1), time (line 24)",
            "steps[1] (no = 2), actor (line 30)",
        ]
    );
    let error = SopProblem::into_error(problems);
    assert_eq!(error.fields.len(), 3);
    assert!(
        error
            .message
            .en
            .starts_with("The SOP file has 3 problems. "),
        "{}",
        error.message.en
    );
}

#[test]
fn empty_file_names_what_is_missing() {
    check(
        "",
        &[
            (
                "format",
                "The `format` key is missing. Write `format = \"loket-sop/1\"` on the first line.",
            ),
            (
                "sop",
                "The [sop] section is missing; it holds the id, title, request types and Pemda.",
            ),
            ("actors", "An SOP needs at least one actor ([[actors]])."),
            ("steps", "An SOP needs at least one step ([[steps]])."),
        ],
    );
}

#[test]
fn optional_keys_are_read() {
    let text = with(
        "output = \"Sertifikat telah dicabut\"\n",
        "output = \"Sertifikat telah dicabut\"\nnote = \"Catatan\"\ncondition = \"Jika perlu\"\non_fail = 1\nlink_valid = \"1x24 jam\"\ndisposisi = true\nletters = [\"pemberitahuan\"]\nrequirements = \"KTP\"\ndocuments = [\"KTP\", \"sk-jabatan\"]\n",
    );
    let sop = parse_sop(&text).unwrap_or_else(|p| panic!("{p:?}"));
    let step = &sop.steps[1];
    assert_eq!(step.note.as_deref(), Some("Catatan"));
    assert!(step.is_conditional());
    assert_eq!(step.on_fail, Some(1));
    assert_eq!(step.link_valid.as_ref().map(|t| t.min_minutes), Some(1440));
    assert!(step.disposisi);
    assert_eq!(step.letters, vec![LetterKind::Pemberitahuan]);
    assert_eq!(step.requirements, vec!["KTP".to_string()]);
    assert_eq!(step.documents, vec![DocKind::Ktp, DocKind::SkJabatan]);
}

#[test]
fn round_trip_through_toml_and_json() {
    let text = with(
        "output = \"Sertifikat telah dicabut\"\n",
        "output = \"Sertifikat \\\"dicabut\\\"\\nbaris dua\"\nnote = 'C:\\path'\n",
    );
    let sop = parse_sop(&text).unwrap_or_else(|p| panic!("{p:?}"));
    let again = parse_sop(&sop.to_toml()).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again, sop);
    let json = serde_json::to_string(&sop).unwrap_or_default();
    let back: Sop = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, sop);
}

#[test]
fn reimport_needs_a_higher_version_when_content_changes() {
    let stored = parse_sop(BASE).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(stored.check_reimport(&stored), Ok(Reimport::Unchanged));

    let mut changed = stored.clone();
    changed.steps[0].output = "Surat keterangan alasan".into();
    let err = changed.check_reimport(&stored).err().map(|e| e.en);
    assert_eq!(
        err.as_deref(),
        Some(
            "SOP \"uji-pencabutan\" version 1 is already stored with different content. Raise `version` to 2 so that running requests keep the old version."
        )
    );
    changed.meta.version = 2;
    assert_eq!(changed.check_reimport(&stored), Ok(Reimport::NewVersion));
    assert!(stored.check_reimport(&changed).is_err(), "older version");
}

#[test]
fn edit_distance_counts_edits() {
    assert_eq!(edit_distance("titel", "title"), 1);
    assert_eq!(edit_distance("akta", "ktp"), 2);
    assert_eq!(edit_distance("step", "steps"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
}

/// The full example in docs/sop-format.md must stay a valid file with the
/// total the page states.
#[test]
fn the_documented_example_parses() {
    let doc = include_str!("../../../../../docs/sop-format.md");
    let section = doc
        .split("## A complete example")
        .nth(1)
        .unwrap_or_default();
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap_or_default();
    let sop = parse_sop(example).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(sop.steps.len(), 7);
    let total = sop.total_text(Lang::Id);
    assert_eq!(total, "1 Hari, 1 Jam, 25 Menit – 2 Hari, 1 Jam, 25 Menit");
    assert!(section.contains(&format!("\"{total}\"")));
}
