//! The `undoc parse` command as a user meets it: the seed letter, bad input,
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report
//! batches and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn undoc() -> Command {
    Command::cargo_bin("undoc").expect("the undoc binary is built")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/azerbaijan-letter-2021-05-07.md")
}

fn corpus_letter(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/letters")
        .join(name);
    p.is_file().then_some(p)
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a whole JSON record"))
        .collect()
}

#[test]
fn the_seed_gives_the_spec_example() {
    let out = undoc()
        .args(["parse", "--json"])
        .arg(seed())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = &records(&out.stdout)[0];
    assert_eq!(r["distribution"], "general");
    assert_eq!(r["date"], "2021-05-11");
    assert_eq!(r["original_language"], "en");
    assert_eq!(r["language"], "en");
    assert_eq!(
        r["bodies"],
        serde_json::json!([{"organ": "A", "session": 75}, {"organ": "S", "year": 2021}])
    );
    let numbers: Vec<i64> = r["agenda_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [15, 34, 35, 40, 64, 70, 72, 86, 135]);
    let title_of = |n: i64| {
        r["agenda_items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["number"] == n)
            .unwrap()["title"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(title_of(15), "Culture of peace");
    assert_eq!(title_of(34), "Prevention of armed conflict");
    assert_eq!(
        title_of(35),
        "Protracted conflicts in the GUAM area and their implications for international peace, security and development"
    );
    assert_eq!(
        title_of(40),
        "The situation in the occupied territories of Azerbaijan"
    );
    assert_eq!(
        title_of(135),
        "The responsibility to protect and the prevention of genocide, war crimes, ethnic cleansing and crimes against humanity"
    );
    assert!(
        r["agenda_items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["organ"] == "A" && i["sub"].is_null())
    );
    assert_eq!(r["doc_type"], "letter");
    assert_eq!(
        r["title"],
        "Letter dated 7 May 2021 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General"
    );
    assert_eq!(
        r["letter"],
        serde_json::json!({
            "date": "2021-05-07",
            "sender": "Permanent Representative of Azerbaijan to the United Nations",
            "sender_state": "Azerbaijan",
            "addressees": ["Secretary-General"],
        })
    );
    assert_eq!(
        r["signatories"],
        serde_json::json!([{"name": "Yashar Aliyev", "titles": ["Ambassador", "Permanent Representative"]}])
    );
    assert_eq!(
        r["circulation"],
        serde_json::json!({"organs": ["A", "S"], "agenda_items": [15, 34, 35, 40, 64, 70, 72, 86, 135]})
    );
    let paragraphs = r["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().any(|p| p["kind"] == "body"
        && p["text"].as_str().unwrap().contains(
            "The Council further demanded the immediate, complete and unconditional withdrawal"
        )));
    assert!(paragraphs.iter().any(|p| {
        p["kind"] == "quote"
            && p["text"]
                .as_str()
                .unwrap()
                .starts_with("Azerbaijan is eager to maintain sustainable peace")
    }));
    for p in paragraphs {
        let t = p["text"].as_str().unwrap();
        assert!(
            !t.contains("\\(") && !t.contains("**") && !t.contains("](#)"),
            "markup left in {t}"
        );
    }
    // References, in text order, with spans into the body text.
    let refs = r["references"].as_array().unwrap();
    let summary: Vec<(String, Vec<String>, String)> = refs
        .iter()
        .map(|x| {
            let symbols = x["symbols"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect();
            (
                x["text"].as_str().unwrap().to_owned(),
                symbols,
                x["relation"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expect = |text: &str, symbols: &[&str], relation: &str| {
        (
            text.to_owned(),
            symbols.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            relation.to_owned(),
        )
    };
    assert_eq!(
        summary,
        [
            expect(
                "A/75/861-S/2021/392",
                &["A/75/861", "S/2021/392"],
                "replies_to"
            ),
            expect("822 (1993)", &["S/RES/822 (1993)"], "cites"),
            expect("853 (1993)", &["S/RES/853 (1993)"], "cites"),
            expect("874 (1993)", &["S/RES/874 (1993)"], "cites"),
            expect("884 (1993)", &["S/RES/884 (1993)"], "cites"),
        ]
    );
    let body: Vec<&str> = paragraphs
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    let body = body.join("\n\n");
    for x in refs {
        let (start, end) = (
            x["start"].as_u64().unwrap() as usize,
            x["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[start..end], x["text"].as_str().unwrap());
    }
    assert_eq!(refs[0]["url"], "https://undocs.org/en/A/75/861");
    assert_eq!(
        r["states_mentioned"],
        serde_json::json!(["Armenia", "Azerbaijan"])
    );
    assert_eq!(r["symbols"], serde_json::json!([]));
    assert!(r["id"].as_str().unwrap().starts_with("sha256:"));
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("no document symbol"))
    );
    // Every field of the record contract is present.
    for field in [
        "source",
        "id",
        "symbols",
        "language",
        "original_language",
        "distribution",
        "date",
        "bodies",
        "agenda_items",
        "doc_type",
        "title",
        "letter",
        "signatories",
        "references",
        "circulation",
        "paragraphs",
        "states_mentioned",
        "warnings",
    ] {
        assert!(r.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn the_summary_is_readable() {
    let out = undoc().arg("parse").arg(seed()).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Signed: Yashar Aliyev (Ambassador, Permanent Representative)"),
        "{text}"
    );
    assert!(text.contains("Agenda A 35: Protracted conflicts"), "{text}");
}

struct BadFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn bad_file(name: &str, bytes: &[u8]) -> BadFile {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    BadFile { _dir: dir, path }
}

/// Runs `undoc parse --json FILE` on bad input: exit 1, no output, one line naming the file.
fn refuses(path: &Path, problem: &str) {
    let out = undoc()
        .args(["parse", "--json"])
        .arg(path)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "no partial JSON");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(
        lines[0].contains(&path.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(lines[0].contains(problem), "says `{problem}`: {stderr}");
}

#[test]
fn an_empty_file_is_refused() {
    let f = bad_file("empty.txt", b"");
    refuses(&f.path, "is empty");
}

#[test]
fn binary_garbage_is_refused() {
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let f = bad_file("garbage.bin", &garbage);
    refuses(&f.path, "binary");
}

#[test]
fn non_utf8_text_is_refused_with_the_offset() {
    let f = bad_file("latin1.txt", b"Distr.: General\nC\xf4te d'Ivoire\n");
    refuses(
        &f.path,
        "not valid UTF-8 text (first bad byte at offset 17)",
    );
}

#[test]
fn a_truncated_pdf_is_refused() {
    let Some(real) = corpus_letter("A_79_818.en.pdf") else {
        return;
    };
    let bytes = std::fs::read(real).expect("read");
    let f = bad_file("truncated.pdf", &bytes[..bytes.len() / 3]);
    refuses(&f.path, "PDF");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    // A minimal PDF whose trailer names an encryption dictionary.
    let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n%%EOF\n";
    let f = bad_file("encrypted.pdf", pdf);
    let out = undoc()
        .args(["parse", "--json", "--pdf-extractor", "builtin"])
        .arg(&f.path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("encrypted.pdf") && stderr.contains("is an encrypted PDF"),
        "{stderr}"
    );
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(200 * 1024 * 1024).expect("sparse file");
    refuses(&path, "over the");
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    refuses(dir.path(), "is a directory");
}

#[test]
fn a_missing_file_is_refused() {
    refuses(Path::new("/nonexistent/undoc/letter.pdf"), "cannot read");
}

#[test]
fn one_bad_file_in_a_batch_is_reported_and_the_rest_parsed() {
    let bad = bad_file("empty.md", b"  \n");
    let mut cmd = undoc();
    cmd.args(["parse", "--json"])
        .arg(seed())
        .arg(&bad.path)
        .arg(seed());
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out.stdout).len(), 2, "both good files are parsed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.md: is empty"), "{stderr}");
    assert!(stderr.contains("1 of 3 files failed"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    undoc().arg("parse").assert().code(2);
    undoc()
        .args(["parse", "--no-such-flag", "x"])
        .assert()
        .code(2);
    undoc().arg("frobnicate").assert().code(2);
}

#[test]
fn plain_text_input_parses() {
    let text = "Distr.: General\n11 May 2021\n\nOriginal: English\n\nSecurity Council\nSeventy-sixth year\n\nLetter dated 7 May 2021 from the Permanent Representative of Azerbaijan to the United Nations addressed to the President of the Security Council\n\nI have the honour to write to you.\n\nI should be grateful if you would have the present letter circulated as a document of the Security Council.\n\n(Signed) Yashar Aliyev\nAmbassador\n";
    let mut f = tempfile::NamedTempFile::with_suffix(".txt").expect("temp file");
    f.write_all(text.as_bytes()).expect("write");
    let out = undoc()
        .args(["parse", "--json"])
        .arg(f.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = &records(&out.stdout)[0];
    assert_eq!(r["extractor"], "text");
    assert_eq!(
        r["bodies"],
        serde_json::json!([{"organ": "S", "year": 2021}])
    );
    assert_eq!(
        r["letter"]["addressees"],
        serde_json::json!(["President of the Security Council"])
    );
    assert_eq!(r["circulation"]["organs"], serde_json::json!(["S"]));
    assert_eq!(r["signatories"][0]["name"], "Yashar Aliyev");
}

#[test]
fn pdf_records_say_which_extractor_made_them() {
    let Some(letter) = corpus_letter("A_79_818.en.pdf") else {
        return;
    };
    let out = undoc()
        .args(["parse", "--json", "--pdf-extractor", "builtin"])
        .arg(letter)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r = &records(&out.stdout)[0];
    assert_eq!(r["extractor"], "pdf-extract");
    assert_eq!(r["job_number"], "25-04214");
    assert_eq!(r["symbols"], serde_json::json!(["A/79/818", "S/2025/156"]));
}

#[test]
fn pdftotext_when_installed_gives_the_same_masthead() {
    let Some(letter) = corpus_letter("A_79_818.en.pdf") else {
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs poppler-utils: pdftotext must be there"
        );
        eprintln!("skipped: pdftotext not installed");
        return;
    }
    let run = |extractor: &str| {
        let out = undoc()
            .args(["parse", "--json", "--pdf-extractor", extractor])
            .arg(&letter)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        records(&out.stdout).remove(0)
    };
    let (builtin, poppler) = (run("builtin"), run("pdftotext"));
    assert_eq!(poppler["extractor"], "pdftotext");
    for field in [
        "symbols",
        "date",
        "distribution",
        "original_language",
        "bodies",
        "agenda_items",
        "title",
        "letter",
        "signatories",
        "circulation",
    ] {
        assert_eq!(builtin[field], poppler[field], "{field}");
    }
}

/// `--index` names a search index that follows a PostgreSQL store; an
/// embedded store keeps its own inside it, and the flag is refused with a
/// line that says so, before anything is opened.
#[test]
fn an_index_folder_is_refused_for_an_embedded_store() {
    let dir = tempfile::tempdir().unwrap();
    let out = undoc()
        .env_remove("UNDOC_INDEX")
        .arg("--store")
        .arg(dir.path().join("store"))
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["search", "ceasefire"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--index is for a PostgreSQL store"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("store").exists());
}
