-- Schema version 6: the speeches of meeting records, one row each, so that a
-- State's statements are one indexed lookup; and the resolutions a meeting's
-- decisions became, so that a resolution finds the meeting that adopted it.
-- Records stored before this version have no speeches (their parse had
-- none); ingesting them again fills these tables.
CREATE TABLE speeches (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,                -- the speech's place in its record, from 0
    speaker  TEXT NOT NULL,
    state    TEXT,                            -- short official name, or as printed
    role     TEXT,
    kind     TEXT NOT NULL,
    language TEXT,
    text     TEXT NOT NULL
) STRICT;
CREATE INDEX speeches_state ON speeches(state);
CREATE INDEX speeches_doc ON speeches(doc_id);

CREATE TABLE adoptions (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,              -- the decision's place in its record
    resolution TEXT NOT NULL                  -- canonical symbol: A/RES/65/182
) STRICT;
CREATE INDEX adoptions_resolution ON adoptions(resolution);
