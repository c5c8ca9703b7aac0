-- What the document service answered when it gave no document, per symbol
-- and language, dated (as the embedded store's schema 5).
CREATE TABLE fetch_misses (
    symbol   TEXT NOT NULL,
    language TEXT NOT NULL,
    kind     TEXT NOT NULL,
    at       BIGINT NOT NULL,
    PRIMARY KEY (symbol, language)
);
