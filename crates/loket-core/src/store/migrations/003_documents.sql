-- Documents attached to requests (scans of KTP, SK, signed letters).
--
-- The file itself lives in the document store (dokumen/ab/<sha256>.<ext>),
-- named by its content, so identical content is stored once however often it
-- is attached. A row is one attachment: which request, which kind, what the
-- file was called, who attached it and when. Replacing or removing a document
-- never deletes its row: the row is marked 'diganti' or 'dihapus' with who,
-- when and why, and stays in the history. A file is never deleted from disk
-- while any row names its hash.
--
-- kind and mime are checked in Rust, not here: the list of document kinds
-- grows with the SOPs an office loads, and a CHECK constraint would need a
-- table rebuild for each new kind.

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    request_id     INTEGER NOT NULL REFERENCES requests(id),
    kind           TEXT NOT NULL,                 -- DocKind code
    original_name  TEXT NOT NULL,                 -- sanitised, for display only
    mime           TEXT NOT NULL,                 -- recognised from the content
    size           INTEGER NOT NULL CHECK (size > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    width          INTEGER,                       -- images only
    height         INTEGER,
    status         TEXT NOT NULL DEFAULT 'berlaku'
                   CHECK (status IN ('berlaku', 'diganti', 'dihapus')),
    attached_by    INTEGER REFERENCES users(id),  -- NULL for the CLI
    attached_actor TEXT NOT NULL,                 -- username, or 'loket-cli'
    attached_name  TEXT NOT NULL,                 -- display name at the time
    attached_at    TEXT NOT NULL,
    replaces       INTEGER REFERENCES documents(id),
    ended_by       INTEGER REFERENCES users(id),
    ended_actor    TEXT,
    ended_name     TEXT,
    ended_at       TEXT,
    end_reason     TEXT,
    replaced_by    INTEGER REFERENCES documents(id),
    CHECK ((status = 'berlaku') = (ended_at IS NULL))
) STRICT;
CREATE INDEX documents_request ON documents(request_id, status);
CREATE INDEX documents_sha256 ON documents(sha256);
