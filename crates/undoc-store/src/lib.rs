/*!
The corpus store: where records live once ingested, and the questions that
only a whole corpus can answer (which document a symbol names, who cites a
document, what stands under an agenda item).

# Why a trait

The embedded store (SQLite, this crate's [`SqliteStore`]) serves one
researcher on one machine with nothing to install; a newsroom or a library
will want the same corpus on PostgreSQL. Everything above the store — ingest,
threads, citations, the CLI and the API — talks to [`Store`], so the server
engine is a second implementation of these few methods, not a rewrite, and
one behavioural test suite can run against both.

The trait is deliberately about documents and links, not SQL: it stores whole
records, resolves symbols (a joint symbol by either part, a revision,
addendum or corrigendum by its base), and answers incoming links. References
are stored by the symbols they name, not by the document they point to, so a
reference to a document not yet ingested resolves by itself when that
document arrives, in any order of ingestion.

# Durability

SQLite is the source of truth, in WAL mode: readers never block the one
writer, and a process killed mid-ingest leaves every committed transaction
whole and nothing half-written. Original files are written (to a temporary
name, then renamed) before the transaction that names them commits.
*/

#[cfg(feature = "conformance")]
pub mod conformance;
pub mod lock;
#[cfg(feature = "sqlite")]
mod sqlite;

use std::collections::HashMap;

use undoc_model::Record;

#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;

/// The database file's name inside an embedded store's folder.
pub const SQLITE_DATABASE: &str = "undoc.sqlite3";

/// The database file's name inside an embedded store's folder.
pub fn sqlite_database_name() -> &'static str {
    SQLITE_DATABASE
}

/// Whether a stored record and a new one are the same document from the same
/// parse (the path it was given by does not count): every store's test for
/// "unchanged".
pub fn same_document(stored: &Record, new: &Record) -> bool {
    // The same path is no proof: a newer undoc parses the same file into a
    // richer record (a meeting's speeches), which must replace the old one.
    if stored.source == new.source {
        return stored == new;
    }
    let mut a = stored.clone();
    a.source.clone_from(&new.source);
    &a == new
}

/// Keeps, of rows that name stored texts (by `key_of`), those of one text
/// per work: the first text met of each work (rows come in key order, so the
/// English one), leaving out the work of `except` (a document is not its own
/// citer). Lists of citing documents, agenda items and votes show each
/// document once, not once per language.
pub fn one_text_per_work<T>(rows: Vec<T>, except: &str, key_of: impl Fn(&T) -> &str) -> Vec<T> {
    let own = undoc_model::split_key(except).0;
    let mut chosen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    rows.into_iter()
        .filter(|row| {
            let key = key_of(row);
            let work = undoc_model::split_key(key).0;
            if !except.is_empty() && work == own {
                return false;
            }
            let first = chosen
                .entry(work.to_owned())
                .or_insert_with(|| key.to_owned());
            first == key
        })
        .collect()
}

/// Errors of the store, each with what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The embedded database failed; the source is SQLite's own error.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("cannot read or write the store's files: {0}")]
    Io(#[from] std::io::Error),
    #[error("a stored record cannot be read back: {0}")]
    Corrupt(String),
    /// A database server (PostgreSQL) refused or failed; the message says which.
    #[error("database server: {0}")]
    Server(String),
    #[error("a catalogue record has neither a symbol (191) nor a control number (001)")]
    CatalogueWithoutKey,
    #[error(
        "the store was written by a newer undoc (schema {found}, this one knows up to {known})"
    )]
    TooNew { found: i64, known: i64 },
    /// Another writer (an ingest, an upload) holds the store; worth retrying.
    #[error("the store is busy: {0}")]
    Busy(String),
    /// A store opened for reading was asked to write, or needs an upgrade it cannot make.
    #[error("the store is read-only here: {0}")]
    ReadOnly(String),
}

impl StoreError {
    /// Whether waiting and trying again can succeed (another writer holds the
    /// store), as opposed to a fault or a bad input.
    pub fn is_busy(&self) -> bool {
        // Each back-end classifies its own errors into `Busy` as it converts them.
        matches!(self, StoreError::Busy(_))
    }
}

/// Why the document service gave no document for a symbol in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissKind {
    /// It answered with an empty file: not (yet) published.
    NotPublished,
    /// 404.
    NotFound,
    /// Its "document does not exist" page.
    DoesNotExist,
}

impl MissKind {
    pub const ALL: [MissKind; 3] = [
        MissKind::NotPublished,
        MissKind::NotFound,
        MissKind::DoesNotExist,
    ];

