//! A store of the corpus letters (plus the seed and a hostile document),
//! built once per test binary, and a running server over it.

#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use undoc_index::SearchIndex;
use undoc_store::SqliteStore;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn letters() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/letters");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus is missing under CI"
    );
    eprintln!("skipped: {} not found", dir.display());
    None
}

/// A letter whose masthead and body carry markup meant to run in a browser.
pub const HOSTILE: &str = "United Nations                                  A/79/9999

General Assembly                                Distr.: General
                                                1 May 2025

                                                Original: English

Seventy-ninth session
Agenda item 132
<script>alert('title')</script>

          Letter dated 30 April 2025 from the Permanent Representative of Armenia to the United Nations addressed to the Secretary-General \"><img src=x onerror=alert(1)>

          I have the honour to refer to <script>alert('body')</script> and \"><img src=x onerror=alert(2)> in document A/79/798.

          (Signed) Someone <b>Bold</b>
";

/// Ingests `files` into a store at `dir` and builds its index.
pub fn build_store(dir: &Path, files: &[PathBuf]) {
    let mut store = SqliteStore::open(dir).unwrap();
    let report = undoc_ingest::ingest(
        &mut store,
        files,
        &undoc_ingest::Options::default(),
        &|_, _| {},
    )
    .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    SearchIndex::rebuild(&undoc_index::dir_in_store(dir), &store).unwrap();
}

/// The letters, the seed, and the hostile letter.
pub fn corpus_files() -> Option<Vec<PathBuf>> {
    let letters = letters()?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(letters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files.push(repo().join("examples/azerbaijan-letter-2021-05-07.md"));
    let hostile = std::env::temp_dir().join(format!("undoc-hostile-{}.txt", std::process::id()));
    std::fs::write(&hostile, HOSTILE).unwrap();
    files.push(hostile);
    Some(files)
}

/// The shared store (read-only tests use it).
pub fn shared_store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let files = corpus_files()?;
            let dir = run_dir("server-shared-store");
            build_store(dir.as_path(), &files);
            Some(dir)
        })
        .as_ref()
        .map(|d| d.as_path())
}

pub fn state(dir: &Path, allow_ingest: bool, token: Option<&str>) -> Arc<undoc_server::AppState> {
    undoc_server::AppState::open(undoc_server::Config {
        store: undoc_backend::Location::Embedded(dir.to_path_buf()),
        allow_ingest,
        token: token.map(str::to_owned),
        fetch: None,
        read_store: None,
    })
    .unwrap()
}

/// The seed letter's id (it has no symbol: a hash of its text).
pub fn seed_id() -> String {
    let dir = shared_store().unwrap();
    let store = SqliteStore::open(dir).unwrap();
    undoc_store::Store::ids(&store)
        .unwrap()
        .into_iter()
        .find(|id| id.starts_with("sha256:"))
        .unwrap()
}

/// The folder of a store shared by one test file's tests, emptied when the
/// file's first test asks for it. It lives in cargo's target/tmp under a
/// fixed name, not in a temporary directory: a static is never dropped, so
/// a temporary store outlived every run, and the leaked stores (182 MB each,
/// every run) filled the disk CI runs on.
pub fn run_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
