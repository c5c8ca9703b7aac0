/*!
Which back-end a `--store` setting (or `UNDOC_STORE`) names, decided once:
a `postgres://` URL is a PostgreSQL database, anything else the folder of an
embedded store (SQLite, with its tantivy index inside). The CLI and the
server parse the setting into a [`Location`] at their edge and ask it for a
store, a search engine and the write lock; nothing else compares strings
with `postgres://` or carries a URL as a path.

Adding a back-end is a variant here and its arms.
*/

mod following;

use std::fmt;
use std::path::{Path, PathBuf};

use undoc_search::{Freshness, Search, SearchError};
use undoc_store::lock::WriteLock;
use undoc_store::{Store, StoreError};

pub use following::Following;

/// Where a corpus lives.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// An embedded store: a folder holding the SQLite database, the original
    /// files and the search index.
    Embedded(PathBuf),
    /// A PostgreSQL database, by its connection URL, with the folder of a
    /// search index that follows it, if one was asked for (`--index`).
    Postgres { url: String, index: Option<PathBuf> },
}

/// Whether a command only reads the store or also writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// An embedded store is opened read-only (a copy the user may not write
    /// can be read); one that does not exist yet is created empty.
    Read,
    Write,
}

impl Location {
    /// The location a setting names.
    pub fn from_setting(setting: &str) -> Location {
        if setting.starts_with("postgres://") || setting.starts_with("postgresql://") {
            Location::Postgres {
                url: setting.to_owned(),
                index: None,
            }
        } else {
            Location::Embedded(PathBuf::from(setting))
        }
    }

    /// The location a command-line argument names, as the operating system
    /// gives it: a folder whose name is not UTF-8 stays that folder.
    pub fn from_argument(setting: std::ffi::OsString) -> Location {
        match setting.into_string() {
            Ok(s) => Location::from_setting(&s),
            Err(raw) => Location::Embedded(PathBuf::from(raw)),
        }
    }

    /// The location a path names.
    pub fn from_path(setting: &Path) -> Location {
        match setting.to_str() {
            Some(s) => Location::from_setting(s),
            None => Location::Embedded(setting.to_path_buf()),
        }
    }

    /// The embedded store's folder; `None` for a database server.
    pub fn embedded(&self) -> Option<&Path> {
        match self {
            Location::Embedded(dir) => Some(dir),
            Location::Postgres { .. } => None,
        }
    }

    /// The folder of the tantivy index searches are answered from: inside
    /// an embedded store, or the one following a PostgreSQL store (`None`:
    /// PostgreSQL's own text search).
    pub fn index_dir(&self) -> Option<PathBuf> {
        match self {
            Location::Embedded(dir) => Some(undoc_index::dir_in_store(dir)),
            Location::Postgres { index, .. } => index.clone(),
        }
    }

    /// This location with a search index in `index` following it; refused
    /// for an embedded store, whose index lives inside it.
    pub fn with_index(self, index: Option<PathBuf>) -> Result<Location, String> {
        match (self, index) {
            (location, None) => Ok(location),
            (Location::Postgres { url, .. }, Some(dir)) => Ok(Location::Postgres {
                url,
                index: Some(dir),
            }),
            (Location::Embedded(_), Some(_)) => Err(
                "--index is for a PostgreSQL store: an embedded store keeps its index inside it"
                    .to_owned(),
            ),
        }
    }

    /// What a line of output names the store by: its folder, or "the
    /// PostgreSQL store" (a URL may carry a password).
    pub fn label(&self) -> String {
        match self {
            Location::Embedded(dir) => dir.display().to_string(),
            Location::Postgres { .. } => "the PostgreSQL store".to_owned(),
        }
    }

    /// The store, created (embedded) or migrated where needed.
    pub fn open(&self, access: Access) -> Result<Box<dyn Store + Send>, StoreError> {
        Ok(match (self, access) {
            (Location::Postgres { url, .. }, _) => Box::new(undoc_postgres::PgStore::connect(url)?),
            (Location::Embedded(dir), Access::Write) => {
                Box::new(undoc_store::SqliteStore::open(dir)?)
            }
            (Location::Embedded(dir), Access::Read)
                if !dir.join(undoc_store::sqlite_database_name()).is_file() =>
            {
                Box::new(undoc_store::SqliteStore::open(dir)?)
            }
            (Location::Embedded(dir), Access::Read) => {
                Box::new(undoc_store::SqliteStore::open_read_only(dir)?)
            }
        })
    }