    /// The name stores write.
    pub fn as_str(self) -> &'static str {
        match self {
            MissKind::NotPublished => "not_published",
            MissKind::NotFound => "not_found",
            MissKind::DoesNotExist => "does_not_exist",
        }
    }

    pub fn parse(name: &str) -> Option<MissKind> {
        MissKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A dated miss: `symbol` (canonical) in `language` came to `kind` at `at`
/// (seconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub symbol: String,
    pub language: String,
    pub kind: MissKind,
    pub at: i64,
}

/// What [`Store::collect_garbage`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Garbage {
    /// Original files (or their rows) that no record names.
    pub files: usize,
    pub bytes: u64,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A parsed document on its way into the store, with the file it came from.
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    pub record: &'a Record,
    /// The original bytes, kept so the file can be served later.
    pub file: &'a [u8],
    /// Hex SHA-256 of `file`.
    pub file_hash: &'a str,
    /// The file's name, for its extension when it is served.
    pub file_name: &'a str,
}

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// A document with this id was there, from different bytes: replaced.
    Updated,
    /// The same document from the same bytes: nothing to do.
    Unchanged,
}

/// The fields of a document that lists show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub symbols: Vec<String>,
    pub date: Option<String>,
    pub doc_type: undoc_model::DocType,
    pub title: Option<String>,
    pub sender_state: Option<String>,
}

/// A reference from a stored document to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The citing document.
    pub from: String,
    /// Position of the reference in the citing document.
    pub ord: usize,
    /// The symbol as the reference names it.
    pub symbol: String,
    /// The stored document it resolves to, if any.
    pub to: Option<String>,
    pub kind: undoc_model::LinkKind,
    pub relation: undoc_model::Relation,
}

/// A library catalogue record (MARCXML, UN Digital Library profile) as the
/// store keeps it: whole, plus what it adds to the documents it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// The symbols it describes (191 $a), canonical; the first is its key.
    pub symbols: Vec<String>,
    /// Its control number (001).
    pub control: Option<String>,
    /// Subject terms (650 $a).
    pub subjects: Vec<String>,
    /// Corporate authors (710 $a).
    pub authors: Vec<String>,
    /// The `<record>` element as imported, written back unchanged on export.
    pub marcxml: String,
}

impl CatalogueEntry {
    /// The key the store files it under: its first symbol, else its control number.
    pub fn key(&self) -> Option<String> {
        self.symbols
            .first()
            .cloned()
            .or_else(|| self.control.as_ref().map(|c| format!("001:{c}")))
    }
}

/// Rows of (name, holder) sorted by name as each name's holders, one text
/// per work: what [`Store::holders_many`] returns, from either store.
pub fn group_holders(rows: Vec<(String, String)>) -> HashMap<String, Vec<String>> {
    let mut grouped: HashMap<String, Vec<String>> = HashMap::new();
    for (name, holder) in rows {
        grouped.entry(name).or_default().push(holder);
    }
    grouped
        .into_iter()
        .map(|(name, ids)| (name, one_text_per_work(ids, "", |id| id)))
        .collect()
}

/// The summaries of `ids`, in their order, leaving out any not found.
pub fn in_order(ids: &[String], mut summaries: HashMap<String, Summary>) -> Vec<Summary> {
    ids.iter().filter_map(|id| summaries.remove(id)).collect()
}

/// The passes of [`Store::resolve_many`], shared by every store: after the
/// exact pass, the symbols still unresolved that name a revision, addendum
/// or corrigendum, each with its base (resolved by the base, exactly)…
pub fn by_base<'a>(
    symbols: &[&'a str],
    found: &HashMap<String, String>,
) -> Vec<(&'a str, &'a str)> {
    symbols
        .iter()
        .filter(|s| !found.contains_key(**s))
        .map(|s| (*s, undoc_symbol::base_symbol(s)))
        .filter(|(s, base)| s != base)
        .collect()
}

/// …the base symbols' documents taken for the revisions that named them…
pub fn adopt_bases(
    found: &mut HashMap<String, String>,
    by_base: &[(&str, &str)],
    bases: &HashMap<String, String>,
) {
    for (symbol, base) in by_base {
        if let Some(id) = bases.get(*base) {
            found.insert((*symbol).to_owned(), id.clone());
        }
    }
}

