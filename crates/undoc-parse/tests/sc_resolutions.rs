//! Every Security Council resolution text of `../shared/corpus/sc-resolutions/`
//! (1946-1994, and a few later) has the symbol `S/RES/N (YYYY)` and the title
//! "Resolution N (YYYY)" of its file, whatever its first lines hold: S/RES/126
//! (1957) began with a footnote ("DOCUMENTS/3821.", "7 See footnote 4."),
//! S/RES/131 (1958) with "S/4122.", 92 with "The Security Council,".

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::path::Path;

#[test]
fn every_resolution_text_has_its_symbol_and_title() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/sc-resolutions");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            dir.display()
        );
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let options = undoc_extract::Options::default();
    let (mut checked, mut wrong) = (0, Vec::new());
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = path.display().to_string();
        let Some(want) = undoc_symbol::from_file_name(&source).filter(|s| s.starts_with("S/RES/"))
        else {
            continue; // the dataset's record table
        };
        let extracted = undoc_extract::extract_path(&path, &options).unwrap();
        let record = undoc_parse::parse(&source, &extracted);
        let heading = format!("Resolution {}", want.trim_start_matches("S/RES/"));
        if record.symbols != [want.clone()]
            || !record.title.as_deref().unwrap_or("").starts_with(&heading)
        {
            wrong.push(format!(
                "{}: {:?} {:?}",
                path.display(),
                record.symbols,
                record.title
            ));
        }
        checked += 1;
    }
    assert!(checked >= 902, "{checked} resolution texts");
    eprintln!("{checked} resolution texts, {} wrong", wrong.len());
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
