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

Here: opening, rebuilding and updating the index from the store, and a
work's document. `schema.rs` is the index's shape (fields per language slot,
analyzers), `query.rs` answers a search, `bounds.rs` keeps it within its
budget, `readonly.rs` opens an index another process writes, `copied.rs`
is the folder as the writer reads it (by copy, so merges leave nothing
mapped).
*/

mod bounds;
#[cfg(unix)]
mod copied;
mod pairs;
mod query;
mod rank;
mod readonly;
mod schema;
mod spelling;
mod tally;

use std::path::{Path, PathBuf};

#[cfg(unix)]
pub use copied::CopyingDirectory;
pub use schema::chinese_words;
pub use undoc_search::{
    Budget, CancelOnDrop, DEFAULT_TIMEOUT, Facets, Freshness, Hit, MAX_QUERY_CHARS,
    MAX_QUERY_WORDS, MAX_SLOP, RebuildReason, Search, SearchError, SearchRequest, SearchResults,
    Snippet, Sort, date_number, doc_type, sanitize_query, search_as_meant, search_as_meant_by,
    state_name, symbol_phrase, symbol_query,
};

use tantivy::schema::{Schema, TantivyDocument};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};
use undoc_model::{Body, Record};
use undoc_store::Store;

use crate::schema::{Fields, agenda_value, facet, language_slot, register_analyzers, schema};

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

/// Memory for the index writer; flushed to a segment when full.
///
/// Segments merge by tantivy's log levels: at a million documents, 8
/// segments of 160,000 and a few smaller ones. A merge reads every byte of
/// its segments, which through mapped files stayed in the process's memory
/// (1.5 GB at a million documents); the writer reads by copy instead
/// (`copied.rs`). Merges bounded at 40,000 documents had kept memory flat
/// too, but left 37 segments instead of 7, and searches took twice as long
/// at the median (`benches/million.sh`, 4.98 against 9.94 ms).
const WRITER_BUDGET: usize = 32 * 1024 * 1024;

/// Documents per index commit when catching up after an ingest.
const UPDATE_CHUNK: usize = 5_000;

impl Search for SearchIndex {
    fn search_within(&self, request: &SearchRequest, budget: &Budget) -> Result<SearchResults> {
        SearchIndex::search_within(self, request, budget)
    }

