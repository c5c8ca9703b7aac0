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
