//! The behavioural suite every [`Store`] implementation must pass, so that the
//! embedded store and a server store cannot drift apart. Each check builds
//! its records in code and panics (it is test support) on the first wrong
//! answer, naming the check.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed expectation is the report

use undoc_model::{AgendaItem, Body, DocType, Record, Reference, ReferenceKind, Relation, Session};

use crate::{NewDocument, PutOutcome, Store};

/// Runs every check, each on a fresh store from `fresh`.
pub fn run_all(fresh: &mut dyn FnMut() -> Box<dyn Store>) {
    put_get_unchanged_updated(fresh().as_mut());
    a_new_parse_of_the_same_file_replaces_the_old_record(fresh().as_mut());
    joint_symbols_resolve_by_either_part(fresh().as_mut());
    dangling_links_resolve_when_the_target_arrives(fresh().as_mut());
    revisions_resolve_to_their_base_and_back(fresh().as_mut());
    agenda_items_list_their_documents(fresh().as_mut());
    original_files_come_back(fresh().as_mut());
    batches_with_repeated_ids_keep_the_last(fresh().as_mut());
    catalogue_records_enrich_documents_in_either_order(fresh().as_mut());
    documents_cited_but_not_held_are_listed_and_counted(fresh().as_mut());
    links_from_resolves_every_way_of_naming(fresh().as_mut());
    batch_reads_answer_as_single_reads(fresh().as_mut());
    read_paths_cost_the_same_statements_for_few_rows_or_many(fresh().as_mut());
    expressions_list_a_works_language_versions(fresh().as_mut());
    votes_of_lists_a_states_ballots_newest_first(fresh().as_mut());
    speeches_of_lists_a_states_statements_and_adoptions_find_the_meeting(fresh().as_mut());
    removed_documents_leave_their_citers_pointing_at_a_document_not_held(fresh().as_mut());
    misses_are_recorded_per_symbol_and_language_and_replaced(fresh().as_mut());
}

/// A small record with the given id and symbols.
pub fn record(id: &str, symbols: &[&str], date: &str) -> Record {
    Record {
        source: format!("{id}.pdf"),
        id: id.to_owned(),
        symbols: symbols.iter().map(|s| (*s).to_owned()).collect(),
        language: "en".into(),
        original_language: Some("en".into()),
        distribution: None,
        date: Some(date.to_owned()),
        bodies: vec![Body {
            organ: "A".into(),
            session: Some(Session::Number(79)),
            year: None,
        }],
        agenda_items: Vec::new(),
        doc_type: DocType::Letter,
        title: Some(format!("Letter {id}")),
        letter: None,
        signatories: Vec::new(),
        references: Vec::new(),
        circulation: None,
        paragraphs: Vec::new(),
        states_mentioned: Vec::new(),
        warnings: Vec::new(),
        subtitle: None,
        letter_title: None,
        extractor: "test".into(),
        job_number: None,
        pages: 1,
        subjects: Vec::new(),
        authors: Vec::new(),
        frbr: None,
        sponsors: Vec::new(),
        additional_sponsors: Vec::new(),
        adoption: None,
        votes: Vec::new(),
        described_references: Vec::new(),
        inferred_symbols: Vec::new(),
        meeting: None,
        speeches: Vec::new(),
        decisions: Vec::new(),
    }
}

/// A reference to `symbols`.
pub fn reference(symbols: &[&str], relation: Relation) -> Reference {
    Reference {
        kind: ReferenceKind::Document,
        text: symbols.join("-"),
        symbols: symbols.iter().map(|s| (*s).to_owned()).collect(),
        relation,
        start: 0,
        end: 0,
        url: String::new(),
        evidence: None,
        speaker_state: None,
        speech: None,
    }
}

/// Stores one record with `bytes` as its file.
pub fn put(store: &mut dyn Store, record: &Record, bytes: &[u8]) -> PutOutcome {
    let hash = format!("{:016x}{:016x}", fnv(bytes), bytes.len());
    let doc = NewDocument {
        record,
        file: bytes,
        file_hash: &hash,
        file_name: "doc.pdf",
    };
    store.put_batch(&[doc]).unwrap()[0]
}

