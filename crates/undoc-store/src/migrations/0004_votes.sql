-- Schema version 4: recorded votes, one row per State and text, so that a
-- State's voting record is one indexed lookup. Language versions of one
-- resolution carry the same vote; readers keep one text per work.
CREATE TABLE votes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord    INTEGER NOT NULL,               -- which recorded vote of the document
    state  TEXT NOT NULL,                  -- short official name
    ballot TEXT NOT NULL                   -- in_favour, against, abstaining
) STRICT;
CREATE INDEX votes_state ON votes(state);
CREATE INDEX votes_doc ON votes(doc_id);
