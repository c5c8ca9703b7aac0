//! `undoc import-marc` on the UN Digital Library's own catalogue records:
//! kept whole and written back field for field, and joined to the stored
//! documents they describe.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn catalogue_file() -> Option<PathBuf> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/undl-marc/session_78_committee_3_drafts.marcxml");
    if file.is_file() {
        return Some(file);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus is missing under CI"
    );
    eprintln!("skipped: {} not found", file.display());
    None
}

fn undoc(store: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("undoc"))
        .arg("--store")
        .arg(store)
        .env_remove("UNDOC_STORE")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A draft of the Third Committee with the masthead of A/C.3/78/L.49/Rev.1.
/// The corpus has the catalogue record but not the document, so the test
/// writes the document's first page as text.
const DRAFT: &str =
    "United Nations                                                  A/C.3/78/L.49/Rev.1

General Assembly                                                Distr.: Limited
                                                                8 November 2023

                                                                Original: English

Seventy-eighth session
Third Committee
Agenda item 71 (b)
Promotion and protection of human rights: human rights questions,
including alternative approaches for improving the effective
enjoyment of human rights and fundamental freedoms

          Argentina, Armenia, Austria and Belgium: revised draft resolution

          Promotion and protection of human rights in the context of digital technologies

          The General Assembly,

          Reaffirming its resolution 77/211 of 15 December 2022,

          1. Calls upon all States to respect human rights in the context of digital technologies;
";

#[test]
fn imported_catalogue_records_come_back_field_for_field_and_enrich_documents() {
    let Some(file) = catalogue_file() else { return };
    let original = undoc_marc::read(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(original.len(), 94);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file_arg = file.to_str().unwrap();

    let report = stdout(&undoc(&store, &["import-marc", file_arg]));
    assert!(
        report.starts_with("catalogue records: added 94, updated 0, unchanged 0"),
        "{report}"
    );
    let again = stdout(&undoc(&store, &["import-marc", file_arg]));
    assert!(
        again.starts_with("catalogue records: added 0, updated 0, unchanged 94"),
        "{again}"
    );

    // The whole store is the 94 records, as the catalogue wrote them.
    let exported =
        undoc_marc::read(&stdout(&undoc(&store, &["export", "--format", "marcxml"]))).unwrap();
    let mut expected = original.clone();
    let key =
        |r: &undoc_marc::MarcRecord| r.values("191", "a").next().unwrap_or_default().to_owned();
    expected.sort_by_key(key);
    let mut got = exported.clone();
    got.sort_by_key(key);
    assert_eq!(got.len(), 94);
    for (a, b) in got.iter().zip(&expected) {
        assert_eq!(a, b, "record {}", key(b));
    }

    // A document the catalogue describes gains its subjects and authors,
    // and its MARC export is the catalogue's record.
    let record = original
        .iter()
        .find(|r| r.values("191", "a").any(|s| s == "A/C.3/78/L.49/Rev.1"))
        .unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, DRAFT).unwrap();
    stdout(&undoc(&store, &["ingest", draft.to_str().unwrap()]));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&undoc(
        &store,
        &["show", "A/C.3/78/L.49/Rev.1", "--json"],
    )))
    .unwrap();
    let subjects: Vec<&str> = shown["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(subjects, record.values("650", "a").collect::<Vec<_>>());
    assert!(subjects.contains(&"DIGITAL TECHNOLOGY"), "{subjects:?}");
    let authors: Vec<&str> = shown["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(authors, record.values("710", "a").collect::<Vec<_>>());
    assert!(
        authors.starts_with(&["Argentina", "Armenia"]),
        "{authors:?}"
    );
    let one = undoc_marc::read(&stdout(&undoc(
        &store,
        &["export", "--format", "marcxml", "A/C.3/78/L.49/Rev.1"],
    )))
    .unwrap();
    assert_eq!(one, std::slice::from_ref(record));
    // Still 94 records in a whole export: the document is described once.
    let all =
        undoc_marc::read(&stdout(&undoc(&store, &["export", "--format", "marcxml"]))).unwrap();
    assert_eq!(all.len(), 94);
    // A record with no stored document is exported by its symbol too.
    let other = undoc_marc::read(&stdout(&undoc(
        &store,
        &["export", "--format", "marcxml", "A/C.3/78/L.60"],
    )));
    assert!(
        other.is_ok_and(|r| r.len() == 1 && r[0].values("191", "a").any(|s| s == "A/C.3/78/L.60"))
    );
}

#[test]
fn a_broken_catalogue_file_is_named_skipped_and_loses_nothing() {
    let Some(file) = catalogue_file() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    stdout(&undoc(&store, &["import-marc", file.to_str().unwrap()]));

    // Cut in the middle of a record; and a file in another namespace.
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = dir.path().join("cut.marcxml");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let foreign = dir.path().join("foreign.xml");
    std::fs::write(
        &foreign,
        r#"<collection xmlns="http://example.org/not-marc"><record><controlfield tag="001">1</controlfield></record></collection>"#,
    )
    .unwrap();
    let out = undoc(
        &store,
        &[
            "import-marc",
            cut.to_str().unwrap(),
            foreign.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line per bad file: {stderr}");
    assert!(lines[0].contains("cut.marcxml: record 47"), "{stderr}");
    assert!(lines[1].contains("foreign.xml"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged 94, failed files 2"));
    let all =
        undoc_marc::read(&stdout(&undoc(&store, &["export", "--format", "marcxml"]))).unwrap();
    assert_eq!(all.len(), 94, "nothing stored before is lost");
}
