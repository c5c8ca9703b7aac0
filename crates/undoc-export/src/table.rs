//! The researcher's tables: one row per document and one per reference,
//! with the links resolved against the store. CSV, JSON Lines
//! (`--references`) and the citation network are all written from these
//! rows, so a column means the same thing in each.

use serde::Serialize;
use undoc_model::{LinkKind, Record};
use undoc_store::{Link, Store, Summary};

use crate::Result;

/// One stored text as a spreadsheet or a data frame wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRow {
    /// The key the store holds this text under (`A/RES/80/1@fr` for a
    /// language version).
    pub id: String,
    pub symbols: Vec<String>,
    /// The issue date in the masthead.
    pub date: Option<String>,
    /// The date the letter itself bears (often days before its issue).
    pub letter_date: Option<String>,
    /// "A 79", "S 2025": organ and session or year.
    pub organs: Vec<String>,
    /// "A 132", "A 71 (b)".
    pub agenda_items: Vec<String>,
    pub doc_type: String,
    pub title: Option<String>,
    pub sender: Option<String>,
    pub sender_state: Option<String>,
    pub addressees: Vec<String>,
    pub signatories: Vec<String>,
    pub states_mentioned: Vec<String>,
    pub language: String,
    pub original_language: Option<String>,
    /// Every language the store holds this document in.
    pub languages: Vec<String>,
    /// What the document answers: the symbols (or held documents) its
    /// `replies_to` references name, each once.
    pub replies_to: Vec<String>,
    /// What else it cites, each once.
    pub cites: Vec<String>,
    /// The held documents that refer to it, each once, in date order.
    pub cited_by: Vec<String>,
    pub references_out: usize,
    pub references_in: usize,
    /// The official permalink (undocs.org) of its first symbol, in its language.
    pub url: Option<String>,
    /// The file it was read from, as the ingest named it.
    pub source: String,
}

/// One reference of one document, whatever the number of symbols it names
/// (a joint `A/75/861-S/2021/392` is one row), with both ends described.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceRow {
    /// The citing text's key.
    pub from: String,
    pub from_symbol: Option<String>,
    pub from_date: Option<String>,
    pub from_type: String,
    pub from_sender_state: Option<String>,
    /// Its place among the citing document's references, from 1.
    pub position: usize,
    /// The cited document's one identity: the held document's key, else its
    /// first canonical symbol (or, for a letter named by date and sender,
    /// that description's key).
    pub to: String,
    /// Every symbol the reference names, canonical.
    pub to_symbols: Vec<String>,
    pub held: bool,
    pub to_date: Option<String>,
    pub to_type: Option<String>,
    pub to_title: Option<String>,
    pub to_sender_state: Option<String>,
    pub relation: String,
    pub kind: String,
    /// The reference as the text writes it.
    pub text: String,
}

/// The table row of the stored text `key`, whose record is `record`.
pub fn document_row(store: &dyn Store, key: &str, record: &Record) -> Result<DocumentRow> {
    let references = reference_rows(store, key, record)?;
    document_row_with(store, key, record, &references)
}

