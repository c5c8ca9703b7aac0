//! What the PostgreSQL tests share: the server they run against.

/// The test server's URL (`UNDOC_TEST_POSTGRES`); without one a test says it
/// was skipped, except under `CI=true`, where it fails.
pub fn server() -> Option<String> {
    match std::env::var("UNDOC_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must give the PostgreSQL tests a server (UNDOC_TEST_POSTGRES)"
            );
            eprintln!(
                "skipped: no PostgreSQL server (set UNDOC_TEST_POSTGRES=postgres://user@host:port/db)"
            );
            None
        }
    }
}

/// A schema name of its own for each store a test asks for (`tag`, this
/// process, a counter), dropped first if a crashed run left it.
#[allow(dead_code)] // not every test binary including this makes schemas
pub fn fresh_schema_name(url: &str, tag: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let schema = format!(
        "t_{tag}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    undoc_postgres::PgStore::drop_schema(url, &schema).unwrap_or_else(|e| panic!("{e}"));
    schema
}
