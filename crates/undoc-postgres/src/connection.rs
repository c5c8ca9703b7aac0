//! How a process reaches PostgreSQL: one tokio runtime, one connection pool
//! per database and schema (migrated once, when first opened), TLS where the
//! URL asks for it, and a client that counts the statements it sends.
//!
//! The traits are synchronous, so something must drive the async driver. A
//! runtime and a pool per `PgStore` (what undoc did first) meant a server
//! opening a store per request thread held a runtime, a pool and a migration
//! run per thread; now every `PgStore` on the same database borrows the same
//! pool, and the pool closes when the last of them is dropped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::config::SslMode;
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row, ToStatement};
use undoc_store::{Result, StoreError};

use crate::{redact, server, with_causes};

/// Numbered migrations, applied in order. Never edit one that has shipped.
const MIGRATIONS: [(i32, &str); 11] = [
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_votes.sql")),
    (3, include_str!("migrations/0003_fetch_misses.sql")),
    (4, include_str!("migrations/0004_speeches.sql")),
    (5, include_str!("migrations/0005_speaker_words.sql")),
    (6, include_str!("migrations/0006_speaker_person.sql")),
    (7, include_str!("migrations/0007_speech_agenda_item.sql")),
    (8, include_str!("migrations/0008_lexicon.sql")),
    (9, include_str!("migrations/0009_facet_values.sql")),
    (10, include_str!("migrations/0010_rum.sql")),
    (11, include_str!("migrations/0011_changes.sql")),
];

/// An arbitrary constant: the advisory lock migrations run under.
const MIGRATION_LOCK: i64 = 0x756e_646f_6300;

/// Connections one pool keeps open at most.
pub const POOL_SIZE: usize = 8;

/// The environment variable naming a PEM file of the certificate
/// authorities a TLS connection trusts (libpq's name for it).
pub const ROOT_CERTIFICATES_VARIABLE: &str = "PGSSLROOTCERT";

/// The process's runtime for PostgreSQL connections, started on first use.
pub fn runtime() -> Result<&'static tokio::runtime::Runtime> {
    static RUNTIME: OnceLock<std::result::Result<tokio::runtime::Runtime, String>> =
        OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("undoc-postgres")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| StoreError::Server(format!("cannot start the PostgreSQL runtime: {e}")))
}

/// What every store on one database and schema shares: its pool.
pub struct Shared {
    pool: Pool,
    /// Answers given at one WAL position of the server: every store on the
    /// same database shares them (`PgStore::wal_position`).
    pub(crate) answers: undoc_search::ResultCache,
}

/// Open pools by database URL and schema; an entry whose stores were all
/// dropped is opened (and migrated) again on next use.
fn pools() -> &'static Mutex<HashMap<String, Weak<Shared>>> {
    static POOLS: OnceLock<Mutex<HashMap<String, Weak<Shared>>>> = OnceLock::new();
    POOLS.get_or_init(Mutex::default)
}

/// The pool for `url` and `schema`: the open one, or a new one, migrated.
pub fn shared(url: &str, schema: Option<&str>) -> Result<Arc<Shared>> {
    let key = format!("{url}\u{0}{}", schema.unwrap_or(""));
    // Held while a new pool migrates, so that two threads opening the same
    // database do not both run the migrations (the advisory lock would
    // serialize them anyway; this saves the second one the work).
    let mut pools = pools()
        .lock()
        .map_err(|_| StoreError::Server("the PostgreSQL pool registry is poisoned".into()))?;
    if let Some(shared) = pools.get(&key).and_then(Weak::upgrade) {
        return Ok(shared);
    }
    let shared = Arc::new(Shared {
        pool: open_pool(url, schema)?,
        answers: undoc_search::ResultCache::default(),
    });
    runtime()?.block_on(async {
        let mut client = shared.pool.get().await.map_err(unreachable)?;
        // A streaming-replication standby is read-only: it has the schema its
        // primary migrated, and says so if that is newer than this undoc.
        let standby: bool = client
            .query_one("SELECT pg_is_in_recovery()", &[])
            .await
            .map_err(server)?
            .get(0);
        if standby {
            return check_version(&client).await;
        }
        if let Some(schema) = schema {
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .await
                .map_err(server)?;
        }
        migrate(&mut client).await
    })?;
    pools.retain(|_, pool| pool.strong_count() > 0);
    pools.insert(key, Arc::downgrade(&shared));
    Ok(shared)
}

/// A connection that could not be made, with every cause (a TLS refusal
/// says which certificate check failed).
fn unreachable(e: deadpool_postgres::PoolError) -> StoreError {
    StoreError::Server(format!("cannot connect to PostgreSQL: {}", with_causes(&e)))
}

/// What libpq reads from a connection string and tokio-postgres does not:
/// `sslrootcert`, and the `verify-ca`/`verify-full` modes (undoc always
/// verifies the name and the chain, so both read as `require`).
#[derive(Debug, Default, PartialEq, Eq)]
struct TlsOptions {
    root_certificates: Option<std::path::PathBuf>,
}

