//! The researcher's toolbox (issue 20) on real documents: the richer CSV and
//! edge list, the citation network, and "cite this", each read back by a
//! reader that is not ours (networkx, bibtexparser, rispy, the csv crate).
//! The Python readers are installed by `.ci/run`; under `CI=true` a missing
//! one fails the test, elsewhere the test says it skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::undoc;
use serde_json::Value;

/// The letters, the Security Council resolutions and the six language
/// versions of A/RES/80/1, ingested once for the tests of this file.
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let corpus = common::shared()?.join("corpus");
            let dir = common::run_dir("cli-toolbox-store");
            let mut paths: Vec<PathBuf> =
                vec![corpus.join("letters"), corpus.join("sc-resolutions")];
            for (language, suffix) in [
                ("English", 'E'),
                ("French", 'F'),
                ("Spanish", 'S'),
                ("Russian", 'R'),
                ("Arabic", 'A'),
                ("Chinese", 'C'),
            ] {
                paths.push(
                    corpus
                        .join("akn-ga-resolutions/80session")
                        .join(language)
                        .join(format!("A_RES_80_1-2515106{suffix}.xml")),
                );
            }
            let out = undoc(dir.as_path())
                .arg("ingest")
                .args(&paths)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(dir)
        })
        .as_ref()
        .map(|d| d.as_path())
}

/// What a successful command printed.
fn stdout(store: &Path, args: &[&str]) -> String {
    let out = undoc(store).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whether python3 imports these modules; CI installs them, so there a
/// missing one is a failure.
fn python_with(modules: &[&str]) -> bool {
    let imports = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join("; ");
    let found = Command::new("python3")
        .args(["-c", &imports])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs {modules:?} (.ci/run): python3 must import them"
        );
        eprintln!("skipped: python3 cannot import {modules:?}");
    }
    found
}

/// Runs a Python script with arguments; its standard output, read as JSON.
fn python(script: &str, args: &[&str]) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// CSV text as rows of column name to cell.
fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Issue 20: the CSV lacked the letter's own date, the States mentioned, the
/// replies and citations, a URL, the source file and the languages. Azerbaijan's
/// A/79/818 answers Armenia's A/79/798 and A/79/802.
#[test]
fn the_document_table_has_dates_states_links_permalink_source_and_languages() {
    let Some(store) = store() else { return };
    let rows = csv_rows(&stdout(
        store,
        &[
            "export",
            "--format",
            "csv",
            "A/79/818",
            "A/79/798",
            "A/RES/80/1",
        ],
    ));
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    let letter = row("A/79/818");
    assert_eq!(letter["letter_date"], "2025-03-12");
    assert_eq!(letter["sender_state"], "Azerbaijan");
    assert_eq!(letter["states_mentioned"], "Armenia; Azerbaijan");
    assert_eq!(letter["replies_to"], "A/79/798; A/79/802");
    assert_eq!(letter["url"], "https://undocs.org/en/A/79/818");
    assert!(
        letter["source"].ends_with("letters/A_79_818.en.pdf"),
        "{}",
        letter["source"]
    );
    assert_eq!(letter["languages"], "en");
    // The answered letter lists its answer, counted once however many
    // symbols the reference names.
    let answered = row("A/79/798");
    assert!(
        answered["cited_by"].split("; ").any(|c| c == "A/79/818"),
        "{}",
        answered["cited_by"]
    );
    assert_eq!(
        answered["references_in"].parse::<usize>().unwrap(),
        answered["cited_by"].split("; ").count(),
        "one reference per citing letter here"
    );
    // Every language the store holds the resolution in.
    assert_eq!(row("A/RES/80/1")["languages"], "en; ar; es; fr; ru; zh");
}

