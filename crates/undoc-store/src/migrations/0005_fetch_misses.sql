-- Schema version 5: what the document service answered when it gave no
-- document (a symbol not published, not found, or its "does not exist"
-- page), per symbol and language, dated, so a second fetch does not ask again.
CREATE TABLE fetch_misses (
    symbol   TEXT NOT NULL,
    language TEXT NOT NULL,
    kind     TEXT NOT NULL,               -- not_published, not_found, does_not_exist
    at       INTEGER NOT NULL,            -- seconds since 1970
    PRIMARY KEY (symbol, language)
) STRICT;
