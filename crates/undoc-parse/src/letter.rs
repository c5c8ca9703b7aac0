/*!
Correspondence: what the title of a letter or note verbale says (its date,
sender, the State it speaks for, its addressees), who signed it, and the
closing request to circulate it as a document of which organs, under which
agenda items.
*/

use std::sync::LazyLock;

use regex::Regex;
use undoc_model::{Circulation, DocType, Letter, Paragraph, ParagraphKind, Signatory};

use crate::body::Block;
use crate::lines::re;
use crate::masthead::item_numbers;
use crate::vocab;

static LETTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<kind>(?i:(?:Identical |Joint )?letters?|(?:Identical )?notes? verbales?))\s+dated\s+(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\s+(?P<y>\d{4})(?:\s+and\s+\d{1,2}\s+[A-Za-z]+\s+\d{4})?\s+from\s+(?P<sender>.+?)\s+addressed\s+to\s+(?P<to>.+?)\s*$",
    )
});

/// The document type a title announces.
pub fn doc_type_of_title(title: &str) -> Option<DocType> {
    if let Some(kind) = crate::lang6::doc_type_of_title(title) {
        return Some(kind);
    }
    let lower = title.to_lowercase();
    Some(if lower.starts_with("identical letters") {
        DocType::IdenticalLetters
    } else if lower.starts_with("identical notes verbales")
        || lower.starts_with("note verbale")
        || lower.starts_with("notes verbales")
    {
        DocType::NoteVerbale
    } else if lower.starts_with("letter") || lower.starts_with("joint letter") {
        DocType::Letter
    } else if lower.starts_with("resolution ") {
        DocType::Resolution
    } else if lower.starts_with("draft resolution")
        || lower.ends_with(": draft resolution")
        || lower.ends_with(": revised draft resolution")
    {
        DocType::DraftResolution
    } else if lower.starts_with("draft decision")
        || lower.ends_with(": draft decision")
        || lower.ends_with(": revised draft decision")
    {
        // The spec's one type for drafts: a draft decision is not a decision.
        DocType::DraftResolution
    } else if lower.starts_with("decision ") {
        DocType::Decision
    } else if lower.starts_with("report") {
        DocType::Report
    } else if lower.starts_with("provisional agenda")
        || lower.starts_with("annotated provisional agenda")
        || lower == "agenda"
    {
        DocType::Agenda
    } else if lower.contains("plenary meeting")
        || lower.ends_with(" meeting") && lower.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        DocType::MeetingRecord
    } else {
        return None;
    })
}

/// Offices of the United Nations itself: a letter from one speaks for no State,
/// even when its title names a country ("Chair of the Committee … concerning Libya").
const UN_OFFICES: [&str; 16] = [
    "Secretary-General",
    "Deputy Secretary-General",
    "President of the",
    "Vice-President of the",
    "Chair",
    "Co-Chair",
    "Acting Chair",
    "Coordinator",
    "High Commissioner",
    "Special Representative",
    "Special Envoy",
    "Under-Secretary-General",
    "Assistant Secretary-General",
    "Executive Director",
    "Director-General",
    "Administrator",
];

/// The letter fields from a title such as "Letter dated 7 May 2021 from the
/// Permanent Representative of Azerbaijan to the United Nations addressed to
/// the Secretary-General".
pub fn letter_from_title(title: &str) -> Option<Letter> {
    let caps = LETTER_TITLE.captures(title)?;
    let date = vocab::date_dmy(&caps["d"], &caps["m"], &caps["y"]);
    let sender = strip_the(&caps["sender"]).to_owned();
    let speaks_for_un = UN_OFFICES.iter().any(|office| sender.starts_with(office));
    let sender_state = if speaks_for_un {
        None
    } else {
        undoc_states::first(&sender).map(str::to_owned)
    };
    Some(Letter {
        date,
        sender: Some(sender),
        sender_state,
        addressees: addressees(&caps["to"]),
    })
}

fn strip_the(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
}

