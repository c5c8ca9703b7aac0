-- Schema version 2: recorded votes, one row per State and text (as in the
-- embedded store's migration 4).
CREATE TABLE votes (
    doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord    integer NOT NULL,
    state  text NOT NULL,
    ballot text NOT NULL
);
CREATE INDEX votes_state ON votes(state);
CREATE INDEX votes_doc ON votes(doc_id);
