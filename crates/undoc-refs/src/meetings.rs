//! Statements named by the meeting they were made at: "the statement delivered
//! by the representative of France during the 9973rd meeting of the Security
//! Council" (S/2025/505), "his statement made at the 1773rd meeting of the
//! Security Council" (S/RES/350 (1974)), "the 56th plenary meeting of the
//! General Assembly, held on 15 January 2025" (A/79/757). The meeting's
//! verbatim record is the document named: `S/PV.9973`, `A/79/PV.56`.
//!
//! Only what was said there is a reference: "Adopted at the 462nd meeting"
//! names the meeting a resolution was adopted at, not a document it refers
//! to. A Security Council record is numbered by meeting alone; a General
//! Assembly record also needs its session, which the words after the meeting
//! give ("of its seventy-ninth session", "held on 15 January 2025") or the
//! meeting is left alone.

use crate::resolutions::{Context, Found};
use undoc_model::ReferenceKind;

/// Words of the sentence before the meeting that make it a reference to what
/// was said there (or to the meeting itself: "I have the honour to refer to").
const STATEMENT_WORDS: [&str; 10] = [
    "statement",
    "remark",
    "speech",
    "briefing",
    "said",
    "allegation",
    "claim",
    "comment",
    "intervention",
    "refer",
];

/// How far back the sentence naming the statement is read: letters name the
/// statement, its speaker, the debate and its item before the meeting.
const SENTENCE_BYTES: usize = 400;

/// How the Council is named after the meeting, or before it ("at its 2288th meeting").
const COUNCIL_AFTER: [&str; 2] = [" of the Security Council", " of the Council"];

/// How the Assembly is named after its meeting.
const ASSEMBLY_AFTER: &str = " of the General Assembly";

/// Every statement named by its meeting in `text`, in text order.
pub fn find(text: &str, ctx: &Context) -> Vec<Found> {
    let writer = crate::described::Writer::default();
    crate::worded::scan(text, &[], ctx, &writer).meetings
}

/// At " meeting" (`at`): the statement's meeting it ends, if it is one.
pub(crate) fn at_meeting(text: &str, at: usize, ctx: &Context) -> Option<Found> {
    let bytes = text.as_bytes();
    // "56th plenary meeting": the Assembly's.
    let plenary = text[..at].ends_with(" plenary");
    let ordinal_end = if plenary { at - " plenary".len() } else { at };
    // "9973rd": digits, then an ordinal suffix, right before " meeting".
    let suffix_start = ordinal_end.checked_sub(2)?;
    let suffix = text.get(suffix_start..ordinal_end)?;
    if !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    let digits = bytes[..suffix_start]
        .iter()
        .rev()
        .take(6)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=5).contains(&digits) {
        return None;
    }
    let start = suffix_start - digits;
    if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    let number: u32 = text[start..suffix_start].parse().ok()?;
    let mut end = at + " meeting".len();
    if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None; // "meetings"
    }
    // A statement's meeting: the sentence before says so.
    let from = text.floor_char_boundary(start.saturating_sub(SENTENCE_BYTES));
    let before = &text[from..start];
    let sentence = before.rsplit(". ").next().unwrap_or(before);
    let lower = sentence.to_ascii_lowercase();
    if !STATEMENT_WORDS.iter().any(|w| lower.contains(w)) || lower.contains("adopted") {
        return None;
    }
    let after = text.get(end..text.len().min(end + 40)).unwrap_or_default();
    let named_council = COUNCIL_AFTER.iter().find(|c| after.starts_with(**c));
    let named_assembly = after.starts_with(ASSEMBLY_AFTER);
    let symbol = if let Some(council) = named_council {
        end += council.len();
        format!("S/PV.{number}")
    } else if named_assembly || (plenary && ctx.own_organs.iter().any(|o| o == "A")) {
        if named_assembly {
            end += ASSEMBLY_AFTER.len();
        }
        format!("A/{}/PV.{number}", assembly_session(text, end)?)
    } else if ctx.own_organs.iter().any(|o| o == "S") && !plenary {
        format!("S/PV.{number}")
    } else {
        return None;
    };
    Some(Found {
        start,
        end,
        symbol,
        kind: ReferenceKind::MeetingRecord,
    })
}