/// A stable stand-in for a content hash (the suite needs no crypto).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Re-ingesting a meeting record stored before undoc read speeches (same
/// file, same path) left the speech-less record in place: the same source
/// was taken for the same document. A new parse must replace the old.
fn a_new_parse_of_the_same_file_replaces_the_old_record(store: &mut dyn Store) {
    let old = record("S/PV.8422", &["S/PV.8422"], "2018-12-13");
    assert_eq!(put(store, &old, b"the same file"), PutOutcome::Added);
    let new = meeting(
        "S/PV.8422",
        "2018-12-13",
        &[("Mr. Nebenzia", Some("Russian Federation"), "We abstained.")],
        "S/RES/2448 (2018)",
    );
    assert_eq!(new.source, old.source, "the same path");
    assert_eq!(
        put(store, &new, b"the same file"),
        PutOutcome::Updated,
        "a richer parse of the same file"
    );
    assert_eq!(store.get("S/PV.8422").unwrap().unwrap().speeches.len(), 1);
    assert_eq!(store.speeches_of("Russian Federation").unwrap().len(), 1);
    assert_eq!(
        put(store, &new, b"the same file"),
        PutOutcome::Unchanged,
        "and the same parse again changes nothing"
    );
}

fn put_get_unchanged_updated(store: &mut dyn Store) {
    let a = record("A/79/1", &["A/79/1"], "2025-01-01");
    let before = store.generation().unwrap();
    assert_eq!(put(store, &a, b"one"), PutOutcome::Added, "first put adds");
    let after_add = store.generation().unwrap();
    assert!(after_add > before, "a write raises the generation");
    assert_eq!(
        store.get("A/79/1").unwrap(),
        Some(a.clone()),
        "get gives the record back"
    );
    assert_eq!(
        put(store, &a, b"one"),
        PutOutcome::Unchanged,
        "the same file again changes nothing"
    );
    let mut changed = a.clone();
    changed.title = Some("Corrected title".into());
    assert_eq!(
        put(store, &changed, b"two"),
        PutOutcome::Updated,
        "a changed file replaces"
    );
    assert_eq!(
        store.get("A/79/1").unwrap().and_then(|r| r.title),
        Some("Corrected title".into())
    );
    assert_eq!(
        store.ids().unwrap(),
        vec!["A/79/1".to_string()],
        "replacing does not duplicate"
    );
    assert_eq!(store.stats().unwrap().documents, 1);
}

fn joint_symbols_resolve_by_either_part(store: &mut dyn Store) {
    let joint = record("A/75/861", &["A/75/861", "S/2021/392"], "2021-04-22");
    put(store, &joint, b"joint");
    assert_eq!(
        store.resolve("A/75/861").unwrap().as_deref(),
        Some("A/75/861")
    );
    assert_eq!(
        store.resolve("S/2021/392").unwrap().as_deref(),
        Some("A/75/861"),
        "second part of a joint symbol"
    );
    assert_eq!(store.resolve("S/2021/393").unwrap(), None);
    let summary = store.summary("A/75/861").unwrap().unwrap();
    assert_eq!(summary.symbols, ["A/75/861", "S/2021/392"]);
}

fn dangling_links_resolve_when_the_target_arrives(store: &mut dyn Store) {
    let mut reply = record("A/75/900", &["A/75/900"], "2021-05-11");
    reply.references = vec![reference(&["A/75/861", "S/2021/392"], Relation::RepliesTo)];
    put(store, &reply, b"reply");
    let links = store.links_from("A/75/900").unwrap();
    assert_eq!(links.len(), 2, "one link per symbol of a joint reference");
    assert!(
        links.iter().all(|l| l.to.is_none()),
        "dangling before the target is stored"
    );
    put(
        store,
        &record("A/75/861", &["A/75/861", "S/2021/392"], "2021-04-22"),
        b"target",
    );
    let links = store.links_from("A/75/900").unwrap();
    assert!(
        links.iter().all(|l| l.to.as_deref() == Some("A/75/861")),
        "resolved once it arrives: {links:?}"
    );
    let incoming = store.links_to("A/75/861").unwrap();
    assert_eq!(incoming.len(), 2);
    assert!(
        incoming
            .iter()
            .all(|l| l.from == "A/75/900" && l.relation == Relation::RepliesTo)
    );
}

