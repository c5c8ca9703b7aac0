-- Issue 19: each text's facet values on its own row, so that a search counts
-- facets over the rows it matched and no longer joins `bodies`,
-- `agenda_items` and `speeches` (a hash of the whole table per search: 200,000
-- body rows at 100,000 documents). Written by each insert from the record,
-- and filled here from the tables for texts stored before.
ALTER TABLE documents
    ADD COLUMN organs         TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN agenda         TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN persons        TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN speaker_states TEXT[] NOT NULL DEFAULT '{}';

UPDATE documents d SET
    organs = ARRAY(SELECT DISTINCT b.organ FROM bodies b WHERE b.doc_id = d.id ORDER BY 1),
    agenda = ARRAY(SELECT DISTINCT a.organ || ' ' || a.session || ' ' || a.number
                   FROM agenda_items a WHERE a.doc_id = d.id AND a.session IS NOT NULL ORDER BY 1),
    persons = ARRAY(SELECT DISTINCT s.person FROM speeches s
                    WHERE s.doc_id = d.id AND s.person IS NOT NULL ORDER BY 1),
    speaker_states = ARRAY(SELECT DISTINCT s.state FROM speeches s
                           WHERE s.doc_id = d.id AND s.state IS NOT NULL ORDER BY 1);
