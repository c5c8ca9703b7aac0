//! What every request shares: the store's read connections, the search
//! index, and the server's settings.

use std::sync::{Arc, Mutex, RwLock};

use undoc_index::Search;
use undoc_store::Store;

use crate::error::ApiError;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The embedded store's folder, or a PostgreSQL URL.
    pub store: undoc_backend::Location,
    /// Adds `POST /api/documents`, guarded by `token`.
    pub allow_ingest: bool,
    /// The bearer token uploads and fetches must carry (`UNDOC_TOKEN`).
    pub token: Option<String>,
    /// Adds fetching documents not held from the UN (`--allow-fetch`),
    /// guarded by `token`: the document service to ask, and how politely.
    pub fetch: Option<undoc_fetch::Config>,
    /// Where reads and searches go when not to `store`: a PostgreSQL
    /// streaming-replication standby of it (`--read-store`). Writes (uploads,
    /// fetches) still go to `store`, the primary.
    pub read_store: Option<undoc_backend::Location>,
}

impl Config {
    /// Where reads and searches go.
    pub fn reads(&self) -> &undoc_backend::Location {
        self.read_store.as_ref().unwrap_or(&self.store)
    }
}

/// The shared state of a running server.
pub struct AppState {
    pub config: Config,
    /// Open read connections, reused: SQLite connections are cheap but not
    /// free, and one may serve one request at a time.
    pool: Mutex<Vec<Box<dyn Store + Send>>>,
    /// Connections to the primary, when reads go to a replica.
    writers: Mutex<Vec<Box<dyn Store + Send>>>,
    index: RwLock<Box<dyn Search + Send + Sync>>,
    /// One upload at a time: each is a write transaction and an index commit.
    pub(crate) ingest: tokio::sync::Mutex<()>,
    /// With `--allow-fetch`: the client and the background jobs.
    pub(crate) fetches: Option<crate::fetch::Fetches>,
    /// Searches running at once: no more than the machine has cores to give,
    /// so a burst of expensive queries queues (within its deadline) instead
    /// of starving everything else of blocking threads.
    searches: tokio::sync::Semaphore,
}

/// How long one search may run (its work stops there; the client gets 503).
pub const SEARCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Searches that may run at once, per core.
const SEARCHES_PER_CORE: usize = 2;

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Connections kept open beyond this many are closed when returned.
const POOL_SIZE: usize = 16;

/// Connections to the primary kept open: uploads go one at a time.
const WRITER_POOL_SIZE: usize = 2;

/// How long a write waits for the replica to replay it before answering
/// that it is stored but not yet readable there.
pub const REPLICA_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

impl AppState {
    /// Opens the store (creating it if needed) and its search index
    /// (rebuilding it if missing or behind).
    pub fn open(config: Config) -> Result<Arc<AppState>, ApiError> {
        let store = open_connection(&config)?;
        // Read access even for a server that takes uploads: the index is
        // rebuilt on disk only while no other writer (a CLI ingest) is at work.
        let (index, _) = config
            .reads()
            .open_search(store.as_ref(), undoc_backend::Access::Read)?;
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let fetches = match &config.fetch {
            Some(service) => Some(
                crate::fetch::Fetches::new(service.clone())
                    .map_err(|e| ApiError::BadRequest(e.to_string()))?,
            ),
            None => None,
        };
        Ok(Arc::new(AppState {
            config,
            pool: Mutex::new(vec![store]),
            writers: Mutex::new(Vec::new()),
            index: RwLock::new(index),
            ingest: tokio::sync::Mutex::new(()),
            fetches,
            searches: tokio::sync::Semaphore::new(cores * SEARCHES_PER_CORE),
        }))
    }

