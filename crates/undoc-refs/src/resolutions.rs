/*!
Resolutions and decisions named by number: "resolution 822 (1993)",
"resolutions 2722 (2024), 2739 (2024) and 2768 (2025)", "adopted four
resolutions (822 (1993), 853 (1993), 874 (1993) and 884 (1993))",
"resolution 60/251", "decision 49/426", "3363 (XXX)", "217 A (III)",
"ES-11/1", "Council resolution 46/1".

Every number form has an anchor, a parenthesis or a slash, so one `memchr2`
pass finds the candidates; each walks back through its list to the lead
word. Whose resolution it is comes from the words just before the lead ("Security Council", "General Assembly", "Human Rights
Council", "the Council") and, failing those, from the number's form: `N
(YYYY)` is the Security Council's, `YYYY/N` the Economic and Social
Council's, `S/N` the General Assembly's.
*/

use undoc_model::ReferenceKind;

/// A resolution or decision named by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub symbol: String,
    pub kind: ReferenceKind,
}

/// Whose resolutions: the organ's symbol prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Organ {
    Assembly,
    SecurityCouncil,
    Ecosoc,
    HumanRightsCouncil,
    /// The Commission on Human Rights (until 2006), whose resolutions are E/CN.4/RES/….
    CommissionOnHumanRights,
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
///
/// Numbers are found from their anchors, which every form has: a parenthesis
/// (`822 (1993)`, `3363 (XXX)`) or a slash (`60/251`, `ES-11/1`), so one
/// `memchr2` pass finds every candidate. Each candidate number then walks
/// back through its list (`, `, ` and `, earlier numbers, an opening
/// parenthesis) to the lead word; without one it is not a reference.
pub fn find(text: &str, ctx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    let mut resume = 0;
    let mut lists = Lists::default();
    for anchor in memchr::memchr2_iter(b'(', b'/', text.as_bytes()) {
        if anchor < resume {
            continue;
        }
        if let Some(found) = at_anchor(text, anchor, ctx, &mut lists) {
            resume = found.end;
            out.push(found);
        }
    }
    out
}

/// What a scan remembers between numbers: the lead of the list it is in.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    /// End of the previous number and its lead, reused by the next number of the same list.
    last: Option<(usize, Lead)>,
}

/// The resolution or decision whose number has its anchor at `anchor`.
pub(crate) fn at_anchor(
    text: &str,
    anchor: usize,
    ctx: &Context,
    lists: &mut Lists,
) -> Option<Found> {
    let (start, number, end) = number_at_anchor(text, anchor)?;
    let lead = match lists.last {
        Some((previous_end, lead)) if list_continues(text, previous_end, start) => lead,
        _ => lead_before(text, start).or_else(|| lead_after(text, end))?,
    };
    lists.last = Some((end, lead));
    let symbol = symbol_for(&number, lead.kind, lead.organ, ctx)?;
    Some(Found {
        start,
        end,
        symbol,
        kind: lead.kind,
    })
}

/// The word that heads a list of numbers, and whose they are.
#[derive(Debug, Clone, Copy)]
struct Lead {
    kind: ReferenceKind,
    organ: Option<Organ>,
}

/// The number whose anchor ( `(` or `/`) is at `anchor`: start, value, end.
fn number_at_anchor(text: &str, anchor: usize) -> Option<(usize, Number, usize)> {
    let bytes = text.as_bytes();
    // Most parentheses in prose open words; a number's opens a year or a roman session.
    if bytes[anchor] == b'('
        && !bytes
            .get(anchor + 1)
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'I' | b'V' | b'X' | b'L'))
    {
        return None;
    }
    let start = if bytes[anchor] == b'(' {
        // "822 (1993)", "822(1993)", "217 A (III)": back over the space, a letter, the digits.
        let mut i = anchor;
        if i > 0 && bytes[i - 1] == b' ' {
            i -= 1;
        }
        if i >= 2 && bytes[i - 1].is_ascii_uppercase() && bytes[i - 2] == b' ' {
            i -= 2;
        }
        digits_back(bytes, i)?
    } else {
        // "60/251", "2023/5", "ES-11/1", "S-8/1".
        let digits_start = digits_back(bytes, anchor)?;
        let special = ["ES-", "S-"]
            .iter()
            .find(|p| text[..digits_start].ends_with(**p));
        match special {
            Some(p) => digits_start - p.len(),
            None => digits_start,
        }
    };
    // Not the tail of a symbol or a word ("A/RES/60/251", "S/RES/822 (1993)", "COVID-19").
    if start > 0 {
        let before = bytes[start - 1];
        if before.is_ascii_alphanumeric() || matches!(before, b'/' | b'-' | b'.' | b'_') {
            return None;
        }
    }
    let (number, end) = read_number(text, start)?;
    Some((start, number, end))
}

