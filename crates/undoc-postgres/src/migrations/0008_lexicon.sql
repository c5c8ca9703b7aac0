-- Close spellings (issue 19): every word the stored texts are indexed by
-- (their lexemes), per language (each language's stemmer makes its own),
-- so a search with few hits can try the spellings the record itself uses
-- (Zangezur, Zangazur). Found by trigrams (pg_trgm, a trusted extension
-- since PostgreSQL 13: the database's owner may install it) in a schema of
-- its own, so that stores in several schemas of one database share it;
-- where it was installed before, that install serves.
CREATE SCHEMA IF NOT EXISTS undoc_trgm;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA undoc_trgm;

CREATE TABLE lexicon (
    language TEXT NOT NULL,
    word     TEXT NOT NULL,
    PRIMARY KEY (language, word)
);

INSERT INTO lexicon (language, word)
SELECT DISTINCT language, w FROM (
    SELECT language, unnest(tsvector_to_array(tsv)) AS w FROM documents
    UNION ALL
    SELECT d.language, unnest(tsvector_to_array(p.tsv))
    FROM doc_passages p JOIN documents d ON d.id = p.doc_id
) x
WHERE length(w) BETWEEN 4 AND 40;

DO $$
DECLARE
    trgm text;
BEGIN
    SELECT n.nspname INTO trgm FROM pg_extension e
      JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX lexicon_trigrams ON lexicon USING GIN (word %I.gin_trgm_ops)', trgm);
END
$$;
