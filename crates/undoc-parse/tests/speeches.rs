//! The speeches of the verbatim records in `../shared/corpus/meetings/`,
//! against a third party's parse of the same PDFs
//! (`parsed-by-un-extractor/`, MIT), which gives a speech count per record
//! but not the speeches themselves. Where the counts differ the table says
//! why; that claim is then checked on the record itself.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use undoc_model::{Record, SpeechKind};

/// Ours and theirs differ here, and why. Every other record must agree.
const DISAGREEMENTS: [(&str, &str); 6] = [
    (
        "A/48/PV.46",
        "the third party counts 28 speeches under the second 'Agenda item 14' heading, we count 29 (it agrees on the five before it); every speaker line is one speech of ours (checked below); its parse names no speakers, so the one it leaves out cannot be named",
    ),
    (
        "A/61/PV.107",
        "the third party counts fewer; every speaker line of the record is one speech of ours (checked below)",
    ),
    (
        "A/64/PV.121",
        "the third party counts fewer: each of the President's many speaker lines is one speech of ours (checked below)",
    ),
    (
        "A/65/PV.71",
        "the third party counts fewer: each of the President's many speaker lines is one speech of ours (checked below)",
    ),
    (
        "A/76/PV.102",
        "the third party counts 3 more than the record's speaker lines; no paragraph that opens like one is left out",
    ),
    (
        "S/PV.3756",
        "the third party counts one fewer; every speaker line is one speech of ours",
    ),
];

/// Paragraphs that open as a speaker's line does: a name or an office and a colon.
fn looks_like_a_speaker_line(text: &str) -> bool {
    let head: String = text.chars().take(160).collect();
    let Some(colon) = head.find(": ") else {
        return false;
    };
    let before = &head[..colon];
    let titled = [
        "The ", "Mr", "Mrs", "Ms", "Miss", "Sir ", "Dame ", "Lord ", "Dr", "Sheikh",
    ]
    .iter()
    .any(|t| before.starts_with(t));
    // The name after the title ("Mr. Briz Gutiérrez") holds no sentence.
    let name = before.split_once(' ').map_or(before, |(_, rest)| rest);
    titled && before.split_whitespace().count() <= 14 && !name.contains(". ")
}

/// Every speech starts a paragraph that opens as a speaker's line, and every
/// such paragraph starts a speech: none left out, none invented.
fn every_speaker_line_is_one_speech(record: &Record) {
    let mut offset = 0;
    let starts: Vec<usize> = record.speeches.iter().map(|s| s.start).collect();
    for paragraph in &record.paragraphs {
        let opens = looks_like_a_speaker_line(&paragraph.text);
        assert_eq!(
            starts.contains(&offset),
            opens,
            "{}: {:?}",
            record.symbols[0],
            &paragraph.text.chars().take(100).collect::<String>()
        );
        offset += paragraph.text.len() + 2;
    }
}

#[test]
fn speech_counts_agree_with_the_third_party_or_say_why_not() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    let mut compared = 0;
    for path in common::pdfs(&meetings) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let number = name.rsplit('_').next().unwrap();
        let theirs: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                meetings.join(format!("parsed-by-un-extractor/document_{number}.json")),
            )
            .unwrap(),
        )
        .unwrap();
        let record = common::parse(&path).unwrap();
        let symbol = record.symbols[0].clone();
        let their_count = theirs["total_speeches"].as_u64().unwrap() as usize;
        if record
            .warnings
            .iter()
            .any(|w| w.contains("scanned meeting record"))
        {
            // The 1950 scan: the third party read 13 speeches from its OCR layer.
            assert!(
                record.speeches.is_empty(),
                "{symbol}: no speeches from a scan"
            );
            continue;
        }
        compared += 1;
        every_speaker_line_is_one_speech(&record);
        match DISAGREEMENTS.iter().find(|(s, _)| *s == symbol) {
            Some((_, why)) => assert_ne!(
                record.speeches.len(),
                their_count,
                "{symbol} now agrees with the third party: drop its row ({why})"
            ),
            None => assert_eq!(record.speeches.len(), their_count, "{symbol}"),
        }
        // The meeting's head is read: its number, and for the modern layouts
        // the president, the time and the place.
        let meeting = record.meeting.as_ref().unwrap();
        assert_eq!(
            meeting.number,
            theirs["meeting_number"].as_u64().map(|n| n as u32),
            "{symbol}"
        );
        // Every paragraph after the first speech is in exactly one speech.
        for pair in record.speeches.windows(2) {
            assert_eq!(
                pair[0].end + 2,
                pair[1].start,
                "{symbol}: speeches tile the body"
            );
        }
    }
    assert_eq!(compared, 9, "the nine records with a text layer");
}

