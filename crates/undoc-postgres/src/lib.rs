/*!
The corpus on PostgreSQL: a second implementation of [`undoc_store::Store`]
and [`undoc_search::Search`], for deployments that outgrow one machine.

- Records, symbols, bodies, agenda items, references, original files and
  catalogue records in tables (numbered migrations in `src/migrations/`,
  applied under an advisory lock so that processes starting together do not
  race); documents cited but not held, from the same `refs` rows.
- Search with `tsvector` (English configuration, title weighted over body),
  `websearch_to_tsquery` (words, "phrases", `-not`, `or`), `ts_rank_cd`, and
  `ts_headline` for snippets; the same filters and facets as the embedded
  index, computed in one statement over the matching documents.
- Many writers: each batch is one transaction that first takes a
  transaction-scoped advisory lock on every id it writes, in sorted order, so
  concurrent ingesters of overlapping inputs neither lose nor duplicate a
  document and cannot deadlock.

The traits are synchronous (the embedded store is). One tokio runtime per
process drives the `tokio-postgres` connections, and every `PgStore` on the
same database and schema shares one `deadpool-postgres` pool, migrated once
when the pool is first opened (see [`connection`]): a server that opens a
store per request thread holds a handful of connections, not a runtime, a
pool and a migration run each. Call it from ordinary threads (or tokio's
blocking threads), not from inside async code.

# Files

- `connection.rs`: the runtime, the pools, TLS, migrations, the counted client.
- `store.rs`: the [`Store`] methods.
- `write.rs`: the rows a batch writes, column by column.
- `search.rs`: the [`undoc_search::Search`] methods.
- `text_search.rs`: which text search configuration reads each language.
*/

mod connection;
mod search;
mod store;
mod text_search;
mod write;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use undoc_store::{Result, StoreError};

use connection::{Counted, Shared};
pub use connection::{POOL_SIZE, ROOT_CERTIFICATES_VARIABLE};
/// What `Store::stats` asks of the references, for checks of how it is planned.
pub use store::{CITED_NOT_HELD, RESOLVED_REFERENCES};
pub use text_search::text_search_config;
pub(crate) use text_search::{configurations, text_search_config_sql};

/// A server error with its causes ("db error: ERROR: column … does not exist").
fn server<E: std::error::Error>(e: E) -> StoreError {
    StoreError::Server(with_causes(&e))
}

/// An error's message followed by each of its causes, `: `-separated.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// A store in a PostgreSQL database (optionally in one schema of it).
/// Cheap to open again: stores on one database share its pool.
pub struct PgStore {
    shared: Arc<Shared>,
    /// Statements this store's read methods sent ([`undoc_store::Store::statements`]).
    statements: AtomicU64,
    /// Whether searches are answered from the database's kept answers
    /// (off only to measure the engine's own work).
    keeps_answers: bool,
    /// The schema of the RUM extension, if this store's texts are indexed
    /// with it (migration 10); asked once.
    rum: std::sync::OnceLock<Option<String>>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` and migrates it to the current
    /// schema (once per process: later stores share the first one's pool).
    pub fn connect(url: &str) -> Result<PgStore> {
        Self::connect_in_schema(url, None)
    }

    /// As [`PgStore::connect`], with every table in `schema` (created if
    /// missing): tests give each run a schema of its own.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore> {
        if let Some(schema) = schema {
            check_schema_name(schema)?;
        }
        Ok(PgStore {
            shared: connection::shared(url, schema)?,
            statements: AtomicU64::new(0),
            keeps_answers: true,
            rum: std::sync::OnceLock::new(),
        })
    }

    /// This store with every search run by the server: what benchmarks of
    /// the engine's own work measure.
    pub fn without_cache(mut self) -> PgStore {
        self.keeps_answers = false;
        self
    }

    fn block<T>(&self, f: impl Future<Output = Result<T>>) -> Result<T> {
        connection::runtime()?.block_on(f)
    }

    /// A pooled connection whose statements count towards this store's.
    async fn client(&self) -> Result<Counted<'_>> {
        self.shared.client(&self.statements).await
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i32> {
        self.block(async {
            let client = self.client().await?;
            connection::schema_version(&client).await
        })
    }

    /// Drops a schema and everything in it (tests clean up with it).
    pub fn drop_schema(url: &str, schema: &str) -> Result<()> {
        check_schema_name(schema)?;
        let store = PgStore::connect_in_schema(url, None)?;
        store.block(async {
            let client = store.client().await?;
            client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .await
                .map_err(server)?;
            Ok(())
        })
    }
}

/// Schema names go into SQL as identifiers: letters, digits and `_` only.
fn check_schema_name(schema: &str) -> Result<()> {
    if schema
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        Ok(())
    } else {
        Err(StoreError::Server(format!("{schema}: not a schema name")))
    }
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A work's stored versions (`$1`: the work, `A/80/1`; `$2`, `$3`: `A/80/1@`
/// and `A/80/1A`, the keys of its other languages lying between, byte by
/// byte, since 'A' follows '@'). Public for the test that checks its plan
/// uses `documents_by_key_bytes` (migration 11): a `LIKE 'A/80/1@%'` under
/// the primary key's collation scanned the table once a work.
#[doc(hidden)]
pub const EXPRESSIONS_OF_A_WORK: &str = "SELECT id, language FROM documents
     WHERE id = $1 OR (id ~>=~ $2 AND id ~<~ $3) ORDER BY id COLLATE \"C\"";

#[cfg(test)]
mod tests {
    use crate::write::*;

    #[test]
    fn long_bodies_are_cut_into_overlapping_passages() {
        let short = "word ".repeat(LONG_BODY_WORDS);
        assert!(passages(&short).is_empty());
        let body: String = (0..25_000).map(|i| format!("w{i} ")).collect();
        let parts = passages(&body);
        assert_eq!(parts.len(), 3);
        assert!(
            parts
                .iter()
                .all(|p| p.split_whitespace().count() <= PASSAGE_WORDS)
        );
        // Every word is in a passage, and neighbours across a cut share one.
        assert!(parts[0].contains("w9999 ") && parts[1].starts_with("w9900 "));
        assert!(parts[2].trim_end().ends_with("w24999"));
    }
}