    fn close_terms(
        &self,
        word: &str,
        language: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<undoc_search::CloseTerm>> {
        SearchIndex::close_terms(self, word, language, budget)
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

/// What an update's chunks before its last commit as the generation held:
/// what the index held before (or, for one that never said, a generation
/// behind the store's). Killed midway, a following index is caught up again
/// from there, not from a later generation that would skip the chunks not
/// yet done.
fn held_until_done(held: Option<i64>, generation: i64) -> i64 {
    held.filter(|&held| held < generation)
        .unwrap_or(generation - 1)
}

/// Where an embedded store keeps its search index: `index/` inside it.
pub fn dir_in_store(store: &Path) -> PathBuf {
    store.join("index")
}

/// The search index of one store.
pub struct SearchIndex {
    /// The index as searches read it: its files mapped.
    index: Index,
    /// The same index as the writer and its merges read it: by copy
    /// (`copied.rs`), where it is on disk.
    writing: Index,
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
    /// Answers of the searcher generation in use: a commit seen by
    /// [`SearchIndex::reload`] empties it.
    answers: undoc_search::ResultCache,
    /// Each segment's facet counts over all its texts (`tally.rs`).
    totals: tally::SegmentTotals,
    /// What queries are read with (`schema::query_analyzers`).
    query_analyzers: tantivy::tokenizer::TokenizerManager,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index under `dir`, creating, rebuilding or catching it up
    /// from `store` as needed.
    pub fn open(dir: &Path, store: &dyn Store) -> Result<(SearchIndex, Freshness)> {
        let (schema, fields) = schema();
        let opened = Self::on_disk(dir, &schema);
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
        let mut search = Self::on_disk_with_reader(index, fields, dir)?;
        if freshness == Freshness::Current {
            return Ok((search, freshness));
        }
        // Behind the store: catch up, unless another process (an ingest under way)
        // holds the writer; then answer from the index as it is, which that process
        // brings up to date when it finishes.
        match search.writing.writer_with_num_threads(1, WRITER_BUDGET) {
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

    /// Opens (or builds) the index under `dir` as a follower of a store that
    /// other processes write (PostgreSQL): behind the store, it catches up
    /// with the texts the store's change log names ([`Store::changes_since`])
    /// rather than rebuilding.
    pub fn follow(dir: &Path, store: &dyn Store) -> Result<(SearchIndex, Freshness)> {
        let (schema, fields) = schema();
        match Self::on_disk(dir, &schema) {
            Ok(index) => {
                let mut search = Self::on_disk_with_reader(index, fields, dir)?;
                let freshness = search.catch_up(store)?;
                Ok((search, freshness))
            }
            Err(reason) => {
                let index = Self::rebuild_dir(dir, &schema)?;
                let mut search = Self::on_disk_with_reader(index, fields, dir)?;
                let writer = search.writer()?;
                search.fill_from(store, writer)?;
                Ok((search, Freshness::Rebuilt(reason)))
            }
        }
    }

    /// Brings a following index up to the store's generation: the texts
    /// changed since its own generation are indexed again (or dropped);
    /// where the store keeps no change log, everything is. Another process
    /// writing this index (its writer's lock taken) leaves it as it is,
    /// [`Freshness::Behind`], with what that process committed picked up.
    pub fn catch_up(&mut self, store: &dyn Store) -> Result<Freshness> {
        let now = store.generation()?;
        let built = self.generation();
        if built == Some(now) {
            return Ok(Freshness::Current);
        }
        // Whether another process holds the writer, asked before the log is
        // read: the update takes a writer a chunk at a time.
        match self
            .writing
            .writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)
        {
            Ok(writer) => drop(writer),
            Err(tantivy::TantivyError::LockFailure(..)) => {
                self.reload()?;
                return Ok(Freshness::Behind);
            }
            Err(e) => return Err(SearchError::engine(e)),
        }
        let changed = match built {
            Some(built) if built < now => store.changes_since(built)?,
            _ => None,
        };
        match changed {
            // Writes that changed no text (catalogue records): only the
            // generation moves.
            Some(changed) if changed.is_empty() => {
                let writer = self.writer()?;
                self.commit(writer, now)?;
                Ok(Freshness::Current)
            }
            Some(changed) => {
                self.update_to(store, &changed, now)?;
                Ok(Freshness::Current)
            }
            None => {
                let writer = self.writer()?;
                self.fill_from(store, writer)?;
                Ok(Freshness::Rebuilt(RebuildReason::Stale))
            }
        }
    }

    /// The store generation the index last committed as holding; `None`
    /// before its first commit.
    pub fn generation(&self) -> Option<i64> {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.parse().ok())
    }

    /// The index on disk under `dir`, if it opens with this undoc's schema.
    fn on_disk(dir: &Path, schema: &Schema) -> std::result::Result<Index, RebuildReason> {
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(|_| RebuildReason::Unreadable)?
        } else {
            return Err(RebuildReason::Missing);
        };
        // An index with another schema (an older undoc) is rebuilt too.
        if index.schema() == *schema {
            Ok(index)
        } else {
            Err(RebuildReason::Unreadable)
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

    fn with_reader(mut index: Index, fields: Fields, dir: &Path) -> Result<SearchIndex> {
        register_analyzers(&index);
        let writing = index.clone();
        // A search walks the segments on every core: a common word's count
        // and facets at a million documents are work in proportion to its
        // matches, split across segments.
        index.set_default_multithread_executor().engine()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .engine()?;
        Ok(SearchIndex {
            index,
            writing,
            reader,
            fields,
            dir: dir.to_path_buf(),
            answers: undoc_search::ResultCache::default(),
            totals: tally::SegmentTotals::default(),
            query_analyzers: schema::query_analyzers(),
        })
    }

    /// An index on disk under `dir`, writing through a second opening of
    /// the folder whose files are read by copy (`copied.rs`, where files
    /// are read at an offset): what its merges read does not stay in this
    /// process's memory.
    fn on_disk_with_reader(index: Index, fields: Fields, dir: &Path) -> Result<SearchIndex> {
        let search = Self::with_reader(index, fields, dir)?;
        #[cfg(unix)]
        let search = {
            let writing = Index::open(copied::CopyingDirectory::open(dir).engine()?).engine()?;
            register_analyzers(&writing);
            SearchIndex { writing, ..search }
        };
        Ok(search)
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
        self.writing
            .writer_with_num_threads(1, WRITER_BUDGET)
            .engine()
    }

    /// Indexes every stored document.
    fn fill_from(&mut self, store: &dyn Store, writer: IndexWriter) -> Result<()> {
        // The generation before the reading: a write that lands meanwhile
        // (another process, on PostgreSQL) leaves the index behind, to be
        // caught up, rather than marked as holding it.
        let generation = store.generation()?;
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
        self.commit(writer, generation)
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
        self.update_to(store, changed, generation)
    }

    /// [`SearchIndex::update`], marking the index as holding `generation`
    /// (read before `changed` was).
    fn update_to(&mut self, store: &dyn Store, changed: &[String], generation: i64) -> Result<()> {
        let until_done = held_until_done(self.generation(), generation);
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
            let last = std::ptr::eq(chunk.as_ptr_range().end, changed.as_ptr_range().end);
            self.commit(writer, if last { generation } else { until_done })?;
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
        let mut search = Self::on_disk_with_reader(index, fields, dir)?;
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
            doc.add_text(text.stored_body, &body);
            doc.add_text(text.body, body);
        }
        let day = r.date.as_deref().and_then(date_number);
        doc.add_i64(f.newest_first, day.unwrap_or(i64::MIN));
        doc.add_i64(f.oldest_first, day.map_or(i64::MIN, |n| -n));
        if let Some(d) = &r.date {
            doc.add_text(f.date, d);
            if let Some(n) = day {
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
        let mut words = std::collections::BTreeSet::new();
        let mut kinds = std::collections::BTreeSet::new();
        let mut persons = std::collections::BTreeSet::new();
        let mut speaking_states = std::collections::BTreeSet::new();
        for speech in &r.speeches {
            words.extend(undoc_model::speaker_words(&speech.speaker));
            kinds.insert(speech.kind.as_str());
            persons.extend(speech.person());
            speaking_states.extend(speech.state.as_deref());
        }
        // A record counts once per speaker and per State, however often they spoke.
        for person in persons {
            doc.add_facet(f.speaker_name, facet(person));
        }
        for state in speaking_states {
            doc.add_facet(f.speaker_state, facet(state));
            doc.add_text(f.state, state);
        }
        for word in words {
            doc.add_text(f.speaker, word);
        }
        for kind in kinds {
            doc.add_text(f.speech_kind, kind);
        }
        doc
    }
}

/// What the engine's property tests build their indexes with.
#[cfg(test)]
mod testing {
    #![allow(clippy::unwrap_used)] // test code: a failed expectation is the report

    use tantivy::schema::TantivyDocument;
    use tantivy::{Index, Searcher, Term};

    use crate::schema::{Fields, register_analyzers, schema};

    /// An index in memory of `texts`, each given the id `doc{i}`, committed
    /// in `segments` parts, every `deleted_every`-th text then deleted: a
    /// searcher over it, and its fields.
    pub(crate) fn spread(
        texts: impl ExactSizeIterator<Item = TantivyDocument>,
        segments: usize,
        deleted_every: Option<usize>,
        fields: &Fields,
        index: &Index,
    ) -> Searcher {
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let count = texts.len();
        let per_segment = count.div_ceil(segments.max(1)).max(1);
        for (i, mut doc) in texts.enumerate() {
            doc.add_text(fields.id, format!("doc{i}"));
            writer.add_document(doc).unwrap();
            if (i + 1) % per_segment == 0 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        if let Some(every) = deleted_every {
            for i in (0..count).step_by(every) {
                writer.delete_term(Term::from_field_text(fields.id, &format!("doc{i}")));
            }
            writer.commit().unwrap();
        }
        index.reader().unwrap().searcher()
    }

    /// An empty index in memory with the engine's schema and analyzers.
    pub(crate) fn empty() -> (Index, Fields) {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        (index, fields)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a failed expectation is the report

    use super::held_until_done;

    /// Issue 19: the chunks of an update before its last committed
    /// "generation − 1". Harmless for the embedded store, which rebuilds an
    /// index that is behind, but an index following PostgreSQL held at 10
    /// and updated to 20 would, killed after its first chunk, say it held
    /// 19 and catch up from the log's changes after 19, skipping those of
    /// 11 to 19 not yet indexed. It says 10 until the last chunk.
    #[test]
    fn an_update_killed_between_chunks_says_it_holds_what_it_held_before() {
        assert_eq!(held_until_done(Some(10), 20), 10);
        // Never committed: behind the store either way.
        assert_eq!(held_until_done(None, 20), 19);
        // An index ahead of (or at) the store (a database begun again) is
        // behind it, not at it, until done.
        assert_eq!(held_until_done(Some(25), 20), 19);
        assert_eq!(held_until_done(Some(20), 20), 19);
    }

    /// The address ranges at which this process maps `file`.
    #[cfg(target_os = "linux")]
    fn mappings_of(file: &std::path::Path) -> Vec<std::ops::Range<usize>> {
        let file = file.canonicalize().unwrap();
        std::fs::read_to_string("/proc/self/maps")
            .unwrap()
            .lines()
            .filter(|line| line.ends_with(&*file.to_string_lossy()))
            .map(|line| {
                let (start, end) = line.split_once(' ').unwrap().0.split_once('-').unwrap();
                usize::from_str_radix(start, 16).unwrap()..usize::from_str_radix(end, 16).unwrap()
            })
            .collect()
    }

    /// Issue 19: at a million documents an ingest's merges held 1.5 GB of
    /// segment files in memory (peak RSS 3.23x the 100,000-document
    /// ingest's), because the writer read them through the same mapped
    /// directory as searches. The writer's reads are copies; searches'
    /// stay mapped. Three Security Council resolutions of the corpus make
    /// the segment.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_writer_reads_segment_files_by_copy_and_searches_by_mapping() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = undoc_store::SqliteStore::open(dir.path()).unwrap();
        let mut keys = Vec::new();
        for file in [
            "S_RES_0439_1978_EN_GOLD.txt",
            "S_RES_0822_1993_EN_GOLD.txt",
            "S_RES_0853_1993_EN_GOLD.txt",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/corpus/sc-resolutions")
                .join(file);
            let bytes = std::fs::read(&path).unwrap();
            let options = undoc_ingest::Options::default();
            match undoc_ingest::ingest_bytes(&mut store, file, &bytes, &options).unwrap() {
                undoc_ingest::Outcome::Added(id) => {
                    keys.push(undoc_model::expression_key(&id, "en"))
                }
                other => panic!("{file}: {other:?}"),
            }
        }
        let index_dir = crate::dir_in_store(dir.path());
        let (mut search, _) = crate::SearchIndex::open(&index_dir, &store).unwrap();
        search.update(&store, &keys).unwrap();

        use tantivy::Directory;
        let postings = std::fs::read_dir(&index_dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.extension().is_some_and(|e| e == "idx"))
            .unwrap();
        let name = std::path::Path::new(postings.file_name().unwrap());
        let within = |bytes: &tantivy::directory::OwnedBytes| {
            let at = bytes.as_slice().as_ptr() as usize;
            mappings_of(&postings).iter().any(|m| m.contains(&at))
        };
        let written = search.writing.directory().open_read(name).unwrap();
        let written = written.read_bytes().unwrap();
        let searched = search.index.directory().open_read(name).unwrap();
        let searched = searched.read_bytes().unwrap();
        assert!(!written.is_empty());
        assert_eq!(written.as_slice(), searched.as_slice());
        assert!(within(&searched), "searches read the mapped file");
        assert!(!within(&written), "the writer's reads are copies");
        assert_eq!(
            search
                .search(&undoc_search::SearchRequest {
                    query: "Security Council".into(),
                    limit: 10,
                    ..undoc_search::SearchRequest::default()
                })
                .unwrap()
                .total,
            3
        );
    }
}
