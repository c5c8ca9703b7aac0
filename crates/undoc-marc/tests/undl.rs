//! The 94 real UN Digital Library records of `../shared/corpus/undl-marc/`:
//! read, written, read again — field for field the same.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::path::Path;

fn records() -> Option<Vec<undoc_marc::MarcRecord>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/undl-marc/session_78_committee_3_drafts.marcxml");
    if !path.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            path.display()
        );
        eprintln!("skipped: {} not found", path.display());
        return None;
    }
    Some(undoc_marc::read(&std::fs::read_to_string(path).unwrap()).unwrap())
}

#[test]
fn the_94_records_round_trip_field_for_field() {
    let Some(records) = records() else { return };
    assert_eq!(records.len(), 94);
    let again = undoc_marc::read(&undoc_marc::write(&records)).unwrap();
    assert_eq!(again.len(), 94);
    for (a, b) in records.iter().zip(&again) {
        assert_eq!(a, b, "record {:?}", a.control("001"));
    }
    let fields: usize = records
        .iter()
        .map(|r| r.datafields.len() + r.controlfields.len())
        .sum();
    assert!(fields > 94 * 20, "{fields} fields read");
}

#[test]
fn the_catalogue_fields_are_there() {
    let Some(records) = records() else { return };
    for r in &records {
        let symbols: Vec<&str> = r.values("191", "a").collect();
        assert!(
            symbols.iter().all(|s| s.starts_with("A/C.3/78/L.")),
            "{symbols:?}"
        );
        assert_eq!(r.values("269", "a").count(), 1, "one date: {symbols:?}");
        assert!(
            r.values("245", "a").next().is_some(),
            "a title: {symbols:?}"
        );
    }
    let with_subjects = records
        .iter()
        .filter(|r| r.values("650", "a").next().is_some())
        .count();
    assert!(with_subjects > 80, "{with_subjects} records with subjects");
}
