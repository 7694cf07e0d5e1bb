//! The `loket-sop/1` file format: reading with every problem reported, and
//! writing back.
//!
//! Reading walks the TOML document tree by hand (toml's span-keeping
//! `DeTable`) instead of deriving `Deserialize`: serde stops at the first
//! error and loses the line, while an admin importing a hand-written file
//! needs every problem at once, each with its key path and line.

use super::time::parse_time;
use super::{Actor, ActorRole, LetterKind, Sop, SopMeta, SopProblem, Step, TimeStd};
use crate::i18n::Text;
use crate::model::{DocKind, RequestType};
use crate::t;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The one format version this build reads and writes.
pub const FORMAT: &str = "loket-sop/1";

const ROOT_KEYS: &[&str] = &["format", "sop", "actors", "steps"];
const SOP_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "request_types",
    "pemda",
    "dinas",
    "number",
    "made",
    "revised",
    "effective",
    "approved_by",
    "legal_basis",
    "qualifications",
    "related",
    "equipment",
    "warning",
    "records",
];
const ACTOR_KEYS: &[&str] = &["id", "name", "role"];
const STEP_KEYS: &[&str] = &[
    "no",
    "activity",
    "actor",
    "requirements",
    "documents",
    "time",
    "output",
    "note",
    "condition",
    "on_fail",
    "link_valid",
    "disposisi",
    "letters",
];

type Value<'i> = Spanned<DeValue<'i>>;

/// Reads an SOP file. On failure, returns every problem found, sorted by
/// line; an empty list is never returned.
///
/// Two kinds of problem end the reading early, because what follows them
/// could only be guessed: TOML syntax errors (all of them are reported, but
/// the keys are not checked, since a broken bracket moves keys into the wrong
/// table and every later message would mislead), and a `format` version
/// other than `loket-sop/1` (a future version may have other keys). A
/// missing `format` is reported and the file is checked as `loket-sop/1`.
pub fn parse_sop(text: &str) -> Result<Sop, Vec<SopProblem>> {
    let mut c = Checker {
        src: text,
        problems: Vec::new(),
    };
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in &errors {
            c.syntax(e);
        }
        return Err(c.finish());
    }
    let root = Table {
        base: String::new(),
        sep: "",
        span: None,
        entries: root.get_ref(),
    };

    match root.get("format") {
        None => c.report(
            "format",
            None,
            t!(
                "Kunci `format` tidak ada. Tulis `format = \"{FORMAT}\"` di baris pertama.",
                "The `format` key is missing. Write `format = \"{FORMAT}\"` on the first line."
            ),
        ),
        Some(v) => match v.get_ref().as_str().map(str::trim) {
            Some(FORMAT) => {}
            Some(other) => {
                c.report(
                    "format",
                    Some(v.span()),
                    t!(
                        "Versi format \"{other}\" tidak dikenal. Aplikasi ini membaca \"{FORMAT}\".",
                        "Unknown format version \"{other}\". This app reads \"{FORMAT}\"."
                    ),
                );
                return Err(c.finish());
            }
            None => c.report(
                "format",
                Some(v.span()),
                t!(
                    "`format` harus berupa teks, yaitu \"{FORMAT}\".",
                    "`format` must be text, namely \"{FORMAT}\"."
                ),
            ),
        },
    }
    c.unknown_keys(&root, ROOT_KEYS);

    let meta = match root.get("sop") {
        None => {
            c.report(
                "sop",
                None,
                t!(
                    "Bagian [sop] tidak ada; di sanalah id, judul, jenis permohonan dan Pemda ditulis.",
                    "The [sop] section is missing; it holds the id, title, request types and Pemda."
                ),
            );
            None
        }
        Some(v) => match v.get_ref() {
            DeValue::Table(entries) => c.meta(&Table {
                base: "sop".into(),
                sep: ".",
                span: Some(v.span()),
                entries,
            }),
            _ => {
                c.report(
                    "sop",
                    Some(v.span()),
                    t!(
                        "`sop` harus berupa bagian [sop].",
                        "`sop` must be a [sop] section."
                    ),
                );
                None
            }
        },
    };

    let (actors, actor_ids) = c.actors(&root);
    let steps = c.steps(&root, &actor_ids);

    if !c.problems.is_empty() {
        return Err(c.finish());
    }
    match meta {
        Some(meta) => Ok(Sop {
            format: FORMAT.to_string(),
            meta,
            actors,
            steps,
        }),
        // Unreachable: a missing part always leaves a problem behind.
        None => Err(vec![SopProblem {
            place: "sop".into(),
            line: None,
            message: t!(
                "Bagian [sop] tidak lengkap.",
                "The [sop] section is incomplete."
            ),
        }]),
    }
}

