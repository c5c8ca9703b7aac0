//! Adjacent word pairs: each language's title and body hold, beside their
//! words, the pairs of words that follow each other ("secur council"), so
//! that a two-word phrase is one term to look up instead of two position
//! lists to walk for every text holding both words. "Security Council" is in
//! nearly every text: checking its positions was 40 % of a search's time at
//! a million documents. (Elasticsearch's `index_phrases` does the same, in a
//! field of its own; here the pairs share the words' field, so that a text
//! is analysed once and held once while it waits to be indexed: a field of
//! their own made ingest 2.1 times slower, this 1.4.)
//!
//! The pairs are cut by the language's own analyzer, so a pair term is
//! exactly what a phrase of its two stems matches: two words at
//! consecutive positions of the same text. A pair sits at its first word's
//! position, so phrases of words, which look only at their words'
//! positions, match as before; queries are read with the words alone
//! (`schema::query_analyzers`).

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Score, Term, tokenizer::BoxTokenStream};

use crate::schema::TextFields;

/// The analyzer of a language's title and body: its words, as its own
/// analyzer cuts them, each preceded by the pair it ends.
#[derive(Clone)]
pub(crate) struct PairTokenizer {
    words: TextAnalyzer,
}

impl PairTokenizer {
    pub(crate) fn new(words: TextAnalyzer) -> PairTokenizer {
        PairTokenizer { words }
    }
}

/// The text of a pair term: the two words with a space between (no word
/// holds a space, so no single word reads as a pair).
fn pair_text(first: &str, second: &str) -> String {
    let mut pair = String::with_capacity(first.len() + 1 + second.len());
    pair.push_str(first);
    pair.push(' ');
    pair.push_str(second);
    pair
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairStream<'a> {
        PairStream {
            words: self.words.token_stream(text),
            current: Token::default(),
            word_next: false,
            previous: None,
        }
    }
}

/// Words and pairs as they come, holding two words at most.
pub(crate) struct PairStream<'a> {
    words: BoxTokenStream<'a>,
    current: Token,
    /// The pair just given is to be followed by its second word.
    word_next: bool,
    /// The last word given.
    previous: Option<Token>,
}

impl TokenStream for PairStream<'_> {
    fn advance(&mut self) -> bool {
        if std::mem::take(&mut self.word_next) {
            self.current = self.words.token().clone();
            return true;
        }
        if !self.words.advance() {
            return false;
        }
        let word = self.words.token();
        let pair = self.previous.as_ref().and_then(|first| {
            (word.position == first.position + 1).then(|| Token {
                offset_from: first.offset_from,
                offset_to: word.offset_to,
                // At its first word's position: positions only go forward.
                position: first.position,
                text: pair_text(&first.text, &word.text),
                position_length: 1,
            })
        });
        self.previous = Some(word.clone());
        match pair {
            Some(pair) => {
                self.current = pair;
                self.word_next = true;
            }
            None => self.current = word.clone(),
        }
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// `query` (the parser's reading of a query over one language's title and
/// body) with each phrase looked up as word pairs: a phrase of two words
/// becomes its pair's term in the title or the body (the title boosted as
/// the parser boosts it); a longer one keeps its position check, behind its
/// pairs' terms, so that positions are read only for the texts holding
/// every pair.
pub(crate) fn with_pairs(
    query: &dyn Query,
    fields: TextFields,
    title_boost: Score,
) -> Box<dyn Query> {
    if !fields.paired {
        return query.box_clone();
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query.box_clone();
    };
    if let Some((words, in_fields)) = phrase_in_title_or_body(boolean, fields) {
        let pair_in_either = |first: &str, second: &str| -> Box<dyn Query> {
            let text = pair_text(first, second);
            Box::new(BooleanQuery::new(
                in_fields
                    .iter()
                    .map(|&field| {
                        let term: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(field, &text),
                            IndexRecordOption::WithFreqs,
                        ));
                        let term = if field == fields.title {
                            Box::new(BoostQuery::new(term, title_boost))
                        } else {
                            term
                        };
                        (Occur::Should, term)
                    })
                    .collect(),
            ))
        };
        let mut pairs: Vec<Box<dyn Query>> = words
            .windows(2)
            .map(|two| pair_in_either(&two[0], &two[1]))
            .collect();
        return match pairs.len() {
            1 => pairs.remove(0),
            _ => Box::new(BooleanQuery::new(
                pairs
                    .into_iter()
                    .chain(std::iter::once(query.box_clone()))
                    .map(|q| (Occur::Must, q))
                    .collect(),
            )),
        };
    }
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| (*occur, with_pairs(clause.as_ref(), fields, title_boost)))
        .collect();
    let minimum = boolean.get_minimum_number_should_match();
    Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses, minimum,
    ))
}

