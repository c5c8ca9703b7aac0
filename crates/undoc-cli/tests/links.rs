//! Links a researcher can trust, on the real corpus: each defect of the
//! links issue as a regression test naming the document that showed it.
//! One store of the whole corpus (and the seed) for all of them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use common::{get, json, shared, undoc};

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let shared = shared()?;
            let dir = common::run_dir("cli-links-store");
            let out = undoc(dir.as_path())
                .arg("ingest")
                .arg(shared.join("corpus"))
                .arg(shared.join("seed"))
                .output()
                .unwrap();
            // The three "document does not exist" placeholders fail; the rest go in.
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
            Some(dir)
        })
        .as_ref()
        .map(|d| d.as_path())
}

fn edges(thread: &Value) -> Vec<(String, String, Option<String>)> {
    thread["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().to_owned(),
                e["to"].as_str().unwrap().to_owned(),
                e["evidence"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn nodes(thread: &Value) -> Vec<String> {
    thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["key"].as_str().unwrap().to_owned())
        .collect()
}

fn citing(store: &Path, symbol: &str) -> Vec<String> {
    let mut from: Vec<String> = json(store, &["cited-by", symbol])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["link"]["from"].as_str().unwrap().to_owned())
        .collect();
    from.sort();
    from
}

/// A/79/857 (Azerbaijan) transmits a commentary on "the baseless statement …
/// of Armenia of 28 February 2025 (A/79/814-S/2025/144, annex)": it answers
/// that letter, and its thread shows both.
#[test]
fn a_rebuttal_is_a_reply_a_79_857() {
    let Some(store) = store() else { return };
    let thread = json(store, &["thread", "A/79/857"]);
    let edges = edges(&thread);
    assert!(
        edges.iter().any(|(from, to, evidence)| from == "A/79/857"
            && to == "A/79/814"
            && evidence.as_deref() == Some("baseless … statement")),
        "{edges:?}"
    );
    // The same from the letter answered, and as a tree on the terminal.
    assert!(nodes(&json(store, &["thread", "A/79/814"])).contains(&"A/79/857".to_owned()));
    let out = undoc(store).args(["thread", "A/79/857"]).output().unwrap();
    let tree = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = tree.lines().collect();
    assert!(lines[0].contains("A/79/814"), "{tree}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    └ ") && l.contains("A/79/857")),
        "{tree}"
    );
}

/// A/79/904 (Republic of Moldova) answers "the letter dated 11 April 2025 from
/// the Permanent Representative of the Russian Federation … concerning the case
/// of Evghenia Guțul", which the store holds as A/79/867-S/2025/227.
#[test]
fn a_reply_named_by_date_and_sender_a_79_904() {
    let Some(store) = store() else { return };
    let shown = json(store, &["show", "A/79/904"]);
    let described = shown["described_references"].as_array().unwrap();
    assert_eq!(described.len(), 1, "{described:?}");
    assert_eq!(described[0]["date"], "2025-04-11");
    assert_eq!(described[0]["sender_state"], "Russian Federation");
    assert_eq!(described[0]["relation"], "replies_to");
    assert_eq!(described[0]["stored_as"], "A/79/867");
    let thread = json(store, &["thread", "A/79/867"]);
    assert!(
        edges(&thread)
            .iter()
            .any(|(from, to, _)| from == "A/79/904" && to == "A/79/867"),
        "{thread}"
    );
    assert!(citing(store, "S/2025/227").contains(&"A/79/904".to_owned()));
}

/// S/2025/102 (Democratic Republic of the Congo) follows up "my letter of 30
/// January 2025": the writer's own letter S/2025/73 of that date.
#[test]
fn my_letter_of_a_date_is_the_writers_own_s_2025_102() {
    let Some(store) = store() else { return };
    let thread = json(store, &["thread", "S/2025/102"]);
    assert!(
        edges(&thread)
            .iter()
            .any(|(from, to, _)| from == "S/2025/102" && to == "S/2025/73"),
        "{thread}"
    );
}

