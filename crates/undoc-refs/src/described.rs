//! Letters and notes named by date and sender instead of symbol: "the letter
//! dated 11 April 2025 from the Permanent Representative of the Russian
//! Federation to the United Nations", "my letter of 30 January 2025", "the
//! note verbale dated 27 May 2025 from the Permanent Mission of Libya".
//!
//! Anchored on the nouns (one pass for them and for meetings, `worded`),
//! read back to the determiner and forward over the date, the sender and
//! the addressee. Where a symbol follows in the same sentence, the symbol is
//! the reference and nothing is added here.

use undoc_model::{DescribedReference, Reference, Relation};

/// What a described reference's noun can be, longest first, with its kind.
const NOUNS: [(&str, &str); 8] = [
    ("notes verbales", "note_verbale"),
    ("note verbale", "note_verbale"),
    ("identical letters", "letter"),
    ("communications", "communication"),
    ("communication", "communication"),
    ("letters", "letter"),
    ("letter", "letter"),
    ("note", "note_verbale"),
];

/// The words before the noun that make it a reference to one letter.
const DETERMINERS: [&str; 4] = ["the ", "my ", "our ", "your "];

/// How far after the date the sender and addressee are read.
const TAIL_WINDOW: usize = 240;

/// What the writer of the text is, for "my letter" and for not naming itself.
#[derive(Debug, Clone, Default)]
pub struct Writer<'a> {
    pub state: Option<&'a str>,
    /// The date of the letter the text is (its own annexes name it).
    pub letter_date: Option<&'a str>,
}

/// The described references of `text`, in text order, leaving out the
/// text's own letter; those a written symbol in `symbol_refs` names carry
/// its symbols.
pub fn scan(text: &str, symbol_refs: &[Reference], writer: &Writer<'_>) -> Vec<DescribedReference> {
    crate::worded::scan(text, symbol_refs, &crate::Context::default(), writer).described
}

/// At a noun found by the worded pass ("letter", "verbale", "communication"
/// at `noun`): the described reference it begins, if the noun is followed by
/// " dated " or " of " and a date.
pub(crate) fn at_noun(
    text: &str,
    noun: usize,
    noun_len: usize,
    symbol_refs: &[Reference],
    writer: &Writer<'_>,
) -> Option<DescribedReference> {
    let bytes = text.as_bytes();
    let mut at = noun + noun_len;
    if bytes.get(at) == Some(&b's') {
        at += 1;
    }
    let rest = text.get(at..)?;
    if !rest.starts_with(" dated ") && !rest.starts_with(" of ") {
        return None;
    }
    at_anchor(text, at, symbol_refs, writer)
}

fn at_anchor(
    text: &str,
    at: usize,
    symbol_refs: &[Reference],
    writer: &Writer<'_>,
) -> Option<DescribedReference> {
    let before = &text[text.floor_char_boundary(at.saturating_sub(40))..at];
    let (noun, kind) = NOUNS
        .iter()
        .find(|(noun, _)| ends_with_word(before, noun))
        .copied()?;
    let head = &before[..before.len() - noun.len()];
    let determiner = DETERMINERS.iter().find(|d| ends_with_word_ci(head, d))?;
    let start = at - noun.len() - determiner.len();
    let own = matches!(*determiner, "my " | "our ");
    // The date: "dated 11 April 2025" or "of 30 January 2025".
    let after_anchor = at
        + if text[at..].starts_with(" dated ") {
            7
        } else {
            4
        };
    let (date, mut end) = read_date(text, after_anchor)?;
    let sentence_end = sentence_end(text, end);
    // A written symbol in the same sentence is the reference ("… dated 22 April
    // 2021 (A/75/861-S/2021/392)"): the description is kept as what names it,
    // the evidence by which a letter that lost its symbol is identified.
    let named = symbol_refs
        .iter()
        .find(|r| r.start >= end && r.start < sentence_end)
        .map(|r| r.symbols.clone())
        .unwrap_or_default();
    let tail_end = text.floor_char_boundary(sentence_end.min(end + TAIL_WINDOW));
    let tail = &text[end..tail_end];
    let mut sender = None;
    let mut addressee = None;
    if let Some(rest) = tail.strip_prefix(" from ") {
        let phrase = cut_at(rest, &[" addressed to "]);
        let phrase = phrase.trim_end();
        if !phrase.is_empty() {
            sender = Some(phrase.trim_start_matches("the ").to_owned());
            end += " from ".len() + phrase.len();
        }
    }
    if let Some(rest) = text[end..tail_end]
        .trim_start_matches(',')
        .strip_prefix(" addressed to ")
    {
        let phrase = cut_at(rest, &[" and I ", " I "]);
        let phrase = phrase.trim_end().trim_end_matches('.');
        if !phrase.is_empty() {
            addressee = Some(phrase.trim_start_matches("the ").to_owned());
        }
    }
    let sender_state = if own {
        writer.state.map(str::to_owned)
    } else {
        sender.as_deref().and_then(state_of_sender)
    };
    // The text's own letter, named in its annexes' headings ("Annex to the letter dated …").
    if writer.letter_date == Some(date.as_str()) && sender_state.as_deref() == writer.state {
        return None;
    }
    // The noun is the thing answered ("… to my letter of …"): the sentence is read through it.
    let evidence = crate::relation::occasion_of_writing(text, at);
    let relation = if evidence.is_some() {
        Relation::RepliesTo
    } else {
        Relation::Cites
    };
    Some(DescribedReference {
        symbols: named,
        kind: kind.to_owned(),
        text: text[start..end].to_owned(),
        date,
        sender,
        sender_state,
        addressee,
        own,
        relation,
        evidence,
        start,
        end,
    })
}

