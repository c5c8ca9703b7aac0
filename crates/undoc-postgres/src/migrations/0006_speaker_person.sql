-- Who spoke, as a person (undoc_model::Speech::person), for the speaker
-- facet; written with each speech from then on. Rows already stored get
-- it here by the same rule: none where the printed name ends in the role
-- ("The Acting President").
ALTER TABLE speeches ADD COLUMN person TEXT;
UPDATE speeches SET person = speaker
 WHERE btrim(speaker) <> ''
   AND NOT (role IS NOT NULL AND role <> ''
            AND right(lower(speaker), length(role)) = lower(role));
CREATE INDEX speeches_person ON speeches(person);