/// A table being read, with what is needed to name its keys' places.
struct Table<'a, 'i> {
    /// `sop`, `steps[4] (no = 5)`, or empty for the document root.
    base: String,
    /// Between base and key: "." for `sop.id`, ", " for `steps[4] (no = 5), actor`.
    sep: &'static str,
    /// The table's header, where a missing key is reported.
    span: Option<Range<usize>>,
    entries: &'a DeTable<'i>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn place(&self, key: &str) -> String {
        if self.base.is_empty() {
            key.to_string()
        } else {
            format!("{}{}{key}", self.base, self.sep)
        }
    }

    /// Where the table is, for messages in Indonesian and English: "in
    /// [sop]", "in [[steps]]", "at the top of the file".
    fn name(&self) -> (String, String) {
        let n = if self.base.is_empty() {
            return (
                "di bagian atas berkas".into(),
                "at the top of the file".into(),
            );
        } else if self.sep == "." {
            format!("[{}]", self.base)
        } else {
            let array = self.base.split('[').next().unwrap_or_default();
            format!("[[{array}]]")
        };
        (format!("di {n}"), format!("in {n}"))
    }
}

struct Checker<'s> {
    src: &'s str,
    problems: Vec<SopProblem>,
}

impl Checker<'_> {
    fn line_col(&self, offset: usize) -> (u32, u32) {
        let before = self.src.get(..offset).unwrap_or(self.src);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col).unwrap_or(u32::MAX),
        )
    }

    fn report(&mut self, place: &str, span: Option<Range<usize>>, message: Text) {
        let line = span.map(|s| self.line_col(s.start).0);
        let place = match line {
            Some(l) => format!("{place} (line {l})"),
            None => place.to_string(),
        };
        self.problems.push(SopProblem {
            place,
            line,
            message,
        });
    }

    fn syntax(&mut self, error: &toml::de::Error) {
        let (line, col) = self.line_col(error.span().map_or(0, |s| s.start));
        let msg = error.message();
        self.problems.push(SopProblem {
            place: format!("line {line}, column {col}"),
            line: Some(line),
            message: t!(
                "Kesalahan penulisan TOML: {msg}",
                "TOML syntax error: {msg}"
            ),
        });
    }

    fn finish(mut self) -> Vec<SopProblem> {
        self.problems.sort_by_key(|p| p.line.unwrap_or(0));
        self.problems
    }

    fn unknown_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str]) {
        for (key, _) in table.entries.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let (where_id, where_en) = table.name();
            let (hint_id, hint_en) = suggest(name, allowed.iter().copied());
            let list = allowed.join(", ");
            self.report(
                &table.place(name),
                Some(key.span()),
                t!(
                    "Kunci `{name}` tidak dikenal {where_id}.{hint_id} Kunci yang boleh: {list}.",
                    "Unknown key `{name}` {where_en}.{hint_en} Allowed keys: {list}."
                ),
            );
        }
    }

    fn missing(&mut self, table: &Table<'_, '_>, key: &str) {
        let (where_id, where_en) = table.name();
        self.report(
            &table.place(key),
            table.span.clone(),
            t!(
                "`{key}` wajib diisi {where_id}.",
                "`{key}` is required {where_en}."
            ),
        );
    }

    /// A text value; `None` (with a problem when required) if missing, not
    /// text, or blank.
    fn text(&mut self, table: &Table<'_, '_>, key: &str, required: bool) -> Option<String> {
        let Some(v) = table.get(key) else {
            if required {
                self.missing(table, key);
            }
            return None;
        };
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                if required {
                    self.report(
                        &table.place(key),
                        Some(v.span()),
                        t!("`{key}` tidak boleh kosong.", "`{key}` must not be empty."),
                    );
                }
                None
            }
            None => {
                self.report(
                    &table.place(key),
                    Some(v.span()),
                    t!(
                        "`{key}` harus berupa teks dalam tanda kutip.",
                        "`{key}` must be text in quotes."
                    ),
                );
                None
            }
        }
    }

    /// A list of texts with each item's place; a single text counts as a
    /// list of one, since admins write `requirements = "KTP"` too.
    fn list(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<(String, String, Range<usize>)> {
        let Some(v) = table.get(key) else {
            return Vec::new();
        };
        let place = table.place(key);
        let items: Vec<&Value<'_>> = match v.get_ref() {
            DeValue::String(_) => vec![v],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.report(
                    &place,
                    Some(v.span()),
                    t!(
                        "`{key}` harus berupa daftar teks, misalnya [\"satu\", \"dua\"].",
                        "`{key}` must be a list of texts, e.g. [\"one\", \"two\"]."
                    ),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let item_place = format!("{place}[{i}]");
            match item.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => {
                    out.push((s.trim().to_string(), item_place, item.span()));
                }
                Some(_) => self.report(
                    &item_place,
                    Some(item.span()),
                    t!(
                        "Isi daftar `{key}` tidak boleh kosong.",
                        "An item of `{key}` must not be empty."
                    ),
                ),
                None => self.report(
                    &item_place,
                    Some(item.span()),
                    t!(
                        "Isi daftar `{key}` harus berupa teks dalam tanda kutip.",
                        "An item of `{key}` must be text in quotes."
                    ),
                ),
            }
        }
        out
    }

    fn texts(&mut self, table: &Table<'_, '_>, key: &str) -> Vec<String> {
        self.list(table, key)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    /// A whole number of at least `min`; `None` (with a problem) if it is
    /// something else, `None` without one if the key is absent.
    fn number(&mut self, table: &Table<'_, '_>, key: &str, min: u32) -> Option<u32> {
        let v = table.get(key)?;
        let value = v
            .get_ref()
            .as_integer()
            .and_then(|n| i64::from_str_radix(n.as_str(), n.radix()).ok());
        match value.and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= min => Some(n),
            _ => {
                self.report(
                    &table.place(key),
                    Some(v.span()),
                    t!(
                        "`{key}` harus berupa bilangan bulat {min} atau lebih, tanpa tanda kutip.",
                        "`{key}` must be a whole number of {min} or more, without quotes."
                    ),
                );
                None
            }
        }
    }

    fn boolean(&mut self, table: &Table<'_, '_>, key: &str) -> bool {
        let Some(v) = table.get(key) else {
            return false;
        };
        match v.get_ref().as_bool() {
            Some(b) => b,
            None => {
                self.report(
                    &table.place(key),
                    Some(v.span()),
                    t!(
                        "`{key}` harus true atau false, tanpa tanda kutip.",
                        "`{key}` must be true or false, without quotes."
                    ),
                );
                false
            }
        }
    }

    /// A date written as "YYYY-MM-DD" or as a bare TOML date.
    fn date(&mut self, table: &Table<'_, '_>, key: &str) -> Option<NaiveDate> {
        let v = table.get(key)?;
        let written = match v.get_ref() {
            DeValue::String(s) if s.trim().is_empty() || s.trim() == "-" => return None,
            DeValue::String(s) => s.trim().to_string(),
            DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            other => other.type_str().to_string(),
        };
        match NaiveDate::parse_from_str(&written, "%Y-%m-%d") {
            Ok(d) if written.len() == 10 => Some(d),
            _ => {
                self.report(
                    &table.place(key),
                    Some(v.span()),
                    t!(
                        "Tanggal `{key}` \"{written}\" tidak valid. Tulis TTTT-BB-HH, misalnya \"2025-07-29\".",
                        "The date `{key}` \"{written}\" is not valid. Write YYYY-MM-DD, e.g. \"2025-07-29\"."
                    ),
                );
                None
            }
        }
    }

    fn time(&mut self, table: &Table<'_, '_>, key: &str) -> Option<TimeStd> {
        let v = table.get(key)?;
        let Some(s) = v.get_ref().as_str() else {
            self.report(
                &table.place(key),
                Some(v.span()),
                t!(
                    "`{key}` harus berupa teks dalam tanda kutip, misalnya \"15 Menit\".",
                    "`{key}` must be text in quotes, e.g. \"15 Menit\"."
                ),
            );
            return None;
        };
        match parse_time(s) {
            Ok(time) => time,
            Err(message) => {
                self.report(&table.place(key), Some(v.span()), message);
                None
            }
        }
    }

    /// Each item of a code list read with `parse`; unknown codes are
    /// reported with the accepted ones and a guess at the intended one.
    fn codes<T>(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        what: (&str, &str),
        parse: fn(&str) -> Option<T>,
        all: &[&str],
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (code, place, span) in self.list(table, key) {
            match parse(&code) {
                Some(value) => out.push(value),
                None => {
                    let (id, en) = what;
                    let (hint_id, hint_en) = suggest(&code, all.iter().copied());
                    let list = all.join(", ");
                    self.report(
                        &place,
                        Some(span),
                        t!(
                            "{id} \"{code}\" tidak dikenal.{hint_id} Pilihan: {list}.",
                            "Unknown {en} \"{code}\".{hint_en} Choices: {list}."
                        ),
                    );
                }
            }
        }
        out
    }

    fn meta(&mut self, t: &Table<'_, '_>) -> Option<SopMeta> {
        self.unknown_keys(t, SOP_KEYS);
        let id = self.text(t, "id", true);
        if let Some(id) = &id
            && !valid_id(id, false)
        {
            self.report(
                &t.place("id"),
                t.get("id").map(|v| v.span()),
                t!(
                    "id SOP \"{id}\" tidak valid: pakai huruf kecil a-z, angka dan tanda hubung (-), misalnya \"tapin-pencabutan\".",
                    "SOP id \"{id}\" is not valid: use lower-case a-z, digits and hyphens (-), e.g. \"tapin-pencabutan\"."
                ),
            );
        }
        let version = self.number(t, "version", 1).unwrap_or(1);
        let title = self.text(t, "title", true);
        let pemda = self.text(t, "pemda", true);

        let request_codes: Vec<&str> = RequestType::ALL.iter().map(|r| r.code()).collect();
        let mut request_types = self.codes(
            t,
            "request_types",
            ("Jenis permohonan", "request type"),
            RequestType::parse,
            &request_codes,
        );
        let mut seen = Vec::new();
        request_types.retain(|r| {
            let first = !seen.contains(r);
            seen.push(*r);
            first
        });
        match t.get("request_types") {
            None => self.missing(t, "request_types"),
            Some(v)
                if request_types.is_empty()
                    && v.get_ref().as_array().is_some_and(|a| a.is_empty()) =>
            {
                self.report(
                    &t.place("request_types"),
                    Some(v.span()),
                    t!(
                        "`request_types` harus berisi paling sedikit satu jenis permohonan.",
                        "`request_types` must name at least one request type."
                    ),
                );
            }
            Some(_) => {}
        }
        // Everything is read before anything is required, so a missing id
        // does not hide a bad date further down.
        let dinas = self.text(t, "dinas", false);
        let number = self.text(t, "number", false);
        let made = self.date(t, "made");
        let revised = self.date(t, "revised");
        let effective = self.date(t, "effective");
        let approved_by = self.text(t, "approved_by", false);
        let legal_basis = self.texts(t, "legal_basis");
        let qualifications = self.texts(t, "qualifications");
        let related = self.texts(t, "related");
        let equipment = self.texts(t, "equipment");
        let warning = self.texts(t, "warning");
        let records = self.texts(t, "records");
        Some(SopMeta {
            id: id?,
            version,
            title: title?,
            request_types,
            pemda: pemda?,
            dinas,
            number,
            made,
            revised,
            effective,
            approved_by,
            legal_basis,
            qualifications,
            related,
            equipment,
            warning,
            records,
        })
    }

    /// The array of tables named `key`, each with its index and span.
    fn array_of_tables<'a, 'i>(
        &mut self,
        root: &Table<'a, 'i>,
        key: &str,
        missing: Text,
    ) -> Vec<(usize, Range<usize>, &'a DeTable<'i>)> {
        let Some(v) = root.get(key) else {
            self.report(key, None, missing);
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.report(
                key,
                Some(v.span()),
                t!(
                    "`{key}` harus ditulis sebagai [[{key}]], satu untuk setiap baris.",
                    "`{key}` must be written as [[{key}]], one per row."
                ),
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.report(key, Some(v.span()), missing);
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref().as_table() {
                Some(table) => out.push((i, item.span(), table)),
                None => self.report(
                    &format!("{key}[{i}]"),
                    Some(item.span()),
                    t!(
                        "Setiap isi `{key}` harus berupa tabel [[{key}]].",
                        "Each item of `{key}` must be a [[{key}]] table."
                    ),
                ),
            }
        }
        out
    }

    /// Reads `[[actors]]`. Returns the valid actors and every id declared,
    /// even of actors with other problems, so steps naming them are not
    /// reported a second time.
    fn actors(&mut self, root: &Table<'_, '_>) -> (Vec<Actor>, BTreeSet<String>) {
        let items = self.array_of_tables(
            root,
            "actors",
            t!(
                "SOP harus punya paling sedikit satu pelaksana ([[actors]]).",
                "An SOP needs at least one actor ([[actors]])."
            ),
        );
        let mut actors = Vec::new();
        let mut ids = BTreeSet::new();
        let mut first_index: HashMap<String, usize> = HashMap::new();
        for (i, span, entries) in items {
            let base = match entries.iter().find(|(k, _)| k.get_ref().as_ref() == "id") {
                Some((_, v)) if v.get_ref().as_str().is_some() => {
                    format!(
                        "actors[{i}] (id = \"{}\")",
                        v.get_ref().as_str().unwrap_or_default()
                    )
                }
                _ => format!("actors[{i}]"),
            };
            let t = Table {
                base,
                sep: ", ",
                span: Some(span),
                entries,
            };
            self.unknown_keys(&t, ACTOR_KEYS);
            let id = self.text(&t, "id", true);
            if let Some(id) = &id {
                if !valid_id(id, true) {
                    self.report(
                        &t.place("id"),
                        t.get("id").map(|v| v.span()),
                        t!(
                            "id pelaksana \"{id}\" tidak valid: pakai huruf kecil a-z, angka, - atau _, misalnya \"kabid\".",
                            "Actor id \"{id}\" is not valid: use lower-case a-z, digits, - or _, e.g. \"kabid\"."
                        ),
                    );
                }
                if let Some(j) = first_index.get(id) {
                    self.report(
                        &t.place("id"),
                        t.get("id").map(|v| v.span()),
                        t!(
                            "id pelaksana \"{id}\" sudah dipakai oleh actors[{j}].",
                            "Actor id \"{id}\" is already used by actors[{j}]."
                        ),
                    );
                } else {
                    first_index.insert(id.clone(), i);
                }
                ids.insert(id.clone());
            }
            let name = self.text(&t, "name", true);
            let role = self.text(&t, "role", true).and_then(|code| {
                let role = ActorRole::parse(&code);
                if role.is_none() {
                    let codes: Vec<&str> = ActorRole::ALL.iter().map(|r| r.code()).collect();
                    let (hint_id, hint_en) = suggest(&code, codes.iter().copied());
                    let list = codes.join(", ");
                    self.report(
                        &t.place("role"),
                        t.get("role").map(|v| v.span()),
                        t!(
                            "Peran \"{code}\" tidak dikenal.{hint_id} Pilihan: {list}.",
                            "Unknown role \"{code}\".{hint_en} Choices: {list}."
                        ),
                    );
                }
                role
            });
            if let (Some(id), Some(name), Some(role)) = (id, name, role) {
                actors.push(Actor { id, name, role });
            }
        }
        (actors, ids)
    }

    fn steps(&mut self, root: &Table<'_, '_>, actor_ids: &BTreeSet<String>) -> Vec<Step> {
        let items = self.array_of_tables(
            root,
            "steps",
            t!(
                "SOP harus punya paling sedikit satu langkah ([[steps]]).",
                "An SOP needs at least one step ([[steps]])."
            ),
        );
        let doc_codes: Vec<&str> = DocKind::ALL.iter().map(|d| d.code()).collect();
        let letter_codes: Vec<&str> = LetterKind::ALL.iter().map(|l| l.code()).collect();
        let known_actors = actor_ids.iter().cloned().collect::<Vec<_>>().join(", ");

        let mut steps = Vec::new();
        // (index, number, where to report numbering problems, on_fail)
        let mut numbering: Vec<(usize, Option<u32>, Range<usize>, String)> = Vec::new();
        let mut on_fails: Vec<(u32, u32, String, Range<usize>)> = Vec::new();

        for (i, span, entries) in items {
            let no_value = entries
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == "no")
                .map(|(_, v)| v);
            let shown_no = no_value
                .and_then(|v| v.get_ref().as_integer())
                .map(|n| n.as_str().to_string());
            let base = match &shown_no {
                Some(n) => format!("steps[{i}] (no = {n})"),
                None => format!("steps[{i}]"),
            };
            let t = Table {
                base,
                sep: ", ",
                span: Some(span.clone()),
                entries,
            };
            self.unknown_keys(&t, STEP_KEYS);
            let no = if t.get("no").is_none() {
                self.missing(&t, "no");
                None
            } else {
                self.number(&t, "no", 1)
            };
            let no_span = no_value.map_or(span.clone(), |v| v.span());
            numbering.push((i, no, no_span, t.place("no")));

            let activity = self.text(&t, "activity", true);
            let actor = self.text(&t, "actor", true);
            if let Some(actor) = &actor {
                // With no actors declared at all, that one problem says it;
                // repeating it for every step would bury it.
                if !actor_ids.is_empty() && !actor_ids.contains(actor) {
                    let (hint_id, hint_en) = suggest(actor, actor_ids.iter().map(String::as_str));
                    self.report(
                        &t.place("actor"),
                        t.get("actor").map(|v| v.span()),
                        t!(
                            "Pelaksana \"{actor}\" tidak ada di [[actors]].{hint_id} Yang ada: {known_actors}.",
                            "Actor \"{actor}\" is not in [[actors]].{hint_en} Declared: {known_actors}."
                        ),
                    );
                }
            }
            let requirements = self.texts(&t, "requirements");
            let documents = self.codes(
                &t,
                "documents",
                ("Jenis dokumen", "document kind"),
                DocKind::parse,
                &doc_codes,
            );
            let time = self.time(&t, "time");
            let output = self.text(&t, "output", false).unwrap_or_default();
            let note = self.text(&t, "note", false);
            let condition = self.text(&t, "condition", false);
            let on_fail = self.number(&t, "on_fail", 1);
            if let (Some(target), Some(v)) = (on_fail, t.get("on_fail")) {
                on_fails.push((no.unwrap_or(0), target, t.place("on_fail"), v.span()));
            }
            let link_valid = self.time(&t, "link_valid");
            let disposisi = self.boolean(&t, "disposisi");
            let letters = self.codes(
                &t,
                "letters",
                ("Jenis surat", "letter kind"),
                LetterKind::parse,
                &letter_codes,
            );
            if let (Some(no), Some(activity), Some(actor)) = (no, activity, actor) {
                steps.push(Step {
                    no,
                    activity,
                    actor,
                    requirements,
                    documents,
                    time,
                    output,
                    note,
                    condition,
                    on_fail,
                    link_valid,
                    disposisi,
                    letters,
                });
            }
        }

        self.check_numbering(&numbering);
        let numbers: BTreeSet<u32> = numbering.iter().filter_map(|n| n.1).collect();
        for (no, target, place, span) in on_fails {
            if !numbers.contains(&target) {
                self.report(
                    &place,
                    Some(span),
                    t!(
                        "on_fail menunjuk langkah {target} yang tidak ada.",
                        "on_fail points to step {target}, which does not exist."
                    ),
                );
            } else if no != 0 && target >= no {
                self.report(
                    &place,
                    Some(span),
                    t!(
                        "on_fail harus menunjuk langkah sebelumnya (nomor lebih kecil dari {no}), bukan {target}.",
                        "on_fail must point to an earlier step (a number below {no}), not {target}."
                    ),
                );
            }
        }
        steps
    }

    /// Steps must be numbered 1..=N, each once, written in that order. Each
    /// rule is reported where it breaks; the order is only checked when the
    /// numbers themselves are right, since a gap or a duplicate already
    /// explains a wrong order.
    fn check_numbering(&mut self, numbering: &[(usize, Option<u32>, Range<usize>, String)]) {
        let mut first: HashMap<u32, usize> = HashMap::new();
        // A step without a readable number is already reported, and any gap
        // or order found now could be that step's; so only duplicates are
        // checked then.
        let unnumbered = numbering.iter().any(|n| n.1.is_none());
        let mut broken = unnumbered;
        for (i, no, span, place) in numbering {
            let Some(no) = no else {
                continue;
            };
            if let Some(j) = first.get(no) {
                broken = true;
                self.report(
                    place,
                    Some(span.clone()),
                    t!(
                        "Nomor langkah {no} sudah dipakai oleh steps[{j}].",
                        "Step number {no} is already used by steps[{j}]."
                    ),
                );
            } else {
                first.insert(*no, *i);
            }
        }
        let max = if unnumbered {
            0
        } else {
            first.keys().copied().max().unwrap_or(0)
        };
        let mut k = 1;
        while k <= max {
            if first.contains_key(&k) {
                k += 1;
                continue;
            }
            let start = k;
            while k <= max && !first.contains_key(&k) {
                k += 1;
            }
            let end = k - 1;
            broken = true;
            let missing = if start == end {
                format!("{start}")
            } else {
                format!("{start}–{end}")
            };
            // Reported at the step that comes after the gap.
            let after = numbering
                .iter()
                .filter(|n| n.1.is_some_and(|no| no > end))
                .min_by_key(|n| n.1);
            let (place, span) = match after {
                Some(n) => (n.3.clone(), Some(n.2.clone())),
                None => ("steps".to_string(), None),
            };
            self.report(
                &place,
                span,
                t!(
                    "Langkah nomor {missing} tidak ada: langkah harus bernomor 1 sampai {max} tanpa loncatan.",
                    "Step number {missing} is missing: steps must be numbered 1 to {max} without gaps."
                ),
            );
        }
        if broken {
            return;
        }
        for (position, (_, no, span, place)) in numbering.iter().enumerate() {
            let expected = position + 1;
            if no.is_some_and(|n| usize::try_from(n).ok() != Some(expected)) {
                let no = no.unwrap_or_default();
                self.report(
                    place,
                    Some(span.clone()),
                    t!(
                        "Langkah tidak ditulis berurutan: langkah nomor {no} berada di urutan ke-{expected}. Tulis [[steps]] menurut nomornya.",
                        "Steps are out of order: step number {no} is in position {expected}. Write the [[steps]] in the order of their numbers."
                    ),
                );
                return;
            }
        }
    }
}

