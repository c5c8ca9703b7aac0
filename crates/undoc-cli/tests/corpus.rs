//! The corpus commands on the real documents: one ingest of the whole corpus,
//! then the replies, the series and the revision of `../shared/corpus/README.md`
//! out of `thread`, `cited-by` and `show`; idempotence; and a `kill -9` mid-ingest.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use common::{json, undoc};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    common::shared().map(|s| s.join("corpus"))
}

/// Runs `undoc ingest` of the given paths into the store at `store`.
fn ingest(store: &Path, paths: &[PathBuf]) -> std::process::Output {
    undoc(store).arg("ingest").args(paths).output().unwrap()
}

/// The whole corpus, ingested once for all tests of this file.
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let corpus = corpus()?;
            let dir = common::run_dir("cli-corpus-store");
            let out = ingest(
                dir.as_path(),
                &["letters", "other", "meetings", "sc-resolutions"].map(|s| corpus.join(s)),
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            // The three "document does not exist" placeholders in other/ fail; the rest go in.
            assert_eq!(out.status.code(), Some(1), "{stdout}");
            assert!(
                stdout.starts_with("added 1205, updated 0, unchanged 0, failed 3"),
                "{stdout}"
            );
            Some(dir)
        })
        .as_ref()
        .map(|d| d.as_path())
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn threads_follow_replies_both_ways_in_date_order() {
    let Some(store) = store() else { return };
    // Azerbaijan's letter answers two Armenian letters; from any of the three, the same thread.
    for start in ["A/79/818", "S/2025/156", "A/79/798", "S/2025/123"] {
        assert_eq!(
            thread_ids(&json(store, &["thread", start])),
            ["A/79/798", "A/79/802", "A/79/818"],
            "from {start}"
        );
    }
    assert_eq!(
        thread_ids(&json(store, &["thread", "S/2025/192"])),
        ["S/2025/191", "S/2025/192"]
    );
    assert_eq!(
        thread_ids(&json(store, &["thread", "S/2025/474"])),
        ["S/2025/473", "S/2025/474"]
    );
    assert_eq!(
        thread_ids(&json(store, &["thread", "S/2025/53"])),
        ["S/2025/52", "S/2025/53"]
    );
    let cyprus = thread_ids(&json(store, &["thread", "A/79/987"]));
    assert!(
        cyprus.contains(&"A/79/963".to_owned()) && cyprus.contains(&"A/79/987".to_owned()),
        "{cyprus:?}"
    );
}

/// The held documents of a thread (`--json` nodes), in date order.
fn thread_ids(thread: &Value) -> Vec<String> {
    thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["held"] == true)
        .map(|n| n["key"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_monthly_series_is_linked_by_cited_by() {
    let Some(store) = store() else { return };
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
        let citing: Vec<String> = json(store, &["cited-by", pair[0]])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["link"]["from"].as_str().unwrap().to_owned())
            .collect();
        assert!(
            citing.contains(&pair[1].to_owned()),
            "{} cited by {:?}",
            pair[0],
            citing
        );
    }
}

