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
    assert_eq!(store.schema_version().unwrap(), 4);
    drop(store);
    let again = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(again.schema_version().unwrap(), 4);
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
            known: 4,
        }) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
}

/// A store written at schema version 1 (the first release) opens and is
/// migrated, its documents intact.
#[test]
fn a_version_1_store_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute(
        "INSERT INTO documents (id, source, file_hash, doc_type, language, record, ingested_at)
         VALUES ('A/79/1', 'a.pdf', 'h', 'letter', 'en', ?1, '0')",
        [serde_json::to_string(&undoc_store::conformance::record(
            "A/79/1",
            &["A/79/1"],
            "2025-01-01",
        ))
        .unwrap()],
    )
    .unwrap();
    drop(conn);
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    assert_eq!(store.generation().unwrap(), 0);
    assert_eq!(
        store.get("A/79/1").unwrap().map(|r| r.id),
        Some("A/79/1".to_string())
    );
}
