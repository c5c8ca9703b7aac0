/*!
Full-text search: a tantivy index derived from the store.

The store (SQLite) is the source of truth; this index is a copy shaped for
search and can be thrown away and rebuilt at any time (`undoc reindex`). It
remembers, in its commit payload, the store generation it was built from, so
a search can tell an index that is missing, unreadable or behind the store
(an ingest killed between the store's commit and the index's) and rebuild it
from the store before answering, saying so.

One document per work: every language version of a document (the six
official languages, and German where the UN issues it) is a stored text of
its own, and the index holds them together, each language's title and body in
fields analysed by that language's stemmer (tantivy's for English, French,
Spanish, Russian, Arabic and German; jieba's word segmentation for Chinese).
So a search finds a resolution by a word of any of its versions, with that
language's inflections, and a result is a document, not six: totals and facet
counts are per work, and a hit names the version whose words matched.
Symbols are exact terms (a symbol query finds the document itself first);
facets for organ, type, year, agenda item and sender State serve both as
filters and as counts.
*/

mod bounds;
mod readonly;

use std::path::{Path, PathBuf};

pub use undoc_search::{
    Budget, CancelOnDrop, DEFAULT_TIMEOUT, Facets, Freshness, Hit, MAX_QUERY_CHARS,
    MAX_QUERY_WORDS, MAX_SLOP, RebuildReason, Search, SearchError, SearchRequest, SearchResults,
    Snippet, date_number, doc_type, sanitize_query, state_name, symbol_phrase, symbol_query,
};

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT,
    TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};
use undoc_model::{Body, DocType, Record};
use undoc_store::Store;
/// The index's errors are a search's: tantivy's own are
/// [`SearchError::Engine`].
pub type IndexError = SearchError;

pub type Result<T> = std::result::Result<T, IndexError>;

/// Tantivy's errors (and its directories' and query parser's) as a search's.
trait OrEngine<T> {
    fn engine(self) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> OrEngine<T> for std::result::Result<T, E> {
    fn engine(self) -> Result<T> {
        self.map_err(SearchError::engine)
    }
}

/// The languages with fields of their own (every language of `undoc-lang`,
/// in its order), with their analyzers' names; every other language goes
/// into the last, `xx`, split into words as written.
fn slots() -> &'static [(&'static str, String)] {
    static CELL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| (l.code, l.analyzer()))
            .chain(std::iter::once(("xx", "default".to_owned())))
            .collect()
    })
}

/// The slot of a language in [`slots`].
fn language_slot(language: &str) -> usize {
    let slots = slots();
    slots
        .iter()
        .position(|(l, _)| *l == language)
        .unwrap_or(slots.len() - 1)
}

/// Whether the language in this slot is cut into words by segmentation (Chinese).
fn segmented(slot: usize) -> bool {
    slots()
        .get(slot)
        .and_then(|(code, _)| undoc_lang::get(code))
        .is_some_and(|l| l.search.segmented)
}

/// One language's fields.
#[derive(Debug, Clone, Copy)]
struct TextFields {
    title: Field,
    body: Field,
    /// What snippets are cut from: the opening of the body, stored. Snippets from
    /// a 60-page annex would cost more than the search; the body itself is not stored.
    excerpt: Field,
}

