//! What fetching costs over ingesting: 20 corpus letters fetched from the
//! loopback mock of ODS (answering at once, no delay) and ingested, against
//! the same 20 files read from disk and ingested, in the same run, each into
//! a fresh store. Run: `cargo bench -p undoc-fetch`; quote the ratio of the
//! two medians (the overhead of the network path), not the times.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::{Path, PathBuf};
use std::time::Duration;

use divan::Bencher;
use std::sync::atomic::AtomicBool;
use undoc_fetch::mock::{Answer, Mock};

use undoc_fetch::walk::{Plan, Report, Tally, Walk};
use undoc_fetch::{Client, Config};
use undoc_store::SqliteStore;

const LETTERS: usize = 20;

fn main() {
    divan::main();
}

fn letters() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/letters");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus is needed")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    paths.truncate(LETTERS);
    paths
}

fn symbol_of(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.trim_end_matches(".en.pdf").replace('_', "/")
}

/// Baseline: the files from disk, ingested one by one into a fresh store.
#[divan::bench(sample_count = 5)]
fn ingest_from_disk(bencher: Bencher) {
    let paths = letters();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let mut store = SqliteStore::open(dir.path()).unwrap();
            for path in &paths {
                let bytes = std::fs::read(path).unwrap();
                let name = path.file_name().unwrap().to_string_lossy();
                undoc_ingest::ingest_bytes(
                    &mut store,
                    &name,
                    &bytes,
                    &undoc_ingest::Options::default(),
                )
                .unwrap();
            }
            dir
        });
}

/// The same files fetched from the mock by symbol and stored by the fetch
/// walk (`undoc fetch`'s own path: held check, misses, ingest per document).
#[divan::bench(sample_count = 5)]
fn fetch_and_ingest(bencher: Bencher) {
    let paths = letters();
    let root = paths[0].parent().unwrap().to_path_buf();
    let mock = Mock::start(move |symbol, language, _| {
        match std::fs::read(root.join(format!("{}.{language}.pdf", symbol.replace('/', "_")))) {
            Ok(bytes) => Answer::pdf(bytes),
            Err(_) => Answer::status("404 Not Found"),
        }
    });
    let plan = Plan {
        symbols: paths.iter().map(|p| symbol_of(p)).collect(),
        languages: vec!["en".into()],
        follow: None,
        depth: 0,
        refresh: Duration::from_secs(86_400),
    };
    let stop = AtomicBool::new(false);
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let mut store = SqliteStore::open(dir.path()).unwrap();
            let mut client = Client::new(Config {
                base: mock.base.clone(),
                delay: Duration::ZERO,
                ..Config::default()
            })
            .unwrap();
            let summary = Walk {
                documents: &mut client,
                catalogue: None,
                stop: &stop,
            }
            .run(&mut store, &plan, &mut |_: &Report, _: &Tally| {})
            .unwrap();
            assert_eq!(summary.tally.fetched, LETTERS);
            dir
        });
}
