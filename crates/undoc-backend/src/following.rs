//! A search index kept beside a PostgreSQL store (`undoc --index DIR`): the
//! embedded engine's tantivy index, following the database.
//!
//! PostgreSQL's own text search counts facets at about a microsecond a
//! match and stays 24–28× the embedded index at the median (ARCHITECTURE.md,
//! "PostgreSQL"). Deployments that outgrow one machine keep PostgreSQL as
//! the record and give each server its own index, derived and disposable
//! like an embedded store's: built from the database when missing, and
//! before each search brought up to the database's generation from its
//! change log (`changes`, migration 11), a round trip when nothing changed.
//! Writes by any process (four ingesters, another server) are found by the
//! next search; a write through this server is indexed at once.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{RwLock, RwLockReadGuard};

use undoc_index::SearchIndex;
use undoc_postgres::PgStore;
use undoc_search::{
    Budget, CloseTerm, Freshness, Search, SearchError, SearchRequest, SearchResults,
};
use undoc_store::Store;

/// The index under a folder, following a PostgreSQL store.
pub struct Following {
    index: RwLock<SearchIndex>,
    /// Its own connections: catching up reads the changed texts.
    store: PgStore,
    /// The store generation the index holds, as last caught up; the one
    /// number each search compares with the database's.
    held: AtomicI64,
}

impl std::fmt::Debug for Following {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Following")
            .field("index", &*self.read())
            .field("held", &self.held)
            .finish_non_exhaustive()
    }
}

impl Following {
    /// Opens the index under `dir` (built from `store` when missing or
    /// unreadable, caught up when behind).
    pub fn open(dir: &Path, store: PgStore) -> Result<(Following, Freshness), SearchError> {
        let (index, freshness) = SearchIndex::follow(dir, &store)?;
        let held = index.generation().unwrap_or(-1);
        Ok((
            Following {
                index: RwLock::new(index),
                store,
                held: AtomicI64::new(held),
            },
            freshness,
        ))
    }

    /// This follower with every search run by the engine: what benchmarks
    /// of the engine's own work measure.
    pub fn without_cache(self) -> Following {
        let index = self
            .index
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .without_cache();
        Following {
            index: RwLock::new(index),
            store: self.store,
            held: self.held,
        }
    }

    /// Statements sent to the database so far (catching up, and the look
    /// at its generation each search begins with).
    pub fn statements(&self) -> u64 {
        self.store.statements()
    }

    /// Catches the index up when the database has moved on since.
    fn catch_up(&self) -> Result<(), SearchError> {
        let now = self.store.generation()?;
        if now == self.held.load(Ordering::Acquire) {
            return Ok(());
        }
        let mut index = self.index.write().unwrap_or_else(|e| e.into_inner());
        // Another search may have caught up while this one waited.
        if index.generation() != Some(now) {
            index.catch_up(&self.store)?;
        }
        if let Some(held) = index.generation() {
            self.held.store(held, Ordering::Release);
        }
        Ok(())
    }

    fn read(&self) -> RwLockReadGuard<'_, SearchIndex> {
        // A panic while catching up leaves an index that a commit made
        // whole, or the one before.
        self.index.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Search for Following {
    fn search_within(
        &self,
        request: &SearchRequest,
        budget: &Budget,
    ) -> Result<SearchResults, SearchError> {
        self.catch_up()?;
        self.read().search_within(request, budget)
    }

    fn close_terms(
        &self,
        word: &str,
        language: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<CloseTerm>, SearchError> {
        self.read().close_terms(word, language, budget)
    }

    /// A write through this process: the change log names it with
    /// whatever others wrote before, and the store followed (a standby, it
    /// may be) is the one to read them from.
    fn update(&mut self, _store: &dyn Store, _changed: &[String]) -> Result<(), SearchError> {
        self.catch_up()
    }

    fn num_docs(&self) -> u64 {
        self.read().num_docs()
    }

    fn refresh(&self) -> Result<(), SearchError> {
        self.catch_up()
    }
}