/// The fields of the index.
#[derive(Debug, Clone)]
struct Fields {
    /// The work: the record id every language version shares.
    id: Field,
    symbol: Field,
    /// Per language, in [`slots`] order.
    texts: Vec<TextFields>,
    /// The languages the work is stored in (a filter).
    language: Field,
    /// "lang key" for each stored version, to name the text a hit points at.
    version: Field,
    title: Field,
    date: Field,
    date_num: Field,
    doc_type: Field,
    /// Sender and mentioned States.
    state: Field,
    /// States the body names.
    mentioned: Field,
    organ: Field,
    kind: Field,
    year: Field,
    agenda: Field,
    sender: Field,
    session: Field,
    /// The languages the work is stored in, as a facet (counts per language).
    languages: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let mut texts = Vec::with_capacity(slots().len());
    for (language, analyzer) in slots() {
        let analysed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        texts.push(TextFields {
            title: b.add_text_field(&format!("title_{language}"), analysed.clone()),
            body: b.add_text_field(&format!("body_{language}"), analysed),
            excerpt: b.add_text_field(&format!("excerpt_{language}"), STORED),
        });
    }
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        symbol: b.add_text_field("symbol", STRING | STORED),
        texts,
        language: b.add_text_field("language", STRING),
        version: b.add_text_field("version", STORED),
        // The title shown in results: the English one, or the first version's.
        title: b.add_text_field("title", STORED),
        date: b.add_text_field("date", STRING | STORED),
        date_num: b.add_i64_field("date_num", INDEXED | FAST),
        doc_type: b.add_text_field("doc_type", STRING | STORED),
        state: b.add_text_field("state", STRING),
        mentioned: b.add_text_field("mentioned", STRING),
        session: b.add_text_field("session", STRING),
        organ: b.add_facet_field("organ", FacetOptions::default()),
        kind: b.add_facet_field("type", FacetOptions::default()),
        year: b.add_facet_field("year", FacetOptions::default()),
        agenda: b.add_facet_field("agenda", FacetOptions::default()),
        sender: b.add_facet_field("sender", FacetOptions::default()),
        languages: b.add_facet_field("languages", FacetOptions::default()),
    };
    let _ = TEXT; // each language's analyzer above stands in for the default TEXT options
    (b.build(), fields)
}

/// Registers the analyzers the schema names; every opened index needs them.
fn register_analyzers(index: &Index) {
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };
    let stemmed = |language: Language| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(language))
            .build()
    };
    let tokenizers = index.tokenizers();
    for language in undoc_lang::LANGUAGES {
        if language.search.segmented {
            // Search mode also yields the words inside long compounds ("巴勒斯坦国" gives
            // "巴勒斯坦" too), so a query's word finds the compound; ordinal positions
            // let phrases of Chinese words match word after word.
            let mut jieba = tantivy_jieba::JiebaTokenizer::with_search_mode(true);
            jieba.set_ordinal_position_mode(true);
            tokenizers.register(
                &language.analyzer(),
                TextAnalyzer::builder(jieba)
                    .filter(RemoveLongFilter::limit(40))
                    .filter(LowerCaser)
                    .build(),
            );
        } else if let Some(stemmer) = language.search.stemmer.and_then(stemmer_named) {
            tokenizers.register(&language.analyzer(), stemmed(stemmer));
        }
    }
}

/// Tantivy's stemmer by the name `undoc-lang` gives it ("French").
pub(crate) fn stemmer_named(name: &str) -> Option<tantivy::tokenizer::Language> {
    use serde::Deserialize;
    let name = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
    tantivy::tokenizer::Language::deserialize(name).ok()
}

/// The languages (slots) whose fields a query is read in: the one asked
/// for, else those of the query's script. Cyrillic words are Russian, Arabic
/// letters Arabic, Han characters Chinese; Latin words may be English,
/// French, Spanish or German (symbols and names are Latin in every version,
/// so every language is read for them).
fn query_languages(query: &str, language: Option<&str>) -> Vec<usize> {
    if let Some(l) = language {
        return vec![language_slot(l)];
    }
    let scripts = undoc_lang::Scripts::of(query);
    (0..slots().len())
        .filter(|&i| scripts.can_read(slots()[i].0))
        .collect()
}

/// The words of a Chinese text as the index cuts them (jieba, search mode):
/// what a reader would type to find it. Two characters or more, Han only.
pub fn chinese_words(text: &str) -> Vec<String> {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut tokenizer = tantivy_jieba::JiebaTokenizer::with_search_mode(true);
    let mut stream = tokenizer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        let word = &stream.token().text;
        if word.chars().count() >= 2
            && undoc_lang::Scripts::of(word).han
            && word.chars().all(char::is_alphanumeric)
        {
            words.push(word.clone());
        }
    }
    words
}

/// Memory for the index writer; flushed to a segment when full.
const WRITER_BUDGET: usize = 32 * 1024 * 1024;

/// Documents per index commit when catching up after an ingest.
const UPDATE_CHUNK: usize = 5_000;

/// How much of the body snippets are cut from.
const EXCERPT_CHARS: usize = 4_000;

