//! Issue 13: hostile and careless input, through the binary. Each test names
//! the defect it guards; each failed before its fix.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn undoc() -> Command {
    Command::cargo_bin("undoc").expect("the undoc binary is built")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/azerbaijan-letter-2021-05-07.md")
}

fn letters() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/letters")
}

fn corpus_letters(n: usize) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(letters())
        .expect("the corpus letters beside the checkout")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    all.sort();
    all.truncate(n);
    all
}

/// `undoc --store STORE ingest INPUT`.
fn ingest(store: &Path, input: &Path) -> std::process::Output {
    undoc()
        .arg("--store")
        .arg(store)
        .arg("ingest")
        .arg(input)
        .output()
        .unwrap()
}

fn stored(store: &Path) -> usize {
    let out = undoc()
        .arg("--store")
        .arg(store)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["documents"].as_u64().unwrap() as usize
}

/// Defect 1: an AKN file with 10,000 nested elements beside valid files aborted
/// the ingest (SIGABRT, stack overflow), named no file and stored none.
#[test]
fn deeply_nested_xml_is_one_failure_and_the_rest_go_in() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let deep = format!(
        "<akomaNtoso>{}x{}</akomaNtoso>",
        "<b>".repeat(10_000),
        "</b>".repeat(10_000)
    );
    std::fs::write(inputs.join("deep.xml"), deep).unwrap();
    for pdf in corpus_letters(2) {
        std::fs::copy(&pdf, inputs.join(pdf.file_name().unwrap())).unwrap();
    }
    let store = dir.path().join("store");
    let out = ingest(&store, &inputs);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("deep.xml: elements nested more than 256 deep"),
        "{stderr}"
    );
    assert_eq!(stored(&store), 2);
}

/// Defect 15: a quadratic-entity AKN file was refused as "no <akomaNtoso>
/// root element"; MARCXML given to `ingest` was stored as a text document.
#[test]
fn dtd_files_and_catalogues_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let entity = "a".repeat(5000);
    let dtd = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE akomaNtoso [<!ENTITY a \"{entity}\">]><akomaNtoso>{}</akomaNtoso>",
        "&a;".repeat(2000)
    );
    let dtd_file = dir.path().join("entities.xml");
    std::fs::write(&dtd_file, dtd).unwrap();
    let marc = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/undl-marc/session_78_committee_3_drafts.marcxml");
    let out = undoc()
        .args(["parse"])
        .arg(&dtd_file)
        .arg(&marc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("entities.xml: XML with a document type declaration"),
        "{stderr}"
    );
    assert!(
        stderr.contains("MARC catalogue record") && stderr.contains("import-marc"),
        "{stderr}"
    );
    let store = dir.path().join("store");
    let out = ingest(&store, &marc);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stored(&store), 0, "a catalogue is not stored as a document");
}