/// `[a-z0-9]` words joined by hyphens (and for actors, underscores): safe in
/// file names, URLs and JSON keys, and the same however it is typed.
fn valid_id(id: &str, allow_underscore: bool) -> bool {
    let ok_char =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || (allow_underscore && c == '_');
    id.len() <= 64
        && !id.starts_with(['-', '_'])
        && !id.ends_with(['-', '_'])
        && !id.contains("--")
        && id.chars().all(|c| ok_char(c) || c == '-')
}

/// " Maksud Anda `title`?" / " Did you mean `title`?" when a known name is
/// close to the typed one, so typos are easy to fix; two empty strings
/// otherwise. Close means one edit for short words and two for longer ones
/// (case-insensitive, a swap of neighbours counting as one edit): short
/// words are too easily "close" to anything.
fn suggest<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> (String, String) {
    let typed_l = typed.to_lowercase();
    let limit = if typed_l.chars().count() <= 4 { 1 } else { 2 };
    let best = known
        .map(|k| (edit_distance(&typed_l, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d);
    match best {
        Some((_, k)) => (
            format!(" Maksud Anda `{k}`?"),
            format!(" Did you mean `{k}`?"),
        ),
        None => (String::new(), String::new()),
    }
}

/// Edit distance with insertions, deletions, substitutions and swaps of
/// neighbouring letters (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Writes `sop` in the layout of the shipped presets: header first, then one
/// `[[actors]]` and one `[[steps]]` table per row, optional keys only when
/// set. Strings are quoted by the toml crate, so any text survives.
pub(super) fn write_toml(sop: &Sop) -> String {
    let mut w = Writer::default();
    w.raw(&format!("format = {}\n", quote(FORMAT)));
    w.raw("\n[sop]\n");
    let m = &sop.meta;
    w.text("id", &m.id);
    w.raw(&format!("version = {}\n", m.version));
    w.text("title", &m.title);
    let codes: Vec<String> = m
        .request_types
        .iter()
        .map(|r| r.code().to_string())
        .collect();
    w.list("request_types", &codes);
    w.text("pemda", &m.pemda);
    w.opt("dinas", m.dinas.as_deref());
    w.opt("number", m.number.as_deref());
    for (key, date) in [
        ("made", m.made),
        ("revised", m.revised),
        ("effective", m.effective),
    ] {
        if let Some(d) = date {
            w.text(key, &d.format("%Y-%m-%d").to_string());
        }
    }
    w.opt("approved_by", m.approved_by.as_deref());
    w.list("legal_basis", &m.legal_basis);
    w.list("qualifications", &m.qualifications);
    w.list("related", &m.related);
    w.list("equipment", &m.equipment);
    w.list("warning", &m.warning);
    w.list("records", &m.records);

    for a in &sop.actors {
        w.raw("\n[[actors]]\n");
        w.text("id", &a.id);
        w.text("name", &a.name);
        w.text("role", a.role.code());
    }
    for s in &sop.steps {
        w.raw("\n[[steps]]\n");
        w.raw(&format!("no = {}\n", s.no));
        w.text("activity", &s.activity);
        w.text("actor", &s.actor);
        w.list("requirements", &s.requirements);
        let docs: Vec<String> = s.documents.iter().map(|d| d.code().to_string()).collect();
        w.list("documents", &docs);
        w.text("time", s.time.as_ref().map_or("-", |t| t.text.as_str()));
        if !s.output.is_empty() {
            w.text("output", &s.output);
        }
        w.opt("note", s.note.as_deref());
        w.opt("condition", s.condition.as_deref());
        if let Some(f) = s.on_fail {
            w.raw(&format!("on_fail = {f}\n"));
        }
        if let Some(l) = &s.link_valid {
            w.text("link_valid", &l.text);
        }
        if s.disposisi {
            w.raw("disposisi = true\n");
        }
        let letters: Vec<String> = s.letters.iter().map(|l| l.code().to_string()).collect();
        w.list("letters", &letters);
    }
    w.out
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn text(&mut self, key: &str, value: &str) {
        self.out.push_str(&format!("{key} = {}\n", quote(value)));
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(key, v);
        }
    }

    /// Short lists on one line, long ones one item per line, as a person
    /// would write them.
    fn list(&mut self, key: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
        let inline = format!("{key} = [{}]", quoted.join(", "));
        if inline.chars().count() <= 100 && !inline.contains('\n') {
            self.out.push_str(&inline);
            self.out.push('\n');
        } else {
            self.out.push_str(&format!("{key} = [\n"));
            for q in quoted {
                self.out.push_str(&format!("    {q},\n"));
            }
            self.out.push_str("]\n");
        }
    }
}

#[cfg(test)]
mod tests;
