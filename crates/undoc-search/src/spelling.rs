//! Searching for what a researcher means: the record spells places and
//! persons several ways (Zangezur and Zangazur, Karabakh and Garabagh,
//! Sumgait and Sumgayit), so a query with few hits is widened to the close
//! spellings the index itself holds and says so, and an empty result says
//! which spellings are near and which filters left nothing.
//!
//! The engine answers one question, [`Search::close_terms`] (the index's
//! terms within a few edits of a word); everything else is decided here,
//! once for both engines.

use crate::{Budget, Result, Search, SearchRequest, SearchResults};

/// Fewer hits than this and the query is widened to close spellings.
pub const FEW_HITS: usize = 5;

/// Close spellings tried per word, and alternatives per query.
const SPELLINGS_PER_WORD: usize = 3;
pub const MAX_ALTERNATIVES: usize = 8;

/// A term of the index near a word of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseTerm {
    /// The term as the index holds it (a stem, lower case).
    pub term: String,
    /// The query word's own term it is close to.
    pub of: String,
    /// Edits from `of`.
    pub edits: u8,
    /// Documents holding it.
    pub documents: u64,
}

impl CloseTerm {
    /// The order [`Search::close_terms`] gives them in: nearest first, then
    /// the most held, then by spelling.
    pub fn nearest_first(a: &CloseTerm, b: &CloseTerm) -> std::cmp::Ordering {
        a.edits
            .cmp(&b.edits)
            .then(b.documents.cmp(&a.documents))
            .then_with(|| a.term.cmp(&b.term))
    }

    /// Whether it is another spelling of the word rather than another word:
    /// within the edits its stem's own length allows (a French reading cuts
    /// "Sumgait" to "sumg", whose neighbours are other words), of four
    /// letters or more, and two edits only as letters changed in place
    /// (Garabagh, Karabakh: k/g, kh/gh), not letters dropped ("garbag", the
    /// stem of "garbage").
    ///
    /// And the two must sound alike: transliterations change letters for
    /// ones said alike (k/g, e/a, a "y" put in), not for others ("Lachin"
    /// is no spelling of "machine").
    pub fn is_spelling(&self) -> bool {
        let length = self.term.chars().count();
        self.edits >= 1
            && self.edits <= edits_allowed(&self.of)
            && length >= 4
            && (self.edits == 1 || length == self.of.chars().count())
            && sound_alike(&self.term, &self.of)
    }
}