impl Search for SearchIndex {
    fn search_within(&self, request: &SearchRequest, budget: &Budget) -> Result<SearchResults> {
        SearchIndex::search_within(self, request, budget)
    }

    fn update(&mut self, store: &dyn Store, changed: &[String]) -> Result<()> {
        SearchIndex::update(self, store, changed)
    }

    fn num_docs(&self) -> u64 {
        SearchIndex::num_docs(self)
    }

    fn refresh(&self) -> Result<()> {
        self.reload()
    }
}

/// Where an embedded store keeps its search index: `index/` inside it.
pub fn dir_in_store(store: &Path) -> PathBuf {
    store.join("index")
}

/// The search index of one store.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

/// A one-level facet: counting collects the children of the root only, so
/// every value (an organ "A/HRC", an agenda item "A 79 40") is one segment.
fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// The value of a one-level facet, as written in [`facet`].
fn facet_value(facet: &Facet) -> String {
    facet
        .to_path()
        .first()
        .map_or_else(String::new, |s| (*s).to_owned())
}

fn agenda_value(organ: &str, session: &str, number: u32) -> String {
    format!("{organ} {session} {number}")
}

impl SearchIndex {
    /// Opens the index under `dir`, creating, rebuilding or catching it up
    /// from `store` as needed.
    pub fn open(dir: &Path, store: &dyn Store) -> Result<(SearchIndex, Freshness)> {
        let (schema, fields) = schema();
        let opened = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(|_| RebuildReason::Unreadable)
        } else {
            Err(RebuildReason::Missing)
        };
        // An index with another schema (an older undoc) is rebuilt too.
        let opened = opened.and_then(|i| {
            if i.schema() == schema {
                Ok(i)
            } else {
                Err(RebuildReason::Unreadable)
            }
        });
        let generation = store.generation()?;
        let (index, freshness) = match opened {
            Ok(index) => {
                let payload = index.load_metas().ok().and_then(|m| m.payload);
                if payload.as_deref() == Some(generation.to_string().as_str()) {
                    (index, Freshness::Current)
                } else {
                    (index, Freshness::Rebuilt(RebuildReason::Stale))
                }
            }
            Err(reason) => (Self::rebuild_dir(dir, &schema)?, Freshness::Rebuilt(reason)),
        };
        let mut search = Self::with_reader(index, fields, dir)?;
        if freshness == Freshness::Current {
            return Ok((search, freshness));
        }
        // Behind the store: catch up, unless another process (an ingest under way)
        // holds the writer; then answer from the index as it is, which that process
        // brings up to date when it finishes.
        match search.index.writer_with_num_threads(1, WRITER_BUDGET) {
            Ok(writer) => {
                search.fill_from(store, writer)?;
                Ok((search, freshness))
            }
            Err(tantivy::TantivyError::LockFailure(..))
                if freshness == Freshness::Rebuilt(RebuildReason::Stale) =>
            {
                Ok((search, Freshness::Behind))
            }
            Err(e) => Err(SearchError::engine(e)),
        }
    }

    /// Opens the index under `dir` without writing anything there: for a store
    /// the user may not write, or while another process holds the store's write
    /// lock. A current index is searched as it is, one behind the store as it
    /// stands ([`Freshness::Behind`]); a missing or unreadable one is built in
    /// memory from the store, so the answers are still the store's.
    pub fn open_for_reading(dir: &Path, store: &dyn Store) -> Result<(SearchIndex, Freshness)> {
        let (schema, fields) = schema();
        let generation = store.generation()?;
        let on_disk = dir
            .join("meta.json")
            .is_file()
            .then(|| readonly::ReadOnlyDirectory::open(dir).ok())
            .flatten()
            .and_then(|d| Index::open(d).ok())
            .filter(|i| i.schema() == schema);
        if let Some(index) = on_disk {
            let payload = index.load_metas().ok().and_then(|m| m.payload);
            let freshness = if payload.as_deref() == Some(generation.to_string().as_str()) {
                Freshness::Current
            } else {
                Freshness::Behind
            };
            return Ok((Self::with_reader(index, fields, dir)?, freshness));
        }
        let reason = if dir.join("meta.json").is_file() {
            RebuildReason::Unreadable
        } else {
            RebuildReason::Missing
        };
        let index = Index::create_in_ram(schema);
        let mut search = Self::with_reader(index, fields, dir)?;
        let writer = search.writer()?;
        search.fill_from(store, writer)?;
        Ok((search, Freshness::InMemory(reason)))
    }

    fn with_reader(index: Index, fields: Fields, dir: &Path) -> Result<SearchIndex> {
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .engine()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    fn rebuild_dir(dir: &Path, schema: &Schema) -> Result<Index> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        Index::create_in_dir(dir, schema.clone()).engine()
    }

    fn writer(&self) -> Result<IndexWriter> {
        // One indexing thread: ingest already parses on every core, and each writer
        // thread holds its own buffers.
        self.index
            .writer_with_num_threads(1, WRITER_BUDGET)
            .engine()
    }

    /// Indexes every stored document.
    fn fill_from(&mut self, store: &dyn Store, writer: IndexWriter) -> Result<()> {
        writer.delete_all_documents().engine()?;
        let works: std::collections::BTreeSet<String> = store
            .ids()?
            .iter()
            .map(|key| undoc_model::split_key(key).0.to_owned())
            .collect();
        for work in works {
            if let Some(doc) = self.work_document(store, &work)? {
                writer.add_document(doc).engine()?;
            }
        }
        self.commit(writer, store.generation()?)
    }

    /// The index document of a work, from all its stored versions; `None`
    /// when none is stored (any more).
    fn work_document(&self, store: &dyn Store, work: &str) -> Result<Option<TantivyDocument>> {
        let mut records = Vec::new();
        for (key, _) in store.expressions(work)? {
            if let Some(record) = store.get(&key)? {
                records.push((key, record));
            }
        }
        Ok((!records.is_empty()).then(|| self.document(&records)))
    }

    /// Brings the index up to date with changed documents (after an ingest).
    pub fn update(&mut self, store: &dyn Store, changed: &[String]) -> Result<()> {
        let generation = store.generation()?;
        // Committed a chunk at a time: pending deletes and buffers stay small
        // however many documents an ingest brought.
        for chunk in changed.chunks(UPDATE_CHUNK) {
            let writer = self.writer()?;
            let works: std::collections::BTreeSet<&str> = chunk
                .iter()
                .map(|key| undoc_model::split_key(key).0)
                .collect();
            for work in works {
                writer.delete_term(Term::from_field_text(self.fields.id, work));
                if let Some(doc) = self.work_document(store, work)? {
                    writer.add_document(doc).engine()?;
                }
            }
            // Only the last chunk records the store's generation: until then the
            // index is, rightly, behind.
            let last = std::ptr::eq(chunk.as_ptr_range().end, changed.as_ptr_range().end);
            self.commit(writer, if last { generation } else { generation - 1 })?;
        }
        Ok(())
    }

    fn commit(&mut self, mut writer: IndexWriter, generation: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit().engine()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit().engine()?;
        writer.wait_merging_threads().engine()?;
        self.reader.reload().engine()?;
        Ok(())
    }

    /// Rebuilds the index from the store, whatever its state.
    pub fn rebuild(dir: &Path, store: &dyn Store) -> Result<SearchIndex> {
        let (schema, fields) = schema();
        let index = Self::rebuild_dir(dir, &schema)?;
        let mut search = Self::with_reader(index, fields, dir)?;
        let writer = search.writer()?;
        search.fill_from(store, writer)?;
        Ok(search)
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Picks up what other processes (an ingest running beside a server)
    /// have committed since this index was opened or last reloaded.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().engine()?;
        Ok(())
    }

    /// One work's index document: the first version's masthead (the
    /// English one, where stored) for filters and facets, every version's
    /// words in its language's fields.
    fn document(&self, versions: &[(String, Record)]) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        let Some((_, r)) = versions.first() else {
            return doc;
        };
        doc.add_text(f.id, undoc_model::split_key(&versions[0].0).0);
        for s in &r.symbols {
            doc.add_text(f.symbol, s);
        }
        if let Some(t) = &r.title {
            doc.add_text(f.title, t);
        }
        for (key, version) in versions {
            let text = &f.texts[language_slot(&version.language)];
            doc.add_text(f.language, &version.language);
            doc.add_facet(f.languages, facet(&version.language));
            doc.add_text(f.version, format!("{} {key}", version.language));
            if let Some(t) = &version.title {
                doc.add_text(text.title, t);
            }
            let body = version.body_text();
            let cut = body
                .char_indices()
                .nth(EXCERPT_CHARS)
                .map_or(body.len(), |(i, _)| i);
            doc.add_text(text.excerpt, &body[..cut]);
            doc.add_text(text.body, body);
        }
        if let Some(d) = &r.date {
            doc.add_text(f.date, d);
            if let Some(n) = date_number(d) {
                doc.add_i64(f.date_num, n);
            }
            if let Some(year) = d.get(..4) {
                doc.add_facet(f.year, facet(year));
            }
        }
        doc.add_text(f.doc_type, r.doc_type.as_str());
        doc.add_facet(f.kind, facet(r.doc_type.as_str()));
        for b in &r.bodies {
            doc.add_facet(f.organ, facet(&b.organ));
            let session = b.session_or_year();
            if let Some(session) = session {
                doc.add_text(f.session, format!("{}:{session}", b.organ));
            }
        }
        for item in &r.agenda_items {
            let body = r.bodies.iter().find(|b| b.organ == item.organ);
            let session = body.and_then(Body::session_or_year);
            if let Some(session) = session {
                doc.add_facet(
                    f.agenda,
                    facet(&agenda_value(&item.organ, &session, item.number)),
                );
            }
        }
        if let Some(state) = r.letter.as_ref().and_then(|l| l.sender_state.as_deref()) {
            doc.add_facet(f.sender, facet(state));
            doc.add_text(f.state, state);
        }
        for state in &r.states_mentioned {
            doc.add_text(f.state, state);
            doc.add_text(f.mentioned, state);
        }
        doc
    }

    /// Runs a search: ranked hits with snippets, the total, and facet counts.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.search_within(request, &Budget::default())
    }

    /// Runs a search within `budget`: past its deadline, or cancelled, it stops.
    pub fn search_within(&self, request: &SearchRequest, budget: &Budget) -> Result<SearchResults> {
        request.validate()?;
        budget.check()?;
        let stopped = |e: tantivy::TantivyError| match budget.check() {
            Err(why) => why,
            Ok(()) => SearchError::engine(e),
        };
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let (text_query, by_language) =
            self.text_query(&request.query, request.filters.language.as_deref())?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let term = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let facet_term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(field, &facet(value)),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(organ) = &request.filters.organ {
            clauses.push((Occur::Must, facet_term(f.organ, organ)));
        }
        if let (Some(organ), Some(session)) = (&request.filters.organ, &request.filters.session) {
            clauses.push((Occur::Must, term(f.session, &format!("{organ}:{session}"))));
            if let Some(item) = request.filters.agenda {
                clauses.push((
                    Occur::Must,
                    facet_term(f.agenda, &agenda_value(organ, session, item)),
                ));
            }
        }
        if let Some(year) = request.filters.year {
            clauses.push((Occur::Must, facet_term(f.year, &year.to_string())));
        }
        if let Some(t) = &request.filters.doc_type {
            clauses.push((Occur::Must, term(f.doc_type, t.as_str())));
        }
        if let Some(state) = &request.filters.state {
            clauses.push((Occur::Must, term(f.state, state_name(state)?)));
        }
        if let Some(sender) = &request.filters.sender {
            clauses.push((Occur::Must, facet_term(f.sender, state_name(sender)?)));
        }
        if let Some(mentioned) = &request.filters.mentions {
            clauses.push((Occur::Must, term(f.mentioned, state_name(mentioned)?)));
        }
        if let Some(language) = &request.filters.language {
            clauses.push((Occur::Must, term(f.language, language)));
        }
        if request.filters.from.is_some() || request.filters.to.is_some() {
            use std::ops::Bound;
            let bound = |d: &Option<String>| match d.as_deref().and_then(date_number) {
                Some(n) => Bound::Included(Term::from_field_i64(f.date_num, n)),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    bound(&request.filters.from),
                    bound(&request.filters.to),
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let mut facet_collectors = Vec::new();
        for name in ["organ", "type", "year", "agenda", "sender", "languages"] {
            let mut c = FacetCollector::for_field(name);
            c.add_facet(Facet::root());
            facet_collectors.push(c);
        }
        let mut it = facet_collectors.into_iter();
        let (c1, c2, c3, c4, c5, c6) = match (
            it.next(),
            it.next(),
            it.next(),
            it.next(),
            it.next(),
            it.next(),
        ) {
            (Some(a), Some(b), Some(c), Some(d), Some(e), Some(g)) => (a, b, c, d, e, g),
            _ => return Err(IndexError::BadRequest("facet collectors".into())),
        };
        let page = TopDocs::with_limit(request.limit).and_offset(request.offset);
        // Collector tuples go up to four: nest them. Without words to rank by,
        // the newest documents come first.
        let (top, total, (organ, kind, year), (agenda, sender, languages)) =
            if request.query.trim().is_empty() {
                let by_date = page.order_by_fast_field::<i64>("date_num", tantivy::Order::Desc);
                let collector = bounds::Bounded {
                    inner: ((by_date, Count), (c1, c2, c3), (c4, c5, c6)),
                    budget,
                };
                let ((top, total), facets_a, facets_b) =
                    searcher.search(&query, &collector).map_err(stopped)?;
                let top: Vec<(f32, tantivy::DocAddress)> =
                    top.into_iter().map(|(_, a)| (0.0, a)).collect();
                (top, total, facets_a, facets_b)
            } else {
                let collector = bounds::Bounded {
                    inner: ((page.order_by_score(), Count), (c1, c2, c3), (c4, c5, c6)),
                    budget,
                };
                let ((top, total), facets_a, facets_b) =
                    searcher.search(&query, &collector).map_err(stopped)?;
                (top, total, facets_a, facets_b)
            };
        // One snippet generator per language field; the first language (the
        // requested one, then the order of the slots) whose text matched names the hit.
        let mut order: Vec<usize> = (0..slots().len()).collect();
        if let Some(language) = &request.filters.language {
            let slot = language_slot(language);
            order.retain(|&i| i != slot);
            order.insert(0, slot);
        }
        // Only the languages the query was read in can have matched.
        let mut generators = Vec::with_capacity(by_language.len());
        for &slot in &order {
            let Some((_, reading)) = by_language.iter().find(|(s, _)| *s == slot) else {
                continue;
            };
            let mut g =
                SnippetGenerator::create(&searcher, &**reading, f.texts[slot].body).engine()?;
            g.set_max_num_chars(240);
            // Which language's reading of the query this text matched: the hit names that version.
            generators.push((slot, g, reading.box_clone()));
        }
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            // Snippets for a long page cost too: the budget covers them.
            budget.check()?;
            let doc: TantivyDocument = searcher.doc(address).engine()?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let versions: Vec<(String, String)> = doc
                .get_all(f.version)
                .filter_map(|v| v.as_str())
                .filter_map(|v| v.split_once(' '))
                .map(|(l, k)| (l.to_owned(), k.to_owned()))
                .collect();
            let (language, key, snippet) =
                best_version(&searcher, address, &generators, &doc, f, &versions);
            hits.push(Hit {
                id: key,
                language,
                languages: versions.iter().map(|(l, _)| l.clone()).collect(),
                symbols: doc
                    .get_all(f.symbol)
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                title: text(f.title),
                date: text(f.date),
                doc_type: text(f.doc_type)
                    .and_then(|t| DocType::parse(&t))
                    .unwrap_or(DocType::Other),
                score,
                snippet,
            });
        }
        let counts = |c: tantivy::collector::FacetCounts| -> Vec<(String, u64)> {
            let mut all: Vec<(String, u64)> = c
                .get(Facet::root())
                .map(|(f, n)| (facet_value(f), n))
                .collect();
            all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            all
        };
        let facets = Facets {
            organ: counts(organ),
            doc_type: counts(kind),
            year: counts(year),
            agenda: counts(agenda),
            sender: counts(sender),
            language: counts(languages),
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// Words and phrases over title and body; a symbol also as an exact term,
    /// boosted, so `A/79/818` finds the document itself first.
    /// The query over every language's fields, and each language's own
    /// reading of it (to tell which version a hit matched).
    fn text_query(
        &self,
        query: &str,
        language: Option<&str>,
    ) -> Result<(Box<dyn Query>, Vec<LanguageReading>)> {
        let f = &self.fields;
        let query = query.trim();
        if query.is_empty() {
            return Ok((Box::new(AllQuery), Vec::new()));
        }
        // Symbols hold '/' and '(' which the parser would read as syntax: quote them
        // as a phrase. Everything else is read as words and phrases only.
        let symbol = symbol_query(query);
        let text = match &symbol {
            Some(symbols) => symbol_phrase(query, symbols),
            None => sanitize_query(query)?,
        };
        // Each language's fields read the whole query with that language's
        // analyzer, and a text matches when one language's reading matches it
        // (all words in French, or all in English; never a word of each).
        let mut by_language: Vec<(usize, Box<dyn Query>)> = Vec::new();
        for slot in query_languages(query, language) {
            let t = f.texts[slot];
            let mut parser = QueryParser::for_index(&self.index, vec![t.title, t.body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(t.title, 2.0);
            // Chinese is written without spaces: "吊销签证" is two words to find,
            // not a phrase. Its words, segmented as the text was, each become a term.
            let text = if segmented(slot) && symbol.is_none() && !text.contains('"') {
                self.segment(t.body, &text)
            } else {
                text.clone()
            };
            let (parsed, _errors) = parser.parse_query_lenient(&text);
            by_language.push((slot, parsed));
        }
        let parsed: Box<dyn Query> = Box::new(BooleanQuery::new(
            by_language
                .iter()
                .map(|(_, q)| (Occur::Should, q.box_clone()))
                .collect(),
        ));
        let Some(symbols) = symbol else {
            return Ok((parsed, by_language));
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, parsed)];
        for s in symbols {
            let exact = TermQuery::new(
                Term::from_field_text(f.symbol, &s),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(exact), 100.0)),
            ));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), by_language))
    }

    /// A query's words as `field`'s analyzer cuts them, joined by spaces.
    fn segment(&self, field: Field, query: &str) -> String {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(field) else {
            return query.to_owned();
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(query);
        while stream.advance() {
            let word = stream.token().text.trim();
            // Only words: the parser would read punctuation as syntax.
            if word.chars().all(char::is_alphanumeric) && !word.is_empty() {
                words.push(word.to_owned());
            }
        }
        if words.is_empty() {
            query.to_owned()
        } else {
            words.join(" ")
        }
    }
}

