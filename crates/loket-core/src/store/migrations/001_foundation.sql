-- Foundation schema: settings, accounts, people, certificates, requests,
-- counters and the audit log. A shipped migration is never edited; later
-- changes come as new numbered files.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL              -- JSON
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'verifikator', 'pimpinan', 'pemohon')),
    password_hash TEXT NOT NULL,     -- Argon2id PHC string
    person_id     INTEGER REFERENCES people(id),  -- an applicant's own identity
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    nama             TEXT NOT NULL,
    nama_tanpa_gelar TEXT NOT NULL,
    nik              TEXT NOT NULL UNIQUE CHECK (length(nik) = 16),
    nip              TEXT UNIQUE CHECK (nip IS NULL OR length(nip) = 18),
    jenis_pegawai    TEXT NOT NULL CHECK (jenis_pegawai IN ('pns', 'pppk', 'non_asn')),
    golongan         TEXT,
    jabatan          TEXT NOT NULL,
    unit_kerja       TEXT NOT NULL,
    email            TEXT NOT NULL,
    telepon          TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX people_unit ON people(unit_kerja);

CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    nomor       TEXT NOT NULL UNIQUE,   -- REQ-YYYY-NNNNN
    jenis       TEXT NOT NULL CHECK (jenis IN ('penerbitan', 'pencabutan', 'pembaruan', 'perubahan_data', 'reset_passphrase')),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    alasan      TEXT,                   -- RevocationReason code
    alasan_teks TEXT,                   -- the wording as written
    alasan_crl  INTEGER,                -- RFC 5280 CRLReason
    catatan     TEXT,
    status      TEXT NOT NULL CHECK (status IN ('draf', 'diproses', 'ditolak', 'selesai', 'dibatalkan')),
    attempt     INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX requests_person ON requests(person_id);
CREATE INDEX requests_created_by ON requests(created_by);
CREATE INDEX requests_created_at ON requests(created_at);

CREATE TABLE certificates (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people(id),
    status             TEXT NOT NULL,
    issued_on          TEXT,
    expires_on         TEXT,
    revoked_on         TEXT,
    revocation_reason  TEXT,
    revocation_wording TEXT,
    revocation_crl     INTEGER,
    request_id         INTEGER REFERENCES requests(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX certificates_person ON certificates(person_id);
CREATE INDEX certificates_expiry ON certificates(status, expires_on);

-- Named sequences (request numbers per year, letter numbers per kind and
-- year). Incremented only inside IMMEDIATE transactions, so two processes on
-- one database file never draw the same value.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users(id),
    actor     TEXT NOT NULL,            -- username, or 'loket-cli'
    action    TEXT NOT NULL,            -- e.g. 'request.create'
    entity    TEXT NOT NULL,            -- e.g. 'request'
    entity_id TEXT,
    summary   TEXT NOT NULL,
    old_value TEXT,                     -- JSON
    new_value TEXT                      -- JSON
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);
