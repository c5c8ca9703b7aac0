//! The tantivy index against the search suite every engine passes
//! (`undoc_search::conformance`); `undoc-postgres` runs the same suite.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_index::{Search, SearchIndex};
use undoc_store::{SqliteStore, Store};

#[test]
fn tantivy_passes_the_search_suite() {
    let mut dirs = Vec::new();
    undoc_search::conformance::run_all(&mut || {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let (index, _) = SearchIndex::open(&undoc_index::dir_in_store(dir.path()), &store).unwrap();
        dirs.push(dir);
        (
            Box::new(store) as Box<dyn Store>,
            Box::new(index) as Box<dyn Search>,
        )
    });
}