/// …and the base symbols still unresolved, of which only a revision may be
/// stored (`S/2025/71/Rev.1` for `S/2025/71`: the latest revision).
pub fn revision_only<'a>(symbols: &[&'a str], found: &HashMap<String, String>) -> Vec<&'a str> {
    symbols
        .iter()
        .copied()
        .filter(|s| !found.contains_key(*s) && undoc_symbol::base_symbol(s) == *s)
        .collect()
}

/// The distinct items of a batch, in first-seen order.
pub fn distinct<'a>(items: &[&'a str]) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.iter().copied().filter(|s| seen.insert(*s)).collect()
}

/// Borrowed views of owned strings, for the batch methods.
pub fn strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// A State's (text, ballot) rows with each text's summary, in the rows'
/// order: what [`Store::votes_of`] returns, from either store.
pub fn with_ballots<'a>(
    rows: impl Iterator<Item = &'a (String, String)>,
    summaries: HashMap<String, Summary>,
) -> Result<Vec<(Summary, undoc_model::Ballot)>> {
    let mut out = Vec::new();
    for (id, ballot) in rows {
        let ballot = undoc_model::Ballot::parse(ballot)
            .ok_or_else(|| StoreError::Corrupt(format!("ballot {ballot:?}")))?;
        if let Some(summary) = summaries.get(id) {
            out.push((summary.clone(), ballot));
        }
    }
    Ok(out)
}

/// One speech of a stored meeting record: what [`Store::speeches_of`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The meeting record.
    pub meeting: Summary,
    /// The speech's place in its record, from 0 (the page's anchor is
    /// `#speech-N` with N = position + 1).
    pub position: usize,
    pub speaker: String,
    pub state: Option<String>,
    pub role: Option<String>,
    pub kind: undoc_model::SpeechKind,
    pub language: Option<String>,
    /// The speech's words, speaker line included.
    pub text: String,
    /// The agenda item the meeting had taken up (General Assembly records).
    pub agenda_item: Option<u32>,
}

impl Statement {
    /// The anchor of the speech on its meeting's page: `speech-7`.
    pub fn anchor(&self) -> String {
        format!("speech-{}", self.position + 1)
    }

    /// The speech's first words after the speaker's line, on one line, at
    /// most `chars` characters of them; and whether there is more.
    pub fn opening(&self, chars: usize) -> (String, bool) {
        let words = self
            .text
            .split_once(": ")
            .map_or(self.text.as_str(), |(_, w)| w);
        let flat = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let more = flat.chars().count() > chars;
        (flat.chars().take(chars).collect(), more)
    }
}

/// Which of a State's statements a reader asks for: by speaker, by kind,
/// by words. One definition for the command line and the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementFilter {
    /// Part of the speaker's name, in any case ("Nebenzia").
    pub speaker: Option<String>,
    pub kind: Option<undoc_model::SpeechKind>,
    /// Words that must all occur in the speech, in any case.
    pub words: Vec<String>,
}

