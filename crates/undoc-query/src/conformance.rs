//! The questions of this crate asked of any [`Store`], so that threads come
//! out the same on the embedded store and on PostgreSQL: every store's test
//! suite runs these beside `undoc_store::conformance`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed expectation is the report

use std::collections::BTreeSet;

use undoc_model::Relation;
use undoc_store::Store;
use undoc_store::conformance::{put, record, reference};

/// Runs every check, each on a fresh store from `fresh`.
pub fn run_all(fresh: &mut dyn FnMut() -> Box<dyn Store>) {
    a_reply_component_is_the_same_from_every_member(fresh().as_mut());
}

fn keys(thread: &crate::Thread) -> BTreeSet<&str> {
    thread.nodes.iter().map(|n| n.key.as_str()).collect()
}

fn edges(thread: &crate::Thread) -> BTreeSet<(&str, &str)> {
    thread
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect()
}

/// The reply component (the thread): documents joined by `replies_to` in
/// either direction, found from any of them, held or only cited, through
/// joint symbols; a citation that is not a reply does not join it.
fn a_reply_component_is_the_same_from_every_member(store: &mut dyn Store) {
    let answered = record("A/79/2", &["A/79/2"], "2025-01-02");
    let mut reply = record("A/79/1", &["A/79/1"], "2025-01-05");
    reply.references = vec![reference(&["A/79/2"], Relation::RepliesTo)];
    // Joint: a reply to S/2025/3 is a reply to this document.
    let mut rejoinder = record("A/79/3", &["A/79/3", "S/2025/3"], "2025-01-09");
    rejoinder.references = vec![reference(&["A/79/1"], Relation::RepliesTo)];
    let mut last_word = record("A/79/7", &["A/79/7", "S/2025/7"], "2025-01-12");
    last_word.references = vec![reference(&["S/2025/3"], Relation::RepliesTo)];
    // Cites the reply without answering it: not in the thread.
    let mut bystander = record("A/79/5", &["A/79/5"], "2025-01-06");
    bystander.references = vec![reference(&["A/79/1"], Relation::Cites)];
    // Answers a document the store does not hold.
    let mut lone = record("A/79/4", &["A/79/4"], "2025-01-03");
    lone.references = vec![reference(&["A/79/99"], Relation::RepliesTo)];
    for (r, bytes) in [
        (&answered, &b"2"[..]),
        (&reply, b"1"),
        (&rejoinder, b"3"),
        (&last_word, b"7"),
        (&bystander, b"5"),
        (&lone, b"4"),
    ] {
        put(store, r, bytes);
    }
    let store: &dyn Store = store;

    let expected_nodes = BTreeSet::from(["A/79/1", "A/79/2", "A/79/3", "A/79/7"]);
    let expected_edges = BTreeSet::from([
        ("A/79/1", "A/79/2"),
        ("A/79/3", "A/79/1"),
        ("A/79/7", "A/79/3"),
    ]);
    for member in ["A/79/1", "A/79/2", "S/2025/3", "A/79/3", "S/2025/7"] {
        let thread = crate::thread(store, member).unwrap();
        assert_eq!(keys(&thread), expected_nodes, "the thread from {member}");
        assert_eq!(
            edges(&thread),
            expected_edges,
            "who answers whom, from {member}"
        );
        assert!(!thread.truncated, "a small thread is whole");
        assert!(
            thread.nodes.iter().all(|n| n.summary.is_some()),
            "every member is held"
        );
        let dates: Vec<_> = thread
            .nodes
            .iter()
            .filter_map(|n| n.summary.as_ref()?.date.clone())
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] <= w[1]),
            "in date order: {dates:?}"
        );
    }

    for member in ["A/79/4", "A/79/99"] {
        let thread = crate::thread(store, member).unwrap();
        assert_eq!(
            keys(&thread),
            BTreeSet::from(["A/79/4", "A/79/99"]),
            "a reply to a document not held, from {member}"
        );
        assert_eq!(edges(&thread), BTreeSet::from([("A/79/4", "A/79/99")]));
        let absent = thread.nodes.iter().find(|n| n.key == "A/79/99").unwrap();
        assert!(
            absent.summary.is_none(),
            "the answered document is not held"
        );
    }

    let alone = crate::thread(store, "A/79/5").unwrap();
    assert_eq!(
        keys(&alone),
        BTreeSet::from(["A/79/5"]),
        "a citation is not a reply"
    );
    assert!(alone.edges.is_empty());
    assert!(crate::thread(store, "A/79/12345").unwrap().nodes.is_empty());
}