/// The connection string tokio-postgres can parse, and the TLS options
/// taken out of it. Both forms: `postgres://…?sslrootcert=…` and
/// `host=… sslrootcert=…`.
fn split_tls_options(url: &str) -> (String, TlsOptions) {
    let mut options = TlsOptions::default();
    // Anything else passes untouched (a quoted password with spaces included).
    if !url.contains("sslrootcert") && !url.contains("sslmode=verify") {
        return (url.to_owned(), options);
    }
    let mut take = |key: &str, value: String| -> Option<String> {
        match key {
            "sslrootcert" => {
                options.root_certificates = Some(value.into());
                None
            }
            "sslmode" if value == "verify-ca" || value == "verify-full" => {
                Some("require".to_owned())
            }
            _ => Some(value),
        }
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else {
            return (url.to_owned(), options);
        };
        let mut kept = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if let Some(value) = take(&key, value.into_owned()) {
                kept.append_pair(&key, &value);
            }
        }
        let kept = kept.finish();
        let url = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{kept}")
        };
        return (url, options);
    }
    let mut kept = Vec::new();
    for word in url.split_whitespace() {
        match word.split_once('=') {
            Some((key, value)) => {
                if let Some(value) = take(key, value.to_owned()) {
                    kept.push(format!("{key}={value}"));
                }
            }
            None => kept.push(word.to_owned()),
        }
    }
    (kept.join(" "), options)
}

fn open_pool(url: &str, schema: Option<&str>) -> Result<Pool> {
    let (url, tls) = split_tls_options(url);
    let url = url.as_str();
    let mut config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| StoreError::Server(format!("{}: {e}", redact(url))))?;
    if let Some(schema) = schema {
        config.options(format!("-c search_path={schema}"));
    }
    if config.get_application_name().is_none() {
        config.application_name("undoc");
    }
    let manager_config = ManagerConfig {
        recycling_method: RecyclingMethod::Fast,
    };
    let manager = match config.get_ssl_mode() {
        SslMode::Require => Manager::from_config(config, tls_connector(&tls)?, manager_config),
        // `prefer` (the default) stays plain: a local server with a
        // self-signed certificate must not refuse undoc by default.
        _ => Manager::from_config(config, NoTls, manager_config),
    };
    let _entered = runtime()?.enter();
    Pool::builder(manager)
        .max_size(POOL_SIZE)
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(server)
}

/// TLS for `sslmode=require`: encrypted, and the server's certificate
/// verified (name and chain) against the authorities in the URL's
/// `sslrootcert` file, else `$PGSSLROOTCERT`'s, else the system's. A managed
/// database's own authority goes in that file.
fn tls_connector(options: &TlsOptions) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    let file = options
        .root_certificates
        .clone()
        .map(std::ffi::OsString::from)
        .or_else(|| std::env::var_os(ROOT_CERTIFICATES_VARIABLE));
    match file {
        Some(path) => {
            let shown = std::path::Path::new(&path).display().to_string();
            let pem = std::fs::read(&path).map_err(|e| {
                StoreError::Server(format!("{ROOT_CERTIFICATES_VARIABLE} {shown:?}: {e}"))
            })?;
            let mut found = 0;
            for certificate in rustls_pemfile::certs(&mut pem.as_slice()) {
                let certificate = certificate.map_err(|e| {
                    StoreError::Server(format!("{ROOT_CERTIFICATES_VARIABLE} {shown:?}: {e}"))
                })?;
                roots.add(certificate).map_err(|e| {
                    StoreError::Server(format!("{ROOT_CERTIFICATES_VARIABLE} {shown:?}: {e}"))
                })?;
                found += 1;
            }
            if found == 0 {
                return Err(StoreError::Server(format!(
                    "{ROOT_CERTIFICATES_VARIABLE} {shown:?}: no PEM certificate in it"
                )));
            }
        }
        None => {
            let system = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(system.certs);
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Server(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

impl Shared {
    /// A pooled connection whose statements count into `count`.
    pub async fn client<'a>(&self, count: &'a AtomicU64) -> Result<Counted<'a>> {
        let inner = self.pool.get().await.map_err(unreachable)?;
        Ok(Counted { inner, count })
    }
}

/// A pooled connection that counts the statements sent through its
/// `query*`/`execute` methods (the rest reach the connection through `Deref`).
pub struct Counted<'a> {
    inner: deadpool_postgres::Object,
    count: &'a AtomicU64,
}

