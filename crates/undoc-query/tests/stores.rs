//! This crate's questions on the embedded store; `undoc-postgres`'s suite
//! runs the same checks on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_store::{SqliteStore, Store};

#[test]
fn threads_pass_the_behavioural_suite_on_sqlite() {
    let mut dirs = Vec::new();
    undoc_query::conformance::run_all(&mut || {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        dirs.push(dir);
        Box::new(store) as Box<dyn Store>
    });
}
