/*!
The grammar of UN document symbols (`A/75/861`, `S/RES/822 (1993)`,
`A/HRC/59/L.17`, `ICCD/COP(8)/CST/8`, `DP/FPA/2025/6/Add.1`).

Both the masthead parser (a document's own symbols) and the reference scanner
(symbols a document names) need the same answer to "is this a symbol, and how
is it written canonically", so that answer lives here, with no dependency on
either.

Canonical form (record spec): capitals, `/` separators, no spaces except the
one before a Security Council resolution's year, revision parts written
`/Rev.1`, `/Add.2`, `/Corr.1`, `/Amend.1`.
*/

mod file_name;
pub use file_name::from_file_name;
mod sc_years;

pub use sc_years::year_of as sc_resolution_year;

/// Suffix components whose canonical spelling is capitalized, not upper case.
const REVISION_WORDS: [&str; 5] = ["Rev.", "Add.", "Corr.", "Amend.", "Part"];

/// Canonical form of one symbol, or `None` when `raw` is not a symbol.
///
/// Accepts the spellings met in real text: stray spaces around slashes
/// (`A/ 79/818`), any letter case, `S/RES/822(1993)` without the space, and a
/// trailing reissue star (`A/79/PV.29*`), which is dropped.
pub fn canonicalize(raw: &str) -> Option<String> {
    let trimmed = raw.trim().trim_end_matches('*').trim_end();
    // A report in parts: "A/80/15 (Part III)".
    if let Some((main, part)) = split_part(trimmed) {
        return canonicalize(main).map(|c| format!("{c} (Part {part})"));
    }
    // The year of a resolution, "(1993)", is the one place a space belongs.
    let (main, year) = split_resolution_year(trimmed);
    // Written straight into one buffer: this runs for every symbol the scanner meets.
    let mut out = String::with_capacity(main.len() + 8);
    let mut count = 0;
    let spaced;
    let compact = if main.contains(char::is_whitespace) {
        spaced = main
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>();
        spaced.as_str()
    } else {
        main
    };
    for (i, component) in compact.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_canonical_component(&mut out, component, i == 0)?;
        count += 1;
    }
    if count < 2 || !out.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // A Security Council resolution is known by its number: the year follows
    // from it (and corrects a misprinted one), and is written where the text left it out.
    let known_year = sc_resolution_number(&out).and_then(sc_years::year_of);
    if let Some(year) = known_year {
        use std::fmt::Write as _;
        let _ = write!(out, " ({year})");
    } else if let Some(year) = year {
        out.push_str(" (");
        out.push_str(year);
        out.push(')');
    }
    Some(out)
}

/// The number of a Security Council resolution symbol without its year
/// (`S/RES/822` → 822).
fn sc_resolution_number(symbol: &str) -> Option<u32> {
    let digits = symbol.strip_prefix("S/RES/")?;
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The canonical symbol a reader means by what they typed: a symbol in any
/// spelling (`s/res/822`, `S/RES/822(1993)`), a Security Council resolution
/// by number and year (`822 (1993)`, `resolution 822 (1993)`), a General
/// Assembly resolution by session and number (`60/251`, `ES-11/1`).
/// `None` when it names none of these.
pub fn canonical_query(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let lower = trimmed.to_ascii_lowercase();
    let without_word = ["security council resolution", "resolution", "res."]
        .iter()
        .find_map(|w| {
            lower
                .strip_prefix(w)
                .map(|_| trimmed[w.len()..].trim_start())
        })
        .unwrap_or(trimmed);
    // `822 (1993)`, `822(1993)`
    let (head, year) = split_resolution_year(without_word);
    if let Some(year) = year
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
    {
        return canonicalize(&format!("S/RES/{head} ({year})"));
    }
    // `60/251`, `ES-11/1`: a General Assembly resolution.
    if let Some((session, number)) = without_word.split_once('/') {
        let session_ok = !session.is_empty()
            && (session.bytes().all(|b| b.is_ascii_digit())
                || session
                    .strip_prefix("ES-")
                    .or_else(|| session.strip_prefix("S-"))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())));
        let number_ok = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
        if session_ok && number_ok {
            return canonicalize(&format!("A/RES/{session}/{number}"));
        }
    }
    canonicalize(trimmed)
}

