//! What every request shares: the store's read connections, the search
//! index, and the server's settings.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use undoc_index::SearchIndex;
use undoc_store::SqliteStore;

use crate::error::ApiError;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The embedded store's folder.
    pub store_dir: PathBuf,
    /// Adds `POST /api/documents`, guarded by `token`.
    pub allow_ingest: bool,
    /// The bearer token uploads must carry (`UNDOC_TOKEN`).
    pub token: Option<String>,
}

/// The shared state of a running server.
#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    /// Open read connections, reused: SQLite connections are cheap but not
    /// free, and one may serve one request at a time.
    pool: Mutex<Vec<SqliteStore>>,
    index: RwLock<SearchIndex>,
    /// One upload at a time: each is a write transaction and an index commit.
    pub(crate) ingest: tokio::sync::Mutex<()>,
}

/// Connections kept open beyond this many are closed when returned.
const POOL_SIZE: usize = 16;

impl AppState {
    /// Opens the store (creating it if needed) and its search index
    /// (rebuilding it if missing or behind).
    pub fn open(config: Config) -> Result<Arc<AppState>, ApiError> {
        let store = SqliteStore::open(&config.store_dir)?;
        let (index, _) = SearchIndex::open(&index_dir(&config.store_dir), &store)?;
        Ok(Arc::new(AppState {
            config,
            pool: Mutex::new(vec![store]),
            index: RwLock::new(index),
            ingest: tokio::sync::Mutex::new(()),
        }))
    }

    /// Runs `f` with a store connection from the pool (blocking: call from
    /// a blocking thread).
    pub fn with_store<R>(
        &self,
        f: impl FnOnce(&mut SqliteStore) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let taken = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match taken {
            Some(store) => store,
            None => SqliteStore::open(&self.config.store_dir)?,
        };
        let result = f(&mut store);
        if let Ok(mut pool) = self.pool.lock()
            && pool.len() < POOL_SIZE
        {
            pool.push(store);
        }
        result
    }

    /// Runs `f` with the search index for reading.
    pub fn with_index<R>(
        &self,
        f: impl FnOnce(&SearchIndex) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let index = self
            .index
            .read()
            .map_err(|_| ApiError::Internal("the search index lock is poisoned".into()))?;
        f(&index)
    }

    /// Runs `f` with the search index for writing (uploads).
    pub fn with_index_mut<R>(
        &self,
        f: impl FnOnce(&mut SearchIndex) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut index = self
            .index
            .write()
            .map_err(|_| ApiError::Internal("the search index lock is poisoned".into()))?;
        f(&mut index)
    }
}

/// The search index's folder inside a store, as the CLI keeps it.
pub fn index_dir(store: &std::path::Path) -> PathBuf {
    store.join("index")
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
