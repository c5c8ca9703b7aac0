//! Scanner throughput on all the text of `../shared/corpus/` (PDFs extracted
//! and text read once, outside the timed part), against a baseline measured in
//! the same run: one `regex::Regex::find_iter` pass of a simple symbol pattern
//! over the same text. Run: `cargo bench -p undoc-refs`. Quote ratios.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// The body texts of every PDF and text document of the corpus, as the scanner sees them.
fn corpus_text() -> &'static Vec<String> {
    static TEXT: OnceLock<Vec<String>> = OnceLock::new();
    TEXT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let options = undoc_extract::Options {
            pdf: undoc_extract::PdfExtractor::Builtin,
            ..Default::default()
        };
        let mut texts = Vec::new();
        for sub in ["letters", "other", "meetings", "sc-resolutions"] {
            let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "txt"))
            {
                if let Ok(extracted) = undoc_extract::extract_path(path, &options) {
                    texts.push(undoc_parse::parse("bench", &extracted).body_text());
                }
            }
        }
        texts
    })
}

fn bytes() -> usize {
    corpus_text().iter().map(String::len).sum()
}

#[divan::bench(sample_count = 20)]
fn scanner(bencher: Bencher) {
    let texts = corpus_text();
    let ctx = undoc_refs::Context::default();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            n += undoc_refs::scan(t, &ctx, Some("en")).len();
        }
        black_box(n)
    });
}

/// What `annotate` runs: the scanner, then the worded pass (letters named
/// by date and sender, statements by meeting: one packed search for their
/// anchor words).
#[divan::bench(sample_count = 20)]
fn scanner_with_worded_references(bencher: Bencher) {
    let texts = corpus_text();
    let ctx = undoc_refs::Context::default();
    let writer = undoc_refs::described::Writer::default();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            let (refs, described) = undoc_refs::scan_all(t, &ctx, Some("en"), &writer);
            n += refs.len() + described.len();
        }
        black_box(n)
    });
}

#[divan::bench(sample_count = 20)]
fn baseline_single_regex(bencher: Bencher) {
    let texts = corpus_text();
    let pattern = regex::Regex::new(r"[A-Z]+(?:/[A-Z0-9.\-]+)+").unwrap();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            n += pattern.find_iter(t).count();
        }
        black_box(n)
    });
}

#[divan::bench(sample_count = 20)]
fn states_mentioned(bencher: Bencher) {
    let texts = corpus_text();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            n += undoc_states::mentioned(t).len();
        }
        black_box(n)
    });
}

#[divan::bench(sample_count = 20)]
fn part_written_symbols(bencher: Bencher) {
    let texts = corpus_text();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            n += undoc_refs::symbols::find(t).len();
        }
        black_box(n)
    });
}

#[divan::bench(sample_count = 20)]
fn part_numbered_resolutions(bencher: Bencher) {
    let texts = corpus_text();
    let ctx = undoc_refs::Context::default();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for t in texts {
            n += undoc_refs::resolutions::find(t, &ctx).len();
        }
        black_box(n)
    });
}
