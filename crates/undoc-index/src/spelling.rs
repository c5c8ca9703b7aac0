//! Close spellings from the index's own terms: a Levenshtein automaton
//! (the one tantivy builds for fuzzy terms) run over each language field's
//! term dictionary, so "Garabagh" finds "karabakh" without reading a
//! document.

use std::collections::BTreeMap;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::schema::Field;
use undoc_search::{Budget, CloseTerm, edits_allowed};

use crate::query::query_languages;
use crate::{OrEngine, Result, SearchIndex};

/// Terms looked at per field and segment: the automaton visits only
/// terms within reach, but a short stem in a huge dictionary has many.
const MAX_TERMS_SEEN: usize = 10_000;

/// The automaton as the term dictionary walks it, into words only: a close
/// spelling is a word of letters, and the dictionaries also hold every pair
/// of words ("secur council"), each past a space, and numbers: terms
/// dropped afterwards, which also used up `MAX_TERMS_SEEN`.
struct Within<'a>(&'a DFA);

impl tantivy_fst::Automaton for Within<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        // A byte of a multi-byte letter is past 0x7F; below, only ASCII letters.
        if byte.is_ascii() && !byte.is_ascii_alphabetic() {
            return SINK_STATE;
        }
        self.0.transition(*state, byte)
    }
}

impl SearchIndex {
    /// See [`undoc_search::Search::close_terms`].
    pub fn close_terms(
        &self,
        word: &str,
        language: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<CloseTerm>> {
        let edits = edits_allowed(word);
        if edits == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let builder = LevenshteinAutomatonBuilder::new(edits, true);
        // term → (edits, documents in the language that holds it most, the
        // query word's term it is close to)
        let mut found: BTreeMap<String, (u8, u64, String)> = BTreeMap::new();
        for slot in query_languages(word, language) {
            let field = self.fields.texts[slot].body;
            let Some(stem) = self.term_of(field, word) else {
                continue;
            };
            let dfa = builder.build_dfa(&stem);
            let mut in_language: BTreeMap<String, (u8, u64)> = BTreeMap::new();
            for segment in searcher.segment_readers() {
                budget.check()?;
                let inverted = segment.inverted_index(field).engine()?;
                let mut terms = inverted
                    .terms()
                    .search(Within(&dfa))
                    .into_stream()
                    .engine()?;
                let mut seen = 0;
                while seen < MAX_TERMS_SEEN && terms.advance() {
                    seen += 1;
                    let Ok(term) = std::str::from_utf8(terms.key()) else {
                        continue;
                    };
                    let Distance::Exact(distance) = dfa.eval(term) else {
                        continue;
                    };
                    let entry = in_language.entry(term.to_owned()).or_insert((distance, 0));
                    entry.1 += u64::from(terms.value().doc_freq);
                }
            }
            for (term, (distance, documents)) in in_language {
                let entry = found
                    .entry(term)
                    .or_insert_with(|| (distance, 0, stem.clone()));
                if distance < entry.0 {
                    *entry = (distance, entry.1, stem.clone());
                }
                entry.1 = entry.1.max(documents);
            }
        }
        let mut close: Vec<CloseTerm> = found
            .into_iter()
            .filter(|(term, _)| term.chars().all(char::is_alphabetic))
            .map(|(term, (edits, documents, of))| CloseTerm {
                term,
                of,
                edits,
                documents,
            })
            .collect();
        close.sort_by(CloseTerm::nearest_first);
        Ok(close)
    }

    /// A word as `field`'s analyzer makes it a term (lower case, stemmed).
    fn term_of(&self, field: Field, word: &str) -> Option<String> {
        let mut analyzer = self.index.tokenizer_for_field(field).ok()?;
        let mut stream = analyzer.token_stream(word);
        stream.advance().then(|| stream.token().text.clone())
    }
}

#[cfg(test)]
mod tests {
    use tantivy_fst::Automaton;

    use super::*;

    /// The walk stops at a space, a digit or a hyphen (a pair of words, a
    /// number: never a close spelling), and goes on through letters,
    /// accented ones too.
    #[test]
    fn the_walk_goes_into_words_only() {
        let dfa = LevenshteinAutomatonBuilder::new(2, true).build_dfa("karabakh");
        let within = Within(&dfa);
        let after = |text: &str| {
            text.bytes()
                .fold(within.start(), |state, byte| within.accept(&state, byte))
        };
        assert!(within.is_match(&after("garabagh")));
        assert!(within.can_match(&after("karabäk")));
        assert!(!within.can_match(&after("karabakh ")));
        assert!(!within.can_match(&after("karabak1")));
        assert!(!within.can_match(&after("kara-bakh")));
    }
}
