//! The other series and the meeting records: no panic, and what must be refused is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use undoc_model::DocType;

#[test]
fn other_series_and_meetings_parse_without_panic() {
    let (Some(other), Some(meetings)) = (common::corpus("other"), common::corpus("meetings"))
    else {
        return;
    };
    let mut files = common::pdfs(&other);
    files.extend(common::pdfs(&meetings));
    assert_eq!(files.len(), 74);
    let mut refused = Vec::new();
    for path in &files {
        match common::parse(path) {
            Ok(record) => {
                assert!(!record.id.is_empty());
                // The record round-trips through JSON (what `parse --json` prints).
                let json = serde_json::to_string(&record).expect("serializes");
                let back: undoc_model::Record = serde_json::from_str(&json).expect("deserializes");
                assert_eq!(back, record);
            }
            Err(e) => refused.push(format!(
                "{}: {e}",
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
            )),
        }
    }
    // Three files are the document system's "does not exist" page, not documents.
    assert_eq!(refused.len(), 3, "{refused:#?}");
    assert!(
        refused.iter().all(|e| e.contains("does not exist")),
        "{refused:#?}"
    );
}

#[test]
fn meeting_records_have_symbol_date_and_title() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    for path in common::pdfs(&meetings) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        // The older layouts too: 1950 is a scan under a noisy text layer, and
        // 1993 prints its symbol as an image (A/48/PV.46 is read from
        // "GENERAL ASSEMBLY", "FORTY-EIGHTH SESSION" and "46th PLENARY MEETING").
        let r = common::parse(&path).expect("parses");
        assert_eq!(r.doc_type, DocType::MeetingRecord, "{name}");
        assert!(
            r.symbols.first().is_some_and(|s| s.contains("/PV.")),
            "{name}: {:?}",
            r.symbols
        );
        assert!(r.date.is_some(), "{name}: no date");
        assert!(
            r.title
                .as_deref()
                .is_some_and(|t| t.to_lowercase().ends_with("meeting")),
            "{name}: {:?}",
            r.title
        );
    }
    let ga_48 = common::parse(&meetings.join("en_ga_48_pv_document_46.pdf")).expect("parses");
    assert_eq!(ga_48.symbols, ["A/48/PV.46"]);
    assert_eq!(ga_48.title.as_deref(), Some("46th plenary meeting"));
    assert_eq!(ga_48.date.as_deref(), Some("1993-11-01"));
    assert_eq!(
        ga_48.bodies,
        [undoc_model::Body {
            organ: "A".into(),
            session: Some(undoc_model::Session::Number(48)),
            year: None
        }]
    );
    let sc_1950 = common::parse(&meetings.join("en_sc_1950_pv_document_492.pdf")).expect("parses");
    assert_eq!(sc_1950.symbols, ["S/PV.492"]);
    assert_eq!(sc_1950.title.as_deref(), Some("492nd meeting"));
    assert_eq!(sc_1950.date.as_deref(), Some("1950-08-29"));
}

#[test]
fn resolutions_and_subsidiary_bodies() {
    let Some(other) = common::corpus("other") else {
        return;
    };
    let r = common::parse(&other.join("S_RES_2770 (2025).en.pdf")).expect("parses");
    assert_eq!(r.symbols, ["S/RES/2770 (2025)"]);
    assert_eq!(r.doc_type, DocType::Resolution);
    assert_eq!(r.date.as_deref(), Some("2025-01-24"));

    let hrc = common::parse(&other.join("A_HRC_59_L.17.en.pdf")).expect("parses");
    assert_eq!(
        hrc.symbols,
        ["A/HRC/59/L.17"],
        "the masthead stored last on page one is found"
    );
    assert_eq!(hrc.bodies[0].organ, "A/HRC");
    assert_eq!(
        hrc.bodies[0].session,
        Some(undoc_model::Session::Number(59))
    );
    assert_eq!(hrc.distribution, Some(undoc_model::Distribution::Limited));
    assert_eq!(hrc.doc_type, DocType::DraftResolution);

    let part = common::parse(&other.join("A_80_15 (Part III).en.pdf")).expect("parses");
    assert_eq!(part.symbols, ["A/80/15 (Part III)"]);

    let prelim = common::parse(&other.join("A_80_116.en.pdf")).expect("parses");
    assert_eq!(prelim.agenda_items.len(), 1);
    let item = &prelim.agenda_items[0];
    assert_eq!(
        (item.number, item.sub.as_deref(), item.preliminary),
        (73, Some("a"), true)
    );
    assert_eq!(
        item.title.as_deref(),
        Some(
            "Promotion and protection of human rights: implementation of human rights instruments"
        )
    );
}
