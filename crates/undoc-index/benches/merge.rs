//! A merge of eight segments, read through mapped files (tantivy's
//! `MmapDirectory`, the baseline) and by copy (`CopyingDirectory`, what the
//! index writer reads through since issue 19): what reading by copy costs a
//! merge's time. The segments hold the corpus's Security Council
//! resolutions, each segment all of them, with positions and stored bodies
//! as the engine's fields have. The merged index is a fresh copy each time,
//! made outside the timed part.
//! Run: `cargo bench -p undoc-index --bench merge`. Quote the ratio.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::Path;
use std::sync::OnceLock;

use divan::Bencher;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::{STORED, STRING, Schema, TEXT};
use tantivy::{Directory, Index, IndexWriter, TantivyDocument};
use undoc_index::CopyingDirectory;

fn main() {
    divan::main();
}

const SEGMENTS: usize = 8;

/// The unmerged index, built once.
fn template() -> &'static tempfile::TempDir {
    static T: OnceLock<tempfile::TempDir> = OnceLock::new();
    T.get_or_init(|| {
        let corpus =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/sc-resolutions");
        let mut texts: Vec<String> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect();
        texts.sort();
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let body = schema.add_text_field("body", TEXT | STORED);
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for segment in 0..SEGMENTS {
            for (i, text) in texts.iter().enumerate() {
                let mut doc = TantivyDocument::default();
                doc.add_text(id, format!("{segment}-{i}"));
                doc.add_text(body, text);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        dir
    })
}

fn fresh_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(template().path()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
    }
    copy
}

fn merge_all(directory: impl Directory) {
    let index = Index::open(directory).unwrap();
    let segments = index.searchable_segment_ids().unwrap();
    assert_eq!(segments.len(), SEGMENTS);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 32 << 20).unwrap();
    writer.merge(&segments).wait().unwrap();
    writer.wait_merging_threads().unwrap();
}

/// Times the merge of a fresh copy of the template opened through `open`.
fn merge_through<D: Directory>(bencher: Bencher, open: fn(&Path) -> tantivy::Result<D>) {
    bencher.with_inputs(fresh_copy).bench_local_values(|dir| {
        merge_all(open(dir.path()).unwrap());
        dir
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn mapped_baseline(bencher: Bencher) {
    merge_through(bencher, |path| Ok(MmapDirectory::open(path)?));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn copied(bencher: Bencher) {
    merge_through(bencher, CopyingDirectory::open);
}
