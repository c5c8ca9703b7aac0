/*!
Symbols written out: `A/79/798`, `A/75/861-S/2021/392`, `S/RES/822 (1993)`,
`A/79/PV.29*`, `ICCD/COP(8)/CST/8`, `A/79/ 798` (a line break after a slash).

Every symbol has a slash, so the scan jumps from slash to slash with `memchr`
and only then looks around: back to the start of the series (capitals), on to
the end of the last component, across a dash into the second half of a joint
symbol. Whatever it finds is checked by the shared symbol grammar
(`undoc-symbol`), so the scanner and the masthead agree on what a symbol is.
*/

use undoc_model::ReferenceKind;

/// A symbol (or joint symbol) found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub symbols: Vec<String>,
    pub kind: ReferenceKind,
}

/// Series of other organizations' documents that look like UN symbols: IAEA
/// Board and circulars (`GOV/2025/24`, `INFCIRC/254/Rev.10`, `GC(68)/…`),
/// note verbale numbers (`NV/ODG-636/24`), IMF working papers (`WP/24/256`).
/// undocs.org has no page for them.
const OTHER_ORGANIZATIONS: [&str; 5] = ["GOV", "INFCIRC", "NV", "WP", "GC"];

/// The longest series before the first slash ("A/AC.121", "TD/B/CN.4" start with short ones).
const MAX_SERIES: usize = 8;

/// The longest written symbol, with its year or part: the UN's run to about
/// sixty bytes (`A/CONF.229/2024/WP.1/Rev.1`). Past this the scanner stops
/// walking, so a run of symbol characters costs a bounded look, whatever its length.
const MAX_SYMBOL_BYTES: usize = 128;

/// The most parts of one joint symbol (the UN joins two or three).
const MAX_JOINT_PARTS: usize = 8;

fn is_component_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'(' | b')')
}

/// Every written-out symbol in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut resume = 0;
    for slash in memchr::memchr_iter(b'/', bytes) {
        if slash < resume {
            continue;
        }
        if let Some(found) = at_slash(text, slash) {
            resume = found.end;
            out.push(found);
        }
    }
    out
}

/// The symbol whose first slash is at `slash`, if there is one.
pub(crate) fn at_slash(text: &str, slash: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    // Back to the start of the series: capitals, digits and dots ("A", "E/CN.6", "GEGN.2").
    // Bounded: a series longer than eight bytes is refused below anyway.
    let mut start = slash;
    while start > 0
        && slash - start <= MAX_SERIES
        && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.')
    {
        start -= 1;
    }
    crate::work::add(slash - start);
    let series = &text[start..slash];
    // Other organizations' series, and roman numerals (an IAEA "GC(XXXVII)/RES/624" cut short).
    let roman = series.len() > 1
        && series
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'));
    if OTHER_ORGANIZATIONS.contains(&series) || roman {
        return None;
    }
    let first = series.bytes().next()?;
    if !first.is_ascii_uppercase()
        || series.bytes().any(|b| b.is_ascii_lowercase())
        || series.len() > MAX_SERIES
    {
        return None;
    }
    // Not the tail of a word or a path ("km/h", "www.un.org/", "2020/21").
    if start > 0 {
        let before = bytes[start - 1];
        if before.is_ascii_alphanumeric()
            || matches!(before, b'/' | b'-' | b'_' | b'.' | b':' | b'@')
        {
            return None;
        }
    }
    let mut symbols = Vec::new();
    let mut part_start = start;
    let mut end;
    loop {
        end = symbol_end(text, part_start)?;
        let raw = &text[part_start..end];
        symbols.push(canonical(raw)?);
        // A joint symbol goes on after a dash with another series and a slash
        // (to a bound: a failed long chain would otherwise be re-read from each slash).
        match joint_continuation(text, end) {
            Some(next) if symbols.len() < MAX_JOINT_PARTS => part_start = next,
            _ => break,
        }
    }
    let kind = kind_of(&symbols[0]);
    Some(Found {
        start,
        end,
        symbols,
        kind,
    })
}