    /// Runs a search within [`SEARCH_TIMEOUT`]: it waits its turn, and stops
    /// (503) at the deadline, or as soon as its client goes away (the future
    /// is dropped, and with it the guard that cancels the search's budget).
    pub async fn search(
        self: &Arc<Self>,
        request: undoc_index::SearchRequest,
    ) -> Result<undoc_index::SearchResults, ApiError> {
        let budget = undoc_index::Budget::new(SEARCH_TIMEOUT);
        let guard = budget.cancel_on_drop();
        let permit = tokio::time::timeout(budget.remaining(), self.searches.acquire())
            .await
            .map_err(|_| ApiError::from(undoc_index::IndexError::TimedOut))?
            .map_err(|_| ApiError::Unavailable("the server is shutting down".into()))?;
        let for_search = budget.clone();
        let results = blocking(self, move |s| {
            s.with_index(|index| Ok(undoc_index::search_as_meant(index, &request, &for_search)?))
        })
        .await;
        drop(permit);
        guard.disarm();
        results
    }

    /// Runs `f` with a store connection from the pool (blocking: call from
    /// a blocking thread).
    pub fn with_store<R>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let taken = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match taken {
            Some(store) => store,
            None => open_connection(&self.config)?,
        };
        let result = f(store.as_mut());
        if let Ok(mut pool) = self.pool.lock()
            && pool.len() < POOL_SIZE
        {
            pool.push(store);
        }
        result
    }

    /// Runs `f` with a connection to the store writes go to: the primary
    /// when reads go to a replica, else one of the read pool's (which may
    /// write when uploads or fetches are allowed).
    pub fn with_writer<R>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        if self.config.read_store.is_none() {
            return self.with_store(f);
        }
        let taken = self.writers.lock().ok().and_then(|mut p| p.pop());
        let mut store = match taken {
            Some(store) => store,
            None => self.config.store.open(undoc_backend::Access::Write)?,
        };
        let result = f(store.as_mut());
        if let Ok(mut pool) = self.writers.lock()
            && pool.len() < WRITER_POOL_SIZE
        {
            pool.push(store);
        }
        result
    }

    /// After a write that reached `position` on the primary: waits, up to
    /// [`REPLICA_WAIT`], for the replica reads go to to replay it, so that a
    /// read after the write sees it. Whether it has (always, without a
    /// replica).
    pub fn replicated(&self, position: Option<&str>) -> Result<bool, ApiError> {
        let (Some(position), Some(_)) = (position, &self.config.read_store) else {
            return Ok(true);
        };
        let deadline = std::time::Instant::now() + REPLICA_WAIT;
        loop {
            if self.with_store(|store| Ok(store.has_replayed(position)?))? {
                return Ok(true);
            }
            if std::time::Instant::now() >= deadline {
                return Ok(false);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Runs `f` with the search index for reading.
    pub fn with_index<R>(
        &self,
        f: impl FnOnce(&dyn Search) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let index = self
            .index
            .read()
            .map_err(|_| ApiError::Internal("the search index lock is poisoned".into()))?;
        f(index.as_ref())
    }

    /// Runs `f` with the search index for writing (uploads).
    pub fn with_index_mut<R>(
        &self,
        f: impl FnOnce(&mut dyn Search) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut index = self
            .index
            .write()
            .map_err(|_| ApiError::Internal("the search index lock is poisoned".into()))?;
        f(index.as_mut())
    }
}

/// A store connection for reads: read-only unless uploads or fetches are
/// allowed and go through it, so a server can serve a store it may not write.
fn open_connection(config: &Config) -> Result<Box<dyn Store + Send>, ApiError> {
    let writes_here =
        config.read_store.is_none() && (config.allow_ingest || config.fetch.is_some());
    let access = if writes_here {
        undoc_backend::Access::Write
    } else {
        undoc_backend::Access::Read
    };
    Ok(config.reads().open(access)?)
}

/// Runs blocking work (SQLite, tantivy) off the async threads.
pub async fn blocking<R: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<R, ApiError> + Send + 'static,
) -> Result<R, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| ApiError::Internal(format!("a request's worker failed: {e}")))?
}
