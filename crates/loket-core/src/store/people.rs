use super::Db;
use crate::error::Result;
use crate::model::{Person, PersonData, StaffKind};
use rusqlite::{OptionalExtension, Row};

const PERSON_COLUMNS: &str = "id, nama, nama_tanpa_gelar, nik, nip, jenis_pegawai, golongan, \
                              jabatan, unit_kerja, email, telepon, created_at, updated_at";

pub(super) fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    let kind: String = r.get(5)?;
    Ok(Person {
        id: r.get(0)?,
        data: PersonData {
            nama: r.get(1)?,
            nama_tanpa_gelar: r.get(2)?,
            nik: r.get(3)?,
            nip: r.get(4)?,
            jenis_pegawai: StaffKind::parse(&kind).unwrap_or(StaffKind::NonAsn),
            golongan: r.get(6)?,
            jabatan: r.get(7)?,
            unit_kerja: r.get(8)?,
            email: r.get(9)?,
            telepon: r.get(10)?,
        },
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// Filters for listing people.
#[derive(Clone, Debug, Default)]
pub(crate) struct PeopleQuery<'a> {
    /// Words matched against name, NIK, NIP and unit.
    pub search: Option<&'a str>,
    pub limit: i64,
    pub offset: i64,
}

impl Db<'_> {
    /// Inserts a person. The statement is cached: a spreadsheet import
    /// calls this once per row.
    pub(crate) fn insert_person(&self, p: &PersonData, now: &str) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO people(nama, nama_tanpa_gelar, nik, nip, jenis_pegawai, golongan, jabatan,
                                unit_kerja, email, telepon, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        stmt.execute(rusqlite::params![
            p.nama,
            p.nama_tanpa_gelar,
            p.nik,
            p.nip,
            p.jenis_pegawai.code(),
            p.golongan,
            p.jabatan,
            p.unit_kerja,
            p.email,
            p.telepon,
            now
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Updates a person (cached statement, like [`Db::insert_person`]).
    pub(crate) fn update_person(&self, id: i64, p: &PersonData, now: &str) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "UPDATE people SET nama = ?2, nama_tanpa_gelar = ?3, nik = ?4, nip = ?5, jenis_pegawai = ?6,
                    golongan = ?7, jabatan = ?8, unit_kerja = ?9, email = ?10, telepon = ?11,
                    updated_at = ?12
             WHERE id = ?1",
        )?;
        stmt.execute(rusqlite::params![
            id,
            p.nama,
            p.nama_tanpa_gelar,
            p.nik,
            p.nip,
            p.jenis_pegawai.code(),
            p.golongan,
            p.jabatan,
            p.unit_kerja,
            p.email,
            p.telepon,
            now
        ])?;
        Ok(())
    }

    pub(crate) fn get_person(&self, id: i64) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"),
                [id],
                person_from_row,
            )
            .optional()?)
    }

    pub(crate) fn person_by_nik(&self, nik: &str) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PERSON_COLUMNS} FROM people WHERE nik = ?1"),
                [nik],
                person_from_row,
            )
            .optional()?)
    }

    pub(crate) fn person_by_nip(&self, nip: &str) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PERSON_COLUMNS} FROM people WHERE nip = ?1"),
                [nip],
                person_from_row,
            )
            .optional()?)
    }

    pub(crate) fn list_people(&self, q: &PeopleQuery) -> Result<Vec<Person>> {
        let pattern = q.search.map(like_pattern);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PERSON_COLUMNS} FROM people
             WHERE ?1 IS NULL OR nama LIKE ?1 ESCAPE '\\' OR nik LIKE ?1 ESCAPE '\\'
                OR nip LIKE ?1 ESCAPE '\\' OR unit_kerja LIKE ?1 ESCAPE '\\'
             ORDER BY nama_tanpa_gelar COLLATE NOCASE, id
             LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map((pattern, q.limit, q.offset), person_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// `%text%` with LIKE's wildcards escaped, so a search for `50%` means it.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