/// Splits `"A/80/15 (Part III)"` into `("A/80/15", "III")`.
fn split_part(s: &str) -> Option<(&str, String)> {
    let open = s.rfind('(')?;
    let inner = s.strip_suffix(')')?.get(open + 1..)?.trim();
    let number = inner
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("part"))
        .map(|_| inner[4..].trim())?;
    let valid = !number.is_empty() && number.chars().all(|c| c.is_ascii_alphanumeric());
    valid.then(|| (s[..open].trim_end(), number.to_ascii_uppercase()))
}

/// Splits `"S/RES/822 (1993)"` into `("S/RES/822", Some("1993"))`.
fn split_resolution_year(s: &str) -> (&str, Option<&str>) {
    if let Some(open) = s.rfind('(')
        && s.ends_with(')')
    {
        let inner = s[open + 1..s.len() - 1].trim();
        let head = s[..open].trim_end();
        if inner.len() == 4 && inner.bytes().all(|b| b.is_ascii_digit()) && !head.ends_with('/') {
            return (head, Some(inner));
        }
    }
    (s, None)
}

fn push_canonical_component(out: &mut String, component: &str, first: bool) -> Option<()> {
    if component.is_empty() || component.len() > 24 {
        return None;
    }
    let valid = component
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'(' | b')'));
    if !valid || component.starts_with(['.', '-', ')']) {
        return None;
    }
    if first {
        // A series: letters, perhaps a numbered subdivision (`GEGN.2`).
        let letters = component.split('.').next().unwrap_or_default();
        if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
    }
    for word in REVISION_WORDS {
        let Some(head) = component.get(..word.len()) else {
            continue;
        };
        let rest = &component[word.len()..];
        if head.eq_ignore_ascii_case(word)
            && (word == "Part" || rest.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        {
            out.push_str(word);
            out.extend(rest.chars().map(|c| c.to_ascii_uppercase()));
            return Some(());
        }
    }
    out.extend(component.chars().map(|c| c.to_ascii_uppercase()));
    Some(())
}

/// The symbol a revision, addendum, corrigendum or amendment belongs to:
/// `S/2025/71/Rev.1` → `S/2025/71`; `A/79/437/Add.4/Corr.1` → `A/79/437`.
/// A symbol without such parts is its own base.
pub fn base_symbol(symbol: &str) -> &str {
    let mut base = symbol;
    while let Some((head, last)) = base.rsplit_once('/') {
        let revision = ["Rev.", "Add.", "Corr.", "Amend."]
            .iter()
            .any(|w| last.starts_with(w));
        if !revision || !head.contains('/') {
            break;
        }
        base = head;
    }
    base
}

/// True where `c` can join two symbols into a joint symbol.
pub fn is_joint_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2011}')
}

/// Splits a joint symbol (`A/75/861-S/2021/392`, en or em dash too) into its
/// canonical parts; a single symbol gives one part; `None` if any part is not
/// a symbol.
pub fn split_joint(raw: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in raw.char_indices() {
        if is_joint_dash(c) && starts_symbol(&raw[i + c.len_utf8()..]) && i > start {
            parts.push(canonicalize(&raw[start..i])?);
            start = i + c.len_utf8();
        }
    }
    parts.push(canonicalize(&raw[start..])?);
    Some(parts)
}

/// Whether `s` begins like a symbol: a series of capitals, then `/`.
/// (`ES-10/1043` does not: its dash belongs to the session.)
fn starts_symbol(s: &str) -> bool {
    let s = s.trim_start();
    let series_len = s
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'.' || b.is_ascii_digit())
        .count();
    series_len > 0
        && s.as_bytes()[0].is_ascii_uppercase()
        && s[series_len..].trim_start().starts_with('/')
}