impl Counted<'_> {
    fn sent(&self) {
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    pub async fn query<T: ?Sized + ToStatement>(
        &self,
        statement: &T,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Vec<Row>, tokio_postgres::Error> {
        self.sent();
        self.inner.query(statement, params).await
    }

    pub async fn query_one<T: ?Sized + ToStatement>(
        &self,
        statement: &T,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Row, tokio_postgres::Error> {
        self.sent();
        self.inner.query_one(statement, params).await
    }

    pub async fn query_opt<T: ?Sized + ToStatement>(
        &self,
        statement: &T,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Option<Row>, tokio_postgres::Error> {
        self.sent();
        self.inner.query_opt(statement, params).await
    }
}

impl std::ops::Deref for Counted<'_> {
    type Target = deadpool_postgres::Object;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl std::ops::DerefMut for Counted<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

/// The schema version of the database.
pub async fn schema_version(client: &tokio_postgres::Client) -> Result<i32> {
    let row = client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM undoc_migrations",
            &[],
        )
        .await
        .map_err(server)?;
    Ok(row.get(0))
}

/// A standby's schema: as migrated on its primary, which must have been
/// (the tables come from there), and no newer than this undoc knows.
async fn check_version(client: &tokio_postgres::Client) -> Result<()> {
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    let current = schema_version(client).await?;
    if current > known {
        return Err(StoreError::TooNew {
            found: i64::from(current),
            known: i64::from(known),
        });
    }
    if current < known {
        return Err(StoreError::Server(format!(
            "this standby's schema is version {current}, this undoc's {known}: open the primary once with this undoc to migrate it"
        )));
    }
    Ok(())
}

/// The RUM extension's schema, if migration 10 indexed this store's texts
/// with it (it did wherever the server had the extension).
pub(crate) async fn rum_schema(client: &tokio_postgres::Client) -> Result<Option<String>> {
    let row = client
        .query_opt(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'rum' AND to_regclass('doc_passages_rum') IS NOT NULL",
            &[],
        )
        .await
        .map_err(server)?;
    Ok(row.map(|r| r.get(0)))
}

/// Where the server has RUM (migration 10), one RUM index per text search
/// configuration, holding only the texts of its languages: a search reads a
/// query once per configuration, each reading restricted to its languages,
/// and takes its page in rank order from that reading's index. With one
/// index for all, each reading walked every match and visited its row to
/// check the language (at 100,000 documents, a common English word's French
/// reading found nothing in 13,841 rows and took 99 ms; in its own index,
/// 0.04 ms). The set follows `undoc-lang`'s
/// languages: an index is named by its configuration and languages, made
/// when missing and dropped when no configuration reads those languages any
/// more, so adding a language needs no migration.
async fn index_each_reading(client: &deadpool_postgres::Object) -> Result<()> {
    let Some(rum) = rum_schema(client).await? else {
        return Ok(());
    };
    let wanted: Vec<(String, String)> = crate::configurations()
        .iter()
        .map(|(languages, config)| {
            let codes: String = languages
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            (format!("documents_rum_{config}_{codes}"), languages.clone())
        })
        .collect();
    let present = client
        .query(
            "SELECT indexname FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename = 'documents'
               AND indexname LIKE 'documents\\_rum\\_%'",
            &[],
        )
        .await
        .map_err(server)?;
    for row in present {
        let name: String = row.get(0);
        if !wanted.iter().any(|(w, _)| *w == name) {
            client
                .batch_execute(&format!("DROP INDEX \"{name}\""))
                .await
                .map_err(server)?;
        }
    }
    for (name, languages) in wanted {
        client
            .batch_execute(&format!(
                "CREATE INDEX IF NOT EXISTS \"{name}\" ON documents
                 USING rum (tsv \"{rum}\".rum_tsvector_ops) WHERE language = ANY('{{{languages}}}')",
                rum = rum.replace('"', "\"\""),
            ))
            .await
            .map_err(server)?;
    }
    Ok(())
}

/// Applies the migrations the database lacks, under an advisory lock so
/// that processes starting together do not race.
async fn migrate(client: &mut deadpool_postgres::Object) -> Result<()> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(server)?;
    let result = async {
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS undoc_migrations (
                     version INTEGER PRIMARY KEY,
                     applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            )
            .await
            .map_err(server)?;
        let current = schema_version(client).await?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > known {
            return Err(StoreError::TooNew {
                found: i64::from(current),
                known: i64::from(known),
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            let tx = client.transaction().await.map_err(server)?;
            tx.batch_execute(sql).await.map_err(server)?;
            tx.execute(
                "INSERT INTO undoc_migrations (version) VALUES ($1)",
                &[version],
            )
            .await
            .map_err(server)?;
            tx.commit().await.map_err(server)?;
        }
        index_each_reading(client).await
    }
    .await;
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(server)?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_tls_options_are_taken_out_of_either_form_of_url() {
        let (url, tls) = split_tls_options(
            "postgres://u@db.example.org:5432/undoc?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=x",
        );
        assert_eq!(
            url,
            "postgres://u@db.example.org:5432/undoc?sslmode=require&application_name=x"
        );
        assert_eq!(
            tls.root_certificates.as_deref(),
            Some(std::path::Path::new("/etc/ca.pem"))
        );
        let (url, tls) = split_tls_options("host=db port=5432 sslmode=require sslrootcert=/ca.pem");
        assert_eq!(url, "host=db port=5432 sslmode=require");
        assert_eq!(
            tls.root_certificates.as_deref(),
            Some(std::path::Path::new("/ca.pem"))
        );
        let (url, tls) = split_tls_options("postgres://u@localhost/db");
        assert_eq!(
            (url.as_str(), tls),
            ("postgres://u@localhost/db", TlsOptions::default())
        );
        let (url, _) = split_tls_options("postgres://u@localhost/db?sslrootcert=/x");
        assert_eq!(url, "postgres://u@localhost/db");
    }
}
