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
