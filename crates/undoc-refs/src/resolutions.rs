/*!
Resolutions and decisions named by number: "resolution 822 (1993)",
"resolutions 2722 (2024), 2739 (2024) and 2768 (2025)", "adopted four
resolutions (822 (1993), 853 (1993), 874 (1993) and 884 (1993))",
"resolution 60/251", "decision 49/426", "3363 (XXX)", "217 A (III)",
"ES-11/1", "Council resolution 46/1".

The lead words are found with one multi-literal SIMD pass; after each, a list of
numbers is read by hand. Whose resolution it is comes from the words just
before the lead ("Security Council", "General Assembly", "Human Rights
Council", "the Council") and, failing those, from the number's form: `N
(YYYY)` is the Security Council's, `YYYY/N` the Economic and Social
Council's, `S/N` the General Assembly's.
*/

use std::sync::OnceLock;

use regex::Regex;

use undoc_model::ReferenceKind;

/// A resolution or decision named by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub symbol: String,
    pub kind: ReferenceKind,
}

/// The lead words in the three casings met in documents ("resolution",
/// "Resolution", "RESOLUTION"), found in one pass: the regex engine turns the
/// alternation of literals into a SIMD multi-literal search (Teddy), several
/// times faster than a case-insensitive automaton or one pass per word.
fn lead_words(text: &str) -> impl Iterator<Item = (usize, usize, ReferenceKind)> + '_ {
    static LEADS: OnceLock<Regex> = OnceLock::new();
    LEADS.get_or_init(build_leads).find_iter(text).map(|m| {
        let kind = if m.as_str().as_bytes()[0].eq_ignore_ascii_case(&b'r') {
            ReferenceKind::Resolution
        } else {
            ReferenceKind::Decision
        };
        (m.start(), m.end(), kind)
    })
}

// A literal pattern: it compiles on any input, so a failure is a bug.
#[allow(clippy::expect_used)]
fn build_leads() -> Regex {
    Regex::new("resolution|Resolution|RESOLUTION|decision|Decision|DECISION")
        .expect("literal alternation compiles")
}

/// Whose resolutions: the organ's symbol prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Organ {
    Assembly,
    SecurityCouncil,
    Ecosoc,
    HumanRightsCouncil,
    /// "the Council", "Council resolution": which one depends on the number's
    /// form and the document's own organs.
    SomeCouncil,
}

/// The context a document gives: the organs it is itself issued for, so that
/// "the Council" can be read.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub own_organs: Vec<String>,
}

/// Every resolution or decision named by number in `text`.
pub fn find(text: &str, ctx: &Context) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut resume = 0;
    for (lead_start, lead_end, kind) in lead_words(text) {
        if lead_start < resume {
            continue;
        }
        // Whole words only: "resolutions" yes, "irresolution" no.
        if lead_start > 0 && bytes[lead_start - 1].is_ascii_alphabetic() {
            continue;
        }
        let mut i = lead_end;
        if matches!(bytes.get(i), Some(b's' | b'S')) {
            i += 1;
        }
        if bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // Most lead words ("the resolution", "this decision") have no number after them:
        // read the organ before the lead only when there is one.
        let after = skip_spaces(bytes, i);
        if !bytes
            .get(after)
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'(' | b'E' | b'S'))
        {
            continue;
        }
        let named = organ_named_before(text, lead_start);
        let end = read_list(text, i, kind, named, ctx, &mut out);
        resume = end;
    }
    out
}

/// The organ named just before a lead word, within the same clause.
fn organ_named_before(text: &str, lead: usize) -> Option<Organ> {
    let from = text.floor_char_boundary(lead.saturating_sub(48));
    let before = &text[from..lead];
    // Only the words right before the lead: stop at the last clause break.
    let clause = before.rsplit([',', ';', '(', '.']).next().unwrap_or(before);
    if clause.contains("Security Council") {
        Some(Organ::SecurityCouncil)
    } else if clause.contains("Human Rights Council") {
        Some(Organ::HumanRightsCouncil)
    } else if clause.contains("Economic and Social Council") {
        Some(Organ::Ecosoc)
    } else if clause.contains("Assembly") {
        Some(Organ::Assembly)
    } else if clause.contains("Council") {
        Some(Organ::SomeCouncil)
    } else {
        None
    }
}