/// Start of the run of 1–4 digits ending at `end`.
fn digits_back(bytes: &[u8], end: usize) -> Option<usize> {
    let mut i = end;
    while i > 0 && bytes[i - 1].is_ascii_digit() && end - i < 5 {
        i -= 1;
    }
    (i < end && end - i <= 4).then_some(i)
}

/// List separators, longest first, in the six languages.
const SEPARATORS: [&str; 20] = [
    ", and ", ", or ", " and ", " or ", ", et ", " et ", " ou ", ", y ", " y ", " o ", ", и ",
    " и ", " или ", " و ", "، ", "، و", " و", ", ", "、", "和",
];

/// Whether the number starting at `start` continues the list whose previous
/// number ended at `previous_end`.
fn list_continues(text: &str, previous_end: usize, start: usize) -> bool {
    let between = text.get(previous_end..start).unwrap_or_default();
    let between = strip_repeated_lead(between);
    SEPARATORS.contains(&between)
}

/// "resolutions 1267 (1999), resolution 1989 (2011)": the word may repeat in a list.
fn strip_repeated_lead(between: &str) -> &str {
    for word in ["resolutions ", "resolution ", "decisions ", "decision "] {
        if let Some(head) = between.strip_suffix(word) {
            return head
                .trim_end_matches(' ')
                .strip_suffix(',')
                .map_or(head, |h| h)
                .trim_end();
        }
    }
    between
}

/// Walks back from a number through its list to the lead word.
fn lead_before(text: &str, mut start: usize) -> Option<Lead> {
    // Lists are short; a bound keeps a pathological text linear.
    for _ in 0..64 {
        let head_from = text.floor_char_boundary(start.saturating_sub(LEAD_WINDOW));
        let head = &text[head_from..start];
        crate::work::add(head.len());
        let head = head.trim_end_matches(' ');
        let head = head
            .strip_suffix('(')
            .map_or(head, |h| h.trim_end_matches(' '));
        // A word cut by the window's start is not a whole lead word.
        let cut = head_from > 0 && text.as_bytes()[head_from - 1].is_ascii_alphabetic();
        if let Some((lead_start, kind)) = lead_word_ending(head)
            && !(cut && lead_start == 0)
        {
            return Some(Lead {
                kind,
                organ: organ_named_before(text, head_from + lead_start),
            });
        }
        let before = &text[..start];
        let sep = SEPARATORS.iter().find(|s| before.ends_with(**s))?;
        start = number_ending_at(text, start - sep.len())?;
    }
    None
}

/// How far before a number its lead word ("резолюциями", "وقرارها", with an
/// opening parenthesis and spaces) can start, in bytes.
const LEAD_WINDOW: usize = 96;

/// The lead words written as words of their own (every language but those
/// attaching them, Arabic, or putting them after the number, Chinese), as
/// written and capitalized, with their kind; read once from `undoc-lang`.
fn spaced_leads() -> &'static [(&'static str, String, ReferenceKind)] {
    static CELL: std::sync::OnceLock<Vec<(&'static str, String, ReferenceKind)>> =
        std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        undoc_lang::LANGUAGES
            .iter()
            .filter(|l| {
                !matches!(
                    l.script,
                    undoc_lang::Script::Han | undoc_lang::Script::Arabic
                )
            })
            .flat_map(|l| l.reference_leads)
            .filter(|(lead, _)| !lead.is_ascii())
            .map(|(lead, kind)| {
                let mut chars = lead.chars();
                let capital: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                (*lead, capital, *kind)
            })
            .collect()
    })
}

/// The lead words of Arabic-script languages, found inside a word (they carry
/// articles, conjunctions and possessives), decisions (مقرر) first: no
/// resolution lead is inside a decision one.
fn attached_leads() -> &'static [(&'static str, ReferenceKind)] {
    static CELL: std::sync::OnceLock<Vec<(&'static str, ReferenceKind)>> =
        std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut leads: Vec<(&'static str, ReferenceKind)> = undoc_lang::LANGUAGES
            .iter()
            .filter(|l| l.script == undoc_lang::Script::Arabic)
            .flat_map(|l| l.reference_leads.iter().copied())
            .collect();
        leads.sort_by_key(|(_, kind)| *kind != ReferenceKind::Decision);
        leads
    })
}

