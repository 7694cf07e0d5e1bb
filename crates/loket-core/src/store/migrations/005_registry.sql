-- Registry of TTE users: fast search over people and each person's latest
-- certificate kept at hand, so the registry stays instant with 200,000
-- people. Everything here is derived from `people` and `certificates` and
-- kept in step by triggers; the app never writes these tables directly.

-- Full-text search over names and work units (external content: the text
-- stays in `people`, the index holds only the terms). NIK and NIP are not
-- indexed here: digit prefixes are answered by the UNIQUE indexes on
-- people(nik) and people(nip) as B-tree ranges, which is one seek, whereas
-- an FTS prefix query over 200,000 distinct 16-digit terms merges one
-- doclist per matching term.
CREATE VIRTUAL TABLE people_fts USING fts5(
    nama,
    unit_kerja,
    content = 'people',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts(rowid, nama, unit_kerja) VALUES (new.id, new.nama, new.unit_kerja);
END;

CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts(people_fts, rowid, nama, unit_kerja)
    VALUES ('delete', old.id, old.nama, old.unit_kerja);
END;

-- The foundation's update sets every column; skip the index work when the
-- indexed text did not change.
CREATE TRIGGER people_fts_update AFTER UPDATE OF nama, unit_kerja ON people
WHEN old.nama IS NOT new.nama OR old.unit_kerja IS NOT new.unit_kerja BEGIN
    INSERT INTO people_fts(people_fts, rowid, nama, unit_kerja)
    VALUES ('delete', old.id, old.nama, old.unit_kerja);
    INSERT INTO people_fts(rowid, nama, unit_kerja) VALUES (new.id, new.nama, new.unit_kerja);
END;

INSERT INTO people_fts(people_fts) VALUES ('rebuild');

-- Each person's latest certificate record, by the same order as
-- Db::latest_certificate (coalesce(issued_on, created_at) DESC, id DESC),
-- so the registry and the request rules always agree on "the" certificate.
-- A person without any certificate record has no row.
CREATE TABLE registry_latest (
    person_id      INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    certificate_id INTEGER NOT NULL,
    status         TEXT NOT NULL,
    issued_on      TEXT,
    expires_on     TEXT,
    revoked_on     TEXT
) STRICT;
-- Status filters and the expiry radar (status = 'ISSUE' AND expires_on in a range).
CREATE INDEX registry_latest_status ON registry_latest(status, expires_on);
-- Sorting the registry by expiry date.
CREATE INDEX registry_latest_expiry ON registry_latest(expires_on);

CREATE TRIGGER registry_latest_insert AFTER INSERT ON certificates BEGIN
    INSERT OR REPLACE INTO registry_latest(person_id, certificate_id, status, issued_on, expires_on, revoked_on)
    SELECT person_id, id, status, issued_on, expires_on, revoked_on FROM certificates
    WHERE person_id = new.person_id
    ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1;
END;

CREATE TRIGGER registry_latest_update AFTER UPDATE ON certificates BEGIN
    DELETE FROM registry_latest WHERE person_id IN (old.person_id, new.person_id);
    INSERT INTO registry_latest(person_id, certificate_id, status, issued_on, expires_on, revoked_on)
    SELECT person_id, id, status, issued_on, expires_on, revoked_on FROM certificates
    WHERE person_id = old.person_id
    ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1;
    INSERT OR REPLACE INTO registry_latest(person_id, certificate_id, status, issued_on, expires_on, revoked_on)
    SELECT person_id, id, status, issued_on, expires_on, revoked_on FROM certificates
    WHERE person_id = new.person_id
    ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1;
END;

CREATE TRIGGER registry_latest_delete AFTER DELETE ON certificates BEGIN
    DELETE FROM registry_latest WHERE person_id = old.person_id;
    INSERT INTO registry_latest(person_id, certificate_id, status, issued_on, expires_on, revoked_on)
    SELECT person_id, id, status, issued_on, expires_on, revoked_on FROM certificates
    WHERE person_id = old.person_id
    ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1;
END;

INSERT INTO registry_latest(person_id, certificate_id, status, issued_on, expires_on, revoked_on)
SELECT person_id, id, status, issued_on, expires_on, revoked_on FROM (
    SELECT person_id, id, status, issued_on, expires_on, revoked_on,
           row_number() OVER (PARTITION BY person_id
                              ORDER BY coalesce(issued_on, created_at) DESC, id DESC) AS rn
    FROM certificates
) WHERE rn = 1;

-- Registry pages sorted by name (the default), and by unit then name (also
-- serves "one unit, sorted by name").
CREATE INDEX people_name ON people(nama_tanpa_gelar COLLATE NOCASE, id);
CREATE INDEX people_unit_name ON people(unit_kerja, nama_tanpa_gelar COLLATE NOCASE, id);
-- The revoked list (a CRL): every certificate record with status REVOKE.
-- certificates_expiry (status, expires_on) already serves status = 'REVOKE'.
