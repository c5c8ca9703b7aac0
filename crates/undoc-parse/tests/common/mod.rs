//! Shared helpers for tests that read the real documents in `../shared/corpus/`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report
#![allow(dead_code)] // each test file uses its own part of these helpers

use std::path::{Path, PathBuf};

use undoc_model::Record;

/// The corpus folder beside the checkout. Under CI it must exist; elsewhere a
/// test without it says so and passes vacuously.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing: CI must have ../shared/corpus beside the checkout",
            dir.display()
        );
    }
    eprintln!("skipped: {} not found", dir.display());
    None
}

/// The PDFs of a corpus folder, sorted by name.
pub fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort();
    files
}

/// Extracts (built-in reader, as on a fresh machine) and parses one file.
pub fn parse(path: &Path) -> Result<Record, String> {
    let options = undoc_extract::Options {
        pdf: undoc_extract::PdfExtractor::Builtin,
        ..Default::default()
    };
    let extracted = undoc_extract::extract_path(path, &options).map_err(|e| e.to_string())?;
    undoc_parse::parse_checked(&path.display().to_string(), &extracted).map_err(|e| e.to_string())
}

/// The symbols a corpus file name claims: `A_79_818.en.pdf` → A/79/818;
/// `A_ES-10_1043, S_2025_529.en.pdf` → both.
pub fn symbols_in_file_name(path: &Path) -> Vec<String> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name.strip_suffix(".en.pdf").unwrap_or(name);
    stem.split(", ")
        .filter_map(|part| undoc_symbol::canonicalize(&part.replace('_', "/")))
        .collect()
}

/// The record of a passage written for a test, read as a text file named `name`.
pub fn parse_text(name: &str, text: &str) -> Record {
    let options = undoc_extract::Options::default();
    let extracted = undoc_extract::extract_bytes(text.as_bytes(), Some("txt"), None, &options)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    undoc_parse::parse(name, &extracted)
}