/// The symbol prefix of the body that issued a document: the components
/// before the first session, year or number, without the document-series
/// markers that are not bodies (`RES`, `PRST`, `PV.`…).
///
/// `A/HRC/59/L.17` → `A/HRC`; `S/2025/10/Add.31` → `S`; `E/ICEF/2025/L.8` →
/// `E/ICEF`; `A/ES-10/1043` → `A`; `S/RES/2770 (2025)` → `S`.
pub fn organ_prefix(symbol: &str) -> String {
    // Secretariat issuances (ST/IC/…, ST/SGB/…, ST/AI/…): the series are not bodies.
    if symbol == "ST" || symbol.starts_with("ST/") {
        return "ST".to_owned();
    }
    let mut organ: Vec<&str> = Vec::new();
    for component in symbol.split('/') {
        let starts_digit = component.bytes().next().is_some_and(|b| b.is_ascii_digit());
        let special_session = component.starts_with("ES-") || component.starts_with("S-");
        // Series of a body's documents, not bodies: the Joint Inspection Unit's
        // reports and notes (JIU/REP/2025/2) are the Unit's.
        let series_marker = matches!(
            component,
            "RES" | "PRST" | "DEC" | "INF" | "L" | "NGO" | "REP" | "NOTE" | "ML"
        ) || component.starts_with("PV.")
            || component.starts_with("L.")
            || component.starts_with("SR.");
        if !organ.is_empty() && (starts_digit || special_session || series_marker) {
            break;
        }
        organ.push(component);
    }
    organ.join("/")
}

/// `https://undocs.org/en/A/75/861`; spaces (a resolution's year) percent-encoded.
pub fn permalink(symbol: &str, language: Option<&str>) -> String {
    let mut url = String::with_capacity(26 + symbol.len());
    url.push_str("https://undocs.org/");
    if let Some(lang) = language.filter(|l| matches!(*l, "en" | "fr" | "es" | "ru" | "ar" | "zh")) {
        url.push_str(lang);
        url.push('/');
    }
    let mut parts = symbol.split(' ');
    url.push_str(parts.next().unwrap_or_default());
    for part in parts {
        url.push_str("%20");
        url.push_str(part);
    }
    url
}