/// Issue 20: the edge list wrote a joint symbol as two rows and had no dates
/// or senders. A/79/818 names Armenia's letter as "A/79/798-S/2025/110".
#[test]
fn a_joint_symbol_is_one_edge_with_both_ends_dated_and_sent() {
    let Some(store) = store() else { return };
    let rows = csv_rows(&stdout(
        store,
        &["export", "--format", "csv", "--references", "A/79/818"],
    ));
    let to_798: Vec<_> = rows
        .iter()
        .filter(|r| r["to_symbols"].contains("A/79/798") || r["to_symbols"].contains("S/2025/110"))
        .collect();
    assert_eq!(to_798.len(), 1, "one row for the joint symbol: {rows:?}");
    let edge = to_798[0];
    assert_eq!(edge["from"], "A/79/818");
    assert_eq!(edge["from_date"], "2025-03-12");
    assert_eq!(edge["from_sender_state"], "Azerbaijan");
    assert_eq!(edge["to"], "A/79/798");
    assert_eq!(edge["to_symbols"], "A/79/798; S/2025/110");
    assert_eq!(edge["held"], "true");
    assert_eq!(edge["to_date"], "2025-02-21");
    assert_eq!(edge["to_sender_state"], "Armenia");
    assert_eq!(edge["relation"], "replies_to");
    assert_eq!(edge["text"], "A/79/798-S/2025/110");
    // The same rows as JSON Lines, lists as lists.
    let lines = stdout(
        store,
        &["export", "--format", "jsonl", "--references", "A/79/818"],
    );
    let objects: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), rows.len());
    let first = objects.iter().find(|o| o["to"] == "A/79/798").unwrap();
    assert_eq!(
        first["to_symbols"],
        serde_json::json!(["A/79/798", "S/2025/110"])
    );
    assert_eq!(first["held"], true);
    assert_eq!(first["position"], edge["position"].parse::<u64>().unwrap());
}

