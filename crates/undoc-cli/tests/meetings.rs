//! Meeting records through the whole program: the nine verbatim records
//! with a text layer in `../shared/corpus/meetings/` ingested, a State's
//! speeches listed and filtered (`undoc speeches`), the speeches table
//! exported, and the pages: a meeting's speeches with anchors and its
//! decisions, a State's "Statements", the meeting that adopted a resolution.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

fn undoc(store: &Path, args: &[&str]) -> std::process::Output {
    common::undoc(store).args(args).output().unwrap()
}

/// The records with a text layer, ingested once (the 1950 scan is left out:
/// its OCR takes minutes and yields no speeches, as tests/speeches.rs of
/// undoc-parse checks).
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let folder = common::shared()?.join("corpus/meetings");
            let files: Vec<String> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .filter(|p| !p.to_string_lossy().contains("_1950_"))
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            assert_eq!(files.len(), 9);
            let dir = common::run_dir("cli-meetings-store");
            // A letter answering a statement by its meeting, as S/2025/505
            // answers France's at the 9973rd: here Russia's at the 8422nd.
            let letter = dir.as_path().join("answer.md");
            std::fs::write(&letter, ANSWER).unwrap();
            let mut args = vec!["ingest", "--pdf-extractor", "builtin"];
            args.extend(files.iter().map(String::as_str));
            args.push(letter.to_str().unwrap());
            let out = undoc(dir.as_path(), &args);
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

const ANSWER: &str = "United Nations S/2018/9999

Security Council

Distr.: General
14 December 2018

Original: English

Letter dated 14 December 2018 from the Permanent Representative of Côte d'Ivoire to the United Nations addressed to the President of the Security Council

I am writing in reference to the statement delivered by the representative of the Russian Federation during the 8422nd meeting of the Security Council, held on 13 December 2018.

I should be grateful if you would have the present letter circulated as a document of the Security Council.
";