/// [`document_row`] from the document's [`reference_rows`], for a writer
/// that writes those too and so has them already.
pub fn document_row_with(
    store: &dyn Store,
    key: &str,
    record: &Record,
    references: &[ReferenceRow],
) -> Result<DocumentRow> {
    let letter = record.letter.as_ref();
    let mut replies_to: Vec<String> = Vec::new();
    let mut cites: Vec<String> = Vec::new();
    for row in references {
        let list = if row.relation == undoc_model::Relation::RepliesTo.as_str() {
            &mut replies_to
        } else {
            &mut cites
        };
        if !list.contains(&row.to) {
            list.push(row.to.clone());
        }
    }
    // A document both answered and cited is listed where it matters most.
    cites.retain(|c| !replies_to.contains(c));
    let incoming = undoc_query::links_into(store, key)?;
    // A joint symbol's two parts are one reference.
    let references_in = incoming
        .iter()
        .map(|l| (&l.from, l.ord))
        .collect::<std::collections::HashSet<_>>()
        .len();
    let mut cited_by: Vec<String> = Vec::new();
    for citation in undoc_query::citations(store, incoming)? {
        if !cited_by.contains(&citation.link.from) {
            cited_by.push(citation.link.from);
        }
    }
    let work = undoc_model::split_key(key).0;
    let languages = store
        .expressions(work)?
        .into_iter()
        .map(|(_, language)| language)
        .collect();
    Ok(DocumentRow {
        id: key.to_owned(),
        symbols: record.symbols.clone(),
        date: record.date.clone(),
        letter_date: letter.and_then(|l| l.date.clone()),
        organs: record
            .bodies
            .iter()
            .map(|b| match b.session_or_year() {
                Some(period) => format!("{} {period}", b.organ),
                None => b.organ.clone(),
            })
            .collect(),
        agenda_items: record
            .agenda_items
            .iter()
            .map(|i| match &i.sub {
                Some(sub) => format!("{} {} ({sub})", i.organ, i.number),
                None => format!("{} {}", i.organ, i.number),
            })
            .collect(),
        doc_type: record.doc_type.as_str().to_owned(),
        title: record.title.clone(),
        sender: letter.and_then(|l| l.sender.clone()),
        sender_state: letter.and_then(|l| l.sender_state.clone()),
        addressees: letter.map(|l| l.addressees.clone()).unwrap_or_default(),
        signatories: record.signatories.iter().map(|s| s.name.clone()).collect(),
        states_mentioned: record.states_mentioned.clone(),
        language: record.language.clone(),
        original_language: record.original_language.clone(),
        languages,
        replies_to,
        cites,
        cited_by,
        references_out: record.references.len(),
        references_in,
        url: permalink(record),
        source: record.source.clone(),
    })
}

/// The official permalink of a record: its first symbol on undocs.org, in
/// its language; none for a document that carries no symbol.
pub fn permalink(record: &Record) -> Option<String> {
    record
        .symbols
        .first()
        .map(|symbol| undoc_symbol::permalink(symbol, Some(&record.language)))
}

/// The references of the stored text `key` (record `record`), one row each,
/// in text order: references by symbol, then letters named by date and
/// sender that no symbol names.
pub fn reference_rows(store: &dyn Store, key: &str, record: &Record) -> Result<Vec<ReferenceRow>> {
    let links = undoc_query::links_out(store, key)?;
    let held: Vec<&str> = links.iter().filter_map(|l| l.to.as_deref()).collect();
    let summaries = if held.is_empty() {
        Default::default()
    } else {
        store.summaries(&held)?
    };
    let mut rows: Vec<ReferenceRow> = Vec::new();
    let mut parts: Vec<&Link> = Vec::new();
    let mut links = links.iter().peekable();
    while let Some(link) = links.next() {
        parts.push(link);
        if links.peek().is_some_and(|next| next.ord == link.ord) {
            continue;
        }
        rows.push(reference_row(key, record, &parts, &summaries));
        parts.clear();
    }
    Ok(rows)
}

/// The row of one reference, from its links (one per symbol it names).
fn reference_row(
    key: &str,
    record: &Record,
    parts: &[&Link],
    summaries: &std::collections::HashMap<String, Summary>,
) -> ReferenceRow {
    let ord = parts.first().map_or(0, |l| l.ord);
    let target = parts.iter().find_map(|l| l.to.as_deref());
    let summary = target.and_then(|t| summaries.get(t));
    let symbolic = parts
        .iter()
        .all(|l| matches!(l.kind, LinkKind::Reference(_)));
    let to_symbols: Vec<String> = if symbolic {
        parts.iter().map(|l| l.symbol.clone()).collect()
    } else {
        Vec::new()
    };
    let text = match record.references.get(ord) {
        Some(reference) => reference.text.clone(),
        None => record
            .described_references
            .get(ord.saturating_sub(record.references.len()))
            .map(|d| d.text.clone())
            .unwrap_or_default(),
    };
    let first = parts.first();
    ReferenceRow {
        from: key.to_owned(),
        from_symbol: record.symbols.first().cloned(),
        from_date: record.date.clone(),
        from_type: record.doc_type.as_str().to_owned(),
        from_sender_state: record.letter.as_ref().and_then(|l| l.sender_state.clone()),
        position: ord + 1,
        to: target
            .map(str::to_owned)
            .or_else(|| first.map(|l| l.symbol.clone()))
            .unwrap_or_default(),
        to_symbols,
        held: target.is_some(),
        to_date: summary.and_then(|s| s.date.clone()),
        to_type: summary.map(|s| s.doc_type.as_str().to_owned()),
        to_title: summary.and_then(|s| s.title.clone()),
        to_sender_state: summary.and_then(|s| s.sender_state.clone()),
        relation: first.map_or("cites", |l| l.relation.as_str()).to_owned(),
        kind: first.map_or(String::new(), |l| l.kind.as_str().to_owned()),
        text,
    }
}