/// Guards `cited-by 'S/RES/2334 (2016)'`, which answered "no such document"
/// although stored documents cite it: the graph holds what is not stored.
fn documents_cited_but_not_held_are_listed_and_counted(store: &mut dyn Store) {
    let mut first = record("A/79/100", &["A/79/100"], "2025-01-10");
    first.references = vec![
        reference(&["S/RES/2334 (2016)"], Relation::Cites),
        reference(&["S/RES/2334 (2016)"], Relation::Cites),
        reference(&["A/79/50"], Relation::Cites),
    ];
    let mut french = first.clone();
    french.language = "fr".into();
    let mut second = record("A/79/200", &["A/79/200"], "2025-03-02");
    second.references = vec![reference(&["S/RES/2334 (2016)"], Relation::RepliesTo)];
    for (r, bytes) in [
        (&first, &b"first"[..]),
        (&french, b"french"),
        (&second, b"second"),
    ] {
        put(store, r, bytes);
    }
    let cited = store.citations_of("S/RES/2334 (2016)").unwrap();
    let citing: Vec<&str> = cited.iter().map(|l| l.from.as_str()).collect();
    assert_eq!(
        citing,
        ["A/79/100", "A/79/100", "A/79/200"],
        "one text per work: {cited:?}"
    );
    assert!(cited.iter().all(|l| l.to.is_none()));
    let missing = store.not_held(1, 10).unwrap();
    let listed: Vec<(&str, usize)> = missing
        .iter()
        .map(|m| (m.symbol.as_str(), m.citing_documents))
        .collect();
    assert_eq!(
        listed,
        [("S/RES/2334 (2016)", 2), ("A/79/50", 1)],
        "most cited first, works counted once"
    );
    assert_eq!(missing[0].first_cited.as_deref(), Some("2025-01-10"));
    assert_eq!(missing[0].last_cited.as_deref(), Some("2025-03-02"));
    assert_eq!(store.not_held(2, 10).unwrap().len(), 1, "--min-citations");
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.texts),
        (2, 3),
        "documents are works, texts their versions"
    );
    assert_eq!(stats.cited_not_held, 2);
    // Once it arrives, it is held.
    put(
        store,
        &record("A/79/50", &["A/79/50"], "2024-12-01"),
        b"held",
    );
    assert_eq!(store.stats().unwrap().cited_not_held, 1);
    let cited = store.citations_of("A/79/50").unwrap();
    assert_eq!(cited.len(), 1);
    assert_eq!(cited[0].to.as_deref(), Some("A/79/50"));
}

fn revisions_resolve_to_their_base_and_back(store: &mut dyn Store) {
    put(
        store,
        &record("S/2025/71", &["S/2025/71"], "2025-02-01"),
        b"original",
    );
    assert_eq!(
        store.resolve("S/2025/71/Rev.1").unwrap().as_deref(),
        Some("S/2025/71"),
        "revision to its base"
    );
    assert_eq!(
        store.resolve("S/2025/71/Add.2").unwrap().as_deref(),
        Some("S/2025/71"),
        "addendum to its base"
    );
    put(
        store,
        &record("S/2025/71/Rev.1", &["S/2025/71/Rev.1"], "2025-02-06"),
        b"revision",
    );
    assert_eq!(
        store.resolve("S/2025/71/Rev.1").unwrap().as_deref(),
        Some("S/2025/71/Rev.1"),
        "exact first"
    );
    let mut only_rev = record("S/2025/80/Rev.1", &["S/2025/80/Rev.1"], "2025-02-07");
    only_rev.references = vec![reference(&["S/2025/71/Rev.1"], Relation::Cites)];
    put(store, &only_rev, b"only the revision");
    assert_eq!(
        store.resolve("S/2025/80").unwrap().as_deref(),
        Some("S/2025/80/Rev.1"),
        "base to its revision"
    );
}

fn agenda_items_list_their_documents(store: &mut dyn Store) {
    let mut older = record("A/79/10", &["A/79/10"], "2025-01-10");
    older.agenda_items = vec![AgendaItem {
        organ: "A".into(),
        number: 40,
        sub: None,
        title: Some("Item forty".into()),
        preliminary: false,
    }];
    let mut newer = older.clone();
    newer.id = "A/79/20".into();
    newer.symbols = vec!["A/79/20".into()];
    newer.date = Some("2025-03-01".into());
    put(store, &older, b"older");
    put(store, &newer, b"newer");
    let listed: Vec<String> = store
        .agenda("A", "79", 40)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, ["A/79/20", "A/79/10"], "newest first");
    assert!(
        store.agenda("A", "80", 40).unwrap().is_empty(),
        "another session"
    );
}

fn original_files_come_back(store: &mut dyn Store) {
    put(
        store,
        &record("A/79/30", &["A/79/30"], "2025-01-01"),
        b"%PDF-1.7 original bytes",
    );
    let (bytes, name) = store.file("A/79/30").unwrap().unwrap();
    assert_eq!(bytes, b"%PDF-1.7 original bytes");
    assert!(name.ends_with(".pdf"));
    assert_eq!(store.file("A/79/31").unwrap(), None);
}