/// Reads the numbers after a lead word from `i`, pushing one reference each;
/// returns where the list ends.
fn read_list(
    text: &str,
    mut i: usize,
    kind: ReferenceKind,
    organ: Option<Organ>,
    ctx: &Context,
    out: &mut Vec<Found>,
) -> usize {
    let bytes = text.as_bytes();
    i = skip_spaces(bytes, i);
    // "resolutions (822 (1993), 853 (1993) …)": the list in parentheses.
    let parenthesized =
        bytes.get(i) == Some(&b'(') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    if parenthesized {
        i += 1;
    }
    let mut last_end = i;
    while let Some((number, end)) = read_number(text, i) {
        if let Some(symbol) = symbol_for(&number, kind, organ, ctx) {
            out.push(Found {
                start: i,
                end,
                symbol,
                kind,
            });
        }
        last_end = end;
        // Separators: ", ", " and ", ", and ", " or ".
        let mut j = end;
        let rest = &text[j..];
        let sep = [", and ", " and ", ", ", " or ", ", or "]
            .iter()
            .find(|s| rest.starts_with(**s));
        let Some(sep) = sep else { break };
        j += sep.len();
        // "resolutions 1267 (1999), resolution 1989 (2011)": the word may repeat.
        for word in ["resolutions ", "resolution ", "decisions ", "decision "] {
            if text[j..].starts_with(word) {
                j += word.len();
            }
        }
        if !bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'E' || *b == b'S')
        {
            break;
        }
        i = j;
    }
    last_end
}

fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// A number as written after "resolution": its parts and where it ends.
#[derive(Debug, PartialEq, Eq)]
enum Number {
    /// "822 (1993)"
    WithYear(u32, u32),
    /// "60/251", "2023/5"
    Session(u32, u32),
    /// "ES-11/1", "S-8/1"
    Special(String, u32),
    /// "3363 (XXX)", "217 A (III)"
    Roman(u32, Option<char>, String),
}

fn digits(bytes: &[u8], i: usize) -> (Option<u32>, usize) {
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - i < 6 {
        j += 1;
    }
    if j == i {
        return (None, i);
    }
    (
        std::str::from_utf8(&bytes[i..j])
            .ok()
            .and_then(|s| s.parse().ok()),
        j,
    )
}

fn read_number(text: &str, i: usize) -> Option<(Number, usize)> {
    let bytes = text.as_bytes();
    // Special and emergency special sessions.
    for prefix in ["ES-", "S-"] {
        if text[i..].starts_with(prefix) {
            let (session, j) = digits(bytes, i + prefix.len());
            if bytes.get(j) == Some(&b'/') {
                let (number, k) = digits(bytes, j + 1);
                if let (Some(s), Some(n)) = (session, number) {
                    return Some((Number::Special(format!("{}{s}", prefix), n), k));
                }
            }
            return None;
        }
    }
    let (first, j) = digits(bytes, i);
    let first = first?;
    if bytes.get(j) == Some(&b'/') {
        let (second, k) = digits(bytes, j + 1);
        // "60/251" but not a date "2020/21" cut short: the second part must be a number too.
        if let Some(second) = second
            && !bytes
                .get(k)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'/')
        {
            return Some((Number::Session(first, second), k));
        }
        return None;
    }
    // "822 (1993)", "217 A (III)", "3363 (XXX)".
    let mut k = j;
    let mut letter = None;
    if bytes.get(k) == Some(&b' ')
        && bytes.get(k + 1).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(k + 2) == Some(&b' ')
        && bytes.get(k + 3) == Some(&b'(')
    {
        letter = Some(bytes[k + 1] as char);
        k += 2;
    }
    let k = skip_spaces(bytes, k);
    if bytes.get(k) != Some(&b'(') {
        return None;
    }
    let close = text[k..].find(')').map(|c| k + c)?;
    let inner = &text[k + 1..close];
    if inner.len() == 4 && inner.bytes().all(|b| b.is_ascii_digit()) && letter.is_none() {
        let year = inner.parse().ok()?;
        return (1946..=2100)
            .contains(&year)
            .then_some((Number::WithYear(first, year), close + 1));
    }
    let roman = inner
        .bytes()
        .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
        && !inner.is_empty()
        && inner.len() <= 6;
    // Old typescripts print the session I as "1".
    let roman = if inner == "1" {
        Some("I".to_owned())
    } else {
        roman.then(|| inner.to_owned())
    };
    roman.map(|r| (Number::Roman(first, letter, r), close + 1))
}

