//! Statements named by the meeting they were made at: "the statement delivered
//! by the representative of France during the 9973rd meeting of the Security
//! Council" (S/2025/505), "his statement made at the 1773rd meeting of the
//! Security Council" (S/RES/350 (1974)). The meeting's verbatim record is the
//! document named: `S/PV.9973`.
//!
//! Only a statement is a reference here: "Adopted at the 462nd meeting" names
//! the meeting a resolution was adopted at, not a document it refers to. Only
//! the Security Council's meetings: their records are numbered by meeting alone
//! (a General Assembly record also needs its session).

use crate::resolutions::{Context, Found};
use undoc_model::ReferenceKind;

/// Words of the sentence before the meeting that make it a statement's.
const STATEMENT_WORDS: [&str; 5] = ["statement", "remarks", "speech", "briefing", "said"];

/// How the Council is named after the meeting, or before it ("at its 2288th meeting").
const COUNCIL_AFTER: [&str; 2] = [" of the Security Council", " of the Council"];

/// Every statement named by its Security Council meeting in `text`, in text order.
pub fn find(text: &str, ctx: &Context) -> Vec<Found> {
    let writer = crate::described::Writer::default();
    crate::worded::scan(text, &[], ctx, &writer).meetings
}

/// At " meeting" (`at`): the statement's meeting it ends, if it is one.
pub(crate) fn at_meeting(text: &str, at: usize, ctx: &Context) -> Option<Found> {
    let bytes = text.as_bytes();
    // "9973rd": digits, then an ordinal suffix, right before " meeting".
    let suffix_start = at.checked_sub(2)?;
    let suffix = text.get(suffix_start..at)?;
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
    let after = text.get(end..text.len().min(end + 40)).unwrap_or_default();
    let named_council = COUNCIL_AFTER.iter().find(|c| after.starts_with(**c));
    if let Some(council) = named_council {
        end += council.len();
    }
    let own_council = ctx.own_organs.iter().any(|o| o == "S");
    if named_council.is_none() && !own_council {
        return None;
    }
    // A statement's meeting: the sentence before says so.
    let from = text.floor_char_boundary(start.saturating_sub(200));
    let before = &text[from..start];
    let sentence = before.rsplit(". ").next().unwrap_or(before);
    let lower = sentence.to_ascii_lowercase();
    if !STATEMENT_WORDS.iter().any(|w| lower.contains(w)) || lower.contains("adopted") {
        return None;
    }
    Some(Found {
        start,
        end,
        symbol: format!("S/PV.{number}"),
        kind: ReferenceKind::MeetingRecord,
    })
}

/// The State whose statement a meeting reference (starting at `start`)
/// names: the last State between the statement's word and the meeting
/// ("the statement delivered by the representative of France during the
/// 9973rd meeting" → France); none for "his statement" or "the Greek
/// Cypriot representative's", which name no State.
pub(crate) fn speaker_state(text: &str, start: usize) -> Option<&'static str> {
    let from = text.floor_char_boundary(start.saturating_sub(200));
    let before = text.get(from..start)?;
    let sentence_at = before.rfind(". ").map_or(0, |i| i + 2);
    let sentence = &before[sentence_at..];
    let lower = sentence.to_ascii_lowercase();
    let word_end = STATEMENT_WORDS
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| i + w.len()))
        .max()?;
    undoc_states::mentions(&sentence[word_end..])
        .last()
        .map(|m| m.state)
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
