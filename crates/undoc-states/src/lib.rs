/*!
The States the UN record speaks of: the 193 Member States and the two
observer States (Holy See, State of Palestine), each with the variants met in
documents (`Turkey` / `Türkiye`, `Russia`, `Islamic Republic of Iran`,
curly and straight apostrophes), always reported by the short official
English name.

One automaton (Aho–Corasick, leftmost-longest, so that "Papua New Guinea"
is not read as "Guinea" and "Nigeria" not as "Niger") serves both the parser
(the State a letter speaks for) and the reference scanner (States mentioned).
*/

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// One line per State: the short official name, then its variants, tab-separated.
const TABLE: &str = include_str!("names.tsv");

/// A State named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Short official English name.
    pub state: &'static str,
    pub start: usize,
    pub end: usize,
}

struct Gazetteer {
    automaton: AhoCorasick,
    /// Pattern index → short official name.
    canonical: Vec<&'static str>,
    names: Vec<&'static str>,
}

fn gazetteer() -> &'static Gazetteer {
    static CELL: OnceLock<Gazetteer> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut canonical = Vec::new();
        let mut names = Vec::new();
        for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            let Some(name) = fields.next() else { continue };
            names.push(name);
            for variant in std::iter::once(name).chain(fields) {
                patterns.push(variant);
                canonical.push(name);
            }
        }
        Gazetteer {
            automaton: build(&patterns),
            canonical,
            names,
        }
    })
}

// The patterns are a fixed table compiled into the binary (and the test
// below builds it), so failure here is a programming error, not bad input.
#[allow(clippy::expect_used)]
fn build(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the State table builds an automaton")
}

/// All 195 short official names, in table order.
pub fn all() -> &'static [&'static str] {
    &gazetteer().names
}

/// Every State named in `text`, in text order, on word boundaries.
pub fn mentions(text: &str) -> Vec<Mention> {
    let g = gazetteer();
    g.automaton
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| Mention {
            state: g.canonical[m.pattern().as_usize()],
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// The first State named in `text`.
pub fn first(text: &str) -> Option<&'static str> {
    mentions(text).first().map(|m| m.state)
}

/// The distinct States named in `text`, sorted by name.
pub fn mentioned(text: &str) -> Vec<&'static str> {
    let mut states: Vec<&'static str> = mentions(text).into_iter().map(|m| m.state).collect();
    states.sort_unstable();
    states.dedup();
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_state_once() {
        assert_eq!(all().len(), 195);
        let mut names = all().to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 195);
    }

    #[test]
    fn variants_map_to_short_names() {
        assert_eq!(first("the Republic of Türkiye"), Some("Türkiye"));
        assert_eq!(first("Turkey"), Some("Türkiye"));
        assert_eq!(
            first("the Islamic Republic of Iran"),
            Some("Iran (Islamic Republic of)")
        );
        assert_eq!(first("Russia’s aggression"), Some("Russian Federation"));
        assert_eq!(first("Cote d'Ivoire"), Some("Côte d'Ivoire"));
        assert_eq!(first("Palestine"), Some("State of Palestine"));
    }

    #[test]
    fn longer_names_win_and_words_are_whole() {
        assert_eq!(
            mentioned("Papua New Guinea and Nigeria"),
            vec!["Nigeria", "Papua New Guinea"]
        );
        assert_eq!(
            mentioned("the Democratic Republic of the Congo"),
            vec!["Democratic Republic of the Congo"]
        );
        assert_eq!(
            mentioned("Armenian forces, Azerbaijani people"),
            Vec::<&str>::new()
        );
        assert_eq!(
            mentioned("South Sudan and Sudan"),
            vec!["South Sudan", "Sudan"]
        );
    }
}