/// Offices that speak for a State ("the Permanent Representative of Chile",
/// "the Minister for Foreign Affairs of Iraq", "the President of Colombia").
const STATE_OFFICES: [&str; 10] = [
    "Representative",
    "Mission",
    "Observer",
    "Chargé",
    "Charge",
    "Minister",
    "Government",
    "President of",
    "Ambassador",
    "Head of State",
];

/// Offices of the United Nations and its bodies: a State in their title
/// ("the Chair of the Central African Republic configuration", "the
/// Commissioner-General of … Palestine Refugees") is not who writes.
const UN_OFFICES: [&str; 9] = [
    "Secretary-General",
    "Under-Secretary",
    "Chair",
    "Commissioner",
    "High Commissioner",
    "Director",
    "Coordinator",
    "Special",
    "President of the Security Council",
];

/// The State a sender speaks for, where the sender is a State's office.
fn state_of_sender(sender: &str) -> Option<String> {
    let sender = sender.trim_start_matches("the ");
    if UN_OFFICES.iter().any(|o| sender.starts_with(o))
        || !STATE_OFFICES.iter().any(|o| sender.contains(o))
    {
        return None;
    }
    undoc_states::first(sender).map(str::to_owned)
}

/// `s` ends with `word`, standing as a word (a space or the start before it).
fn ends_with_word(s: &str, word: &str) -> bool {
    s.ends_with(word)
        && s[..s.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_with_word_ci(s: &str, word: &str) -> bool {
    s.len() >= word.len()
        && s.is_char_boundary(s.len() - word.len())
        && s[s.len() - word.len()..].eq_ignore_ascii_case(word)
        && s[..s.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// "11 April 2025" at `at`: the ISO date and the byte after it.
pub(crate) fn read_date(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at..)?;
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let day: u8 = rest[..day_len].parse().ok()?;
    let rest = rest[day_len..].strip_prefix(' ')?;
    let (month, name) = undoc_model::MONTHS
        .iter()
        .enumerate()
        .find(|(_, m)| rest.starts_with(**m))?;
    let rest = rest[name.len()..].strip_prefix(' ')?;
    let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if year_len != 4 {
        return None;
    }
    let year: i16 = rest[..4].parse().ok()?;
    let date = jiff::civil::Date::new(year, i8::try_from(month + 1).ok()?, i8::try_from(day).ok()?)
        .ok()?;
    let end = at + day_len + 1 + name.len() + 1 + 4;
    Some((date.to_string(), end))
}

/// The end of the sentence (or paragraph) that runs through `at`.
fn sentence_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let limit = bytes.len().min(at + 600);
    let mut i = at;
    while i < limit {
        match bytes[i] {
            b'.' if bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\n')
                && !crate::relation::abbreviation_before(&text[..i]) =>
            {
                return i;
            }
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => return i,
            _ => i += 1,
        }
    }
    limit
}

/// Where a sender's or an addressee's words end ("… of Libya, concerning …").
const PHRASE_ENDS: [&str; 8] = [
    ",",
    "(",
    ";",
    " concerning ",
    " regarding ",
    " on ",
    " in which ",
    " which ",
];

/// `s` up to the first of [`PHRASE_ENDS`] or of `stops`.
fn cut_at<'a>(s: &'a str, stops: &[&str]) -> &'a str {
    let end = PHRASE_ENDS
        .iter()
        .chain(stops)
        .filter_map(|stop| s.find(stop))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described(text: &str, writer: &Writer<'_>) -> Vec<DescribedReference> {
        let refs = crate::scan(text, &crate::Context::default(), Some("en"));
        scan(text, &refs, writer)
    }

    /// Guards A/79/904 (Republic of Moldova), which answers a letter it names by date and sender only.
    #[test]
    fn a_letter_named_by_date_and_sender() {
        let text = "I have the honour to address you in connection with the letter dated 11 April 2025 from the Permanent Representative of the Russian Federation to the United Nations concerning the case of Evghenia Guțul, and I would like to convey the following.";
        let found = described(text, &Writer::default());
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.date, "2025-04-11");
        assert_eq!(d.sender_state.as_deref(), Some("Russian Federation"));
        assert_eq!(d.relation, Relation::RepliesTo);
        assert_eq!(d.evidence.as_deref(), Some("in connection with"));
        assert_eq!(&text[d.start..d.end], d.text);
        assert!(
            d.text
                .starts_with("the letter dated 11 April 2025 from the Permanent Representative")
        );
    }

    /// Guards S/2025/102 (Democratic Republic of the Congo): "my letter of 30 January 2025".
    #[test]
    fn my_letter_is_the_writers_own() {
        let text = "Further to my letter of 30 January 2025, concerning the invasion of the Congolese Provinces of North and South Kivu, I wish to inform you of the following.";
        let writer = Writer {
            state: Some("Democratic Republic of the Congo"),
            letter_date: Some("2025-02-20"),
        };
        let found = described(text, &writer);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].own);
        assert_eq!(
            found[0].sender_state.as_deref(),
            Some("Democratic Republic of the Congo")
        );
        assert_eq!(found[0].relation, Relation::RepliesTo);
    }

    #[test]
    fn a_symbol_in_the_sentence_names_the_letter_described() {
        let text = "I have the honour to write to you in connection with the letter dated 22 April 2021 from the Permanent Representative of Armenia to the United Nations (A/75/861-S/2021/392).";
        let found = described(text, &Writer::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].symbols, ["A/75/861", "S/2021/392"]);
        assert_eq!(found[0].sender_state.as_deref(), Some("Armenia"));
    }

    #[test]
    fn the_texts_own_letter_in_an_annex_heading_is_not_a_reference() {
        let text = "Annex to the letter dated 9 April 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General";
        let writer = Writer {
            state: Some("Azerbaijan"),
            letter_date: Some("2025-04-09"),
        };
        assert!(described(text, &writer).is_empty());
    }

    /// Guards the letters of Ukraine's Chargé d'affaires (A/79/771 and others):
    /// "a.i." ends no sentence, and the State is the Mission's.
    #[test]
    fn a_charge_d_affaires_speaks_for_the_mission_s_state() {
        let text = "I have the honour to refer to the letter dated 4 February 2025 from the Chargé d’affaires a.i. of the Permanent Mission of Ukraine to the United Nations addressed to the Secretary-General.";
        let found = described(text, &Writer::default());
        assert_eq!(
            found[0].sender_state.as_deref(),
            Some("Ukraine"),
            "{found:?}"
        );
    }

    /// UN offices name States in their titles without writing for them
    /// (S/2025/407, A/RES/ES-10/22).
    #[test]
    fn a_un_office_speaks_for_no_state() {
        for text in [
            "Recalling the letter dated 23 June 2025 from the Chair of the Central African Republic configuration of the Peacebuilding Commission.",
            "Noting the letter dated 7 December 2023 from the Commissioner-General of the United Nations Relief and Works Agency for Palestine Refugees in the Near East.",
        ] {
            let found = described(text, &Writer::default());
            assert_eq!(found[0].sender_state, None, "{found:?}");
        }
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(
            described(
                "the letter dated 31 February 2025 from Chile",
                &Writer::default()
            )
            .is_empty()
        );
    }
}
