//! The search index that follows a PostgreSQL store (`undoc --index`).
//! Needs a server: `UNDOC_TEST_POSTGRES=postgres://…` (`.ci/run` starts
//! one); without it these tests say they were skipped, except under
//! `CI=true`, where they must run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::path::Path;

#[path = "../../undoc-postgres/tests/common/mod.rs"]
mod common;
use common::server;

use undoc_backend::Following;
use undoc_postgres::PgStore;
use undoc_search::{Freshness, Search, SearchRequest};
use undoc_store::Store;

/// A schema of its own for each test.
fn fresh_schema(url: &str, tag: &str) -> String {
    common::fresh_schema_name(url, &format!("follow_{tag}"))
}

fn connect(url: &str, schema: &str) -> PgStore {
    PgStore::connect_in_schema(url, Some(schema)).unwrap()
}

/// Stores letters of the corpus, as an ingest in another process would.
fn ingest(store: &mut PgStore, letters: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/letters");
    for name in letters {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let outcome =
            undoc_ingest::ingest_bytes(store, name, &bytes, &undoc_ingest::Options::default())
                .unwrap();
        assert!(
            matches!(outcome, undoc_ingest::Outcome::Added(_)),
            "{name}: {outcome:?}"
        );
    }
}

fn found(engine: &dyn Search, words: &str) -> Vec<String> {
    engine
        .search(&SearchRequest {
            query: words.to_owned(),
            limit: 20,
            ..SearchRequest::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

const LETTERS: [&str; 6] = [
    "A_79_716.en.pdf",
    "A_79_718.en.pdf",
    "A_79_722.en.pdf",
    "A_79_729.en.pdf",
    "A_79_730.en.pdf",
    "A_79_737.en.pdf",
];

/// The index that follows PostgreSQL is the embedded engine: it passes the
/// suite both engines pass.
#[test]
fn an_index_following_postgres_passes_the_search_suite() {
    let Some(url) = server() else { return };
    let folders = tempfile::tempdir().unwrap();
    let mut schemas = Vec::new();
    undoc_search::conformance::run_all(&mut || {
        let schema = fresh_schema(&url, "suite");
        let store = connect(&url, &schema);
        let (engine, freshness) =
            Following::open(&folders.path().join(&schema), connect(&url, &schema)).unwrap();
        assert_eq!(
            freshness,
            Freshness::Rebuilt(undoc_search::RebuildReason::Missing)
        );
        schemas.push(schema);
        (
            Box::new(store) as Box<dyn Store>,
            Box::new(engine) as Box<dyn Search>,
        )
    });
    for schema in schemas {
        PgStore::drop_schema(&url, &schema).unwrap();
    }
}

/// Issue 19: a server's index follows what other processes write to the
/// database. A letter stored by another connection (A/79/796, which spells
/// "Zangazur") is found by the next search, and catching up reads that
/// letter only, not the store: its statements are as many with six
/// letters stored as with twelve.
#[test]
fn the_next_search_finds_what_another_process_wrote_reading_only_that() {
    let Some(url) = server() else { return };
    let folders = tempfile::tempdir().unwrap();
    let mut statements_to_catch_up = Vec::new();
    for stored in [&LETTERS[..3], &LETTERS[..]] {
        let schema = fresh_schema(&url, "next");
        let mut writer = connect(&url, &schema);
        ingest(&mut writer, stored);
        let follower_store = connect(&url, &schema);
        let (engine, freshness) =
            Following::open(&folders.path().join(&schema), follower_store).unwrap();
        assert!(matches!(freshness, Freshness::Rebuilt(_)), "{freshness:?}");
        assert_eq!(engine.num_docs(), stored.len() as u64);
        assert!(found(&engine, "Zangazur").is_empty());

        ingest(&mut writer, &["A_79_796.en.pdf"]);
        let before = engine.statements();
        assert_eq!(found(&engine, "Zangazur"), ["A/79/796"]);
        statements_to_catch_up.push(engine.statements() - before);
        assert_eq!(engine.num_docs(), stored.len() as u64 + 1);

        // Nothing written since: one look at the generation.
        let before = engine.statements();
        assert_eq!(found(&engine, "Zangazur"), ["A/79/796"]);
        assert_eq!(engine.statements() - before, 1);

        // Removed by another process: gone from the next search.
        assert_eq!(writer.remove(&["A/79/796"]).unwrap(), 1);
        assert!(found(&engine, "Zangazur").is_empty());
        assert_eq!(engine.num_docs(), stored.len() as u64);
        drop(engine);
        PgStore::drop_schema(&url, &schema).unwrap();
    }
    assert_eq!(
        statements_to_catch_up[0], statements_to_catch_up[1],
        "catching up read the store, not the change: {statements_to_catch_up:?}"
    );
}

/// An index left behind (a server stopped while others wrote) is caught up
/// from the change log when opened again, not rebuilt; one whose
/// generation the log cannot answer for (a database recreated since) is.
#[test]
fn an_index_reopened_behind_the_database_catches_up_from_its_log() {
    let Some(url) = server() else { return };
    let folders = tempfile::tempdir().unwrap();
    let schema = fresh_schema(&url, "reopen");
    let dir = folders.path().join("index");
    let mut writer = connect(&url, &schema);
    ingest(&mut writer, &LETTERS[..2]);
    let (engine, _) = Following::open(&dir, connect(&url, &schema)).unwrap();
    drop(engine);

    ingest(&mut writer, &["A_79_796.en.pdf"]);
    let (engine, freshness) = Following::open(&dir, connect(&url, &schema)).unwrap();
    assert_eq!(freshness, Freshness::Current);
    assert_eq!(found(&engine, "Zangazur"), ["A/79/796"]);
    drop(engine);

    // The same folder against a database begun again (another schema here):
    // its generations start over, below the index's.
    PgStore::drop_schema(&url, &schema).unwrap();
    let schema = fresh_schema(&url, "reopen");
    let mut writer = connect(&url, &schema);
    ingest(&mut writer, &LETTERS[..1]);
    let (engine, freshness) = Following::open(&dir, connect(&url, &schema)).unwrap();
    assert_eq!(
        freshness,
        Freshness::Rebuilt(undoc_search::RebuildReason::Stale)
    );
    assert_eq!(engine.num_docs(), 1);
    assert!(found(&engine, "Zangazur").is_empty());
    drop(engine);
    PgStore::drop_schema(&url, &schema).unwrap();
}
