//! The record's fields on the classes of documents a librarian found wrong
//! (issue 15), each on the real documents that showed the error. The
//! expected values were read off the PDFs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use undoc_model::{DocType, Record, Session};

fn other(name: &str) -> Option<Record> {
    let dir = common::corpus("other")?;
    Some(common::parse(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn letter(name: &str) -> Option<Record> {
    let dir = common::corpus("letters")?;
    Some(common::parse(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn signers(r: &Record) -> Vec<&str> {
    r.signatories.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn only_the_documents_own_signatures_each_once() {
    // The Secretary-General transmitting a letter of the Director-General of the OPCW.
    let Some(s_2025_127) = letter("S_2025_127.en.pdf") else {
        return;
    };
    assert_eq!(signers(&s_2025_127), ["António Guterres"]);
    // A statement signed by seven chairmen, annexed to a Permanent Representative's letter.
    let a_79_729 = letter("A_79_729.en.pdf").expect("corpus");
    assert_eq!(signers(&a_79_729), ["Tofig Musayev"]);
    assert_eq!(
        a_79_729.signatories[0].titles,
        ["Ambassador", "Permanent Representative"]
    );
    // Signed twice by the same Permanent Representative.
    let e_2025_78 = letter("E_2025_78.en.pdf").expect("corpus");
    assert_eq!(signers(&e_2025_78), ["Vassily Nebenzia"]);
    // A note verbale is not signed; the President of Kenya signs its annex.
    let s_2025_402 = letter("S_2025_402.en.pdf").expect("corpus");
    assert_eq!(s_2025_402.doc_type, DocType::NoteVerbale);
    assert!(
        s_2025_402.signatories.is_empty(),
        "{:?}",
        s_2025_402.signatories
    );
    // Three Permanent Representatives sign together; their ministers sign the annex.
    let s_2025_513 = letter("S_2025_513.en.pdf").expect("corpus");
    assert_eq!(
        signers(&s_2025_513),
        [
            "Jay Dharmadhikari",
            "Thomas Peter Zahneisen",
            "James Kariuki"
        ]
    );
}

#[test]
fn drafts_are_draft_resolutions_titled_by_their_own_title() {
    let Some(e_2025_l13) = other("E_2025_L.13.en.pdf") else {
        return;
    };
    assert_eq!(e_2025_l13.doc_type, DocType::DraftResolution);
    assert_eq!(
        e_2025_l13.title.as_deref(),
        Some(
            "Reports submitted to the Economic and Social Council at its 2025 operational activities for development segment"
        )
    );
    let icef = other("E_ICEF_2025_L.8.en.pdf").expect("corpus");
    assert_eq!(icef.doc_type, DocType::DraftResolution);
    assert_eq!(
        icef.title.as_deref(),
        Some("Annual report for 2024 of the Executive Director of UNICEF")
    );
    let l19 = other("E_2025_L.19.en.pdf").expect("corpus");
    assert_eq!(l19.doc_type, DocType::DraftResolution);
    assert_eq!(
        l19.title.as_deref(),
        Some("Appointment of an additional member of the Ad Hoc Advisory Group on Haiti")
    );
    // The sponsors' line, then the draft's title under its open number ("59/…").
    let hrc = other("A_HRC_59_L.17.en.pdf").expect("corpus");
    assert_eq!(hrc.doc_type, DocType::DraftResolution);
    assert_eq!(
        hrc.title.as_deref(),
        Some("Human rights and climate change")
    );
    assert!(
        hrc.paragraphs[0]
            .text
            .starts_with("The Human Rights Council"),
        "the title is not left in the body: {:?}",
        hrc.paragraphs[0]
    );
    // A Security Council draft prints no title of its own.
    let s_2025_259 = other("S_2025_259.en.pdf").expect("corpus");
    assert_eq!(s_2025_259.doc_type, DocType::DraftResolution);
    assert_eq!(
        s_2025_259.title.as_deref(),
        Some("United States of America: draft resolution")
    );
}

#[test]
fn papers_circulars_addenda_and_notes() {
    let Some(wp) = other("TPNW_MSP_2025_WP.4.en.pdf") else {
        return;
    };
    assert_eq!(wp.doc_type, DocType::Other);
    assert_eq!(
        wp.title.as_deref(),
        Some(
            "Review process of the mandate and terms of reference of the Scientific Advisory Group"
        )
    );
    let circular = other("ST_IC_2025_1.en.pdf").expect("corpus");
    assert_eq!(
        circular.title.as_deref(),
        Some("Membership of the Senior Review Group")
    );
    assert_eq!(circular.bodies.len(), 1);
    assert_eq!(circular.bodies[0].organ, "ST");
    for n in 31..=34 {
        let addendum = other(&format!("S_2025_10_Add.{n}.en.pdf")).expect("corpus");
        assert_eq!(
            addendum.title.as_deref(),
            Some(
                "Summary statement by the Secretary-General of matters of which the Security Council is seized and of the stage reached in their consideration"
            ),
            "S/2025/10/Add.{n}"
        );
    }
    // "Note by the Secretariat" transmitting a treaty body's report: a report.
    let a_80_116 = other("A_80_116.en.pdf").expect("corpus");
    assert_eq!(a_80_116.doc_type, DocType::Report);
    // An information note by the Secretariat stays `other`.
    let inf = other("A_AC.121_2025_INF_1.en.pdf").expect("corpus");
    assert_eq!(inf.doc_type, DocType::Other);
}

#[test]
fn a_request_for_inclusion_is_titled_by_its_letter() {
    let Some(a_80_141) = letter("A_80_141.en.pdf") else {
        return;
    };
    assert_eq!(a_80_141.doc_type, DocType::Letter);
    assert_eq!(
        a_80_141.title.as_deref(),
        Some(
            "Letter dated 28 May 2025 from the Permanent Representative of Bhutan to the United Nations addressed to the Secretary-General"
        )
    );
}

#[test]
fn sessions_named_by_year_or_meeting_and_secretariat_series() {
    let Some(gegn) = other("GEGN.2_2025_35.en.pdf") else {
        return;
    };
    // "2025 session" under the Economic and Social Council's name.
    assert_eq!(gegn.bodies.len(), 1);
    assert_eq!(gegn.bodies[0].organ, "GEGN.2");
    assert_eq!(gegn.bodies[0].session, Some(Session::Number(2025)));
    // "Third Meeting of States Parties to the Treaty on the Prohibition of Nuclear Weapons".
    let tpnw = other("TPNW_MSP_2025_WP.4.en.pdf").expect("corpus");
    assert_eq!(tpnw.bodies[0].organ, "TPNW/MSP");
    assert_eq!(tpnw.bodies[0].session, Some(Session::Number(3)));
    assert_eq!(tpnw.date.as_deref(), Some("2025-02-15"));
    assert_eq!(
        tpnw.original_language.as_deref(),
        Some("en"),
        "English only"
    );
    // "2025 United Nations Conference to Support the Implementation of Sustainable Development Goal 14".
    let conference = other("A_CONF.230_2025_1.en.pdf").expect("corpus");
    assert_eq!(conference.bodies[0].session, Some(Session::Number(2025)));
    // The Special Committee's 2025 session prints no session line; its symbol is of 2025.
    let c34 = other("A_AC.121_2025_INF_1.en.pdf").expect("corpus");
    assert_eq!(c34.bodies[0].session, Some(Session::Number(2025)));
    assert_eq!(c34.original_language.as_deref(), Some("en"), "English only");
    // The Joint Inspection Unit's report series is not a body.
    let jiu = other("JIU_REP_2025_2.en.pdf").expect("corpus");
    assert_eq!(jiu.bodies[0].organ, "JIU");
    assert_eq!(jiu.bodies[0].session, None);
    let ngo = other("E_CN.6_2025_NGO_166.en.pdf").expect("corpus");
    assert_eq!(ngo.original_language.as_deref(), Some("en"), "English only");
    assert_eq!(ngo.bodies[0].session, Some(Session::Number(69)));
}

#[test]
fn older_and_translated_mastheads() {
    // 1997: "General Assembly Distr." over "GENERAL", the Rapporteur and the
    // first section heading under the title.
    let Some(a_52_620) = other("A_52_620.en.pdf") else {
        return;
    };
    assert_eq!(
        a_52_620.distribution,
        Some(undoc_model::Distribution::General)
    );
    assert_eq!(
        a_52_620.title.as_deref(),
        Some("Report of the Special Political and Decolonization Committee (Fourth Committee)")
    );
    // 1997: two items' titles in capitals, centred, in one run of lines; the
    // report's title in ordinary case below them.
    let a_52_621 = other("A_52_621.en.pdf").expect("corpus");
    let items: Vec<(u32, Option<&str>)> = a_52_621
        .agenda_items
        .iter()
        .map(|i| (i.number, i.title.as_deref()))
        .collect();
    assert_eq!(
        items,
        [
            (
                91,
                Some(
                    "ACTIVITIES OF FOREIGN ECONOMIC AND OTHER INTERESTS WHICH IMPEDE THE IMPLEMENTATION OF THE DECLARATION ON THE GRANTING OF INDEPENDENCE TO COLONIAL COUNTRIES AND PEOPLES IN TERRITORIES UNDER COLONIAL DOMINATION"
                )
            ),
            (
                18,
                Some(
                    "IMPLEMENTATION OF THE DECLARATION ON THE GRANTING OF INDEPENDENCE TO COLONIAL COUNTRIES AND PEOPLES"
                )
            )
        ]
    );
    assert_eq!(
        a_52_621.title.as_deref(),
        Some("Report of the Special Political and Decolonization Committee (Fourth Committee)")
    );
    assert_eq!(a_52_621.doc_type, DocType::Report);
    // 1994: "Dist." over "GENERAL".
    let td = other("TD_B_CN.4_36.en.pdf").expect("corpus");
    assert_eq!(td.distribution, Some(undoc_model::Distribution::General));
    // A Spanish translation: "Español" over "Original: inglés".
    let es = other("A_78_354.en.pdf").expect("corpus");
    assert_eq!(es.symbols, ["S/2023/664"]);
    assert_eq!(es.language, "es");
    assert_eq!(es.original_language.as_deref(), Some("en"));
    assert!(
        es.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Carta de fecha 12 de septiembre de 2023")),
        "{:?}",
        es.title
    );
    // A Russian translation whose logo leaves "J ," above the title.
    let ru = other("S_2024_216.en.pdf").expect("corpus");
    assert_eq!(ru.symbols, ["S/2024/228"]);
    assert!(
        ru.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Письмо постоянных представителей")),
        "{:?}",
        ru.title
    );
    // "Draft report" / "Rapporteur: Ms. Eliza Grisle (Latvia)".
    let draft_report = other("A_AC.182_2025_L.5.en.pdf").expect("corpus");
    assert_eq!(draft_report.title.as_deref(), Some("Draft report"));
}
