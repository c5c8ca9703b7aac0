//! A repeated search is answered from memory, and never after the index
//! has changed: issue 19's common words ("Security Council" matches most of
//! the record) cost their facets and ranking once per index generation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_index::{SearchIndex, SearchRequest};
use undoc_store::{SqliteStore, Store};

/// Stores one Security Council resolution of the corpus as `undoc ingest`
/// would; its key.
fn store_resolution(store: &mut SqliteStore, file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/sc-resolutions")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    match undoc_ingest::ingest_bytes(store, file, &bytes, &undoc_ingest::Options::default())
        .unwrap()
    {
        undoc_ingest::Outcome::Added(id) => undoc_model::expression_key(&id, "en"),
        other => panic!("{file}: {other:?}"),
    }
}

fn security_council() -> SearchRequest {
    SearchRequest {
        query: "Security Council".into(),
        limit: 20,
        ..SearchRequest::default()
    }
}

#[test]
fn a_repeated_search_is_answered_from_memory_until_the_index_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let first = [
        "S_RES_0439_1978_EN_GOLD.txt",
        "S_RES_0822_1993_EN_GOLD.txt",
        "S_RES_0853_1993_EN_GOLD.txt",
    ];
    let keys: Vec<String> = first
        .iter()
        .map(|f| store_resolution(&mut store, f))
        .collect();
    let (mut index, _) = SearchIndex::open(&undoc_index::dir_in_store(dir.path()), &store).unwrap();
    index.update(&store, &keys).unwrap();

    let once = index.search(&security_council()).unwrap();
    let again = index.search(&security_council()).unwrap();
    assert_eq!(once.total, 3);
    assert_eq!(once, again, "the kept answer is the answer");
    let stats = index.cache_stats();
    assert_eq!((stats.hits, stats.misses), (1, 1), "{stats:?}");

    // Another page, sort or filter is another search.
    let page_two = SearchRequest {
        offset: 1,
        ..security_council()
    };
    assert_eq!(index.search(&page_two).unwrap().hits.len(), 2);
    assert_eq!(index.cache_stats().misses, 2);

    // S/RES/874 (1993) comes in: the same search sees it at once.
    let added = store_resolution(&mut store, "S_RES_0874_1993_EN_GOLD.txt");
    index.update(&store, &[added]).unwrap();
    let after = index.search(&security_council()).unwrap();
    assert_eq!(after.total, 4);
    assert!(
        after
            .hits
            .iter()
            .any(|h| h.id.starts_with("S/RES/874 (1993)"))
    );
    let stats = index.cache_stats();
    assert_eq!((stats.hits, stats.misses), (1, 3), "{stats:?}");
    assert!(stats.invalidations >= 1, "{stats:?}");

    // Removed documents leave the answer too.
    store.remove(&undoc_store::strs(&keys[..1])).unwrap();
    index.update(&store, &keys[..1]).unwrap();
    assert_eq!(index.search(&security_council()).unwrap().total, 3);

    // The engine run without the cache gives the same answer.
    let (fresh, _) = SearchIndex::open(&undoc_index::dir_in_store(dir.path()), &store).unwrap();
    let fresh = fresh.without_cache();
    assert_eq!(
        fresh.search(&security_council()).unwrap(),
        index.search(&security_council()).unwrap()
    );
    assert_eq!(fresh.cache_stats().hits, 0);
}
