//! The corpus commands on PostgreSQL against the embedded store: the same
//! answers (threads, citations, agenda items, records, stats, and the
//! searches of the store issue), four concurrent ingesters of overlapping
//! inputs, and `undoc migrate` there and back. Needs a server:
//! `UNDOC_TEST_POSTGRES=postgres://user@host:port/db` (`.ci/run` starts a
//! private cluster); without one these tests say they were skipped, except
//! under `CI=true`, where they must run.
//!
//! Ranking: both engines rank by term statistics, but not the same ones
//! (BM25 in tantivy, `ts_rank_cd` in PostgreSQL). So the tests compare
//! totals, facets and the *sets* of matching documents, and check the
//! documents that must come first (a symbol's own document, a name one
//! document is about) on both; the order of the rest may differ.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn server() -> Option<String> {
    match std::env::var("UNDOC_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must give the PostgreSQL tests a server (UNDOC_TEST_POSTGRES)"
            );
            eprintln!(
                "skipped: no PostgreSQL server (set UNDOC_TEST_POSTGRES=postgres://user@host:port/db)"
            );
            None
        }
    }
}

/// The streaming-replication standby of the test server (`.ci/run` starts
/// one with `scripts/pg-cluster.sh standby`); CI must have it.
fn standby() -> Option<String> {
    match std::env::var("UNDOC_TEST_POSTGRES_STANDBY") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must give the replica tests a standby (UNDOC_TEST_POSTGRES_STANDBY)"
            );
            eprintln!("skipped: no standby (set UNDOC_TEST_POSTGRES_STANDBY=postgres://…)");
            None
        }
    }
}

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    dir
}

/// A plain connection to `url`, on a runtime of its own, given to `f`.
fn on_connection<R>(
    url: &str,
    f: impl FnOnce(&tokio::runtime::Runtime, &tokio_postgres::Client) -> R,
) -> R {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (client, connection) = runtime
        .block_on(tokio_postgres::connect(url, tokio_postgres::NoTls))
        .unwrap();
    let task = runtime.spawn(connection);
    let result = f(&runtime, &client);
    drop(client);
    let _ = runtime.block_on(task);
    result
}

fn admin(url: &str, sql: &str) {
    on_connection(url, |runtime, client| {
        runtime.block_on(client.batch_execute(sql)).unwrap();
    });
}

/// Drops its test database when the test ends, passed or failed: CI's disk
/// holds the primary, its standby and their WAL, and six corpus-sized
/// databases left behind filled it (stop 32: "No space left on device").
struct DroppedAtEnd {
    admin_url: String,
    name: String,
}

impl Drop for DroppedAtEnd {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = std::panic::catch_unwind(|| admin(&self.admin_url, &sql));
    }
}

/// A new, empty database on the test server: its URL, and the guard that
/// drops it.
fn fresh_database(url: &str, tag: &str) -> (String, DroppedAtEnd) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "undoc_{tag}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    admin(url, &format!("DROP DATABASE IF EXISTS {name}"));
    admin(url, &format!("CREATE DATABASE {name}"));
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    let database_url = format!("{base}/{name}");
    let guard = DroppedAtEnd {
        admin_url: url.to_string(),
        name,
    };
    (database_url, guard)
}

fn undoc(store: &str, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("undoc"))
        .arg("--store")
        .arg(store)
        .env_remove("UNDOC_STORE")
        .args(args)
        .output()
        .unwrap()
}