/// A run of one series' numbers: `S/2025/500..S/2025/560` (or
/// `S/2025/500..560`) is `("S/2025/", 500, 560)`. `None` for anything else:
/// two series, a range that runs backwards, no number at the end.
pub fn series_range(text: &str) -> Option<(String, u64, u64)> {
    let (first, last) = text.trim().split_once("..")?;
    let (prefix, from) = first.trim().rsplit_once('/')?;
    let last = last.trim();
    let to = match last.rsplit_once('/') {
        Some((other, to)) if other == prefix => to,
        Some(_) => return None,
        None => last,
    };
    let number = |n: &str| {
        (!n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| n.parse::<u64>().ok())
            .flatten()
    };
    let (from, to) = (number(from)?, number(to)?);
    (from <= to && !prefix.is_empty()).then(|| (format!("{prefix}/"), from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_stays_in_one_series() {
        assert_eq!(
            series_range("S/2025/500..S/2025/560"),
            Some(("S/2025/".to_owned(), 500, 560))
        );
        assert_eq!(
            series_range("A/79/1..12"),
            Some(("A/79/".to_owned(), 1, 12))
        );
        for bad in [
            "S/2025/5..A/79/6",
            "S/2025/9..S/2025/1",
            "S/2025/1",
            "S/2025/x..3",
            "..3",
        ] {
            assert_eq!(series_range(bad), None, "{bad}");
        }
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("A/75/861", "A/75/861"),
            ("a/75/861", "A/75/861"),
            ("A/ 79/ 818", "A/79/818"),
            ("S/RES/822(1993)", "S/RES/822 (1993)"),
            ("S/RES/822 (1993)", "S/RES/822 (1993)"),
            // Guards A/79/796, which cites "document S/RES/822 (30 April 1993)": the number alone says the year.
            ("S/RES/822", "S/RES/822 (1993)"),
            ("s/res/2334", "S/RES/2334 (2016)"),
            ("A/HRC/59/L.17", "A/HRC/59/L.17"),
            ("DP/FPA/2025/6/ADD.1", "DP/FPA/2025/6/Add.1"),
            ("S/2025/71/rev.1", "S/2025/71/Rev.1"),
            ("A/79/PV.29*", "A/79/PV.29"),
            ("ICCD/COP(8)/CST/8", "ICCD/COP(8)/CST/8"),
            ("A/ES-10/1043", "A/ES-10/1043"),
            ("GEGN.2/2025/35", "GEGN.2/2025/35"),
            ("A/80/15 (Part III)", "A/80/15 (Part III)"),
            ("A/80/15(part iii)", "A/80/15 (Part III)"),
            ("A/C.3/78/L.60/Rev.1/Corr.2", "A/C.3/78/L.60/Rev.1/Corr.2"),
        ];
        for (raw, want) in cases {
            assert_eq!(canonicalize(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn what_readers_type_for_a_resolution() {
        let cases = [
            ("822 (1993)", "S/RES/822 (1993)"),
            ("resolution 822 (1993)", "S/RES/822 (1993)"),
            ("S/RES/822(1993)", "S/RES/822 (1993)"),
            ("S/RES/822", "S/RES/822 (1993)"),
            ("60/251", "A/RES/60/251"),
            ("A/RES/60/251", "A/RES/60/251"),
            ("ES-11/1", "A/RES/ES-11/1"),
            ("a/79/818", "A/79/818"),
        ];
        for (raw, want) in cases {
            assert_eq!(canonical_query(raw).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(canonical_query("Armenia"), None);
    }

    #[test]
    fn non_symbols() {
        for raw in [
            "and/or", "A", "A/B", "/75/861", "25-04214", "", "A//1", "1/2",
        ] {
            assert_eq!(canonicalize(raw), None, "{raw}");
        }
    }

    #[test]
    fn joint_symbols_split_on_any_dash() {
        let want = vec!["A/75/861".to_string(), "S/2021/392".to_string()];
        assert_eq!(split_joint("A/75/861-S/2021/392"), Some(want.clone()));
        assert_eq!(
            split_joint("A/75/861\u{2013}S/2021/392"),
            Some(want.clone())
        );
        assert_eq!(split_joint("A/75/861\u{2014}S/2021/392"), Some(want));
        assert_eq!(
            split_joint("A/ES-10/1043-S/2025/5"),
            Some(vec!["A/ES-10/1043".to_string(), "S/2025/5".to_string()])
        );
        assert_eq!(
            split_joint("A/ES-10/1043"),
            Some(vec!["A/ES-10/1043".to_string()])
        );
    }

    #[test]
    fn bases() {
        assert_eq!(base_symbol("S/2025/71/Rev.1"), "S/2025/71");
        assert_eq!(base_symbol("A/79/437/Add.4/Corr.1"), "A/79/437");
        assert_eq!(base_symbol("A/79/818"), "A/79/818");
        assert_eq!(base_symbol("S/2025/10/Add.31"), "S/2025/10");
    }

    #[test]
    fn organ_prefixes() {
        let cases = [
            ("A/HRC/59/L.17", "A/HRC"),
            ("S/2025/10/Add.31", "S"),
            ("E/ICEF/2025/L.8", "E/ICEF"),
            ("A/ES-10/1043", "A"),
            ("S/RES/2770 (2025)", "S"),
            ("A/AC.121/2025/INF/1", "A/AC.121"),
            ("TPNW/MSP/2025/WP.4", "TPNW/MSP"),
            ("A/79/PV.29", "A"),
            ("S/PV.9620", "S"),
            ("E/CN.6/2025/NGO/166", "E/CN.6"),
            ("ST/IC/2025/1", "ST"),
            ("ST/SGB/2016/10/Rev.1", "ST"),
            ("JIU/REP/2025/2", "JIU"),
        ];
        for (symbol, want) in cases {
            assert_eq!(organ_prefix(symbol), want, "{symbol}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_is_a_fixed_point(s in "[A-Za-z]{1,4}(/[A-Za-z0-9.()-]{1,6}){1,4}") {
            if let Some(c) = canonicalize(&s) {
                proptest::prop_assert_eq!(canonicalize(&c), Some(c.clone()));
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = canonicalize(&s);
            let _ = split_joint(&s);
            let _ = organ_prefix(&s);
        }
    }
}