/// A/79/796 cites "Resolution 822, document S/RES/822 (30 April 1993)": every
/// written form of the resolution is one node, held here as S/RES/822 (1993).
#[test]
fn one_resolution_one_identity_a_79_796() {
    let Some(store) = store() else { return };
    let want = citing(store, "S/RES/822 (1993)");
    assert!(want.contains(&"A/79/796".to_owned()), "{want:?}");
    for form in [
        "S/RES/822",
        "822 (1993)",
        "resolution 822 (1993)",
        "S/RES/822(1993)",
        "s/res/822",
    ] {
        assert_eq!(citing(store, form), want, "{form}");
    }
    assert_eq!(
        json(store, &["show", "S/RES/822"])["id"],
        "S/RES/822 (1993)"
    );
    // Search by the resolution's number finds the resolution itself first, and
    // highlights its number, not the "s" of "Armenia's".
    for query in ["822 (1993)", "S/RES/822"] {
        let found = json(store, &["search", query]);
        let first = &found["hits"][0];
        assert_eq!(first["id"], "S/RES/822 (1993)", "{query}: {found}");
        for hit in found["hits"].as_array().unwrap() {
            let snippet = hit["snippet"].as_str().unwrap_or_default();
            assert!(
                !snippet.contains("<b>s</b>") && !snippet.contains("<b>S</b>"),
                "{query}: {snippet}"
            );
        }
    }
}

