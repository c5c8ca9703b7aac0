-- The words of each speaker's name as searches match them
-- (undoc_model::speaker_words), so the speaker filter needs no collation.
ALTER TABLE speeches ADD COLUMN speaker_words TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX speeches_words ON speeches USING gin (speaker_words);