fn batches_with_repeated_ids_keep_the_last(store: &mut dyn Store) {
    let first = record("A/79/40", &["A/79/40"], "2025-01-01");
    let mut second = first.clone();
    second.title = Some("Second".into());
    let (h1, h2) = ("1".repeat(64), "2".repeat(64));
    let docs = [
        NewDocument {
            record: &first,
            file: b"a",
            file_hash: &h1,
            file_name: "a.pdf",
        },
        NewDocument {
            record: &second,
            file: b"b",
            file_hash: &h2,
            file_name: "b.pdf",
        },
    ];
    let outcomes = store.put_batch(&docs).unwrap();
    assert_eq!(outcomes, [PutOutcome::Added, PutOutcome::Updated]);
    assert_eq!(
        store.get("A/79/40").unwrap().and_then(|r| r.title),
        Some("Second".into())
    );
}

fn catalogue_entry(symbols: &[&str], subject: &str) -> crate::CatalogueEntry {
    crate::CatalogueEntry {
        symbols: symbols.iter().map(|s| (*s).to_owned()).collect(),
        control: Some(format!("{}", symbols.len())),
        subjects: vec![subject.to_owned(), "HUMAN RIGHTS".to_owned()],
        authors: vec!["Argentina".to_owned(), "Armenia".to_owned()],
        marcxml: format!("<record><controlfield tag=\"001\">{subject}</controlfield></record>"),
    }
}

fn catalogue_records_enrich_documents_in_either_order(store: &mut dyn Store) {
    // Document first, then its catalogue record.
    put(store, &record("A/79/1", &["A/79/1"], "2025-01-01"), b"one");
    assert!(store.get("A/79/1").unwrap().unwrap().subjects.is_empty());
    let entry = catalogue_entry(&["A/79/1"], "DIGITAL DIVIDE");
    assert_eq!(
        store.put_catalogue(std::slice::from_ref(&entry)).unwrap(),
        [PutOutcome::Added]
    );
    let enriched = store.get("A/79/1").unwrap().unwrap();
    assert_eq!(enriched.subjects, ["DIGITAL DIVIDE", "HUMAN RIGHTS"]);
    assert_eq!(enriched.authors, ["Argentina", "Armenia"]);
    assert_eq!(store.catalogue("A/79/1").unwrap(), Some(entry.clone()));
    assert_eq!(
        store.put_catalogue(std::slice::from_ref(&entry)).unwrap(),
        [PutOutcome::Unchanged],
        "the same record again changes nothing"
    );

    // Catalogue record first (for the second part of a joint symbol), then the document.
    let joint = catalogue_entry(&["A/79/2", "S/2025/2"], "SANCTIONS");
    store.put_catalogue(&[joint]).unwrap();
    assert!(store.catalogue("S/2025/2").unwrap().is_some());
    assert_eq!(
        store.resolve("A/79/2").unwrap(),
        None,
        "a catalogue record is not a document"
    );
    put(
        store,
        &record("S/2025/2", &["S/2025/2"], "2025-01-02"),
        b"two",
    );
    assert_eq!(
        store.get("S/2025/2").unwrap().unwrap().subjects,
        ["SANCTIONS", "HUMAN RIGHTS"]
    );

    // A corrected record replaces the old one.
    let corrected = catalogue_entry(&["A/79/1"], "DISINFORMATION");
    assert_eq!(
        store.put_catalogue(&[corrected]).unwrap(),
        [PutOutcome::Updated]
    );
    assert_eq!(
        store.get("A/79/1").unwrap().unwrap().subjects[0],
        "DISINFORMATION"
    );
    assert_eq!(store.catalogue_keys().unwrap(), ["A/79/1", "A/79/2"]);

    // Neither symbol nor control number: refused, and nothing stored.
    let mut keyless = catalogue_entry(&[], "X");
    keyless.control = None;
    assert!(store.put_catalogue(&[keyless]).is_err());
    assert_eq!(store.catalogue_keys().unwrap().len(), 2);
    assert_eq!(store.catalogue("A/79/404").unwrap(), None);
}

/// A work cited in every way a store resolves: exactly, by a joint
/// symbol's second part, by its base (an addendum of a held document), by
/// its revision (only the revision held), and not at all.
fn citing_every_way(store: &mut dyn Store) -> Record {
    put(
        store,
        &record("S/2025/10", &["S/2025/10"], "2025-01-10"),
        b"exact",
    );
    put(
        store,
        &record("A/79/11", &["A/79/11", "S/2025/11"], "2025-01-11"),
        b"joint",
    );
    put(
        store,
        &record("S/2025/12/Rev.1", &["S/2025/12/Rev.1"], "2025-01-12"),
        b"revision only",
    );
    let mut citing = record("S/2025/99", &["S/2025/99"], "2025-02-01");
    citing.references = vec![
        reference(&["S/2025/10"], Relation::RepliesTo),
        reference(&["S/2025/11"], Relation::Cites),
        reference(&["S/2025/10/Add.1"], Relation::Cites),
        reference(&["S/2025/12"], Relation::Cites),
        reference(&["S/2025/13"], Relation::Cites),
    ];
    put(store, &citing, b"citing");
    citing
}

