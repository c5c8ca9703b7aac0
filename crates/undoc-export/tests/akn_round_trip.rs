#![allow(clippy::unwrap_used, clippy::expect_used)]
//! What undoc writes as Akoma Ntoso, undoc reads back as the same document:
//! the writer (`undoc_export::akn`) and the reader (`undoc_akn`) share one
//! vocabulary (document elements and names, organs' actors, language codes),
//! so symbol, type, organs, date and language survive the trip, for the UN's
//! own AKN files and for documents read from PDFs.

use std::path::{Path, PathBuf};

use undoc_model::{DocType, Record};

fn corpus(part: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(part);
    assert!(dir.exists(), "the corpus is needed: {}", dir.display());
    dir
}

fn from_pdf(part: &str, name: &str) -> Record {
    let path = corpus(part).join(name);
    let options = undoc_extract::Options {
        pdf: undoc_extract::PdfExtractor::Builtin,
        ..Default::default()
    };
    let extracted = undoc_extract::extract_path(&path, &options).unwrap();
    undoc_parse::parse(&path.display().to_string(), &extracted)
}

fn from_akn(part: &str, name: &str) -> Record {
    let path = corpus(part).join(name);
    let xml = std::fs::read_to_string(&path).unwrap();
    undoc_akn::parse(
        &path.display().to_string(),
        xml.trim_start_matches('\u{feff}'),
    )
    .unwrap()
}

fn round_trip(original: &Record) -> Record {
    let mut xml = String::new();
    undoc_export::akn::write_document(original, &mut xml);
    undoc_akn::parse(&undoc_export::akn::file_name(original), &xml)
        .unwrap_or_else(|e| panic!("{:?}: written AKN not read: {e}", original.symbols))
}

fn organs(r: &Record) -> Vec<&str> {
    r.bodies.iter().map(|b| b.organ.as_str()).collect()
}

fn assert_same_document(original: &Record, read: &Record) {
    let name = &original.symbols;
    assert_eq!(read.symbols, original.symbols, "{name:?}: symbols");
    assert_eq!(read.doc_type, original.doc_type, "{name:?}: type");
    assert_eq!(organs(read), organs(original), "{name:?}: organs");
    assert_eq!(read.bodies, original.bodies, "{name:?}: sessions and years");
    assert_eq!(read.date, original.date, "{name:?}: date");
    assert_eq!(read.language, original.language, "{name:?}: language");
}

#[test]
fn the_uns_akn_files_survive_a_write_and_a_read() {
    for (part, name) in [
        (
            "akn-ga-resolutions/80session/English",
            "A_RES_80_1-2515106E.xml",
        ),
        (
            "akn-ga-resolutions/80session/French",
            "A_RES_80_1-2515106F.xml",
        ),
        (
            "akn-ga-resolutions/_history_SC/78session/English",
            "S_RES_2674_E.xml",
        ),
    ] {
        let original = from_akn(part, name);
        assert_same_document(&original, &round_trip(&original));
    }
}

/// Regression: the reader took every AKN file for the General Assembly's,
/// so the Security Council's resolution 2674 (2023), whose work IRI names
/// `unsc`, came out with the organ `A`.
#[test]
fn a_security_council_resolution_in_akn_is_the_councils() {
    let record = from_akn(
        "akn-ga-resolutions/_history_SC/78session/English",
        "S_RES_2674_E.xml",
    );
    assert_eq!(record.symbols, ["S/RES/2674 (2023)"]);
    assert_eq!(organs(&record), ["S"]);
    assert_eq!(record.bodies[0].year, Some(2023));
    assert_eq!(record.bodies[0].session, None);
    assert_eq!(record.doc_type, DocType::Resolution);
}

#[test]
fn documents_read_from_pdfs_survive_a_write_and_a_read() {
    let cases = [
        ("letters", "A_79_716.en.pdf", DocType::IdenticalLetters),
        ("other", "A_80_116.en.pdf", DocType::Report),
        ("other", "E_2025_L.13.en.pdf", DocType::DraftResolution),
        ("other", "A_78_354.en.pdf", DocType::Letter),
    ];
    for (part, name, doc_type) in cases {
        let original = from_pdf(part, name);
        assert_eq!(original.doc_type, doc_type, "{name}");
        assert_same_document(&original, &round_trip(&original));
    }
}
