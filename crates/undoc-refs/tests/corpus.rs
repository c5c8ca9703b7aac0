//! References on the real documents of `../shared/corpus/`: spans exact on
//! every document, the known replies and series found, and every Security
//! Council resolution that a resolution cites.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use undoc_model::{Record, Relation};

fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing under CI",
        dir.display()
    );
    eprintln!("skipped: {} not found", dir.display());
    None
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// A corpus file's annotated record. The corpus holds one file that is no
/// document (`other/A_78_1.en.pdf`, the Official Document System's "does not
/// exist" page), refused by its type; any other file that fails to read or
/// parse fails the test that asked for it.
fn record(path: &Path) -> Option<Record> {
    let options = undoc_extract::Options {
        pdf: undoc_extract::PdfExtractor::Builtin,
        ..Default::default()
    };
    let extracted = undoc_extract::extract_path(path, &options)
        .unwrap_or_else(|e| panic!("{}: not read: {e}", path.display()));
    let mut record = match undoc_parse::parse_checked(&path.display().to_string(), &extracted) {
        Ok(record) => record,
        Err(undoc_parse::ParseError::OdsPlaceholder) => return None,
        Err(e) => panic!("{}: not parsed: {e}", path.display()),
    };
    undoc_refs::annotate(&mut record);
    Some(record)
}

