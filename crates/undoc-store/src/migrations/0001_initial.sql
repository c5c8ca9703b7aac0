-- Schema version 1: documents with their symbols, organs, agenda items and
-- references, and the original files they were parsed from.

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL,           -- the input path as given at ingest
    file_hash    TEXT NOT NULL,           -- sha256 of the original bytes (key into files)
    doc_type     TEXT NOT NULL,
    date         TEXT,                    -- issue date, YYYY-MM-DD
    title        TEXT,
    language     TEXT NOT NULL,
    sender_state TEXT,
    record       TEXT NOT NULL,           -- the full record, JSON (record.md)
    ingested_at  TEXT NOT NULL
) STRICT;
CREATE INDEX documents_date ON documents(date);

-- Every official symbol of a document (both parts of a joint symbol).
CREATE TABLE doc_symbols (
    symbol   TEXT NOT NULL,
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (symbol, doc_id)
) STRICT;
CREATE INDEX doc_symbols_doc ON doc_symbols(doc_id);

CREATE TABLE bodies (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    organ   TEXT NOT NULL,
    session TEXT,                          -- as printed: "79", "2025", "ES-10"
    year    INTEGER
) STRICT;
CREATE INDEX bodies_doc ON bodies(doc_id);

CREATE TABLE agenda_items (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    organ   TEXT NOT NULL,
    session TEXT,                          -- the session of the organ in this document
    number  INTEGER NOT NULL,
    sub     TEXT,
    title   TEXT
) STRICT;
CREATE INDEX agenda_items_item ON agenda_items(organ, session, number);
CREATE INDEX agenda_items_doc ON agenda_items(doc_id);

-- One row per symbol a reference names; resolved against doc_symbols when read,
-- so a reference to a document not yet stored resolves when it arrives.
CREATE TABLE refs (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,             -- position of the reference in the document
    part     INTEGER NOT NULL,             -- position of the symbol in the reference
    symbol   TEXT NOT NULL,
    base     TEXT NOT NULL,                -- the symbol without /Rev., /Add., /Corr., /Amend. parts
    kind     TEXT NOT NULL,
    relation TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord, part)
) STRICT;
CREATE INDEX refs_symbol ON refs(symbol);
CREATE INDEX refs_base ON refs(base);

-- Original files, content-addressed: the bytes live under files/ in the store.
CREATE TABLE files (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    name TEXT NOT NULL                     -- the file name it was first ingested as (for its extension)
) STRICT;
