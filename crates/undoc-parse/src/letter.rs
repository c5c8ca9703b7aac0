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

/// Each language's letter title, circulation request and agenda items in a
/// request, compiled once, English first.
struct Phrases {
    language: &'static undoc_lang::Language,
    title: Regex,
    addressee_separator: Regex,
    circulation: Regex,
    agenda_in_text: Regex,
}

fn phrases() -> &'static [Phrases] {
    static CELL: LazyLock<Vec<Phrases>> = LazyLock::new(|| {
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| Phrases {
                language: l,
                title: re(l.letters.title),
                addressee_separator: re(l.letters.addressee_separator),
                circulation: re(l.letters.circulation),
                agenda_in_text: re(l.letters.agenda_in_text),
            })
            .collect()
    });
    &CELL
}

/// The document type a title announces.
pub fn doc_type_of_title(title: &str) -> Option<DocType> {
    if let Some(kind) = crate::languages::doc_type_of_title(title) {
        return Some(kind);
    }
    let lower = title.to_lowercase();
    let english = undoc_lang::get("en").map_or(&[][..], |l| l.title_forms);
    if let Some(form) = english.iter().find(|f| {
        let words = f.words.to_lowercase();
        match f.at {
            undoc_lang::Affix::Start => lower.starts_with(&words),
            undoc_lang::Affix::End => lower.ends_with(&words),
        }
    }) {
        return Some(form.doc_type);
    }
    if lower == "agenda" {
        Some(DocType::Agenda)
    } else if lower.contains("plenary meeting")
        || lower.ends_with(" meeting") && lower.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        Some(DocType::MeetingRecord)
    } else {
        None
    }
}

/// The letter fields from a title in any language, such as "Letter dated 7
/// May 2021 from the Permanent Representative of Azerbaijan to the United
/// Nations addressed to the Secretary-General" or "Carta de fecha 12 de
/// septiembre de 2023 dirigida a la Presidencia del Consejo de Seguridad por
/// el Representante Permanente de Egipto ante las Naciones Unidas".
///
/// A sender holding an office of the United Nations itself speaks for no
/// State, even when its title names a country ("Chair of the Committee …
/// concerning Libya"); a letter from several States speaks for them all,
/// named in English as the record names States.
pub fn letter_from_title(title: &str) -> Option<Letter> {
    let (phrases, caps) = phrases()
        .iter()
        .find_map(|p| p.title.captures(title).map(|caps| (p, caps)))?;
    let language = phrases.language;
    let date = if language.code == "en" {
        let parts: Vec<&str> = caps["date"].split_whitespace().collect();
        match parts.as_slice() {
            [d, m, y] => vocab::date_dmy(d, m, y),
            _ => None,
        }
    } else {
        crate::languages::date(&caps["date"])
    };
    let sender = strip_article(&caps["sender"], language).to_owned();
    let lower_sender = sender.to_lowercase();
    let speaks_for_un = language
        .letters
        .un_offices
        .iter()
        .any(|office| lower_sender.starts_with(&office.to_lowercase()));
    let sender_state = if speaks_for_un {
        None
    } else if language.code == "en" {
        undoc_states::first(&sender).map(str::to_owned)
    } else {
        let states = undoc_states::in_language(&sender, language);
        english_list(&states)
    };
    Some(Letter {
        date,
        sender: Some(sender),
        sender_state,
        addressees: addressees(&caps["to"], phrases),
    })
}

/// "France, Germany and the United Kingdom…": several States as one sender.
fn english_list(states: &[&str]) -> Option<String> {
    match states {
        [] => None,
        [one] => Some((*one).to_owned()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// Without the article or preposition that opens it ("the ", "au ", "a la ").
fn strip_article<'a>(s: &'a str, language: &undoc_lang::Language) -> &'a str {
    let s = s.trim();
    language
        .letters
        .articles
        .iter()
        .find_map(|a| s.strip_prefix(a))
        .unwrap_or(s)
        .trim()
}

/// "the Secretary-General, the President of the General Assembly and the
/// President of the Security Council" → three addressees.
fn addressees(list: &str, phrases: &Phrases) -> Vec<String> {
    let list = strip_article(list, phrases.language).trim_end_matches('.');
    let mut pieces = Vec::new();
    let mut start = 0;
    for caps in phrases.addressee_separator.captures_iter(list) {
        let (Some(whole), keep) = (caps.get(0), caps.name("keep")) else {
            continue;
        };
        pieces.push(&list[start..whole.start()]);
        start = keep.map_or(whole.end(), |k| k.start());
    }
    pieces.push(&list[start..]);
    pieces
        .into_iter()
        .map(|a| strip_article(a, phrases.language).to_owned())
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
        // Signatures one under another ("(Подпись) …", titles, "(Подпись) …")
        // share a block: each mark opens a signatory.
        let mut groups: Vec<Vec<&crate::lines::Line>> = Vec::new();
        for line in &block.lines {
            match groups.last_mut() {
                Some(group) if signed_name(&line.text).is_none() => group.push(line),
                _ => groups.push(vec![line]),
            }
        }
        for lines in groups {
            for signatory in signature_group(&lines) {
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
    }
    out
}

/// The name after a signature mark of any language ("(Signed) Yashar
/// Aliyev", "(Firmado) Osama Abdelkhalek", "（签名）…"), if the text opens with one.
fn signed_name(text: &str) -> Option<&str> {
    let text = text.trim_start();
    undoc_lang::LANGUAGES.iter().find_map(|l| {
        l.letters
            .signed
            .iter()
            .find_map(|mark| text.strip_prefix(mark))
            .map(str::trim)
    })
}

/// The signatories of one signature: side-by-side signatures (columns) are
/// read column by column.
fn signature_group(lines: &[&crate::lines::Line]) -> Vec<Signatory> {
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    let mut group: Vec<Signatory> = first
        .cells()
        .iter()
        .filter_map(|cell| {
            let name = signed_name(cell).unwrap_or(cell.trim());
            let name = signed_name(name).unwrap_or(name);
            (!name.is_empty()).then(|| Signatory {
                name: name.to_owned(),
                titles: Vec::new(),
            })
        })
        .collect();
    let width = group.len();
    for line in &lines[1..] {
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
                Some(last) if cell.starts_with(|c: char| c.is_lowercase()) || ends_open(last) => {
                    *last = crate::text::join_lines([last.as_str(), cell]);
                }
                _ => signatory.titles.push(cell.to_owned()),
            }
        }
    }
    group
}