#[test]
fn every_span_slices_the_body_text_exactly() {
    let mut checked = 0;
    let mut references = 0;
    for (sub, ext) in [
        ("letters", "pdf"),
        ("other", "pdf"),
        ("meetings", "pdf"),
        ("sc-resolutions", "txt"),
    ] {
        let Some(dir) = corpus(sub) else { return };
        for path in files(&dir, ext) {
            let Some(r) = record(&path) else { continue };
            let body = r.body_text();
            for x in &r.references {
                assert_eq!(
                    body.get(x.start..x.end),
                    Some(x.text.as_str()),
                    "{}: {x:?}",
                    path.display()
                );
                assert!(!x.symbols.is_empty() && x.url.starts_with("https://undocs.org/"));
                for s in &x.symbols {
                    // Canonical symbols are fixed points of the grammar.
                    assert_eq!(
                        undoc_symbol::canonicalize(s).as_deref(),
                        Some(s.as_str()),
                        "{}",
                        path.display()
                    );
                }
            }
            references += r.references.len();
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} documents");
    assert!(references > 5000, "{references} references");
}

fn letters() -> BTreeMap<String, Record> {
    let Some(dir) = corpus("letters") else {
        return BTreeMap::new();
    };
    files(&dir, "pdf")
        .iter()
        .filter_map(|p| record(p))
        .map(|r| (r.id.clone(), r))
        .collect()
}

#[test]
fn the_known_replies_and_series() {
    let letters = letters();
    if letters.is_empty() {
        return;
    }
    let relation = |from: &str, to: &str| {
        letters[from]
            .references
            .iter()
            .find(|x| x.symbols.iter().any(|s| s == to))
            .map(|x| x.relation)
    };
    // Replies named in the corpus README.
    for (from, to) in [
        ("S/2025/192", "S/2025/191"),
        ("S/2025/474", "S/2025/473"),
        ("S/2025/53", "S/2025/52"),
        ("A/79/818", "A/79/798"),
        ("A/79/818", "S/2025/110"),
        ("A/79/818", "A/79/802"),
        ("A/79/818", "S/2025/123"),
        ("A/79/987", "A/79/963"),
        ("A/79/987", "S/2025/438"),
    ] {
        assert_eq!(
            relation(from, to),
            Some(Relation::RepliesTo),
            "{from} → {to}"
        );
    }
    // The Secretary-General's monthly letters, each citing the one before.
    let series = [
        "S/2025/80",
        "S/2025/147",
        "S/2025/228",
        "S/2025/302",
        "S/2025/364",
        "S/2025/455",
        "S/2025/508",
    ];
    for pair in series.windows(2) {
        assert_eq!(
            relation(pair[1], pair[0]),
            Some(Relation::Cites),
            "{} → {}",
            pair[1],
            pair[0]
        );
    }
}

/// "resolution 822 (1993)" and the numbers of "resolutions 822 (1993), 853 (1993) and …",
/// read with a plain regex independent of the scanner.
fn cited_sc_resolutions(text: &str) -> Vec<(usize, String)> {
    let list = regex::Regex::new(
        r"(?i)\bresolutions?\s+\(?((?:\d{1,4}\s*\(\d{4}\)(?:\s*,\s*(?:and\s+)?|\s+and\s+)?)+)",
    )
    .unwrap();
    let one = regex::Regex::new(r"(\d{1,4})\s*\((\d{4})\)").unwrap();
    let mut out = Vec::new();
    for caps in list.captures_iter(text) {
        let group = caps.get(1).unwrap();
        for m in one.captures_iter(group.as_str()) {
            let at = group.start() + m.get(0).unwrap().start();
            // Canonical: the number says the year (S/RES/706 (1991) misprints "587 (1991)" for 687).
            let written = format!("S/RES/{} ({})", &m[1], &m[2]);
            out.push((at, undoc_symbol::canonicalize(&written).unwrap_or(written)));
        }
    }
    out
}

#[test]
fn every_security_council_resolution_cited_by_a_resolution_is_found() {
    let Some(dir) = corpus("sc-resolutions") else {
        return;
    };
    let mut expected = 0;
    let mut misses = Vec::new();
    for path in files(&dir, "txt") {
        let Some(r) = record(&path) else { continue };
        let body = r.body_text();
        // The scanner on the whole text, own symbol included (the heading "RESOLUTION 822 (1993)").
        let found = undoc_refs::scan(&body, &undoc_refs::Context::default(), None);
        for (at, symbol) in cited_sc_resolutions(&body) {
            expected += 1;
            let hit = found
                .iter()
                .any(|x| x.start == at && x.symbols.first() == Some(&symbol));
            if !hit {
                let from = body.floor_char_boundary(at.saturating_sub(40));
                misses.push(format!(
                    "{}: {symbol} in …{}…",
                    path.file_name().unwrap().to_string_lossy(),
                    &body[from..body.ceil_char_boundary(at + 20)]
                ));
            }
        }
    }
    eprintln!(
        "{expected} citations of Security Council resolutions, {} missed",
        misses.len()
    );
    assert!(expected > 1000, "only {expected} citations counted");
    assert!(
        misses.is_empty(),
        "{} of {expected} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// The letters of the corpus that answer what was said at a meeting, each
/// with the meeting's record and the State whose representative spoke; and
/// the meetings letters report without answering a statement, which are not
/// references (S/2025/411 reports a private meeting of the Council).
#[test]
fn statements_at_meetings_name_the_record_and_the_speaker() {
    let letters = letters();
    if letters.is_empty() {
        return;
    }
    let meetings = |symbol: &str| -> Vec<(String, Option<String>)> {
        letters[symbol]
            .references
            .iter()
            .filter(|x| x.kind == undoc_model::ReferenceKind::MeetingRecord)
            .map(|x| (x.symbols[0].clone(), x.speaker_state.clone()))
            .collect()
    };
    let named = |pairs: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(s, state)| ((*s).to_owned(), state.map(str::to_owned)))
            .collect()
    };
    let united_states = Some("United States of America");
    assert_eq!(
        meetings("S/2025/505"),
        named(&[("S/PV.9973", Some("France"))])
    );
    assert_eq!(
        meetings("S/2025/502"),
        named(&[("S/PV.9970", united_states)])
    );
    assert_eq!(
        meetings("S/2025/524"),
        named(&[("S/PV.9977", united_states), ("S/PV.9978", united_states)])
    );
    assert_eq!(meetings("A/79/757"), named(&[("A/79/PV.56", None)]));
    assert!(
        !meetings("S/2025/411").iter().any(|(s, _)| s == "S/PV.9877"),
        "a meeting reported is not a statement answered"
    );
}