/// "the Secretary-General, the President of the General Assembly and the
/// President of the Security Council" → three addressees.
fn addressees(list: &str) -> Vec<String> {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| re(r",\s*(?:and\s+)?(?:the\s+)|\s+and\s+the\s+|,\s+and\s+"));
    SPLIT
        .split(list.trim().trim_end_matches('.'))
        .map(|a| strip_the(a).to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// Signatories of the signature blocks, in order; side-by-side signatures
/// (columns) are read column by column.
///
/// Only the document's own: the signature blocks before its first annex. A
/// covering letter transmitting a statement or another official's letter
/// (S/2025/127: the Secretary-General passing on the Director-General of the
/// OPCW) is signed by its writer alone, and a name signed twice (E/2025/78,
/// a Permanent Representative signing the letter and its enclosed note) is
/// one signatory.
pub fn signatories(blocks: &[Block<'_>]) -> Vec<Signatory> {
    let mut out: Vec<Signatory> = Vec::new();
    let own = blocks
        .iter()
        .take_while(|b| b.kind != ParagraphKind::Annex)
        .filter(|b| b.kind == ParagraphKind::Signature);
    for block in own {
        let Some(first) = block.lines.first() else {
            continue;
        };
        let columns: Vec<&str> = first.cells();
        let mut group: Vec<Signatory> = columns
            .iter()
            .filter_map(|cell| {
                let name = cell
                    .trim_start_matches("(Signed)")
                    .trim_start_matches("( Signed )")
                    .trim();
                let name = name.strip_prefix("(Signed)").unwrap_or(name).trim();
                (!name.is_empty()).then(|| Signatory {
                    name: name.to_owned(),
                    titles: Vec::new(),
                })
            })
            .collect();
        if group.is_empty() {
            continue;
        }
        let width = group.len();
        for line in &block.lines[1..] {
            let cells: Vec<&str> = if width > 1 && line.cells().len() == width {
                line.cells()
            } else {
                vec![line.text.as_str()]
            };
            for (col, cell) in cells.into_iter().enumerate() {
                let Some(signatory) = group.get_mut(col) else {
                    continue;
                };
                // A title wrapped onto a second line ("Permanent Representative of X" / "to the United Nations").
                match signatory.titles.last_mut() {
                    Some(last)
                        if cell.starts_with(|c: char| c.is_lowercase()) || ends_open(last) =>
                    {
                        *last = crate::text::join_lines([last.as_str(), cell]);
                    }
                    _ => signatory.titles.push(cell.to_owned()),
                }
            }
        }
        for signatory in group {
            match out.iter_mut().find(|s| s.name == signatory.name) {
                Some(known) => {
                    for title in signatory.titles {
                        if !known.titles.contains(&title) {
                            known.titles.push(title);
                        }
                    }
                }
                None => out.push(signatory),
            }
        }
    }
    out
}

/// A line that cannot end a title: it stops on a comma or a word that needs
/// more ("… in the absence of a Chair of the" / "Security Council Committee …").
fn ends_open(line: &str) -> bool {
    const CARRY_ON: [&str; 10] = [
        "of", "and", "the", "for", "in", "on", "to", "with", "a", "an",
    ];
    let last_word = line.rsplit(' ').next().unwrap_or_default();
    line.ends_with([',', '-']) || CARRY_ON.contains(&last_word)
}

static CIRCULATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:circulated?|circulating|distributed?|distributing|issued?|published?)\b[^.]{0,240}?\bas\s+(?:an?\s+)?(?:official\s+)?documents?\s+of\b",
    )
});
static AGENDA_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:agenda\s+)?items?\s+(\d{1,3}(?:\s*\([a-z]{1,4}\))?(?:\s*(?:,|and|,\s*and)\s*(?:\d{1,3})?(?:\s*\([a-z]{1,4}\))?)*)",
    )
});

/// The closing request to circulate the document, if it makes one. The last
/// such request before the first annex wins (annexed letters carry their own).
pub fn circulation(paragraphs: &[Paragraph], own_organs: &[&str]) -> Option<Circulation> {
    let first_annex = paragraphs
        .iter()
        .position(|p| p.kind == ParagraphKind::Annex)
        .unwrap_or(paragraphs.len());
    let find = |range: &[Paragraph]| {
        range
            .iter()
            .rev()
            .filter(|p| p.kind != ParagraphKind::Footnote)
            .find_map(|p| {
                let m = CIRCULATE.find(&p.text)?;
                let rest = &p.text[m.start()..];
                // The request runs to the end of its sentence.
                let end = sentence_end(rest);
                Some(request(&rest[..end], own_organs))
            })
    };
    find(&paragraphs[..first_annex]).or_else(|| find(paragraphs))
}

fn sentence_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            // "No." and "para." do not end sentences in these requests; item numbers don't carry dots.
            return i;
        }
    }
    s.len()
}

