-- Schema version 7: the agenda item each speech was given under, so a
-- State's statements say what they were about. Rows stored before it take
-- it from their record (the same field the parse wrote there).
ALTER TABLE speeches ADD COLUMN agenda_item INTEGER;
UPDATE speeches SET agenda_item = (
    SELECT json_extract(d.record, '$.speeches[' || speeches.ord || '].agenda_item')
    FROM documents d WHERE d.id = speeches.doc_id
);