/// A lead word in French, Spanish, Russian or Arabic that `head` ends with.
/// Arabic attaches articles, conjunctions and possessives to the word
/// ("وقرارها", "القرار"): any word holding قرار (resolution) or مقرر (decision).
fn other_lead_ending(head: &str) -> Option<(usize, ReferenceKind)> {
    // The lead is one word of a few letters: only the head's last bytes can hold it.
    let from = head.floor_char_boundary(head.len().saturating_sub(LEAD_WINDOW));
    crate::work::add(head.len() - from);
    let last = head[from..].rfind(char::is_whitespace).map_or(from, |i| {
        from + i + head[from + i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &head[last..];
    if word.is_empty() || word.is_ascii() {
        return None;
    }
    if let Some((_, _, kind)) = spaced_leads()
        .iter()
        .find(|(lead, capital, _)| word == *lead || word == capital)
    {
        return Some((last, *kind));
    }
    // "رقم" (number) may stand between the word and the number.
    let word = if word == "رقم" {
        let before = head[..last].trim_end();
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        &before[start..]
    } else {
        word
    };
    // Arabic attaches articles, conjunctions and possessives to the word
    // ("وقرارها"): a word holding the bare lead is one. Decisions (مقرر)
    // are tried first: no resolution lead is inside a decision one.
    attached_leads()
        .iter()
        .find(|(lead, _)| word.contains(lead))
        .map(|(_, kind)| (last, *kind))
}

/// Chinese puts the lead after the numbers: "第60/251号决议", "第2722(2024)号
///和第2739(2024)号决议", a list of dated numbers ending in "号决议". From the
/// end of a number, the lead that closes its list (before the clause ends).
fn lead_after(text: &str, end: usize) -> Option<Lead> {
    let rest = text.get(end..)?;
    let rest = rest.trim_start_matches(' ');
    // The number's own "号", or a list going on ("和", "、", "及") to the one that has it.
    if !rest.starts_with(['号', '和', '、', '及']) {
        return None;
    }
    let window = &rest[..rest.floor_char_boundary(600)];
    crate::work::add(window.len());
    let clause_end = window.find(['。', '，', '；', ';']).unwrap_or(window.len());
    let clause = &window[..clause_end];
    let lead = |kind: ReferenceKind| {
        undoc_lang::LANGUAGES
            .iter()
            .filter(|l| l.script == undoc_lang::Script::Han)
            .flat_map(|l| l.reference_leads)
            .filter(|(_, k)| *k == kind)
            .filter_map(|(lead, _)| clause.find(lead))
            .min()
    };
    let resolution = lead(ReferenceKind::Resolution);
    let decision = lead(ReferenceKind::Decision);
    let kind = match (resolution, decision) {
        (Some(r), Some(d)) if d < r => ReferenceKind::Decision,
        (Some(_), _) => ReferenceKind::Resolution,
        (None, Some(_)) => ReferenceKind::Decision,
        (None, None) => return None,
    };
    let before = &text[text.floor_char_boundary(end.saturating_sub(60))..end];
    let organ = if before.contains("安全理事会") || before.contains("安理会") {
        Some(Organ::SecurityCouncil)
    } else if before.contains("人权理事会") {
        Some(Organ::HumanRightsCouncil)
    } else if before.contains("大会") {
        Some(Organ::Assembly)
    } else {
        None
    };
    Some(Lead { kind, organ })
}

/// The lead word ("resolution(s)", "decision(s)", any of three casings, or
/// their French, Spanish, Russian or Arabic forms) that `head` ends with: its
/// start and kind.
fn lead_word_ending(head: &str) -> Option<(usize, ReferenceKind)> {
    if let Some(found) = other_lead_ending(head) {
        return Some(found);
    }
    const WORDS: [(&str, ReferenceKind); 4] = [
        ("resolutions", ReferenceKind::Resolution),
        ("resolution", ReferenceKind::Resolution),
        ("decisions", ReferenceKind::Decision),
        ("decision", ReferenceKind::Decision),
    ];
    for (word, kind) in WORDS {
        let Some(tail) = head
            .len()
            .checked_sub(word.len())
            .and_then(|from| head.get(from..))
        else {
            continue;
        };
        if tail.eq_ignore_ascii_case(word) {
            let start = head.len() - word.len();
            let whole = !head[..start]
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphabetic());
            // "resolution", "Resolution", "RESOLUTION" — not "rEsOlUtIoN".
            let cased = tail == word
                || tail[1..] == word[1..]
                || tail.bytes().all(|b| b.is_ascii_uppercase());
            if whole && cased {
                return Some((start, kind));
            }
        }
    }
    None
}

/// The start of a number that ends at `end` ("822 (1993)", "60/251", "217 A (III)", "ES-10/1").
fn number_ending_at(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let last = *bytes.get(end.checked_sub(1)?)?;
    let start = if last == b')' {
        let open =
            memchr::memrchr(b'(', &bytes[end.saturating_sub(8)..end])? + end.saturating_sub(8);
        number_at_anchor(text, open)?.0
    } else if last.is_ascii_digit() {
        let second = digits_back(bytes, end)?;
        if second == 0 || bytes[second - 1] != b'/' {
            return None;
        }
        number_at_anchor(text, second - 1)?.0
    } else {
        return None;
    };
    // The number read from there must end where the list says it does.
    (read_number(text, start)?.1 == end).then_some(start)
}

/// The organ named just before a lead word, within the same clause.
fn organ_named_before(text: &str, lead: usize) -> Option<Organ> {
    let from = text.floor_char_boundary(lead.saturating_sub(48));
    let before = &text[from..lead];
    // Only the words right before the lead: stop at the last clause break.
    let clause = before.rsplit([',', ';', '(', '.']).next().unwrap_or(before);
    let any = |names: &[&str]| names.iter().any(|n| clause.contains(n));
    if any(&[
        "Security Council",
        "Conseil de sécurité",
        "Consejo de Seguridad",
        "Совета Безопасности",
        "Совет Безопасности",
        "مجلس الأمن",
    ]) {
        Some(Organ::SecurityCouncil)
    } else if clause.contains("Commission on Human Rights") {
        Some(Organ::CommissionOnHumanRights)
    } else if any(&[
        "Human Rights Council",
        "Conseil des droits de l’homme",
        "Conseil des droits de l'homme",
        "Consejo de Derechos Humanos",
        "Совета по правам человека",
        "مجلس حقوق الإنسان",
    ]) {
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
    // A year or a roman session closes within a few bytes; looking further made
    // every "1 (" of a text without ")" read to its end.
    let window = &bytes[k..bytes.len().min(k + 10)];
    crate::work::add(window.len());
    let close = memchr::memchr(b')', window).map(|c| k + c)?;
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
            // The number says the year (and corrects a misprinted one: S/PV.8422 prints "2248 (2018)").
            match undoc_symbol::sc_resolution_year(*n) {
                Some(known) => format!("S/RES/{n} ({known})"),
                None => format!("S/RES/{n} ({year})"),
            }
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
                Organ::CommissionOnHumanRights => format!("E/CN.4/{series}/{first}/{n}"),
                Organ::Ecosoc => format!("E/{series}/{first}/{n}"),
                _ => format!("A/{series}/{first}/{n}"),
            }
        }
        Number::Special(session, n) => {
            let series = if decision { "DEC" } else { "RES" };
            // The Human Rights Council holds special sessions too (S-37/1).
            let organ = if organ == Some(Organ::HumanRightsCouncil)
                || (organ == Some(Organ::SomeCouncil) && own("A/HRC"))
            {
                "A/HRC"
            } else {
                "A"
            };
            format!("{organ}/{series}/{session}/{n}")
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

    #[test]
    fn resolutions_named_in_six_languages() {
        let cases = [
            (
                "Rappelant sa résolution 60/251 du 15 mars 2006",
                "A/RES/60/251",
            ),
            (
                "Recordando su resolución 60/251, de 15 de marzo de 2006",
                "A/RES/60/251",
            ),
            (
                "ссылаясь на свою резолюцию 60/251 от 15 марта 2006 года",
                "A/RES/60/251",
            ),
            ("ссылаясь на резолюция 60/251", "A/RES/60/251"),
            (
                "وإذ تشير إلى القرار 60/251 المؤرخ 15 آذار/مارس 2006",
                "A/RES/60/251",
            ),
            ("وإذ تشير أيضا إلى قرارها 58/292 المؤرخ", "A/RES/58/292"),
            ("回顾其2006年3月15日第 60/251 号决议", "A/RES/60/251"),
            ("回顾安全理事会第2334(2016)号决议，", "S/RES/2334 (2016)"),
            (
                "Résolution 2334 (2016) du Conseil de sécurité",
                "S/RES/2334 (2016)",
            ),
        ];
        for (text, symbol) in cases {
            let found = find(text, &Context::default());
            assert_eq!(
                found.iter().map(|f| f.symbol.as_str()).collect::<Vec<_>>(),
                [symbol],
                "{text}"
            );
            assert_eq!(found[0].kind, ReferenceKind::Resolution, "{text}");
        }
        let decision = find("Rappelant sa décision 49/426", &Context::default());
        assert_eq!(decision[0].kind, ReferenceKind::Decision);
        // A Chinese list of dated numbers closed by one lead.
        let list = find(
            "回顾其1975年11月10日第3375(XXX)和3376(XXX)号、1976年11月24日第31/20号决议和其后的所有决议",
            &Context::default(),
        );
        assert_eq!(list.len(), 3, "{list:?}");
        // Numbers that are not references stay out.
        assert!(find("第60/251号文件", &Context::default()).is_empty());
    }
}
