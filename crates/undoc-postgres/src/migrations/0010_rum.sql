-- Issue 19: where the server has the RUM extension (Debian's
-- postgresql-15-rum), the texts' tsvectors are indexed with their positions,
-- so that a search takes its page of hits in rank order from the index
-- (`ORDER BY tsv <=> query LIMIT n`) instead of reading and ranking every
-- match's tsvector (ranking was half of a common word's time at 100,000
-- documents), and a phrase is checked in the index, not against each text.
-- The GIN indexes it replaces stay where RUM is not installed; searches then
-- rank as before. The extension lives in a schema of its own, as pg_trgm
-- does, shared by every undoc schema of the database.
DO $$
DECLARE
    rum text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        CREATE SCHEMA IF NOT EXISTS undoc_rum;
        CREATE EXTENSION IF NOT EXISTS rum SCHEMA undoc_rum;
        SELECT n.nspname INTO rum FROM pg_extension e
          JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'rum';
        EXECUTE format('CREATE INDEX documents_rum ON documents USING rum (tsv %I.rum_tsvector_ops)', rum);
        EXECUTE format('CREATE INDEX doc_passages_rum ON doc_passages USING rum (tsv %I.rum_tsvector_ops)', rum);
        DROP INDEX documents_tsv;
        DROP INDEX doc_passages_tsv;
    END IF;
END
$$;
