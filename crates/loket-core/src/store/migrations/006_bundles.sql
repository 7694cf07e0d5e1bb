-- Offline handoff bundles (.loket files carried on a USB stick).
--
-- bundle_imports: every bundle this data folder accepted. A request bundle
-- (from the applicant's laptop) created or updated a request here; a status
-- bundle (from the office) holds the office's view of a request made here.
-- The same bundle content for the same request UUID is accepted once:
-- importing it again creates nothing. `payload` keeps what the bundle said
-- (the request data, or the office's status), so the applicant's own number
-- and the office's view stay readable whatever happens to the request later.
--
-- bundle_files: the files each accepted bundle carried, with the document
-- they became (request bundles) or, for a status bundle, only the stored
-- file in dokumen/ (content-addressed like documents, never a path from the
-- bundle).

CREATE TABLE bundle_imports (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('request', 'status')),
    request_uuid      TEXT NOT NULL,
    content_sha256    TEXT NOT NULL CHECK (length(content_sha256) = 64),
    request_id        INTEGER NOT NULL REFERENCES requests(id),
    -- 'create' or 'update' (request bundles), 'status' (status bundles)
    outcome           TEXT NOT NULL CHECK (outcome IN ('create', 'update', 'status')),
    source            TEXT,                      -- JSON: who made the bundle, where
    bundle_created_at TEXT NOT NULL,
    app_version       TEXT NOT NULL,
    payload           TEXT NOT NULL,             -- JSON
    imported_by       INTEGER REFERENCES users(id),  -- NULL for the CLI
    imported_actor    TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    UNIQUE (kind, request_uuid, content_sha256)
) STRICT;
CREATE INDEX bundle_imports_request ON bundle_imports(request_id, kind);

CREATE TABLE bundle_files (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES bundle_imports(id),
    path          TEXT NOT NULL,                 -- the entry inside the bundle
    kind          TEXT NOT NULL,                 -- DocKind code
    original_name TEXT NOT NULL,                 -- cleaned, for display only
    mime          TEXT NOT NULL,                 -- recognised from the content
    size          INTEGER NOT NULL CHECK (size > 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    letter        TEXT,                          -- JSON: a letter's number, date, subject
    document_id   INTEGER REFERENCES documents(id)
) STRICT;
CREATE INDEX bundle_files_import ON bundle_files(import_id);
CREATE INDEX bundle_files_sha256 ON bundle_files(sha256);