/// The Assembly session of a meeting, from the words after it: "of its
/// seventy-ninth session", "of the seventy-ninth session", or the day it was
/// held ("held on 15 January 2025": a regular session opens in September).
fn assembly_session(text: &str, end: usize) -> Option<u32> {
    let after = text.get(end..text.len().min(end + 80))?;
    let after = after.get(..after.find(". ").unwrap_or(after.len()))?;
    let lower = after.to_ascii_lowercase();
    if let Some(at) = lower.find(" session") {
        let word = lower[..at].rsplit(' ').next().unwrap_or_default();
        if let Some(n) = undoc_lang::get("en").and_then(|english| (english.ordinal)(word)) {
            return Some(n);
        }
    }
    let on = after.find(" on ")? + " on ".len();
    let (date, _) = crate::described::read_date(after, on)?;
    let year: u32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let opened = if month >= 9 {
        year
    } else {
        year.checked_sub(1)?
    };
    opened.checked_sub(1945).filter(|&n| n > 0)
}

/// The State whose statement a meeting reference (starting at `start`)
/// names: the one whose representative (or delegation) made it ("the
/// statement delivered by the representative of France during the 9973rd
/// meeting" → France; "allegations made by the representative of the United
/// States, echoed by the representatives of France and Ukraine" → the United
/// States), else the last State between the statement's word and the meeting;
/// none for "his statement" or "the Greek Cypriot representative's", which
/// name no State.
pub(crate) fn speaker_state(text: &str, start: usize) -> Option<&'static str> {
    let from = text.floor_char_boundary(start.saturating_sub(SENTENCE_BYTES));
    let before = text.get(from..start)?;
    let sentence_at = before.rfind(". ").map_or(0, |i| i + 2);
    let sentence = &before[sentence_at..];
    let lower = sentence.to_ascii_lowercase();
    let first_word_end = STATEMENT_WORDS
        .iter()
        .filter_map(|w| lower.find(w).map(|i| i + w.len()))
        .min()?;
    let said = &sentence[first_word_end..];
    let said_lower = &lower[first_word_end..];
    let speaker = [
        "representative of ",
        "representatives of ",
        "delegation of ",
    ]
    .iter()
    .filter_map(|w| said_lower.find(w).map(|i| i + w.len()))
    .min()
    .and_then(|at| {
        undoc_states::mentions(&said[at..])
            .first()
            .filter(|m| m.start <= "the ".len())
            .map(|m| m.state)
    });
    // No representative named: a State after the last statement word.
    let last_word_end = STATEMENT_WORDS
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| i + w.len()))
        .max()?;
    speaker.or_else(|| {
        undoc_states::mentions(&sentence[last_word_end..])
            .last()
            .map(|m| m.state)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str, organs: &[&str]) -> Vec<String> {
        let ctx = Context {
            own_organs: organs.iter().map(|o| (*o).to_owned()).collect(),
        };
        find(text, &ctx).into_iter().map(|f| f.symbol).collect()
    }

    /// Guards S/2025/505, which answers a statement made at a Council meeting.
    #[test]
    fn a_statement_at_a_council_meeting_names_its_record() {
        let text = "I am writing in reference to the statement delivered by the representative of France during the 9973rd meeting of the Security Council, held on 6 August 2025.";
        assert_eq!(symbols(text, &[]), ["S/PV.9973"]);
        let found = find(text, &Context::default());
        assert_eq!(
            &text[found[0].start..found[0].end],
            "9973rd meeting of the Security Council"
        );
    }

    /// S/2025/505 answers France's statement, which is one speech of S/PV.9973.
    #[test]
    fn the_statement_names_the_state_that_made_it() {
        let text = "I am writing in reference to the statement delivered by the representative of France during the 9973rd meeting of the Security Council, held on 6 August 2025.";
        let found = find(text, &Context::default());
        assert_eq!(speaker_state(text, found[0].start), Some("France"));
        let text = "Taking note of the Secretary-General's statement made at the 1788th meeting,";
        let found = find(
            text,
            &Context {
                own_organs: vec!["S".into()],
            },
        );
        assert_eq!(speaker_state(text, found[0].start), None);
        // A State named before the statement is not its speaker.
        let text =
            "Armenia rejects the statement made at the 9974th meeting of the Security Council.";
        let found = find(text, &Context::default());
        assert_eq!(speaker_state(text, found[0].start), None);
    }

    /// S/2025/502 rejects "allegations made by the representative of the
    /// United States, echoed by the representatives of France and Ukraine,
    /// … during the Security Council's 9970th meeting": no "statement" word,
    /// and the last State before the meeting is the Russian Federation.
    #[test]
    fn allegations_at_a_council_meeting_are_the_representatives_in_s_2025_502() {
        let text = "I am writing to categorically reject the baseless, politically motivated allegations made by the representative of the United States, echoed by the representatives of France and Ukraine, regarding Iran's alleged military support to the Russian Federation in the context of the conflict in Ukraine during the Security Council's 9970th meeting, on 31 July 2025, in connection with the item entitled \"Threats to international peace and security\".";
        let found = find(
            text,
            &Context {
                own_organs: vec!["S".into()],
            },
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].symbol, "S/PV.9970");
        assert_eq!(
            speaker_state(text, found[0].start),
            Some("United States of America")
        );
    }

    /// S/2025/524 names two meetings in brackets after the debates: the
    /// allegations of the 9977th, the briefing of the 9978th, each by the
    /// representative of the United States.
    #[test]
    fn meetings_in_brackets_after_the_debate_in_s_2025_524() {
        let text = "I am writing to categorically reject and unequivocally condemn the unfounded and politically motivated allegations made against the Islamic Republic of Iran by the representatives of the United States and the Israeli regime during the Security Council's open debate on maritime security, held on 11 August 2025 in connection with the item entitled \"Maintenance of international peace and security\" (9977th meeting). Similarly, the allegation made by the representative of the United States during the Council's briefing in connection with the item entitled \"The situation in the Middle East\" on 12 August 2025 (9978th meeting), claiming that Iran has transferred weapons to Yemen, is entirely unfounded.";
        let found = find(
            text,
            &Context {
                own_organs: vec!["S".into()],
            },
        );
        let symbols: Vec<&str> = found.iter().map(|f| f.symbol.as_str()).collect();
        assert_eq!(symbols, ["S/PV.9977", "S/PV.9978"]);
        for f in &found {
            assert_eq!(
                speaker_state(text, f.start),
                Some("United States of America"),
                "{}",
                f.symbol
            );
        }
    }

    /// A/79/757 refers to "the 56th plenary meeting of the General Assembly,
    /// held on 15 January 2025": the seventy-ninth session's record A/79/PV.56.
    #[test]
    fn an_assembly_meeting_takes_its_session_from_its_day_in_a_79_757() {
        let text = "I have the honour to refer to the 56th plenary meeting of the General Assembly, held on 15 January 2025, specifically agenda item 65 (a).";
        let found = find(text, &Context::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].symbol, "A/79/PV.56");
        assert_eq!(
            &text[found[0].start..found[0].end],
            "56th plenary meeting of the General Assembly"
        );
        // A session named outright; a September meeting opens the next session.
        assert_eq!(
            symbols(
                "the statement made by the representative of Armenia at the 29th plenary meeting of the seventy-ninth session",
                &["A"]
            ),
            ["A/79/PV.29"]
        );
        assert_eq!(
            symbols(
                "the statement made at the 3rd plenary meeting of the General Assembly, held on 24 September 2024",
                &[]
            ),
            ["A/79/PV.3"]
        );
        // Without a session or a day, the Assembly's record cannot be named.
        assert!(
            symbols(
                "the statement made at the 29th plenary meeting of the General Assembly.",
                &[]
            )
            .is_empty()
        );
        // Nor a plenary meeting in a Council document, which is not the Council's.
        assert!(
            symbols(
                "the statement made at the 29th plenary meeting, held on 15 January 2025",
                &["S"]
            )
            .is_empty()
        );
    }

    /// S/2025/411 reports the Council's own meeting, held in private: no statement.
    #[test]
    fn a_meeting_reported_is_not_a_reference_in_s_2025_411() {
        let text = "9. At its 9877th meeting, held in private on Wednesday, 12 March 2025, the Security Council considered the item entitled \"Non-proliferation\".";
        assert!(symbols(text, &["S"]).is_empty());
    }

    #[test]
    fn an_adopting_meeting_is_not_a_reference() {
        assert!(symbols("Adopted at the 462nd meeting by 9 votes to none.", &["S"]).is_empty());
        assert!(
            symbols(
                "the meetings held at its 2280th through 2288th meetings",
                &["S"]
            )
            .is_empty()
        );
    }

    #[test]
    fn the_councils_own_documents_name_its_meetings_without_saying_so() {
        let text = "Taking note of the Secretary-General's statement made at the 1788th meeting,";
        assert_eq!(symbols(text, &["S"]), ["S/PV.1788"]);
        assert!(symbols(text, &["A"]).is_empty());
    }
}
