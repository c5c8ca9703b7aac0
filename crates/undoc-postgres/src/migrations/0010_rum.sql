-- Issue 19: where the server has the RUM extension (Debian's
-- postgresql-15-rum), texts are also indexed with their lexemes' positions,
-- so that a search takes its page of hits in rank order from the index
-- (`ORDER BY tsv <=> query LIMIT n`) instead of reading and ranking every
-- match's tsvector (ranking was half of a common word's time at 100,000
-- documents), and a phrase is checked in the index, not against each text.
-- Here: the extension, in a schema of its own (as pg_trgm), shared by every
-- undoc schema of the database, and the passages' index. The documents'
-- RUM indexes are one per text search configuration, holding its
-- languages' texts; `connection.rs` keeps that set (`index_each_reading`),
-- which follows undoc-lang's languages; what is not read per language (a
-- symbol cited in any language, close spellings) scans each language's
-- index. The documents' GIN index goes: left beside them, the planner chose
-- it for English (the largest language, where the two are as large) and
-- checked phrases against every text again; one RUM index over all texts
-- beside them made ingest 2.5 times slower. Without RUM, nothing changes
-- and searches rank as before.
DO $$
DECLARE
    rum text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        CREATE SCHEMA IF NOT EXISTS undoc_rum;
        CREATE EXTENSION IF NOT EXISTS rum SCHEMA undoc_rum;
        SELECT n.nspname INTO rum FROM pg_extension e
          JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'rum';
        EXECUTE format('CREATE INDEX doc_passages_rum ON doc_passages USING rum (tsv %I.rum_tsvector_ops)', rum);
        DROP INDEX doc_passages_tsv;
        DROP INDEX documents_tsv;
    END IF;
END
$$;
