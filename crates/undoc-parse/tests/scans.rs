//! Scans: recognised from the PDF itself on every machine, and read with OCR
//! where `tesseract` and `pdftoppm` are installed (CI installs them; a test
//! without them fails under CI and says it skipped elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::path::{Path, PathBuf};

use undoc_extract::{Ocr, Options, PdfExtractor};
use undoc_model::{Distribution, DocType, Record};

/// The corpus's scans: the 1950 Security Council record (a noisy scanner's
/// layer) and the 1948 Commission on Human Rights papers.
const SCANS: [(&str, &str); 3] = [
    ("meetings", "en_sc_1950_pv_document_492.pdf"),
    ("other", "E_CN.4_109.en.pdf"),
    ("other", "E_CN.4_149.en.pdf"),
];

fn scan_path(folder: &str, name: &str) -> Option<PathBuf> {
    Some(common::corpus(folder)?.join(name))
}

fn parse_with(path: &Path, ocr: Ocr) -> Record {
    let options = Options {
        pdf: PdfExtractor::Builtin,
        ocr,
        ..Default::default()
    };
    let extracted = undoc_extract::extract_path(path, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    undoc_parse::parse_checked(&path.display().to_string(), &extracted)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every PDF of the corpus is told a scan or not from its structure, with no
/// OCR installed: exactly the three scans are, and each says so.
#[test]
fn scans_are_recognised_and_said_so() {
    let Some(letters) = common::corpus("letters") else {
        return;
    };
    let mut files = common::pdfs(&letters);
    for folder in ["other", "meetings"] {
        files.extend(common::pdfs(&common::corpus(folder).expect("corpus")));
    }
    let mut scans = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("reads");
        let check = undoc_extract::ocr::check_scan(&bytes);
        if check.is_some_and(|c| c.is_scan()) {
            scans.push(
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    scans.sort();
    let mut want: Vec<String> = SCANS.iter().map(|(_, n)| (*n).to_owned()).collect();
    want.sort();
    assert_eq!(scans, want);
    for (folder, name) in SCANS {
        let r = parse_with(&scan_path(folder, name).expect("corpus"), Ocr::Never);
        assert_eq!(r.extractor, "pdf-extract", "{name}");
        assert!(
            r.warnings.iter().any(|w| w.starts_with("a scan (")),
            "{name}: {:?}",
            r.warnings
        );
    }
}

fn ocr_installed() -> bool {
    if undoc_extract::ocr::ocr_available() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install tesseract and pdftoppm for the OCR path"
    );
    eprintln!("skipped: tesseract or pdftoppm is not installed");
    false
}

/// OCR reads what the scanner's own layer lost: the 1948 paper's date,
/// distribution, title and language; the record says which extractor made it.
#[test]
fn ocr_reads_the_1948_papers() {
    let Some(path) = scan_path("other", "E_CN.4_149.en.pdf") else {
        return;
    };
    if !ocr_installed() {
        return;
    }
    let layer = parse_with(&path, Ocr::Never);
    let r = parse_with(&path, Ocr::Auto);
    assert_eq!(r.extractor, "tesseract");
    assert_eq!(r.symbols, ["E/CN.4/149"]);
    assert_eq!(r.date.as_deref(), Some("1948-06-17"));
    assert_eq!(layer.date, None, "the scanner's layer has no readable date");
    assert_eq!(r.distribution, Some(Distribution::General), "UNRESTRICTED");
    assert_eq!(r.language, "en");
    assert_eq!(
        r.original_language.as_deref(),
        Some("en"),
        "ORIGINAL: ENGLISI"
    );
    assert_eq!(r.bodies[0].organ, "E/CN.4");
    assert!(
        r.title
            .as_deref()
            .is_some_and(|t| t.starts_with("SECOND REPORT OF THE DRAFTING SUB-")
                && t.contains("DRAFT INTERNATIONAL DECLARATION OF HUMAN RIGHTS")),
        "{:?}",
        r.title
    );
    // The bilingual paper opens in English and goes on in French.
    let bilingual = parse_with(
        &scan_path("other", "E_CN.4_109.en.pdf").expect("corpus"),
        Ocr::Auto,
    );
    assert_eq!(bilingual.symbols, ["E/CN.4/109"]);
    assert_eq!(bilingual.language, "en");
    assert!(
        bilingual
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("First Report of the Sub-Committee")),
        "{:?}",
        bilingual.title
    );
}

/// The 1950 record: 23 pages read in place of a layer of noise.
#[test]
fn ocr_reads_the_1950_council_record() {
    let Some(path) = scan_path("meetings", "en_sc_1950_pv_document_492.pdf") else {
        return;
    };
    if !ocr_installed() {
        return;
    }
    let r = parse_with(&path, Ocr::Auto);
    assert_eq!(r.extractor, "tesseract");
    assert_eq!(r.pages, 23);
    assert_eq!(r.doc_type, DocType::MeetingRecord);
    assert_eq!(r.symbols, ["S/PV.492"]);
    assert_eq!(r.title.as_deref(), Some("492nd meeting"));
    assert_eq!(r.date.as_deref(), Some("1950-08-29"));
    let text = r.body_text();
    let opening = &text[..text.floor_char_boundary(400)];
    assert!(text.contains("Lake Success"), "OCR text: {opening}");
    assert!(
        text.contains("Present: The representatives of the"),
        "OCR text: {opening}"
    );
    assert!(text.contains("Provisional agenda"));
}
