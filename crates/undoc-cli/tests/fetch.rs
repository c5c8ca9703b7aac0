//! `undoc fetch` against a loopback mock of the Official Document System
//! (`undoc_fetch::mock`) that serves the corpus's letters under their
//! symbols: a letter and what it answers come in and link up, misses are
//! recorded, and a second run asks nothing it already knows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::path::PathBuf;

use common::{json, shared, undoc};
use undoc_fetch::mock::{Answer, Mock};

/// The mock: a corpus letter for its symbol in English, 404 for anything else.
fn ods(letters: PathBuf) -> Mock {
    Mock::start(move |symbol, language, _| {
        let path = letters.join(format!("{}.{language}.pdf", symbol.replace('/', "_")));
        match std::fs::read(&path) {
            Ok(bytes) => Answer::pdf(bytes),
            Err(_) => Answer::status("404 Not Found"),
        }
    })
}

fn fetch(store: &std::path::Path, mock: &Mock, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["fetch", "--ods-url", &mock.base, "--delay", "0"];
    all.extend_from_slice(args);
    json(store, &all)
}

#[test]
fn a_letter_and_the_letters_it_answers_are_fetched_linked_and_not_asked_twice() {
    let Some(shared) = shared() else { return };
    let mock = ods(shared.join("corpus/letters"));
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");

    let first = fetch(
        &store,
        &mock,
        &["A/79/818", "--follow", "replies", "--depth", "1"],
    );
    assert_eq!(first["failed"], 0, "{first}");
    let asked: Vec<String> = mock.requests().iter().map(|r| r.symbol.clone()).collect();
    assert_eq!(
        asked[0], "A/79/818",
        "the letter first, then what it answers: {asked:?}"
    );
    for answered in ["A/79/798", "A/79/802"] {
        assert!(
            asked.iter().any(|s| s == answered),
            "{answered} fetched: {asked:?}"
        );
    }
    assert!(asked.iter().all(|s| !s.is_empty()));

    let thread = json(&store, &["thread", "A/79/818"]);
    let held: Vec<&str> = thread["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["held"] == true)
        .filter_map(|n| n["key"].as_str())
        .collect();
    for member in ["A/79/818", "A/79/798", "A/79/802"] {
        assert!(
            held.contains(&member),
            "{member} held, in the thread: {thread}"
        );
    }
    let edges: Vec<(&str, &str)> = thread["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert!(edges.contains(&("A/79/818", "A/79/798")), "{edges:?}");
    assert!(edges.contains(&("A/79/818", "A/79/802")), "{edges:?}");

    // Everything is known now: held, or a recorded miss. Nothing is asked again.
    let before = mock.requests().len();
    let second = fetch(
        &store,
        &mock,
        &["A/79/818", "--follow", "replies", "--depth", "1"],
    );
    assert_eq!(
        mock.requests().len(),
        before,
        "a second run sends nothing: {second}"
    );
    assert_eq!(second["fetched"], 0);
    assert!(second["held"].as_u64().unwrap() >= 3, "{second}");
}

#[test]
fn a_symbol_the_service_does_not_have_is_a_recorded_miss() {
    let Some(shared) = shared() else { return };
    let mock = ods(shared.join("corpus/letters"));
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = fetch(&store, &mock, &["A/79/99999"]);
    assert_eq!(first["missing"], 1, "{first}");
    assert_eq!(first["results"][0]["outcome"], "not_found");
    assert_eq!(mock.requests().len(), 1);
    let second = fetch(&store, &mock, &["A/79/99999"]);
    assert_eq!(second["results"][0]["outcome"], "known_miss", "{second}");
    assert_eq!(mock.requests().len(), 1, "a known miss is not asked again");
    // --refresh 0 asks again.
    fetch(&store, &mock, &["A/79/99999", "--refresh", "0"]);
    assert_eq!(mock.requests().len(), 2);
}

/// `--missing` fetches what the store cites but does not hold, most cited
/// first; a range sweeps one series.
#[test]
fn missing_documents_and_ranges_are_fetched() {
    let Some(shared) = shared() else { return };
    let mock = ods(shared.join("corpus/letters"));
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    fetch(&store, &mock, &["A/79/818"]);
    let cited: Vec<String> = json(&store, &["missing", "--limit", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["symbol"].as_str().map(str::to_owned))
        .collect();
    assert!(cited.iter().any(|s| s == "A/79/798"), "{cited:?}");
    let before = mock.requests().len();
    let swept = fetch(&store, &mock, &["--missing", "--limit", "1000"]);
    let asked: Vec<String> = mock.requests()[before..]
        .iter()
        .map(|r| r.symbol.clone())
        .collect();
    // A joint symbol's other half (S/2025/110 for A/79/798) is held once its
    // document is fetched: it is not asked for.
    let count = |k: &str| swept[k].as_u64().unwrap();
    assert_eq!(
        count("fetched") + count("missing") + count("held"),
        cited.len() as u64,
        "{swept}"
    );
    assert_eq!(
        asked.len() as u64,
        count("fetched") + count("missing"),
        "{swept}"
    );
    assert!(swept["fetched"].as_u64().unwrap() >= 2, "{swept}");

    let before = mock.requests().len();
    let range = fetch(&store, &mock, &["A/79/716..A/79/718"]);
    let asked: Vec<String> = mock.requests()[before..]
        .iter()
        .map(|r| r.symbol.clone())
        .collect();
    assert_eq!(asked, ["A/79/716", "A/79/717", "A/79/718"], "{range}");
    let out = undoc(&store)
        .args(["fetch", "S/2025/9..A/79/10", "--ods-url", &mock.base])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a range over two series is refused");
}

/// A run killed (`kill -9`) part way loses nothing fetched, and the next run
/// finishes the work: the store ends as one uninterrupted run leaves it.
#[test]
fn a_killed_fetch_resumes_to_the_same_store() {
    use undoc_store::Store as _;
    let Some(shared) = shared() else { return };
    let letters = shared.join("corpus/letters");
    let slow = {
        let letters = letters.clone();
        Mock::start(move |symbol, language, _| {
            let path = letters.join(format!("{}.{language}.pdf", symbol.replace('/', "_")));
            let answer = match std::fs::read(&path) {
                Ok(bytes) => Answer::pdf(bytes),
                Err(_) => Answer::status("404 Not Found"),
            };
            Answer {
                stall: std::time::Duration::from_millis(150),
                ..answer
            }
        })
    };
    // A/79/907 cites a dozen resolutions the mock does not have: misses to record.
    let args = [
        "A/79/818",
        "S/2025/322",
        "A/79/907",
        "--follow",
        "cites",
        "--depth",
        "2",
    ];
    let dir = tempfile::tempdir().unwrap();

    let whole = dir.path().join("whole");
    fetch(&whole, &slow, &args);
    let asked_whole = slow.requests().len();
    assert!(
        asked_whole >= 4,
        "the walk takes several requests: {asked_whole}"
    );

    let resumed = dir.path().join("resumed");
    let mut child = undoc(&resumed)
        .args(["fetch", "--ods-url", &slow.base, "--delay", "0"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once a request or two is done, most of the walk still queued.
    let started = slow.requests().len();
    let waited = std::time::Instant::now();
    while slow.requests().len() < started + 2 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the fetch ended before it could be killed"
        );
        assert!(
            waited.elapsed().as_secs() < 60,
            "the fetch sent no requests"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    fetch(&resumed, &slow, &args);

    let ids = |store: &std::path::Path| {
        undoc_store::SqliteStore::open(store)
            .unwrap()
            .ids()
            .unwrap()
    };
    assert_eq!(
        ids(&resumed),
        ids(&whole),
        "the resumed store is the uninterrupted one"
    );
    let misses = |store: &std::path::Path| {
        let db = undoc_store::SqliteStore::open(store).unwrap();
        let mut symbols: Vec<String> = slow.requests().iter().map(|r| r.symbol.clone()).collect();
        symbols.sort();
        symbols.dedup();
        db.misses(&symbols.iter().map(String::as_str).collect::<Vec<_>>())
            .unwrap()
            .into_iter()
            .map(|m| (m.symbol, m.language, m.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        misses(&resumed),
        misses(&whole),
        "and knows the same misses"
    );
}

#[test]
fn the_service_address_must_be_a_bare_origin() {
    let dir = tempfile::tempdir().unwrap();
    let out = undoc(&dir.path().join("store"))
        .args(["fetch", "A/79/818", "--ods-url", "documents.un.org/api"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("documents.un.org/api"), "{stderr}");
}
