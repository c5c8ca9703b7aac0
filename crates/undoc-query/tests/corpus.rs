//! The link graph on the whole corpus (`../shared/corpus/`): every reference
//! of every held document names canonical nodes, and every Security Council
//! resolution cited anywhere is one node whichever written form is asked.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use undoc_store::{SqliteStore, Store};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
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

/// The whole corpus in one embedded store, ingested once.
fn store() -> Option<&'static std::sync::Mutex<SqliteStore>> {
    static STORE: OnceLock<Option<std::sync::Mutex<SqliteStore>>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let corpus = corpus()?;
            // In cargo's target/tmp under a fixed name, emptied here: a
            // static is never dropped, so a temporary directory would outlive
            // every run (leaked stores filled the disk CI runs on).
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("query-corpus-store");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let mut store = SqliteStore::open(&dir).unwrap();
            let (files, missing) = undoc_ingest::collect_inputs(&[corpus.display().to_string()]);
            assert!(missing.is_empty());
            let options = undoc_ingest::Options {
                extract: undoc_extract::Options {
                    pdf: undoc_extract::PdfExtractor::Builtin,
                    ..Default::default()
                },
                ..Default::default()
            };
            let report = undoc_ingest::ingest(&mut store, &files, &options, &|_, _| {}).unwrap();
            assert!(report.added > 1000, "{} added", report.added);
            Some(std::sync::Mutex::new(store))
        })
        .as_ref()
}

/// The done-when count: references whose symbols are not canonical nodes.
#[test]
fn every_reference_of_every_held_document_is_a_canonical_node() {
    let Some(store) = store() else { return };
    let store = store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut references = 0;
    let mut failures = Vec::new();
    for id in store.ids().unwrap() {
        let record = store.get(&id).unwrap().unwrap();
        for r in &record.references {
            references += 1;
            for s in &r.symbols {
                let canonical = undoc_query::canonical(s);
                if undoc_symbol::canonicalize(s).as_deref() != Some(s.as_str()) || canonical != *s {
                    failures.push(format!(
                        "{id}: {:?} names {s:?} (canonical {canonical:?})",
                        r.text
                    ));
                }
            }
        }
    }
    eprintln!("{references} references, {} not canonical", failures.len());
    assert!(references > 10_000, "{references} references");
    assert!(
        failures.is_empty(),
        "{} not canonical:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The done-when check: `cited-by` of every Security Council resolution cited
/// in the corpus is one set, asked as `S/RES/N (Y)`, `S/RES/N`, `S/RES/N(Y)`,
/// `N (Y)` or `resolution N (Y)` (A/79/796 wrote `S/RES/822` without its year).
#[test]
fn every_cited_security_council_resolution_has_one_identity() {
    let Some(store) = store() else { return };
    let store = store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut cited: BTreeSet<String> = BTreeSet::new();
    for id in store.ids().unwrap() {
        for r in store.get(&id).unwrap().unwrap().references {
            cited.extend(r.symbols.into_iter().filter(|s| s.starts_with("S/RES/")));
        }
    }
    assert!(cited.len() > 500, "{} resolutions cited", cited.len());
    let citing = |form: &str| -> BTreeSet<String> {
        undoc_query::cited_by(&*store, form)
            .unwrap()
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.link.from)
            .collect()
    };
    let mut differing = Vec::new();
    for symbol in &cited {
        let Some((number, year)) = symbol
            .strip_prefix("S/RES/")
            .and_then(|r| r.split_once(" ("))
            .map(|(n, y)| (n, y.trim_end_matches(')')))
        else {
            differing.push(format!("{symbol}: no year"));
            continue;
        };
        let want = citing(symbol);
        if want.is_empty() {
            differing.push(format!("{symbol}: cited, yet cited-by is empty"));
            continue;
        }
        for form in [
            format!("S/RES/{number}"),
            format!("S/RES/{number}({year})"),
            format!("{number} ({year})"),
            format!("resolution {number} ({year})"),
        ] {
            let got = citing(&form);
            if got != want {
                differing.push(format!("{symbol} asked as {form:?}: {got:?} != {want:?}"));
            }
        }
    }
    assert!(
        differing.is_empty(),
        "{} differ:\n{}",
        differing.len(),
        differing.join("\n")
    );
}

/// Guards A/79/796 (Azerbaijan), which cites "Resolution 822, document
/// S/RES/822 (30 April 1993)": the link is to S/RES/822 (1993), which the
/// store holds, whichever form is asked.
#[test]
fn a_resolution_written_without_its_year_is_the_held_one() {
    let Some(store) = store() else { return };
    let store = store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let doc = undoc_query::document(&*store, "A/79/796").unwrap().unwrap();
    let i = doc
        .record
        .references
        .iter()
        .position(|r| r.text == "S/RES/822")
        .expect("A/79/796 names S/RES/822");
    assert_eq!(doc.record.references[i].symbols, ["S/RES/822 (1993)"]);
    assert_eq!(doc.resolved[i].as_deref(), Some("S/RES/822 (1993)"));
    for form in ["S/RES/822", "822 (1993)", "S/RES/822 (1993)"] {
        let shown = undoc_query::document(&*store, form).unwrap().unwrap();
        assert_eq!(shown.key, "S/RES/822 (1993)", "{form}");
    }
}

/// A document page's reads cost a few statements however many references
/// it makes or receives: its references resolve in batches, not one query
/// each (the review found one per reference, and one per citing document).
#[test]
fn a_document_and_its_citations_cost_a_bounded_number_of_statements() {
    let Some(store) = store() else { return };
    let store = store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The document citing the most held documents.
    let (_, id) = store
        .ids()
        .unwrap()
        .into_iter()
        .map(|id| {
            let held = store
                .links_from(&id)
                .unwrap()
                .iter()
                .filter(|l| l.to.is_some())
                .count();
            (held, id)
        })
        .max()
        .unwrap();
    let record = store.get(&id).unwrap().unwrap();
    let references = record.references.len() + record.described_references.len();
    assert!(references > 30, "{id} makes {references} references");
    let before = store.statements();
    let document = undoc_query::document(&*store, &id).unwrap().unwrap();
    let spent = store.statements() - before;
    assert_eq!(document.resolved.len(), document.record.references.len());
    assert!(
        document.resolved.iter().any(Option::is_some),
        "{id} cites held documents"
    );
    assert!(
        spent <= 10,
        "{id}: {spent} statements for a page of {references} references"
    );

    // The most cited held document, by works citing it.
    let most_cited = store
        .ids()
        .unwrap()
        .into_iter()
        .map(|id| (store.links_to(&id).unwrap().len(), id))
        .max()
        .unwrap();
    let (incoming, cited) = most_cited;
    assert!(incoming > 20, "{cited} is cited {incoming} times");
    let before = store.statements();
    let citations = undoc_query::cited_by(&*store, &cited).unwrap().unwrap();
    let spent = store.statements() - before;
    assert!(citations.iter().all(|c| c.document.is_some()));
    assert!(
        spent <= 10,
        "{cited}: {spent} statements for {} citing documents",
        citations.len()
    );
}
