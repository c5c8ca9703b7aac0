//! The page by score of words whose every term is read without positions
//! (words, two-word phrases read as their pair, their spellings, in each
//! language's title and body, in any and/or shape), under any filter,
//! without scoring every match.
//!
//! tantivy skips what cannot reach the page (block-WAND) only for a query
//! that is one union of terms. A search is a tree (readings by language,
//! title or body, words all required, each filter a required clause), so
//! every match was scored: "humanitarian" in nine texts of ten scored nine
//! texts of ten. Here the words' terms are walked as one union: a text's
//! score is the sum of some of its matching terms' scores (those of the
//! readings it matches), so the union's score bounds it from above, and a
//! text the union's walk skips cannot reach the page. What the walk offers
//! is taken only if the tally marked it as a match (`tally.rs`: the words
//! and the filters), and, unless the words are themselves a union, scored
//! by the words' own query. Where the matches are a small share of a
//! segment, taking only what they allow would leave the walk little to
//! prune, so they are scored one by one.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Each segment's matches as the tally marked them (deleted texts unmarked).
pub(crate) type MatchedBySegment = HashMap<SegmentId, Arc<Matched>>;

/// One segment's matches: a bit per text, and how many are set.
#[derive(Debug, Default)]
pub(crate) struct Matched {
    pub words: Vec<u64>,
    pub count: usize,
}

impl Matched {
    fn has(&self, doc: DocId) -> bool {
        self.words
            .get(doc as usize / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// The marked texts from `from` on, in order.
    fn from(&self, from: DocId) -> impl Iterator<Item = DocId> + '_ {
        let first = from as usize / 64;
        self.words
            .iter()
            .enumerate()
            .skip(first)
            .flat_map(move |(i, &word)| {
                let word = if i == first {
                    word & (u64::MAX << (from % 64))
                } else {
                    word
                };
                Bits(word).map(move |bit| (i * 64) as DocId + bit)
            })
    }
}

/// The set bits of a word, lowest first.
pub(crate) struct Bits(pub u64);

impl Iterator for Bits {
    type Item = DocId;
    fn next(&mut self) -> Option<DocId> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

/// Below this share of a segment's texts matching (one in this many), the
/// matches are scored one by one rather than taken from the union's walk.
const FEW: usize = 16;

/// The terms of a query of words, each a leaf (a term, or a boosted one),
/// and whether the query is their union (its score then is the union's).
pub(crate) struct Terms {
    pub leaves: Vec<Box<dyn Query>>,
    pub is_union: bool,
}

/// `query`'s terms when every leaf is one term read without positions
/// (what block-WAND can walk); `None` for anything else (a longer phrase,
/// a symbol's phrase).
pub(crate) fn terms_of(query: &dyn Query) -> Option<Terms> {
    let mut terms = Terms {
        leaves: Vec::new(),
        is_union: true,
    };
    collect_terms(query, &mut terms, 0).then_some(terms)
}

/// How deep a query's clauses may nest (the parser's are four deep).
const DEPTH: usize = 16;

fn collect_terms(query: &dyn Query, terms: &mut Terms, depth: usize) -> bool {
    if depth > DEPTH {
        return false;
    }
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        if boolean.get_minimum_number_should_match() > 1 || boolean.clauses().is_empty() {
            terms.is_union = false;
        }
        return boolean.clauses().iter().all(|(occur, clause)| match occur {
            Occur::Should => collect_terms(clause.as_ref(), terms, depth + 1),
            Occur::Must => {
                terms.is_union = false;
                collect_terms(clause.as_ref(), terms, depth + 1)
            }
            // It scores nothing; the tally's marks leave out what it excludes.
            Occur::MustNot => {
                terms.is_union = false;
                true
            }
        });
    }
    // A boost hides its query but not its terms: one term, without positions.
    let mut count = 0;
    let mut positions = false;
    query.query_terms(&mut |_, needs_positions| {
        count += 1;
        positions |= needs_positions;
    });
    if count != 1 || positions {
        return false;
    }
    terms.leaves.push(query.box_clone());
    true
}

/// The page by score of `words` among the texts of `matched`, walked as
/// the union of their terms.
pub(crate) struct RankedWithin {
    pub words: Box<dyn Query>,
    pub terms: Terms,
    pub matched: Arc<MatchedBySegment>,
}

impl Clone for RankedWithin {
    fn clone(&self) -> RankedWithin {
        RankedWithin {
            words: self.words.box_clone(),
            terms: Terms {
                leaves: self
                    .terms
                    .leaves
                    .iter()
                    .map(|leaf| leaf.box_clone())
                    .collect(),
                is_union: self.terms.is_union,
            },
            matched: self.matched.clone(),
        }
    }
}

impl std::fmt::Debug for RankedWithin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RankedWithin")
            .field("words", &self.words)
            .field("segments", &self.matched.len())
            .finish()
    }
}

