//! The embedded store against the behavioural suite, plus what only SQLite has:
//! migrations and the on-disk layout.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_store::{SqliteStore, Store, StoreError};

#[test]
fn sqlite_passes_the_behavioural_suite() {
    let mut dirs = Vec::new();
    undoc_store::conformance::run_all(&mut || {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        dirs.push(dir);
        Box::new(store) as Box<dyn Store>
    });
}

#[test]
fn a_new_store_is_at_the_latest_schema_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    drop(store);
    let again = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(again.schema_version().unwrap(), 1);
}

#[test]
fn a_store_from_a_newer_undoc_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    drop(SqliteStore::open(dir.path()).unwrap());
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    match SqliteStore::open(dir.path()) {
        Err(StoreError::TooNew {
            found: 99,
            known: 1,
        }) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
}