/// A language's slot and its reading of the query.
type LanguageReading = (usize, Box<dyn Query>);

/// A language's slot, its snippet generator, and its reading of the query.
type VersionFinder = (usize, SnippetGenerator, Box<dyn Query>);

/// The version a hit points at, and its passage: the first version (in the
/// generators' order) whose text the query matched, else (no words to match,
/// or a match in the symbol only) the first stored version and its opening.
fn best_version(
    searcher: &tantivy::Searcher,
    address: tantivy::DocAddress,
    generators: &[VersionFinder],
    doc: &TantivyDocument,
    f: &Fields,
    versions: &[(String, String)],
) -> (String, String, Snippet) {
    let key_of = |slot: usize| versions.iter().find(|(l, _)| language_slot(l) == slot);
    for (slot, generator, query) in generators {
        // `explain` fails for a document the query does not match.
        if query.explain(searcher, address).is_err() {
            continue;
        }
        let Some((language, key)) = key_of(*slot) else {
            continue;
        };
        let text = doc
            .get_first(f.texts[*slot].excerpt)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let snippet = generator.snippet(text);
        let passage = if snippet.fragment().trim().is_empty() {
            opening(text)
        } else {
            Snippet::new(
                snippet.fragment().to_owned(),
                snippet.highlighted().iter().cloned(),
            )
        };
        return (language.clone(), key.clone(), passage);
    }
    let (language, key) = versions.first().cloned().unwrap_or_default();
    let text = doc
        .get_first(f.texts[language_slot(&language)].excerpt)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    (language, key, opening(text))
}

/// The opening of a text, where no passage matched.
fn opening(text: &str) -> Snippet {
    let end = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
    Snippet::new(text[..end].to_owned(), [])
}