/// Defects 2 and 3: field syntax (`id:*`) was an internal error; a sloppy
/// phrase of common words ran for minutes. User text is searched as text, or
/// refused as a usage error (exit 2), never an internal error.
#[test]
fn query_syntax_is_text_or_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    undoc()
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(seed())
        .assert()
        .success();
    for q in [
        "id:*",
        "date:*",
        "language:*",
        "_id:*",
        "title:(a OR b)^3 [x TO y]",
    ] {
        let out = undoc()
            .arg("--store")
            .arg(&store)
            .args(["search", q])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{q}: {out:?}");
    }
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .args(["search", "\"the of and to in\"~1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("slop"));
    // Defect 15: a date that is no date.
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .args(["search", "Armenia", "--from", "2025-13-45"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Defect 4: a second writer failed with the raw lock error (once after
/// committing its document anyway). Writers wait their turn, bounded, and say so.
#[test]
fn a_second_writer_waits_its_turn_or_is_told_the_store_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let held = undoc_store::lock::acquire(&store, Duration::ZERO, || {}).unwrap();
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .args(["--wait", "1", "ingest"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("waiting up to 1 s") && stderr.contains("busy"),
        "{stderr}"
    );
    drop(held);
    assert_eq!(
        stored(&store),
        0,
        "nothing was written while another held the store"
    );
    // Two ingests at once on a brand-new store: the second waits, both succeed.
    let files = corpus_letters(6);
    let spawn = |part: &[PathBuf]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("undoc"))
            .arg("--store")
            .arg(&store)
            .arg("ingest")
            .args(part)
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| spawn(&files[..3]));
        let b = s.spawn(|| spawn(&files[3..]));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success(), "{a:?}");
    assert!(b.status.success(), "{b:?}");
    assert_eq!(stored(&store), 6);
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .args(["search", "Security Council"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "the index followed both"
    );
}

/// Defect 5: a folder that could not be read was skipped silently (exit 0).
#[test]
fn a_folder_that_cannot_be_walked_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    std::fs::copy(seed(), inputs.join("seed.md")).unwrap();
    // A link back up is a folder loop: walking it is an error to report.
    std::os::unix::fs::symlink(&inputs, inputs.join("sub/loop")).unwrap();
    let store = dir.path().join("store");
    let out = ingest(&store, &inputs);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("loop") && stderr.contains("cannot"),
        "{stderr}"
    );
    assert_eq!(stored(&store), 1, "the readable file still goes in");
}

/// Defect 11: a file name with a newline printed two error lines (one forged);
/// ESC sequences reached the terminal raw.
#[test]
fn file_names_are_escaped_in_every_message() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("bad\nundoc: forged.pdf: ok\u{1b}[2J.pdf");
    std::fs::write(&name, b"%PDF-1.4 not really").unwrap();
    let out = undoc().arg("parse").arg(&name).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.contains("bad\\nundoc: forged.pdf: ok\\u{1b}[2J.pdf"),
        "{stderr}"
    );
    let store = dir.path().join("store");
    let out = ingest(&store, &name);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains("\nundoc: forged"),
        "{stderr:?}"
    );
}

/// Defect 12: a title starting with `=`, `+`, `-` or `@` was exported to CSV as is.
#[test]
fn csv_cells_cannot_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    // The seed letter with a title a hostile sender could write.
    let letter = dir.path().join("formula.md");
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let hostile = seed_text.replacen(
        "**Letter dated 7 May 2021",
        "**=HYPERLINK(\"http://evil.example\") Letter dated 7 May 2021",
        1,
    );
    assert_ne!(hostile, seed_text);
    std::fs::write(&letter, hostile).unwrap();
    let store = dir.path().join("store");
    undoc()
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(&letter)
        .assert()
        .success();
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(!cells.is_empty());
    for cell in &cells {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
    }
    assert!(
        cells.iter().any(|c| c.starts_with("'=HYPERLINK")),
        "{cells:?}"
    );
}

/// Defect 9: files no record names are removed by `undoc gc`.
#[test]
fn gc_removes_what_no_record_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    undoc()
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(seed())
        .assert()
        .success();
    let sub = std::fs::read_dir(store.join("files"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    std::fs::write(sub.join("0000.tmp42"), b"partial").unwrap();
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .arg("gc")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("removed 1 unused files"));
    assert!(!sub.join("0000.tmp42").exists());
    assert_eq!(stored(&store), 1);
}

/// Defect 10: `stats` and `search` failed on a store the user may not write
/// ("attempt to write a readonly database").
#[test]
fn a_read_only_store_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    undoc()
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(seed())
        .assert()
        .success();
    let as_reader = |args: &[&str]| -> std::process::Output {
        // As root (CI) permissions do not bind: read as `nobody` instead.
        if running_as_root() {
            std::process::Command::new("setpriv")
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
                .arg(assert_cmd::cargo::cargo_bin("undoc"))
                .arg("--store")
                .arg(&store)
                .args(args)
                .output()
                .expect("setpriv (util-linux) runs the reader as nobody")
        } else {
            undoc()
                .arg("--store")
                .arg(&store)
                .args(args)
                .output()
                .unwrap()
        }
    };
    chmod_tree(dir.path(), false);
    let stats = as_reader(&["stats"]);
    let search = as_reader(&["search", "Armenia"]);
    chmod_tree(dir.path(), true);
    assert!(stats.status.success(), "{stats:?}");
    assert!(String::from_utf8_lossy(&stats.stdout).contains("1 documents"));
    assert!(search.status.success(), "{search:?}");
    assert!(String::from_utf8_lossy(&search.stdout).contains("1 documents"));
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Every folder and file under `dir` readable by all, and writable by none (or again by the owner).
fn chmod_tree(dir: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mode = |is_dir: bool| match (is_dir, writable) {
        (true, true) => 0o755,
        (true, false) => 0o555,
        (false, true) => 0o644,
        (false, false) => 0o444,
    };
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let is_dir = path.is_dir();
        if is_dir && writable {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode(true))).unwrap();
        }
        if is_dir {
            for e in std::fs::read_dir(&path).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
        if !is_dir || !writable {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode(is_dir))).unwrap();
        }
    }
}

