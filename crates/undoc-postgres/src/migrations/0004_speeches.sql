-- The speeches of meeting records and the resolutions their decisions
-- became (as the embedded store's schema 6).
CREATE TABLE speeches (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord      INT NOT NULL,
    speaker  TEXT NOT NULL,
    state    TEXT,
    role     TEXT,
    kind     TEXT NOT NULL,
    language TEXT,
    text     TEXT NOT NULL
);
CREATE INDEX speeches_state ON speeches(state);
CREATE INDEX speeches_doc ON speeches(doc_id);

CREATE TABLE adoptions (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord        INT NOT NULL,
    resolution TEXT NOT NULL
);
CREATE INDEX adoptions_resolution ON adoptions(resolution);
