//! The six official languages on the UN's own Akoma Ntoso files: all 550
//! ingest; a resolution's language versions are one work (`show --lang`, the
//! API's `?lang=`, the document page's switcher); search reads each language
//! with its own stemmer and finds the right version by a word of that version
//! only; mislabelled files are read in their real language; recorded votes
//! give `undoc votes`, the State page's voting record and a CSV.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

fn akn() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/akn-ga-resolutions");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus is missing under CI"
    );
    eprintln!("skipped: {} not found", dir.display());
    None
}

fn undoc(store: &Path, args: &[&str]) -> std::process::Output {
    Command::new(assert_cmd::cargo::cargo_bin("undoc"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("UNDOC_STORE")
        .output()
        .unwrap()
}

fn json(store: &Path, args: &[&str]) -> Value {
    let out = undoc(store, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The 550 files, ingested once for all tests of this file.
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let folder = akn()?;
            let dir = common::run_dir("cli-multilingual-store");
            let out = undoc(dir.as_path(), &["ingest", folder.to_str().unwrap()]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{stdout}");
            // 550 files, 526 distinct texts: 24 files are second copies of a
            // text (the ES-11 resolutions sit in two folders, and two
            // mislabelled files repeat another folder's file).
            let counts: Vec<usize> = stdout
                .lines()
                .find(|l| l.starts_with("added "))
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            assert_eq!(counts.len(), 4, "{stdout}");
            assert_eq!(counts[0], 526, "{stdout}");
            assert_eq!(counts.iter().take(3).sum::<usize>(), 550, "{stdout}");
            assert_eq!(counts[3], 0, "no file fails: {stdout}");
            Some(dir)
        })
        .as_ref()
        .map(|d| d.as_path())
}

#[test]
fn every_language_version_is_a_text_of_one_work() {
    let Some(store) = store() else { return };
    let stats = json(store, &["stats", "--json"]);
    // 91 resolutions (works) in 526 language versions (texts).
    assert_eq!(stats["documents"], 91);
    assert_eq!(stats["texts"], 526);
    let by_language: Vec<(String, u64)> = stats["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v[0].as_str().unwrap().to_owned(), v[1].as_u64().unwrap()))
        .collect();
    for language in ["en", "fr", "es", "ru", "ar", "zh", "de"] {
        assert!(
            by_language.iter().any(|(l, n)| l == language && *n > 20),
            "{by_language:?}"
        );
    }
    let titles = [
        (
            "en",
            "Participation by the State of Palestine during the eightieth session",
        ),
        (
            "fr",
            "Participation de l’État de Palestine à la quatre-vingtième session",
        ),
        (
            "ru",
            "Участие Государства Палестина в работе восьмидесятой сессии",
        ),
        ("zh", "巴勒斯坦国在第八十届会议期间的与会安排"),
    ];
    for (language, title) in titles {
        let r = json(store, &["show", "A/RES/80/1", "--lang", language, "--json"]);
        assert_eq!(r["language"], language);
        assert_eq!(r["title"], title);
        assert_eq!(r["symbols"][0], "A/RES/80/1");
        assert_eq!(
            r["frbr"]["work"],
            "/akn/un/statement/deliberation/unga/2025-09-19/80-1/!main/"
        );
        // Same vote, same adoption, whatever the language.
        assert_eq!(r["votes"][0]["against"].as_array().unwrap().len(), 5);
        assert_eq!(r["adoption"]["meeting_record"], "A/80/PV.3");
    }
    for language in ["es", "ar"] {
        let r = json(store, &["show", "A/RES/80/1", "--lang", language, "--json"]);
        assert_eq!(r["language"], language);
        assert!(!r["title"].as_str().unwrap().is_ascii() || language == "es");
    }
    // The French text's references are found in French ("Voir la résolution 169 (II)").
    let fr = json(store, &["show", "A/RES/74/10", "--lang", "fr", "--json"]);
    let symbols: Vec<&str> = fr["references"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["symbols"].as_array().unwrap())
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(symbols.contains(&"A/RES/58/292"), "{symbols:?}");
    assert!(symbols.contains(&"S/RES/2334 (2016)"), "{symbols:?}");
    assert!(
        fr["references"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://undocs.org/fr/")
    );
    // A version that is not stored: a clear error naming those that are.
    let out = undoc(store, &["show", "A/RES/80/2", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no English version") && err.contains("ar, es, fr, ru, zh"),
        "{err}"
    );
}

#[test]
fn a_mislabelled_file_is_read_in_its_real_language() {
    let Some(store) = store() else { return };
    // 75session/Chinese/75_274_C.xml declares Spanish; its text is Chinese.
    let r = json(store, &["show", "A/RES/75/274", "--lang", "zh", "--json"]);
    assert!(
        r["source"]
            .as_str()
            .unwrap()
            .ends_with("75session/Chinese/75_274_C.xml")
    );
    assert_eq!(r["frbr"]["declared_language"], "es");
    let warnings = r["warnings"].to_string();
    assert!(
        warnings.contains("declares its language as Spanish (spa) but the text is Chinese"),
        "{warnings}"
    );
    // And the real Spanish version is not overwritten by it.
    let es = json(store, &["show", "A/RES/75/274", "--lang", "es", "--json"]);
    assert!(
        es["source"].as_str().unwrap().contains("/Spanish/"),
        "{}",
        es["source"]
    );
}

/// The first hit of a search, with the total.
fn first_hit(store: &Path, query: &str, language: Option<&str>) -> (u64, Option<Value>) {
    let mut args = vec!["search", query, "--json"];
    if let Some(l) = language {
        args.extend(["--lang", l]);
    }
    let v = json(store, &args);
    (v["total"].as_u64().unwrap(), v["hits"].get(0).cloned())
}

/// A query only one language version answers, by a form of its words the
/// text does not hold (stemming), finds that version of A/RES/80/1 first;
/// the same query read as English finds nothing.
fn finds_in(store: &Path, query: &str, language: &str, absent_form: &str) {
    let text = json(store, &["show", "A/RES/80/1", "--lang", language, "--json"]);
    let body: String = text["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !body.contains(absent_form),
        "{absent_form:?} is in the {language} text: the test would not show stemming"
    );
    let (total, hit) = first_hit(store, query, None);
    let hit = hit.unwrap_or_else(|| panic!("{query:?}: no hit"));
    assert!(total >= 1);
    assert_eq!(hit["id"], format!("A/RES/80/1@{language}"), "{query:?}");
    assert_eq!(hit["language"], language);
    assert_eq!(hit["symbols"][0], "A/RES/80/1");
    let (english, _) = first_hit(store, query, Some("en"));
    assert_eq!(english, 0, "{query:?} read as English");
}

#[test]
fn search_in_french_with_plural_and_singular() {
    let Some(store) = store() else { return };
    // The text: "la décision prise …" (singular) and "délivrer des visas".
    finds_in(store, "décisions délivrer", "fr", "décisions délivrer");
    let (_, hit) = first_hit(store, "décisions délivrer", Some("fr"));
    assert!(
        hit.unwrap()["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>délivrer</b>")
    );
}

#[test]
fn search_in_spanish() {
    let Some(store) = store() else { return };
    // The text: "denegar visados" (plural); the query: singular.
    finds_in(store, "visado denegar", "es", "visado ");
}

#[test]
fn search_in_russian_with_inflected_forms() {
    let Some(store) = store() else { return };
    // The text: "в выдаче виз", "их визы" (genitive, accusative); the query: instrumental.
    finds_in(store, "визами отказать", "ru", "визами");
    finds_in(store, "виза", "ru", "виза ");
}

#[test]
fn search_in_arabic() {
    let Some(store) = store() else { return };
    // The text: "تأشيرات" (visas, plural); the query: the singular.
    finds_in(store, "تأشيرة", "ar", "تأشيرة");
}

#[test]
fn search_in_chinese_by_words_without_spaces() {
    let Some(store) = store() else { return };
    // "吊销签证" (revoke visas): two words apart in the text ("吊销巴勒斯坦国代表的签证").
    finds_in(store, "吊销签证", "zh", "吊销签证");
}

#[test]
fn search_in_english_with_stemming() {
    let Some(store) = store() else { return };
    // The text: "to deny visas to and revoke visas from".
    let (_, hit) = first_hit(store, "denied visa", None);
    let hit = hit.unwrap();
    assert_eq!(hit["id"], "A/RES/80/1");
    assert_eq!(hit["language"], "en");
    let (french, _) = first_hit(store, "denied visa", Some("fr"));
    assert_eq!(french, 0);
}

#[test]
fn results_are_works_not_versions() {
    let Some(store) = store() else { return };
    let v = json(store, &["search", "A/RES/80/1", "--json"]);
    assert_eq!(
        v["total"], 1,
        "one document, though six texts bear the symbol"
    );
    // The language facet counts the document once in each of its languages.
    let languages: Vec<(&str, u64)> = v["facets"]["language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap(), f["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(languages.len(), 6, "{languages:?}");
    assert!(languages.iter().all(|(_, n)| *n == 1), "{languages:?}");
    assert_eq!(v["hits"][0]["languages"].as_array().unwrap().len(), 6);
    let v = json(
        store,
        &["search", "--type", "resolution", "--limit", "100", "--json"],
    );
    // 526 texts of 94 documents (91 GA resolutions, a collection's parts stored
    // whole, and the Security Council's four).
    let total = v["total"].as_u64().unwrap();
    assert!((90..=100).contains(&total), "{total}");
    let mut symbols: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["symbols"][0].as_str().unwrap())
        .collect();
    let n = symbols.len();
    symbols.sort_unstable();
    symbols.dedup();
    assert_eq!(symbols.len(), n, "no document twice");
}

#[test]
fn a_states_voting_record() {
    let Some(store) = store() else { return };
    let v = json(store, &["votes", "UNITED STATES", "--json"]);
    assert_eq!(v["state"], "United States of America");
    let votes = v["votes"].as_array().unwrap();
    let on = |symbol: &str| {
        votes
            .iter()
            .find(|x| x["symbols"][0] == symbol)
            .map(|x| x["ballot"].as_str().unwrap().to_owned())
    };
    // A/RES/80/1 (Palestine's participation): against; A/RES/80/4 (the embargo on Cuba): against.
    assert_eq!(on("A/RES/80/1").as_deref(), Some("against"));
    assert_eq!(on("A/RES/80/4").as_deref(), Some("against"));
    let counts = &v["counts"];
    let sum = ["in_favour", "against", "abstaining"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(sum as usize, votes.len());
    // One entry per resolution, not per language version.
    let mut ids: Vec<&str> = votes
        .iter()
        .map(|x| x["symbols"][0].as_str().unwrap())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    let out = undoc(store, &["votes", "Narnia"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Narnia: not a State"));

    // The CSV: one row per State's ballot.
    let out = undoc(store, &["export", "--format", "votes", "A/RES/80/1"]);
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "symbol",
            "title",
            "adoption_date",
            "meeting_record",
            "vote",
            "state",
            "ballot",
            "document"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 145 + 5 + 6);
    assert!(rows.iter().any(|r| &r[5] == "Israel" && &r[6] == "against"));
}

fn http_get(addr: &str, path: &str) -> (String, String) {
    common::http(addr, "GET", path, &[], b"")
}

#[test]
fn the_api_and_the_pages_give_each_version() {
    let Some(store) = store() else { return };
    let (_server, addr) = common::spawn_server(store);

    let (status, body) = http_get(&addr, "/api/documents/A/RES/80/1?lang=ru");
    assert!(status.contains("200"), "{status} {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["record"]["language"], "ru");
    assert_eq!(v["key"], "A/RES/80/1@ru");
    assert_eq!(v["versions"].as_array().unwrap().len(), 6);
    let (status, body) = http_get(&addr, "/api/documents/A/RES/80/1@ru/file");
    assert!(
        status.contains("200") && body.contains("<akomaNtoso"),
        "{status}"
    );
    let (status, body) = http_get(&addr, "/api/documents/A/RES/80/2?lang=en");
    assert!(
        status.contains("404") && body.contains("no English version"),
        "{status} {body}"
    );
    let (status, _) = http_get(&addr, "/api/documents/A/RES/80/1?language=fr");
    assert!(
        status.contains("400"),
        "an unknown parameter is refused: {status}"
    );

    let (status, body) = http_get(
        &addr,
        "/api/search?q=%D0%B2%D0%B8%D0%B7%D0%B0%D0%BC%D0%B8&lang=ru",
    );
    assert!(status.contains("200"));
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"][0]["id"], "A/RES/80/1@ru");

    // The page: a switcher to the five other versions, the Arabic text right to left.
    let (status, page) = http_get(&addr, "/documents/A/RES/80/1?lang=ar");
    assert!(status.contains("200"));
    assert!(page.contains(r#"<nav class="versions" aria-label="Language versions">"#));
    for (lang, name) in [
        ("en", "English"),
        ("fr", "Français"),
        ("es", "Español"),
        ("ru", "Русский"),
        ("zh", "中文"),
    ] {
        assert!(
            page.contains(&format!(r#"href="/documents/A/RES/80/1?lang={lang}" lang="{lang}" hreflang="{lang}">{name}</a>"#)),
            "{lang}"
        );
    }
    assert!(page.contains(r#"aria-current="page" lang="ar">العربية</span>"#));
    assert!(page.contains(r#"<div class="body" lang="ar" dir="rtl">"#));
    assert!(page.contains("by a recorded vote of 145 to 5, with 6 abstentions"));
    // The State page's voting record.
    let (status, page) = http_get(&addr, "/states/Israel");
    assert!(status.contains("200"));
    assert!(page.contains("Voting record"), "{page}");
    assert!(page.contains("A/RES/80/1"));
}

#[test]
fn every_language_version_exports_as_valid_akoma_ntoso() {
    let Some(store) = store() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = undoc(
        store,
        &[
            "export",
            "--format",
            "akn",
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
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
    assert_eq!(files.len(), 526, "one file per stored text");
    // The French version is an expression of the same work, in French.
    let fr = std::fs::read_to_string(dir.path().join("A-RES-80-1.fra.xml")).unwrap();
    assert!(fr.contains(
        r#"<FRBRthis value="/akn/un/statement/deliberation/unga/2025-09-19/80-1/!main"/>"#
    ));
    assert!(fr.contains(
        r#"<FRBRthis value="/akn/un/statement/deliberation/unga/2025-09-19/80-1/fra@/!main"/>"#
    ));
    assert!(fr.contains(r#"<FRBRlanguage language="fra"/>"#));
    assert!(dir.path().join("A-RES-80-1.zho.xml").exists());
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI installs xmllint"
    );
    if !found {
        eprintln!("skipped: xmllint not installed");
        return;
    }
    let schema = akn()
        .unwrap()
        .join("../../schemas/akomantoso30/akomantoso30.xsd");
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
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(report.lines().count(), 526);
}
