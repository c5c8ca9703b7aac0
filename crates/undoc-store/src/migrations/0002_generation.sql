-- Schema version 2: a generation counter, raised by every write that changes
-- something, so derived indexes can tell whether they are up to date.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('generation', 0);