/// The words of a phrase and the fields it is read in, when `query` is one
/// phrase read over the title and the body: every clause optional, each a
/// phrase of the same words (the title's may be boosted: a boost hides its
/// query, but not its terms, and only a phrase asks for positions).
fn phrase_in_title_or_body(
    query: &BooleanQuery,
    fields: TextFields,
) -> Option<(Vec<String>, Vec<Field>)> {
    let clauses = query.clauses();
    if clauses.is_empty() || query.get_minimum_number_should_match() > 1 {
        return None;
    }
    let mut words: Option<Vec<String>> = None;
    let mut in_fields = Vec::new();
    for (occur, clause) in clauses {
        if *occur != Occur::Should
            || clause.downcast_ref::<TermQuery>().is_some()
            || clause.downcast_ref::<BooleanQuery>().is_some()
        {
            return None;
        }
        let mut terms = Vec::new();
        let mut positions = true;
        let mut clause_fields = Vec::new();
        clause.query_terms(&mut |term, needs_positions| {
            positions &= needs_positions;
            terms.push(term.value().as_str().map(str::to_owned));
            clause_fields.push(term.field());
        });
        let field = clause_fields.first().copied()?;
        let one_text_field = clause_fields.iter().all(|&f| f == field)
            && (field == fields.title || field == fields.body);
        let these: Vec<String> = terms.into_iter().collect::<Option<_>>()?;
        if !positions || !one_text_field || these.len() < 2 || in_fields.contains(&field) {
            return None;
        }
        if words.as_ref().is_some_and(|w| *w != these) {
            return None;
        }
        words = Some(these);
        in_fields.push(field);
    }
    Some((words?, in_fields))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::QueryParser;
    use tantivy::schema::TantivyDocument;
    use tantivy::{Index, Searcher};

    use super::*;
    use crate::schema::{Fields, query_analyzers, register_analyzers, schema};

    const WORDS: [&str; 5] = ["security", "council", "the", "of", "general"];

    fn english(fields: &Fields) -> TextFields {
        fields.texts[crate::schema::language_slot("en")]
    }

    fn matches(searcher: &Searcher, query: &dyn Query) -> BTreeSet<(u32, u32)> {
        searcher
            .search(query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|a| (a.segment_ord, a.doc_id))
            .collect()
    }

    /// The query a user's phrase is parsed into, over the English title and body.
    fn parsed(fields: &Fields, index: &Index, text: &str) -> Box<dyn Query> {
        let t = english(fields);
        let mut parser = QueryParser::new(index.schema(), vec![t.title, t.body], query_analyzers());
        parser.set_conjunction_by_default();
        parser.set_field_boost(t.title, 2.0);
        parser.parse_query_lenient(text).0
    }

    #[test]
    fn a_two_word_phrase_is_one_term_read_without_positions() {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let query = with_pairs(
            &*parsed(&fields, &index, "\"Security Council\""),
            english(&fields),
            2.0,
        );
        let mut terms = Vec::new();
        query.query_terms(&mut |term, positions| {
            terms.push((
                term.value().as_str().unwrap_or_default().to_owned(),
                positions,
            ))
        });
        // The pair, in the title and in the body; no position list to walk.
        assert_eq!(
            terms,
            vec![
                ("secur council".to_owned(), false),
                ("secur council".to_owned(), false)
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Titles and bodies of words drawn from a few, and a phrase of two
        /// or three of them: the phrase read as pairs matches exactly the
        /// texts the phrase read with positions matches (never a pair across
        /// the title and the body, or across a gap).
        #[test]
        fn a_phrase_read_as_pairs_matches_what_its_positions_match(
            texts in proptest::collection::vec(
                (proptest::collection::vec(0..WORDS.len(), 0..4), proptest::collection::vec(0..WORDS.len(), 0..12)),
                1..40,
            ),
            phrase in proptest::collection::vec(0..WORDS.len(), 2..4),
        ) {
            let (schema, fields) = schema();
            let index = Index::create_in_ram(schema);
            register_analyzers(&index);
            let t = english(&fields);
            let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
            let words = |ids: &[usize]| ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            for (title, body) in &texts {
                let mut doc = TantivyDocument::default();
                doc.add_text(t.title, words(title));
                doc.add_text(t.body, words(body));
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
            let searcher = index.reader().unwrap().searcher();
            let query = parsed(&fields, &index, &format!("\"{}\"", words(&phrase)));
            let as_pairs = with_pairs(&*query, t, 2.0);
            prop_assert_eq!(matches(&searcher, &*as_pairs), matches(&searcher, &*query));
        }
    }
}
