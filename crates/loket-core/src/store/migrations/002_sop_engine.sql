-- SOP engine: every stored SOP version, the version and step each request is
-- on, and the append-only history of what happened to each request.

CREATE TABLE sops (
    id          INTEGER PRIMARY KEY,
    sop_id      TEXT NOT NULL,            -- e.g. 'tapin-pencabutan'
    version     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    content     TEXT NOT NULL,            -- the parsed SOP as JSON
    source      TEXT NOT NULL,            -- the TOML as imported or shipped
    origin      TEXT NOT NULL CHECK (origin IN ('preset', 'import')),
    imported_by INTEGER REFERENCES users(id),
    imported_at TEXT NOT NULL,
    UNIQUE (sop_id, version)
) STRICT;

ALTER TABLE requests ADD COLUMN sop_ref INTEGER REFERENCES sops(id);
-- The step the request waits on; NULL when finished, rejected or cancelled.
ALTER TABLE requests ADD COLUMN current_step INTEGER;
-- When the current step became current: the start of its clock.
ALTER TABLE requests ADD COLUMN step_started_at TEXT;
-- For a data change: the new data, applied when the request finishes.
ALTER TABLE requests ADD COLUMN data_baru TEXT;

CREATE TABLE request_events (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests(id),
    attempt        INTEGER NOT NULL,
    step_no        INTEGER,               -- NULL for request-level events
    kind           TEXT NOT NULL CHECK (kind IN (
                       'submit', 'done', 'skipped', 'return', 'reject', 'cancel',
                       'resubmit', 'reason_corrected')),
    user_id        INTEGER REFERENCES users(id),
    actor          TEXT NOT NULL,         -- who recorded it
    acted_at       TEXT NOT NULL,         -- when it happened (e.g. when BSrE acted)
    recorded_at    TEXT NOT NULL,         -- when it was written here
    started_at     TEXT,                  -- when the step became current
    note           TEXT,
    to_step        INTEGER,               -- where a return sends the request
    condition_held INTEGER CHECK (condition_held IN (0, 1)),
    checklist      TEXT,                  -- JSON: the requirements ticked
    disposisi_to   TEXT,                  -- a head's step: to whom it goes
    on_behalf      INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
    override       TEXT,                  -- why a rule was overridden, if one was
    data           TEXT                   -- JSON: e.g. the certificate's expiry
) STRICT;
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE INDEX requests_current ON requests(status, current_step);

-- The history is append-only: nothing rewrites or removes what happened.
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request history is append-only');
END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request history is append-only');
END;