fn symbol_for(
    number: &Number,
    kind: ReferenceKind,
    organ: Option<Organ>,
    ctx: &Context,
) -> Option<String> {
    let decision = kind == ReferenceKind::Decision;
    let own = |o: &str| ctx.own_organs.iter().any(|x| x == o);
    Some(match number {
        Number::WithYear(n, year) => {
            let council = matches!(
                organ,
                None | Some(Organ::SecurityCouncil | Organ::SomeCouncil)
            );
            if decision || !council {
                return None;
            }
            format!("S/RES/{n} ({year})")
        }
        Number::Session(first, n) => {
            let organ = match organ {
                // The Security Council does not number its resolutions so.
                Some(Organ::SomeCouncil | Organ::SecurityCouncil) => {
                    if own("A/HRC") {
                        Organ::HumanRightsCouncil
                    } else if *first >= 1946 || own("E") {
                        Organ::Ecosoc
                    } else {
                        Organ::HumanRightsCouncil
                    }
                }
                Some(o) => o,
                // A year before the slash is ECOSOC's numbering; a session is the Assembly's.
                None if *first >= 1946 => Organ::Ecosoc,
                None => Organ::Assembly,
            };
            let series = if decision { "DEC" } else { "RES" };
            match organ {
                Organ::HumanRightsCouncil => format!("A/HRC/{series}/{first}/{n}"),
                Organ::Ecosoc => format!("E/{series}/{first}/{n}"),
                _ => format!("A/{series}/{first}/{n}"),
            }
        }
        Number::Special(session, n) => {
            let series = if decision { "DEC" } else { "RES" };
            format!("A/{series}/{session}/{n}")
        }
        Number::Roman(n, letter, session) => {
            if decision {
                return None;
            }
            let letter = letter.map(String::from).unwrap_or_default();
            format!("A/RES/{n}{letter}({session})")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<String> {
        find(text, &Context::default())
            .into_iter()
            .map(|f| f.symbol)
            .collect()
    }

    #[test]
    fn security_council_resolutions() {
        assert_eq!(symbols("resolution 822 (1993)"), ["S/RES/822 (1993)"]);
        assert_eq!(
            symbols("resolutions 2722 (2024), 2739 (2024) and 2768 (2025)"),
            [
                "S/RES/2722 (2024)",
                "S/RES/2739 (2024)",
                "S/RES/2768 (2025)"
            ]
        );
        assert_eq!(
            symbols(
                "the Security Council adopted four resolutions (822 (1993), 853 (1993), 874 (1993) and 884 (1993)) condemning"
            ),
            [
                "S/RES/822 (1993)",
                "S/RES/853 (1993)",
                "S/RES/874 (1993)",
                "S/RES/884 (1993)"
            ]
        );
    }

    #[test]
    fn spans_cover_the_numbers() {
        let text = "resolutions (822 (1993), 853 (1993))";
        let found = find(text, &Context::default());
        assert_eq!(&text[found[0].start..found[0].end], "822 (1993)");
        assert_eq!(&text[found[1].start..found[1].end], "853 (1993)");
    }

    #[test]
    fn assembly_and_other_organs() {
        assert_eq!(
            symbols("General Assembly resolution 60/251"),
            ["A/RES/60/251"]
        );
        assert_eq!(
            symbols("resolutions 68/262 and 71/205"),
            ["A/RES/68/262", "A/RES/71/205"]
        );
        assert_eq!(symbols("decision 49/426 of the Assembly"), ["A/DEC/49/426"]);
        assert_eq!(symbols("resolution 3363 (XXX)"), ["A/RES/3363(XXX)"]);
        assert_eq!(symbols("resolution 217 A (III)"), ["A/RES/217A(III)"]);
        assert_eq!(symbols("resolution S-8/1"), ["A/RES/S-8/1"]);
        assert_eq!(symbols("resolution ES-11/1"), ["A/RES/ES-11/1"]);
        assert_eq!(
            symbols("Human Rights Council resolution 46/1"),
            ["A/HRC/RES/46/1"]
        );
        assert_eq!(symbols("Council resolution 1996/31"), ["E/RES/1996/31"]);
        assert_eq!(symbols("Council resolution 46/1"), ["A/HRC/RES/46/1"]);
        assert_eq!(
            symbols("the Council, in its resolution 2334 (2016)"),
            ["S/RES/2334 (2016)"]
        );
        assert_eq!(
            symbols("Economic and Social Council resolution 1996/31"),
            ["E/RES/1996/31"]
        );
        assert_eq!(symbols("resolution 2023/5"), ["E/RES/2023/5"]);
        let hrc = Context {
            own_organs: vec!["A/HRC".into()],
        };
        let found: Vec<String> = find("Council resolution 46/1", &hrc)
            .into_iter()
            .map(|f| f.symbol)
            .collect();
        assert_eq!(found, ["A/HRC/RES/46/1"]);
    }

    #[test]
    fn not_resolutions() {
        assert!(symbols("the resolution of the conflict").is_empty());
        assert!(symbols("irresolution 12 (1990)").is_empty());
        assert!(symbols("resolution adopted in 2020/21").is_empty());
    }
}