/// S/RES/2334 (2016) is cited by several stored documents and not held: it is
/// a node like any other (show, cited-by, missing, stats), not "no such document".
#[test]
fn documents_not_held_are_in_the_graph_s_res_2334() {
    let Some(store) = store() else { return };
    let citers = citing(store, "S/RES/2334 (2016)");
    assert!(citers.len() >= 3, "{citers:?}");
    assert_eq!(citing(store, "2334 (2016)"), citers);
    let shown = json(store, &["show", "S/RES/2334 (2016)"]);
    assert_eq!(shown["held"], false);
    assert_eq!(shown["cited_by"], citers.len());
    assert_eq!(shown["url"], "https://undocs.org/S/RES/2334%20(2016)");
    assert!(shown["first_cited"].as_str().unwrap() <= shown["last_cited"].as_str().unwrap());
    let missing = json(store, &["missing", "--min-citations", "3"]);
    let listed = missing.as_array().unwrap();
    let row = listed
        .iter()
        .find(|m| m["symbol"] == "S/RES/2334 (2016)")
        .expect("listed as missing");
    assert_eq!(row["cited_by"], citers.len());
    let counts: Vec<u64> = listed
        .iter()
        .map(|m| m["cited_by"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most cited first");
    let stats = json(store, &["stats"]);
    assert!(stats["cited_not_held"].as_u64().unwrap() > listed.len() as u64);
    // A symbol nothing cites is still not found.
    let out = undoc(store)
        .args(["show", "S/RES/9999 (2030)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// A/ES-10/1043 (State of Palestine) follows up its 800-odd letters, naming
/// the first (A/55/432-S/2000/921, not held) and the latest (A/ES-10/1042)
/// by symbol: the series is one thread.
#[test]
fn a_series_of_follow_ups_is_a_thread_a_es_10_1043() {
    let Some(store) = store() else { return };
    let thread = json(store, &["thread", "A/ES-10/1043"]);
    let keys = nodes(&thread);
    for member in ["A/ES-10/1042", "A/ES-10/1030", "A/ES-10/1027", "A/55/432"] {
        assert!(
            keys.contains(&member.to_owned()),
            "{member} not in {keys:?}"
        );
    }
    let first = thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["key"] == "A/55/432")
        .unwrap();
    assert_eq!(first["held"], false);
    assert_eq!(first["url"], "https://undocs.org/A/55/432");
}

/// `stats` counted each language version as a document (1,731; "resolution:
/// 1432") where the home page counted works: one definition, works.
#[test]
fn documents_are_counted_as_works_with_their_texts() {
    let Some(store) = store() else { return };
    let stats = json(store, &["stats"]);
    let documents = stats["documents"].as_u64().unwrap();
    let texts = stats["texts"].as_u64().unwrap();
    assert!(texts > documents, "{stats}");
    let by_type: u64 = stats["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_u64().unwrap())
        .sum();
    assert_eq!(by_type, documents, "types count works");
    let by_language: u64 = stats["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_u64().unwrap())
        .sum();
    assert_eq!(by_language, texts, "languages count texts");
    assert!(stats["counting"].as_str().unwrap().contains("work"));
}

/// `--state` is sender or mentioned: `search --state Azerbaijan --type letter`
/// returned Armenian and Kazakh letters. `--sender` and `--mentions` say which;
/// any name of a State works; an unknown one is a usage error with suggestions.
#[test]
fn states_by_sender_or_mention_and_by_any_name() {
    let Some(store) = store() else { return };
    let search = |args: &[&str]| {
        let mut all = vec!["search", "--limit", "1000"];
        all.extend_from_slice(args);
        json(store, &all)
    };
    let senders = |found: &Value| -> Vec<String> {
        found["facets"]["sender"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let sent = search(&["--sender", "Azerbaijan", "--type", "letter"]);
    assert!(sent["total"].as_u64().unwrap() > 5, "{sent}");
    assert_eq!(senders(&sent), ["Azerbaijan"]);
    let either = search(&["--state", "Azerbaijan", "--type", "letter"]);
    assert!(senders(&either).len() > 1, "--state is sender or mentioned");
    let mentioned = search(&["--mentions", "Azerbaijan", "--sender", "Armenia"]);
    assert!(mentioned["total"].as_u64().unwrap() > 0);
    for (typed, official) in [
        ("azerbaijan", "Azerbaijan"),
        ("Turkey", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("Iran", "Iran (Islamic Republic of)"),
        ("Russia", "Russian Federation"),
    ] {
        let a = search(&["--state", typed]);
        let b = search(&["--state", official]);
        assert!(a["total"].as_u64().unwrap() > 0, "{typed}");
        assert_eq!(a["total"], b["total"], "{typed}");
    }
    let out = undoc(store)
        .args(["search", "--state", "Azerbajan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean Azerbaijan"), "{err}");
}

/// Two letters of one date from one State: a later letter naming "the letter
/// dated …" of that State is reported as ambiguous, never linked by a guess.
#[test]
fn a_letter_matching_two_held_letters_is_ambiguous_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let letters = dir.path().join("in");
    std::fs::create_dir(&letters).unwrap();
    let letter = |symbol: &str, date: &str, state: &str, body: &str| {
        format!(
            "United Nations S/{symbol}\n\nSecurity Council\n\nDistr.: General\n{date}\n\nOriginal: English\n\n\
             Letter dated {date} from the Permanent Representative of {state} to the United Nations addressed to the President of the Security Council\n\n\
             {body}\n\n(Signed) A. Person\nPermanent Representative\n"
        )
    };
    std::fs::write(
        letters.join("a.txt"),
        letter(
            "2025/901",
            "3 March 2025",
            "Chile",
            "I have the honour to inform you of the first matter.",
        ),
    )
    .unwrap();
    std::fs::write(
        letters.join("b.txt"),
        letter(
            "2025/902",
            "3 March 2025",
            "Chile",
            "I have the honour to inform you of a second matter.",
        ),
    )
    .unwrap();
    std::fs::write(
        letters.join("c.txt"),
        letter("2025/903", "9 March 2025", "Peru", "I have the honour to refer to the letter dated 3 March 2025 from the Permanent Representative of Chile to the United Nations, and to reply as follows."),
    )
    .unwrap();
    let store = dir.path().join("store");
    let out = undoc(&store).arg("ingest").arg(&letters).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = json(&store, &["show", "S/2025/903"]);
    let described = &shown["described_references"][0];
    assert_eq!(described["found"], false, "{shown}");
    let ambiguous: Vec<&str> = described["ambiguous"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ambiguous, ["S/2025/901", "S/2025/902"]);
    let thread = json(&store, &["thread", "S/2025/903"]);
    assert!(edges(&thread).is_empty(), "{thread}");
}

/// The API and the pages answer for documents not held and States by any name:
/// `/api/documents/S/RES/2334%20(2016)/cited-by` and `/states/Turkey` were 404s.
#[test]
fn the_api_and_pages_answer_for_what_is_not_held() {
    let Some(store) = store() else { return };
    let (_server, addr) = common::spawn_server(store);
    let (status, body) = get(&addr, "/api/documents/S/RES/2334%20(2016)/cited-by");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("A/RES/77/247"), "{body}");
    let (status, body) = get(&addr, "/api/documents/S/RES/2334%20(2016)");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"held\":false"), "{body}");
    let (status, body) = get(&addr, "/documents/S/RES/2334%20(2016)");
    assert_eq!(status, 200);
    assert!(
        body.contains("Not held here") && body.contains("https://undocs.org/S/RES/2334%20(2016)"),
        "{body}"
    );
    let (status, body) = get(&addr, "/api/documents/A/79/857/thread");
    assert_eq!(status, 200);
    assert!(
        body.contains("\"edges\"") && body.contains("baseless"),
        "{body}"
    );
    let (status, body) = get(&addr, "/api/missing?min_citations=3");
    assert_eq!(status, 200);
    assert!(body.contains("S/RES/2334 (2016)"), "{body}");
    let (status, body) = get(&addr, "/api/stats");
    assert!(status == 200 && body.contains("cited_not_held"), "{body}");
    let (status, body) = get(&addr, "/states/Turkey");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Türkiye"));
    let (status, body) = get(&addr, "/api/states/Azerbajan");
    assert_eq!(status, 404);
    assert!(body.contains("did you mean Azerbaijan"), "{body}");
    let (status, body) = get(&addr, "/documents/A/79/904");
    assert_eq!(status, 200);
    assert!(body.contains("<h2>Cites</h2>"), "{body}");
}

/// A corpus letter as text with its symbols taken out, the way the seed lost
/// its own: the pages joined, every occurrence of the symbols removed.
fn without_symbols(pdf: &Path, symbols: &[&str]) -> String {
    let options = undoc_extract::Options {
        pdf: undoc_extract::PdfExtractor::Builtin,
        ..Default::default()
    };
    let mut text = undoc_extract::extract_path(pdf, &options)
        .unwrap()
        .pages
        .join("\n\n");
    for symbol in symbols {
        text = text.replace(symbol, "");
    }
    text
}

/// A/79/815 (Armenia) with its symbol removed is identified by A/79/859,
/// which names it "the letter dated 4 March 2025 from the Permanent
/// Representative of Armenia (A/79/815-S/2025/145, annex)"; at ingest the
/// same symbol is inferred, marked as such, and the letter resolves by it.
#[test]
fn a_lost_symbol_is_found_in_a_held_document_that_names_it_a_79_815() {
    let Some(shared) = shared() else { return };
    let Some(store) = store() else { return };
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("letter-without-symbol.txt");
    let letters = shared.join("corpus/letters");
    std::fs::write(
        &derived,
        without_symbols(
            &letters.join("A_79_815.en.pdf"),
            &["A/79/815", "S/2025/145"],
        ),
    )
    .unwrap();
    let found = json(store, &["identify", derived.to_str().unwrap()]);
    assert_eq!(found["printed"], serde_json::json!([]), "{found}");
    assert_eq!(
        found["unique"],
        serde_json::json!(["A/79/815", "S/2025/145"]),
        "{found}"
    );
    assert_eq!(found["candidates"][0]["source"], "A/79/859");
    assert!(
        found["candidates"][0]["evidence"]
            .as_str()
            .unwrap()
            .contains("4 March 2025")
    );
    // A text that prints its symbol keeps it: nothing is inferred.
    let printed = json(
        store,
        &[
            "identify",
            letters.join("A_79_859.en.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(
        printed["printed"],
        serde_json::json!(["A/79/859", "S/2025/220"]),
        "{printed}"
    );
    assert_eq!(printed["candidates"], serde_json::json!([]));
    // At ingest, after the letter that names it.
    let fresh = dir.path().join("store");
    let out = undoc(&fresh)
        .arg("ingest")
        .arg(letters.join("A_79_859.en.pdf"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = undoc(&fresh).arg("ingest").arg(&derived).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = json(&fresh, &["show", "A/79/815"]);
    assert_eq!(
        shown["symbols"],
        serde_json::json!([]),
        "the text prints none"
    );
    assert_eq!(
        shown["inferred_symbols"],
        serde_json::json!(["A/79/815", "S/2025/145"])
    );
    assert!(
        shown["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("inferred"))
    );
    let thread = json(&fresh, &["thread", "A/79/859"]);
    assert!(
        nodes(&thread).iter().any(|k| k.starts_with("sha256:")),
        "{thread}"
    );
}

/// The seed letter (Azerbaijan, 7 May 2021) prints no symbol: a catalogue
/// record of its date and title identifies it. The record is written for this
/// test (its symbols are made up); nothing in the store names the seed.
#[test]
fn a_lost_symbol_is_found_in_a_catalogue_record_the_seed() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let marc = dir.path().join("seed.marcxml");
    std::fs::write(
        &marc,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
<record>
  <controlfield tag="001">9999001</controlfield>
  <datafield tag="191" ind1=" " ind2=" "><subfield code="a">A/75/9001</subfield></datafield>
  <datafield tag="191" ind1=" " ind2=" "><subfield code="a">S/2021/9001</subfield></datafield>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Letter dated 7 May 2021 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General</subfield></datafield>
  <datafield tag="269" ind1=" " ind2=" "><subfield code="a">2021-05-07</subfield></datafield>
</record>
<record>
  <controlfield tag="001">9999002</controlfield>
  <datafield tag="191" ind1=" " ind2=" "><subfield code="a">A/75/9002</subfield></datafield>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Letter dated 7 May 2021 from the Permanent Representative of Armenia to the United Nations addressed to the Secretary-General</subfield></datafield>
  <datafield tag="269" ind1=" " ind2=" "><subfield code="a">2021-05-07</subfield></datafield>
</record>
</collection>
"#,
    )
    .unwrap();
    let store = dir.path().join("store");
    let out = undoc(&store)
        .arg("import-marc")
        .arg(&marc)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seed = shared.join("seed/000_899904f2e9afdcb1.txt");
    let found = json(&store, &["identify", seed.to_str().unwrap()]);
    assert_eq!(
        found["unique"],
        serde_json::json!(["A/75/9001", "S/2021/9001"]),
        "{found}"
    );
    assert_eq!(found["candidates"][0]["source"], "catalogue");
    assert_eq!(
        found["candidates"].as_array().unwrap().len(),
        1,
        "only the title of its date and sender"
    );
}

/// `undoc remove`: the Secretary-General's letter S/2025/268 (A/79/907) goes
/// from the store and the index; the two letters that cite it
/// (S/2025/295, and S/2025/322 answering it) keep their references, now to
/// a document not held; a symbol not held is reported, the rest removed.
#[test]
fn remove_takes_a_document_out_and_its_citers_keep_the_reference() {
    let letters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/letters");
    if !letters.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared/corpus is missing under CI"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("undoc"))
            .arg("--store")
            .arg(dir.path())
            .args(args)
            .env_remove("UNDOC_STORE")
            .env("UNDOC_OCR", "never")
            .output()
            .unwrap()
    };
    let files: Vec<String> = ["A_79_907.en.pdf", "S_2025_295.en.pdf", "S_2025_322.en.pdf"]
        .iter()
        .map(|f| letters.join(f).display().to_string())
        .collect();
    let mut ingest = vec!["ingest"];
    ingest.extend(files.iter().map(String::as_str));
    assert!(run(&ingest).status.success());
    let cited_by = run(&["cited-by", "S/2025/268"]);
    assert_eq!(String::from_utf8_lossy(&cited_by.stdout).lines().count(), 2);

    let out = run(&["remove", "--json", "S/2025/268", "S/2099/1"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a symbol not held fails the command"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["removed"],
        serde_json::json!(["A/79/907"]),
        "{report}"
    );
    assert_eq!(report["missing"], serde_json::json!(["S/2099/1"]));
    assert_eq!(report["files_removed"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("S/2099/1: no such document"));

    // Gone from the store and from the index, by either of its symbols.
    let search = run(&["search", "--json", "A/79/907"]);
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(hits["total"], 0, "{hits}");
    let stats = run(&["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 2, "{stats}");
    // Its citers still cite it: it is now a document cited but not held.
    let cited_by = run(&["cited-by", "S/2025/268"]);
    assert!(cited_by.status.success());
    let text = String::from_utf8_lossy(&cited_by.stdout);
    assert!(
        text.contains("S/2025/295") && text.contains("replies_to S/2025/268"),
        "{text}"
    );
    let missing = run(&["missing", "--json"]);
    assert!(String::from_utf8_lossy(&missing.stdout).contains("S/2025/268"));
    // Removing it again says so and changes nothing.
    let again = run(&["remove", "A/79/907"]);
    assert_eq!(again.status.code(), Some(1));
    // Ingested again, it is linked again.
    assert!(run(&["ingest", &files[0]]).status.success());
    let search = run(&["search", "--json", "A/79/907"]);
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(hits["total"], 1, "{hits}");
}