fn json(store: &str, args: &[&str]) -> Value {
    let out = undoc(store, args);
    assert!(
        out.status.success(),
        "{store} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ingest_corpus(store: &str) {
    let c = corpus();
    let folders: Vec<String> = ["letters", "other", "meetings", "sc-resolutions"]
        .iter()
        .map(|f| c.join(f).display().to_string())
        .collect();
    let mut args = vec!["ingest"];
    args.extend(folders.iter().map(String::as_str));
    let out = undoc(store, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("added 1205, updated 0, unchanged 0, failed 3"),
        "{store}: {stdout}"
    );
}

#[test]
fn both_backends_give_the_same_answers() {
    let Some(url) = server() else { return };
    let (pg, _dropped) = fresh_database(&url, "same");
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("store").display().to_string();
    ingest_corpus(&sqlite);
    ingest_corpus(&pg);

    assert_eq!(
        json(&sqlite, &["stats", "--json"]),
        json(&pg, &["stats", "--json"])
    );
    for symbol in [
        "A/79/818",
        "S/2025/192",
        "A/79/987",
        "S/2025/474",
        "S/2025/53",
        "S/2025/147",
    ] {
        let (a, b) = (
            json(&sqlite, &["thread", symbol, "--json"]),
            json(&pg, &["thread", symbol, "--json"]),
        );
        assert_eq!(a, b, "thread of {symbol}: nodes and edges");
    }
    let nodes = json(&pg, &["thread", "A/79/818", "--json"]);
    assert!(
        nodes["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["key"] == "A/79/802")
    );
    // The links issue on both engines: documents not held, letters named by
    // date and sender, every written form of a resolution.
    for args in [
        &["show", "S/RES/2334 (2016)", "--json"][..],
        &["cited-by", "822 (1993)", "--json"],
        &["cited-by", "S/RES/822", "--json"],
        &["thread", "A/79/904", "--json"],
        &["thread", "A/79/857", "--json"],
        &["missing", "--min-citations", "2", "--json"],
    ] {
        assert_eq!(json(&sqlite, args), json(&pg, args), "{args:?}");
    }
    for args in [
        &[
            "search",
            "--sender",
            "Azerbaijan",
            "--type",
            "letter",
            "--json",
        ][..],
        &["search", "--mentions", "Turkey", "--json"],
        &["search", "--state", "iran", "--json"],
    ] {
        let (a, b) = (json(&sqlite, args), json(&pg, args));
        assert_eq!(a["total"], b["total"], "{args:?}");
        assert_eq!(a["facets"]["sender"], b["facets"]["sender"], "{args:?}");
        assert!(a["total"].as_u64().unwrap() > 0, "{args:?}");
    }
    for symbol in ["S/2025/147", "S/2025/80", "A/79/798", "S/RES/822 (1993)"] {
        assert_eq!(
            json(&sqlite, &["cited-by", symbol, "--json"]),
            json(&pg, &["cited-by", symbol, "--json"]),
            "cited-by {symbol}"
        );
    }
    // Issue 19: a match 40,000 characters into A/79/PV.29 shows that passage,
    // marked, on both engines (not the record's opening).
    for store in [&sqlite, &pg] {
        let results = json(store, &["search", "Quintana Aranguren", "--json"]);
        let hit = &results["hits"][0];
        assert_eq!(hit["id"], "A/79/PV.29", "{store}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.contains("<b>Quintana</b> <b>Aranguren</b> (Colombia)"),
            "{store}: {snippet}"
        );
    }
    // Issue 19: close spellings from each engine's own terms, named alike.
    for (query, other) in [
        ("Zangazur", "A/79/729"),
        ("Garabagh", "A/79/729"),
        ("Sumgait", "A/79/859"),
        ("Sumgayit", "A/79/798"),
    ] {
        let (a, b) = (
            json(&sqlite, &["search", query, "--limit", "50", "--json"]),
            json(&pg, &["search", query, "--limit", "50", "--json"]),
        );
        assert_eq!(a["also_matching"], b["also_matching"], "{query}");
        assert!(
            b["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["id"] == other),
            "{query} on PostgreSQL: {b}"
        );
    }
    let (a, b) = (
        json(
            &sqlite,
            &["search", "Sumgayitt", "--year", "1990", "--json"],
        ),
        json(&pg, &["search", "Sumgayitt", "--year", "1990", "--json"]),
    );
    assert_eq!(a["suggestions"], b["suggestions"]);
    assert_eq!(a["excluded_by"], b["excluded_by"]);
    assert_eq!(b["suggestions"][0]["spelling"], "Sumgayit", "{b}");
    for symbol in ["S/2025/228", "A/79/818", "S/2025/71/Rev.1", "S/2025/71"] {
        assert_eq!(
            json(&sqlite, &["cites", symbol, "--json"]),
            json(&pg, &["cites", symbol, "--json"]),
            "cites {symbol}"
        );
        assert_eq!(
            json(&sqlite, &["show", symbol, "--json"]),
            json(&pg, &["show", symbol, "--json"]),
            "show {symbol}"
        );
    }
    assert_eq!(
        json(&sqlite, &["agenda", "A", "79", "132", "--json"]),
        json(&pg, &["agenda", "A", "79", "132", "--json"])
    );

    // The searches of the store issue (and more): same totals, facets and
    // matching sets; the documents that must come first, first on both.
    let first: [(&[&str], &str); 12] = [
        (&["A/79/818"], "A/79/818"),
        (&["S/2025/156"], "A/79/818"),
        (&["S/RES/822 (1993)"], "S/RES/822 (1993)"),
        (&["Gulf of Sirte"], "A/79/997"),
        (&["ICIMOD"], "A/80/141"),
        (&["\"Hindu Kush Himalaya\""], "A/80/141"),
        (&["Islamophobia"], "A/79/919"),
        (&["Lake Sevan"], "A/79/729"),
        (&["Kelbadjar"], "S/RES/822 (1993)"),
        (&["Zaporizhzhia bombing tram"], "A/79/718"),
        (&["Dodecanese"], "S/2025/503"),
        (&["James Swan"], "S/2025/191"),
    ];
    let compared: Vec<&[&str]> = vec![
        &["Nagorny-Karabakh", "--type", "resolution", "--year", "1993"],
        &["landmine"],
        &["\"corridor Zangezur\""],
        &["Da’esh sanctions monitoring team"],
        &[
            "--organ",
            "A",
            "--session",
            "79",
            "--agenda",
            "132",
            "--state",
            "Armenia",
        ],
        &[
            "--from",
            "2025-03-27",
            "--to",
            "2025-03-27",
            "--type",
            "letter",
        ],
        &["Zangezur"],
        &["ceasefire"],
        &["humanitarian"],
        &["\"Red Sea\""],
        &["sanctions"],
        &["refugees"],
        &["\"international law\""],
        &["nuclear"],
        &["Cyprus"],
        &["UNRWA"],
        &["COVID-19"],
        &["--organ", "S", "--year", "2025"],
        &["peacekeeping"],
        &["climate change"],
        &["Guang Cong"],
        &["Hanna Serwaa Tetteh"],
        &["Vardenis"],
        &["Security Council", "--type", "letter"],
    ];
    let run = |store: &str, query: &[&str]| {
        let mut args = vec!["search"];
        args.extend_from_slice(query);
        args.extend_from_slice(&["--json", "--limit", "1000"]);
        json(store, &args)
    };
    // The same database searched through a tantivy index following it
    // (`--index`, issue 19): the embedded engine's answers, hit for hit.
    let following = dir.path().join("following").display().to_string();
    let run_following = |query: &[&str]| {
        let mut args = vec!["--index", following.as_str(), "search"];
        args.extend_from_slice(query);
        args.extend_from_slice(&["--json", "--limit", "1000"]);
        json(&pg, &args)
    };
    for (query, want) in first {
        for store in [&sqlite, &pg] {
            let v = run(store, query);
            assert_eq!(v["hits"][0]["id"], want, "{store} {query:?}");
        }
    }
    for query in compared
        .iter()
        .copied()
        .chain(first.iter().map(|(q, _)| *q))
    {
        let (a, b) = (run(&sqlite, query), run_following(query));
        assert_eq!(a["total"], b["total"], "total of {query:?}, following");
        assert_eq!(a["facets"], b["facets"], "facets of {query:?}, following");
        assert_eq!(a["hits"], b["hits"], "hits of {query:?}, following");
    }
    for query in compared
        .iter()
        .copied()
        .chain(first.iter().map(|(q, _)| *q))
    {
        let (a, b) = (run(&sqlite, query), run(&pg, query));
        assert_eq!(a["total"], b["total"], "total of {query:?}");
        assert_eq!(a["facets"], b["facets"], "facets of {query:?}");
        let set = |v: &Value| {
            let mut ids: Vec<String> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_str().unwrap().to_owned())
                .collect();
            ids.sort();
            ids
        };
        assert!(
            a["total"].as_u64().unwrap() <= 1000,
            "{query:?} must fit one page to compare sets"
        );
        assert_eq!(set(&a), set(&b), "documents matching {query:?}");
    }
    // Snippets are escaped text with the matches in <b>, on both.
    let snippet = run(&pg, &["Zangezur"])["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(snippet.contains("<b>Zangezur</b>"), "{snippet}");
}

#[test]
fn four_concurrent_ingesters_lose_and_duplicate_nothing() {
    let Some(url) = server() else { return };
    let (pg, _dropped) = fresh_database(&url, "concurrent");
    let letters = corpus().join("letters");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&letters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let n = files.len();
    // Overlapping slices, one in reverse order, so writers meet on the same ids.
    let mut slices: Vec<Vec<PathBuf>> = vec![
        files[..n * 2 / 3].to_vec(),
        files[n / 3..].to_vec(),
        files.clone(),
        files.iter().rev().cloned().collect(),
    ];
    slices[3].truncate(n / 2);
    let children: Vec<std::process::Child> = slices
        .iter()
        .map(|slice| {
            Command::new(assert_cmd::cargo::cargo_bin("undoc"))
                .arg("--store")
                .arg(&pg)
                .env_remove("UNDOC_STORE")
                .args(["ingest", "--batch", "8"])
                .args(slice)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut added = 0usize;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout);
        let count = line
            .strip_prefix("added ")
            .and_then(|s| s.split(',').next())
            .unwrap()
            .parse::<usize>()
            .unwrap();
        added += count;
    }
    assert_eq!(added, n, "each document added exactly once across the four");
    let stats = json(&pg, &["stats", "--json"]);
    assert_eq!(stats["documents"], n);
    // Whole: every document reads back with its references, as one ingest gives.
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("store").display().to_string();
    let out = undoc(&single, &["ingest", letters.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(stats, json(&single, &["stats", "--json"]));
    for symbol in ["A/79/818", "S/2025/147", "A/80/141"] {
        assert_eq!(
            json(&pg, &["show", symbol, "--json"]),
            json(&single, &["show", symbol, "--json"])
        );
    }
}

#[test]
fn migrate_copies_a_store_to_postgres_and_back() {
    let Some(url) = server() else { return };
    let (pg, _dropped) = fresh_database(&url, "migrate");
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original").display().to_string();
    let back = dir.path().join("back").display().to_string();
    let c = corpus();
    assert!(
        undoc(&original, &["ingest", c.join("letters").to_str().unwrap()])
            .status
            .success()
    );
    let catalogue = c.join("undl-marc/session_78_committee_3_drafts.marcxml");
    assert!(
        undoc(&original, &["import-marc", catalogue.to_str().unwrap()])
            .status
            .success()
    );

    // What a fetch learnt the service does not have comes along too.
    let misses = |store: &str| {
        use undoc_store::Store as _;
        undoc_store::SqliteStore::open(std::path::Path::new(store))
            .unwrap()
            .every_miss()
            .unwrap()
    };
    {
        use undoc_store::Store as _;
        let mut db = undoc_store::SqliteStore::open(std::path::Path::new(&original)).unwrap();
        for (symbol, language, kind) in [
            ("A/79/99999", "en", undoc_store::MissKind::NotFound),
            ("S/2025/9999", "fr", undoc_store::MissKind::NotPublished),
        ] {
            db.record_miss(&undoc_store::Miss {
                symbol: symbol.into(),
                language: language.into(),
                kind,
                at: 1_700_000_000,
            })
            .unwrap();
        }
    }

    let there = undoc("-", &["migrate", "--from", &original, "--to", &pg]);
    assert!(
        there.status.success(),
        "{}",
        String::from_utf8_lossy(&there.stderr)
    );
    assert!(
        String::from_utf8_lossy(&there.stdout).starts_with(
            "documents: added 230, updated 0, unchanged 0; catalogue records: 94 copied"
        )
    );
    assert!(
        String::from_utf8_lossy(&there.stdout).contains("fetch misses: 2 copied of 2"),
        "{}",
        String::from_utf8_lossy(&there.stdout)
    );
    let again = undoc("-", &["migrate", "--from", &original, "--to", &pg]);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with(
        "documents: added 0, updated 0, unchanged 230; catalogue records: 0 copied, 94 unchanged; fetch misses: 0 copied of 2"
    ));
    let home = undoc("-", &["migrate", "--from", &pg, "--to", &back]);
    assert!(
        home.status.success(),
        "{}",
        String::from_utf8_lossy(&home.stderr)
    );

    let export = |store: &str, format: &str| {
        let out = undoc(store, &["export", "--format", format]);
        assert!(out.status.success());
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    };
    for format in ["jsonl", "marcxml"] {
        let a = export(&original, format);
        assert_eq!(a, export(&pg, format), "{format}: original and PostgreSQL");
        assert_eq!(
            a,
            export(&back, format),
            "{format}: original and the copy back"
        );
    }
    // The original files came along.
    for store in [&pg, &back] {
        let out = undoc(store, &["show", "A/79/818", "--json"]);
        assert!(out.status.success());
    }
    assert_eq!(
        json(&original, &["stats", "--json"]),
        json(&back, &["stats", "--json"])
    );
    assert_eq!(
        misses(&original),
        misses(&back),
        "the misses went there and back"
    );
    assert_eq!(misses(&back).len(), 2);
    // The copy back searches as the original does.
    assert_eq!(
        json(&original, &["search", "Zangezur", "--json"])["total"],
        json(&back, &["search", "Zangezur", "--json"])["total"]
    );
}

/// One GET over a plain TCP connection: status line and body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    common::http(addr, "GET", path, &[], b"")
}

#[test]
fn the_server_runs_on_postgres() {
    let Some(url) = server() else { return };
    let (pg, _dropped) = fresh_database(&url, "serve");
    let letters = corpus().join("letters");
    assert!(
        undoc(&pg, &["ingest", letters.to_str().unwrap()])
            .status
            .success()
    );
    let (_server, addr) = common::spawn_server(&pg);
    let (status, body) = http_get(&addr, "/api/documents/S/2025/156/thread");
    assert!(status.contains("200"), "{status} {body}");
    assert!(
        body.contains("A/79/798") && body.contains("A/79/802"),
        "{body}"
    );
    let (status, body) = http_get(&addr, "/api/search?q=%22Red+Sea%22&organ=S");
    assert!(status.contains("200"), "{status} {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 10);
    let (status, _) = http_get(&addr, "/documents/S/2025/228");
    assert!(status.contains("200"));
    let (status, _) = http_get(&addr, "/api/documents/A/79/818/file");
    assert!(status.contains("200"));
}

#[test]
fn language_versions_search_and_votes_on_postgres() {
    let Some(url) = server() else { return };
    let (pg, _dropped) = fresh_database(&url, "languages");
    let akn = corpus().join("akn-ga-resolutions");
    let out = undoc(&pg, &["ingest", akn.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = json(&pg, &["stats", "--json"]);
    // 91 resolutions (works) in 526 language versions (texts), as on the embedded store.
    assert_eq!(stats["documents"], 91);
    assert_eq!(stats["texts"], 526);
    let fr = json(&pg, &["show", "A/RES/80/1", "--lang", "fr", "--json"]);
    assert_eq!(fr["language"], "fr");
    assert_eq!(
        fr["title"],
        "Participation de l’État de Palestine à la quatre-vingtième session"
    );
    // Each language's texts read with that language's stemmer: a form the
    // text does not hold finds the right version.
    for (query, key) in [
        ("denied visa", "A/RES/80/1"),
        ("décisions délivrer", "A/RES/80/1@fr"),
        ("visado denegar", "A/RES/80/1@es"),
        ("визами отказать", "A/RES/80/1@ru"),
        ("تأشيرة", "A/RES/80/1@ar"),
    ] {
        let v = json(&pg, &["search", query, "--json"]);
        assert_eq!(v["hits"][0]["id"], key, "{query}: {v}");
        assert_eq!(
            v["hits"][0]["language"],
            key.split('@').nth(1).unwrap_or("en")
        );
    }
    // A query read as a language it is not written in does not match texts
    // of that language: the English words find no Russian or Arabic text.
    let v = json(&pg, &["search", "denied visa", "--lang", "ru", "--json"]);
    assert_eq!(v["total"], 0, "{v}");
    let v = json(&pg, &["votes", "Israel", "--json"]);
    let on_80_1 = v["votes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["symbols"][0] == "A/RES/80/1")
        .unwrap();
    assert_eq!(on_80_1["ballot"], "against");
}

/// A number from the standby's own statistics for a database: how many
/// transactions it has served there.
fn transactions_served(standby_db: &str) -> i64 {
    on_connection(standby_db, |runtime, client| {
        runtime
            .block_on(client.batch_execute("SELECT pg_stat_clear_snapshot()"))
            .unwrap();
        let row = runtime
            .block_on(client.query_one(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()",
                &[],
            ))
            .unwrap();
        row.get(0)
    })
}

/// A letter no other document shares a word with.
const LETTER_FOR_THE_REPLICA: &str = "United Nations S/2099/19\n\nSecurity Council\n\nDistr.: General\n1 March 2099\n\nOriginal: English\n\nLetter dated 1 March 2099 from the Permanent Representative of Armenia to the United Nations addressed to the President of the Security Council\n\nThe Quixotryn corridor is mentioned in no other document.\n";

/// Issue 19: `undoc serve --store PRIMARY --read-store STANDBY` reads and
/// searches on a streaming-replication standby (`pg_basebackup -R`) and
/// writes to the primary; an upload answers once the standby has replayed
/// it, so a read right after it sees it. (Waiting for the primary's written
/// WAL position missed S/2099/19 in one run of two: with
/// `synchronous_commit = off` it can precede the commit; the insert
/// position cannot.)
#[test]
fn the_server_reads_from_a_standby_and_writes_to_the_primary() {
    let Some(url) = server() else { return };
    let Some(standby_url) = standby() else { return };
    let (primary, _dropped) = fresh_database(&url, "replica");
    let database = primary.rsplit_once('/').unwrap().1;
    let replica = format!("{}/{database}", standby_url.rsplit_once('/').unwrap().0);
    let letters = corpus().join("letters");
    assert!(
        undoc(&primary, &["ingest", letters.to_str().unwrap()])
            .status
            .success()
    );
    let held = json(&primary, &["stats", "--json"])["documents"].clone();
    // The standby follows: the database, its schema and the letters appear
    // there. It replays every test's writes in turn, on a machine busy with
    // them: minutes are allowed, not seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    loop {
        let out = undoc(&replica, &["stats", "--json"]);
        if out.status.success()
            && serde_json::from_slice::<Value>(&out.stdout).unwrap()["documents"] == held
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the standby never caught up: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // A standby takes no writes: an ingest into it is refused, not lost silently.
    let dir = tempfile::tempdir().unwrap();
    let new_letter = dir.path().join("new.md");
    std::fs::write(
        &new_letter,
        LETTER_FOR_THE_REPLICA.replace("Quixotryn", "Zorvathine"),
    )
    .unwrap();
    let refused = undoc(&replica, &["ingest", new_letter.to_str().unwrap()]);
    assert!(
        !refused.status.success(),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );

    let token = "a-token-long-enough-for-the-server";
    let (_server, addr) = common::spawn_server_with(
        &primary,
        &["--read-store", &replica, "--allow-ingest"],
        &[("UNDOC_TOKEN", token)],
    );
    let before = transactions_served(&replica);
    let (status, body) = common::http(&addr, "GET", "/api/stats", &[], b"");
    assert!(status.contains("200"), "{status} {body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["documents"],
        held
    );
    let (status, body) = common::http(&addr, "GET", "/api/search?q=Zangezur", &[], b"");
    assert!(status.contains("200"), "{status} {body}");
    assert!(body.contains("A/79/729"), "{body}");
    assert!(
        transactions_served(&replica) > before,
        "the reads were served by the standby"
    );
    // A write goes to the primary and is readable on the standby when answered.
    let letter = LETTER_FOR_THE_REPLICA;
    let auth = format!("Bearer {token}");
    let (status, body) = common::http(
        &addr,
        "POST",
        "/api/documents?name=replica.md",
        &[("Authorization", &auth)],
        letter.as_bytes(),
    );
    assert!(
        status.contains("201") || status.contains("200"),
        "{status} {body}"
    );
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["replicated"], true, "{answer}");
    let (status, body) = common::http(&addr, "GET", "/api/documents/S/2099/19", &[], b"");
    assert!(
        status.contains("200"),
        "read after write of {answer}: {status} {body}"
    );
    let (_, body) = common::http(&addr, "GET", "/api/search?q=Quixotryn", &[], b"");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["total"],
        1,
        "{body}"
    );
    // Written on the primary, not only on the standby's copy.
    assert_eq!(
        json(&primary, &["show", "S/2099/19", "--json"])["symbols"][0],
        "S/2099/19"
    );
    // A standby that does not replay in time: the upload is stored, and says
    // a read may not see it yet; once replay resumes, it does.
    admin(&replica, "SELECT pg_wal_replay_pause()");
    let later = LETTER_FOR_THE_REPLICA
        .replace("S/2099/19", "S/2099/20")
        .replace("Quixotryn", "Velmorandic");
    let (status, body) = common::http(
        &addr,
        "POST",
        "/api/documents?name=later.md",
        &[("Authorization", &auth)],
        later.as_bytes(),
    );
    admin(&replica, "SELECT pg_wal_replay_resume()");
    assert!(status.contains("20"), "{status} {body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["replicated"], false, "{answer}");
    assert_eq!(
        json(&primary, &["show", "S/2099/20", "--json"])["symbols"][0],
        "S/2099/20"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !common::http(&addr, "GET", "/api/documents/S/2099/20", &[], b"")
        .0
        .contains("200")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "replay resumed but S/2099/20 never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // A server whose searches go through a tantivy index following the
    // standby (`--index`): built from what the standby holds, and what the
    // other server writes afterwards is in its next search.
    let following_dir = dir.path().join("following");
    let (_following_server, following) = common::spawn_server_with(
        &primary,
        &[
            "--read-store",
            &replica,
            "--index",
            following_dir.to_str().unwrap(),
        ],
        &[],
    );
    let total = |addr: &str, word: &str| {
        let (status, body) = common::http(addr, "GET", &format!("/api/search?q={word}"), &[], b"");
        assert!(status.contains("200"), "{status} {body}");
        serde_json::from_str::<Value>(&body).unwrap()["total"].clone()
    };
    assert_eq!(total(&following, "Quixotryn"), 1);
    assert_eq!(total(&following, "Velmorandic"), 1);
    assert!(following_dir.join("meta.json").is_file());
    let third = LETTER_FOR_THE_REPLICA
        .replace("S/2099/19", "S/2099/21")
        .replace("Quixotryn", "Tarvelonic");
    let (status, body) = common::http(
        &addr,
        "POST",
        "/api/documents?name=third.md",
        &[("Authorization", &auth)],
        third.as_bytes(),
    );
    assert!(status.contains("20"), "{status} {body}");
    // Once the standby has it (at once, or after a busy machine's replay:
    // CI's standby once took longer than the upload waits), the follower's
    // next search finds it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !common::http(&addr, "GET", "/api/documents/S/2099/21", &[], b"")
        .0
        .contains("200")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "S/2099/21 never reached the standby: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(total(&following, "Tarvelonic"), 1);
}
