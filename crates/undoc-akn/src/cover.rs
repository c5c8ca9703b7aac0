//! The cover page and the workflow: distribution, session, agenda items,
//! title, the sponsors' and the vote's States.

use roxmltree::Node;
use undoc_model::{AgendaItem, Session, Vote};

use crate::body::text_of;
use crate::descendant;

/// The distribution line, in any of the six languages, or the element's `refersTo`.
pub(crate) fn distribution(
    text: &str,
    refers_to: Option<&str>,
) -> Option<undoc_model::Distribution> {
    use undoc_model::Distribution::*;
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "restricted",
        "restreint",
        "reservad",
        "ограничен",
        "محدود التوزيع",
        "限制分发",
    ]) && !t.contains("limit")
    {
        return Some(Restricted);
    }
    if has(&[
        "limited",
        "limitée",
        "limitada",
        "ограниченн",
        "محدود",
        "限制",
    ]) {
        return Some(Limited);
    }
    if has(&[
        "general",
        "générale",
        "общая",
        "общий",
        "عام",
        "普遍",
        "一般",
    ]) {
        return Some(General);
    }
    match refers_to.map(str::to_ascii_lowercase) {
        Some(r) if r.contains("general") => Some(General),
        Some(r) if r.contains("limited") => Some(Limited),
        _ => None,
    }
}

/// The session: the cover page's `value`, a special session from the symbol.
pub(crate) fn session(cover: Option<Node>, symbols: &[String]) -> Option<Session> {
    let from_symbol = symbols.iter().find_map(|s| {
        let rest = s
            .strip_prefix("A/RES/")
            .or_else(|| s.strip_prefix("A/DEC/"))?;
        let first = rest.split('/').next()?;
        if first.starts_with("ES-") || first.starts_with("S-") {
            Some(Session::Named(first.to_owned()))
        } else {
            first.parse().ok().map(Session::Number)
        }
    });
    if matches!(from_symbol, Some(Session::Named(_))) {
        return from_symbol;
    }
    cover
        .and_then(|c| descendant(c, "session"))
        .and_then(|n| n.attribute("value"))
        .and_then(|v| v.trim().parse().ok())
        .map(Session::Number)
        .or(from_symbol)
}

/// Agenda items from the cover page: numbers in the item line (in any
/// language: "Agenda items 13 and 117", "议程项目13和117", "البند 23 (أ)"),
/// with the title line when there is one item.
pub(crate) fn agenda_items(cover: Node, organ: &str) -> Vec<AgendaItem> {
    let line = cover
        .descendants()
        .find(|n| n.attribute("name") == Some("agenda item"));
    let Some(line) = line else { return Vec::new() };
    let text = text_of(line, &mut Vec::new());
    let title = cover
        .descendants()
        .find(|n| n.attribute("name") == Some("agenda item name"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty());
    let mut items = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        // "23 (a)", "23(a)", "23 a)", "23 (أ)".
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let open = chars.get(j) == Some(&'(');
        let letter_at = if open { j + 1 } else { j };
        let sub = chars
            .get(letter_at)
            .and_then(|c| sub_letter(*c))
            .filter(|_| chars.get(letter_at + 1) == Some(&')'));
        if sub.is_some() {
            i = letter_at + 2;
        }
        items.push(AgendaItem {
            organ: organ.to_owned(),
            number,
            sub: sub.map(|c| c.to_string()),
            title: None,
            preliminary: false,
        });
    }
    if items.len() == 1 {
        items[0].title = title;
    }
    items
}

/// A sub-item letter, Latin or Arabic (أ ب ج د …, in abjad order).
pub(crate) fn sub_letter(c: char) -> Option<char> {
    if c.is_ascii_lowercase() {
        return Some(c);
    }
    const ABJAD: [(char, char); 8] = [
        ('أ', 'a'),
        ('ب', 'b'),
        ('ج', 'c'),
        ('د', 'd'),
        ('ه', 'e'),
        ('و', 'f'),
        ('ز', 'g'),
        ('ح', 'h'),
    ];
    ABJAD.iter().find(|(a, _)| *a == c).map(|(_, l)| *l)
}

/// The resolution's own title, from the preface.
pub(crate) fn preface_title(preface: Node) -> Option<String> {
    preface
        .descendants()
        .find(|n| n.tag_name().name() == "docTitle")
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty())
}

/// Names in a workflow's `by`: States as short official English names in an
/// English file; in other languages, split at commas and the last conjunction.
pub(crate) fn names(by: &str, language: &str) -> Vec<String> {
    let by = by.trim();
    if by.is_empty() {
        return Vec::new();
    }
    // "submitted by the Vice-Chair of the Committee, Ivana Vejić (Croatia) …": one proponent.
    if by.to_lowercase().starts_with("submitted by") {
        return vec![by.to_owned()];
    }
    if language == "en" {
        return undoc_states::split_list(by);
    }
    let conjunction = undoc_lang::get(language).map_or(" and ", |l| l.letters.and_word);
    let mut out: Vec<String> = by
        .split([',', '،', '、', '，', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(last) = out.pop() {
        match last.rsplit_once(conjunction) {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                out.push(a.trim().to_owned());
                out.push(b.trim().to_owned());
            }
            _ => out.push(last),
        }
    }
    out
}

/// The recorded vote under `<voting>`.
pub(crate) fn vote(voting: Node) -> Option<Vote> {
    let mut vote = Vote::default();
    let mut any = false;
    for count in voting.children().filter(|n| n.tag_name().name() == "count") {
        let list = match count.attribute("refersTo") {
            Some("inFavour") => &mut vote.in_favour,
            Some("against") => &mut vote.against,
            Some("abstaining") => &mut vote.abstaining,
            _ => continue,
        };
        for voter in count
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "organization" | "person"))
        {
            let name = text_of(voter, &mut Vec::new());
            if name.is_empty() {
                continue;
            }
            any = true;
            list.push(undoc_states::canonical(&name).map_or(name, str::to_owned));
        }
    }
    any.then_some(vote)
}