impl Query for RankedWithin {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let union = BooleanQuery::new(
            self.terms
                .leaves
                .iter()
                .map(|leaf| (Occur::Should, leaf.box_clone()))
                .collect(),
        );
        Ok(Box::new(RankedWithinWeight {
            union: union.weight(scoring)?,
            exact: match self.terms.is_union {
                true => None,
                false => Some(self.words.weight(scoring)?),
            },
            matched: self.matched.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.words.query_terms(visitor);
    }
}

struct RankedWithinWeight {
    union: Box<dyn Weight>,
    /// The words' own query, when the union only bounds its score.
    exact: Option<Box<dyn Weight>>,
    matched: Arc<MatchedBySegment>,
}

impl RankedWithinWeight {
    fn matched(&self, reader: &SegmentReader) -> Option<Arc<Matched>> {
        self.matched
            .get(&reader.segment_id())
            .filter(|m| m.count > 0)
            .cloned()
    }

    fn scoring(&self) -> &dyn Weight {
        self.exact.as_deref().unwrap_or(&*self.union)
    }
}

impl Weight for RankedWithinWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(matched) = self.matched(reader) else {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        };
        let mut scorer = MatchedScorer {
            inner: self.scoring().scorer(reader, boost)?,
            matched,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.matched(reader) {
            Some(matched) if matched.has(doc) => self.scoring().explain(reader, doc),
            _ => Err(TantivyError::InvalidArgument(format!(
                "text {doc} is not a match"
            ))),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(matched) = self.matched(reader) else {
            return Ok(());
        };
        let mut threshold = threshold;
        if matched.count * FEW >= reader.num_docs() as usize {
            // The union's walk skips blocks that cannot beat the page; what
            // it offers is taken only if it matched, with its own score.
            let mut exact = match &self.exact {
                Some(exact) => Some(exact.scorer(reader, 1.0)?),
                None => None,
            };
            return self
                .union
                .for_each_pruning(threshold, reader, &mut |doc, bound| {
                    if !matched.has(doc) {
                        return threshold;
                    }
                    let score = match exact.as_mut() {
                        None => bound,
                        Some(exact) => {
                            if exact.doc() < doc {
                                exact.seek(doc);
                            }
                            match exact.doc() == doc {
                                true => exact.score(),
                                false => return threshold,
                            }
                        }
                    };
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                    threshold
                });
        }
        let mut scorer = self.scoring().scorer(reader, 1.0)?;
        for doc in matched.from(0) {
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == TERMINATED {
                break;
            }
            if scorer.doc() == doc {
                let score = scorer.score();
                if score > threshold {
                    threshold = callback(doc, score);
                }
            }
        }
        Ok(())
    }
}

/// The words' texts that matched, in order (what tantivy's other
/// collectors would walk; the page uses `for_each_pruning`).
struct MatchedScorer {
    inner: Box<dyn Scorer>,
    matched: Arc<Matched>,
}

impl MatchedScorer {
    /// Moves on to the first text from here that is both offered and matched.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self.inner.doc();
            if doc == TERMINATED || self.matched.has(doc) {
                return doc;
            }
            let Some(next) = self.matched.from(doc + 1).next() else {
                return self.inner.seek(TERMINATED);
            };
            self.inner.seek(next);
        }
    }
}

impl DocSet for MatchedScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.matched.count).unwrap_or(u32::MAX)
    }
}

