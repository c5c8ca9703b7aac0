-- PostgreSQL schema version 1: the embedded store's tables, with the original
-- files in the database (a server has no folder beside it) and the search
-- columns (tsvector, States array) on the documents row, so that one
-- transaction writes a document and everything search needs about it.

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL,
    file_hash    TEXT NOT NULL,
    doc_type     TEXT NOT NULL,
    date         TEXT,                         -- issue date, YYYY-MM-DD
    title        TEXT,
    language     TEXT NOT NULL,
    sender_state TEXT,
    record       JSONB NOT NULL,               -- the full record (record.md)
    ingested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    states       TEXT[] NOT NULL DEFAULT '{}', -- sender and mentioned States
    excerpt      TEXT NOT NULL DEFAULT '',     -- the opening of the body, for snippets
    tsv          TSVECTOR NOT NULL,            -- title (weight A) and body (B), English
    long         BOOLEAN NOT NULL DEFAULT false -- the body is also in doc_passages
);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE INDEX documents_states ON documents USING GIN (states);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_type ON documents (doc_type);

-- A tsvector keeps word positions only up to 16,383: past that, phrases
-- cannot match. Long bodies (meeting records) are also indexed in
-- overlapping passages, each within the limit.
CREATE TABLE doc_passages (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part   INTEGER NOT NULL,
    tsv    TSVECTOR NOT NULL,
    PRIMARY KEY (doc_id, part)
);
CREATE INDEX doc_passages_tsv ON doc_passages USING GIN (tsv);

CREATE TABLE doc_symbols (
    symbol   TEXT NOT NULL,
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (symbol, doc_id)
);
CREATE INDEX doc_symbols_doc ON doc_symbols (doc_id);
CREATE INDEX doc_symbols_pattern ON doc_symbols (symbol text_pattern_ops);

CREATE TABLE bodies (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    organ   TEXT NOT NULL,
    session TEXT,                              -- session, or Security Council year
    year    INTEGER
);
CREATE INDEX bodies_doc ON bodies (doc_id);
CREATE INDEX bodies_organ ON bodies (organ, session);

CREATE TABLE agenda_items (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    organ   TEXT NOT NULL,
    session TEXT,
    number  INTEGER NOT NULL,
    sub     TEXT,
    title   TEXT
);
CREATE INDEX agenda_items_item ON agenda_items (organ, session, number);
CREATE INDEX agenda_items_doc ON agenda_items (doc_id);

CREATE TABLE refs (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    part     INTEGER NOT NULL,
    symbol   TEXT NOT NULL,
    base     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    relation TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord, part)
);
CREATE INDEX refs_symbol ON refs (symbol);
CREATE INDEX refs_base ON refs (base);

CREATE TABLE files (
    hash  TEXT PRIMARY KEY,
    size  BIGINT NOT NULL,
    name  TEXT NOT NULL,
    bytes BYTEA NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE catalogue (
    key         TEXT PRIMARY KEY,
    control     TEXT,
    marcxml     TEXT NOT NULL,
    subjects    JSONB NOT NULL,
    authors     JSONB NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE catalogue_symbols (
    symbol TEXT PRIMARY KEY,
    key    TEXT NOT NULL REFERENCES catalogue(key) ON DELETE CASCADE
);
CREATE INDEX catalogue_symbols_key ON catalogue_symbols (key);