#[test]
fn a_states_speeches_newest_first_and_filtered() {
    let Some(store) = store() else { return };
    let all = common::json(store, &["speeches", "RUSSIAN FEDERATION"]);
    assert_eq!(all["state"], "Russian Federation");
    let speeches = all["speeches"].as_array().unwrap();
    let meetings: Vec<&str> = speeches
        .iter()
        .map(|s| s["meeting"].as_str().unwrap())
        .collect();
    // One speech in each of six records, newest meeting first.
    assert_eq!(
        meetings,
        [
            "A/79/PV.29",
            "A/76/PV.102",
            "S/PV.8422",
            "A/61/PV.107",
            "S/PV.3756",
            "A/48/PV.46"
        ]
    );
    let nebenzia = &speeches[2];
    assert_eq!(nebenzia["speaker"], "Mr. Nebenzia");
    assert_eq!(nebenzia["anchor"], "speech-7");
    assert!(
        nebenzia["text"]
            .as_str()
            .unwrap()
            .starts_with("Mr. Nebenzia (Russian Federation)")
    );
    // Words narrow them; so do the kind and the speaker.
    let on_2448 = common::json(store, &["speeches", "Russian Federation", "2448"]);
    assert_eq!(on_2448["total"], 1);
    assert_eq!(on_2448["speeches"][0]["meeting"], "S/PV.8422");
    let explanations = common::json(
        store,
        &[
            "speeches",
            "Russian Federation",
            "--kind",
            "explanation of vote",
        ],
    );
    assert_eq!(explanations["total"], 1);
    assert_eq!(explanations["speeches"][0]["speaker"], "Mr. Rogachev");
    let lavrov = common::json(
        store,
        &["speeches", "Russian Federation", "--speaker", "lavrov"],
    );
    assert_eq!(lavrov["speeches"][0]["meeting"], "S/PV.3756");
    // Search narrows to the meetings a speaker spoke at, by a word of the name.
    let hits = common::json(store, &["search", "--speaker", "NEBENZIA"]);
    let ids: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["S/PV.8422"]);
    // A misspelt State: a one-line error with the name meant, exit 1.
    let out = undoc(store, &["speeches", "Rusia"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean Russian Federation"), "{err}");
    let out = undoc(store, &["speeches", "Armenia", "--kind", "sermon"]);
    assert_eq!(out.status.code(), Some(2), "a kind that is none is refused");
}

#[test]
fn the_speeches_table_exports_one_row_per_speech() {
    let Some(store) = store() else { return };
    let out = undoc(store, &["export", "--format", "speeches", "S/PV.8422"]);
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, undoc_export::SPEECH_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let parsed = common::json(store, &["show", "S/PV.8422"]);
    assert_eq!(rows.len(), parsed["speeches"].as_array().unwrap().len());
    let seventh = &rows[6];
    assert_eq!(&seventh[2], "7");
    assert_eq!(&seventh[3], "Mr. Nebenzia");
    assert_eq!(&seventh[4], "Russian Federation");
    assert_eq!(&seventh[6], "statement");
    // The references a speech makes are its own: Russia's names the resolution just adopted.
    let references = &seventh[10];
    assert!(references.contains("S/RES/2448 (2018)"), "{references}");
    assert_eq!(
        &rows[0][10], "S/2018/1016",
        "the President puts the draft before the Council"
    );
    // A General Assembly record's speeches carry the item they were made under.
    let out = undoc(store, &["export", "--format", "speeches", "A/79/PV.29"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let items: Vec<String> = reader.records().map(|r| r.unwrap()[8].to_owned()).collect();
    assert_eq!(items.first().map(String::as_str), Some("74"));
    assert_eq!(items.last().map(String::as_str), Some("73"));
    let out = undoc(
        store,
        &["export", "--format", "speeches-jsonl", "S/PV.8422"],
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), rows.len());
    assert_eq!(lines[6]["position"], 7);
    assert_eq!(lines[6]["state"], "Russian Federation");
    assert_eq!(lines[0]["language"], "fr", "the President spoke in French");
}

#[test]
fn pages_show_speeches_decisions_statements_and_adoptions() {
    let Some(store) = store() else { return };
    let (_server, addr) = common::spawn_server(store);
    let (status, page) = common::get(&addr, "/documents/S/PV.8422");
    assert_eq!(status, 200);
    // Every speech has its anchor, in order; the list links to each.
    for n in 1..=12 {
        assert!(page.contains(&format!("id=\"speech-{n}\"")), "speech-{n}");
    }
    assert!(page.contains("href=\"#speech-7\">Mr. Nebenzia</a>"));
    assert!(page.contains("adopted by a recorded vote of 13 to 0, with 2 abstentions"));
    assert!(page.contains("Abstaining: 2"));
    // A State's page lists its statements, linked to the speech.
    let (status, page) = common::get(&addr, "/states/Russian%20Federation");
    assert_eq!(status, 200);
    assert!(page.contains("<h2>Statements</h2>"));
    assert!(page.contains("/documents/S/PV.8422#speech-7"));
    // The resolution, not held, names the meeting that adopted it.
    let (status, page) = common::get(&addr, "/documents/S/RES/2448%20(2018)");
    assert_eq!(status, 200);
    assert!(
        page.contains("(2018-12-13): adopted by a recorded vote of 13 to 0, with 2 abstentions, draft S/2018/1016"),
        "{page}"
    );
    // A letter answering "the statement delivered by the representative of
    // the Russian Federation during the 8422nd meeting" links to that speech.
    let (status, page) = common::get(&addr, "/documents/S/2018/9999");
    assert_eq!(status, 200);
    assert!(
        page.contains("<a href=\"/documents/S/PV.8422#speech-7\" class=\"ref-internal\">8422nd meeting of the Security Council</a>"),
        "{page}"
    );
    // The API's State view carries the statements too.
    let (status, body) = common::get(&addr, "/api/states/Armenia");
    assert_eq!(status, 200);
    let view: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["statements"][0]["meeting"]["id"], "A/79/PV.29");
    assert_eq!(view["statements"][0]["speaker"], "Mr. Margaryan");
    // Under "Agenda item 73", the Court's report (A/79/4).
    assert_eq!(view["statements"][0]["agenda_item"], 73);
    let (_, page) = common::get(&addr, "/states/Armenia");
    assert!(
        page.contains("2024-10-29 · agenda item 73 · Mr. Margaryan"),
        "{page}"
    );
    let listed = common::json(store, &["speeches", "Armenia"]);
    assert_eq!(listed["speeches"][0]["agenda_item"], 73);
}

/// The speaker and speaking-State facets over the real records, and the
/// sender filter finding the meetings a State spoke at: the same meetings
/// `undoc speeches` lists for it, plus the letters it sent.
#[test]
fn speakers_and_speaking_states_are_search_facets_and_filters() {
    let Some(store) = store() else { return };
    let facets = common::json(store, &["search", "--type", "meeting_record"]);
    let count = |group: &str, value: &str| {
        facets["facets"][group]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == value)
            .map(|v| v["count"].as_u64().unwrap())
    };
    // Russia spoke in six of the nine records (a_states_speeches_newest_first_and_filtered).
    assert_eq!(count("speaker_state", "Russian Federation"), Some(6));
    assert_eq!(count("speaker", "Mr. Nebenzia"), Some(1));
    // A/79/PV.29 prints "The Acting President:": an office, not a speaker.
    assert_eq!(count("speaker", "The Acting President"), None);
    // A/79/PV.29's closing words are spoken for a UN department, which no
    // State filter names: the speaking-State facet leaves it out, so that
    // none of its links is refused.
    assert_eq!(
        count(
            "speaker_state",
            "Department for General Assembly and Conference Management"
        ),
        None
    );
    assert_eq!(facets["facets"]["sender"], serde_json::json!([]));

    let spoke = common::json(store, &["search", "--sender", "Russia", "--limit", "50"]);
    let mut found: Vec<&str> = spoke["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["symbols"][0].as_str().unwrap())
        .collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "A/48/PV.46",
            "A/61/PV.107",
            "A/76/PV.102",
            "A/79/PV.29",
            "S/PV.3756",
            "S/PV.8422"
        ]
    );

    let (_server, addr) = common::spawn_server(store);
    // The page shows the 30 commonest: in 2018 there is one meeting record, S/PV.8422.
    let (status, page) = common::get(&addr, "/search?type=meeting_record&year=2018");
    assert_eq!(status, 200);
    assert!(page.contains("<h2>Speaking State</h2>"), "{page}");
    assert!(page.contains("sender=Russian+Federation"), "{page}");
    assert!(page.contains("speaker=Mr.+Nebenzia"), "{page}");
    let (status, body) = common::get(&addr, "/api/search?type=meeting_record&sender=China");
    assert_eq!(status, 200);
    let view: Value = serde_json::from_str(&body).unwrap();
    let speaking: Vec<&str> = view["facets"]["speaker_state"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(speaking.contains(&"China"), "{speaking:?}");
}