/// One speech of a meeting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeechRow {
    /// The meeting record's symbol.
    pub meeting: String,
    pub date: Option<String>,
    /// Its place in the meeting, from 1.
    pub position: usize,
    pub speaker: String,
    pub state: Option<String>,
    pub role: Option<String>,
    pub kind: String,
    /// The language it was delivered in, where the record says.
    pub language: Option<String>,
    pub agenda_item: Option<u32>,
    /// The fragment of the document page it is at (`speech-7`).
    pub anchor: String,
    /// The symbols it names, each once.
    pub references: Vec<String>,
    pub text: String,
    /// The stored text it is from.
    pub document: String,
}

/// The `n`th speech (from 0) of a meeting record whose body is `body`.
pub fn speech_row(record: &Record, body: &str, n: usize) -> Option<SpeechRow> {
    let speech = record.speeches.get(n)?;
    let mut references: Vec<String> = Vec::new();
    for symbol in record
        .references
        .iter()
        .filter(|r| r.speech == Some(n))
        .flat_map(|r| &r.symbols)
    {
        if !references.contains(symbol) {
            references.push(symbol.clone());
        }
    }
    Some(SpeechRow {
        meeting: record.symbols.first().unwrap_or(&record.id).clone(),
        date: record.date.clone(),
        position: n + 1,
        speaker: speech.speaker.clone(),
        state: speech.state.clone(),
        role: speech.role.clone(),
        kind: speech.kind.as_str().to_owned(),
        language: speech.language.clone(),
        agenda_item: speech.agenda_item,
        anchor: format!("speech-{}", n + 1),
        references,
        text: speech.text(body).to_owned(),
        document: record.id.clone(),
    })
}

/// Every speech of one meeting record.
pub fn speech_rows(record: &Record) -> Vec<SpeechRow> {
    if record.speeches.is_empty() {
        return Vec::new();
    }
    let body = record.body_text();
    (0..record.speeches.len())
        .filter_map(|n| speech_row(record, &body, n))
        .collect()
}

/// Every speech of the selected meeting records, once per meeting however
/// many language versions are selected.
pub fn for_each_speech(
    store: &dyn Store,
    ids: &[String],
    mut each: impl FnMut(SpeechRow) -> Result<()>,
) -> Result<()> {
    for id in undoc_store::one_text_per_work(ids.to_vec(), "", |id| id) {
        for row in speech_rows(&crate::get(store, &id)?) {
            each(row)?;
        }
    }
    Ok(())
}

/// One State's ballot in a recorded vote on a resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteRow {
    pub symbol: String,
    pub title: Option<String>,
    pub adoption_date: Option<String>,
    pub meeting_record: Option<String>,
    /// Which recorded vote of the resolution (from 1).
    pub vote: usize,
    pub state: String,
    /// `in_favour`, `against` or `abstaining`.
    pub ballot: String,
    /// The stored text it is from.
    pub document: String,
}

/// Every ballot of one resolution, stored as `key`.
pub fn vote_rows(key: &str, record: &Record) -> Vec<VoteRow> {
    let adoption = record.adoption.clone().unwrap_or_default();
    let symbol = record.symbols.first().unwrap_or(&record.id);
    let mut rows = Vec::new();
    for (n, vote) in record.votes.iter().enumerate() {
        for (state, ballot) in vote.ballots() {
            rows.push(VoteRow {
                symbol: symbol.clone(),
                title: record.title.clone(),
                adoption_date: adoption.date.clone(),
                meeting_record: adoption.meeting_record.clone(),
                vote: n + 1,
                state: state.to_owned(),
                ballot: ballot.as_str().to_owned(),
                document: key.to_owned(),
            });
        }
    }
    rows
}

/// Every ballot of the selected resolutions, once per resolution (every
/// language version carries the same vote).
pub fn for_each_vote(
    store: &dyn Store,
    ids: &[String],
    mut each: impl FnMut(VoteRow) -> Result<()>,
) -> Result<()> {
    for id in undoc_store::one_text_per_work(ids.to_vec(), "", |id| id) {
        for row in vote_rows(&id, &crate::get(store, &id)?) {
            each(row)?;
        }
    }
    Ok(())
}
