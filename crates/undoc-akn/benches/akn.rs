//! Reading AKN files into records, against the XML parse alone (roxmltree
//! building the same files' trees) as the baseline in the same run.
//! `cargo bench -p undoc-akn`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

/// A sample of the corpus: every file of the 80th session (all six languages and German).
fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/akn-ga-resolutions/80session");
    let mut paths: Vec<PathBuf> = Vec::new();
    for language in std::fs::read_dir(&dir).unwrap() {
        for f in std::fs::read_dir(language.unwrap().path()).unwrap() {
            paths.push(f.unwrap().path());
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[divan::bench(sample_count = 20)]
fn xml_tree_only_baseline(bencher: divan::Bencher) {
    let files = files();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for (_, xml) in &files {
                divan::black_box(roxmltree::Document::parse(xml).unwrap());
            }
        });
}

#[divan::bench(sample_count = 20)]
fn akn_to_record(bencher: divan::Bencher) {
    let files = files();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for (source, xml) in &files {
                divan::black_box(undoc_akn::parse(source, xml).unwrap());
            }
        });
}