/// The citation network opens in networkx (as Gephi opens it) from both
/// GraphML and GEXF, with the same nodes and edges and their attributes.
#[test]
fn the_citation_network_reads_in_networkx() {
    let Some(store) = store() else { return };
    if !python_with(&["networkx"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("citations.graphml");
    let gexf = dir.path().join("citations.gexf");
    for (format, path) in [("graphml", &graphml), ("gexf", &gexf)] {
        stdout(
            store,
            &[
                "export",
                "--format",
                format,
                "--out",
                path.to_str().unwrap(),
            ],
        );
    }
    let script = r#"
import json, sys
import networkx as nx
out = {}
for name, graph in (("graphml", nx.read_graphml(sys.argv[1])), ("gexf", nx.read_gexf(sys.argv[2], version="1.3"))):
    edge = graph.get_edge_data("A/79/818", "A/79/798") or {}
    out[name] = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "directed": graph.is_directed(),
        "letter": {k: v for k, v in graph.nodes["A/79/818"].items() if k != "label"},
        "answered": graph.nodes["A/79/798"].get("sender_state"),
        "edge": [edge.get("relation"), edge.get("count")],
        "not_held": sum(1 for _, held in graph.nodes(data="held") if held is False),
    }
print(json.dumps(out))
"#;
    let read = python(script, &[graphml.to_str().unwrap(), gexf.to_str().unwrap()]);
    assert_eq!(read["graphml"], read["gexf"], "both files hold one graph");
    let g = &read["graphml"];
    assert_eq!(g["directed"], true);
    assert_eq!(
        g["letter"],
        serde_json::json!({
            "symbol": "A/79/818",
            "title": "Letter dated 12 March 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
            "date": "2025-03-12",
            "type": "letter",
            "sender_state": "Azerbaijan",
            "held": true,
        })
    );
    assert_eq!(g["answered"], "Armenia");
    assert_eq!(g["edge"], serde_json::json!(["replies_to", 1]));
    assert!(
        g["not_held"].as_u64().unwrap() > 0,
        "cited documents not held are nodes"
    );
    // One node per work: the six versions of A/RES/80/1 are one.
    let works = stdout(store, &["stats", "--json"]);
    let works: Value = serde_json::from_str(&works).unwrap();
    let held = g["nodes"].as_u64().unwrap() - g["not_held"].as_u64().unwrap();
    assert_eq!(Some(held), works["documents"].as_u64(), "{works}");
}

/// `undoc cite`: the UN's style as text, and BibTeX and RIS that the parsers
/// reference managers use read back field by field.
#[test]
fn citations_read_back_in_bibtex_and_ris_parsers() {
    let Some(store) = store() else { return };
    assert_eq!(
        stdout(store, &["cite", "A/79/818"]),
        "United Nations, General Assembly and Security Council, Letter dated 12 March 2025 \
         from the Permanent Representative of Azerbaijan to the United Nations addressed to \
         the Secretary-General, A/79/818-S/2025/156 (12 March 2025). Available from \
         https://undocs.org/en/A/79/818.\n"
    );
    assert_eq!(
        stdout(store, &["cite", "S/RES/822 (1993)"]),
        "United Nations, Security Council, Resolution 822 (1993), S/RES/822 (1993) \
         (30 April 1993). Available from https://undocs.org/en/S/RES/822%20(1993).\n"
    );
    let csl: Value = serde_json::from_str(&stdout(
        store,
        &["cite", "--format", "csl-json", "A/RES/80/1", "--lang", "fr"],
    ))
    .unwrap();
    assert_eq!(csl[0]["type"], "report");
    assert_eq!(csl[0]["number"], "A/RES/80/1");
    assert_eq!(csl[0]["language"], "fr");
    assert_eq!(csl[0]["URL"], "https://undocs.org/fr/A/RES/80/1");
    assert_eq!(
        csl[0]["issued"]["date-parts"],
        serde_json::json!([[2025, 9, 19]])
    );
    if !python_with(&["bibtexparser", "rispy"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bib = dir.path().join("c.bib");
    let ris = dir.path().join("c.ris");
    std::fs::write(
        &bib,
        stdout(store, &["cite", "--format", "bibtex", "A/79/818"]),
    )
    .unwrap();
    std::fs::write(
        &ris,
        stdout(store, &["cite", "--format", "ris", "A/79/818"]),
    )
    .unwrap();
    let script = r#"
import json, sys
import bibtexparser, rispy
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode
parser = BibTexParser(common_strings=True)
parser.customization = convert_to_unicode
with open(sys.argv[1]) as f:
    bib = bibtexparser.load(f, parser=parser).entries
with open(sys.argv[2]) as f:
    ris = rispy.load(f)
print(json.dumps({"bib": bib, "ris": ris}))
"#;
    let read = python(script, &[bib.to_str().unwrap(), ris.to_str().unwrap()]);
    let entry = &read["bib"][0];
    assert_eq!(read["bib"].as_array().unwrap().len(), 1);
    assert_eq!(entry["ENTRYTYPE"], "techreport");
    assert_eq!(entry["number"], "A/79/818-S/2025/156");
    assert_eq!(entry["year"], "2025");
    assert_eq!(entry["institution"], "United Nations");
    assert_eq!(entry["url"], "https://undocs.org/en/A/79/818");
    assert!(
        entry["title"]
            .as_str()
            .unwrap()
            .contains("Letter dated 12 March 2025 from the Permanent Representative of Azerbaijan")
    );
    // Two corporate authors (braced, so no parser splits them into given
    // and family names); the Unicode pass takes the braces off.
    assert_eq!(
        entry["author"],
        "United Nations General Assembly and United Nations Security Council"
    );
    let record = &read["ris"][0];
    assert_eq!(read["ris"].as_array().unwrap().len(), 1);
    assert_eq!(record["type_of_reference"], "RPRT");
    assert_eq!(
        record["authors"],
        serde_json::json!([
            "United Nations General Assembly",
            "United Nations Security Council"
        ])
    );
    assert_eq!(record["date"], "2025/03/12");
    assert_eq!(
        record["urls"],
        serde_json::json!(["https://undocs.org/en/A/79/818"])
    );
    assert!(
        record["title"]
            .as_str()
            .unwrap()
            .starts_with("Letter dated 12 March 2025")
    );
}

/// The permalink and the citation are served too: in the API's record, at
/// `/cite`, and in the document page's Cite box.
#[test]
fn the_api_and_the_page_give_the_permalink_and_the_citation() {
    let Some(store) = store() else { return };
    let (_server, addr) = common::spawn_server(store);
    let (status, body) = common::get(&addr, "/api/documents/A/79/818");
    assert_eq!(status, 200);
    let view: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["permalink"], "https://undocs.org/en/A/79/818");
    assert_eq!(view["cite"], "/api/documents/A/79/818/cite");
    let (status, ris) = common::get(&addr, "/api/documents/A/79/818/cite?format=ris");
    assert_eq!(status, 200);
    assert!(ris.starts_with("TY  - RPRT\n"), "{ris}");
    assert!(ris.contains("SN  - A/79/818-S/2025/156\n"));
    let (status, text) = common::get(&addr, "/api/documents/A/79/818/cite");
    assert_eq!(status, 200);
    assert_eq!(text, stdout(store, &["cite", "A/79/818"]).trim_end());
    let (status, _) = common::get(&addr, "/api/documents/A/79/818/cite?format=endnote");
    assert_eq!(status, 400);
    let (status, page) = common::get(&addr, "/documents/A/79/818");
    assert_eq!(status, 200);
    assert!(page.contains("<details class=\"cite\">"), "the Cite box");
    assert!(page.contains(
        "A/79/818-S/2025/156 (12 March 2025). Available from https://undocs.org/en/A/79/818."
    ));
    assert!(page.contains("href=\"/api/documents/A/79/818/cite?format=bibtex\""));
    assert!(page.contains("class=\"permalink\" href=\"https://undocs.org/en/A/79/818\""));
    // The network and the edge list through the API as well.
    let (status, graphml) = common::get(&addr, "/api/export?format=graphml&symbols=A/79/818");
    assert_eq!(status, 200);
    assert!(
        graphml.contains("source=\"A/79/818\" target=\"A/79/798\""),
        "{graphml}"
    );
}

/// Atom feeds of a search, a thread, a document's citations and a State's
/// letters, read by feedparser (what feed readers are built on): well-formed
/// Atom 1.0, newest first, each entry linking to its page.
#[test]
fn feeds_read_as_atom_in_feedparser() {
    let Some(store) = store() else { return };
    if !python_with(&["feedparser"]) {
        return;
    }
    let (_server, addr) = common::spawn_server(store);
    let dir = tempfile::tempdir().unwrap();
    let feeds = [
        ("search", "/feeds/search?q=Karabakh&type=letter"),
        ("cited_by", "/feeds/documents/A/79/798/cited-by"),
        ("thread", "/feeds/documents/A/79/818/thread"),
        ("state", "/feeds/states/Armenia"),
    ];
    let mut files = Vec::new();
    for (name, path) in feeds {
        let (status, body) = common::get(&addr, path);
        assert_eq!(status, 200, "{path}: {body}");
        let file = dir.path().join(format!("{name}.xml"));
        std::fs::write(&file, body).unwrap();
        files.push(file.to_str().unwrap().to_owned());
    }
    let script = r#"
import json, sys
import feedparser
out = []
for path in sys.argv[1:]:
    feed = feedparser.parse(path)
    out.append({
        "bozo": bool(feed.bozo),
        "version": feed.version,
        "title": feed.feed.get("title"),
        "self": [l["href"] for l in feed.feed.get("links", []) if l.get("rel") == "self"],
        "entries": [{
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "author": e.get("author"),
            "updated": e.get("updated"),
        } for e in feed.entries],
    })
print(json.dumps(out))
"#;
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let read = python(script, &args);
    for (feed, (name, path)) in read.as_array().unwrap().iter().zip(feeds) {
        assert_eq!(feed["bozo"], false, "{name}: {feed}");
        assert_eq!(feed["version"], "atom10", "{name}");
        assert_eq!(
            feed["self"],
            serde_json::json!([format!("http://{addr}{path}")])
        );
        let entries = feed["entries"].as_array().unwrap();
        assert!(!entries.is_empty(), "{name}");
        let updated: Vec<&str> = entries
            .iter()
            .map(|e| e["updated"].as_str().unwrap())
            .collect();
        let mut newest_first = updated.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(updated, newest_first, "{name}: newest first");
        for entry in entries {
            assert!(
                entry["link"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("http://{addr}/documents/")),
                "{name}: {entry}"
            );
        }
    }
    let entry_ids = |n: usize| -> Vec<String> {
        read[n]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(entry_ids(1).contains(&"urn:undoc:document:A/79/818".to_owned()));
    assert!(entry_ids(2).contains(&"urn:undoc:document:A/79/798".to_owned()));
    for entry in read[3]["entries"].as_array().unwrap() {
        assert_eq!(entry["author"], "Armenia");
    }
    // The pages say where their feeds are.
    let (_, page) = common::get(&addr, "/states/Armenia");
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Documents from Armenia\" href=\"/feeds/states/Armenia\">"
    ));
    let (_, page) = common::get(&addr, "/search?q=Karabakh");
    assert!(
        page.contains("href=\"/feeds/search?q=Karabakh\""),
        "the search page's feed"
    );
}

/// The Parquet tables read back twice: by the `parquet` crate's own reader
/// (typed columns: a date is a Date32, a list a list) and by pyarrow, as
/// pandas and polars read them.
#[test]
fn parquet_tables_read_back_typed_in_rust_and_pyarrow() {
    use arrow_array::{Array, BooleanArray, Date32Array, ListArray, StringArray};
    let Some(store) = store() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = undoc(store)
        .args(["export", "--format", "parquet", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| -> Vec<arrow_array::RecordBatch> {
        let file = std::fs::File::open(dir.path().join(name)).unwrap();
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let column =
        |batch: &arrow_array::RecordBatch, name: &str| batch.column_by_name(name).unwrap().clone();
    // documents.parquet: A/79/818 with its date as a date and its symbols as a list.
    let mut found = false;
    let mut documents = 0;
    for batch in read("documents.parquet") {
        documents += batch.num_rows();
        let ids = column(&batch, "id");
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        let Some(row) = (0..ids.len()).find(|&i| ids.value(i) == "A/79/818") else {
            continue;
        };
        found = true;
        let dates = column(&batch, "date");
        let dates = dates.as_any().downcast_ref::<Date32Array>().unwrap();
        assert_eq!(dates.value(row), 20159, "2025-03-12, days since 1970");
        let symbols = column(&batch, "symbols");
        let symbols = symbols
            .as_any()
            .downcast_ref::<ListArray>()
            .unwrap()
            .value(row);
        let symbols = symbols.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(
            (0..symbols.len())
                .map(|i| symbols.value(i))
                .collect::<Vec<_>>(),
            ["A/79/818", "S/2025/156"]
        );
    }
    assert!(found, "A/79/818 is in documents.parquet");
    let stats: Value = serde_json::from_str(&stdout(store, &["stats", "--json"])).unwrap();
    assert_eq!(
        Some(documents as u64),
        stats["texts"].as_u64(),
        "a row per stored text: {stats}"
    );
    // references.parquet: the joint symbol is one row, held, with the cited letter's date.
    let mut edges = 0;
    for batch in read("references.parquet") {
        let from = column(&batch, "from");
        let from = from.as_any().downcast_ref::<StringArray>().unwrap();
        let to = column(&batch, "to");
        let to = to.as_any().downcast_ref::<StringArray>().unwrap();
        let held = column(&batch, "held");
        let held = held.as_any().downcast_ref::<BooleanArray>().unwrap();
        let to_date = column(&batch, "to_date");
        let to_date = to_date.as_any().downcast_ref::<Date32Array>().unwrap();
        for i in 0..batch.num_rows() {
            if from.value(i) == "A/79/818" && to.value(i) == "A/79/798" {
                edges += 1;
                assert!(held.value(i));
                assert_eq!(to_date.value(i), 20140, "2025-02-21");
            }
        }
    }
    assert_eq!(edges, 1, "one row for A/79/798-S/2025/110");
    if !python_with(&["pyarrow"]) {
        return;
    }
    let script = r#"
import json, sys, os
import pyarrow.parquet as pq
out = {}
for name in ("documents", "references", "votes", "speeches"):
    table = pq.read_table(os.path.join(sys.argv[1], name + ".parquet"))
    out[name] = {"rows": table.num_rows, "types": {f.name: str(f.type) for f in table.schema}}
docs = pq.read_table(os.path.join(sys.argv[1], "documents.parquet")).to_pylist()
letter = next(d for d in docs if d["id"] == "A/79/818")
out["letter"] = {"date": letter["date"].isoformat(), "replies_to": letter["replies_to"], "states": letter["states_mentioned"]}
votes = pq.read_table(os.path.join(sys.argv[1], "votes.parquet")).to_pylist()
out["vote"] = [v["ballot"] for v in votes if v["symbol"] == "A/RES/80/1" and v["state"] == "Israel"]
print(json.dumps(out))
"#;
    let read = python(script, &[dir.path().to_str().unwrap()]);
    assert_eq!(read["documents"]["rows"].as_u64(), Some(documents as u64));
    assert_eq!(read["documents"]["types"]["date"], "date32[day]");
    assert_eq!(read["documents"]["types"]["symbols"], "list<item: string>");
    assert_eq!(read["documents"]["types"]["references_in"], "int32");
    assert_eq!(read["references"]["types"]["held"], "bool");
    assert_eq!(read["votes"]["types"]["adoption_date"], "date32[day]");
    assert_eq!(
        read["speeches"]["types"]["references"],
        "list<item: string>"
    );
    assert_eq!(
        read["letter"],
        serde_json::json!({"date": "2025-03-12", "replies_to": ["A/79/798", "A/79/802"], "states": ["Armenia", "Azerbaijan"]})
    );
    assert_eq!(
        read["vote"],
        serde_json::json!(["against"]),
        "Israel's ballot on A/RES/80/1"
    );
}

/// Found by the Python package's first run: `cited-by A/79/798` said
/// A/79/818 names it twice, counting the two parts of the one joint symbol
/// "A/79/798-S/2025/110" as two references.
#[test]
fn a_joint_symbol_is_one_citation_in_cited_by() {
    let Some(store) = store() else { return };
    let citations = common::json(store, &["cited-by", "A/79/798"]);
    let from_818 = citations
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["document"]["id"] == "A/79/818")
        .expect("A/79/818 answers A/79/798");
    assert_eq!(from_818["count"], 1, "{from_818}");
    assert_eq!(from_818["link"]["relation"], "replies_to");
}
