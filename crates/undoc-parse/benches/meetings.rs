//! Meeting records: the nine with a text layer in the corpus, already
//! extracted, parsed whole (`meeting_parse`, records/s and MB/s) against the
//! reading of their meeting, speeches and decisions alone
//! (`meeting_reading`, on the same paragraphs): the plain parse is the
//! difference. Then a State's speeches in a store of 100 synthetic meeting
//! records of 150 speeches each (`speeches_of_state`, with words), against
//! reading one record (`get_one_record_baseline`); `percentiles` prints
//! p50/p99 of both over 200 runs.
//!
//! Run: `cargo bench -p undoc-parse --bench meetings`. Quote ratios, not times.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use undoc_extract::{Extracted, Options, PdfExtractor};
use undoc_model::Record;
use undoc_store::Store;

fn main() {
    percentiles();
    divan::main();
}

fn extracted() -> &'static [Extracted] {
    static TEXTS: OnceLock<Vec<Extracted>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/meetings");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.extension().is_some_and(|e| e == "pdf") && !p.to_string_lossy().contains("_1950_")
        });
        files.sort();
        let options = Options {
            pdf: PdfExtractor::Builtin,
            ..Default::default()
        };
        files
            .iter()
            .map(|f| undoc_extract::extract_path(f, &options).unwrap())
            .collect()
    })
}

fn text_bytes() -> usize {
    extracted()
        .iter()
        .map(|e| e.pages.iter().map(String::len).sum::<usize>())
        .sum()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn meeting_parse(bencher: Bencher) {
    let texts = extracted();
    bencher
        .counter(BytesCount::new(text_bytes()))
        .counter(ItemsCount::new(texts.len()))
        .bench(|| {
            for e in texts {
                black_box(undoc_parse::parse("bench", e));
            }
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn meeting_reading(bencher: Bencher) {
    let records: Vec<Record> = extracted()
        .iter()
        .map(|e| undoc_parse::parse("bench", e))
        .collect();
    bencher
        .counter(BytesCount::new(text_bytes()))
        .counter(ItemsCount::new(records.len()))
        .bench(|| {
            for r in &records {
                black_box(undoc_parse::read_meeting(&r.symbols, &r.paragraphs));
            }
        });
}

const STATES: [&str; 6] = [
    "Armenia",
    "Azerbaijan",
    "France",
    "China",
    "Russian Federation",
    "United States of America",
];

/// 100 meeting records of 150 speeches each, the speakers' States in turn.
fn synthetic_store() -> (tempfile::TempDir, undoc_store::SqliteStore) {
    {
        let dir = tempfile::tempdir().unwrap();
        let mut store = undoc_store::SqliteStore::open(dir.path()).unwrap();
        for m in 0..100 {
            let speakers: Vec<(String, String)> = (0..150)
                .map(|s| {
                    let state = STATES[(m + s) % STATES.len()];
                    (
                        format!("Mr. Speaker{s}"),
                        format!(
                            "{state} speaks at meeting {m} on the situation in the region, on peace and security, and on the draft resolution before the Council. {}",
                            "The delegation recalls its earlier statements. ".repeat(20)
                        ),
                    )
                })
                .collect();
            let refs: Vec<(&str, Option<&str>, &str)> = speakers
                .iter()
                .enumerate()
                .map(|(s, (name, words))| {
                    (
                        name.as_str(),
                        Some(STATES[(m + s) % STATES.len()]),
                        words.as_str(),
                    )
                })
                .collect();
            let record = undoc_store::conformance::meeting(
                &format!("S/PV.{}", 9000 + m),
                &format!("2025-{:02}-{:02}", 1 + m % 12, 1 + m % 28),
                &refs,
                &format!("S/RES/{} (2025)", 2700 + m),
            );
            undoc_store::conformance::put(&mut store, &record, format!("m{m}").as_bytes());
        }
        (dir, store)
    }
}

thread_local! {
    /// The store is not `Sync`: each thread that benches builds its own.
    static STORE: (tempfile::TempDir, undoc_store::SqliteStore) = synthetic_store();
}

fn speeches_query(store: &dyn Store) -> usize {
    let filter = undoc_store::StatementFilter::new("draft resolution", None, None);
    store
        .speeches_of("Armenia")
        .unwrap()
        .iter()
        .filter(|s| filter.matches(s))
        .count()
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn speeches_of_state(bencher: Bencher) {
    bencher.bench_local(|| STORE.with(|(_, store)| black_box(speeches_query(store))));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn get_one_record_baseline(bencher: Bencher) {
    bencher.bench_local(|| STORE.with(|(_, store)| black_box(store.get("S/PV.9050").unwrap())));
}

/// p50 and p99 of a State's speeches and of the baseline, 200 runs each.
fn percentiles() {
    STORE.with(|(_, store)| percentiles_in(store));
}

fn percentiles_in(store: &undoc_store::SqliteStore) {
    let measure = |f: &dyn Fn()| {
        let mut times: Vec<f64> = (0..200)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        (times[99], times[197])
    };
    let speeches = measure(&|| {
        black_box(speeches_query(store));
    });
    let baseline = measure(&|| {
        black_box(store.get("S/PV.9050").unwrap());
    });
    println!(
        "speeches_of(Armenia) + words over 15,000 speeches: p50 {:.2} ms, p99 {:.2} ms; one record's get: p50 {:.2} ms, p99 {:.2} ms; ratios p50 {:.1}, p99 {:.1}",
        speeches.0,
        speeches.1,
        baseline.0,
        baseline.1,
        speeches.0 / baseline.0,
        speeches.1 / baseline.1
    );
}