fn request(sentence: &str, own_organs: &[&str]) -> Circulation {
    let mut organs: Vec<String> = vocab::organs_in_text(sentence)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if organs.is_empty() {
        // "issued as a document of the Council": the council the document is itself issued for.
        let named = |word: &str, candidates: &[&str]| {
            if !sentence.contains(word) {
                return None;
            }
            candidates
                .iter()
                .find(|c| own_organs.contains(c))
                .map(|c| (*c).to_owned())
        };
        organs.extend(named("Council", &["S", "E", "A/HRC"]));
        organs.extend(named("Assembly", &["A"]));
    }
    let mut agenda_items: Vec<u32> = Vec::new();
    for caps in AGENDA_IN_TEXT.captures_iter(sentence) {
        for (n, _) in item_numbers(caps.get(1).map_or("", |m| m.as_str())) {
            if !agenda_items.contains(&n) {
                agenda_items.push(n);
            }
        }
    }
    Circulation {
        organs,
        agenda_items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_title() {
        let letter = letter_from_title(
            "Letter dated 7 May 2021 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
        );
        let letter = letter.unwrap_or_else(|| panic!("not read"));
        assert_eq!(letter.date.as_deref(), Some("2021-05-07"));
        assert_eq!(
            letter.sender.as_deref(),
            Some("Permanent Representative of Azerbaijan to the United Nations")
        );
        assert_eq!(letter.sender_state.as_deref(), Some("Azerbaijan"));
        assert_eq!(letter.addressees, ["Secretary-General"]);
    }

    #[test]
    fn several_addressees_and_un_senders() {
        let letter = letter_from_title(
            "Identical letters dated 8 January 2025 from the Secretary-General addressed to the President of the General Assembly and the President of the Security Council",
        );
        let letter = letter.unwrap_or_else(|| panic!("not read"));
        assert_eq!(letter.sender_state, None);
        assert_eq!(
            letter.addressees,
            [
                "President of the General Assembly",
                "President of the Security Council"
            ]
        );
        let three = addressees(
            "the Secretary-General, the President of the General Assembly and the President of the Security Council",
        );
        assert_eq!(
            three,
            [
                "Secretary-General",
                "President of the General Assembly",
                "President of the Security Council"
            ]
        );
    }

    #[test]
    fn circulation_request() {
        let p = Paragraph { kind: ParagraphKind::Body, text: "I should be grateful if you would have the present letter circulated as a document of the General Assembly, under agenda items 15, 34, 35, 40, 64, 70, 72, 86 and 135, and of the Security Council.".into(), part: None };
        let c = circulation(&[p], &[]).unwrap_or_else(|| panic!("not found"));
        assert_eq!(c.organs, ["A", "S"]);
        assert_eq!(c.agenda_items, [15, 34, 35, 40, 64, 70, 72, 86, 135]);
        let none = Paragraph { kind: ParagraphKind::Body, text: "I should be grateful if you would bring this letter to the attention of the members of the Security Council.".into(), part: None };
        assert_eq!(circulation(&[none], &["S"]), None);
        let council = Paragraph { kind: ParagraphKind::Body, text: "I should be grateful if the attached report could be brought to the attention of the members of the Security Council and issued as a document of the Council.".into(), part: None };
        assert_eq!(
            circulation(&[council], &["S"]).map(|c| c.organs),
            Some(vec!["S".to_string()])
        );
    }

    /// Requests to bodies other than the General Assembly and the Security
    /// Council, as letters to the Human Rights Council and the Economic and
    /// Social Council's commissions word them (the corpus has E/2025/81 and
    /// A/79/954 for ECOSOC; these passages are ours).
    #[test]
    fn circulation_to_councils_and_commissions() {
        let body = |text: &str| Paragraph {
            kind: ParagraphKind::Body,
            text: text.into(),
            part: None,
        };
        let cases: [(&str, &[&str], &[u32]); 4] = [
            (
                "I would be grateful if the present letter could be circulated as a document of the Human Rights Council at its fifty-ninth session, under agenda item 4.",
                &["A/HRC"],
                &[4],
            ),
            (
                "I should be grateful if you would have this letter circulated as an official document of the sixty-ninth session of the Commission on the Status of Women, under agenda item 3 (a).",
                &["E/CN.6"],
                &[3],
            ),
            (
                "The Mission requests that the present note be circulated as a document of the Commission for Social Development and of the Economic and Social Council.",
                &["E/CN.5", "E"],
                &[],
            ),
            (
                "It would be appreciated if the present letter were issued as a document of the Commission on Narcotic Drugs at its sixty-eighth session, under item 5 of the provisional agenda.",
                &["E/CN.7"],
                &[5],
            ),
        ];
        for (text, organs, items) in cases {
            let c =
                circulation(&[body(text)], &[]).unwrap_or_else(|| panic!("no request in {text}"));
            assert_eq!(c.organs, organs, "{text}");
            assert_eq!(c.agenda_items, items, "{text}");
        }
    }
}