fn links_from_resolves_every_way_of_naming(store: &mut dyn Store) {
    citing_every_way(store);
    let links = store.links_from("S/2025/99").unwrap();
    let got: Vec<(&str, Option<&str>, &str)> = links
        .iter()
        .map(|l| (l.symbol.as_str(), l.to.as_deref(), l.relation.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("S/2025/10", Some("S/2025/10"), "replies_to"),
            ("S/2025/11", Some("A/79/11"), "cites"),
            ("S/2025/10/Add.1", Some("S/2025/10"), "cites"),
            ("S/2025/12", Some("S/2025/12/Rev.1"), "cites"),
            ("S/2025/13", None, "cites"),
        ],
        "links_from: each reference in order, resolved as resolve() would"
    );
    assert!(links.iter().all(|l| l.from == "S/2025/99"));
    assert_eq!(
        links.iter().map(|l| l.ord).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert!(store.links_from("S/2025/404").unwrap().is_empty());
}

fn batch_reads_answer_as_single_reads(store: &mut dyn Store) {
    citing_every_way(store);
    let names = [
        "S/2025/10",
        "S/2025/11",
        "S/2025/10/Add.1",
        "S/2025/12",
        "S/2025/13",
        "S/2025/99",
        "S/2025/10",
    ];
    let many = store.resolve_many(&names).unwrap();
    for name in names {
        assert_eq!(
            many.get(name).cloned(),
            store.resolve(name).unwrap(),
            "resolve_many agrees with resolve for {name}"
        );
    }
    assert_eq!(many.len(), 5, "only the names that resolve: {many:?}");
    let ids = ["S/2025/10", "A/79/11", "S/2025/404", "S/2025/99"];
    let summaries = store.summaries(&ids).unwrap();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    for id in ids {
        assert_eq!(summaries.get(id).cloned(), store.summary(id).unwrap());
    }
    assert_eq!(
        summaries["A/79/11"].symbols,
        ["A/79/11", "S/2025/11"],
        "symbols in their order"
    );
    let holders = store
        .holders_many(&["S/2025/11", "A/79/11", "S/2025/404"])
        .unwrap();
    assert_eq!(
        holders.get("S/2025/11").map(Vec::as_slice),
        Some(&["A/79/11".to_owned()][..])
    );
    assert_eq!(
        holders.get("A/79/11").map(Vec::as_slice),
        Some(&["A/79/11".to_owned()][..])
    );
    assert!(!holders.contains_key("S/2025/404"));
    assert!(store.resolve_many(&[]).unwrap().is_empty());
    assert!(store.summaries(&[]).unwrap().is_empty());
    assert!(store.holders_many(&[]).unwrap().is_empty());
}

/// Statements a read sends, counted by the store itself.
fn statements_of(store: &dyn Store, read: impl FnOnce(&dyn Store) -> usize) -> (u64, usize) {
    let before = store.statements();
    let rows = read(store);
    (store.statements() - before, rows)
}

/// `links_from`, `agenda` and `votes_of` read their rows' targets and
/// summaries in batches: as many statements for twelve rows as for three.
fn read_paths_cost_the_same_statements_for_few_rows_or_many(store: &mut dyn Store) {
    let item = AgendaItem {
        organ: "A".into(),
        number: 7,
        sub: None,
        title: None,
        preliminary: false,
    };
    for (prefix, n) in [("few", 3), ("many", 12)] {
        let mut citing = record(
            &format!("A/79/{prefix}"),
            &[&format!("A/79/{prefix}")],
            "2025-06-01",
        );
        for i in 0..n {
            let id = format!("A/RES/79/{prefix}{i}");
            let mut cited = record(&id, &[&id], &format!("2025-01-{:02}", i + 1));
            cited.doc_type = DocType::Resolution;
            cited.bodies[0].session = Some(Session::Number(if n == 3 { 78 } else { 79 }));
            cited.agenda_items = vec![item.clone()];
            cited.votes = vec![undoc_model::Vote {
                in_favour: vec![format!("State {prefix}")],
                against: Vec::new(),
                abstaining: Vec::new(),
            }];
            put(store, &cited, id.as_bytes());
            citing.references.push(reference(&[&id], Relation::Cites));
            citing
                .references
                .push(reference(&[&format!("{id}/Add.1")], Relation::Cites));
            citing.references.push(reference(
                &[&format!("S/2025/{prefix}{i}")],
                Relation::Cites,
            ));
        }
        put(store, &citing, prefix.as_bytes());
    }
    let links = |prefix: &'static str| {
        move |s: &dyn Store| {
            let links = s.links_from(&format!("A/79/{prefix}")).unwrap();
            assert!(links.iter().filter(|l| l.to.is_some()).count() * 3 == links.len() * 2);
            links.len()
        }
    };
    let few = statements_of(store, links("few"));
    let many = statements_of(store, links("many"));
    assert_eq!((few.1, many.1), (9, 36), "rows read");
    assert_eq!(
        few.0, many.0,
        "links_from: statements for 9 links and for 36"
    );
    let agenda =
        |session: &'static str| move |s: &dyn Store| s.agenda("A", session, 7).unwrap().len();
    let few = statements_of(store, agenda("78"));
    let many = statements_of(store, agenda("79"));
    assert_eq!((few.1, many.1), (3, 12), "agenda rows");
    assert_eq!(
        few.0, many.0,
        "agenda: statements for 3 documents and for 12"
    );
    let votes = |state: &'static str| move |s: &dyn Store| s.votes_of(state).unwrap().len();
    let few = statements_of(store, votes("State few"));
    let many = statements_of(store, votes("State many"));
    assert_eq!((few.1, many.1), (3, 12), "votes rows");
    assert_eq!(
        few.0, many.0,
        "votes_of: statements for 3 resolutions and for 12"
    );
    assert!(few.0 > 0, "the store counts its statements");
}

