-- Issue 19: which texts each write changed, by the generation it raised, so
-- that a search index kept beside the database (`undoc --index`) catches up
-- with the texts written since the generation it was built from, instead of
-- rebuilding. One row a text: a text written again moves to its new
-- generation, so the table holds at most one row per text ever stored.
CREATE TABLE changes (
    key        TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
CREATE INDEX changes_by_generation ON changes (generation);

-- A work's language versions (`A/80/1`, `A/80/1@fr`, …) by a range of keys
-- compared byte by byte: under the primary key's collation a `LIKE 'A/80/1@%'`
-- cannot use it, and reading every work's versions scanned the table once a
-- work (a following index built from 100,000 documents did not finish in 10
-- minutes).
CREATE INDEX documents_by_key_bytes ON documents (id text_pattern_ops);