/// A line that cannot end a title: it stops on a comma or a word that needs
/// more ("… in the absence of a Chair of the" / "Security Council Committee …").
fn ends_open(line: &str) -> bool {
    const CARRY_ON: [&str; 10] = [
        "of", "and", "the", "for", "in", "on", "to", "with", "a", "an",
    ];
    let last_word = line.rsplit(' ').next().unwrap_or_default();
    // In the other languages: the word joining States, or an article ("Embajador y", "auprès de l’").
    let joins = undoc_lang::LANGUAGES.iter().any(|l| {
        l.letters.and_word.trim() == last_word
            || l.letters.articles.iter().any(|a| a.trim() == last_word)
    });
    line.ends_with([',', '-']) || CARRY_ON.contains(&last_word) || joins
}

/// The closing request to circulate the document, if it makes one, in the
/// document's language (ISO 639-1) or in English. The last such request
/// before the first annex wins (annexed letters carry their own).
pub fn circulation(
    paragraphs: &[Paragraph],
    own_organs: &[&str],
    language: &str,
) -> Option<Circulation> {
    let candidates: Vec<&Phrases> = phrases()
        .iter()
        .filter(|p| p.language.code == language || p.language.code == "en")
        .collect();
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
                candidates.iter().find_map(|phrases| {
                    let m = phrases.circulation.find(&p.text)?;
                    let rest = &p.text[m.start()..];
                    // The request runs to the end of its sentence.
                    let end = sentence_end(rest);
                    Some(request(&rest[..end], own_organs, phrases))
                })
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
    s.find('。').unwrap_or(s.len())
}

fn request(sentence: &str, own_organs: &[&str], phrases: &Phrases) -> Circulation {
    let language = phrases.language;
    let mut organs: Vec<String> = if language.code == "en" {
        vocab::organs_in_text(sentence)
            .into_iter()
            .map(str::to_owned)
            .collect()
    } else {
        organs_named_in(sentence, language)
    };
    if organs.is_empty() && language.code == "en" {
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
    let sentence = undoc_lang::ascii_digits(sentence);
    for caps in phrases.agenda_in_text.captures_iter(&sentence) {
        let numbers = caps.get(1).map_or("", |m| m.as_str());
        let found: Vec<u32> = if language.code == "en" {
            item_numbers(numbers).into_iter().map(|(n, _)| n).collect()
        } else {
            numbers
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect()
        };
        for n in found {
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

/// The organs a request in another language names, in text order, each once.
fn organs_named_in(sentence: &str, language: &undoc_lang::Language) -> Vec<String> {
    let mut found: Vec<(usize, &str)> = language
        .organs_in_text
        .iter()
        .flat_map(|(name, prefix)| sentence.match_indices(name).map(move |(i, _)| (i, *prefix)))
        .collect();
    found.sort_unstable();
    let mut organs: Vec<String> = Vec::new();
    for (_, prefix) in found {
        if !organs.iter().any(|o| o == prefix) {
            organs.push(prefix.to_owned());
        }
    }
    organs
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
            &phrases()[0],
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
        let c = circulation(&[p], &[], "en").unwrap_or_else(|| panic!("not found"));
        assert_eq!(c.organs, ["A", "S"]);
        assert_eq!(c.agenda_items, [15, 34, 35, 40, 64, 70, 72, 86, 135]);
        let none = Paragraph { kind: ParagraphKind::Body, text: "I should be grateful if you would bring this letter to the attention of the members of the Security Council.".into(), part: None };
        assert_eq!(circulation(&[none], &["S"], "en"), None);
        let council = Paragraph { kind: ParagraphKind::Body, text: "I should be grateful if the attached report could be brought to the attention of the members of the Security Council and issued as a document of the Council.".into(), part: None };
        assert_eq!(
            circulation(&[council], &["S"], "en").map(|c| c.organs),
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
            let c = circulation(&[body(text)], &[], "en")
                .unwrap_or_else(|| panic!("no request in {text}"));
            assert_eq!(c.organs, organs, "{text}");
            assert_eq!(c.agenda_items, items, "{text}");
        }
    }
}