/// Whether two Latin spellings keep the same consonants by how they are
/// said (a Soundex-like key: b/f/p/v, c/g/j/k/q/s/x/z, d/t, l, m/n, r;
/// vowels, h, w and y left out but for an opening one, a letter said twice
/// once): "Karabakh" and
/// "Garabagh", "Gaza" and "Ghazzah", "Sumgait" and "Sumgayit" do. Words of
/// other scripts are not compared.
fn sound_alike(a: &str, b: &str) -> bool {
    match (sound_key(a), sound_key(b)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

fn sound_key(word: &str) -> Option<Vec<u8>> {
    let mut key: Vec<u8> = Vec::new();
    // A word opening with a vowel says so ("Azza" is not "Gazza").
    if word
        .chars()
        .next()
        .is_some_and(|c| "aeiouyAEIOUY".contains(c))
    {
        key.push(0);
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let class = match c {
            'b' | 'f' | 'p' | 'v' => 1,
            'c' | 'ç' | 'č' | 'g' | 'ğ' | 'j' | 'k' | 'q' | 's' | 'š' | 'ş' | 'x' | 'z' | 'ž' => {
                2
            }
            'd' | 't' => 3,
            'l' => 4,
            'm' | 'n' | 'ñ' => 5,
            'r' => 6,
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | 'ı' | 'ə' => continue,
            c if c.is_ascii() => continue,
            // Latin letters with marks (é, ü, ć …) are left out as vowels are;
            // a letter of another script is not compared here.
            '\u{00C0}'..='\u{024F}' => continue,
            _ => return None,
        };
        if key.last() != Some(&class) {
            key.push(class);
        }
    }
    Some(key)
}

/// A word held by this many documents is a word of the record, not a
/// misspelling: its neighbours ("lake": "take", "make") are other words.
pub const RARE_WORD_DOCUMENTS: u64 = 20;

/// Letters a word needs before its spellings widen a search: one letter
/// from a short word is another word ("Lake": "like", "Sevan": "Sean");
/// they are still suggested when nothing is found.
const MIN_WIDENED_LETTERS: usize = 6;

/// A spelling more common than this many times the word's own documents
/// (plus one) is another word ("Sevan": "seven"), not the name spelt
/// otherwise (Garabagh 3, Karabakh 12).
const MORE_COMMON_AT_MOST: u64 = 10;

/// A spelling the index holds for a word of a query that found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The word as typed.
    pub word: String,
    /// The spelling, in the case the word was typed in.
    pub spelling: String,
    /// Documents holding it.
    pub documents: u64,
    /// The query with the word so spelt.
    pub query: String,
}

/// The edits a word may be from a term and still be its spelling: none for
/// a short word (three letters have too many neighbours), one up to seven
/// letters (Sumgait, Sumgayit), two from eight (Garabagh, Karabakh).
pub fn edits_allowed(word: &str) -> u8 {
    match word.chars().count() {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// Edits between two terms, as tantivy's Levenshtein automaton counts
/// them (a swap of neighbours is one): what an engine without that
/// automaton measures its candidates with, so both agree.
pub fn edits_between(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The words of a query that may be misspelt names: bare words (no sign,
/// not in a phrase, not AND/OR/NOT) of letters only, and the parts of a
/// hyphenated one ("Nagorno-Garabagh"), with the byte range each has in
/// the query.
fn bare_words(query: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut words = Vec::new();
    let mut in_phrase = false;
    let mut start = None;
    let mut push = |range: std::ops::Range<usize>| {
        let token = &query[range.clone()];
        if token.starts_with(['-', '+']) || matches!(token, "AND" | "OR" | "NOT") {
            return;
        }
        let mut at = range.start;
        for part in token.split(HYPHENS) {
            if !part.is_empty() && part.chars().all(char::is_alphabetic) {
                words.push((at..at + part.len(), part));
            }
            // Past the part and the hyphen after it.
            at += part.len();
            at += query[at..range.end]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        }
    };
    for (i, c) in query.char_indices() {
        if c == '"' {
            if let Some(s) = start.take()
                && !in_phrase
            {
                push(s..i);
            }
            in_phrase = !in_phrase;
            continue;
        }
        if in_phrase {
            continue;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start
        && !in_phrase
    {
        push(s..query.len());
    }
    words.truncate(crate::MAX_QUERY_WORDS);
    words
}

/// What joins the parts of a compound name.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2013}'];

/// The query with one word replaced.
fn replacing(query: &str, range: std::ops::Range<usize>, by: &str) -> String {
    format!("{}{by}{}", &query[..range.start], &query[range.end..])
}

/// A term as a reader would write it, in the case the word was typed in:
/// "zangazur" for "Zangezur" is shown "Zangazur".
fn as_typed(term: &str, typed: &str) -> String {
    if typed.chars().next().is_some_and(char::is_uppercase) {
        crate::passage::capitalised(term)
    } else {
        term.to_owned()
    }
}

/// Runs a search as [`Search::search_within`] does, and then, for a query
/// of words:
///
/// - with fewer than [`FEW_HITS`] hits, searches again with each bare word's
///   close spellings in the index as alternatives (the query with that word
///   so spelt), and keeps the wider result when it finds more, naming the
///   spellings it added (`also_matching`);
/// - with no hit at all, gives for each word found nowhere the nearest
///   spellings the index holds (`suggestions`) and, for each filter set,
///   how many documents the search finds without it (`excluded_by`).
pub fn search_as_meant(
    engine: &dyn Search,
    request: &SearchRequest,
    budget: &Budget,
) -> Result<SearchResults> {
    Ok(search_as_meant_by(engine, request, budget)?.1)
}

/// [`search_as_meant`], with the request it answered: the one given, or
/// the one widened to close spellings. What pages through every match
/// (an export) asks for the next pages, so it selects what the search showed.
pub fn search_as_meant_by(
    engine: &dyn Search,
    request: &SearchRequest,
    budget: &Budget,
) -> Result<(SearchRequest, SearchResults)> {
    let mut results = engine.search_within(request, budget)?;
    let query = request.query.trim();
    if results.total >= FEW_HITS
        || query.is_empty()
        || crate::symbol_query(query).is_some()
        || !request.alternatives.is_empty()
    {
        return Ok((request.clone(), results));
    }
    let language = request.filters.language.as_deref();
    // Each word's spellings, and whether they may widen the search.
    let mut spellings: Vec<(std::ops::Range<usize>, &str, Vec<CloseTerm>)> = Vec::new();
    let mut alternatives: Vec<(String, String)> = Vec::new();
    for (range, word) in bare_words(query) {
        if edits_allowed(word) == 0 {
            continue;
        }
        let terms = engine.close_terms(word, language, budget)?;
        let own = terms
            .iter()
            .filter(|t| t.edits == 0)
            .map(|t| t.documents)
            .max()
            .unwrap_or(0);
        let close: Vec<CloseTerm> = terms
            .into_iter()
            .filter(CloseTerm::is_spelling)
            .take(SPELLINGS_PER_WORD)
            .collect();
        // Only spellings whose sound can be compared (Latin letters: the
        // record's transliterated names) widen a search unasked; in Arabic,
        // one letter turns "visa" (تأشيرة) into "delay" (تأخير).
        let comparable = sound_key(word).is_some();
        if own < RARE_WORD_DOCUMENTS && word.chars().count() >= MIN_WIDENED_LETTERS && comparable {
            for c in &close {
                if c.documents <= MORE_COMMON_AT_MOST * (own + 1)
                    && alternatives.len() < MAX_ALTERNATIVES
                {
                    alternatives.push((
                        replacing(query, range.clone(), &c.term),
                        as_typed(&c.term, word),
                    ));
                }
            }
        }
        if !close.is_empty() {
            spellings.push((range, word, close));
        }
    }
    let widened = SearchRequest {
        alternatives: alternatives.iter().map(|(q, _)| q.clone()).collect(),
        ..request.clone()
    };
    let mut answered = request.clone();
    if !alternatives.is_empty() {
        let wider = engine.search_within(&widened, budget)?;
        if wider.total > results.total {
            results = SearchResults {
                also_matching: alternatives.iter().map(|(_, s)| s.clone()).collect(),
                ..wider
            };
            answered = widened.clone();
        }
    }
    if results.total > 0 {
        return Ok((answered, results));
    }
    for (range, word, close) in &spellings {
        // A word the index holds is not misspelt, whatever else found nothing.
        let alone = SearchRequest {
            query: (*word).to_owned(),
            limit: 1,
            ..SearchRequest::default()
        };
        if engine.search_within(&alone, budget)?.total > 0 {
            continue;
        }
        for c in close {
            results.suggestions.push(Suggestion {
                word: (*word).to_owned(),
                spelling: as_typed(&c.term, word),
                documents: c.documents,
                query: replacing(query, range.clone(), &c.term),
            });
        }
    }
    for (name, _) in request.filters.query_pairs() {
        let fewer = SearchRequest {
            filters: request.filters.without(name),
            limit: 1,
            offset: 0,
            ..widened.clone()
        };
        let total = engine.search_within(&fewer, budget)?.total;
        if total > 0 {
            results.excluded_by.push((name.to_owned(), total));
        }
    }
    Ok((answered, results))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An engine that knows each text's hit count and each word's terms.
    struct Stub {
        hits: &'static [(&'static str, usize)],
        terms: &'static [(&'static str, &'static str, u8, u64)],
    }

    impl Search for Stub {
        fn search_within(&self, request: &SearchRequest, _: &Budget) -> Result<SearchResults> {
            let count = |text: &str| {
                self.hits
                    .iter()
                    .find(|(t, _)| t.to_lowercase() == text.to_lowercase())
                    .map_or(0, |(_, n)| *n)
            };
            let total = std::iter::once(request.query.as_str())
                .chain(request.alternatives.iter().map(String::as_str))
                .map(count)
                .sum();
            Ok(SearchResults {
                total,
                ..SearchResults::default()
            })
        }

        fn close_terms(&self, word: &str, _: Option<&str>, _: &Budget) -> Result<Vec<CloseTerm>> {
            let of = word.to_lowercase();
            Ok(self
                .terms
                .iter()
                .filter(|(w, ..)| *w == of)
                .map(|(_, term, edits, documents)| CloseTerm {
                    term: (*term).to_owned(),
                    of: of.clone(),
                    edits: *edits,
                    documents: *documents,
                })
                .collect())
        }

        fn update(&mut self, _: &dyn undoc_store::Store, _: &[String]) -> Result<()> {
            Ok(())
        }

        fn num_docs(&self) -> u64 {
            0
        }
    }

    fn meant(stub: &Stub, query: &str) -> SearchResults {
        let request = SearchRequest {
            query: query.to_owned(),
            limit: 20,
            ..SearchRequest::default()
        };
        search_as_meant(stub, &request, &Budget::default()).unwrap()
    }

    /// PostgreSQL widened the Arabic تأشيرة (visa) to تأخير (delay), one
    /// letter away, and A/RES/80/1@ar lost its first place: a spelling
    /// whose sound cannot be compared never widens a search unasked. Short
    /// words neither ("Lake": "like"). A Latin name does (Garabagh).
    #[test]
    fn only_latin_names_of_six_letters_or_more_widen_a_search() {
        let stub = Stub {
            hits: &[
                ("تأشيرة", 1),
                ("تأخير", 3),
                ("lake", 1),
                ("like", 3),
                ("garabagh", 1),
                ("karabakh", 3),
            ],
            terms: &[
                ("تأشيرة", "تأشيرة", 0, 1),
                ("تأشيرة", "تأخير", 1, 3),
                ("lake", "lake", 0, 1),
                ("lake", "like", 1, 3),
                ("garabagh", "garabagh", 0, 1),
                ("garabagh", "karabakh", 2, 3),
            ],
        };
        let arabic = meant(&stub, "تأشيرة");
        assert_eq!((arabic.total, arabic.also_matching.len()), (1, 0));
        let lake = meant(&stub, "Lake");
        assert_eq!((lake.total, lake.also_matching.len()), (1, 0));
        let garabagh = meant(&stub, "Garabagh");
        assert_eq!(garabagh.total, 4);
        assert_eq!(garabagh.also_matching, ["Karabakh"]);
    }

    #[test]
    fn bare_words_leave_phrases_signs_and_operators() {
        let query = r#"Zangezur "Lachin corridor" -Armenia OR Sumgait 1988 Nagorno-Garabagh"#;
        let words: Vec<&str> = bare_words(query).into_iter().map(|(_, w)| w).collect();
        assert_eq!(words, ["Zangezur", "Sumgait", "Nagorno", "Garabagh"]);
        let (range, _) = bare_words(query)[1].clone();
        assert_eq!(
            replacing(query, range, "sumgayit"),
            r#"Zangezur "Lachin corridor" -Armenia OR sumgayit 1988 Nagorno-Garabagh"#
        );
        let (range, _) = bare_words(query)[3].clone();
        assert!(replacing(query, range, "karabakh").ends_with("Nagorno-karabakh"));
    }

    #[test]
    fn longer_words_may_be_further_from_their_spellings() {
        assert_eq!(edits_allowed("Gaza"), 1);
        assert_eq!(edits_allowed("Sumgait"), 1);
        assert_eq!(edits_allowed("Garabagh"), 2);
        assert_eq!(edits_allowed("war"), 0);
        assert_eq!(as_typed("zangazur", "Zangezur"), "Zangazur");
        assert_eq!(as_typed("zangazur", "zangezur"), "zangazur");
    }

    #[test]
    fn two_edits_are_a_spelling_only_as_letters_changed_in_place() {
        let close = |term: &str, of: &str, edits| CloseTerm {
            term: term.into(),
            of: of.into(),
            edits,
            documents: 1,
        };
        assert!(close("karabakh", "garabagh", 2).is_spelling());
        assert!(!close("garbag", "garabagh", 2).is_spelling());
        assert!(close("garabag", "garabagh", 1).is_spelling());
        // The word's own term, and the neighbours of a stem cut short.
        assert!(!close("garabagh", "garabagh", 0).is_spelling());
        assert!(!close("ser", "sev", 1).is_spelling());
        assert!(!close("sumgayi", "sumg", 2).is_spelling());
    }

    #[test]
    fn spellings_sound_alike() {
        for (a, b) in [
            ("karabakh", "garabagh"),
            ("zangezur", "zangazur"),
            ("zangezour", "zangezur"),
            ("sumgait", "sumgayit"),
            ("gaza", "ghazzah"),
            ("nagorno", "nagorni"),
            ("securiti", "sécuriti"),
        ] {
            assert!(sound_alike(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("lachin", "machin"),
            ("gazza", "azza"),
            ("secuirti", "securitv"),
        ] {
            assert!(!sound_alike(a, b), "{a} {b}");
        }
        // Other scripts are not compared.
        assert!(sound_alike("карабах", "карабахе"));
    }
}