#[test]
fn a_security_council_meeting_with_a_vote_reads_speaker_by_speaker() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    let record = common::parse(&meetings.join("en_sc_2018_pv_document_8422.pdf")).unwrap();
    let meeting = record.meeting.clone().unwrap();
    assert_eq!(meeting.president.as_deref(), Some("Mr. Adom"));
    assert_eq!(meeting.time.as_deref(), Some("15:00"));
    assert_eq!(meeting.place.as_deref(), Some("New York"));
    // Read against the PDF: the President (in French) opens, puts the draft
    // to the vote and announces the result; France, the Netherlands, the
    // United States, Russia, Poland, China and Sweden speak after the vote;
    // the President speaks for Côte d'Ivoire; the Central African Republic closes.
    let read: Vec<(&str, Option<&str>, SpeechKind, Option<&str>)> = record
        .speeches
        .iter()
        .map(|s| {
            (
                s.speaker.as_str(),
                s.state.as_deref(),
                s.kind,
                s.language.as_deref(),
            )
        })
        .collect();
    use SpeechKind::{Procedural, Statement};
    assert_eq!(
        read,
        [
            ("Mr. Adom", None, Procedural, Some("fr")),
            ("Mr. Adom", None, Procedural, Some("fr")),
            ("Mr. Delattre", Some("France"), Statement, Some("fr")),
            ("Mr. Adom", None, Procedural, Some("fr")),
            (
                "Mr. Blok",
                Some("Netherlands (Kingdom of the)"),
                Statement,
                None
            ),
            (
                "Mr. Cohen",
                Some("United States of America"),
                Statement,
                None
            ),
            (
                "Mr. Nebenzia",
                Some("Russian Federation"),
                Statement,
                Some("ru")
            ),
            ("Ms. Wronecka", Some("Poland"), Statement, None),
            ("Mr. Ma Zhaoxu", Some("China"), Statement, Some("zh")),
            ("Mr. Skoog", Some("Sweden"), Statement, None),
            ("Mr. Adom", None, Procedural, Some("fr")),
            (
                "Ms. Kpongo",
                Some("Central African Republic"),
                Statement,
                Some("fr")
            ),
        ]
    );
    // Spans are of the body: the first speech opens with the President's words.
    let body = undoc_model::join_paragraphs(&record.paragraphs);
    let first = &record.speeches[0];
    assert!(
        body[first.start..first.end]
            .starts_with("The President (spoke in French): In accordance with rule 37")
    );
}

#[test]
fn explanations_of_vote_follow_the_presidents_announcement() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    let record = common::parse(&meetings.join("en_ga_64_pv_document_121.pdf")).unwrap();
    // "Before giving the floor to speakers in explanation of position …": the
    // five speakers after it explain their positions.
    let yemen = record
        .speeches
        .iter()
        .find(|s| s.state.as_deref() == Some("Yemen"))
        .unwrap();
    assert_eq!(yemen.kind, SpeechKind::ExplanationOfVote);
}

/// A/48/PV.46 rules off its head ("President: Mr. INSANALLY (Guyana)" over
/// "__________") near the top of the first page; that rule was read as the
/// start of the page's footnotes, so the whole first page (the agenda
/// heading and Mr. Inderfurth's speech) became one footnote, the first
/// speech was lost and the next ones had no agenda item.
#[test]
fn the_first_speech_under_a_ruled_off_head_is_read_in_a_48_pv_46() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    let record = common::parse(&meetings.join("en_ga_48_pv_document_46.pdf")).unwrap();
    let first = &record.speeches[0];
    assert_eq!(first.speaker, "Mr. INDERFURTH");
    assert_eq!(first.state.as_deref(), Some("United States of America"));
    assert!(
        record.speeches.iter().all(|s| s.agenda_item == Some(14)),
        "every speech is under agenda item 14"
    );
    // The correction notice at the foot of the page is the page's foot, not the speech.
    let notice = record
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("This record is subject to correction"))
        .unwrap();
    assert_eq!(notice.kind, undoc_model::ParagraphKind::Footnote);
}
