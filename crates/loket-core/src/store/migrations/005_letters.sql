-- Letters (naskah dinas): the office's numbering register (buku agenda), the
-- letters generated from requests, and every version of each letter with the
-- PDF's and the view's SHA-256, so a letter can be verified later.
--
-- Nothing here is ever deleted. A number is voided (status 'batal', with who,
-- when and why) and stays in the register; a regenerated letter gets a new
-- version row and the old version (and its file) stays. Kinds are checked in
-- Rust (they follow the SOPs an office loads), as for documents.

-- The register: every number the office issued or entered by hand.
CREATE TABLE letter_numbers (
    id            INTEGER PRIMARY KEY,
    nomor         TEXT NOT NULL UNIQUE,          -- as printed, e.g. 000.6.5.6/012/Diskominfo/XI/2026
    kind          TEXT NOT NULL,                 -- LetterKind code
    year          INTEGER NOT NULL,              -- the sequence's year (restarts each 1 January)
    seq           INTEGER,                       -- the number drawn; NULL when entered by hand
    sequence      TEXT,                          -- which sequence it was drawn from ('keluar', 'masuk', …)
    manual        INTEGER NOT NULL CHECK (manual IN (0, 1)),
    tanggal       TEXT NOT NULL,                 -- the letter's date, YYYY-MM-DD
    hal           TEXT NOT NULL,                 -- subject
    status        TEXT NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'batal')),
    created_by    INTEGER REFERENCES users(id),
    created_actor TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    void_reason   TEXT,
    voided_by     INTEGER REFERENCES users(id),
    voided_actor  TEXT,
    voided_at     TEXT,
    CHECK ((status = 'batal') = (voided_at IS NOT NULL)),
    CHECK ((manual = 1) = (seq IS NULL))
) STRICT;
CREATE INDEX letter_numbers_year ON letter_numbers(year, id);

-- A number is never removed, renumbered or un-voided.
CREATE TRIGGER letter_numbers_no_delete BEFORE DELETE ON letter_numbers
BEGIN
    SELECT RAISE(ABORT, 'the letter register is append-only');
END;
CREATE TRIGGER letter_numbers_fixed BEFORE UPDATE ON letter_numbers
WHEN NEW.nomor IS NOT OLD.nomor OR NEW.kind IS NOT OLD.kind OR NEW.year IS NOT OLD.year
  OR NEW.seq IS NOT OLD.seq OR NEW.manual IS NOT OLD.manual OR NEW.tanggal IS NOT OLD.tanggal
  OR OLD.status = 'batal'
BEGIN
    SELECT RAISE(ABORT, 'a registered letter number cannot be changed');
END;

-- A letter: one kind for one request (or several, for a collective
-- recommendation). Its versions are the PDFs made of it.
CREATE TABLE letters (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    number_id     INTEGER REFERENCES letter_numbers(id),  -- NULL: not numbered by the office
    nomor         TEXT,                          -- as printed (the register's, or typed for the applicant's letters)
    tanggal       TEXT NOT NULL,                 -- YYYY-MM-DD
    hal           TEXT NOT NULL,
    request_set   TEXT NOT NULL,                 -- the request ids, ascending, comma-separated
    created_by    INTEGER REFERENCES users(id),
    created_actor TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX letters_set ON letters(kind, request_set);
CREATE INDEX letters_number ON letters(number_id);

CREATE TABLE letter_requests (
    letter_id  INTEGER NOT NULL REFERENCES letters(id),
    request_id INTEGER NOT NULL REFERENCES requests(id),
    PRIMARY KEY (letter_id, request_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX letter_requests_request ON letter_requests(request_id);

CREATE TABLE letter_versions (
    id             INTEGER PRIMARY KEY,
    letter_id      INTEGER NOT NULL REFERENCES letters(id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    code           TEXT NOT NULL UNIQUE,         -- the verification code printed on it
    path           TEXT NOT NULL,                -- relative to the data folder, e.g. surat/2026/…-v1.pdf
    pdf_sha256     TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    view           TEXT NOT NULL,                -- the LetterDoc JSON it was made from
    pages          INTEGER NOT NULL,
    size           INTEGER NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    created_actor  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (letter_id, version)
) STRICT;
CREATE INDEX letter_versions_pdf ON letter_versions(pdf_sha256);

CREATE TRIGGER letter_versions_no_update BEFORE UPDATE ON letter_versions
BEGIN
    SELECT RAISE(ABORT, 'letter versions are append-only');
END;
CREATE TRIGGER letter_versions_no_delete BEFORE DELETE ON letter_versions
BEGIN
    SELECT RAISE(ABORT, 'letter versions are append-only');
END;

CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
BEGIN
    SELECT RAISE(ABORT, 'letters are never deleted');
END;
