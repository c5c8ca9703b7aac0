-- Schema version 3: library catalogue records (MARCXML from the UN Digital
-- Library), kept whole so that they can be written back field for field, and
-- the symbols they describe, so that a stored document with one of those
-- symbols gains the record's subjects and authors whichever came first.
CREATE TABLE catalogue (
    key         TEXT PRIMARY KEY,          -- the first symbol (191 $a), or "001:" + control number
    control     TEXT,                      -- 001
    marcxml     TEXT NOT NULL,             -- the <record> as imported
    subjects    TEXT NOT NULL,             -- JSON array of 650 $a
    authors     TEXT NOT NULL,             -- JSON array of 710 $a
    imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE catalogue_symbols (
    symbol TEXT PRIMARY KEY,
    key    TEXT NOT NULL REFERENCES catalogue(key) ON DELETE CASCADE
) STRICT;
CREATE INDEX catalogue_symbols_key ON catalogue_symbols(key);
