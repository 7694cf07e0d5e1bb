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

-- The registry: one row per person with what lists, filters and counts
-- need, so that none of them joins or scans `people` as a whole. Kept by
-- triggers on `people` (name and unit, for sorting and per-unit counts) and
-- on `certificates` (the latest record, by the same order as
-- Db::latest_certificate: coalesce(issued_on, created_at) DESC, id DESC, so
-- the registry and the request rules always agree on "the" certificate).
CREATE TABLE registry_entries (
    person_id      INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    -- people.nama_tanpa_gelar and people.unit_kerja, copied for indexes.
    name_key       TEXT NOT NULL COLLATE NOCASE,
    unit_kerja     TEXT NOT NULL,
    -- The latest certificate record; all NULL when the person has none.
    certificate_id INTEGER,
    status         TEXT,
    issued_on      TEXT,
    expires_on     TEXT,
    revoked_on     TEXT,
    -- The status group that does not depend on the date: A issued (active
    -- until its expiry date, then expired), X expired, R revoked,
    -- S suspended, B none yet (no record, NO_CERTIFICATE, NOT_REGISTERED,
    -- NEW, WAITING_FOR_VERIFICATION, RENEW). Derived status = grp and,
    -- for A, expires_on against today.
    grp            TEXT NOT NULL GENERATED ALWAYS AS (
        CASE status
            WHEN 'ISSUE' THEN 'A'
            WHEN 'EXPIRED' THEN 'X'
            WHEN 'REVOKE' THEN 'R'
            WHEN 'SUSPEND' THEN 'S'
            ELSE 'B'
        END) VIRTUAL
) STRICT;
-- A status filter in name order (the registry's default view), covering.
CREATE INDEX registry_grp_name ON registry_entries(grp, name_key, person_id, expires_on);
-- Status counts and the expiry radar (grp = 'A' AND expires_on in a range),
-- with the unit for counting A rows past expiry per unit.
CREATE INDEX registry_grp_expiry ON registry_entries(grp, expires_on, unit_kerja);
-- The whole registry in name order; covering the status too, so a status
-- spread over two groups (kedaluwarsa) is found walking this index.
CREATE INDEX registry_name ON registry_entries(name_key, person_id, grp, expires_on);
-- One unit in name order, and counts per unit, covering.
CREATE INDEX registry_unit_name ON registry_entries(unit_kerja, name_key, person_id, grp, expires_on);
-- Sorted by expiry, people without an expiry date last.
CREATE INDEX registry_expiry ON registry_entries(coalesce(expires_on, '9999-12-31'), person_id);

CREATE TRIGGER registry_person_insert AFTER INSERT ON people BEGIN
    INSERT INTO registry_entries(person_id, name_key, unit_kerja)
    VALUES (new.id, new.nama_tanpa_gelar, new.unit_kerja);
END;

CREATE TRIGGER registry_person_update AFTER UPDATE OF nama_tanpa_gelar, unit_kerja ON people
WHEN old.nama_tanpa_gelar IS NOT new.nama_tanpa_gelar OR old.unit_kerja IS NOT new.unit_kerja BEGIN
    UPDATE registry_entries SET name_key = new.nama_tanpa_gelar, unit_kerja = new.unit_kerja
    WHERE person_id = new.id;
END;

-- The latest record of one person, re-read after every change to their
-- certificates (a person has a handful, found through certificates_person).
CREATE TRIGGER registry_certificate_insert AFTER INSERT ON certificates BEGIN
    UPDATE registry_entries
    SET (certificate_id, status, issued_on, expires_on, revoked_on) = (
        SELECT id, status, issued_on, expires_on, revoked_on FROM certificates
        WHERE person_id = new.person_id
        ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1)
    WHERE person_id = new.person_id;
END;

CREATE TRIGGER registry_certificate_update AFTER UPDATE ON certificates BEGIN
    UPDATE registry_entries
    SET (certificate_id, status, issued_on, expires_on, revoked_on) = (
        SELECT id, status, issued_on, expires_on, revoked_on FROM certificates
        WHERE person_id = registry_entries.person_id
        ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1)
    WHERE person_id IN (old.person_id, new.person_id);
END;

CREATE TRIGGER registry_certificate_delete AFTER DELETE ON certificates BEGIN
    UPDATE registry_entries
    SET (certificate_id, status, issued_on, expires_on, revoked_on) = (
        SELECT id, status, issued_on, expires_on, revoked_on FROM certificates
        WHERE person_id = old.person_id
        ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1)
    WHERE person_id = old.person_id;
END;

-- People per work unit and status group, kept by triggers, so that the
-- office's totals and the per-unit counts read a few dozen rows instead of
-- 200,000. (Active or expired within group A depends on the date and is
-- counted from registry_grp_expiry: the A rows past their expiry date.)
CREATE TABLE registry_counts (
    unit_kerja TEXT NOT NULL,
    grp        TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (unit_kerja, grp)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER registry_counts_insert AFTER INSERT ON registry_entries BEGIN
    INSERT INTO registry_counts(unit_kerja, grp, n) VALUES (new.unit_kerja, new.grp, 1)
    ON CONFLICT (unit_kerja, grp) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER registry_counts_delete AFTER DELETE ON registry_entries BEGIN
    UPDATE registry_counts SET n = n - 1 WHERE unit_kerja = old.unit_kerja AND grp = old.grp;
END;

CREATE TRIGGER registry_counts_update AFTER UPDATE OF unit_kerja, status ON registry_entries
WHEN old.unit_kerja IS NOT new.unit_kerja OR old.grp IS NOT new.grp BEGIN
    UPDATE registry_counts SET n = n - 1 WHERE unit_kerja = old.unit_kerja AND grp = old.grp;
    INSERT INTO registry_counts(unit_kerja, grp, n) VALUES (new.unit_kerja, new.grp, 1)
    ON CONFLICT (unit_kerja, grp) DO UPDATE SET n = n + 1;
END;

-- Fill the registry for the people and certificates already on file.
INSERT INTO registry_entries(person_id, name_key, unit_kerja)
SELECT id, nama_tanpa_gelar, unit_kerja FROM people;
UPDATE registry_entries
SET (certificate_id, status, issued_on, expires_on, revoked_on) = (
    SELECT id, status, issued_on, expires_on, revoked_on FROM certificates
    WHERE person_id = registry_entries.person_id
    ORDER BY coalesce(issued_on, created_at) DESC, id DESC LIMIT 1);

-- The revoked list (a CRL): every certificate record with status REVOKE,
-- newest revocation first, walked in order instead of sorted.
CREATE INDEX certificates_revoked
ON certificates(coalesce(revoked_on, substr(created_at, 1, 10)) DESC, id DESC)
WHERE status = 'REVOKE';
