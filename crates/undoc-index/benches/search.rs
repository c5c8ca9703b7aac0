//! Search on the real corpus (every PDF and text of `../shared/corpus/`, parsed
//! and stored once, outside the timed part), against a baseline measured in the
//! same run: a case-insensitive scan of the same body texts in memory for the
//! same words, which is what a search without an index has to do.
//! Run: `cargo bench -p undoc-index`. Quote ratios. (`benches/corpus-scale.sh`
//! measures the same at 100,000 documents against ripgrep.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::Path;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use undoc_index::{SearchIndex, SearchRequest};
use undoc_store::{NewDocument, SqliteStore, Store};

fn main() {
    divan::main();
}

const WORDS: [&str; 8] = [
    "ceasefire",
    "zangezur",
    "humanitarian",
    "sanctions",
    "refugees",
    "nuclear",
    "libya",
    "cyprus",
];

/// Queries whose words lie deep in long meeting records only (past the
/// first 4,000 characters, where the highlighter's opening ends): the
/// passage is found in the stored body before it is highlighted.
const DEEP: [&str; 4] = [
    "quintana aranguren",
    "relationship agreement",
    "nebenzia",
    "inderfurth",
];

/// Names the record spells several ways, typed the rarer way: each search
/// with few hits is widened to the index's close spellings.
const SPELT: [&str; 4] = ["zangazur", "garabagh", "sumgait", "zangezour"];

struct Fixture {
    _dir: tempfile::TempDir,
    /// Every search run by the engine: what the engine's benchmarks time.
    index: SearchIndex,
    /// The same index as `undoc serve` holds it, answering a repeated
    /// search from memory.
    cached: SearchIndex,
    lowercase_bodies: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(dir.path()).unwrap();
        let options = undoc_extract::Options {
            pdf: undoc_extract::PdfExtractor::Builtin,
            ..Default::default()
        };
        let mut bodies = Vec::new();
        for sub in ["letters", "other", "meetings", "sc-resolutions"] {
            let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
                continue;
            };
            for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if !path.extension().is_some_and(|e| e == "pdf" || e == "txt") {
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let ext = undoc_extract::extension_of(&path);
                let Ok(extracted) =
                    undoc_extract::extract_bytes(&bytes, ext.as_deref(), Some(&path), &options)
                else {
                    continue;
                };
                let Ok(mut record) =
                    undoc_parse::parse_checked(&path.display().to_string(), &extracted)
                else {
                    continue;
                };
                undoc_refs::annotate(&mut record);
                bodies.push(record.body_text().to_lowercase());
                let hash: String = {
                    use sha2::Digest;
                    sha2::Sha256::digest(&bytes)
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect()
                };
                let doc = NewDocument {
                    record: &record,
                    file: &bytes,
                    file_hash: &hash,
                    file_name: "doc",
                };
                store.put_batch(&[doc]).unwrap();
            }
        }
        let index = SearchIndex::rebuild(&dir.path().join("index"), &store)
            .unwrap()
            .without_cache();
        let (cached, _) = SearchIndex::open(&dir.path().join("index"), &store).unwrap();
        Fixture {
            _dir: dir,
            index,
            cached,
            lowercase_bodies: bodies,
        }
    })
}

/// The total hits of each query searched with a page of 20, by `search`.
fn searched(queries: &[&str], search: impl Fn(&SearchRequest) -> usize) -> usize {
    queries
        .iter()
        .map(|query| {
            search(&SearchRequest {
                query: (*query).to_owned(),
                limit: 20,
                ..Default::default()
            })
        })
        .sum()
}

/// The index's own search, as typed.
fn as_typed(request: &SearchRequest) -> usize {
    fixture().index.search(request).unwrap().total
}

#[divan::bench(sample_count = 30)]
fn index_search_with_facets_and_snippets(bencher: Bencher) {
    fixture();
    bencher.bench(|| black_box(searched(&WORDS, as_typed)));
}

#[divan::bench(sample_count = 30)]
fn index_search_deep_matches_with_snippets(bencher: Bencher) {
    fixture();
    let queries = [DEEP, DEEP].concat();
    bencher.bench(|| black_box(searched(&queries, as_typed)));
}

#[divan::bench(sample_count = 30)]
fn search_as_meant_with_close_spellings(bencher: Bencher) {
    let f = fixture();
    let budget = undoc_index::Budget::default();
    let queries = [SPELT, SPELT].concat();
    bencher.bench(|| {
        black_box(searched(&queries, |request| {
            undoc_index::search_as_meant(&f.index, request, &budget)
                .unwrap()
                .total
        }))
    });
}

/// The same queries as typed, without looking for other spellings: what
/// widening costs on top.
#[divan::bench(sample_count = 30)]
fn the_same_queries_as_typed(bencher: Bencher) {
    fixture();
    let queries = [SPELT, SPELT].concat();
    bencher.bench(|| black_box(searched(&queries, as_typed)));
}

/// A common pair of words, matching most of the corpus: facets and
/// ranking over every match, snippets for a page of 20 — and for one.
#[divan::bench(args = [1, 20], sample_count = 30)]
fn common_words_page_of(bencher: Bencher, limit: usize) {
    let f = fixture();
    let request = common_words(limit);
    bencher.bench(|| black_box(f.index.search(&request).unwrap().total));
}

fn common_words(limit: usize) -> SearchRequest {
    SearchRequest {
        query: "security council".to_owned(),
        limit,
        ..Default::default()
    }
}

/// The same common words under a filter, as a reader narrows a search: the
/// page ranked among the filtered matches (the words' terms walked as one
/// union), the counts from the filter's kept totals.
#[divan::bench(sample_count = 30)]
fn common_words_under_a_filter(bencher: Bencher) {
    let f = fixture();
    let mut request = common_words(20);
    request.filters.organ = Some("S".into());
    bencher.bench(|| black_box(f.index.search(&request).unwrap().total));
}

/// The same common words searched again on an unchanged index, as a server
/// sees a popular query: answered from memory, against the engine's run above.
#[divan::bench(args = [1, 20], sample_count = 30)]
fn common_words_again_page_of(bencher: Bencher, limit: usize) {
    let f = fixture();
    let request = common_words(limit);
    bencher.bench(|| black_box(f.cached.search(&request).unwrap().total));
}

#[divan::bench(sample_count = 30)]
fn baseline_scan_of_the_texts(bencher: Bencher) {
    let f = fixture();
    bencher.bench(|| {
        let mut hits = 0;
        for word in WORDS {
            hits += f
                .lowercase_bodies
                .iter()
                .filter(|b| b.contains(word))
                .count();
        }
        black_box(hits)
    });
}