    /// The store's write lock for a writer, waiting up to `wait` for another
    /// (`on_wait` is told once if it has to); `None` where the database
    /// serializes writers itself (PostgreSQL).
    pub fn write_lock(
        &self,
        wait: std::time::Duration,
        on_wait: impl FnOnce(),
    ) -> Result<Option<WriteLock>, StoreError> {
        match self {
            Location::Embedded(dir) => undoc_store::lock::acquire(dir, wait, on_wait).map(Some),
            Location::Postgres { .. } => Ok(None),
        }
    }

    /// The search engine beside the store, and what opening it had to do.
    /// PostgreSQL searches the documents' own rows (nothing to open or catch
    /// up), or, given an index folder, a tantivy index there that follows
    /// the database ([`Following`]); the embedded index is rebuilt on disk when missing, unreadable or
    /// behind — by a writer, or by a reader that can take the write lock
    /// briefly — and otherwise read as it is, or built in memory.
    pub fn open_search(
        &self,
        store: &dyn Store,
        access: Access,
    ) -> Result<(Box<dyn Search + Send + Sync>, Freshness), SearchError> {
        match self {
            Location::Postgres { url, index: None } => Ok((
                Box::new(undoc_postgres::PgStore::connect(url)?),
                Freshness::Current,
            )),
            Location::Postgres {
                url,
                index: Some(dir),
            } => {
                let (following, freshness) =
                    Following::open(dir, undoc_postgres::PgStore::connect(url)?)?;
                Ok((Box::new(following), freshness))
            }
            Location::Embedded(dir) => {
                let index_dir = undoc_index::dir_in_store(dir);
                let lock = match access {
                    Access::Write => None,
                    Access::Read => undoc_store::lock::try_acquire(dir).ok().flatten(),
                };
                let (index, freshness) = if access == Access::Write || lock.is_some() {
                    undoc_index::SearchIndex::open(&index_dir, store)?
                } else {
                    undoc_index::SearchIndex::open_for_reading(&index_dir, store)?
                };
                drop(lock);
                Ok((Box::new(index), freshness))
            }
        }
    }
}

/// What a message names the store by: its folder, or "the PostgreSQL store"
/// (a URL may carry a password and is never printed).
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Embedded(dir) => write!(f, "the store at {}", dir.display()),
            Location::Postgres { .. } => f.write_str("the PostgreSQL store"),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Embedded(dir) => f.debug_tuple("Embedded").field(dir).finish(),
            Location::Postgres { index, .. } => f
                .debug_struct("Postgres")
                .field("url", &"…")
                .field("index", index)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--store`, `--from` and `--to` arrive as the OS gives them: a URL
    /// becomes a server's location, and a folder whose name is not UTF-8
    /// stays that folder, byte for byte.
    #[test]
    fn a_command_line_argument_names_one_back_end() {
        assert!(matches!(
            Location::from_argument("postgres://u@h/db".into()),
            Location::Postgres { url, index: None } if url == "postgres://u@h/db"
        ));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let raw = std::ffi::OsString::from_vec(b"store-\xff".to_vec());
            assert_eq!(
                Location::from_argument(raw.clone()),
                Location::Embedded(PathBuf::from(raw))
            );
        }
    }

    #[test]
    fn a_setting_names_one_back_end() {
        assert_eq!(
            Location::from_setting("postgres://u@h:5432/db"),
            Location::Postgres {
                url: "postgres://u@h:5432/db".into(),
                index: None
            }
        );
        assert!(
            Location::from_setting("postgresql://h/db")
                .embedded()
                .is_none()
        );
        assert_eq!(
            Location::from_setting("undoc-data").embedded(),
            Some(Path::new("undoc-data"))
        );
        // A folder whose name merely holds the word is a folder.
        assert!(
            Location::from_setting("./postgres-copy")
                .embedded()
                .is_some()
        );
        let secret = Location::from_setting("postgres://u:secret@h/db");
        assert!(!format!("{secret} {secret:?}").contains("secret"));
    }

    #[test]
    fn an_embedded_store_opens_for_reading_and_writing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let location = Location::Embedded(dir.path().join("store"));
        let store = location
            .open(Access::Read)
            .unwrap_or_else(|e| panic!("{e}"));
        let (search, freshness) = location
            .open_search(store.as_ref(), Access::Read)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(search.num_docs(), 0);
        assert!(matches!(
            freshness,
            Freshness::Current | Freshness::Rebuilt(_) | Freshness::InMemory(_)
        ));
        let lock = location
            .write_lock(std::time::Duration::from_secs(1), || {})
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(lock.is_some());
    }
}