/// The end of the symbol starting at `start` (exclusive).
fn symbol_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut components = 0;
    loop {
        // One component.
        let comp_start = i;
        while i < bytes.len() && i - start < MAX_SYMBOL_BYTES && is_component_byte(bytes[i]) {
            if is_dash_at(text, i) && joint_continuation(text, i).is_some() {
                break;
            }
            i += 1;
        }
        crate::work::add(i - comp_start);
        if i == comp_start {
            return None;
        }
        components += 1;
        if i < bytes.len() && i - start < MAX_SYMBOL_BYTES && bytes[i] == b'/' {
            i += 1;
            // A line break after a slash leaves a space: "A/79/ 798".
            if bytes.get(i) == Some(&b' ')
                && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric())
            {
                i += 1;
            }
            continue;
        }
        break;
    }
    if components < 2 {
        return None;
    }
    // A Security Council resolution's year: "S/RES/822 (1993)" or "S/RES/822(1993)".
    let mut end = i;
    let symbol_so_far = &text[start..end];
    // Only the Security Council's resolutions carry their year in the symbol.
    if symbol_so_far.starts_with("S/RES/") {
        let rest = &text[end..];
        let offset = usize::from(rest.starts_with(' '));
        let year = &rest[offset..];
        if year.len() >= 6
            && year.as_bytes()[0] == b'('
            && year.as_bytes()[1..5].iter().all(u8::is_ascii_digit)
            && year.as_bytes()[5] == b')'
        {
            end += offset + 6;
        }
    }
    // A report in parts: "A/80/15 (Part III)".
    if let Some(part) = text[end..].strip_prefix(" (Part ")
        && let Some(close) = part.find(')')
        && close <= 6
        && part[..close].bytes().all(|b| b.is_ascii_alphanumeric())
    {
        end += " (Part ".len() + close + 1;
    }
    // Punctuation that ends the sentence or closes a parenthesis is not the
    // symbol's. The parentheses are counted once and kept up to date as the end
    // moves back: counting them again at each step made "A/75/861)))…" quadratic.
    let written = &bytes[start..end];
    let mut opening = memchr::memchr_iter(b'(', written).count();
    let mut closing = memchr::memchr_iter(b')', written).count();
    crate::work::add(written.len());
    while end > start {
        let last = bytes[end - 1];
        let unbalanced = last == b')' && opening < closing;
        if matches!(last, b'.' | b'-' | b',') || unbalanced {
            match last {
                b')' => closing -= 1,
                b'(' => opening -= 1,
                _ => {}
            }
            end -= 1;
        } else {
            break;
        }
    }
    if end == start {
        return None;
    }
    // The reissue star belongs to the symbol as written.
    if text.as_bytes().get(end) == Some(&b'*') {
        end += 1;
    }
    Some(end)
}

fn is_dash_at(text: &str, i: usize) -> bool {
    text[i..].starts_with(['-', '\u{2013}', '\u{2014}'])
}

/// After a symbol ending at `end`: the start of the joint symbol's next part,
/// when a dash (hyphen, en or em) is followed by a series and a slash.
fn joint_continuation(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?;
    let dash = rest.chars().next()?;
    if !undoc_symbol::is_joint_dash(dash) {
        return None;
    }
    let mut after = end + dash.len_utf8();
    // A line break after the dash leaves a space: "A/79/963- S/2025/438".
    if text.as_bytes().get(after) == Some(&b' ') {
        after += 1;
    }
    let tail = &text[after..];
    let series = tail
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'.' || b.is_ascii_digit())
        .count();
    (series > 0
        && tail.as_bytes()[0].is_ascii_uppercase()
        && tail.as_bytes().get(series) == Some(&b'/'))
    .then_some(after)
}

/// Canonical form of a written symbol, refusing lowercase words other than
/// the revision parts (so "A/Dec" in a sentence is not a symbol).
fn canonical(raw: &str) -> Option<String> {
    let raw = raw.trim_end_matches('*');
    let mut components = raw.split('/');
    let series = components.next()?;
    let mut count = 1;
    let mut digits = false;
    for component in components {
        let component = component.trim();
        count += 1;
        digits |= component.bytes().any(|b| b.is_ascii_digit());
        if component.bytes().any(|b| b.is_ascii_lowercase()) {
            let word = component.split(['.', '(']).next().unwrap_or_default();
            if !matches!(
                word,
                "Rev" | "Add" | "Corr" | "Amend" | "Part" | "Sum" | "Summary"
            ) {
                return None;
            }
        }
    }
    // Two components only for the principal organs' old and meeting symbols (S/1234, S/PV.9620).
    if !digits || (count == 2 && !matches!(series, "A" | "S" | "E" | "T")) {
        return None;
    }
    undoc_symbol::canonicalize(raw)
}

