//! Where in a long text a hit's words are: meeting records and reports run
//! to hundreds of pages, and an engine's highlighter reads every word it is
//! given. One case-insensitive Aho–Corasick pass over the text finds the
//! query's words (as the engine stems them: a stem is the start of the word
//! it came from), the densest window of them is chosen, and only that window
//! goes to the engine's highlighter. Both engines use it, so a match on page
//! 80 shows page 80 on either.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Occurrences read before choosing: a common word in a long record is
/// found thousands of times, and the first thousand hold a good window
/// (ranking them all was a third of a common word's search).
const MAX_OCCURRENCES: usize = 1_000;

/// Bytes within which different words of the query count as one passage.
const CLUSTER_BYTES: usize = 240;

/// Bytes of text given to the highlighter before and after the cluster.
const CONTEXT_BEFORE: usize = 200;
const CONTEXT_AFTER: usize = 400;

/// Finds the passages of texts that hold a query's words.
#[derive(Debug, Clone)]
pub struct PassageFinder {
    automaton: AhoCorasick,
    /// For each pattern, the query word it spells.
    word_of: Vec<usize>,
    /// For each pattern, whether it must start a word: letters of alphabets
    /// (a stem "war" is not found in "award"); not for Arabic, whose stems
    /// follow attached prefixes, nor for Chinese, written without spaces.
    starts_word: Vec<bool>,
    words: usize,
}

impl PassageFinder {
    /// A finder for these words (stems, terms, a symbol); `None` when none
    /// is left to look for.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<PassageFinder> {
        let mut patterns: Vec<String> = Vec::new();
        let mut word_of = Vec::new();
        let mut starts_word = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for word in words {
            let word = word.trim().to_lowercase();
            if word.is_empty() || seen.contains(&word) {
                continue;
            }
            let index = seen.len();
            let starting = word.chars().next().is_some_and(in_spaced_alphabet);
            // ASCII letters are matched in any case by the automaton; other
            // letters as lower, capitalised or upper case.
            let mut spellings = vec![word.clone()];
            if !word.is_ascii() {
                spellings.push(capitalised(&word));
                spellings.push(word.to_uppercase());
            }
            spellings.dedup();
            for spelling in spellings {
                if !patterns.contains(&spelling) {
                    patterns.push(spelling);
                    word_of.push(index);
                    starts_word.push(starting);
                }
            }
            seen.push(word);
        }
        if patterns.is_empty() {
            return None;
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(PassageFinder {
            automaton,
            word_of,
            starts_word,
            words: seen.len(),
        })
    }

    /// Up to `limit` byte ranges of `text` to highlight, best first: the
    /// window holding the most different words of the query (the earliest
    /// among equals), then the next best that does not overlap it. Each range
    /// lies on character boundaries and, where it can, starts and ends
    /// between words.
    pub fn windows(&self, text: &str, limit: usize) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let occurrences: Vec<(usize, usize)> = self
            .automaton
            .find_iter(text)
            .filter(|m| {
                !self.starts_word[m.pattern().as_usize()]
                    || text[..m.start()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .take(MAX_OCCURRENCES)
            .map(|m| (m.start(), self.word_of[m.pattern().as_usize()]))
            .collect();
        // For each occurrence, the different words within CLUSTER_BYTES after
        // it: a window sliding over the occurrences, counting each word's.
        let mut counts = vec![0usize; self.words];
        let mut distinct = 0;
        let mut end = 0;
        let mut scored: Vec<(usize, usize)> = Vec::with_capacity(occurrences.len());
        for (first, &(start, word)) in occurrences.iter().enumerate() {
            while let Some(&(at, w)) = occurrences.get(end) {
                if at >= start + CLUSTER_BYTES {
                    break;
                }
                if counts[w] == 0 {
                    distinct += 1;
                }
                counts[w] += 1;
                end += 1;
            }
            scored.push((distinct, start));
            if end > first {
                counts[word] -= 1;
                if counts[word] == 0 {
                    distinct -= 1;
                }
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut chosen: Vec<Range<usize>> = Vec::new();
        for (_, start) in scored {
            if chosen.len() >= limit {
                break;
            }
            let range = around(text, bytes, start);
            if chosen
                .iter()
                .all(|c| c.end <= range.start || range.end <= c.start)
            {
                chosen.push(range);
            }
        }
        chosen
    }
}

/// The text around a match at `at`, widened to the spaces before and after.
fn around(text: &str, bytes: &[u8], at: usize) -> Range<usize> {
    let mut start = at.saturating_sub(CONTEXT_BEFORE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Start after a space, so the passage does not open mid-word.
    if start > 0
        && let Some(space) = bytes[start..at].iter().position(u8::is_ascii_whitespace)
    {
        start += space + 1;
    }
    let mut end = (at + CONTEXT_AFTER).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len()
        && let Some(space) = bytes[at..end].iter().rposition(u8::is_ascii_whitespace)
    {
        end = at + space;
    }
    start..end.max(at)
}

/// Letters of scripts written with spaces between words (Latin, Greek,
/// Cyrillic) and digits: a word of these is found only where a word starts.
fn in_spaced_alphabet(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{00C0}'..='\u{052F}').contains(&c)
}

/// A word with its first letter in upper case.
pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage<'a>(text: &'a str, words: &[&str]) -> Vec<&'a str> {
        let finder = PassageFinder::new(words.iter().copied()).expect("words");
        finder
            .windows(text, 3)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn the_window_holding_most_of_the_words_comes_first() {
        let filler = "nothing to see here. ".repeat(40);
        let text = format!(
            "{filler}The corridor was closed. {filler}Armenia spoke of the Zangezur corridor at length. {filler}"
        );
        let found = passage(&text, &["zangezur", "corridor"]);
        assert!(found[0].contains("Zangezur corridor"), "{found:?}");
        // The lone "corridor" earlier is the second choice, not the first.
        assert!(found[1].contains("corridor was closed"), "{found:?}");
    }

    #[test]
    fn stems_are_found_at_the_start_of_words_only() {
        let text = format!("an award {} the war ended", "x ".repeat(300));
        let found = passage(&text, &["war"]);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("the war ended"), "{found:?}");
    }

    #[test]
    fn other_scripts_are_found_in_any_case_and_inside_words() {
        let found = passage("… Совет Безопасности …", &["совет"]);
        assert!(found[0].contains("Совет"));
        // Arabic stems follow attached prefixes ("ال").
        let found = passage("قرار مجلس الأمن", &["أمن"]);
        assert_eq!(found.len(), 1);
        let found = passage("安全理事会决议", &["理事会"]);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn windows_lie_on_character_boundaries_whatever_the_text() {
        let text = "é".repeat(500) + "target" + &"ü".repeat(500);
        for range in PassageFinder::new(["target"])
            .expect("a word")
            .windows(&text, 2)
        {
            assert!(text.get(range).is_some());
        }
        assert!(PassageFinder::new(["", "  "]).is_none());
    }
}