/// Defect 15: a one-character `UNDOC_TOKEN` was accepted.
#[test]
fn a_short_upload_token_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = undoc()
        .arg("--store")
        .arg(dir.path())
        .args(["serve", "--allow-ingest", "--addr", "127.0.0.1:0"])
        .env("UNDOC_TOKEN", "x")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 16 characters"));
}

/// A server that would write fetched documents needs the token as one that
/// takes uploads does, and a document service it can name.
#[test]
fn a_fetching_server_needs_a_token_and_a_bare_service_address() {
    let dir = tempfile::tempdir().unwrap();
    let serve = |token: Option<&str>, ods: &str| {
        let mut cmd = undoc();
        cmd.arg("--store")
            .arg(dir.path())
            .args([
                "serve",
                "--allow-fetch",
                "--addr",
                "127.0.0.1:0",
                "--ods-url",
                ods,
            ])
            .env_remove("UNDOC_TOKEN")
            .timeout(Duration::from_secs(20));
        if let Some(token) = token {
            cmd.env("UNDOC_TOKEN", token);
        }
        cmd.output().unwrap()
    };
    let no_token = serve(None, "http://127.0.0.1:9");
    assert_eq!(no_token.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_token.stderr).contains("--allow-fetch need a token"));
    let bad_service = serve(Some("a-token-of-some-length"), "documents.un.org/api");
    assert!(!bad_service.status.success());
    assert!(
        String::from_utf8_lossy(&bad_service.stderr).contains("documents.un.org/api"),
        "{}",
        String::from_utf8_lossy(&bad_service.stderr)
    );
}

/// Defect 7: 60,000 `)` after a symbol took minutes; the file parses and the symbol is found.
#[test]
fn a_run_of_parentheses_after_a_symbol_parses() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("parens.txt");
    std::fs::write(
        &file,
        format!("Letter.\n\nSee A/75/861{}\n", ")".repeat(60_000)),
    )
    .unwrap();
    let out = undoc()
        .args(["parse", "--json"])
        .arg(&file)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["references"][0]["symbols"][0], "A/75/861");
}

/// Defect 8: a 99 MB text file peaked at 2.5 GB: a text's cost is one record
/// per line, so millions of one-letter lines cost a hundred times their size.
/// Lines are bounded (`undoc_parse::MAX_LINES`); past the bound the file is
/// refused at once, naming it, and the rest of the batch goes in.
#[test]
fn a_text_of_millions_of_lines_is_refused_and_the_rest_go_in() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("lines.txt"), "a\n".repeat(600_000)).unwrap();
    std::fs::copy(seed(), inputs.join("seed.md")).unwrap();
    let store = dir.path().join("store");
    let out = undoc()
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(&inputs)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("lines.txt: has 600001 lines, more than the 500000"),
        "{stderr}"
    );
    assert_eq!(stored(&store), 1);
}

/// Defect 2: after hostile searches SIGTERM no longer stopped the server. The
/// server stops on SIGTERM with connections open (idle and mid-request), within
/// its grace period, exit 0.
#[test]
fn sigterm_stops_the_server_with_connections_open() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(ingest(&store, &seed()).status.success());
    let (mut server, addr) = common::spawn_server(&store);
    let _idle = std::net::TcpStream::connect(&addr).unwrap();
    let mut half = std::net::TcpStream::connect(&addr).unwrap();
    half.write_all(b"GET /api/search?q=Armenia HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = server.kill();
            panic!("the server did not stop within 20 s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status:?}");
}
