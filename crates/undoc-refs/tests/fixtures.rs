//! Reference fixtures written as data (`fixtures.txt`): real passages with the
//! references expected in them, next to each other.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_model::{ReferenceKind, Relation};

struct Case {
    name: String,
    passage: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = include_str!("fixtures.txt");
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("== ") {
            cases.push(Case {
                name: name.to_owned(),
                passage: String::new(),
                expected: Vec::new(),
            });
        } else if let Some(expect) = line.strip_prefix("-> ") {
            cases
                .last_mut()
                .unwrap()
                .expected
                .push(expect.trim().to_owned());
        } else {
            let case = cases.last_mut().unwrap();
            if !case.passage.is_empty() {
                case.passage.push(' ');
            }
            case.passage.push_str(line.trim());
        }
    }
    cases
}

fn describe(r: &undoc_model::Reference) -> String {
    let kind = match r.kind {
        ReferenceKind::Document => "document",
        ReferenceKind::Resolution => "resolution",
        ReferenceKind::Decision => "decision",
        ReferenceKind::MeetingRecord => "meeting_record",
    };
    let relation = match r.relation {
        Relation::RepliesTo => "replies_to",
        Relation::Cites => "cites",
    };
    format!(
        "{kind} | {} | {} | {relation}",
        r.text,
        r.symbols.join("; ")
    )
}

#[test]
fn fixtures() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} fixtures", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        // What ingest runs: the scanner and the worded pass (statements by meeting).
        let writer = undoc_refs::described::Writer::default();
        let (refs, _) = undoc_refs::scan_all(
            &case.passage,
            &undoc_refs::Context::default(),
            Some("en"),
            &writer,
        );
        for r in &refs {
            assert_eq!(&case.passage[r.start..r.end], r.text, "{}", case.name);
        }
        let got: Vec<String> = refs.iter().map(describe).collect();
        if got != case.expected {
            failures.push(format!(
                "{}\n  expected {:#?}\n  got {:#?}",
                case.name, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Guards the relation rules as data: every rule of `data/relations.txt` has
/// a passage here that contains its phrase, so no rule stands without the
/// real text that shows it.
#[test]
fn every_rule_has_a_passage() {
    let (rules, unreadable) = undoc_refs::relation::rules();
    assert!(unreadable.is_empty(), "unreadable rules: {unreadable:?}");
    let passages: Vec<String> = cases().iter().map(|c| c.passage.to_lowercase()).collect();
    let shown = |r: &undoc_refs::relation::Rule| {
        passages
            .iter()
            .any(|p| p.contains(&r.phrase.to_lowercase()))
    };
    let without: Vec<String> = rules
        .iter()
        .filter(|r| !r.unwitnessed && !shown(r))
        .map(|r| format!("{:?} {}", r.cue, r.phrase))
        .collect();
    assert!(
        without.is_empty(),
        "rules without a passage in fixtures.txt: {without:?}"
    );
    // A marked rule that a passage shows should lose its mark.
    let marked_but_shown: Vec<&str> = rules
        .iter()
        .filter(|r| r.unwitnessed && shown(r))
        .map(|r| r.phrase.as_str())
        .collect();
    assert!(
        marked_but_shown.is_empty(),
        "marked ` *` yet shown by a passage: {marked_but_shown:?}"
    );
    let unwitnessed: Vec<&str> = rules
        .iter()
        .filter(|r| r.unwitnessed)
        .map(|r| r.phrase.as_str())
        .collect();
    eprintln!(
        "{} rules, {} without a corpus passage yet: {unwitnessed:?}",
        rules.len(),
        unwitnessed.len()
    );
}
