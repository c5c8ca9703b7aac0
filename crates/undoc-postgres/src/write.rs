//! The rows a batch of documents writes, column by column, and how long
//! bodies are cut into passages for the full-text index.

use undoc_model::{Body, Record, Session};
use undoc_store::{NewDocument, Result, StoreError};

use crate::{prefix, server, text_search_config, to_i32};

/// Body text beyond this many bytes is not in the document's own tsvector (a
/// tsvector holds at most 1 MB); long bodies are searched in passages too.
pub(crate) const MAX_INDEXED_BODY: usize = 400_000;

/// Words per passage of a long body, and the overlap between passages (so a
/// phrase across a boundary is inside one of them). Well under the 16,383
/// positions a tsvector keeps, since punctuation-split tokens count too.
pub(crate) const PASSAGE_WORDS: usize = 10_000;
pub(crate) const PASSAGE_OVERLAP: usize = 100;

/// Bodies of more words than this are indexed in passages as well.
pub(crate) const LONG_BODY_WORDS: usize = 12_000;

/// Overlapping passages of a long body, each of at most `PASSAGE_WORDS` words;
/// empty for a body short enough for one tsvector.
pub(crate) fn passages(body: &str) -> Vec<&str> {
    let starts: Vec<usize> = body
        .split_whitespace()
        .map(|w| w.as_ptr() as usize - body.as_ptr() as usize)
        .collect();
    if starts.len() <= LONG_BODY_WORDS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut first = 0;
    while first < starts.len() {
        let last = (first + PASSAGE_WORDS).min(starts.len());
        let end = starts.get(last).copied().unwrap_or(body.len());
        if let Some(passage) = body.get(starts[first]..end) {
            out.push(passage);
        }
        if last == starts.len() {
            break;
        }
        first = last - PASSAGE_OVERLAP;
    }
    out
}

/// Characters of the body kept for snippets, as the embedded index keeps.
pub(crate) const EXCERPT_CHARS: usize = 4_000;

/// Marks the store changed, and `keys` (the texts written or removed) as
/// changed at the new generation, for an index that follows the database
/// ([`crate::PgStore`]'s `changes_since`). Taken last in a transaction: the
/// one row every writer updates, so it is held only until commit, and
/// generations commit in the order they were raised.
pub(crate) async fn raise_generation(
    tx: &deadpool_postgres::Transaction<'_>,
    keys: &[&str],
) -> Result<()> {
    let row = tx
        .query_one(
            "UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value",
            &[],
        )
        .await
        .map_err(server)?;
    let generation: i64 = row.get(0);
    if !keys.is_empty() {
        tx.execute(
            "INSERT INTO changes (key, generation) SELECT k, $2 FROM unnest($1::text[]) AS k
             ON CONFLICT (key) DO UPDATE SET generation = excluded.generation",
            &[&keys, &generation],
        )
        .await
        .map_err(server)?;
    }
    Ok(())
}

/// `bodies` rows, column by column.
#[derive(Default)]
struct BodyRows<'a> {
    doc_id: Vec<&'a str>,
    organ: Vec<&'a str>,
    session: Vec<Option<String>>,
    year: Vec<Option<i32>>,
}

/// `agenda_items` rows, column by column.
#[derive(Default)]
struct AgendaRows<'a> {
    doc_id: Vec<&'a str>,
    organ: Vec<&'a str>,
    session: Vec<Option<String>>,
    number: Vec<i32>,
    sub: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
}

/// `refs` rows, column by column.
#[derive(Default)]
struct ReferenceRows<'a> {
    doc_id: Vec<&'a str>,
    ord: Vec<i32>,
    part: Vec<i32>,
    symbol: Vec<String>,
    base: Vec<String>,
    kind: Vec<&'static str>,
    relation: Vec<&'static str>,
}

/// `speeches` rows, column by column.
#[derive(Default)]
struct SpeechRows<'a> {
    doc_id: Vec<&'a str>,
    ord: Vec<i32>,
    speaker: Vec<&'a str>,
    state: Vec<Option<&'a str>>,
    role: Vec<Option<&'a str>>,
    kind: Vec<&'static str>,
    language: Vec<Option<&'a str>>,
    text: Vec<String>,
    /// Each speaker's name words, a JSON array per row.
    words: Vec<serde_json::Value>,
    person: Vec<Option<&'a str>>,
    agenda_item: Vec<Option<i32>>,
}

