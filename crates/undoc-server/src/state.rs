//! What every request shares: the store's read connections, the search
//! index, and the server's settings.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use undoc_index::{Search, SearchIndex};
use undoc_store::Store;

use crate::error::ApiError;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The embedded store's folder, or a PostgreSQL URL.
    pub store_dir: PathBuf,
    /// Adds `POST /api/documents`, guarded by `token`.
    pub allow_ingest: bool,
    /// The bearer token uploads must carry (`UNDOC_TOKEN`).
    pub token: Option<String>,
}

/// The shared state of a running server.
pub struct AppState {
    pub config: Config,
    /// Open read connections, reused: SQLite connections are cheap but not
    /// free, and one may serve one request at a time.
    pool: Mutex<Vec<Box<dyn Store + Send>>>,
    index: RwLock<Box<dyn Search + Send + Sync>>,
    /// One upload at a time: each is a write transaction and an index commit.
    pub(crate) ingest: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Connections kept open beyond this many are closed when returned.
const POOL_SIZE: usize = 16;

impl AppState {
    /// Opens the store (creating it if needed) and its search index
    /// (rebuilding it if missing or behind).
    pub fn open(config: Config) -> Result<Arc<AppState>, ApiError> {
        let store = undoc_postgres::open_store(&config.store_dir)?;
        let index: Box<dyn Search + Send + Sync> = match undoc_postgres::url_of(&config.store_dir) {
            // PostgreSQL searches the documents' rows: the search side is a connection.
            Some(url) => Box::new(undoc_postgres::PgStore::connect(url)?),
            None => Box::new(
                SearchIndex::open(
                    &undoc_index::dir_in_store(&config.store_dir),
                    store.as_ref(),
                )?
                .0,
            ),
        };
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
        f: impl FnOnce(&mut dyn Store) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let taken = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match taken {
            Some(store) => store,
            None => undoc_postgres::open_store(&self.config.store_dir)?,
        };
        let result = f(store.as_mut());
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