impl Scorer for MatchedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use tantivy::collector::{DocSetCollector, TopDocs};
    use tantivy::query::{ConstScoreQuery, QueryParser, TermQuery};
    use tantivy::schema::{IndexRecordOption, TantivyDocument};
    use tantivy::{DocAddress, Index, Term};

    use super::*;
    use crate::schema::{facet, language_slot, query_analyzers, register_analyzers, schema};
    use crate::tally::{SegmentTotals, Tally};

    const WORDS: [&str; 6] = ["security", "council", "nuclear", "the", "cyprus", "general"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        /// Texts in English and French of words drawn from a few, over
        /// segments, some deleted, with a filter matching a drawn share of
        /// them: the page by score of a word, two words, or a two-word
        /// phrase, read in both languages, is the page of tantivy's own
        /// query (the words, and the filter scoring nothing), score for
        /// score, and holds only matches; whether the matches are many (the
        /// union's walk) or few (scored one by one), and whether the union
        /// is the words' score or bounds it. (Issue 19: the page of the
        /// query's tree scored every match; it is now walked this way, so
        /// this is what it must still equal.)
        #[test]
        fn the_page_from_the_union_is_the_page_of_the_query(
            texts in proptest::collection::vec(
                (proptest::collection::vec(0..WORDS.len(), 0..4),
                 proptest::collection::vec(0..WORDS.len(), 0..30),
                 proptest::bool::ANY,
                 0..100u8),
                1..1500,
            ),
            filter_share in 0..=100u8,
            words in proptest::collection::vec(0..WORDS.len(), 1..3),
            phrase in proptest::bool::ANY,
            segments in 1..4usize,
            deleted_every in proptest::option::of(3..9usize),
            page in 1..40usize,
        ) {
            let (index, fields) = crate::testing::empty();
            let (en, fr) = (fields.texts[language_slot("en")], fields.texts[language_slot("fr")]);
            let text = |ids: &[usize]| ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let docs = texts.iter().map(|(title, body, french, draw)| {
                let mut doc = TantivyDocument::default();
                doc.add_text(en.title, text(title));
                doc.add_text(en.body, text(body));
                if *french {
                    doc.add_text(fr.body, text(&body.iter().rev().copied().collect::<Vec<_>>()));
                }
                doc.add_facet(fields.organ, facet(if *draw < filter_share { "S" } else { "A" }));
                doc
            });
            let searcher = crate::testing::spread(docs, segments, deleted_every, &fields, &index);
            // The words as a search reads them: each language's title and
            // body, a phrase as its pair.
            let typed = if phrase { format!("\"{}\"", text(&words)) } else { text(&words) };
            let readings: Vec<(Occur, Box<dyn Query>)> = [en, fr]
                .into_iter()
                .map(|t| {
                    let mut parser = QueryParser::new(index.schema(), vec![t.title, t.body], query_analyzers());
                    parser.set_conjunction_by_default();
                    parser.set_field_boost(t.title, 2.0);
                    let parsed = parser.parse_query_lenient(&typed).0;
                    (Occur::Should, crate::pairs::with_pairs(&*parsed, t, 2.0))
                })
                .collect();
            let words_query: Box<dyn Query> = Box::new(BooleanQuery::new(readings));
            let filter = TermQuery::new(
                Term::from_facet(fields.organ, &facet("S")),
                IndexRecordOption::Basic,
            );
            let query = BooleanQuery::new(vec![
                (Occur::Must, words_query.box_clone()),
                (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(filter), 0.0))),
            ]);
            let expected = searcher.search(&query, &TopDocs::with_limit(page).order_by_score()).unwrap();
            let matches: BTreeSet<DocAddress> = searcher.search(&query, &DocSetCollector).unwrap().into_iter().collect();

            let terms = terms_of(&*words_query).expect("words and pairs are terms");
            prop_assert_eq!(terms.is_union, words.len() == 1 || phrase);
            let budget = undoc_search::Budget::new(std::time::Duration::from_secs(60));
            let counted = searcher.search(&query, &Tally { totals: &SegmentTotals::default(), filter: None, budget: &budget }).unwrap();
            let within = RankedWithin { words: words_query.box_clone(), terms, matched: Arc::new(counted.matched) };
            let got = searcher.search(&within, &TopDocs::with_limit(page).order_by_score()).unwrap();

            prop_assert!(got.iter().all(|(_, a)| matches.contains(a)), "a text that does not match is on the page");
            prop_assert_eq!(got.len(), expected.len());
            for ((got, _), (want, _)) in got.iter().zip(&expected) {
                prop_assert!((got - want).abs() <= 1e-4 * want.abs().max(1.0), "score {} against {}", got, want);
            }
        }
    }

    /// Words and pairs are terms, a union when the words are alternatives;
    /// a phrase that needs positions is not: its page is the query's own.
    #[test]
    fn only_terms_without_positions_are_walked() {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let en = fields.texts[language_slot("en")];
        let mut parser =
            QueryParser::new(index.schema(), vec![en.title, en.body], query_analyzers());
        parser.set_conjunction_by_default();
        parser.set_field_boost(en.title, 2.0);
        let leaves = |typed: &str| {
            let parsed = parser.parse_query_lenient(typed).0;
            terms_of(&*crate::pairs::with_pairs(&*parsed, en, 2.0))
                .map(|t| (t.leaves.len(), t.is_union))
        };
        assert_eq!(leaves("nuclear"), Some((2, true)));
        assert_eq!(leaves("\"security council\""), Some((2, true)));
        assert_eq!(leaves("nuclear OR cyprus"), Some((4, true)));
        assert_eq!(leaves("nuclear cyprus"), Some((4, false)));
        assert_eq!(leaves("nuclear -cyprus"), Some((2, false)));
        assert_eq!(leaves("\"the security council\""), None);
    }
}