#[test]
fn show_marks_references_found_or_not_and_finds_revisions() {
    let Some(store) = store() else { return };
    let doc = json(store, &["show", "S/2025/156"]);
    assert_eq!(
        doc["id"], "A/79/818",
        "a joint symbol's second part finds the document"
    );
    let refs = doc["references"].as_array().unwrap();
    let found: Vec<(&str, bool)> = refs
        .iter()
        .map(|r| (r["text"].as_str().unwrap(), r["found"].as_bool().unwrap()))
        .collect();
    assert_eq!(found[0], ("A/79/798-S/2025/110", true));
    assert_eq!(found[1], ("A/79/802-S/2025/123", true));
    // The revision and its original are both stored; each symbol finds its own.
    assert_eq!(
        json(store, &["show", "S/2025/71/Rev.1"])["id"],
        "S/2025/71/Rev.1"
    );
    assert_eq!(json(store, &["show", "S/2025/71"])["id"], "S/2025/71");
    // An addendum that is not stored finds its base document.
    assert_eq!(json(store, &["show", "S/2025/71/Add.9"])["id"], "S/2025/71");
    // Security Council resolutions by their canonical symbol, cited by later ones.
    let cited: Vec<String> = json(store, &["cited-by", "S/RES/822 (1993)"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["link"]["from"].as_str().unwrap().to_owned())
        .collect();
    for later in ["S/RES/853 (1993)", "S/RES/874 (1993)", "S/RES/884 (1993)"] {
        assert!(cited.contains(&later.to_owned()), "{later} in {cited:?}");
    }
}

#[test]
fn agenda_items_and_stats() {
    let Some(store) = store() else { return };
    let under = ids(&json(store, &["agenda", "A", "79", "132"]));
    assert!(under.contains(&"A/79/818".to_owned()), "{under:?}");
    let stats = json(store, &["stats"]);
    assert_eq!(stats["documents"], 1205);
    assert!(
        stats["resolved_references"].as_u64().unwrap() > 2000,
        "{stats}"
    );
}

#[test]
fn a_missing_document_is_a_one_line_error() {
    let Some(store) = store() else { return };
    let out = undoc(store).args(["show", "A/99/999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "undoc: A/99/999: no such document in the store"
    );
}

#[test]
fn ingesting_again_changes_nothing() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        let out = ingest(dir.path(), &[corpus.join("letters")]);
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(run(), "added 230, updated 0, unchanged 0, failed 0");
    assert_eq!(run(), "added 0, updated 0, unchanged 230, failed 0");
}

#[test]
fn kill_9_mid_ingest_loses_nothing_committed() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut child = undoc(dir.path())
        .args(["ingest", "--batch", "4"])
        .arg(corpus.join("letters"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill without warning.
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let committed = undoc(dir.path())
            .args(["stats", "--json"])
            .output()
            .unwrap();
        let n = serde_json::from_slice::<Value>(&committed.stdout)
            .map_or(0, |v| v["documents"].as_u64().unwrap_or(0));
        if n >= 20 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // The store opens; what was committed is whole and readable.
    let stats = json(dir.path(), &["stats"]);
    let committed = stats["documents"].as_u64().unwrap();
    assert!(
        (20..230).contains(&committed),
        "killed after {committed} documents"
    );
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM documents")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for id in &ids {
        let doc = json(dir.path(), &["show", id]);
        assert_eq!(doc["id"], id.as_str(), "{id} reads back whole");
    }
    // Running the ingest again completes it.
    let out = ingest(dir.path(), &[corpus.join("letters")]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{summary}");
    assert!(
        summary.contains(&format!("unchanged {committed}")),
        "{summary}"
    );
    assert_eq!(json(dir.path(), &["stats"])["documents"], 230);
}

/// The ids of a search's hits, in rank order.
fn search(store: &Path, args: &[&str]) -> (u64, Vec<String>, Value) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    let v = json(store, &all);
    let ids = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    (v["total"].as_u64().unwrap(), ids, v)
}

/// Queries written from reading the documents, with the document(s) that must
/// come first (or, where several answer equally, be among the first).
#[test]
fn searches_find_the_right_documents_first() {
    let Some(store) = store() else { return };
    let first = |args: &[&str], want: &str| {
        let (_, ids, _) = search(store, args);
        assert_eq!(
            ids.first().map(String::as_str),
            Some(want),
            "{args:?}: {ids:?}"
        );
    };
    let among = |args: &[&str], n: usize, want: &[&str]| {
        let (_, ids, _) = search(store, args);
        for w in want {
            assert!(
                ids.iter().take(n).any(|i| i == w),
                "{args:?}: {w} not in the first {n}: {ids:?}"
            );
        }
    };
    // A symbol finds the document itself first, by either part of a joint symbol.
    first(&["A/79/818"], "A/79/818");
    first(&["S/2025/156"], "A/79/818");
    first(&["S/RES/822 (1993)"], "S/RES/822 (1993)");
    // Names and places that one document is about.
    first(&["Gulf of Sirte"], "A/79/997");
    first(&["ICIMOD"], "A/80/141");
    first(&["\"Hindu Kush Himalaya\""], "A/80/141");
    first(&["Islamophobia"], "A/79/919");
    first(&["Lake Sevan"], "A/79/729");
    first(&["Kelbadjar"], "S/RES/822 (1993)");
    first(&["Zaporizhzhia bombing tram"], "A/79/718");
    // Exchanges: both letters of an appointment.
    among(&["James Swan"], 2, &["S/2025/191", "S/2025/192"]);
    among(&["Guang Cong"], 2, &["S/2025/473", "S/2025/474"]);
    among(&["Hanna Serwaa Tetteh"], 3, &["S/2025/52", "S/2025/53"]);
    among(&["Dodecanese"], 2, &["S/2025/503", "A/79/997"]);
    among(&["Vardenis"], 2, &["A/79/729", "A/79/796"]);
    // The Security Council's Nagorny-Karabakh resolutions of 1993, with filters.
    let (total, ids, _) = search(
        store,
        &["Nagorny-Karabakh", "--type", "resolution", "--year", "1993"],
    );
    assert_eq!(total, 4, "{ids:?}");
    for r in [
        "S/RES/822 (1993)",
        "S/RES/853 (1993)",
        "S/RES/874 (1993)",
        "S/RES/884 (1993)",
    ] {
        assert!(ids.contains(&r.to_owned()), "{r} in {ids:?}");
    }
    // Stemming: the singular finds the plural.
    among(&["landmine"], 4, &["A/79/818"]);
    // A phrase is a phrase: the words apart do not match it.
    let (apart, _, _) = search(store, &["\"corridor Zangezur\""]);
    assert_eq!(apart, 0);
    // Da'esh sanctions: the committee letters, the revision among them.
    among(
        &["Da’esh sanctions monitoring team"],
        5,
        &["S/2025/71", "S/2025/71/Rev.1"],
    );
    // Agenda item, sender State, dates.
    let (total, ids, v) = search(
        store,
        &[
            "--organ",
            "A",
            "--session",
            "79",
            "--agenda",
            "132",
            "--state",
            "Armenia",
            "--limit",
            "50",
        ],
    );
    assert!(
        total >= 2 && ids.contains(&"A/79/798".to_owned()),
        "{total} {ids:?}"
    );
    assert!(
        v["facets"]["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "A 79 132")
    );
    let (_, ids, _) = search(
        store,
        &[
            "--from",
            "2025-03-27",
            "--to",
            "2025-03-27",
            "--type",
            "letter",
            "--limit",
            "50",
        ],
    );
    assert!(
        ids.contains(&"S/2025/192".to_owned()) && ids.contains(&"S/2025/191".to_owned()),
        "{ids:?}"
    );
    for id in &ids {
        assert_eq!(json(store, &["show", id])["date"], "2025-03-27", "{id}");
    }
}

#[test]
fn search_facets_count_the_matching_documents() {
    let Some(store) = store() else { return };
    let (total, _, v) = search(store, &["Zangezur"]);
    let types = v["facets"]["type"].as_array().unwrap();
    let counted: u64 = types.iter().map(|t| t["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, total, "every match has one type");
    let senders = v["facets"]["sender"].as_array().unwrap();
    assert!(
        senders.iter().any(|s| s["value"] == "Azerbaijan"),
        "{senders:?}"
    );
    // Snippets mark the matched word.
    let snippet = v["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>Zangezur</b>"), "{snippet}");
    // And give the plain passage with the matched byte ranges.
    let text = v["hits"][0]["snippet_text"].as_str().unwrap();
    let marked: Vec<&str> = v["hits"][0]["snippet_marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize])
        .collect();
    assert!(marked.contains(&"Zangezur"), "{marked:?} in {text}");
    assert!(!text.contains("<b>"), "{text}");
}

#[test]
fn bad_search_parameters_are_usage_errors() {
    let Some(store) = store() else { return };
    for args in [
        &["search", "x", "--agenda", "132"][..],
        &["search", "x", "--from", "March 2025"][..],
        &["search", "x", "--limit", "0"][..],
    ] {
        let out = undoc(store).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
}

/// `--type` reads one closed list (undoc_model::DocType): a misspelt type
/// was a search that silently matched nothing; now it is a usage error that
/// lists the types, and the type in words is read too.
#[test]
fn an_unknown_document_type_is_a_usage_error_naming_the_types() {
    let Some(store) = store() else { return };
    let out = undoc(store)
        .args(["search", "--type", "lettre"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not a document type") && stderr.contains("note_verbale"),
        "{stderr}"
    );
    let words = undoc(store)
        .args(["search", "--type", "note verbale", "--json"])
        .output()
        .unwrap();
    assert!(words.status.success());
    let v: serde_json::Value = serde_json::from_slice(&words.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["doc_type"] == "note_verbale")
    );
}

#[test]
fn a_corrupt_or_missing_index_is_rebuilt_from_the_store() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = ingest(dir.path(), &[corpus.join("letters")]);
    assert!(out.status.success());
    let index = dir.path().join("index");
    // Corrupt: the index's meta file is garbage.
    std::fs::write(index.join("meta.json"), b"{ not json").unwrap();
    let out = undoc(dir.path())
        .args(["search", "Zangezur", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("could not be read; rebuilt it from the store (230 documents)"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1);
    // Missing: the whole folder gone.
    std::fs::remove_dir_all(&index).unwrap();
    let out = undoc(dir.path())
        .args(["search", "Zangezur", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("was missing; rebuilt"));
    // And then it is current: no message.
    let out = undoc(dir.path())
        .args(["search", "Zangezur"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn searches_and_reads_go_on_while_an_ingest_runs() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = ingest(dir.path(), &[corpus.join("other")]);
    assert!(out.status.code().is_some());
    let mut ingest = undoc(dir.path())
        .args(["ingest", "--batch", "8"])
        .arg(corpus.join("letters"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut searches = 0;
    while ingest.try_wait().unwrap().is_none() && searches < 40 {
        let started = Instant::now();
        let out = undoc(dir.path())
            .args(["search", "Security Council", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "search during ingest: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a search waited {:?}",
            started.elapsed()
        );
        let out = undoc(dir.path())
            .args(["stats", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "stats during ingest: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        searches += 1;
    }
    assert!(ingest.wait().unwrap().success());
    assert!(
        searches > 0,
        "the ingest finished before any search could run"
    );
    // Afterwards the index is current and has everything.
    let out = undoc(dir.path())
        .args(["search", "Zangezur", "--json"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn export(store: &Path, args: &[&str]) -> String {
    let out = undoc(store).arg("export").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_lines_export_gives_the_records_back() {
    let Some(store) = store() else { return };
    let lines = export(store, &["--format", "jsonl", "A/79/818", "S/2025/192"]);
    let records: Vec<undoc_model::Record> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["A/79/818", "S/2025/192"]
    );
    let shown = json(store, &["show", "A/79/818"]);
    assert_eq!(
        serde_json::to_value(&records[0]).unwrap()["paragraphs"],
        shown["paragraphs"]
    );
    // Filters choose by search; no selection exports the whole store.
    let verbales = export(store, &["--format", "jsonl", "--type", "note_verbale"]);
    assert!(verbales.lines().count() >= 10);
    for line in verbales.lines() {
        assert_eq!(
            serde_json::from_str::<Value>(line).unwrap()["doc_type"],
            "note_verbale"
        );
    }
    assert_eq!(export(store, &["--format", "jsonl"]).lines().count(), 1205);
}

#[test]
fn csv_export_reads_back_with_its_columns() {
    let Some(store) = store() else { return };
    let text = export(
        store,
        &[
            "--format",
            "csv",
            "--organ",
            "A",
            "--session",
            "79",
            "--agenda",
            "132",
        ],
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, undoc_export::DOCUMENT_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 36, "the documents under A 79 132");
    let row = rows
        .iter()
        .find(|r| &r[0] == "A/79/818")
        .expect("A/79/818 is under item 132");
    assert_eq!(&row[1], "A/79/818; S/2025/156");
    assert_eq!(&row[3], "A 79; S 2025");
    assert_eq!(&row[8], "Azerbaijan");
    assert_eq!(&row[10], "Tofig Musayev");
    // The edge list: one row per reference, a joint symbol's parts together.
    let edges = export(store, &["--format", "csv", "--references", "A/79/818"]);
    let mut reader = csv::Reader::from_reader(edges.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        undoc_export::REFERENCE_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| &r[0] == "A/79/818"
        && &r[6] == "A/79/798"
        && &r[7] == "A/79/798; S/2025/110"
        && &r[8] == "true"
        && &r[13] == "replies_to"));
}

#[test]
fn marcxml_export_reads_back_in_the_catalogue_profile() {
    let Some(store) = store() else { return };
    let xml = export(store, &["--format", "marcxml", "A/79/818", "S/2025/192"]);
    let records = undoc_marc::read(&xml).unwrap();
    assert_eq!(records.len(), 2);
    let r = &records[0];
    assert_eq!(
        r.values("191", "a").collect::<Vec<_>>(),
        ["A/79/818", "S/2025/156"],
        "both parts of the joint symbol"
    );
    assert_eq!(r.values("191", "c").collect::<Vec<_>>(), ["79", "2025"]);
    assert_eq!(r.values("269", "a").collect::<Vec<_>>(), ["2025-03-12"]);
    assert_eq!(r.values("041", "a").collect::<Vec<_>>(), ["eng"]);
    assert_eq!(r.values("710", "a").collect::<Vec<_>>(), ["Azerbaijan"]);
    assert_eq!(
        r.values("991", "b").collect::<Vec<_>>(),
        ["14", "32", "60", "61", "69", "71", "84", "132"]
    );
    assert!(r.values("991", "c").any(|t| t == "Culture of peace"));
    let related: Vec<&str> = r.values("993", "a").collect();
    assert!(
        related.contains(&"A/79/798") && related.contains(&"S/2025/123"),
        "{related:?}"
    );
    assert!(
        r.values("245", "a")
            .next()
            .is_some_and(|t| t.starts_with("Letter dated 12 March 2025"))
    );
    // A second export of the same documents is the same text.
    assert_eq!(
        export(store, &["--format", "marcxml", "A/79/818", "S/2025/192"]),
        xml
    );
}

/// `xmllint` from libxml2-utils: the validator the AKN files are checked with.
fn xmllint() -> bool {
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI installs libxml2-utils: xmllint must be there"
    );
    if !found {
        eprintln!("skipped: xmllint not installed");
    }
    found
}

#[test]
fn akn_export_of_every_document_validates_against_the_schema() {
    let Some(store) = store() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = undoc(store)
        .args(["export", "--format", "akn", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1205, "one file per document and language");

    // What a letter's file says: identification, masthead, and every reference
    // inline at its span.
    let xml = std::fs::read_to_string(dir.path().join("A-79-818.eng.xml")).unwrap();
    assert!(xml.contains(r#"<FRBRuri value="/akn/un/doc/letter/unga/2025-03-12/A-79-818"/>"#));
    assert!(xml.contains(r##"<docNumber refersTo="#symbol">A/79/818</docNumber>"##));
    assert!(xml.contains(r##"<docNumber refersTo="#symbol">S/2025/156</docNumber>"##));
    assert!(xml.contains(
        r##"<docDate date="2025-03-12" refersTo="#dateOfIssuance">12 March 2025</docDate>"##
    ));
    assert!(xml.contains(r##"<docProponent refersTo="#state-azerbaijan">"##));
    assert!(xml.contains(r#"<TLCPerson eId="person-tofig-musayev""#));
    let record = json(store, &["show", "A/79/818"]);
    let references = record["references"].as_array().unwrap();
    let refs: Vec<&str> = xml
        .split("<ref href=\"")
        .skip(1)
        .map(|s| {
            s.split_once("\">")
                .unwrap()
                .1
                .split_once("</ref>")
                .unwrap()
                .0
        })
        .collect();
    assert_eq!(refs.len(), references.len(), "{refs:?}");
    for (inline, reference) in refs.iter().zip(references) {
        let text = reference["text"].as_str().unwrap();
        assert_eq!(*inline, text.replace('&', "&amp;").replace('<', "&lt;"));
    }
    assert!(xml.contains(r#"<ref href="https://undocs.org/en/A/79/798">"#));

    if !xmllint() {
        return;
    }
    let schema = corpus()
        .unwrap()
        .join("../schemas/akomantoso30/akomantoso30.xsd");
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .args(&files)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    let failures: Vec<&str> = report
        .lines()
        .filter(|l| !l.ends_with(" validates"))
        .take(20)
        .collect();
    assert!(out.status.success() && failures.is_empty(), "{failures:#?}");
    assert_eq!(
        report.lines().filter(|l| l.ends_with(" validates")).count(),
        1205
    );
}

#[test]
fn akn_export_needs_a_folder() {
    let Some(store) = store() else { return };
    let out = undoc(store)
        .args(["export", "--format", "akn", "A/79/818"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out FOLDER"));
}

/// `--sort`: the letters naming Azerbaijan oldest first and newest first
/// (`--sort -date` and `--sort=-date` alike), undated ones last; the API's
/// and the page's `sort=` the same; an unknown order a usage error.
#[test]
fn search_sorts_by_date_either_way() {
    let Some(store) = store() else { return };
    let dates = |hits: &Value| -> Vec<Option<String>> {
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_str().map(str::to_owned))
            .collect()
    };
    let in_order = |dates: &[Option<String>], newest_first: bool| {
        let dated: Vec<&String> = dates.iter().map_while(Option::as_ref).collect();
        assert!(
            dates[dated.len()..].iter().all(Option::is_none),
            "undated last: {dates:?}"
        );
        let mut sorted = dated.clone();
        sorted.sort();
        if newest_first {
            sorted.reverse();
        }
        assert_eq!(dated, sorted);
        assert!(dated.first() != dated.last(), "{dates:?}");
    };
    let oldest =
        dates(&search(store, &["Azerbaijan", "--sort", "date", "--limit", "50"]).2["hits"]);
    assert!(oldest.len() >= 10, "{oldest:?}");
    in_order(&oldest, false);
    for flag in [&["--sort", "-date"][..], &["--sort=-date"][..]] {
        let mut args = vec!["Azerbaijan", "--limit", "50"];
        args.extend_from_slice(flag);
        let newest = dates(&search(store, &args).2["hits"]);
        in_order(&newest, true);
        assert_eq!(newest.len(), oldest.len());
    }
    let out = undoc(store)
        .args(["search", "Azerbaijan", "--sort", "sideways"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let (_server, addr) = common::spawn_server(store);
    let (status, body) = common::get(&addr, "/api/search?q=Azerbaijan&sort=date&limit=50");
    assert_eq!(status, 200);
    let api: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(dates(&api["hits"]), oldest, "the API sorts as the CLI does");
    let (status, _) = common::get(&addr, "/api/search?q=Azerbaijan&sort=sideways");
    assert_eq!(status, 400);
    let (status, page) = common::get(&addr, "/search?q=Azerbaijan&sort=-date");
    assert_eq!(status, 200);
    assert!(
        page.contains("<option value=\"-date\" selected>Newest first</option>"),
        "{page}"
    );
    assert!(page.contains("sort=-date"), "links keep the order: {page}");
}

/// Issue 19: the record spells names several ways, and a researcher types
/// one. A/79/796 writes "Zangazur" and "Garabagh", A/79/729 "Zangezur" and
/// "Karabakh", A/79/859 "Sumgayit" where A/79/798 writes "Sumgait": a query
/// with few hits also finds the other spellings and says so; an empty one
/// names the spelling the record uses and the filter that left nothing.
#[test]
fn close_spellings_from_the_record_are_found_and_named() {
    let Some(store) = store() else { return };
    let spelt = |query: &str| {
        let (total, ids, v) = search(store, &[query, "--limit", "50"]);
        let also: Vec<String> = v["also_matching"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect();
        (total, ids, also)
    };
    let (total, ids, also) = spelt("Zangazur");
    assert_eq!(also, ["Zangezur"]);
    assert!(
        total >= 3 && ids.contains(&"A/79/729".to_owned()),
        "{ids:?}"
    );
    let (_, ids, also) = spelt("Garabagh");
    assert!(also.contains(&"Karabakh".to_owned()), "{also:?}");
    // "garbage" (stem "garbag") is two letters dropped, not a spelling.
    assert!(!also.iter().any(|s| s.starts_with("Garbag")), "{also:?}");
    assert!(ids.contains(&"S/RES/884 (1993)".to_owned()), "{ids:?}");
    for (typed, other, only_other) in [
        ("Sumgait", "Sumgayit", "A/79/859"),
        ("Sumgayit", "Sumgait", "A/79/798"),
    ] {
        let (_, ids, also) = spelt(typed);
        assert_eq!(also, [other], "{typed}");
        assert!(ids.contains(&only_other.to_owned()), "{typed}: {ids:?}");
    }
    // Nothing found: the spelling in the record, and what the filter hid.
    let (total, _, v) = search(store, &["Zangezour corridor"]);
    assert_eq!(total, 0);
    assert_eq!(v["suggestions"][0]["spelling"], "Zangezur");
    assert_eq!(v["suggestions"][0]["query"], "zangezur corridor");
    let (total, _, v) = search(store, &["Sumgayit", "--year", "1990"]);
    assert_eq!(total, 0);
    assert!(
        v["suggestions"].as_array().unwrap().is_empty(),
        "Sumgayit is the record's own"
    );
    assert_eq!(v["excluded_by"][0]["filter"], "year");
    assert!(v["excluded_by"][0]["total"].as_u64().unwrap() >= 6);
    let out = common::undoc(store)
        .args(["search", "Zangezour corridor"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("did you mean Zangezur (3 documents)?"),
        "{text}"
    );
}