/// Every General Assembly resolution of the corpus's Akoma Ntoso whose
/// adoption names a meeting record held here is found among that meeting's
/// decisions, read from the PDF: the same draft, adopted the same way. Two
/// independent readings of one act (A/RES/76/305: A/76/L.86, without a vote,
/// at A/76/PV.102), and its page says where and how it was adopted.
#[test]
fn akoma_ntoso_adoptions_agree_with_the_meetings_that_adopted_them() {
    let Some(shared) = common::shared() else {
        return;
    };
    let parse = |files: &[String]| -> Vec<Value> {
        let mut args = vec!["parse", "--json", "--pdf-extractor", "builtin"];
        args.extend(files.iter().map(String::as_str));
        let out = common::undoc(Path::new("unused-store"))
            .args(&args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let in_folder = |folder: &Path, extension: &str| -> Vec<String> {
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        files.sort();
        files
    };
    // The 1950 scan is left out: its OCR takes minutes and it has no decisions.
    let mut meeting_files = in_folder(&shared.join("corpus/meetings"), "pdf");
    meeting_files.retain(|f| !f.contains("_1950_"));
    let meetings = parse(&meeting_files);
    let akn_root = shared.join("corpus/akn-ga-resolutions");
    let mut resolutions = Vec::new();
    for session in std::fs::read_dir(&akn_root).unwrap() {
        let english = session.unwrap().path().join("English");
        if english.is_dir() {
            resolutions.extend(parse(&in_folder(&english, "xml")));
        }
    }
    assert!(resolutions.len() > 50, "{}", resolutions.len());
    let mut compared = Vec::new();
    for resolution in &resolutions {
        let symbol = resolution["symbols"][0].as_str().unwrap();
        let adoption = &resolution["adoption"];
        let Some(record) = adoption["meeting_record"].as_str() else {
            continue;
        };
        let Some(meeting) = meetings.iter().find(|m| m["symbols"][0] == record) else {
            continue;
        };
        let decision = meeting["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["adopted_as"] == symbol)
            .unwrap_or_else(|| panic!("{record} adopts {symbol}"));
        let drafts: Vec<&str> = adoption["drafts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        let draft = decision["draft"].as_str().unwrap();
        assert!(
            drafts.contains(&draft),
            "{symbol}: {draft} not in {drafts:?}"
        );
        if let Some(outcome) = adoption["outcome"].as_str() {
            assert_eq!(decision["method"], outcome, "{symbol}");
        }
        compared.push(symbol.to_owned());
    }
    assert_eq!(compared, ["A/RES/76/305"]);

    let dir = tempfile::tempdir().unwrap();
    let akn = akn_root.join("76session/English/A_RES_76_305-2221685E.xml");
    let meeting = shared.join("corpus/meetings/en_ga_76_pv_document_102.pdf");
    let out = undoc(
        dir.path(),
        &[
            "ingest",
            "--pdf-extractor",
            "builtin",
            akn.to_str().unwrap(),
            meeting.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_server, addr) = common::spawn_server(dir.path());
    let (status, page) = common::get(&addr, "/documents/A/RES/76/305");
    assert_eq!(status, 200);
    assert!(
        page.contains("(2022-09-08): adopted without a vote, draft A/76/L.86"),
        "{page}"
    );
}

/// Issue 19: a match past the first 4,000 characters of a long record showed
/// the record's opening. A/79/PV.29 names Mr. Quintana Aranguren (Colombia)
/// about 40,000 characters in; his words and his name are what the snippet
/// shows, marked, in the text and JSON output alike.
#[test]
fn a_match_deep_in_a_meeting_record_shows_its_passage() {
    let Some(store) = store() else { return };
    let results = common::json(store, &["search", "Quintana Aranguren"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["id"], "A/79/PV.29");
    let text = hit["snippet_text"].as_str().unwrap();
    let marked: Vec<&str> = hit["snippet_marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["Quintana", "Aranguren"], "{text}");
    assert!(text.contains("(Colombia)"), "{text}");
    let out = undoc(store, &["search", "Quintana Aranguren"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains("[Quintana] [Aranguren] (Colombia)"), "{page}");
}