impl StatementFilter {
    /// A filter from a reader's query: its words, each required.
    pub fn new(
        query: &str,
        speaker: Option<&str>,
        kind: Option<undoc_model::SpeechKind>,
    ) -> StatementFilter {
        StatementFilter {
            speaker: speaker
                .map(str::to_lowercase)
                .filter(|s| !s.trim().is_empty()),
            kind,
            words: query
                .split_whitespace()
                .map(|w| w.trim_matches('"').to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    pub fn matches(&self, statement: &Statement) -> bool {
        if self.kind.is_some_and(|k| k != statement.kind) {
            return false;
        }
        if let Some(speaker) = &self.speaker
            && !statement.speaker.to_lowercase().contains(speaker)
        {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let text = statement.text.to_lowercase();
        self.words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// A speech row as either store reads it, before its meeting's summary is joined.
#[derive(Debug, Clone)]
pub struct StatementRow {
    pub doc_id: String,
    pub ord: i64,
    pub speaker: String,
    pub state: Option<String>,
    pub role: Option<String>,
    pub kind: String,
    pub language: Option<String>,
    pub text: String,
    pub agenda_item: Option<u32>,
}

/// Speech rows with their meetings' summaries, in the rows' order: what
/// [`Store::speeches_of`] returns, from either store.
pub fn statements(
    rows: Vec<StatementRow>,
    summaries: HashMap<String, Summary>,
) -> Result<Vec<Statement>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let kind = undoc_model::SpeechKind::parse(&row.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("speech kind {:?}", row.kind)))?;
        let Some(meeting) = summaries.get(&row.doc_id) else {
            continue;
        };
        out.push(Statement {
            meeting: meeting.clone(),
            position: usize::try_from(row.ord)
                .map_err(|_| StoreError::Corrupt(format!("speech position {}", row.ord)))?,
            speaker: row.speaker,
            state: row.state,
            role: row.role,
            kind,
            language: row.language,
            text: row.text,
            agenda_item: row.agenda_item,
        });
    }
    Ok(out)
}

/// (document, position) rows with each document's summary, in the rows'
/// order: what [`Store::adoptions`] returns, from either store.
pub fn with_summaries(
    rows: Vec<(String, i64)>,
    summaries: HashMap<String, Summary>,
) -> Vec<(Summary, usize)> {
    rows.into_iter()
        .filter_map(|(id, ord)| Some((summaries.get(&id)?.clone(), usize::try_from(ord).ok()?)))
        .collect()
}

/// How documents are counted, in words every page and command shows.
pub const COUNTING: &str =
    "a document is one work, however many language versions (texts) of it are held";

/// Counts over the whole store.
///
/// One definition everywhere: a *document* is a work (`A/RES/80/1`), held in
/// one or more language versions, the *texts* (`A/RES/80/1`, `A/RES/80/1@fr`).
/// Documents are counted by work; only `texts` and `by_language` count versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Works held.
    pub documents: usize,
    /// Language versions held (at least one per work).
    pub texts: usize,
    /// Works by document type.
    pub by_type: Vec<(String, usize)>,
    /// Works by year of issue.
    pub by_year: Vec<(String, usize)>,
    /// Texts by language (ISO 639-1).
    pub by_language: Vec<(String, usize)>,
    pub references: usize,
    pub resolved_references: usize,
    /// Distinct documents cited by some stored text that the store does not hold.
    pub cited_not_held: usize,
    pub files_bytes: u64,
}

/// A document cited in the store that the store does not hold: the list a
/// fetch works through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotHeld {
    /// Its canonical symbol.
    pub symbol: String,
    /// Stored works citing it (a work in six languages counts once).
    pub citing_documents: usize,
    /// Issue dates of the earliest and the latest citing document.
    pub first_cited: Option<String>,
    pub last_cited: Option<String>,
}

/// A corpus of records and their links. See the module documentation for why
/// this is a trait.
pub trait Store {
    /// Stores a batch of documents in one transaction: all of them or none.
    fn put_batch(&mut self, docs: &[NewDocument<'_>]) -> Result<Vec<PutOutcome>>;

    /// The record of a stored document, by id.
    fn get(&self, id: &str) -> Result<Option<Record>>;

    /// The stored document a symbol names: by any of its symbols, by its id,
    /// or (for `…/Rev.1`, `…/Add.2`, `…/Corr.1`) by the base symbol.
    fn resolve(&self, symbol: &str) -> Result<Option<String>> {
        Ok(self.resolve_many(&[symbol])?.remove(symbol))
    }

    /// [`Store::resolve`] for many symbols at once, in a fixed number of
    /// statements however many there are: the symbols that resolve, each
    /// mapped to its document. A page citing two hundred documents costs the
    /// same few round trips as one citing two.
    fn resolve_many(&self, symbols: &[&str]) -> Result<HashMap<String, String>>;

    /// The list fields of a stored document.
    fn summary(&self, id: &str) -> Result<Option<Summary>> {
        Ok(self.summaries(&[id])?.remove(id))
    }

    /// [`Store::summary`] for many documents in a fixed number of statements:
    /// those stored, by id.
    fn summaries(&self, ids: &[&str]) -> Result<HashMap<String, Summary>>;

    /// The references a stored document makes, each resolved if its target is stored.
    fn links_from(&self, id: &str) -> Result<Vec<Link>>;

    /// The references other stored documents make to this one.
    fn links_to(&self, id: &str) -> Result<Vec<Link>>;

    /// The references stored documents make to a symbol, whether or not the
    /// store holds it: by the symbol and, for a base symbol, by its revisions
    /// and addenda. `to` is the stored document it resolves to, if any. One
    /// text per citing work.
    fn citations_of(&self, symbol: &str) -> Result<Vec<Link>>;

    /// Every stored work answering to a name (a symbol or a letter key), one
    /// text per work: more than one means the name is ambiguous.
    fn holders(&self, name: &str) -> Result<Vec<String>> {
        Ok(self.holders_many(&[name])?.remove(name).unwrap_or_default())
    }

    /// [`Store::holders`] for many names in one statement: the names some
    /// stored work answers to, each with its holders.
    fn holders_many(&self, names: &[&str]) -> Result<HashMap<String, Vec<String>>>;

    /// Documents cited but not held, most cited first (then by symbol),
    /// those cited by at least `min_citations` works, at most `limit` of them.
    fn not_held(&self, min_citations: usize, limit: usize) -> Result<Vec<NotHeld>>;

    /// Documents under an agenda item (`A`, `79`, `40`), newest first.
    fn agenda(&self, organ: &str, session: &str, number: u32) -> Result<Vec<Summary>>;

    /// The original file of a stored document: its bytes and file name.
    fn file(&self, id: &str) -> Result<Option<(Vec<u8>, String)>>;

    fn stats(&self) -> Result<Stats>;

    /// Every stored id, for rebuilding derived indexes.
    fn ids(&self) -> Result<Vec<String>>;

    /// Stores catalogue records in one transaction, replacing any with the
    /// same key. A record with neither a symbol nor a control number is refused.
    fn put_catalogue(&mut self, entries: &[CatalogueEntry]) -> Result<Vec<PutOutcome>>;

    /// The catalogue record describing a symbol, if one was imported.
    fn catalogue(&self, symbol: &str) -> Result<Option<CatalogueEntry>>;

    /// The keys of every catalogue record, in key order.
    fn catalogue_keys(&self) -> Result<Vec<String>>;

    /// The stored language versions of a work (a record id): each text's key
    /// and language, the English (or language-less) one first.
    fn expressions(&self, work: &str) -> Result<Vec<(String, String)>>;

    /// A State's recorded votes, newest first, one text per resolution.
    fn votes_of(&self, state: &str) -> Result<Vec<(Summary, undoc_model::Ballot)>>;

    /// A State's speeches in stored meeting records (by its short official
    /// name, or an organization's as printed), newest meeting first, in
    /// order within each; one text per meeting.
    fn speeches_of(&self, state: &str) -> Result<Vec<Statement>>;

    /// The stored meetings whose decisions adopted a resolution (by its
    /// canonical symbol), each with the decision's place in its record,
    /// oldest first; one text per meeting.
    fn adoptions(&self, resolution: &str) -> Result<Vec<(Summary, usize)>>;

    /// Removes stored texts (by key) in one transaction, with their symbols,
    /// references, agenda items and votes; references other documents make
    /// to them stay (they now point at a document not held). Returns how many
    /// of the keys were stored. Their original files go at the next
    /// [`Store::collect_garbage`].
    fn remove(&mut self, keys: &[&str]) -> Result<usize>;

    /// Removes original files that no stored record names (a replaced
    /// document's old file, what a failed or killed ingest left).
    fn collect_garbage(&mut self) -> Result<Garbage>;

    /// A number raised by every write that changes the store: a derived index
    /// that remembers the generation it was built from knows whether it is current.
    fn generation(&self) -> Result<i64>;

    /// The keys of the texts written or removed since `generation` (any
    /// order, each once), for a derived index to catch up with what other
    /// processes wrote; `None` where the store keeps no such log (the
    /// embedded store: its one writer updates its index itself), and a
    /// follower rebuilds instead.
    fn changes_since(&self, _generation: i64) -> Result<Option<Vec<String>>> {
        Ok(None)
    }

    /// Where this store's writes have got to, for a replica to catch up
    /// with (PostgreSQL's WAL position); `None` where no replica can read
    /// it (the embedded store, or a standby itself).
    fn write_position(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// Whether this store (a replica) has replayed the writes up to
    /// `position` ([`Store::write_position`] of its primary): what a
    /// write's reader waits for before reading it. Always, for a store that
    /// is no replica.
    fn has_replayed(&self, _position: &str) -> Result<bool> {
        Ok(true)
    }

    /// Records that asking the document service for a symbol in a language
    /// stored nothing (replacing an earlier miss of the same pair), so a
    /// later fetch does not ask again until the miss is old.
    fn record_miss(&mut self, miss: &Miss) -> Result<()>;

    /// The recorded misses of these symbols, in any language.
    fn misses(&self, symbols: &[&str]) -> Result<Vec<Miss>>;

    /// Every recorded miss, by symbol and language (what `undoc migrate` copies).
    fn every_miss(&self) -> Result<Vec<Miss>>;

    /// How many statements this store has sent to its database so far (every
    /// read method's, at least). Tests count work with it: a read path whose
    /// count grows with the rows it returns makes one round trip per row.
    fn statements(&self) -> u64;
}