/// The rows of the documents a batch writes, column by column, so that each
/// table gets one `INSERT … SELECT … FROM unnest(…)`: a batch costs a dozen
/// round trips to the server, not a dozen per document.
#[derive(Default)]
pub(crate) struct Rows<'a> {
    id: Vec<&'a str>,
    source: Vec<&'a str>,
    file_hash: Vec<&'a str>,
    doc_type: Vec<&'a str>,
    date: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
    language: Vec<&'a str>,
    sender: Vec<Option<&'a str>>,
    record: Vec<serde_json::Value>,
    states: Vec<serde_json::Value>,
    /// Each text's facet values (organs, agenda items, persons and States
    /// speaking), a JSON array of strings per text: what a search counts.
    facet_values: [Vec<serde_json::Value>; 4],
    excerpt: Vec<String>,
    body: Vec<String>,
    long: Vec<bool>,
    symbol: (Vec<String>, Vec<&'a str>, Vec<i32>),
    body_row: BodyRows<'a>,
    agenda: AgendaRows<'a>,
    reference: ReferenceRows<'a>,
    passage: (Vec<&'a str>, Vec<i32>, Vec<String>),
    /// The text search configuration of each document's language.
    config: Vec<&'static str>,
    vote: (Vec<&'a str>, Vec<i32>, Vec<&'a str>, Vec<&'static str>),
    speech: SpeechRows<'a>,
    adoption: (Vec<&'a str>, Vec<i32>, Vec<&'a str>),
}

impl<'a> Rows<'a> {
    /// Adds one document's rows under its store key `id` (see `Record::key`).
    pub(crate) fn add(&mut self, doc: &NewDocument<'a>, id: &'a str) -> Result<()> {
        let r: &'a Record = doc.record;
        let body = r.body_text();
        let sender = r.letter.as_ref().and_then(|l| l.sender_state.as_deref());
        let mut states: Vec<&str> = sender.into_iter().collect();
        for s in &r.states_mentioned {
            if !states.contains(&s.as_str()) {
                states.push(s);
            }
        }
        for (part, passage) in passages(&body).into_iter().enumerate() {
            self.passage.0.push(id);
            self.passage.1.push(to_i32(part));
            self.passage.2.push(passage.to_owned());
        }
        self.id.push(id);
        self.source.push(&r.source);
        self.file_hash.push(doc.file_hash);
        self.doc_type.push(r.doc_type.as_str());
        self.date.push(r.date.as_deref());
        self.title.push(r.title.as_deref());
        self.language.push(&r.language);
        self.config.push(text_search_config(&r.language));
        self.sender.push(sender);
        self.record
            .push(serde_json::to_value(r).map_err(|e| StoreError::Corrupt(e.to_string()))?);
        self.states.push(serde_json::json!(states));
        self.excerpt
            .push(body.chars().take(EXCERPT_CHARS).collect());
        self.long.push(self.passage.0.last() == Some(&id));
        self.body.push(prefix(&body, MAX_INDEXED_BODY).to_owned());
        for (i, symbol) in r.names().into_iter().enumerate() {
            self.symbol.0.push(symbol);
            self.symbol.1.push(id);
            self.symbol.2.push(to_i32(i));
        }
        let mut facet_values: [Vec<String>; 4] = Default::default();
        for b in &r.bodies {
            facet_values[0].push(b.organ.clone());
            self.body_row.doc_id.push(id);
            self.body_row.organ.push(&b.organ);
            self.body_row
                .session
                .push(b.session.as_ref().map(Session::label));
            self.body_row.year.push(b.year);
        }
        for item in &r.agenda_items {
            let session = r
                .bodies
                .iter()
                .find(|b| b.organ == item.organ)
                .and_then(Body::session_or_year);
            let number = i32::try_from(item.number).unwrap_or(i32::MAX);
            if let Some(session) = &session {
                facet_values[1].push(format!("{} {session} {number}", item.organ));
            }
            let rows = &mut self.agenda;
            rows.doc_id.push(id);
            rows.organ.push(&item.organ);
            rows.session.push(session);
            rows.number.push(number);
            rows.sub.push(item.sub.as_deref());
            rows.title.push(item.title.as_deref());
        }
        for (ord, vote) in r.votes.iter().enumerate() {
            for (state, ballot) in vote.ballots() {
                self.vote.0.push(id);
                self.vote.1.push(to_i32(ord));
                self.vote.2.push(state);
                self.vote.3.push(ballot.as_str());
            }
        }
        for (ord, speech) in r.speeches.iter().enumerate() {
            facet_values[2].extend(speech.person().map(str::to_owned));
            facet_values[3].extend(speech.state.clone());
            let rows = &mut self.speech;
            rows.doc_id.push(id);
            rows.ord.push(to_i32(ord));
            rows.speaker.push(&speech.speaker);
            rows.state.push(speech.state.as_deref());
            rows.role.push(speech.role.as_deref());
            rows.kind.push(speech.kind.as_str());
            rows.language.push(speech.language.as_deref());
            rows.text.push(speech.text(&body).to_owned());
            rows.words
                .push(serde_json::json!(undoc_model::speaker_words(
                    &speech.speaker
                )));
            rows.person.push(speech.person());
            rows.agenda_item
                .push(speech.agenda_item.and_then(|n| i32::try_from(n).ok()));
        }
        for (column, mut values) in self.facet_values.iter_mut().zip(facet_values) {
            values.sort();
            values.dedup();
            column.push(serde_json::json!(values));
        }
        for (ord, resolution) in r.adoptions() {
            self.adoption.0.push(id);
            self.adoption.1.push(to_i32(ord));
            self.adoption.2.push(resolution);
        }
        for row in r.link_rows() {
            let rows = &mut self.reference;
            rows.doc_id.push(id);
            rows.ord.push(to_i32(row.ord));
            rows.part.push(to_i32(row.part));
            rows.base
                .push(undoc_symbol::base_symbol(&row.symbol).to_owned());
            rows.symbol.push(row.symbol);
            rows.kind.push(row.kind.as_str());
            rows.relation.push(row.relation.as_str());
        }
        Ok(())
    }

    pub(crate) async fn write(&self, tx: &deadpool_postgres::Transaction<'_>) -> Result<()> {
        tx.execute(
            "INSERT INTO documents (id, source, file_hash, doc_type, date, title, language, sender_state,
                                    record, states, excerpt, tsv, long,
                                    organs, agenda, persons, speaker_states)
             SELECT u.id, u.source, u.file_hash, u.doc_type, u.date, u.title, u.language, u.sender,
                    u.record, ARRAY(SELECT jsonb_array_elements_text(u.states)), u.excerpt,
                    setweight(to_tsvector(u.config::regconfig, coalesce(u.title, '')), 'A')
                    || setweight(to_tsvector(u.config::regconfig, u.body), 'B'),
                    u.long,
                    ARRAY(SELECT jsonb_array_elements_text(u.organs)),
                    ARRAY(SELECT jsonb_array_elements_text(u.agenda)),
                    ARRAY(SELECT jsonb_array_elements_text(u.persons)),
                    ARRAY(SELECT jsonb_array_elements_text(u.speaker_states))
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                         $7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::text[],
                         $12::text[], $13::bool[], $14::text[], $15::jsonb[], $16::jsonb[],
                         $17::jsonb[], $18::jsonb[])
                  AS u(id, source, file_hash, doc_type, date, title, language, sender, record,
                       states, excerpt, body, long, config, organs, agenda, persons,
                       speaker_states)",
            &[
                &self.id,
                &self.source,
                &self.file_hash,
                &self.doc_type,
                &self.date,
                &self.title,
                &self.language,
                &self.sender,
                &self.record,
                &self.states,
                &self.excerpt,
                &self.body,
                &self.long,
                &self.config,
                &self.facet_values[0],
                &self.facet_values[1],
                &self.facet_values[2],
                &self.facet_values[3],
            ],
        )
        .await
        .map_err(server)?;
        tx.execute(
            "INSERT INTO doc_symbols (symbol, doc_id, position)
             SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING",
            &[&self.symbol.0, &self.symbol.1, &self.symbol.2],
        )
        .await
        .map_err(server)?;
        tx.execute(
            "INSERT INTO bodies (doc_id, organ, session, year)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])",
            &[
                &self.body_row.doc_id,
                &self.body_row.organ,
                &self.body_row.session,
                &self.body_row.year,
            ],
        )
        .await
        .map_err(server)?;
        let a = &self.agenda;
        tx.execute(
            "INSERT INTO agenda_items (doc_id, organ, session, number, sub, title)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])",
            &[&a.doc_id, &a.organ, &a.session, &a.number, &a.sub, &a.title],
        )
        .await
        .map_err(server)?;
        let r = &self.reference;
        tx.execute(
            "INSERT INTO refs (doc_id, ord, part, symbol, base, kind, relation)
             SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
             ON CONFLICT DO NOTHING",
            &[&r.doc_id, &r.ord, &r.part, &r.symbol, &r.base, &r.kind, &r.relation],
        )
        .await
        .map_err(server)?;
        let v = &self.vote;
        if !v.0.is_empty() {
            tx.execute(
                "INSERT INTO votes (doc_id, ord, state, ballot)
                 SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])",
                &[&v.0, &v.1, &v.2, &v.3],
            )
            .await
            .map_err(server)?;
        }
        let s = &self.speech;
        if !s.doc_id.is_empty() {
            tx.execute(
                "INSERT INTO speeches (doc_id, ord, speaker, state, role, kind, language, text,
                                       speaker_words, person, agenda_item)
                 SELECT u.doc_id, u.ord, u.speaker, u.state, u.role, u.kind, u.language, u.text,
                        ARRAY(SELECT jsonb_array_elements_text(u.words)), u.person, u.agenda_item
                 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[],
                             $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[],
                             $11::int[])
                      AS u(doc_id, ord, speaker, state, role, kind, language, text, words, person,
                           agenda_item)",
                &[
                    &s.doc_id,
                    &s.ord,
                    &s.speaker,
                    &s.state,
                    &s.role,
                    &s.kind,
                    &s.language,
                    &s.text,
                    &s.words,
                    &s.person,
                    &s.agenda_item,
                ],
            )
            .await
            .map_err(server)?;
        }
        let a = &self.adoption;
        if !a.0.is_empty() {
            tx.execute(
                "INSERT INTO adoptions (doc_id, ord, resolution)
                 SELECT * FROM unnest($1::text[], $2::int[], $3::text[])",
                &[&a.0, &a.1, &a.2],
            )
            .await
            .map_err(server)?;
        }
        let p = &self.passage;
        if !p.0.is_empty() {
            tx.execute(
                "INSERT INTO doc_passages (doc_id, part, tsv)
                 SELECT u.doc_id, u.part, to_tsvector(d.language_config::regconfig, u.text)
                 FROM unnest($1::text[], $2::int[], $3::text[]) AS u(doc_id, part, text)
                 JOIN (SELECT unnest($4::text[]) AS id, unnest($5::text[]) AS language_config) d ON d.id = u.doc_id",
                &[&p.0, &p.1, &p.2, &self.id, &self.config],
            )
            .await
            .map_err(server)?;
        }
        // The words these texts are indexed by, for close spellings. In
        // order, so that concurrent writers of the same new words wait for
        // each other in one order and never deadlock.
        tx.execute(
            "INSERT INTO lexicon (language, word)
             SELECT DISTINCT language, w FROM (
                 SELECT language, unnest(tsvector_to_array(tsv)) AS w FROM documents
                 WHERE id = ANY($1)
                 UNION ALL
                 SELECT d.language, unnest(tsvector_to_array(p.tsv))
                 FROM doc_passages p JOIN documents d ON d.id = p.doc_id WHERE p.doc_id = ANY($1)
             ) x
             WHERE length(w) BETWEEN 4 AND 40
             ORDER BY language, w
             ON CONFLICT DO NOTHING",
            &[&self.id],
        )
        .await
        .map_err(server)?;
        Ok(())
    }
}