fn kind_of(symbol: &str) -> ReferenceKind {
    if symbol.contains("/RES/") {
        ReferenceKind::Resolution
    } else if symbol.contains("/DEC/") {
        ReferenceKind::Decision
    } else if symbol.contains("/PV.") || symbol.contains("/SR.") {
        ReferenceKind::MeetingRecord
    } else {
        ReferenceKind::Document
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<Vec<String>> {
        find(text).into_iter().map(|f| f.symbols).collect()
    }

    #[test]
    fn series_of_every_kind() {
        for s in [
            "A/79/798",
            "S/2025/110",
            "E/2025/78",
            "A/HRC/59/L.17",
            "A/C.3/78/L.60",
            "A/AC.121/2025/INF/1",
            "A/CONF.230/2025/L.2",
            "E/CN.6/2025/NGO/166",
            "ST/SGB/2019/8",
            "DP/FPA/2025/6/Add.1",
            "ICCD/COP(8)/CST/8",
            "TD/B/CN.4/36",
            "S/PRST/2025/1",
            "A/ES-10/1043",
            "A/79/PV.29",
            "S/PV.9620",
            "S/2025/71/Rev.1",
            "A/79/437/Add.4/Corr.1",
            "A/RES/75/1",
        ] {
            assert_eq!(
                symbols(&format!("see {s}.")),
                vec![vec![s.to_string()]],
                "{s}"
            );
        }
    }

    #[test]
    fn joint_symbols_and_spans() {
        let text = "dated 22 April 2021 (A/75/861-S/2021/392), which";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].symbols, ["A/75/861", "S/2021/392"]);
        assert_eq!(&text[found[0].start..found[0].end], "A/75/861-S/2021/392");
        assert_eq!(
            symbols("A/79/963- S/2025/438"),
            vec![vec!["A/79/963".to_string(), "S/2025/438".to_string()]]
        );
        assert_eq!(
            symbols("A/79/798\u{2013}S/2025/110"),
            vec![vec!["A/79/798".to_string(), "S/2025/110".to_string()]]
        );
        assert_eq!(
            symbols("A/ES-10/1043\u{2014}S/2025/529"),
            vec![vec!["A/ES-10/1043".to_string(), "S/2025/529".to_string()]]
        );
    }

    #[test]
    fn lists_give_one_reference_each() {
        let found = symbols("(A/79/798-S/2025/110 and A/79/802-S/2025/123)");
        assert_eq!(found.len(), 2);
        assert_eq!(
            symbols("A/74/660, A/74/824 and A/74/962, respectively").len(),
            3
        );
    }

    #[test]
    fn resolutions_by_symbol_and_reissues() {
        let f = find("S/RES/822 (1993) and S/RES/853(1993)");
        assert_eq!(f[0].symbols, ["S/RES/822 (1993)"]);
        assert_eq!(f[1].symbols, ["S/RES/853 (1993)"]);
        assert_eq!(f[0].kind, ReferenceKind::Resolution);
        let star = "A/79/843*-S/2025/201*";
        let f = find(star);
        assert_eq!(f[0].symbols, ["A/79/843", "S/2025/201"]);
        assert_eq!(&star[f[0].start..f[0].end], star);
    }

    #[test]
    fn symbols_broken_by_a_line() {
        assert_eq!(
            symbols("letter (A/79/ 798)"),
            vec![vec!["A/79/798".to_string()]]
        );
    }

    #[test]
    fn not_symbols() {
        for text in [
            "and/or",
            "km/h",
            "https://www.un.org/en/ga/79/",
            "2020/21",
            "UNDP/UNFPA",
            "24/7",
            "www.icimod.org/who-we-are/",
            "COVID-19/SARS",
            "the A/B test",
            "AB/CD/EF",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
