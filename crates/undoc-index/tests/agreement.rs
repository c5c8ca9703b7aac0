//! The store and the search index agree after any sequence of ingests,
//! updates and removals (issue 16: a delete operation exists, and nothing it
//! does leaves the index holding a document the store dropped, or missing
//! one it holds).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::collections::BTreeMap;

use proptest::prelude::*;
use undoc_index::{Freshness, SearchIndex, SearchRequest};
use undoc_store::{NewDocument, SqliteStore, Store};

/// Works the sequences draw from, and the languages of their texts.
const WORKS: u8 = 5;
const LANGUAGES: [&str; 2] = ["en", "fr"];

#[derive(Debug, Clone)]
enum Op {
    /// Ingest (or re-ingest, changed) one text of a work.
    Put {
        work: u8,
        language: usize,
        version: u8,
    },
    /// Remove a work: one language's text, or all of them.
    Remove { work: u8, language: Option<usize> },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..WORKS, 0..LANGUAGES.len(), 0..3u8)
            .prop_map(|(work, language, version)| Op::Put { work, language, version }),
        2 => (0..WORKS, proptest::option::of(0..LANGUAGES.len()))
            .prop_map(|(work, language)| Op::Remove { work, language }),
    ]
}

fn symbol(work: u8) -> String {
    format!("A/79/{}", 100 + u32::from(work))
}

/// The word only this version of this work carries.
fn version_word(work: u8, version: u8) -> String {
    format!("marker{work}x{version}")
}

fn text(work: u8, language: usize, version: u8) -> undoc_model::Record {
    let id = symbol(work);
    let mut record = undoc_store::conformance::record(&id, &[&id], "2025-01-01");
    record.language = LANGUAGES[language].to_owned();
    record.title = Some(format!("Letter {}", version_word(work, version)));
    record
}

fn found(index: &SearchIndex, query: &str) -> Vec<String> {
    let request = SearchRequest {
        query: query.to_owned(),
        limit: 100,
        ..SearchRequest::default()
    };
    let mut works: Vec<String> = index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| undoc_model::split_key(&h.id).0.to_owned())
        .collect();
    works.sort();
    works.dedup();
    works
}

fn run(ops: &[Op]) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let index_dir = undoc_index::dir_in_store(dir.path());
    let (mut index, _) = SearchIndex::open(&index_dir, &store).unwrap();
    // What should be held: each text's key and its version.
    let mut model: BTreeMap<String, (u8, u8)> = BTreeMap::new();
    for op in ops {
        match *op {
            Op::Put {
                work,
                language,
                version,
            } => {
                let record = text(work, language, version);
                let bytes = format!("{work} {language} {version}");
                let hash = format!("{:0>64}", bytes.replace(' ', "0"));
                store
                    .put_batch(&[NewDocument {
                        record: &record,
                        file: bytes.as_bytes(),
                        file_hash: &hash,
                        file_name: "letter.pdf",
                    }])
                    .unwrap();
                index.update(&store, &[record.key()]).unwrap();
                model.insert(record.key(), (work, version));
            }
            Op::Remove { work, language } => {
                let keys: Vec<String> = LANGUAGES
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| language.is_none_or(|l| l == *i))
                    .map(|(_, l)| undoc_model::expression_key(&symbol(work), l))
                    .collect();
                let expected = keys.iter().filter(|k| model.contains_key(*k)).count();
                let removed = store.remove(&undoc_store::strs(&keys)).unwrap();
                assert_eq!(removed, expected, "remove counts what was stored");
                index.update(&store, &keys).unwrap();
                for key in &keys {
                    model.remove(key);
                }
            }
        }
    }
    let mut held = store.ids().unwrap();
    held.sort();
    assert_eq!(
        held,
        model.keys().cloned().collect::<Vec<_>>(),
        "the store holds what was put and not removed"
    );
    let works: std::collections::BTreeSet<u8> = model.values().map(|(w, _)| *w).collect();
    assert_eq!(
        index.num_docs(),
        works.len() as u64,
        "one index document per held work"
    );
    for work in 0..WORKS {
        let held = works.contains(&work);
        assert_eq!(
            found(&index, &symbol(work)),
            if held { vec![symbol(work)] } else { Vec::new() },
            "searching {} finds it exactly when it is held",
            symbol(work)
        );
        for version in 0..3 {
            let expected = model.values().any(|v| *v == (work, version));
            assert_eq!(
                !found(&index, &version_word(work, version)).is_empty(),
                expected,
                "the words of version {version} of {} are found exactly when that version is held",
                symbol(work)
            );
        }
        assert_eq!(store.resolve(&symbol(work)).unwrap().is_some(), held);
    }
    // Reopened, the index is current: it recorded the store's generation.
    drop(index);
    let (_, freshness) = SearchIndex::open(&index_dir, &store).unwrap();
    assert_eq!(freshness, Freshness::Current);
    // Every removed text's file is collected; the held ones stay.
    store.collect_garbage().unwrap();
    for key in model.keys() {
        assert!(store.file(key).unwrap().is_some(), "{key}'s file stays");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn store_and_index_agree_after_any_ingests_updates_and_removals(ops in proptest::collection::vec(op(), 1..14)) {
        run(&ops);
    }
}

/// The sequence that shows removal working at all: put, remove one
/// language, remove the rest.
#[test]
fn removing_one_language_keeps_the_work_and_removing_all_drops_it() {
    run(&[
        Op::Put {
            work: 0,
            language: 0,
            version: 0,
        },
        Op::Put {
            work: 0,
            language: 1,
            version: 1,
        },
        Op::Put {
            work: 1,
            language: 0,
            version: 0,
        },
        Op::Remove {
            work: 0,
            language: Some(0),
        },
    ]);
    run(&[
        Op::Put {
            work: 0,
            language: 0,
            version: 0,
        },
        Op::Put {
            work: 0,
            language: 1,
            version: 1,
        },
        Op::Remove {
            work: 0,
            language: None,
        },
        Op::Remove {
            work: 3,
            language: None,
        },
    ]);
}