fn expressions_list_a_works_language_versions(store: &mut dyn Store) {
    let english = record("A/RES/80/1", &["A/RES/80/1"], "2025-09-01");
    let mut french = english.clone();
    french.language = "fr".into();
    let mut spanish = english.clone();
    spanish.language = "es".into();
    // A neighbour whose id starts with the work's: not one of its versions.
    let neighbour = record("A/RES/80/10", &["A/RES/80/10"], "2025-09-02");
    for (r, bytes) in [
        (&spanish, &b"es"[..]),
        (&french, b"fr"),
        (&english, b"en"),
        (&neighbour, b"10"),
    ] {
        put(store, r, bytes);
    }
    let versions = store.expressions("A/RES/80/1").unwrap();
    assert_eq!(
        versions,
        [
            ("A/RES/80/1".to_owned(), "en".to_owned()),
            ("A/RES/80/1@es".to_owned(), "es".to_owned()),
            ("A/RES/80/1@fr".to_owned(), "fr".to_owned()),
        ],
        "the English text first, then the others by key"
    );
    assert!(store.expressions("A/RES/80/2").unwrap().is_empty());
    assert_eq!(
        store.resolve("A/RES/80/1").unwrap().as_deref(),
        Some("A/RES/80/1")
    );
}

fn votes_of_lists_a_states_ballots_newest_first(store: &mut dyn Store) {
    use undoc_model::{Ballot, Vote};
    let mut older = record("A/RES/79/1", &["A/RES/79/1"], "2024-12-01");
    older.doc_type = DocType::Resolution;
    older.votes = vec![Vote {
        in_favour: vec!["Armenia".into()],
        against: vec!["Azerbaijan".into()],
        abstaining: Vec::new(),
    }];
    let mut newer = record("A/RES/79/2", &["A/RES/79/2"], "2025-01-15");
    newer.doc_type = DocType::Resolution;
    newer.votes = vec![Vote {
        in_favour: Vec::new(),
        against: Vec::new(),
        abstaining: vec!["Armenia".into(), "Azerbaijan".into()],
    }];
    // The French text of the newer resolution: one work, counted once.
    let mut newer_fr = newer.clone();
    newer_fr.language = "fr".into();
    put(store, &older, b"older");
    put(store, &newer, b"newer");
    put(store, &newer_fr, b"newer fr");
    let ballots = |state: &str| -> Vec<(String, Ballot)> {
        store
            .votes_of(state)
            .unwrap()
            .into_iter()
            .map(|(s, b)| (s.id, b))
            .collect()
    };
    assert_eq!(
        ballots("Armenia"),
        [
            ("A/RES/79/2".to_owned(), Ballot::Abstaining),
            ("A/RES/79/1".to_owned(), Ballot::InFavour),
        ]
    );
    assert_eq!(
        ballots("Azerbaijan"),
        [
            ("A/RES/79/2".to_owned(), Ballot::Abstaining),
            ("A/RES/79/1".to_owned(), Ballot::Against),
        ]
    );
    assert!(ballots("Norway").is_empty());
}

