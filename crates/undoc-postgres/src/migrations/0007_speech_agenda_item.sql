-- The agenda item each speech was given under (as the embedded store's
-- schema 7); rows stored before it take it from their record.
ALTER TABLE speeches ADD COLUMN agenda_item INT;
UPDATE speeches s SET agenda_item = (d.record->'speeches'->s.ord->>'agenda_item')::int
  FROM documents d WHERE d.id = s.doc_id;
