//! Parse throughput on the letters corpus, with baselines measured in the same run:
//! - `pdf_parse_builtin` (extract + parse, what `undoc parse` does) against
//!   `pdf_pdftotext_baseline` (poppler's `pdftotext` alone on the same PDFs,
//!   when installed);
//! - `text_parse` (parse of already-extracted text, MB/s) against
//!   `text_copy_baseline` (copying the same bytes once).
//!
//! - `pdf_scan_check` (telling scans apart, on every PDF) against `pdf_parse_builtin`;
//! - `scan_ocr` (OCR of one scanned page, where tesseract is installed) against
//!   `scan_text_layer_baseline` (the scanner's text layer of the same page).
//!
//! Run: `cargo bench -p undoc-parse`. Quote ratios, not times.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark setup

use std::path::{Path, PathBuf};
use std::process::Command;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use undoc_extract::{Extracted, Format, Options, PdfExtractor};

fn main() {
    divan::main();
}

/// The first 40 letters: enough to be representative, short enough for divan's samples.
fn letters() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/letters");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.truncate(40);
    files
}

fn pdf_bytes(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len() as usize).unwrap_or(0))
        .sum()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn pdf_parse_builtin(bencher: Bencher) {
    let files = letters();
    let options = Options {
        pdf: PdfExtractor::Builtin,
        ..Default::default()
    };
    bencher
        .counter(BytesCount::new(pdf_bytes(&files)))
        .bench(|| {
            for f in &files {
                let extracted = undoc_extract::extract_path(f, &options).unwrap();
                black_box(undoc_parse::parse("bench", &extracted));
            }
        });
}

/// What telling scans apart adds to every PDF: the scan check alone on the
/// same letters, against `pdf_parse_builtin` (which includes it).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn pdf_scan_check(bencher: Bencher) {
    let files = letters();
    let bytes: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    bencher
        .counter(BytesCount::new(pdf_bytes(&files)))
        .bench(|| {
            for b in &bytes {
                black_box(undoc_extract::ocr::check_scan(b));
            }
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn pdf_pdftotext_baseline(bencher: Bencher) {
    let files = letters();
    if !undoc_extract::pdftotext_available() {
        eprintln!("pdftotext not installed: baseline skipped");
        return;
    }
    bencher
        .counter(BytesCount::new(pdf_bytes(&files)))
        .bench(|| {
            for f in &files {
                let out = Command::new("pdftotext").arg(f).arg("-").output().unwrap();
                black_box(out.stdout.len());
            }
        });
}

/// The letters' text, extracted once outside the timed part.
fn extracted_texts() -> Vec<Extracted> {
    let options = Options {
        pdf: PdfExtractor::Builtin,
        ..Default::default()
    };
    letters()
        .iter()
        .filter_map(|f| undoc_extract::extract_path(f, &options).ok())
        .collect()
}

fn text_bytes(docs: &[Extracted]) -> usize {
    docs.iter().flat_map(|d| &d.pages).map(String::len).sum()
}

#[divan::bench(sample_count = 20)]
fn text_parse(bencher: Bencher) {
    let docs: Vec<Extracted> = extracted_texts()
        .into_iter()
        .map(|d| Extracted {
            format: Format::Text,
            extractor: "text",
            ..d
        })
        .collect();
    bencher
        .counter(BytesCount::new(text_bytes(&docs)))
        .bench(|| {
            for d in &docs {
                black_box(undoc_parse::parse("bench", d));
            }
        });
}

#[divan::bench(sample_count = 20)]
fn text_copy_baseline(bencher: Bencher) {
    let docs = extracted_texts();
    bencher
        .counter(BytesCount::new(text_bytes(&docs)))
        .bench(|| {
            for d in &docs {
                black_box(d.pages.concat());
            }
        });
}

/// The seed letter (markdown), parsed whole; against copying its bytes.
fn seed_markdown() -> Extracted {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/azerbaijan-letter-2021-05-07.md");
    undoc_extract::extract_path(&path, &Options::default()).unwrap()
}

#[divan::bench(sample_count = 50, sample_size = 20)]
fn markdown_parse(bencher: Bencher) {
    let doc = seed_markdown();
    bencher
        .counter(BytesCount::new(text_bytes(std::slice::from_ref(&doc))))
        .bench(|| {
            black_box(undoc_parse::parse("bench", &doc));
        });
}

/// A scan (E/CN.4/149, one page): what OCR costs against reading the
/// scanner's text layer, both with the parse, in the same run. Skipped (with
/// a line saying so) where tesseract or pdftoppm is missing.
fn scan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other/E_CN.4_149.en.pdf")
}

fn parse_scan(ocr: undoc_extract::Ocr) {
    let path = scan();
    let options = Options {
        pdf: PdfExtractor::Builtin,
        ocr,
        ..Default::default()
    };
    let extracted = undoc_extract::extract_path(&path, &options).unwrap();
    black_box(undoc_parse::parse("bench", &extracted));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn scan_text_layer_baseline() {
    parse_scan(undoc_extract::Ocr::Never);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn scan_ocr(bencher: Bencher) {
    if !undoc_extract::ocr::ocr_available() {
        eprintln!("scan_ocr skipped: tesseract or pdftoppm is not installed");
        return;
    }
    bencher.bench(|| parse_scan(undoc_extract::Ocr::Always));
}