/// A meeting record of `speakers` (speaker, State, words), each speech one
/// paragraph, whose one decision became `adopted_as`.
pub fn meeting(
    id: &str,
    date: &str,
    speakers: &[(&str, Option<&str>, &str)],
    adopted_as: &str,
) -> Record {
    use undoc_model::{Decision, Paragraph, ParagraphKind, Speech, SpeechKind};
    let mut r = record(id, &[id], date);
    r.doc_type = DocType::MeetingRecord;
    let mut offset = 0;
    for (speaker, state, words) in speakers {
        let text = format!("{speaker}: {words}");
        r.speeches.push(Speech {
            speaker: (*speaker).to_owned(),
            state: state.map(str::to_owned),
            role: None,
            kind: if state.is_some() {
                SpeechKind::Statement
            } else {
                SpeechKind::Procedural
            },
            language: None,
            start: offset,
            end: offset + text.len(),
            agenda_item: None,
        });
        offset += text.len() + 2;
        r.paragraphs.push(Paragraph {
            kind: ParagraphKind::Body,
            text,
            part: None,
        });
    }
    r.decisions.push(Decision {
        draft: "S/2025/1".into(),
        method: "recorded_vote".into(),
        in_favour: Some(15),
        against: Some(0),
        abstaining: Some(0),
        votes: Default::default(),
        adopted_as: Some(adopted_as.to_owned()),
        draft_kind: "resolution".into(),
        report: None,
        adopted: true,
        adopted_as_decision: None,
    });
    r
}

fn speeches_of_lists_a_states_statements_and_adoptions_find_the_meeting(store: &mut dyn Store) {
    use undoc_model::SpeechKind;
    let older = meeting(
        "S/PV.9001",
        "2025-01-10",
        &[
            ("The President", None, "I give the floor to Armenia."),
            (
                "Mr. Margaryan",
                Some("Armenia"),
                "Armenia thanks the Council.",
            ),
            ("Mr. Aliyev", Some("Azerbaijan"), "Azerbaijan answers."),
        ],
        "S/RES/2770 (2025)",
    );
    let newer = meeting(
        "S/PV.9050",
        "2025-03-02",
        &[
            ("Mr. Margaryan", Some("Armenia"), "A first word."),
            ("Mr. Margaryan", Some("Armenia"), "A second word."),
        ],
        "S/RES/2771 (2025)",
    );
    let mut newer = newer;
    newer.speeches[1].agenda_item = Some(73);
    let mut newer_fr = newer.clone();
    newer_fr.language = "fr".into();
    put(store, &older, b"older meeting");
    put(store, &newer, b"newer meeting");
    put(store, &newer_fr, b"newer meeting fr");
    let statements = store.speeches_of("Armenia").unwrap();
    let items: Vec<Option<u32>> = statements.iter().map(|s| s.agenda_item).collect();
    assert_eq!(items, [None, Some(73), None], "speeches_of: agenda items");
    let armenia: Vec<(String, usize, String)> = statements
        .into_iter()
        .map(|s| {
            assert_eq!(s.kind, SpeechKind::Statement, "speeches_of: kind");
            assert_eq!(s.speaker, "Mr. Margaryan", "speeches_of: speaker");
            (s.meeting.id, s.position, s.text)
        })
        .collect();
    assert_eq!(
        armenia,
        [
            ("S/PV.9050".into(), 0, "Mr. Margaryan: A first word.".into()),
            (
                "S/PV.9050".into(),
                1,
                "Mr. Margaryan: A second word.".into()
            ),
            (
                "S/PV.9001".into(),
                1,
                "Mr. Margaryan: Armenia thanks the Council.".into()
            ),
        ],
        "speeches_of: newest meeting first, in order, one text per meeting"
    );
    assert!(store.speeches_of("Norway").unwrap().is_empty());
    let adopted: Vec<(String, usize)> = store
        .adoptions("S/RES/2770 (2025)")
        .unwrap()
        .into_iter()
        .map(|(s, ord)| (s.id, ord))
        .collect();
    assert_eq!(adopted, [("S/PV.9001".to_owned(), 0)], "adoptions");
    assert!(store.adoptions("S/RES/1 (1946)").unwrap().is_empty());
    // A meeting stored again replaces its speeches; one removed takes them along.
    put(store, &older, b"older meeting, again");
    assert_eq!(
        store.speeches_of("Azerbaijan").unwrap().len(),
        1,
        "replaced"
    );
    store.remove(&["S/PV.9001"]).unwrap();
    assert!(
        store.speeches_of("Azerbaijan").unwrap().is_empty(),
        "removed"
    );
    assert!(
        store.adoptions("S/RES/2770 (2025)").unwrap().is_empty(),
        "removed"
    );
}

