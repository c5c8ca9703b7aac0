//! The behavioural suite every [`Search`] engine must pass — tantivy beside
//! the embedded store, PostgreSQL's text search beside a server store — so
//! the two cannot drift apart: the same documents, put in the store and
//! indexed, must be found by the same words and filters, counted alike, and
//! refused alike.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed expectation is the report

use std::collections::BTreeSet;

use undoc_model::{AgendaItem, Body, DocType, Letter, Paragraph, ParagraphKind, Record, Session};
use undoc_store::Store;
use undoc_store::conformance::{put, record};

use crate::{Filters, Search, SearchError, SearchRequest};

/// A fresh store and an engine over it.
pub type Fresh<'a> = dyn FnMut() -> (Box<dyn Store>, Box<dyn Search>) + 'a;

/// Runs every check, each on a fresh store and engine from `fresh`.
pub fn run_all(fresh: &mut Fresh<'_>) {
    let (mut store, mut engine) = fresh();
    fill(store.as_mut(), engine.as_mut());
    words_and_filters_find_the_same_documents(engine.as_ref());
    totals_pages_and_facets_count_alike(engine.as_ref());
    bad_requests_are_refused_alike(engine.as_ref());
    removed_documents_are_no_longer_found(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    speakers_find_the_meetings_they_spoke_at(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    speaking_states_are_filtered_and_counted_alike(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    sort_orders_are_the_same(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    a_symbol_is_marked_whole(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    a_match_deep_in_a_long_record_shows_its_passage(store.as_mut(), engine.as_mut());
    let (mut store, mut engine) = fresh();
    close_spellings_widen_a_search_and_an_empty_one_says_why(store.as_mut(), engine.as_mut());
}

/// The record spells names several ways (A/79/796 writes "Zangazur" and
/// "Garabagh", A/79/729 "Zangezur" and "Karabakh"): a query with few hits
/// also finds the other spellings the index holds and names them; a word
/// dropped letters from ("garbage") is not a spelling; an empty result
/// names the nearest spellings and the filters that left nothing.
fn close_spellings_widen_a_search_and_an_empty_one_says_why(
    store: &mut dyn Store,
    engine: &mut dyn Search,
) {
    let mut one = record("A/79/796", &["A/79/796"], "2025-02-03");
    text(&mut one, "The so-called Zangazur corridor and Garabagh.");
    let mut other = record("A/79/729", &["A/79/729"], "2025-01-14");
    text(&mut other, "The Zangezur corridor through Karabakh.");
    let mut unrelated = record("A/79/990", &["A/79/990"], "2025-05-01");
    text(&mut unrelated, "Garbage collection in the corridor.");
    for r in [&one, &other, &unrelated] {
        put(store, r, b"letter");
    }
    let stored: Vec<String> = [&one, &other, &unrelated]
        .iter()
        .map(|r| r.id.clone())
        .collect();
    engine.update(store, &stored).unwrap();
    engine.refresh().unwrap();
    let meant = |query: &str, filters: Filters| {
        crate::search_as_meant(engine, &request(query, filters), &crate::Budget::default()).unwrap()
    };
    let works = |results: &crate::SearchResults| -> BTreeSet<String> {
        results.hits.iter().map(work).collect()
    };
    let zangazur = meant("Zangazur", Filters::default());
    assert_eq!(works(&zangazur), ids(&["A/79/796", "A/79/729"]));
    assert_eq!(zangazur.also_matching, ["Zangezur"]);
    let garabagh = meant("Garabagh", Filters::default());
    assert_eq!(works(&garabagh), ids(&["A/79/796", "A/79/729"]));
    assert_eq!(garabagh.also_matching, ["Karabakh"]);
    // Both words of a query, each in its own spellings.
    let corridor = meant("zangazur corridor", Filters::default());
    assert_eq!(works(&corridor), ids(&["A/79/796", "A/79/729"]));
    // No hit: the spelling the index holds, and the filter that left nothing.
    let filters = Filters {
        year: Some(1990),
        ..Filters::default()
    };
    let empty = meant("Zangezour", filters);
    assert_eq!(empty.total, 0);
    let spellings: Vec<(&str, &str, u64)> = empty
        .suggestions
        .iter()
        .map(|s| (s.word.as_str(), s.spelling.as_str(), s.documents))
        .collect();
    assert_eq!(spellings, [("Zangezour", "Zangezur", 1)]);
    assert_eq!(empty.suggestions[0].query, "zangezur");
    assert_eq!(empty.excluded_by, [("year".to_owned(), 1)]);
    // A word the index holds gets no suggestion, whatever else found nothing.
    let held = meant(
        "corridor",
        Filters {
            year: Some(1990),
            ..Filters::default()
        },
    );
    assert!(held.suggestions.is_empty(), "{:?}", held.suggestions);
    assert_eq!(held.excluded_by, [("year".to_owned(), 3)]);
}

/// A match past the opening the highlighter reads (4,000 characters) shows
/// the passage where the words are, not the record's opening: meeting
/// records run to hundreds of pages (A/79/PV.29 names Mr. Quintana Aranguren
/// 40,000 characters in). Words, stems and symbols alike.
fn a_match_deep_in_a_long_record_shows_its_passage(store: &mut dyn Store, engine: &mut dyn Search) {
    let mut meeting = record("A/79/PV.29", &["A/79/PV.29"], "2024-10-29");
    meeting.doc_type = DocType::MeetingRecord;
    let filler = "The Assembly heard the next speaker on the item before it. ".repeat(120);
    text(
        &mut meeting,
        &format!(
            "{filler}Mr. Quintana Aranguren (Colombia): Colombia welcomes the annual report \
             (see A/79/198) and the Relationship Agreements with the Court. {filler}"
        ),
    );
    put(store, &meeting, b"meeting");
    engine.update(store, &[meeting.id.clone()]).unwrap();
    engine.refresh().unwrap();
    for (query, expected) in [
        ("Quintana Aranguren", &["Quintana", "Aranguren"][..]),
        // Stemmed: the query's "agreement" is the text's "Agreements".
        ("relationship agreement", &["Relationship", "Agreements"]),
        ("A/79/198", &["A/79/198"]),
    ] {
        let results = engine.search(&request(query, Filters::default())).unwrap();
        let hit = results
            .hits
            .first()
            .unwrap_or_else(|| panic!("{query} finds the meeting"));
        assert_eq!(marked(&hit.snippet), expected, "{query}: {:?}", hit.snippet);
    }
    // A word of the opening is shown there, as before.
    let results = engine
        .search(&request("speaker", Filters::default()))
        .unwrap();
    let snippet = &results.hits[0].snippet;
    assert!(
        !snippet.marks.is_empty() && !snippet.text.contains("Quintana"),
        "{snippet:?}"
    );
}

/// A symbol query's snippet marks the symbol, never its pieces: A/79/818
/// showed "[A]/[79]/798" and every lone "A" and "2025" of the passage marked.
/// A symbol written in a joint form ("A/79/798-S/2025/110", as A/79/818
/// cites it), which PostgreSQL's parser reads as one token, is found and
/// marked alike by either of its parts.
fn a_symbol_is_marked_whole(store: &mut dyn Store, engine: &mut dyn Search) {
    let mut letter = record("A/79/818", &["A/79/818", "S/2025/156"], "2025-03-12");
    text(
        &mut letter,
        "The communications of 2025 (A/79/798 and S/2025/110), from a State A to State B, and annex A/79/7980.",
    );
    put(store, &letter, b"letter");
    engine.update(store, &[letter.id.clone()]).unwrap();
    engine.refresh().unwrap();
    for (query, symbol) in [("A/79/798", "A/79/798"), ("s/2025/110", "S/2025/110")] {
        let results = engine.search(&request(query, Filters::default())).unwrap();
        let hit = results
            .hits
            .first()
            .unwrap_or_else(|| panic!("{query} finds the letter"));
        assert_eq!(marked(&hit.snippet), [symbol], "{query}: {:?}", hit.snippet);
    }
    let mut joint = record("A/79/900", &["A/79/900"], "2025-04-01");
    text(
        &mut joint,
        "In reply to the letter (A/79/612-S/2024/829), and to A/79/6120.",
    );
    put(store, &joint, b"joint");
    engine.update(store, &[joint.id.clone()]).unwrap();
    engine.refresh().unwrap();
    for (query, symbol) in [("A/79/612", "A/79/612"), ("S/2024/829", "S/2024/829")] {
        let results = engine.search(&request(query, Filters::default())).unwrap();
        assert_eq!(results.total, 1, "{query}");
        let snippet = &results.hits[0].snippet;
        assert_eq!(marked(snippet), [symbol], "{query}: {snippet:?}");
    }
}

/// `sort`: oldest or newest first, undated documents last either way, with
/// words or without; by relevance, the best match first.
fn sort_orders_are_the_same(store: &mut dyn Store, engine: &mut dyn Search) {
    use crate::Sort;
    let mut older = record("S/2024/5", &["S/2024/5"], "2024-01-05");
    text(&mut older, "The ceasefire holds.");
    let mut newer = record("S/2025/9", &["S/2025/9"], "2025-03-09");
    text(
        &mut newer,
        "Ceasefire, ceasefire, ceasefire: the ceasefire is the word of this letter.",
    );
    let mut undated = record("S/2025/77", &["S/2025/77"], "2025-01-01");
    undated.date = None;
    text(&mut undated, "A ceasefire without a date.");
    let mut ids = Vec::new();
    for (r, bytes) in [
        (&older, &b"older"[..]),
        (&newer, b"newer"),
        (&undated, b"undated"),
    ] {
        put(store, r, bytes);
        ids.push(r.id.clone());
    }
    engine.update(store, &ids).unwrap();
    engine.refresh().unwrap();
    let order = |query: &str, sort: Sort| -> Vec<String> {
        engine
            .search(&SearchRequest {
                sort,
                ..request(query, Filters::default())
            })
            .unwrap()
            .hits
            .iter()
            .map(work)
            .collect()
    };
    for query in ["", "ceasefire"] {
        assert_eq!(
            order(query, Sort::Oldest),
            ["S/2024/5", "S/2025/9", "S/2025/77"],
            "oldest first for {query:?}"
        );
        assert_eq!(
            order(query, Sort::Newest),
            ["S/2025/9", "S/2024/5", "S/2025/77"],
            "newest first for {query:?}"
        );
    }
    assert_eq!(
        order("", Sort::Relevance),
        order("", Sort::Newest),
        "without words, relevance is newest first"
    );
    assert_eq!(
        order("ceasefire", Sort::Relevance)
            .first()
            .map(String::as_str),
        Some("S/2025/9"),
        "the letter that says it most comes first"
    );
}

/// `sender` and `state` find the meetings where a State spoke besides the
/// letters it sent; the `speaker_state` and `speaker` facets count meeting
/// records (once each, however often one spoke), never an office printed in
/// place of a name.
fn speaking_states_are_filtered_and_counted_alike(store: &mut dyn Store, engine: &mut dyn Search) {
    let mut vetoed = undoc_store::conformance::meeting(
        "S/PV.8422",
        "2018-12-13",
        &[
            ("Mr. Nebenzia", Some("Russian Federation"), "We abstained."),
            ("Mr. Ma Zhaoxu", Some("China"), "China abstained."),
            ("Mr. Nebenzia", Some("Russian Federation"), "In reply."),
        ],
        "S/RES/2448 (2018)",
    );
    let mut answered = undoc_store::conformance::meeting(
        "S/PV.9973",
        "2025-08-01",
        &[
            ("The Acting President", None, "I give the floor."),
            ("Mr. Nebenzia", Some("Russian Federation"), "We object."),
            ("Mr. de Rivière", Some("France"), "France regrets it."),
        ],
        "S/RES/2790 (2025)",
    );
    answered.speeches[0].role = Some("Acting President".into());
    vetoed.speeches[2].kind = undoc_model::SpeechKind::RightOfReply;
    let mut letter = record("S/2025/505", &["S/2025/505"], "2025-08-04");
    text(&mut letter, "The statement made at the 9973rd meeting.");
    letter_from(&mut letter, "France");
    for (r, bytes) in [
        (&vetoed, &b"vetoed"[..]),
        (&answered, b"answered"),
        (&letter, b"letter"),
    ] {
        put(store, r, bytes);
    }
    engine
        .update(
            store,
            &[vetoed.id.clone(), answered.id.clone(), letter.id.clone()],
        )
        .unwrap();
    engine.refresh().unwrap();
    let state = |sender: bool, name: &str| {
        if sender {
            Filters {
                sender: Some(name.into()),
                ..Filters::default()
            }
        } else {
            Filters {
                state: Some(name.into()),
                ..Filters::default()
            }
        }
    };
    for sender in [true, false] {
        assert_eq!(
            found(engine, "", state(sender, "France")),
            ids(&["S/2025/505", "S/PV.9973"]),
            "France sent the letter and spoke at the 9973rd meeting (sender filter: {sender})"
        );
        assert_eq!(
            found(engine, "", state(sender, "china")),
            ids(&["S/PV.8422"])
        );
        assert_eq!(
            found(engine, "", state(sender, "Russia")),
            ids(&["S/PV.8422", "S/PV.9973"])
        );
    }
    let all = engine.search(&request("", Filters::default())).unwrap();
    let pairs = |values: &[(&str, u64)]| -> Vec<(String, u64)> {
        values.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect()
    };
    assert_eq!(
        all.facets.speaker_state,
        pairs(&[("Russian Federation", 2), ("China", 1), ("France", 1)])
    );
    assert_eq!(
        all.facets.speaker,
        pairs(&[
            ("Mr. Nebenzia", 2),
            ("Mr. Ma Zhaoxu", 1),
            ("Mr. de Rivière", 1)
        ])
    );
    assert_eq!(all.facets.sender, pairs(&[("France", 1)]), "letters only");
    let with_china = engine.search(&request("", state(true, "China"))).unwrap();
    assert_eq!(
        with_china.facets.speaker,
        pairs(&[("Mr. Ma Zhaoxu", 1), ("Mr. Nebenzia", 1)]),
        "facets count the matching records only"
    );
}

/// `speaker`: the meeting records where a speaker of that name spoke, by
/// any word of the name in any case; a document that only names him is not
/// one of them.
fn speakers_find_the_meetings_they_spoke_at(store: &mut dyn Store, engine: &mut dyn Search) {
    let meeting = undoc_store::conformance::meeting(
        "S/PV.8422",
        "2018-12-13",
        &[
            ("Mr. Nebenzia", Some("Russian Federation"), "We abstained."),
            ("Mr. Ma Zhaoxu", Some("China"), "China abstained."),
        ],
        "S/RES/2448 (2018)",
    );
    let mut letter = record("S/2018/1100", &["S/2018/1100"], "2018-12-14");
    text(&mut letter, "Mr. Nebenzia said so at the 8422nd meeting.");
    put(store, &meeting, b"meeting");
    put(store, &letter, b"letter");
    engine
        .update(store, &[meeting.id.clone(), letter.id.clone()])
        .unwrap();
    engine.refresh().unwrap();
    let speaker = |name: &str| Filters {
        speaker: Some(name.into()),
        ..Filters::default()
    };
    let only_meeting: BTreeSet<String> = ["S/PV.8422".to_owned()].into();
    assert_eq!(found(engine, "", speaker("Nebenzia")), only_meeting);
    assert_eq!(found(engine, "", speaker("NEBENZIA")), only_meeting);
    assert_eq!(found(engine, "", speaker("Ma Zhaoxu")), only_meeting);
    assert_eq!(found(engine, "abstained", speaker("zhaoxu")), only_meeting);
    assert!(found(engine, "", speaker("Delattre")).is_empty());
    // `speech_kind`: the meetings with a speech of that kind.
    let kind = |kind: undoc_model::SpeechKind| Filters {
        speech_kind: Some(kind),
        ..Filters::default()
    };
    assert_eq!(
        found(engine, "", kind(undoc_model::SpeechKind::Statement)),
        only_meeting
    );
    assert!(found(engine, "", kind(undoc_model::SpeechKind::RightOfReply)).is_empty());
    assert!(matches!(
        engine.search(&request("", speaker(" . "))),
        Err(SearchError::BadRequest(_))
    ));
}

fn body(organ: &str, session: Option<u32>, year: Option<i32>) -> Body {
    Body {
        organ: organ.into(),
        session: session.map(Session::Number),
        year,
    }
}

fn text(record: &mut Record, text: &str) {
    record.paragraphs = vec![Paragraph {
        kind: ParagraphKind::Body,
        text: text.to_owned(),
        part: None,
    }];
}

fn letter_from(record: &mut Record, state: &str) {
    record.letter = Some(Letter {
        date: record.date.clone(),
        sender: Some(format!("Permanent Representative of {state}")),
        sender_state: Some(state.to_owned()),
        addressees: vec!["Secretary-General".into()],
    });
}

/// Four documents: two letters (General Assembly under item 40, Security
/// Council), a Council resolution and a French note verbale.
fn fill(store: &mut dyn Store, engine: &mut dyn Search) {
    let mut ga_letter = record("A/79/10", &["A/79/10"], "2025-02-01");
    ga_letter.title = Some("Letter on the Zangezur corridor".into());
    ga_letter.agenda_items = vec![AgendaItem {
        organ: "A".into(),
        number: 40,
        sub: None,
        title: Some("Protracted conflicts".into()),
        preliminary: false,
    }];
    letter_from(&mut ga_letter, "Azerbaijan");
    ga_letter.states_mentioned = vec!["Armenia".into()];
    text(
        &mut ga_letter,
        "The so-called corridor through the region of Syunik.",
    );

    let mut sc_letter = record("S/2025/20", &["S/2025/20"], "2025-03-01");
    sc_letter.bodies = vec![body("S", None, Some(2025))];
    sc_letter.title = Some("Letter on violations".into());
    letter_from(&mut sc_letter, "Armenia");
    sc_letter.states_mentioned = vec!["Azerbaijan".into()];
    text(
        &mut sc_letter,
        "Repeated ceasefire violations along the border.",
    );

    let mut resolution = record("S/RES/2770 (2025)", &["S/RES/2770 (2025)"], "2025-04-01");
    resolution.bodies = vec![body("S", None, Some(2025))];
    resolution.doc_type = DocType::Resolution;
    resolution.title = Some("Resolution 2770 (2025)".into());
    text(
        &mut resolution,
        "Demands that the parties respect the ceasefire.",
    );

    let mut note = record("A/79/11", &["A/79/11"], "2024-12-01");
    note.bodies = vec![body("A", Some(79), None)];
    note.doc_type = DocType::NoteVerbale;
    note.language = "fr".into();
    note.original_language = Some("fr".into());
    note.title = Some("Note verbale".into());
    text(
        &mut note,
        "La Mission permanente a l'honneur de transmettre la déclaration.",
    );

    let mut ids = Vec::new();
    for (r, bytes) in [
        (&ga_letter, &b"10"[..]),
        (&sc_letter, b"20"),
        (&resolution, b"2770"),
        (&note, b"11"),
    ] {
        put(store, r, bytes);
        ids.push(r.id.clone());
    }
    engine.update(store, &ids).unwrap();
    engine.refresh().unwrap();
}

/// The marked words of a snippet.
fn marked(snippet: &crate::Snippet) -> Vec<&str> {
    snippet
        .marks
        .iter()
        .map(|m| &snippet.text[m.clone()])
        .collect()
}

fn request(query: &str, filters: Filters) -> SearchRequest {
    SearchRequest {
        query: query.to_owned(),
        filters,
        limit: 20,
        offset: 0,
        ..SearchRequest::default()
    }
}

fn found(engine: &dyn Search, query: &str, filters: Filters) -> BTreeSet<String> {
    let what = format!("{query:?} with {filters:?}");
    engine
        .search(&request(query, filters))
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .hits
        .into_iter()
        .map(|h| work(&h))
        .collect()
}

/// The work a hit is of: its first symbol (the hit's id names the version,
/// `A/79/11@fr`).
fn work(hit: &crate::Hit) -> String {
    hit.symbols
        .first()
        .cloned()
        .unwrap_or_else(|| hit.id.clone())
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn words_and_filters_find_the_same_documents(engine: &dyn Search) {
    let none = Filters::default;
    let cases: Vec<(&str, Filters, BTreeSet<String>)> = vec![
        (
            "ceasefire",
            none(),
            ids(&["S/2025/20", "S/RES/2770 (2025)"]),
        ),
        ("corridor", none(), ids(&["A/79/10"])),
        ("\"ceasefire violations\"", none(), ids(&["S/2025/20"])),
        ("déclaration", none(), ids(&["A/79/11"])),
        (
            "",
            Filters {
                organ: Some("S".into()),
                ..none()
            },
            ids(&["S/2025/20", "S/RES/2770 (2025)"]),
        ),
        (
            "",
            Filters {
                doc_type: Some(DocType::Letter),
                ..none()
            },
            ids(&["A/79/10", "S/2025/20"]),
        ),
        (
            "",
            Filters {
                sender: Some("azerbaijan".into()),
                ..none()
            },
            ids(&["A/79/10"]),
        ),
        (
            "",
            Filters {
                mentions: Some("Armenia".into()),
                ..none()
            },
            ids(&["A/79/10"]),
        ),
        (
            "",
            Filters {
                state: Some("Armenia".into()),
                ..none()
            },
            ids(&["A/79/10", "S/2025/20"]),
        ),
        (
            "",
            Filters {
                from: Some("2025-02-15".into()),
                to: Some("2025-03-31".into()),
                ..none()
            },
            ids(&["S/2025/20"]),
        ),
        (
            "",
            Filters {
                year: Some(2024),
                ..none()
            },
            ids(&["A/79/11"]),
        ),
        (
            "",
            Filters {
                organ: Some("A".into()),
                session: Some("79".into()),
                agenda: Some(40),
                ..none()
            },
            ids(&["A/79/10"]),
        ),
        (
            "",
            Filters {
                language: Some("fr".into()),
                ..none()
            },
            ids(&["A/79/11"]),
        ),
        (
            "ceasefire",
            Filters {
                doc_type: Some(DocType::Resolution),
                ..none()
            },
            ids(&["S/RES/2770 (2025)"]),
        ),
        ("nothing-like-this-word", none(), ids(&[])),
    ];
    for (query, filters, expected) in cases {
        let what = format!("{query:?} with {filters:?}");
        assert_eq!(found(engine, query, filters), expected, "{what}");
    }
    for symbol in ["S/2025/20", "s/2025/20", "S/RES/2770 (2025)"] {
        let hits = engine.search(&request(symbol, Filters::default())).unwrap();
        let first = hits.hits.first().map(work);
        let canonical = if symbol.starts_with('s') {
            "S/2025/20"
        } else {
            symbol
        };
        assert_eq!(
            first.as_deref(),
            Some(canonical),
            "the symbol {symbol} finds its document first"
        );
    }
}

fn totals_pages_and_facets_count_alike(engine: &dyn Search) {
    let all = engine.search(&request("", Filters::default())).unwrap();
    assert_eq!(all.total, 4, "every document");
    let count = |values: &[(String, u64)], value: &str| {
        values.iter().find(|(v, _)| v == value).map(|(_, c)| *c)
    };
    assert_eq!(
        count(&all.facets.doc_type, "letter"),
        Some(2),
        "{:?}",
        all.facets
    );
    assert_eq!(count(&all.facets.organ, "S"), Some(2), "{:?}", all.facets);
    assert_eq!(
        count(&all.facets.sender, "Azerbaijan"),
        Some(1),
        "{:?}",
        all.facets
    );
    assert_eq!(
        count(&all.facets.language, "fr"),
        Some(1),
        "{:?}",
        all.facets
    );

    let mut seen = BTreeSet::new();
    for offset in 0..4 {
        let page = engine
            .search(&SearchRequest {
                limit: 1,
                offset,
                ..request("", Filters::default())
            })
            .unwrap();
        assert_eq!(page.total, 4, "the total does not depend on the page");
        assert_eq!(page.hits.len(), 1);
        assert!(seen.insert(work(&page.hits[0])), "pages do not repeat");
    }
    let past = engine
        .search(&SearchRequest {
            offset: 10,
            ..request("", Filters::default())
        })
        .unwrap();
    assert!(
        past.hits.is_empty() && past.total == 4,
        "past the end: no hits, same total"
    );
}

fn bad_requests_are_refused_alike(engine: &dyn Search) {
    let bad = [
        Filters {
            agenda: Some(40),
            ..Filters::default()
        },
        Filters {
            session: Some("79".into()),
            ..Filters::default()
        },
        Filters {
            sender: Some("Atlantis".into()),
            ..Filters::default()
        },
        Filters {
            from: Some("yesterday".into()),
            ..Filters::default()
        },
    ];
    for filters in bad {
        let what = format!("{filters:?}");
        assert!(
            matches!(
                engine.search(&request("", filters)),
                Err(SearchError::BadRequest(_))
            ),
            "{what} is refused as a bad request"
        );
    }
}

fn removed_documents_are_no_longer_found(store: &mut dyn Store, engine: &mut dyn Search) {
    assert_eq!(store.remove(&["S/2025/20"]).unwrap(), 1);
    engine.update(store, &["S/2025/20".to_owned()]).unwrap();
    engine.refresh().unwrap();
    assert_eq!(
        found(engine, "ceasefire", Filters::default()),
        ids(&["S/RES/2770 (2025)"]),
        "a removed document is not found"
    );
}