fn removed_documents_leave_their_citers_pointing_at_a_document_not_held(store: &mut dyn Store) {
    let mut cited = record("S/2025/10", &["S/2025/10"], "2025-01-10");
    cited.agenda_items = vec![AgendaItem {
        organ: "A".into(),
        number: 9,
        sub: None,
        title: None,
        preliminary: false,
    }];
    put(store, &cited, b"cited");
    let mut french = cited.clone();
    french.language = "fr".into();
    put(store, &french, b"cited fr");
    let mut citing = record("S/2025/99", &["S/2025/99"], "2025-02-01");
    citing.references = vec![reference(&["S/2025/10"], Relation::RepliesTo)];
    put(store, &citing, b"citing");
    let generation = store.generation().unwrap();

    assert_eq!(
        store.remove(&["S/2025/10@fr", "S/2025/404"]).unwrap(),
        1,
        "only what is stored counts"
    );
    assert!(
        store.generation().unwrap() > generation,
        "a removal is a change"
    );
    assert_eq!(
        store.expressions("S/2025/10").unwrap(),
        [("S/2025/10".to_owned(), "en".to_owned())],
        "the other language version stays"
    );
    assert_eq!(store.remove(&["S/2025/10"]).unwrap(), 1);
    assert!(store.get("S/2025/10").unwrap().is_none());
    assert!(store.resolve("S/2025/10").unwrap().is_none());
    assert!(
        store.agenda("A", "79", 9).unwrap().is_empty(),
        "its agenda rows go with it"
    );
    assert_eq!(
        store.links_from("S/2025/99").unwrap()[0].to,
        None,
        "the citing letter still cites it, now not held"
    );
    let not_held: Vec<String> = store
        .not_held(1, 10)
        .unwrap()
        .into_iter()
        .map(|n| n.symbol)
        .collect();
    assert_eq!(not_held, ["S/2025/10"]);
    assert_eq!(store.stats().unwrap().documents, 1);
    let generation = store.generation().unwrap();
    assert_eq!(
        store.remove(&["S/2025/10"]).unwrap(),
        0,
        "removing again removes nothing"
    );
    assert_eq!(
        store.generation().unwrap(),
        generation,
        "and changes nothing"
    );
    let garbage = store.collect_garbage().unwrap();
    assert_eq!(garbage.files, 2, "both removed texts' files are collected");
    assert!(store.file("S/2025/99").unwrap().is_some());
}

/// What the document service answered when it gave nothing is kept per
/// symbol and language, dated, the latest answer replacing the earlier.
fn misses_are_recorded_per_symbol_and_language_and_replaced(store: &mut dyn Store) {
    use crate::{Miss, MissKind};
    let miss = |symbol: &str, language: &str, kind, at| Miss {
        symbol: symbol.into(),
        language: language.into(),
        kind,
        at,
    };
    assert!(store.misses(&["A/79/1"]).unwrap().is_empty());
    store
        .record_miss(&miss("A/79/1", "en", MissKind::NotPublished, 100))
        .unwrap();
    store
        .record_miss(&miss("A/79/1", "fr", MissKind::NotFound, 101))
        .unwrap();
    store
        .record_miss(&miss("S/RES/822 (1993)", "en", MissKind::DoesNotExist, 102))
        .unwrap();
    store
        .record_miss(&miss("A/79/1", "en", MissKind::NotFound, 200))
        .unwrap();
    assert_eq!(
        store
            .misses(&["A/79/1", "S/RES/822 (1993)", "A/79/2"])
            .unwrap(),
        [
            miss("A/79/1", "en", MissKind::NotFound, 200),
            miss("A/79/1", "fr", MissKind::NotFound, 101),
            miss("S/RES/822 (1993)", "en", MissKind::DoesNotExist, 102),
        ],
        "misses by symbol and language, the latest kept"
    );
    assert!(store.misses(&[]).unwrap().is_empty());
    assert_eq!(
        store.every_miss().unwrap(),
        [
            miss("A/79/1", "en", MissKind::NotFound, 200),
            miss("A/79/1", "fr", MissKind::NotFound, 101),
            miss("S/RES/822 (1993)", "en", MissKind::DoesNotExist, 102),
        ],
        "every miss, for a copy of the store"
    );
}
